import Dispatch
import Foundation
import Logging
import Mustache
import OrgReadiness
import OrgReadinessIngest
import Yams

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
  public var warnings: [String]
}

/// Runs a pipeline definition end to end: ingest → resolve → indicators → analyze → prioritize →
/// publish, with the lock, the error budget and the run ledger.
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
  var warnings: [String] = []
  let clock: StageClock
  var inputSummaries: [Report.InputSummary] = []
  var rejects: [RejectedRecord] = []
  var flags: [FlaggedRecord] = []
  var failedRunRecorded = false

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
  var ledgerPath: String { (publisher.directory as NSString).appendingPathComponent("ledger.sqlite") }

  mutating func execute() throws(RunFailure) -> RunResult {
    logger.info("run started", metadata: ["run": "\(runID)", "as_of": "\(asOf)", "pipeline": "\(definition.path)"])
    let mappings = try time("load mappings") { () throws(RunFailure) in
      try InputPreparation.loadMappings(definition, logger: logger)
    }
    let playbook = try loadPlaybook()
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

    let indicators = prepared.indicators
    let settings = AnalysisSettings(
      bootstrapSeed: definition.bootstrapSeed, bootstrapResamples: definition.bootstrapResamples,
      minGroupSize: definition.minGroupSize, survival: definition.survival)
    let clock = self.clock
    let outcome = analyse(
      people: prepared.people, periods: prepared.periods, indicators: indicators, asOf: asOf,
      windowLength: definition.windowPeriods, settings: settings, priority: definition.priority,
      playbook: playbook, stage: { name, body in clock.time(name, body) })
    var notes: [String] = []
    var pseudonymizer: Pseudonymizer?
    if definition.analystOutputs {
      pseudonymizer = Pseudonymizer(key: options.pseudonymKey)
      if pseudonymizer == nil {
        let message =
          "analyst outputs (analyst.html, leaders.csv) were not written: set \(definition.pseudonymKeyEnvironment) to a secret of at least \(Pseudonymizer.minimumKeyLength) characters; OrgReadiness never falls back to raw ids"
        warnings.append("warning: " + message)
        notes.append(message)
      }
    }

    var report = Report(
      run: Report.RunInfo(id: runID, asOf: asOf, pipeline: definition.name, toolVersion: options.toolVersion),
      inputs: inputSummaries, outcome: outcome, settings: settings, notes: notes)
    let ledger = try openLedger()
    if let previous = try? ledger.previousSuccessfulRun(pipeline: definition.name),
      let figures = try? ledger.figures(runID: previous.id)
    {
      var ranks: [String: Int] = [:]
      var scores: [String: Double] = [:]
      for f in figures where f.scope == "unit.rank" { ranks[f.key] = Int(f.value) }
      for f in figures where f.scope == "unit.score" { scores[f.key] = f.value }
      report.compare(with: Report.PreviousRun(id: previous.id, asOf: previous.asOf), ranks: ranks, scores: scores)
    }

    let files = try time("publish") { () throws(RunFailure) -> [(name: String, contents: String)] in
      var files = try render(report)
      if let pseudonymizer {
        files += try renderAnalyst(report, outcome: outcome, playbook: playbook, pseudonymizer: pseudonymizer)
      }
      return files
    }
    let finishedAt = options.now()
    var manifest = makeManifest(status: "succeeded", exitCode: 0, message: "", finishedAt: finishedAt)
    manifest.outputs = files.map(\.name) + ["manifest.json"]
    let manifestText: String
    do { manifestText = try manifest.json() } catch { throw .unexpected("cannot encode the manifest: \(error)") }
    let directory = try publisher.publish(
      runID: runID, files: files + [("manifest.json", manifestText)], pointLatest: false)
    do {
      try ledger.record(
        ledgerRun(status: "succeeded", exitCode: 0, message: "", finishedAt: finishedAt, population: report.population),
        figures: figures(of: report))
    } catch {
      throw .unexpected(
        "\(ledgerPath): cannot record the run in the ledger: \(error); the report is in \(directory) but 'latest' was not moved"
      )
    }
    try publisher.pointLatest(at: runID)
    logger.info("run finished", metadata: ["run": "\(runID)", "directory": "\(directory)"])
    return RunResult(runID: runID, directory: directory, report: report, manifest: manifest, warnings: warnings)
  }

  func loadPlaybook() throws(RunFailure) -> SupportPlaybook {
    guard let path = definition.playbook else { return .standard }
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw .configuration("\(path): error: cannot read the support playbook; set 'playbook' in \(definition.path)")
    }
    do {
      let playbook = try YAMLDecoder().decode(SupportPlaybook.self, from: text)
      guard playbook.version == 1 else {
        throw RunFailure.configuration(
          "\(path): error: version: playbook version \(playbook.version) is not supported; this tool reads version 1")
      }
      return playbook
    } catch let failure as RunFailure {
      throw failure
    } catch let error as DecodingError {
      throw .configuration("\(path): error: \(describeDecodingError(error))")
    } catch {
      throw .configuration("\(path): error: not valid YAML: \(error)")
    }
  }

  func checkErrorBudget() throws(RunFailure) {
    guard let breach = InputPreparation.errorBudgetBreach(inputSummaries, budget: definition.errorBudget) else {
      return
    }
    throw .errorBudgetExceeded(
      "\(breach). The last good report is unchanged; see rejects.csv under \((publisher.directory as NSString).appendingPathComponent("failed/" + runID)) for every rejected record and its reason"
    )
  }

  func openLedger() throws(RunFailure) -> RunLedger {
    do { return try RunLedger(path: ledgerPath) } catch {
      throw .unexpected("\(ledgerPath): cannot open the run ledger: \(error)")
    }
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
        ("executive.html", try ExecutiveHTML.render(view, report: report, template: main, partials: partials)),
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
  func renderAnalyst(
    _ report: Report, outcome: AnalysisOutcome, playbook: SupportPlaybook, pseudonymizer: Pseudonymizer
  ) throws(RunFailure) -> [(name: String, contents: String)] {
    let rows = leaderPriorities(
      outcome.priority, indicators: outcome.indicators, values: outcome.shrinkage.values, playbook: playbook)
    let page = try template("analyst.html")
    let html: String
    do {
      html = try MustacheTemplate(string: page).render(
        AnalystOutputs.htmlContext(
          rows, report: report, indicators: outcome.indicators, pseudonym: pseudonymizer.pseudonym))
    } catch {
      throw .configuration(
        "\(definition.templates)/analyst.html.mustache: error: the template does not parse: \(error)")
    }
    return [
      (
        "leaders.csv",
        AnalystOutputs.leadersCSV(rows, indicators: outcome.indicators, pseudonym: pseudonymizer.pseudonym)
      ),
      ("analyst.html", html),
    ]
  }

  func makeManifest(status: String, exitCode: Int, message: String, finishedAt: Date) -> Manifest {
    Manifest(
      runID: runID, status: status, exitCode: exitCode, message: message, asOf: asOf, pipeline: definition.path,
      toolVersion: options.toolVersion, startedAt: Self.timestamp(startedAt), finishedAt: Self.timestamp(finishedAt),
      inputs: inputSummaries, stages: clock.stages, outputs: [], warnings: warnings)
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

  /// Figures about indicators and org units only (never individuals).
  func figures(of report: Report) -> [LedgerFigure] {
    var out: [LedgerFigure] = []
    for c in report.correlations {
      if let rho = c.rho {
        out.append(LedgerFigure(runID: runID, scope: "correlation.rho", key: c.indicator, value: rho))
      }
      if let q = c.q { out.append(LedgerFigure(runID: runID, scope: "correlation.q", key: c.indicator, value: q)) }
    }
    for p in report.priorities {
      out.append(LedgerFigure(runID: runID, scope: "unit.rank", key: p.orgUnit, value: Double(p.rank)))
      out.append(LedgerFigure(runID: runID, scope: "unit.score", key: p.orgUnit, value: p.score))
    }
    return out
  }

  /// After a failure: keep the diagnostics under `failed/` and note the run in the ledger, without
  /// touching the last good report. Best effort: the original failure is what the caller reports.
  mutating func recordFailure(_ failure: RunFailure) {
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
    if let ledger = try? RunLedger(path: ledgerPath) {
      try? ledger.record(
        ledgerRun(
          status: "failed", exitCode: Int(failure.exitCode), message: summary, finishedAt: finishedAt, population: nil),
        figures: [])
    }
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }
}
