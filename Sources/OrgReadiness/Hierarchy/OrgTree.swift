/// The organisation tree on the as-of date, built from the reporting chain (docs/hierarchy.md).
///
/// A node is a head's whole organisation: every analysed team whose leader's chain passes through
/// the head. A head is a person with at least one analysed team below them (a team leader with no
/// leaders reporting to them is not a head: their team belongs to their manager's node). Nodes are
/// named by the head's org unit, never by a person. The tree is opened from the top: while every
/// analysed team sits under one head who leads none of them directly, that head's organisation is
/// the whole organisation, and its direct reports' organisations are the top level. Nodes go down
/// to `levels` (the top level is level 1); deeper organisations belong to their level-`levels`
/// ancestor.
public struct OrgTree: Hashable, Sendable {
  public struct Node: Hashable, Sendable {
    /// The published id: the head's org unit id, made safe for a file name, with `-2`, `-3`, …
    /// when heads share an org unit (their nodes are in order of level, then of the parent's key).
    public var key: String
    /// The head's org unit name (its id when the export names none).
    public var name: String
    /// The head's org unit id, as the export writes it.
    public var orgUnitID: String?
    /// Index of the parent node in `nodes`; nil for the top level.
    public var parent: Int?
    /// 1 for the top level.
    public var level: Int
    /// Indices of the child nodes in `nodes`, in order of key.
    public var children: [Int]
    /// Every analysed team of the organisation (indices into the analysed teams), in order.
    public var teams: [Int]
    /// The node's own part: its teams in no child node (the head's own team and those of the
    /// team leaders reporting straight to the head, or everything below the deepest level).
    public var ownTeams: [Int]
  }

  /// Every node, parents before their children; the top level first, in order of key.
  public var nodes: [Node]
  /// The levels the tree goes down to (`hierarchy.levels`).
  public var levels: Int
  /// Indices of the top-level nodes.
  public var topLevel: [Int]
  /// Analysed teams left out of the tree because their leader's reporting chain breaks, by reason.
  public var teamsOutside: [ChainBreak: Int]
  /// Analysed teams in the tree: the sum of the top-level nodes' teams and `ownTeamsAtTop`.
  public var teamsInTree: Int
  /// Teams the top-level heads' own head leads, or whose leaders report to no head at all (the
  /// whole organisation's own part).
  public var ownTeamsAtTop: [Int]

  public static let empty = OrgTree(
    nodes: [], levels: 0, topLevel: [], teamsOutside: [:], teamsInTree: 0, ownTeamsAtTop: [])

