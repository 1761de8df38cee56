/// What the resolve stage made of the job history: everyone's state on the as-of date, the
/// records it rejected or flagged, and the final accounting per input.
public struct ResolvedJobHistory: Sendable {
  public var people: [String: PersonState]
  public var rejected: [RejectedRecord]
  public var flags: [FlaggedRecord]
  public var counts: [Int32: RecordCounts]
  /// Every person id with an event in the as-of view.
  public var personIDs: Set<String>
}

/// Resolves a compact job history person by person, so that only one person's events exist as
/// full records at a time. For each person, in reading order: exact duplicates are counted once
/// and future-dated events kept out (`selectAsOf`), event types still to infer are inferred
/// (`inferEventTypes`), same-day contradictions are rejected (`rejectSameDayConflicts`),
/// managers given by name are resolved against the names of the whole run
/// (`resolveManagerName`), and the person's state on the as-of date is resolved
/// (`resolvePeople`). Every step works within one person (a duplicate is the same person's
/// event), so the result equals running each on the whole history at once.
public func resolveJobHistory(_ store: JobEventStore, directory: [PersonRecord]) -> ResolvedJobHistory {
  let asOf = store.asOf
  var index: [String: Set<String>] = [:]
  let namesToResolve = store.hasManagerNamesToResolve
  if namesToResolve {
    index = managerNameIndex(directory: directory)
    for (name, ids) in store.names(normalise: normalisedName) { index[name, default: []].formUnion(ids) }
  }
  var people: [String: PersonState] = [:]
  var rejected: [RejectedRecord] = []
  var flags: [FlaggedRecord] = []
  var counts: [Int32: RecordCounts] = [:]
  var ids = Set<String>()
  let groups = store.personGroups()
  people.reserveCapacity(groups.count)
  ids.reserveCapacity(groups.count)
  for group in groups {
    var events = group.map { store.event(at: Int($0)) }
    if store.hasInferredTypes {
      inferEventTypes(&events, at: group.indices.filter { store.isInferred(Int(group[$0])) })
    }
    var selection = selectAsOf(events, asOf: asOf)
    if selection.kept.count > 1 { selection = rejectSameDayConflicts(selection) }
    for (input, c) in selection.counts {
      var total = counts[input, default: RecordCounts()]
      total.read += c.read
      total.accepted += c.accepted
      total.rejected += c.rejected
      total.duplicates += c.duplicates
      total.futureDated += c.futureDated
      counts[input] = total
    }
    rejected += selection.rejected
    events = selection.kept
    if namesToResolve {
      for i in events.indices {
        if let flag = resolveManagerName(&events[i], index: index) { flags.append(flag) }
      }
    }
    guard let personID = events.first?.personID else { continue }
    ids.insert(personID)
    if let state = resolvePeople(events, asOf: asOf)[personID] { people[personID] = state }
  }
  return ResolvedJobHistory(people: people, rejected: rejected, flags: flags, counts: counts, personIDs: ids)
}
