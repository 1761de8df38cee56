import ArgumentParser
import Foundation
import OrgReadiness
import OrgReadinessPipeline

extension OrgReady {
  /// `orgready validate <pipeline>`: reads and checks every input without writing a report.
  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a pipeline's mappings and inputs and report what a run would accept, without writing anything.",
      discussion: """
        Reads every input through its mapping and applies the resolve checks, then prints each
        input's counts and the most frequent reasons for rejected and flagged records.
        Exit codes as for 'run': 0 usable, 2 unusable input or configuration, 3 over the error budget.
        """)

    @OptionGroup var target: PipelineOptions

    @Flag(help: "Print every rejected record as rejects.csv instead of the summary.")
    var rejects = false

    @Flag(help: "Print every flagged record as flags.csv instead of the summary.")
    var flags = false

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
      if rejects && flags { throw ValidationError("--rejects and --flags print different files; choose one") }
    }

    func run() throws {
      let definition = try PipelineDefinition.load(path: target.pipeline)
      for warning in definition.warnings { Diagnostics.warning(warning) }
      let options = RunOptions(
        toolVersion: OrgReady.version, progress: TerminalProgress(enabled: !logging.quiet), logger: logging.logger())
      let date = target.asOfDate ?? PipelineRunner.resolvedAsOf(definition.asOf, now: Date())
      let report = try ValidationReport.validate(definition, asOf: date, options: options)
      let paths = definition.inputs.map(\.path)
      if rejects {
        print(RejectsCSV.render(report.prepared.rejects, inputPaths: paths), terminator: "")
      } else if flags {
        print(FlagsCSV.render(report.prepared.flags, inputPaths: paths), terminator: "")
      } else {
        print(report.render(), terminator: "")
      }
      if let unusable = report.prepared.unusable {
        throw RunFailure.input(unusable)
      }
      if let breach = report.budgetBreach {
        throw RunFailure.errorBudgetExceeded(breach)
      }
    }
  }
}
