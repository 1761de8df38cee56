import CLibXML2

/// A compiled mapping node with its names interned in one parser's dictionary.
struct BoundNode {
  var local: UnsafePointer<UInt8>?
  var namespace: NamespaceTest
  var attributePredicates: [(attribute: BoundAttribute, value: [UInt8])]
  var conditionMask: UInt64
  var takesLast: Bool
  var children: [Int32]
  var textSlots: [Int32]
  var attributeSlots: [(attribute: BoundAttribute, slot: Int32)]
  var group: Int32
  var enclosingConditional: Int32
  var slotsBelow: [Int32]
  /// True when activating the node needs more than filling slots (group, last(), conditions).
  var isSpecial: Bool
}

struct BoundAttribute {
  var local: UnsafePointer<UInt8>?
  var namespace: NamespaceTest
}

/// The SAX callbacks' state for one file, reached through a raw pointer (no retain/release or
/// exclusivity checks per callback).
struct ReaderState: SAXParseState {
  /// An open element with `[path='value']` conditions: which of them have held so far.
  struct ConditionFrame {
    var node: Int32
    var satisfied: UInt64
  }

  /// A value captured under a conditional element, kept only if the condition holds.
  struct TentativeValue {
    var slot: Int32
    var node: Int32
  }

  static let odataMetadataURI = Array("http://schemas.microsoft.com/ado/2007/08/dataservices/metadata".utf8)
  static let xsiURI = Array("http://www.w3.org/2001/XMLSchema-instance".utf8)

  let mapping: CompiledMapping
  let emit: (CapturedRecord) -> Void
  var ctxt: xmlParserCtxtPtr?
  var nodes: [BoundNode] = []
  /// The hot-path view of `nodes` (see `NodeTables`); built by `bind(to:)`.
  var tables: NodeTables
  var namespaces: NamespaceMatcher
  var recordPath: [BoundAttribute] = []
  var slotGroup: [Int32]
  var slotConditional: [Int32]
  var slotCondition: [Int32]
  var conditions: [(owner: Int32, bit: UInt64, value: [UInt8])]
  var nullName: UnsafePointer<UInt8>?
  var nilName: UnsafePointer<UInt8>?

  /// Document depth of the element being parsed (root = 1).
  var depth = 0
  var elementsSeen = 0
  /// Set while the last chunk is parsed, so that an error then can be told apart as truncation.
  var terminating = false
  /// For each open element outside a record: bit k set when it matches record-path step k.
  var ancestry: [UInt64] = []
  /// Depth of the open record element, or -1 outside records.
  var recordDepth = -1
  var recordLine = 0
  var recordElements = 0

  /// Flat stack of active trie nodes for the open elements inside the record.
  var active = Int32Stack()
  var frameStart = Int32Stack()
  /// Open elements below an element that matched nothing (their subtrees cannot match).
  var deadDepth = 0

  var slotBytes: SlotBuffers
  /// 0 absent, 1 capturing, 2 complete.
  var slotState: UnsafeMutableBufferPointer<UInt8>
  var openGroup: Int32 = -1
  var groupDepth = -1
  var groupLine = 0
  var groups: [(group: Int, line: Int)] = []
  /// The record's captured values, concatenated, and per (row, slot) their offset (-1: absent)
  /// and length, as pairs: row 0 is the record, row g + 1 the g-th finished group.
  var arena: [UInt8] = []
  var spans: [Int32] = []
  var conditionFrames: [ConditionFrame] = []
  var tentative: [TentativeValue] = []

  var failure: ParseFailure?

  init(mapping: CompiledMapping, emit: @escaping (CapturedRecord) -> Void) {
    self.mapping = mapping
    self.emit = emit
    slotBytes = SlotBuffers(count: mapping.slotCount)
    slotState = .allocate(capacity: max(1, mapping.slotCount))
    slotState.initialize(repeating: 0)
    slotGroup = mapping.slots.map { Int32($0.group) }
    slotConditional = mapping.slots.map { Int32($0.conditional) }
    slotCondition = mapping.slots.map { Int32($0.condition) }
    conditions = mapping.conditions.map { (Int32($0.owner), UInt64(1) << UInt64($0.bit), $0.value) }
    namespaces = NamespaceMatcher(tests: [], dict: nil)
    tables = NodeTables([], namespaces: namespaces)
  }

