import Testing

@testable import OrgReadiness
@testable import OrgReadinessSample

/// The issue-4 acceptance on the sample: the planted time-in-role effect is found for the
/// indicators that carry it, and the indicators that carry none show no discovery.
@Suite struct AnalysisOnSampleTests {
  static let carrying: Set<String> = [
    "review_wait_hours", "decision_latency_days", "approval_share", "leader_execution_share", "engagement_score",
    "participation_rate", "after_hours_share",
  ]
  static let notCarrying: Set<String> = ["escalations", "voluntary_attrition_rate", "absenteeism_rate"]

  @Test func plantedEffectIsFoundAndOnlyThere() {
    let report = SampleFixture.report
    #expect(Set(report.linkedIndicators) == Self.carrying)
    for c in report.correlations {
      if Self.carrying.contains(c.indicator) {
        #expect((c.q ?? 1) < 0.05 && (c.partialQ ?? 1) < 0.05, "\(c.indicator) not found")
        #expect(c.link == .linked)
      } else {
        // No discovery: either q ≥ 0.05, or the association does not survive team size.
        #expect(c.link != .linked, "\(c.indicator): \(c.reading)")
      }
    }
    // Attrition's raw association goes with team size (the sample plants it through size only).
    #expect(report.correlations.first { $0.indicator == "voluntary_attrition_rate" }?.link == .explainedBySize)
  }

