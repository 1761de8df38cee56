/// One team's position against the organisation's baseline, oriented so higher is worse.
public struct ScoredTeam: Hashable, Sendable {
  public var team: TeamSnapshot
  /// Oriented robust score per indicator (nil: no value, no spread, or not scored).
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

/// Weights of the linked composite (`linked`: the indicators whose `TimeInRoleLink` is `linked`,
/// which are all scored): the two families share the weight equally (all of it when
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

/// Scores every team's `values` (raw or shrunken window values, aligned with `indicators`)
/// against the organisation's baselines. The composites are `compositeIndex`es over the same
/// values: the linked composite with `compositeWeights`, and one index per family with equal
/// weights, so every composite is exactly the sum of its indicators' contributions.
public func scoreTeams(
  _ teams: [TeamSnapshot], values: [[Double?]], indicators: [Indicator], baselines: [Baseline?],
  linked: Set<String>
) -> [ScoredTeam] {
  let columns = indicators.indices.map { i in values.map { $0[i] } }
  // Indicators without an orientation have weight 0 in every composite; their placeholder
  // orientation is never used.
  let orientation = indicators.map { $0.worseWhen ?? .higher }
  // The baselines already hold each indicator's robust scale over these values.
  let scales = baselines.map { $0?.scale }
  func composite(_ weights: [Double]) -> [CompositeScore]? {
    compositeIndex(values: columns, worseWhen: orientation, weights: weights, scales: scales)?.scores
  }
  let linkedWeights = compositeWeights(indicators: indicators, linked: linked)
  let linkedScores = composite(linkedWeights)
  let bottleneck = composite(indicators.map { $0.isScored && $0.family == .bottleneck ? 1 : 0 })
  let disengagement = composite(indicators.map { $0.isScored && $0.family == .disengagement ? 1 : 0 })
  return teams.indices.map { t in
    let team = teams[t]
    var levels = [Double?](repeating: nil, count: indicators.count)
    var trends = [Double?](repeating: nil, count: indicators.count)
    var trend = 0.0
    var trendWeight = 0.0
    for (i, indicator) in indicators.enumerated() {
      guard indicator.isScored, let worseWhen = indicator.worseWhen, let baseline = baselines[i] else { continue }
      if let value = values[t][i] { levels[i] = baseline.orientedScore(value, worseWhen: worseWhen) }
      if let now = team.values[i], let before = team.priorValues[i], let spread = baseline.spread {
        let change = max(-3, min(3, worseWhen.sign * (now - before) / spread))
        trends[i] = change
        trend += linkedWeights[i] * change
        trendWeight += linkedWeights[i]
      }
    }
    return ScoredTeam(
      team: team, levels: levels, trends: trends, linkedComposite: linkedScores?[t].index,
      linkedTrend: trendWeight > 0 ? trend / trendWeight : nil,
      bottleneckIndex: bottleneck?[t].index, disengagementIndex: disengagement?[t].index)
  }
}