  /// Frees the hot-path tables (the owner calls it once, before the state goes away).
  func deallocate() {
    tables.deallocate()
    namespaces.deallocate()
    active.deallocate()
    frameStart.deallocate()
    slotBytes.deallocate()
    slotState.deallocate()
  }

  /// Interns every name the mapping compares in the parser's dictionary.
  mutating func bind(to ctxt: xmlParserCtxtPtr) {
    self.ctxt = ctxt
    let dict = ctxt.pointee.dict
    func intern(_ bytes: [UInt8]) -> UnsafePointer<UInt8>? {
      bytes.withUnsafeBufferPointer { xmlDictLookup(dict, $0.baseAddress, Int32($0.count)) }
    }
    func bound(_ test: NameTest) -> BoundAttribute {
      BoundAttribute(local: intern(test.local), namespace: test.namespace)
    }
    recordPath = mapping.recordPath.map(bound)
    nullName = intern(Array("null".utf8))
    nilName = intern(Array("nil".utf8))
    nodes = mapping.nodes.map { node in
      BoundNode(
        local: intern(node.name.local), namespace: node.name.namespace,
        attributePredicates: node.attributePredicates.map { (bound($0.attribute), $0.value) },
        conditionMask: node.conditionCount == 0 ? 0 : (UInt64(1) << UInt64(node.conditionCount)) - 1,
        takesLast: node.takesLast,
        children: node.children.map { Int32($0) }, textSlots: node.textSlots.map { Int32($0) },
        attributeSlots: node.attributeSlots.map { (bound($0.attribute), Int32($0.slot)) },
        group: Int32(node.group), enclosingConditional: Int32(node.enclosingConditional),
        slotsBelow: node.slotsBelow.map { Int32($0) },
        isSpecial: node.group >= 0 || node.takesLast || node.conditionCount > 0)
    }
    tables.deallocate()
    namespaces.deallocate()
    var tests: [NamespaceTest] = []
    for node in nodes where !tests.contains(node.namespace) { tests.append(node.namespace) }
    for node in nodes {
      for predicate in node.attributePredicates where !tests.contains(predicate.attribute.namespace) {
        tests.append(predicate.attribute.namespace)
      }
    }
    namespaces = NamespaceMatcher(tests: tests, dict: dict)
    tables = NodeTables(nodes, namespaces: namespaces)
  }

  // MARK: SAX events

  mutating func startElement(
    localname: UnsafePointer<UInt8>?, uri: UnsafePointer<UInt8>?, attributeCount: Int,
    attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
  ) {
    depth += 1
    elementsSeen += 1
    if depth > StreamingRecordReader.maximumDepth {
      let name = localname.map { String(cString: $0) } ?? "?"
      fail(
        kind: .limit,
        message:
          "elements are nested more than \(StreamingRecordReader.maximumDepth) levels deep (at <\(name)>); no HRIS export nests like this, so the file is refused"
      )
      return
    }
    if recordDepth < 0 {
      startOutsideRecord(localname: localname, uri: uri, attributeCount: attributeCount, attributes: attributes)
      return
    }
    if deadDepth > 0 {
      deadDepth += 1
      return
    }
    let parentStart = Int(frameStart[frameStart.count - 1])
    let parentEnd = active.count
    let newStart = Int32(active.count)
    let t = tables
    var i = parentStart
    while i < parentEnd {
      let parent = Int(active[i])
      var k = Int(t.childStart[parent])
      let end = Int(t.childEnd[parent])
      while k < end {
        let child = t.children[k]
        let c = Int(child)
        k += 1
        guard t.local[c] == localname, namespaces.matches(t.namespace[c], uri) else { continue }
        if t.flags[c] & NodeTables.hasPredicates != 0
          && !attributePredicatesHold(c, attributeCount, attributes)
        {
          continue
        }
        active.append(child)
      }
      i += 1
    }
    if Int(newStart) == active.count {
      deadDepth = 1
      return
    }
    frameStart.append(newStart)
    for k in Int(newStart)..<active.count {
      activate(Int(active[k]), attributeCount: attributeCount, attributes: attributes)
    }
  }

