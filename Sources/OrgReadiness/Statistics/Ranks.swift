/// Ranks of `values` from 1, with tied values given the average of the ranks they span
/// (scipy's `rankdata(method="average")`).
public func averageRanks(_ values: [Double]) -> [Double] {
  let n = values.count
  var order = Array(0..<n)
  order.sort { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
  var ranks = [Double](repeating: 0, count: n)
  var i = 0
  while i < n {
    var j = i
    while j + 1 < n && values[order[j + 1]] == values[order[i]] { j += 1 }
    // Positions i...j (0-based) share the ranks i+1...j+1; their average is (i + j) / 2 + 1.
    let rank = Double(i + j) / 2 + 1
    for k in i...j { ranks[order[k]] = rank }
    i = j + 1
  }
  return ranks
}
