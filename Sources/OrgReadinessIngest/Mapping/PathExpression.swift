/// A namespace-qualified name test as written in a mapping path.
public struct QualifiedName: Hashable, Sendable, CustomStringConvertible {
  /// The prefix as written (nil: no prefix; "*": any namespace).
  public var prefix: String?
  public var local: String

  public var description: String { prefix.map { "\($0):\(local)" } ?? local }
}

/// One step of a path: an element name test with an optional attribute-equality predicate.
public struct PathStep: Hashable, Sendable, CustomStringConvertible {
  public var name: QualifiedName
  /// `[@attr='value']`: the element must carry this attribute with exactly this value.
  public var predicate: (attribute: QualifiedName, value: String)?

  public var description: String {
    guard let predicate else { return name.description }
    return "\(name)[@\(predicate.attribute)='\(predicate.value)']"
  }

  public static func == (lhs: PathStep, rhs: PathStep) -> Bool {
    lhs.name == rhs.name && lhs.predicate?.attribute == rhs.predicate?.attribute
      && lhs.predicate?.value == rhs.predicate?.value
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(predicate?.attribute)
    hasher.combine(predicate?.value)
  }
}

/// A parsed mapping path: element steps from the context element, ending either at an
/// element's text or at one of its attributes. The subset of XPath 1.0 that mappings use:
/// `a/b/c`, `a/b[@t='x']/c`, `a/@attr`, `@attr`, `.`, `a/text()`, prefixes bound in the
/// mapping's `namespaces`, and `*:name` for any namespace.
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
    (steps, attribute) = try parser.parse()
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

    mutating func parse() throws(PathSyntaxError) -> ([PathStep], QualifiedName?) {
      var steps: [PathStep] = []
      skipSpaces()
      if peek == "/" { throw fail("a mapping path is relative to the record element; remove the leading '/'") }
      while index < text.count {
        skipSpaces()
        if peek == "@" {
          index += 1
          let attribute = try qualifiedName()
          skipSpaces()
          guard index == text.count else { throw fail("an attribute must be the last step") }
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
            guard index == text.count else { throw fail("text() must be the last step") }
            return (steps, nil)
          }
          var step = PathStep(name: name, predicate: nil)
          if peek == "[" {
            index += 1
            skipSpaces()
            guard peek == "@" else { throw fail("only [@attribute='value'] predicates are supported") }
            index += 1
            let attribute = try qualifiedName()
            skipSpaces()
            guard peek == "=" else { throw fail("expected '=' in the predicate") }
            index += 1
            skipSpaces()
            let value = try quoted()
            skipSpaces()
            guard peek == "]" else { throw fail("expected ']' to close the predicate") }
            index += 1
            step.predicate = (attribute, value)
          }
          steps.append(step)
        }
        skipSpaces()
        if index == text.count { break }
        guard peek == "/" else { throw fail("expected '/' between steps") }
        index += 1
        if index == text.count { throw fail("the path ends with '/'") }
      }
      return (steps, nil)
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
      while let c = peek, c == "_" || c == "-" || c == "." || c.properties.isAlphabetic
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
