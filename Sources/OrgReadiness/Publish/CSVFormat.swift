import Foundation

/// RFC 4180 CSV with spreadsheet-formula guarding: a field that a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading apostrophe.
public enum CSVFormat {
  public static func field(_ text: String) -> String {
    var value = text
    if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
      // A plain negative number is data, not a formula.
      if !(first == "-" && Double(value) != nil) { value = "'" + value }
    }
    if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return value
  }

  /// One CSV line (CRLF-terminated, as RFC 4180 specifies).
  public static func row(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",") + "\r\n"
  }
}
