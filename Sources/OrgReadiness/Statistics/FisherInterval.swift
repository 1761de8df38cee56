#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Analytic interval for Spearman's rho over `n` pairs: Fisher's z = atanh(rho) ± z₍₁₋α/₂₎·se
/// mapped back with tanh, with the Bonett–Wright (2000) variance se² = (1 + rho²/2)/(n − 3).
/// Nil when n ≤ 3, rho lies outside [−1, 1] or `level` is not in (0, 1); a rho of ±1 gives the
/// point interval.
public func spearmanFisherInterval(rho: Double, n: Int, level: Double = 0.95) -> ConfidenceInterval? {
  guard n > 3, rho >= -1, rho <= 1, level > 0, level < 1 else { return nil }
  if abs(rho) == 1 { return ConfidenceInterval(low: rho, high: rho) }
  let se = ((1 + rho * rho / 2) / Double(n - 3)).squareRoot()
  let z = atanh(rho)
  let critical = normalQuantile(1 - (1 - level) / 2)
  return ConfidenceInterval(low: tanh(z - critical * se), high: tanh(z + critical * se))
}
