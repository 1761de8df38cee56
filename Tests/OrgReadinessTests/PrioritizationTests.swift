import Foundation
import Testing
import Yams

@testable import OrgReadiness
@testable import OrgReadinessPipeline
@testable import OrgReadinessSample

@Suite struct PrioritizationTests {
  @Test func primarySuppressionHidesSmallUnits() {
    let hidden = complementarySuppression(sizes: ["a": 2, "b": 9, "c": 12, "d": 4, "e": 30], minimum: 5)
    // a and d are below 5; together they hold 6 ≥ 5 and are two groups, so nothing more is needed.
    #expect(hidden == ["a", "d"])
  }

  @Test func complementarySuppressionHidesTheNextSmallestSibling() {
    // Only "a" is small: its figure could be recovered by subtraction from the total, so the
    // next-smallest unit ("d") is hidden with it.
    let hidden = complementarySuppression(sizes: ["a": 3, "b": 9, "c": 12, "d": 6, "e": 30], minimum: 5)
    #expect(hidden == ["a", "d"])
    // Two tiny units that together are still below the minimum pull in the next-smallest too.
    let more = complementarySuppression(sizes: ["a": 1, "b": 2, "c": 12, "d": 6, "e": 30], minimum: 5)
    #expect(more == ["a", "b", "d"])
    #expect(complementarySuppression(sizes: ["a": 5, "b": 9], minimum: 5).isEmpty)
  }

  @Test func pseudonymsAreStablePerKeyAndDifferAcrossKeys() throws {
    let one = try #require(Pseudonymizer(key: "first-secret-key-0001"))
    let again = try #require(Pseudonymizer(key: "first-secret-key-0001"))
    let other = try #require(Pseudonymizer(key: "second-secret-key-002"))
    #expect(one.pseudonym("100234") == again.pseudonym("100234"))
    #expect(one.pseudonym("100234") != other.pseudonym("100234"))
    #expect(one.pseudonym("100234") != one.pseudonym("100235"))
    #expect(one.pseudonym("100234").hasPrefix("L-") && one.pseudonym("100234").count == 18)
    #expect(!one.pseudonym("100234").contains("100234"))
    #expect(Pseudonymizer(key: nil) == nil)
    #expect(Pseudonymizer(key: "short") == nil)
  }

  // python3 -c "import hmac,hashlib; print(hmac.new(b'first-secret-key-0001', b'100234', hashlib.sha256).hexdigest()[:16])"
  @Test func pseudonymIsHMACSHA256OfTheEmployeeID() throws {
    let p = try #require(Pseudonymizer(key: "first-secret-key-0001"))
    #expect(p.pseudonym("100234") == "L-5eabce0b9a6353d6")
  }

  @Test func playbookSelectsSupportByPattern() {
    let playbook = SupportPlaybook.standard
    let delegation = playbook.recommend(levels: ["approval_share": 1.2, "review_wait_hours": 0.8], trends: [:])
    #expect(delegation.map(\.support.id) == ["delegation-coaching"])
    #expect(delegation.first?.elevated == ["approval_share", "review_wait_hours"])
    // One bottleneck indicator alone is not the delegation pattern (two are required).
    #expect(playbook.recommend(levels: ["approval_share": 1.2], trends: [:]).isEmpty)
    let burnout = playbook.recommend(levels: ["leader_execution_share": 0.9, "after_hours_share": 1.5], trends: [:])
    #expect(burnout.map(\.support.id) == ["prioritisation-and-burnout-prevention"])
    let conversations = playbook.recommend(levels: ["escalations": 0.7], trends: ["participation_rate": 0.4])
    #expect(conversations.map(\.support.id) == ["communication-and-difficult-conversations"])
    let falling = playbook.recommend(levels: [:], trends: ["engagement_score": 0.6])
    #expect(falling.map(\.support.id) == ["coaching-and-team-health"])
    // Strongest pattern first.
    let both = playbook.recommend(
      levels: ["approval_share": 0.6, "review_wait_hours": 0.6, "leader_execution_share": 2, "after_hours_share": 2],
      trends: [:])
    #expect(both.map(\.support.id) == ["prioritisation-and-burnout-prevention", "delegation-coaching"])
  }

  @Test func compositeWeightsShareEquallyBetweenFamilies() {
    let indicators = Indicator.defaults
    let weights = compositeWeights(
      indicators: indicators, linked: ["review_wait_hours", "approval_share", "engagement_score"])
    #expect(abs(weights.reduce(0, +) - 1) < 1e-12)
    #expect(weights[0] == 0.25 && weights[2] == 0.25 && weights[5] == 0.5)
    #expect(compositeWeights(indicators: indicators, linked: []).allSatisfy { $0 == 0 })
  }

