import Testing

@testable import OrgReadiness

/// The resolve stage's checks as pure functions: what each rejects or flags, and that the
/// accounting still adds up.
@Suite struct ResolveChecksTests {
  static let asOf = CalendarDate.literal("2025-11-15")

  func event(
    _ person: String, _ date: String, _ type: EventType = .hire, level: String? = nil, manager: String? = nil,
    managerName: String? = nil, name: String? = nil, sequence: Int? = nil, line: Int
  ) -> JobEvent {
    JobEvent(
      personID: person, effectiveDate: CalendarDate.literal(date), eventType: type, jobLevel: level, managerID: manager,
      sequence: sequence, personName: name, managerName: managerName, location: SourceLocation(input: 0, line: line))
  }

  @Test func sameDayChangesRejectOnlyRealContradictions() {
    let events = [
      event("1", "2024-01-01", .promotion, level: "M1", line: 1),
      event("1", "2024-01-01", .other, line: 2),  // a pay change: no contradiction
      event("2", "2024-01-01", .transfer, manager: "9", line: 3),
      event("2", "2024-01-01", .transfer, manager: "8", line: 4),  // contradicts line 3
      event("3", "2024-01-01", .hire, manager: "9", sequence: 1, line: 5),
      event("3", "2024-01-01", .other, manager: "8", sequence: 2, line: 6),  // ordered by sequence
      event("4", "2024-01-01", .hire, line: 7),
      event("4", "2024-01-01", .termination, line: 8),  // active or not depends on the order
    ]
    let selection = rejectSameDayConflicts(selectAsOf(events, asOf: Self.asOf))
    #expect(selection.rejected.map(\.location.line) == [3, 7])
    #expect(selection.rejected.map(\.field) == ["manager_id", "event_type"])
    #expect(selection.kept.count == 6)
    let counts = selection.counts[0]
    #expect(counts == RecordCounts(read: 8, accepted: 6, rejected: 2))
    #expect(counts?.balances == true)
  }

  @Test func managerNamesResolveOnlyWhenUnique() {
    let events = [
      event("1", "2020-01-01", name: "Ann Lee", line: 1),
      event("2", "2020-01-01", name: "Bo Ek", line: 2),
      event("3", "2020-01-01", name: "Bo  EK", line: 3),
      event("4", "2020-01-01", managerName: "ann lee", line: 4),
      event("5", "2020-01-01", managerName: "Bo Ek", line: 5),
      event("2", "2021-01-01", managerName: "Bo Ek", line: 6),  // excludes themselves: 3 is left
      event("6", "2020-01-01", manager: "1", managerName: "Someone Else", line: 7),  // an id wins
      event("7", "2020-01-01", managerName: "Cy Do", line: 8),
    ]
    let directory = [PersonRecord(personID: "8", personName: "Cy Do")]
    let (resolved, flags) = resolveManagerNames(events, directory: directory)
    #expect(resolved.map(\.managerID) == [nil, nil, nil, "1", nil, "3", "1", "8"])
    #expect(flags.map(\.check) == ["ambiguous_manager_name"])
    #expect(flags.first?.recordKey == "5")
  }

