import Foundation

/// Renders `report.json`: pretty-printed with sorted keys, so the same report is always the same
/// bytes.
public enum ReportJSON {
  public static func render(_ report: Report) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(report)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Reads a report back (for tests, the ledger and comparisons).
  public static func parse(_ text: String) throws -> Report {
    try JSONDecoder().decode(Report.self, from: Data(text.utf8))
  }
}
