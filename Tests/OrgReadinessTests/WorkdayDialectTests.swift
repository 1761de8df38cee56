import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest
@testable import OrgReadinessPipeline

/// Workday RaaS (Workday XML traps, Simple XML) and Get_Workers, through the built-in mappings.
@Suite struct WorkdayDialectTests {
  @Test func raasTrapsAtIngest() throws {
    let file = try Dialects.jobs("workday-raas/job_history_traps.xml", "workday-raas-job-history")
    #expect(file.records.count == 8)
    #expect(file.filtered == 2)  // one rescinded, one corrected
    #expect(file.rejected.map(\.field) == ["event_type", "effective_date", ""])
    #expect(file.rejected.map(\.location.line) == [57, 61, 69])
    #expect(file.rejected[2].recordKey == "300004")
    let mia = file.records.filter { $0.personID == "300001" }
    // +05:30 and a dateTime with -07:00 stay the calendar dates written.
    #expect(mia.map(\.effectiveDate.description) == ["2020-02-03", "2023-05-01", "2020-02-03"])
    // The Employee_ID, never the WID listed first; no descriptors at all in this entry.
    #expect(mia[0].managerID == "300009")
    #expect(mia[0].personName == nil && mia[0].managerName == nil)
    #expect(!file.records.contains { ($0.managerID ?? "").count == 32 })
  }

  @Test func raasTrapsThroughTheResolveStage() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let teams = try Dialects.write(Dialects.plainTeamMetrics([("300001", "2025-10"), ("300099", "2025-10")]), in: dir)
    let prepared = try Dialects.prepare(
      [
        ("jobs", TestPaths.fixture("workday-raas/job_history_traps.xml"), "workday-raas-job-history"),
        ("teams", teams, "plain-team-metrics"),
      ], in: dir)
    #expect(prepared.counts("jobs") == RecordCounts(read: 11, accepted: 8, rejected: 3, filtered: 2))
    #expect(prepared.counts("teams") == RecordCounts(read: 2, accepted: 1, rejected: 1))
    let unknownLeader = try #require(prepared.rejects.first { $0.recordKey.hasPrefix("300099") })
    #expect(unknownLeader.field == "leader_id")
    #expect(unknownLeader.reason.contains("not in the job history"))
    // The manager known only by descriptor ("Mia  Chen") is found by name.
    #expect(prepared.people["300002"]?.managerID == "300001")
    #expect(prepared.people["300001"]?.isPeopleLeader == true)
    #expect(prepared.people["300001"]?.roleStart?.description == "2023-05-01")
    let checks = prepared.flags.map { "\($0.recordKey) \($0.check)" }.sorted()
    #expect(
      checks == [
        "300001 unknown_manager", "300005 unknown_manager", "300006 reporting_cycle", "300007 reporting_cycle",
      ])
    #expect(prepared.summary("jobs")?.flagged == 4)
    let cycle = try #require(prepared.flags.first { $0.check == "reporting_cycle" })
    #expect(cycle.reason.contains("300006 → 300007 → 300006"))
  }

  @Test func simpleXMLResolvesManagersByNameAndFlagsAmbiguousOnes() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let teams = try Dialects.write(Dialects.plainTeamMetrics([("21001", "2025-10"), ("20007", "2025-10")]), in: dir)
    let prepared = try Dialects.prepare(
      [
        ("jobs", TestPaths.fixture("workday-raas/job_history_simple.xml"), "workday-raas-job-history-simple"),
        ("teams", teams, "plain-team-metrics"),
      ], in: dir)
    #expect(prepared.counts("jobs") == RecordCounts(read: 6, accepted: 6))
    let jane = try #require(prepared.people["21001"])
    #expect(jane.managerID == "20007")  // "John Smith; Ann Lee": the first of a ';'-joined list
    #expect(jane.isPeopleLeader)
    #expect(jane.roleStart?.description == "2022-04-01")
    #expect(prepared.people["21002"]?.orgUnitID == "Search")
    #expect(prepared.people["21004"]?.managerID == nil)
    // The leader rule against the reporting lines: two managers nobody active reports to (the
    // fixture holds only part of the organisation, and Max's manager is ambiguous).
    #expect(
      prepared.flags.map { "\($0.recordKey) \($0.check)" }.sorted() == [
        "21001 leader_without_direct_reports", "21002 leader_without_direct_reports", "21004 ambiguous_manager_name",
      ])
    let flag = try #require(prepared.flags.first { $0.check == "ambiguous_manager_name" })
    #expect(flag.recordKey == "21004")
    #expect(flag.reason.contains("2 people are named 'Lee Kim' (21002, 21003)"))
  }

  @Test func getWorkersPagedResponsesWithEitherPrefix() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let teams = try Dialects.write(
      Dialects.plainTeamMetrics([("21001", "2025-10"), ("20001", "2025-10"), ("21005", "2025-10")]), in: dir)
    let pattern = TestPaths.fixture("workday-get-workers") + "/get_workers_page_*.xml"
    let prepared = try Dialects.prepare(
      [("workers", pattern, "workday-get-workers"), ("teams", teams, "plain-team-metrics")], in: dir)
    #expect(prepared.summaries.map(\.name) == ["workers[1]", "workers[2]", "teams"])
    // Page 1: the hire appears in the log and in Worker_Status_Data (one duplicate); the
    // rescinded and the corrected Change Job are filtered.
    #expect(prepared.counts("workers[1]") == RecordCounts(read: 7, accepted: 6, duplicates: 1, filtered: 2))
    #expect(prepared.counts("workers[2]") == RecordCounts(read: 5, accepted: 5))
    #expect(prepared.counts("teams") == RecordCounts(read: 3, accepted: 3))
    let jane = try #require(prepared.people["21001"])
    #expect(jane.roleStart?.description == "2022-04-01")
    #expect(jane.roleStartEvent == .transfer)
    // The primary job only: not the additional job's manager 29999 or level 6.
    #expect(jane.managerID == "20007")
    #expect(jane.jobLevel == "5")
    #expect(jane.isPeopleLeader)
    #expect(jane.orgUnitID == "SUP-PAY" && jane.orgUnitName == "Payments Platform")
    // No transaction log: the hire date is the role start; the position change is 'other'.
    #expect(prepared.people["20007"]?.roleStart?.description == "2015-01-05")
    #expect(prepared.people["20007"]?.managerID == "20001")
    #expect(prepared.people["20001"]?.personName == "Dana Director")
    // Terminated on the day of a position change: the termination is ordered last.
    #expect(prepared.people["21005"]?.isActive == false)
    // Jane leads people by her level (rank 5) but nobody in these pages reports to her.
    #expect(prepared.flags.map { "\($0.recordKey) \($0.check)" } == ["21001 leader_without_direct_reports"])
  }
}
