/// One analysed team on the as-of date: its leader's time in role and its window values.
public struct TeamSnapshot: Hashable, Sendable {
  public var leaderID: String
  public var teamID: String?
  public var orgUnitID: String
  public var orgUnitName: String
  public var daysInRole: Int
  public var cohort: Cohort
  /// Mean headcount over the window periods the team has.
  public var headcount: Double?
  /// Window means aligned with the run's indicator list; nil where the team has no value.
  public var values: [Double?]
  /// How many window periods the team has data for.
  public var periodsInWindow: Int
  /// Means over the window before the current one (same length), for trends; the team is
  /// followed by its team id across a change of leader when the export has one.
  public var priorValues: [Double?]
  /// Sample variance of the monthly values within the window (nil with fewer than two months).
  public var windowVariances: [Double?]

  public init(
    leaderID: String, teamID: String?, orgUnitID: String, orgUnitName: String, daysInRole: Int,
    headcount: Double?, values: [Double?], periodsInWindow: Int, priorValues: [Double?]? = nil,
    windowVariances: [Double?]? = nil
  ) {
    self.leaderID = leaderID
    self.teamID = teamID
    self.orgUnitID = orgUnitID
    self.orgUnitName = orgUnitName
    self.daysInRole = daysInRole
    self.cohort = Cohort(daysInRole: daysInRole)
    self.headcount = headcount
    self.values = values
    self.periodsInWindow = periodsInWindow
    self.priorValues = priorValues ?? Array(repeating: nil, count: values.count)
    self.windowVariances = windowVariances ?? Array(repeating: nil, count: values.count)
  }
}
