import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessPipeline

/// A ledger written by the previous schema (`Tests/Fixtures/ledger/v1.sqlite`, made by the code
/// before schema v2) must open, migrate and keep serving: its runs stay, the next run compares with
/// its last successful run, and `history` and `diff` read it.
@Suite(.serialized) struct LedgerMigrationTests {
  /// An output folder holding a copy of the v1 ledger, and a pipeline of the same name.
  func fixture() throws -> (OpsFixture, pipeline: String) {
    let f = try OpsFixture()
    try FileManager.default.createDirectory(at: f.output, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: TestPaths.fixture("ledger/v1.sqlite"), toPath: f.output.appendingPathComponent("ledger.sqlite").path)
    try f.sample("s", leaders: 40, asOf: "2026-11-20")
    return (f, try f.pipeline("p.yml", name: "e2e", samples: "s"))
  }

  static let v1Runs = ["20261202T064633Z", "20261202T064635Z", "20261202T064637Z", "20261202T064641Z"]

  @Test func aVersionOneLedgerIsMigratedAndKeepsEveryRun() throws {
    let (f, _) = try fixture()
    defer { f.remove() }
    let ledger = try f.ledger()
    #expect(try ledger.appliedMigrations() == ["v1", "v2"])
    #expect(RunLedger.knownMigrations == ["v1", "v2"])
    let runs = try ledger.runs(pipeline: "e2e", limit: nil)
    #expect(runs.map(\.id) == Self.v1Runs.reversed())
    #expect(runs.map(\.status) == ["failed", "succeeded", "succeeded", "succeeded"])
    #expect(runs.allSatisfy { $0.fingerprint == nil && $0.repeatOf == nil })
    #expect(try ledger.figures(runID: Self.v1Runs[1]).count > 10)
    #expect(try ledger.integrityCheck() == "ok")
  }

  @Test func aRunOnAVersionOneLedgerComparesWithItsLastRunAndHistoryAndDiffReadIt() throws {
    let (f, pipeline) = try fixture()
    defer { f.remove() }
    let run = try f.run(pipeline, asOf: "2026-11-20")
    let report = try f.report(run)
    #expect(report.previousRun?.id == Self.v1Runs[2])
    #expect(report.priorities.contains { $0.previousRank != nil }, "no unit was compared with the v1 run")
    // v1 runs recorded no organisation-wide figures: the trends start with this run.
    #expect(report.trends?.points.map(\.run) == [run])

    let history = try CommandRunner.orgready(["history", pipeline])
    #expect(history.status == 0, "\(history.stderr)")
    let lines = history.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 6)
    #expect(lines[1].hasPrefix(run) && !lines[1].contains("–"))
    #expect(lines[2].hasPrefix(Self.v1Runs[3]) && lines[2].contains("failed") && lines[2].hasSuffix("unusable input"))
    #expect(lines[3].hasPrefix(Self.v1Runs[2]) && lines[3].contains("–"))

    let diff = try CommandRunner.orgready(["diff", pipeline, "--previous"])
    #expect(diff.status == 0, "\(diff.stderr)")
    #expect(diff.stdout.hasPrefix("diff \(Self.v1Runs[2]) (as of 2026-10-20) → \(run)"))
    #expect(diff.stdout.contains("not recorded: a run was recorded before the ledger kept tiers"))
    #expect(diff.stdout.contains("ranks and scores:\n"))
    let failed = try CommandRunner.orgready(["diff", pipeline, Self.v1Runs[3], run])
    #expect(failed.status == 2 && failed.stderr.contains("run \(Self.v1Runs[3]) failed (exit 2)"))
  }
}
