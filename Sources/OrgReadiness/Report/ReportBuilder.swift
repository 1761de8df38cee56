extension Report {
  /// Builds the published report from what the analysis found (with the settings it ran with),
  /// the run, the inputs' accounting and the previous run's figures. Privacy: no figure over fewer
  /// than `minGroupSize` teams is shown, and complementary suppression hides the next-smallest units
  /// too, so a hidden unit cannot be recovered by subtraction. Nothing changes the report afterwards.
  public init(
    outcome: AnalysisOutcome, run: RunInfo, inputs: [InputSummary], previous: PreviousFigures? = nil,
    notes: [String] = []
  ) {
    let settings = outcome.settings
    let population = outcome.population
    let priority = outcome.priority
    let minGroupSize = settings.minGroupSize
    schemaVersion = Report.schemaVersion
    self.run = run
    self.settings = Settings(
      window: population.window, bootstrapSeed: settings.bootstrapSeed,
      bootstrapResamples: settings.bootstrapResamples, minGroupSize: minGroupSize,
      significanceLevel: settings.significanceLevel, confidenceLevel: settings.confidenceLevel,
      leaderChangeMonths: settings.leaderChangeMonths,
      intervalMethod:
        "paired BCa bootstrap over teams up to \(spearmanBootstrapLimit) teams, Fisher z with the Bonett-Wright variance above",
      pValueMethod:
        "two-sided; exact permutation up to \(spearmanExactPermutationLimit) teams, t approximation with n-2 degrees of freedom above",
      multipleTesting:
        "Benjamini-Hochberg across every test of the run (correlations, partial correlations, the primary log-rank test)",
      priorityMethod: "v1: weighted components (docs/priority-method.md)",
      newLeaderDays: settings.priority.newLeaderDays, clearlyWorse: settings.priority.clearlyWorse,
      actNowScore: settings.priority.actNowScore, watchScore: settings.priority.watchScore)
    self.inputs = inputs
    self.population = PopulationSummary(
      leaders: population.leaders, teams: population.teams.count, orgUnits: population.orgUnits,
      teamsWithoutWindowData: population.teamsWithoutWindowData,
      teamsOfLeadersNotInJobHistory: population.teamsOfLeadersNotInJobHistory,
      teamsWithoutCurrentLeader: population.teamsWithoutCurrentLeader,
      leadersWithoutRoleStart: population.leadersWithoutRoleStart)
    let indicators = outcome.indicators
    self.indicators = indicators.map {
      IndicatorInfo(name: $0.name, label: $0.label, family: $0.family, worseWhen: $0.worseWhen, scale: $0.scale)
    }
    correlations = outcome.correlations.map { c in
      Correlation(
        indicator: c.indicator.name, n: c.n, rho: c.rho, ciLow: c.interval?.low, ciHigh: c.interval?.high,
        intervalMethod: c.intervalMethod?.rawValue, p: c.p, pMethod: c.pMethod, q: c.q, partialRho: c.partial?.r,
        partialN: c.partial?.n, partialP: c.partial?.p, partialQ: c.partialQ, suppressed: c.suppressed,
        link: c.link,
        reading: Readings.correlation(
          c.link, rho: c.rho, label: c.indicator.label, n: c.n, hasPartial: c.partial != nil,
          minGroupSize: minGroupSize, significanceLevel: settings.significanceLevel))
    }
    cohortComparisons = outcome.cohortComparisons.map { c in
      CohortDifference(
        indicator: c.indicator.name, group: c.group, against: c.against, n: c.n, nAgainst: c.nAgainst,
        median: c.median, medianAgainst: c.medianAgainst, difference: c.difference, ciLow: c.interval?.low,
        ciHigh: c.interval?.high, intervalMethod: c.intervalMethod, cliffsDelta: c.cliffsDelta,
        suppressed: c.suppressed, reading: Readings.cohortComparison(c, minGroupSize: minGroupSize))
    }
    let months = settings.leaderChangeMonths
    if let effects = outcome.leaderChanges {
      leaderChanges = LeaderChanges(
        available: true, months: months, note: Readings.leaderChangeNote(months: months),
        effects: effects.map { e in
          LeaderChange(
            indicator: e.indicator.name, teams: e.teams, positionBefore: e.positionBefore, changeAfter: e.changeAfter,
            differenceInDifferences: e.differenceInDifferences, ciLow: e.interval?.low, ciHigh: e.interval?.high,
            suppressed: e.suppressed, reading: Readings.leaderChange(e, minGroupSize: minGroupSize))
        })
    } else {
      leaderChanges = LeaderChanges(
        available: false, months: months, note: Readings.leaderChangeUnavailable, effects: [])
    }
    survival = outcome.survival.map { s in
      Report.survival(s, indicators: indicators, settings: settings)
    }
    let measured = Report.supportEffects(outcome.supportEffects, settings: settings)
    supportEffects = measured
    earlyWarning = Report.earlyWarning(outcome.earlyWarning, settings: settings)
    shrinkage = outcome.shrinkage.summaries.map { s in
      Shrinkage(
        indicator: s.indicator, method: s.method.rawValue, priorMean: s.priorMean, meanWeight: s.meanWeight,
        smallTeamWeight: s.smallTeamWeight, largeTeamWeight: s.largeTeamWeight, teams: s.teams)
    }
    shrinkageOverview = outcome.shrinkage.overall.map {
      ShrinkageOverview(smallTeamWeight: $0.smallTeamWeight, largeTeamWeight: $0.largeTeamWeight)
    }
    cohorts = outcome.cohorts.map { summary in
      var medians: [String: Double?] = [:]
      var lows: [String: Double?] = [:]
      var highs: [String: Double?] = [:]
      for (i, indicator) in indicators.enumerated() {
        medians[indicator.name] = summary.medians[i]
        lows[indicator.name] = summary.intervals[i]?.low
        highs[indicator.name] = summary.intervals[i]?.high
      }
      return CohortMedians(
        cohort: summary.cohort, leaders: summary.leaders, medianMonthsInRole: summary.medianMonthsInRole,
        medians: medians, ciLow: lows, ciHigh: highs)
    }
    timeInRole = outcome.timeInRole.map { b in
      TimeInRoleChart(
        indicator: b.indicator.name, teams: b.teams, monthEdges: b.monthEdges, valueEdges: b.valueEdges,
        bins: b.bins.map { TimeInRoleChart.Bin(month: $0.month, value: $0.value, teams: $0.teams) },
        suppressedTeams: b.suppressedTeams)
    }

    let unitSizes = Dictionary(uniqueKeysWithValues: priority.units.map { ($0.orgUnitID, $0.teams) })
    var hidden = complementarySuppression(sizes: unitSizes, minimum: minGroupSize)
    // The organisation tree's privacy rules hide nodes, and widen the hidden units to them.
    let tree = outcome.hierarchy.tree
    var hiddenNodes = Set<Int>()
    if !tree.nodes.isEmpty {
      let topTeams = tree.topLevel.reduce(0) { $0 + tree.nodes[$1].teams.count }
      hiddenNodes = treeSuppression(tree, topOwnTeams: population.teams.count - topTeams, minimum: minGroupSize)
      hidden = unitSuppression(
        hidden: hidden, unitSizes: unitSizes, unitHome: outcome.hierarchy.unitHome,
        teamUnits: population.teams.map(\.orgUnitID), tree: tree, hiddenNodes: hiddenNodes, minimum: minGroupSize)
    }
    let shown = priority.units.filter { !hidden.contains($0.orgUnitID) }
    suppressedUnits = hidden.count
    let baselines = priority.baselines
    let previousRanks = previous?.values(.unitRank) ?? [:]
    let previousScores = previous?.values(.unitScore) ?? [:]
    let priorities = shown.enumerated().map { index, unit in
      Priority(
        rank: index + 1, orgUnit: unit.orgUnitID, orgUnitName: unit.orgUnitName, tier: unit.tier,
        flagged: unit.flagged, score: unit.score, components: unit.components, excess: unit.excess,
        excessCILow: unit.excessInterval?.low, excessCIHigh: unit.excessInterval?.high, trend: unit.trend,
        bottleneckIndex: unit.bottleneckIndex, disengagementIndex: unit.disengagementIndex, teams: unit.teams,
        newLeaders: unit.newLeaders, people: unit.people,
        drivers: unit.drivers.map {
          Driver(
            indicator: $0.indicator.name, unitMedian: $0.unitMedian, baselineMedian: $0.baselineMedian,
            score: $0.score, trend: $0.trend, linkedToTimeInRole: $0.linkedToTimeInRole)
        },
        supports: unit.supports.map { r in
          Support(
            id: r.support.id, title: r.support.title, description: r.support.description,
            why: Readings.supportReason(r, unit: unit, indicators: indicators, baselines: baselines),
            measuredEffect: Readings.measuredEffect(
              of: r.support, in: measured, indicators: indicators, level: settings.confidenceLevel))
        },
        confidence: Readings.confidence(unit.excessInterval, level: settings.confidenceLevel),
        sensitivityShare: unit.sensitivityShare, robust: unit.robust,
        explanation: Readings.explanation(unit, settings: settings), detail: Readings.detail(unit, settings: settings),
        levels: Dictionary(
          uniqueKeysWithValues: indicators.indices.filter { indicators[$0].isScored }.map {
            (indicators[$0].name, unit.levels[$0])
          }),
        previousRank: previousRanks[unit.orgUnitID].map { Int($0) },
        scoreChange: previousScores[unit.orgUnitID].map { unit.score - $0 })
    }
    self.priorities = priorities
    organisations =
      tree.nodes.isEmpty
      ? nil : Report.organisations(outcome.hierarchy, hiddenNodes: hiddenNodes, priorities: priorities)
    capacityPlan = settings.priority.capacity.map { capacity in
      var organisationOf: [String: String] = [:]
      for (unit, home) in outcome.hierarchy.unitHome {
        if let top = tree.ancestry(of: home).last { organisationOf[unit] = tree.nodes[top].key }
      }
      return Report.capacityPlan(capacity, priorities: priorities, organisationOf: organisationOf)
    }
    overview = Overview(
      actNowUnits: shown.filter { $0.tier == .actNow }.count, watchUnits: shown.filter { $0.tier == .watch }.count,
      fineUnits: shown.filter { $0.tier == .fine }.count, teams: shown.reduce(0) { $0 + $1.teams },
      newLeaders: shown.reduce(0) { $0 + $1.newLeaders })
    headline = Readings.headline(priorities)
    linkedIndicators = outcome.correlations.filter { $0.link == .linked }.map(\.indicator.name)
    sensitivity = Sensitivity(
      top: settings.priority.sensitivityTop, weights: settings.priority.weights,
      alternatives: settings.priority.alternativeWeights,
      robustUnits: priorities.filter(\.robust).map(\.orgUnit))
    self.notes = notes
    previousRun = previous?.run
    let newLeaderDays = settings.priority.newLeaderDays
    let analysed = population.teams
    let early = analysed.filter { $0.daysInRole <= newLeaderDays }.count
    // Organisation-wide levels, like every figure, only over at least the minimum group of teams.
    let levels = zip(indicators, priority.baselines).compactMap { indicator, baseline -> IndicatorLevel? in
      guard analysed.count >= minGroupSize, indicator.isScored, let baseline, let spread = baseline.spread else {
        return nil
      }
      return IndicatorLevel(indicator: indicator.name, median: baseline.median, spread: spread)
    }
    trends = Report.trends(
      months: previous?.months ?? [],
      current: TrendPoint(
        month: Report.monthOf(run.asOf.description), run: run.id, asOf: run.asOf.description,
        earlyInRoleShare: analysed.count >= minGroupSize ? Double(early) / Double(analysed.count) : nil,
        actNowUnits: overview.actNowUnits),
      levels: levels, indicators: self.indicators, limit: settings.trendMonths)
  }

  static func survival(
    _ s: DisengagementSurvival, indicators: [Indicator], settings: AnalysisSettings
  ) -> Survival {
    let label = indicators.first { $0.name == s.settings.indicator }?.label ?? s.settings.indicator
    func group(_ g: DisengagementSurvival.Group) -> Survival.Group {
      Survival.Group(
        group: g.group, name: Readings.survivalGroup(g.group), teams: g.teams, signals: g.signals,
        medianMonths: g.curve?.medianSurvival,
        curve: (g.curve?.steps ?? []).map { Survival.Point(month: $0.time, survival: $0.survival, atRisk: $0.atRisk) })
    }
    let level = settings.significanceLevel
    let check = s.cohortDefinition
    return Survival(
      indicator: s.settings.indicator, drop: s.settings.drop, baselineMonths: s.settings.baselineMonths,
      groups: [group(s.primary.recent), group(s.primary.experienced)],
      logRankStatistic: s.primary.logRank?.statistic, p: s.primary.logRank?.p, q: s.q,
      suppressed: s.primary.suppressed,
      reading: Readings.survival(
        s.primary, label: label, significant: s.q.map { $0 < level }, minGroupSize: settings.minGroupSize),
      cohortCheck: Survival.CohortCheck(
        groups: [group(check.recent), group(check.experienced)], logRankStatistic: check.logRank?.statistic,
        p: check.logRank?.p, suppressed: check.suppressed,
        reading: Readings.survival(
          check, label: label, significant: check.logRank.map { $0.p < level },
          minGroupSize: settings.minGroupSize)))
  }
}
