import Foundation
import OrgReadiness

/// The history of a pipeline's runs: the one component that reads and writes the run ledger
/// (`ledger.sqlite` in the output folder). The publish stage asks it for the earlier runs' figures
/// before the report is built, and records the run once the report is in place; a failed or
/// stopped run is recorded on the way out. `orgready history` and `orgready diff` read it here too.
public struct RunHistory: Sendable {
  let ledger: RunLedger

  static func path(directory: String) -> String {
    (directory as NSString).appendingPathComponent("ledger.sqlite")
  }

  /// Opens (and creates, or migrates) the ledger of an output folder, for a run.
  init(directory: String) throws(RunFailure) {
    let path = Self.path(directory: directory)
    do { ledger = try RunLedger(path: path) } catch {
      throw .unexpected("\(path): cannot open the run ledger: \(error)")
    }
  }

  /// Opens the existing ledger of an output folder, for reading; an older schema is migrated.
  public static func open(directory: String) throws(RunFailure) -> RunHistory {
    let path = Self.path(directory: directory)
    guard FileManager.default.fileExists(atPath: path) else {
      throw .configuration(
        "\(path): error: there is no run ledger here: no run has been recorded in \(directory); run the pipeline first, or give the folder it writes to with --output"
      )
    }
    return try RunHistory(directory: directory)
  }

  /// The previous successful run of `pipeline` (for the "since the previous run" comparison) and
  /// the runs of the earlier as-of months (for the trends; at most `trendMonths - 1`, the latest
  /// run of each month); nil when there is no previous run (or the ledger cannot be read, which
  /// only costs the comparison).
  func previousFigures(pipeline: String, asOf: CalendarDate, trendMonths: Int) -> PreviousFigures? {
    guard let run = try? ledger.previousSuccessfulRun(pipeline: pipeline),
      let stored = try? ledger.figures(runID: run.id)
    else { return nil }
    // The month's first day: runs of earlier months only (this run is its own month's point).
    let monthStart = String(asOf.description.prefix(7)) + "-01"
    var months: [PastRun] = []
    var seen = Set<String>()
    for candidate in (try? ledger.runsWithOrganisationFigures(pipeline: pipeline, asOfBefore: monthStart)) ?? [] {
      guard months.count < trendMonths - 1, seen.insert(String(candidate.asOf.prefix(7))).inserted,
        let figures = try? ledger.figures(runID: candidate.id)
      else { continue }
      months.append(
        PastRun(run: Report.PreviousRun(id: candidate.id, asOf: candidate.asOf), figures: Self.figures(figures)))
    }
    return PreviousFigures(
      run: Report.PreviousRun(id: run.id, asOf: run.asOf), figures: Self.figures(stored), months: months.reversed())
  }

  static func figures(_ stored: [LedgerFigure]) -> [RunFigure] {
    stored.compactMap { f in
      FigureScope(rawValue: f.scope).map { RunFigure(scope: $0, key: f.key, value: f.value, label: f.label) }
    }
  }

  /// Whether a run repeats an earlier one: the first successful run of the pipeline with the same
  /// fingerprint (inputs, as-of date, settings, version), when its figures are the same as this
  /// report's; a warning when the figures differ (the analysis would not be reproducible).
  struct RepeatCheck {
    var repeatOf: String?
    var warning: String?
  }

  func repeatCheck(fingerprint: String?, pipeline: String, report: Report) -> RepeatCheck {
    guard let fingerprint, let original = try? ledger.originalRun(fingerprint: fingerprint, pipeline: pipeline),
      let before = try? ledger.figures(runID: original.id)
    else { return RepeatCheck() }
    let earlier = Set(before.map { "\($0.scope)\t\($0.key)\t\($0.value.bitPattern)" })
    let now = Set(report.figures.map { "\($0.scope.rawValue)\t\($0.key)\t\($0.value.bitPattern)" })
    guard earlier == now else {
      return RepeatCheck(
        warning:
          "run \(original.id) had the same inputs, as-of date and settings, but its figures differ from this run's: the analysis did not reproduce; both runs are kept"
      )
    }
    return RepeatCheck(repeatOf: original.id)
  }

  /// Records a successful run and its report's figures in one transaction.
  func recordSuccess(_ run: LedgerRun, report: Report) throws(RunFailure) {
    let figures = report.figures.map {
      LedgerFigure(runID: run.id, scope: $0.scope.rawValue, key: $0.key, value: $0.value, label: $0.label)
    }
    do { try ledger.record(run, figures: figures) } catch {
      throw .unexpected("\(ledger.path): cannot record the run in the ledger: \(error)")
    }
  }

  /// Notes a failed or stopped run. Returns why it could not be recorded, if it could not (the
  /// failure itself is what the caller reports).
  func recordFailure(_ run: LedgerRun) -> String? {
    do {
      try ledger.record(run, figures: [])
      return nil
    } catch {
      return "\(ledger.path): the failed run could not be recorded in the ledger: \(error)"
    }
  }

  // MARK: Reading (orgready history, orgready diff)

