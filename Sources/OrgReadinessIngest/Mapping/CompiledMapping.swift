import Foundation
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
  /// The predicates as written, which (with the name) identify the node among its siblings.
  var key: [StepPredicate]
  /// `[@attr='value']` tests, checked on the start tag.
  var attributePredicates: [(attribute: NameTest, value: [UInt8])] = []
  /// Number of `[path='value']` conditions; the element counts only when all hold, which is
  /// known at its end tag, so values under it are held tentatively until then.
  var conditionCount = 0
  /// `[last()]`: every occurrence starts its values afresh, so the last one wins.
  var takesLast = false
  var children: [Int] = []
  /// Slots that receive this element's own text.
  var textSlots: [Int] = []
  /// Slots that receive one of this element's attributes.
  var attributeSlots: [(attribute: NameTest, slot: Int)] = []
  /// The repeated element of group `group` (an `each`), or -1.
  var group = -1
  /// The nearest conditional ancestor node, or -1.
  var enclosingConditional = -1
  /// Slots bound at or below this node (reset on each occurrence of a `[last()]` node).
  var slotsBelow: [Int] = []

  var isConditional: Bool { conditionCount > 0 }
}

/// What one capture slot is for.
struct SlotInfo: Sendable {
  /// The group whose repetitions the slot is read per, or -1 for once per record.
  var group: Int
  /// The conditional node that must hold for the value to count, or -1.
  var conditional: Int
  /// For a slot that evaluates a `[path='value']` condition: its index in `conditions`, or -1.
  var condition: Int
  /// The path, for diagnostics.
  var path: String
}

/// A `[path='value']` condition: which node it belongs to, which bit it sets, the value.
struct NodeCondition: Sendable {
  var owner: Int
  var bit: Int
  var value: [UInt8]
}

/// Where a canonical field's value comes from.
public enum FieldSource: Sendable, Hashable {
  /// Capture slots tried in order: the first with a value wins.
  case slots([Int])
  case constant(String)
  /// The value is worked out after the file is read (`infer: changes`).
  case inferred
}

/// A canonical field bound to its source and its value rules.
public struct FieldBinding: Sendable, Hashable {
  public var name: String
  public var source: FieldSource
  public var spec: FieldSpec
}

/// A compiled `drop` rule: leave the row out when the value is one of `values` (lowercased).
public struct DropBinding: Sendable, Hashable {
  public var binding: FieldBinding
  public var values: Set<String>
}

/// One kind of canonical record a record element yields, with its own fields.
public struct CompiledTemplate: Sendable {
  /// The group read per repetition, or nil for once per record.
  public var group: Int?
  /// The event exists only where this has a value.
  public var when: FieldBinding?
  public var fields: [String: FieldBinding]
  public var drops: [DropBinding]
}

/// A mapping compiled once into a trie of element tests and capture slots, so that the streaming
/// reader can match every field of a record in one pass without building a tree.
public struct CompiledMapping: Sendable {
  public var name: String
  public var title: String?
  public var version: Int
  public var kind: MappingDefinition.RecordKind
  /// The record element as the mapping writes it (`wd:Report_Entry`), for messages.
  public var record: String
  /// Ancestors then the record element itself.
  var recordPath: [NameTest]
  var recordAnchored: Bool
  /// Node 0 is the record element.
  var nodes: [MatchNode]
  var slots: [SlotInfo]
  var conditions: [NodeCondition]
  /// The `each` paths, by group index.
  public var groupPaths: [String]
  /// The kinds of record one record element yields (one, unless `events` lists several).
  public var templates: [CompiledTemplate]
  /// True when the mapping is written with `events` (a record yielding none is rejected), false
  /// for the version-1 form (a record without its `each` element is rejected).
  public var usesEventTemplates: Bool
  /// The first template's fields (all of them, for mappings without `events`).
  public var fields: [String: FieldBinding] { templates[0].fields }
  /// Team metrics: the indicators in column order with their bindings.
  public var indicators: [(indicator: Indicator, binding: FieldBinding)]
  /// What the compiler had to assume (an indicator's scale guessed from its name, no orientation),
  /// by key: the loader turns them into warnings.
  public var notes: [(key: String, message: String)]
  public var peopleLeader: PeopleLeaderRule
  /// The compiled management-level rule, when `peopleLeader` is one.
  public var managementLevelMatcher: ManagementLevelMatcher?