  mutating func endElement() {
    defer { depth -= 1 }
    if recordDepth < 0 {
      if !ancestry.isEmpty { ancestry.removeLast() }
      return
    }
    if deadDepth > 0 {
      deadDepth -= 1
      return
    }
    let start = Int(frameStart[frameStart.count - 1])
    var hasConditional = false
    let t = tables
    for k in start..<active.count {
      let n = Int(active[k])
      var j = Int(t.textStart[n])
      let end = Int(t.textEnd[n])
      while j < end {
        let slot = t.textSlots[j]
        j += 1
        guard slotState[Int(slot)] == 1 else { continue }
        if slotCondition[Int(slot)] >= 0 {
          evaluateCondition(slot: slot)
        } else {
          slotState[Int(slot)] = 2
        }
      }
      if t.flags[n] & NodeTables.isConditional != 0 { hasConditional = true }
    }
    if hasConditional {
      for k in (start..<active.count).reversed() where t.flags[Int(active[k])] & NodeTables.isConditional != 0 {
        closeConditional(active[k])
      }
    }
    if depth == groupDepth { finishGroup() }
    if depth == recordDepth {
      finishRecord()
      return
    }
    active.truncate(to: start)
    frameStart.removeLast()
  }

  mutating func text(_ characters: UnsafePointer<UInt8>, _ length: Int) {
    guard recordDepth >= 0, deadDepth == 0, let top = frameStart.last else { return }
    let t = tables
    for k in Int(top)..<active.count {
      let n = Int(active[k])
      var j = Int(t.textStart[n])
      let end = Int(t.textEnd[n])
      while j < end {
        let slot = Int(t.textSlots[j])
        j += 1
        guard slotState[slot] == 1 else { continue }
        let room = StreamingRecordReader.maximumValueBytes + 1 - slotBytes.length(slot)
        guard room > 0 else { continue }
        slotBytes.append(slot, characters, min(length, room))
      }
    }
  }

  // MARK: Records

  private mutating func startOutsideRecord(
    localname: UnsafePointer<UInt8>?, uri: UnsafePointer<UInt8>?, attributeCount: Int,
    attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
  ) {
    var bits: UInt64 = 0
    for (k, step) in recordPath.enumerated() where step.local == localname && step.namespace.matches(uri) {
      bits |= 1 << UInt64(k)
    }
    ancestry.append(bits)
    let last = recordPath.count - 1
    guard bits & (1 << UInt64(last)) != 0, ancestorsMatch() else { return }
    // This element is a record.
    ancestry.removeLast()
    recordDepth = depth
    recordLine = currentLine
    recordElements += 1
    for s in 0..<slotBytes.count {
      slotState[s] = 0
      slotBytes.clear(s)
    }
    groups.removeAll(keepingCapacity: true)
    arena.removeAll(keepingCapacity: true)
    spans.removeAll(keepingCapacity: true)
    appendAbsentRow()
    active.removeAll()
    frameStart.removeAll()
    conditionFrames.removeAll(keepingCapacity: true)
    tentative.removeAll(keepingCapacity: true)
    openGroup = -1
    groupDepth = -1
    active.append(0)
    frameStart.append(0)
    activate(0, attributeCount: attributeCount, attributes: attributes)
  }

  /// The record path's earlier steps must match the open ancestors (the nearest ones, or all of
  /// them from the root when the path is anchored).
  private func ancestorsMatch() -> Bool {
    let steps = recordPath.count - 1
    // ancestry includes the candidate itself as its last entry.
    let ancestors = ancestry.count - 1
    if mapping.recordAnchored && ancestors != steps { return false }
    guard ancestors >= steps else { return false }
    for k in 0..<steps where ancestry[ancestors - steps + k] & (1 << UInt64(k)) == 0 { return false }
    return true
  }

  private mutating func activate(
    _ nodeIndex: Int, attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
  ) {
    let t = tables
    if t.flags[nodeIndex] & NodeTables.isSpecial != 0 {
      let node = nodes[nodeIndex]
      if node.group >= 0 && openGroup < 0 {
        openGroup = node.group
        groupDepth = depth
        groupLine = currentLine
        for s in 0..<slotBytes.count where slotGroup[s] == node.group {
          reset(s)
        }
      }
      if node.takesLast {
        for slot in node.slotsBelow { reset(Int(slot)) }
      }
      if node.conditionMask != 0 {
        conditionFrames.append(ConditionFrame(node: Int32(nodeIndex), satisfied: 0))
      }
    }
    let textStart = Int(t.textStart[nodeIndex])
    let textEnd = Int(t.textEnd[nodeIndex])
    if textStart < textEnd {
      let isNull = attributeCount > 0 && hasNullMarker(attributeCount, attributes)
      for j in textStart..<textEnd {
        let slot = t.textSlots[j]
        guard slotState[Int(slot)] == 0 && canFill(slot) else { continue }
        if slotCondition[Int(slot)] >= 0 {
          slotState[Int(slot)] = 1
          continue
        }
        // An element marked m:null="true" or xsi:nil="true" is a value that is null.
        slotState[Int(slot)] = isNull ? 2 : 1
        noteTentative(slot)
      }
    }
    guard t.flags[nodeIndex] & NodeTables.hasAttributeSlots != 0 else { return }
    for (attribute, slot) in nodes[nodeIndex].attributeSlots where slotState[Int(slot)] == 0 && canFill(slot) {
      guard let value = attributeValue(attribute, attributeCount, attributes) else { continue }
      if slotCondition[Int(slot)] >= 0 {
        satisfy(condition: Int(slotCondition[Int(slot)]), when: value[...])
        continue
      }
      slotBytes.set(Int(slot), value)
      slotState[Int(slot)] = 2
      noteTentative(slot)
    }
  }

