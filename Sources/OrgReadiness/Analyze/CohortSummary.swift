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
  let perIndicator = ParallelResults<[CohortMedian]>(count: indicatorCount)
  concurrentPerform(iterations: indicatorCount) { index in
    perIndicator.set(
      index,
      cohortMedians(
        teams: teams, indicator: index, ordered: SortedCohortValues(teams: teams, indicator: index),
        minGroupSize: minGroupSize, confidenceLevel: confidenceLevel))
  }
  return cohortSummaries(teams: teams, medians: perIndicator.values.map { $0 ?? [] })
}

/// One cohort's median of one indicator and its interval (nil for too few teams).
typealias CohortMedian = (median: Double?, interval: ConfidenceInterval?)

/// Each cohort's median and interval of one indicator (in `Cohort.allCases` order), from the
/// values in order (nil: a NaN among them).
func cohortMedians(
  teams: [TeamSnapshot], indicator index: Int, ordered: SortedCohortValues?, minGroupSize: Int,
  confidenceLevel: Double
) -> [CohortMedian] {
  Cohort.allCases.map { cohort in
    // Sorted as `median` and the interval would sort them; with a NaN among the values, the
    // cohort's values are sorted on their own.
    let values =
      ordered?.values(of: [cohort]) ?? teams.compactMap { $0.cohort == cohort ? $0.values[index] : nil }.sorted()
    guard values.count >= minGroupSize else { return (nil, nil) }
    return (median(sorted: values), medianConfidenceInterval(sorted: values, level: confidenceLevel))
  }
}

/// The summaries from each indicator's cohort medians (`medians[indicator][cohort]`).
func cohortSummaries(teams: [TeamSnapshot], medians: [[CohortMedian]]) -> [CohortSummary] {
  let (cohorts, months) = teams.withUnsafeBufferPointer { teams in
    (teams.indices.map { teams[$0].cohort }, teams.indices.map { Double(teams[$0].daysInRole) / daysPerMonth })
  }
  return Cohort.allCases.enumerated().map { c, cohort in
    // Positions of the cohort's teams.
    let members = cohorts.indices.filter { cohorts[$0] == cohort }
    return CohortSummary(
      cohort: cohort, leaders: members.count, medianMonthsInRole: median(members.map { months[$0] }),
      medians: medians.map { $0[c].median }, intervals: medians.map { $0[c].interval })
  }
}
