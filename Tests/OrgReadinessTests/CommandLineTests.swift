import Foundation
import Testing

@testable import OrgReadiness

/// `orgready mappings` and `orgready validate`, and built-in mappings named in a pipeline, run as
/// automation would: the built binary, its stdout, stderr and exit code.
@Suite struct CommandLineTests {
  static let builtins = [
    "bamboohr-directory", "bamboohr-jobinfo", "bamboohr-jobinfo-changed", "bamboohr-jobinfo-per-employee",
    "hr-xml-indicative-data", "plain-support-enrolments", "plain-team-metrics",
    "successfactors-empjob", "successfactors-user", "workday-get-workers", "workday-learning-enrolments",
    "workday-raas-job-history", "workday-raas-job-history-simple", "workday-raas-team-metrics",
  ]

  /// A pipeline over the SuccessFactors fixtures and the plain team metrics, by built-in names.
  func writePipeline(in dir: URL, errorBudget: Double = 0.5, teams: String? = nil) throws -> String {
    let teamsPath =
      try teams
      ?? Dialects.write(
        Dialects.plainTeamMetrics([("20001", "2025-09"), ("20007", "2025-10"), ("21001", "2025-10")]), in: dir,
        name: "teams.xml")
    let yaml = """
      version: 1
      name: cli
      as_of: 2025-11-15
      inputs:
        - name: empjob
          path: \(TestPaths.fixture("successfactors/empjob.xml"))
          mapping: successfactors-empjob
        - name: users
          path: \(TestPaths.fixture("successfactors/user.xml"))
          mapping: successfactors-user
        - name: teams
          path: \(teamsPath)
          mapping: plain-team-metrics
      error_budget: \(errorBudget)
      bootstrap: { resamples: 200 }
      privacy: { min_group_size: 3 }
      output: \(dir.appendingPathComponent("Reports").path)
      templates: \(TestPaths.templates)
      """
    let path = dir.appendingPathComponent("pipeline.yml").path
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func mappingsListsEveryBuiltInFromAnyDirectory() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // Run from an unrelated folder: the built-ins are found relative to the executable.
    let result = try CommandRunner.orgready(["mappings"], directory: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let names = result.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
    #expect(names == Self.builtins)
    #expect(
      result.stdout.contains("job_events") && result.stdout.contains("team_periods") && result.stdout.contains("people")
    )
  }

