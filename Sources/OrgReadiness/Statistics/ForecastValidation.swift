/// The area under the ROC curve of `scores` for binary `outcomes`, by the Mann–Whitney statistic:
/// the share of (event, non-event) pairs in which the event has the higher score, a tie counting
/// one half (`sklearn.metrics.roc_auc_score`). Computed from average ranks:
/// (R₁ − n₁(n₁ + 1)/2) / (n₁n₀), R₁ the rank sum of the events. Nil without an event, without a
/// non-event, or with a non-finite score.
public func rocAUC(scores: [Double], outcomes: [Bool]) -> Double? {
  precondition(scores.count == outcomes.count, "rocAUC needs one outcome per score")
  guard scores.allSatisfy(\.isFinite) else { return nil }
  let ranks = averageRanks(scores)
  var events = 0.0
  var rankSum = 0.0
  for (rank, outcome) in zip(ranks, outcomes) where outcome {
    events += 1
    rankSum += rank
  }
  return aucFromRankSum(rankSum, events: events, nonEvents: Double(scores.count) - events)
}

/// (R₁ − n₁(n₁ + 1)/2) / (n₁n₀) from the events' rank sum R₁; nil without an event or a non-event.
private func aucFromRankSum(_ rankSum: Double, events: Double, nonEvents: Double) -> Double? {
  guard events > 0, nonEvents > 0 else { return nil }
  return (rankSum - events * (events + 1) / 2) / (events * nonEvents)
}

/// Percentile bootstrap interval for `rocAUC`, stratified: each resample draws the events with
/// replacement from the events and the non-events from the non-events (pROC's default), so every
/// resample has both classes and the same event count. Deterministic for a given generator
/// state. Nil when the AUC itself is undefined, `resamples` < 1 or `level` is outside (0, 1).
///
/// The scores are sorted once: a resample is how many times it drew each score, and its events'
/// rank sum is counted in one pass over the distinct scores. Average ranks are halves of whole
/// numbers, so that sum is the exact value `rocAUC` adds up from `averageRanks` of the resample.
public func aucBootstrapInterval(
  scores: [Double], outcomes: [Bool], resamples: Int, level: Double = 0.95,
  generator: inout SeededGenerator
) -> ConfidenceInterval? {
  guard resamples > 0, level > 0, level < 1, rocAUC(scores: scores, outcomes: outcomes) != nil else {
    return nil
  }
  let positives = zip(scores, outcomes).filter { $0.1 }.map(\.0)
  let negatives = zip(scores, outcomes).filter { !$0.1 }.map(\.0)
  // The distinct scores, ascending, and the one each event and non-event has.
  let distinct = Array(Set(scores)).sorted()
  func slot(_ value: Double) -> Int {
    var low = 0
    var high = distinct.count
    while low < high {
      let mid = (low + high) / 2
      if distinct[mid] < value { low = mid + 1 } else { high = mid }
    }
    return low
  }
  let positiveSlots = positives.map(slot)
  let negativeSlots = negatives.map(slot)
  var positiveDraws = [Int](repeating: 0, count: distinct.count)
  var negativeDraws = [Int](repeating: 0, count: distinct.count)
  let events = Double(positives.count)
  let nonEvents = Double(negatives.count)
  var estimates: [Double] = []
  estimates.reserveCapacity(resamples)
  for _ in 0..<resamples {
    for _ in positives.indices { positiveDraws[positiveSlots[generator.index(below: positives.count)]] += 1 }
    for _ in negatives.indices { negativeDraws[negativeSlots[generator.index(below: negatives.count)]] += 1 }
    // Twice the events' rank sum: the p events and n non-events tied at a score after `below`
    // lower ones share the average rank below + (p + n + 1)/2.
    var twiceRankSum = 0
    var below = 0
    for s in distinct.indices {
      let p = positiveDraws[s]
      let n = negativeDraws[s]
      twiceRankSum += p * (2 * below + p + n + 1)
      below += p + n
      positiveDraws[s] = 0
      negativeDraws[s] = 0
    }
    if let auc = aucFromRankSum(Double(twiceRankSum) / 2, events: events, nonEvents: nonEvents) {
      estimates.append(auc)
    }
  }
  estimates.sort()
  let alpha = (1 - level) / 2
  guard let low = quantile(sorted: estimates, alpha), let high = quantile(sorted: estimates, 1 - alpha)
  else { return nil }
  return ConfidenceInterval(low: low, high: high)
}

