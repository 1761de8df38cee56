import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest

/// The mapping language itself, on small documents written here: paths, conditions, nulls,
/// field rules, several events per record, drop rules, versions and the errors a user sees.
@Suite struct MappingLanguageTests {
  func read(_ yaml: String, _ xml: String) throws -> IngestedFile<JobEvent> {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try Dialects.write(xml, in: dir)
    return try Ingest.jobEvents(path: path, mapping: try Dialects.compile(yaml), input: 0)
  }

  func readTeams(_ yaml: String, _ xml: String) throws -> IngestedFile<TeamPeriod> {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try Dialects.write(xml, in: dir)
    return try Ingest.teamPeriods(path: path, mapping: try Dialects.compile(yaml), input: 0)
  }

  func compileError(_ yaml: String) -> String? {
    do {
      _ = try Dialects.compile(yaml)
      return nil
    } catch {
      return "\(error)"
    }
  }

  static let header = """
    version: 2
    name: t
    produces: job_events
    record: r
    """

  @Test(arguments: [
    ("a/b[@t='x']/c", "a/b[@t='x']/c"),
    ("a[b='x']/c", "a[b='x']/c"),
    ("a[b/c[@t='y']='x'][@k='v']/d", "a[b/c[@t='y']='x'][@k='v']/d"),
    ("a[last()]/@x", "a[last()]/@x"),
    ("*:a/text()", "*:a"),
    (" a / b ", "a/b"),
  ])
  func pathsRoundTrip(text: String, expected: String) throws {
    #expect(try PathExpression(parsing: text).description == expected)
  }

  @Test(arguments: [
    ("/a", "relative"),
    ("a//b", "'//'"),
    ("a | b", "'|'"),
    ("a[1]/b", "position predicates"),
    ("a[b='x' and c='y']", "'and'"),
    ("a[b[c='x']='y']", "inside a predicate"),
    ("a/@b/c", "last step"),
    ("a/..", "'..'"),
    ("a[@b='x'", "']'"),
  ])
  func badPathsSayWhatIsWrong(text: String, fragment: String) {
    #expect(throws: PathSyntaxError.self) { try PathExpression(parsing: text) }
    do {
      _ = try PathExpression(parsing: text)
    } catch {
      #expect(error.description.contains(fragment), "\(error.description)")
    }
  }

  @Test func childConditionsPickNameValuePairsInAnyOrder() throws {
    let yaml = """
      version: 2
      name: pairs
      produces: team_periods
      record: row
      fields:
        leader_id: leader
        period: month
      indicators:
        engagement_score: metric[name='engagement']/value
        escalations: metric[name='escalations']/value
        review_wait_hours: metric[name='review_wait'][@unit='h']/value
      """
    let xml = """
      <rows>
        <row>
          <leader>L1</leader><month>2025-10</month>
          <metric><value>3</value><name>escalations</name></metric>
          <metric><name>engagement</name><value>71</value></metric>
          <metric unit="d"><name>review_wait</name><value>2</value></metric>
          <metric unit="h"><name> review_wait </name><value>30</value></metric>
          <metric><name>engagement</name><value>99</value></metric>
        </row>
        <row><leader>L2</leader><month>2025-10</month><metric><name>other</name><value>5</value></metric></row>
      </rows>
      """
    let file = try readTeams(yaml, xml)
    #expect(file.rejected.isEmpty)
    let mapping = try Dialects.compile(yaml)
    let names = mapping.indicators.map(\.indicator.name)
    let first = try #require(file.records.first)
    #expect(first.values[try #require(names.firstIndex(of: "engagement_score"))] == 71)
    #expect(first.values[try #require(names.firstIndex(of: "escalations"))] == 3)
    #expect(first.values[try #require(names.firstIndex(of: "review_wait_hours"))] == 30)
    #expect(file.records[1].values.allSatisfy { $0 == nil })
  }

