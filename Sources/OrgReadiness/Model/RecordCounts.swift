/// How the records of one input ended up. Every record read lands in exactly one bucket:
/// `read == accepted + rejected + duplicates + futureDated`.
public struct RecordCounts: Hashable, Codable, Sendable {
  public var read: Int
  public var accepted: Int
  public var rejected: Int
  public var duplicates: Int
  public var futureDated: Int
  /// Rows the mapping's `drop` rules left out (e.g. rescinded events). They are not records
  /// read, so they stand beside the identity rather than in it, and are always reported.
  public var filtered: Int

  public init(
    read: Int = 0, accepted: Int = 0, rejected: Int = 0, duplicates: Int = 0, futureDated: Int = 0, filtered: Int = 0
  ) {
    self.read = read
    self.accepted = accepted
    self.rejected = rejected
    self.duplicates = duplicates
    self.futureDated = futureDated
    self.filtered = filtered
  }

  /// Moves one accepted record to rejected (a check in the resolve stage failed).
  public mutating func reject() {
    accepted -= 1
    rejected += 1
  }

  /// Adds another tally of the same input's records (read, accepted, rejected, duplicates and
  /// future-dated; `filtered` is counted per input, not per record).
  public mutating func add(_ other: RecordCounts) {
    read += other.read
    accepted += other.accepted
    rejected += other.rejected
    duplicates += other.duplicates
    futureDated += other.futureDated
  }

  /// True when the accounting identity holds.
  public var balances: Bool { read == accepted + rejected + duplicates + futureDated }

  /// The share of records read that were rejected (0 for an empty input).
  public var rejectedShare: Double { read == 0 ? 0 : Double(rejected) / Double(read) }
}
