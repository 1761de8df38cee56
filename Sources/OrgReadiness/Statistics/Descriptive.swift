/// The median of `values` (mean of the two middle values for an even count); nil when empty.
///
/// The middle values are found by selection in linear time rather than by a full sort. They are
/// the sorted order's: values that compare equal are the same number, except 0 and −0 (and NaN,
/// which has no place in an order, with which the values are sorted instead). A middle value that
/// is zero is the one the (stable) sort would put there: of the zeros, which sit after every
/// negative value in their own order, the one at its place.
public func median(_ values: [Double]) -> Double? {
  guard !values.isEmpty else { return nil }
  let mid = values.count / 2
  if values.count > 16, !values.contains(where: \.isNaN) {
    var scratch = values
    var middle: (lower: Double, upper: Double) = scratch.withUnsafeMutableBufferPointer { buffer in
      selectOrderStatistic(mid, in: buffer)
      // After selection every value before `mid` is at most buffer[mid]: the largest of them is the
      // sorted order's value at mid − 1.
      var lower = -Double.infinity
      if values.count % 2 == 0 { for i in 0..<mid where buffer[i] > lower { lower = buffer[i] } }
      return (lower, buffer[mid])
    }
    if middle.upper == 0 || (values.count % 2 == 0 && middle.lower == 0) {
      let zeros = StableZeros(values)
      if middle.upper == 0 { middle.upper = zeros.zero(at: mid) }
      if values.count % 2 == 0 && middle.lower == 0 { middle.lower = zeros.zero(at: mid - 1) }
    }
    return values.count % 2 == 1 ? middle.upper : (middle.lower + middle.upper) / 2
  }
  let sorted = values.sorted()
  return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// Which zero (0 or −0) a stable sort of `values` puts at a position that holds a zero: the zeros
/// follow every negative value, in their own order.
private struct StableZeros {
  let values: [Double]
  let negatives: Int

  init(_ values: [Double]) {
    self.values = values
    negatives = values.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
  }

  /// The zero at position `p` of the sorted order (which must hold one).
  func zero(at p: Int) -> Double {
    var k = p - negatives
    for value in values where value == 0 {
      if k == 0 { return value }
      k -= 1
    }
    return 0
  }
}

/// The values at `positions` of `values.sorted()` (the same numbers, 0 and −0 included), found by
/// selection in linear time rather than by a sort; nil when a value is NaN or a position is
/// outside the values.
func orderStatistics(_ values: [Double], at positions: [Int]) -> [Double]? {
  guard positions.allSatisfy({ values.indices.contains($0) }), !values.contains(where: \.isNaN) else { return nil }
  var scratch = values
  var found: [Int: Double] = [:]
  scratch.withUnsafeMutableBufferPointer { buffer in
    // After selecting position p, everything after it is at least its value: the next position is
    // selected among those.
    var low = 0
    for p in Set(positions).sorted() {
      selectOrderStatistic(p - low, in: UnsafeMutableBufferPointer(rebasing: buffer[low...]))
      found[p] = buffer[p]
      low = p + 1
    }
  }
  var zeros: StableZeros?
  return positions.map { p in
    let value = found[p] ?? 0
    guard value == 0 else { return value }
    if zeros == nil { zeros = StableZeros(values) }
    return zeros?.zero(at: p) ?? value
  }
}

/// The `p`-quantiles of `values` as `quantile(sorted: values.sorted(), p)` gives them, without
/// sorting the values; nil where that gives none.
func quantiles(_ values: [Double], _ ps: [Double]) -> [Double?] {
  guard !values.isEmpty else { return ps.map { _ in nil } }
  let bounds = ps.map { p -> (h: Double, lo: Int, hi: Int) in
    let h = Double(values.count - 1) * p
    let lo = Int(h.rounded(.down))
    return (h, lo, min(lo + 1, values.count - 1))
  }
  guard let found = orderStatistics(values, at: bounds.flatMap { [$0.lo, $0.hi] }) else {
    let sorted = values.sorted()
    return ps.map { quantile(sorted: sorted, $0) }
  }
  return bounds.indices.map { k in
    let (h, lo, _) = bounds[k]
    let low = found[2 * k]
    let high = found[2 * k + 1]
    return low + (h - Double(lo)) * (high - low)
  }
}

/// The median of values already in ascending order (`values.sorted()`): the same number `median`
/// gives for them.
func median(sorted: [Double]) -> Double? {
  guard !sorted.isEmpty else { return nil }
  let mid = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// Reorders `buffer` so that position `k` holds the value a sort would put there, nothing before
/// it is greater and nothing after it is smaller (quickselect with a median-of-three pivot; a
/// range that fails to shrink quickly is sorted instead). No value may be NaN.
private func selectOrderStatistic(_ k: Int, in buffer: UnsafeMutableBufferPointer<Double>) {
  var low = 0
  var high = buffer.count - 1
  var budget = 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount) + 8
  while high - low > 16 {
    if budget == 0 {
      var rest = UnsafeMutableBufferPointer(rebasing: buffer[low...high])
      rest.sort()
      return
    }
    budget -= 1
    let middle = low + (high - low) / 2
    // Median of three as the pivot, also leaving buffer[low] ≤ pivot ≤ buffer[high].
    if buffer[middle] < buffer[low] { buffer.swapAt(middle, low) }
    if buffer[high] < buffer[low] { buffer.swapAt(high, low) }
    if buffer[high] < buffer[middle] { buffer.swapAt(high, middle) }
    let pivot = buffer[middle]
    // Hoare partition: afterwards low...j is ≤ pivot and i...high is ≥ pivot, with j < i.
    var i = low
    var j = high
    while i <= j {
      while buffer[i] < pivot { i += 1 }
      while pivot < buffer[j] { j -= 1 }
      if i <= j {
        buffer.swapAt(i, j)
        i += 1
        j -= 1
      }
    }
    if k <= j {
      high = j
    } else if k >= i {
      low = i
    } else {
      return  // j < k < i: buffer[k] equals the pivot and is in place.
    }
  }
  var rest = UnsafeMutableBufferPointer(rebasing: buffer[low...high])
  rest.sort()
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