  @Test func conditionsOnNestedPathsAndLastOccurrence() throws {
    let yaml =
      Self.header + """

        fields:
          person_id: id
          effective_date: date
          event_type: { const: hire }
          org_unit_id: org[type/code[@s='t']='SUP']/id
          org_unit_name: org[last()]/name
        """
    let xml = """
      <x><r><id>1</id><date>2024-01-01</date>
        <org><id>C1</id><type><code s='t'>COMPANY</code></type><name>Acme</name></org>
        <org><id>S1</id><type><code s='u'>SUP</code></type><name>Wrong scheme</name></org>
        <org><type><code s='t'>SUP</code></type><id>S2</id><name>Search</name></org>
        <org><id>S3</id></org>
      </r></x>
      """
    let event = try #require(try read(yaml, xml).records.first)
    #expect(event.orgUnitID == "S2")
    // [last()]: the last org element, which has no name.
    #expect(event.orgUnitName == nil)
  }

  @Test func nullsInEveryForm() throws {
    let yaml =
      Self.header + """

        namespaces:
          m: "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"
          d: "http://schemas.microsoft.com/ado/2007/08/dataservices"
        fields:
          person_id: d:id
          effective_date: d:date
          event_type: { const: hire }
          manager_id:
            path: d:manager
            null_values: [NO_MANAGER]
          org_unit_id: { path: d:org, default: UNASSIGNED }
          job_level: d:level
        """
    let xml = """
      <x xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"
         xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <r><d:id>1</d:id><d:date>2024-01-01</d:date><d:manager m:null="true">9</d:manager><d:org></d:org><d:level xsi:nil="true"/></r>
        <r><d:id>2</d:id><d:date>2024-01-01</d:date><d:manager>NO_MANAGER</d:manager><d:org/><d:level m:null="false">L3</d:level></r>
        <r><d:id>3</d:id><d:date>2024-01-01</d:date><d:manager>  </d:manager></r>
      </x>
      """
    let events = try read(yaml, xml).records
    #expect(events.map(\.managerID) == [nil, nil, nil])
    #expect(events.map(\.orgUnitID) == ["UNASSIGNED", "UNASSIGNED", "UNASSIGNED"])
    #expect(events.map(\.jobLevel) == [nil, "L3", nil])
  }

  @Test func splitTakeAndPathAlternatives() throws {
    let yaml =
      Self.header + """

        fields:
          person_id: { path: [emp, worker/@id] }
          effective_date: { path: day, format: DD/MM/YYYY }
          event_type: { const: transfer }
          manager_name: { path: managers, split: ";", take: last }
          org_unit_id: { path: orgs, split: ";", take: only }
        """
    let xml = """
      <x>
        <r><worker id="7"/><day>01/02/2024</day><managers>Ann Lee; Bo Ek;</managers><orgs>PAY</orgs></r>
        <r><emp>8</emp><worker id="x"/><day>29/02/2023</day></r>
        <r><emp>9</emp><day>01/03/2024</day><orgs>PAY; SEA</orgs></r>
      </x>
      """
    let file = try read(yaml, xml)
    let first = try #require(file.records.first)
    #expect(first.personID == "7")
    #expect(first.effectiveDate.description == "2024-02-01")
    #expect(first.managerName == "Bo Ek")
    #expect(first.orgUnitID == "PAY")
    #expect(file.rejected.map(\.field) == ["effective_date", "org_unit_id"])
    #expect(file.rejected.map(\.recordKey) == ["8", "9"])
    #expect(file.rejected[1].reason.contains("2 values where one is expected"))
  }

