import CLibXML2

extension Array where Element: Equatable {
  /// True when `needle` occurs in the array as a contiguous run.
  func contains(subsequence needle: [Element]) -> Bool {
    guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
    for start in 0...(count - needle.count) where self[start..<(start + needle.count)].elementsEqual(needle) {
      return true
    }
    return false
  }
}

/// Profiles an export by streaming it twice through libxml2's SAX2 parser (with the reader's
/// hardening: `SAXDocument`): first its element tree (`DocumentStructure`), then, for a chosen
/// record element, every path under it with its values (`ExportProfile`). Memory is bounded by the
/// number of distinct paths and the size of one record, never by the size of the file.
public enum ExportProfiler {
  /// Most elements kept for one record; larger records are profiled up to this many.
  public static let maximumRecordElements = 20_000

  /// The element tree of `path`.
  public static func structure(path: String, progress: ((Int) -> Void)? = nil) throws(XMLInputError)
    -> DocumentStructure
  {
    let state = UnsafeMutablePointer<StructureState>.allocate(capacity: 1)
    state.initialize(to: StructureState())
    defer {
      state.deinitialize(count: 1)
      state.deallocate()
    }
    var sax = xmlSAXHandler()
    sax.initialized = UInt32(XML_SAX2_MAGIC)
    sax.startElementNs = { ctx, localname, prefix, uri, _, _, attributeCount, _, attributes in
      guard let ctx else { return }
      ctx.assumingMemoryBound(to: StructureState.self).pointee.startElement(
        localname: localname, prefix: prefix, uri: uri, attributeCount: Int(attributeCount), attributes: attributes)
    }
    sax.endElementNs = { ctx, _, _, _ in
      guard let ctx else { return }
      ctx.assumingMemoryBound(to: StructureState.self).pointee.endElement()
    }
    sax.characters = { ctx, characters, length in
      guard let ctx, let characters else { return }
      ctx.assumingMemoryBound(to: StructureState.self).pointee.text(characters, Int(length))
    }
    sax.cdataBlock = sax.characters
    sax.internalSubset = { ctx, _, externalID, systemID in
      guard let ctx else { return }
      ctx.assumingMemoryBound(to: StructureState.self).pointee.checkDocumentType(
        externalID: externalID, systemID: systemID)
    }
    sax.serror = { ctx, error in
      guard let ctx, let error else { return }
      ctx.assumingMemoryBound(to: StructureState.self).pointee.report(error.pointee)
    }
    _ = try SAXDocument.parse(
      path: path, sax: &sax, state: state, bind: { state.pointee.ctxt = $0 }, progress: progress)
    return state.pointee.finish()
  }

  /// Every path under `record` (and its repeated `group`) in `path`, with its values.
  public static func profile(
    path: String, structure: DocumentStructure, record: Int, group: Int?, progress: ((Int) -> Void)? = nil
  ) throws(XMLInputError) -> ExportProfile {
    let state = UnsafeMutablePointer<FieldState>.allocate(capacity: 1)
    state.initialize(to: FieldState(profile: ExportProfile(structure: structure, record: record, group: group)))
    defer {
      state.deinitialize(count: 1)
      state.deallocate()
    }
    var sax = xmlSAXHandler()
    sax.initialized = UInt32(XML_SAX2_MAGIC)
    sax.startElementNs = { ctx, localname, _, uri, _, _, attributeCount, _, attributes in
      guard let ctx else { return }
      ctx.assumingMemoryBound(to: FieldState.self).pointee.startElement(
        localname: localname, uri: uri, attributeCount: Int(attributeCount), attributes: attributes)
    }
    sax.endElementNs = { ctx, _, _, _ in
      guard let ctx else { return }
      ctx.assumingMemoryBound(to: FieldState.self).pointee.endElement()
    }
    sax.characters = { ctx, characters, length in
      guard let ctx, let characters else { return }
      ctx.assumingMemoryBound(to: FieldState.self).pointee.text(characters, Int(length))
    }
    sax.cdataBlock = sax.characters
    sax.internalSubset = { ctx, _, externalID, systemID in
      guard let ctx else { return }
      ctx.assumingMemoryBound(to: FieldState.self).pointee.checkDocumentType(externalID: externalID, systemID: systemID)
    }
    sax.serror = { ctx, error in
      guard let ctx, let error else { return }
      ctx.assumingMemoryBound(to: FieldState.self).pointee.report(error.pointee)
    }
    _ = try SAXDocument.parse(
      path: path, sax: &sax, state: state, bind: { state.pointee.ctxt = $0 }, progress: progress)
    return state.pointee.profile
  }
}

