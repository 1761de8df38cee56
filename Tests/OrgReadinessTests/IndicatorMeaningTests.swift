import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest

/// An indicator's meaning comes from its declaration, not its name, and the reports' words come
/// from the settings the run used.
@Suite struct IndicatorMeaningTests {
  static func compile(_ indicators: String) throws -> (CompiledMapping, [Warning]) {
    let yaml = """
      version: 2
      name: t
      produces: team_periods
      record: row
      fields:
        leader_id: leader
        period: { path: month, format: YYYY-MM }
      indicators:
      \(indicators)
      """
    return try MappingLoader.compile(yaml: yaml, path: "t.yml")
  }

  @Test func aTenantPercentColumnIsReadAsDeclaredAndWarnedAboutWhenNot() throws {
    let (declared, quiet) = try Self.compile(
      "  attrition_pct: { path: a, family: disengagement, worse_when: higher, scale: percent }")
    let indicator = try #require(declared.indicators.first?.indicator)
    #expect(indicator.scale == .percent && quiet.isEmpty)
    #expect(indicator.scale.format(46) == "46%" && indicator.scale.formatDifference(4.5) == "+4.5 pp")
    #expect(indicator.scale.shrinkageModel == .mean)

    // Undeclared: the scale is guessed from the name, and the mapping says so, naming the key.
    let (guessed, warnings) = try Self.compile(
      "  attrition_pct: { path: a, family: disengagement, worse_when: higher }")
    #expect(guessed.indicators.first?.indicator.scale == .percent)
    #expect(warnings.map(\.key) == ["indicators.attrition_pct"])
    #expect(warnings.first?.description.hasPrefix("t.yml: warning: indicators.attrition_pct: no 'scale'") == true)
  }

  @Test func theShrinkageModelFollowsTheScaleNotTheName() throws {
    // A people-counted rate whose name does not end in _rate, and a share whose name does.
    let (mapping, _) = try Self.compile(
      """
        leavers: { path: a, family: disengagement, worse_when: higher, scale: rate }
        meeting_rate: { path: b, family: bottleneck, worse_when: higher, scale: proportion }
      """)
    let byName = Dictionary(uniqueKeysWithValues: mapping.indicators.map { ($0.indicator.name, $0.indicator) })
    #expect(byName["leavers"]?.scale.shrinkageModel == .peopleCounted)
    #expect(byName["meeting_rate"]?.scale.shrinkageModel == .mean)
    // The standard indicators keep their scales without a declaration or a warning.
    let (standard, warnings) = try Self.compile("  participation_rate: a\n  review_wait_hours: b")
    #expect(standard.indicators.map(\.indicator.scale) == [.hours, .rate])
    #expect(warnings.isEmpty)
  }

  @Test func anIndicatorWithoutOrientationIsDescribedNeutrallyAndNeverScored() throws {
    let (mapping, warnings) = try Self.compile("  office_days: { path: a, family: bottleneck, scale: days }")
    let indicator = try #require(mapping.indicators.first?.indicator)
    #expect(indicator.worseWhen == nil && !indicator.isScored)
    #expect(warnings.contains { $0.message.contains("no 'worse_when'") })

    // On the sample, take away review wait's orientation: it is no longer linked, the readings do
    // not call anyone worse on it, and it leaves the indices and the tiers.
    let outcome = SampleFixture.standard.outcome
    var indicators = outcome.indicators
    let review = try #require(indicators.firstIndex { $0.name == "review_wait_hours" })
    indicators[review].worseWhen = nil
    let teams = outcome.population.teams
    let settings = AnalysisSettings(bootstrapResamples: 100)
    var correlations = correlateTimeInRole(teams: teams, indicators: indicators, settings: settings)
    var survival: DisengagementSurvival?
    adjustForMultipleTesting(correlations: &correlations, survival: &survival, level: settings.significanceLevel)
    #expect(correlations[review].link == .associated)
    let comparisons = compareCohorts(teams: teams, indicators: indicators, settings: settings)
    for c in comparisons where c.indicator.name == "review_wait_hours" {
      let reading = Readings.cohortComparison(c, minGroupSize: 5)
      #expect(!reading.contains("worse") && !reading.contains("better"), "\(reading)")
    }
    let priority = prioritiseUnits(teams: teams, indicators: indicators, correlations: correlations, settings: settings)
    #expect(!priority.linked.contains("review_wait_hours"))
    #expect(priority.scoredTeams.allSatisfy { $0.levels[review] == nil })
    #expect(priority.units.allSatisfy { unit in !unit.drivers.contains { $0.indicator.name == "review_wait_hours" } })
    let changes = leaderChangeEffects(
      periods: [], indicators: indicators, baselines: organisationBaselines(values: [], indicatorCount: 0),
      settings: settings)
    #expect(changes == nil)
  }

  @Test func wordsFollowTheSettings() {
    #expect(Readings.earlyInRole(days: 365) == "under a year")
    #expect(Readings.earlyInRole(days: 182) == "under 6 months")
    #expect(Readings.earlyInRole(days: 730) == "under 2 years")
    #expect(Readings.earlyInRole(days: 100) == "at most 100 days")
    #expect(
      Readings.leaderChangeNote(months: 3).contains(
        "up to 3 months before the new leader's first month against that month and the next two"))
    #expect(
      Readings.leaderChangeNote(months: 4).contains(
        "up to 4 months before the new leader's first month against that month and the next three"))
    #expect(Readings.intervalName(0.9) == "90% interval" && Readings.intervalName(0.975) == "97.5% interval")
  }

  /// A run with other settings says so in its words: a 182-day "early in role", a 90% level.
  @Test func theReportSpeaksTheRunsSettings() throws {
    var outcome = SampleFixture.standard.outcome
    outcome.settings.priority.newLeaderDays = 182
    outcome.settings.confidenceLevel = 0.9
    let report = Report(
      outcome: outcome, run: .init(id: "s", asOf: SampleFixture.asOf, pipeline: "s", toolVersion: "t"), inputs: [])
    let view = ExecutiveView(report)
    #expect(view.summary.contains { $0.contains("in their role under 6 months") })
    #expect(view.caveats.contains { $0.contains("90% interval") } && !view.caveats.joined().contains("95%"))
    #expect(view.intervalHeading == "90% interval")
    for p in report.priorities where p.excess != nil {
      #expect(p.explanation.contains("under 6 months"), "\(p.explanation)")
    }
  }
}
