import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessPipeline

/// The early-warning forecast through the analysis and the report, on simulated teams whose risk
/// of a first engagement signal is planted (or not) in a covariate the model sees.
///
/// `teams` teams of leaders who started in 2024-01 (the history's first month), 24 months. Each
/// team has a lasting strain z ~ N(0, 1) that shows in its review wait (20 + 5z h, noise SD 2);
/// engagement is 70 (noise SD 1) until the team's first signal, then 8 points lower. From the
/// fourth month (after the team's own first three) the monthly hazard of that signal is
/// logistic(`intercept` + `slope` · z).
@Suite struct EarlyWarningTests {
  static let first = Period(year: 2024, month: 1)
  static let indicators = [Indicator.named("engagement_score"), Indicator.named("review_wait_hours")]

  static func simulate(teams: Int, intercept: Double, slope: Double, seed: UInt64 = 1) -> (
    people: [String: PersonState], periods: [TeamPeriod]
  ) {
    var generator = SeededGenerator(seed: seed, stream: "early-warning-simulation")
    var people: [String: PersonState] = [:]
    var periods: [TeamPeriod] = []
    for team in 0..<teams {
      let leader = "L\(team)"
      var person = PersonState(personID: leader)
      person.roleStart = first.firstDay
      person.isActive = true
      person.isPeopleLeader = true
      people[leader] = person
      let z = generator.normal()
      var signalled = false
      for month in 0..<24 {
        if month >= 3 && !signalled {
          let h = 1 / (1 + exp(-(intercept + slope * z)))
          signalled = generator.unit() < h
        }
        let engagement = 70 + generator.normal() - (signalled ? 8 : 0)
        let wait = 20 + 5 * z + 2 * generator.normal()
        periods.append(
          TeamPeriod(
            leaderID: leader, orgUnitID: "U\(team % 8)", orgUnitName: "Unit \(team % 8)",
            period: Period(index: first.index + Int32(month)), headcount: 8,
            values: IndicatorValues([engagement, wait])))
      }
    }
    return (people, periods)
  }

  static func run(teams: Int, intercept: Double, slope: Double, seed: UInt64 = 1) throws -> (
    EarlyWarningOutcome, Report.EarlyWarning
  ) {
    let (people, periods) = simulate(teams: teams, intercept: intercept, slope: slope, seed: seed)
    var settings = AnalysisSettings(bootstrapResamples: 499)
    settings.priority.newLeaderDays = 730
    let means = Dictionary(grouping: periods, by: \.leaderID).values.map { rows in
      (0..<2).map { i -> Double? in rows.compactMap { $0.values[i] }.reduce(0, +) / Double(rows.count) }
    }
    let baselines = organisationBaselines(values: means, indicatorCount: 2)
    let outcome = try #require(
      earlyWarning(
        people: people, periods: periods, indicators: indicators, linked: [1], baselines: baselines,
        settings: settings))
    return (outcome, try #require(Report.earlyWarning(outcome, settings: settings)))
  }

  // Seed 1 is the first one tried. Over seeds 1...20 the forecast was shown in 19 with 1,500 teams
  // (13 with 800: the backtest then often has fewer than 30 signals); with no planted risk it was
  // withheld in 19 of 20.
  @Test func aRiskTheCovariatesCarryIsForecastAndShownWithItsBacktest() throws {
    let (outcome, report) = try Self.run(teams: 1500, intercept: -4, slope: 1)
    #expect(outcome.withheld == nil, "\(report.reading)")
    let backtest = try #require(outcome.backtest)
    #expect(backtest.events >= 30)
    let interval = try #require(backtest.aucInterval)
    #expect(interval.low > 0.5)
    // Better than always forecasting the base rate, and calibrated within a few points overall.
    #expect((backtest.brier ?? 1) < (backtest.baseRateBrier ?? 0))
    #expect(!backtest.calibration.isEmpty)
    #expect(report.shown && report.reading.contains("likely to show one in the next 3 months"))
    // The level of the linked indicators carries the risk: it contributes most for the riskiest team.
    let riskiest = try #require(outcome.teams.max { $0.probability < $1.probability })
    #expect(riskiest.contributions.first?.covariate == "level of the linked indicators")
    // Per unit: the expected number lies in its range, and the units add up to the teams forecast.
    #expect(!report.units.isEmpty)
    for unit in report.units {
      #expect(Double(unit.low) <= unit.expected && unit.expected <= Double(unit.high), "\(unit)")
    }
    #expect(report.units.reduce(0) { $0 + $1.teamsAtRisk } + report.teamsInSmallUnits == outcome.teams.count)
  }

  @Test func aForecastNoBetterThanChanceIsNotShownAndTheReportSaysWhy() throws {
    let (outcome, report) = try Self.run(teams: 800, intercept: -3.5, slope: 0)
    #expect((outcome.backtest?.events ?? 0) >= 30)
    #expect(outcome.withheld == .noBetterThanChance)
    #expect(!report.shown && report.units.isEmpty)
    #expect(report.reading.hasPrefix("Not shown:") && report.reading.contains("includes 0.5"))
  }

