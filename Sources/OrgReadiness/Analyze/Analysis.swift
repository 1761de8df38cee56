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
///
/// Stages that need only what earlier stages made overlap (docs/decisions/0083-overlapping-stages.md):
/// after the correlations, the cohorts, the leader changes and survival, and the shrinkage run at
/// the same time; once the q-values are known, the priorities (then the hierarchy), the support
/// effects and the early warning. Every stage computes exactly what it computes alone, so the
/// outcome is the same as one stage after another.
public func analyse(
  people: [String: PersonState], periods: [TeamPeriod], indicators: [Indicator], asOf: CalendarDate,
  settings: AnalysisSettings, teamsOfUnknownLeaders: Int = 0, chains: LeaderChains? = nil,
  enrolments: [SupportEnrolment]? = nil,
  stage: @escaping StageRunner = { _, body in body() }
) -> AnalysisOutcome {
  var population = Population.empty
  // The periods' leader, team and unit ids numbered once, for every stage that groups rows.
  var numbered: PeriodKeys?
  stage("indicators") {
    let keys = PeriodKeys(periods)
    numbered = keys
    population = buildPopulation(
      people: people, periods: periods, keys: keys, indicatorCount: indicators.count, asOf: asOf,
      windowLength: settings.windowLength, teamsOfUnknownLeaders: teamsOfUnknownLeaders)
  }
  let keys = numbered ?? PeriodKeys(periods)
  let teams = population.teams
  var correlations: [CorrelationResult] = []
  stage("analyze: correlations") {
    correlations = correlateTimeInRole(teams: teams, indicators: indicators, settings: settings)
  }
  let rawBaselines = organisationBaselines(values: teams.map(\.values), indicatorCount: indicators.count)
  // These three read only the teams and the team periods.
  let cohorts = StageResult<(summaries: [CohortSummary], comparisons: [CohortComparison])>()
  let changeFigures = StageResult<(changes: [LeaderChangeEffect]?, survival: DisengagementSurvival?)>()
  let shrunk = StageResult<ShrinkageOutcome>()
  runOverlapping(
    [
      [
        OverlappingStage(name: "analyze: cohorts") {
          cohorts.set(OrgReadiness.cohortFigures(teams: teams, indicators: indicators, settings: settings))
        }
      ],
      [
        OverlappingStage(name: "analyze: leader changes and survival") {
          changeFigures.set(
            (
              leaderChangeEffects(
                periods: periods, keys: keys, indicators: indicators, baselines: rawBaselines, settings: settings),
              disengagementSurvival(
                teams: teams, periods: periods, keys: keys, indicators: indicators, people: people,
                settings: settings.survival, minGroupSize: settings.minGroupSize)
            ))
        }
      ],
      [
        OverlappingStage(name: "analyze: shrinkage") {
          shrunk.set(shrinkTeamValues(teams: teams, indicators: indicators))
        }
      ],
    ], stage: stage)
  var survival = changeFigures.value?.survival
  adjustForMultipleTesting(correlations: &correlations, survival: &survival, level: settings.significanceLevel)
  let bins = timeInRoleBins(
    teams: teams, indicators: indicators, indices: correlations.indices.filter { correlations[$0].link == .linked },
    minGroupSize: settings.minGroupSize)
  let shrinkage = shrunk.value ?? ShrinkageOutcome(values: [], summaries: [])
  // These read the q-values' verdicts; the hierarchy reads the priorities.
  let linked = correlations.indices.filter { correlations[$0].link == .linked }
  let adjusted = correlations
  let priority = StageResult<PriorityOutcome>()
  let hierarchy = StageResult<OrgHierarchy>()
  let effects = StageResult<SupportEffectsOutcome>()
  let warning = StageResult<EarlyWarningOutcome?>()
  let unprioritised: @Sendable () -> PriorityOutcome = {
    prioritiseUnits(teams: [], indicators: indicators, correlations: [], settings: settings)
  }
  var priorities = [
    OverlappingStage(name: "prioritize") {
      priority.set(
        prioritiseUnits(
          teams: teams, values: shrinkage.values, indicators: indicators, correlations: adjusted, settings: settings))
    }
  ]
  if let chains {
    priorities.append(
      OverlappingStage(name: "hierarchy") {
        let tree = OrgTree(teams: teams, chains: chains, levels: settings.hierarchyLevels)
        hierarchy.set(
          OrgHierarchy(tree: tree, scored: (priority.value ?? unprioritised()).scoredTeams, settings: settings))
      })
  }
  var overlapping = [priorities]
  if let enrolments {
    overlapping.append([
      OverlappingStage(name: "analyze: support effects") {
        effects.set(
          supportEffects(
            enrolments: enrolments, periods: periods, indicators: linked.map { indicators[$0] },
            indicatorColumns: linked, settings: settings))
      }
    ])
  }
  overlapping.append([
    OverlappingStage(name: "analyze: early warning") {
      warning.set(
        earlyWarning(
          people: people, periods: periods, keys: keys, indicators: indicators, linked: linked,
          baselines: rawBaselines, settings: settings))
    }
  ])
  runOverlapping(overlapping, stage: stage)
  let cohortFigures = cohorts.value
  return AnalysisOutcome(
    settings: settings, asOf: asOf, indicators: indicators, population: population, correlations: correlations,
    cohorts: cohortFigures?.summaries ?? [], cohortComparisons: cohortFigures?.comparisons ?? [], timeInRole: bins,
    leaderChanges: changeFigures.value?.changes, survival: survival, shrinkage: shrinkage,
    priority: priority.value ?? unprioritised(), hierarchy: hierarchy.value ?? .empty, supportEffects: effects.value,
    earlyWarning: warning.value ?? nil)
}