  @Test func severalKindsOfEventPerRecordWithWhenAndDrop() throws {
    let yaml = """
      version: 2
      name: t
      produces: job_events
      record: worker
      fields:
        person_id: "@id"
      events:
        - each: job
          fields:
            effective_date: job/@from
            event_type: { path: job/kind, map: { P: promotion, X: other } }
          drop:
            - { path: job/rescinded, equals: ["1", "TRUE"] }
        - fields:
            effective_date: hired
            event_type: { const: hire }
        - when: left
          fields:
            effective_date: left
            event_type: { const: termination }
            sequence: { const: "1" }
      """
    let xml = """
      <ws>
        <worker id="1"><hired>2020-01-01</hired>
          <job from="2021-01-01"><kind>P</kind></job>
          <job from="2022-01-01"><kind>P</kind><rescinded>true</rescinded></job>
          <job from="2023-01-01"><kind>X</kind></job>
          <left>2024-06-30</left>
        </worker>
        <worker id="2"><hired>2020-05-05</hired></worker>
        <worker id="3"><job from="2021-01-01"><kind>Q</kind></job></worker>
        <worker id="4"/>
      </ws>
      """
    let file = try read(yaml, xml)
    #expect(file.filtered == 1)
    #expect(
      file.records.map { "\($0.personID) \($0.effectiveDate) \($0.eventType.rawValue)" } == [
        "1 2021-01-01 promotion", "1 2023-01-01 other", "1 2020-01-01 hire", "1 2024-06-30 termination",
        "2 2020-05-05 hire",
      ])
    // Worker 3: its job has an unmapped kind, and its hire event has no date.
    #expect(file.rejected.filter { $0.recordKey == "3" }.map(\.field).sorted() == ["effective_date", "event_type"])
    // Worker 4: the hire event exists (no 'when') but has no date.
    #expect(file.rejected.filter { $0.recordKey == "4" }.map(\.field) == ["effective_date"])
    #expect(file.recordsRead == 5 + 3)
  }

  @Test func inferredEventTypesFollowChangesAndKeepDuplicatesExact() throws {
    let yaml =
      Self.header + """

        fields:
          person_id: "@p"
          effective_date: "@d"
          event_type: { infer: changes }
          job_level: "@level"
          org_unit_id: "@unit"
          manager_id: "@m"
        """
    let xml = """
      <x>
        <r p="1" d="2020-01-01" level="L1" unit="A" m="9"/>
        <r p="1" d="2021-01-01" level="L1" unit="A" m="8"/>
        <r p="1" d="2022-01-01" level="L1" unit="B" m="8"/>
        <r p="1" d="2023-01-01" level="L2" unit="B" m="8"/>
        <r p="1" d="2023-01-01" level="L2" unit="B" m="8"/>
        <r p="2" d="2019-05-01" level="L1" unit="A"/>
      </x>
      """
    let events = try read(yaml, xml).records
    #expect(events.map(\.eventType) == [.hire, .other, .transfer, .promotion, .promotion, .hire])
    #expect(events[3] == events[4])
  }

  @Test func versionOneFilesKeepWorkingAndRefuseVersionTwoFeatures() throws {
    let v1 = """
      version: 1
      name: old
      produces: job_events
      record: r
      fields:
        person_id: id
        effective_date: date
        event_type: { const: hire }
      """
    #expect(compileError(v1) == nil)
    let withDrop = v1 + "\ndrop:\n  - { path: x, equals: '1' }\n"
    #expect(compileError(withDrop)?.contains("'drop' needs version 2") == true)
    let withSplit = v1.replacingOccurrences(of: "person_id: id", with: "person_id: { path: id, split: ';' }")
    #expect(compileError(withSplit)?.contains("split") == true)
    let withName = v1 + "\n  person_name: name\n"
    #expect(compileError(withName)?.contains("needs version 2") == true)
    let future = v1.replacingOccurrences(of: "version: 1", with: "version: 3")
    #expect(compileError(future)?.contains("versions 1 to 2") == true)
  }

  @Test(arguments: [
    (
      "people_leader: direct_reports\nfields:\n  person_id: a\n  effective_date: b\n  event_type: c\n  is_people_leader: d",
      "people_leader: this rule replaces the is_people_leader field"
    ),
    (
      "people_leader: { job_level_in: [M1] }\nfields:\n  person_id: a\n  effective_date: b\n  event_type: c",
      "job_level_in needs the job_level field"
    ),
    (
      "fields:\n  person_id: a\n  effective_date: b\n  event_type: c\n  org_unit_id: { path: x, infer: changes }",
      "'infer' is for event_type only"
    ),
    (
      "fields:\n  person_id: a\n  effective_date: b\n  event_type: c\n  manager: m",
      "fields.manager: unknown field"
    ),
    (
      "fields:\n  person_id: a\n  effective_date: b",
      "fields.event_type: this field is required"
    ),
    (
      "fields:\n  person_id: p:a\n  effective_date: b\n  event_type: c",
      "the prefix 'p' is not declared"
    ),
    (
      "events:\n  - each: g\n    fields: { effective_date: g/d, event_type: g/t }\n  - each: g/h\n    fields: { effective_date: g/h/d, event_type: g/t }\nfields:\n  person_id: a",
      "cannot nest"
    ),
    (
      "each: g[x='1']\nfields:\n  person_id: a\n  effective_date: b\n  event_type: c",
      "'each' may only use [@attribute='value'] predicates"
    ),
    (
      "people_leader: sometimes\nfields:\n  person_id: a\n  effective_date: b\n  event_type: c",
      "'sometimes' is not a rule"
    ),
  ])
  func mistakesNameTheKey(body: String, fragment: String) {
    let message = compileError(Self.header + "\n" + body)
    #expect(message?.contains(fragment) == true, "\(message ?? "compiled")")
  }

  @Test func misspeltNestedKeysAreWarnedAbout() throws {
    let yaml =
      Self.header + """

        fields:
          person_id: id
          effective_date: { path: date, fromat: DD/MM/YYYY }
          event_type: { const: hire }
        drop:
          - { path: x, equal: "1", equals: "1" }
        """
    let warnings = try MappingLoader.compile(yaml: yaml, path: "t.yml").warnings
    #expect(
      warnings.map(\.description) == [
        "t.yml: warning: unknown key 'fields.effective_date.fromat' is ignored",
        "t.yml: warning: unknown key 'drop[0].equal' is ignored",
      ])
  }

  @Test func valuesLongerThanTheLimitRejectTheRecordNotTheFile() throws {
    let big = String(repeating: "x", count: StreamingRecordReader.maximumValueBytes + 10)
    let yaml =
      Self.header
      + "\nfields:\n  person_id: id\n  effective_date: date\n  event_type: { const: hire }\n  job_level: level\n"
    let xml =
      "<x><r><id>1</id><date>2024-01-01</date><level>\(big)</level></r><r><id>2</id><date>2024-01-01</date></r></x>"
    let file = try read(yaml, xml)
    #expect(file.records.map(\.personID) == ["2"])
    #expect(file.rejected.first?.field == "job_level")
    #expect(file.rejected.first?.reason.contains("longer than 1 MiB") == true)
  }
}

