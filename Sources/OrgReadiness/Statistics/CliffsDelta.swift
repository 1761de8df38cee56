/// Cliff's delta, P(a > b) − P(a < b) over all pairs of one value from each group: +1 when
/// every value of `a` exceeds every value of `b`, −1 for the reverse, 0 for complete overlap.
/// Computed with sorting and binary search in O((m + n) log n). Nil when either group is empty.
public func cliffsDelta(_ a: [Double], _ b: [Double]) -> Double? {
  guard !a.isEmpty, !b.isEmpty else { return nil }
  let sortedB = b.sorted()
  var greater = 0
  var less = 0
  for value in a {
    let lowerBound = firstIndex(in: sortedB) { $0 >= value }  // b values below `value`
    let upperBound = firstIndex(in: sortedB) { $0 > value }  // b values at or below `value`
    greater += lowerBound
    less += sortedB.count - upperBound
  }
  return Double(greater - less) / (Double(a.count) * Double(b.count))
}

/// `cliffsDelta` of two groups already in ascending order (`a.sorted()`, `b.sorted()`), in one pass
/// over both; neither may hold a NaN.
func cliffsDelta(sortedA a: [Double], sortedB b: [Double]) -> Double? {
  guard !a.isEmpty, !b.isEmpty else { return nil }
  var greater = 0
  var less = 0
  var below = 0  // b values below the current a value
  var atOrBelow = 0  // b values at or below it
  for value in a {
    while below < b.count && b[below] < value { below += 1 }
    if atOrBelow < below { atOrBelow = below }
    while atOrBelow < b.count && !(b[atOrBelow] > value) { atOrBelow += 1 }
    greater += below
    less += b.count - atOrBelow
  }
  return Double(greater - less) / (Double(a.count) * Double(b.count))
}

/// The first index of sorted `values` where `predicate` (monotone false → true) holds, or
/// `values.count`.
private func firstIndex(in values: [Double], where predicate: (Double) -> Bool) -> Int {
  var low = 0
  var high = values.count
  while low < high {
    let mid = (low + high) / 2
    if predicate(values[mid]) { high = mid } else { low = mid + 1 }
  }
  return low
}
