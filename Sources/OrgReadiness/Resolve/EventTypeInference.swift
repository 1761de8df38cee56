/// Works out event types for exports that carry none (BambooHR `jobInfo` rows, HR-XML
/// deployments), from what changes between a person's rows.
///
/// The rows at `indices` are the ones to infer; the other events of the same people only take
/// part in the ordering. Per person, in order of effective date, ordering key and place in the
/// file: the first inferred row is a `hire` (or a `rehire` after a termination); a row whose
/// `jobLevel` differs from the previous inferred row's is a `promotion` (the export cannot tell
/// a promotion from a lateral move or a demotion; both start a new role); a row whose
/// `orgUnitID` alone differs is a `transfer`; any other row (a new manager, a location) is
/// `other` and does not start a new role. A row identical to the previous one keeps its type,
/// so that a duplicated row stays an exact duplicate.
public func inferEventTypes(_ events: inout [JobEvent], at indices: [Int]) {
  guard !indices.isEmpty else { return }
  let inferred = Set(indices)
  let people = Set(indices.map { events[$0].personID })
  var order = events.indices.filter { people.contains(events[$0].personID) }
  order.sort { historyOrder(events, $0, $1) }
  var person: String?
  var previous: JobEvent?
  var terminatedSince = false
  for index in order {
    let event = events[index]
    if event.personID != person {
      person = event.personID
      previous = nil
      terminatedSince = false
    }
    guard inferred.contains(index) else {
      if event.eventType == .termination { terminatedSince = true }
      continue
    }
    var type: EventType
    if let previous {
      var same = event
      same.eventType = previous.eventType
      if same == previous && !terminatedSince {
        type = previous.eventType
      } else if terminatedSince {
        type = .rehire
      } else if event.jobLevel != nil && event.jobLevel != previous.jobLevel {
        type = .promotion
      } else if event.orgUnitID != nil && event.orgUnitID != previous.orgUnitID {
        type = .transfer
      } else {
        type = .other
      }
    } else {
      type = terminatedSince ? .rehire : .hire
    }
    events[index].eventType = type
    previous = events[index]
    terminatedSince = false
  }
}
