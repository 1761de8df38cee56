/// The raw text a compiled mapping captured for one record element, by slot.
public struct CapturedRecord: Sendable {
  /// Line of the record's start tag.
  public var line: Int
  /// Record-level slot values (nil: absent).
  public var values: [String?]
  /// One entry per repeated `each` element: its line and its slot values.
  public var groups: [(line: Int, values: [String?])]

  /// The canonical records this element yields: one per group (group values over record values),
  /// or the record itself when the mapping has no `each`.
  func expanded(hasGroups: Bool) -> [(line: Int, values: [String?])] {
    guard hasGroups else { return [(line, values)] }
    return groups.map { group in
      var merged = values
      for (slot, value) in group.values.enumerated() where value != nil { merged[slot] = value }
      return (group.line, merged)
    }
  }
}
