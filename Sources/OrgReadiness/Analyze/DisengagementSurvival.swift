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

/// Time to a team's first disengagement signal, recently promoted leaders against experienced
/// ones: a Kaplan–Meier curve per group and a log-rank test.
public struct DisengagementSurvival: Hashable, Sendable {
  public struct Group: Hashable, Sendable {
    public var name: String
    public var teams: Int
    public var signals: Int
    public var curve: KaplanMeierCurve?
  }

  public var settings: SurvivalSettings
  public var recent: Group
  public var experienced: Group
  public var logRank: LogRankResult?
  /// Benjamini–Hochberg q of the log-rank test among every test of the run.
  public var q: Double?
  /// True when either group has fewer teams than the minimum group size.
  public var suppressed: Bool
}

/// Follows every analysed team's monthly rows under its current leader. Recently promoted: the
/// role started inside the metrics history; time runs in months from the first month on or after
/// the start. Experienced: over 24 months in role when the history begins; time runs from the
/// first month of the history. The reference level is the mean of the first `baselineMonths`
/// months; the signal is the first later month at least `drop` worse than it (oriented by the
/// indicator); teams without a signal are censored at their last month.
public func disengagementSurvival(
  teams: [TeamSnapshot], periods: [TeamPeriod], indicators: [Indicator], people: [String: PersonState],
  asOf: CalendarDate, settings: SurvivalSettings, minGroupSize: Int
) -> DisengagementSurvival? {
  guard let i = indicators.firstIndex(where: { $0.name == settings.indicator }) else { return nil }
  let sign = indicators[i].worseWhen.sign
  // Row indices (not copies of the rows) by leader.
  var rowsByLeader: [String: [Int32]] = [:]
  for (r, row) in periods.enumerated() where row.values[i] != nil {
    rowsByLeader[row.leaderID, default: []].append(Int32(r))
  }
  let historyStart = periods.map(\.period).min()

  var recent: (times: [Double], signals: [Bool]) = ([], [])
  var experienced: (times: [Double], signals: [Bool]) = ([], [])
  for team in teams {
    guard let start = people[team.leaderID]?.roleStart, let historyStart else { continue }
    let rows = (rowsByLeader[team.leaderID] ?? []).map { periods[Int($0)] }.sorted { $0.period < $1.period }
    let origin: Period
    let isRecent: Bool
    if start.period >= historyStart {
      origin = start.period
      isRecent = true
    } else if start.days(to: historyStart.firstDay) > 730 {
      origin = historyStart
      isRecent = false
    } else {
      continue
    }
    let followed = rows.filter { $0.period >= origin }
    guard followed.count > settings.baselineMonths,
      let reference = mean(followed.prefix(settings.baselineMonths).compactMap { $0.values[i] })
    else { continue }
    var time = Double(followed[followed.count - 1].period.index - origin.index)
    var signal = false
    for row in followed.dropFirst(settings.baselineMonths) {
      if let value = row.values[i], sign * (value - reference) >= settings.drop {
        time = Double(row.period.index - origin.index)
        signal = true
        break
      }
    }
    if isRecent {
      recent.times.append(time)
      recent.signals.append(signal)
    } else {
      experienced.times.append(time)
      experienced.signals.append(signal)
    }
  }
  func group(_ name: String, _ data: (times: [Double], signals: [Bool])) -> DisengagementSurvival.Group {
    DisengagementSurvival.Group(
      name: name, teams: data.times.count, signals: data.signals.filter { $0 }.count,
      curve: data.times.count >= minGroupSize ? kaplanMeier(times: data.times, observed: data.signals) : nil)
  }
  let suppressed = recent.times.count < minGroupSize || experienced.times.count < minGroupSize
  return DisengagementSurvival(
    settings: settings, recent: group("recently promoted", recent),
    experienced: group("experienced (24m+)", experienced),
    logRank: suppressed
      ? nil
      : logRankTest(
        timesA: recent.times, observedA: recent.signals, timesB: experienced.times, observedB: experienced.signals),
    q: nil, suppressed: suppressed)
}
