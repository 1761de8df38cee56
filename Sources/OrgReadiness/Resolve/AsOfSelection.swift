/// The records of a run sorted into what the as-of view keeps and what it only counts.
public struct AsOfSelection<Record: Sendable>: Sendable {
  /// Records in the as-of view, in input order.
  public var kept: [Record]
  /// Per input index: how many records were duplicates, future-dated, rejected here and kept.
  public var counts: [Int32: RecordCounts]
  /// Records rejected by the selection itself (conflicting versions of one key).
  public var rejected: [RejectedRecord]
}

/// Dedupes job events (exact duplicates are counted once) and keeps future-dated events
/// (effective after `asOf`) out of the view while counting them.
public func selectAsOf(_ events: [JobEvent], asOf: CalendarDate) -> AsOfSelection<JobEvent> {
  var seen = Set<JobEvent>(minimumCapacity: events.count)
  var kept: [JobEvent] = []
  kept.reserveCapacity(events.count)
  var counts: [Int32: RecordCounts] = [:]
  for event in events {
    let input = event.location.input
    counts[input, default: RecordCounts()].read += 1
    if !seen.insert(event).inserted {
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
/// the conflict is reported rather than averaged away).
public func selectAsOf(_ periods: [TeamPeriod], asOf: CalendarDate) -> AsOfSelection<TeamPeriod> {
  struct Key: Hashable {
    var leaderID: String
    var period: Period
  }
  let asOfPeriod = asOf.period
  var seen = Set<TeamPeriod>(minimumCapacity: periods.count)
  var firstByKey: [Key: SourceLocation] = [:]
  var kept: [TeamPeriod] = []
  kept.reserveCapacity(periods.count)
  var counts: [Int32: RecordCounts] = [:]
  var rejected: [RejectedRecord] = []
  for record in periods {
    let input = record.location.input
    counts[input, default: RecordCounts()].read += 1
    if !seen.insert(record).inserted {
      counts[input]?.duplicates += 1
      continue
    }
    let key = Key(leaderID: record.leaderID, period: record.period)
    if let first = firstByKey[key] {
      counts[input]?.rejected += 1
      rejected.append(
        RejectedRecord(
          location: record.location, recordKey: "\(record.leaderID) \(record.period)", field: "",
          reason: "a different record for this team and month was already read at line \(first.line)"))
      continue
    }
    firstByKey[key] = record.location
    if record.period > asOfPeriod {
      counts[input]?.futureDated += 1
    } else {
      counts[input]?.accepted += 1
      kept.append(record)
    }
  }
  return AsOfSelection(kept: kept, counts: counts, rejected: rejected)
}