/// Finds an element's node in the path trie: by the parser's interned name pointers first (one
/// hash lookup per element), by content on first sight of a pointer pair.
struct NodeResolver {
  struct PointerKey: Hashable {
    var parent: Int32
    var local: UnsafeRawPointer
    var uri: UnsafeRawPointer?
  }
  struct ContentKey: Hashable {
    var parent: Int32
    var local: String
    var uri: String?
  }
  var byPointer: [PointerKey: Int32] = [:]
  var byContent: [ContentKey: Int32] = [:]

  /// The node of an element under `parent` (-1 for the root), created by `create` when new; nil
  /// when it is new and `create` declines.
  mutating func node(
    parent: Int32, local: UnsafePointer<UInt8>, uri: UnsafePointer<UInt8>?, create: (ContentKey) -> Int32?
  ) -> Int32? {
    let key = PointerKey(parent: parent, local: UnsafeRawPointer(local), uri: uri.map { UnsafeRawPointer($0) })
    if let hit = byPointer[key] { return hit }
    let content = ContentKey(parent: parent, local: String(cString: local), uri: uri.map { String(cString: $0) })
    let node: Int32
    if let known = byContent[content] {
      node = known
    } else {
      guard let new = create(content) else { return nil }
      byContent[content] = new
      node = new
    }
    if byPointer.count > 4 * DocumentStructure.maximumNodes { byPointer.removeAll(keepingCapacity: true) }
    byPointer[key] = node
    return node
  }
}

/// Pass one: the element tree.
struct StructureState: SAXParseState {
  var ctxt: xmlParserCtxtPtr?
  var failure: ParseFailure?
  var terminating = false
  var depth = 0
  var elementsSeen = 0

  static let untracked: Int32 = -2
  var structure = DocumentStructure()
  var resolver = NodeResolver()
  var firstPrefixes: [(uri: String, prefix: String)] = []
  var seenURIs = Set<String>()
  /// The parser's interned URI strings already noted (a URI is noted once, by content).
  var seenURIPointers = Set<UnsafeRawPointer>()
  var open: [Int32] = []
  var openInstance: [Int] = []
  var hadChild: [Bool] = []
  /// Per node: the parent occurrence it was last seen under, and how often there.
  var lastParent: [Int] = []
  var countUnderParent: [Int32] = []
  var occurrences = 0
  /// Per (node, attribute name pointers): whether the attribute is named like a date, once its
  /// name has been recorded on the node.
  struct AttributeKey: Hashable {
    var node: Int32
    var local: UnsafeRawPointer
    var prefix: UnsafeRawPointer?
  }
  var attributeSeen: [AttributeKey: Bool] = [:]
  /// The innermost element's text (its start, enough to classify it).
  var textStart: [UInt8] = []
  var textVisible = false

