import Foundation

@testable import OrgReadiness
@testable import OrgReadinessIngest
@testable import OrgReadinessPipeline

/// Reading fixtures through the built-in mappings, alone or as a whole pipeline.
enum Dialects {
  static let asOf = CalendarDate.literal("2025-11-15")

  static var catalog: MappingCatalog {
    MappingCatalog(directories: [TestPaths.root.appendingPathComponent("Pipelines/mappings").path])
  }

  static func mapping(_ name: String) throws -> CompiledMapping {
    try MappingLoader.load(path: TestPaths.mapping(name)).mapping
  }

  static func jobs(_ fixture: String, _ mapping: String, input: Int = 0) throws -> IngestedFile<JobEvent> {
    try Ingest.jobEvents(path: TestPaths.fixture(fixture), mapping: try self.mapping(mapping), input: input)
  }

  static func people(_ fixture: String, _ mapping: String, input: Int = 0) throws -> IngestedFile<PersonRecord> {
    try Ingest.people(path: TestPaths.fixture(fixture), mapping: try self.mapping(mapping), input: input)
  }

  static func teams(_ fixture: String, _ mapping: String, input: Int = 0) throws -> IngestedFile<TeamPeriod> {
    try Ingest.teamPeriods(path: TestPaths.fixture(fixture), mapping: try self.mapping(mapping), input: input)
  }

  static func enrolments(_ fixture: String, _ mapping: String, input: Int = 0) throws -> IngestedFile<SupportEnrolment>
  {
    try Ingest.supportEnrolments(path: TestPaths.fixture(fixture), mapping: try self.mapping(mapping), input: input)
  }

  /// Compiles mapping YAML written in a test.
  static func compile(_ yaml: String) throws -> CompiledMapping {
    try MappingLoader.compile(yaml: yaml, path: "test.yml").mapping
  }

  /// Writes `xml` to a temporary file and returns its path (removed with the folder by the caller).
  static func write(_ xml: String, in directory: URL, name: String = "input.xml") throws -> String {
    let path = directory.appendingPathComponent(name).path
    try xml.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// Plain element-per-column team metrics: one engagement value per leader and period.
  static func plainTeamMetrics(_ rows: [(leader: String, period: String)]) -> String {
    var xml = "<team_metrics>\n"
    for row in rows {
      xml +=
        "  <team_month><leader_id>\(row.leader)</leader_id><period>\(row.period)</period><engagement_score>70</engagement_score></team_month>\n"
    }
    return xml + "</team_metrics>\n"
  }

  /// Loads a pipeline of `inputs` (name, path, mapping name or path) written into `directory`
  /// and prepares it as a run would (ingest and the resolve checks).
  static func prepare(
    _ inputs: [(name: String, path: String, mapping: String)], in directory: URL, errorBudget: Double = 1
  ) throws -> PreparedInputs {
    var yaml = "version: 1\nname: test\nerror_budget: \(errorBudget)\ninputs:\n"
    for input in inputs {
      yaml += "  - name: \(input.name)\n    path: \"\(input.path)\"\n    mapping: \(input.mapping)\n"
    }
    let path = directory.appendingPathComponent("pipeline.yml").path
    let definition = try PipelineDefinition.parse(yaml: yaml, path: path, catalog: catalog)
    let mappings = try InputPreparation.loadMappings(definition).mappings
    return try InputPreparation.prepare(definition, mappings: mappings, asOf: asOf, keepEveryone: true)
  }
}

extension PreparedInputs {
  func summary(_ name: String) -> Report.InputSummary? { summaries.first { $0.name == name } }

  func counts(_ name: String) -> RecordCounts? {
    summary(name).map {
      RecordCounts(
        read: $0.recordsRead, accepted: $0.accepted, rejected: $0.rejected, duplicates: $0.duplicates,
        futureDated: $0.futureDated, filtered: $0.filtered)
    }
  }
}
