import ArgumentParser
import Foundation
import Logging
import OrgReadiness
import OrgReadinessPipeline

extension OrgReady {
  /// `orgready run <pipeline>`: the nightly pipeline.
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run a pipeline definition and publish the reports.",
      discussion: "Writes Reports/<run-id>/ and moves Reports/latest to it when the run succeeds.")

    @OptionGroup var target: PipelineOptions

    @Option(help: "Write runs, the ledger and 'latest' here instead of the pipeline's output folder.")
    var output: String?

    @OptionGroup var logging: LoggingOptions

    func run() throws {
      let definition = try PipelineDefinition.load(path: target.pipeline)
      for warning in definition.warnings { Diagnostics.warning(warning) }
      let options = RunOptions(
        asOf: target.asOfDate, output: output, toolVersion: OrgReady.version,
        progress: TerminalProgress(enabled: !logging.quiet), logger: logging.logger(),
        pseudonymKey: ProcessInfo.processInfo.environment[definition.pseudonymKeyEnvironment])
      let result = try PipelineRunner.run(definition, options: options)
      for warning in result.warnings where !definition.warnings.contains(warning) && !logging.quiet {
        Diagnostics.warning(warning)
      }
      let report = result.report
      if !logging.quiet {
        let counts = report.inputs.map {
          "\($0.name): \($0.recordsRead) read, \($0.accepted) accepted, \($0.rejected) rejected, \($0.duplicates) duplicates, \($0.futureDated) future-dated"
        }
        for line in counts { Diagnostics.note(line) }
        Diagnostics.note(
          "\(report.population.teams) teams, \(report.population.leaders) leaders, \(report.population.orgUnits) org units; \(report.priorities.count) units on the priority list"
        )
      }
      // stdout: where the report is, for scripts.
      print((result.directory as NSString).appendingPathComponent("executive.html"))
    }
  }
}

/// Verbosity shared by the subcommands.
struct LoggingOptions: ParsableArguments {
  @Flag(name: .shortAndLong, help: "Only errors.")
  var quiet = false

  @Flag(name: .shortAndLong, help: "Log each stage.")
  var verbose = false

  func logger() -> Logger {
    var logger = Logger(label: "orgready") { label in
      var handler = StreamLogHandler.standardError(label: label)
      handler.logLevel = .info
      return handler
    }
    logger.logLevel = quiet ? .error : (verbose ? .debug : .warning)
    return logger
  }
}