  @Test func mappingsFolderFromTheEnvironmentComesFirst() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let own = """
      version: 2
      name: my-team-health
      title: My team health export
      produces: team_periods
      record: team
      fields: { leader_id: "@leader", period: "@month" }
      indicators: { engagement_score: engagement }
      """
    try own.write(to: dir.appendingPathComponent("my-team-health.yml"), atomically: true, encoding: .utf8)
    let result = try CommandRunner.orgready(
      ["mappings", "list", "--paths"], environment: ["ORGREADY_MAPPINGS": dir.path])
    #expect(result.status == 0)
    #expect(result.stdout.contains("my-team-health"))
    #expect(result.stdout.contains(dir.appendingPathComponent("my-team-health.yml").path))
  }

  @Test func mappingsCheckNamesTheKeyAndExitsTwo() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("bad.yml")
    try
      "version: 2\nname: bad\nproduces: job_events\nrecord: r\nfields:\n  person_id: a[b='x'\n  effective_date: d\n  event_type: t\n"
      .write(to: bad, atomically: true, encoding: .utf8)
    let result = try CommandRunner.orgready(["mappings", "check", bad.path, "bamboohr-jobinfo"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("bad.yml: error: fields.person_id: path 'a[b='x'', column"), "\(result.stderr)")
    #expect(result.stdout.contains("ok: ") && result.stdout.contains("bamboohr-jobinfo.yml"))
  }

  @Test func mappingsPreviewShowsRecordsAndRejects() throws {
    let result = try CommandRunner.orgready([
      "mappings", "preview", "bamboohr-jobinfo", TestPaths.fixture("bamboohr/jobinfo.xml"), "--limit", "3",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("11 record elements, 10 records, 1 rejected"))
    #expect(result.stdout.contains("line 12: person_id=100 effective_date=2019-03-04 event_type=hire"))
    #expect(result.stdout.contains("... 8 more"))
    let hostile = try CommandRunner.orgready([
      "mappings", "preview", "bamboohr-jobinfo", TestPaths.fixture("hostile/doctype_billion_laughs.xml"),
    ])
    #expect(hostile.status == 2)
    #expect(hostile.stderr.contains("doctype_billion_laughs.xml:2:16: error:"))
  }

  @Test func mappingsPreviewShowsEnrolmentsTheirRejectsAndTheFilteredRows() throws {
    let result = try CommandRunner.orgready([
      "mappings", "preview", "workday-learning-enrolments",
      TestPaths.fixture("workday-learning/learning_enrolments.xml"),
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("6 record elements, 3 records, 1 rejected, 2 filtered out"))
    #expect(
      result.stdout.contains(
        "leader_id=21001 program=DELEGATION_COACHING start_date=2025-03-03 end_date=2025-06-27"))
    #expect(result.stdout.contains("REJECTED end_date: the enrolment ends (2025-09-01) before it starts (2025-09-08)"))
  }

  @Test func validateReportsWithoutWritingAnything() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let pipeline = try writePipeline(in: dir)
    let result = try CommandRunner.orgready(["validate", pipeline, "--quiet"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("9 records read: 7 accepted, 2 rejected, 0 duplicates, 0 future-dated"))
    #expect(result.stdout.contains("rejected 1× event_type: unknown event type 'XYZ_CUSTOM'"))
    #expect(result.stdout.contains("within the error budget"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Reports").path))

    let rejects = try CommandRunner.orgready(["validate", pipeline, "--rejects", "--quiet"])
    #expect(rejects.stdout.hasPrefix("file,line,record_key,field,reason"))
    #expect(rejects.stdout.split(whereSeparator: { $0.isNewline }).count == 3)

    let strict = try writePipeline(in: dir, errorBudget: 0.1)
    let over = try CommandRunner.orgready(["validate", strict, "--quiet"])
    #expect(over.status == 3)
    #expect(over.stderr.contains("empjob: 2 of 9 records rejected"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Reports").path))
  }

  @Test func validateExitsTwoOnAHostileInputOrAnUnknownMappingName() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let hostile = try writePipeline(in: dir, teams: TestPaths.fixture("hostile/truncated_mid_record.xml"))
    let result = try CommandRunner.orgready(["validate", hostile, "--quiet"])
    #expect(result.status == 2)
    #expect(
      result.stderr.contains("truncated_mid_record.xml:4:38: error: the file ends inside <row>"), "\(result.stderr)")

    let text = try String(contentsOfFile: hostile, encoding: .utf8)
      .replacingOccurrences(of: "mapping: successfactors-user", with: "mapping: successfactors-users")
    try text.write(toFile: hostile, atomically: true, encoding: .utf8)
    let unknown = try CommandRunner.orgready(["validate", hostile, "--quiet"])
    #expect(unknown.status == 2)
    #expect(
      unknown.stderr.contains("inputs[1].mapping: no mapping is called 'successfactors-users'"), "\(unknown.stderr)")
  }

  @Test func runWritesFlagsAndCountsFilteredRows() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let teams = try Dialects.write(
      Dialects.plainTeamMetrics([("300001", "2025-10"), ("300005", "2025-10"), ("300006", "2025-10")]), in: dir,
      name: "teams.xml")
    let yaml = """
      version: 1
      name: flags
      as_of: 2025-11-15
      inputs:
        - name: jobs
          path: \(TestPaths.fixture("workday-raas/job_history_traps.xml"))
          mapping: workday-raas-job-history
        - name: teams
          path: \(teams)
          mapping: plain-team-metrics
      error_budget: 0.5
      bootstrap: { resamples: 200 }
      privacy: { min_group_size: 3 }
      output: \(dir.appendingPathComponent("Reports").path)
      templates: \(TestPaths.templates)
      """
    let pipeline = dir.appendingPathComponent("pipeline.yml").path
    try yaml.write(toFile: pipeline, atomically: true, encoding: .utf8)
    let result = try CommandRunner.orgready(["run", pipeline])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("4 records flagged for review"))
    let runDir = URL(fileURLWithPath: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
      .deletingLastPathComponent()
    let flags = try String(contentsOf: runDir.appendingPathComponent("flags.csv"), encoding: .utf8)
    #expect(flags.hasPrefix("file,line,record_key,field,check,reason"))
    #expect(flags.contains("reporting_cycle") && flags.contains("unknown_manager"))
    let report = try PublishedReport.read(runDir)
    let jobs = try #require(report.inputs.first)
    #expect(jobs.filtered == 2 && jobs.flagged == 4)
    #expect(jobs.recordsRead == jobs.accepted + jobs.rejected + jobs.duplicates + jobs.futureDated)
  }
}
