import CLibXML2

/// The compiled mapping's trie, flattened into plain buffers for the SAX callbacks.
///
/// Reading `[BoundNode]` elements (structs holding arrays) in every callback cost a retain and a
/// release per array per element: about a fifth of ingest time. Here every field the hot path
/// reads is a scalar in its own buffer, children and text slots are ranges into shared buffers,
/// and namespace URIs are compared once per distinct interned URI pointer. The buffers are
/// allocated in `init` and freed by `deallocate()`; the owner (`ReaderState`) calls it.
struct NodeTables {
  static let hasPredicates: UInt8 = 1
  static let isSpecial: UInt8 = 2
  static let isConditional: UInt8 = 4
  static let hasAttributeSlots: UInt8 = 8

  let count: Int
  let local: UnsafeMutableBufferPointer<UnsafePointer<UInt8>?>
  let namespace: UnsafeMutableBufferPointer<Int32>
  let flags: UnsafeMutableBufferPointer<UInt8>
  let childStart: UnsafeMutableBufferPointer<Int32>
  let childEnd: UnsafeMutableBufferPointer<Int32>
  let children: UnsafeMutableBufferPointer<Int32>
  let textStart: UnsafeMutableBufferPointer<Int32>
  let textEnd: UnsafeMutableBufferPointer<Int32>
  let textSlots: UnsafeMutableBufferPointer<Int32>
  /// Attribute predicates (`wd:ID[@wd:type='Employee_ID']`): node n's are
  /// `predicateStart[n]..<predicateEnd[n]`, each an attribute (interned local name, namespace test
  /// index) and the expected value as a range of `predicateBytes`.
  let predicateStart: UnsafeMutableBufferPointer<Int32>
  let predicateEnd: UnsafeMutableBufferPointer<Int32>
  let predicateLocal: UnsafeMutableBufferPointer<UnsafePointer<UInt8>?>
  let predicateNamespace: UnsafeMutableBufferPointer<Int32>
  let predicateValueStart: UnsafeMutableBufferPointer<Int32>
  let predicateValueCount: UnsafeMutableBufferPointer<Int32>
  let predicateBytes: UnsafeMutableBufferPointer<UInt8>

  /// Only buffers, so that copying the tables into a local costs no reference counting.
  init(_ nodes: [BoundNode], namespaces: NamespaceMatcher) {
    count = nodes.count
    local = .allocate(capacity: count)
    namespace = .allocate(capacity: count)
    flags = .allocate(capacity: count)
    childStart = .allocate(capacity: count)
    childEnd = .allocate(capacity: count)
    textStart = .allocate(capacity: count)
    textEnd = .allocate(capacity: count)
    let allChildren = nodes.flatMap(\.children)
    let allText = nodes.flatMap(\.textSlots)
    children = .allocate(capacity: max(1, allChildren.count))
    textSlots = .allocate(capacity: max(1, allText.count))
    _ = children.initialize(from: allChildren)
    _ = textSlots.initialize(from: allText)
    let allPredicates = nodes.flatMap(\.attributePredicates)
    let allPredicateBytes = allPredicates.flatMap(\.value)
    predicateStart = .allocate(capacity: count)
    predicateEnd = .allocate(capacity: count)
    predicateLocal = .allocate(capacity: max(1, allPredicates.count))
    predicateNamespace = .allocate(capacity: max(1, allPredicates.count))
    predicateValueStart = .allocate(capacity: max(1, allPredicates.count))
    predicateValueCount = .allocate(capacity: max(1, allPredicates.count))
    predicateBytes = .allocate(capacity: max(1, allPredicateBytes.count))
    _ = predicateBytes.initialize(from: allPredicateBytes)
    var offset: Int32 = 0
    for (k, predicate) in allPredicates.enumerated() {
      predicateLocal[k] = predicate.attribute.local
      predicateNamespace[k] = namespaces.index(of: predicate.attribute.namespace)
      predicateValueStart[k] = offset
      predicateValueCount[k] = Int32(predicate.value.count)
      offset += Int32(predicate.value.count)
    }
    var p: Int32 = 0
    var c: Int32 = 0
    var t: Int32 = 0
    for (i, node) in nodes.enumerated() {
      local[i] = node.local
      namespace[i] = namespaces.index(of: node.namespace)
      var f: UInt8 = 0
      if !node.attributePredicates.isEmpty { f |= NodeTables.hasPredicates }
      if node.isSpecial { f |= NodeTables.isSpecial }
      if node.conditionMask != 0 { f |= NodeTables.isConditional }
      if !node.attributeSlots.isEmpty { f |= NodeTables.hasAttributeSlots }
      flags[i] = f
      childStart[i] = c
      c += Int32(node.children.count)
      childEnd[i] = c
      textStart[i] = t
      t += Int32(node.textSlots.count)
      textEnd[i] = t
      predicateStart[i] = p
      p += Int32(node.attributePredicates.count)
      predicateEnd[i] = p
    }
  }

  func deallocate() {
    local.deallocate()
    namespace.deallocate()
    flags.deallocate()
    childStart.deallocate()
    childEnd.deallocate()
    children.deallocate()
    textStart.deallocate()
    textEnd.deallocate()
    textSlots.deallocate()
    predicateStart.deallocate()
    predicateEnd.deallocate()
    predicateLocal.deallocate()
    predicateNamespace.deallocate()
    predicateValueStart.deallocate()
    predicateValueCount.deallocate()
    predicateBytes.deallocate()
  }
}

/// The distinct namespace tests of a mapping, each with a one-entry cache of the last URI
/// pointer it matched. Element and attribute URIs handed over by SAX2 are interned in the
/// parser's dictionary (checked with `xmlDictOwns` before caching), so a cached pointer is a
/// complete answer and the URI bytes are compared only once per distinct URI.
struct NamespaceMatcher {
  let tests: [NamespaceTest]
  let cache: UnsafeMutableBufferPointer<UnsafePointer<UInt8>?>
  let dict: xmlDictPtr?

  init(tests: [NamespaceTest], dict: xmlDictPtr?) {
    self.tests = tests
    self.dict = dict
    cache = .allocate(capacity: max(1, tests.count))
    cache.initialize(repeating: nil)
  }

  func index(of test: NamespaceTest) -> Int32 {
    guard let index = tests.firstIndex(of: test) else { preconditionFailure("namespace test not in the matcher") }
    return Int32(index)
  }

  @inline(__always)
  func matches(_ index: Int32, _ uri: UnsafePointer<UInt8>?) -> Bool {
    if let uri, cache[Int(index)] == uri { return true }
    guard tests[Int(index)].matches(uri) else { return false }
    if let uri, xmlDictOwns(dict, uri) == 1 { cache[Int(index)] = uri }
    return true
  }

  func deallocate() { cache.deallocate() }
}
