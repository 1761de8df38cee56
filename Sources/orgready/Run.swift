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
      discussion: """
        Writes Reports/<run-id>/ and moves Reports/latest to it when the run succeeds. Logs one \
        line per stage on standard error (stage, seconds, records, peak memory) and a summary line \
        (--log-format json: the same as JSON lines).

        SIGTERM or SIGINT stops the run at its next safe point (the end of the current stage, or \
        just before the report is moved into place): nothing is published, 'latest' is untouched, \
        and the run exits 143 (SIGTERM) or 130 (SIGINT). A second signal stops it at once.

        Environment: ORGREADY_OUTPUT (the output folder, when --output is not given), and the \
        pseudonym key's variable the pipeline names (default ORGREADY_PSEUDONYM_KEY).

        Exit codes: 0 success, 1 unexpected failure (e.g. the disk is full), 2 unusable input or \
        configuration, 3 error budget exceeded, 4 another run holds the lock, 130 stopped by \
        SIGINT, 143 stopped by SIGTERM.
        """)

    @OptionGroup var target: PipelineOptions

    @Option(
      help:
        "Write runs, the ledger and 'latest' here instead of the pipeline's output folder (default: ORGREADY_OUTPUT).")
    var output: String?

    @OptionGroup var logging: LoggingOptions

    func run() throws {
      let logger = logging.logger()
      StopSignals.install { signal in
        logger.warning(
          "stop_requested",
          metadata: [
            "signal": "\(RunFailure.signalName(signal))",
            "action": "stopping at the next safe point; send it again to stop at once",
          ])
      }
      let environment = ProcessInfo.processInfo.environment
      let definition = try PipelineDefinition.load(path: target.pipeline)
      for warning in definition.warnings { Diagnostics.warning(warning) }
      let options = RunOptions(
        asOf: target.asOfDate, output: output ?? environment["ORGREADY_OUTPUT"].flatMap { $0.isEmpty ? nil : $0 },
        toolVersion: OrgReady.version,
        progress: TerminalProgress(enabled: !logging.quiet && logging.logFormat == .text), logger: logger,
        pseudonymKey: environment[definition.pseudonymKeyEnvironment], stopRequested: { StopSignals.received })
      // The runner logs each stage, each input's counts, the run's warnings and a summary line.
      let result = try PipelineRunner.run(definition, options: options)
      // stdout: where the report is, for scripts.
      print((result.directory as NSString).appendingPathComponent("executive.html"))
    }
  }
}

/// Verbosity and log format shared by the subcommands.
struct LoggingOptions: ParsableArguments {
  @Flag(name: .shortAndLong, help: "Only errors.")
  var quiet = false

  @Flag(name: .shortAndLong, help: "Log each stage's start too.")
  var verbose = false

  @Option(name: .customLong("log-format"), help: "Log lines as 'text' (key=value) or 'json' (one object a line).")
  var logFormat = LogFormat.text

  /// The logger for a command; diagnostics follow its format from here on.
  func logger() -> Logger {
    Diagnostics.format = logFormat
    let format = logFormat
    var logger = Logger(label: "orgready") { _ in SchedulerLogHandler(format: format) }
    logger.logLevel = quiet ? .error : (verbose ? .debug : .info)
    return logger
  }
}
