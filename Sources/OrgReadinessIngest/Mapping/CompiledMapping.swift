import OrgReadiness

/// How an element or attribute's namespace is tested.
public enum NamespaceTest: Hashable, Sendable {
  /// No namespace (an unprefixed name in a path, as in XPath 1.0).
  case none
  /// Any namespace (`*:name`).
  case any
  /// Exactly this URI.
  case exact([UInt8])
  /// Any URI starting with these bytes (a mapping URI ending in `*`).
  case uriPrefix([UInt8])

  /// True when the (possibly null) namespace URI satisfies the test.
  func matches(_ uri: UnsafePointer<UInt8>?) -> Bool {
    switch self {
    case .any: return true
    case .none: return uri == nil || uri?.pointee == 0
    case .exact(let bytes):
      guard let uri else { return false }
      var i = 0
      while i < bytes.count {
        if uri[i] != bytes[i] { return false }
        i += 1
      }
      return uri[i] == 0
    case .uriPrefix(let bytes):
      guard let uri else { return false }
      for i in 0..<bytes.count where uri[i] != bytes[i] { return false }
      return true
    }
  }
}

/// A name test ready to be bound to a parser's dictionary.
public struct NameTest: Hashable, Sendable {
  public var local: [UInt8]
  public var namespace: NamespaceTest
}

/// One node of the compiled path trie: an element test under its parent.
struct MatchNode: Sendable {
  var name: NameTest
  var predicate: (attribute: NameTest, value: [UInt8])?
  var children: [Int] = []
  /// Slots that receive this element's own text.
  var textSlots: [Int] = []
  /// Slots that receive one of this element's attributes.
  var attributeSlots: [(attribute: NameTest, slot: Int)] = []
  /// True for the repeated `each` element.
  var isGroup = false
}

/// Where a canonical field's value comes from.
public enum FieldSource: Sendable, Hashable {
  case slot(Int)
  case constant(String)
}

/// A canonical field bound to its source and its value rules.
public struct FieldBinding: Sendable, Hashable {
  public var name: String
  public var source: FieldSource
  public var spec: FieldSpec
}

/// A mapping compiled once into a trie of element tests and capture slots, so that the streaming
/// reader can match every field of a record in one pass without building a tree.
public struct CompiledMapping: Sendable {
  public var name: String
  public var kind: MappingDefinition.RecordKind
  /// Ancestors then the record element itself.
  var recordPath: [NameTest]
  var recordAnchored: Bool
  /// Node 0 is the record element.
  var nodes: [MatchNode]
  /// For each slot, whether it belongs to the repeated `each` element.
  var slotIsGroup: [Bool]
  /// The path of each slot, for diagnostics.
  var slotPaths: [String]
  public var hasGroups: Bool
  public var eachPath: String?
  public var fields: [String: FieldBinding]
  /// Team metrics: the indicators in column order with their bindings.
  public var indicators: [(indicator: Indicator, binding: FieldBinding)]

  public static let jobEventFields: [String] = [
    "person_id", "effective_date", "event_type", "job_level", "is_people_leader", "manager_id",
    "org_unit_id", "org_unit_name", "sequence",
  ]
  public static let teamPeriodFields: [String] = [
    "leader_id", "team_id", "org_unit_id", "org_unit_name", "period", "headcount",
  ]
  static let requiredJobEventFields = ["person_id", "effective_date", "event_type"]
  static let requiredTeamPeriodFields = ["leader_id", "period"]

