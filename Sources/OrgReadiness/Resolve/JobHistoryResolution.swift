/// What the resolve stage made of the job history: everyone's state on the as-of date, the
/// records it rejected or flagged, and the final accounting per input.
public struct ResolvedJobHistory: Sendable {
  /// The full state of the people `keep` asked for (the team leaders).
  public var people: [String: PersonState]
  /// Everyone's place in the reporting chain.
  public var links: ReportingLinks
  public var rejected: [RejectedRecord]
  public var flags: [FlaggedRecord]
  public var counts: CountsByInput
}

/// Resolves a compact job history person by person, so that only a few thousand people's events
/// exist as full records at a time. For each person, in reading order: exact duplicates are counted
/// once and future-dated events kept out (`selectAsOf`), event types still to infer are inferred
/// (`inferEventTypes`), same-day contradictions are rejected (`rejectSameDayConflicts`),
/// managers given by name are resolved against the names of the whole run
/// (`resolveManagerName`), and the person's state on the as-of date is resolved
/// (`resolvePeople`), with the directory's current status over it (`applyDirectory`). Every step
/// works within one person (a duplicate is the same person's event), so the result equals running
/// each on the whole history at once. Everyone goes into the compact reporting links; only the
/// people `keep` names keep their full state, so memory does not hold a million full states.
///
/// People are resolved in blocks on all cores (`resolvePerson` for each), and each block's results
/// are then taken in person order, so the outcome is the same as one thread's. Taking a block's
/// results (into the links, the counts and the kept states) is one more task beside the next
/// block's pieces, so it does not leave the other core idle.
public func resolveJobHistory(
  _ store: JobEventStore, directory: [PersonRecord], keep: @Sendable (String) -> Bool = { _ in true }
) -> ResolvedJobHistory {
  var index: [String: Set<String>] = [:]
  if store.hasManagerNamesToResolve {
    index = managerNameIndex(directory: directory)
    for (name, ids) in store.names(normalise: normalisedName) { index[name, default: []].formUnion(ids) }
  }
  var directoryByID: [String: PersonRecord] = [:]
  for record in directory { directoryByID[record.personID] = record }
  let context = PersonResolutionContext(store: store, managerNames: index, directory: directoryByID)
  let groups = store.personGroups()
  let merged = MergedResolutions(capacity: groups.count)
  // Blocks small enough that their full states stay a few MB, large enough that the cores
  // share each block's work in a few pieces.
  let blockSize = 1 << 13
  let piecesPerBlock = 8
  var previous: [[PersonResolution]?] = []
  var blockStart = 0
  repeat {
    let block = blockStart..<min(groups.count, blockStart + blockSize)
    let pieceSize = (block.count + piecesPerBlock - 1) / piecesPerBlock
    let results = ParallelResults<[PersonResolution]>(count: piecesPerBlock)
    let earlier = previous
    concurrentPerform(iterations: piecesPerBlock + 1) { task in
      guard task > 0 else { return merged.take(earlier, keep: keep) }
      let start = block.lowerBound + (task - 1) * pieceSize
      let end = min(block.upperBound, start + pieceSize)
      guard start < end else { return }
      results.set(task - 1, (start..<end).map { context.resolve(groups[$0]) })
    }
    previous = results.values
    blockStart += blockSize
  } while blockStart < groups.count
  merged.take(previous, keep: keep)
  return ResolvedJobHistory(
    people: merged.people, links: merged.links, rejected: merged.rejected, flags: merged.flags, counts: merged.counts)
}

/// The resolve's results taken block by block in person order. Only one task at a time touches
/// it (the parallel loop that runs the task ends before the next begins).
private final class MergedResolutions: @unchecked Sendable {
  var people: [String: PersonState] = [:]
  var rejected: [RejectedRecord] = []
  var flags: [FlaggedRecord] = []
  var counts: CountsByInput = [:]
  var links: ReportingLinks

  init(capacity: Int) {
    links = ReportingLinks(minimumCapacity: capacity)
  }

  /// Takes one block's pieces, in order.
  func take(_ pieces: [[PersonResolution]?], keep: (String) -> Bool) {
    for piece in pieces {
      for person in piece ?? [] {
        for (input, c) in person.counts { counts[input, default: RecordCounts()].add(c) }
        rejected += person.rejected
        flags += person.flags
        guard let state = person.state else { continue }
        links.add(state)
        if keep(state.personID) { people[state.personID] = state }
      }
    }
  }
}

/// What resolving one person gave: their state on the as-of date (nil when no event is in the
/// as-of view), their records' accounting per input, and what was rejected or flagged.
struct PersonResolution: Sendable {
  var state: PersonState?
  var counts: CountsByInput
  var rejected: [RejectedRecord]
  var flags: [FlaggedRecord]
}

/// What every person's resolution reads: the store, the run's names for managers given by name,
/// and the directory by person id.
struct PersonResolutionContext: Sendable {
  let store: JobEventStore
  let managerNames: [String: Set<String>]
  let directory: [String: PersonRecord]

  /// Resolves one person from their events (`group`: row indices in reading order).
  func resolve(_ group: ArraySlice<Int32>) -> PersonResolution {
    var events = group.map { store.event(at: Int($0)) }
    if store.hasInferredTypes {
      // `group` is a slice of the flat order: offset its positions to index `events`.
      inferEventTypes(&events, at: events.indices.filter { store.isInferred(Int(group[group.startIndex + $0])) })
    }
    var selection = selectAsOf(events, asOf: store.asOf)
    if selection.kept.count > 1 { selection = rejectSameDayConflicts(selection) }
    var flags: [FlaggedRecord] = []
    events = selection.kept
    if store.hasManagerNamesToResolve {
      for i in events.indices {
        if let flag = resolveManagerName(&events[i], index: managerNames) { flags.append(flag) }
      }
    }
    var state: PersonState?
    if var resolved = resolvePerson(events, asOf: store.asOf) {
      if let record = directory[resolved.personID] { apply(record, to: &resolved) }
      state = resolved
    }
    return PersonResolution(state: state, counts: selection.counts, rejected: selection.rejected, flags: flags)
  }
}
