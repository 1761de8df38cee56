/// What the analysis stages produced, gathered for the report.
public struct AnalysisOutcome: Sendable {
  public var indicators: [Indicator]
  public var population: Population
  public var correlations: [CorrelationResult]
  public var cohorts: [CohortSummary]
  public var priority: PriorityOutcome

  public init(
    indicators: [Indicator], population: Population, correlations: [CorrelationResult],
    cohorts: [CohortSummary], priority: PriorityOutcome
  ) {
    self.indicators = indicators
    self.population = population
    self.correlations = correlations
    self.cohorts = cohorts
    self.priority = priority
  }
}

/// Runs resolve → indicators → analyze → prioritize on records already in the as-of view.
public func analyse(
  events: [JobEvent], periods: [TeamPeriod], indicators: [Indicator], asOf: CalendarDate,
  windowLength: Int, settings: AnalysisSettings, priority: PrioritySettings = PrioritySettings(),
  playbook: SupportPlaybook = .standard
) -> AnalysisOutcome {
  let people = resolvePeople(events, asOf: asOf)
  let population = buildPopulation(
    people: people, periods: periods, indicatorCount: indicators.count, asOf: asOf,
    windowLength: windowLength)
  let correlations = correlateTimeInRole(teams: population.teams, indicators: indicators, settings: settings)
  let cohorts = summariseCohorts(
    teams: population.teams, indicatorCount: indicators.count, minGroupSize: settings.minGroupSize)
  let outcome = prioritiseUnits(
    teams: population.teams, indicators: indicators, correlations: correlations, settings: priority,
    playbook: playbook)
  return AnalysisOutcome(
    indicators: indicators, population: population, correlations: correlations, cohorts: cohorts,
    priority: outcome)
}

