#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The regularised upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a)
/// (`scipy.special.gammaincc`), for a > 0 and x ≥ 0: the series for P when x < a + 1, else
/// Lentz's continued fraction for Q (Numerical Recipes §6.2), about 1e-14 relative. NaN when
/// a ≤ 0, x < 0 or either is NaN.
public func regularizedUpperIncompleteGamma(a: Double, x: Double) -> Double {
  guard a > 0, x >= 0 else { return .nan }
  if x == 0 { return 1 }
  if x.isInfinite { return 0 }
  if x < a + 1 { return 1 - gammaSeries(a: a, x: x) }
  return gammaContinuedFraction(a: a, x: x)
}

/// The regularised lower incomplete gamma function P(a, x) = 1 − Q(a, x)
/// (`scipy.special.gammainc`), computed directly where it is the smaller of the two.
public func regularizedLowerIncompleteGamma(a: Double, x: Double) -> Double {
  guard a > 0, x >= 0 else { return .nan }
  if x == 0 { return 0 }
  if x.isInfinite { return 1 }
  if x < a + 1 { return gammaSeries(a: a, x: x) }
  return 1 - gammaContinuedFraction(a: a, x: x)
}

/// The survival function P(X > x) of the chi-square distribution with `degreesOfFreedom`
/// (`scipy.stats.chi2.sf`): Q(df/2, x/2). 1 for x ≤ 0.
public func chiSquaredSurvival(_ x: Double, degreesOfFreedom: Double) -> Double {
  precondition(degreesOfFreedom > 0, "chi-square needs positive degrees of freedom")
  guard x > 0 else { return 1 }
  return regularizedUpperIncompleteGamma(a: degreesOfFreedom / 2, x: x / 2)
}

/// P(a, x) by its power series; converges quickly for x < a + 1.
private func gammaSeries(a: Double, x: Double) -> Double {
  var denominator = a
  var term = 1 / a
  var sum = term
  for _ in 0..<10_000 {
    denominator += 1
    term *= x / denominator
    sum += term
    if abs(term) < abs(sum) * 1e-17 { break }
  }
  return sum * exp(-x + a * log(x) - lgamma(a))
}

/// Q(a, x) by its continued fraction (modified Lentz); converges quickly for x ≥ a + 1.
private func gammaContinuedFraction(a: Double, x: Double) -> Double {
  let tiny = 1e-300
  var b = x + 1 - a
  var c = 1 / tiny
  var d = 1 / b
  var h = d
  for i in 1...10_000 {
    let an = -Double(i) * (Double(i) - a)
    b += 2
    d = an * d + b
    if abs(d) < tiny { d = tiny }
    c = b + an / c
    if abs(c) < tiny { c = tiny }
    d = 1 / d
    let delta = d * c
    h *= delta
    if abs(delta - 1) < 1e-16 { break }
  }
  return exp(-x + a * log(x) - lgamma(a)) * h
}
