#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fitted logistic regression P(y = 1 | x) = 1 / (1 + e^(−η)), η = β₀ + Σ βⱼxⱼ, by maximum
/// (penalised) likelihood.
public struct LogisticFit: Hashable, Sendable {
  /// β: the intercept first when one was fitted, then one coefficient per design column, in the
  /// design's order.
  public var coefficients: [Double]
  /// √ of the diagonal of `covariance`.
  public var standardErrors: [Double]
  /// (XᵀWX + λP)⁻¹ at the estimate, W = diag(pᵢ(1 − pᵢ)), P the identity with 0 for the
  /// intercept: the inverse of the penalised observed information (for the logit link the observed
  /// and the expected information are the same matrix). With `ridge` 0 it is the usual
  /// maximum-likelihood covariance (statsmodels `Logit(...).fit().cov_params()`). With a penalty it
  /// is the curvature of the penalised objective, the covariance of the posterior mode under a
  /// N(0, 1/λ) prior on each penalised coefficient; it ignores the penalty's bias and is smaller
  /// than a sandwich estimate would be. Read it as "uncertainty given the prior", not as a
  /// frequentist standard error.
  public var covariance: [[Double]]
  public var hasIntercept: Bool
  /// λ of the penalty λ/2 · Σ βⱼ² over every coefficient but the intercept.
  public var ridge: Double
  /// The unpenalised log-likelihood at the estimate: Σ yᵢηᵢ − log(1 + e^ηᵢ).
  public var logLikelihood: Double
  /// The objective that was maximised: `logLikelihood` − λ/2 · Σ βⱼ² (the intercept unpenalised).
  public var penalizedLogLikelihood: Double
  /// Newton iterations taken.
  public var iterations: Int
  /// The largest |Δβⱼ| / (1 + |βⱼ|) of the last Newton step: the convergence measure, at most the
  /// requested tolerance.
  public var lastRelativeStep: Double
  /// The largest absolute component of the penalised score (gradient) at the estimate.
  public var maxAbsoluteScore: Double
  public var rows: Int
  public var events: Int

  /// η = β₀ + Σ βⱼxⱼ for one row of covariates (without the intercept column).
  public func linearPredictor(_ covariates: [Double]) -> Double {
    let offset = hasIntercept ? 1 : 0
    precondition(covariates.count + offset == coefficients.count, "one value per design column")
    var eta = hasIntercept ? coefficients[0] : 0
    for (j, x) in covariates.enumerated() { eta += coefficients[j + offset] * x }
    return eta
  }

  /// The fitted probability 1 / (1 + e^(−η)) for one row of covariates.
  public func probability(_ covariates: [Double]) -> Double {
    logistic(linearPredictor(covariates))
  }
}

/// Why a logistic regression has no fit.
public enum LogisticRegressionFailure: Error, Hashable, Sendable {
  /// No rows, rows of different lengths, a row count that differs from the outcomes', a
  /// non-finite value, or a negative penalty.
  case invalidInput
  /// Every outcome is the same, so the intercept has no finite estimate.
  case oneOutcomeClass
  /// Column `column` of the design (0 is the intercept when one is fitted) is, to 1e-10, a linear
  /// combination of the columns before it, and the penalty does not resolve it (λ = 0, or the
  /// dependency involves only the intercept).
  case collinear(column: Int)
  /// The maximum-likelihood estimate does not exist: a combination of covariates separates events
  /// from non-events (completely or quasi-completely), so some coefficients run off to infinity.
  /// A ridge penalty above 0 gives a finite estimate.
  case separation
  /// Newton's method did not reach the tolerance within the iteration limit.
  case notConverged(iterations: Int)
}