  static var sampleOutcome: (AnalysisOutcome, SampleSummary) { SampleFixture.standard }

  @Test func plantedHotspotsLeadAndSmallUnitsDoNotReachTheTopOnNoise() throws {
    let (outcome, summary) = Self.sampleOutcome
    let report = SampleFixture.report
    let top = report.priorities.prefix(summary.hotspotUnits.count).map(\.orgUnitName)
    #expect(Set(top) == Set(summary.hotspotUnits), "top \(top) vs hotspots \(summary.hotspotUnits)")
    #expect(report.priorities.prefix(summary.hotspotUnits.count).allSatisfy { $0.tier == .actNow })
    // Small units are suppressed from the executive list, and never act-now in the raw ranking.
    for unit in summary.smallUnits {
      #expect(!report.priorities.contains { $0.orgUnitName == unit })
      let raw = try #require(outcome.priority.units.first { $0.orgUnitName == unit })
      #expect(raw.tier != .actNow)
    }
    #expect(report.suppressedUnits >= summary.smallUnits.count)
    // Every act-now unit is explained by indicators linked to time in role, with a support.
    for p in report.priorities where p.tier == .actNow {
      #expect(p.drivers.first?.linkedToTimeInRole == true)
      #expect(!p.supports.isEmpty)
      #expect(p.excessCILow ?? -1 > 0)
    }
  }

  @Test func sensitivityReportsWhichPrioritiesAreRobust() {
    let (outcome, summary) = Self.sampleOutcome
    let units = outcome.priority.units
    for hotspot in summary.hotspotUnits {
      let unit = units.first { $0.orgUnitName == hotspot }
      #expect(unit?.robust == true)
      #expect(unit?.sensitivityShare == 1)
    }
    #expect(units.contains { !$0.robust })
    #expect(units.allSatisfy { (0...1).contains($0.sensitivityShare) })
  }

  /// The share counts the weightings under which a unit makes the top: a big unit with a small
  /// excess leads only when size weighs, a small unit with a large excess only when excess does.
  @Test func sensitivityShareCountsTheWeightingsUnderWhichAUnitLeads() {
    func unit(_ id: String, excess: Double, people: Double) -> UnitPriority {
      UnitPriority(
        orgUnitID: id, orgUnitName: id, teams: 6, newLeaders: 3, people: 0, excess: nil, excessInterval: nil,
        trend: nil, bottleneckIndex: nil, disengagementIndex: nil,
        components: PriorityComponents(excess: excess, newLeaders: 0.5, trend: 0, people: people), score: 0,
        flagged: false, tier: .watch, drivers: [], medians: [], levels: [], trends: [], supports: [],
        sensitivityShare: 0,
        robust: false)
    }
    var settings = PrioritySettings(sensitivityTop: 1)
    settings.weights = PriorityWeights(excess: 1, newLeaders: 0, trend: 0, people: 0)
    settings.alternativeWeights = [
      "size-only": PriorityWeights(excess: 0, newLeaders: 0, trend: 0, people: 1),
      "excess-only": PriorityWeights(excess: 1, newLeaders: 0, trend: 0, people: 0),
    ]
    var units = [unit("big", excess: 0.1, people: 1), unit("sharp", excess: 0.9, people: 0.2)]
    applySensitivity(&units, settings: settings)
    let share = Dictionary(uniqueKeysWithValues: units.map { ($0.orgUnitID, $0.sensitivityShare) })
    #expect(share["sharp"] == 2.0 / 3 && share["big"] == 1.0 / 3)
    #expect(units.allSatisfy { !$0.robust })
    // Fine units never count as leading, whatever their score.
    var fine = [unit("big", excess: 0.1, people: 1)]
    fine[0].tier = .fine
    applySensitivity(&fine, settings: settings)
    #expect(fine[0].sensitivityShare == 0)
  }

