/// A beta prior Beta(alpha, beta) for team rates.
public struct BetaPrior: Hashable, Sendable {
  public var alpha: Double
  public var beta: Double

  public init(alpha: Double, beta: Double) {
    self.alpha = alpha
    self.beta = beta
  }

  /// The prior mean alpha / (alpha + beta).
  public var mean: Double { alpha / (alpha + beta) }

  /// The posterior mean of a team with `events` out of `trials`: (alpha + k) / (alpha + beta + n).
  public func posteriorMean(events: Double, trials: Double) -> Double {
    let a = alpha + events
    let b = beta + trials - events
    return a / (a + b)
  }

  /// The weight the posterior mean keeps on the team's own rate: n / (alpha + beta + n), so that
  /// posterior = weight × k/n + (1 − weight) × prior mean.
  public func ownWeight(trials: Double) -> Double { trials / (alpha + beta + trials) }
}

/// One team's rate: raw, shrunken toward the organisation, and its credible interval.
public struct ShrunkenRate: Hashable, Sendable {
  /// events / trials; nil when trials is 0.
  public var raw: Double?
  /// Posterior mean (alpha + events) / (alpha + beta + trials).
  public var shrunken: Double
  /// Equal-tailed credible interval from the Beta(alpha + events, beta + trials − events) quantiles.
  public var interval: ConfidenceInterval
}

/// Fits a beta prior to team rates by the method of moments: Marshall's (1991) global moment
/// estimator (the one in `spdep::EBest`) with the binomial variance m(1 − m) in place of the
/// Poisson m. Pooled rate m = Σk/Σn, weighted variance s² = Σ nᵢ(kᵢ/nᵢ − m)² / Σn, between-team
/// variance τ² = s² − m(1 − m)/n̄ with n̄ = Σn/N, then the beta with mean m and variance τ²:
/// alpha + beta = m(1 − m)/τ² − 1. Teams with no trials are ignored. Nil when fewer than two
/// teams have trials, a count is negative or not finite, events exceed trials, m is 0 or 1, or
/// τ² ≤ 0 (no variation beyond binomial noise: nothing to estimate; report the raw or pooled
/// rate instead).
public func fitBetaPrior(events: [Double], trials: [Double]) -> BetaPrior? {
  precondition(events.count == trials.count, "one trial count per event count")
  guard validCounts(events: events, trials: trials) else { return nil }
  let teams = trials.indices.filter { trials[$0] > 0 }
  guard teams.count >= 2 else { return nil }
  let totalTrials = teams.reduce(0) { $0 + trials[$1] }
  let m = teams.reduce(0) { $0 + events[$1] } / totalTrials
  guard m > 0, m < 1 else { return nil }
  let s2 =
    teams.reduce(0) { sum, i in
      let d = events[i] / trials[i] - m
      return sum + trials[i] * d * d
    } / totalTrials
  let meanTrials = totalTrials / Double(teams.count)
  let tau2 = s2 - m * (1 - m) / meanTrials
  guard tau2 > 0 else { return nil }
  let concentration = m * (1 - m) / tau2 - 1
  guard concentration > 0, concentration.isFinite else { return nil }
  return BetaPrior(alpha: m * concentration, beta: (1 - m) * concentration)
}

/// Empirical-Bayes beta-binomial shrinkage of each team's rate toward `prior`: posterior
/// Beta(alpha + k, beta + n − k), its mean and an equal-tailed `level` credible interval.
/// A team with no trials gets the prior. Nil when a count is invalid (see `fitBetaPrior`), the
/// prior is not a proper beta, or `level` is not in (0, 1).
public func shrinkRates(
  events: [Double], trials: [Double], prior: BetaPrior, level: Double = 0.95
) -> [ShrunkenRate]? {
  precondition(events.count == trials.count, "one trial count per event count")
  guard validCounts(events: events, trials: trials), level > 0, level < 1,
    prior.alpha > 0, prior.beta > 0, prior.alpha.isFinite, prior.beta.isFinite
  else { return nil }
  let tail = (1 - level) / 2
  return zip(events, trials).map { k, n in
    let a = prior.alpha + k
    let b = prior.beta + n - k
    return ShrunkenRate(
      raw: n > 0 ? k / n : nil,
      shrunken: prior.posteriorMean(events: k, trials: n),
      interval: ConfidenceInterval(
        low: inverseRegularizedIncompleteBeta(a: a, b: b, p: tail),
        high: inverseRegularizedIncompleteBeta(a: a, b: b, p: 1 - tail)))
  }
}

private func validCounts(events: [Double], trials: [Double]) -> Bool {
  zip(events, trials).allSatisfy { k, n in k.isFinite && n.isFinite && k >= 0 && n >= 0 && k <= n }
}