extension Report {
  /// Assembles the published report from the analysis. Privacy: no figure over fewer than
  /// `minGroupSize` teams is shown, and complementary suppression hides the next-smallest units
  /// too so a hidden unit cannot be recovered by subtraction.
  public init(
    run: RunInfo, inputs: [InputSummary], outcome: AnalysisOutcome, settings: AnalysisSettings,
    notes: [String] = []
  ) {
    let population = outcome.population
    let priority = outcome.priority
    self.run = run
    self.settings = Settings(
      window: population.window, bootstrapSeed: settings.bootstrapSeed,
      bootstrapResamples: settings.bootstrapResamples, minGroupSize: settings.minGroupSize,
      confidenceLevel: 0.95, intervalMethod: "paired percentile bootstrap over teams",
      pValueMethod: "two-sided, t approximation with n-2 degrees of freedom",
      multipleTesting: "Benjamini-Hochberg across indicators",
      priorityMethod: "v1: weighted components (docs/priority-method.md)",
      newLeaderDays: priority.settings.newLeaderDays, clearlyWorse: priority.settings.clearlyWorse,
      actNowScore: priority.settings.actNowScore, watchScore: priority.settings.watchScore)
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
    let hidden = complementarySuppression(
      sizes: Dictionary(uniqueKeysWithValues: priority.units.map { ($0.orgUnitID, $0.teams) }),
      minimum: settings.minGroupSize)
    let shown = priority.units.filter { !hidden.contains($0.orgUnitID) }
    self.suppressedUnits = hidden.count
    let indicators = outcome.indicators
    let baselines = priority.baselines
    self.priorities = shown.enumerated().map { index, unit in
      Priority(
        rank: index + 1, orgUnit: unit.orgUnitID, orgUnitName: unit.orgUnitName, tier: unit.tier,
        flagged: unit.flagged, score: unit.score, components: unit.components, excess: unit.excess,
        excessCILow: unit.excessInterval?.low, excessCIHigh: unit.excessInterval?.high, trend: unit.trend,
        bottleneckIndex: unit.bottleneckIndex, disengagementIndex: unit.disengagementIndex, teams: unit.teams,
        leaders: unit.leaders, newLeaders: unit.newLeaders, people: unit.people,
        drivers: unit.drivers.map {
          Driver(
            indicator: $0.indicator.name, label: $0.indicator.label, family: $0.indicator.family,
            unitMedian: $0.unitMedian, baselineMedian: $0.baselineMedian, score: $0.score, trend: $0.trend,
            linkedToTimeInRole: $0.linkedToTimeInRole)
        },
        supports: unit.supports.map { Report.support($0, unit: unit, indicators: indicators, baselines: baselines) },
        confidence: Report.confidence(unit), sensitivityShare: unit.sensitivityShare, robust: unit.robust,
        explanation: Report.explanation(unit, window: population.window.count),
        previousRank: nil, scoreChange: nil)
    }
    self.linkedIndicators = indicators.map(\.name).filter { priority.linked.contains($0) }
    self.sensitivity = Sensitivity(
      top: priority.settings.sensitivityTop, weights: priority.settings.weights,
      alternatives: priority.settings.alternativeWeights,
      robustUnits: self.priorities.filter(\.robust).map(\.orgUnit))
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

  /// How sure the flag is, from the interval of the unit's excess.
  static func confidence(_ unit: UnitPriority) -> String {
    guard let interval = unit.excessInterval else { return "low: too few teams to tell" }
    if interval.low > 0.25 { return "high: the whole 95% interval is well above the baseline" }
    if interval.low > 0 { return "moderate: the 95% interval is above the baseline, but not by much" }
    return "low: the 95% interval includes the baseline"
  }

  /// "value vs typical" for one indicator of a unit.
  static func comparison(_ i: Int, unit: UnitPriority, indicators: [Indicator], baselines: [Baseline?]) -> String? {
    guard let value = unit.medians[i], let baseline = baselines[i] else { return nil }
    let name = indicators[i].name
    return "\(indicators[i].label) \(ValueFormat.indicator(value, name: name)) vs \(ValueFormat.indicator(baseline.median, name: name)) typical"
  }

  static func support(
    _ r: SupportPlaybook.Recommendation, unit: UnitPriority, indicators: [Indicator], baselines: [Baseline?]
  ) -> Support {
    var reasons: [String] = []
    for name in r.elevated {
      if let i = indicators.firstIndex(where: { $0.name == name }),
        let text = comparison(i, unit: unit, indicators: indicators, baselines: baselines)
      {
        reasons.append(text)
      }
    }
    for name in r.worsening {
      if let i = indicators.firstIndex(where: { $0.name == name }) {
        reasons.append("\(indicators[i].label) getting worse")
      }
    }
    return Support(
      id: r.support.id, title: r.support.title, description: r.support.description,
      why: reasons.joined(separator: "; "))
  }

  /// One or two plain sentences on why a unit is where it is on the list.
  static func explanation(_ unit: UnitPriority, window: Int) -> String {
    var text = "\(unit.newLeaders) of \(unit.leaders) leaders in \(unit.orgUnitName) have been in role under a year."
    guard let excess = unit.excess else {
      return text + " No indicator is linked to time in role in this run, so the unit is not flagged."
    }
    let interval = unit.excessInterval.map { " (95% interval \(ValueFormat.fixed($0.low, 2)) to \(ValueFormat.fixed($0.high, 2)), \(unit.teams) teams)" } ?? ""
    if excess > 0.1 {
      text += " On the indicators linked to time in role their teams sit \(ValueFormat.fixed(excess, 2)) robust SD worse than the organisation's typical team\(interval)"
    } else {
      text += " On the indicators linked to time in role their teams are close to or better than the organisation's typical team\(interval)"
    }
    if let trend = unit.trend {
      if trend >= 0.25 { text += ", and getting worse over the last \(window) months" }
      else if trend <= -0.25 { text += ", and improving over the last \(window) months" }
    }
    let parts = unit.drivers.map { driver in
      "\(driver.indicator.label) (\(ValueFormat.indicator(driver.unitMedian, name: driver.indicator.name)) vs \(ValueFormat.indicator(driver.baselineMedian, name: driver.indicator.name)) typical)"
    }
    if parts.isEmpty { return text + "." }
    let list = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
    return text + "; most of all " + list + "."
  }
}
