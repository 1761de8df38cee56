import Foundation
import Testing

@testable import OrgReadinessPipeline

#if canImport(Glibc)
  import Glibc
#endif

/// `retention: { keep_runs, keep_failed }`: after a successful publish the oldest run folders go,
/// never the one `latest` points at, never anything not named like a run, never while another run
/// holds the lock; the ledger keeps every run.
@Suite(.serialized) struct RetentionTests {
  static let asOf = "2026-11-20"

  @Test func olderRunFoldersAreRemovedAfterAPublishAndTheLedgerKeepsEveryRun() throws {
    let f = try OpsFixture()
    defer { f.remove() }
    try f.sample("small", leaders: 30, asOf: Self.asOf)
    let keep = ["retention: { keep_runs: 2, keep_failed: 1 }"]
    let good = try f.pipeline("good.yml", samples: "small", extra: keep)
    let broken = try f.pipeline("broken.yml", samples: "nowhere", extra: keep)
    var runs: [String] = []
    var failed = 0
    for step in ["run", "fail", "run", "fail", "run", "run"] {
      if step == "run" {
        runs.append(try f.run(good, asOf: Self.asOf))
      } else {
        #expect(try CommandRunner.orgready(["run", broken, "--as-of", Self.asOf, "--quiet"]).status == 2)
        failed += 1
      }
    }
    #expect(f.runFolders() == Array(runs.suffix(2)))
    #expect(f.latest == runs.last)
    let failedFolders = f.runFolders(f.output.appendingPathComponent("failed"))
    #expect(failedFolders.count == 1)
    let ledger = try f.ledger().runs(pipeline: "ops", limit: nil)
    #expect(ledger.count == runs.count + failed)
    #expect(failedFolders.first == ledger.first { $0.status == "failed" }?.id)
  }

  @Test func theRunLatestPointsAtAndFoldersNotNamedLikeARunAreKept() throws {
    let f = try OpsFixture()
    defer { f.remove() }
    try f.sample("small", leaders: 30, asOf: Self.asOf)
    let pipeline = try f.pipeline("p.yml", samples: "small", extra: ["retention:", "  keep_runs: 1"])
    let first = try f.run(pipeline, asOf: Self.asOf)
    // A folder named like a newer run (say, copied in by hand) sorts first; and things that are
    // not runs at all.
    let fm = FileManager.default
    for name in ["20991231T235959Z", "templates", "\(first).bak"] {
      try fm.createDirectory(at: f.output.appendingPathComponent(name), withIntermediateDirectories: true)
    }
    _ = fm.createFile(atPath: f.output.appendingPathComponent("notes.txt").path, contents: Data("keep".utf8))
    let second = try f.run(pipeline, asOf: Self.asOf)
    #expect(f.latest == second)
    #expect(f.runFolders() == [second, "20991231T235959Z"].sorted())
    for name in ["templates", "\(first).bak", "notes.txt"] {
      #expect(f.entries().contains(name), "\(name) was removed")
    }
  }

  @Test func nothingIsRemovedWhileAnotherRunHoldsTheLock() throws {
    let f = try OpsFixture()
    defer { f.remove() }
    try f.sample("small", leaders: 30, asOf: Self.asOf)
    let pipeline = try f.pipeline("p.yml", samples: "small", extra: ["retention: { keep_runs: 1 }"])
    let first = try f.run(pipeline, asOf: Self.asOf)
    let staging = f.output.appendingPathComponent(".incoming-20261125T000000Z")
    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    let fd = open(f.output.appendingPathComponent(".orgready.lock").path, O_RDWR | O_CREAT, 0o644)
    defer { close(fd) }
    #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
    let before = f.entries()
    let result = try CommandRunner.orgready(["run", pipeline, "--as-of", Self.asOf])
    #expect(result.status == 4 && result.stderr.contains("another OrgReadiness run holds the lock"))
    #expect(f.entries() == before && f.latest == first)
    flock(fd, LOCK_UN)
    // Once the lock is free, the next run clears the other run's leftovers.
    _ = try f.run(pipeline, asOf: Self.asOf)
    #expect(f.leftovers().isEmpty && f.runFolders().count == 1)
  }

  /// Trap: two runs in one second after retention removed the first one's folder. The id must not
  /// come back (the ledger still holds it), or recording the second run fails on a unique key.
  @Test func aRunIdWhoseFolderRetentionRemovedIsNotReused() throws {
    let f = try OpsFixture()
    defer { f.remove() }
    try f.sample("small", leaders: 30, asOf: Self.asOf)
    let pipeline = try f.pipeline("p.yml", samples: "small", extra: ["retention: { keep_runs: 1 }"])
    let first = try f.run(pipeline, asOf: Self.asOf)
    _ = try f.run(pipeline, asOf: Self.asOf)
    #expect(!f.runFolders().contains(first))
    let publisher = ReportPublisher(directory: f.output.path)
    let start = try #require(Self.startTime(of: first))
    let again = publisher.newRunID(startedAt: start) { RunHistory.knowsRun(id: $0, directory: f.output.path) }
    #expect(again != first && again.hasPrefix(first + "-"), "\(again)")
    #expect(try f.ledger().run(id: again) == nil)
  }

  static func startTime(of runID: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    return formatter.date(from: String(runID.prefix(16)))
  }

  @Test func retentionSettingsAreChecked() throws {
    func parse(_ lines: [String]) throws(RunFailure) -> PipelineDefinition {
      try PipelineDefinition.parse(
        yaml: (["version: 1", "inputs:", "  - { name: a, path: a.xml, mapping: m.yml }"] + lines).joined(
          separator: "\n"),
        path: "/tmp/p.yml")
    }
    #expect(try parse([]).retention == PipelineDefinition.Retention())
    let both = try parse(["retention: { keep_runs: 30, keep_failed: 10 }", "trend_months: 6"])
    #expect(both.retention == PipelineDefinition.Retention(keepRuns: 30, keepFailed: 10))
    #expect(both.analysis.trendMonths == 6)
    #expect(
      try parse(["retention: { keep_run: 3 }"]).warnings.contains { $0.description.contains("retention.keep_run") })
    for (line, key) in [
      ("retention: { keep_runs: 0 }", "retention.keep_runs"),
      ("retention: { keep_failed: -1 }", "retention.keep_failed"),
      ("trend_months: 1", "trend_months"),
    ] {
      #expect(throws: RunFailure.self) { try parse([line]) }
      do {
        _ = try parse([line])
      } catch {
        #expect(error.exitCode == 2 && error.description.contains("/tmp/p.yml: error: \(key):"), "\(error)")
      }
    }
  }
}
