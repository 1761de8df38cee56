import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessPipeline

/// The acceptance test of issue #10: three runs over inputs that change between them (another
/// organisation size and seed each as-of month), then a fourth run identical to the third.
/// `history`, `diff` and the report's trends must show the deltas the reports themselves hold, and
/// the fourth run must be recorded as a repeat and add no trend point.
@Suite(.serialized) struct RunHistoryTests {
  static let months = [("2026-09-20", 7, 120), ("2026-10-20", 8, 160), ("2026-11-20", 9, 100)]

  struct History {
    var fixture: OpsFixture
    var pipelines: [String]
    var runs: [String]
    var reports: [Report]
  }

  /// The four runs, made once for every test of the suite, in `.build/run-history-tests/` (kept
  /// for inspection, replaced by the next test run).
  static let history: Result<History, any Error> = Result {
    let f = try OpsFixture(keptAt: TestPaths.root.appendingPathComponent(".build/run-history-tests"))
    var pipelines: [String] = []
    var runs: [String] = []
    for (i, (asOf, seed, leaders)) in months.enumerated() {
      try f.sample("m\(i)", leaders: leaders, seed: seed, asOf: asOf)
      pipelines.append(try f.pipeline("p\(i).yml", samples: "m\(i)"))
      runs.append(try f.run(pipelines[i], asOf: asOf))
    }
    runs.append(try f.run(pipelines[2], asOf: months[2].0))
    return History(fixture: f, pipelines: pipelines, runs: runs, reports: try runs.map(f.report))
  }

  func json(_ arguments: [String]) throws -> Any {
    let result = try CommandRunner.orgready(arguments)
    #expect(result.status == 0, "\(arguments): \(result.stderr)")
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
  }

  @Test func historyListsEachRunWithItsCountsAndTheRepeat() throws {
    let h = try Self.history.get()
    let entries = try #require(try json(["history", h.pipelines[0], "--json"]) as? [[String: Any]])
    #expect(entries.map { $0["run"] as? String } == h.runs.reversed())
    for (entry, report) in zip(entries, h.reports.reversed()) {
      #expect(entry["status"] as? String == "succeeded" && entry["exit_code"] as? Int == 0)
      #expect(entry["as_of"] as? String == report.run.asOf.description)
      #expect(entry["records_read"] as? Int == report.inputs.reduce(0) { $0 + $1.recordsRead })
      #expect(entry["rejected"] as? Int == report.inputs.reduce(0) { $0 + $1.rejected })
      #expect(entry["linked_indicators"] as? Int == report.linkedIndicators.count)
      #expect(entry["act_now_units"] as? Int == report.overview.actNowUnits)
      #expect(entry["duration_seconds"] is Double || entry["duration_seconds"] is Int)
    }
    #expect(entries[0]["repeat_of"] as? String == h.runs[2])
    #expect(entries.dropFirst().allSatisfy { $0["repeat_of"] == nil })
    let text = try CommandRunner.orgready(["history", h.pipelines[0], "--limit", "2"])
    #expect(text.status == 0)
    let lines = text.stdout.split(separator: "\n")
    #expect(lines.count == 3 && lines[0].hasPrefix("run ") && lines[1].hasPrefix(h.runs[3]))
    #expect(lines[1].hasSuffix("repeat of \(h.runs[2])"))
  }

