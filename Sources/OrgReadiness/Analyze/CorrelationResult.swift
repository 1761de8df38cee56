/// Spearman's rho between leaders' time in role (days) and one team indicator.
public struct CorrelationResult: Hashable, Sendable {
  public var indicator: Indicator
  /// Teams with both a time in role and a value.
  public var n: Int
  /// Nil when suppressed (n below the minimum group size) or undefined (a constant side).
  public var rho: Double?
  public var interval: ConfidenceInterval?
  public var p: Double?
  /// Benjamini–Hochberg adjusted p across every reported correlation of the run.
  public var q: Double?
  /// True when n is below the minimum group size and nothing is reported.
  public var suppressed: Bool
}

/// Computes one correlation per indicator with a seeded bootstrap interval, a two-sided p and
/// Benjamini–Hochberg q across the indicators that could be tested.
///
/// Each indicator's bootstrap draws from its own stream derived from the seed and the indicator
/// name, so results do not depend on which other indicators are present or their order.
public func correlateTimeInRole(
  teams: [TeamSnapshot], indicators: [Indicator], settings: AnalysisSettings
) -> [CorrelationResult] {
  var results: [CorrelationResult] = indicators.enumerated().map { index, indicator in
    var x: [Double] = []
    var y: [Double] = []
    for team in teams {
      if let value = team.values[index] {
        x.append(Double(team.daysInRole))
        y.append(value)
      }
    }
    let n = x.count
    guard n >= settings.minGroupSize, n >= 3 else {
      return CorrelationResult(indicator: indicator, n: n, rho: nil, interval: nil, p: nil, q: nil, suppressed: true)
    }
    let rho = spearman(x, y)
    var generator = SeededGenerator(seed: settings.bootstrapSeed, stream: indicator.name)
    let interval = rho == nil ? nil :
      spearmanBootstrapInterval(x, y, resamples: settings.bootstrapResamples, generator: &generator)
    let p = rho.flatMap { correlationPValue(r: $0, n: n) }
    return CorrelationResult(indicator: indicator, n: n, rho: rho, interval: interval, p: p, q: nil, suppressed: false)
  }
  let tested = results.indices.filter { results[$0].p != nil }
  let q = benjaminiHochberg(tested.compactMap { results[$0].p })
  for (k, index) in tested.enumerated() { results[index].q = q[k] }
  return results
}
