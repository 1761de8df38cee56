import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest
@testable import OrgReadinessPipeline

/// Leaders the way real tenants encode them, names the way Get_Workers v32+ gives them, and a run
/// that refuses to publish an empty report when its leader rule finds nobody.
@Suite struct LeaderRecognitionTests {
  @Test(arguments: [
    ("2_Chief_Executive_Officer", 2), ("3_Executive_Vice_President", 3), ("5 Manager", 5), ("4", 4),
    ("10_Intern", 10), ("6-Individual Contributor", 6),
  ])
  func theRankIsTheNumberBeforeTheUnderscore(_ level: String, _ rank: Int) {
    #expect(ManagementLevelRule.rank(of: level) == rank)
  }

  @Test(arguments: ["M3", "Manager", "3a_Director", "", "_5"])
  func aLevelWithoutALeadingNumberHasNoRank(_ level: String) {
    #expect(ManagementLevelRule.rank(of: level) == nil)
  }

  @Test(arguments: [
    ("Adrian Martin (21104)", "Adrian Martin"), ("Example Worker (1)", "Example Worker"),
    ("Lena Fischer (E-1023) ", "Lena Fischer"), ("Robert Smith (Bob)", "Robert Smith (Bob)"),
    ("(21104)", "(21104)"), ("Jane Roe", "Jane Roe"), ("Chen (Team 2)", "Chen (Team 2)"),
  ])
  func aTrailingIdInParenthesesIsNotPartOfTheName(_ descriptor: String, _ name: String) {
    #expect(displayName(descriptor) == name)
  }

  @Test func managersMatchByNameWhicheverSideCarriesTheId() {
    var event = JobEvent(
      personID: "21130", effectiveDate: .literal("2024-05-13"), eventType: .hire, managerName: "Tomás Ortega")
    let index = managerNameIndex(directory: [PersonRecord(personID: "21120", personName: "Tomás Ortega (21120)")])
    #expect(resolveManagerName(&event, index: index) == nil)
    #expect(event.managerID == "21120")
  }

  /// Trap: a real tenant's management level IDs (2_Chief_Executive_Officer, ...) and a list of
  /// another tenant's exact IDs; the rank finds the leaders.
  @Test func raasLeadersByRankOnARealTenantsLevels() throws {
    let file = try Dialects.jobs("workday-raas/job_history_tenant_levels.xml", "workday-raas-job-history")
    #expect(file.rejected.isEmpty)
    let people = resolvePeople(file.records, asOf: Dialects.asOf)
    #expect(people["21104"]?.isPeopleLeader == true)
    #expect(people["21110"]?.isPeopleLeader == true)
    #expect(people["21120"]?.isPeopleLeader == true)
    #expect(people["21130"]?.isPeopleLeader == false)
    // The VP was a '6_Manager' before: not a leader under this cut-off until the promotion.
    #expect(file.records.first { $0.personID == "21120" }?.isPeopleLeader == false)
    // Descriptors lose their '(21104)'.
    #expect(people["21104"]?.personName == "Adrian Martin")
    #expect(file.records.first { $0.personID == "21110" }?.managerName == "Adrian Martin")
  }

