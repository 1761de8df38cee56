import CLibXML2

/// A compiled mapping node with its names interned in one parser's dictionary.
struct BoundNode {
  var local: UnsafePointer<UInt8>?
  var namespace: NamespaceTest
  var predicate: BoundAttribute?
  var predicateValue: [UInt8]
  var children: [Int32]
  var textSlots: [Int32]
  var attributeSlots: [(attribute: BoundAttribute, slot: Int32)]
  var isGroup: Bool
}

struct BoundAttribute {
  var local: UnsafePointer<UInt8>?
  var namespace: NamespaceTest
}

/// The SAX callbacks' state for one file, reached through a raw pointer (no retain/release or
/// exclusivity checks per callback).
struct ReaderState {
  enum FailureKind { case malformed, forbidden }

  struct Failure {
    var kind: FailureKind
    var message: String
    var line: Int
    var column: Int
  }

  let mapping: CompiledMapping
  let emit: (CapturedRecord) -> Void
  var ctxt: xmlParserCtxtPtr?
  var nodes: [BoundNode] = []
  var recordPath: [BoundAttribute] = []

  /// Document depth of the element being parsed (root = 1).
  var depth = 0
  /// For each open element outside a record: bit k set when it matches record-path step k.
  var ancestry: [UInt64] = []
  /// Depth of the open record element, or -1 outside records.
  var recordDepth = -1
  var recordLine = 0
  var recordElements = 0

  /// Flat stack of active trie nodes for the open elements inside the record.
  var active: [Int32] = []
  var frameStart: [Int32] = []
  /// Open elements below an element that matched nothing (their subtrees cannot match).
  var deadDepth = 0

  var slotBytes: [[UInt8]] = []
  /// 0 absent, 1 capturing, 2 complete.
  var slotState: [UInt8] = []
  var groupDepth = -1
  var groupLine = 0
  var groups: [(line: Int, values: [String?])] = []

  var failure: Failure?

  init(mapping: CompiledMapping, emit: @escaping (CapturedRecord) -> Void) {
    self.mapping = mapping
    self.emit = emit
    slotBytes = Array(repeating: [], count: mapping.slotCount)
    slotState = Array(repeating: 0, count: mapping.slotCount)
  }

  /// Interns every name the mapping compares in the parser's dictionary.
  mutating func bind(to ctxt: xmlParserCtxtPtr) {
    self.ctxt = ctxt
    let dict = ctxt.pointee.dict
    func intern(_ bytes: [UInt8]) -> UnsafePointer<UInt8>? {
      bytes.withUnsafeBufferPointer { xmlDictLookup(dict, $0.baseAddress, Int32($0.count)) }
    }
    recordPath = mapping.recordPath.map { BoundAttribute(local: intern($0.local), namespace: $0.namespace) }
    nodes = mapping.nodes.map { node in
      BoundNode(
        local: intern(node.name.local), namespace: node.name.namespace,
        predicate: node.predicate.map { BoundAttribute(local: intern($0.attribute.local), namespace: $0.attribute.namespace) },
        predicateValue: node.predicate?.value ?? [],
        children: node.children.map { Int32($0) }, textSlots: node.textSlots.map { Int32($0) },
        attributeSlots: node.attributeSlots.map {
          (BoundAttribute(local: intern($0.attribute.local), namespace: $0.attribute.namespace), Int32($0.slot))
        },
        isGroup: node.isGroup)
    }
  }

  var currentLine: Int { Int(orgready_currentLine(ctxt)) }

  mutating func fail(kind: FailureKind, message: String, line: Int? = nil, column: Int? = nil) {
    guard failure == nil else { return }
    failure = Failure(
      kind: kind, message: message, line: line ?? currentLine,
      column: column ?? Int(orgready_currentColumn(ctxt)))
    if let ctxt { orgready_stop(ctxt) }
  }

  /// Records the parser's last error after `xmlParseChunk` reported a failure.
  mutating func failFromContext(status: Int32) {
    guard failure == nil else { return }
    if let error = xmlCtxtGetLastError(ctxt) {
      var message = error.pointee.message.map { String(cString: $0) } ?? "parser error \(status)"
      while message.last == "\n" || message.last == " " { message.removeLast() }
      failure = Failure(kind: .malformed, message: message, line: Int(error.pointee.line), column: Int(error.pointee.int2))
    } else {
      failure = Failure(kind: .malformed, message: "parser error \(status)", line: currentLine, column: 0)
    }
  }

