import Foundation
import GRDB

/// One run as the ledger keeps it: counts and figures about teams and org units only, never an
/// individual's id, name or value.
public struct LedgerRun: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "runs"

  public var id: String
  public var startedAt: String
  public var finishedAt: String
  public var asOf: String
  public var pipeline: String
  public var toolVersion: String
  /// `succeeded`, `failed` or `stopped` (by SIGTERM or SIGINT).
  public var status: String
  public var exitCode: Int
  public var message: String
  public var recordsRead: Int
  public var accepted: Int
  public var rejected: Int
  public var duplicates: Int
  public var futureDated: Int
  public var leaders: Int
  public var teams: Int
  public var orgUnits: Int
  /// SHA-256 over the inputs' digests, the as-of date, the pipeline definition, its playbook and
  /// mappings and the tool version: runs with one fingerprint must give the same statistics
  /// (schema v2; nil for runs recorded before it, and for runs that failed before their inputs
  /// were read).
  public var fingerprint: String?
  /// The first successful run with the same fingerprint, when this run repeated it (schema v2).
  public var repeatOf: String?

  enum CodingKeys: String, CodingKey {
    case id
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case asOf = "as_of"
    case pipeline
    case toolVersion = "tool_version"
    case status
    case exitCode = "exit_code"
    case message
    case recordsRead = "records_read"
    case accepted, rejected, duplicates
    case futureDated = "future_dated"
    case leaders, teams
    case orgUnits = "org_units"
    case fingerprint
    case repeatOf = "repeat_of"
  }
}

/// A figure of a run as stored (`scope` is a `FigureScope` raw value).
public struct LedgerFigure: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "run_figures"

  public var runID: String
  public var scope: String
  public var key: String
  public var value: Double
  /// What the key names, for output (an org unit's name); schema v2, nil before it.
  public var label: String?

  public init(runID: String, scope: String, key: String, value: Double, label: String? = nil) {
    self.runID = runID
    self.scope = scope
    self.key = key
    self.value = value
    self.label = label
  }

  enum CodingKeys: String, CodingKey {
    case runID = "run_id"
    case scope, key, value, label
  }
}

/// The run ledger: a SQLite database beside the reports that keeps every run's figures, so each
/// report can show the change since the previous run and its trends, and `orgready history` and
/// `diff` can list and compare runs. Only `RunHistory` uses it.
///
/// The schema changes only by migrations added after the last one (docs/decisions/0052): `v1` is
/// the schema of the first release and is never edited, so a ledger written by any earlier version
/// opens and is brought up to date in one transaction.
public struct RunLedger: Sendable {
  let queue: DatabaseQueue
  public let path: String

