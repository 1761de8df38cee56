/// The normal prior that team means are drawn from: N(mean, betweenVariance).
public struct NormalPrior: Hashable, Sendable {
  public var mean: Double
  /// τ², the variance of true team means around `mean`.
  public var betweenVariance: Double

  public init(mean: Double, betweenVariance: Double) {
    self.mean = mean
    self.betweenVariance = betweenVariance
  }
}

/// One team's mean: raw, shrunken toward the prior mean, and its credible interval.
public struct ShrunkenMean: Hashable, Sendable {
  public var raw: Double
  /// μ + B·(raw − μ) with B = τ²/(τ² + se²).
  public var shrunken: Double
  /// B, the weight on the team's own value (0: pooled completely, 1: left as it is).
  public var weight: Double
  /// shrunken ± z·sqrt(B·se²), the normal posterior given the prior.
  public var interval: ConfidenceInterval
}

/// Fits the prior for team means with standard errors by the DerSimonian–Laird method of
/// moments (`statsmodels.stats.meta_analysis.combine_effects(method_re="dl")`): with wᵢ = 1/seᵢ²,
/// Q = Σwᵢ(yᵢ − ȳ_w)², τ² = max(0, (Q − (N − 1)) / (Σw − Σw²/Σw)), and the mean weighted by
/// 1/(seᵢ² + τ²). Nil when fewer than two teams, a value is not finite, or a standard error is ≤ 0.
public func fitNormalPrior(means: [Double], standardErrors: [Double]) -> NormalPrior? {
  precondition(means.count == standardErrors.count, "one standard error per mean")
  guard validMeans(means, standardErrors), means.count >= 2 else { return nil }
  let w = standardErrors.map { 1 / ($0 * $0) }
  let sumW = w.reduce(0, +)
  let fixed = zip(w, means).reduce(0) { $0 + $1.0 * $1.1 } / sumW
  let q = zip(w, means).reduce(0) { $0 + $1.0 * ($1.1 - fixed) * ($1.1 - fixed) }
  let denominator = sumW - w.reduce(0) { $0 + $1 * $1 } / sumW
  let tau2 = denominator > 0 ? max(0, (q - Double(means.count - 1)) / denominator) : 0
  let wStar = standardErrors.map { 1 / ($0 * $0 + tau2) }
  let mean = zip(wStar, means).reduce(0) { $0 + $1.0 * $1.1 } / wStar.reduce(0, +)
  return NormalPrior(mean: mean, betweenVariance: tau2)
}

/// Normal–normal empirical-Bayes shrinkage of each team mean toward `prior`: a team with a
/// large standard error (few people) moves further than one with a small one. A zero between
/// variance pools every team at the prior mean. Nil when a value is not finite or a standard
/// error is ≤ 0, the prior variance is negative, or `level` is not in (0, 1).
public func shrinkMeans(
  means: [Double], standardErrors: [Double], prior: NormalPrior, level: Double = 0.95
) -> [ShrunkenMean]? {
  precondition(means.count == standardErrors.count, "one standard error per mean")
  guard validMeans(means, standardErrors), level > 0, level < 1, prior.mean.isFinite,
    prior.betweenVariance >= 0, prior.betweenVariance.isFinite
  else { return nil }
  let critical = normalQuantile(1 - (1 - level) / 2)
  return zip(means, standardErrors).map { y, se in
    let variance = se * se
    let weight = prior.betweenVariance / (prior.betweenVariance + variance)
    let shrunken = prior.mean + weight * (y - prior.mean)
    let half = critical * (weight * variance).squareRoot()
    return ShrunkenMean(
      raw: y, shrunken: shrunken, weight: weight,
      interval: ConfidenceInterval(low: shrunken - half, high: shrunken + half))
  }
}

private func validMeans(_ means: [Double], _ standardErrors: [Double]) -> Bool {
  zip(means, standardErrors).allSatisfy { y, se in y.isFinite && se.isFinite && se > 0 }
}
