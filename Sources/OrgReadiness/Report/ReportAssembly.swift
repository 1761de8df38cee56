/// What the analysis stages produced, gathered for the report.
public struct AnalysisOutcome: Sendable {
  // Built by `analyse`.
  public var indicators: [Indicator]
  public var population: Population
  public var correlations: [CorrelationResult]
  public var cohorts: [CohortSummary]
  public var cohortComparisons: [CohortComparison]
  /// Nil when the team metrics carry no team id to follow teams across a change of leader.
  public var leaderChanges: [LeaderChangeEffect]?
  public var survival: DisengagementSurvival?
  public var shrinkage: ShrinkageOutcome
  public var priority: PriorityOutcome
}

/// Runs indicators → analyze → prioritize on people resolved on the as-of date and team periods
/// in the as-of view.
/// `stage` wraps each stage (the runner times them); by default it just runs it.
public func analyse(
  people: [String: PersonState], periods: [TeamPeriod], indicators: [Indicator], asOf: CalendarDate,
  windowLength: Int, settings: AnalysisSettings, priority: PrioritySettings = PrioritySettings(),
  playbook: SupportPlaybook = .standard, stage: (String, () -> Void) -> Void = { _, body in body() }
) -> AnalysisOutcome {
  var population = Population.empty
  stage("indicators") {
    population = buildPopulation(
      people: people, periods: periods, indicatorCount: indicators.count, asOf: asOf, windowLength: windowLength)
  }
  let teams = population.teams
  var correlations: [CorrelationResult] = []
  stage("analyze: correlations") {
    correlations = correlateTimeInRole(teams: teams, indicators: indicators, settings: settings)
  }
  var cohorts: [CohortSummary] = []
  var comparisons: [CohortComparison] = []
  stage("analyze: cohorts") {
    cohorts = summariseCohorts(teams: teams, indicatorCount: indicators.count, minGroupSize: settings.minGroupSize)
    comparisons = compareCohorts(teams: teams, indicators: indicators, settings: settings)
  }
  let rawBaselines = organisationBaselines(values: teams.map(\.values), indicatorCount: indicators.count)
  var changes: [LeaderChangeEffect]?
  var survival: DisengagementSurvival?
  stage("analyze: leader changes and survival") {
    changes = leaderChangeEffects(periods: periods, indicators: indicators, baselines: rawBaselines, settings: settings)
    survival = disengagementSurvival(
      teams: teams, periods: periods, indicators: indicators, people: people, asOf: asOf,
      settings: settings.survival, minGroupSize: settings.minGroupSize)
  }
  adjustForMultipleTesting(correlations: &correlations, survival: &survival)
  var shrinkage = ShrinkageOutcome(values: [], summaries: [])
  stage("analyze: shrinkage") { shrinkage = shrinkTeamValues(teams: teams, indicators: indicators) }
  var outcome: PriorityOutcome?
  stage("prioritize") {
    outcome = prioritiseUnits(
      teams: teams, values: shrinkage.values, indicators: indicators, correlations: correlations, settings: priority,
      playbook: playbook)
  }
  return AnalysisOutcome(
    indicators: indicators, population: population, correlations: correlations, cohorts: cohorts,
    cohortComparisons: comparisons, leaderChanges: changes, survival: survival, shrinkage: shrinkage,
    priority: outcome ?? prioritiseUnits(teams: [], indicators: indicators, correlations: []))
}