  public var eachPath: String? { groupPaths.first }

  public static let jobEventFields: [String] = [
    "person_id", "person_name", "effective_date", "event_type", "job_level", "management_level",
    "is_people_leader", "manager_id", "manager_name", "org_unit_id", "org_unit_name", "sequence",
  ]
  public static let teamPeriodFields: [String] = [
    "leader_id", "team_id", "org_unit_id", "org_unit_name", "period", "headcount",
  ]
  public static let personFields: [String] = ["person_id", "person_name", "is_active", "is_people_leader"]
  public static let enrolmentFields: [String] = ["leader_id", "program", "start_date", "end_date"]
  static let version2JobEventFields: Set<String> = ["person_name", "manager_name", "management_level"]
  static let requiredJobEventFields = ["person_id", "effective_date", "event_type"]
  static let requiredTeamPeriodFields = ["leader_id", "period"]
  static let requiredPersonFields = ["person_id"]
  static let requiredEnrolmentFields = ["leader_id", "program", "start_date"]
  /// Record paths are matched with a bit per step.
  static let maximumRecordSteps = 32

  /// Compiles a definition; every problem is reported as a `MappingError` naming the key.
  public init(_ definition: MappingDefinition) throws(MappingError) {
    guard MappingDefinition.supportedVersions.contains(definition.version) else {
      throw MappingError(
        key: "version",
        message:
          "version \(definition.version) is not supported; this tool reads versions \(MappingDefinition.supportedVersions.lowerBound) to \(MappingDefinition.supportedVersions.upperBound)"
      )
    }
    if definition.version == 1, let feature = definition.version2Features.first {
      throw MappingError(
        key: "version", message: "'\(feature)' needs version 2 of the mapping language; write 'version: 2'")
    }
    var compiler = Compiler(definition: definition)
    try compiler.compile()
    name = definition.name
    title = definition.title
    version = definition.version
    kind = definition.produces
    record = definition.record
    recordPath = compiler.recordPath
    recordAnchored = compiler.recordAnchored
    nodes = compiler.nodes
    slots = compiler.slots
    conditions = compiler.conditions
    groupPaths = compiler.groupPaths
    templates = compiler.templates
    usesEventTemplates = definition.events != nil
    indicators = compiler.indicators
    notes = compiler.notes
    peopleLeader = definition.peopleLeader ?? .field
    if case .managementLevel(let rule) = peopleLeader {
      managementLevelMatcher = try ManagementLevelMatcher(rule)
    }
  }

  public var slotCount: Int { slots.count }

  /// The values read per record (capture slots other than those that test conditions).
  public var valueCount: Int { slots.filter { $0.condition < 0 }.count }

  /// The leader rule and where the values it decides on are read, for messages.
  public var leaderRuleDescription: String {
    let evidence = peopleLeader == .directReports ? ["manager_id", "manager_name"] : [peopleLeader.evidenceField]
    var places: [String] = []
    for field in evidence {
      for template in templates {
        guard let binding = template.fields[field] else { continue }
        let place: String
        switch binding.source {
        case .slots(let bound): place = "\(field) at " + bound.map { slots[$0].path }.joined(separator: " or ")
        case .constant(let value): place = "\(field) fixed to '\(value)'"
        case .inferred: place = field
        }
        if !places.contains(place) { places.append(place) }
      }
    }
    let reading =
      places.isEmpty ? "no \(evidence.joined(separator: " or ")) field is mapped" : places.joined(separator: "; ")
    return "\(peopleLeader.written) (\(reading))"
  }

