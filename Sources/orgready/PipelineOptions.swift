import ArgumentParser
import OrgReadiness

/// The pipeline a command works on, and the date it describes (shared by `run` and `validate`).
struct PipelineOptions: ParsableArguments {
  @Argument(help: "The pipeline definition, e.g. Pipelines/nightly.yml.")
  var pipeline: String

  @Option(
    name: .customLong("as-of"),
    help: "The date to describe (YYYY-MM-DD); default: the pipeline's as_of, else today (UTC).")
  var asOf: String?

  var asOfDate: CalendarDate? { asOf.flatMap(CalendarDate.init(iso:)) }

  func validate() throws {
    if let asOf, CalendarDate(iso: asOf) == nil {
      throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD")
    }
  }
}