/// The Brier score: the mean of (pᵢ − yᵢ)² over forecasts pᵢ and outcomes yᵢ ∈ {0, 1}
/// (`sklearn.metrics.brier_score_loss`). 0 is perfect; always forecasting the base rate r scores
/// r(1 − r). Nil when empty or a probability is outside [0, 1].
public func brierScore(probabilities: [Double], outcomes: [Bool]) -> Double? {
  precondition(probabilities.count == outcomes.count, "brierScore needs one outcome per forecast")
  guard !probabilities.isEmpty, probabilities.allSatisfy({ $0 >= 0 && $0 <= 1 }) else { return nil }
  var sum = 0.0
  for (p, outcome) in zip(probabilities, outcomes) {
    let d = p - (outcome ? 1 : 0)
    sum += d * d
  }
  return sum / Double(probabilities.count)
}

/// One bin of a calibration table: the forecasts that fell in it, their mean, and the share of
/// them that came true.
public struct CalibrationBin: Hashable, Sendable {
  /// The bin's position among the requested bins, from 0 (lowest forecasts).
  public var bin: Int
  /// Forecasts p in the bin satisfy lowerEdge < p ≤ upperEdge (the first bin includes its lower
  /// edge, the smallest forecast).
  public var lowerEdge: Double
  public var upperEdge: Double
  public var count: Int
  public var events: Int
  /// Mean forecast in the bin.
  public var meanPredicted: Double
  /// events / count.
  public var observedRate: Double
}

/// A calibration table by quantile bins of the forecasts (deciles for `bins` = 10), as
/// `sklearn.calibration.calibration_curve(y, p, n_bins=bins, strategy="quantile")`: the edges are
/// the 0, 1/bins, …, 1 quantiles of the forecasts (linear interpolation), a forecast goes to the
/// first bin whose upper edge it does not exceed, and empty bins (tied forecasts can leave some)
/// are left out. Bins differ in size when forecasts tie at an edge. Nil when empty, `bins` < 1,
/// or a probability is outside [0, 1].
public func calibrationTable(probabilities: [Double], outcomes: [Bool], bins: Int = 10)
  -> [CalibrationBin]?
{
  precondition(probabilities.count == outcomes.count, "calibrationTable needs one outcome per forecast")
  guard !probabilities.isEmpty, bins >= 1, probabilities.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
    return nil
  }
  let sorted = probabilities.sorted()
  var edges: [Double] = []
  for b in 0...bins {
    guard let edge = quantile(sorted: sorted, Double(b) / Double(bins)) else { return nil }
    edges.append(edge)
  }
  var count = [Int](repeating: 0, count: bins)
  var events = [Int](repeating: 0, count: bins)
  var sum = [Double](repeating: 0, count: bins)
  for (p, outcome) in zip(probabilities, outcomes) {
    // numpy.searchsorted(edges[1:-1], p, side="left"): inner edges strictly below p.
    var bin = 0
    while bin < bins - 1 && edges[bin + 1] < p { bin += 1 }
    count[bin] += 1
    sum[bin] += p
    if outcome { events[bin] += 1 }
  }
  return (0..<bins).filter { count[$0] > 0 }.map { b in
    CalibrationBin(
      bin: b, lowerEdge: edges[b], upperEdge: edges[b + 1], count: count[b], events: events[b],
      meanPredicted: sum[b] / Double(count[b]),
      observedRate: Double(events[b]) / Double(count[b]))
  }
}
