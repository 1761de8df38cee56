/// One leader's team in the restricted analyst view. Carries the raw leader id only so the
/// analyst view can replace it with a keyed pseudonym; it is never written out as is.
public struct LeaderPriority: Hashable, Sendable {
  public var leaderID: String
  public var team: TeamPriority
}

/// A team's place in the restricted analyst view, without its leader's identity.
public struct TeamPriority: Hashable, Sendable {
  public var orgUnitID: String
  public var orgUnitName: String
  public var cohort: Cohort
  public var daysInRole: Int
  public var headcount: Double?
  public var linkedComposite: Double?
  public var linkedTrend: Double?
  public var bottleneckIndex: Double?
  public var disengagementIndex: Double?
  public var tier: SupportTier
  public var supports: [String]
  /// Raw window means, and the values scored (shrunken when the analysis provides them).
  public var rawValues: [Double?]
  public var scoredValues: [Double?]
}

/// The analyst view: every analysed team, tiered like the units (act now: early in role and
/// clearly worse on the linked indicators; watch: clearly worse, or early in role and half-way
/// there; fine: the rest), most urgent first.
/// `matcher` is the playbook resolved to the indicators the teams were scored on.
func leaderPriorities(
  _ scoredTeams: [ScoredTeam], values: [[Double?]], settings: PrioritySettings, matcher: SupportPlaybook.Matcher
) -> [LeaderPriority] {
  @Sendable func row(_ index: Int) -> LeaderPriority {
    let scored = scoredTeams[index]
    let team = scored.team
    let composite = scored.linkedComposite ?? 0
    let isNew = team.daysInRole <= settings.newLeaderDays
    let tier: SupportTier =
      isNew && composite >= settings.clearlyWorse
      ? .actNow
      : (composite >= settings.clearlyWorse || (isNew && composite >= settings.clearlyWorse / 2) ? .watch : .fine)
    return LeaderPriority(
      leaderID: team.leaderID,
      team: TeamPriority(
        orgUnitID: team.orgUnitID, orgUnitName: team.orgUnitName, cohort: team.cohort, daysInRole: team.daysInRole,
        headcount: team.headcount, linkedComposite: scored.linkedComposite, linkedTrend: scored.linkedTrend,
        bottleneckIndex: scored.bottleneckIndex, disengagementIndex: scored.disengagementIndex, tier: tier,
        supports: matcher.recommend(levels: scored.levels, trends: scored.trends).prefix(2).map(\.support.title),
        rawValues: team.values, scoredValues: values[index]))
  }
  // Teams are independent: worked out in chunks on both cores.
  let rows = mapChunks(count: scoredTeams.count) { $0.map(row) }.flatMap { $0 }
  // Positions are sorted rather than the rows, which are large: each row is then copied once.
  let order = rows.indices.sorted { a, b in
    if rows[a].team.tier != rows[b].team.tier { return rows[a].team.tier < rows[b].team.tier }
    let ca = rows[a].team.linkedComposite ?? -.infinity
    let cb = rows[b].team.linkedComposite ?? -.infinity
    if ca != cb { return ca > cb }
    return rows[a].leaderID < rows[b].leaderID
  }
  return order.map { rows[$0] }
}
