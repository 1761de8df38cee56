/// What one record of an export holds, path by path: the profile `orgready mappings draft` writes a
/// starting mapping from. Every path is written relative to the record element in the mapping
/// language (`wd:Worker/wd:ID[@wd:type='Employee_ID']`, `field[@id='date']`, `@employeeId`), so
/// it can be copied into a mapping as it is. Memory is bounded: at most `maximumColumns` paths,
/// three samples and `maximumDistinct` distinct values per path, whatever the file's size.
public struct ExportProfile: Sendable {
  public static let maximumColumns = 2_000
  public static let maximumDistinct = 50
  public static let maximumSampleLength = 80

  /// One path under the record and the values found there.
  public struct Column: Sendable {
    public var path: String
    /// The names along the path, lowercased, with attribute-chosen values (`employee_id` in
    /// `wd:ID[@wd:type='Employee_ID']`): what the draft's guesses read.
    public var words: [String]
    /// True when the path runs through the repeated group (`each`), so it is counted per group.
    public var inGroup: Bool
    /// Records (or group repetitions) in which the path has a value.
    public var present = 0
    /// Values seen (a path repeated in one record counts each time).
    public var values = 0
    public var dateLike = 0
    /// Values read by each non-ISO date pattern (`DD.MM.YYYY`, ...).
    public var patterned: [String: Int] = [:]
    public var numberLike = 0
    public var wholeNumbers = 0
    public var yesNoLike = 0
    /// Values containing a space (names rather than codes).
    public var withSpaces = 0
    public var minimum: Double?
    public var maximum: Double?
    /// Up to three distinct values, in the order first seen.
    public var samples: [String] = []
    /// Distinct values with their counts (at most `maximumDistinct`; `moreDistinct` says if more).
    public var distinct: [String: Int] = [:]
    public var moreDistinct = false
    /// The record or group repetition that last had a value here.
    var lastStamp = -1

    /// `count` as a share of the values examined.
    public func share(_ count: Int) -> Double {
      let examined = Swift.min(values, Self.examined)
      return examined == 0 ? 0 : Double(count) / Double(examined)
    }
    public var isDate: Bool { values > 0 && (share(dateLike) >= 0.8 || dateFormat != nil) }
    public var isNumber: Bool { values > 0 && share(numberLike) >= 0.9 && !isDate }
    /// The non-ISO date pattern most values follow (a mapping's `format`), or nil.
    public var dateFormat: String? {
      guard share(dateLike) < 0.8 else { return nil }
      let best = ValueKinds.dateFormats.map { ($0, patterned[$0] ?? 0) }.max { $0.1 < $1.1 }
      guard let best, share(best.1) >= 0.8 else { return nil }
      return best.0
    }
    /// Distinct values, most frequent first.
    public var frequent: [(value: String, count: Int)] {
      distinct.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }
  }

  public var structure: DocumentStructure
  /// The node of the record element, and its path as a mapping's `record` writes it.
  public var record: Int
  public var recordPath: String
  /// The repeated group inside the record, if any (`each`).
  public var group: Int?
  public var groupPath: String?
  public var records = 0
  public var groups = 0
  public var columns: [Column] = []
  /// True when paths past `maximumColumns`, or elements past the per-record limit, were skipped.
  public var truncated = false
  var columnIndex: [String: Int] = [:]

  public init(structure: DocumentStructure, record: Int, group: Int?) {
    self.structure = structure
    self.record = record
    self.recordPath = ExportProfile.recordPath(record, in: structure)
    self.group = group
    self.groupPath = group.map { structure.path($0, from: record) }
  }

