/// A person's situation on the as-of date, resolved from their effective-dated job history.
public struct PersonState: Hashable, Sendable {
  public var personID: String
  /// Employed on the as-of date (not terminated since the last hire).
  public var isActive: Bool
  public var isPeopleLeader: Bool
  /// True when some event (or the directory) said whether the person leads people; false when
  /// `isPeopleLeader` is only the default, which a direct-reports rule may then decide.
  public var isPeopleLeaderSet: Bool
  /// Effective date of the latest role-changing event on or before the as-of date.
  public var roleStart: CalendarDate?
  public var roleStartEvent: EventType?
  /// The start of the role before the current one, when the history shows one (the hire before a
  /// first promotion, say); nil when the current role is the first the history holds.
  public var previousRoleStart: CalendarDate?
  public var jobLevel: String?
  public var managerID: String?
  /// Where the current manager was set (for flags about it).
  public var managerLocation: SourceLocation?
  /// Where the leader flag was last set (for flags about it).
  public var leaderLocation: SourceLocation?
  /// The latest display name seen for the person.
  public var personName: String?
  public var orgUnitID: String?
  public var orgUnitName: String?

  public init(personID: String) {
    self.personID = personID
    self.isActive = false
    self.isPeopleLeader = false
    self.isPeopleLeaderSet = false
  }

  /// Days from the role start to `asOf`; nil when no role-changing event is known.
  public func daysInRole(asOf: CalendarDate) -> Int? {
    roleStart.map { $0.days(to: asOf) }
  }
}

/// Resolves each person's state on `asOf` from job events already in the as-of view.
///
/// Events of a person are applied in order of effective date, then ordering key (sequence), then
/// the order they were read. Role-changing events (hire, rehire, promotion, demotion, transfer)
/// start a new role and mark the person employed; `termination` ends employment; `other` events
/// never touch the role start. Every event's non-empty fields (leader flag, manager, org unit,
/// level) carry forward until a later event changes them.
public func resolvePeople(_ events: [JobEvent], asOf: CalendarDate) -> [String: PersonState] {
  let order = historyOrder(of: events, asOf: asOf)
  var people: [String: PersonState] = [:]
  people.reserveCapacity(order.count / 2)
  var first = 0
  while first < order.count {
    let person = events[order[first]].personID
    var end = first + 1
    while end < order.count && events[order[end]].personID == person { end += 1 }
    people[person] = resolvedState(of: person, applying: order[first..<end].lazy.map { events[$0] })
    first = end
  }
  return people
}

/// One person's state from their events (`resolvePeople` for a single person's events).
public func resolvePerson(_ events: [JobEvent], asOf: CalendarDate) -> PersonState? {
  let order = historyOrder(of: events, asOf: asOf)
  guard let first = order.first else { return nil }
  return resolvedState(of: events[first].personID, applying: order.lazy.map { events[$0] })
}

/// The indices of the events on or before `asOf`, in the order they are applied (`historyOrder`).
private func historyOrder(of events: [JobEvent], asOf: CalendarDate) -> [Int] {
  var order = Array(events.indices.filter { events[$0].effectiveDate <= asOf })
  order.sort { historyOrder(events, $0, $1) }
  return order
}

/// A person's state after applying their events in order (see `resolvePeople`).
private func resolvedState(of personID: String, applying events: some Sequence<JobEvent>) -> PersonState {
  var state = PersonState(personID: personID)
  var employmentKnown = false
  for event in events {
    switch event.eventType {
    case .termination:
      state.isActive = false
      employmentKnown = true
    case .other:
      if !employmentKnown {
        state.isActive = true
        employmentKnown = true
      }
    case .hire, .rehire, .promotion, .demotion, .transfer:
      state.isActive = true
      employmentKnown = true
      if let earlier = state.roleStart, earlier < event.effectiveDate { state.previousRoleStart = earlier }
      state.roleStart = event.effectiveDate
      state.roleStartEvent = event.eventType
    }
    if let flag = event.isPeopleLeader {
      state.isPeopleLeader = flag
      state.isPeopleLeaderSet = true
      state.leaderLocation = event.location
    }
    if let level = event.jobLevel { state.jobLevel = level }
    if let manager = event.managerID {
      state.managerID = manager
      state.managerLocation = event.location
    } else if event.managerName != nil {
      // A manager was named but could not be identified: the earlier manager no longer holds.
      state.managerID = nil
      state.managerLocation = event.location
    }
    if let name = event.personName { state.personName = name }
    if let unit = event.orgUnitID { state.orgUnitID = unit }
    if let name = event.orgUnitName { state.orgUnitName = name }
  }
  return state
}

/// The order a person's history is applied in: by person, effective date, ordering key
/// (`sequence`), then the order the events were read (input, line, position).
func historyOrder(_ events: [JobEvent], _ a: Int, _ b: Int) -> Bool {
  let ea = events[a]
  let eb = events[b]
  if ea.personID != eb.personID { return ea.personID < eb.personID }
  if ea.effectiveDate != eb.effectiveDate { return ea.effectiveDate < eb.effectiveDate }
  if (ea.sequence ?? 0) != (eb.sequence ?? 0) { return (ea.sequence ?? 0) < (eb.sequence ?? 0) }
  if ea.location.input != eb.location.input { return ea.location.input < eb.location.input }
  if ea.location.line != eb.location.line { return ea.location.line < eb.location.line }
  return a < b
}