/// Logistic regression of binary `outcomes` on `design` (one row of covariates per observation,
/// without an intercept column; `includeIntercept` adds one in front), fitted by Newton–Raphson
/// (for the logit link the same iterations as IRLS) with step halving, maximising
///
///     ℓ(β) − λ/2 · Σⱼ βⱼ²,   ℓ(β) = Σᵢ yᵢηᵢ − log(1 + e^ηᵢ),   λ = `ridge`,
///
/// where the sum runs over every coefficient except the intercept. λ = 0 is maximum likelihood
/// (statsmodels `Logit(y, X).fit()`). The penalty scaling matches scikit-learn's
/// `LogisticRegression(C=1/λ)` (L2, intercept unpenalised, any solver but liblinear) and statsmodels'
/// `GLM(y, X, family=Binomial()).fit_regularized(alpha=[0, λ/n, …], L1_wt=0)` (whose objective is
/// −ℓ/n + Σ αⱼβⱼ²/2, so αⱼ = λ/n). The penalty acts on the coefficients as given: standardise
/// covariates first when they should be shrunk alike. Starts from β = 0 and stops when the largest
/// |Δβⱼ| / (1 + |βⱼ|) of a full Newton step is at most `tolerance`. The standard errors are the
/// inverse of the penalised information at the estimate (see `LogisticFit.covariance`).
public func logisticRegression(
  design: [[Double]], outcomes: [Bool], ridge: Double = 0, includeIntercept: Bool = true,
  maxIterations: Int = 100, tolerance: Double = 1e-10
) -> Result<LogisticFit, LogisticRegressionFailure> {
  let n = outcomes.count
  guard n > 0, design.count == n else { return .failure(.invalidInput) }
  let k = design[0].count
  guard design.allSatisfy({ $0.count == k }) else { return .failure(.invalidInput) }
  return logisticRegression(
    designColumns: (0..<k).map { j in design.map { $0[j] } }, outcomes: outcomes, ridge: ridge,
    includeIntercept: includeIntercept, maxIterations: maxIterations, tolerance: tolerance)
}

/// `logisticRegression` of a design given column by column (one array of a covariate's values per
/// column), for a caller that has it so.
func logisticRegression(
  designColumns design: [[Double]], outcomes: [Bool], ridge: Double = 0, includeIntercept: Bool = true,
  maxIterations: Int = 100, tolerance: Double = 1e-10
) -> Result<LogisticFit, LogisticRegressionFailure> {
  let n = outcomes.count
  guard n > 0, ridge >= 0, ridge.isFinite, maxIterations > 0,
    design.allSatisfy({ $0.count == n && $0.allSatisfy(\.isFinite) })
  else {
    return .failure(.invalidInput)
  }
  let k = design.count
  let offset = includeIntercept ? 1 : 0
  let p = k + offset
  guard p > 0 else { return .failure(.invalidInput) }
  // Column-major design with the intercept column in front.
  let columns = DesignColumns(
    rows: n, values: (includeIntercept ? [Double](repeating: 1, count: n) : []) + design.joined())
  let y = outcomes.map { $0 ? 1.0 : 0.0 }
  let events = outcomes.reduce(0) { $0 + ($1 ? 1 : 0) }
  if includeIntercept && (events == 0 || events == n) { return .failure(.oneOutcomeClass) }
  let penalty = (0..<p).map { $0 < offset ? 0 : ridge }

  // Collinearity: XᵀX + λP scaled to a unit diagonal must be positive definite.
  var gram = weightedGram(columns, weights: [Double](repeating: 1, count: n))
  for j in 0..<p { gram[j][j] += penalty[j] }
  guard let scaled = unitDiagonal(gram) else {
    return .failure(.collinear(column: gram.indices.first { gram[$0][$0] <= 0 } ?? 0))
  }
  if case .failure(let breakdown) = CholeskyFactor.factor(scaled, relativeTolerance: 1e-10) {
    return .failure(.collinear(column: breakdown.column))
  }

  var beta = [Double](repeating: 0, count: p)
  var state = logisticState(columns: columns, y: y, beta: beta, penalty: penalty)
  var iterations = 0
  var lastStep = Double.infinity
  while iterations < maxIterations {
    iterations += 1
    guard case .success(let factor) = CholeskyFactor.factor(state.information) else {
      return .failure(ridge == 0 && state.maxAbsEta > 15 ? .separation : .notConverged(iterations: iterations))
    }
    let step = factor.solve(state.score)
    guard step.allSatisfy(\.isFinite) else { return .failure(.notConverged(iterations: iterations)) }
    lastStep = zip(step, beta).map { abs($0) / (1 + abs($1)) }.max() ?? 0
    // Step halving: never accept a step that lowers the penalised log-likelihood.
    var scale = 1.0
    var candidate = state
    var candidateBeta = beta
    for _ in 0..<40 {
      candidateBeta = zip(beta, step).map { $0 + scale * $1 }
      candidate = logisticState(columns: columns, y: y, beta: candidateBeta, penalty: penalty)
      if candidate.objective >= state.objective - 1e-12 * (1 + abs(state.objective)) { break }
      scale /= 2
    }
    beta = candidateBeta
    state = candidate
    if lastStep <= tolerance { break }
  }
  guard lastStep <= tolerance else {
    return .failure(
      ridge == 0 && state.maxAbsEta > 15 ? .separation : .notConverged(iterations: iterations))
  }
  guard case .success(let factor) = CholeskyFactor.factor(state.information) else {
    return .failure(ridge == 0 ? .separation : .notConverged(iterations: iterations))
  }
  let covariance = factor.inverse()
  return .success(
    LogisticFit(
      coefficients: beta,
      standardErrors: (0..<p).map { covariance[$0][$0].squareRoot() },
      covariance: covariance, hasIntercept: includeIntercept, ridge: ridge,
      logLikelihood: state.logLikelihood, penalizedLogLikelihood: state.objective,
      iterations: iterations, lastRelativeStep: lastStep,
      maxAbsoluteScore: state.score.map { abs($0) }.max() ?? 0, rows: n, events: events))
}