  /// True when some event's type is inferred from changes between a person's rows.
  public var infersEventTypes: Bool {
    templates.contains { $0.fields["event_type"]?.source == .inferred }
  }
}

/// Builds the trie, the slots and the templates of one definition.
private struct Compiler {
  let definition: MappingDefinition
  var recordPath: [NameTest] = []
  var recordAnchored = false
  var nodes: [MatchNode] = []
  var slots: [SlotInfo] = []
  var conditions: [NodeCondition] = []
  var groupSteps: [[PathStep]] = []
  var groupPaths: [String] = []
  var templates: [CompiledTemplate] = []
  var indicators: [(indicator: Indicator, binding: FieldBinding)] = []
  var notes: [(key: String, message: String)] = []
  struct SlotKey: Hashable {
    var path: PathExpression
    var group: Int
  }
  var slotByKey: [SlotKey: Int] = [:]

  init(definition: MappingDefinition) {
    self.definition = definition
  }

  func namespaceTest(_ prefix: String?, key: String) throws(MappingError) -> NamespaceTest {
    guard let prefix else { return .none }
    if prefix == "*" { return .any }
    guard let uri = definition.namespaces[prefix] else {
      throw MappingError(key: key, message: "the prefix '\(prefix)' is not declared under 'namespaces'")
    }
    if uri.hasSuffix("*") { return .uriPrefix(Array(uri.dropLast().utf8)) }
    return .exact(Array(uri.utf8))
  }

  func nameTest(_ name: QualifiedName, key: String) throws(MappingError) -> NameTest {
    NameTest(local: Array(name.local.utf8), namespace: try namespaceTest(name.prefix, key: key))
  }

  func parse(_ text: String, key: String) throws(MappingError) -> PathExpression {
    do { return try PathExpression(parsing: text) } catch {
      throw MappingError(key: key, message: error.description)
    }
  }

