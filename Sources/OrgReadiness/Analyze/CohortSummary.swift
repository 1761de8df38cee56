/// The teams of one time-in-role cohort and their median indicator values.
public struct CohortSummary: Hashable, Sendable {
  public var cohort: Cohort
  public var leaders: Int
  /// Median per indicator (aligned with the run's indicators); nil when fewer than the minimum
  /// group size of the cohort's teams have a value.
  public var medians: [Double?]
}

/// Summarises each cohort: its leader count and per-indicator medians over teams with a value.
public func summariseCohorts(
  teams: [TeamSnapshot], indicatorCount: Int, minGroupSize: Int
) -> [CohortSummary] {
  Cohort.allCases.map { cohort in
    let members = teams.filter { $0.cohort == cohort }
    let medians: [Double?] = (0..<indicatorCount).map { index in
      let values = members.compactMap { $0.values[index] }
      return values.count >= minGroupSize ? median(values) : nil
    }
    return CohortSummary(cohort: cohort, leaders: members.count, medians: medians)
  }
}
