/// The teams a run analyses, and an account of the teams and leaders it could not use.
public struct Population: Sendable {
  /// Teams with a current leader and data in the window, ordered by leader id.
  public var teams: [TeamSnapshot]
  /// Leaders by the definition (active, people-leader role, leading a team in the metrics).
  public var leaders: Int
  /// Leaders whose team has no values in the window periods (left out, counted).
  public var teamsWithoutWindowData: Int
  /// Teams in the metrics whose leader is not in the job history at all.
  public var teamsWithUnknownLeader: Int
  /// Teams in the metrics whose leader is inactive or not in a people-leader role on the as-of date.
  public var teamsWithoutCurrentLeader: Int
  /// Leaders whose history holds no role-changing event, so time in role is unknown (left out).
  public var leadersWithoutRoleStart: Int
  /// Org units of the analysed teams.
  public var orgUnits: Int
  /// The window periods, oldest first.
  public var window: [Period]
}

/// The window: `periods` monthly periods ending with the as-of date's month, oldest first.
public func windowPeriods(asOf: CalendarDate, periods: Int) -> [Period] {
  let last = asOf.period
  return (0..<max(1, periods)).reversed().map { last.advanced(by: -$0) }
}

/// Builds the analysed teams: for every team in the metrics whose leader is a leader on the
/// as-of date, the mean of each indicator over the window periods the team has.
public func buildPopulation(
  people: [String: PersonState], periods: [TeamPeriod], indicatorCount: Int, asOf: CalendarDate,
  windowLength: Int
) -> Population {
  let window = windowPeriods(asOf: asOf, periods: windowLength)
  let windowRange = (window.first ?? asOf.period)...(window.last ?? asOf.period)
  var byLeader: [String: [Int]] = [:]
  for (index, record) in periods.enumerated() {
    byLeader[record.leaderID, default: []].append(index)
  }
  var teams: [TeamSnapshot] = []
  var leaders = 0
  var withoutWindow = 0
  var unknownLeader = 0
  var notCurrent = 0
  var withoutRoleStart = 0
  for leaderID in byLeader.keys.sorted() {
    guard let person = people[leaderID] else {
      unknownLeader += 1
      continue
    }
    guard person.isActive, person.isPeopleLeader else {
      notCurrent += 1
      continue
    }
    leaders += 1
    guard let days = person.daysInRole(asOf: asOf) else {
      withoutRoleStart += 1
      continue
    }
    let rows = (byLeader[leaderID] ?? []).map { periods[$0] }
      .filter { windowRange.contains($0.period) }
      .sorted { $0.period < $1.period }
    guard !rows.isEmpty else {
      withoutWindow += 1
      continue
    }
    var sums = [Double](repeating: 0, count: indicatorCount)
    var counts = [Int](repeating: 0, count: indicatorCount)
    var headcounts: [Double] = []
    for row in rows {
      for (i, value) in row.values.enumerated() where i < indicatorCount {
        if let value {
          sums[i] += value
          counts[i] += 1
        }
      }
      if let h = row.headcount { headcounts.append(Double(h)) }
    }
    let values: [Double?] = (0..<indicatorCount).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : nil }
    let latest = rows[rows.count - 1]
    let unitID = person.orgUnitID ?? latest.orgUnitID ?? "unassigned"
    let unitName = person.orgUnitName ?? latest.orgUnitName ?? unitID
    teams.append(
      TeamSnapshot(
        leaderID: leaderID, teamID: latest.teamID, orgUnitID: unitID, orgUnitName: unitName,
        daysInRole: days, headcount: mean(headcounts), values: values, periodsInWindow: rows.count))
  }
  return Population(
    teams: teams, leaders: leaders, teamsWithoutWindowData: withoutWindow,
    teamsWithUnknownLeader: unknownLeader, teamsWithoutCurrentLeader: notCurrent,
    leadersWithoutRoleStart: withoutRoleStart, orgUnits: Set(teams.map(\.orgUnitID)).count,
    window: window)
}