  @Test func reportingChainFlagsUnknownSelfAndCycles() {
    let events = [
      event("1", "2020-01-01", manager: "2", line: 1),
      event("2", "2020-01-01", manager: "3", line: 2),
      event("3", "2020-01-01", manager: "1", line: 3),
      event("4", "2020-01-01", manager: "4", line: 4),
      event("5", "2020-01-01", manager: "99", line: 5),
      event("6", "2020-01-01", manager: "1", line: 6),
      event("7", "2020-01-01", manager: "98", line: 7),
      event("7", "2021-01-01", .termination, line: 8),
    ]
    let people = resolvePeople(events, asOf: Self.asOf)
    let flags = checkReportingChain(people, knownPeople: Set(people.keys))
    #expect(
      flags.map { "\($0.recordKey):\($0.check)" } == [
        "4:self_manager", "5:unknown_manager", "1:reporting_cycle", "2:reporting_cycle", "3:reporting_cycle",
      ])
    #expect(flags.last?.reason.contains("1 → 2 → 3 → 1") == true)
    #expect(flags.first { $0.recordKey == "5" }?.location.line == 5)
  }

  @Test func directReportsMakeLeadersUnlessAFlagSaysOtherwise() {
    var people = resolvePeople(
      [
        event("1", "2020-01-01", line: 1),
        event("2", "2020-01-01", manager: "1", line: 2),
        event("3", "2020-01-01", manager: "2", line: 3),
        event("3", "2024-01-01", .termination, line: 4),
        JobEvent(
          personID: "4", effectiveDate: CalendarDate(iso: "2020-01-01")!, eventType: .hire, isPeopleLeader: false,
          location: SourceLocation(input: 0, line: 5)),
        event("5", "2020-01-01", manager: "4", line: 6),
      ], asOf: Self.asOf)
    applyDirectReportsRule(to: &people)
    #expect(people["1"]?.isPeopleLeader == true)
    #expect(people["2"]?.isPeopleLeader == false)  // their only report has left
    #expect(people["4"]?.isPeopleLeader == false)  // said so explicitly
  }

  @Test func directoryStatusWins() {
    var people = resolvePeople([event("1", "2020-01-01", line: 1)], asOf: Self.asOf)
    applyDirectory([PersonRecord(personID: "1", personName: "Ann", isActive: false)], to: &people)
    #expect(people["1"]?.isActive == false)
    #expect(people["1"]?.personName == "Ann")
    let selection = selectDirectory([
      PersonRecord(personID: "1", isActive: true, location: SourceLocation(input: 2, line: 3)),
      PersonRecord(personID: "1", isActive: true, location: SourceLocation(input: 2, line: 4)),
      PersonRecord(personID: "1", isActive: false, location: SourceLocation(input: 2, line: 5)),
    ])
    #expect(selection.counts[2] == RecordCounts(read: 3, accepted: 1, rejected: 1, duplicates: 1))
    #expect(selection.rejected.first?.reason.contains("line 3") == true)
  }

  @Test func teamMetricsOfUnknownLeadersAreRejectedAndCounted() {
    let people = resolvePeople([event("1", "2020-01-01", line: 1)], asOf: Self.asOf)
    let periods = [
      TeamPeriod(
        leaderID: "1", period: Period(year: 2025, month: 10), values: [], location: SourceLocation(input: 1, line: 4)),
      TeamPeriod(
        leaderID: "9", period: Period(year: 2025, month: 10), values: [], location: SourceLocation(input: 1, line: 9)),
      TeamPeriod(
        leaderID: "9", period: Period(year: 2026, month: 1), values: [], location: SourceLocation(input: 1, line: 12)),
    ]
    let (selection, teams) = rejectTeamsOfUnknownLeaders(selectAsOf(periods, asOf: Self.asOf), people: people)
    #expect(selection.kept.map(\.leaderID) == ["1"])
    #expect(selection.rejected.map(\.location.line) == [9])
    #expect(selection.counts[1] == RecordCounts(read: 3, accepted: 1, rejected: 1, futureDated: 1))
    // The population's account counts the team once, however many of its rows were rejected.
    #expect(teams == 1)
  }

  /// Duplicates are found by comparing a record with the versions already read for its team and
  /// month: a repeat of the first version or of a rejected one is a duplicate (counted once, not
  /// rejected again), and a third version is rejected against the first one's line.
  @Test func teamMonthDuplicatesMatchAnyVersionReadForTheirKey() {
    let october = Period(year: 2025, month: 10)
    func period(_ leader: String, _ value: Double, line: Int, input: Int = 1) -> TeamPeriod {
      TeamPeriod(leaderID: leader, period: october, values: [value], location: SourceLocation(input: input, line: line))
    }
    let selection = selectAsOf(
      [
        period("1", 5, line: 2),
        period("1", 6, line: 3),  // a second version: rejected
        period("1", 6, line: 4),  // repeats the rejected version: a duplicate
        period("1", 5, line: 5, input: 2),  // repeats the first, in another input: a duplicate there
        period("1", 7, line: 6),  // a third version: rejected against line 2
        period("2", 5, line: 7),  // same values, another team: a record of its own
      ], asOf: Self.asOf)
    #expect(selection.kept.map(\.location.line) == [2, 7])
    #expect(selection.rejected.map(\.location.line) == [3, 6])
    #expect(selection.rejected.allSatisfy { $0.reason.hasSuffix("already read at line 2") })
    #expect(selection.counts[1] == RecordCounts(read: 5, accepted: 2, rejected: 2, duplicates: 1))
    #expect(selection.counts[2] == RecordCounts(read: 1, duplicates: 1))
  }

  /// Counts by input keep the first input inline; they must still read, write, remove, iterate
  /// and compare exactly as a dictionary of the same entries.
  @Test func countsByInputBehaveAsADictionary() {
    var counts = CountsByInput()
    var reference: [Int32: RecordCounts] = [:]
    let steps: [(Int32, RecordCounts?)] = [
      (3, RecordCounts(read: 1)), (1, RecordCounts(read: 2)), (3, RecordCounts(read: 4)), (7, RecordCounts(read: 8)),
      (3, nil), (5, nil), (1, nil), (7, nil), (2, RecordCounts(read: 16)),
    ]
    for (input, value) in steps {
      counts[input] = value
      reference[input] = value
      #expect(counts.dictionary == reference)
      #expect(Dictionary(uniqueKeysWithValues: counts.map { ($0.key, $0.value) }) == reference)
      #expect(counts.isEmpty == reference.isEmpty)
    }
    counts[2, default: RecordCounts()].accepted += 1
    counts[9, default: RecordCounts()].read += 1
    #expect(counts[2] == RecordCounts(read: 16, accepted: 1))
    #expect(counts[9] == RecordCounts(read: 1))
    let sameInAnotherOrder: CountsByInput = [9: RecordCounts(read: 1), 2: RecordCounts(read: 16, accepted: 1)]
    #expect(counts == sameInAnotherOrder)
  }

  @Test func inferredTypesRestartAfterATermination() {
    var events = [
      event("1", "2019-01-01", .other, level: "L1", line: 1),
      event("1", "2020-06-30", .termination, line: 2),
      event("1", "2021-03-01", .other, level: "L1", line: 3),
      event("1", "2022-03-01", .other, level: "L2", line: 4),
    ]
    inferEventTypes(&events, at: [0, 2, 3])
    #expect(events.map(\.eventType) == [.hire, .termination, .rehire, .promotion])
    let people = resolvePeople(events, asOf: Self.asOf)
    #expect(people["1"]?.roleStart?.description == "2022-03-01")
    #expect(people["1"]?.isActive == true)
  }
}
