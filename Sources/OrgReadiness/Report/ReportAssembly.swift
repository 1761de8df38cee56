/// What the analysis stages produced, gathered for the report.
public struct AnalysisOutcome: Sendable {
  public var indicators: [Indicator]
  public var population: Population
  public var correlations: [CorrelationResult]
  public var cohorts: [CohortSummary]
  public var priorities: [UnitPriority]

  public init(
    indicators: [Indicator], population: Population, correlations: [CorrelationResult],
    cohorts: [CohortSummary], priorities: [UnitPriority]
  ) {
    self.indicators = indicators
    self.population = population
    self.correlations = correlations
    self.cohorts = cohorts
    self.priorities = priorities
  }
}

/// Runs resolve → indicators → analyze → prioritize on records already in the as-of view.
public func analyse(
  events: [JobEvent], periods: [TeamPeriod], indicators: [Indicator], asOf: CalendarDate,
  windowLength: Int, settings: AnalysisSettings
) -> AnalysisOutcome {
  let people = resolvePeople(events, asOf: asOf)
  let population = buildPopulation(
    people: people, periods: periods, indicatorCount: indicators.count, asOf: asOf,
    windowLength: windowLength)
  let correlations = correlateTimeInRole(teams: population.teams, indicators: indicators, settings: settings)
  let cohorts = summariseCohorts(
    teams: population.teams, indicatorCount: indicators.count, minGroupSize: settings.minGroupSize)
  let priorities = prioritiseUnits(teams: population.teams, indicators: indicators, correlations: correlations)
  return AnalysisOutcome(
    indicators: indicators, population: population, correlations: correlations, cohorts: cohorts,
    priorities: priorities)
}

extension Report {
  /// Assembles the published report from the analysis, applying the privacy rule that no figure
  /// over fewer than `minGroupSize` teams is shown.
  public init(
    run: RunInfo, inputs: [InputSummary], outcome: AnalysisOutcome, settings: AnalysisSettings,
    notes: [String] = []
  ) {
    let population = outcome.population
    self.run = run
    self.settings = Settings(
      window: population.window, bootstrapSeed: settings.bootstrapSeed,
      bootstrapResamples: settings.bootstrapResamples, minGroupSize: settings.minGroupSize,
      confidenceLevel: 0.95, intervalMethod: "paired percentile bootstrap over teams",
      pValueMethod: "two-sided, t approximation with n-2 degrees of freedom",
      multipleTesting: "Benjamini-Hochberg across indicators",
      priorityMethod: "v0: mean oriented robust score x (1 + share of leaders under 12 months)")
    self.inputs = inputs
    self.population = PopulationSummary(
      leaders: population.leaders, teams: population.teams.count, orgUnits: population.orgUnits,
      teamsWithoutWindowData: population.teamsWithoutWindowData,
      teamsWithUnknownLeader: population.teamsWithUnknownLeader,
      teamsWithoutCurrentLeader: population.teamsWithoutCurrentLeader,
      leadersWithoutRoleStart: population.leadersWithoutRoleStart)
    self.correlations = outcome.correlations.map { result in
      Correlation(
        indicator: result.indicator.name, label: result.indicator.label,
        family: result.indicator.family, worseWhen: result.indicator.worseWhen, n: result.n,
        rho: result.rho, ciLow: result.interval?.low, ciHigh: result.interval?.high, p: result.p,
        q: result.q, suppressed: result.suppressed,
        reading: Report.reading(result, minGroupSize: settings.minGroupSize))
    }
    self.cohorts = outcome.cohorts.map { summary in
      var medians: [String: Double?] = [:]
      for (i, indicator) in outcome.indicators.enumerated() { medians[indicator.name] = summary.medians[i] }
      return CohortMedians(cohort: summary.cohort, leaders: summary.leaders, medians: medians)
    }
    let shown = outcome.priorities.filter { $0.teams >= settings.minGroupSize }
    self.suppressedUnits = outcome.priorities.count - shown.count
    self.priorities = shown.enumerated().map { index, unit in
      Priority(
        rank: index + 1, orgUnit: unit.orgUnitID, orgUnitName: unit.orgUnitName, score: unit.score,
        concern: unit.concern, bottleneckIndex: unit.bottleneckIndex,
        disengagementIndex: unit.disengagementIndex, teams: unit.teams, leaders: unit.leaders,
        newLeaders: unit.newLeaders, people: unit.people,
        drivers: unit.drivers.map {
          Driver(
            indicator: $0.indicator.name, label: $0.indicator.label, family: $0.indicator.family,
            unitMedian: $0.unitMedian, baselineMedian: $0.baselineMedian, score: $0.score,
            linkedToTimeInRole: $0.linkedToTimeInRole)
        },
        explanation: Report.explanation(unit), previousRank: nil, scoreChange: nil)
    }
    self.notes = notes
    self.previousRun = nil
  }

  /// Adds the change since a previous run: its id and as-of date, and per org unit its previous
  /// rank and the score change.
  public mutating func compare(
    with previous: PreviousRun, ranks: [String: Int], scores: [String: Double]
  ) {
    previousRun = previous
    for i in priorities.indices {
      let unit = priorities[i].orgUnit
      priorities[i].previousRank = ranks[unit]
      priorities[i].scoreChange = scores[unit].map { priorities[i].score - $0 }
    }
  }

  /// Plain words for one correlation, driven by its interval and q.
  static func reading(_ result: CorrelationResult, minGroupSize: Int) -> String {
    if result.suppressed {
      return "not enough data: \(result.n) teams, fewer than the minimum of \(minGroupSize)"
    }
    guard let rho = result.rho else { return "no variation to compare" }
    let direction = rho < 0 ? "higher" : "lower"
    let effect = "teams of more recently appointed leaders show \(direction) \(result.indicator.label)"
    let excludesZero = result.interval.map { $0.low > 0 || $0.high < 0 } ?? false
    let q = result.q ?? 1
    if q < 0.05 && excludesZero { return "likely link: \(effect)" }
    if q < 0.2 || excludesZero { return "possible link, uncertain: \(effect)" }
    return "no clear link with time in role"
  }

  /// One or two plain sentences on why a unit is where it is on the list.
  static func explanation(_ unit: UnitPriority) -> String {
    var text = "\(unit.newLeaders) of \(unit.leaders) leaders in \(unit.orgUnitName) have been in role under a year"
    if unit.concern > 0 {
      text += "; their teams sit \(ValueFormat.fixed(unit.concern, 2)) robust SD worse than the organisation's typical team"
    } else {
      text += "; their teams are at or better than the organisation's typical team"
    }
    let parts = unit.drivers.map { driver in
      "\(driver.indicator.label) (\(ValueFormat.indicator(driver.unitMedian, name: driver.indicator.name)) vs \(ValueFormat.indicator(driver.baselineMedian, name: driver.indicator.name)) typical)"
    }
    if parts.isEmpty { return text + "." }
    let list = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
    return text + ", most of all in " + list + "."
  }
}
