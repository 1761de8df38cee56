import ArgumentParser
import Foundation
import OrgReadiness
import OrgReadinessPipeline

/// Where a pipeline's runs and ledger are: its output folder, or the one given.
struct LedgerLocation: ParsableArguments {
  @Argument(help: "The pipeline definition, e.g. Pipelines/nightly.yml.")
  var pipeline: String

  @Option(help: "The output folder the runs were written to (default: the pipeline's, or ORGREADY_OUTPUT).")
  var output: String?

  /// The pipeline's name and its run history.
  func open() throws(RunFailure) -> (name: String, history: RunHistory) {
    let definition = try PipelineDefinition.load(path: pipeline)
    let environment = ProcessInfo.processInfo.environment["ORGREADY_OUTPUT"].flatMap { $0.isEmpty ? nil : $0 }
    return (definition.name, try RunHistory.open(directory: output ?? environment ?? definition.output))
  }
}

extension OrgReady {
  /// `orgready history <pipeline>`: the recent runs from the ledger.
  struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List a pipeline's recent runs from the run ledger.",
      discussion: """
        One line per run, newest first: run id, as-of date, status, exit code, duration in seconds, \
        records read and rejected over all inputs, indicators linked to time in role, act-now \
        units, and a note (the run it repeats, or why it failed). '–': not recorded (runs recorded \
        before the ledger kept it, and failed runs).
        """)

    @OptionGroup var location: LedgerLocation

    @Option(help: "Show at most this many runs.")
    var limit = 20

    @Flag(help: "Print the runs as JSON.")
    var json = false

    func validate() throws {
      guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
      let (name, history) = try location.open()
      let entries = try history.entries(pipeline: name, limit: limit)
      if entries.isEmpty, case let others = history.pipelines(), !others.isEmpty {
        Diagnostics.note("the ledger has runs of: \(others.joined(separator: ", "))")
      }
      print(json ? try HistoryText.json(entries) : HistoryText.table(entries, pipeline: name), terminator: "")
    }
  }

  /// `orgready diff <pipeline> <run-a> <run-b>`: what changed between two runs.
  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Compare two runs of a pipeline from the run ledger.",
      discussion: """
        Shows the org units that entered or left each tier, rank and score changes, indicators \
        that became or stopped being linked to time in role, and input counts that moved by more \
        than 10%. Give two run ids (older first), or --previous to compare the latest successful \
        run (or the one given) with the successful run before it.
        """)

    @OptionGroup var location: LedgerLocation

    @Argument(help: "Two run ids: the earlier run, then the later one (one, or none, with --previous).")
    var runs: [String] = []

    @Flag(help: "Compare with the previous successful run.")
    var previous = false

    @Flag(help: "Print the comparison as JSON.")
    var json = false

    func validate() throws {
      if previous {
        guard runs.count <= 1 else { throw ValidationError("with --previous, give at most one run id") }
      } else {
        guard runs.count == 2 else {
          throw ValidationError("give two run ids (see 'orgready history'), or --previous")
        }
      }
    }

    func run() throws {
      let (name, history) = try location.open()
      let (a, b) =
        previous
        ? try history.previousPair(pipeline: name, runID: runs.first)
        : (try history.pastRun(id: runs[0]), try history.pastRun(id: runs[1]))
      let comparison = RunComparison(from: a, to: b)
      print(json ? try HistoryText.json(comparison) : HistoryText.comparison(comparison), terminator: "")
    }
  }
}
