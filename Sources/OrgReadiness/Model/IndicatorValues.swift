/// A team-month's indicator values, aligned with the run's indicators; nil where the export had
/// none. Values live as plain doubles (NaN for "none") in shared, write-once blocks of many
/// team-months, so a file of millions of team-months costs 8 bytes a value and no allocation per
/// record (docs/decisions/0011-compact-stores.md). Exports never carry NaN: ingest rejects
/// non-finite numbers.
public struct IndicatorValues: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral {
  private let block: ValueBlock
  private let offset: Int32
  private let length: Int32

  public init(_ values: some Sequence<Double?>) {
    let all = Array(values)
    let block = ValueBlock(capacity: all.count)
    self.init(block: block, values: all)
  }

  public init(arrayLiteral elements: Double?...) {
    self.init(elements)
  }

  /// Writes `values` into `block` (which must have room) and refers to them there.
  init(block: ValueBlock, values: [Double?]) {
    self.block = block
    offset = Int32(block.used)
    length = Int32(values.count)
    for (i, value) in values.enumerated() { block.base[block.used + i] = value ?? .nan }
    block.used += values.count
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { Int(length) }

  public subscript(position: Int) -> Double? {
    get {
      precondition(position >= 0 && position < Int(length), "indicator index out of range")
      let value = block.base[Int(offset) + position]
      return value.isNaN ? nil : value
    }
    set {
      var copy = Array(self)
      copy[position] = newValue
      self = IndicatorValues(copy)
    }
  }

  /// Equal when every slot holds the same value or both are empty.
  public static func == (lhs: IndicatorValues, rhs: IndicatorValues) -> Bool {
    lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0 == $1 }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(count)
    for value in self { hasher.combine(value) }
  }
}

/// Write-once storage for the values of many team-months. A block is filled by one ingest thread
/// and then only read, from any thread.
final class ValueBlock: @unchecked Sendable {
  let base: UnsafeMutablePointer<Double>
  let capacity: Int
  var used = 0

  init(capacity: Int) {
    self.capacity = max(1, capacity)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }
}

/// Hands out `IndicatorValues` from blocks of a few thousand team-months (one per ingest thread).
public final class IndicatorValueAllocator: @unchecked Sendable {
  private var block: ValueBlock?
  private let recordsPerBlock: Int

  public init(recordsPerBlock: Int = 4096) {
    self.recordsPerBlock = recordsPerBlock
  }

  public func make(_ values: [Double?]) -> IndicatorValues {
    if let current = block, current.capacity - current.used >= values.count {
      return IndicatorValues(block: current, values: values)
    }
    let fresh = ValueBlock(capacity: max(values.count, recordsPerBlock * max(1, values.count)))
    block = fresh
    return IndicatorValues(block: fresh, values: values)
  }
}
