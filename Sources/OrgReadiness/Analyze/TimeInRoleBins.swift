/// Teams binned by their leader's months in role and by one indicator's value: what the
/// executive chart draws as faint cells behind the cohort medians. Bins over fewer teams than the
/// minimum group size are left out, so no cell shows a team that could be singled out.
public struct TimeInRoleBins: Hashable, Sendable {
  public struct Bin: Hashable, Sendable {
    /// Index into `monthEdges` (the bin spans edge[i] to edge[i + 1] months, the last one beyond).
    public var month: Int
    /// Index into `valueEdges`.
    public var value: Int
    public var teams: Int
  }

  public var indicator: Indicator
  /// Teams with a value.
  public var teams: Int
  /// Left edges of the month bins: 0, 3, 6, 9, 12, 18, 24, 36, 48, 60 (the last bin is 60 and more).
  public var monthEdges: [Double]
  /// Edges of the value bins (one more than the bins): equal widths from the 2nd to the 98th
  /// percentile; values beyond fall into the end bins.
  public var valueEdges: [Double]
  /// Bins with at least the minimum group size of teams.
  public var bins: [Bin]
  /// Teams in bins left out for privacy.
  public var suppressedTeams: Int
}

/// The month bins' left edges.
public let timeInRoleMonthEdges: [Double] = [0, 3, 6, 9, 12, 18, 24, 36, 48, 60]

/// Bins every analysed team for each indicator in `indices` (`valueBins` value bins). The
/// indicators are binned in parallel.
public func timeInRoleBins(
  teams: [TeamSnapshot], indicators: [Indicator], indices: [Int], minGroupSize: Int, valueBins: Int = 8
) -> [TimeInRoleBins] {
  let months = teams.withUnsafeBufferPointer { teams in
    teams.indices.map { Double(teams[$0].daysInRole) / daysPerMonth }
  }
  let results = ParallelResults<TimeInRoleBins>(count: indices.count)
  concurrentPerform(iterations: indices.count) { k in
    let i = indices[k]
    var points: [(months: Double, value: Double)] = []
    teams.withUnsafeBufferPointer { teams in
      for t in teams.indices { if let value = teams[t].values[i] { points.append((months[t], value)) } }
    }
    let sorted = sortedValues(points.map(\.value))
    guard points.count >= minGroupSize, let low = quantile(sorted: sorted, 0.02),
      let high = quantile(sorted: sorted, 0.98), high > low
    else { return }
    let width = (high - low) / Double(valueBins)
    let valueEdges = (0...valueBins).map { low + Double($0) * width }
    // Teams per cell, cell m × valueBins + v.
    var counts = [Int](repeating: 0, count: timeInRoleMonthEdges.count * valueBins)
    for (months, value) in points {
      let m = (timeInRoleMonthEdges.lastIndex { $0 <= months } ?? 0)
      let v = max(0, min(valueBins - 1, Int(((value - low) / width).rounded(.down))))
      counts[m * valueBins + v] += 1
    }
    var bins: [TimeInRoleBins.Bin] = []
    var suppressed = 0
    for (key, n) in counts.enumerated() where n > 0 {
      if n >= minGroupSize {
        bins.append(TimeInRoleBins.Bin(month: key / valueBins, value: key % valueBins, teams: n))
      } else {
        suppressed += n
      }
    }
    results.set(
      k,
      TimeInRoleBins(
        indicator: indicators[i], teams: points.count, monthEdges: timeInRoleMonthEdges, valueEdges: valueEdges,
        bins: bins, suppressedTeams: suppressed))
  }
  return results.values.compactMap { $0 }
}
