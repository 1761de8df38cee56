/// Spearman's rank correlation: Pearson's correlation of the average ranks (ties averaged).
/// Nil when fewer than two pairs or either side is constant.
public func spearman(_ x: [Double], _ y: [Double]) -> Double? {
  precondition(x.count == y.count, "spearman needs paired samples")
  return pearson(averageRanks(x), averageRanks(y))
}

/// Two-sided p-value for a correlation `r` over `n` pairs from the t approximation
/// `t = r·sqrt((n−2)/(1−r²))` with n−2 degrees of freedom (what `scipy.stats.spearmanr` reports).
public func correlationPValue(r: Double, n: Int) -> Double? {
  guard n > 2 else { return nil }
  let df = Double(n - 2)
  let r2 = r * r
  if r2 >= 1 { return 0 }
  let t2 = r2 * df / (1 - r2)
  // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2)
  return regularizedIncompleteBeta(a: df / 2, b: 0.5, x: df / (df + t2))
}
