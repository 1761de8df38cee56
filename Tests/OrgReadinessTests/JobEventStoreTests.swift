import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest

/// The compact store and the person-by-person resolution give exactly what the whole-array
/// functions give, on every dialect's fixtures.
@Suite struct JobEventStoreTests {
  static let cases: [(fixture: String, mapping: String)] = [
    ("workday-raas/job_history.xml", "workday-raas-job-history"),
    ("workday-raas/job_history_traps.xml", "workday-raas-job-history"),
    ("workday-raas/job_history_simple.xml", "workday-raas-job-history-simple"),
    ("workday-get-workers/get_workers_page_1.xml", "workday-get-workers"),
    ("successfactors/empjob.xml", "successfactors-empjob"),
    ("hr-xml/indicative_data.xml", "hr-xml-indicative-data"),
    ("bamboohr/jobinfo.xml", "bamboohr-jobinfo"),
  ]

  @Test(arguments: cases)
  func storeResolutionEqualsArrayResolution(fixture: String, mapping: String) throws {
    let asOf = Dialects.asOf
    let compiled = try Dialects.mapping(mapping)
    let path = TestPaths.fixture(fixture)

    let file = try Ingest.jobEvents(path: path, mapping: compiled, input: 0)
    let selection = rejectSameDayConflicts(selectAsOf(file.records, asOf: asOf))
    let (named, nameFlags) = resolveManagerNames(selection.kept, directory: [])
    let expected = resolvePeople(named, asOf: asOf)

    let read = try Ingest.jobHistory(path: path, mapping: compiled, input: 0, asOf: asOf)
    let history = resolveJobHistory(read.store, directory: [])

    #expect(history.people == expected)
    #expect(
      Set(history.rejected.map { "\($0.location.line) \($0.field)" })
        == Set(selection.rejected.map { "\($0.location.line) \($0.field)" }))
    #expect(
      Set(history.flags.map { "\($0.location.line) \($0.check)" })
        == Set(nameFlags.map { "\($0.location.line) \($0.check)" }))
    #expect(history.counts[0] == selection.counts[0])
    #expect(read.rejected.count == file.rejected.count)
  }

  @Test func duplicatesAcrossInputsAreTheLaterOnes() throws {
    let asOf = Dialects.asOf
    let compiled = try Dialects.mapping("workday-raas-job-history")
    let path = TestPaths.fixture("workday-raas/job_history.xml")
    var first = try Ingest.jobHistory(path: path, mapping: compiled, input: 0, asOf: asOf).store
    let second = try Ingest.jobHistory(path: path, mapping: compiled, input: 1, asOf: asOf).store
    first.append(contentsOf: second)
    // The same file read twice: every event of the second input is a duplicate of the first's.
    let history = resolveJobHistory(first, directory: [])
    let c0 = try #require(history.counts[0])
    let c1 = try #require(history.counts[1])
    #expect(c1.read == c0.read)
    #expect(c1.accepted == 0)
    // Duplicates are recognised before the as-of view, so the future-dated ones count as duplicates too.
    #expect(c1.duplicates == c0.read)
    #expect(c1.futureDated == 0)
    #expect(c0.balances && c1.balances)
  }

  @Test func internedStringsRoundTrip() {
    var table = StringTable()
    let a = table.intern("DEP-001")
    let b = table.intern("Identity & Access")
    #expect(table.intern("DEP-001") == a)
    #expect(table[a] == "DEP-001" && table[b] == "Identity & Access")
    #expect(table.intern(nil) == 0 && table[0] == nil)
    #expect(table.count == 2)
  }
}
