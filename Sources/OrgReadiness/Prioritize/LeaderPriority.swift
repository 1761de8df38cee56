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
  let tiers = scoredTeams.map { scored in
    let composite = scored.linkedComposite ?? 0
    let isNew = scored.team.daysInRole <= settings.newLeaderDays
    return isNew && composite >= settings.clearlyWorse
      ? SupportTier.actNow
      : (composite >= settings.clearlyWorse || (isNew && composite >= settings.clearlyWorse / 2) ? .watch : .fine)
  }
  // The order is decided first, on the teams' positions; each row is then made once, in place.
  let order = scoredTeams.indices.sorted { a, b in
    if tiers[a] != tiers[b] { return tiers[a] < tiers[b] }
    let ca = scoredTeams[a].linkedComposite ?? -.infinity
    let cb = scoredTeams[b].linkedComposite ?? -.infinity
    if ca != cb { return ca > cb }
    return scoredTeams[a].team.leaderID < scoredTeams[b].team.leaderID
  }
  // Teams are independent: worked out in chunks on both cores. A team's fields are read in place
  // (the scored team is not copied as a whole).
  return parallelMap(count: order.count) { k in
    let index = order[k]
    return LeaderPriority(
      leaderID: scoredTeams[index].team.leaderID,
      team: TeamPriority(
        orgUnitID: scoredTeams[index].team.orgUnitID, orgUnitName: scoredTeams[index].team.orgUnitName,
        cohort: scoredTeams[index].team.cohort, daysInRole: scoredTeams[index].team.daysInRole,
        headcount: scoredTeams[index].team.headcount, linkedComposite: scoredTeams[index].linkedComposite,
        linkedTrend: scoredTeams[index].linkedTrend, bottleneckIndex: scoredTeams[index].bottleneckIndex,
        disengagementIndex: scoredTeams[index].disengagementIndex, tier: tiers[index],
        supports: matcher.recommend(levels: scoredTeams[index].levels, trends: scoredTeams[index].trends).prefix(2)
          .map(\.support.title),
        rawValues: scoredTeams[index].team.values, scoredValues: values[index]))
  }
}
