/// A confidence interval and how it was obtained.
public struct ConfidenceInterval: Hashable, Sendable {
  public var low: Double
  public var high: Double

  public init(low: Double, high: Double) {
    self.low = low
    self.high = high
  }
}

/// Paired percentile bootstrap interval for Spearman's rho: resamples (x, y) pairs with
/// replacement `resamples` times from a seeded generator, skips resamples where rho is undefined
/// (a constant side), and takes the 2.5th and 97.5th percentiles (linear interpolation).
/// Deterministic for a given generator state. Nil when fewer than 3 pairs or no resample is usable.
public func spearmanBootstrapInterval(
  _ x: [Double], _ y: [Double], resamples: Int, level: Double = 0.95,
  generator: inout SeededGenerator
) -> ConfidenceInterval? {
  guard x.count >= 3, resamples > 0 else { return nil }
  var estimates = spearmanBootstrapReplicates(x, y, resamples: resamples, generator: &generator)
  guard !estimates.isEmpty else { return nil }
  estimates.sort()
  let alpha = (1 - level) / 2
  guard let low = quantile(sorted: estimates, alpha), let high = quantile(sorted: estimates, 1 - alpha)
  else { return nil }
  return ConfidenceInterval(low: low, high: high)
}

/// Spearman's rho on `resamples` paired resamples drawn with replacement from a seeded
/// generator, in draw order, leaving out resamples where rho is undefined (a constant side).
func spearmanBootstrapReplicates(
  _ x: [Double], _ y: [Double], resamples: Int, generator: inout SeededGenerator
) -> [Double] {
  precondition(x.count == y.count, "the bootstrap needs paired samples")
  let n = x.count
  var estimates: [Double] = []
  estimates.reserveCapacity(resamples)
  var bx = [Double](repeating: 0, count: n)
  var by = [Double](repeating: 0, count: n)
  for _ in 0..<resamples {
    for i in 0..<n {
      let j = generator.index(below: n)
      bx[i] = x[j]
      by[i] = y[j]
    }
    if let rho = spearman(bx, by) { estimates.append(rho) }
  }
  return estimates
}

/// Percentile bootstrap interval for the mean of `values` (seeded, deterministic); nil with fewer
/// than 2 values.
public func meanBootstrapInterval(
  _ values: [Double], resamples: Int, level: Double = 0.95, generator: inout SeededGenerator
) -> ConfidenceInterval? {
  let n = values.count
  guard n >= 2, resamples > 0 else { return nil }
  var estimates: [Double] = []
  estimates.reserveCapacity(resamples)
  // The same draws and sums, with the generator's state held locally and the values read without
  // bounds checks (the draw is always below n).
  var draws = generator
  values.withUnsafeBufferPointer { values in
    for _ in 0..<resamples {
      var sum = 0.0
      for _ in 0..<n { sum += values[draws.index(below: n)] }
      estimates.append(sum / Double(n))
    }
  }
  generator = draws
  // The two quantiles of the sorted estimates, found without sorting them.
  let alpha = (1 - level) / 2
  let bounds = quantiles(estimates, [alpha, 1 - alpha])
  guard let low = bounds[0], let high = bounds[1] else { return nil }
  return ConfidenceInterval(low: low, high: high)
}
