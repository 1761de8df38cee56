import Foundation
import Testing

@testable import OrgReadinessPipeline

#if canImport(Glibc)
  import Glibc
#endif

/// A nightly run can die at any moment (the machine reboots, the OOM killer, `kill -9`). A real
/// child `orgready run` is killed with SIGKILL during ingest, during the analysis and while it
/// publishes; each time `latest`, the previous run's files and the ledger must be as they were,
/// and the next run must succeed (and clear what the killed one left).
///
/// Timing does not rest on sleeps: the child logs each stage's start (`--verbose --log-format
/// json`) and the test kills it on reading that line. The killed runs read a sample big enough that
/// the stage lasts far longer than that reaction, and the test checks afterwards that the stage
/// had not finished. To kill it while it publishes, the test holds a read transaction on the
/// ledger: the child then writes its run folder, moves it into place and waits to record the run,
/// which is the moment it is killed (folder in place, ledger and `latest` not yet updated).
@Suite(.serialized) struct KillTests {
  static let asOf = "2026-11-20"

  @Test func aRunKilledDuringIngestAnalysisOrPublishLeavesLatestThePreviousRunAndTheLedgerIntact() throws {
    let f = try OpsFixture()
    defer { f.remove() }
    try f.sample("small", leaders: 40, asOf: Self.asOf)
    try f.sample("big", leaders: 150, asOf: Self.asOf)
    let small = try f.pipeline("small.yml", samples: "small")
    let big = try f.pipeline("big.yml", samples: "big")
    var good = [try f.run(small, asOf: Self.asOf)]

    /// `latest`, the previous run's files and the ledger are as they were before the kill.
    func expectIntact(_ before: [String: Data], moment: String) throws {
      let previous = try #require(good.last)
      #expect(f.latest == previous, "after a kill \(moment), 'latest' moved")
      #expect(try f.snapshot(previous) == before, "after a kill \(moment), the previous run's files changed")
      let ledger = try f.ledger()
      #expect(try ledger.integrityCheck() == "ok")
      let runs = try ledger.runs(pipeline: "ops", limit: nil)
      #expect(runs.map(\.id).sorted() == good.sorted(), "after a kill \(moment) the ledger holds \(runs.map(\.id))")
      #expect(runs.allSatisfy { $0.status == "succeeded" })
    }

    /// The next run succeeds, takes `latest` and removes the killed run's leftovers.
    func nextRunSucceeds(moment: String) throws {
      let next = try f.run(small, asOf: Self.asOf)
      #expect(f.latest == next)
      #expect(f.leftovers().isEmpty, "leftovers after the run that followed a kill \(moment): \(f.leftovers())")
      good.append(next)
    }

    for (stage, moment) in [("ingest", "during ingest"), ("analyze: correlations", "during the analysis")] {
      let before = try f.snapshot(try #require(good.last))
      let child = try ChildRun(["run", big, "--as-of", Self.asOf, "--verbose", "--log-format", "json"])
      let started = child.waitForLine { isEvent($0, "stage_started", stage: stage) }
      child.send(SIGKILL)
      let end = child.finish()
      #expect(started != nil, "the run never started \(stage): \(end.stderr.suffix(3))")
      #expect(end.killedBy == SIGKILL, "the run was not killed \(moment) (status \(end.status))")
      #expect(
        !end.stderr.contains { isEvent($0, "stage", stage: stage) },
        "\(stage) had finished before the kill landed: the kill was not \(moment)")
      try expectIntact(before, moment: moment)
      try nextRunSucceeds(moment: moment)
    }

    // While it publishes: the run folder is in place, the ledger and `latest` not yet updated.
    let before = try f.snapshot(try #require(good.last))
    let reader = try f.ledger()
    let holding = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let readerDone = DispatchSemaphore(value: 0)
    Thread {
      _ = try? reader.whileReading {
        holding.signal()
        release.wait()
      }
      readerDone.signal()
    }.start()
    holding.wait()
    let known = Set(f.runFolders())
    let child = try ChildRun(["run", small, "--as-of", Self.asOf, "--verbose", "--log-format", "json"])
    let rendered = child.waitForLine { isEvent($0, "stage", stage: "publish") }
    var placed: String?
    let deadline = Date().addingTimeInterval(60)
    while placed == nil && Date() < deadline && child.process.isRunning {
      placed = f.runFolders().first { !known.contains($0) }
      if placed == nil { usleep(2_000) }
    }
    child.send(SIGKILL)
    let end = child.finish()
    release.signal()
    readerDone.wait()
    #expect(rendered != nil && placed != nil, "the run did not reach the point of recording: \(end.stderr.suffix(3))")
    #expect(end.killedBy == SIGKILL, "the run was not killed while publishing (status \(end.status))")
    #expect(!end.stderr.contains { isEvent($0, "stage", stage: "write") || isEvent($0, "run") })
    try expectIntact(before, moment: "while publishing")
    try nextRunSucceeds(moment: "while publishing")
    // The killed run's folder is complete but unrecorded; it never became `latest`.
    if let placed { #expect(try f.ledger().run(id: placed) == nil) }
  }
}