  /// Trap: Get_Workers v32+ names the worker in wd:Worker_Descriptor and its references carry no
  /// wd:Descriptor; descriptors carry '(id)' on one side of a manager match and not the other.
  @Test func getWorkersV32NamesAndRankedLevels() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let teams = try Dialects.write(
      Dialects.plainTeamMetrics([("21104", "2025-10"), ("21110", "2025-10"), ("21120", "2025-10")]), in: dir)
    let prepared = try Dialects.prepare(
      [
        ("workers", TestPaths.fixture("workday-get-workers/get_workers_v32.xml"), "workday-get-workers"),
        ("teams", teams, "plain-team-metrics"),
      ], in: dir)
    let people = prepared.people
    #expect(people["21104"]?.personName == "Adrian Martin")
    #expect(people["21120"]?.personName == "Tomás Ortega")
    #expect(people["21130"]?.personName == "Example Worker")
    // 'Adrian Martin (21104)' in a reference without an Employee_ID finds 'Adrian Martin'.
    #expect(people["21110"]?.managerID == "21104")
    // 'Tomás Ortega' finds the worker described as 'Tomás Ortega (21120)'.
    #expect(people["21130"]?.managerID == "21120")
    #expect(["21104", "21110", "21120"].allSatisfy { people[$0]?.isPeopleLeader == true })
    #expect(["21130", "21140", "21150"].allSatisfy { people[$0]?.isPeopleLeader == false })
    // The cross-check: 21140 is an individual contributor by level, yet Sam reports to her.
    #expect(prepared.flags.map { "\($0.recordKey) \($0.check)" } == ["21140 direct_reports_not_leader"])
    let flag = try #require(prepared.flags.first)
    #expect(flag.location.line == 147)
  }

  @Test func aPatternRecognisesLevelsByName() throws {
    let mapping = try Dialects.compile(
      """
      version: 2
      name: t
      produces: job_events
      record: r
      people_leader: { matches: 'manager|director|vice president|chief' }
      fields:
        person_id: id
        effective_date: d
        event_type: { const: hire }
        management_level: level
      """)
    let matcher = try #require(mapping.managementLevelMatcher)
    #expect(matcher.isLeader("Senior Manager"))
    #expect(matcher.isLeader("4 VICE PRESIDENT"))
    #expect(!matcher.isLeader("Individual Contributor"))
  }

  @Test(arguments: [
    ("people_leader: { rank_at_most: 5 }\n", "", "map it"),
    ("people_leader: { rank_at_most: 5, job_level_in: [M1] }\n", "  management_level: level\n", "choose one"),
    ("people_leader: { matches: '(unclosed' }\n", "  management_level: level\n", "not a regular expression"),
    ("people_leader: { rank_at_most: 5 }\n", "  management_level: level\n  is_people_leader: flag\n", "remove one"),
  ])
  func leaderRulesThatCannotWorkAreRefused(_ rule: String, _ fields: String, _ expected: String) {
    let yaml =
      "version: 2\nname: t\nproduces: job_events\nrecord: r\n" + rule
      + "fields:\n  person_id: id\n  effective_date: d\n  event_type: { const: hire }\n" + fields
    do {
      _ = try MappingLoader.compile(yaml: yaml, path: "t.yml")
      Issue.record("accepted: \(rule)")
    } catch {
      #expect(error.description.contains("people_leader"), "\(error)")
      #expect(error.description.contains(expected), "\(error)")
    }
  }

  /// The old built-in rule (a list of exact management level IDs) on a real tenant's levels: no
  /// leader, and the run says which rule found nothing and what the export holds.
  static let exactIDMapping = """
    version: 2
    name: exact-level-ids
    produces: job_events
    namespaces:
      wd: "urn:com.workday.report/*"
    record: wd:Report_Entry
    each: wd:Job_History_group
    fields:
      person_id: wd:Worker/wd:ID[@wd:type='Employee_ID']
      effective_date: wd:Job_History_group/wd:Effective_Date
      event_type: { const: hire }
      is_people_leader:
        path: wd:Job_History_group/wd:Management_Level/wd:ID[@wd:type='Management_Level_ID']
        map: { 2_Vice_President: "true", 3_Senior_Director: "true", 4_Director: "true", 5_Manager: "true" }
        otherwise: "false"
      manager_id: wd:Job_History_group/wd:Manager/wd:ID[@wd:type='Employee_ID']
    """

  @Test func aJobHistoryWithNoLeaderFailsTheRunWithTheRuleAndTheExportsValues() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.exactIDMapping.write(to: dir.appendingPathComponent("exact.yml"), atomically: true, encoding: .utf8)
    _ = try Dialects.write(Dialects.plainTeamMetrics([("21104", "2025-10")]), in: dir, name: "teams.xml")
    let pipeline = """
      version: 1
      name: no-leader
      as_of: 2025-11-15
      inputs:
        - { name: jobs, path: \(TestPaths.fixture("workday-raas/job_history_tenant_levels.xml")), mapping: exact.yml }
        - { name: teams, path: teams.xml, mapping: plain-team-metrics }
      output: Reports
      """
    try pipeline.write(to: dir.appendingPathComponent("pipeline.yml"), atomically: true, encoding: .utf8)
    let result = try CommandRunner.orgready(["run", "pipeline.yml", "--quiet"], directory: dir)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    let message = result.stderr
    #expect(message.contains("pipeline.yml: error: the job history yields no people leader on 2025-11-15"))
    #expect(message.contains("mapping 'exact-level-ids'"))
    #expect(message.contains("is_people_leader at wd:Job_History_group/wd:Management_Level/wd:ID"))
    // The five most frequent values, most frequent first.
    #expect(
      message.contains(
        "'4_Vice_President' (2), '2_Chief_Executive_Officer' (1), '3_Executive_Vice_President' (1), '6_Manager' (1), '8_Individual_Contributor' (1)"
      ), "\(message)")
    #expect(message.contains("rank_at_most"))
    // Nothing was published.
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Reports/latest").path))
    // validate says the same.
    let validate = try CommandRunner.orgready(["validate", "pipeline.yml", "--quiet"], directory: dir)
    #expect(validate.status == 2)
    #expect(validate.stderr.contains("yields no people leader"))
  }

  @Test func teamMetricsThatNameNoLeaderFailTheRunWithTheirLeaderIDs() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // The team metrics name leaders by WID while the job history uses Employee_IDs.
    let teams = try Dialects.write(
      Dialects.plainTeamMetrics([
        ("3aa5550b7fe348b98d7b5741afc65534", "2025-09"), ("3aa5550b7fe348b98d7b5741afc65534", "2025-10"),
        ("5e0b6f3a2c1d4e8f9a7b6c5d4e3f2a1b", "2025-10"),
      ]), in: dir)
    #expect(throws: RunFailure.self) {
      try Dialects.prepare(
        [
          ("jobs", TestPaths.fixture("workday-raas/job_history_tenant_levels.xml"), "workday-raas-job-history"),
          ("teams", teams, "plain-team-metrics"),
        ], in: dir)
    }
    do {
      _ = try Dialects.prepare(
        [
          ("jobs", TestPaths.fixture("workday-raas/job_history_tenant_levels.xml"), "workday-raas-job-history"),
          ("teams", teams, "plain-team-metrics"),
        ], in: dir)
    } catch let failure as RunFailure {
      #expect(failure.exitCode == 2)
      let message = failure.description
      #expect(message.contains("the team metrics match no people leader on 2025-11-15"))
      #expect(message.contains("Of 3 team-months up to 2025-11, 0 name a person in the job history"))
      #expect(
        message.contains("'3aa5550b7fe348b98d7b5741afc65534' (2), '5e0b6f3a2c1d4e8f9a7b6c5d4e3f2a1b' (1)"),
        "\(message)")
      #expect(message.contains("person ids in the job history look like '21104', '21110', '21120'"))
      #expect(message.contains("Employee_ID, not the WID"))
    }
  }
}
