/// A namespace-qualified name test as written in a mapping path.
public struct QualifiedName: Hashable, Sendable, CustomStringConvertible {
  /// The prefix as written (nil: no prefix; "*": any namespace).
  public var prefix: String?
  public var local: String

  public var description: String { prefix.map { "\($0):\(local)" } ?? local }
}

/// A condition on an element, written in square brackets after its name.
public enum StepPredicate: Hashable, Sendable, CustomStringConvertible {
  /// `[@attr='value']`: the element carries this attribute with exactly this value.
  case attribute(QualifiedName, String)
  /// `[child='value']`, `[a/b='value']`, `[a/@t='value']`: some node at this relative path has
  /// this value (after trimming spaces). The path may use attribute predicates only.
  case child(PathExpression, String)
  /// `[last()]`: the last such element in the record wins instead of the first.
  case last

  public var description: String {
    switch self {
    case .attribute(let name, let value): return "[@\(name)='\(value)']"
    case .child(let path, let value): return "[\(path)='\(value)']"
    case .last: return "[last()]"
    }
  }

  var isAttribute: Bool {
    if case .attribute = self { return true }
    return false
  }
}

/// One step of a path: an element name test with optional predicates.
public struct PathStep: Hashable, Sendable, CustomStringConvertible {
  public var name: QualifiedName
  public var predicates: [StepPredicate]

  public init(name: QualifiedName, predicates: [StepPredicate] = []) {
    self.name = name
    self.predicates = predicates
  }

  public var description: String { name.description + predicates.map(\.description).joined() }
}

/// A parsed mapping path: element steps from the context element, ending either at an
/// element's text or at one of its attributes. The subset of XPath 1.0 that mappings use:
/// `a/b/c`, `a/b[@t='x']/c`, `a[b='x']/c`, `a[last()]/c`, `a/@attr`, `@attr`, `.`, `a/text()`,
/// prefixes bound in the mapping's `namespaces`, and `*:name` for any namespace.
public struct PathExpression: Hashable, Sendable, CustomStringConvertible {
  public var steps: [PathStep]
  /// Set when the path ends at an attribute rather than text.
  public var attribute: QualifiedName?

  public var description: String {
    var parts = steps.map(\.description)
    if let attribute { parts.append("@\(attribute)") }
    return parts.isEmpty ? "." : parts.joined(separator: "/")
  }

  /// Parses `text`; throws a message naming the column of the problem.
  public init(parsing text: String) throws(PathSyntaxError) {
    var parser = Parser(text: Array(text.unicodeScalars), source: text)
    parser.skipSpaces()
    if parser.peek == "/" {
      throw parser.fail("a mapping path is relative to the record element; remove the leading '/'")
    }
    (steps, attribute) = try parser.path(nested: false)
    parser.skipSpaces()
    guard parser.index == parser.text.count else { throw parser.fail("unexpected text after the path") }
  }

  init(steps: [PathStep], attribute: QualifiedName?) {
    self.steps = steps
    self.attribute = attribute
  }

  /// True when `prefix` is a leading part of this path's steps.
  public func starts(with prefix: [PathStep]) -> Bool {
    steps.count >= prefix.count && Array(steps.prefix(prefix.count)) == prefix
  }

  private struct Parser {
    let text: [Unicode.Scalar]
    let source: String
    var index = 0

    init(text: [Unicode.Scalar], source: String) {
      self.text = text
      self.source = source
    }

    /// Steps separated by `/`, optionally ending at `@attr` or `text()`. Inside a predicate
    /// (`nested`) the path stops before `=`.
    mutating func path(nested: Bool) throws(PathSyntaxError) -> ([PathStep], QualifiedName?) {
      var steps: [PathStep] = []
      while true {
        skipSpaces()
        if peek == "@" {
          index += 1
          let attribute = try qualifiedName()
          skipSpaces()
          guard atPathEnd(nested: nested) else { throw fail("an attribute must be the last step") }
          return (steps, attribute)
        }
        if peek == "." {
          index += 1
          if peek == "." { throw fail("'..' is not supported: paths only go down from the record") }
        } else {
          let name = try qualifiedName()
          if name.prefix == nil && name.local == "text" && peek == "(" {
            index += 1
            guard peek == ")" else { throw fail("expected ')' after text(") }
            index += 1
            skipSpaces()
            guard atPathEnd(nested: nested) else { throw fail("text() must be the last step") }
            return (steps, nil)
          }
          var step = PathStep(name: name)
          skipSpaces()
          while peek == "[" {
            step.predicates.append(try predicate(nested: nested))
            skipSpaces()
          }
          steps.append(step)
        }
        skipSpaces()
        if atPathEnd(nested: nested) { return (steps, nil) }
        guard peek == "/" else {
          if peek == "|" { throw fail("'|' is not supported; list alternatives under 'path:' instead") }
          throw fail("expected '/' between steps")
        }
        index += 1
        if peek == "/" { throw fail("'//' is not supported: write every step from the record") }
        skipSpaces()
        if index == text.count { throw fail("the path ends with '/'") }
      }
    }