/// The walkthrough in docs/mappings.md: its mapping file is the one tested here, verbatim.
@Suite struct WalkthroughTests {
  @Test func theDocumentedMappingReadsTheDocumentedExport() throws {
    let mappingPath = TestPaths.fixture("walkthrough/team-health.yml")
    let mapping = try MappingLoader.load(path: mappingPath).mapping
    let file = try Ingest.teamPeriods(
      path: TestPaths.fixture("walkthrough/team_health.xml"), mapping: mapping, input: 0)
    let names = mapping.indicators.map(\.indicator.name)
    #expect(names.last == "psychological_safety")
    let first = try #require(file.records.first)
    #expect(first.leaderID == "200001" && first.teamID == "T-PAY" && first.period.description == "2025-10")
    #expect(first.orgUnitID == "DEP-PAY" && first.orgUnitName == "Payments Platform" && first.headcount == 8)
    func value(_ name: String) -> Double? { first.values[names.firstIndex(of: name)!] }
    #expect(value("engagement_score") == 71.5)
    #expect(value("participation_rate") == 0.92)
    #expect(value("escalations") == nil)
    #expect(value("psychological_safety") == 4.1)
    // 92 is a percentage where the indicator is a share: rejected with the reason.
    #expect(file.rejected.map(\.field) == ["participation_rate"])
    #expect(file.rejected.first?.reason.contains("outside the valid range 0.0...1.0") == true)

    let docs = try String(contentsOf: TestPaths.root.appendingPathComponent("docs/mappings.md"), encoding: .utf8)
    let yaml = try String(contentsOfFile: mappingPath, encoding: .utf8)
    let body = yaml.split(separator: "\n").drop { $0.hasPrefix("#") }.joined(separator: "\n")
    #expect(docs.contains(body), "docs/mappings.md no longer shows walkthrough/team-health.yml")
    let xml = try String(contentsOfFile: TestPaths.fixture("walkthrough/team_health.xml"), encoding: .utf8)
    #expect(docs.contains(xml.split(separator: "\n").prefix(12).joined(separator: "\n")))
  }
}
