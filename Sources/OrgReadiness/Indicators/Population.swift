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
///
/// Leaders and team ids are numbered once and their rows listed by number, and the leaders are
/// worked out on all cores in blocks of consecutive leaders (in order of id), gathered in order.
public func buildPopulation(
  people: [String: PersonState], periods: [TeamPeriod], indicatorCount: Int, asOf: CalendarDate,
  windowLength: Int, teamsOfUnknownLeaders: Int = 0
) -> Population {
  buildPopulation(
    people: people, periods: periods, keys: PeriodKeys(periods), indicatorCount: indicatorCount, asOf: asOf,
    windowLength: windowLength, teamsOfUnknownLeaders: teamsOfUnknownLeaders)
}

/// `buildPopulation` with the periods' keys numbered already.
func buildPopulation(
  people: [String: PersonState], periods: [TeamPeriod], keys: PeriodKeys, indicatorCount: Int, asOf: CalendarDate,
  windowLength: Int, teamsOfUnknownLeaders: Int = 0
) -> Population {
  let window = windowPeriods(asOf: asOf, periods: windowLength)
  let windowRange = (window.first ?? asOf.period)...(window.last ?? asOf.period)
  let priorRange =
    (window.first ?? asOf.period).advanced(by: -window.count)...(window.first ?? asOf.period).advanced(by: -1)
  let leaderIDs = keys.leaders.keys
  let byLeader = keys.leaders.rowGroups()
  let byTeam = keys.teams.rowGroups()
  let teamOfRow = keys.teams.ofRow
  let leaderOrder = leaderIDs.indices.sorted { leaderIDs[$0] < leaderIDs[$1] }

  struct Part: Sendable {
    var teams: [TeamSnapshot] = []
    var leaders = 0
    var withoutWindow = 0
    var unknownLeader = 0
    var notCurrent = 0
    var withoutRoleStart = 0
  }
  let blockSize = 2048
  let blocks = (leaderOrder.count + blockSize - 1) / blockSize
  let parts = ParallelResults<Part>(count: blocks)
  concurrentPerform(iterations: blocks) { block in
    var part = Part()
    var sums = [Double](repeating: 0, count: indicatorCount)
    var counts = [Int](repeating: 0, count: indicatorCount)
    var monthly: [Double] = []
    for l in leaderOrder[(block * blockSize)..<min(leaderOrder.count, (block + 1) * blockSize)] {
      let leaderID = leaderIDs[l]
      guard let person = people[leaderID] else {
        part.unknownLeader += 1
        continue
      }
      guard person.isActive, person.isPeopleLeader else {
        part.notCurrent += 1
        continue
      }
      part.leaders += 1
      guard let days = person.daysInRole(asOf: asOf) else {
        part.withoutRoleStart += 1
        continue
      }
      // Row indices, not copies of the rows.
      let own = byLeader.rows(l)
      let rows = own.filter { windowRange.contains(periods[Int($0)].period) }.sorted {
        periods[Int($0)].period < periods[Int($1)].period
      }
      guard let last = rows.last else {
        part.withoutWindow += 1
        continue
      }
      let latest = periods[Int(last)]
      // Each indicator's mean and sample variance over the rows, added up in row order as `mean`
      // and `sampleVariance` add up the monthly values (NaN in `monthly` where a month has none).
      monthly.removeAll(keepingCapacity: true)
      for r in rows {
        let row = periods[Int(r)].values
        for i in 0..<indicatorCount { monthly.append(i < row.count ? row[i] ?? .nan : .nan) }
      }
      var values = [Double?](repeating: nil, count: indicatorCount)
      var variances = [Double?](repeating: nil, count: indicatorCount)
      for i in 0..<indicatorCount {
        var sum = 0.0
        var count = 0
        for k in stride(from: i, to: monthly.count, by: indicatorCount) where !monthly[k].isNaN {
          sum += monthly[k]
          count += 1
        }
        guard count > 0 else { continue }
        let m = sum / Double(count)
        values[i] = m
        guard count >= 2 else { continue }
        var squares = 0.0
        for k in stride(from: i, to: monthly.count, by: indicatorCount) where !monthly[k].isNaN {
          squares = squares + (monthly[k] - m) * (monthly[k] - m)
        }
        variances[i] = squares / Double(count - 1)
      }
      var headcountSum = 0.0
      var headcountCount = 0
      for r in rows {
        guard let headcount = periods[Int(r)].headcount else { continue }
        headcountSum += Double(headcount)
        headcountCount += 1
      }
      // The team before this window: by team id across leaders when known, else this leader's rows.
      let team = teamOfRow[Int(last)]
      let history = team >= 0 ? byTeam.rows(Int(team)) : own
      monthlySums(
        periods, history.filter { priorRange.contains(periods[Int($0)].period) }, sums: &sums, counts: &counts)
      let prior = (0..<indicatorCount).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : nil }
      let unitID = person.orgUnitID ?? latest.orgUnitID ?? "unassigned"
      let unitName = person.orgUnitName ?? latest.orgUnitName ?? unitID
      part.teams.append(
        TeamSnapshot(
          leaderID: leaderID, teamID: latest.teamID, orgUnitID: unitID, orgUnitName: unitName,
          daysInRole: days, headcount: headcountCount > 0 ? headcountSum / Double(headcountCount) : nil,
          values: values, periodsInWindow: rows.count, priorValues: prior, windowVariances: variances))
    }
    parts.set(block, part)
  }
  var teams: [TeamSnapshot] = []
  teams.reserveCapacity(leaderIDs.count)
  var leaders = 0
  var withoutWindow = 0
  var unknownLeader = teamsOfUnknownLeaders
  var notCurrent = 0
  var withoutRoleStart = 0
  for part in parts.values {
    guard let part else { continue }
    teams += part.teams
    leaders += part.leaders
    withoutWindow += part.withoutWindow
    unknownLeader += part.unknownLeader
    notCurrent += part.notCurrent
    withoutRoleStart += part.withoutRoleStart
  }
  return Population(
    teams: teams, leaders: leaders, teamsWithoutWindowData: withoutWindow,
    teamsOfLeadersNotInJobHistory: unknownLeader, teamsWithoutCurrentLeader: notCurrent,
    leadersWithoutRoleStart: withoutRoleStart, orgUnits: Set(teams.map(\.orgUnitID)).count,
    window: window)
}

/// Each indicator's sum and count of monthly values over the rows of `periods` at `rows`, added
/// in the rows' order (missing months left out).
private func monthlySums(
  _ periods: [TeamPeriod], _ rows: some Sequence<Int32>, sums: inout [Double], counts: inout [Int]
) {
  for i in sums.indices {
    sums[i] = 0
    counts[i] = 0
  }
  for r in rows {
    let values = periods[Int(r)].values
    for i in 0..<min(values.count, sums.count) {
      if let value = values[i] {
        sums[i] += value
        counts[i] += 1
      }
    }
  }
}
