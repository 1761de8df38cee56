import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest
@testable import OrgReadinessPipeline

/// Trap: a configuration value outside a fixed list used to surface the decoder's own words
/// ("Cannot initialize RecordKind from invalid String value job_event"). Every enum-valued key is
/// fed a wrong value here; the message must name the key, the value and the accepted words.
@Suite struct ConfigurationMessageTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var key: String
    var value: String
    var yaml: String
    /// Words the message must contain (the accepted values, in the file's terms).
    var accepted: [String]
    var testDescription: String { "\(key): \(value)" }
  }

  static func mapping(produces: String = "job_events", _ body: String) -> String {
    "version: 2\nname: t\nproduces: \(produces)\nrecord: r\n" + body
  }

  static let jobFields = "fields:\n  person_id: id\n  effective_date: date\n"
  static let teamFields = "fields:\n  leader_id: l\n  period: p\n"

  static let mappingCases: [Case] = [
    Case(
      key: "produces", value: "job_event", yaml: mapping(produces: "job_event", jobFields + "  event_type: t\n"),
      accepted: ["job_events", "team_periods", "people"]),
    Case(
      key: "fields.manager_name.take", value: "firstt",
      yaml: mapping(jobFields + "  event_type: t\n  manager_name: { path: m, split: ';', take: firstt }\n"),
      accepted: ["first", "last", "only"]),
    Case(
      key: "indicators.x.family", value: "bottlenecks",
      yaml: mapping(produces: "team_periods", teamFields + "indicators:\n  x: { path: x, family: bottlenecks }\n"),
      accepted: ["bottleneck", "disengagement", "other"]),
    Case(
      key: "indicators.x.worse_when", value: "up",
      yaml: mapping(produces: "team_periods", teamFields + "indicators:\n  x: { path: x, worse_when: up }\n"),
      accepted: ["higher", "lower"]),
    Case(
      key: "people_leader", value: "managers",
      yaml: mapping("people_leader: managers\n" + jobFields + "  event_type: t\n"),
      accepted: ["field", "direct_reports", "job_level_in"]),
    Case(
      key: "fields.event_type.infer", value: "diff", yaml: mapping(jobFields + "  event_type: { infer: diff }\n"),
      accepted: ["changes"]),
    Case(
      key: "fields.event_type.map.PROMO", value: "promo",
      yaml: mapping(jobFields + "  event_type: { path: t, map: { PROMO: promo } }\n"),
      accepted: ["hire", "promotion", "termination", "other"]),
    Case(
      key: "fields.event_type.otherwise", value: "misc",
      yaml: mapping(jobFields + "  event_type: { path: t, otherwise: misc }\n"), accepted: ["other"]),
    Case(
      key: "fields.is_people_leader.otherwise", value: "maybe",
      yaml: mapping(jobFields + "  event_type: t\n  is_people_leader: { path: l, otherwise: maybe }\n"),
      accepted: ["true or false"]),
  ]

  @Test(arguments: mappingCases)
  func aWrongWordInAMappingNamesKeyValueAndTheAcceptedWords(_ c: Case) {
    var message = ""
    do {
      _ = try MappingLoader.compile(yaml: c.yaml, path: "wrong.yml")
      Issue.record("\(c.key): \(c.value) was accepted")
      return
    } catch {
      message = error.description
    }
    #expect(message.hasPrefix("wrong.yml: error: \(c.key)"), "\(message)")
    #expect(message.contains("'\(c.value)'"), "\(message)")
    for word in c.accepted { #expect(message.contains(word), "\(message) lacks \(word)") }
    #expect(!message.contains("Cannot initialize"), "\(message)")
    #expect(!message.contains("RawValue") && !message.contains("String value"), "\(message)")
  }

  static let pipelineCases: [Case] = [
    Case(key: "as_of", value: "yesterday", yaml: "as_of: yesterday\n", accepted: ["YYYY-MM-DD", "today"]),
    Case(
      key: "privacy.analyst_outputs", value: "sometimes", yaml: "privacy:\n  analyst_outputs: sometimes\n",
      accepted: ["true or false"]),
    Case(
      key: "capacity.per", value: "fortnight", yaml: "capacity: { coaching_slots: 60, per: fortnight }\n",
      accepted: ["month", "quarter", "year"]),
  ]

  @Test(arguments: pipelineCases)
  func aWrongWordInAPipelineNamesKeyAndTheAcceptedWords(_ c: Case) throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let yaml = """
      version: 1
      inputs:
        - { name: jobs, path: jobs.xml, mapping: workday-raas-job-history }
      \(c.yaml)
      """
    var message = ""
    do {
      _ = try PipelineDefinition.parse(yaml: yaml, path: "p.yml", catalog: Dialects.catalog)
      Issue.record("\(c.key): \(c.value) was accepted")
      return
    } catch {
      message = error.description
    }
    #expect(message.hasPrefix("p.yml: error: \(c.key)"), "\(message)")
    for word in c.accepted { #expect(message.contains(word), "\(message) lacks \(word)") }
    #expect(!message.contains("Bool") && !message.contains("Cannot initialize"), "\(message)")
  }
}
