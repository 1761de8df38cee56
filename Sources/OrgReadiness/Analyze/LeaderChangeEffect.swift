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
/// changed inside the metrics history, the indicator's mean over up to `months` months before the
/// new leader's first month, and over that month and the following up to `months` − 1, both with
/// at least two months. The change is oriented (positive: worse) and scaled by the organisation's
/// robust spread; teams that kept their leader over the same calendar months give the control
/// change, so a new-leader effect is separated from what happened to everyone. The position
/// before the change tells whether troubled teams were the ones that got new leaders.
/// Nil when the team metrics carry no team id.
public func leaderChangeEffects(
  periods: [TeamPeriod], indicators: [Indicator], baselines: [Baseline?], settings: AnalysisSettings,
  months: Int = 3
) -> [LeaderChangeEffect]? {
  var byTeam: [String: [TeamPeriod]] = [:]
  for row in periods {
    guard let team = row.teamID else { continue }
    byTeam[team, default: []].append(row)
  }
  guard !byTeam.isEmpty else { return nil }
  struct Change {
    var rows: [TeamPeriod]
    var start: Period
  }
  var changes: [Change] = []
  var steady: [[TeamPeriod]] = []
  for team in byTeam.keys.sorted() {
    let rows = (byTeam[team] ?? []).sorted { $0.period < $1.period }
    var found = false
    for k in 1..<max(1, rows.count) where rows[k].leaderID != rows[k - 1].leaderID {
      changes.append(Change(rows: rows, start: rows[k].period))
      found = true
    }
    if !found { steady.append(rows) }
  }

  /// Values of indicator `i` in the months `from...to`, optionally only under (or not under) a leader.
  func window(_ rows: [TeamPeriod], _ i: Int, from: Period, to: Period, where keep: (TeamPeriod) -> Bool = { _ in true }) -> [Double] {
    rows.filter { $0.period >= from && $0.period <= to && keep($0) }.compactMap { $0.values[i] }
  }

  return indicators.enumerated().map { i, indicator in
    let sign = indicator.worseWhen.sign
    guard indicator.family != .other, let baseline = baselines[i], let spread = baseline.spread else {
      return LeaderChangeEffect(indicator: indicator, teams: 0, suppressed: true)
    }
    var controlCache: [Period: Double?] = [:]
    func controlChange(_ start: Period) -> Double? {
      if let cached = controlCache[start] { return cached }
      let changes = steady.compactMap { rows -> Double? in
        let before = window(rows, i, from: start.advanced(by: -months), to: start.advanced(by: -1))
        let after = window(rows, i, from: start, to: start.advanced(by: months - 1))
        guard before.count >= 2, after.count >= 2, let b = mean(before), let a = mean(after) else { return nil }
        return sign * (a - b) / spread
      }
      let value = median(changes)
      controlCache[start] = value
      return value
    }
    var positions: [Double] = []
    var deltas: [Double] = []
    var dids: [Double] = []
    for change in changes {
      guard let newLeader = change.rows.first(where: { $0.period == change.start })?.leaderID else { continue }
      let before = window(
        change.rows, i, from: change.start.advanced(by: -months), to: change.start.advanced(by: -1),
        where: { $0.leaderID != newLeader })
      let after = window(
        change.rows, i, from: change.start, to: change.start.advanced(by: months - 1),
        where: { $0.leaderID == newLeader })
      guard before.count >= 2, after.count >= 2, let b = mean(before), let a = mean(after) else { continue }
      let delta = sign * (a - b) / spread
      positions.append(sign * (b - baseline.median) / spread)
      deltas.append(delta)
      if let control = controlChange(change.start) { dids.append(delta - control) }
    }
    guard deltas.count >= settings.minGroupSize else {
      return LeaderChangeEffect(indicator: indicator, teams: deltas.count, suppressed: true)
    }
    var generator = SeededGenerator(seed: settings.bootstrapSeed, stream: "leader change " + indicator.name)
    return LeaderChangeEffect(
      indicator: indicator, teams: deltas.count, positionBefore: median(positions), changeAfter: median(deltas),
      differenceInDifferences: mean(dids),
      interval: meanBootstrapInterval(dids, resamples: settings.bootstrapResamples, generator: &generator),
      suppressed: false)
  }
}

extension LeaderChangeEffect {
  init(indicator: Indicator, teams: Int, suppressed: Bool) {
    self.init(
      indicator: indicator, teams: teams, positionBefore: nil, changeAfter: nil, differenceInDifferences: nil,
      interval: nil, suppressed: suppressed)
  }
}