  mutating func startElement(
    localname: UnsafePointer<UInt8>?, prefix: UnsafePointer<UInt8>?, uri: UnsafePointer<UInt8>?, attributeCount: Int,
    attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
  ) {
    depth += 1
    elementsSeen += 1
    if depth > StreamingRecordReader.maximumDepth {
      fail(
        kind: .limit,
        message:
          "elements are nested more than \(StreamingRecordReader.maximumDepth) levels deep; no HRIS export nests like this, so the file is refused"
      )
      return
    }
    if !hadChild.isEmpty { hadChild[hadChild.count - 1] = true }
    textStart.removeAll(keepingCapacity: true)
    textVisible = false
    let parent = open.last ?? -1
    occurrences += 1
    guard parent != StructureState.untracked, let localname else {
      push(StructureState.untracked)
      return
    }
    noteNamespace(uri, prefix)
    let depth = self.depth
    let node =
      resolver.node(parent: parent, local: localname, uri: uri) { content in
        guard structure.nodes.count < DocumentStructure.maximumNodes else {
          structure.truncated = true
          return nil
        }
        let index = Int32(structure.nodes.count)
        structure.nodes.append(.init(parent: Int(parent), local: content.local, uri: content.uri, depth: depth))
        if parent >= 0 { structure.nodes[Int(parent)].children.append(Int(index)) }
        lastParent.append(-1)
        countUnderParent.append(0)
        return index
      } ?? StructureState.untracked
    push(node)
    guard node >= 0 else { return }
    let n = Int(node)
    structure.nodes[n].count += 1
    let parentOccurrence = openInstance.count >= 2 ? openInstance[openInstance.count - 2] : -1
    if lastParent[n] == parentOccurrence {
      countUnderParent[n] += 1
    } else {
      lastParent[n] = parentOccurrence
      countUnderParent[n] = 1
    }
    structure.nodes[n].maxPerParent = max(structure.nodes[n].maxPerParent, Int(countUnderParent[n]))
    guard let attributes, attributeCount > 0 else { return }
    for a in 0..<attributeCount {
      let base = a * 5
      guard let local = attributes[base] else { continue }
      let key = AttributeKey(
        node: node, local: UnsafeRawPointer(local), prefix: attributes[base + 1].map { UnsafeRawPointer($0) })
      let dateNamed: Bool
      if let known = attributeSeen[key] {
        dateNamed = known
      } else {
        noteNamespace(attributes[base + 2], attributes[base + 1])
        let localName = String(cString: local)
        let name = (attributes[base + 1].map { String(cString: $0) + ":" } ?? "") + localName
        if structure.nodes[n].attributes.count < 32 && !structure.nodes[n].attributes.contains(name) {
          structure.nodes[n].attributes.append(name)
        }
        let lowered = Array(localName.lowercased().utf8)
        dateNamed = ["date", "from", "effective"].contains { lowered.contains(subsequence: Array($0.utf8)) }
        if attributeSeen.count < 4 * DocumentStructure.maximumNodes { attributeSeen[key] = dateNamed }
      }
      // Dates in attributes (HR-XML validFrom, Workday wd:Effective_Date) mark an event too; only
      // attributes named like dates are read, to keep this pass cheap.
      if dateNamed, let start = attributes[base + 3], let end = attributes[base + 4],
        ValueKinds.isDate(String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self))
      {
        structure.nodes[n].dateLike += 1
      }
    }
  }

  private mutating func push(_ node: Int32) {
    open.append(node)
    openInstance.append(occurrences)
    hadChild.append(false)
  }

  private mutating func noteNamespace(_ uri: UnsafePointer<UInt8>?, _ prefix: UnsafePointer<UInt8>?) {
    guard let uri, seenURIs.count < 256, seenURIPointers.insert(UnsafeRawPointer(uri)).inserted else { return }
    let text = String(cString: uri)
    guard seenURIs.insert(text).inserted else { return }
    firstPrefixes.append((text, prefix.map { String(cString: $0) } ?? ""))
  }

  mutating func endElement() {
    defer { depth -= 1 }
    guard let node = open.popLast() else { return }
    openInstance.removeLast()
    let child = hadChild.removeLast()
    guard node >= 0 else { return }
    let n = Int(node)
    if child {
      structure.nodes[n].withElements += 1
    } else if textVisible {
      structure.nodes[n].withText += 1
      let text = String(decoding: textStart, as: UTF8.self).trimmingSpaces
      if ValueKinds.isDate(text) { structure.nodes[n].dateLike += 1 }
      if ValueKinds.isNumber(text) { structure.nodes[n].numberLike += 1 }
    }
  }

  mutating func text(_ characters: UnsafePointer<UInt8>, _ length: Int) {
    guard !open.isEmpty else { return }
    for i in 0..<length {
      let byte = characters[i]
      if !textVisible && !ReaderState.isSpace(byte) { textVisible = true }
      if textVisible && textStart.count < 40 { textStart.append(byte) }
      if textVisible && textStart.count >= 40 { break }
    }
  }

  mutating func finish() -> DocumentStructure {
    var result = structure
    result.elements = elementsSeen
    result.prefixes = DocumentStructure.assignPrefixes(firstPrefixes)
    return result
  }
}

/// Pass two: the values under the record, collected one record at a time.
struct FieldState: SAXParseState {
  var ctxt: xmlParserCtxtPtr?
  var failure: ParseFailure?
  var terminating = false
  var depth = 0
  var elementsSeen = 0

  /// One element of the record being read.
  struct Element {
    var node: Int32
    var parent: Int32
    var attributes: [(local: String, qualified: String, value: String)] = []
    var text: [UInt8] = []
    var hasChild = false
  }

  static let metaNamespaces: Set<String> = [
    "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata",
    "http://www.w3.org/2001/XMLSchema-instance", "http://www.w3.org/XML/1998/namespace",
  ]
  /// Attributes that choose one of several same-named elements (`wd:ID[@wd:type='…']`,
  /// `field[@id='…']`), in order of preference.
  static let keyAttributes = ["type", "id", "name", "key", "code"]

