/// Every knob of the analysis, from the pipeline definition, with its default in one place. The
/// outcome of an analysis carries the settings it ran with, so the report and its words are
/// derived from the same values the numbers were.
public struct AnalysisSettings: Hashable, Sendable {
  /// The seed every bootstrap stream is derived from (each indicator and unit has its own stream).
  public static let defaultBootstrapSeed: UInt64 = 20_240_601
  public static let defaultBootstrapResamples = 2000
  public static let defaultMinGroupSize = 5
  public static let defaultSignificanceLevel = 0.05
  public static let defaultConfidenceLevel = 0.95
  public static let defaultWindowLength = 3
  public static let defaultLeaderChangeMonths = 3
  /// As-of months the executive report's trends show at most (this run's month included).
  public static let defaultTrendMonths = 12
  /// Levels of the organisation tree the reports go down to (`hierarchy.levels`).
  public static let defaultHierarchyLevels = 3
  /// Above this many teams, an organisation's excess interval is the normal approximation rather
  /// than the bootstrap (the two agree closely there, and the bootstrap costs teams × resamples).
  public static let organisationBootstrapLimit = 1000
  /// Months around enrolment the "did the support work" event study shows (0: the first month).
  public static let defaultSupportEventWindow = -3...6

  public var bootstrapSeed: UInt64
  public var bootstrapResamples: Int
  /// Figures over fewer teams than this are not reported ("not enough data").
  public var minGroupSize: Int
  /// The false discovery rate below which a Benjamini–Hochberg q counts as a discovery (the verdict
  /// `TimeInRoleLink` reads it).
  public var significanceLevel: Double
  /// The coverage of every interval the analysis reports.
  public var confidenceLevel: Double
  /// Monthly periods, ending with the as-of month, averaged into each team's value.
  public var windowLength: Int
  /// Months before and after a change of leader compared by the leader-change analysis.
  public var leaderChangeMonths: Int
  public var survival: SurvivalSettings
  public var priority: PrioritySettings
  public var playbook: SupportPlaybook
  /// As-of months the report's trends show at most, this run's included (`trend_months`).
  public var trendMonths: Int
  /// Levels of the organisation tree (`hierarchy.levels`; docs/hierarchy.md).
  public var hierarchyLevels: Int = defaultHierarchyLevels
  /// Months around enrolment of the support-effect event study; the overall effect averages the
  /// months from 0 to its upper end (docs/statistics.md).
  public var supportEventWindow: ClosedRange<Int>
  /// The early-warning forecast (horizon, bottleneck signal, ridge penalty, minimum signals).
  public var earlyWarning: EarlyWarningSettings

  public init(
    bootstrapSeed: UInt64 = defaultBootstrapSeed, bootstrapResamples: Int = defaultBootstrapResamples,
    minGroupSize: Int = defaultMinGroupSize, significanceLevel: Double = defaultSignificanceLevel,
    confidenceLevel: Double = defaultConfidenceLevel, windowLength: Int = defaultWindowLength,
    leaderChangeMonths: Int = defaultLeaderChangeMonths, survival: SurvivalSettings = SurvivalSettings(),
    priority: PrioritySettings = PrioritySettings(), playbook: SupportPlaybook = .standard,
    trendMonths: Int = defaultTrendMonths, supportEventWindow: ClosedRange<Int> = defaultSupportEventWindow,
    earlyWarning: EarlyWarningSettings = EarlyWarningSettings()
  ) {
    self.earlyWarning = earlyWarning
    self.trendMonths = trendMonths
    self.supportEventWindow = supportEventWindow
    self.bootstrapSeed = bootstrapSeed
    self.bootstrapResamples = bootstrapResamples
    self.minGroupSize = minGroupSize
    self.significanceLevel = significanceLevel
    self.confidenceLevel = confidenceLevel
    self.windowLength = windowLength
    self.leaderChangeMonths = leaderChangeMonths
    self.survival = survival
    self.priority = priority
    self.playbook = playbook
  }
}
