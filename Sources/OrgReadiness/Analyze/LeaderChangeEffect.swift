/// How one indicator moved when teams got a new leader, against teams that kept theirs.
public struct LeaderChangeEffect: Hashable, Sendable {
  public var indicator: Indicator
  /// Teams whose leader changed inside the metrics history with months on both sides.
  public var teams: Int
  /// Median oriented position of those teams before the change against the organisation
  /// (robust SDs; positive: already worse before the new leader started).
  public var positionBefore: Double?
  /// Median oriented change from the months before to the months after (positive: worse).
  public var changeAfter: Double?
  /// Mean of (change − the median change of teams without a new leader over the same months).
  public var differenceInDifferences: Double?
  /// Percentile bootstrap interval of that mean.
  public var interval: ConfidenceInterval?
  public var suppressed: Bool
}

/// Before/after each change of leader: for every team (followed by its team id) whose leader
/// changed inside the metrics history, the indicator's mean over up to `leaderChangeMonths` months before the
/// new leader's first month, and over that month and the following up to `leaderChangeMonths` − 1, both with
/// at least two months. The change is oriented (positive: worse) and scaled by the organisation's
/// robust spread; teams that kept their leader over the same calendar months give the control
/// change, so a new-leader effect is separated from what happened to everyone. The position
/// before the change tells whether troubled teams were the ones that got new leaders.
/// Nil when the team metrics carry no team id.
///
/// Teams are laid out once as a month grid of row indices (no copies of the rows), and the
/// indicators are worked out in parallel; each one's result does not depend on the others.
public func leaderChangeEffects(
  periods: [TeamPeriod], indicators: [Indicator], baselines: [Baseline?], settings: AnalysisSettings
) -> [LeaderChangeEffect]? {
  leaderChangeEffects(
    periods: periods, keys: PeriodKeys(periods), indicators: indicators, baselines: baselines, settings: settings)
}

/// `leaderChangeEffects` with the periods' keys numbered already.
func leaderChangeEffects(
  periods: [TeamPeriod], keys: PeriodKeys, indicators: [Indicator], baselines: [Baseline?], settings: AnalysisSettings
) -> [LeaderChangeEffect]? {
  let months = settings.leaderChangeMonths
  guard let grid = TeamMonthGrid(periods, keys: keys) else { return nil }
  let results = ParallelResults<LeaderChangeEffect>(count: indicators.count)
  concurrentPerform(iterations: indicators.count) { i in
    results.set(
      i,
      effect(
        of: i, indicator: indicators[i], grid: grid, periods: periods, baseline: baselines[i], settings: settings,
        months: months))
  }
  return results.values.compactMap { $0 }
}

private func effect(
  of i: Int, indicator: Indicator, grid: TeamMonthGrid, periods: [TeamPeriod], baseline: Baseline?,
  settings: AnalysisSettings, months: Int
) -> LeaderChangeEffect {
  guard indicator.isScored, let sign = indicator.sign, let baseline, let spread = baseline.spread else {
    return LeaderChangeEffect(indicator: indicator, teams: 0, suppressed: true)
  }
  // The indicator's value in each team's month, laid out like the grid (NaN where there is none),
  // so the windows below read contiguous memory instead of the rows.
  var column = [Double](repeating: .nan, count: grid.rowCount)
  var present = [Bool](repeating: false, count: grid.rowCount)
  for slot in 0..<grid.rowCount {
    let row = grid.row(slot: slot)
    guard row >= 0, let value = periods[Int(row)].values[i] else { continue }
    column[slot] = value
    present[slot] = true
  }
  /// Mean of the indicator over months `from..<to` of team `t` whose rows pass `keep`; nil with
  /// fewer than two values.
  func windowMean(_ t: Int, from: Int, to: Int, keep: (Int) -> Bool = { _ in true }) -> Double? {
    var sum = 0.0
    var n = 0
    for m in max(0, from)..<min(grid.months, max(0, to)) {
      let slot = t * grid.months + m
      guard present[slot], keep(Int(grid.row(slot: slot))) else { continue }
      sum += column[slot]
      n += 1
    }
    return n >= 2 ? sum / Double(n) : nil
  }
  // Each change with months on both sides: its team's means before and after.
  var measured: [(before: Double, after: Double, month: Int)] = []
  let leaderOfRow = grid.leaderOfRow
  for change in grid.changes {
    let newLeader = change.leader
    let before = windowMean(change.team, from: change.month - months, to: change.month) {
      leaderOfRow[$0] != newLeader
    }
    let after = windowMean(change.team, from: change.month, to: change.month + months) {
      leaderOfRow[$0] == newLeader
    }
    guard let b = before, let a = after else { continue }
    measured.append((b, a, change.month))
  }
  // The control change at each month a measured change starts: the median change over the same
  // months of the teams that kept their leader (teams in order, as one list per month). A team's
  // window starting at a given month is worked out once, though it is the window after one start
  // and the window before another.
  let starts = Array(Set(measured.map(\.month))).sorted()
  let windowStarts = Array(Set(starts.flatMap { [$0 - months, $0] })).sorted()
  let windowIndex = Dictionary(uniqueKeysWithValues: windowStarts.enumerated().map { ($1, $0) })
  let beforeWindow = starts.map { windowIndex[$0 - months] ?? 0 }
  let afterWindow = starts.map { windowIndex[$0] ?? 0 }
  var controlChanges = [[Double]](repeating: [], count: starts.count)
  var means = [Double?](repeating: nil, count: windowStarts.count)
  for t in grid.steadyTeams {
    for (w, from) in windowStarts.enumerated() { means[w] = windowMean(t, from: from, to: from + months) }
    for k in starts.indices {
      guard let b = means[beforeWindow[k]], let a = means[afterWindow[k]] else { continue }
      controlChanges[k].append(sign * (a - b) / spread)
    }
  }
  let controlAt = Dictionary(uniqueKeysWithValues: starts.indices.map { (starts[$0], median(controlChanges[$0])) })
  var positions: [Double] = []
  var deltas: [Double] = []
  var dids: [Double] = []
  for (b, a, month) in measured {
    let delta = sign * (a - b) / spread
    positions.append(sign * (b - baseline.median) / spread)
    deltas.append(delta)
    if let control = controlAt[month] ?? nil { dids.append(delta - control) }
  }
  guard deltas.count >= settings.minGroupSize else {
    return LeaderChangeEffect(indicator: indicator, teams: deltas.count, suppressed: true)
  }
  var generator = SeededGenerator(seed: settings.bootstrapSeed, stream: "leader change " + indicator.name)
  return LeaderChangeEffect(
    indicator: indicator, teams: deltas.count, positionBefore: median(positions), changeAfter: median(deltas),
    differenceInDifferences: mean(dids),
    interval: meanBootstrapInterval(
      dids, resamples: settings.bootstrapResamples, level: settings.confidenceLevel, generator: &generator),
    suppressed: false)
}

