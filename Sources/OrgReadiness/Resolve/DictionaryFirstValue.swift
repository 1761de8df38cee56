extension Dictionary {
  /// The value stored for `key`, storing `value` first when there is none: one hash and one probe
  /// where a lookup followed by an insertion takes two (what the resolve stage's tables of
  /// millions of ids are filled with).
  @inline(__always)
  mutating func firstValue(for key: Key, storing value: Value) -> Value {
    { (stored: inout Value) in stored }(&self[key, default: value])
  }
}
