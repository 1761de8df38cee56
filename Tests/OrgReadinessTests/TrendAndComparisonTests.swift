import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessPipeline

/// The pure parts of history: the report's trend points from the ledger's figures, what `diff`
/// computes from two runs' figures, and the trend chart.
@Suite struct TrendAndComparisonTests {
  static let indicators = [
    Report.IndicatorInfo(name: "wait", label: "review wait", family: .bottleneck, worseWhen: .higher, scale: .number),
    Report.IndicatorInfo(name: "lag", label: "decision lag", family: .bottleneck, worseWhen: .higher, scale: .number),
    Report.IndicatorInfo(
      name: "engagement", label: "engagement", family: .disengagement, worseWhen: .lower, scale: .number),
    Report.IndicatorInfo(name: "size", label: "team size", family: .other, worseWhen: nil, scale: .number),
  ]

  static func past(_ id: String, _ asOf: String, levels: [String: (Double, Double)], actNow: Int, early: Double?)
    -> PastRun
  {
    var figures = levels.flatMap { name, level in
      [
        RunFigure(scope: .indicatorMedian, key: name, value: level.0),
        RunFigure(scope: .indicatorSpread, key: name, value: level.1),
      ]
    }
    figures.append(RunFigure(scope: .organisation, key: "act_now_units", value: Double(actNow)))
    if let early { figures.append(RunFigure(scope: .organisation, key: "early_in_role_share", value: early)) }
    return PastRun(run: Report.PreviousRun(id: id, asOf: asOf), figures: figures)
  }

