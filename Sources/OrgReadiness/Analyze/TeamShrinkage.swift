/// How one indicator's team values were shrunk toward the organisation.
public struct IndicatorShrinkage: Hashable, Sendable {
  public enum Method: String, Codable, Sendable {
    /// Beta-binomial: people-counted rates (events out of headcount × months).
    case betaBinomial = "beta_binomial"
    /// Normal-normal with a per-team standard error from the month-to-month variation.
    case normalNormal = "normal_normal"
    /// Between-team variation is not distinguishable from noise: every team gets the pooled value.
    case completePooling = "complete_pooling"
    /// Not enough information to estimate the noise (e.g. a one-month window): raw values are used.
    case none
  }

  public var indicator: String
  public var method: Method
  /// The value teams are shrunk toward.
  public var priorMean: Double?
  /// Mean weight kept on a team's own value (1 = no shrinkage, 0 = complete pooling).
  public var meanWeight: Double?
  /// Mean weight kept by the smallest and the largest quarter of teams by headcount.
  public var smallTeamWeight: Double?
  public var largeTeamWeight: Double?
  public var teams: Int
}

/// Team values after empirical-Bayes shrinkage (aligned with the teams and indicators), and how
/// each indicator was treated.
public struct ShrinkageOutcome: Sendable {
  public var values: [[Double?]]
  public var summaries: [IndicatorShrinkage]

  /// The mean weight the smallest and the largest quarter of teams keep on their own value, over
  /// the indicators that were shrunk (normal-normal or beta-binomial); nil when none was.
  public var overall: (smallTeamWeight: Double, largeTeamWeight: Double)? {
    let shrunk = summaries.filter { $0.method == .normalNormal || $0.method == .betaBinomial }
    guard let small = mean(shrunk.compactMap(\.smallTeamWeight)), let large = mean(shrunk.compactMap(\.largeTeamWeight))
    else { return nil }
    return (small, large)
  }
}

/// Shrinks each team's window value toward the organisation so that a 3-person team's extreme
/// value does not dominate (docs/decisions/0010-shrinkage.md).
///
/// - Indicators on the `rate` scale are people-counted: a team's window value × headcount × months
///   is read as events out of that many trials and shrunk with a beta-binomial prior fitted by the
///   method of moments over all teams (posterior mean (α + k) / (α + β + n)).
/// - Every other scale uses normal-normal shrinkage: the month-to-month variance within teams,
///   pooled after scaling by headcount, gives each team a standard error
///   √(v / (headcount × months)); the prior (mean and between-team variance) is fitted by
///   DerSimonian–Laird.
/// Teams without a headcount use the median headcount.
public func shrinkTeamValues(teams: [TeamSnapshot], indicators: [Indicator]) -> ShrinkageOutcome {
  var values = teams.map(\.values)
  let headcounts = teams.map { $0.headcount ?? .nan }
  let medianHeadcount = median(headcounts.filter { !$0.isNaN && $0 > 0 }) ?? 1
  let size = headcounts.map { $0.isNaN || $0 <= 0 ? medianHeadcount : $0 }
  let sortedSizes = size.sorted()
  let smallCut = quantile(sorted: sortedSizes, 0.25) ?? 0
  let largeCut = quantile(sorted: sortedSizes, 0.75) ?? .infinity

  var summaries: [IndicatorShrinkage] = []
  for (i, indicator) in indicators.enumerated() {
    let members = teams.indices.filter { teams[$0].values[i] != nil }
    func summary(_ method: IndicatorShrinkage.Method, prior: Double?, weights: [Double]) -> IndicatorShrinkage {
      let small = zip(members, weights).filter { size[$0.0] <= smallCut }.map(\.1)
      let large = zip(members, weights).filter { size[$0.0] >= largeCut }.map(\.1)
      return IndicatorShrinkage(
        indicator: indicator.name, method: method, priorMean: prior, meanWeight: mean(weights),
        smallTeamWeight: mean(small), largeTeamWeight: mean(large), teams: members.count)
    }
    guard members.count >= 3 else {
      summaries.append(summary(.none, prior: nil, weights: []))
      continue
    }
    let raw = members.map { teams[$0].values[i] ?? 0 }
    if indicator.scale.shrinkageModel == .peopleCounted, raw.allSatisfy({ (0...1).contains($0) }) {
      let trials = members.map { size[$0] * Double(max(1, teams[$0].periodsInWindow)) }
      let events = zip(raw, trials).map { $0 * $1 }
      if let prior = fitBetaPrior(events: events, trials: trials) {
        for (k, t) in members.enumerated() {
          values[t][i] = prior.posteriorMean(events: events[k], trials: trials[k])
        }
        let weights = trials.map(prior.ownWeight)
        summaries.append(summary(.betaBinomial, prior: prior.mean, weights: weights))
      } else {
        let pooled = events.reduce(0, +) / max(1e-12, trials.reduce(0, +))
        for t in members { values[t][i] = pooled }
        summaries.append(summary(.completePooling, prior: pooled, weights: members.map { _ in 0 }))
      }
      continue
    }
    // Normal-normal: pooled within-team variance per person, from teams with two or more months.
    let scaled = members.compactMap { t in teams[t].windowVariances[i].map { $0 * size[t] } }
    guard let perPerson = mean(scaled), perPerson > 0 else {
      summaries.append(summary(.none, prior: nil, weights: []))
      continue
    }
    let errors = members.map { t in (perPerson / (size[t] * Double(max(1, teams[t].periodsInWindow)))).squareRoot() }
    guard let prior = fitNormalPrior(means: raw, standardErrors: errors),
      let shrunk = shrinkMeans(means: raw, standardErrors: errors, prior: prior)
    else {
      summaries.append(summary(.none, prior: nil, weights: []))
      continue
    }
    for (k, t) in members.enumerated() { values[t][i] = shrunk[k].shrunken }
    summaries.append(summary(.normalNormal, prior: prior.mean, weights: shrunk.map(\.weight)))
  }
  return ShrinkageOutcome(values: values, summaries: summaries)
}
