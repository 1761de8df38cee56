/// What the analysis found, with the settings it ran with: everything the report is built from.
public struct AnalysisOutcome: Sendable {
  public var settings: AnalysisSettings
  public var asOf: CalendarDate
  public var indicators: [Indicator]
  public var population: Population
  public var correlations: [CorrelationResult]
  public var cohorts: [CohortSummary]
  public var cohortComparisons: [CohortComparison]
  /// Teams binned by months in role and value, for each linked indicator (the chart's background).
  public var timeInRole: [TimeInRoleBins]
  /// Nil when the team metrics carry no team id to follow teams across a change of leader.
  public var leaderChanges: [LeaderChangeEffect]?
  public var survival: DisengagementSurvival?
  public var shrinkage: ShrinkageOutcome
  public var priority: PriorityOutcome
  /// The organisation tree from the reporting chain, with every node's figures (empty when the
  /// analysis was given no chains).
  public var hierarchy: OrgHierarchy = .empty
  /// Each support programme's effect on each linked indicator; nil when no input gives
  /// support enrolments.
  public var supportEffects: SupportEffectsOutcome? = nil
  /// The early-warning forecast with its backtest; nil when no signal can be followed.
  public var earlyWarning: EarlyWarningOutcome? = nil
}

/// Runs indicators → analyze → prioritize on people resolved on the as-of date and team periods
/// in the as-of view. `teamsOfUnknownLeaders` is what the resolve stage rejected: teams in the
/// metrics whose leader the job history does not hold (for the population's account).
/// `stage` wraps each stage (the runner times them); by default it just runs it.
public func analyse(
  people: [String: PersonState], periods: [TeamPeriod], indicators: [Indicator], asOf: CalendarDate,
  settings: AnalysisSettings, teamsOfUnknownLeaders: Int = 0, chains: LeaderChains? = nil,
  enrolments: [SupportEnrolment]? = nil,
  stage: (String, () -> Void) -> Void = { _, body in body() }
) -> AnalysisOutcome {
  var population = Population.empty
  stage("indicators") {
    population = buildPopulation(
      people: people, periods: periods, indicatorCount: indicators.count, asOf: asOf,
      windowLength: settings.windowLength, teamsOfUnknownLeaders: teamsOfUnknownLeaders)
  }
  let teams = population.teams
  var correlations: [CorrelationResult] = []
  stage("analyze: correlations") {
    correlations = correlateTimeInRole(teams: teams, indicators: indicators, settings: settings)
  }
  var cohorts: [CohortSummary] = []
  var comparisons: [CohortComparison] = []
  stage("analyze: cohorts") {
    cohorts = summariseCohorts(
      teams: teams, indicatorCount: indicators.count, minGroupSize: settings.minGroupSize,
      confidenceLevel: settings.confidenceLevel)
    comparisons = compareCohorts(teams: teams, indicators: indicators, settings: settings)
  }
  let rawBaselines = organisationBaselines(values: teams.map(\.values), indicatorCount: indicators.count)
  var changes: [LeaderChangeEffect]?
  var survival: DisengagementSurvival?
  stage("analyze: leader changes and survival") {
    changes = leaderChangeEffects(periods: periods, indicators: indicators, baselines: rawBaselines, settings: settings)
    survival = disengagementSurvival(
      teams: teams, periods: periods, indicators: indicators, people: people, settings: settings.survival,
      minGroupSize: settings.minGroupSize)
  }
  adjustForMultipleTesting(correlations: &correlations, survival: &survival, level: settings.significanceLevel)
  let bins = timeInRoleBins(
    teams: teams, indicators: indicators, indices: correlations.indices.filter { correlations[$0].link == .linked },
    minGroupSize: settings.minGroupSize)
  var shrinkage = ShrinkageOutcome(values: [], summaries: [])
  stage("analyze: shrinkage") { shrinkage = shrinkTeamValues(teams: teams, indicators: indicators) }
  var priority: PriorityOutcome?
  stage("prioritize") {
    priority = prioritiseUnits(
      teams: teams, values: shrinkage.values, indicators: indicators, correlations: correlations, settings: settings)
  }
  let prioritised =
    priority ?? prioritiseUnits(teams: [], indicators: indicators, correlations: [], settings: settings)
  var hierarchy = OrgHierarchy.empty
  if let chains {
    stage("hierarchy") {
      let tree = OrgTree(teams: teams, chains: chains, levels: settings.hierarchyLevels)
      hierarchy = OrgHierarchy(tree: tree, scored: prioritised.scoredTeams, settings: settings)
    }
  }
  var effects: SupportEffectsOutcome?
  if let enrolments {
    stage("analyze: support effects") {
      let linked = correlations.indices.filter { correlations[$0].link == .linked }
      effects = supportEffects(
        enrolments: enrolments, periods: periods, indicators: linked.map { indicators[$0] }, indicatorColumns: linked,
        settings: settings)
    }
  }
  var warning: EarlyWarningOutcome?
  stage("analyze: early warning") {
    warning = earlyWarning(
      people: people, periods: periods, indicators: indicators,
      linked: correlations.indices.filter { correlations[$0].link == .linked }, baselines: rawBaselines,
      settings: settings)
  }
  return AnalysisOutcome(
    settings: settings, asOf: asOf, indicators: indicators, population: population, correlations: correlations,
    cohorts: cohorts, cohortComparisons: comparisons, timeInRole: bins, leaderChanges: changes, survival: survival,
    shrinkage: shrinkage, priority: prioritised, hierarchy: hierarchy, supportEffects: effects,
    earlyWarning: warning)
}
