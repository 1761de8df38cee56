/// Largest sample for which `spearmanPValue` enumerates every permutation: 10! = 3,628,800
/// pairings, each updated in constant time (about 0.25 s in a debug build). Above it the t
/// approximation is used: for untied data at n = 11 it is within 0.006 of the exact p wherever
/// the exact p lies between 0.005 and 0.2, and the gap shrinks as n grows.
public let spearmanExactPermutationLimit = 10

/// Exact two-sided permutation p-value for Spearman's rho: the share of all n! pairings of `y`
/// with `x` whose |rho| is at least the observed |rho| (ties averaged; a relative tolerance of
/// 1e-12 counts equal statistics as equal). When one side is untied the null distribution is
/// symmetric and this equals `scipy.stats.permutation_test`'s two-sided p (twice the smaller
/// tail); with ties on both sides the two can differ. Nil when n < 3,
/// n > `spearmanExactPermutationLimit`, or rho is undefined (a constant side).
public func spearmanExactPValue(_ x: [Double], _ y: [Double]) -> Double? {
  precondition(x.count == y.count, "spearmanExactPValue needs paired samples")
  let n = x.count
  guard n >= 3, n <= spearmanExactPermutationLimit, spearman(x, y) != nil else { return nil }
  // Under permutation the rank means and variances are fixed, so rho is an increasing affine
  // function of S = Σ rx[i]·ry[π(i)]. Average ranks are multiples of 1/2, so S is exact.
  let rx = averageRanks(x)
  var ry = averageRanks(y)
  let center = rx.reduce(0, +) * ry.reduce(0, +) / Double(n)
  var s = zip(rx, ry).reduce(0) { $0 + $1.0 * $1.1 }
  let observed = abs(s - center)
  let threshold = observed - 1e-12 * max(1, observed)
  var atLeast = 1  // the identity pairing
  var total = 1
  // Heap's algorithm (iterative): each step swaps two positions of ry, so S changes in O(1).
  var counters = [Int](repeating: 0, count: n)
  var i = 1
  while i < n {
    if counters[i] < i {
      let j = i % 2 == 0 ? 0 : counters[i]
      s += (rx[i] - rx[j]) * (ry[j] - ry[i])
      ry.swapAt(i, j)
      total += 1
      if abs(s - center) >= threshold { atLeast += 1 }
      counters[i] += 1
      i = 1
    } else {
      counters[i] = 0
      i += 1
    }
  }
  return Double(atLeast) / Double(total)
}

/// Two-sided p-value for Spearman's rho: exact by full permutation for n up to
/// `spearmanExactPermutationLimit`, the t approximation (`correlationPValue`) above it.
/// Nil when n < 3 or rho is undefined.
public func spearmanPValue(_ x: [Double], _ y: [Double]) -> Double? {
  spearmanPValue(x, y, rho: spearman(x, y))
}

/// `spearmanPValue` with rho (`spearman(x, y)`) given, for a caller that has it already.
func spearmanPValue(_ x: [Double], _ y: [Double], rho: Double?) -> Double? {
  if x.count <= spearmanExactPermutationLimit { return spearmanExactPValue(x, y) }
  return rho.flatMap { correlationPValue(r: $0, n: x.count) }
}
