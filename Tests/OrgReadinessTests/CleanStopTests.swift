import Foundation
import Logging
import Testing

@testable import OrgReadiness
@testable import OrgReadinessPipeline

#if canImport(Glibc)
  import Glibc
#endif

/// SIGTERM and SIGINT (what cron, systemd, Airflow and Kubernetes send) stop a run at its next safe
/// point: exit 143 or 130 with one line naming the stage, nothing published, no staging folder,
/// `latest` untouched, and the stop recorded. The signals go to a real child `orgready run`.
@Suite(.serialized) struct CleanStopTests {
  static let asOf = "2026-11-20"

  /// A fixture with one good run, and a bigger sample whose stages last long enough to be
  /// interrupted.
  func fixture() throws -> (OpsFixture, small: String, big: String, good: String) {
    let f = try OpsFixture()
    try f.sample("small", leaders: 40, asOf: Self.asOf)
    try f.sample("big", leaders: 150, asOf: Self.asOf)
    let small = try f.pipeline("small.yml", samples: "small")
    let big = try f.pipeline("big.yml", samples: "big")
    return (f, small, big, try f.run(small, asOf: Self.asOf))
  }

  func expectStopped(
    _ f: OpsFixture, signal: Int32, stage: String, good: String,
    end: (status: Int32, killedBy: Int32?, stdout: String, stderr: [String])
  ) throws {
    let name = signal == SIGTERM ? "SIGTERM" : "SIGINT"
    #expect(
      end.killedBy == nil && end.status == 128 + signal,
      "exit \(end.status), killed by \(String(describing: end.killedBy))")
    let errors = end.stderr.filter { $0.hasPrefix("error:") }
    #expect(errors.count == 1, "\(end.stderr.suffix(4))")
    let message = try #require(errors.first)
    #expect(message.contains("stopped by \(name) during \(stage)"), "\(message)")
    #expect(message.contains("'latest' still points at \(good)"), "\(message)")
    #expect(end.stdout.isEmpty)
    #expect(f.latest == good)
    #expect(f.leftovers().isEmpty, "\(f.leftovers())")
    #expect(f.runFolders() == [good])
    let stopped = try #require(try f.ledger().runs(pipeline: "ops", limit: 1).first)
    #expect(stopped.status == "stopped" && stopped.exitCode == Int(128 + signal))
    #expect(stopped.message == "stopped by \(name) during \(stage)")
    let manifest = f.output.appendingPathComponent("failed/\(stopped.id)/manifest.json")
    #expect(try String(contentsOf: manifest, encoding: .utf8).contains("\"status\" : \"stopped\""))
  }

  @Test func sigtermDuringIngestStopsAtTheEndOfTheStageWithExit143() throws {
    let (f, small, big, good) = try fixture()
    defer { f.remove() }
    let child = try ChildRun(["run", big, "--as-of", Self.asOf, "--verbose"])
    let started = child.waitForLine { $0.contains("event=stage_started") && $0.contains("stage=ingest") }
    child.send(SIGTERM)
    let end = child.finish()
    #expect(started != nil)
    // The stop is announced at once, before the stage ends.
    let notice = end.stderr.firstIndex { $0.contains("event=stop_requested") && $0.contains("signal=SIGTERM") }
    let ingestEnd = end.stderr.firstIndex { $0.contains("event=stage ") && $0.contains("stage=ingest") }
    #expect(notice != nil && (ingestEnd == nil || notice! < ingestEnd!), "\(end.stderr)")
    // Nothing after the stage ran.
    #expect(!end.stderr.contains { $0.contains("stage=resolve") })
    try expectStopped(f, signal: SIGTERM, stage: "ingest", good: good, end: end)
    // The next run is unaffected.
    #expect(try f.run(small, asOf: Self.asOf) == f.latest)
  }

  @Test func sigintDuringTheAnalysisSkipsTheRestAndExits130() throws {
    let (f, _, big, good) = try fixture()
    defer { f.remove() }
    let child = try ChildRun(["run", big, "--as-of", Self.asOf, "--verbose", "--log-format", "json"])
    let started = child.waitForLine { isEvent($0, "stage_started", stage: "analyze: correlations") }
    child.send(SIGINT)
    let end = child.finish()
    #expect(started != nil)
    #expect(
      !end.stderr.contains { isEvent($0, "stage", stage: "analyze: cohorts") || isEvent($0, "stage", stage: "publish") }
    )
    // In JSON the error is a JSON line too.
    let error = try #require(end.stderr.compactMap(logEvent).last { $0["event"] as? String == "error" })
    let message = try #require(error["message"] as? String)
    #expect(message.contains("stopped by SIGINT during analyze: correlations"), "\(message)")
    let summary = try #require(end.stderr.compactMap(logEvent).last { $0["event"] as? String == "run" })
    #expect(summary["status"] as? String == "stopped" && summary["exit_code"] as? Int == 130)
    #expect(end.status == 130 && f.latest == good && f.leftovers().isEmpty)
    #expect(try f.ledger().runs(pipeline: "ops", limit: 1).first?.status == "stopped")
  }

  @Test func aSecondSignalStopsAtOnce() throws {
    let (f, _, big, good) = try fixture()
    defer { f.remove() }
    let child = try ChildRun(["run", big, "--as-of", Self.asOf, "--verbose", "--log-format", "json"])
    _ = child.waitForLine { isEvent($0, "stage_started", stage: "ingest") }
    child.send(SIGTERM)
    _ = child.waitForLine { isEvent($0, "stop_requested") }
    child.send(SIGTERM)
    let end = child.finish()
    #expect(end.status == 143 && end.killedBy == nil)
    #expect(!end.stderr.contains { isEvent($0, "stage", stage: "ingest") }, "the run went on to the end of ingest")
    #expect(f.latest == good && f.runFolders() == [good])
  }

  /// The last safe point is just before the run folder moves into place: a stop there removes the
  /// complete staging folder. The stop is asked for at exactly that moment (when the staging
  /// folder holds every file), in process.
  @Test func aStopJustBeforeTheMoveIntoPlaceRemovesTheStagingFolder() throws {
    let (f, small, _, good) = try fixture()
    defer { f.remove() }
    let definition = try PipelineDefinition.load(path: small)
    let output = f.output.path
    let options = RunOptions(
      asOf: CalendarDate.literal(Self.asOf), toolVersion: "test",
      logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
      stopRequested: {
        let staging = ((try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []).first {
          $0.hasPrefix(".incoming-")
        }
        let files = staging.flatMap { try? FileManager.default.contentsOfDirectory(atPath: output + "/" + $0) } ?? []
        return files.contains("manifest.json") ? SIGTERM : nil
      })
    var failure: RunFailure?
    do { _ = try PipelineRunner.run(definition, options: options) } catch { failure = error }
    let stopped = try #require(failure)
    #expect(stopped.exitCode == 143)
    #expect(stopped.description.contains("stopped by SIGTERM during write"), "\(stopped)")
    #expect(f.leftovers().isEmpty && f.runFolders() == [good] && f.latest == good)
    #expect(try f.ledger().runs(pipeline: "ops", limit: 1).first?.status == "stopped")
  }
}
