import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest
@testable import OrgReadinessPipeline

/// BambooHR's other table shapes: the older single-employee form (`<field name="…">`, no
/// `employeeId` on the rows) and the "changed table" form (`table/employee/row`).
@Suite struct BambooHRVariantTests {
  /// Trap: one employee per file and no employeeId on the rows; the id is in the file's name.
  @Test func perEmployeeFilesTakeTheIdFromTheFileName() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let teams = try Dialects.write(Dialects.plainTeamMetrics([("101", "2025-10"), ("110", "2025-10")]), in: dir)
    let prepared = try Dialects.prepare(
      [
        ("jobs", TestPaths.fixture("bamboohr/per-employee") + "/jobInfo_*.xml", "bamboohr-jobinfo-per-employee"),
        ("directory", TestPaths.fixture("bamboohr/directory_small.xml"), "bamboohr-directory"),
        ("teams", teams, "plain-team-metrics"),
      ], in: dir)
    #expect(prepared.summaries.map(\.name) == ["jobs[1]", "jobs[2]", "jobs[3]", "directory", "teams"])
    #expect(prepared.counts("jobs[1]") == RecordCounts(read: 2, accepted: 2))
    let jane = try #require(prepared.people["100"])
    // The older form's <field name="…">: a new title is a promotion; reportsTo by name.
    #expect(jane.roleStart?.description == "2022-04-01")
    #expect(jane.roleStartEvent == .promotion)
    #expect(jane.managerID == "101")
    #expect(prepared.people["101"]?.managerID == "110")
    // Leaders by direct reports.
    #expect(prepared.people["101"]?.isPeopleLeader == true)
    #expect(prepared.people["110"]?.isPeopleLeader == true)
    #expect(jane.isPeopleLeader == false)
    #expect(prepared.rejects.isEmpty)
    #expect(prepared.flags.isEmpty)
  }

  @Test func aRowWithoutIdInAFileWithoutANumberIsRejectedSayingWhereTheIdWasLookedFor() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let source = try String(contentsOfFile: TestPaths.fixture("bamboohr/per-employee/jobInfo_101.xml"), encoding: .utf8)
    let path = try Dialects.write(source, in: dir, name: "jobInfo.xml")
    let file = try Ingest.jobEvents(
      path: path, mapping: try Dialects.mapping("bamboohr-jobinfo-per-employee"), input: 0)
    #expect(file.records.isEmpty)
    let reject = try #require(file.rejected.first)
    #expect(reject.field == "person_id")
    #expect(reject.reason.contains("path @employeeId or the file name by '([0-9]+)[^0-9]*$'"), "\(reject.reason)")
  }

  @Test func anEmployeeIdOnTheRowWinsOverTheFileName() throws {
    let file = try Ingest.jobEvents(
      path: TestPaths.fixture("bamboohr/jobinfo.xml"), mapping: try Dialects.mapping("bamboohr-jobinfo-per-employee"),
      input: 0)
    #expect(Set(file.records.map(\.personID)) == ["100", "101", "102", "103", "104", "105", "110"])
  }

  @Test func fileNameNeedsARegularExpressionWithAGroup() {
    let yaml = """
      version: 2
      name: t
      produces: job_events
      record: row
      fields:
        person_id: { file_name: 'jobInfo_[0-9]+' }
        effective_date: d
        event_type: { const: hire }
      """
    #expect(throws: MappingFileError.self) { try MappingLoader.compile(yaml: yaml, path: "t.yml") }
    do {
      _ = try MappingLoader.compile(yaml: yaml, path: "t.yml")
    } catch {
      #expect(error.description.contains("fields.person_id.file_name"))
      #expect(error.description.contains("with a group"))
    }
  }

  /// Trap: the changed-table rows carry no id; the employee is the enclosing element, and rows are
  /// listed newest first.
  @Test func changedTableRowsBelongToTheirEmployee() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let teams = try Dialects.write(Dialects.plainTeamMetrics([("101", "2025-10"), ("110", "2025-10")]), in: dir)
    let prepared = try Dialects.prepare(
      [
        ("changed", TestPaths.fixture("bamboohr/jobinfo_changed.xml"), "bamboohr-jobinfo-changed"),
        ("directory", TestPaths.fixture("bamboohr/directory_small.xml"), "bamboohr-directory"),
        ("teams", teams, "plain-team-metrics"),
      ], in: dir)
    #expect(prepared.counts("changed") == RecordCounts(read: 5, accepted: 5))
    let jane = try #require(prepared.people["100"])
    #expect(jane.roleStart?.description == "2025-10-06")
    #expect(jane.roleStartEvent == .transfer)
    #expect(jane.orgUnitID == "Platform")
    #expect(jane.managerID == "101")
    #expect(prepared.people["101"]?.isPeopleLeader == true)
    #expect(prepared.people["110"]?.isPeopleLeader == true)
    #expect(prepared.flags.isEmpty)
  }
}
