/// The raw text a compiled mapping captured for one record element, by slot.
///
/// The reader copies every captured value into one byte buffer per record (no String per value);
/// `SlotValues` turns a value into a String only when the record builder asks for it.
public struct CapturedRecord: Sendable {
  /// Line of the record's start tag.
  public var line: Int
  let slotCount: Int
  let bytes: [UInt8]
  /// Row-major (row × slotCount) pairs of an offset into `bytes` (-1: absent) and a length, in
  /// one array (one allocation a record rather than two). Row 0 is the record itself; row g + 1
  /// is the g-th repetition in `groups`.
  let spans: [Int32]
  /// One entry per repeated `each` element: its group and its line.
  public let groups: [(group: Int, line: Int)]

  init(line: Int, slotCount: Int, bytes: [UInt8], spans: [Int32], groups: [(group: Int, line: Int)]) {
    self.line = line
    self.slotCount = slotCount
    self.bytes = bytes
    self.spans = spans
    self.groups = groups
  }

  /// Record-level values.
  public var values: SlotValues { SlotValues(record: self, row: 0, fallback: -1) }

  /// The candidate canonical records this element yields for `template`: one per repetition of
  /// its group (group values over record values), or the record itself when it has no group.
  func candidates(for template: CompiledTemplate) -> [(line: Int, values: SlotValues)] {
    guard let group = template.group else { return [(line, values)] }
    return groups.indices.filter { groups[$0].group == group }.map { k in
      (groups[k].line, SlotValues(record: self, row: k + 1, fallback: 0))
    }
  }

  /// Where the value of `slot` in `row` lies in `bytes` (start, count), or nil when it was not
  /// captured there.
  @inline(__always)
  func span(row: Int, slot: Int) -> (start: Int, count: Int)? {
    let index = 2 * (row * slotCount + slot)
    let start = Int(spans[index])
    return start >= 0 ? (start, Int(spans[index + 1])) : nil
  }

  /// The value of `slot` in `row`, or nil when it was not captured there.
  func string(row: Int, slot: Int) -> String? {
    guard let (start, count) = span(row: row, slot: slot) else { return nil }
    return String(decoding: bytes[start..<(start + count)], as: UTF8.self)
  }
}

/// The captured values of one candidate record: a group repetition's values over the record's.
public struct SlotValues: Sendable {
  let record: CapturedRecord
  let row: Int
  /// The row read when `row` has no value for a slot (-1: none).
  let fallback: Int

  public var count: Int { record.slotCount }

  /// Reads `slot` straight from the captured bytes (the candidate's own value, else the fallback
  /// row's), trimmed of ASCII white space: `.absent` when there is no value or only white space,
  /// `.slow` when `parse` cannot read it (or it starts or ends outside ASCII, where white space
  /// follows Unicode's rules, or is longer than any plain value), so the caller takes the String
  /// path, which also explains what is wrong.
  @inline(__always)
  func read<Value>(_ slot: Int, _ parse: (UnsafeBufferPointer<UInt8>) -> Value?) -> FastRead<Value> {
    guard let span = record.span(row: row, slot: slot) ?? (fallback >= 0 ? record.span(row: fallback, slot: slot) : nil)
    else { return .absent }
    return record.bytes.withUnsafeBufferPointer { all -> FastRead<Value> in
      var start = span.start
      var end = span.start + span.count
      while start < end, all[start] == 0x20 || (0x09...0x0D).contains(all[start]) { start += 1 }
      while end > start, all[end - 1] == 0x20 || (0x09...0x0D).contains(all[end - 1]) { end -= 1 }
      guard start < end else { return .absent }
      guard end - start <= 64, all[start] < 0x80, all[end - 1] < 0x80,
        let value = parse(UnsafeBufferPointer(rebasing: all[start..<end]))
      else { return .slow }
      return .value(value)
    }
  }

  public subscript(slot: Int) -> String? {
    if let value = record.string(row: row, slot: slot) { return value }
    return fallback >= 0 ? record.string(row: fallback, slot: slot) : nil
  }
}

/// A value read from the captured bytes without making a String (see `SlotValues.read`).
enum FastRead<Value> {
  case absent
  case value(Value)
  /// Not a plain form: read it as text.
  case slow
}
