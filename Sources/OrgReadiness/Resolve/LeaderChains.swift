/// Why a leader's reporting chain cannot place them in the organisation tree. The same problems the
/// resolve stage flags (`checkReportingChain`); a leader whose chain runs into one stays out of the
/// tree and is counted.
public enum ChainBreak: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
  /// The chain reaches a manager who is in no input.
  case unknownManager = "unknown_manager"
  /// The chain reaches a person recorded as their own manager.
  case selfManager = "self_manager"
  /// The chain loops.
  case reportingCycle = "reporting_cycle"

  public static func < (a: ChainBreak, b: ChainBreak) -> Bool { a.rawValue < b.rawValue }
}

/// The reporting chain above a set of leaders on the as-of date (leader → manager → … → top), with
/// each person's org unit: what the organisation tree is built from (docs/hierarchy.md). Only the
/// people on those chains are kept, so a million-person export hands on a few thousand entries.
public struct LeaderChains: Hashable, Sendable {
  public struct Person: Hashable, Sendable {
    public var personID: String
    /// Index of the manager in `people`; nil at the top of the chain.
    public var manager: Int?
    public var orgUnitID: String?
    public var orgUnitName: String?

    public init(personID: String, manager: Int?, orgUnitID: String?, orgUnitName: String?) {
      self.personID = personID
      self.manager = manager
      self.orgUnitID = orgUnitID
      self.orgUnitName = orgUnitName
    }
  }

  /// Everyone on the chains, managers before the people who report to them.
  public var people: [Person]
  /// Position in `people` of each leader asked about whose chain reaches a top.
  public var position: [String: Int]
  /// Leaders asked about whose chain breaks, with why.
  public var broken: [String: ChainBreak]

  public init(people: [Person], position: [String: Int], broken: [String: ChainBreak] = [:]) {
    self.people = people
    self.position = position
    self.broken = broken
  }

  /// The chain of a leader from the top down, as positions in `people` (the leader last); nil when
  /// the leader is unknown or their chain breaks.
  public func chain(of leaderID: String) -> [Int]? {
    guard var p = position[leaderID] else { return nil }
    var path = [p]
    while let m = people[p].manager {
      path.append(m)
      p = m
    }
    return path.reversed()
  }
}

extension ReportingLinks {
  /// The chains above `leaders`, followed through every person the job history resolved (active
  /// or not). A chain that reaches a manager in no input (`isKnown` false) or a person who is their
  /// own manager, or that loops, is broken; a manager known only from the directory ends the chain
  /// (they are its top).
  public func chains(above leaders: some Sequence<String>, isKnown: (String) -> Bool = { _ in false })
    -> LeaderChains
  {
    // 0: not seen, 1: on the current path, 2: placed, 3: broken.
    var state = [UInt8](repeating: 0, count: ids.count)
    var breakOf = [ChainBreak?](repeating: nil, count: ids.count)
    var placed = [Int32](repeating: -1, count: ids.count)
    var people: [LeaderChains.Person] = []
    func unit(_ p: Int) -> (String?, String?) {
      let u = Int(orgUnit[p])
      return u >= 0 ? (units[u].id, units[u].name) : (nil, nil)
    }
    for leader in leaders {
      guard let start = index[leader].map(Int.init), state[start] == 0 else { continue }
      var path: [Int] = []
      var current = start
      var outcome: ChainBreak?
      // Walk up until a placed or broken person, a top, or a loop.
      while true {
        if state[current] == 2 { break }
        if state[current] == 3 {
          outcome = breakOf[current]
          break
        }
        if state[current] == 1 {
          outcome = .reportingCycle
          break
        }
        state[current] = 1
        path.append(current)
        let m = Int(manager[current])
        if m < 0 || flags[current] & 1 == 0 { break }
        if m == current {
          outcome = .selfManager
          break
        }
        if flags[m] & 1 == 0 && !isKnown(ids[m]) {
          outcome = .unknownManager
          break
        }
        current = m
      }
      if let outcome {
        for p in path {
          state[p] = 3
          breakOf[p] = outcome
        }
        continue
      }
      // Place the path from its top down, so managers come first. A person the job history does
      // not hold (a manager known only from the directory) has no manager: the chain's top.
      for p in path.reversed() {
        let m = Int(manager[p])
        let (id, name) = unit(p)
        placed[p] = Int32(people.count)
        people.append(
          LeaderChains.Person(
            personID: ids[p], manager: m >= 0 && placed[m] >= 0 ? Int(placed[m]) : nil, orgUnitID: id,
            orgUnitName: name))
        state[p] = 2
      }
    }
    var position: [String: Int] = [:]
    var broken: [String: ChainBreak] = [:]
    for leader in leaders {
      guard let p = index[leader].map(Int.init) else { continue }
      if placed[p] >= 0 {
        position[leader] = Int(placed[p])
      } else if let b = breakOf[p] {
        broken[leader] = b
      }
    }
    return LeaderChains(people: people, position: position, broken: broken)
  }
}
