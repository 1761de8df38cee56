/// A team-month's indicator values, aligned with the run's indicators; nil where the export had
/// none. Stored as plain doubles with NaN for "none" (half the memory of `[Double?]`, which
/// matters with millions of team-months). Exports never carry NaN: ingest rejects non-finite
/// numbers.
public struct IndicatorValues: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral {
  private var storage: ContiguousArray<Double>

  public init(_ values: some Sequence<Double?>) {
    storage = ContiguousArray(values.map { $0 ?? .nan })
  }

  public init(arrayLiteral elements: Double?...) {
    self.init(elements)
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { storage.count }

  public subscript(position: Int) -> Double? {
    get {
      let value = storage[position]
      return value.isNaN ? nil : value
    }
    set { storage[position] = newValue ?? .nan }
  }

  /// Equal when every slot holds the same value or both are empty (NaN counts as equal to NaN).
  public static func == (lhs: IndicatorValues, rhs: IndicatorValues) -> Bool {
    lhs.storage.count == rhs.storage.count
      && zip(lhs.storage, rhs.storage).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(storage.count)
    for value in storage { hasher.combine(value.isNaN ? Double.nan.bitPattern : value.bitPattern) }
  }
}