  @Test func tooFewSignalsInTheBacktestWithholdTheForecast() throws {
    let (outcome, report) = try Self.run(teams: 60, intercept: -4, slope: 1)
    #expect((outcome.backtest?.events ?? 0) < 30)
    #expect(outcome.withheld == .fewEvents)
    #expect(outcome.teams.isEmpty && report.units.isEmpty)
    #expect(report.reading.contains("fewer than 30 signals"))
  }

  /// A shown forecast puts a "likely next" line on the card of each unit it lists, and only there.
  @Test func aShownForecastPutsTheLikelyNextLineOnTheListedUnitsCard() throws {
    func golden(_ name: String) throws -> String {
      try String(contentsOf: TestPaths.root.appendingPathComponent("Tests/Golden/\(name)"), encoding: .utf8)
    }
    // The golden report in one piece (report.json names the files its long lists live in).
    let whole = try ReportJSON.parse(
      golden("report.json"), units: golden("units.jsonl"), organisations: golden("organisations.jsonl"))
    var json = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(whole)) as? [String: Any])
    let priorities = try #require(json["priorities"] as? [[String: Any]])
    let unit = try #require(priorities.first?["org_unit"] as? String)
    json["early_warning"] = [
      "horizon_months": 3, "signal": "s", "shown": true, "reading": "r", "teams_in_small_units": 0,
      "units": [["org_unit": unit, "org_unit_name": "X", "teams_at_risk": 6, "expected": 2.2, "low": 0, "high": 4]],
    ]
    let report = try JSONDecoder().decode(Report.self, from: JSONSerialization.data(withJSONObject: json))
    let view = ExecutiveView(report)
    let line =
      "Likely next: about 2 of its 6 teams of leaders early in role without a signal so far may show a first signal in the next 3 months (0 to 4)."
    #expect(view.priorities.first?.likelyNext == line)
    #expect(view.priorities.dropFirst().allSatisfy { $0.likelyNext.isEmpty })
    #expect(ExecutiveMarkdown.render(view).contains("- " + line))
  }

  /// The leader's previous role change, a covariate of the forecast: the start of the role before
  /// the current one; `other` events (pay changes) are no role change, and a first role has none.
  @Test func thePreviousRoleStartIsTheRoleChangeBeforeTheCurrentOne() {
    let asOf = CalendarDate.literal("2025-11-15")
    let events = [
      JobEvent(personID: "A", effectiveDate: .literal("2019-03-04"), eventType: .hire),
      JobEvent(personID: "A", effectiveDate: .literal("2021-04-01"), eventType: .other),
      JobEvent(personID: "A", effectiveDate: .literal("2022-04-01"), eventType: .promotion),
      JobEvent(personID: "A", effectiveDate: .literal("2024-04-01"), eventType: .other),
      JobEvent(personID: "B", effectiveDate: .literal("2023-06-01"), eventType: .hire),
    ]
    let people = resolvePeople(events, asOf: asOf)
    #expect(people["A"]?.roleStart?.description == "2022-04-01")
    #expect(people["A"]?.previousRoleStart?.description == "2019-03-04")
    #expect(people["B"]?.previousRoleStart == nil)
  }

  /// `forecast:` in pipeline.yml sets the forecast's settings; a value outside its range names the key.
  @Test func thePipelineSetsTheForecastAndNamesAWrongValue() throws {
    let base = """
      version: 1
      name: t
      inputs:
        - { name: jobs, path: jobs.xml, mapping: workday-raas-job-history }
        - { name: teams, path: teams.xml, mapping: workday-raas-team-metrics }

      """
    let definition = try PipelineDefinition.parse(
      yaml: base + "forecast: { horizon: 2, bottleneck_worse_by: 0.5, ridge: 4, minimum_events: 40 }\n",
      path: "p.yml", catalog: Dialects.catalog)
    #expect(
      definition.analysis.earlyWarning
        == EarlyWarningSettings(horizon: 2, bottleneckWorseBy: 0.5, ridge: 4, minimumEvents: 40))
    let defaults = try PipelineDefinition.parse(yaml: base, path: "p.yml", catalog: Dialects.catalog)
    #expect(defaults.analysis.earlyWarning == EarlyWarningSettings())
    do {
      _ = try PipelineDefinition.parse(
        yaml: base + "forecast: { horizon: 12 }\n", path: "p.yml", catalog: Dialects.catalog)
      Issue.record("a 12-month horizon was accepted")
    } catch {
      #expect("\(error)".contains("forecast.horizon"))
    }
  }

  /// Reference (scipy 1.17.1):
  /// python3 -c "from scipy.stats import binom; print(binom.ppf([0.025,0.975],10,0.5),
  ///   binom.ppf([0.025,0.975],40,0.1), binom.ppf([0.05,0.95],7,0.3))"  → [2 8] [1 8] [0 4]
  @Test func theRangeOfTeamsCrossingIsThePoissonBinomialsCentralInterval() {
    let (low, high) = poissonBinomialRange([Double](repeating: 0.5, count: 10), level: 0.95)
    #expect(low == 2 && high == 8)
    #expect(poissonBinomialRange([Double](repeating: 0.1, count: 40), level: 0.95) == (1, 8))
    #expect(poissonBinomialRange([Double](repeating: 0.3, count: 7), level: 0.9) == (0, 4))
    #expect(poissonBinomialRange([0, 0, 0], level: 0.95) == (0, 0))
    #expect(poissonBinomialRange([1, 1, 0], level: 0.95) == (2, 2))
  }
}
