/// Why an XML input could not be read at all. Every case names the file and, where the parser
/// knows it, the line and column, and says what to do.
public enum XMLInputError: Error, Hashable, Sendable, CustomStringConvertible {
  case unreadable(path: String, reason: String)
  /// Not well-formed XML (mismatched tags, an undefined entity or prefix, text after the root).
  case malformed(path: String, line: Int, column: Int, message: String)
  /// Refused on purpose: a DOCTYPE, which could declare entities or load external files.
  case forbidden(path: String, line: Int, column: Int, message: String)
  /// Bytes that are not in the declared encoding (or UTF-8), or an encoding libxml2 cannot read.
  case encoding(path: String, line: Int, column: Int, message: String)
  /// The file ends inside an element: cut short.
  case truncated(path: String, line: Int, column: Int, message: String)
  /// Past a safety limit: nesting depth, name length, attribute size.
  case limit(path: String, line: Int, column: Int, message: String)
  /// Well-formed, but no element matches the mapping's record path (the message says what the
  /// file holds instead).
  case noRecords(message: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason):
      return "\(path): cannot read the file: \(reason)"
    case .malformed(let path, let line, let column, let message):
      return
        "\(path):\(line):\(column): error: the XML is not well-formed: \(message). HRIS exports are well-formed XML: check how this file was produced or edited, and export it again"
    case .forbidden(let path, let line, let column, let message),
      .encoding(let path, let line, let column, let message),
      .truncated(let path, let line, let column, let message),
      .limit(let path, let line, let column, let message):
      return "\(path):\(line):\(column): error: \(message)"
    case .noRecords(let message):
      return message
    }
  }

  /// A short name of the kind of problem (`malformed`, `encoding`, ...), for tests and summaries.
  public var kind: String {
    switch self {
    case .unreadable: return "unreadable"
    case .malformed: return "malformed"
    case .forbidden: return "forbidden"
    case .encoding: return "encoding"
    case .truncated: return "truncated"
    case .limit: return "limit"
    case .noRecords: return "no records"
    }
  }

  /// Line and column of the problem (0 when unknown).
  public var position: (line: Int, column: Int) {
    switch self {
    case .unreadable, .noRecords: return (0, 0)
    case .malformed(_, let l, let c, _), .forbidden(_, let l, let c, _), .encoding(_, let l, let c, _),
      .truncated(_, let l, let c, _), .limit(_, let l, let c, _):
      return (l, c)
    }
  }
}