  @Test func leaderViewIsTieredAndCarriesNoRawIDsWhenRendered() throws {
    let (outcome, _) = Self.sampleOutcome
    let rows = outcome.priority.leaders
    #expect(rows.count == outcome.population.teams.count)
    #expect(rows.first?.team.tier == .actNow)
    #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.team.tier <= $1.team.tier })
    let pseudonymizer = try #require(Pseudonymizer(key: "analyst-key-for-tests"))
    let view = AnalystView(
      report: SampleFixture.report, leaders: rows, indicators: outcome.indicators, pseudonym: pseudonymizer.pseudonym)
    let csv = AnalystOutputs.leadersCSV(view)
    for row in rows.prefix(50) { #expect(!csv.contains(row.leaderID)) }
    #expect(csv.contains("RESTRICTED"))
  }
}

extension PrioritizationTests {
  /// The per-team forecast goes only to the restricted leaders.csv, beside the leader's
  /// pseudonym, with the covariates that raise it; teams not forecast have empty cells.
  @Test func teamForecastsReachOnlyThePseudonymisedAnalystRows() throws {
    let (outcome, _) = Self.sampleOutcome
    let rows = outcome.priority.leaders
    let forecast = TeamForecast(
      leaderID: rows[0].leaderID, orgUnitID: "U", orgUnitName: rows[0].team.orgUnitName,
      probability: 0.4321,
      contributions: [("level of the linked indicators", 0.8), ("3-month trend", 0.3), ("team size", -0.2)])
    let pseudonymizer = try #require(Pseudonymizer(key: "analyst-key-for-tests"))
    let view = AnalystView(
      report: SampleFixture.report, leaders: rows, indicators: outcome.indicators, forecasts: [forecast],
      pseudonym: pseudonymizer.pseudonym)
    let csv = AnalystOutputs.leadersCSV(view).split(whereSeparator: \.isNewline).map(String.init)
    #expect(csv[0].hasSuffix(",forecast_probability,forecast_drivers"))
    #expect(csv[1].contains(pseudonymizer.pseudonym(rows[0].leaderID)))
    #expect(csv[1].hasSuffix(",0.432,level of the linked indicators +0.80; 3-month trend +0.30"))
    #expect(csv[2].hasSuffix(",,"))
    #expect(!csv.joined().contains(rows[0].leaderID))
  }
}

@Suite struct PlaybookFileTests {
  /// The built-in playbook (used when a pipeline names none) is the shipped file, word for word.
  @Test func shippedPlaybookFileMatchesTheBuiltIn() throws {
    let text = try String(
      contentsOfFile: TestPaths.root.appendingPathComponent("Pipelines/playbook.yml").path, encoding: .utf8)
    let decoded = try YAMLDecoder().decode(SupportPlaybook.self, from: text)
    #expect(decoded == SupportPlaybook.standard)
  }
}

extension PrioritizationTests {
  /// Work done in chunks on all cores comes back in the order of a sequential loop, whatever the
  /// chunk size.
  @Test func chunkedWorkIsGatheredInOrder() {
    for count in [0, 1, 7, 64, 1000] {
      for chunk in [1, 3, 64, 4096] {
        #expect(mapChunks(count: count, chunk: chunk) { Array($0) }.flatMap { $0 } == Array(0..<count))
      }
    }
  }

  /// The playbook matched on arrays aligned with the indicators recommends what the names would.
  @Test func playbookMatcherReadsIndicatorsByPosition() {
    let names = ["escalations", "approval_share", "participation_rate", "review_wait_hours", "unused"]
    let matcher = SupportPlaybook.Matcher(.standard, indicatorNames: names)
    let found = matcher.recommend(levels: [0.7, 1.2, nil, 0.8, 5], trends: [nil, nil, 0.4, nil, nil])
    #expect(found.map(\.support.id) == ["delegation-coaching", "communication-and-difficult-conversations"])
    #expect(found.first?.elevated == ["approval_share", "review_wait_hours"])
    #expect(found.first?.strength == 1.2 + 0.8)
  }

  /// leaders.csv, written as bytes in chunks on all cores, is its header and one line per row, in
  /// the rows' order, and the rows' pseudonyms are the leaders' in their order.
  @Test func leadersCSVIsEveryRowsLineInOrder() throws {
    let (outcome, _) = Self.sampleOutcome
    let pseudonymizer = try #require(Pseudonymizer(key: "analyst-key-for-tests"))
    let view = AnalystView(
      report: SampleFixture.report, leaders: outcome.priority.leaders, indicators: outcome.indicators,
      pseudonym: pseudonymizer.pseudonym)
    let csv = AnalystOutputs.leadersCSV(view)
    let lines = csv.split(separator: "\r\n", omittingEmptySubsequences: false)
    #expect(lines.count == view.rows.count + 2)
    #expect(lines.last == "")
    for (row, line) in zip(view.rows, lines.dropFirst()) {
      #expect(line.contains(row.leader))
    }
    #expect(view.rows.map(\.leader) == outcome.priority.leaders.map { pseudonymizer.pseudonym($0.leaderID) })
  }
}
