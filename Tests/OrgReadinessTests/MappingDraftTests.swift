import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest

/// `orgready mappings draft`: a starting mapping from an export's profile, on every dialect's
/// fixture, that `mappings check` accepts and that reads the export; in bounded memory.
@Suite struct MappingDraftTests {
  static let fixtures: [(String, MappingDefinition.RecordKind)] = [
    ("workday-raas/job_history.xml", .jobEvents), ("workday-raas/job_history_simple.xml", .jobEvents),
    ("workday-raas/job_history_traps.xml", .jobEvents), ("workday-raas/job_history_tenant_levels.xml", .jobEvents),
    ("workday-get-workers/get_workers_page_1.xml", .jobEvents),
    ("workday-get-workers/get_workers_page_2.xml", .jobEvents),
    ("workday-get-workers/get_workers_v32.xml", .jobEvents), ("successfactors/empjob.xml", .jobEvents),
    ("successfactors/user.xml", .people), ("hr-xml/indicative_data.xml", .jobEvents),
    ("bamboohr/jobinfo.xml", .jobEvents), ("bamboohr/jobinfo_changed.xml", .jobEvents),
    ("bamboohr/per-employee/jobInfo_100.xml", .jobEvents), ("bamboohr/per-employee/jobInfo_101.xml", .jobEvents),
    ("bamboohr/directory.xml", .people), ("workday-raas/team_metrics.xml", .teamPeriods),
    ("plain-team-metrics/team_metrics.xml", .teamPeriods), ("walkthrough/team_health.xml", .teamPeriods),
    ("walkthrough/peoplehub_job_history.xml", .jobEvents),
    ("workday-learning/learning_enrolments.xml", .supportEnrolments),
    ("plain-support-enrolments/support_enrolments.xml", .supportEnrolments),
  ]

  static func draft(_ fixture: String, _ kind: MappingDefinition.RecordKind) throws -> MappingDrafter.Result {
    try MappingDrafter.draft(path: TestPaths.fixture(fixture), produces: kind)
  }

  @Test(arguments: fixtures)
  func theDraftOfEveryDialectFixtureCompilesAndReadsIt(_ fixture: String, _ kind: MappingDefinition.RecordKind) throws {
    let result = try Self.draft(fixture, kind)
    let compiled = try MappingLoader.compile(yaml: result.yaml, path: "draft.yml")
    #expect(compiled.mapping.kind == kind)
    // Every draft explains itself.
    #expect(result.yaml.contains("# Record: "))
    #expect(result.yaml.contains("# guessed: "))
    let path = TestPaths.fixture(fixture)
    switch kind {
    case .jobEvents:
      let file = try Ingest.jobEvents(path: path, mapping: compiled.mapping, input: 0)
      #expect(file.digest.recordElements > 0, "\(fixture): the drafted record matches nothing")
      #expect(file.recordsRead > 0)
    case .teamPeriods:
      let file = try Ingest.teamPeriods(path: path, mapping: compiled.mapping, input: 0)
      #expect(file.digest.recordElements > 0)
      #expect(!file.records.isEmpty, "\(fixture): \(file.rejected.map(\.reason))")
    case .people:
      let file = try Ingest.people(path: path, mapping: compiled.mapping, input: 0)
      #expect(!file.records.isEmpty)
    case .supportEnrolments:
      // The programme is left to the user (TODO): the draft finds the records and the leader.
      let file = try Ingest.supportEnrolments(path: path, mapping: compiled.mapping, input: 0)
      #expect(file.digest.recordElements > 0, "\(fixture): the drafted record matches nothing")
      #expect(result.yaml.contains("leader_id: "))
    }
  }

  @Test func aWorkdayReportDraftPicksIdsByTypeTheGroupAndCanonicalTypes() throws {
    let yaml = try Self.draft("workday-raas/job_history.xml", .jobEvents).yaml
    #expect(yaml.contains(#"person_id: "wd:Worker/wd:ID[@wd:type='Employee_ID']""#))
    #expect(yaml.contains(#"each: "wd:Job_History_group""#))
    #expect(yaml.contains(#"wd: "urn:com.workday.report/*""#))
    #expect(yaml.contains(#""Promotion_Promotion": promotion"#))
    #expect(yaml.contains(#""Request_Compensation_Change_Merit": other"#))
    #expect(yaml.contains("people_leader: { rank_at_most: 5 }"))
    // Every path under the record is listed with its fill rate and samples.
    #expect(yaml.contains("#   wd:Job_History_group/wd:Effective_Date"))
  }

  @Test func bambooHRFieldsAreChosenByTheirIdAndTypesInferred() throws {
    let yaml = try Self.draft("bamboohr/jobinfo.xml", .jobEvents).yaml
    #expect(yaml.contains(#"person_id: "@employeeId""#))
    #expect(yaml.contains(#"effective_date: "field[@id='date']""#))
    #expect(yaml.contains("event_type: { infer: changes }"))
    #expect(yaml.contains(#"manager_name: "field[@id='reportsTo']""#))
    #expect(yaml.contains("people_leader: direct_reports"))
  }

