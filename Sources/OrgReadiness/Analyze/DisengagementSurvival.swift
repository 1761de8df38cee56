/// When to call a team's first disengagement signal (from the pipeline definition).
public struct SurvivalSettings: Hashable, Sendable {
  /// The indicator followed (default: engagement).
  public var indicator: String
  /// The signal: the indicator this many points worse than the team's own first-quarter level.
  public var drop: Double
  /// Months that make the team's own reference level.
  public var baselineMonths: Int

  public init(indicator: String = "engagement_score", drop: Double = 5, baselineMonths: Int = 3) {
    self.indicator = indicator
    self.drop = drop
    self.baselineMonths = baselineMonths
  }
}

/// The groups of teams the time-to-signal analysis follows (docs/statistics.md defines each).
public enum SurvivalGroup: String, Codable, Sendable, CaseIterable {
  /// The leader's role began inside the metrics history; followed from the role's first month.
  case recentlyPromoted = "recently_promoted"
  /// The leader was over 24 months in role when the metrics history begins; followed from the
  /// history's first month. The primary comparison's reference group.
  case experiencedAtHistoryStart = "experienced_at_history_start"
  /// The 24m+ cohort of the rest of the report: over 24 months in role on the as-of date; followed
  /// from the later of the history's first month and the role's first month.
  case overTwentyFourMonthsAsOf = "over_24_months_as_of"
}

/// Time to a team's first disengagement signal, recently promoted leaders against experienced
/// ones: a Kaplan–Meier curve per group and a log-rank test, under the primary definition of
/// "experienced" (the only one in the run's multiple-testing family) and, beside it as a check
/// that the conclusion does not hang on that choice, under the report's 24m+ cohort.
public struct DisengagementSurvival: Hashable, Sendable {
  public struct Group: Hashable, Sendable {
    public var group: SurvivalGroup
    public var teams: Int
    public var signals: Int
    public var curve: KaplanMeierCurve?
  }

  /// Recently promoted against one definition of experienced.
  public struct Comparison: Hashable, Sendable {
    public var recent: Group
    public var experienced: Group
    public var logRank: LogRankResult?
    /// True when either group has fewer teams than the minimum group size.
    public var suppressed: Bool
  }

  public var settings: SurvivalSettings
  /// Against leaders over 24 months in role when the history begins.
  public var primary: Comparison
  /// Against the 24m+ cohort on the as-of date (recently promoted teams in that cohort are
  /// counted there, not twice).
  public var cohortDefinition: Comparison
  /// Benjamini–Hochberg q of the primary log-rank test among every test of the run.
  public var q: Double?
}

/// Follows every analysed team's monthly rows under its current leader. The reference level is the
/// mean of the first `baselineMonths` months from the group's origin; the signal is the first later
/// month at least `drop` worse than it (oriented by the indicator; an indicator without a declared
/// orientation is not followed); teams without a signal are censored at their last month.
public func disengagementSurvival(
  teams: [TeamSnapshot], periods: [TeamPeriod], indicators: [Indicator], people: [String: PersonState],
  settings: SurvivalSettings, minGroupSize: Int
) -> DisengagementSurvival? {
  disengagementSurvival(
    teams: teams, periods: periods, keys: PeriodKeys(periods), indicators: indicators, people: people,
    settings: settings, minGroupSize: minGroupSize)
}