  @Test func trendIndicesAreMeasuredAgainstTheFirstMonthShownAndOrientedSoPositiveIsWorse() {
    let september = Self.past(
      "a", "2026-09-20", levels: ["wait": (20, 4), "lag": (3, 1), "engagement": (70, 5)], actNow: 1, early: 0.3)
    let october = Self.past(
      "b", "2026-10-20", levels: ["wait": (24, 5), "lag": (3.5, 1), "engagement": (65, 4)], actNow: 2, early: nil)
    let current = Report.TrendPoint(
      month: "2026-11", run: "c", asOf: "2026-11-20", earlyInRoleShare: 0.4, actNowUnits: 3)
    let levels = [
      Report.IndicatorLevel(indicator: "wait", median: 18, spread: 4),
      Report.IndicatorLevel(indicator: "engagement", median: 75, spread: 5),
    ]
    let trends = Report.trends(
      months: [september, october], current: current, levels: levels, indicators: Self.indicators, limit: 12)
    #expect(trends.reference == "2026-09" && trends.points.map(\.run) == ["a", "b", "c"])
    #expect(trends.points[0].bottleneckIndex == 0 && trends.points[0].disengagementIndex == 0)
    // October: wait +4/4 = 1, lag +0.5/1 = 0.5 → 0.75; engagement fell 5 (lower is worse) → +1.
    #expect(trends.points[1].bottleneckIndex == 0.75 && trends.points[1].disengagementIndex == 1)
    // November: only wait is recorded this run: -2/4; engagement rose 5 → -1.
    #expect(trends.points[2].bottleneckIndex == -0.5 && trends.points[2].disengagementIndex == -1)
    #expect(trends.points.map(\.actNowUnits) == [1, 2, 3])
    #expect(trends.points.map(\.earlyInRoleShare) == [0.3, nil, 0.4])
    // At most `limit` months, the latest; this run's month is never taken from the ledger.
    let limited = Report.trends(
      months: [september, october], current: current, levels: levels, indicators: Self.indicators, limit: 2)
    #expect(limited.points.map(\.run) == ["b", "c"] && limited.reference == "2026-10")
    let sameMonth = Self.past("x", "2026-11-02", levels: [:], actNow: 9, early: nil)
    #expect(
      Report.trends(months: [sameMonth], current: current, levels: levels, indicators: Self.indicators, limit: 12)
        .points.map(\.run) == ["c"])
  }

  @Test func theReadingsSayHowEachMeasureMovedSinceTheFirstMonth() {
    let september = Self.past("a", "2026-09-20", levels: ["wait": (20, 4)], actNow: 1, early: 0.3)
    let current = Report.TrendPoint(
      month: "2026-10", run: "c", asOf: "2026-10-20", earlyInRoleShare: 0.42, actNowUnits: 3)
    let trends = Report.trends(
      months: [september], current: current, levels: [Report.IndicatorLevel(indicator: "wait", median: 22, spread: 4)],
      indicators: Self.indicators, limit: 12)
    let lines = Readings.trends(trends, newLeaderDays: 365)
    #expect(
      lines.contains("Bottleneck indicators: the organisation's typical team is 0.50 robust SD worse than in 2026-09."))
    #expect(lines.contains("Disengagement indicators: no indicator of the family can be compared with 2026-09."))
    #expect(lines.contains("Leaders under a year in role: 42% of the analysed teams' leaders, against 30% in 2026-09."))
    #expect(lines.contains("Act-now units: 3, against 1 in 2026-09."))
    let first = Report.trends(months: [], current: current, levels: [], indicators: Self.indicators, limit: 12)
    #expect(Readings.trends(first, newLeaderDays: 365).first?.contains("no earlier as-of month") == true)
  }

  @Test func previousFiguresTakeTheLatestRunOfEachEarlierMonthThatRecordedOrganisationFigures() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let history = try RunHistory(directory: dir.path)
    func record(
      _ id: String, _ asOf: String, status: String = "succeeded", organisation: Bool = true, pipeline: String = "p"
    ) throws {
      let run = LedgerRun(
        id: id, startedAt: "2026-12-01T00:00:00Z", finishedAt: "2026-12-01T00:00:0\(id.last ?? "0")Z", asOf: asOf,
        pipeline: pipeline, toolVersion: "t", status: status, exitCode: status == "succeeded" ? 0 : 2, message: "",
        recordsRead: 0, accepted: 0, rejected: 0, duplicates: 0, futureDated: 0, leaders: 0, teams: 0, orgUnits: 0)
      let figures = organisation ? [LedgerFigure(runID: id, scope: "org", key: "act_now_units", value: 1)] : []
      try history.ledger.record(run, figures: figures)
    }
    try record("r1", "2026-08-15", organisation: false)  // recorded before v2: no point
    try record("r2", "2026-09-10")
    try record("r3", "2026-09-25")  // the latest of September
    try record("r4", "2026-09-12")
    try record("r5", "2026-10-05", status: "failed")
    try record("r6", "2026-10-20")
    try record("r7", "2026-10-22", pipeline: "other")
    try record("r8", "2026-11-02")  // this run's month: not an earlier point
    try record("r9", "2026-12-01")  // after this run's month
    let previous = try #require(history.previousFigures(pipeline: "p", asOf: .literal("2026-11-20"), trendMonths: 12))
    #expect(previous.run.id == "r9")
    #expect(previous.months.map(\.run.id) == ["r3", "r6"])
    let two = history.previousFigures(pipeline: "p", asOf: .literal("2026-11-20"), trendMonths: 2)
    #expect(two?.months.map(\.run.id) == ["r6"])
  }

  static func units(
    _ id: String, _ tiers: [(String, SupportTier, Double)], linked: [String: Bool], inputs: [String: Int]
  )
    -> PastRun
  {
    var figures: [RunFigure] = []
    for (rank, (unit, tier, score)) in tiers.enumerated() {
      figures.append(RunFigure(scope: .unitRank, key: unit, value: Double(rank + 1), label: "Unit \(unit)"))
      figures.append(RunFigure(scope: .unitScore, key: unit, value: score))
      figures.append(RunFigure(scope: .unitTier, key: unit, value: Double(tier.ordinal), label: "Unit \(unit)"))
    }
    for (name, on) in linked {
      figures.append(RunFigure(scope: .indicatorLinked, key: name, value: on ? 1 : 0, label: name.uppercased()))
    }
    for (name, count) in inputs { figures.append(RunFigure(scope: .inputRecordsRead, key: name, value: Double(count))) }
    return PastRun(run: Report.PreviousRun(id: id, asOf: "2026-11-20"), figures: figures)
  }

  @Test func aComparisonNamesTierMovesRankChangesVerdictChangesAndInputsBeyondTenPercent() {
    let a = Self.units(
      "a", [("U1", .actNow, 0.8), ("U2", .watch, 0.5), ("U3", .fine, 0.1)], linked: ["wait": true, "lag": false],
      inputs: ["jobs": 1000, "teams": 500, "gone": 10])
    let b = Self.units(
      "b", [("U2", .actNow, 0.9), ("U1", .watch, 0.6), ("U4", .watch, 0.4)], linked: ["wait": false, "lag": true],
      inputs: ["jobs": 1100, "teams": 551, "new": 5])
    let c = RunComparison(from: a, to: b)
    let moves = Dictionary(uniqueKeysWithValues: (c.tiers ?? []).map { ($0.tier, $0) })
    #expect(moves[.actNow]?.entered.map(\.orgUnit) == ["U2"] && moves[.actNow]?.left.map(\.orgUnit) == ["U1"])
    #expect(moves[.watch]?.entered.map(\.orgUnit) == ["U1", "U4"] && moves[.watch]?.left.map(\.orgUnit) == ["U2"])
    #expect(moves[.fine]?.entered.isEmpty == true && moves[.fine]?.left.map(\.orgUnit) == ["U3"])
    #expect(moves[.watch]?.entered.first?.name == "Unit U1")
    #expect(c.units.map(\.unit.orgUnit) == ["U2", "U1", "U4", "U3"])
    #expect(c.units.first { $0.unit.orgUnit == "U3" }?.rankAfter == nil)
    #expect(c.becameLinked == ["LAG"] && c.stoppedBeingLinked == ["WAIT"])
    // jobs +10% exactly is not "more than 10%"; teams +10.2% is; an input new or gone always shows.
    #expect((c.inputs ?? []).map(\.input) == ["gone", "new", "teams"])
    #expect(c.inputs?.first { $0.input == "teams" }?.change.map { abs($0 - 0.102) < 1e-9 } == true)
    // Runs recorded before ledger v2 have no tiers, verdicts or input counts.
    let old = PastRun(
      run: Report.PreviousRun(id: "old", asOf: "2026-10-20"),
      figures: [RunFigure(scope: .unitRank, key: "U1", value: 1), RunFigure(scope: .unitScore, key: "U1", value: 0.7)])
    let fromOld = RunComparison(from: old, to: b)
    #expect(fromOld.tiers == nil && fromOld.becameLinked == nil && fromOld.inputs == nil)
    #expect(fromOld.units.first?.unit.orgUnit == "U2")
  }

  @Test func theTrendChartDrawsAWideAndANarrowPanelChartWithTheFiguresInItsDescription() {
    let panels: [(title: String, scale: SVGChart.PanelScale, points: [(label: String, value: Double?)])] = [
      ("Bottleneck index, SD vs 2026-09", .signed, [("2026-09", 0), ("2026-10", nil), ("2026-11", 0.42)]),
      ("Act-now units", .count, [("2026-09", 1), ("2026-10", 2), ("2026-11", 3)]),
    ]
    let svg = SVGChart.panels(panels, title: "Trends <by> month")
    #expect(svg.components(separatedBy: "<svg ").count == 3)
    #expect(svg.contains("class=\"chart-wide\"") && svg.contains("class=\"chart-narrow\""))
    #expect(svg.contains("<title>Trends &lt;by&gt; month</title>"))
    #expect(
      svg.contains(
        "<desc>Bottleneck index, SD vs 2026-09: 2026-09 0.00, 2026-10 not available, 2026-11 +0.42; Act-now units: 2026-09 1, 2026-10 2, 2026-11 3</desc>"
      ))
    // The missing month breaks the line: two separate moves in the index's path.
    let path = svg.components(separatedBy: "class=\"series s0\"")[0].components(separatedBy: "<path d=\"").last ?? ""
    #expect(path.components(separatedBy: "M").count == 3)
    #expect(SVGChart.panels([("x", .count, [("2026-09", nil)])], title: "t").isEmpty)
  }
}