  mutating func compile() throws(MappingError) {
    // The record element, with optional ancestors.
    var recordText = definition.record.trimmingSpaces
    recordAnchored = recordText.hasPrefix("/")
    if recordAnchored { recordText.removeFirst() }
    let recordExpression = try parse(recordText, key: "record")
    guard recordExpression.attribute == nil, !recordExpression.steps.isEmpty,
      recordExpression.steps.allSatisfy({ $0.predicates.isEmpty })
    else {
      throw MappingError(
        key: "record", message: "the record must name an element, e.g. 'wd:Report_Entry' (no predicates)")
    }
    guard recordExpression.steps.count <= CompiledMapping.maximumRecordSteps else {
      throw MappingError(key: "record", message: "at most \(CompiledMapping.maximumRecordSteps) steps")
    }
    for step in recordExpression.steps { recordPath.append(try nameTest(step.name, key: "record")) }
    nodes = [MatchNode(name: recordPath[recordPath.count - 1], key: [])]

    let allowed: [String]
    let required: [String]
    switch definition.produces {
    case .jobEvents:
      allowed = CompiledMapping.jobEventFields
      required = CompiledMapping.requiredJobEventFields
    case .teamPeriods:
      allowed = CompiledMapping.teamPeriodFields
      required = CompiledMapping.requiredTeamPeriodFields
    case .people:
      allowed = CompiledMapping.personFields
      required = CompiledMapping.requiredPersonFields
    case .supportEnrolments:
      allowed = CompiledMapping.enrolmentFields
      required = CompiledMapping.requiredEnrolmentFields
    }
    if definition.produces != .teamPeriods && definition.indicators != nil {
      throw MappingError(key: "indicators", message: "'indicators' belongs to team_periods mappings")
    }
    if definition.produces != .jobEvents {
      if definition.events != nil {
        throw MappingError(key: "events", message: "'events' belongs to job_events mappings")
      }
      if definition.peopleLeader != nil {
        throw MappingError(key: "people_leader", message: "'people_leader' belongs to job_events mappings")
      }
    }
    if definition.events != nil && definition.each != nil {
      throw MappingError(key: "each", message: "with 'events', give each event its own 'each'")
    }
    if definition.version == 1 {
      for name in definition.fields.keys.sorted() where CompiledMapping.version2JobEventFields.contains(name) {
        throw MappingError(
          key: "fields.\(name)", message: "this field needs version 2 of the mapping language; write 'version: 2'")
      }
    }

    // Templates: the `events` list, or one template of the top-level fields.
    struct RawTemplate {
      var key: String
      var each: String?
      var when: String?
      var fields: [String: FieldSpec]
      /// The fields the template itself lists (the others are shared).
      var own: Set<String>
      var drop: [DropRule]
    }
    var raw: [RawTemplate] = []
    if let events = definition.events {
      guard !events.isEmpty else { throw MappingError(key: "events", message: "list at least one event") }
      for (i, event) in events.enumerated() {
        var fields = definition.fields
        for (k, v) in event.fields { fields[k] = v }
        raw.append(
          RawTemplate(
            key: "events[\(i)]", each: event.each, when: event.when, fields: fields,
            own: Set(event.fields.keys), drop: (definition.drop ?? []) + (event.drop ?? [])))
      }
    } else {
      raw.append(
        RawTemplate(
          key: "", each: definition.each, when: nil, fields: definition.fields, own: Set(definition.fields.keys),
          drop: definition.drop ?? []))
    }

    for template in raw {
      let prefix = template.key.isEmpty ? "" : template.key + "."
      var group: Int?
      if let each = template.each {
        group = try groupIndex(each, key: prefix + "each")
      }
      var fields: [String: FieldBinding] = [:]
      for (fieldName, spec) in template.fields.sorted(by: { $0.key < $1.key }) {
        let fieldKey = (template.own.contains(fieldName) ? prefix : "") + "fields." + fieldName
        guard allowed.contains(fieldName) else {
          throw MappingError(
            key: fieldKey,
            message: "unknown field; \(definition.produces.rawValue) fields are: \(allowed.joined(separator: ", "))")
        }
        if spec.infer != nil && fieldName != "event_type" {
          throw MappingError(key: fieldKey, message: "'infer' is for event_type only")
        }
        try checkWords(of: spec, field: fieldName, key: fieldKey)
        fields[fieldName] = try bind(fieldName, spec, key: fieldKey, group: group)
      }
      for fieldName in required where fields[fieldName] == nil {
        throw MappingError(
          key: prefix + "fields.\(fieldName)", message: "this field is required for \(definition.produces.rawValue)")
      }
      var when: FieldBinding?
      if let whenPath = template.when {
        when = try bind("when", FieldSpec(path: whenPath), key: prefix + "when", group: group)
      }
      var drops: [DropBinding] = []
      for (i, rule) in template.drop.enumerated() {
        let binding = try bind("drop", FieldSpec(path: rule.path), key: "drop[\(i)].path", group: group)
        drops.append(DropBinding(binding: binding, values: Set(rule.equals.map { $0.trimmingSpaces.lowercased() })))
      }
      templates.append(CompiledTemplate(group: group, when: when, fields: fields, drops: drops))
    }

    switch definition.peopleLeader ?? .field {
    case .field: break
    case .directReports, .jobLevelIn, .managementLevel:
      if templates.contains(where: { $0.fields["is_people_leader"] != nil }) {
        throw MappingError(
          key: "people_leader", message: "this rule replaces the is_people_leader field; remove one of them")
      }
      if case .jobLevelIn = definition.peopleLeader, !templates.contains(where: { $0.fields["job_level"] != nil }) {
        throw MappingError(key: "people_leader", message: "job_level_in needs the job_level field")
      }
      if case .managementLevel = definition.peopleLeader,
        !templates.contains(where: { $0.fields["management_level"] != nil })
      {
        throw MappingError(
          key: "people_leader", message: "rank_at_most and matches read the management_level field; map it")
      }
    }

    var indicators: [(Indicator, FieldBinding)] = []
    for (indicatorName, spec) in (definition.indicators ?? [:]).sorted(by: { $0.key < $1.key }) {
      let binding = try bind(indicatorName, spec.field, key: "indicators.\(indicatorName)", group: templates[0].group)
      let (indicator, notes) = spec.indicator(named: indicatorName)
      indicators.append((indicator, binding))
      self.notes += notes.map { (key: "indicators.\(indicatorName)", message: $0) }
    }
    // Standard indicators first, in their order, then the others by name.
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
    finishNodes()
  }

