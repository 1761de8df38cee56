#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How an effect of a support programme is measured: as a relative change of a positive
/// indicator in hours, days or counts (the difference of logs, read as "18% lower"), or as a
/// difference in the indicator's own unit (points of a score or share).
public enum SupportEffectScale: String, Codable, Hashable, Sendable {
  case relative
  case absolute
}

/// What the measured effect of a programme on one indicator supports saying.
public enum SupportEffectVerdict: String, Codable, Hashable, Sendable {
  /// Enrolled teams did better than teams not yet enrolled (the interval excludes no change).
  case improved
  /// Enrolled teams did worse.
  case worsened
  /// Changed, for an indicator without a declared orientation.
  case changed
  /// The interval includes no change.
  case noClearEffect = "no_clear_effect"
  /// Before enrolment, the enrolled teams already moved differently from the comparison teams:
  /// the comparison is not like-for-like and no estimate is reported as an effect.
  case trendsDifferBefore = "trends_differ_before"
  /// Fewer than `min_group_size` enrolled teams with a complete history.
  case suppressed
  /// No month after an enrolment has teams not yet enrolled to compare with.
  case notEstimable = "not_estimable"
}

/// The effect of one programme on one indicator, by staggered difference-in-differences against
/// teams of leaders enrolled later in the same programme, beside the naive before/after change.
public struct SupportEffect: Hashable, Sendable {
  public var program: String
  public var indicator: Indicator
  public var scale: SupportEffectScale
  /// Leaders enrolled in the programme by the as-of date whose team has the indicator in every
  /// month of the history under them (the panel).
  public var teams: Int
  /// Of those, the teams whose effect is estimated: enrolled after the history's first month, and
  /// not in the last cohort (which only serves as comparison).
  public var enrolledTeams: Int
  /// The estimate; nil when suppressed or not estimable.
  public var result: StaggeredDiDResult?
  public var verdict: SupportEffectVerdict
  /// True when the naive before/after estimate lies outside the difference-in-differences
  /// interval: the plain change would mislead (only set when the estimate is believed).
  public var naiveMisleads: Bool
}

/// The "did the support work" analysis: who was enrolled, and each programme's effects.
public struct SupportEffectsOutcome: Hashable, Sendable {
  /// Leaders enrolled by the as-of date, per programme.
  public var leaders: [String: Int]
  public var effects: [SupportEffect]
}