  var profile: ExportProfile
  var resolver = NodeResolver()
  var open: [Int32] = []
  var recordDepth = -1
  var elements: [Element] = []
  /// Index in `elements` of each open element inside the record (-1: not kept).
  var openElement: [Int32] = []
  /// Paths under the record seen so far, and the profile column of each value at them.
  var pathIDs: [PathKey: Int32] = [:]
  var pathTexts: [String] = []
  var pathWords: [[String]] = []
  var columnIDs: [ColumnKey: Int] = [:]
  /// Numbers each record and group repetition, so a column counts once per repetition.
  var stamp = 0

  init(profile: ExportProfile) {
    self.profile = profile
    for (i, node) in profile.structure.nodes.enumerated() {
      resolver.byContent[.init(parent: Int32(node.parent), local: node.local, uri: node.uri)] = Int32(i)
    }
  }

  mutating func startElement(
    localname: UnsafePointer<UInt8>?, uri: UnsafePointer<UInt8>?, attributeCount: Int,
    attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
  ) {
    depth += 1
    elementsSeen += 1
    if depth > StreamingRecordReader.maximumDepth {
      fail(
        kind: .limit,
        message:
          "elements are nested more than \(StreamingRecordReader.maximumDepth) levels deep; no HRIS export nests like this, so the file is refused"
      )
      return
    }
    let parent = open.last ?? -1
    var node = StructureState.untracked
    if parent != StructureState.untracked, let localname {
      node = resolver.node(parent: parent, local: localname, uri: uri) { _ in nil } ?? StructureState.untracked
    }
    open.append(node)
    if recordDepth < 0 {
      guard node == Int32(profile.record) else { return }
      recordDepth = depth
      elements.removeAll(keepingCapacity: true)
      openElement.removeAll(keepingCapacity: true)
    }
    guard node >= 0, elements.count < ExportProfiler.maximumRecordElements else {
      if elements.count >= ExportProfiler.maximumRecordElements { profile.truncated = true }
      openElement.append(-1)
      return
    }
    let parentElement = openElement.last ?? -1
    if parentElement >= 0 { elements[Int(parentElement)].hasChild = true }
    var element = Element(node: node, parent: parentElement)
    if let attributes, attributeCount > 0 {
      for a in 0..<attributeCount {
        let base = a * 5
        guard let local = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else {
          continue
        }
        let namespace = attributes[base + 2].map { String(cString: $0) }
        if let namespace, FieldState.metaNamespaces.contains(namespace) { continue }
        let name = String(cString: local)
        let prefix = namespace.flatMap { profile.structure.prefix(for: $0) }
        let value = String(
          decoding: ReaderState.decodeAttribute(UnsafeBufferPointer(start: start, count: end - start)), as: UTF8.self)
        element.attributes.append((name, prefix.map { "\($0):\(name)" } ?? name, value))
      }
    }
    elements.append(element)
    openElement.append(Int32(elements.count - 1))
  }

  mutating func endElement() {
    defer { depth -= 1 }
    open.removeLast()
    guard recordDepth >= 0 else { return }
    if depth == recordDepth {
      finishRecord()
      recordDepth = -1
    }
    if !openElement.isEmpty { openElement.removeLast() }
  }

  mutating func text(_ characters: UnsafePointer<UInt8>, _ length: Int) {
    guard recordDepth >= 0, let top = openElement.last, top >= 0 else { return }
    let room = 1024 - elements[Int(top)].text.count
    guard room > 0 else { return }
    elements[Int(top)].text.append(contentsOf: UnsafeBufferPointer(start: characters, count: min(room, length)))
  }

