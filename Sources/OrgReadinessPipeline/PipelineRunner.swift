import Foundation
import Logging
import Mustache
import OrgReadiness

/// Per-run choices that come from the command line rather than the pipeline definition.
public struct RunOptions: Sendable {
  public var asOf: CalendarDate?
  public var output: String?
  public var toolVersion: String
  public var now: @Sendable () -> Date
  public var progress: (any RunProgress)?
  public var logger: Logger
  /// The key for leader pseudonyms in the restricted analyst outputs (from the environment
  /// variable the pipeline names); without it those outputs are not written.
  public var pseudonymKey: String?

  public init(
    asOf: CalendarDate? = nil, output: String? = nil, toolVersion: String,
    now: @escaping @Sendable () -> Date = { Date() }, progress: (any RunProgress)? = nil,
    logger: Logger = Logger(label: "orgready"), pseudonymKey: String? = nil
  ) {
    self.pseudonymKey = pseudonymKey
    self.asOf = asOf
    self.output = output
    self.toolVersion = toolVersion
    self.now = now
    self.progress = progress
    self.logger = logger
  }
}

/// What a successful run produced.
public struct RunResult: Sendable {
  public var runID: String
  public var directory: String
  public var report: Report
  public var manifest: Manifest
  public var warnings: [Warning]
}

/// Runs a pipeline definition end to end: ingest → resolve → indicators → analyze → prioritize →
/// publish, with the lock, the error budget and the run history.
public enum PipelineRunner {
  public static func run(_ definition: PipelineDefinition, options: RunOptions) throws(RunFailure) -> RunResult {
    let startedAt = options.now()
    let asOf = options.asOf ?? resolvedAsOf(definition.asOf, now: startedAt)
    let publisher = ReportPublisher(directory: options.output ?? definition.output)
    try publisher.prepare()
    let lock = try RunLock.acquire(directory: publisher.directory)
    defer { withExtendedLifetime(lock) {} }
    let runID = publisher.newRunID(startedAt: startedAt)
    var run = RunContext(
      definition: definition, options: options, asOf: asOf, runID: runID, startedAt: startedAt,
      publisher: publisher)
    do {
      return try run.execute()
    } catch {
      run.recordFailure(error)
      throw error
    }
  }

  /// The as-of date a definition asks for, with `today` taken in UTC at `now`.
  public static func resolvedAsOf(_ asOf: PipelineDefinition.AsOf, now: Date) -> CalendarDate {
    switch asOf {
    case .date(let date): return date
    case .today:
      return CalendarDate(utcDayOf: now.timeIntervalSince1970)
    }
  }
}

/// One run's working state.
struct RunContext {
  let definition: PipelineDefinition
  let options: RunOptions
  let asOf: CalendarDate
  let runID: String
  let startedAt: Date
  let publisher: ReportPublisher
  var warnings: [Warning] = []
  let clock: StageClock
  var inputSummaries: [Report.InputSummary] = []
  var rejects: [RejectedRecord] = []
  var flags: [FlaggedRecord] = []

  init(
    definition: PipelineDefinition, options: RunOptions, asOf: CalendarDate, runID: String, startedAt: Date,
    publisher: ReportPublisher
  ) {
    self.definition = definition
    self.options = options
    self.asOf = asOf
    self.runID = runID
    self.startedAt = startedAt
    self.publisher = publisher
    self.warnings = definition.warnings
    self.clock = StageClock(progress: options.progress)
  }

  func time<T, E: Error>(_ stage: String, _ body: () throws(E) -> T) throws(E) -> T {
    try clock.time(stage, body)
  }

  var logger: Logger { options.logger }

