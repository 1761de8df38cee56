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
/// their intervals over teams with a value. The indicators are worked out in parallel.
public func summariseCohorts(
  teams: [TeamSnapshot], indicatorCount: Int, minGroupSize: Int, confidenceLevel: Double
) -> [CohortSummary] {
  // Per indicator, each cohort's median and interval, from the values in order sorted once.
  let perIndicator = ParallelResults<[(median: Double?, interval: ConfidenceInterval?)]>(count: indicatorCount)
  concurrentPerform(iterations: indicatorCount) { index in
    let ordered = SortedCohortValues(teams: teams, indicator: index)
    perIndicator.set(
      index,
      Cohort.allCases.map { cohort in
        // Sorted as `median` and the interval would sort them; with a NaN among the values, the
        // cohort's values are sorted on their own.
        let values =
          ordered?.values(of: [cohort])
          ?? teams.compactMap { $0.cohort == cohort ? $0.values[index] : nil }.sorted()
        guard values.count >= minGroupSize else { return (nil, nil) }
        return (median(sorted: values), medianConfidenceInterval(sorted: values, level: confidenceLevel))
      })
  }
  let figures = perIndicator.values.map { $0 ?? [] }
  return Cohort.allCases.enumerated().map { c, cohort in
    // Positions of the cohort's teams, not copies of them.
    let members = teams.indices.filter { teams[$0].cohort == cohort }
    return CohortSummary(
      cohort: cohort, leaders: members.count,
      medianMonthsInRole: median(members.map { Double(teams[$0].daysInRole) / daysPerMonth }),
      medians: figures.map { $0[c].median }, intervals: figures.map { $0[c].interval })
  }
}
