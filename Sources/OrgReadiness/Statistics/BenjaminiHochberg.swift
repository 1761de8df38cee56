/// Benjamini–Hochberg adjusted p-values (q-values), in the order of `pValues`
/// (`statsmodels.stats.multitest.multipletests(method="fdr_bh")`).
public func benjaminiHochberg(_ pValues: [Double]) -> [Double] {
  let m = pValues.count
  guard m > 0 else { return [] }
  let order = Array(0..<m).sorted { pValues[$0] < pValues[$1] || (pValues[$0] == pValues[$1] && $0 < $1) }
  var q = [Double](repeating: 1, count: m)
  var running = 1.0
  for rank in stride(from: m, through: 1, by: -1) {
    let i = order[rank - 1]
    running = min(running, pValues[i] * Double(m) / Double(rank))
    q[i] = min(1, running)
  }
  return q
}
