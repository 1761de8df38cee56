import Foundation
import Testing

@testable import OrgReadinessPipeline

/// What a scheduler reads on standard error: one line per stage (stage, seconds, records, peak
/// memory), one per input, then a summary line; with `--log-format json` the same as JSON lines.
@Suite(.serialized) struct SchedulerLogTests {
  static let asOf = "2026-11-20"
  static let stages = [
    "load mappings", "ingest", "resolve", "indicators", "analyze: correlations", "analyze: cohorts",
    "analyze: leader changes and survival", "analyze: shrinkage", "prioritize", "analyze: early warning", "hierarchy",
    "publish", "write",
  ]

  @Test func jsonLinesCarryEveryStageThenTheSummaryAndMatchTheManifest() throws {
    let f = try OpsFixture()
    defer { f.remove() }
    try f.sample("small", leaders: 30, asOf: Self.asOf)
    let pipeline = try f.pipeline("p.yml", samples: "small")
    let result = try CommandRunner.orgready(["run", pipeline, "--as-of", Self.asOf, "--log-format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    let events = lines.compactMap(logEvent)
    #expect(events.count == lines.count, "not every line is JSON: \(lines.filter { logEvent($0) == nil })")
    #expect(events.allSatisfy { $0["time"] is String && $0["level"] is String && $0["event"] is String })
    let stages = events.filter { $0["event"] as? String == "stage" }
    #expect(stages.compactMap { $0["stage"] as? String } == Self.stages)
    for stage in stages {
      #expect(stage["seconds"] is Double || stage["seconds"] is Int, "\(stage)")
      #expect(stage["records"] is Int && stage["peak_memory_mib"] is Int, "\(stage)")
    }
    let records = Dictionary(uniqueKeysWithValues: stages.map { ($0["stage"] as? String ?? "", $0["records"] as? Int) })
    let run = URL(fileURLWithPath: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
      .deletingLastPathComponent()
    let report = try f.report(run.lastPathComponent)
    #expect(records["ingest"] == report.inputs.reduce(0) { $0 + $1.recordsRead })
    #expect(records["resolve"] == report.inputs.reduce(0) { $0 + $1.accepted })
    let manifest = try JSONDecoder().decode(
      Manifest.self, from: Data(contentsOf: run.appendingPathComponent("manifest.json")))
    // The manifest is written during the write stage, so it lists the stages before it.
    #expect(manifest.stages.map(\.stage) == Self.stages.dropLast())
    #expect(manifest.stages.map(\.records) == stages.dropLast().map { $0["records"] as? Int })
    let inputs = events.filter { $0["event"] as? String == "input" }
    #expect(inputs.compactMap { $0["input"] as? String } == ["job_history", "team_metrics"])
    // The summary comes after every stage and input line, with the run's outcome.
    let summary = try #require(events.last { $0["event"] as? String == "run" })
    #expect(
      events.lastIndex { $0["event"] as? String == "run" } ?? 0 > events.lastIndex { $0["event"] as? String == "input" }
        ?? 0)
    #expect(summary["status"] as? String == "succeeded" && summary["exit_code"] as? Int == 0)
    #expect(summary["run"] as? String == run.lastPathComponent)
    #expect(summary["records_read"] as? Int == records["ingest"] ?? -1)
    #expect(summary["act_now_units"] as? Int == report.overview.actNowUnits)
  }

  @Test func textLinesAreKeyValuePairsAndAFailureEndsWithTheSummaryAndOneErrorLine() throws {
    let f = try OpsFixture()
    defer { f.remove() }
    try f.sample("small", leaders: 30, asOf: Self.asOf)
    let good = try CommandRunner.orgready(["run", try f.pipeline("p.yml", samples: "small"), "--as-of", Self.asOf])
    let lines = good.stderr.split(separator: "\n").map(String.init)
    let stageLines = lines.filter { $0.contains(" event=stage ") }
    #expect(stageLines.count == Self.stages.count)
    for (line, stage) in zip(stageLines, Self.stages) {
      let quoted = stage.contains(" ") ? "\"\(stage)\"" : stage
      #expect(line.hasPrefix("time=") && line.contains("stage=\(quoted)") && line.contains(" seconds="), "\(line)")
      #expect(line.contains(" records=") && line.contains(" peak_memory_mib="), "\(line)")
    }
    #expect(lines.last?.contains(" event=run ") == true && lines.last?.contains("status=succeeded") == true)

    for format in ["text", "json"] {
      let broken = try f.pipeline("broken.yml", samples: "nowhere")
      let failed = try CommandRunner.orgready(["run", broken, "--as-of", Self.asOf, "--log-format", format])
      #expect(failed.status == 2)
      let tail = failed.stderr.split(separator: "\n").map(String.init).suffix(2)
      if format == "json" {
        let events = tail.compactMap(logEvent)
        #expect(events.map { $0["event"] as? String } == ["run", "error"])
        #expect(events.first?["exit_code"] as? Int == 2 && events.first?["status"] as? String == "failed")
        #expect((events.last?["message"] as? String)?.contains("does not exist") == true)
      } else {
        #expect(tail.first?.contains("event=run") == true && tail.first?.contains("exit_code=2") == true)
        #expect(tail.last?.contains(": error: input 'job_history' does not exist") == true, "\(tail)")
      }
    }
  }

  /// `make nightly` runs the pipeline it is given, with the log format and output from the
  /// environment (checked with `make -n`, which prints the command without building or running).
  @Test func makeNightlyRunsThePipelineItIsGiven() throws {
    let make = try CommandRunner.run(
      "/usr/bin/env",
      [
        "make", "-n", "-C", TestPaths.root.path, "nightly", "PIPELINE=Pipelines/acme.yml",
        "ORGREADY_OUTPUT=/srv/reports",
        "LOG_FORMAT=json",
      ])
    #expect(make.status == 0, "\(make.stderr)")
    let command = make.stdout.split(separator: "\n").map(String.init).last { $0.contains(" run ") } ?? ""
    #expect(command.contains(".build/release/orgready run Pipelines/acme.yml"), "\(make.stdout)")
    #expect(command.contains("--log-format json"), "\(command)")
  }
}
