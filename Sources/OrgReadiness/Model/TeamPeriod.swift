/// One team's metrics for one month, in canonical form. The team is keyed by its leader.
public struct TeamPeriod: Hashable, Sendable {
  public var leaderID: String
  /// A stable team identifier when the export has one (e.g. the supervisory organisation), which
  /// lets a team be followed across a change of leader.
  public var teamID: String?
  public var orgUnitID: String?
  public var orgUnitName: String?
  public var period: Period
  public var headcount: Int?
  /// Indicator values aligned with the ingest's indicator catalog; `nil` where the export had none.
  public var values: IndicatorValues
  public var location: SourceLocation

  public init(
    leaderID: String, teamID: String? = nil, orgUnitID: String? = nil, orgUnitName: String? = nil,
    period: Period, headcount: Int? = nil, values: IndicatorValues,
    location: SourceLocation = SourceLocation(input: 0, line: 0)
  ) {
    self.leaderID = leaderID
    self.teamID = teamID
    self.orgUnitID = orgUnitID
    self.orgUnitName = orgUnitName
    self.period = period
    self.headcount = headcount
    self.values = values
    self.location = location
  }

  /// Equality and hashing ignore `location` (duplicate detection is by content).
  public static func == (lhs: TeamPeriod, rhs: TeamPeriod) -> Bool {
    lhs.leaderID == rhs.leaderID && lhs.teamID == rhs.teamID && lhs.orgUnitID == rhs.orgUnitID
      && lhs.orgUnitName == rhs.orgUnitName && lhs.period == rhs.period
      && lhs.headcount == rhs.headcount && lhs.values == rhs.values
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(leaderID)
    hasher.combine(teamID)
    hasher.combine(orgUnitID)
    hasher.combine(orgUnitName)
    hasher.combine(period)
    hasher.combine(headcount)
    hasher.combine(values)
  }
}