  /// The migrations, in order. Never edit or reorder one that has shipped; add a new one.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.create(table: "runs") { t in
        t.primaryKey("id", .text)
        t.column("started_at", .text).notNull()
        t.column("finished_at", .text).notNull()
        t.column("as_of", .text).notNull()
        t.column("pipeline", .text).notNull()
        t.column("tool_version", .text).notNull()
        t.column("status", .text).notNull()
        t.column("exit_code", .integer).notNull()
        t.column("message", .text).notNull()
        t.column("records_read", .integer).notNull()
        t.column("accepted", .integer).notNull()
        t.column("rejected", .integer).notNull()
        t.column("duplicates", .integer).notNull()
        t.column("future_dated", .integer).notNull()
        t.column("leaders", .integer).notNull()
        t.column("teams", .integer).notNull()
        t.column("org_units", .integer).notNull()
      }
      try db.create(table: "run_figures") { t in
        t.column("run_id", .text).notNull().references("runs", onDelete: .cascade)
        t.column("scope", .text).notNull()
        t.column("key", .text).notNull()
        t.column("value", .double).notNull()
        t.primaryKey(["run_id", "scope", "key"])
      }
    }
    // v2: repeats (a run's fingerprint and the run it repeated), labels for figures (org unit
    // names, for history and diff), and an index for the per-pipeline queries.
    migrator.registerMigration("v2") { db in
      try db.alter(table: "runs") { t in
        t.add(column: "fingerprint", .text)
        t.add(column: "repeat_of", .text)
      }
      try db.alter(table: "run_figures") { t in
        t.add(column: "label", .text)
      }
      try db.create(index: "runs_by_pipeline", on: "runs", columns: ["pipeline", "status", "as_of"])
      try db.create(index: "runs_by_fingerprint", on: "runs", columns: ["fingerprint"])
    }
    return migrator
  }

  /// The identifiers of every migration this version knows, oldest first.
  public static var knownMigrations: [String] { migrator.migrations }

  public init(path: String) throws {
    self.path = path
    var configuration = Configuration()
    // A second process (another run, `orgready history`) waits for a write instead of failing.
    configuration.busyMode = .timeout(10)
    queue = try DatabaseQueue(path: path, configuration: configuration)
    try Self.migrator.migrate(queue)
  }

  /// The migrations applied to this ledger, oldest first.
  public func appliedMigrations() throws -> [String] {
    try queue.read { db in try Self.migrator.appliedMigrations(db) }
  }

  /// The latest successful run of `pipeline` recorded before now.
  public func previousSuccessfulRun(pipeline: String) throws -> LedgerRun? {
    try queue.read { db in
      try LedgerRun.filter(Column("pipeline") == pipeline && Column("status") == "succeeded")
        .order(Column("finished_at").desc, Column("id").desc).fetchOne(db)
    }
  }

  /// Successful runs of `pipeline` that recorded organisation-wide figures (schema v2), with an
  /// as-of date before `asOfBefore`, latest as-of first (then latest finished).
  public func runsWithOrganisationFigures(pipeline: String, asOfBefore: String) throws -> [LedgerRun] {
    try queue.read { db in
      try LedgerRun.fetchAll(
        db,
        sql: """
          SELECT * FROM runs
          WHERE pipeline = ? AND status = 'succeeded' AND as_of < ?
            AND EXISTS (SELECT 1 FROM run_figures f WHERE f.run_id = runs.id AND f.scope = 'org')
          ORDER BY as_of DESC, finished_at DESC, id DESC
          """, arguments: [pipeline, asOfBefore])
    }
  }

  /// The most recent runs of `pipeline` (every status), newest first; all when `limit` is nil.
  public func runs(pipeline: String, limit: Int?) throws -> [LedgerRun] {
    try queue.read { db in
      var request = LedgerRun.filter(Column("pipeline") == pipeline).order(
        Column("started_at").desc, Column("id").desc)
      if let limit { request = request.limit(limit) }
      return try request.fetchAll(db)
    }
  }

  /// Every pipeline name the ledger has runs of.
  public func pipelines() throws -> [String] {
    try queue.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT pipeline FROM runs ORDER BY pipeline") }
  }

  public func run(id: String) throws -> LedgerRun? {
    try queue.read { db in try LedgerRun.fetchOne(db, key: id) }
  }

  /// The first successful run of `pipeline` with `fingerprint` that is not itself a repeat.
  public func originalRun(fingerprint: String, pipeline: String) throws -> LedgerRun? {
    try queue.read { db in
      try LedgerRun.filter(
        Column("fingerprint") == fingerprint && Column("pipeline") == pipeline && Column("status") == "succeeded"
          && Column("repeat_of") == nil
      )
      .order(Column("started_at"), Column("id")).fetchOne(db)
    }
  }

  public func figures(runID: String) throws -> [LedgerFigure] {
    try queue.read { db in
      try LedgerFigure.filter(Column("run_id") == runID).order(Column("scope"), Column("key")).fetchAll(db)
    }
  }

  /// The figures of one scope of several runs.
  public func figures(runIDs: [String], scope: String) throws -> [LedgerFigure] {
    try queue.read { db in
      try LedgerFigure.filter(runIDs.contains(Column("run_id")) && Column("scope") == scope).fetchAll(db)
    }
  }

  /// SQLite's own consistency check of the file: "ok" when it is sound.
  public func integrityCheck() throws -> String {
    try queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
  }

  /// Runs `body` inside a read transaction: until it returns, this connection holds a shared lock
  /// on the file, and another process's write waits (up to its busy timeout) to commit.
  func whileReading<T>(_ body: () throws -> T) throws -> T {
    try queue.read { db in
      _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM runs")
      return try body()
    }
  }

  /// Records a run and its figures in one transaction.
  public func record(_ run: LedgerRun, figures: [LedgerFigure]) throws {
    try queue.write { db in
      try run.insert(db)
      for figure in figures { try figure.insert(db) }
    }
  }
}
