/// The Cholesky factor L (lower triangular, A = L·Lᵀ) of a small symmetric positive-definite
/// matrix, for solving the normal equations of the regressions and inverting their information
/// matrices.
struct CholeskyFactor: Sendable {
  /// Row-major lower triangle; entries above the diagonal are 0.
  var lower: [[Double]]

  /// Factors `a` (only its lower triangle is read). Fails at the first column whose pivot
  /// a_jj − Σ_k L_jk² is not above `relativeTolerance` × a_jj: that column is (numerically) a
  /// linear combination of the columns before it. Returns the failing column's index instead.
  static func factor(_ a: [[Double]], relativeTolerance: Double = 1e-12) -> Result<
    CholeskyFactor, CholeskyBreakdown
  > {
    let n = a.count
    var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for j in 0..<n {
      var pivot = a[j][j]
      for k in 0..<j { pivot -= l[j][k] * l[j][k] }
      guard pivot.isFinite, pivot > relativeTolerance * abs(a[j][j]), pivot > 0 else {
        return .failure(CholeskyBreakdown(column: j))
      }
      let root = pivot.squareRoot()
      l[j][j] = root
      for i in (j + 1)..<max(n, j + 1) {
        var sum = a[i][j]
        for k in 0..<j { sum -= l[i][k] * l[j][k] }
        l[i][j] = sum / root
      }
    }
    return .success(CholeskyFactor(lower: l))
  }

  /// x with A·x = b (forward then back substitution).
  func solve(_ b: [Double]) -> [Double] {
    let n = b.count
    var y = b
    for i in 0..<n {
      var sum = y[i]
      for k in 0..<i { sum -= lower[i][k] * y[k] }
      y[i] = sum / lower[i][i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      var sum = y[i]
      for k in (i + 1)..<max(n, i + 1) { sum -= lower[k][i] * y[k] }
      y[i] = sum / lower[i][i]
    }
    return y
  }

  /// A⁻¹, column by column.
  func inverse() -> [[Double]] {
    let n = lower.count
    var result = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for j in 0..<n {
      var unit = [Double](repeating: 0, count: n)
      unit[j] = 1
      let column = solve(unit)
      for i in 0..<n { result[i][j] = column[i] }
    }
    // Symmetrise the rounding.
    for i in 0..<n {
      for j in (i + 1)..<max(n, i + 1) {
        let average = (result[i][j] + result[j][i]) / 2
        result[i][j] = average
        result[j][i] = average
      }
    }
    return result
  }
}

/// The column at which a Cholesky factorisation broke down.
struct CholeskyBreakdown: Error, Hashable, Sendable {
  var column: Int
}
