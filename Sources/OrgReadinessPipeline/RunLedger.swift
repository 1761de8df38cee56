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
  }
}

/// A figure of a run as stored (`scope` is a `FigureScope` raw value).
public struct LedgerFigure: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "run_figures"

  public var runID: String
  public var scope: String
  public var key: String
  public var value: Double

  public init(runID: String, scope: String, key: String, value: Double) {
    self.runID = runID
    self.scope = scope
    self.key = key
    self.value = value
  }

  enum CodingKeys: String, CodingKey {
    case runID = "run_id"
    case scope, key, value
  }
}

/// The run ledger: a SQLite database beside the reports that keeps every run's figures, so each
/// report can show the change since the previous run. Only `RunHistory` uses it in a run.
public struct RunLedger: Sendable {
  let queue: DatabaseQueue
  public let path: String

  public init(path: String) throws {
    self.path = path
    queue = try DatabaseQueue(path: path)
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
    try migrator.migrate(queue)
  }

  /// The latest successful run of `pipeline` recorded before now.
  public func previousSuccessfulRun(pipeline: String) throws -> LedgerRun? {
    try queue.read { db in
      try LedgerRun.filter(Column("pipeline") == pipeline && Column("status") == "succeeded")
        .order(Column("finished_at").desc, Column("id").desc).fetchOne(db)
    }
  }

  public func figures(runID: String) throws -> [LedgerFigure] {
    try queue.read { db in
      try LedgerFigure.filter(Column("run_id") == runID).order(Column("scope"), Column("key")).fetchAll(db)
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