  @Test func teamMetricsBecomeIndicatorsWithTheirObservedRanges() throws {
    let yaml = try Self.draft("walkthrough/team_health.xml", .teamPeriods).yaml
    #expect(yaml.contains(#"leader_id: "@lead""#))
    #expect(yaml.contains(#"period: { path: "ns:Month", format: DD.MM.YYYY }"#))
    // Name/value pairs: one indicator per code.
    #expect(yaml.contains(#"eng: "ns:Measure[ns:Code='ENG']/ns:Value""#))
    #expect(yaml.contains(#"psafe: "ns:Measure[ns:Code='PSAFE']/ns:Value""#))
    #expect(yaml.contains("# observed 0.92…92 across all codes"))
    let workday = try Self.draft("workday-raas/team_metrics.xml", .teamPeriods).yaml
    #expect(workday.contains(#"review_wait_hours: "wd:Review_Wait_Hours""#))
    #expect(workday.contains("# observed 12…99, filled 100%; a default indicator"))
    // A WID made of digits is not a number to average.
    #expect(!workday.contains("wid:"))
  }

  @Test(arguments: [
    ("New Hire", EventType.hire), ("Hire Employee > Rehire", .rehire), ("Promotion > Promotion", .promotion),
    ("Terminate Employee > Voluntary > Resignation", .termination), ("Salary Review", .other),
    ("Transfer_Move_to_Another_Team", .transfer),
  ])
  func unambiguousValuesMapToTheirType(_ value: String, _ type: EventType) {
    #expect(MappingDraft.canonicalType(of: value) == type)
  }

  @Test(arguments: ["Reorganisation", "XYZ_CUSTOM", "Hire and Promote"])
  func otherValuesAreLeftToTheUser(_ value: String) {
    #expect(MappingDraft.canonicalType(of: value) == nil)
  }

  @Test func aTODOLeftInTheMappingIsWarnedAboutAndRejectsOnlyItsRecords() throws {
    let draft = try Self.draft("walkthrough/peoplehub_job_history.xml", .jobEvents)
    let (mapping, warnings) = try MappingLoader.compile(yaml: draft.yaml, path: "draft.yml")
    #expect(
      warnings.contains {
        $0.description.contains("fields.event_type.map: leaves 1 value(s) as TODO ('Reorganisation')")
      })
    let file = try Ingest.jobEvents(
      path: TestPaths.fixture("walkthrough/peoplehub_job_history.xml"), mapping: mapping, input: 0)
    #expect(file.records.count == 6)
    let reject = try #require(file.rejected.first)
    #expect(reject.reason.hasPrefix("the mapping maps 'Reorganisation' to TODO; replace it with one of hire"))
  }

  @Test func theDraftCommandWritesAMappingThatCheckAccepts() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("draft.yml").path
    let draft = try CommandRunner.orgready([
      "mappings", "draft", TestPaths.fixture("workday-get-workers/get_workers_v32.xml"), "-o", out,
    ])
    #expect(draft.status == 0, "\(draft.stderr)")
    #expect(draft.stderr.contains("drafted from 6 wd:Worker records"))
    let check = try CommandRunner.orgready(["mappings", "check", out])
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stdout.hasPrefix("ok: "))
    let notXML = try CommandRunner.orgready(["mappings", "draft", TestPaths.fixture("hostile/not_xml.json")])
    #expect(notXML.status == 2)
    #expect(notXML.stderr.contains("holds no XML document"))
  }

  /// The profiler reads untrusted XML through the reader's own hardening (`SAXDocument`).
  @Test(arguments: [
    ("hostile/doctype_billion_laughs.xml", "forbidden"), ("hostile/doctype_external_dtd.xml", "forbidden"),
    ("hostile/truncated_mid_record.xml", "truncated"), ("hostile/invalid_utf8.xml", "encoding"),
    ("hostile/not_xml.json", "malformed"), ("hostile/doctype_plain.xml", "read"),
  ])
  func theProfilerRefusesWhatTheReaderRefuses(_ fixture: String, _ outcome: String) {
    do {
      let result = try MappingDrafter.draft(path: TestPaths.fixture(fixture), produces: .jobEvents)
      #expect(outcome == "read", "\(fixture) was read")
      #expect(result.profile.records == 2)
    } catch {
      #expect(error.kind == outcome, "\(fixture): \(error)")
    }
  }

  /// The profile keeps per path a few values and counts, and per record one record: memory does
  /// not grow with the file. Measured with GNU time on a generated job history 16 times the size
  /// of a small one (about 3 and 50 MB); `docs/performance.md` has the 1 GB figure.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/time")))
  func memoryStaysFlatAsTheExportGrows() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    func peakKiB(leaders: Int) throws -> (kib: Int, bytes: Int) {
      let data = dir.appendingPathComponent("data-\(leaders)")
      let sample = try CommandRunner.orgready([
        "sample", "--output", data.path, "--leaders", String(leaders), "--seed", "11", "--as-of", "2026-11-25",
        "--quiet",
      ])
      #expect(sample.status == 0, "\(sample.stderr)")
      let file = data.appendingPathComponent("job_history.xml").path
      let timed = try CommandRunner.run(
        "/usr/bin/time", ["-f", "peak %M", TestPaths.binary, "mappings", "draft", file, "-o", file + ".yml"])
      #expect(timed.status == 0, "\(timed.stderr)")
      let line = try #require(timed.stderr.split(separator: "\n").last { $0.hasPrefix("peak ") })
      let kib = try #require(Int(line.dropFirst(5)))
      let bytes = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
      return (kib, bytes)
    }
    let small = try peakKiB(leaders: 60)
    let large = try peakKiB(leaders: 960)
    #expect(large.bytes > 12 * small.bytes, "the large export is only \(large.bytes) bytes")
    // Flat: at most 8 MiB more for a file 16 times the size (the bytes themselves never stay).
    #expect(large.kib - small.kib < 8 * 1024, "peak \(small.kib) KiB → \(large.kib) KiB")
    #expect(large.kib < 100 * 1024)
  }
}
