/// The element tree of a document as a trie of paths (every distinct path from the root once),
/// with how often each occurs: what `orgready mappings preview` shows when a mapping's record
/// path matches nothing, and where `orgready mappings draft` finds the repeated element that is
/// one record. Built by streaming (`ExportProfiler`); its size depends on the number of distinct
/// paths, which is capped, never on the size of the file.
public struct DocumentStructure: Sendable {
  /// One distinct element path.
  public struct Node: Sendable {
    public var parent: Int
    public var local: String
    /// The namespace URI (nil: no namespace).
    public var uri: String?
    public var depth: Int
    /// Occurrences in the document.
    public var count = 0
    /// The most occurrences under one occurrence of its parent (2 or more: it repeats).
    public var maxPerParent = 0
    public var children: [Int] = []
    /// Occurrences with text of their own (not only white space).
    public var withText = 0
    public var dateLike = 0
    public var numberLike = 0
    /// Occurrences that contain other elements.
    public var withElements = 0
    /// Attribute names seen on it (prefix-qualified as written), at most a few dozen.
    public var attributes: [String] = []
  }

  /// The most distinct paths kept; deeper or wider documents are profiled up to this many.
  public static let maximumNodes = 100_000

  public var nodes: [Node] = []
  /// Namespace URI → the prefix written paths use for it: the document's own (the first it used),
  /// or one made up where the document only declares it as a default namespace.
  public var prefixes: [String: String] = [:]
  /// Elements in the document.
  public var elements = 0
  /// True when more distinct paths existed than `maximumNodes`.
  public var truncated = false

  public init() {}

  /// Index of the root element's node (0), or nil for an empty document.
  public var root: Int? { nodes.isEmpty ? nil : 0 }

  /// The node indices from the root down to `node`.
  public func lineage(_ node: Int) -> [Int] {
    var chain: [Int] = []
    var current = node
    while current >= 0 {
      chain.append(current)
      current = nodes[current].parent
    }
    return chain.reversed()
  }

  /// True when `node` lies below `ancestor` (or is it).
  public func isWithin(_ node: Int, _ ancestor: Int) -> Bool {
    var current = node
    while current >= 0 {
      if current == ancestor { return true }
      current = nodes[current].parent
    }
    return false
  }

  /// The prefix for a namespace in written paths: the document's own, or one made up for a default
  /// namespace (a path needs a prefix for every namespaced name, as in XPath 1.0).
  public func prefix(for uri: String?) -> String? {
    guard let uri else { return nil }
    return prefixes[uri] ?? "ns"
  }

  /// Assigns every namespace a distinct prefix from the first one the document wrote for it ("" for
  /// a default namespace), inventing one where there is none or where two namespaces share one.
  static func assignPrefixes(_ firstSeen: [(uri: String, prefix: String)]) -> [String: String] {
    var assigned: [String: String] = [:]
    var taken = Set<String>()
    for (uri, prefix) in firstSeen where !prefix.isEmpty && assigned[uri] == nil && !taken.contains(prefix) {
      assigned[uri] = prefix
      taken.insert(prefix)
    }
    for (uri, _) in firstSeen where assigned[uri] == nil {
      let invented = NamespaceNames.invented(for: uri, taken: taken)
      assigned[uri] = invented
      taken.insert(invented)
    }
    return assigned
  }

  /// `prefix:local` or `local`.
  public func qualifiedName(_ node: Int) -> String {
    let n = nodes[node]
    return prefix(for: n.uri).map { "\($0):\(n.local)" } ?? n.local
  }

  /// The path from the root, e.g. `wd:Report_Data/wd:Report_Entry`.
  public func path(_ node: Int) -> String {
    lineage(node).map(qualifiedName).joined(separator: "/")
  }

  /// The path from `ancestor` (exclusive) down to `node`, e.g. `wd:Worker/wd:ID`.
  public func path(_ node: Int, from ancestor: Int) -> String {
    let chain = lineage(node)
    guard let start = chain.firstIndex(of: ancestor) else { return path(node) }
    return chain[(start + 1)...].map(qualifiedName).joined(separator: "/")
  }

  /// Distinct text-bearing paths in the subtree of `node` (itself included).
  public func textPaths(below node: Int) -> Int {
    var total = nodes[node].withText > 0 ? 1 : 0
    for child in nodes[node].children { total += textPaths(below: child) }
    return total + nodes[node].attributes.count
  }

