/// Everything one run found, as published in `report.json` (schema documented in
/// docs/report-schema.md). Built once, by `Report.init(outcome:run:inputs:previous:notes:)`, and
/// never changed afterwards; renderers read only views made from it.
public struct Report: Codable, Hashable, Sendable {
  public static let schemaVersion = 3

  public let schemaVersion: Int
  public let run: RunInfo
  public let settings: Settings
  public let inputs: [InputSummary]
  public let population: PopulationSummary
  /// The indicators of the run: name, label, family, orientation and scale.
  public let indicators: [IndicatorInfo]
  public let correlations: [Correlation]
  public let cohorts: [CohortMedians]
  public let cohortComparisons: [CohortDifference]
  /// One chart's data per linked indicator: teams binned by months in role and value.
  public let timeInRole: [TimeInRoleChart]
  public let leaderChanges: LeaderChanges
  public let survival: Survival?
  public let shrinkage: [Shrinkage]
  /// Mean weight teams keep on their own value, over the indicators that were shrunk.
  public let shrinkageOverview: ShrinkageOverview?
  /// The first sentences of the executive report.
  public let headline: String
  public let priorities: [Priority]
  /// Counts over the shown units.
  public let overview: Overview
  /// Org units left out of the priority list: fewer teams than the minimum group size, plus the
  /// next-smallest units suppressed with them so a hidden figure cannot be recovered by subtraction.
  public let suppressedUnits: Int
  /// Indicators whose verdict is `linked` (in the run's indicator order).
  public let linkedIndicators: [String]
  public let sensitivity: Sensitivity
  public let notes: [String]
  /// The previous successful run of the same pipeline, when the ledger has one.
  public let previousRun: PreviousRun?
  /// Organisation-wide measures over the pipeline's recent as-of months, this run's last (nil
  /// only in reports written before trends existed).
  public let trends: Trends?
  /// The organisation tree from the reporting chain with each shown organisation's rolled-up
  /// figures (nil when the run had no reporting chain; docs/hierarchy.md).
  public let organisations: Organisations?
  /// Did the support work (nil when no input gives support enrolments).
  public let supportEffects: SupportEffects?
  /// The early-warning forecast and its backtest (nil when no signal can be followed).
  public let earlyWarning: EarlyWarning?
  /// The priority list as a plan for the support slots there are (nil without `capacity:`).
  public let capacityPlan: CapacityPlan?

  enum CodingKeys: String, CodingKey {
    case schemaVersion = "schema_version"
    case run, settings, inputs, population, indicators, correlations, cohorts, priorities, overview, headline
    case cohortComparisons = "cohort_comparisons"
    case timeInRole = "time_in_role"
    case leaderChanges = "leader_changes"
    case survival, shrinkage
    case shrinkageOverview = "shrinkage_overview"
    case suppressedUnits = "suppressed_units"
    case linkedIndicators = "linked_indicators"
    case sensitivity
    case notes
    case previousRun = "previous_run"
    case trends
    case organisations
    case supportEffects = "support_effects"
    case earlyWarning = "early_warning"
    case capacityPlan = "capacity_plan"
  }

  /// The label, orientation and scale of an indicator, by name (renderers format with them).
  public func indicator(_ name: String) -> IndicatorInfo? { indicators.first { $0.name == name } }

  public struct IndicatorInfo: Codable, Hashable, Sendable {
    public var name: String
    public var label: String
    public var family: IndicatorFamily
    /// Nil when the mapping declares none: the report then speaks neutrally about it.
    public var worseWhen: WorseWhen?
    public var scale: IndicatorScale

    enum CodingKeys: String, CodingKey {
      case name, label, family
      case worseWhen = "worse_when"
      case scale
    }
  }

  public struct ShrinkageOverview: Codable, Hashable, Sendable {
    public var smallTeamWeight: Double
    public var largeTeamWeight: Double

    enum CodingKeys: String, CodingKey {
      case smallTeamWeight = "small_team_weight"
      case largeTeamWeight = "large_team_weight"
    }
  }

  /// Figures over the units the report shows (after privacy filtering).
  public struct Overview: Codable, Hashable, Sendable {
    public var actNowUnits: Int
    public var watchUnits: Int
    public var fineUnits: Int
    /// Teams (one leader each) in the shown units, and how many of their leaders are early in role.
    public var teams: Int
    public var newLeaders: Int

    enum CodingKeys: String, CodingKey {
      case actNowUnits = "act_now_units"
      case watchUnits = "watch_units"
      case fineUnits = "fine_units"
      case teams
      case newLeaders = "new_leaders"
    }
  }

