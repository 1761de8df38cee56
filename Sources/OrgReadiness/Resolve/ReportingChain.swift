/// Applies a person directory's current status to the people resolved from job history: a
/// directory's `isActive` and `isPeopleLeader`, where given, describe the person now and win.
public func applyDirectory(_ directory: [PersonRecord], to people: inout [String: PersonState]) {
  for record in directory {
    guard var state = people[record.personID] else { continue }
    apply(record, to: &state)
    people[record.personID] = state
  }
}

/// One directory record over one person's resolved state.
func apply(_ record: PersonRecord, to state: inout PersonState) {
  if let active = record.isActive { state.isActive = active }
  if let leader = record.isPeopleLeader {
    state.isPeopleLeader = leader
    state.isPeopleLeaderSet = true
    state.leaderLocation = record.location
  }
  if state.personName == nil { state.personName = record.personName }
}

/// The direct-reports rule: a person whose leader flag no event set leads people exactly when at
/// least one active person reports to them on the as-of date.
public func applyDirectReportsRule(to people: inout [String: PersonState]) {
  var links = ReportingLinks()
  for state in people.values { links.add(state) }
  for (id, leads) in links.directReportsRule() { people[id]?.isPeopleLeader = leads }
}

/// Checks the reporting chain of the active people on the as-of date and flags (never rejects)
/// what is wrong with it: a manager who is in no input (`unknown_manager`), a person who is their
/// own manager (`self_manager`), and cycles (`reporting_cycle`), once per person in the cycle.
/// The records stay in use: time in role does not depend on the chain.
public func checkReportingChain(_ people: [String: PersonState], knownPeople: Set<String>) -> [FlaggedRecord] {
  var links = ReportingLinks()
  for state in people.values { links.add(state) }
  return links.check(isKnown: knownPeople.contains)
}

/// Everyone's place in the reporting chain, compactly (about 40 bytes a person rather than a whole
/// `PersonState`), so that a million-person run can apply the direct-reports rule and check the
/// chain without keeping every person's full state.
public struct ReportingLinks: Sendable {
  var ids: [String] = []
  var index: [String: Int32] = [:]
  var manager: [Int32] = []
  /// Bit 0: a resolved person. Bit 1: active. Bit 2: leads people. Bit 3: the leader flag was set.
  var flags: [UInt8] = []
  /// Each person's org unit on the as-of date: an index into `units` (-1 when none is recorded).
  var orgUnit: [Int32] = []
  /// The org units seen, with the latest name seen for each.
  var units: [(id: String, name: String?)] = []
  private var unitIndex: [String: Int32] = [:]
  private var location: [SourceLocation] = []
  /// Where each person's leader flag was set.
  private var leaderLocation: [SourceLocation] = []

  public init() {}

  /// Links with room for `minimumCapacity` people, so a large run's tables do not grow by copying.
  public init(minimumCapacity: Int) {
    ids.reserveCapacity(minimumCapacity)
    index.reserveCapacity(minimumCapacity)
    manager.reserveCapacity(minimumCapacity)
    flags.reserveCapacity(minimumCapacity)
    orgUnit.reserveCapacity(minimumCapacity)
    location.reserveCapacity(minimumCapacity)
    leaderLocation.reserveCapacity(minimumCapacity)
  }

  /// People resolved from the job history.
  public var count: Int { flags.reduce(0) { $0 + Int($1 & 1) } }

  private mutating func slot(_ id: String) -> Int32 {
    // An id not seen yet takes the next slot.
    let new = Int32(ids.count)
    let existing = index.firstValue(for: id, storing: new)
    guard existing == new else { return existing }
    ids.append(id)
    manager.append(-1)
    flags.append(0)
    orgUnit.append(-1)
    location.append(SourceLocation(input: 0, line: 0))
    leaderLocation.append(SourceLocation(input: 0, line: 0))
    return new
  }

  /// Adds a resolved person (their manager is added as an id too).
  public mutating func add(_ state: PersonState) {
    let me = Int(slot(state.personID))
    manager[me] = state.managerID.map { slot($0) } ?? -1
    flags[me] = 1 | (state.isActive ? 2 : 0) | (state.isPeopleLeader ? 4 : 0) | (state.isPeopleLeaderSet ? 8 : 0)
    location[me] = state.managerLocation ?? SourceLocation(input: 0, line: 0)
    leaderLocation[me] = state.leaderLocation ?? state.managerLocation ?? SourceLocation(input: 0, line: 0)
    if let unit = state.orgUnitID {
      let next = Int32(units.count)
      let u = unitIndex.firstValue(for: unit, storing: next)
      if u == next { units.append((unit, nil)) }
      if let name = state.orgUnitName { units[Int(u)].name = name }
      orgUnit[me] = u
    }
  }

