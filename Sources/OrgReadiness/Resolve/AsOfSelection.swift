/// The records of a run sorted into what the as-of view keeps and what it only counts.
public struct AsOfSelection<Record: Sendable>: Sendable {
  /// Records in the as-of view, in input order.
  public var kept: [Record]
  /// Per input index: how many records were duplicates, future-dated, rejected here and kept.
  public var counts: [Int32: RecordCounts]
  /// Records rejected by the selection itself (conflicting versions of one key).
  public var rejected: [RejectedRecord]
}

/// Up to this many job events (one person's, as the resolve stage passes them) are compared with
/// each other directly, for duplicates and for shared days; more go through hash tables.
let directComparisonLimit = 16

/// Dedupes job events (exact duplicates are counted once) and keeps future-dated events
/// (effective after `asOf`) out of the view while counting them.
public func selectAsOf(_ events: [JobEvent], asOf: CalendarDate) -> AsOfSelection<JobEvent> {
  let compareDirectly = events.count <= directComparisonLimit
  var seen = Set<JobEvent>(minimumCapacity: compareDirectly ? 0 : events.count)
  var kept: [JobEvent] = []
  kept.reserveCapacity(events.count)
  var counts: [Int32: RecordCounts] = [:]
  for (position, event) in events.enumerated() {
    let input = event.location.input
    counts[input, default: RecordCounts()].read += 1
    let duplicate =
      compareDirectly ? events[..<position].contains(event) : !seen.insert(event).inserted
    if duplicate {
      counts[input]?.duplicates += 1
    } else if event.effectiveDate > asOf {
      counts[input]?.futureDated += 1
    } else {
      counts[input]?.accepted += 1
      kept.append(event)
    }
  }
  return AsOfSelection(kept: kept, counts: counts, rejected: [])
}

/// Dedupes team periods, keeps periods after the as-of month out of the view, and rejects a
/// second, different record for a team and month already seen (the first one read is kept, and
/// the conflict is reported rather than averaged away). The periods are consumed and filtered in
/// place, so a large input is never held twice.
public func selectAsOf(_ periods: consuming [TeamPeriod], asOf: CalendarDate) -> AsOfSelection<TeamPeriod> {
  struct Key: Hashable {
    var leaderID: String
    var period: Period
  }
  let asOfPeriod = asOf.period
  // Exact duplicates are recognised by a 128-bit fingerprint instead of a second copy.
  var seen = Set<ContentFingerprint>(minimumCapacity: periods.count)
  var firstByKey: [Key: SourceLocation] = [:]
  firstByKey.reserveCapacity(periods.count)
  var keep = [Bool](repeating: false, count: periods.count)
  var counts: [Int32: RecordCounts] = [:]
  var rejected: [RejectedRecord] = []
  for (index, record) in periods.enumerated() {
    let input = record.location.input
    counts[input, default: RecordCounts()].read += 1
    if !seen.insert(ContentFingerprint(record)).inserted {
      counts[input]?.duplicates += 1
      continue
    }
    // One lookup for the usual case (a new key); a conflict puts the first record's place back.
    let key = Key(leaderID: record.leaderID, period: record.period)
    if let first = firstByKey.updateValue(record.location, forKey: key) {
      firstByKey[key] = first
      counts[input]?.rejected += 1
      rejected.append(
        RejectedRecord(
          location: record.location, recordKey: "\(record.leaderID) \(record.period)", field: "",
          reason: "a different record for this team and month was already read at line \(first.line)"))
      continue
    }
    if record.period > asOfPeriod {
      counts[input]?.futureDated += 1
    } else {
      counts[input]?.accepted += 1
      keep[index] = true
    }
  }
  var kept = periods
  var position = 0
  kept.removeAll { _ in
    defer { position += 1 }
    return !keep[position]
  }
  return AsOfSelection(kept: kept, counts: counts, rejected: rejected)
}

/// Two independent 64-bit hashes of a record's content (its `Hashable` identity): equal for
/// equal records, and for different ones equal with a chance of about 2^-128 per pair.
struct ContentFingerprint: Hashable, Sendable {
  var a: Int
  var b: Int

  init(_ value: some Hashable) {
    var first = Hasher()
    first.combine(value)
    var second = Hasher()
    second.combine(0x5EED_F00D as UInt32)
    second.combine(value)
    a = first.finalize()
    b = second.finalize()
  }
}