/// Benjamini–Hochberg across every test of the run: the correlations, the partial correlations
/// and the log-rank test form one family.
public func adjustForMultipleTesting(correlations: inout [CorrelationResult], survival: inout DisengagementSurvival?) {
  var pValues: [Double] = []
  for c in correlations {
    if let p = c.p { pValues.append(p) }
    if let p = c.partial?.p { pValues.append(p) }
  }
  if let p = survival?.logRank?.p { pValues.append(p) }
  var q = benjaminiHochberg(pValues)[...]
  for k in correlations.indices {
    if correlations[k].p != nil { correlations[k].q = q.popFirst() }
    if correlations[k].partial?.p != nil { correlations[k].partialQ = q.popFirst() }
  }
  if survival?.logRank != nil { survival?.q = q.popFirst() }
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
      confidenceLevel: 0.95,
      intervalMethod:
        "paired BCa bootstrap over teams up to \(spearmanBootstrapLimit) teams, Fisher z with the Bonett-Wright variance above",
      pValueMethod:
        "two-sided; exact permutation up to \(spearmanExactPermutationLimit) teams, t approximation with n-2 degrees of freedom above",
      multipleTesting: "Benjamini-Hochberg across every test of the run (correlations, partial correlations, log-rank)",
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
        rho: result.rho, ciLow: result.interval?.low, ciHigh: result.interval?.high,
        intervalMethod: result.intervalMethod?.rawValue, p: result.p, pMethod: result.pMethod, q: result.q,
        partialRho: result.partial?.r, partialN: result.partial?.n, partialP: result.partial?.p,
        partialQ: result.partialQ, suppressed: result.suppressed,
        linked: priority.linked.contains(result.indicator.name),
        reading: Report.reading(result, minGroupSize: settings.minGroupSize))
    }
    self.cohortComparisons = outcome.cohortComparisons.map { c in
      CohortDifference(
        indicator: c.indicator.name, group: c.group, against: c.against, n: c.n, nAgainst: c.nAgainst,
        median: c.median, medianAgainst: c.medianAgainst, difference: c.difference, ciLow: c.interval?.low,
        ciHigh: c.interval?.high, intervalMethod: c.intervalMethod, cliffsDelta: c.cliffsDelta,
        suppressed: c.suppressed, reading: Report.reading(c, minGroupSize: settings.minGroupSize))
    }
    if let effects = outcome.leaderChanges {
      self.leaderChanges = LeaderChanges(
        available: true,
        note:
          "Teams followed by their team id across a change of leader; up to 3 months before the new leader's first month against that month and the next two, oriented so positive is worse, in robust SDs, against teams that kept their leader over the same months.",
        effects: effects.map { e in
          LeaderChange(
            indicator: e.indicator.name, teams: e.teams, positionBefore: e.positionBefore, changeAfter: e.changeAfter,
            differenceInDifferences: e.differenceInDifferences, ciLow: e.interval?.low, ciHigh: e.interval?.high,
            suppressed: e.suppressed, reading: Report.reading(e, minGroupSize: settings.minGroupSize))
        })
    } else {
      self.leaderChanges = LeaderChanges(
        available: false,
        note: "The team metrics carry no team id, so teams cannot be followed across a change of leader.",
        effects: [])
    }
    self.survival = outcome.survival.map { s in
      let label = outcome.indicators.first { $0.name == s.settings.indicator }?.label ?? s.settings.indicator
      return Report.survival(s, label: label, minGroupSize: settings.minGroupSize)
    }
    self.shrinkage = outcome.shrinkage.summaries.map { s in
      Shrinkage(
        indicator: s.indicator, method: s.method.rawValue, priorMean: s.priorMean, meanWeight: s.meanWeight,
        smallTeamWeight: s.smallTeamWeight, largeTeamWeight: s.largeTeamWeight, teams: s.teams)
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

  /// Plain words for one correlation, driven by its interval and q, and whether it survives
  /// allowing for team size.
  static func reading(_ result: CorrelationResult, minGroupSize: Int) -> String {
    if result.suppressed {
      return "not enough data: \(result.n) teams, fewer than the minimum of \(minGroupSize)"
    }
    guard let rho = result.rho else { return "no variation to compare" }
    let direction = rho < 0 ? "higher" : "lower"
    let effect = "teams of more recently appointed leaders show \(direction) \(result.indicator.label)"
    let excludesZero = result.interval.map { $0.low > 0 || $0.high < 0 } ?? false
    let q = result.q ?? 1
    // A link must survive allowing for team size, which drives both sides.
    let heldForSize = result.partial.map { (result.partialQ ?? 1) < 0.05 && $0.r * rho > 0 } ?? true
    if q < 0.05 && excludesZero && heldForSize {
      return "likely link: \(effect)\(result.partial == nil ? "" : " (holds after allowing for team size)")"
    }
    if q < 0.05 && excludesZero {
      return
        "no clear link once team size is allowed for: the raw association (rho \(ValueFormat.fixed(rho, 2))) goes with team size"
    }
    if q < 0.2 || excludesZero { return "possible link, uncertain: \(effect)" }
    return "no clear link with time in role"
  }

  static func reading(_ c: CohortComparison, minGroupSize: Int) -> String {
    if c.suppressed { return "not enough data: fewer than \(minGroupSize) teams in a group" }
    guard let difference = c.difference, let interval = c.interval else { return "no difference to compare" }
    let name = c.indicator.name
    let groupName = c.group == "<6m" ? "teams of leaders under 6 months in role" : "teams of leaders \(c.group) in role"
    let other = c.against == "rest" ? "the other teams" : "teams of leaders \(c.against) in role"
    let worse = c.indicator.worseWhen.sign * difference > 0
    if interval.low > 0 || interval.high < 0 {
      return
        "\(groupName) are \(worse ? "worse" : "better") on \(c.indicator.label) than \(other): median \(ValueFormat.indicator(c.median ?? 0, name: name)) vs \(ValueFormat.indicator(c.medianAgainst ?? 0, name: name))"
    }
    return "no clear difference in \(c.indicator.label) between \(groupName) and \(other)"
  }

  static func reading(_ e: LeaderChangeEffect, minGroupSize: Int) -> String {
    if e.suppressed {
      return e.teams == 0
        ? "not applicable" : "not enough data: \(e.teams) teams changed leader, fewer than \(minGroupSize)"
    }
    let label = e.indicator.label
    var parts: [String] = []
    if let interval = e.interval, interval.low > 0 {
      parts.append("\(label) got worse after a new leader started, beyond what happened to other teams")
    } else if let interval = e.interval, interval.high < 0 {
      parts.append("\(label) improved after a new leader started, beyond other teams")
    } else {
      parts.append("no clear change in \(label) after a new leader started")
    }
    if let before = e.positionBefore, before >= 0.5 {
      parts.append("these teams were already worse before the change (troubled teams may get new leaders)")
    }
    return parts.joined(separator: "; ")
  }

  static func survival(_ s: DisengagementSurvival, label: String, minGroupSize: Int) -> Survival {
    func group(_ g: DisengagementSurvival.Group) -> Survival.Group {
      Survival.Group(
        name: g.name, teams: g.teams, signals: g.signals, medianMonths: g.curve?.medianSurvival,
        curve: (g.curve?.steps ?? []).map { Survival.Point(month: $0.time, survival: $0.survival, atRisk: $0.atRisk) })
    }
    var reading: String
    if s.suppressed {
      reading = "not enough data: fewer than \(minGroupSize) teams in a group"
    } else if let q = s.q, q < 0.05, let r = s.logRank {
      let direction = Double(r.observedA) > r.expectedA ? "sooner" : "later"
      reading =
        "teams of recently promoted leaders show a first \(label) signal \(direction) than teams of experienced leaders"
    } else {
      reading = "no clear difference in the time to a first disengagement signal"
    }
    return Survival(
      indicator: s.settings.indicator, drop: s.settings.drop, baselineMonths: s.settings.baselineMonths,
      groups: [group(s.recent), group(s.experienced)], logRankStatistic: s.logRank?.statistic, p: s.logRank?.p,
      q: s.q, suppressed: s.suppressed, reading: reading)
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
    return
      "\(indicators[i].label) \(ValueFormat.indicator(value, name: name)) vs \(ValueFormat.indicator(baseline.median, name: name)) typical"
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
    let interval =
      unit.excessInterval.map {
        " (95% interval \(ValueFormat.fixed($0.low, 2)) to \(ValueFormat.fixed($0.high, 2)), \(unit.teams) teams)"
      } ?? ""
    if excess > 0.1 {
      text +=
        " On the indicators linked to time in role their teams sit \(ValueFormat.fixed(excess, 2)) robust SD worse than the organisation's typical team\(interval)"
    } else {
      text +=
        " On the indicators linked to time in role their teams are close to or better than the organisation's typical team\(interval)"
    }
    if let trend = unit.trend {
      if trend >= 0.25 {
        text += ", and getting worse over the last \(window) months"
      } else if trend <= -0.25 {
        text += ", and improving over the last \(window) months"
      }
    }
    let parts = unit.drivers.map { driver in
      "\(driver.indicator.label) (\(ValueFormat.indicator(driver.unitMedian, name: driver.indicator.name)) vs \(ValueFormat.indicator(driver.baselineMedian, name: driver.indicator.name)) typical)"
    }
    if parts.isEmpty { return text + "." }
    let list = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
    return text + "; most of all " + list + "."
  }
}
