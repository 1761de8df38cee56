/// The two-group log-rank test: observed and expected events in the first group, the
/// hypergeometric variance, the chi-square statistic (1 df) and its p-value.
public struct LogRankResult: Hashable, Sendable {
  /// Events observed in group A.
  public var observedA: Int
  /// Events expected in group A under equal hazards: Σ d·nA/n over distinct times.
  public var expectedA: Double
  /// Σ nA·nB·d·(n − d) / (n²·(n − 1)) over distinct times (n − 1 = 0 counts as 1).
  public var variance: Double
  /// (observedA − expectedA)² / variance.
  public var statistic: Double
  /// P(χ²₁ > statistic).
  public var p: Double
}

/// The two-group log-rank (Mantel–Cox) test of equal survival (`lifelines.statistics.logrank_test`).
/// Each group gives times and whether the event was observed (false: right-censored). Nil when a
/// group is empty, a time is not finite, or no event is observed (zero variance).
public func logRankTest(
  timesA: [Double], observedA: [Bool], timesB: [Double], observedB: [Bool]
) -> LogRankResult? {
  precondition(
    timesA.count == observedA.count && timesB.count == observedB.count, "one event flag per time")
  guard !timesA.isEmpty, !timesB.isEmpty, (timesA + timesB).allSatisfy(\.isFinite) else {
    return nil
  }
  let pooled = survivalTable(times: timesA + timesB, observed: observedA + observedB)
  let tableA = survivalTable(times: timesA, observed: observedA)
  var a = 0  // next row of group A's table
  var observed = 0
  var expected = 0.0
  var variance = 0.0
  for row in pooled {
    while a < tableA.count && tableA[a].time < row.time { a += 1 }
    let atRiskA = a < tableA.count ? tableA[a].atRisk : 0
    let eventsA = a < tableA.count && tableA[a].time == row.time ? tableA[a].events : 0
    guard row.events > 0 else { continue }
    let n = Double(row.atRisk)
    let d = Double(row.events)
    let nA = Double(atRiskA)
    observed += eventsA
    expected += d * nA / n
    let ties = row.atRisk > 1 ? (n - d) / (n - 1) : 1
    variance += nA * (n - nA) * d * ties / (n * n)
  }
  guard variance > 0 else { return nil }
  let difference = Double(observed) - expected
  let statistic = difference * difference / variance
  return LogRankResult(
    observedA: observed, expectedA: expected, variance: variance, statistic: statistic,
    p: chiSquaredSurvival(statistic, degreesOfFreedom: 1))
}
