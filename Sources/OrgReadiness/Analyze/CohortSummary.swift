/// The teams of one time-in-role cohort: their median indicator values with an interval, and
/// their median time in role.
public struct CohortSummary: Hashable, Sendable {
  public var cohort: Cohort
  public var leaders: Int
  /// Median months in role of the cohort's leaders (nil for an empty cohort).
  public var medianMonthsInRole: Double?
  /// Median per indicator (aligned with the run's indicators); nil when fewer than the minimum
  /// group size of the cohort's teams have a value.
  public var medians: [Double?]
  /// The order-statistic interval of each median at the confidence level (nil with the median, or
  /// when there are too few teams for the level).
  public var intervals: [ConfidenceInterval?]
}

/// Average days in a month, for months in role.
public let daysPerMonth = 365.25 / 12

/// Summarises each cohort: its leader count, median time in role, and per-indicator medians with
/// their intervals over teams with a value.
public func summariseCohorts(
  teams: [TeamSnapshot], indicatorCount: Int, minGroupSize: Int, confidenceLevel: Double
) -> [CohortSummary] {
  Cohort.allCases.map { cohort in
    // Positions of the cohort's teams, not copies of them.
    let members = teams.indices.filter { teams[$0].cohort == cohort }
    var medians: [Double?] = []
    var intervals: [ConfidenceInterval?] = []
    for index in 0..<indicatorCount {
      let values = members.compactMap { teams[$0].values[index] }
      let shown = values.count >= minGroupSize
      medians.append(shown ? median(values) : nil)
      intervals.append(shown ? medianConfidenceInterval(values, level: confidenceLevel) : nil)
    }
    return CohortSummary(
      cohort: cohort, leaders: members.count,
      medianMonthsInRole: median(members.map { Double(teams[$0].daysInRole) / daysPerMonth }), medians: medians,
      intervals: intervals)
  }
}
