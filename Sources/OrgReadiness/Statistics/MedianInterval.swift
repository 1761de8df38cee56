/// P(B ≤ k) for B ~ Binomial(n, p): 1 for k ≥ n, 0 for k < 0, else I₁₋ₚ(n − k, k + 1).
public func binomialCDF(_ k: Int, n: Int, p: Double) -> Double {
  if k < 0 { return 0 }
  if k >= n { return 1 }
  return regularizedIncompleteBeta(a: Double(n - k), b: Double(k + 1), x: 1 - p)
}

/// The distribution-free confidence interval for the median from two order statistics, the exact
/// binomial method of `scipy.stats.quantile_test(x, q, p=0.5).confidence_interval(level)`: with
/// B ~ Binomial(n, ½) and a = (1 − level) / 2, the bounds are the sorted values at the 0-based
/// positions ppf(a) − 1 and isf(a) (ppf(a): the least k with P(B ≤ k) ≥ a; isf(a): the least k
/// with P(B > k) ≤ a). Nil when a position falls outside the sample (too few values for the
/// level: fewer than 6 at 95%) or the level is not in (0, 1).
public func medianConfidenceInterval(_ values: [Double], level: Double) -> ConfidenceInterval? {
  guard level > 0, level < 1, !values.isEmpty else { return nil }
  return medianConfidenceInterval(sorted: values.sorted(), level: level)
}

/// `medianConfidenceInterval` of values already in ascending order (`values.sorted()`).
func medianConfidenceInterval(sorted: [Double], level: Double) -> ConfidenceInterval? {
  guard level > 0, level < 1, !sorted.isEmpty else { return nil }
  let n = sorted.count
  let a = (1 - level) / 2
  /// The least k in 0...n with P(B ≤ k) ≥ target (the CDF is increasing: bisection).
  func leastWithCDF(atLeast target: Double) -> Int {
    var low = 0
    var high = n
    while low < high {
      let mid = (low + high) / 2
      if binomialCDF(mid, n: n, p: 0.5) >= target { high = mid } else { low = mid + 1 }
    }
    return low
  }
  let lowIndex = leastWithCDF(atLeast: a) - 1
  let highIndex = leastWithCDF(atLeast: 1 - a)
  guard lowIndex >= 0, highIndex < n else { return nil }
  return ConfidenceInterval(low: sorted[lowIndex], high: sorted[highIndex])
}
