/// The records of a run sorted into what the as-of view keeps and what it only counts.
public struct AsOfSelection<Record: Sendable>: Sendable {
  /// Records in the as-of view, in input order.
  public var kept: [Record]
  /// Per input index: how many records were duplicates, future-dated, rejected here and kept.
  public var counts: CountsByInput
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
  var counts: CountsByInput = [:]
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
///
/// An exact duplicate has the same team and month as the record it repeats, so each record is
/// looked up once by its key and compared only with the versions already read for that key (the
/// first, and the rare conflicting ones): no record is hashed whole.
public func selectAsOf(_ periods: consuming [TeamPeriod], asOf: CalendarDate) -> AsOfSelection<TeamPeriod> {
  struct Key: Hashable {
    var leaderID: String
    var period: Period
  }
  let asOfPeriod = asOf.period
  // Per key, the first record read (an index into `periods`); the other versions read for it,
  // which were rejected, by that first record.
  var firstByKey: [Key: Int32] = [:]
  firstByKey.reserveCapacity(periods.count)
  var otherVersions: [Int32: [Int32]] = [:]
  var keep = [Bool](repeating: false, count: periods.count)
  var counts: CountsByInput = [:]
  var rejected: [RejectedRecord] = []
  for index in periods.indices {
    let input = periods[index].location.input
    counts[input, default: RecordCounts()].read += 1
    // One lookup: a new key takes this record's index as its first.
    let position = Int32(index)
    let first = firstByKey.firstValue(
      for: Key(leaderID: periods[index].leaderID, period: periods[index].period), storing: position)
    if first != position {
      let versions = CollectionOfOne(first) + (otherVersions[first] ?? [])
      if versions.contains(where: { periods[Int($0)] == periods[index] }) {
        counts[input]?.duplicates += 1
      } else {
        otherVersions[first, default: []].append(position)
        counts[input]?.rejected += 1
        let record = periods[index]
        let firstLine = periods[Int(first)].location.line
        rejected.append(
          RejectedRecord(
            location: record.location, recordKey: "\(record.leaderID) \(record.period)", field: "",
            reason: "a different record for this team and month was already read at line \(firstLine)"))
      }
      continue
    }
    if periods[index].period > asOfPeriod {
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
