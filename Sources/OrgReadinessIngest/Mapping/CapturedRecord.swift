/// The raw text a compiled mapping captured for one record element, by slot.
public struct CapturedRecord: Sendable {
  /// Line of the record's start tag.
  public var line: Int
  /// Record-level slot values (nil: absent).
  public var values: [String?]
  /// One entry per repeated `each` element: its group, its line and its slot values.
  public var groups: [(group: Int, line: Int, values: [String?])]

  /// The candidate canonical records this element yields for `template`: one per repetition of
  /// its group (group values over record values), or the record itself when it has no group.
  func candidates(for template: CompiledTemplate) -> [(line: Int, values: [String?])] {
    guard let group = template.group else { return [(line, values)] }
    return groups.filter { $0.group == group }.map { entry in
      var merged = values
      for (slot, value) in entry.values.enumerated() where value != nil { merged[slot] = value }
      return (entry.line, merged)
    }
  }
}
