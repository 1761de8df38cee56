#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Report {
  /// Did the support work: each programme's measured effect on each linked indicator, by
  /// staggered difference-in-differences against teams of leaders enrolled later, with the naive
  /// before/after change and the pre-trend check beside it (docs/statistics.md).
  public struct SupportEffects: Codable, Hashable, Sendable {
    /// What is compared, in words, from the settings the run used.
    public var note: String
    /// Months around enrolment the event study covers.
    public var eventWindow: [Int]
    public var programs: [SupportProgram]
    public var effects: [SupportEffectRow]

    enum CodingKeys: String, CodingKey {
      case note
      case eventWindow = "event_window"
      case programs, effects
    }
  }

  public struct SupportProgram: Codable, Hashable, Sendable {
    /// The programme as the enrolments name it.
    public var program: String
    /// The playbook's title for it when a support has this id, else the programme.
    public var title: String
    /// Leaders enrolled by the as-of date.
    public var leaders: Int
  }

  public struct SupportEffectRow: Codable, Hashable, Sendable {
    public var program: String
    public var indicator: String
    /// `relative`: effects are proportional changes (−0.18: 18% lower); `absolute`: in the
    /// indicator's unit.
    public var scale: SupportEffectScale
    /// Enrolled teams with a complete history, and of those the ones whose effect is estimated
    /// (the last cohort only serves as comparison; teams enrolled in the first month have no before).
    public var teams: Int
    public var enrolledTeams: Int
    public var verdict: SupportEffectVerdict
    /// The difference-in-differences overall effect (mean of months 0 to the window's end).
    public var effect: Double?
    public var ciLow: Double?
    public var ciHigh: Double?
    /// The naive before/after change of the same teams, same months and weights.
    public var naiveEffect: Double?
    public var naiveCILow: Double?
    public var naiveCIHigh: Double?
    /// True when the naive change lies outside the difference-in-differences interval.
    public var naiveMisleads: Bool
    /// The joint pre-trend test (nil when it could not be made) and its reading.
    public var preTrendP: Double?
    public var preTrendParallel: Bool?
    public var eventStudy: [SupportEventTime]
    public var reading: String

    enum CodingKeys: String, CodingKey {
      case program, indicator, scale, teams
      case enrolledTeams = "enrolled_teams"
      case verdict, effect
      case ciLow = "ci_low"
      case ciHigh = "ci_high"
      case naiveEffect = "naive_effect"
      case naiveCILow = "naive_ci_low"
      case naiveCIHigh = "naive_ci_high"
      case naiveMisleads = "naive_misleads"
      case preTrendP = "pre_trend_p"
      case preTrendParallel = "pre_trend_parallel"
      case eventStudy = "event_study"
      case reading
    }
  }

  /// One month relative to enrolment (0: the month enrolment began); months over fewer than the
  /// minimum group of enrolled teams are left out.
  public struct SupportEventTime: Codable, Hashable, Sendable {
    public var month: Int
    public var teams: Int
    public var effect: Double
    public var ciLow: Double?
    public var ciHigh: Double?
    public var naiveEffect: Double?

    enum CodingKeys: String, CodingKey {
      case month, teams, effect
      case ciLow = "ci_low"
      case ciHigh = "ci_high"
      case naiveEffect = "naive_effect"
    }
  }

  /// Effects on the relative scale are estimated on logs; the report gives them as proportional
  /// changes, exp(x) − 1.
  static func supportValue(_ x: Double?, _ scale: SupportEffectScale) -> Double? {
    guard let x else { return nil }
    return scale == .relative ? expm1(x) : x
  }

  static func supportEffects(_ outcome: SupportEffectsOutcome?, settings: AnalysisSettings) -> SupportEffects? {
    guard let outcome else { return nil }
    let effects = outcome.effects
    let enrolments = outcome.leaders
    let minGroupSize = settings.minGroupSize
    func title(_ program: String) -> String {
      settings.playbook.supports.first { $0.id == program }?.title ?? program
    }
    let rows = effects.map { e -> SupportEffectRow in
      let r = e.result
      let v = { (x: Double?) in supportValue(x, e.scale) }
      // Not an effect to cite when the enrolled teams already moved differently before enrolment:
      // only the event study, which shows how, is kept.
      let shown = r != nil && e.verdict != .suppressed && e.verdict != .trendsDifferBefore
      let naiveByMonth = Dictionary(
        (r?.naiveEventStudy ?? []).map { ($0.eventTime, $0.effect.estimate) }, uniquingKeysWith: { a, _ in a })
      return SupportEffectRow(
        program: e.program, indicator: e.indicator.name, scale: e.scale, teams: e.teams, enrolledTeams: e.enrolledTeams,
        verdict: e.verdict, effect: shown ? v(r?.overall?.estimate) : nil,
        ciLow: shown ? v(r?.overall?.interval?.low) : nil, ciHigh: shown ? v(r?.overall?.interval?.high) : nil,
        naiveEffect: shown ? v(r?.naiveOverall?.estimate) : nil,
        naiveCILow: shown ? v(r?.naiveOverall?.interval?.low) : nil,
        naiveCIHigh: shown ? v(r?.naiveOverall?.interval?.high) : nil, naiveMisleads: e.naiveMisleads,
        preTrendP: r?.preTrend?.p, preTrendParallel: r?.preTrend?.parallel,
        eventStudy: (r?.eventStudy ?? []).filter { $0.treatedUnits >= minGroupSize }.compactMap { t in
          guard let effect = v(t.effect.estimate) else { return nil }
          return SupportEventTime(
            month: t.eventTime, teams: t.treatedUnits, effect: effect, ciLow: v(t.effect.interval?.low),
            ciHigh: v(t.effect.interval?.high), naiveEffect: v(naiveByMonth[t.eventTime]))
        },
        reading: Readings.supportEffect(
          e, title: title(e.program), level: settings.confidenceLevel, minGroupSize: minGroupSize))
    }
    return SupportEffects(
      note: Readings.supportEffectsNote(
        window: settings.supportEventWindow, hasPrograms: !enrolments.isEmpty, minGroupSize: minGroupSize),
      eventWindow: Array(settings.supportEventWindow),
      programs: enrolments.keys.sorted().map {
        SupportProgram(program: $0, title: title($0), leaders: enrolments[$0] ?? 0)
      },
      effects: rows)
  }
}