  /// The most recent runs of `pipeline`, newest first, with the figures `history` shows.
  public func entries(pipeline: String, limit: Int?) throws(RunFailure) -> [HistoryEntry] {
    do {
      let runs = try ledger.runs(pipeline: pipeline, limit: limit)
      let organisation = try ledger.figures(runIDs: runs.map(\.id), scope: FigureScope.organisation.rawValue)
      var figures: [String: [String: Double]] = [:]
      for f in organisation { figures[f.runID, default: [:]][f.key] = f.value }
      return runs.map { run in
        let own = figures[run.id] ?? [:]
        return HistoryEntry(
          run: run, linkedIndicators: own[OrganisationFigure.linkedIndicators.rawValue].map { Int($0) },
          actNowUnits: own[OrganisationFigure.actNowUnits.rawValue].map { Int($0) })
      }
    } catch {
      throw .unexpected("\(ledger.path): cannot read the run ledger: \(error)")
    }
  }

  /// True when the ledger of `directory` already holds a run with this id (false when there is no
  /// ledger yet; one that cannot be read fails later, where the run is recorded).
  static func knowsRun(id: String, directory: String) -> Bool {
    let path = Self.path(directory: directory)
    guard FileManager.default.fileExists(atPath: path), let history = try? RunHistory(directory: directory) else {
      return false
    }
    return (try? history.ledger.run(id: id)) != nil
  }

  /// Pipelines with runs in this ledger (to name them when a pipeline has none).
  public func pipelines() -> [String] { (try? ledger.pipelines()) ?? [] }

  /// A successful run's figures, by run id.
  public func pastRun(id: String) throws(RunFailure) -> PastRun {
    let run: LedgerRun?
    let stored: [LedgerFigure]
    do {
      run = try ledger.run(id: id)
      stored = try ledger.figures(runID: id)
    } catch {
      throw .unexpected("\(ledger.path): cannot read the run ledger: \(error)")
    }
    guard let run else {
      throw .configuration("\(ledger.path): error: no run '\(id)' in the ledger; 'orgready history' lists the runs")
    }
    guard run.status == "succeeded" else {
      throw .configuration(
        "\(ledger.path): error: run \(id) \(run.status) (exit \(run.exitCode)), so it has no figures to compare; choose a successful run"
      )
    }
    return PastRun(run: Report.PreviousRun(id: run.id, asOf: run.asOf), figures: Self.figures(stored))
  }

  /// The two latest successful runs of `pipeline` (older first), or the one before `runID` and
  /// `runID` itself.
  public func previousPair(pipeline: String, runID: String?) throws(RunFailure) -> (PastRun, PastRun) {
    let succeeded: [LedgerRun]
    do {
      succeeded = try ledger.runs(pipeline: pipeline, limit: nil).filter { $0.status == "succeeded" }
    } catch {
      throw .unexpected("\(ledger.path): cannot read the run ledger: \(error)")
    }
    let index = runID.map { id in succeeded.firstIndex { $0.id == id } } ?? (succeeded.isEmpty ? nil : 0)
    guard let index else {
      throw .configuration(
        "\(ledger.path): error: no successful run\(runID.map { " '\($0)'" } ?? "") of pipeline '\(pipeline)' in the ledger; 'orgready history' lists the runs"
      )
    }
    guard index + 1 < succeeded.count else {
      throw .configuration(
        "\(ledger.path): error: run \(succeeded[index].id) is the first successful run of pipeline '\(pipeline)': there is no previous run to compare with"
      )
    }
    return (try pastRun(id: succeeded[index + 1].id), try pastRun(id: succeeded[index].id))
  }
}

/// One run as `orgready history` lists it.
public struct HistoryEntry: Codable, Hashable, Sendable {
  public var run: String
  public var asOf: String
  public var status: String
  public var exitCode: Int
  public var message: String
  public var startedAt: String
  public var durationSeconds: Double?
  public var recordsRead: Int
  public var rejected: Int
  /// Nil for runs recorded before the ledger kept it (schema v1) and for failed runs.
  public var linkedIndicators: Int?
  public var actNowUnits: Int?
  public var repeatOf: String?
  public var toolVersion: String

  init(run: LedgerRun, linkedIndicators: Int?, actNowUnits: Int?) {
    self.run = run.id
    asOf = run.asOf
    status = run.status
    exitCode = run.exitCode
    message = run.message
    startedAt = run.startedAt
    let formatter = ISO8601DateFormatter()
    if let start = formatter.date(from: run.startedAt), let end = formatter.date(from: run.finishedAt) {
      durationSeconds = end.timeIntervalSince(start)
    }
    recordsRead = run.recordsRead
    rejected = run.rejected
    self.linkedIndicators = linkedIndicators
    self.actNowUnits = actNowUnits
    repeatOf = run.repeatOf
    toolVersion = run.toolVersion
  }

  enum CodingKeys: String, CodingKey {
    case run
    case asOf = "as_of"
    case status
    case exitCode = "exit_code"
    case message
    case startedAt = "started_at"
    case durationSeconds = "duration_seconds"
    case recordsRead = "records_read"
    case rejected
    case linkedIndicators = "linked_indicators"
    case actNowUnits = "act_now_units"
    case repeatOf = "repeat_of"
    case toolVersion = "tool_version"
  }
}
