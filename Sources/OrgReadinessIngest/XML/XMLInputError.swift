/// Why an XML input could not be read at all. Every case names the file and, where the parser
/// knows it, the line and column, and says what to do.
public enum XMLInputError: Error, Hashable, Sendable, CustomStringConvertible {
  case unreadable(path: String, reason: String)
  case malformed(path: String, line: Int, column: Int, message: String)
  case forbidden(path: String, line: Int, column: Int, message: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason):
      return "\(path): cannot read the file: \(reason)"
    case .malformed(let path, let line, let column, let message):
      return "\(path):\(line):\(column): error: the XML is not well-formed: \(message). Re-export the file from the HRIS; a file cut short by a failed transfer ends this way"
    case .forbidden(let path, let line, let column, let message):
      return "\(path):\(line):\(column): error: \(message)"
    }
  }
}
