extension Dictionary {
  /// The value stored for `key`, storing `value` first when there is none: one hash and one probe
  /// where a lookup followed by an insertion takes two (how the tables that number millions of
  /// ids in first-seen order are filled).
  @inline(__always)
  mutating func firstValue(for key: Key, storing value: Value) -> Value {
    { (stored: inout Value) in stored }(&self[key, default: value])
  }
}
