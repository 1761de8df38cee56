/// Paired bias-corrected and accelerated (BCa) bootstrap interval for Spearman's rho
/// (Efron & Tibshirani 1993, §14.3; what `scipy.stats.bootstrap(..., paired=True,
/// method="BCa")` computes): the same resamples as `spearmanBootstrapInterval` for the same
/// generator state, a bias correction from the share of resamples below the estimate, and an
/// acceleration from the leave-one-out jackknife. Nil when fewer than 3 pairs, rho or a
/// leave-one-out rho is undefined, or every resample lies on one side of the estimate.
public func spearmanBCaInterval(
  _ x: [Double], _ y: [Double], resamples: Int, level: Double = 0.95,
  generator: inout SeededGenerator
) -> ConfidenceInterval? {
  precondition(x.count == y.count, "spearmanBCaInterval needs paired samples")
  guard x.count >= 3, resamples > 0, let estimate = spearman(x, y) else { return nil }
  let replicates = spearmanBootstrapReplicates(x, y, resamples: resamples, generator: &generator)
  guard let acceleration = spearmanJackknifeAcceleration(x, y) else { return nil }
  return bcaInterval(
    estimate: estimate, replicates: replicates, acceleration: acceleration, level: level)
}

/// The BCa acceleration a = Σd³ / (6 (Σd²)^{3/2}), d = mean(θ₋ᵢ) − θ₋ᵢ, from the leave-one-out
/// Spearman estimates θ₋ᵢ. 0 when every θ₋ᵢ is equal; nil when one is undefined.
func spearmanJackknifeAcceleration(_ x: [Double], _ y: [Double]) -> Double? {
  let n = x.count
  var leaveOneOut: [Double] = []
  leaveOneOut.reserveCapacity(n)
  var jx = [Double](repeating: 0, count: n - 1)
  var jy = [Double](repeating: 0, count: n - 1)
  for left in 0..<n {
    var k = 0
    for i in 0..<n where i != left {
      jx[k] = x[i]
      jy[k] = y[i]
      k += 1
    }
    guard let rho = spearman(jx, jy) else { return nil }
    leaveOneOut.append(rho)
  }
  let center = leaveOneOut.reduce(0, +) / Double(n)
  var sum2 = 0.0
  var sum3 = 0.0
  for value in leaveOneOut {
    let d = center - value
    sum2 += d * d
    sum3 += d * d * d
  }
  guard sum2 > 0 else { return 0 }
  return sum3 / (6 * sum2 * sum2.squareRoot())
}

/// The BCa interval from bootstrap `replicates` (any order) of a statistic with point
/// `estimate` and jackknife `acceleration`: z₀ = Φ⁻¹(share below the estimate, ties counted
/// half), the adjusted levels Φ(z₀ + (z₀ + z)/(1 − a(z₀ + z))) for z = Φ⁻¹(α/2), Φ⁻¹(1 − α/2),
/// read off the sorted replicates with linear interpolation. Nil when the levels are undefined.
func bcaInterval(
  estimate: Double, replicates: [Double], acceleration: Double, level: Double
) -> ConfidenceInterval? {
  guard !replicates.isEmpty else { return nil }
  let sorted = replicates.sorted()
  var below = 0
  var atMost = 0
  for value in sorted where value <= estimate {
    atMost += 1
    if value < estimate { below += 1 }
  }
  let z0 = normalQuantile(Double(below + atMost) / Double(2 * sorted.count))
  let zAlpha = normalQuantile((1 - level) / 2)
  func adjusted(_ z: Double) -> Double {
    let shifted = z0 + z
    return normalCDF(z0 + shifted / (1 - acceleration * shifted))
  }
  let lowLevel = adjusted(zAlpha)
  let highLevel = adjusted(-zAlpha)
  guard lowLevel.isFinite, highLevel.isFinite, z0.isFinite,
    let low = quantile(sorted: sorted, lowLevel), let high = quantile(sorted: sorted, highLevel)
  else { return nil }
  return ConfidenceInterval(low: low, high: high)
}