  /// The sensitivity check: which units stay at the top under other reasonable weights.
  public struct Sensitivity: Codable, Hashable, Sendable {
    public var top: Int
    public var weights: PriorityWeights
    public var alternatives: [String: PriorityWeights]
    /// Shown units in the top under the default weights and every alternative.
    public var robustUnits: [String]

    enum CodingKeys: String, CodingKey {
      case top, weights, alternatives
      case robustUnits = "robust_units"
    }
  }

  public struct PreviousRun: Codable, Hashable, Sendable {
    public var id: String
    public var asOf: String

    public init(id: String, asOf: String) {
      self.id = id
      self.asOf = asOf
    }

    enum CodingKeys: String, CodingKey {
      case id
      case asOf = "as_of"
    }
  }

  public struct RunInfo: Codable, Hashable, Sendable {
    public var id: String
    public var asOf: CalendarDate
    public var pipeline: String
    public var toolVersion: String

    public init(id: String, asOf: CalendarDate, pipeline: String, toolVersion: String) {
      self.id = id
      self.asOf = asOf
      self.pipeline = pipeline
      self.toolVersion = toolVersion
    }

    enum CodingKeys: String, CodingKey {
      case id
      case asOf = "as_of"
      case pipeline
      case toolVersion = "tool_version"
    }
  }

  public struct Settings: Codable, Hashable, Sendable {
    public var window: [Period]
    public var bootstrapSeed: UInt64
    public var bootstrapResamples: Int
    public var minGroupSize: Int
    public var significanceLevel: Double
    public var confidenceLevel: Double
    public var leaderChangeMonths: Int
    public var intervalMethod: String
    public var pValueMethod: String
    public var multipleTesting: String
    public var priorityMethod: String
    public var newLeaderDays: Int
    public var clearlyWorse: Double
    public var actNowScore: Double
    public var watchScore: Double

    enum CodingKeys: String, CodingKey {
      case window
      case bootstrapSeed = "bootstrap_seed"
      case bootstrapResamples = "bootstrap_resamples"
      case minGroupSize = "min_group_size"
      case significanceLevel = "significance_level"
      case confidenceLevel = "confidence_level"
      case leaderChangeMonths = "leader_change_months"
      case intervalMethod = "interval_method"
      case pValueMethod = "p_value_method"
      case multipleTesting = "multiple_testing"
      case priorityMethod = "priority_method"
      case newLeaderDays = "new_leader_days"
      case clearlyWorse = "clearly_worse"
      case actNowScore = "act_now_score"
      case watchScore = "watch_score"
    }
  }

  public struct InputSummary: Codable, Hashable, Sendable {
    public var name: String
    public var path: String
    public var mapping: String
    public var sha256: String
    public var bytes: Int
    public var recordsRead: Int
    public var accepted: Int
    public var rejected: Int
    public var duplicates: Int
    public var futureDated: Int
    /// Rows the mapping's `drop` rules left out (outside `records_read`).
    public var filtered: Int
    /// Records kept but flagged for review (see flags.csv); they are among `accepted`.
    public var flagged: Int

    public init(
      name: String, path: String, mapping: String, sha256: String, bytes: Int, counts: RecordCounts, flagged: Int = 0
    ) {
      self.name = name
      self.path = path
      self.mapping = mapping
      self.sha256 = sha256
      self.bytes = bytes
      self.recordsRead = counts.read
      self.accepted = counts.accepted
      self.rejected = counts.rejected
      self.duplicates = counts.duplicates
      self.futureDated = counts.futureDated
      self.filtered = counts.filtered
      self.flagged = flagged
    }

