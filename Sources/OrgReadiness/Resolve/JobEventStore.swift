/// Job events held compactly for large exports: each event is a 56-byte row of interned string
/// references in fixed-size chunks (no doubling copies as it grows), so memory grows with the
/// number of events and people, not with the size of the files
/// (docs/decisions/0011-compact-stores.md). Duplicates and future-dated events are sorted out
/// person by person in `resolveJobHistory`, which needs no global set of fingerprints.
public struct JobEventStore: Sendable {
  struct Row: Sendable {
    var person: UInt32
    var personName: UInt32
    var jobLevel: UInt32
    var manager: UInt32
    var managerName: UInt32
    var orgUnit: UInt32
    var orgUnitName: UInt32
    var date: Int32
    var sequence: Int64
    var input: Int32
    var line: Int32
    var type: UInt8
    /// 0: not given, 1: false, 2: true.
    var leader: UInt8
    /// Bit 0: `sequence` is given. Bit 1: the event type is to be inferred.
    var flags: UInt8
  }

  static let chunkShift = 16
  static let chunkSize = 1 << chunkShift

  public let asOf: CalendarDate
  public private(set) var strings = StringTable()
  private var chunks: [[Row]] = []
  public private(set) var count = 0
  /// True when some row's event type is to be inferred (`infer: changes`).
  public private(set) var hasInferredTypes = false
  /// True when some event names its manager without an id.
  public private(set) var hasManagerNamesToResolve = false

  public init(asOf: CalendarDate) {
    self.asOf = asOf
  }

  /// Adds one event read from an input, in reading order.
  public mutating func add(_ event: JobEvent, inferType: Bool = false) {
    if inferType { hasInferredTypes = true }
    if event.managerID == nil && event.managerName != nil { hasManagerNamesToResolve = true }
    let row = Row(
      person: strings.intern(event.personID), personName: strings.intern(event.personName),
      jobLevel: strings.intern(event.jobLevel), manager: strings.intern(event.managerID),
      managerName: strings.intern(event.managerName), orgUnit: strings.intern(event.orgUnitID),
      orgUnitName: strings.intern(event.orgUnitName), date: event.effectiveDate.daysSinceEpoch,
      sequence: Int64(event.sequence ?? 0), input: event.location.input, line: event.location.line,
      type: JobEventStore.code(event.eventType), leader: event.isPeopleLeader.map { $0 ? 2 : 1 } ?? 0,
      flags: (event.sequence == nil ? 0 : 1) | (inferType ? 2 : 0))
    if count & (JobEventStore.chunkSize - 1) == 0 {
      var chunk: [Row] = []
      chunk.reserveCapacity(JobEventStore.chunkSize)
      chunks.append(chunk)
    }
    chunks[chunks.count - 1].append(row)
    count += 1
  }

  /// Adds another store's events after this one's (the stores of several inputs, in input order).
  public mutating func append(contentsOf other: JobEventStore) {
    for index in 0..<other.count { add(other.event(at: index), inferType: other.isInferred(index)) }
  }

  @inline(__always)
  func row(_ index: Int) -> Row {
    chunks[index >> JobEventStore.chunkShift][index & (JobEventStore.chunkSize - 1)]
  }

  /// The event at `index`, as a canonical record.
  public func event(at index: Int) -> JobEvent {
    let row = row(index)
    return JobEvent(
      personID: strings[row.person] ?? "", effectiveDate: CalendarDate(daysSinceEpoch: row.date),
      eventType: JobEventStore.eventType(row.type), jobLevel: strings[row.jobLevel],
      isPeopleLeader: row.leader == 0 ? nil : row.leader == 2, managerID: strings[row.manager],
      orgUnitID: strings[row.orgUnit], orgUnitName: strings[row.orgUnitName],
      sequence: row.flags & 1 != 0 ? Int(row.sequence) : nil, personName: strings[row.personName],
      managerName: strings[row.managerName], location: SourceLocation(input: Int(row.input), line: Int(row.line)))
  }

  /// Whether the event at `index` has its type still to be inferred.
  public func isInferred(_ index: Int) -> Bool { row(index).flags & 2 != 0 }

  /// Row indices grouped by person (persons in first-seen order; each group in reading order),
  /// in one flat array with group offsets rather than an array per person.
  public func personGroups() -> PersonGroups {
    // Counting sort on the person reference: one pass to size the groups, one to fill them.
    var groupOf = [Int32](repeating: -1, count: strings.count + 1)
    var sizes: [Int32] = []
    for index in 0..<count {
      let person = Int(row(index).person)
      if groupOf[person] < 0 {
        groupOf[person] = Int32(sizes.count)
        sizes.append(0)
      }
      sizes[Int(groupOf[person])] += 1
    }
    var offsets = [Int32](repeating: 0, count: sizes.count + 1)
    for g in sizes.indices { offsets[g + 1] = offsets[g] + sizes[g] }
    var next = offsets
    var order = [Int32](repeating: 0, count: count)
    for index in 0..<count {
      let g = Int(groupOf[Int(row(index).person)])
      order[Int(next[g])] = Int32(index)
      next[g] += 1
    }
    return PersonGroups(order: order, offsets: offsets)
  }

  /// (normalised name → person ids) from the events' own person names (events on or before the
  /// as-of date).
  public func names(normalise: (String) -> String) -> [String: Set<String>] {
    var index: [String: Set<String>] = [:]
    var seen = Set<UInt64>()
    for i in 0..<count {
      let row = row(i)
      guard row.personName != 0, row.date <= asOf.daysSinceEpoch,
        seen.insert(UInt64(row.personName) << 32 | UInt64(row.person)).inserted,
        let name = strings[row.personName].map(normalise), !name.isEmpty, let id = strings[row.person]
      else { continue }
      index[name, default: []].insert(id)
    }
    return index
  }

  static func code(_ type: EventType) -> UInt8 {
    UInt8(EventType.allCases.firstIndex(of: type) ?? 0)
  }

  static func eventType(_ code: UInt8) -> EventType {
    let all = EventType.allCases
    return Int(code) < all.count ? all[Int(code)] : .other
  }
}

/// Row indices grouped by person: group `g` is `order[offsets[g]..<offsets[g + 1]]`.
public struct PersonGroups: RandomAccessCollection, Sendable {
  let order: [Int32]
  let offsets: [Int32]

  public var startIndex: Int { 0 }
  public var endIndex: Int { offsets.count - 1 }

  public subscript(group: Int) -> ArraySlice<Int32> {
    order[Int(offsets[group])..<Int(offsets[group + 1])]
  }
}