  /// The most frequent element paths down to `depth`, most frequent first (ties: document order).
  public func frequentPaths(maximumDepth depth: Int, limit: Int) -> [(path: String, count: Int)] {
    let shallow = nodes.indices.filter { nodes[$0].depth <= depth }
    let ordered = shallow.sorted { a, b in nodes[a].count != nodes[b].count ? nodes[a].count > nodes[b].count : a < b }
    return ordered.prefix(limit).map { (path($0), nodes[$0].count) }
  }

  /// The repeated element most likely to be one record: an element that repeats under its parent
  /// and holds other elements or attributes, with the most distinct values below it (an enclosing
  /// repeated element therefore wins over one repeated inside it: `employee` over its `row`s);
  /// ties go to the shallower, then the more frequent. Nil when nothing repeats.
  public func likelyRecord() -> Int? {
    var best: (node: Int, score: Int)?
    for (i, node) in nodes.enumerated()
    where i != 0 && node.count >= 2 && node.maxPerParent >= 2 && (node.withElements > 0 || !node.attributes.isEmpty) {
      let score = textPaths(below: i)
      guard let current = best else {
        best = (i, score)
        continue
      }
      let other = nodes[current.node]
      if score > current.score || (score == current.score && node.depth < other.depth)
        || (score == current.score && node.depth == other.depth && node.count > other.count)
      {
        best = (i, score)
      }
    }
    return best?.node
  }

  /// Inside `record`: the repeated element holding a date that most likely is one event each (a
  /// job-history group such as `wd:Job_History_group`, or BambooHR's rows under an employee), or
  /// nil. The most frequent wins; ties go to the shallower.
  public func likelyGroup(in record: Int) -> Int? {
    var best: Int?
    for i in nodes.indices where i != record && isWithin(i, record) {
      let node = nodes[i]
      guard node.maxPerParent >= 2, node.withElements > 0, holdsDate(i) else { continue }
      if let b = best, nodes[b].count > node.count || (nodes[b].count == node.count && nodes[b].depth <= node.depth) {
        continue
      }
      best = i
    }
    return best
  }

  func holdsDate(_ node: Int) -> Bool {
    if nodes[node].dateLike > 0 { return true }
    return nodes[node].children.contains { holdsDate($0) }
  }

  /// The element that a record path looking for `local` (in `namespace`, when it has one) most
  /// likely meant: the same local name in another namespace, the same name in other case, a name a
  /// couple of edits away, else the likely record. Nil when the document has no elements.
  public func closest(toLocal local: String) -> Int? {
    let exact = nodes.indices.filter { nodes[$0].local == local }
    if let hit = exact.max(by: { nodes[$0].count < nodes[$1].count }) { return hit }
    let lowered = local.lowercased()
    let caseless = nodes.indices.filter { nodes[$0].local.lowercased() == lowered }
    if let hit = caseless.max(by: { nodes[$0].count < nodes[$1].count }) { return hit }
    var near: (node: Int, distance: Int)?
    for i in nodes.indices {
      let d = NamespaceNames.editDistance(nodes[i].local.lowercased(), lowered)
      guard d <= max(2, lowered.count / 4) else { continue }
      if let current = near,
        d > current.distance || (d == current.distance && nodes[i].count <= nodes[current.node].count)
      {
        continue
      }
      near = (i, d)
    }
    return near?.node ?? likelyRecord()
  }
}

/// Prefixes for namespaces a document leaves unprefixed, and name comparison helpers.
enum NamespaceNames {
  static let known: [(uri: String, prefix: String)] = [
    ("http://www.w3.org/2005/Atom", "atom"),
    ("http://schemas.microsoft.com/ado/2007/08/dataservices/metadata", "m"),
    ("http://schemas.microsoft.com/ado/2007/08/dataservices", "d"),
    ("http://www.hr-xml.org/3", "hr"),
    ("http://www.openapplications.org/oagis/9", "oa"),
    ("urn:com.workday/bsvc", "wd"),
  ]

  /// A prefix for `uri` not in `taken`: a well-known one, else `ns`, `ns2`, ...
  static func invented(for uri: String, taken: Set<String>) -> String {
    if uri.hasPrefix("urn:com.workday.report/") && !taken.contains("wd") { return "wd" }
    if let known = known.first(where: { $0.uri == uri }), !taken.contains(known.prefix) { return known.prefix }
    var candidate = "ns"
    var n = 1
    while taken.contains(candidate) {
      n += 1
      candidate = "ns\(n)"
    }
    return candidate
  }

  /// Levenshtein distance (names are short).
  static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a)
    let y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    for i in 1...x.count {
      var current = [i] + Array(repeating: 0, count: y.count)
      for j in 1...y.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[y.count]
  }
}
