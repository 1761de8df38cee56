/// A record that is kept and used, but carries something a person should look at (a manager
/// who is not in the export, an ambiguous manager name, a cycle in the reporting chain). Flags go
/// to `flags.csv`; unlike rejects they do not count against the error budget.
public struct FlaggedRecord: Hashable, Sendable {
  public var location: SourceLocation
  /// The record's key (the person id).
  public var recordKey: String
  /// The canonical field concerned (`manager_id`).
  public var field: String
  /// A short stable name of the check (`unknown_manager`), for counting.
  public var check: String
  public var reason: String

  public init(location: SourceLocation, recordKey: String, field: String, check: String, reason: String) {
    self.location = location
    self.recordKey = recordKey
    self.field = field
    self.check = check
    self.reason = reason
  }
}