/// Every programme's effect on each of `indicators` (the linked ones), from the enrolments and
/// the team-months of the as-of view.
///
/// - Panel: a team is its leader's team-months (by leader id), over every month of the metrics
///   history; only leaders with a value in every month enter (the estimator needs a balanced
///   panel). A leader's first start in the programme gives the cohort (the start's month).
/// - Comparison teams: teams of leaders enrolled in the same programme later (not yet enrolled),
///   never teams that were never enrolled: they were not selected for support, so they would not
///   regress to the mean the way the enrolled teams do (docs/decisions/0070).
/// - Scale: relative (logs) for a positive indicator in hours, days or counts; absolute otherwise.
/// - Suppressed below `minGroupSize` enrolled teams; the verdict reads the pre-trend check first.
public func supportEffects(
  enrolments: [SupportEnrolment], periods: [TeamPeriod], indicators: [Indicator], indicatorColumns: [Int],
  settings: AnalysisSettings
) -> SupportEffectsOutcome {
  // First start per leader and programme.
  var starts: [String: [String: CalendarDate]] = [:]
  for e in enrolments {
    if let known = starts[e.program]?[e.leaderID], known <= e.startDate { continue }
    starts[e.program, default: [:]][e.leaderID] = e.startDate
  }
  let leaders = starts.mapValues(\.count)
  guard let first = periods.map(\.period).min(), let last = periods.map(\.period).max() else {
    return SupportEffectsOutcome(leaders: leaders, effects: [])
  }
  let months = Int(last.index - first.index) + 1
  // Row indices by leader and month (first row of a month wins; the as-of view has one).
  var rowsByLeader: [String: [Int]] = [:]
  for (r, row) in periods.enumerated() {
    var rows = rowsByLeader[row.leaderID] ?? [Int](repeating: -1, count: months)
    let m = Int(row.period.index - first.index)
    if rows[m] < 0 { rows[m] = r }
    rowsByLeader[row.leaderID] = rows
  }
  // One estimate per programme and indicator, each on its own seeded stream, worked out in
  // parallel; the order of the result does not depend on which finishes first.
  let jobs = starts.keys.sorted().flatMap { program in
    zip(indicatorColumns, indicators).map { (program: program, column: $0.0, indicator: $0.1) }
  }
  let results = ParallelResults<SupportEffect>(count: jobs.count)
  let firstStarts = starts
  let leaderRows = rowsByLeader
  concurrentPerform(iterations: jobs.count) { j in
    let (program, k, indicator) = jobs[j]
    let leaders = (firstStarts[program] ?? [:]).sorted { $0.key < $1.key }
    var outcomes: [[Double]] = []
    var cohorts: [Int?] = []
    for (leader, start) in leaders {
      guard let rows = leaderRows[leader] else { continue }
      let values = rows.map { $0 < 0 ? nil : periods[$0].values[k] }
      guard values.allSatisfy({ $0 != nil }) else { continue }
      outcomes.append(values.map { $0 ?? 0 })
      cohorts.append(Int(start.period.index - first.index))
    }
    let positive = outcomes.allSatisfy { $0.allSatisfy { $0 > 0 } }
    let relative = [.hours, .days, .count].contains(indicator.scale) && positive && !outcomes.isEmpty
    // Every team in the panel is enrolled at some point, so the last cohort only serves as
    // comparison (no team is left to compare it with); teams enrolled in the first month have
    // no "before".
    let inside = cohorts.compactMap { $0 }.filter { $0 > 0 && $0 < months }
    let enrolled = inside.filter { $0 < (inside.max() ?? 0) }.count
    var effect = SupportEffect(
      program: program, indicator: indicator, scale: relative ? .relative : .absolute, teams: outcomes.count,
      enrolledTeams: enrolled, result: nil, verdict: .suppressed, naiveMisleads: false)
    guard enrolled >= settings.minGroupSize else {
      results.set(j, effect)
      return
    }
    let panel = StaggeredPanel(
      firstPeriod: 0, outcomes: relative ? outcomes.map { $0.map { log($0) } } : outcomes, firstTreated: cohorts)
    var generator = SeededGenerator(
      seed: settings.bootstrapSeed, stream: "support effect \(program) \(indicator.name)")
    switch staggeredDiD(
      panel: panel, eventWindow: settings.supportEventWindow, resamples: settings.bootstrapResamples,
      level: settings.confidenceLevel, generator: &generator)
    {
    case .failure:
      effect.verdict = .notEstimable
    case .success(let result):
      effect.result = result
      effect.verdict = supportVerdict(result, indicator: indicator)
      if [.improved, .worsened, .changed, .noClearEffect].contains(effect.verdict),
        let naive = result.naiveOverall?.estimate, let interval = result.overall?.interval
      {
        effect.naiveMisleads = naive < interval.low || naive > interval.high
      }
    }
    results.set(j, effect)
  }
  let out = results.values.compactMap { $0 }
  return SupportEffectsOutcome(leaders: leaders, effects: out)
}

/// The verdict on one estimate: the pre-trend check first, then the interval of the overall effect.
func supportVerdict(_ result: StaggeredDiDResult, indicator: Indicator) -> SupportEffectVerdict {
  if let check = result.preTrend, !check.parallel { return .trendsDifferBefore }
  guard let interval = result.overall?.interval else { return .notEstimable }
  guard interval.low > 0 || interval.high < 0 else { return .noClearEffect }
  guard let sign = indicator.sign else { return .changed }
  return sign * (interval.low + interval.high) > 0 ? .worsened : .improved
}