  /// What `diff` must say, worked out from the two reports.
  @Test(arguments: [(0, 1), (1, 2)])
  func diffShowsTheDeltasTheReportsHold(_ a: Int, _ b: Int) throws {
    let h = try Self.history.get()
    let before = h.reports[a]
    let after = h.reports[b]
    let diff = try #require(try json(["diff", h.pipelines[0], h.runs[a], h.runs[b], "--json"]) as? [String: Any])
    let tiers = try #require(diff["tiers"] as? [[String: Any]])
    func tier(_ r: Report) -> [String: String] {
      Dictionary(uniqueKeysWithValues: r.priorities.map { ($0.orgUnit, $0.tier.rawValue) })
    }
    var moves = 0
    for entry in tiers {
      let name = try #require(entry["tier"] as? String)
      let entered = (entry["entered"] as? [[String: Any]] ?? []).compactMap { $0["org_unit"] as? String }
      let left = (entry["left"] as? [[String: Any]] ?? []).compactMap { $0["org_unit"] as? String }
      let was = tier(before)
      let now = tier(after)
      #expect(Set(entered) == Set(now.keys.filter { now[$0] == name && was[$0] != name }), "entered \(name)")
      #expect(Set(left) == Set(was.keys.filter { was[$0] == name && now[$0] != name }), "left \(name)")
      moves += entered.count + left.count
    }
    let units = try #require(diff["units"] as? [[String: Any]])
    let ranksBefore = Dictionary(uniqueKeysWithValues: before.priorities.map { ($0.orgUnit, $0.rank) })
    let ranksAfter = Dictionary(uniqueKeysWithValues: after.priorities.map { ($0.orgUnit, $0.rank) })
    for unit in units {
      let id = try #require((unit["unit"] as? [String: Any])?["org_unit"] as? String)
      #expect(unit["rank_before"] as? Int == ranksBefore[id] && unit["rank_after"] as? Int == ranksAfter[id])
    }
    let changedRanks = Set(ranksBefore.keys).union(ranksAfter.keys).filter { ranksBefore[$0] != ranksAfter[$0] }
    #expect(changedRanks.isSubset(of: Set(units.compactMap { ($0["unit"] as? [String: Any])?["org_unit"] as? String })))
    let linkedBefore = Set(before.linkedIndicators)
    let linkedAfter = Set(after.linkedIndicators)
    let label = { (name: String) in after.indicator(name)?.label ?? before.indicator(name)?.label ?? name }
    #expect(Set(diff["became_linked"] as? [String] ?? []) == Set(linkedAfter.subtracting(linkedBefore).map(label)))
    #expect(
      Set(diff["stopped_being_linked"] as? [String] ?? []) == Set(linkedBefore.subtracting(linkedAfter).map(label)))
    let inputs = try #require(diff["inputs"] as? [[String: Any]])
    var expected = Set<String>()
    for (x, y) in zip(before.inputs, after.inputs) {
      for (name, p, q) in [
        ("records_read", x.recordsRead, y.recordsRead), ("accepted", x.accepted, y.accepted),
        ("rejected", x.rejected, y.rejected),
      ] where p > 0 ? abs(Double(q - p)) / Double(p) > 0.1 : q > 0 {
        expected.insert("\(x.name) \(name) \(p) \(q)")
      }
    }
    let shown = Set(
      inputs.map {
        "\($0["input"] as? String ?? "") \($0["count"] as? String ?? "") \($0["before"] as? Int ?? -1) \($0["after"] as? Int ?? -1)"
      })
    #expect(shown == expected)
    // The inputs really changed between these runs: the test compares something.
    #expect(!expected.isEmpty && moves + units.count > 0)
    let text = try CommandRunner.orgready(["diff", h.pipelines[0], h.runs[a], h.runs[b]])
    #expect(text.stdout.hasPrefix("diff \(h.runs[a]) (as of \(before.run.asOf)) → \(h.runs[b])"))
    #expect(text.stdout.contains("input counts that moved by more than 10%:\n  job_history records_read:"))
  }

  @Test func theFourthIdenticalRunIsARepeatWithTheSameStatisticsAndNoNewTrendPoint() throws {
    let h = try Self.history.get()
    let (third, fourth) = (h.reports[2], h.reports[3])
    #expect(third.correlations == fourth.correlations && third.cohorts == fourth.cohorts)
    #expect(third.priorities.map(\.score) == fourth.priorities.map(\.score))
    let ledger = try h.fixture.ledger()
    let runs = try h.runs.map { try #require(try ledger.run(id: $0)) }
    #expect(runs[3].repeatOf == h.runs[2] && runs[3].fingerprint == runs[2].fingerprint)
    #expect(Set(runs.prefix(3).map(\.fingerprint)).count == 3)
    let manifest = try String(
      contentsOf: h.fixture.output.appendingPathComponent("\(h.runs[3])/manifest.json"), encoding: .utf8)
    #expect(manifest.contains("\"repeat_of\" : \"\(h.runs[2])\""))
    // diff --previous: the repeat changed nothing.
    let diff = try CommandRunner.orgready(["diff", h.pipelines[0], "--previous"])
    #expect(diff.stdout.contains("no unit changed tier") && diff.stdout.contains("ranks and scores:\n  no change"))
    // One point per as-of month: the repeat replaces the month's point.
    let trends = try #require(fourth.trends)
    #expect(trends.points.map(\.month) == ["2026-09", "2026-10", "2026-11"])
    #expect(trends.points.map(\.run) == [h.runs[0], h.runs[1], h.runs[3]])
    #expect(third.trends?.points.map(\.run) == [h.runs[0], h.runs[1], h.runs[2]])
  }

  @Test func theTrendsShowEachMonthsFiguresInTheReportAndItsChart() throws {
    let h = try Self.history.get()
    let trends = try #require(h.reports[2].trends)
    #expect(trends.points.count == 3 && trends.reference == "2026-09")
    for (point, report) in zip(trends.points, h.reports) {
      #expect(point.actNowUnits == report.overview.actNowUnits)
      #expect(point.earlyInRoleShare == report.trends?.points.last?.earlyInRoleShare)
      #expect(point.asOf == report.run.asOf.description)
    }
    #expect(trends.points[0].bottleneckIndex == 0 && trends.points[0].disengagementIndex == 0)
    // The later months' indices, from the levels each run recorded.
    let first = try #require(h.reports[0].trends?.levels)
    let last = try #require(h.reports[2].trends?.levels)
    let indicators = h.reports[2].indicators.filter { $0.family == .bottleneck && $0.worseWhen != nil }
    let terms = indicators.compactMap { i -> Double? in
      guard let a = first.first(where: { $0.indicator == i.name }),
        let b = last.first(where: { $0.indicator == i.name }),
        let sign = i.worseWhen?.sign
      else { return nil }
      return sign * (b.median - a.median) / a.spread
    }
    let expected = terms.reduce(0, +) / Double(terms.count)
    #expect(abs((trends.points[2].bottleneckIndex ?? .nan) - expected) < 1e-12)
    // The chart and the table carry the same figures.
    let html = try String(
      contentsOf: h.fixture.output.appendingPathComponent("\(h.runs[2])/executive.html"), encoding: .utf8)
    let section = try #require(html.range(of: "<section id=\"trends\">").map { String(html[$0.lowerBound...]) })
    #expect(section.contains("<svg") && section.contains("chart-wide") && section.contains("chart-narrow"))
    let acts = trends.points.map { "\($0.month) \($0.actNowUnits ?? -1)" }.joined(separator: ", ")
    #expect(section.contains("Act-now units: \(acts)"), "the chart's description lacks \(acts)")
    let markdown = try String(
      contentsOf: h.fixture.output.appendingPathComponent("\(h.runs[2])/executive.md"), encoding: .utf8)
    #expect(markdown.contains("## Trends across runs"))
    for point in trends.points { #expect(markdown.contains("| \(point.month) |")) }
  }
}
