import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest
@testable import OrgReadinessPipeline

/// Support enrolments (`produces: support_enrolments`) through the built-in plain-XML and Workday
/// Learning mappings, alone and as an optional input of a pipeline, with their accounting.
@Suite struct SupportEnrolmentIngestTests {
  @Test func plainEnrolmentsRejectAnEndBeforeTheStartAndAMissingProgramme() throws {
    let file = try Dialects.enrolments(
      "plain-support-enrolments/support_enrolments.xml", "plain-support-enrolments")
    #expect(file.records.map(\.leaderID) == ["21001", "20007", "20007", "20001"])
    #expect(file.records.map(\.location.line) == [5, 11, 17, 23])
    #expect(file.records[0].program == "delegation-coaching")
    #expect(file.records[0].startDate.description == "2025-03-03")
    #expect(file.records[0].endDate?.description == "2025-06-27")
    // An empty <end_date/> is no end date, not a rejected record.
    #expect(file.records[1].endDate == nil)
    #expect(file.rejected.map(\.field) == ["end_date", "program"])
    #expect(file.rejected.map(\.recordKey) == ["21002", "21003"])
    #expect(file.rejected[0].reason.contains("before it starts"))
  }

  @Test func workdayLearningPicksIDsByTypeFallsBackToTheRegistrationDateAndDropsCancelled() throws {
    let file = try Dialects.enrolments("workday-learning/learning_enrolments.xml", "workday-learning-enrolments")
    // The WID comes first in every reference: the Employee_ID and the course id are picked by type.
    #expect(file.records.map(\.leaderID) == ["21001", "20007", "21001"])
    #expect(file.records.map(\.program) == ["DELEGATION_COACHING", "DELEGATION_COACHING", "TEAM_HEALTH_COACHING"])
    // Zone offsets never move a calendar date; an empty enrolment date falls back to the
    // registration date (a dateTime with an offset).
    #expect(file.records.map(\.startDate.description) == ["2025-03-03", "2025-05-05", "2026-01-12"])
    #expect(file.records[0].endDate?.description == "2025-06-27")
    // Cancelled and waitlisted enrolments never started: filtered, not lost.
    #expect(file.filtered == 2)
    #expect(file.rejected.map(\.recordKey) == ["21004"])
    #expect(file.rejected.map(\.field) == ["end_date"])
  }

  @Test func enrolmentsAreAnOptionalInputAccountedLikeTheOthers() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let teams = try Dialects.write(
      Dialects.plainTeamMetrics([("21001", "2025-10"), ("20007", "2025-10"), ("20001", "2025-10")]), in: dir)
    let inputs: [(name: String, path: String, mapping: String)] = [
      ("empjob", TestPaths.fixture("successfactors/empjob.xml"), "successfactors-empjob"),
      ("teams", teams, "plain-team-metrics"),
    ]
    let without = try Dialects.prepare(inputs, in: dir)
    #expect(without.enrolments == nil)
    let with = try Dialects.prepare(
      inputs + [
        ("plain", TestPaths.fixture("plain-support-enrolments/support_enrolments.xml"), "plain-support-enrolments"),
        ("learning", TestPaths.fixture("workday-learning/learning_enrolments.xml"), "workday-learning-enrolments"),
      ], in: dir)
    // records_read = accepted + rejected + duplicates + future_dated, filtered beside it.
    #expect(with.counts("plain") == RecordCounts(read: 6, accepted: 2, rejected: 2, duplicates: 1, futureDated: 1))
    #expect(
      with.counts("learning") == RecordCounts(read: 4, accepted: 2, rejected: 1, futureDated: 1, filtered: 2))
    let enrolments = try #require(with.enrolments)
    #expect(enrolments.count == 4)
    #expect(!enrolments.contains { $0.startDate > Dialects.asOf })
    let rejected = with.rejects.filter { $0.location.input == 2 || $0.location.input == 3 }
    #expect(rejected.count == 3)
    // The other inputs are read as before.
    #expect(with.counts("empjob") == without.counts("empjob"))
  }

  @Test func enrolmentMappingsNeedVersionTwoAndTheirOwnFields() throws {
    let base = "name: e\nproduces: support_enrolments\nrecord: enrolment\nfields:\n"
    let fields = "  leader_id: leader\n  program: course\n  start_date: start\n"
    #expect(throws: MappingFileError.self) { try Dialects.compile("version: 1\n" + base + fields) }
    #expect(throws: MappingFileError.self) {
      try Dialects.compile("version: 2\n" + base + "  leader_id: leader\n  program: course\n")
    }
    #expect(throws: MappingFileError.self) {
      try Dialects.compile("version: 2\n" + base + fields + "  person_id: p\n")
    }
    let mapping = try Dialects.compile("version: 2\n" + base + fields)
    #expect(mapping.kind == .supportEnrolments)
  }
}
