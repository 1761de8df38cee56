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
func leaderPriorities(
  _ scoredTeams: [ScoredTeam], indicators: [Indicator], values: [[Double?]], settings: PrioritySettings,
  playbook: SupportPlaybook
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
    var levels: [String: Double] = [:]
    var trends: [String: Double] = [:]
    for (i, indicator) in indicators.enumerated() {
      if let z = scored.levels[i] { levels[indicator.name] = z }
      if let t = scored.trends[i] { trends[indicator.name] = t }
    }
    return LeaderPriority(
      leaderID: team.leaderID,
      team: TeamPriority(
        orgUnitID: team.orgUnitID, orgUnitName: team.orgUnitName, cohort: team.cohort, daysInRole: team.daysInRole,
        headcount: team.headcount, linkedComposite: scored.linkedComposite, linkedTrend: scored.linkedTrend,
        bottleneckIndex: scored.bottleneckIndex, disengagementIndex: scored.disengagementIndex, tier: tier,
        supports: playbook.recommend(levels: levels, trends: trends).prefix(2).map(\.support.title),
        rawValues: team.values, scoredValues: values[index]))
  }
  // Teams are independent: worked out in chunks on both cores, each chunk into its own slot,
  // gathered in order.
  let chunk = 4096
  let chunks = (scoredTeams.count + chunk - 1) / chunk
  let results = ParallelResults<[LeaderPriority]>(count: chunks)
  concurrentPerform(iterations: chunks) { c in
    results.set(c, (c * chunk..<min(scoredTeams.count, (c + 1) * chunk)).map(row))
  }
  let rows = results.values.flatMap { $0 ?? [] }
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