  /// Compiles a definition; every problem is reported as a `MappingError` naming the key.
  public init(_ definition: MappingDefinition) throws(MappingError) {
    guard definition.version == MappingDefinition.supportedVersion else {
      throw MappingError(key: "version", message: "version \(definition.version) is not supported; this tool reads version \(MappingDefinition.supportedVersion)")
    }
    name = definition.name
    kind = definition.produces
    eachPath = definition.each

    func namespaceTest(_ prefix: String?, key: String, isAttribute: Bool) throws(MappingError) -> NamespaceTest {
      guard let prefix else { return .none }
      if prefix == "*" { return .any }
      guard let uri = definition.namespaces[prefix] else {
        throw MappingError(key: key, message: "the prefix '\(prefix)' is not declared under 'namespaces'")
      }
      if uri.hasSuffix("*") { return .uriPrefix(Array(uri.dropLast().utf8)) }
      return .exact(Array(uri.utf8))
    }
    func nameTest(_ name: QualifiedName, key: String, isAttribute: Bool = false) throws(MappingError) -> NameTest {
      NameTest(local: Array(name.local.utf8), namespace: try namespaceTest(name.prefix, key: key, isAttribute: isAttribute))
    }
    func parse(_ text: String, key: String) throws(MappingError) -> PathExpression {
      do { return try PathExpression(parsing: text) } catch {
        throw MappingError(key: key, message: error.description)
      }
    }

    // The record element, with optional ancestors.
    var recordText = definition.record.trimmingSpaces
    recordAnchored = recordText.hasPrefix("/")
    if recordAnchored { recordText.removeFirst() }
    let recordExpression = try parse(recordText, key: "record")
    guard recordExpression.attribute == nil, !recordExpression.steps.isEmpty,
      recordExpression.steps.allSatisfy({ $0.predicate == nil })
    else {
      throw MappingError(key: "record", message: "the record must name an element, e.g. 'wd:Report_Entry'")
    }
    var recordPath: [NameTest] = []
    for step in recordExpression.steps { recordPath.append(try nameTest(step.name, key: "record")) }
    self.recordPath = recordPath

    var nodes = [MatchNode(name: recordPath[recordPath.count - 1], predicate: nil)]
    var slotIsGroup: [Bool] = []
    var slotPaths: [String] = []
    var slotByPath: [PathExpression: Int] = [:]

    var groupSteps: [PathStep]?
    if let each = definition.each {
      let expression = try parse(each, key: "each")
      guard expression.attribute == nil, !expression.steps.isEmpty else {
        throw MappingError(key: "each", message: "'each' must name an element inside the record")
      }
      groupSteps = expression.steps
    }
    hasGroups = groupSteps != nil

    func node(for steps: ArraySlice<PathStep>, key: String) throws(MappingError) -> Int {
      var current = 0
      for step in steps {
        let test = try nameTest(step.name, key: key)
        var predicate: (NameTest, [UInt8])?
        if let p = step.predicate {
          predicate = (try nameTest(p.attribute, key: key, isAttribute: true), Array(p.value.utf8))
        }
        if let existing = nodes[current].children.first(where: { child in
          nodes[child].name == test && nodes[child].predicate?.attribute == predicate?.0
            && nodes[child].predicate?.value == predicate?.1
        }) {
          current = existing
        } else {
          nodes.append(MatchNode(name: test, predicate: predicate))
          nodes[current].children.append(nodes.count - 1)
          current = nodes.count - 1
        }
      }
      return current
    }

    if let groupSteps {
      let groupNode = try node(for: groupSteps[...], key: "each")
      nodes[groupNode].isGroup = true
    }

    func bind(_ fieldName: String, _ spec: FieldSpec, key: String) throws(MappingError) -> FieldBinding {
      if let constant = spec.const { return FieldBinding(name: fieldName, source: .constant(constant), spec: spec) }
      guard let pathText = spec.path else {
        throw MappingError(key: key, message: "a field needs a 'path' or a 'const'")
      }
      let expression = try parse(pathText, key: key)
      if let slot = slotByPath[expression] { return FieldBinding(name: fieldName, source: .slot(slot), spec: spec) }
      let target = try node(for: expression.steps[...], key: key)
      let slot = slotIsGroup.count
      slotIsGroup.append(groupSteps.map { expression.starts(with: $0) } ?? false)
      slotPaths.append(expression.description)
      slotByPath[expression] = slot
      if let attribute = expression.attribute {
        nodes[target].attributeSlots.append((try nameTest(attribute, key: key, isAttribute: true), slot))
      } else {
        nodes[target].textSlots.append(slot)
      }
      return FieldBinding(name: fieldName, source: .slot(slot), spec: spec)
    }

    let allowed: [String]
    let required: [String]
    switch definition.produces {
    case .jobEvents:
      allowed = CompiledMapping.jobEventFields
      required = CompiledMapping.requiredJobEventFields
      if definition.indicators != nil {
        throw MappingError(key: "indicators", message: "'indicators' belongs to team_periods mappings")
      }
    case .teamPeriods:
      allowed = CompiledMapping.teamPeriodFields
      required = CompiledMapping.requiredTeamPeriodFields
    }
    var fields: [String: FieldBinding] = [:]
    for (fieldName, spec) in definition.fields.sorted(by: { $0.key < $1.key }) {
      guard allowed.contains(fieldName) else {
        throw MappingError(key: "fields.\(fieldName)", message: "unknown field; \(definition.produces.rawValue) fields are: \(allowed.joined(separator: ", "))")
      }
      fields[fieldName] = try bind(fieldName, spec, key: "fields.\(fieldName)")
    }
    for fieldName in required where fields[fieldName] == nil {
      throw MappingError(key: "fields.\(fieldName)", message: "this field is required for \(definition.produces.rawValue)")
    }
    self.fields = fields

    var indicators: [(Indicator, FieldBinding)] = []
    for (indicatorName, spec) in (definition.indicators ?? [:]).sorted(by: { $0.key < $1.key }) {
      let binding = try bind(indicatorName, spec.field, key: "indicators.\(indicatorName)")
      indicators.append((spec.indicator(named: indicatorName), binding))
    }
    // Default indicators first, in DESIGN.md's order, then the others by name.
    let order = Indicator.defaults.map(\.name)
    indicators.sort { a, b in
      let ia = order.firstIndex(of: a.0.name) ?? Int.max
      let ib = order.firstIndex(of: b.0.name) ?? Int.max
      return ia != ib ? ia < ib : a.0.name < b.0.name
    }
    if definition.produces == .teamPeriods && indicators.isEmpty {
      throw MappingError(key: "indicators", message: "a team_periods mapping needs at least one indicator")
    }
    self.indicators = indicators
    self.nodes = nodes
    self.slotIsGroup = slotIsGroup
    self.slotPaths = slotPaths
  }

  public var slotCount: Int { slotIsGroup.count }
}

/// A problem in a mapping file, naming the key at fault.
public struct MappingError: Error, Hashable, Sendable, CustomStringConvertible {
  public var key: String
  public var message: String

  public init(key: String, message: String) {
    self.key = key
    self.message = message
  }

  public var description: String { "\(key): \(message)" }
}

extension String {
  var trimmingSpaces: String {
    var text = Substring(self)
    while let c = text.first, c.isWhitespace { text.removeFirst() }
    while let c = text.last, c.isWhitespace { text.removeLast() }
    return String(text)
  }
}
