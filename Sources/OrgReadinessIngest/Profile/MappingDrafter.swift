/// Profiles an export and drafts a mapping for it (`orgready mappings draft`): two streaming
/// passes (the element tree, then the values under the chosen record), in bounded memory.
public enum MappingDrafter {
  /// The drafted mapping text and the profile it was written from.
  public struct Result: Sendable {
    public var yaml: String
    public var profile: ExportProfile
    /// True when no element repeats, so the record is only a guess.
    public var recordGuessed: Bool
  }

  public static func draft(
    path: String, produces kind: MappingDefinition.RecordKind, progress: ((Int) -> Void)? = nil
  ) throws(XMLInputError) -> Result {
    let structure = try ExportProfiler.structure(path: path, progress: progress)
    let repeated = structure.likelyRecord()
    let record = repeated ?? fallbackRecord(structure)
    let group = kind == .jobEvents ? structure.likelyGroup(in: record) : nil
    let profile = try ExportProfiler.profile(
      path: path, structure: structure, record: record, group: group, progress: progress)
    let source = path.split(separator: "/").last.map(String.init) ?? path
    var yaml = MappingDraft(profile: profile, kind: kind, source: source).yaml()
    if repeated == nil {
      yaml =
        "# No element repeats in \(source): it holds at most one record, so the record below is a guess.\n" + yaml
    }
    return Result(yaml: yaml, profile: profile, recordGuessed: repeated == nil)
  }

  /// Without a repeated element: from the root down, while there is exactly one kind of child
  /// that holds elements of its own.
  static func fallbackRecord(_ structure: DocumentStructure) -> Int {
    var current = 0
    while true {
      let children = structure.nodes[current].children
      guard children.count == 1, structure.nodes[children[0]].withElements > 0 else { return current }
      current = children[0]
    }
  }
}
