/// Applies a person directory's current status to the people resolved from job history: a
/// directory's `isActive` and `isPeopleLeader`, where given, describe the person now and win.
public func applyDirectory(_ directory: [PersonRecord], to people: inout [String: PersonState]) {
  for record in directory {
    guard var state = people[record.personID] else { continue }
    if let active = record.isActive { state.isActive = active }
    if let leader = record.isPeopleLeader {
      state.isPeopleLeader = leader
      state.isPeopleLeaderSet = true
    }
    if state.personName == nil { state.personName = record.personName }
    people[record.personID] = state
  }
}

/// The direct-reports rule: a person whose leader flag no event set leads people exactly when at
/// least one active person reports to them on the as-of date.
public func applyDirectReportsRule(to people: inout [String: PersonState]) {
  var managers = Set<String>()
  for state in people.values where state.isActive {
    if let manager = state.managerID, manager != state.personID { managers.insert(manager) }
  }
  for id in people.keys where people[id]?.isPeopleLeaderSet == false {
    people[id]?.isPeopleLeader = managers.contains(id)
  }
}

/// Checks the reporting chain of the active people on the as-of date and flags (never rejects)
/// what is wrong with it: a manager who is in no input (`unknown_manager`), a person who is their
/// own manager (`self_manager`), and cycles (`reporting_cycle`), once per person in the cycle.
/// The records stay in use: time in role does not depend on the chain.
public func checkReportingChain(_ people: [String: PersonState], knownPeople: Set<String>) -> [FlaggedRecord] {
  var flags: [FlaggedRecord] = []
  let ids = people.keys.sorted()
  func location(_ state: PersonState) -> SourceLocation {
    state.managerLocation ?? SourceLocation(input: 0, line: 0)
  }
  for id in ids {
    guard let state = people[id], state.isActive, let manager = state.managerID else { continue }
    if manager == id {
      flags.append(
        FlaggedRecord(
          location: location(state), recordKey: id, field: "manager_id", check: "self_manager",
          reason: "the person is recorded as their own manager"))
    } else if !knownPeople.contains(manager) {
      flags.append(
        FlaggedRecord(
          location: location(state), recordKey: id, field: "manager_id", check: "unknown_manager",
          reason: "manager \(manager) is in no input (not in the job history or directory); the record is kept"))
    }
  }
  // Cycles: follow manager links among active people; every node is visited once.
  var state: [String: UInt8] = [:]  // 1 on the current path, 2 done
  for start in ids {
    guard state[start] == nil else { continue }
    var path: [String] = []
    var current: String? = start
    while let id = current, state[id] == nil, let person = people[id], person.isActive {
      state[id] = 1
      path.append(id)
      guard let next = person.managerID, next != id else { break }
      current = next
      if state[next] == 1, let begin = path.firstIndex(of: next) {
        let cycle = Array(path[begin...])
        let text = (cycle + [next]).joined(separator: " → ")
        for member in cycle {
          guard let memberState = people[member] else { continue }
          flags.append(
            FlaggedRecord(
              location: location(memberState), recordKey: member, field: "manager_id", check: "reporting_cycle",
              reason: "the reporting chain loops: \(text)"))
        }
        break
      }
    }
    for id in path { state[id] = 2 }
  }
  return flags
}
