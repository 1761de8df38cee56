import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest

/// The benchmark's user-written mapping (Benchmarks/mappings/team-metrics-by-attribute.yml) reads
/// measures selected by attribute (`wd:Metric[@wd:name='review_wait_hours']`) and by name/value
/// pair (`wd:Measure[wd:Code='HEADCOUNT']/wd:Value`). Rewritten into that shape line for line, the
/// Workday team metrics fixture must give exactly the team-months (and rejects, with their lines)
/// that the built-in mapping reads from the original: the flat attribute-predicate tables select
/// the same elements the mapping names, and `make bench` measures the same work on both shapes.
@Suite struct AttributeKeyedMeasuresTests {
  static let indicators = [
    "Review_Wait_Hours", "Decision_Latency_Days", "Approval_Share", "Leader_Execution_Share", "Escalations",
    "Engagement_Score", "Participation_Rate", "Voluntary_Attrition_Rate", "Absenteeism_Rate", "After_Hours_Share",
  ]

  /// The same rewrite `Benchmarks/bench.py` applies (`attribute_metrics`).
  static func byAttribute(_ xml: String) -> String {
    xml.components(separatedBy: "\n").map { line in
      let trimmed = line.drop { $0 == " " }
      let indent = String(line.prefix(line.count - trimmed.count))
      for name in indicators + ["Headcount"]
      where trimmed.hasPrefix("<wd:\(name)>") && trimmed.hasSuffix("</wd:\(name)>") {
        let value = trimmed.dropFirst(name.count + 5).dropLast(name.count + 6)
        if name == "Headcount" {
          return indent + "<wd:Measure><wd:Value>\(value)</wd:Value><wd:Code>HEADCOUNT</wd:Code></wd:Measure>"
        }
        return indent + "<wd:Metric wd:name=\"\(name.lowercased())\">\(value)</wd:Metric>"
      }
      return line
    }.joined(separator: "\n")
  }

  @Test func measuresSelectedByAttributeOrNameValueGiveTheSameTeamMonths() throws {
    let original = try String(contentsOfFile: TestPaths.fixture("workday-raas/team_metrics.xml"), encoding: .utf8)
    let rewritten = Self.byAttribute(original)
    #expect(rewritten.contains("<wd:Metric wd:name=\"review_wait_hours\">") && rewritten.contains("HEADCOUNT"))
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try Dialects.write(rewritten, in: dir)
    let builtIn = try Ingest.teamPeriods(
      path: TestPaths.fixture("workday-raas/team_metrics.xml"),
      mapping: MappingLoader.load(path: TestPaths.mapping("workday-raas-team-metrics")).mapping, input: 0)
    let benchMapping = TestPaths.root.appendingPathComponent("Benchmarks/mappings/team-metrics-by-attribute.yml").path
    let attributed = try Ingest.teamPeriods(
      path: path, mapping: MappingLoader.load(path: benchMapping).mapping, input: 0)
    #expect(!builtIn.records.isEmpty)
    #expect(attributed.records == builtIn.records)
    #expect(attributed.rejected == builtIn.rejected)
  }
}