/// `disengagementSurvival` with the periods' keys numbered already.
func disengagementSurvival(
  teams: [TeamSnapshot], periods: [TeamPeriod], keys: PeriodKeys, indicators: [Indicator],
  people: [String: PersonState], settings: SurvivalSettings, minGroupSize: Int
) -> DisengagementSurvival? {
  guard let i = indicators.firstIndex(where: { $0.name == settings.indicator }), let sign = indicators[i].sign
  else { return nil }
  // Row indices (not copies of the rows) by leader number, in row order: leader l's at
  // rowsByLeader[starts[l]..<starts[l + 1]].
  let leaderOfRow = keys.leaders.ofRow
  var starts = [Int](repeating: 0, count: keys.leaders.keys.count + 1)
  var kept = [Bool](repeating: false, count: periods.count)
  for r in periods.indices where periods[r].values[i] != nil {
    kept[r] = true
    starts[Int(leaderOfRow[r]) + 1] += 1
  }
  for l in 0..<keys.leaders.keys.count { starts[l + 1] += starts[l] }
  var next = Array(starts.dropLast())
  var rowsByLeader = [Int32](repeating: 0, count: starts[keys.leaders.keys.count])
  for r in periods.indices where kept[r] {
    let l = Int(leaderOfRow[r])
    rowsByLeader[next[l]] = Int32(r)
    next[l] += 1
  }
  guard let historyStart = periods.map(\.period).min() else { return nil }

  typealias Followed = (times: [Double], signals: [Bool])
  var followed: [SurvivalGroup: Followed] = [:]
  /// Time to the first signal from `origin`, or to censoring; nil with too few months.
  func follow(_ leader: Int32?, from origin: Period) -> (time: Double, signal: Bool)? {
    let own = leader.map { rowsByLeader[starts[Int($0)]..<starts[Int($0) + 1]] } ?? []
    let rows = own.lazy.map { Int($0) }.filter { periods[$0].period >= origin }
      .sorted { periods[$0].period < periods[$1].period }
    guard rows.count > settings.baselineMonths,
      let reference = mean(rows.prefix(settings.baselineMonths).compactMap { periods[$0].values[i] })
    else { return nil }
    for r in rows.dropFirst(settings.baselineMonths) {
      if let value = periods[r].values[i], sign * (value - reference) >= settings.drop {
        return (Double(periods[r].period.index - origin.index), true)
      }
    }
    return (Double(periods[rows[rows.count - 1]].period.index - origin.index), false)
  }
  func add(_ group: SurvivalGroup, _ result: (time: Double, signal: Bool)?) {
    guard let result else { return }
    followed[group, default: ([], [])].times.append(result.time)
    followed[group, default: ([], [])].signals.append(result.signal)
  }
  var recentNotInCohort: Followed = ([], [])
  for t in teams.indices {
    guard let start = people[teams[t].leaderID]?.roleStart else { continue }
    let leader = keys.leaders.number(teams[t].leaderID)
    let inCohort = teams[t].cohort == .overTwentyFourMonths
    if start.period >= historyStart {
      let result = follow(leader, from: start.period)
      add(.recentlyPromoted, result)
      if !inCohort, let result {
        recentNotInCohort.times.append(result.time)
        recentNotInCohort.signals.append(result.signal)
      }
    } else if start.days(to: historyStart.firstDay) > 730 {
      add(.experiencedAtHistoryStart, follow(leader, from: historyStart))
    }
    if inCohort { add(.overTwentyFourMonthsAsOf, follow(leader, from: max(historyStart, start.period))) }
  }
  func group(_ kind: SurvivalGroup, _ data: Followed) -> DisengagementSurvival.Group {
    DisengagementSurvival.Group(
      group: kind, teams: data.times.count, signals: data.signals.filter { $0 }.count,
      curve: data.times.count >= minGroupSize ? kaplanMeier(times: data.times, observed: data.signals) : nil)
  }
  func compare(_ recent: Followed, _ kind: SurvivalGroup) -> DisengagementSurvival.Comparison {
    let experienced = followed[kind] ?? ([], [])
    let suppressed = recent.times.count < minGroupSize || experienced.times.count < minGroupSize
    return DisengagementSurvival.Comparison(
      recent: group(.recentlyPromoted, recent), experienced: group(kind, experienced),
      logRank: suppressed
        ? nil
        : logRankTest(
          timesA: recent.times, observedA: recent.signals, timesB: experienced.times, observedB: experienced.signals),
      suppressed: suppressed)
  }
  return DisengagementSurvival(
    settings: settings, primary: compare(followed[.recentlyPromoted] ?? ([], []), .experiencedAtHistoryStart),
    cohortDefinition: compare(recentNotInCohort, .overTwentyFourMonthsAsOf), q: nil)
}