  /// Turns the record's elements into paths (choosing same-named siblings by an attribute where
  /// their values differ) and adds every value to the profile.
  mutating func finishRecord() {
    guard !elements.isEmpty else { return }
    profile.records += 1
    stamp += 1
    let recordStamp = stamp
    let structure = profile.structure
    var siblings: [Siblings: [Int]] = [:]
    for (i, element) in elements.enumerated() where i > 0 && !element.hasChild && !element.attributes.isEmpty {
      siblings[Siblings(parent: element.parent, node: element.node), default: []].append(i)
    }
    var pathOf = [Int32](repeating: -1, count: elements.count)
    var stampOf = [Int](repeating: recordStamp, count: elements.count)
    var inGroup = [Bool](repeating: false, count: elements.count)
    var keyUsed = [String?](repeating: nil, count: elements.count)
    let group = profile.group.map { Int32($0) }
    for (i, element) in elements.enumerated() {
      if i > 0 {
        let parent = Int(element.parent)
        if element.node == group {
          profile.groups += 1
          stamp += 1
          stampOf[i] = stamp
          inGroup[i] = true
        } else if parent >= 0 {
          stampOf[i] = stampOf[parent]
          inGroup[i] = inGroup[parent]
        }
        var key: (qualified: String, value: String)?
        if !element.hasChild && !element.attributes.isEmpty {
          key = keyAttribute(
            element, siblings[Siblings(parent: element.parent, node: element.node)] ?? [],
            local: structure.nodes[Int(element.node)].local)
        }
        keyUsed[i] = key?.qualified
        pathOf[i] = path(parent: parent > 0 ? pathOf[parent] : -1, node: element.node, key: key)
      }
      if i > 0, !element.hasChild, !element.text.isEmpty, let column = column(pathOf[i], attribute: nil, inGroup[i]) {
        profile.add(value: String(decoding: element.text, as: UTF8.self), column: column, stamp: stampOf[i])
      }
      for attribute in element.attributes where attribute.qualified != keyUsed[i] {
        if let column = column(pathOf[i], attribute: attribute, inGroup[i]) {
          profile.add(value: attribute.value, column: column, stamp: stampOf[i])
        }
      }
    }
  }

  struct Siblings: Hashable {
    var parent: Int32
    var node: Int32
  }

  /// A path under the record: its parent path (-1: the record), its element and the attribute
  /// that chose it among same-named siblings.
  struct PathKey: Hashable {
    var parent: Int32
    var node: Int32
    var key: String?
  }

  struct ColumnKey: Hashable {
    var path: Int32
    var attribute: String?
  }

  /// The id of a path, made once: its text and words are built the first time it is seen.
  mutating func path(parent: Int32, node: Int32, key: (qualified: String, value: String)?) -> Int32 {
    let pathKey = PathKey(parent: parent, node: node, key: key.map { "\($0.qualified)=\($0.value)" })
    if let known = pathIDs[pathKey] { return known }
    let structure = profile.structure
    var step = structure.qualifiedName(Int(node))
    var words = [structure.nodes[Int(node)].local.lowercased()]
    if let key {
      step += "[@\(key.qualified)='\(key.value)']"
      words.append(key.value.lowercased())
    }
    if parent >= 0 {
      step = pathTexts[Int(parent)] + "/" + step
      words = pathWords[Int(parent)] + words
    }
    let id = Int32(pathTexts.count)
    pathTexts.append(step)
    pathWords.append(words)
    pathIDs[pathKey] = id
    return id
  }

  /// The profile column of an element's text (`attribute` nil) or one of its attributes at `path`
  /// (-1: the record element), or nil past the column limit.
  mutating func column(
    _ path: Int32, attribute: (local: String, qualified: String, value: String)?, _ inGroup: Bool
  ) -> Int? {
    let key = ColumnKey(path: path, attribute: attribute?.qualified)
    if let known = columnIDs[key] { return known }
    var text = path >= 0 ? pathTexts[Int(path)] : ""
    var words = path >= 0 ? pathWords[Int(path)] : []
    if let attribute {
      text += (text.isEmpty ? "" : "/") + "@" + attribute.qualified
      words.append(attribute.local.lowercased())
    }
    let index = profile.columnIndex(path: text, words: words, inGroup: inGroup)
    if let index { columnIDs[key] = index }
    return index
  }

  /// The attribute that tells this element from same-named siblings, when it is a value element
  /// chosen that way: Workday's `wd:ID[@wd:type='…']` always; otherwise an `id`/`name`/`type`/…
  /// attribute whose values differ between siblings (BambooHR's `field[@id='…']`).
  func keyAttribute(_ element: Element, _ siblings: [Int], local: String) -> (qualified: String, value: String)? {
    for name in FieldState.keyAttributes {
      guard let attribute = element.attributes.first(where: { $0.local == name }), !attribute.value.isEmpty,
        !attribute.value.utf8.contains(UInt8(ascii: "'"))
      else { continue }
      if local == "ID" && name == "type" { return (attribute.qualified, attribute.value) }
      guard siblings.count >= 2 else { continue }
      let values = Set(siblings.compactMap { elements[$0].attributes.first(where: { $0.local == name })?.value })
      if values.count >= 2 { return (attribute.qualified, attribute.value) }
    }
    return nil
  }
}
