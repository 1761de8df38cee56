import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest
@testable import OrgReadinessPipeline

/// Trap: a mapping whose record path matches no element used to preview "0 record elements" and
/// exit 0, and validate said "warning: … warning:" naming the mapping where the record path would
/// have helped. Now both say what the file holds and which record path it most likely needs.
@Suite struct RecordPathHintTests {
  /// A Workday RaaS report exported without its namespace (no `xmlns:wd`): the built-in mapping,
  /// which looks for `wd:Report_Entry`, matches nothing.
  static func raasWithoutNamespace(in dir: URL) throws -> String {
    let source = try String(contentsOfFile: TestPaths.fixture("workday-raas/job_history.xml"), encoding: .utf8)
    var text = source.replacingOccurrences(of: "wd:", with: "")
    if let range = text.range(of: #" xmlns:wd="[^"]*""#, options: .regularExpression) {
      text.removeSubrange(range)
    }
    return try Dialects.write(text, in: dir, name: "no_namespace.xml")
  }

  @Test func previewOfAFileTheRecordPathMissesExitsTwoAndSaysWhatTheFileHolds() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = try Self.raasWithoutNamespace(in: dir)
    let result = try CommandRunner.orgready(["mappings", "preview", "workday-raas-job-history", file])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    let message = result.stderr
    #expect(
      message.contains(
        "no_namespace.xml: error: no element matches the record path 'wd:Report_Entry' of mapping 'workday-raas-job-history'"
      ), "\(message)")
    #expect(message.contains("The document's root element is <Report_Data> (no namespace)"))
    // The most frequent element paths down to depth 3, with their counts.
    #expect(message.contains("14  Report_Data/Report_Entry/Job_History_group"))
    #expect(message.contains(" 6  Report_Data/Report_Entry\n"))
    #expect(message.contains("Closest record path: 'record: Report_Entry' (6 elements"))
    #expect(message.contains("the file has it in no namespace: drop the prefix"))
  }

  @Test func theClosestRecordPathIsTheSameNameElseTheLikelyRecord() throws {
    // The BambooHR jobInfo mapping (table/row) on changed-table data (table/employee/row).
    let hint = try RecordPathHint.profile(
      path: TestPaths.fixture("bamboohr/jobinfo_changed.xml"), mapping: try Dialects.mapping("bamboohr-jobinfo"))
    #expect(hint.suggestion.hasPrefix("closest record path: 'record: row' (5 elements"))
    let message = hint.message(file: "changed.xml")
    #expect(message.contains("looks most like a record is employee (3 elements)"))
    #expect(message.contains("'orgready mappings draft changed.xml'"))
  }

  @Test func validateNamesTheRecordPathOnceAndTheClosestOne() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let teams = try Dialects.write(Dialects.plainTeamMetrics([("200001", "2025-10")]), in: dir, name: "teams.xml")
    // A directory input pointed at the job history by mistake: it holds no directory records.
    let yaml = """
      version: 1
      as_of: 2025-11-15
      inputs:
        - { name: jobs, path: \(TestPaths.fixture("workday-raas/job_history.xml")), mapping: workday-raas-job-history }
        - { name: teams, path: \(teams), mapping: plain-team-metrics }
        - { name: directory, path: \(TestPaths.fixture("workday-raas/job_history.xml")), mapping: bamboohr-directory }
      """
    try yaml.write(to: dir.appendingPathComponent("p.yml"), atomically: true, encoding: .utf8)
    let result = try CommandRunner.orgready(["validate", dir.appendingPathComponent("p.yml").path])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").filter { $0.contains("warning:") }
    let warning = try #require(lines.first { $0.contains("no element matches") })
    #expect(!warning.hasPrefix("warning:"), "the warning is prefixed twice: \(warning)")
    #expect(warning.components(separatedBy: "warning:").count == 2, "\(warning)")
    #expect(warning.contains("the record path 'directory/employees/employee' of mapping 'bamboohr-directory'"))
    #expect(warning.contains("closest record path: 'record: wd:Report_Entry'"))
  }

  @Test func validateOfInputsWithoutALeaderPrintsTheCountsThenExitsTwo() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let teams = try Dialects.write(Dialects.plainTeamMetrics([("21104", "2025-10")]), in: dir, name: "teams.xml")
    try LeaderRecognitionTests.exactIDMapping.write(
      to: dir.appendingPathComponent("exact.yml"), atomically: true, encoding: .utf8)
    let yaml = """
      version: 1
      as_of: 2025-11-15
      inputs:
        - { name: jobs, path: \(TestPaths.fixture("workday-raas/job_history_tenant_levels.xml")), mapping: exact.yml }
        - { name: teams, path: \(teams), mapping: plain-team-metrics }
      """
    try yaml.write(to: dir.appendingPathComponent("p.yml"), atomically: true, encoding: .utf8)
    let result = try CommandRunner.orgready(["validate", dir.appendingPathComponent("p.yml").path])
    #expect(result.status == 2)
    #expect(result.stdout.contains("input jobs:"))
    #expect(result.stdout.contains("6 records read: 6 accepted"))
    #expect(result.stdout.contains("'orgready run' would stop with exit code 2"))
    #expect(result.stderr.contains("the job history yields no people leader"))
  }
}