    func atPathEnd(nested: Bool) -> Bool {
      guard let c = peek else { return true }
      return nested && (c == "=" || c == "]")
    }

    mutating func predicate(nested: Bool) throws(PathSyntaxError) -> StepPredicate {
      index += 1  // [
      skipSpaces()
      let result: StepPredicate
      if peek == "@" {
        index += 1
        let attribute = try qualifiedName()
        skipSpaces()
        let value = try comparison()
        result = .attribute(attribute, value)
      } else if startsWith("last()") {
        index += 6
        result = .last
      } else if let c = peek, ("0"..."9").contains(c) {
        throw fail(
          "position predicates other than [last()] are not supported; write [name='value'], [@attribute='value'] or [last()]"
        )
      } else {
        if nested { throw fail("inside a predicate only [@attribute='value'] predicates are supported") }
        let start = index
        let (steps, attribute) = try path(nested: true)
        let inner = PathExpression(steps: steps, attribute: attribute)
        if steps.isEmpty && attribute == nil {
          index = start
          throw fail("write [name='value'], [@attribute='value'] or [last()]")
        }
        if steps.contains(where: { $0.predicates.contains { !$0.isAttribute } }) {
          throw fail("a predicate path may only use [@attribute='value'] predicates")
        }
        skipSpaces()
        let value = try comparison()
        result = .child(inner, value)
      }
      skipSpaces()
      guard peek == "]" else {
        if startsWith("and") || startsWith("or") {
          throw fail("'and'/'or' are not supported; write one [..] per condition")
        }
        throw fail("expected ']' to close the predicate")
      }
      index += 1
      return result
    }

    mutating func comparison() throws(PathSyntaxError) -> String {
      guard peek == "=" else {
        if peek == "]" {
          throw fail("a predicate needs '= value' (position predicates other than last() are not supported)")
        }
        throw fail("expected '=' in the predicate")
      }
      index += 1
      skipSpaces()
      return try quoted()
    }

    func startsWith(_ literal: String) -> Bool {
      let scalars = Array(literal.unicodeScalars)
      guard index + scalars.count <= text.count else { return false }
      return Array(text[index..<(index + scalars.count)]) == scalars
    }

    var peek: Unicode.Scalar? { index < text.count ? text[index] : nil }

    mutating func skipSpaces() {
      while let c = peek, c == " " || c == "\t" { index += 1 }
    }

    mutating func qualifiedName() throws(PathSyntaxError) -> QualifiedName {
      let first = try ncName(allowStar: true)
      if peek == ":" {
        index += 1
        let local = try ncName(allowStar: false)
        return QualifiedName(prefix: first, local: local)
      }
      if first == "*" { throw fail("'*' alone is not supported; write '*:name' for a name in any namespace") }
      return QualifiedName(prefix: nil, local: first)
    }

    mutating func ncName(allowStar: Bool) throws(PathSyntaxError) -> String {
      if allowStar && peek == "*" {
        index += 1
        return "*"
      }
      let start = index
      while let c = peek,
        c == "_" || c == "-" || c == "." || c.properties.isAlphabetic
          || ("0"..."9").contains(c) || c.value > 0x7F
      {
        if index == start && (c == "-" || c == "." || ("0"..."9").contains(c)) { break }
        index += 1
      }
      guard index > start else { throw fail("expected a name") }
      return String(String.UnicodeScalarView(text[start..<index]))
    }

    mutating func quoted() throws(PathSyntaxError) -> String {
      guard let quote = peek, quote == "'" || quote == "\"" else { throw fail("expected a quoted value") }
      index += 1
      let start = index
      while let c = peek, c != quote { index += 1 }
      guard peek == quote else { throw fail("unterminated quoted value") }
      let value = String(String.UnicodeScalarView(text[start..<index]))
      index += 1
      return value
    }

    func fail(_ message: String) -> PathSyntaxError {
      PathSyntaxError(path: source, column: index + 1, message: message)
    }
  }
}

/// A mapping path that does not parse.
public struct PathSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
  public var path: String
  public var column: Int
  public var message: String

  public var description: String { "path '\(path)', column \(column): \(message)" }
}