    enum CodingKeys: String, CodingKey {
      case name, path, mapping, sha256, bytes
      case recordsRead = "records_read"
      case accepted, rejected, duplicates
      case futureDated = "future_dated"
      case filtered, flagged
    }

    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      name = try c.decode(String.self, forKey: .name)
      path = try c.decode(String.self, forKey: .path)
      mapping = try c.decode(String.self, forKey: .mapping)
      sha256 = try c.decode(String.self, forKey: .sha256)
      bytes = try c.decode(Int.self, forKey: .bytes)
      recordsRead = try c.decode(Int.self, forKey: .recordsRead)
      accepted = try c.decode(Int.self, forKey: .accepted)
      rejected = try c.decode(Int.self, forKey: .rejected)
      duplicates = try c.decode(Int.self, forKey: .duplicates)
      futureDated = try c.decode(Int.self, forKey: .futureDated)
      // Added after schema version 1 was first written; older reports lack them.
      filtered = try c.decodeIfPresent(Int.self, forKey: .filtered) ?? 0
      flagged = try c.decodeIfPresent(Int.self, forKey: .flagged) ?? 0
    }
  }

  public struct PopulationSummary: Codable, Hashable, Sendable {
    public var leaders: Int
    public var teams: Int
    public var orgUnits: Int
    public var teamsWithoutWindowData: Int
    public var teamsOfLeadersNotInJobHistory: Int
    public var teamsWithoutCurrentLeader: Int
    public var leadersWithoutRoleStart: Int

    enum CodingKeys: String, CodingKey {
      case leaders, teams
      case orgUnits = "org_units"
      case teamsWithoutWindowData = "teams_without_window_data"
      case teamsOfLeadersNotInJobHistory = "teams_of_leaders_not_in_job_history"
      case teamsWithoutCurrentLeader = "teams_without_current_leader"
      case leadersWithoutRoleStart = "leaders_without_role_start"
    }
  }

  public struct Correlation: Codable, Hashable, Sendable {
    public var indicator: String
    public var n: Int
    public var rho: Double?
    public var ciLow: Double?
    public var ciHigh: Double?
    public var intervalMethod: String?
    public var p: Double?
    public var pMethod: String?
    public var q: Double?
    /// Partial Spearman controlling for team headcount.
    public var partialRho: Double?
    public var partialN: Int?
    public var partialP: Double?
    public var partialQ: Double?
    public var suppressed: Bool
    /// The verdict on the link with time in role; `linked` indicators drive the tiers.
    public var link: TimeInRoleLink
    /// Plain-language reading of the verdict ("likely link: …").
    public var reading: String

    enum CodingKeys: String, CodingKey {
      case indicator
      case n, rho
      case ciLow = "ci_low"
      case ciHigh = "ci_high"
      case intervalMethod = "interval_method"
      case p
      case pMethod = "p_method"
      case q
      case partialRho = "partial_rho"
      case partialN = "partial_n"
      case partialP = "partial_p"
      case partialQ = "partial_q"
      case suppressed, link, reading
    }
  }

  /// One indicator compared between two groups of teams by their leader's time in role.
  public struct CohortDifference: Codable, Hashable, Sendable {
    public var indicator: String
    public var group: CohortGroup
    public var against: CohortGroup
    public var n: Int
    public var nAgainst: Int
    public var median: Double?
    public var medianAgainst: Double?
    public var difference: Double?
    public var ciLow: Double?
    public var ciHigh: Double?
    public var intervalMethod: String?
    public var cliffsDelta: Double?
    public var suppressed: Bool
    public var reading: String

    enum CodingKeys: String, CodingKey {
      case indicator, group, against, n
      case nAgainst = "n_against"
      case median
      case medianAgainst = "median_against"
      case difference
      case ciLow = "ci_low"
      case ciHigh = "ci_high"
      case intervalMethod = "interval_method"
      case cliffsDelta = "cliffs_delta"
      case suppressed, reading
    }
  }

  /// Before/after each change of leader, against teams that kept theirs.
  public struct LeaderChanges: Codable, Hashable, Sendable {
    public var available: Bool
    /// Months compared on each side of the change.
    public var months: Int
    public var note: String
    public var effects: [LeaderChange]
  }

  public struct LeaderChange: Codable, Hashable, Sendable {
    public var indicator: String
    public var teams: Int
    public var positionBefore: Double?
    public var changeAfter: Double?
    public var differenceInDifferences: Double?
    public var ciLow: Double?
    public var ciHigh: Double?
    public var suppressed: Bool
    public var reading: String

    enum CodingKeys: String, CodingKey {
      case indicator, teams
      case positionBefore = "position_before"
      case changeAfter = "change_after"
      case differenceInDifferences = "difference_in_differences"
      case ciLow = "ci_low"
      case ciHigh = "ci_high"
      case suppressed, reading
    }
  }

  /// Time to the first disengagement signal: Kaplan–Meier per group and a log-rank test, under the
  /// primary definition of "experienced", and the same comparison with the 24m+ cohort beside it.
  public struct Survival: Codable, Hashable, Sendable {
    public struct Point: Codable, Hashable, Sendable {
      public var month: Double
      public var survival: Double
      public var atRisk: Int
      enum CodingKeys: String, CodingKey {
        case month, survival
        case atRisk = "at_risk"
      }
    }
    public struct Group: Codable, Hashable, Sendable {
      public var group: SurvivalGroup
      /// What the group is, in words ("experienced: over 24 months in role when the metrics begin").
      public var name: String
      public var teams: Int
      public var signals: Int
      public var medianMonths: Double?
      public var curve: [Point]
      enum CodingKeys: String, CodingKey {
        case group, name, teams, signals
        case medianMonths = "median_months"
        case curve
      }
    }
    /// The comparison under the 24m+ cohort definition, reported beside the primary one.
    public struct CohortCheck: Codable, Hashable, Sendable {
      public var groups: [Group]
      public var logRankStatistic: Double?
      public var p: Double?
      public var suppressed: Bool
      public var reading: String
      enum CodingKeys: String, CodingKey {
        case groups
        case logRankStatistic = "log_rank_statistic"
        case p, suppressed, reading
      }
    }
    public var indicator: String
    public var drop: Double
    public var baselineMonths: Int
    public var groups: [Group]
    public var logRankStatistic: Double?
    public var p: Double?
    public var q: Double?
    public var suppressed: Bool
    public var reading: String
    public var cohortCheck: CohortCheck

    enum CodingKeys: String, CodingKey {
      case indicator, drop
      case baselineMonths = "baseline_months"
      case groups
      case logRankStatistic = "log_rank_statistic"
      case p, q, suppressed, reading
      case cohortCheck = "cohort_check"
    }
  }

  /// How one indicator's team values were shrunk before scoring.
  public struct Shrinkage: Codable, Hashable, Sendable {
    public var indicator: String
    public var method: String
    public var priorMean: Double?
    public var meanWeight: Double?
    public var smallTeamWeight: Double?
    public var largeTeamWeight: Double?
    public var teams: Int

    enum CodingKeys: String, CodingKey {
      case indicator, method
      case priorMean = "prior_mean"
      case meanWeight = "mean_weight"
      case smallTeamWeight = "small_team_weight"
      case largeTeamWeight = "large_team_weight"
      case teams
    }
  }

  public struct CohortMedians: Codable, Hashable, Sendable {
    public var cohort: Cohort
    public var leaders: Int
    public var medianMonthsInRole: Double?
    /// Median per indicator name; null where the cohort has too few teams with a value.
    public var medians: [String: Double?]
    /// The median's interval per indicator name (order statistics at the confidence level); null
    /// where the median is, or where there are too few teams for the level.
    public var ciLow: [String: Double?]
    public var ciHigh: [String: Double?]

    enum CodingKeys: String, CodingKey {
      case cohort, leaders, medians
      case medianMonthsInRole = "median_months_in_role"
      case ciLow = "ci_low"
      case ciHigh = "ci_high"
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(cohort, forKey: .cohort)
      try container.encode(leaders, forKey: .leaders)
      try container.encodeIfPresent(medianMonthsInRole, forKey: .medianMonthsInRole)
      try container.encodeWithNulls(medians, forKey: .medians)
      try container.encodeWithNulls(ciLow, forKey: .ciLow)
      try container.encodeWithNulls(ciHigh, forKey: .ciHigh)
    }
  }

  /// One linked indicator against months in role: the teams binned (bins over fewer teams than the
  /// minimum group size left out) behind the cohort medians of `cohorts`.
  public struct TimeInRoleChart: Codable, Hashable, Sendable {
    public struct Bin: Codable, Hashable, Sendable {
      public var month: Int
      public var value: Int
      public var teams: Int
    }
    public var indicator: String
    public var teams: Int
    public var monthEdges: [Double]
    public var valueEdges: [Double]
    public var bins: [Bin]
    public var suppressedTeams: Int

    enum CodingKeys: String, CodingKey {
      case indicator, teams, bins
      case monthEdges = "month_edges"
      case valueEdges = "value_edges"
      case suppressedTeams = "suppressed_teams"
    }
  }

  public struct Priority: Codable, Hashable, Sendable {
    public var rank: Int
    public var orgUnit: String
    public var orgUnitName: String
    public var tier: SupportTier
    public var flagged: Bool
    public var score: Double
    public var components: PriorityComponents
    /// Robust SDs above baseline on the indicators linked to time in role, with its interval.
    public var excess: Double?
    public var excessCILow: Double?
    public var excessCIHigh: Double?
    public var trend: Double?
    public var bottleneckIndex: Double?
    public var disengagementIndex: Double?
    /// Analysed teams in the unit (one leader each).
    public var teams: Int
    /// Leaders early in role (at most `settings.new_leader_days`).
    public var newLeaders: Int
    public var people: Int
    public var drivers: [Driver]
    public var supports: [Support]
    public var confidence: String
    public var sensitivityShare: Double
    public var robust: Bool
    /// What an executive can act on, in plain words.
    public var explanation: String
    /// The statistical detail behind it (robust SDs, the interval, the team count).
    public var detail: String
    /// Mean oriented level per scored indicator (robust SDs, positive: worse than the typical
    /// team); null where fewer than the minimum group size of the unit's teams have a value.
    public var levels: [String: Double?]
    /// Rank in the previous run (nil: not on that run's list, or no previous run).
    public var previousRank: Int?
    /// Score change since the previous run.
    public var scoreChange: Double?

    enum CodingKeys: String, CodingKey {
      case previousRank = "previous_rank"
      case scoreChange = "score_change"
      case rank
      case orgUnit = "org_unit"
      case orgUnitName = "org_unit_name"
      case tier, flagged, score, components, excess
      case excessCILow = "excess_ci_low"
      case excessCIHigh = "excess_ci_high"
      case trend
      case bottleneckIndex = "bottleneck_index"
      case disengagementIndex = "disengagement_index"
      case teams
      case newLeaders = "new_leaders"
      case people, drivers, supports, confidence
      case sensitivityShare = "sensitivity_share"
      case robust, explanation, detail, levels
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      // report.json leaves the priority list to units.jsonl (ReportJSON): not encoded twice.
      if encoder.userInfo[ReportJSON.longListsElsewhere] as? Bool == true { return }
      try c.encode(rank, forKey: .rank)
      try c.encode(orgUnit, forKey: .orgUnit)
      try c.encode(orgUnitName, forKey: .orgUnitName)
      try c.encode(tier, forKey: .tier)
      try c.encode(flagged, forKey: .flagged)
      try c.encode(score, forKey: .score)
      try c.encode(components, forKey: .components)
      try c.encodeIfPresent(excess, forKey: .excess)
      try c.encodeIfPresent(excessCILow, forKey: .excessCILow)
      try c.encodeIfPresent(excessCIHigh, forKey: .excessCIHigh)
      try c.encodeIfPresent(trend, forKey: .trend)
      try c.encodeIfPresent(bottleneckIndex, forKey: .bottleneckIndex)
      try c.encodeIfPresent(disengagementIndex, forKey: .disengagementIndex)
      try c.encode(teams, forKey: .teams)
      try c.encode(newLeaders, forKey: .newLeaders)
      try c.encode(people, forKey: .people)
      try c.encode(drivers, forKey: .drivers)
      try c.encode(supports, forKey: .supports)
      try c.encode(confidence, forKey: .confidence)
      try c.encode(sensitivityShare, forKey: .sensitivityShare)
      try c.encode(robust, forKey: .robust)
      try c.encode(explanation, forKey: .explanation)
      try c.encode(detail, forKey: .detail)
      try c.encodeWithNulls(levels, forKey: .levels)
      try c.encodeIfPresent(previousRank, forKey: .previousRank)
      try c.encodeIfPresent(scoreChange, forKey: .scoreChange)
    }
  }

  /// A recommended kind of support and why.
  public struct Support: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var description: String
    public var why: String
    /// What the programme of this id was measured to do, where "did the support work" measured it
    /// on an indicator the support addresses (absent otherwise).
    public var measuredEffect: String? = nil

    enum CodingKeys: String, CodingKey {
      case id, title, description, why
      case measuredEffect = "measured_effect"
    }
  }

  public struct Driver: Codable, Hashable, Sendable {
    public var indicator: String
    public var unitMedian: Double
    public var baselineMedian: Double
    public var score: Double
    public var trend: Double?
    public var linkedToTimeInRole: Bool

    enum CodingKeys: String, CodingKey {
      case indicator
      case unitMedian = "unit_median"
      case baselineMedian = "baseline_median"
      case score, trend
      case linkedToTimeInRole = "linked_to_time_in_role"
    }
  }
}

extension KeyedEncodingContainer {
  /// Encodes a dictionary of optional numbers with its nil values as explicit JSON nulls (rather
  /// than dropping the key), keys sorted.
  mutating func encodeWithNulls(_ values: [String: Double?], forKey key: Key) throws {
    var nested = nestedContainer(keyedBy: DynamicKey.self, forKey: key)
    for (name, value) in values.sorted(by: { $0.key < $1.key }) {
      try nested.encode(value, forKey: DynamicKey(name))
    }
  }
}

/// A coding key made from any string (indicator names as JSON object keys).
struct DynamicKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ string: String) { self.stringValue = string }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}
