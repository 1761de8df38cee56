extension Report {
  /// The organisation tree from the reporting chain, with every shown node's rolled-up figures
  /// (docs/hierarchy.md). Hidden nodes are left out and counted.
  public struct Organisations: Codable, Hashable, Sendable {
    /// The levels the tree goes down to (`hierarchy.levels`).
    public var levels: Int
    /// Keys of the shown top-level organisations, in the report's order (most act-now units first).
    public var topLevel: [String]
    /// Shown organisations, parents before their children.
    public var nodes: [Organisation]
    /// Organisations hidden by the privacy rules (with their subtrees).
    public var suppressed: Int
    /// Analysed teams placed in the tree.
    public var teamsInTree: Int
    /// Analysed teams left out because their leader's reporting chain breaks, by reason.
    public var teamsOutside: [String: Int]

    enum CodingKeys: String, CodingKey {
      case levels
      case topLevel = "top_level"
      case nodes, suppressed
      case teamsInTree = "teams_in_tree"
      case teamsOutside = "teams_outside"
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(levels, forKey: .levels)
      try c.encode(topLevel, forKey: .topLevel)
      // report.json leaves the nodes to organisations.jsonl (ReportJSON): not encoded twice.
      if encoder.userInfo[ReportJSON.longListsElsewhere] as? Bool != true { try c.encode(nodes, forKey: .nodes) }
      try c.encode(suppressed, forKey: .suppressed)
      try c.encode(teamsInTree, forKey: .teamsInTree)
      try c.encode(teamsOutside, forKey: .teamsOutside)
    }

    /// The shown organisation with `key`.
    public func node(_ key: String) -> Organisation? { nodes.first { $0.key == key } }
  }

  /// One organisation: a head's whole organisation, named by the head's org unit.
  public struct Organisation: Codable, Hashable, Sendable {
    public var key: String
    public var name: String
    public var orgUnit: String?
    public var parent: String?
    public var level: Int
    /// Shown child organisations, in the report's order.
    public var children: [String]
    /// Child organisations hidden by the privacy rules.
    public var hiddenChildren: Int
    public var teams: Int
    public var newLeaders: Int
    public var earlyInRoleShare: Double
    public var people: Int
    /// Shown org units whose teams all lie in this organisation, by tier.
    public var actNowUnits: Int
    public var watchUnits: Int
    public var fineUnits: Int
    public var excess: Double?
    public var excessCILow: Double?
    public var excessCIHigh: Double?
    public var trend: Double?
    public var bottleneckIndex: Double?
    public var disengagementIndex: Double?
    /// Up to three shown units of the organisation to support first (act now or watch), in the
    /// priority list's order: their org unit ids.
    public var topUnits: [String]
    /// Shown org units whose home is this organisation itself (not one of its children): their
    /// org unit ids, in the priority list's order. An organisation's units are these and its
    /// children's.
    public var units: [String]

    enum CodingKeys: String, CodingKey {
      case key, name, units
      case orgUnit = "org_unit"
      case parent, level, children
      case hiddenChildren = "hidden_children"
      case teams
      case newLeaders = "new_leaders"
      case earlyInRoleShare = "early_in_role_share"
      case people
      case actNowUnits = "act_now_units"
      case watchUnits = "watch_units"
      case fineUnits = "fine_units"
      case excess
      case excessCILow = "excess_ci_low"
      case excessCIHigh = "excess_ci_high"
      case trend
      case bottleneckIndex = "bottleneck_index"
      case disengagementIndex = "disengagement_index"
      case topUnits = "top_units"
    }
  }

  /// How many units of the top list an organisation names.
  public static let organisationTopUnits = 3

  /// The shown organisations of `hierarchy` (nodes in `hiddenNodes` left out), with tier counts and
  /// top units over the shown `priorities` (in their order). Siblings are ordered by act-now units,
  /// then watch units, then key.
  static func organisations(
    _ hierarchy: OrgHierarchy, hiddenNodes: Set<Int>, priorities: [Priority]
  ) -> Organisations {
    let tree = hierarchy.tree
    var tiers = [[Int]](repeating: [0, 0, 0], count: tree.nodes.count)
    var top = [[String]](repeating: [], count: tree.nodes.count)
    var homeUnits = [[String]](repeating: [], count: tree.nodes.count)
    for p in priorities {
      guard let home = hierarchy.unitHome[p.orgUnit] else { continue }
      homeUnits[home].append(p.orgUnit)
      for n in tree.ancestry(of: home) {
        tiers[n][p.tier.ordinal] += 1
        if p.tier != .fine && top[n].count < organisationTopUnits { top[n].append(p.orgUnit) }
      }
    }
    func order(_ a: Int, _ b: Int) -> Bool {
      if tiers[a][0] != tiers[b][0] { return tiers[a][0] > tiers[b][0] }
      if tiers[a][1] != tiers[b][1] { return tiers[a][1] > tiers[b][1] }
      return tree.nodes[a].key < tree.nodes[b].key
    }
    let nodes = tree.nodes.indices.filter { !hiddenNodes.contains($0) }.map { n -> Organisation in
      let node = tree.nodes[n]
      let f = hierarchy.figures[n]
      let shownChildren = node.children.filter { !hiddenNodes.contains($0) }.sorted(by: order)
      return Organisation(
        key: node.key, name: node.name, orgUnit: node.orgUnitID, parent: node.parent.map { tree.nodes[$0].key },
        level: node.level, children: shownChildren.map { tree.nodes[$0].key },
        hiddenChildren: node.children.count - shownChildren.count, teams: f.teams, newLeaders: f.newLeaders,
        earlyInRoleShare: f.teams > 0 ? Double(f.newLeaders) / Double(f.teams) : 0, people: Int(f.people.rounded()),
        actNowUnits: tiers[n][0], watchUnits: tiers[n][1], fineUnits: tiers[n][2], excess: f.excess.value,
        excessCILow: f.excessInterval?.low, excessCIHigh: f.excessInterval?.high, trend: f.trend.value,
        bottleneckIndex: f.bottleneckIndex.value, disengagementIndex: f.disengagementIndex.value, topUnits: top[n],
        units: homeUnits[n])
    }
    var outside: [String: Int] = [:]
    for (reason, teams) in tree.teamsOutside { outside[reason.rawValue] = teams }
    return Organisations(
      levels: tree.levels,
      topLevel: tree.topLevel.filter { !hiddenNodes.contains($0) }.sorted(by: order).map { tree.nodes[$0].key },
      nodes: nodes, suppressed: hiddenNodes.count, teamsInTree: tree.teamsInTree, teamsOutside: outside)
  }
}
