/// Rejects same-day changes of one person that contradict each other when nothing orders them.
///
/// Events on one day are applied in order of their ordering key (`sequence`, e.g. SuccessFactors
/// `seqNumber`). When two events of a person share a day and an ordering key (or both have
/// none) and the outcome depends on which is applied last, because both set a field to
/// different values (level, leader flag, manager, org unit) or one is a termination and the
/// other is not, the data cannot say which is right. The later row in the file is kept (exports
/// list rows in entry order, and a re-posted row is the correction) and each earlier one is
/// rejected, naming the row that superseded it. Same-day events that do not contradict each
/// other (a promotion and a pay change) are kept.
///
/// The selection is consumed, so that a large one is changed in place rather than copied.
public func rejectSameDayConflicts(_ selection: consuming AsOfSelection<JobEvent>) -> AsOfSelection<JobEvent> {
  struct Day: Hashable {
    var person: String
    var date: CalendarDate
  }
  // Most people's events are all on different days: then there is nothing to check.
  if selection.kept.count <= directComparisonLimit && !hasSharedDay(selection.kept) { return selection }
  // Most days hold one event: remember the first, and collect lists only for the others.
  var first: [Day: Int] = [:]
  first.reserveCapacity(selection.kept.count)
  var shared: [Day: [Int]] = [:]
  for i in selection.kept.indices {
    let day = Day(person: selection.kept[i].personID, date: selection.kept[i].effectiveDate)
    if let earlier = first[day] {
      shared[day, default: [earlier]].append(i)
    } else {
      first[day] = i
    }
  }
  var rejectedIndex = Set<Int>()
  var result = selection
  for indices in shared.values.sorted(by: { $0[0] < $1[0] }) {
    let ordered = indices.sorted { a, b in
      let la = result.kept[a].location
      let lb = result.kept[b].location
      return (la.input, la.line, a) < (lb.input, lb.line, b)
    }
    for (position, a) in ordered.enumerated() {
      let earlier = result.kept[a]
      for b in ordered[(position + 1)...] where !rejectedIndex.contains(b) {
        let later = result.kept[b]
        guard earlier.sequence == later.sequence, let field = contradiction(earlier, later) else { continue }
        rejectedIndex.insert(a)
        result.counts[earlier.location.input]?.reject()
        let key = earlier.sequence.map { "both carry ordering key \($0)" } ?? "neither has an ordering key"
        result.rejected.append(
          RejectedRecord(
            location: earlier.location, recordKey: earlier.personID, field: field,
            reason:
              "contradicts another change of this person on \(earlier.effectiveDate) (line \(later.location.line)) and \(key); the later row in the file was kept. Map an ordering key ('sequence') if the export has one"
          ))
        break
      }
    }
  }
  if !rejectedIndex.isEmpty {
    var index = 0
    result.kept.removeAll { _ in
      defer { index += 1 }
      return rejectedIndex.contains(index)
    }
  }
  return result
}

/// Whether two of a few events are one person's on one day (compared directly, without tables).
private func hasSharedDay(_ events: [JobEvent]) -> Bool {
  events.indices.contains { i in
    events[..<i].contains { $0.effectiveDate == events[i].effectiveDate && $0.personID == events[i].personID }
  }
}

/// The first field on which applying `a` then `b` differs from `b` then `a`, if any.
func contradiction(_ a: JobEvent, _ b: JobEvent) -> String? {
  func differ<T: Equatable>(_ x: T?, _ y: T?) -> Bool {
    guard let x, let y else { return false }
    return x != y
  }
  if (a.eventType == .termination) != (b.eventType == .termination) { return "event_type" }
  if differ(a.jobLevel, b.jobLevel) { return "job_level" }
  if differ(a.isPeopleLeader, b.isPeopleLeader) { return "is_people_leader" }
  if differ(a.managerID, b.managerID) { return "manager_id" }
  // Names count only where they stand in for ids (a renamed unit is not a contradiction).
  if a.managerID == nil && b.managerID == nil && differ(a.managerName, b.managerName) { return "manager_name" }
  if differ(a.orgUnitID, b.orgUnitID) { return "org_unit_id" }
  if a.orgUnitID == nil && b.orgUnitID == nil && differ(a.orgUnitName, b.orgUnitName) { return "org_unit_name" }
  return nil
}