  /// Fields whose canonical values come from a fixed list (event types, yes/no) must map, default
  /// and fix only to words of that list: a typo is a mapping error, not a rejected record per row.
  func checkWords(of spec: FieldSpec, field: String, key: String) throws(MappingError) {
    let accepted: (String) -> Bool
    let words: String
    switch field {
    case "event_type":
      accepted = { EventType(rawValue: $0) != nil }
      words = EventType.allCases.map(\.rawValue).joined(separator: ", ")
    case "is_people_leader", "is_active":
      accepted = { ValueParsing.bool($0) != nil }
      words = "true or false (also 1/0, yes/no)"
    default:
      return
    }
    var written: [(String, String)] = []
    for (source, target) in (spec.map ?? [:]).sorted(by: { $0.key < $1.key }) {
      written.append(("map.\(source)", target))
    }
    if let otherwise = spec.otherwise { written.append(("otherwise", otherwise)) }
    if let value = spec.const { written.append(("const", value)) }
    if let value = spec.default { written.append(("default", value)) }
    // TODO is the placeholder `mappings draft` writes: accepted, and warned about when loading.
    for (subkey, value) in written where !accepted(value) && value != MappingDraft.placeholder {
      throw MappingError(key: "\(key).\(subkey)", message: "'\(value)' is not accepted for \(field); write \(words)")
    }
  }

  /// The group of an `each` path, creating it on first use.
  mutating func groupIndex(_ text: String, key: String) throws(MappingError) -> Int {
    let expression = try parse(text, key: key)
    guard expression.attribute == nil, !expression.steps.isEmpty else {
      throw MappingError(key: key, message: "'each' must name an element inside the record")
    }
    if expression.steps.contains(where: { $0.predicates.contains { !$0.isAttribute } }) {
      throw MappingError(
        key: key,
        message: "'each' may only use [@attribute='value'] predicates; use 'drop' or 'when' for other conditions")
    }
    if let existing = groupSteps.firstIndex(of: expression.steps) { return existing }
    for other in groupSteps {
      let shorter = min(other.count, expression.steps.count)
      if Array(other.prefix(shorter)) == Array(expression.steps.prefix(shorter)) {
        throw MappingError(key: key, message: "repeated elements cannot nest: '\(text)' and another 'each' overlap")
      }
    }
    let node = try node(for: expression.steps[...], from: 0, key: key)
    groupSteps.append(expression.steps)
    groupPaths.append(text)
    nodes[node].group = groupSteps.count - 1
    return groupSteps.count - 1
  }

  /// Follows (creating as needed) the trie nodes of `steps` from `start`.
  mutating func node(for steps: ArraySlice<PathStep>, from start: Int, key: String) throws(MappingError) -> Int {
    var current = start
    for step in steps {
      let test = try nameTest(step.name, key: key)
      if let existing = nodes[current].children.first(where: {
        nodes[$0].name == test && nodes[$0].key == step.predicates
      }) {
        current = existing
        continue
      }
      var node = MatchNode(name: test, key: step.predicates)
      var conditionPaths: [(PathExpression, String)] = []
      for predicate in step.predicates {
        switch predicate {
        case .attribute(let name, let value):
          node.attributePredicates.append((try nameTest(name, key: key), Array(value.utf8)))
        case .child(let path, let value):
          conditionPaths.append((path, value))
        case .last:
          node.takesLast = true
        }
      }
      guard conditionPaths.count <= 32 else { throw MappingError(key: key, message: "too many conditions on one step") }
      node.conditionCount = conditionPaths.count
      nodes.append(node)
      let index = nodes.count - 1
      nodes[current].children.append(index)
      for (bit, (path, value)) in conditionPaths.enumerated() {
        let target = try self.node(for: path.steps[...], from: index, key: key)
        conditions.append(NodeCondition(owner: index, bit: bit, value: Array(value.trimmingSpaces.utf8)))
        let slot = slots.count
        slots.append(SlotInfo(group: -1, conditional: -1, condition: conditions.count - 1, path: path.description))
        if let attribute = path.attribute {
          nodes[target].attributeSlots.append((try nameTest(attribute, key: key), slot))
        } else {
          nodes[target].textSlots.append(slot)
        }
      }
      current = index
    }
    return current
  }

