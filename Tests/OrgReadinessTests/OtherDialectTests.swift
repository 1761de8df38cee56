import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest
@testable import OrgReadinessPipeline

/// SuccessFactors, HR-XML, BambooHR and plain team metrics, through the built-in mappings.
@Suite struct OtherDialectTests {
  @Test func successFactorsEmpJobAndUser() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let teams = try Dialects.write(
      Dialects.plainTeamMetrics([("21001", "2025-10"), ("20007", "2025-10"), ("20001", "2025-10")]), in: dir)
    let prepared = try Dialects.prepare(
      [
        ("empjob", TestPaths.fixture("successfactors/empjob.xml"), "successfactors-empjob"),
        ("users", TestPaths.fixture("successfactors/user.xml"), "successfactors-user"),
        ("teams", teams, "plain-team-metrics"),
      ], in: dir)
    // 9 entries (the inline feed's entry is part of its parent): an unmapped eventReason and the
    // earlier of two contradicting rows with one seqNumber are rejected.
    #expect(prepared.counts("empjob") == RecordCounts(read: 9, accepted: 7, rejected: 2))
    #expect(prepared.counts("users") == RecordCounts(read: 5, accepted: 5))
    let reasons = prepared.rejects.filter { $0.location.input == 0 }.sorted { $0.location.line < $1.location.line }
    #expect(reasons.map(\.location.line) == [116, 128])
    #expect(reasons[0].reason.contains("XYZ_CUSTOM"))
    #expect(reasons[1].field == "manager_id" && reasons[1].reason.contains("ordering key 1"))
    // Same day, ordered by seqNumber: the promotion starts the role, the data change (seq 2)
    // brings the new manager.
    let jane = try #require(prepared.people["21001"])
    #expect(jane.roleStart?.description == "2022-04-01" && jane.roleStartEvent == .promotion)
    #expect(jane.managerID == "20001")
    #expect(jane.jobLevel == "MGR-1")
    // /Date(1262304000000)/ leaked from the JSON form; NO_MANAGER is no manager.
    #expect(prepared.people["20007"]?.roleStart?.description == "2010-01-01")
    #expect(prepared.people["20007"]?.managerID == nil)
    #expect(prepared.people["21002"]?.managerID == nil)  // m:null="true"
    #expect(prepared.people["21002"]?.roleStart?.description == "2021-06-14")  // 7-digit fraction
    // User.status f: 21003 has left, whatever EmpJob says; t/f and active/inactive both read.
    #expect(prepared.people["21003"]?.isActive == false)
    #expect(prepared.people["20001"]?.isActive == true)
    // Leaders by direct reports among active people.
    #expect(prepared.people["20001"]?.isPeopleLeader == true)
    #expect(prepared.people["20007"]?.isPeopleLeader == true)
    #expect(prepared.people["21001"]?.isPeopleLeader == false)
    #expect(prepared.people["21001"]?.personName == "Jane Roe")
    #expect(prepared.flags.isEmpty)
  }

  @Test func hrXMLIndicativeData() throws {
    let file = try Dialects.jobs("hr-xml/indicative_data.xml", "hr-xml-indicative-data")
    #expect(file.rejected.map(\.field) == ["effective_date"])
    #expect(file.rejected.first?.recordKey == "21003")
    let jane = file.records.filter { $0.personID == "21001" }
    #expect(jane.map(\.eventType) == [.hire, .transfer, .promotion])
    #expect(jane.map(\.effectiveDate.description) == ["2019-03-04", "2021-01-11", "2023-09-01"])
    // The deepest unit of the repeated org path, with [last()].
    #expect(jane.map(\.orgUnitID) == ["PAY", "SEA", "SEA"])
    #expect(jane.map(\.isPeopleLeader) == [false, false, true])  // job_level_in: [M1, ...]
    #expect(jane[0].personName == "Jane Roe")

    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let teams = try Dialects.write(Dialects.plainTeamMetrics([("21001", "2025-10"), ("21002", "2025-10")]), in: dir)
    let prepared = try Dialects.prepare(
      [
        ("hr", TestPaths.fixture("hr-xml/indicative_data.xml"), "hr-xml-indicative-data"),
        ("teams", teams, "plain-team-metrics"),
      ],
      in: dir)
    #expect(prepared.counts("hr") == RecordCounts(read: 6, accepted: 5, rejected: 1))
    #expect(prepared.people["21001"]?.daysInRole(asOf: Dialects.asOf) == 806)
    #expect(prepared.people["21002"]?.isActive == false)
  }

  @Test func hrXMLMixesNamespacesInOneRecord() throws {
    var yaml = try String(contentsOfFile: TestPaths.mapping("hr-xml-indicative-data"), encoding: .utf8)
    yaml = yaml.replacingOccurrences(
      of: "job_level: hr:IndicativeDeployment/hr:WorkLevelCode",
      with: "job_level: hr:IndicativeDeployment/hr:Job/oa:JobTitle")
    yaml = yaml.replacingOccurrences(of: "people_leader:\n  job_level_in: [M1, M2, M3, D1, D2, VP]\n", with: "")
    let mapping = try Dialects.compile(yaml)
    let file = try Ingest.jobEvents(path: TestPaths.fixture("hr-xml/indicative_data.xml"), mapping: mapping, input: 0)
    #expect(
      file.records.filter { $0.personID == "21001" }.map(\.jobLevel) == ["Engineer", "Engineer", "Engineering Manager"])
    // Titles now drive the inference: the move between units without a new title is a transfer.
    #expect(file.records.filter { $0.personID == "21001" }.map(\.eventType) == [.hire, .transfer, .promotion])
  }

  @Test func bambooHRJobInfoWithDirectory() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let teams = try Dialects.write(
      Dialects.plainTeamMetrics([("110", "2025-10"), ("101", "2025-10"), ("100", "2025-10")]), in: dir)
    let prepared = try Dialects.prepare(
      [
        ("jobinfo", TestPaths.fixture("bamboohr/jobinfo.xml"), "bamboohr-jobinfo"),
        ("directory", TestPaths.fixture("bamboohr/directory.xml"), "bamboohr-directory"),
        ("teams", teams, "plain-team-metrics"),
      ], in: dir)
    // 0000-00-00 rejected; the row POSTed twice is one duplicate; of two different rows on one day
    // with no ordering key, the earlier is rejected.
    #expect(prepared.counts("jobinfo") == RecordCounts(read: 11, accepted: 8, rejected: 2, duplicates: 1))
    #expect(prepared.counts("directory") == RecordCounts(read: 7, accepted: 7))
    let jobRejects = prepared.rejects.filter { $0.location.input == 0 }.sorted { $0.location.line < $1.location.line }
    #expect(jobRejects.map(\.location.line) == [55, 60])
    #expect(jobRejects[0].reason.contains("0000-00-00"))
    #expect(jobRejects[1].field == "org_unit_id" && jobRejects[1].reason.contains("neither has an ordering key"))
    let jane = try #require(prepared.people["100"])
    #expect(jane.roleStart?.description == "2022-04-01" && jane.roleStartEvent == .promotion)
    // "John Smith" names two people: flagged, and the earlier manager (Ann Lee) no longer holds.
    #expect(jane.managerID == nil)
    #expect(prepared.people["103"]?.managerID == "110")  // "Ann  Lee": spaces do not matter
    #expect(prepared.people["103"]?.orgUnitID == nil)  // <field id="department"/>
    #expect(prepared.people["104"]?.orgUnitID == "Marketing")
    let checks = prepared.flags.map { "\($0.recordKey) \($0.check) \($0.location.line)" }.sorted()
    #expect(checks == ["100 ambiguous_manager_name 20", "105 manager_name_not_found 72"])
    // Leaders by direct reports.
    #expect(prepared.people["110"]?.isPeopleLeader == true)
    #expect(prepared.people["101"]?.isPeopleLeader == false)
  }

  @Test func plainTeamMetricsAccounting() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let prepared = try Dialects.prepare(
      [
        ("empjob", TestPaths.fixture("successfactors/empjob.xml"), "successfactors-empjob"),
        ("teams", TestPaths.fixture("plain-team-metrics/team_metrics.xml"), "plain-team-metrics"),
      ], in: dir)
    #expect(prepared.counts("teams") == RecordCounts(read: 7, accepted: 1, rejected: 5, futureDated: 1))
    let rejects = prepared.rejects.filter { $0.location.input == 1 }.sorted { $0.location.line < $1.location.line }
    #expect(rejects.map(\.field) == ["headcount", "approval_share", "leader_id", "period", "leader_id"])
    #expect(rejects.map(\.location.line) == [16, 21, 26, 32, 41])
    let kept = try #require(prepared.periods.first)
    #expect(kept.teamID == "T-PAY" && kept.headcount == 8)
    let engagement = try #require(prepared.indicators.firstIndex { $0.name == "engagement_score" })
    #expect(kept.values[engagement] == 71.5)
  }
}