  /// Builds the tree of `teams` (the analysed teams, by their leader) from `chains`, down to
  /// `levels`.
  public init(teams: [TeamSnapshot], chains: LeaderChains, levels: Int) {
    var outside: [ChainBreak: Int] = [:]
    var paths: [[Int]?] = []
    paths.reserveCapacity(teams.count)
    var isHead = [Bool](repeating: false, count: chains.people.count)
    for t in teams.indices {
      guard let path = chains.chain(of: teams[t].leaderID) else {
        if let reason = chains.broken[teams[t].leaderID] { outside[reason, default: 0] += 1 }
        paths.append(nil)
        continue
      }
      for p in path.dropLast() { isHead[p] = true }
      paths.append(path)
    }
    // Each placed team's heads from the top down (its own leader when they are a head).
    var headPaths: [[Int]?] = paths.map { $0?.filter { isHead[$0] } }
    // Open the tree from the top: strip a head every placed team sits under and who leads none of
    // them directly.
    while true {
      let placed = headPaths.compactMap { $0 }
      guard let first = placed.first?.first,
        placed.allSatisfy({ $0.first == first && $0.count > 1 })
      else { break }
      for i in headPaths.indices where headPaths[i] != nil { headPaths[i]?.removeFirst() }
    }
    // A trie over the truncated head paths; a team with an empty path is the top's own.
    struct Draft {
      var head: Int
      var parent: Int?
      var level: Int
      var children: [Int: Int] = [:]
      var teams: [Int] = []
      var ownTeams: [Int] = []
    }
    var drafts: [Draft] = []
    var top: [Int: Int] = [:]
    var ownAtTop: [Int] = []
    for (t, path) in headPaths.enumerated() {
      guard let path else { continue }
      let heads = path.prefix(levels)
      guard !heads.isEmpty else {
        ownAtTop.append(t)
        continue
      }
      var node: Int?
      for (depth, head) in heads.enumerated() {
        let next: Int
        if let parent = node {
          if let existing = drafts[parent].children[head] {
            next = existing
          } else {
            next = drafts.count
            drafts.append(Draft(head: head, parent: parent, level: depth + 1))
            drafts[parent].children[head] = next
          }
        } else if let existing = top[head] {
          next = existing
        } else {
          next = drafts.count
          drafts.append(Draft(head: head, parent: nil, level: 1))
          top[head] = next
        }
        drafts[next].teams.append(t)
        node = next
      }
      if let node { drafts[node].ownTeams.append(t) }
    }
    // Keys: the head's org unit id (safe for a file name), numbered when shared, assigned level by
    // level in order of (parent key, unit id, head id) so the numbering does not depend on input order.
    let people = chains.people
    func unitID(_ d: Draft) -> String { people[d.head].orgUnitID ?? "" }
    var keys = [String](repeating: "", count: drafts.count)
    var used = Set<String>()
    let maxLevel = drafts.map(\.level).max() ?? 0
    for level in stride(from: 1, through: maxLevel, by: 1) {
      let atLevel = drafts.indices.filter { drafts[$0].level == level }.sorted { a, b in
        let pa = drafts[a].parent.map { keys[$0] } ?? ""
        let pb = drafts[b].parent.map { keys[$0] } ?? ""
        if pa != pb { return pa < pb }
        if unitID(drafts[a]) != unitID(drafts[b]) { return unitID(drafts[a]) < unitID(drafts[b]) }
        return people[drafts[a].head].personID < people[drafts[b].head].personID
      }
      for d in atLevel {
        let base = OrgTree.fileSafe(unitID(drafts[d]).isEmpty ? "org" : unitID(drafts[d]))
        var key = base
        var n = 1
        while used.contains(key) {
          n += 1
          key = "\(base)-\(n)"
        }
        used.insert(key)
        keys[d] = key
      }
    }
    // Renumber: parents before children, the top level first, siblings in order of key.
    var order: [Int] = []
    var queue = top.values.sorted { keys[$0] < keys[$1] }
    let topDrafts = queue
    while !queue.isEmpty {
      order += queue
      queue = queue.flatMap { d in drafts[d].children.values.sorted { keys[$0] < keys[$1] } }
    }
    var newIndex = [Int](repeating: 0, count: drafts.count)
    for (i, d) in order.enumerated() { newIndex[d] = i }
    nodes = order.map { d in
      let draft = drafts[d]
      let person = people[draft.head]
      return Node(
        key: keys[d], name: person.orgUnitName ?? person.orgUnitID ?? keys[d], orgUnitID: person.orgUnitID,
        parent: draft.parent.map { newIndex[$0] }, level: draft.level,
        children: draft.children.values.map { newIndex[$0] }.sorted(), teams: draft.teams,
        ownTeams: draft.ownTeams)
    }
    self.levels = levels
    topLevel = topDrafts.map { newIndex[$0] }
    teamsOutside = outside
    teamsInTree = headPaths.filter { $0 != nil }.count
    ownTeamsAtTop = ownAtTop
  }

  init(
    nodes: [Node], levels: Int, topLevel: [Int], teamsOutside: [ChainBreak: Int], teamsInTree: Int,
    ownTeamsAtTop: [Int]
  ) {
    self.nodes = nodes
    self.levels = levels
    self.topLevel = topLevel
    self.teamsOutside = teamsOutside
    self.teamsInTree = teamsInTree
    self.ownTeamsAtTop = ownTeamsAtTop
  }

  /// A node key safe as a file name on every platform: letters, digits, `-`, `_` and `.` kept,
  /// anything else `_`, and never starting with a dot.
  static func fileSafe(_ id: String) -> String {
    var out = String(
      id.unicodeScalars.map { s -> Character in
        s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || "-_.".unicodeScalars.contains(s))
          ? Character(s) : "_"
      })
    if out.hasPrefix(".") { out = "_" + out.dropFirst() }
    return String(out.prefix(80))
  }
}
