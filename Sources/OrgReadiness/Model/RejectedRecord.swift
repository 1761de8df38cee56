/// A record that could not be used, with the reason, for `rejects.csv`.
public struct RejectedRecord: Hashable, Sendable {
  public var location: SourceLocation
  /// The record's key as far as it could be read (person id, leader id + period), or empty.
  public var recordKey: String
  /// The canonical field at fault (`effective_date`), or empty for a record-level reason.
  public var field: String
  public var reason: String

  public init(location: SourceLocation, recordKey: String, field: String, reason: String) {
    self.location = location
    self.recordKey = recordKey
    self.field = field
    self.reason = reason
  }
}
