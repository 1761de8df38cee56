import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessPipeline

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `orgready` binary on generated sample data, as automation would.
@Suite(.serialized) struct EndToEndTests {
  static let asOf = "2026-11-25"

  func makeSample(in dir: URL, leaders: Int = 150) throws {
    let result = try CommandRunner.orgready([
      "sample", "--output", dir.appendingPathComponent("samples").path, "--leaders", String(leaders),
      "--seed", "7", "--as-of", Self.asOf, "--quiet",
    ])
    #expect(result.status == 0, "sample failed: \(result.stderr)")
  }

  func latestTarget(_ dir: URL) throws -> String {
    try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("Reports/latest").path)
  }

  @Test func sampleIsDeterministicForASeed() throws {
    let a = try TestPaths.temporaryDirectory()
    let b = try TestPaths.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(at: a)
      try? FileManager.default.removeItem(at: b)
    }
    try makeSample(in: a, leaders: 60)
    try makeSample(in: b, leaders: 60)
    for file in ["samples/job_history.xml", "samples/team_metrics.xml", "samples/support_enrolments.xml"] {
      let x = try Data(contentsOf: a.appendingPathComponent(file))
      let y = try Data(contentsOf: b.appendingPathComponent(file))
      #expect(x == y, "\(file) differs between two runs with one seed")
      #expect(x.count > (file.hasSuffix("enrolments.xml") ? 500 : 10_000))
    }
  }

  @Test func runPublishesEveryOutputAndNamesNoIndividual() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // Large enough for divisions above the units, so the tree has two levels of pages.
    try makeSample(in: dir, leaders: 400)
    let pipeline = try CommandRunner.writePipeline(in: dir)
    let result = try CommandRunner.orgready(
      ["run", pipeline, "--as-of", Self.asOf, "--quiet"],
      environment: ["ORGREADY_PSEUDONYM_KEY": "e2e-secret-key-0123456789"])
    #expect(result.status == 0, "run failed: \(result.stderr)")
    let runDir = URL(fileURLWithPath: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
      .deletingLastPathComponent()
    for name in [
      "report.json", "units.jsonl", "organisations.jsonl", "executive.html", "executive.md", "manifest.json",
      "rejects.csv", "units.csv", "analyst.html", "leaders.csv",
    ] {
      #expect(FileManager.default.fileExists(atPath: runDir.appendingPathComponent(name).path), "missing \(name)")
    }
    #expect(try latestTarget(dir) == runDir.lastPathComponent)

    let report = try PublishedReport.read(runDir)
    #expect(report.schemaVersion == 3)
    #expect(report.run.asOf.description == Self.asOf)
    for input in report.inputs {
      #expect(input.recordsRead == input.accepted + input.rejected + input.duplicates + input.futureDated)
      #expect(input.sha256.count == 64)
    }
    #expect(report.population.leaders > 100)
    #expect(report.correlations.count == 10)
    #expect(!report.priorities.isEmpty)
    #expect(report.cohorts.map(\.cohort.rawValue) == ["<6m", "6-12m", "12-24m", "24m+"])

    // No leader id or person name may appear in an executive output.
    let jobs = try String(contentsOf: dir.appendingPathComponent("samples/job_history.xml"), encoding: .utf8)
    let ids = Set(matches(#"wd:type="Employee_ID">(\d+)<"#, in: jobs))
    let names = Set(matches(#"<wd:Worker wd:Descriptor="([^"]+)""#, in: jobs))
    #expect(ids.count > 100 && names.count > 50)
    // A page per shown organisation, each linked from its parent's page (the top level from the
    // executive page).
    let pages = try FileManager.default.contentsOfDirectory(atPath: runDir.appendingPathComponent("orgs").path)
    let organisations = try #require(report.organisations)
    #expect(!organisations.topLevel.isEmpty)
    #expect(Set(pages) == Set(organisations.nodes.map { "\($0.key).html" }))
    let executive = try String(contentsOf: runDir.appendingPathComponent("executive.html"), encoding: .utf8)
    for node in organisations.nodes {
      if let parent = node.parent {
        let page = try String(contentsOf: runDir.appendingPathComponent("orgs/\(parent).html"), encoding: .utf8)
        #expect(page.contains("href=\"\(node.key).html\""), "orgs/\(parent).html does not link \(node.key)")
      } else {
        #expect(executive.contains("href=\"orgs/\(node.key).html\""), "executive.html does not link \(node.key)")
      }
    }
    for output in [
      "executive.html", "executive.md", "units.csv", "report.json", "units.jsonl", "organisations.jsonl",
      "analyst.html",
      "leaders.csv",
    ] + pages.map({ "orgs/" + $0 }) {
      let text = try String(contentsOf: runDir.appendingPathComponent(output), encoding: .utf8)
      // Compare whole tokens, so "0.1010017" in a number is not mistaken for id "101001".
      let tokens = Set(text.split { !$0.isLetter && !$0.isNumber }.map(String.init))
      let leakedIDs = ids.filter { tokens.contains($0) }
      let leakedNames = names.filter { text.contains($0) }
      #expect(leakedIDs.isEmpty, "\(output) contains employee ids \(leakedIDs.prefix(3))")
      #expect(leakedNames.isEmpty, "\(output) contains person names \(leakedNames.prefix(3))")
    }
    let leaders = try String(contentsOf: runDir.appendingPathComponent("leaders.csv"), encoding: .utf8)
    #expect(leaders.split(whereSeparator: \.isNewline).count == report.population.teams + 1)
    #expect(leaders.contains("RESTRICTED"))
    // The run ledger holds no individual's id either.
    let ledger = try RunLedger(path: dir.appendingPathComponent("Reports/ledger.sqlite").path)
    let figures = try ledger.figures(runID: report.run.id)
    #expect(!figures.isEmpty)
    #expect(figures.allSatisfy { !ids.contains($0.key) })
    let html = try String(contentsOf: runDir.appendingPathComponent("executive.html"), encoding: .utf8)
    #expect(html.contains("<svg"))
    #expect(!html.contains("&#38;"))
  }

  @Test func withoutTheKeyAnalystOutputsAreRefusedNotWrittenWithRawIDs() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try makeSample(in: dir, leaders: 60)
    let pipeline = try CommandRunner.writePipeline(in: dir)
    let result = try CommandRunner.orgready(
      ["run", pipeline, "--as-of", Self.asOf], environment: ["ORGREADY_PSEUDONYM_KEY": ""])
    #expect(result.status == 0)
    #expect(result.stderr.contains("ORGREADY_PSEUDONYM_KEY"))
    let runDir = URL(fileURLWithPath: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
      .deletingLastPathComponent()
    #expect(!FileManager.default.fileExists(atPath: runDir.appendingPathComponent("leaders.csv").path))
    #expect(!FileManager.default.fileExists(atPath: runDir.appendingPathComponent("analyst.html").path))
    let report = try PublishedReport.read(runDir)
    #expect(report.notes.contains { $0.contains("analyst outputs") })
  }

  @Test func secondRunComparesWithTheFirstAndStatisticsAreReproducible() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try makeSample(in: dir)
    let pipeline = try CommandRunner.writePipeline(in: dir)
    let first = try CommandRunner.orgready(["run", pipeline, "--as-of", Self.asOf, "--quiet"])
    let second = try CommandRunner.orgready(["run", pipeline, "--as-of", Self.asOf, "--quiet"])
    #expect(first.status == 0 && second.status == 0)
    func load(_ r: CommandResult) throws -> Report {
      let path = URL(fileURLWithPath: r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        .deletingLastPathComponent()
      return try PublishedReport.read(path)
    }
    let a = try load(first)
    let b = try load(second)
    #expect(a.run.id != b.run.id)
    #expect(a.previousRun == nil)
    #expect(b.previousRun?.id == a.run.id)
    #expect(a.correlations == b.correlations)
    #expect(a.cohorts == b.cohorts)
    #expect(b.priorities.allSatisfy { $0.previousRank == $0.rank && $0.scoreChange == 0 })
  }

  @Test func malformedInputExitsTwoWithFileAndLineAndKeepsTheLastGoodReport() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try makeSample(in: dir)
    let good = try CommandRunner.writePipeline(in: dir)
    #expect(try CommandRunner.orgready(["run", good, "--as-of", Self.asOf, "--quiet"]).status == 0)
    let before = try latestTarget(dir)

    let bad = try CommandRunner.writePipeline(in: dir, teamMetrics: TestPaths.fixture("malformed/mismatched_tag.xml"))
    let result = try CommandRunner.orgready(["run", bad, "--as-of", Self.asOf, "--quiet"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("mismatched_tag.xml:5:"), "stderr: \(result.stderr)")
    #expect(try latestTarget(dir) == before)
  }

  @Test func errorBudgetExceededExitsThreeAndKeepsRejectsForDiagnosis() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try makeSample(in: dir)
    let pipeline = try CommandRunner.writePipeline(in: dir, errorBudget: 0)
    let result = try CommandRunner.orgready(["run", pipeline, "--as-of", Self.asOf, "--quiet"])
    #expect(result.status == 3, "stderr: \(result.stderr)")
    #expect(result.stderr.contains("error budget"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Reports/latest").path))
    let failed = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("Reports/failed").path)
    #expect(failed.count == 1)
    let rejects = try String(
      contentsOf: dir.appendingPathComponent("Reports/failed/\(failed[0])/rejects.csv"), encoding: .utf8)
    #expect(rejects.hasPrefix("file,line,record_key,field,reason"))
    #expect(rejects.contains("is not a real calendar date"))
  }

  @Test func anotherRunHoldingTheLockExitsFour() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try makeSample(in: dir, leaders: 30)
    let pipeline = try CommandRunner.writePipeline(in: dir)
    let reports = dir.appendingPathComponent("Reports")
    try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
    let fd = open(reports.appendingPathComponent(".orgready.lock").path, O_RDWR | O_CREAT, 0o644)
    #expect(fd >= 0)
    defer { close(fd) }
    #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
    let result = try CommandRunner.orgready(["run", pipeline, "--as-of", Self.asOf, "--quiet"])
    #expect(result.status == 4)
    #expect(result.stderr.contains("lock"))
  }

  @Test func badConfigurationExitsTwoNamingTheKey() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let pipeline = try CommandRunner.writePipeline(in: dir, minGroupSize: 2)
    let result = try CommandRunner.orgready(["run", pipeline, "--quiet"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("privacy.min_group_size"))
    let usage = try CommandRunner.orgready(["run", pipeline, "--as-of", "25/11/2026"])
    #expect(usage.status == 2)
  }

  func matches(_ pattern: String, in text: String) -> [String] {
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
    let range = NSRange(text.startIndex..., in: text)
    return regex.matches(in: text, range: range).compactMap { match in
      Range(match.range(at: 1), in: text).map { String(text[$0]) }
    }
  }
}