  mutating func execute() throws(RunFailure) -> RunResult {
    logger.info("run started", metadata: ["run": "\(runID)", "as_of": "\(asOf)", "pipeline": "\(definition.path)"])
    let (mappings, mappingWarnings) = try time("load mappings") { () throws(RunFailure) in
      try InputPreparation.loadMappings(definition)
    }
    warnings += mappingWarnings
    // Held in an optional and taken out, so the resolve stage holds the only reference to what
    // ingest read and can hand it on (and free it) without copying.
    var ingested: [InputPreparation.Ingested]? = try time("ingest") { () throws(RunFailure) in
      try InputPreparation.ingest(definition, mappings: mappings, asOf: asOf, progress: options.progress)
    }
    let prepared = try time("resolve") { () throws(RunFailure) in
      try InputPreparation.resolve(definition, mappings: mappings, ingested: ingested.take() ?? [], asOf: asOf)
    }
    inputSummaries = prepared.summaries
    rejects = prepared.rejects
    flags = prepared.flags
    warnings += prepared.warnings
    try checkErrorBudget()

    let clock = self.clock
    let outcome = analyse(
      people: prepared.people, periods: prepared.periods, indicators: prepared.indicators, asOf: asOf,
      settings: definition.analysis, teamsOfUnknownLeaders: prepared.teamsOfUnknownLeaders,
      stage: { name, body in clock.time(name, body) })
    var notes: [String] = []
    var pseudonymizer: Pseudonymizer?
    if definition.analystOutputs {
      pseudonymizer = Pseudonymizer(key: options.pseudonymKey)
      if pseudonymizer == nil {
        let message =
          "analyst outputs (analyst.html, leaders.csv) were not written: set \(definition.pseudonymKeyEnvironment) to a secret of at least \(Pseudonymizer.minimumKeyLength) characters; OrgReadiness never falls back to raw ids"
        warnings.append(Warning(message))
        notes.append(message)
      }
    }
    return try publish(outcome, notes: notes, pseudonymizer: pseudonymizer)
  }

  /// The publish stage: the previous run's figures from the run history, the report built once from
  /// them and the outcome, its files rendered and written atomically, the run recorded, and only
  /// then `latest` moved.
  func publish(
    _ outcome: AnalysisOutcome, notes: [String], pseudonymizer: Pseudonymizer?
  ) throws(RunFailure) -> RunResult {
    let history = try RunHistory(directory: publisher.directory)
    let (report, files) = try time("publish") { () throws(RunFailure) -> (Report, [(name: String, contents: String)]) in
      let report = Report(
        outcome: outcome,
        run: Report.RunInfo(id: runID, asOf: asOf, pipeline: definition.name, toolVersion: options.toolVersion),
        inputs: inputSummaries, previous: history.previousFigures(pipeline: definition.name), notes: notes)
      var files = try render(report)
      if let pseudonymizer {
        files += try renderAnalyst(
          AnalystView(
            report: report, leaders: outcome.priority.leaders, indicators: outcome.indicators,
            pseudonym: pseudonymizer.pseudonym))
      }
      return (report, files)
    }
    let finishedAt = options.now()
    var manifest = makeManifest(status: "succeeded", exitCode: 0, message: "", finishedAt: finishedAt)
    manifest.outputs = files.map(\.name) + ["manifest.json"]
    let manifestText: String
    do { manifestText = try manifest.json() } catch { throw .unexpected("cannot encode the manifest: \(error)") }
    let directory = try publisher.publish(
      runID: runID, files: files + [("manifest.json", manifestText)], pointLatest: false)
    do throws(RunFailure) {
      try history.recordSuccess(
        ledgerRun(status: "succeeded", exitCode: 0, message: "", finishedAt: finishedAt, population: report.population),
        report: report)
    } catch {
      throw .unexpected("\(error); the report is in \(directory) but 'latest' was not moved")
    }
    try publisher.pointLatest(at: runID)
    logger.info("run finished", metadata: ["run": "\(runID)", "directory": "\(directory)"])
    return RunResult(runID: runID, directory: directory, report: report, manifest: manifest, warnings: warnings)
  }

  func checkErrorBudget() throws(RunFailure) {
    guard let breach = InputPreparation.errorBudgetBreach(inputSummaries, budget: definition.errorBudget) else {
      return
    }
    throw .errorBudgetExceeded(
      "\(breach). The last good report is unchanged; see rejects.csv under \((publisher.directory as NSString).appendingPathComponent("failed/" + runID)) for every rejected record and its reason"
    )
  }

