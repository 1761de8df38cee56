/// The difference in medians, median(a) − median(b); nil when either group is empty.
public func medianDifference(_ a: [Double], _ b: [Double]) -> Double? {
  guard let ma = median(a), let mb = median(b) else { return nil }
  return ma - mb
}

/// Percentile bootstrap interval for median(a) − median(b): each group is resampled with
/// replacement on its own (`a` first, then `b`, per resample) `resamples` times from a seeded
/// generator, and the (1 − level)/2 and (1 + level)/2 quantiles of the differences are taken
/// (linear interpolation; `scipy.stats.bootstrap(..., method="percentile")`). Deterministic for a
/// given generator state. Nil when either group is empty, `resamples` < 1 or `level` is not in (0, 1).
public func medianDifferenceInterval(
  _ a: [Double], _ b: [Double], resamples: Int, level: Double = 0.95,
  generator: inout SeededGenerator
) -> ConfidenceInterval? {
  guard !a.isEmpty, !b.isEmpty, resamples > 0, level > 0, level < 1 else { return nil }
  var differences: [Double] = []
  differences.reserveCapacity(resamples)
  var ra = [Double](repeating: 0, count: a.count)
  var rb = [Double](repeating: 0, count: b.count)
  for _ in 0..<resamples {
    for i in ra.indices { ra[i] = a[generator.index(below: a.count)] }
    for i in rb.indices { rb[i] = b[generator.index(below: b.count)] }
    if let difference = medianDifference(ra, rb) { differences.append(difference) }
  }
  differences.sort()
  let alpha = (1 - level) / 2
  guard let low = quantile(sorted: differences, alpha),
    let high = quantile(sorted: differences, 1 - alpha)
  else { return nil }
  return ConfidenceInterval(low: low, high: high)
}
