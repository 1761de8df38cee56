/// Dedupes a person directory: an exact duplicate is counted once, and a second, different
/// record for a person already read is rejected (the first one read is kept and the conflict is
/// reported rather than guessed).
public func selectDirectory(_ records: [PersonRecord]) -> AsOfSelection<PersonRecord> {
  var seen = Set<PersonRecord>(minimumCapacity: records.count)
  var first: [String: SourceLocation] = [:]
  var kept: [PersonRecord] = []
  var counts: CountsByInput = [:]
  var rejected: [RejectedRecord] = []
  for record in records {
    let input = record.location.input
    counts[input, default: RecordCounts()].read += 1
    if !seen.insert(record).inserted {
      counts[input]?.duplicates += 1
      continue
    }
    if let earlier = first[record.personID] {
      counts[input]?.rejected += 1
      rejected.append(
        RejectedRecord(
          location: record.location, recordKey: record.personID, field: "",
          reason: "a different directory record for this person was already read at line \(earlier.line)"))
      continue
    }
    first[record.personID] = record.location
    counts[input]?.accepted += 1
    kept.append(record)
  }
  return AsOfSelection(kept: kept, counts: counts, rejected: rejected)
}