  /// The shortest ancestor path that names only this element: `wd:Report_Entry`, or
  /// `wd:Response_Data/wd:Worker` when another path ends in the same name.
  static func recordPath(_ record: Int, in structure: DocumentStructure) -> String {
    let chain = structure.lineage(record)
    let node = structure.nodes[record]
    let others = structure.nodes.indices.filter {
      $0 != record && structure.nodes[$0].local == node.local && structure.nodes[$0].uri == node.uri
    }
    var steps = 1
    while steps < chain.count {
      let suffix = Array(chain.suffix(steps))
      let ambiguous = others.contains { other in
        let otherChain = structure.lineage(other)
        guard otherChain.count >= steps else { return false }
        return zip(otherChain.suffix(steps), suffix).allSatisfy { a, b in
          structure.nodes[a].local == structure.nodes[b].local && structure.nodes[a].uri == structure.nodes[b].uri
        }
      }
      if !ambiguous { break }
      steps += 1
    }
    return chain.suffix(steps).map(structure.qualifiedName).joined(separator: "/")
  }

  /// The column at `path`, created on first use; nil past `maximumColumns`.
  mutating func columnIndex(path: String, words: [String], inGroup: Bool) -> Int? {
    if let existing = columnIndex[path] { return existing }
    guard columns.count < ExportProfile.maximumColumns else {
      truncated = true
      return nil
    }
    columns.append(Column(path: path, words: words, inGroup: inGroup))
    columnIndex[path] = columns.count - 1
    return columns.count - 1
  }

  /// Adds one value to `column`; `stamp` identifies the record or group repetition, so that a
  /// path counts as present once per repetition.
  mutating func add(value raw: String, column index: Int, stamp: Int) {
    let value = raw.trimmingSpaces
    guard !value.isEmpty else { return }
    if columns[index].lastStamp != stamp {
      columns[index].lastStamp = stamp
      columns[index].present += 1
    }
    columns[index].observe(value)
  }
}

extension ExportProfile.Column {
  /// Values per path whose kind is examined; later values are only counted, so that a large
  /// export costs little more than its size to read (kinds, ranges and samples describe the first
  /// values, which is what a draft needs).
  static let examined = 100_000

  mutating func observe(_ value: String) {
    values += 1
    guard values <= Self.examined else { return }
    if ValueKinds.isDate(value) {
      dateLike += 1
    } else if value.utf8.count == 10 {
      for format in ValueKinds.dateFormats {
        if case .date = ValueParsing.date(value, format: format) { patterned[format, default: 0] += 1 }
      }
    }
    if ValueKinds.isNumber(value), let number = ValueParsing.decimal(value) {
      numberLike += 1
      if number == number.rounded() { wholeNumbers += 1 }
      minimum = Swift.min(minimum ?? number, number)
      maximum = Swift.max(maximum ?? number, number)
    }
    if ValueParsing.bool(value) != nil { yesNoLike += 1 }
    if value.utf8.contains(UInt8(ascii: " ")) { withSpaces += 1 }
    let shown =
      value.count > ExportProfile.maximumSampleLength
      ? String(value.prefix(ExportProfile.maximumSampleLength)) + "…" : value
    if samples.count < 3 && !samples.contains(shown) { samples.append(shown) }
    if let count = distinct[shown] {
      distinct[shown] = count + 1
    } else if distinct.count < ExportProfile.maximumDistinct {
      distinct[shown] = 1
    } else {
      moreDistinct = true
    }
  }
}

/// What kind of value a text looks like, by the same rules the mappings read values with.
enum ValueKinds {
  /// A date in one of the forms a mapping reads without a `format`, or a `YYYY-MM` month.
  static func isDate(_ text: String) -> Bool {
    guard let first = text.utf8.first, (48...57).contains(first) || first == UInt8(ascii: "/") else { return false }
    if case .date = ValueParsing.date(text, format: nil) { return true }
    return text.utf8.count == 7 && ValueParsing.period(text, format: nil) != nil
  }

  /// A number, but not a code with leading zeros (`0042`, Workday WIDs of digits).
  static func isNumber(_ text: String) -> Bool {
    let bytes = Array(text.utf8.prefix(2))
    if bytes.count == 2 && bytes[0] == UInt8(ascii: "0") && (48...57).contains(bytes[1]) { return false }
    return ValueParsing.decimal(text) != nil
  }

  /// Date patterns a draft recognises beside the ISO forms (ties go to the first).
  static let dateFormats = ["DD.MM.YYYY", "DD/MM/YYYY", "MM/DD/YYYY", "YYYY/MM/DD"]
}
