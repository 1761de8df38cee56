import Foundation
import Logging
import Mustache
import OrgReadiness
import OrgReadinessIngest

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
  /// The signal that asked the run to stop, if one has (`StopSignals.received` in `orgready run`);
  /// checked at every safe point.
  public var stopRequested: @Sendable () -> Int32?

  public init(
    asOf: CalendarDate? = nil, output: String? = nil, toolVersion: String,
    now: @escaping @Sendable () -> Date = { Date() }, progress: (any RunProgress)? = nil,
    logger: Logger = Logger(label: "orgready"), pseudonymKey: String? = nil,
    stopRequested: @escaping @Sendable () -> Int32? = { nil }
  ) {
    self.pseudonymKey = pseudonymKey
    self.asOf = asOf
    self.output = output
    self.toolVersion = toolVersion
    self.now = now
    self.progress = progress
    self.logger = logger
    self.stopRequested = stopRequested
  }
}

/// What a successful run produced.
public struct RunResult: Sendable {
  public var runID: String
  public var directory: String
  public var report: Report
  public var manifest: Manifest
  public var warnings: [Warning]
  /// The earlier run this one repeated (same inputs, as-of date and settings), if any.
  public var repeatOf: String?
  /// Run folders the retention policy removed after this run was published.
  public var removed: [String]
}

