/// One team's position against the organisation's baseline, oriented so higher is worse.
public struct ScoredTeam: Hashable, Sendable {
  public var team: TeamSnapshot
  /// Oriented robust score per indicator (nil: no value, no spread, or family `other`).
  public var levels: [Double?]
  /// Oriented change against the previous window, in robust SDs (nil without both windows).
  public var trends: [Double?]
  /// Weighted mean level over the indicators linked to time in role (nil when none is linked or
  /// the team has none of them).
  public var linkedComposite: Double?
  /// Weighted mean trend over the linked indicators.
  public var linkedTrend: Double?
  /// Mean level over all bottleneck indicators, and over all disengagement indicators.
  public var bottleneckIndex: Double?
  public var disengagementIndex: Double?
}

/// Weights of the linked composite: the two families share the weight equally (all of it when
/// only one family is linked), split equally among each family's linked indicators.
public func compositeWeights(indicators: [Indicator], linked: Set<String>) -> [Double] {
  let families: [IndicatorFamily] = [.bottleneck, .disengagement]
  let counts = families.map { f in indicators.filter { $0.family == f && linked.contains($0.name) }.count }
  let present = counts.filter { $0 > 0 }.count
  return indicators.map { indicator in
    guard linked.contains(indicator.name), let f = families.firstIndex(of: indicator.family), counts[f] > 0
    else { return 0 }
    return 1 / Double(present) / Double(counts[f])
  }
}

/// The indicators the analysis links to time in role: q < 0.05, and newer leaders' teams worse
/// (rho of the oriented value against time in role below zero).
public func linkedIndicators(_ correlations: [CorrelationResult], level: Double = 0.05) -> Set<String> {
  Set(
    correlations.filter { c in
      guard let q = c.q, let rho = c.rho, q < level, c.indicator.family != .other else { return false }
      return rho * c.indicator.worseWhen.sign < 0
    }.map(\.indicator.name))
}

/// Scores every team's `values` (raw or shrunken window values, aligned with `indicators`)
/// against the organisation's baselines.
public func scoreTeams(
  _ teams: [TeamSnapshot], values: [[Double?]], indicators: [Indicator], baselines: [Baseline?],
  linked: Set<String>
) -> [ScoredTeam] {
  let weights = compositeWeights(indicators: indicators, linked: linked)
  return zip(teams, values).map { team, teamValues in
    var levels = [Double?](repeating: nil, count: indicators.count)
    var trends = [Double?](repeating: nil, count: indicators.count)
    var bottleneck: [Double] = []
    var disengagement: [Double] = []
    var composite = 0.0
    var compositeWeight = 0.0
    var trend = 0.0
    var trendWeight = 0.0
    for (i, indicator) in indicators.enumerated() where indicator.family != .other {
      guard let baseline = baselines[i] else { continue }
      if let value = teamValues[i], let z = baseline.orientedScore(value, worseWhen: indicator.worseWhen) {
        levels[i] = z
        if indicator.family == .bottleneck { bottleneck.append(z) } else { disengagement.append(z) }
        composite += weights[i] * z
        compositeWeight += weights[i]
      }
      if let now = team.values[i], let before = team.priorValues[i], let spread = baseline.spread, spread > 0 {
        let change = max(-3, min(3, indicator.worseWhen.sign * (now - before) / spread))
        trends[i] = change
        trend += weights[i] * change
        trendWeight += weights[i]
      }
    }
    return ScoredTeam(
      team: team, levels: levels, trends: trends,
      linkedComposite: compositeWeight > 0 ? composite / compositeWeight : nil,
      linkedTrend: trendWeight > 0 ? trend / trendWeight : nil,
      bottleneckIndex: mean(bottleneck), disengagementIndex: mean(disengagement))
  }
}
