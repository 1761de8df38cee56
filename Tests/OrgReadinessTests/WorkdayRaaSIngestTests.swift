import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest

/// The Workday RaaS fixtures through the shipped mappings, the as-of view and time in role.
@Suite struct WorkdayRaaSIngestTests {
  static let asOf = CalendarDate.literal("2025-11-15")

  func jobs() throws -> IngestedFile<JobEvent> {
    let mapping = try MappingLoader.load(path: TestPaths.mapping("workday-raas-job-history")).mapping
    return try Ingest.jobEvents(path: TestPaths.fixture("workday-raas/job_history.xml"), mapping: mapping, input: 0)
  }

  func teams() throws -> IngestedFile<TeamPeriod> {
    let mapping = try MappingLoader.load(path: TestPaths.mapping("workday-raas-team-metrics")).mapping
    return try Ingest.teamPeriods(path: TestPaths.fixture("workday-raas/team_metrics.xml"), mapping: mapping, input: 1)
  }

  @Test func readsEveryEventWithItsLineAndTheEmployeeIDNotTheWID() throws {
    let file = try jobs()
    #expect(file.records.count == 14)
    #expect(file.rejected.isEmpty)
    let first = try #require(file.records.first)
    #expect(first.personID == "200001")
    #expect(first.location.line == 15)
    #expect(first.managerID == "200900")
    #expect(first.eventType == .hire)
    #expect(first.isPeopleLeader == false)
    #expect(file.records.map(\.location.line) == [15, 23, 31, 38, 48, 54, 66, 72, 78, 90, 96, 106, 112, 124])
  }

  @Test func decodesAmpersandsInNamespacedAttributes() throws {
    let file = try jobs()
    #expect(file.records.contains { $0.orgUnitName == "Risk & Fraud" })
    #expect(!file.records.contains { $0.orgUnitName?.contains("&#38;") ?? false })
  }

  @Test func timeInRoleFollowsTheDefinitions() throws {
    let selection = selectAsOf(try jobs().records, asOf: Self.asOf)
    let people = resolvePeople(selection.kept, asOf: Self.asOf)
    // A pay change and a data change do not reset time in role.
    #expect(people["200001"]?.daysInRole(asOf: Self.asOf) == 532)
    #expect(people["200001"]?.isPeopleLeader == true)
    // A future-dated promotion does not count.
    #expect(people["200002"]?.daysInRole(asOf: Self.asOf) == 2140)
    #expect(people["200002"]?.jobLevel == nil)
    // The duplicated promotion counts once and still gives the right start.
    #expect(people["200003"]?.daysInRole(asOf: Self.asOf) == 45)
    // A Workday date with a zone offset is the calendar date written.
    #expect(people["200005"]?.roleStart?.description == "2025-07-01")
    #expect(people["200005"]?.daysInRole(asOf: Self.asOf) == 137)
    #expect(people["200004"]?.isActive == false)
    #expect(people["200006"]?.isPeopleLeader == false)
    let counts = try #require(selection.counts[0])
    #expect(counts == RecordCounts(read: 14, accepted: 12, rejected: 0, duplicates: 1, futureDated: 1))
  }

  @Test func teamMetricsAccountingAndRejections() throws {
    let file = try teams()
    #expect(file.recordsRead == 11)
    #expect(file.rejected.count == 2)
    let headcount = try #require(file.rejected.first { $0.field == "headcount" })
    #expect(headcount.location.line == 55)
    #expect(headcount.recordKey == "200005 2025-09")
    let range = try #require(file.rejected.first { $0.field == "approval_share" })
    #expect(range.location.line == 62)
    #expect(range.reason.contains("outside the valid range"))

    let selection = selectAsOf(file.records, asOf: Self.asOf)
    var counts = try #require(selection.counts[1])
    counts.read += file.rejected.count
    counts.rejected += file.rejected.count
    #expect(counts == RecordCounts(read: 11, accepted: 7, rejected: 2, duplicates: 1, futureDated: 1))
    #expect(counts.balances)
  }

  @Test func windowValuesAndPopulationCounts() throws {
    let mapping = try MappingLoader.load(path: TestPaths.mapping("workday-raas-team-metrics")).mapping
    let people = resolvePeople(selectAsOf(try jobs().records, asOf: Self.asOf).kept, asOf: Self.asOf)
    let periods = selectAsOf(try teams().records, asOf: Self.asOf).kept
    let population = buildPopulation(
      people: people, periods: periods, indicatorCount: mapping.indicators.count, asOf: Self.asOf, windowLength: 3)
    #expect(population.window.map(\.description) == ["2025-09", "2025-10", "2025-11"])
    #expect(population.teams.map(\.leaderID) == ["200001", "200003", "200005"])
    let review = try #require(mapping.indicators.firstIndex { $0.indicator.name == "review_wait_hours" })
    let engagement = try #require(mapping.indicators.firstIndex { $0.indicator.name == "engagement_score" })
    let first = population.teams[0]
    #expect(first.values[review] == 25)  // (20 + 30) / 2; May's 99 is outside the window
    #expect(first.values[engagement] == 70)  // only October has a value
    #expect(first.headcount == 8.5)
    #expect(first.orgUnitName == "Payments Platform")
    #expect(population.teams[2].orgUnitName == "Risk & Fraud")
    #expect(population.teamsOfLeadersNotInJobHistory == 1)
    #expect(population.teamsWithoutCurrentLeader == 1)
    #expect(population.leaders == 3)
  }
}
