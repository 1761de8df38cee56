/// Ranks of `values` from 1, with tied values given the average of the ranks they span
/// (scipy's `rankdata(method="average")`).
public func averageRanks(_ values: [Double]) -> [Double] {
  let n = values.count
  // Any order by value gives the same ranks (tied values share theirs), so the faster one is used;
  // with a NaN the positions are sorted as they always were.
  let order =
    ascendingOrder(values)
    ?? Array(0..<n).sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }.map(Int32.init)
  var ranks = [Double](repeating: 0, count: n)
  var i = 0
  while i < n {
    var j = i
    while j + 1 < n && values[Int(order[j + 1])] == values[Int(order[i])] { j += 1 }
    // Positions i...j (0-based) share the ranks i+1...j+1; their average is (i + j) / 2 + 1.
    let rank = Double(i + j) / 2 + 1
    for k in i...j { ranks[Int(order[k])] = rank }
    i = j + 1
  }
  return ranks
}