  /// The sample's planted programme (delegation coaching for the teams with the longest review
  /// wait, 18% shorter after enrolment): the difference-in-differences finds it, and the plain
  /// before/after change overstates it (the flagged teams' recovery from their bad month).
  @Test func plantedProgrammeEffectIsFoundAndTheNaiveChangeOverstatesIt() throws {
    let report = SampleFixture.report
    let section = try #require(report.supportEffects)
    #expect(section.programs.map(\.program) == [SampleGenerator.plantedProgramme])
    #expect(section.programs.first?.leaders == SampleFixture.standard.summary.enrolments)
    #expect(section.programs.first?.title == "Delegation coaching")
    let row = try #require(section.effects.first { $0.indicator == "review_wait_hours" })
    #expect(row.scale == .relative)
    #expect(row.verdict == .improved, "\(row.reading)")
    let low = try #require(row.ciLow)
    let high = try #require(row.ciHigh)
    let planted = -SampleGenerator.plantedProgrammeEffect
    #expect(low <= planted && planted <= high, "\(low)...\(high)")
    let naive = try #require(row.naiveEffect)
    let effect = try #require(row.effect)
    #expect(naive < effect, "naive \(naive), DiD \(effect)")
    #expect(row.naiveMisleads && row.reading.contains("which is biased"))
    // Where delegation coaching is recommended, it cites what the programme was measured to do.
    let recommending = report.priorities.flatMap(\.supports).filter { $0.id == SampleGenerator.plantedProgramme }
    #expect(!recommending.isEmpty)
    for support in recommending {
      #expect(support.measuredEffect?.contains("review wait") == true, "\(support)")
    }
    #expect(
      report.priorities.flatMap(\.supports).filter { $0.id != SampleGenerator.plantedProgramme }.allSatisfy {
        $0.measuredEffect == nil
      })
    // Only linked indicators are analysed.
    #expect(Set(section.effects.map(\.indicator)).isSubset(of: Set(report.linkedIndicators)))
  }

  /// One verdict drives the tiers, the readings and the headline: an indicator is among the
  /// report's linked indicators exactly when its reading says "likely link", on the sample and on
  /// randomised data where every verdict is possible.
  @Test func linkedVerdictAndReadingAgreeEverywhere() throws {
    func check(_ report: Report, _ what: String) {
      for c in report.correlations {
        let saysLinked = c.reading.hasPrefix("likely link:")
        #expect((c.link == .linked) == saysLinked, "\(what) \(c.indicator): \(c.link) vs '\(c.reading)'")
        #expect(report.linkedIndicators.contains(c.indicator) == (c.link == .linked), "\(what) \(c.indicator)")
      }
      let units = report.priorities.filter(\.flagged)
      #expect(report.linkedIndicators.isEmpty ? units.isEmpty : true, "\(what): flagged units without a link")
    }
    check(SampleFixture.report, "sample")
    let outcome = SampleFixture.standard.outcome
    var generator = SeededGenerator(seed: 99, stream: "randomised verdicts")
    var seen = Set<TimeInRoleLink>()
    for round in 0..<40 {
      // Shuffle a random share of each indicator's values across teams: from the sample's links
      // (nothing shuffled) to none (everything shuffled), through every verdict in between.
      var teams = outcome.population.teams
      let share = Double(round % 8) / 7
      for i in outcome.indicators.indices {
        let picked = teams.indices.filter { _ in generator.unit() < share }
        var values = picked.map { teams[$0].values[i] }
        values.shuffle(using: &generator)
        for (k, t) in picked.enumerated() { teams[t].values[i] = values[k] }
      }
      var indicators = outcome.indicators
      if round % 5 == 4 { indicators[round % indicators.count].worseWhen = nil }
      let settings = AnalysisSettings(bootstrapResamples: 100)
      var correlations = correlateTimeInRole(teams: teams, indicators: indicators, settings: settings)
      var survival: DisengagementSurvival?
      adjustForMultipleTesting(correlations: &correlations, survival: &survival, level: settings.significanceLevel)
      seen.formUnion(correlations.map(\.link))
      var randomised = outcome
      randomised.indicators = indicators
      randomised.correlations = correlations
      randomised.priority = prioritiseUnits(
        teams: teams, indicators: indicators, correlations: correlations, settings: settings)
      check(
        Report(
          outcome: randomised, run: .init(id: "r", asOf: SampleFixture.asOf, pipeline: "r", toolVersion: "t"),
          inputs: []),
        "round \(round)")
    }
    #expect(seen.isSuperset(of: [.linked, .explainedBySize, .none]), "verdicts seen: \(seen)")
  }

  @Test func cohortComparisonsShowTheNewestTeamsWorseOnCarryingIndicators() throws {
    let report = SampleFixture.report
    let newest = report.cohortComparisons.filter {
      $0.group == .cohort(.underSixMonths) && $0.against == .cohort(.overTwentyFourMonths)
    }
    #expect(newest.count == 10)
    for c in newest where Self.carrying.contains(c.indicator) {
      let worseWhen = try #require(report.indicator(c.indicator)?.worseWhen)
      let low = try #require(c.ciLow)
      let high = try #require(c.ciHigh)
      #expect(worseWhen.sign * low > 0 || worseWhen.sign * high > 0)
      #expect(worseWhen.sign * (c.cliffsDelta ?? 0) > 0.3, "\(c.indicator)")
    }
  }

  @Test func newLeaderEffectIsSeparatedFromSelection() throws {
    let report = SampleFixture.report
    #expect(report.leaderChanges.available)
    let review = try #require(report.leaderChanges.effects.first { $0.indicator == "review_wait_hours" })
    #expect(review.teams >= 5)
    #expect((review.ciLow ?? 0) > 0)
    // The teams that got new leaders were not already worse (the sample plants no selection).
    #expect((review.positionBefore ?? 1) < 0.5)
  }

  @Test func recentlyPromotedTeamsSignalSooner() throws {
    let survival = try #require(SampleFixture.report.survival)
    #expect(!survival.suppressed)
    #expect((survival.q ?? 1) < 0.05)
    let recent = try #require(survival.groups.first { $0.group == .recentlyPromoted })
    let experienced = try #require(survival.groups.first { $0.group == .experiencedAtHistoryStart })
    #expect(Double(recent.signals) / Double(recent.teams) > Double(experienced.signals) / Double(experienced.teams))
  }

  @Test func shrinkageMovesSmallTeamsMoreThanLargeOnes() {
    for s in SampleFixture.standard.outcome.shrinkage.summaries
    where s.method == .normalNormal || s.method == .betaBinomial {
      #expect((s.smallTeamWeight ?? 1) < (s.largeTeamWeight ?? 0), "\(s.indicator)")
    }
    let outcome = SampleFixture.standard.outcome
    let review = outcome.indicators.firstIndex { $0.name == "review_wait_hours" }!
    let prior = outcome.shrinkage.summaries[review].priorMean ?? 0
    for (team, shrunk) in zip(outcome.population.teams, outcome.shrinkage.values) {
      guard let raw = team.values[review], let value = shrunk[review] else { continue }
      // The shrunken value lies between the team's own value and the prior mean.
      #expect(min(raw, prior) - 1e-9 <= value && value <= max(raw, prior) + 1e-9)
    }
  }

  @Test func figuresOverTooFewTeamsAreNotReported() {
    // Only 4 teams: below the minimum of 5, so every correlation, comparison and curve is withheld.
    let teams = Array(SampleFixture.standard.outcome.population.teams.prefix(4))
    let settings = AnalysisSettings(bootstrapResamples: 100, minGroupSize: 5)
    let indicators = SampleFixture.standard.outcome.indicators
    let correlations = correlateTimeInRole(teams: teams, indicators: indicators, settings: settings)
    #expect(correlations.allSatisfy { $0.suppressed && $0.rho == nil && $0.p == nil })
    let comparisons = compareCohorts(teams: teams, indicators: indicators, settings: settings)
    #expect(comparisons.allSatisfy { $0.suppressed && $0.difference == nil })
    let summaries = summariseCohorts(
      teams: teams, indicatorCount: indicators.count, minGroupSize: 5, confidenceLevel: 0.95)
    #expect(summaries.allSatisfy { $0.medians.allSatisfy { $0 == nil } })
  }

  @Test func statisticsAreDeterministic() throws {
    // A second, independent generation and analysis gives byte-identical statistics.
    let config = SampleConfiguration(
      seed: 7, leaders: 400, asOf: SampleFixture.asOf, includeIndividualContributors: false)
    final class Buffer: @unchecked Sendable { var bytes: [UInt8] = [] }
    let jobs = Buffer()
    let teams = Buffer()
    let enrolments = Buffer()
    _ = SampleGenerator.generate(
      config, jobHistory: { jobs.bytes += $0 }, teamMetrics: { teams.bytes += $0 },
      supportEnrolments: { enrolments.bytes += $0 })
    let again = try SampleFixture.analyse(
      jobs: jobs.bytes, teams: teams.bytes, enrolments: enrolments.bytes, asOf: SampleFixture.asOf)
    let a = try ReportJSON.render(SampleFixture.report)
    let b = try ReportJSON.render(
      Report(
        outcome: again, run: .init(id: "test", asOf: SampleFixture.asOf, pipeline: "test", toolVersion: "test"),
        inputs: []))
    #expect(a == b)
  }
}

/// The indicators are analysed in parallel; each result must equal the indicator analysed alone.
@Suite struct ParallelAnalysisTests {
  @Test func parallelResultsEqualOneIndicatorAtATime() {
    let outcome = SampleFixture.standard.outcome
    let settings = AnalysisSettings(bootstrapResamples: 200)
    let teams = outcome.population.teams
    let together = correlateTimeInRole(teams: teams, indicators: outcome.indicators, settings: settings)
    let comparisons = compareCohorts(teams: teams, indicators: outcome.indicators, settings: settings)
    for (i, indicator) in outcome.indicators.enumerated() {
      let alone = teams.map { team -> TeamSnapshot in
        var single = team
        single.values = [team.values[i]]
        single.priorValues = [team.priorValues[i]]
        single.windowVariances = [team.windowVariances[i]]
        return single
      }
      #expect(correlateTimeInRole(teams: alone, indicators: [indicator], settings: settings) == [together[i]])
      #expect(
        compareCohorts(teams: alone, indicators: [indicator], settings: settings)
          == comparisons.filter { $0.indicator == indicator })
    }
  }
}