  func template(_ name: String) throws(RunFailure) -> String {
    let path = (definition.templates as NSString).appendingPathComponent(name + ".mustache")
    do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw .configuration("\(path): error: cannot read the HTML template; set 'templates' in \(definition.path)")
    }
  }

  func render(_ report: Report) throws(RunFailure) -> [(name: String, contents: String)] {
    let main = try template("executive.html")
    let partials = ["priorityCard": try template("priorityCard")]
    do {
      let view = ExecutiveView(report)
      return [
        ("report.json", try ReportJSON.render(report)),
        ("executive.html", try ExecutiveHTML.render(view, template: main, partials: partials)),
        ("executive.md", ExecutiveMarkdown.render(view)),
        ("units.csv", UnitsCSV.render(report)),
        ("rejects.csv", RejectsCSV.render(rejects, inputPaths: definition.inputs.map(\.path))),
        ("flags.csv", FlagsCSV.render(flags, inputPaths: definition.inputs.map(\.path))),
      ]
    } catch {
      throw .unexpected("cannot render the report: \(error)")
    }
  }

  /// The restricted outputs, with leaders under keyed pseudonyms only.
  func renderAnalyst(_ view: AnalystView) throws(RunFailure) -> [(name: String, contents: String)] {
    let page = try template("analyst.html")
    let html: String
    do {
      html = try MustacheTemplate(string: page).render(AnalystOutputs.htmlContext(view))
    } catch {
      throw .configuration(
        "\(definition.templates)/analyst.html.mustache: error: the template does not parse: \(error)")
    }
    return [("leaders.csv", AnalystOutputs.leadersCSV(view)), ("analyst.html", html)]
  }

  func makeManifest(status: String, exitCode: Int, message: String, finishedAt: Date) -> Manifest {
    Manifest(
      runID: runID, status: status, exitCode: exitCode, message: message, asOf: asOf, pipeline: definition.path,
      toolVersion: options.toolVersion, startedAt: Self.timestamp(startedAt), finishedAt: Self.timestamp(finishedAt),
      inputs: inputSummaries, stages: clock.stages, outputs: [], warnings: warnings.map(\.description))
  }

  func ledgerRun(
    status: String, exitCode: Int, message: String, finishedAt: Date, population: Report.PopulationSummary?
  ) -> LedgerRun {
    LedgerRun(
      id: runID, startedAt: Self.timestamp(startedAt), finishedAt: Self.timestamp(finishedAt), asOf: asOf.description,
      pipeline: definition.name, toolVersion: options.toolVersion, status: status, exitCode: exitCode, message: message,
      recordsRead: inputSummaries.reduce(0) { $0 + $1.recordsRead },
      accepted: inputSummaries.reduce(0) { $0 + $1.accepted },
      rejected: inputSummaries.reduce(0) { $0 + $1.rejected },
      duplicates: inputSummaries.reduce(0) { $0 + $1.duplicates },
      futureDated: inputSummaries.reduce(0) { $0 + $1.futureDated }, leaders: population?.leaders ?? 0,
      teams: population?.teams ?? 0, orgUnits: population?.orgUnits ?? 0)
  }

  /// After a failure: keep the diagnostics under `failed/` and note the run in the run history,
  /// without touching the last good report. Best effort: the original failure is what the caller
  /// reports.
  func recordFailure(_ failure: RunFailure) {
    if case .locked = failure { return }
    let finishedAt = options.now()
    let summary: String
    switch failure {
    case .errorBudgetExceeded: summary = "error budget exceeded"
    case .configuration: summary = "unusable configuration"
    case .input: summary = "unusable input"
    case .locked: summary = "locked"
    case .unexpected: summary = "unexpected failure"
    }
    var manifest = makeManifest(
      status: "failed", exitCode: Int(failure.exitCode), message: failure.description, finishedAt: finishedAt)
    var files: [(name: String, contents: String)] = []
    if case .errorBudgetExceeded = failure {
      files.append(("rejects.csv", RejectsCSV.render(rejects, inputPaths: definition.inputs.map(\.path))))
      files.append(("flags.csv", FlagsCSV.render(flags, inputPaths: definition.inputs.map(\.path))))
    }
    manifest.outputs = files.map(\.name) + ["manifest.json"]
    if let text = try? manifest.json() {
      _ = try? publisher.publishFailed(runID: runID, files: files + [("manifest.json", text)])
    }
    (try? RunHistory(directory: publisher.directory))?.recordFailure(
      ledgerRun(
        status: "failed", exitCode: Int(failure.exitCode), message: summary, finishedAt: finishedAt, population: nil))
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }
}
