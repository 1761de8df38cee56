/// How the records of one input ended up. Every record read lands in exactly one bucket:
/// `read == accepted + rejected + duplicates + futureDated`.
public struct RecordCounts: Hashable, Codable, Sendable {
  public var read: Int
  public var accepted: Int
  public var rejected: Int
  public var duplicates: Int
  public var futureDated: Int

  public init(read: Int = 0, accepted: Int = 0, rejected: Int = 0, duplicates: Int = 0, futureDated: Int = 0) {
    self.read = read
    self.accepted = accepted
    self.rejected = rejected
    self.duplicates = duplicates
    self.futureDated = futureDated
  }

  /// True when the accounting identity holds.
  public var balances: Bool { read == accepted + rejected + duplicates + futureDated }

  /// The share of records read that were rejected (0 for an empty input).
  public var rejectedShare: Double { read == 0 ? 0 : Double(rejected) / Double(read) }
}
