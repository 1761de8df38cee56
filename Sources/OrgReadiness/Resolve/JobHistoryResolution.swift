/// What the resolve stage made of the job history: everyone's state on the as-of date, the
/// records it rejected or flagged, and the final accounting per input.
public struct ResolvedJobHistory: Sendable {
  /// The full state of the people `keep` asked for (the team leaders).
  public var people: [String: PersonState]
  /// Everyone's place in the reporting chain.
  public var links: ReportingLinks
  public var rejected: [RejectedRecord]
  public var flags: [FlaggedRecord]
  public var counts: [Int32: RecordCounts]
}

/// Resolves a compact job history person by person, so that only one person's events exist as
/// full records at a time. For each person, in reading order: exact duplicates are counted once
/// and future-dated events kept out (`selectAsOf`), event types still to infer are inferred
/// (`inferEventTypes`), same-day contradictions are rejected (`rejectSameDayConflicts`),
/// managers given by name are resolved against the names of the whole run
/// (`resolveManagerName`), and the person's state on the as-of date is resolved
/// (`resolvePeople`), with the directory's current status over it (`applyDirectory`). Every step
/// works within one person (a duplicate is the same person's event), so the result equals running
/// each on the whole history at once. Everyone goes into the compact reporting links; only the
/// people `keep` names keep their full state, so memory does not hold a million full states.
public func resolveJobHistory(
  _ store: JobEventStore, directory: [PersonRecord], keep: (String) -> Bool = { _ in true }
) -> ResolvedJobHistory {
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
  var links = ReportingLinks()
  var directoryByID: [String: PersonRecord] = [:]
  for record in directory { directoryByID[record.personID] = record }
  let groups = store.personGroups()
  for p in 0..<groups.count {
    let group = groups[p]
    var events = group.map { store.event(at: Int($0)) }
    if store.hasInferredTypes {
      // `group` is a slice of the flat order: offset its positions to index `events`.
      inferEventTypes(&events, at: events.indices.filter { store.isInferred(Int(group[group.startIndex + $0])) })
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
    guard let personID = events.first?.personID, var state = resolvePeople(events, asOf: asOf)[personID] else {
      continue
    }
    if let record = directoryByID[personID] { apply(record, to: &state) }
    links.add(state)
    if keep(personID) { people[personID] = state }
  }
  return ResolvedJobHistory(people: people, links: links, rejected: rejected, flags: flags, counts: counts)
}