/// Runs a pipeline definition end to end: ingest → resolve → indicators → analyze → prioritize →
/// publish, with the lock, the error budget, the run history, retention and clean stops.
public enum PipelineRunner {
  public static func run(_ definition: PipelineDefinition, options: RunOptions) throws(RunFailure) -> RunResult {
    let startedAt = options.now()
    let asOf = options.asOf ?? resolvedAsOf(definition.asOf, now: startedAt)
    let publisher = ReportPublisher(directory: options.output ?? definition.output)
    let lock: RunLock
    do {
      try publisher.prepare()
      lock = try RunLock.acquire(directory: publisher.directory)
    } catch {
      // Another run holding the lock is routine (exit 4: ignore); anything else is a failure.
      options.logger.log(
        level: error.isLocked ? .info : .error, "run",
        metadata: [
          "pipeline": "\(definition.name)", "status": "\(error.isLocked ? "locked" : "failed")",
          "exit_code": .stringConvertible(Int(error.exitCode)), "message": "\(error.description)",
        ])
      throw error
    }
    defer { withExtendedLifetime(lock) {} }
    // Whatever a killed run left (a staging folder, a half-made link) is garbage now that this run
    // holds the lock.
    let leftovers = publisher.removeLeftovers()
    if !leftovers.isEmpty {
      options.logger.info("leftovers_removed", metadata: ["removed": "\(leftovers.joined(separator: ","))"])
    }
    let runID = publisher.newRunID(startedAt: startedAt) { id in
      RunHistory.knowsRun(id: id, directory: publisher.directory)
    }
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

extension RunFailure {
  var isLocked: Bool {
    if case .locked = self { return true }
    return false
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
  /// Identifies the inputs, as-of date and settings (set once the inputs are read).
  var fingerprint: String?

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
    self.clock = StageClock(progress: options.progress, logger: options.logger, runID: runID)
  }

  /// A safe point: nothing is half-written here, so a requested stop ends the run now.
  func checkpoint() throws(RunFailure) {
    guard let signal = options.stopRequested() else { return }
    let latest = publisher.latestTarget().map { "'latest' still points at \($0)" } ?? "there is no 'latest' yet"
    throw .stopped(
      signal: signal,
      "run \(runID) stopped by \(RunFailure.signalName(signal)) during \(clock.current ?? "start-up"): nothing was published and \(latest); run it again to publish"
    )
  }

  /// Runs a stage between two safe points.
  func time<T>(
    _ stage: String, records: (T) -> Int? = { _ in nil }, _ body: () throws(RunFailure) -> T
  ) throws(RunFailure) -> T {
    try checkpoint()
    let value = try clock.time(stage, records: records, body)
    try checkpoint()
    return value
  }

  var logger: Logger { options.logger }

  mutating func execute() throws(RunFailure) -> RunResult {
    logger.debug("run_started", metadata: ["run": "\(runID)", "as_of": "\(asOf)", "pipeline": "\(definition.path)"])
    let (mappings, mappingWarnings) = try time("load mappings", records: { $0.mappings.count }) {
      () throws(RunFailure) in
      try InputPreparation.loadMappings(definition)
    }
    warnings += mappingWarnings
    // Held in an optional and taken out, so the resolve stage holds the only reference to what
    // ingest read and can hand it on (and free it) without copying.
    var ingested: [InputPreparation.Ingested]? = try time(
      "ingest", records: { $0.reduce(0) { $0 + $1.recordsRead } }
    ) { () throws(RunFailure) in
      try InputPreparation.ingest(definition, mappings: mappings, asOf: asOf, progress: options.progress)
    }
    let prepared = try time("resolve", records: { $0.summaries.reduce(0) { $0 + $1.accepted } }) {
      () throws(RunFailure) in
      try InputPreparation.resolve(definition, mappings: mappings, ingested: ingested.take() ?? [], asOf: asOf)
    }
    inputSummaries = prepared.summaries
    rejects = prepared.rejects
    flags = prepared.flags
    warnings += prepared.warnings
    fingerprint = RunFingerprint.of(
      definition, asOf: asOf, inputs: inputSummaries, toolVersion: options.toolVersion)
    try checkErrorBudget()

    let clock = self.clock
    let stop = options.stopRequested
    let teamMonths = prepared.periods.count
    // The analysis's stages are safe points too: once a stop is asked for, the rest are skipped
    // and the (incomplete) outcome is thrown away at the checkpoint below. Some stages overlap
    // (decision 0083): this is called from several threads, and stages already started finish.
    let outcome = analyse(
      people: prepared.people, periods: prepared.periods, indicators: prepared.indicators, asOf: asOf,
      settings: definition.analysis, teamsOfUnknownLeaders: prepared.teamsOfUnknownLeaders, chains: prepared.chains,
      enrolments: prepared.enrolments,
      stage: { name, body in
        guard stop() == nil else { return }
        clock.time(name, records: { _ in teamMonths }, body)
      })
    try checkpoint()
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

  /// The publish stage: the earlier runs' figures from the run history, the report built once
  /// from them and the outcome, its files rendered and written atomically, the run recorded, and
  /// only then `latest` moved; then the retention policy.
  func publish(
    _ outcome: AnalysisOutcome, notes: [String], pseudonymizer: Pseudonymizer?
  ) throws(RunFailure) -> RunResult {
    let history = try RunHistory(directory: publisher.directory)
    let (report, files) = try time("publish", records: { $0.1.count }) {
      () throws(RunFailure) -> (Report, [(name: String, contents: String)]) in
      let previous = history.previousFigures(
        pipeline: definition.name, asOf: asOf, trendMonths: definition.analysis.trendMonths)
      let report = Report(
        outcome: outcome,
        run: Report.RunInfo(id: runID, asOf: asOf, pipeline: definition.name, toolVersion: options.toolVersion),
        inputs: inputSummaries, previous: previous, notes: notes)
      guard let pseudonymizer else { return (report, try render(report)) }
      // The restricted outputs depend on nothing the others make: they are made on a thread of
      // their own while the others render, and come last in the files, as before.
      let page = Result { () throws(RunFailure) in try template("analyst.html") }
      let analyst = (try? page.get()).map { page in
        let (leaders, indicators) = (outcome.priority.leaders, outcome.indicators)
        let forecasts = outcome.earlyWarning?.teams ?? []
        let templates = definition.templates
        return OneThread {
          let view = AnalystView(
            report: report, leaders: leaders, indicators: indicators, forecasts: forecasts,
            pseudonym: pseudonymizer.pseudonym)
          return Result { () throws(RunFailure) in try Self.renderAnalyst(view, page: page, templates: templates) }
        }
      }
      let rendered = Result { () throws(RunFailure) in try render(report) }
      let restricted = analyst?.result()
      var files = try rendered.get()
      _ = try page.get()
      if let restricted { files += try restricted.get() }
      return (report, files)
    }
    let repeated = history.repeatCheck(fingerprint: fingerprint, pipeline: definition.name, report: report)
    var warnings = self.warnings
    if let warning = repeated.warning { warnings.append(Warning(warning)) }
    let finishedAt = options.now()
    var manifest = makeManifest(status: "succeeded", exitCode: 0, message: "", finishedAt: finishedAt)
    manifest.outputs = files.map(\.name) + ["manifest.json"]
    manifest.repeatOf = repeated.repeatOf
    manifest.warnings = warnings.map(\.description)
    let manifestText: String
    do { manifestText = try manifest.json() } catch { throw .unexpected("cannot encode the manifest: \(error)") }
    let outputs = files + [("manifest.json", manifestText)]
    // The last safe point is just before the run folder is moved into place: after that the run
    // completes (recording it and moving `latest` take milliseconds).
    let directory = try clock.time("write", records: { _ in outputs.count }) { () throws(RunFailure) -> String in
      let directory = try publisher.publish(
        runID: runID, files: outputs, pointLatest: false, beforeMovingIntoPlace: checkpoint)
      var run = ledgerRun(
        status: "succeeded", exitCode: 0, message: "", finishedAt: finishedAt, population: report.population)
      run.repeatOf = repeated.repeatOf
      do throws(RunFailure) {
        try history.recordSuccess(run, report: report)
      } catch {
        throw .unexpected("\(error); the report is in \(directory) but 'latest' was not moved")
      }
      try publisher.pointLatest(at: runID)
      return directory
    }
    var removed: [String] = []
    if let signal = options.stopRequested() {
      logger.info(
        "retention_skipped",
        metadata: [
          "run": "\(runID)", "reason": "\(RunFailure.signalName(signal)) arrived after the report was published",
        ])
    } else if definition.retention != PipelineDefinition.Retention() {
      removed = clock.time("retention", records: { $0.count }) {
        publisher.prune(keepRuns: definition.retention.keepRuns, keepFailed: definition.retention.keepFailed)
      }
    }
    logInputsAndWarnings(warnings)
    var extra: Logger.Metadata = [
      "directory": "\(directory)", "teams": .stringConvertible(report.population.teams),
      "leaders": .stringConvertible(report.population.leaders),
      "org_units": .stringConvertible(report.population.orgUnits),
      "units_listed": .stringConvertible(report.priorities.count),
      "act_now_units": .stringConvertible(report.overview.actNowUnits),
      "linked_indicators": .stringConvertible(report.linkedIndicators.count),
    ]
    if let original = repeated.repeatOf { extra["repeat_of"] = "\(original)" }
    if definition.retention != PipelineDefinition.Retention() { extra["removed"] = .stringConvertible(removed.count) }
    logSummary(status: "succeeded", exitCode: 0, message: nil, extra: extra)
    return RunResult(
      runID: runID, directory: directory, report: report, manifest: manifest, warnings: warnings,
      repeatOf: repeated.repeatOf, removed: removed)
  }

  /// One log line per input read (its accounting), then the run's own warnings.
  func logInputsAndWarnings(_ warnings: [Warning]) {
    for input in inputSummaries {
      logger.info(
        "input",
        metadata: [
          "run": "\(runID)", "input": "\(input.name)", "records_read": .stringConvertible(input.recordsRead),
          "accepted": .stringConvertible(input.accepted), "rejected": .stringConvertible(input.rejected),
          "duplicates": .stringConvertible(input.duplicates), "future_dated": .stringConvertible(input.futureDated),
          "flagged": .stringConvertible(input.flagged),
        ])
    }
    for warning in warnings where !definition.warnings.contains(warning) {
      logger.warning("warning", metadata: ["run": "\(runID)", "message": "\(warning.description)"])
    }
  }

  /// The run's last log line, for schedulers: status, exit code, duration and counts.
  func logSummary(status: String, exitCode: Int32, message: String?, extra: Logger.Metadata = [:]) {
    var metadata: Logger.Metadata = [
      "run": "\(runID)", "pipeline": "\(definition.name)", "as_of": "\(asOf)", "status": "\(status)",
      "exit_code": .stringConvertible(Int(exitCode)),
      "seconds": .stringConvertible((options.now().timeIntervalSince(startedAt) * 1000).rounded() / 1000),
      "records_read": .stringConvertible(inputSummaries.reduce(0) { $0 + $1.recordsRead }),
      "rejected": .stringConvertible(inputSummaries.reduce(0) { $0 + $1.rejected }),
      "peak_memory_mib": .stringConvertible(StageClock.peakMemoryMiB()),
    ]
    if let message { metadata["message"] = "\(message)" }
    metadata.merge(extra) { _, new in new }
    if exitCode == 0 { logger.info("run", metadata: metadata) } else { logger.error("run", metadata: metadata) }
  }

  func checkErrorBudget() throws(RunFailure) {
    guard let breach = InputPreparation.errorBudgetBreach(inputSummaries, budget: definition.errorBudget) else {
      return
    }
    throw .errorBudgetExceeded(
      "\(breach). The last good report is unchanged; see rejects.csv under \((publisher.directory as NSString).appendingPathComponent("failed/" + runID)) for every rejected record and its reason"
    )
  }

  /// A report template from the pipeline's `templates` folder; one that folder does not have (a
  /// user's folder holds only the templates they changed, or predates a newer partial) comes from
  /// the built-in templates.
  func template(_ name: String) throws(RunFailure) -> String {
    let file = name + ".mustache"
    let path = (definition.templates as NSString).appendingPathComponent(file)
    if !FileManager.default.fileExists(atPath: path), let builtin = BuiltinFiles.templates(),
      let text = try? String(contentsOfFile: (builtin as NSString).appendingPathComponent(file), encoding: .utf8)
    {
      return text
    }
    do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw .configuration("\(path): error: cannot read the HTML template; set 'templates' in \(definition.path)")
    }
  }

  func render(_ report: Report) throws(RunFailure) -> [(name: String, contents: String)] {
    let main = try template("executive.html")
    let partials = [
      "priorityCard": try template("priorityCard"),
      "organisationCard": try template("organisationCard"),
    ]
    let organisationPage = report.organisations == nil ? "" : try template("organisation.html")
    do {
      let view = ExecutiveView(report)
      var files = try ReportJSON.renderFiles(report)
      files += [
        ("executive.html", try ExecutiveHTML.render(view, template: main, partials: partials)),
        ("executive.md", ExecutiveMarkdown.render(view)),
        ("units.csv", UnitsCSV.render(report)),
        ("rejects.csv", RejectsCSV.render(rejects, inputPaths: definition.inputs.map(\.path))),
        ("flags.csv", FlagsCSV.render(flags, inputPaths: definition.inputs.map(\.path))),
      ]
      // A page per shown organisation, down to the pipeline's hierarchy levels.
      if report.organisations != nil {
        let templates = try OrganisationHTML.Templates(page: organisationPage, partials: partials)
        let pages = OrganisationPage.pages(report, view: view)
        let html = try OrganisationHTML.render(pages, templates: templates)
        for (page, text) in zip(pages, html) { files.append((OrganisationPage.path(page.key), text)) }
      }
      return files
    } catch {
      throw .unexpected("cannot render the report: \(error)")
    }
  }

  /// The restricted outputs, with leaders under keyed pseudonyms only, from the analyst page's
  /// template (`page`, read from the folder `templates`).
  static func renderAnalyst(
    _ view: AnalystView, page: String, templates: String
  ) throws(RunFailure) -> [(name: String, contents: String)] {
    let html: String
    do {
      html = try MustacheTemplate(string: page).render(AnalystOutputs.htmlContext(view))
    } catch {
      throw .configuration(
        "\(templates)/analyst.html.mustache: error: the template does not parse: \(error)")
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
      teams: population?.teams ?? 0, orgUnits: population?.orgUnits ?? 0, fingerprint: fingerprint)
  }

  /// After a failure or a stop: keep the diagnostics under `failed/` and note the run in the run
  /// history, without touching the last good report. Best effort: the original failure is what
  /// the caller reports, but a failure that cannot be recorded is said so in the log.
  func recordFailure(_ failure: RunFailure) {
    if case .locked = failure { return }
    let finishedAt = options.now()
    let summary: String
    var status = "failed"
    switch failure {
    case .errorBudgetExceeded: summary = "error budget exceeded"
    case .configuration: summary = "unusable configuration"
    case .input: summary = "unusable input"
    case .locked: summary = "locked"
    case .unexpected: summary = "unexpected failure"
    case .stopped(let signal, _):
      summary = "stopped by \(RunFailure.signalName(signal)) during \(clock.current ?? "start-up")"
      status = "stopped"
    }
    var manifest = makeManifest(
      status: status, exitCode: Int(failure.exitCode), message: failure.description, finishedAt: finishedAt)
    var files: [(name: String, contents: String)] = []
    if case .errorBudgetExceeded = failure {
      files.append(("rejects.csv", RejectsCSV.render(rejects, inputPaths: definition.inputs.map(\.path))))
      files.append(("flags.csv", FlagsCSV.render(flags, inputPaths: definition.inputs.map(\.path))))
    }
    manifest.outputs = files.map(\.name) + ["manifest.json"]
    var unrecorded: [String] = []
    do {
      let text = try manifest.json()
      _ = try publisher.publishFailed(runID: runID, files: files + [("manifest.json", text)])
    } catch {
      unrecorded.append("the failed run's manifest could not be kept: \(error)")
    }
    do throws(RunFailure) {
      let history = try RunHistory(directory: publisher.directory)
      if let problem = history.recordFailure(
        ledgerRun(
          status: status, exitCode: Int(failure.exitCode), message: summary, finishedAt: finishedAt, population: nil))
      {
        unrecorded.append(problem)
      }
    } catch {
      unrecorded.append(error.description)
    }
    for problem in unrecorded {
      logger.warning("not_recorded", metadata: ["run": "\(runID)", "problem": "\(problem)"])
    }
    logInputsAndWarnings(warnings)
    logSummary(status: status, exitCode: failure.exitCode, message: failure.description)
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }
}