  // MARK: SAX events

  mutating func startElement(
    localname: UnsafePointer<UInt8>?, uri: UnsafePointer<UInt8>?, attributeCount: Int,
    attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
  ) {
    depth += 1
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
    var i = parentStart
    while i < parentEnd {
      let parent = Int(active[i])
      for child in nodes[parent].children {
        let node = nodes[Int(child)]
        guard node.local == localname, node.namespace.matches(uri) else { continue }
        if let predicate = node.predicate,
          !attributeEquals(predicate, node.predicateValue, attributeCount, attributes)
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
    for k in start..<active.count {
      for slot in nodes[Int(active[k])].textSlots where slotState[Int(slot)] == 1 {
        slotState[Int(slot)] = 2
      }
    }
    if depth == groupDepth { finishGroup() }
    if depth == recordDepth {
      finishRecord()
      return
    }
    active.removeSubrange(start...)
    frameStart.removeLast()
  }

  mutating func text(_ characters: UnsafePointer<UInt8>, _ length: Int) {
    guard recordDepth >= 0, deadDepth == 0, let top = frameStart.last else { return }
    for k in Int(top)..<active.count {
      for slot in nodes[Int(active[k])].textSlots where slotState[Int(slot)] == 1 {
        let room = StreamingRecordReader.maximumValueBytes + 1 - slotBytes[Int(slot)].count
        guard room > 0 else { continue }
        slotBytes[Int(slot)].append(contentsOf: UnsafeBufferPointer(start: characters, count: min(length, room)))
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
    for s in 0..<slotState.count {
      slotState[s] = 0
      slotBytes[s].removeAll(keepingCapacity: true)
    }
    groups.removeAll(keepingCapacity: true)
    active.removeAll(keepingCapacity: true)
    frameStart.removeAll(keepingCapacity: true)
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
    let node = nodes[nodeIndex]
    if node.isGroup && groupDepth < 0 {
      groupDepth = depth
      groupLine = currentLine
      for s in 0..<slotState.count where mapping.slotIsGroup[s] {
        slotState[s] = 0
        slotBytes[s].removeAll(keepingCapacity: true)
      }
    }
    for slot in node.textSlots where slotState[Int(slot)] == 0 && canFill(slot) {
      slotState[Int(slot)] = 1
    }
    for (attribute, slot) in node.attributeSlots where slotState[Int(slot)] == 0 && canFill(slot) {
      if let value = attributeValue(attribute, attributeCount, attributes) {
        slotBytes[Int(slot)] = value
        slotState[Int(slot)] = 2
      }
    }
  }

  /// A group slot is filled only inside a group; a record slot anywhere in the record.
  private func canFill(_ slot: Int32) -> Bool {
    !mapping.slotIsGroup[Int(slot)] || groupDepth >= 0
  }

  private mutating func finishGroup() {
    var values: [String?] = Array(repeating: nil, count: slotState.count)
    for s in 0..<slotState.count where mapping.slotIsGroup[s] && slotState[s] != 0 {
      values[s] = String(decoding: slotBytes[s], as: UTF8.self)
    }
    groups.append((groupLine, values))
    groupDepth = -1
  }

  private mutating func finishRecord() {
    var values: [String?] = Array(repeating: nil, count: slotState.count)
    for s in 0..<slotState.count where !mapping.slotIsGroup[s] && slotState[s] != 0 {
      values[s] = String(decoding: slotBytes[s], as: UTF8.self)
    }
    recordDepth = -1
    deadDepth = 0
    active.removeAll(keepingCapacity: true)
    frameStart.removeAll(keepingCapacity: true)
    emit(CapturedRecord(line: recordLine, values: values, groups: groups))
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

  private func attributeEquals(
    _ attribute: BoundAttribute, _ expected: [UInt8], _ count: Int,
    _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
  ) -> Bool {
    attributeValue(attribute, count, attributes) == expected
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
