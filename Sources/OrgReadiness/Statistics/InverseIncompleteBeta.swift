#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The inverse of the regularised incomplete beta function: the x in [0, 1] with
/// I_x(a, b) = p (`scipy.special.betaincinv`, the beta distribution's quantile), for a, b > 0.
/// Newton steps kept inside a shrinking bisection bracket, so it always converges; accurate to
/// about 1e-13 absolute (the accuracy of `regularizedIncompleteBeta`). NaN for invalid arguments.
public func inverseRegularizedIncompleteBeta(a: Double, b: Double, p: Double) -> Double {
  guard a > 0, b > 0, p >= 0, p <= 1 else { return .nan }
  if p == 0 { return 0 }
  if p == 1 { return 1 }
  let lnBeta = lgamma(a) + lgamma(b) - lgamma(a + b)
  var low = 0.0
  var high = 1.0
  // Start at the mean; Newton from there converges in a handful of steps for moderate a, b.
  var x = a / (a + b)
  for _ in 0..<200 {
    let f = regularizedIncompleteBeta(a: a, b: b, x: x) - p
    if f == 0 { return x }
    if f < 0 { low = x } else { high = x }
    let density = exp((a - 1) * log(x) + (b - 1) * log1p(-x) - lnBeta)
    var next = x - f / density
    if !(next > low && next < high) || !density.isFinite || density == 0 {
      next = (low + high) / 2
    }
    if abs(next - x) <= 1e-16 * max(x, 1e-300) || high - low <= 1e-16 * max(low, 1e-300) {
      return next
    }
    x = next
  }
  return x
}
