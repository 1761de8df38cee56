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

  public init(
    leaderID: String, teamID: String?, orgUnitID: String, orgUnitName: String, daysInRole: Int,
    headcount: Double?, values: [Double?], periodsInWindow: Int
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
  }
}