/// Teams (by team id) laid out by month: the row index of each team's record in each month of
/// the history, and every change of leader.
struct TeamMonthGrid: Sendable {
  struct Change: Sendable {
    var team: Int
    var month: Int
    /// The new leader's number (`PeriodKeys.leaders`).
    var leader: Int32
  }

  let months: Int
  private let rows: [Int32]
  let changes: [Change]
  /// Teams whose leader never changed.
  let steadyTeams: [Int]
  /// Each row's leader number.
  let leaderOfRow: [Int32]

  /// Nil when no record has a team id.
  init?(_ periods: [TeamPeriod], keys: PeriodKeys) {
    var first: Period?
    var last: Period?
    let teamOfRow = keys.teams.ofRow
    let teamIDs = keys.teams.keys
    for (r, record) in periods.enumerated() where teamOfRow[r] >= 0 {
      first = min(first ?? record.period, record.period)
      last = max(last ?? record.period, record.period)
    }
    guard let first, let last, !teamIDs.isEmpty else { return nil }
    let months = Int(last.index - first.index) + 1
    var rows = [Int32](repeating: -1, count: teamIDs.count * months)
    for (r, record) in periods.enumerated() {
      let team = teamOfRow[r]
      guard team >= 0 else { continue }
      let slot = Int(team) * months + Int(record.period.index - first.index)
      if rows[slot] < 0 { rows[slot] = Int32(r) }
    }
    let leaderOfRow = keys.leaders.ofRow
    var changes: [Change] = []
    var steady: [Int] = []
    // Teams in order of id, so the result does not depend on the order of the file.
    for team in teamIDs.indices.sorted(by: { teamIDs[$0] < teamIDs[$1] }) {
      var previous: Int32?
      var changed = false
      for m in 0..<months {
        let r = rows[team * months + m]
        guard r >= 0 else { continue }
        let leader = leaderOfRow[Int(r)]
        if let previous, previous != leader {
          changes.append(Change(team: team, month: m, leader: leader))
          changed = true
        }
        previous = leader
      }
      if !changed { steady.append(team) }
    }
    self.months = months
    self.rows = rows
    self.changes = changes
    self.steadyTeams = steady
    self.leaderOfRow = leaderOfRow
  }

  @inline(__always)
  func row(team: Int, month: Int) -> Int32 { rows[team * months + month] }

  /// Team-months in the grid: slot team × months + month.
  var rowCount: Int { rows.count }

  @inline(__always)
  func row(slot: Int) -> Int32 { rows[slot] }
}

extension LeaderChangeEffect {
  init(indicator: Indicator, teams: Int, suppressed: Bool) {
    self.init(
      indicator: indicator, teams: teams, positionBefore: nil, changeAfter: nil, differenceInDifferences: nil,
      interval: nil, suppressed: suppressed)
  }
}
