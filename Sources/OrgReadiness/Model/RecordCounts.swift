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

/// Record counts by input index, read and written as a dictionary would be, with the first
/// input's counts held inline: one person's events, nearly always from a single input, are counted
/// without an allocation or a hash per event (the resolve stage counts a million people so).
public struct CountsByInput: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
  /// Nil only while nothing is counted (then `others` is empty too).
  private var firstInput: Int32?
  private var firstCounts = RecordCounts()
  private var others: [Int32: RecordCounts] = [:]

  public init() {}

  public init(dictionaryLiteral elements: (Int32, RecordCounts)...) {
    for (input, counts) in elements { self[input] = counts }
  }

  public subscript(input: Int32) -> RecordCounts? {
    get { input == firstInput ? firstCounts : others[input] }
    set {
      if input == firstInput {
        if let newValue {
          firstCounts = newValue
        } else if let (next, counts) = others.first {
          others[next] = nil
          firstInput = next
          firstCounts = counts
        } else {
          firstInput = nil
          firstCounts = RecordCounts()
        }
      } else if firstInput == nil {
        guard let newValue else { return }
        firstInput = input
        firstCounts = newValue
      } else {
        others[input] = newValue
      }
    }
  }

  public subscript(input: Int32, default value: @autoclosure () -> RecordCounts) -> RecordCounts {
    get { self[input] ?? value() }
    set { self[input] = newValue }
  }

  public var isEmpty: Bool { firstInput == nil }

  /// The counts as a dictionary.
  public var dictionary: [Int32: RecordCounts] {
    var all = others
    if let firstInput { all[firstInput] = firstCounts }
    return all
  }

  public func makeIterator() -> Iterator {
    Iterator(first: firstInput.map { (key: $0, value: firstCounts) }, others: others.makeIterator())
  }

  /// The first input's counts, then the others' (in no particular order, as a dictionary's).
  public struct Iterator: IteratorProtocol {
    var first: (key: Int32, value: RecordCounts)?
    var others: Dictionary<Int32, RecordCounts>.Iterator

    public mutating func next() -> (key: Int32, value: RecordCounts)? {
      if let first {
        self.first = nil
        return first
      }
      return others.next()
    }
  }

  public static func == (lhs: CountsByInput, rhs: CountsByInput) -> Bool { lhs.dictionary == rhs.dictionary }
}