  /// Binds a field's paths to slots (shared by identical paths read at the same granularity).
  mutating func bind(_ fieldName: String, _ spec: FieldSpec, key: String, group: Int?) throws(MappingError)
    -> FieldBinding
  {
    if spec.infer != nil { return FieldBinding(name: fieldName, source: .inferred, spec: spec) }
    if let pattern = spec.fileName {
      guard spec.const == nil else {
        throw MappingError(key: key, message: "give either 'const' or 'file_name', not both")
      }
      guard let expression = try? NSRegularExpression(pattern: pattern), expression.numberOfCaptureGroups >= 1 else {
        throw MappingError(
          key: key + ".file_name",
          message:
            "'\(pattern)' is not a regular expression with a group, e.g. '([0-9]+)[^0-9]*$' (the last number in the file's name)"
        )
      }
    }
    if let constant = spec.const {
      guard spec.paths.isEmpty else { throw MappingError(key: key, message: "give either 'path' or 'const', not both") }
      return FieldBinding(name: fieldName, source: .constant(constant), spec: spec)
    }
    var bound: [Int] = []
    for pathText in spec.paths {
      let expression = try parse(pathText, key: key)
      let slotGroup = group.flatMap { g in expression.starts(with: groupSteps[g]) ? g : nil } ?? -1
      let slotKey = SlotKey(path: expression, group: slotGroup)
      if let slot = slotByKey[slotKey] {
        bound.append(slot)
        continue
      }
      let target = try node(for: expression.steps[...], from: 0, key: key)
      let slot = slots.count
      slots.append(SlotInfo(group: slotGroup, conditional: -1, condition: -1, path: expression.description))
      slotByKey[slotKey] = slot
      if let attribute = expression.attribute {
        nodes[target].attributeSlots.append((try nameTest(attribute, key: key), slot))
      } else {
        nodes[target].textSlots.append(slot)
      }
      bound.append(slot)
    }
    return FieldBinding(name: fieldName, source: .slots(bound), spec: spec)
  }

  /// Works out each node's enclosing conditional, each slot's governing conditional and the
  /// slots below every node.
  mutating func finishNodes() {
    func visit(_ index: Int, enclosing: Int) -> [Int] {
      nodes[index].enclosingConditional = enclosing
      let governing = nodes[index].isConditional ? index : enclosing
      var below: [Int] = []
      for slot in nodes[index].textSlots + nodes[index].attributeSlots.map(\.slot) {
        if slots[slot].condition < 0 { slots[slot].conditional = governing }
        below.append(slot)
      }
      for child in nodes[index].children {
        below += visit(child, enclosing: governing)
      }
      nodes[index].slotsBelow = below.filter { slots[$0].condition < 0 }
      return below
    }
    _ = visit(0, enclosing: -1)
  }
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
  /// The text without white space at either end.
  var trimmingSpaces: String {
    // Fast path: most values start and end with a visible ASCII byte, and Unicode property
    // lookups per character cost more than reading the value.
    if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
      return self
    }
    var text = Substring(self)
    while let c = text.first, c.isWhitespace { text.removeFirst() }
    while let c = text.last, c.isWhitespace { text.removeLast() }
    return String(text)
  }
}
