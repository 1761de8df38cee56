import Foundation
import OrgReadiness

/// Reads a published run's report back: `report.json` with its `units.jsonl` and
/// `organisations.jsonl`.
enum PublishedReport {
  static func read(_ runDir: URL) throws -> Report {
    func text(_ name: String) throws -> String? {
      let url = runDir.appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: url.path) else { return nil }
      return try String(contentsOf: url, encoding: .utf8)
    }
    return try ReportJSON.parse(
      text("report.json") ?? "", units: text(ReportJSON.unitsFile) ?? "",
      organisations: text(ReportJSON.organisationsFile))
  }
}
