import Foundation

/// RFC 4180 CSV with spreadsheet-formula guarding: a field that a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading apostrophe.
public enum CSVFormat {
  public static func field(_ text: String) -> String {
    var value = text
    // The first scalar is one of these ASCII characters exactly when the first byte is.
    if let first = value.utf8.first, Self.formulaStarts.contains(first) {
      // A plain negative number is data, not a formula.
      if !(first == UInt8(ascii: "-") && Double(value) != nil) { value = "'" + value }
    }
    if needsQuotes(value) {
      return "\"" + doubledQuotes(value) + "\""
    }
    return value
  }

  /// The first characters that make a spreadsheet run a field as a formula.
  static let formulaStarts: [UInt8] = Array("=+-@\t\r".utf8)

  /// Whether a field holds a comma, a quote or a line break (compared as characters: a CRLF is
  /// one). Most fields are ASCII without any of them, which a scan of the bytes tells at once.
  static func needsQuotes(_ value: String) -> Bool {
    var ascii = true
    var special = false
    var lineBreak = false
    var value = value
    value.withUTF8 { bytes in
      for byte in bytes {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "\""): special = true
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): lineBreak = true
        case 0x80...: ascii = false
        default: break
        }
      }
    }
    if !special && !lineBreak { return false }
    if ascii && special { return true }
    return value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
  }

  /// `value` with each `"` doubled; without one (the usual case) the value itself.
  static func doubledQuotes(_ value: String) -> String {
    guard value.utf8.contains(UInt8(ascii: "\"")) else { return value }
    return value.replacingOccurrences(of: "\"", with: "\"\"")
  }

  /// One CSV line (CRLF-terminated, as RFC 4180 specifies).
  public static func row(_ fields: [String]) -> String {
    var line = ""
    append(fields, to: &line)
    return line
  }

  /// Appends one CSV line to `out` (the same bytes as `row`).
  public static func append(_ fields: [String], to out: inout String) {
    var line: [UInt8] = []
    append(fields, to: &line)
    out += String(decoding: line, as: UTF8.self)
  }

  /// Appends one CSV line's UTF-8 bytes to `out` (the same bytes as `row`), for large files built
  /// as bytes.
  public static func append(_ fields: [String], to out: inout [UInt8]) {
    for (i, text) in fields.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      out.append(contentsOf: field(text).utf8)
    }
    out.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
  }
}
