/// What to say when a mapping's record path matches no element of a file: the file's root element,
/// its most frequent element paths near the top, and the element the record path most likely
/// meant, written as a `record:` line (`orgready mappings preview`, `orgready validate`).
public struct RecordPathHint: Sendable {
  public var structure: DocumentStructure
  public var mapping: CompiledMapping

  public init(structure: DocumentStructure, mapping: CompiledMapping) {
    self.structure = structure
    self.mapping = mapping
  }

  /// Profiles `path` (streaming) for the hint.
  public static func profile(path: String, mapping: CompiledMapping) throws(XMLInputError) -> RecordPathHint {
    RecordPathHint(structure: try ExportProfiler.structure(path: path), mapping: mapping)
  }

  static func describe(_ test: NamespaceTest) -> String {
    switch test {
    case .none: return "no namespace"
    case .any: return "any namespace"
    case .exact(let bytes): return "namespace \(String(decoding: bytes, as: UTF8.self))"
    case .uriPrefix(let bytes): return "a namespace starting \(String(decoding: bytes, as: UTF8.self))"
    }
  }

  func describe(uri: String?) -> String { uri.map { "namespace \($0)" } ?? "no namespace" }

  /// The element the record path most likely meant.
  public var closest: Int? {
    guard let last = mapping.recordPath.last else { return nil }
    return structure.closest(toLocal: String(decoding: last.local, as: UTF8.self))
  }

  /// One line: the suggested `record:` and why.
  public var suggestion: String {
    guard let node = closest, let last = mapping.recordPath.last else {
      return "the file holds no elements"
    }
    let path = ExportProfile.recordPath(node, in: structure)
    let element = structure.nodes[node]
    let wanted = String(decoding: last.local, as: UTF8.self)
    var text = "closest record path: 'record: \(path)' (\(element.count) elements"
    if element.local == wanted && !last.namespace.matches(element.uri) {
      text +=
        "; the mapping looks for \(wanted) in \(Self.describe(last.namespace)), the file has it in \(describe(uri: element.uri))"
      text +=
        element.uri == nil
        ? ": drop the prefix from the record and its paths)" : ": declare that namespace for the mapping's prefix)"
    } else {
      text += ")"
    }
    return text
  }

  /// The full message, naming the file and the mapping.
  public func message(file: String, mappingFile: String? = nil) -> String {
    let root = structure.root.map { structure.nodes[$0] }
    var out =
      "\(file): error: no element matches the record path '\(mapping.record)' of mapping '\(mapping.name)'\(mappingFile.map { " (\($0))" } ?? ""), so nothing can be read"
    guard let root, let rootNode = structure.root else { return out + "; the file holds no elements" }
    out += ".\n  The document's root element is <\(structure.qualifiedName(rootNode))> (\(describe(uri: root.uri))); "
    out += "its most frequent element paths down to depth 3:\n"
    let paths = structure.frequentPaths(maximumDepth: 3, limit: 8)
    let width = String(paths.first?.count ?? 0).count
    for (path, count) in paths {
      out += "    " + String(repeating: " ", count: max(0, width - String(count).count)) + "\(count)  \(path)\n"
    }
    let used = Set(structure.nodes.compactMap(\.uri))
    for (uri, prefix) in structure.prefixes.sorted(by: { $0.value < $1.value }) where used.contains(uri) {
      out += "  (\(prefix) = \(uri))\n"
    }
    out += "  \(suggestion.prefix(1).uppercased() + suggestion.dropFirst())"
    if let likely = structure.likelyRecord(), likely != closest {
      out +=
        ".\n  The repeated element that looks most like a record is \(ExportProfile.recordPath(likely, in: structure)) (\(structure.nodes[likely].count) elements); 'orgready mappings draft \(file)' writes a starting mapping for it"
    }
    return out
  }
}