  private mutating func reset(_ slot: Int) {
    slotState[slot] = 0
    slotBytes.clear(slot)
  }

  /// A group slot is filled only inside its group; a record slot anywhere in the record.
  private func canFill(_ slot: Int32) -> Bool {
    let group = slotGroup[Int(slot)]
    return group < 0 || group == openGroup
  }

  /// A value under a conditional element is kept only if the condition holds at its end.
  private mutating func noteTentative(_ slot: Int32) {
    let node = slotConditional[Int(slot)]
    if node >= 0 { tentative.append(TentativeValue(slot: slot, node: node)) }
  }

  /// A condition's text is complete: compare it and start afresh for the next candidate.
  private mutating func evaluateCondition(slot: Int32) {
    let s = Int(slot)
    let bytes = Array(slotBytes.bytes(s))
    satisfy(condition: Int(slotCondition[s]), when: bytes[...])
    reset(s)
  }

  private mutating func satisfy(condition index: Int, when value: ArraySlice<UInt8>) {
    let condition = conditions[index]
    var lower = value.startIndex
    var upper = value.endIndex
    while lower < upper, ReaderState.isSpace(value[lower]) { lower += 1 }
    while upper > lower, ReaderState.isSpace(value[upper - 1]) { upper -= 1 }
    guard value[lower..<upper].elementsEqual(condition.value) else { return }
    var k = conditionFrames.count - 1
    while k >= 0 {
      if conditionFrames[k].node == condition.owner {
        conditionFrames[k].satisfied |= condition.bit
        return
      }
      k -= 1
    }
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  /// The conditional element `node` ends: keep its tentative values (handing them to an
  /// enclosing conditional) when every condition held, else forget them.
  private mutating func closeConditional(_ node: Int32) {
    var held = false
    var k = conditionFrames.count - 1
    while k >= 0 {
      if conditionFrames[k].node == node {
        held = conditionFrames[k].satisfied == nodes[Int(node)].conditionMask
        conditionFrames.remove(at: k)
        break
      }
      k -= 1
    }
    let parent = nodes[Int(node)].enclosingConditional
    var i = 0
    while i < tentative.count {
      guard tentative[i].node == node else {
        i += 1
        continue
      }
      if held && parent >= 0 {
        tentative[i].node = parent
        i += 1
      } else {
        if !held { reset(Int(tentative[i].slot)) }
        tentative.remove(at: i)
      }
    }
  }

  /// Copies slot `s`'s captured bytes into the arena as the value of `row`.
  private mutating func keep(slot s: Int, row: Int) {
    let index = 2 * (row * slotBytes.count + s)
    spans[index] = Int32(arena.count)
    spans[index + 1] = Int32(slotBytes.length(s))
    arena.append(contentsOf: slotBytes.bytes(s))
  }

  /// A row of spans with every slot absent.
  private mutating func appendAbsentRow() {
    for _ in 0..<slotBytes.count {
      spans.append(-1)
      spans.append(0)
    }
  }

  private mutating func finishGroup() {
    let row = groups.count + 1
    appendAbsentRow()
    for s in 0..<slotBytes.count where slotGroup[s] == openGroup && slotState[s] != 0 {
      keep(slot: s, row: row)
    }
    groups.append((Int(openGroup), groupLine))
    openGroup = -1
    groupDepth = -1
  }

  private mutating func finishRecord() {
    for s in 0..<slotBytes.count where slotGroup[s] < 0 && slotCondition[s] < 0 && slotState[s] != 0 {
      keep(slot: s, row: 0)
    }
    recordDepth = -1
    deadDepth = 0
    active.removeAll()
    frameStart.removeAll()
    emit(CapturedRecord(line: recordLine, slotCount: slotBytes.count, bytes: arena, spans: spans, groups: groups))
    // When the consumer has let go of the record, these buffers are ours again and keep their room.
    arena.removeAll(keepingCapacity: true)
    spans.removeAll(keepingCapacity: true)
  }

  // MARK: Attributes

  /// SAX2 passes attributes as (localname, prefix, URI, value start, value end) quintuples.
  private func attributeValue(
    _ attribute: BoundAttribute, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
  ) -> [UInt8]? {
    guard let attributes else { return nil }
    for a in 0..<count {
      let base = a * 5
      guard attributes[base] == attribute.local, attribute.namespace.matches(attributes[base + 2]),
        let start = attributes[base + 3], let end = attributes[base + 4]
      else { continue }
      return ReaderState.decodeAttribute(UnsafeBufferPointer(start: start, count: end - start))
    }
    return nil
  }

  /// Whether the element's attributes satisfy every attribute predicate of trie node `node`, read
  /// from the flat tables (no array of the node is touched on this path).
  @inline(__always)
  private func attributePredicatesHold(
    _ node: Int, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
  ) -> Bool {
    guard let attributes else { return false }
    let t = tables
    for p in Int(t.predicateStart[node])..<Int(t.predicateEnd[node]) {
      var found = false
      for a in 0..<count {
        let base = a * 5
        guard attributes[base] == t.predicateLocal[p],
          namespaces.matches(t.predicateNamespace[p], attributes[base + 2]),
          let start = attributes[base + 3], let end = attributes[base + 4]
        else { continue }
        let expected = UnsafeBufferPointer(
          rebasing: t.predicateBytes[
            Int(t.predicateValueStart[p])..<Int(t.predicateValueStart[p] + t.predicateValueCount[p])])
        found = ReaderState.rawAttribute(UnsafeBufferPointer(start: start, count: end - start), equals: expected)
        break
      }
      if !found { return false }
    }
    return true
  }

  /// Compares a raw attribute value with `expected` without copying it (`&#38;` counts as `&`).
  static func rawAttribute(_ raw: UnsafeBufferPointer<UInt8>, equals expected: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    var j = 0
    while i < raw.count {
      guard j < expected.count else { return false }
      if raw[i] == UInt8(ascii: "&"), i + 4 < raw.count, raw[i + 1] == UInt8(ascii: "#"),
        raw[i + 2] == UInt8(ascii: "3"), raw[i + 3] == UInt8(ascii: "8"), raw[i + 4] == UInt8(ascii: ";")
      {
        guard expected[j] == UInt8(ascii: "&") else { return false }
        i += 5
      } else {
        guard raw[i] == expected[j] else { return false }
        i += 1
      }
      j += 1
    }
    return j == expected.count
  }

  /// True when the element carries `m:null="true"` (OData) or `xsi:nil="true"`.
  private func hasNullMarker(_ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) -> Bool {
    guard let attributes else { return false }
    for a in 0..<count {
      let base = a * 5
      let local = attributes[base]
      guard local == nullName || local == nilName, let uri = attributes[base + 2],
        let start = attributes[base + 3], let end = attributes[base + 4], end - start == 4
      else { continue }
      let expectedURI = local == nullName ? ReaderState.odataMetadataURI : ReaderState.xsiURI
      guard NamespaceTest.exact(expectedURI).matches(uri) else { continue }
      if UnsafeBufferPointer(start: start, count: 4).elementsEqual("true".utf8) { return true }
    }
    return false
  }

  /// Without entity substitution libxml2's SAX2 hands `&amp;` in attribute values over as the
  /// character reference `&#38;`; turn it back into `&`.
  static func decodeAttribute(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var i = 0
    while i < raw.count {
      if raw[i] == UInt8(ascii: "&"), i + 4 < raw.count, raw[i + 1] == UInt8(ascii: "#"),
        raw[i + 2] == UInt8(ascii: "3"), raw[i + 3] == UInt8(ascii: "8"), raw[i + 4] == UInt8(ascii: ";")
      {
        out.append(UInt8(ascii: "&"))
        i += 5
      } else {
        out.append(raw[i])
        i += 1
      }
    }
    return out
  }
}