/// 1 / (1 + e^(−η)), without overflow for large |η|.
func logistic(_ eta: Double) -> Double {
  if eta >= 0 { return 1 / (1 + exp(-eta)) }
  let e = exp(eta)
  return e / (1 + e)
}

/// log(1 + e^η), without overflow for large η.
private func softplus(_ eta: Double) -> Double {
  max(eta, 0) + log1p(exp(-abs(eta)))
}

private struct LogisticState {
  var logLikelihood: Double
  var objective: Double
  /// Penalised score Xᵀ(y − p) − λPβ.
  var score: [Double]
  /// Penalised information XᵀWX + λP.
  var information: [[Double]]
  var maxAbsEta: Double
}

/// A design matrix column after column in one array: column j's values at j·rows..<(j + 1)·rows.
private struct DesignColumns {
  let rows: Int
  let values: [Double]

  var count: Int { rows == 0 ? 0 : values.count / rows }
}

private func logisticState(columns: DesignColumns, y: [Double], beta: [Double], penalty: [Double])
  -> LogisticState
{
  let n = y.count
  let p = beta.count
  var eta = [Double](repeating: 0, count: n)
  columns.values.withUnsafeBufferPointer { x in
    for j in 0..<p where beta[j] != 0 {
      let b = beta[j]
      for i in 0..<n { eta[i] += b * x[j * n + i] }
    }
  }
  var logLikelihood = 0.0
  var residual = [Double](repeating: 0, count: n)
  var weight = [Double](repeating: 0, count: n)
  var maxAbsEta = 0.0
  for i in 0..<n {
    logLikelihood += y[i] * eta[i] - softplus(eta[i])
    let probability = logistic(eta[i])
    residual[i] = y[i] - probability
    weight[i] = probability * (1 - probability)
    maxAbsEta = max(maxAbsEta, abs(eta[i]))
  }
  var penaltyTerm = 0.0
  var score = [Double](repeating: 0, count: p)
  columns.values.withUnsafeBufferPointer { x in
    for j in 0..<p {
      var sum = 0.0
      for i in 0..<n { sum += x[j * n + i] * residual[i] }
      score[j] = sum - penalty[j] * beta[j]
      penaltyTerm += penalty[j] * beta[j] * beta[j] / 2
    }
  }
  var information = weightedGram(columns, weights: weight)
  for j in 0..<p { information[j][j] += penalty[j] }
  return LogisticState(
    logLikelihood: logLikelihood, objective: logLikelihood - penaltyTerm, score: score,
    information: information, maxAbsEta: maxAbsEta)
}

/// XᵀWX for column-major X and diagonal W.
private func weightedGram(_ columns: DesignColumns, weights: [Double]) -> [[Double]] {
  let p = columns.count
  let n = weights.count
  var gram = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
  columns.values.withUnsafeBufferPointer { x in
    weights.withUnsafeBufferPointer { weights in
      for a in 0..<p {
        for b in a..<p {
          var sum = 0.0
          for i in 0..<n { sum += x[a * n + i] * weights[i] * x[b * n + i] }
          gram[a][b] = sum
          gram[b][a] = sum
        }
      }
    }
  }
  return gram
}

/// D^(−1/2) A D^(−1/2), D = diag(A); nil when a diagonal entry is not positive.
private func unitDiagonal(_ a: [[Double]]) -> [[Double]]? {
  let d = a.indices.map { a[$0][$0] }
  guard d.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
  let s = d.map { 1 / $0.squareRoot() }
  return a.indices.map { i in a.indices.map { j in a[i][j] * s[i] * s[j] } }
}
