/// Spearman's rho between leaders' time in role (days) and one team indicator, and the same
/// relation after allowing for team size.
public struct CorrelationResult: Hashable, Sendable {
  public var indicator: Indicator
  /// Teams with both a time in role and a value.
  public var n: Int
  /// Nil when suppressed (n below the minimum group size) or undefined (a constant side).
  public var rho: Double?
  public var interval: ConfidenceInterval?
  public var intervalMethod: SpearmanIntervalMethod?
  public var p: Double?
  /// "exact permutation" (n ≤ 10) or "t approximation".
  public var pMethod: String?
  /// Benjamini–Hochberg adjusted p across every test of the run (set by `adjustForMultipleTesting`).
  public var q: Double?
  /// Partial Spearman controlling for team headcount, over teams that also have a headcount.
  public var partial: PartialCorrelation?
  public var partialQ: Double?
  /// True when n is below the minimum group size and nothing is reported.
  public var suppressed: Bool
  /// The verdict, decided once the q-values are known (set by `adjustForMultipleTesting`).
  public var link: TimeInRoleLink

  public init(
    indicator: Indicator, n: Int, rho: Double? = nil, interval: ConfidenceInterval? = nil,
    intervalMethod: SpearmanIntervalMethod? = nil, p: Double? = nil, pMethod: String? = nil, q: Double? = nil,
    partial: PartialCorrelation? = nil, partialQ: Double? = nil, suppressed: Bool, link: TimeInRoleLink? = nil
  ) {
    self.indicator = indicator
    self.n = n
    self.rho = rho
    self.interval = interval
    self.intervalMethod = intervalMethod
    self.p = p
    self.pMethod = pMethod
    self.q = q
    self.partial = partial
    self.partialQ = partialQ
    self.suppressed = suppressed
    self.link = link ?? (suppressed ? .suppressed : .none)
  }
}

/// Computes one correlation per indicator: rho, an interval (seeded BCa bootstrap up to
/// `spearmanBootstrapLimit` teams, Fisher z with the Bonett–Wright variance above), a two-sided p
/// (exact permutation up to `spearmanExactPermutationLimit` teams, t approximation above) and the
/// partial correlation controlling for headcount. q-values and the verdict are left to
/// `adjustForMultipleTesting`, which sees every test of the run.
///
/// Each indicator's bootstrap draws from its own stream derived from the seed and the indicator
/// name, so results do not depend on which other indicators are present or their order, and the
/// indicators are worked out in parallel with the same results as one at a time.
public func correlateTimeInRole(
  teams: [TeamSnapshot], indicators: [Indicator], settings: AnalysisSettings
) -> [CorrelationResult] {
  let results = ParallelResults<CorrelationResult>(count: indicators.count)
  concurrentPerform(iterations: indicators.count) { index in
    results.set(index, correlate(teams: teams, indicator: indicators[index], at: index, settings: settings))
  }
  return results.values.compactMap { $0 }
}

private func correlate(
  teams: [TeamSnapshot], indicator: Indicator, at index: Int, settings: AnalysisSettings
) -> CorrelationResult {
  var x: [Double] = []
  var y: [Double] = []
  var px: [Double] = []
  var py: [Double] = []
  var size: [Double] = []
  // Read in place: a copy of each team would retain its strings and arrays, from every thread.
  teams.withUnsafeBufferPointer { teams in
    for t in teams.indices {
      guard let value = teams[t].values[index] else { continue }
      x.append(Double(teams[t].daysInRole))
      y.append(value)
      if let headcount = teams[t].headcount {
        px.append(Double(teams[t].daysInRole))
        py.append(value)
        size.append(headcount)
      }
    }
  }
  let n = x.count
  guard n >= settings.minGroupSize, n >= 3 else {
    return CorrelationResult(indicator: indicator, n: n, suppressed: true)
  }
  // Each side is ranked once, for rho, its interval, its p and (when every team with a value has a
  // headcount, so the partial correlation's x and y are these) the partial correlation.
  let rx = averageRanks(x)
  let ry = averageRanks(y)
  let rho = pearson(rx, ry)
  var generator = SeededGenerator(seed: settings.bootstrapSeed, stream: indicator.name)
  let interval =
    rho == nil
    ? nil
    : spearmanInterval(
      x: x, y: y, rho: { rho }, resamples: settings.bootstrapResamples, level: settings.confidenceLevel,
      generator: &generator)
  let p = rho == nil ? nil : spearmanPValue(x, y, rho: rho)
  let partial: PartialCorrelation?
  if px.count < max(settings.minGroupSize, 4) {
    partial = nil
  } else if px.count == n {
    partial = partialSpearman(ranks: [rx, ry, averageRanks(size)])
  } else {
    partial = partialSpearman(px, py, covariates: [size])
  }
  return CorrelationResult(
    indicator: indicator, n: n, rho: rho, interval: interval?.interval, intervalMethod: interval?.method,
    p: p, pMethod: p == nil ? nil : (n <= spearmanExactPermutationLimit ? "exact permutation" : "t approximation"),
    partial: partial, suppressed: false)
}
