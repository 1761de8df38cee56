import OrgReadiness

/// What `orgready sample` generates: an organisation of about `leaders` people leaders, with
/// 12 months of team metrics ending with the as-of month. The same configuration always gives
/// byte-identical files.
public struct SampleConfiguration: Hashable, Sendable {
  public var seed: UInt64
  public var leaders: Int
  public var asOf: CalendarDate
  public var months: Int
  /// Also write records for every individual contributor (realistic job-history size); without
  /// them the job history holds leaders, former leaders and directors only.
  public var includeIndividualContributors: Bool

  public init(
    seed: UInt64 = 7, leaders: Int = 400, asOf: CalendarDate, months: Int = 12,
    includeIndividualContributors: Bool = true
  ) {
    self.seed = seed
    self.leaders = max(1, leaders)
    self.asOf = asOf
    self.months = max(1, months)
    self.includeIndividualContributors = includeIndividualContributors
  }
}
