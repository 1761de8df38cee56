/// A partial rank correlation with its sample size, number of covariates and two-sided p-value.
public struct PartialCorrelation: Hashable, Sendable {
  public var r: Double
  public var n: Int
  /// Number of covariates controlled for (k).
  public var covariates: Int
  /// Two-sided p from t = r·sqrt(df/(1 − r²)) with df = n − 2 − k; nil when df < 1.
  public var p: Double?

  public init(r: Double, n: Int, covariates: Int, p: Double?) {
    self.r = r
    self.n = n
    self.covariates = covariates
    self.p = p
  }
}

/// Partial Spearman correlation of `x` and `y` controlling for `covariates` (each a column of
/// the same length): Pearson partial correlation of the average ranks, from the Schur complement
/// of the covariates in the rank covariance matrix, with the t p-value on n − 2 − k degrees of
/// freedom (`pingouin.partial_corr(..., method="spearman")`). No covariates gives Spearman's
/// rho. Nil when n < 3, a side is constant, or the covariates are collinear or explain x or y.
public func partialSpearman(_ x: [Double], _ y: [Double], covariates: [[Double]])
  -> PartialCorrelation?
{
  let n = x.count
  precondition(
    y.count == n && covariates.allSatisfy { $0.count == n }, "partialSpearman needs paired samples")
  guard n >= 3 else { return nil }
  return partialSpearman(ranks: ([x, y] + covariates).map(averageRanks))
}

/// `partialSpearman` from the average ranks of x, y and the covariates, in that order (for a
/// caller that has ranked some of them already).
func partialSpearman(ranks: [[Double]]) -> PartialCorrelation? {
  let n = ranks[0].count
  guard n >= 3 else { return nil }
  let columns = ranks.map(centred)
  let m = columns.count
  var cov = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
  for i in 0..<m {
    for j in i..<m {
      let value = zip(columns[i], columns[j]).reduce(0) { $0 + $1.0 * $1.1 }
      cov[i][j] = value
      cov[j][i] = value
    }
  }
  // Conditional covariance of (x, y) given the covariates: A − B C⁻¹ Bᵀ.
  var sxx = cov[0][0]
  var syy = cov[1][1]
  var sxy = cov[0][1]
  let k = m - 2
  if k > 0 {
    let c = (0..<k).map { i in (0..<k).map { j in cov[2 + i][2 + j] } }
    let bx = (0..<k).map { cov[0][2 + $0] }
    let by = (0..<k).map { cov[1][2 + $0] }
    guard let wx = solveLinearSystem(c, bx), let wy = solveLinearSystem(c, by) else { return nil }
    for i in 0..<k {
      sxx -= bx[i] * wx[i]
      syy -= by[i] * wy[i]
      sxy -= bx[i] * wy[i]
    }
  }
  let scale = max(cov[0][0], cov[1][1])
  guard sxx > 1e-12 * scale, syy > 1e-12 * scale else { return nil }
  let r = max(-1, min(1, sxy / (sxx * syy).squareRoot()))
  let p = n - k > 2 ? correlationPValue(r: r, n: n - k) : nil
  return PartialCorrelation(r: r, n: n, covariates: k, p: p)
}

private func centred(_ values: [Double]) -> [Double] {
  let center = values.reduce(0, +) / Double(values.count)
  return values.map { $0 - center }
}

/// Solves A·w = b for a small symmetric positive-semidefinite A by Gaussian elimination with
/// partial pivoting; nil when A is numerically singular.
func solveLinearSystem(_ a: [[Double]], _ b: [Double]) -> [Double]? {
  let k = b.count
  var m = a
  var rhs = b
  let scale = a.indices.map { abs(a[$0][$0]) }.max() ?? 0
  guard scale > 0 else { return nil }
  for column in 0..<k {
    var pivot = column
    for row in column..<k where abs(m[row][column]) > abs(m[pivot][column]) { pivot = row }
    guard abs(m[pivot][column]) > 1e-12 * scale else { return nil }
    m.swapAt(column, pivot)
    rhs.swapAt(column, pivot)
    for row in (column + 1)..<k {
      let factor = m[row][column] / m[column][column]
      if factor == 0 { continue }
      for j in column..<k { m[row][j] -= factor * m[column][j] }
      rhs[row] -= factor * rhs[column]
    }
  }
  var w = [Double](repeating: 0, count: k)
  for row in stride(from: k - 1, through: 0, by: -1) {
    var sum = rhs[row]
    for j in (row + 1)..<k { sum -= m[row][j] * w[j] }
    w[row] = sum / m[row][row]
  }
  return w
}
