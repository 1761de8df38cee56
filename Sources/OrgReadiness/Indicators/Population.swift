/// The teams a run analyses, and an account of the teams and leaders it could not use. A team is
/// keyed by its leader in the metrics, so every count below counts distinct leader ids of the team
/// metrics, and each such id is in exactly one of: the analysed `teams`, `teamsWithoutWindowData`,
/// `leadersWithoutRoleStart` (these three make `leaders`), `teamsOfLeadersNotInJobHistory` and
/// `teamsWithoutCurrentLeader`.
public struct Population: Sendable {
  /// Teams with a current leader, a known time in role and data in the window, ordered by leader id.
  public var teams: [TeamSnapshot]
  /// Leaders by the definition: active and in a people-leader role on the as-of date, leading a
  /// team in the metrics.
  public var leaders: Int
  /// Leaders whose team has no values in the window periods (left out).
  public var teamsWithoutWindowData: Int
  /// Teams in the metrics whose leader the job history does not hold on the as-of date; the resolve
  /// stage rejects their rows (each is in rejects.csv), so they never reach the analysis.
  public var teamsOfLeadersNotInJobHistory: Int
  /// Teams in the metrics whose leader is inactive or not in a people-leader role on the as-of date.
  public var teamsWithoutCurrentLeader: Int
  /// Leaders whose history holds no role-changing event, so time in role is unknown (left out).
  public var leadersWithoutRoleStart: Int
  /// Org units of the analysed teams.
  public var orgUnits: Int
  /// The window periods, oldest first.
  public var window: [Period]

  static let empty = Population(
    teams: [], leaders: 0, teamsWithoutWindowData: 0, teamsOfLeadersNotInJobHistory: 0, teamsWithoutCurrentLeader: 0,
    leadersWithoutRoleStart: 0, orgUnits: 0, window: [])
}

/// The window: `periods` monthly periods ending with the as-of date's month, oldest first.
public func windowPeriods(asOf: CalendarDate, periods: Int) -> [Period] {
  let last = asOf.period
  return (0..<max(1, periods)).reversed().map { last.advanced(by: -$0) }
}

/// Builds the analysed teams: for every team in the metrics whose leader is a leader on the
/// as-of date, the mean of each indicator over the window periods the team has.
/// `teamsOfUnknownLeaders` are the teams the resolve stage already rejected because the job history
/// does not hold their leader; teams of unknown leaders still in `periods` are added to them.
public func buildPopulation(
  people: [String: PersonState], periods: [TeamPeriod], indicatorCount: Int, asOf: CalendarDate,
  windowLength: Int, teamsOfUnknownLeaders: Int = 0
) -> Population {
  let window = windowPeriods(asOf: asOf, periods: windowLength)
  let windowRange = (window.first ?? asOf.period)...(window.last ?? asOf.period)
  let priorRange =
    (window.first ?? asOf.period).advanced(by: -window.count)...(window.first ?? asOf.period).advanced(by: -1)
  var byLeader: [String: [Int]] = [:]
  var byTeam: [String: [Int]] = [:]
  for (index, record) in periods.enumerated() {
    byLeader[record.leaderID, default: []].append(index)
    if let team = record.teamID { byTeam[team, default: []].append(index) }
  }
  var teams: [TeamSnapshot] = []
  var leaders = 0
  var withoutWindow = 0
  var unknownLeader = teamsOfUnknownLeaders
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
    // Row indices, not copies of the rows.
    let own = byLeader[leaderID] ?? []
    let rows = own.filter { windowRange.contains(periods[$0].period) }.sorted {
      periods[$0].period < periods[$1].period
    }
    guard let last = rows.last else {
      withoutWindow += 1
      continue
    }
    let latest = periods[last]
    let monthly = monthlyValues(periods, rows, indicatorCount: indicatorCount)
    let values = monthly.map { mean($0) }
    let variances = monthly.map(sampleVariance)
    let headcounts = rows.compactMap { periods[$0].headcount.map(Double.init) }
    // The team before this window: by team id across leaders when known, else this leader's rows.
    let history = latest.teamID.flatMap { byTeam[$0] } ?? own
    let prior = monthlyValues(
      periods, history.filter { priorRange.contains(periods[$0].period) }, indicatorCount: indicatorCount
    )
    .map { mean($0) }
    let unitID = person.orgUnitID ?? latest.orgUnitID ?? "unassigned"
    let unitName = person.orgUnitName ?? latest.orgUnitName ?? unitID
    teams.append(
      TeamSnapshot(
        leaderID: leaderID, teamID: latest.teamID, orgUnitID: unitID, orgUnitName: unitName,
        daysInRole: days, headcount: mean(headcounts), values: values, periodsInWindow: rows.count,
        priorValues: prior, windowVariances: variances))
  }
  return Population(
    teams: teams, leaders: leaders, teamsWithoutWindowData: withoutWindow,
    teamsOfLeadersNotInJobHistory: unknownLeader, teamsWithoutCurrentLeader: notCurrent,
    leadersWithoutRoleStart: withoutRoleStart, orgUnits: Set(teams.map(\.orgUnitID)).count,
    window: window)
}

/// The monthly values of each indicator over the rows of `periods` at `rows` (one array per
/// indicator, missing months left out).
func monthlyValues(_ periods: [TeamPeriod], _ rows: [Int], indicatorCount: Int) -> [[Double]] {
  var out = [[Double]](repeating: [], count: indicatorCount)
  for r in rows {
    for (i, value) in periods[r].values.enumerated() where i < indicatorCount {
      if let value { out[i].append(value) }
    }
  }
  return out
}
