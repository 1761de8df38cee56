/// The median of `values` (mean of the two middle values for an even count); nil when empty.
public func median(_ values: [Double]) -> Double? {
  guard !values.isEmpty else { return nil }
  let sorted = values.sorted()
  let mid = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// The arithmetic mean; nil when empty.
public func mean(_ values: [Double]) -> Double? {
  guard !values.isEmpty else { return nil }
  return values.reduce(0, +) / Double(values.count)
}

/// The unbiased sample variance (n − 1 denominator); nil with fewer than two values.
public func sampleVariance(_ values: [Double]) -> Double? {
  guard values.count >= 2, let m = mean(values) else { return nil }
  return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
}

/// The `p`-quantile (0...1) of already sorted values with linear interpolation between order
/// statistics (numpy's default "linear" method, R type 7).
public func quantile(sorted: [Double], _ p: Double) -> Double? {
  guard !sorted.isEmpty else { return nil }
  let h = Double(sorted.count - 1) * p
  let lo = Int(h.rounded(.down))
  let hi = min(lo + 1, sorted.count - 1)
  return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
}

/// Median absolute deviation scaled by 1.4826 so it estimates the standard deviation of normal
/// data (scipy's `median_abs_deviation(scale="normal")`); nil when empty.
public func scaledMAD(_ values: [Double]) -> Double? {
  guard let center = median(values) else { return nil }
  return median(values.map { abs($0 - center) }).map { $0 * 1.482_602_218_505_602 }
}

/// Pearson's product-moment correlation; nil when fewer than two pairs or either side is constant.
public func pearson(_ x: [Double], _ y: [Double]) -> Double? {
  precondition(x.count == y.count, "pearson needs paired samples")
  let n = x.count
  guard n >= 2 else { return nil }
  let mx = x.reduce(0, +) / Double(n)
  let my = y.reduce(0, +) / Double(n)
  var sxy = 0.0
  var sxx = 0.0
  var syy = 0.0
  for i in 0..<n {
    let dx = x[i] - mx
    let dy = y[i] - my
    sxy += dx * dy
    sxx += dx * dx
    syy += dy * dy
  }
  guard sxx > 0, syy > 0 else { return nil }
  return max(-1, min(1, sxy / (sxx * syy).squareRoot()))
}
