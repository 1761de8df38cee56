#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The regularised incomplete beta function I_x(a, b), by Lentz's continued fraction
/// (Numerical Recipes §6.4), accurate to about 1e-14 relative.
public func regularizedIncompleteBeta(a: Double, b: Double, x: Double) -> Double {
  if x <= 0 { return 0 }
  if x >= 1 { return 1 }
  let lnFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(1 - x)
  let front = exp(lnFront)
  if x < (a + 1) / (a + b + 2) {
    return front * betaContinuedFraction(a: a, b: b, x: x) / a
  }
  return 1 - front * betaContinuedFraction(a: b, b: a, x: 1 - x) / b
}

private func betaContinuedFraction(a: Double, b: Double, x: Double) -> Double {
  let tiny = 1e-300
  let qab = a + b
  let qap = a + 1
  let qam = a - 1
  var c = 1.0
  var d = 1 - qab * x / qap
  if abs(d) < tiny { d = tiny }
  d = 1 / d
  var h = d
  for m in 1...10_000 {
    let m = Double(m)
    let m2 = 2 * m
    var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
    d = 1 + aa * d
    if abs(d) < tiny { d = tiny }
    c = 1 + aa / c
    if abs(c) < tiny { c = tiny }
    d = 1 / d
    h *= d * c
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
    d = 1 + aa * d
    if abs(d) < tiny { d = tiny }
    c = 1 + aa / c
    if abs(c) < tiny { c = tiny }
    d = 1 / d
    let delta = d * c
    h *= delta
    if abs(delta - 1) < 1e-16 { break }
  }
  return h
}