  /// For each person, whether an active person reports to them on the as-of date.
  private func hasActiveDirectReports() -> [Bool] {
    var isManager = [Bool](repeating: false, count: ids.count)
    for p in ids.indices where flags[p] & 3 == 3 && manager[p] >= 0 && Int(manager[p]) != p {
      isManager[Int(manager[p])] = true
    }
    return isManager
  }

  /// Active people who lead people on the as-of date. With `directReportsDecide`, a person whose
  /// leader flag no event set leads exactly when an active person reports to them.
  public func activeLeaders(directReportsDecide: Bool) -> Int {
    let isManager = directReportsDecide ? hasActiveDirectReports() : []
    var leaders = 0
    for p in ids.indices where flags[p] & 3 == 3 {
      let leads = flags[p] & 8 == 0 && directReportsDecide ? isManager[p] : flags[p] & 4 != 0
      if leads { leaders += 1 }
    }
    return leaders
  }

  /// A few person ids, in order of id, to show what the job history's ids look like.
  public func exampleIDs(_ n: Int) -> [String] {
    Array(ids.indices.filter { flags[$0] & 1 != 0 }.map { ids[$0] }.sorted().prefix(n))
  }

  /// Cross-checks the leader rule against the reporting lines, for active people whose leader
  /// flag the rule set: someone with an active direct report the rule calls "not a leader" is
  /// flagged `direct_reports_not_leader`, someone the rule calls a leader with none is flagged
  /// `leader_without_direct_reports`. Nothing is checked when no active person has a manager
  /// (the export names no managers, so reporting lines say nothing).
  public func leaderCrossCheck() -> [FlaggedRecord] {
    guard ids.indices.contains(where: { flags[$0] & 3 == 3 && manager[$0] >= 0 }) else { return [] }
    let isManager = hasActiveDirectReports()
    var out: [FlaggedRecord] = []
    for p in ids.indices.sorted(by: { ids[$0] < ids[$1] }) where flags[p] & 11 == 11 {
      let leads = flags[p] & 4 != 0
      if isManager[p] && !leads {
        out.append(
          FlaggedRecord(
            location: leaderLocation[p], recordKey: ids[p], field: "is_people_leader",
            check: "direct_reports_not_leader",
            reason: "active people report to this person, but the leader rule says they do not lead people"))
      } else if leads && !isManager[p] {
        out.append(
          FlaggedRecord(
            location: leaderLocation[p], recordKey: ids[p], field: "is_people_leader",
            check: "leader_without_direct_reports",
            reason: "the leader rule says this person leads people, but no active person reports to them"))
      }
    }
    return out
  }

  /// People whose leader flag no event set, with whether an active person reports to them.
  public func directReportsRule() -> [(id: String, leads: Bool)] {
    let isManager = hasActiveDirectReports()
    return ids.indices.filter { flags[$0] & 1 != 0 && flags[$0] & 8 == 0 }.map { (ids[$0], isManager[$0]) }
  }

  /// The chain's flags (see `checkReportingChain`), people taken in order of id.
  public func check(isKnown: (String) -> Bool) -> [FlaggedRecord] {
    var out: [FlaggedRecord] = []
    let order = ids.indices.filter { flags[$0] & 1 != 0 }.sorted { ids[$0] < ids[$1] }
    func isActivePerson(_ p: Int) -> Bool { flags[p] & 3 == 3 }
    for p in order where isActivePerson(p) && manager[p] >= 0 {
      let m = Int(manager[p])
      if m == p {
        out.append(
          FlaggedRecord(
            location: location[p], recordKey: ids[p], field: "manager_id", check: "self_manager",
            reason: "the person is recorded as their own manager"))
      } else if !(flags[m] & 1 != 0 || isKnown(ids[m])) {
        out.append(
          FlaggedRecord(
            location: location[p], recordKey: ids[p], field: "manager_id", check: "unknown_manager",
            reason: "manager \(ids[m]) is in no input (not in the job history or directory); the record is kept"))
      }
    }
    // Cycles: follow manager links among active people; every node is visited once.
    var state = [UInt8](repeating: 0, count: ids.count)  // 1 on the current path, 2 done
    for start in order where state[start] == 0 {
      var path: [Int] = []
      var current = start
      while state[current] == 0, isActivePerson(current) {
        state[current] = 1
        path.append(current)
        let next = Int(manager[current])
        guard next >= 0, next != current else { break }
        if state[next] == 1, let begin = path.firstIndex(of: next) {
          let cycle = Array(path[begin...])
          let text = (cycle + [next]).map { ids[$0] }.joined(separator: " → ")
          for member in cycle {
            out.append(
              FlaggedRecord(
                location: location[member], recordKey: ids[member], field: "manager_id", check: "reporting_cycle",
                reason: "the reporting chain loops: \(text)"))
          }
          break
        }
        current = next
      }
      for p in path { state[p] = 2 }
    }
    return out
  }
}
