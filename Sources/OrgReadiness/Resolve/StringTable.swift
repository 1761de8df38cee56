/// Interned strings: each distinct string is stored once and referred to by a 32-bit reference
/// (0 means "none"), so millions of records can point at a few hundred thousand ids and names.
public struct StringTable: Sendable {
  private var strings: [String] = [""]
  private var references: [String: UInt32] = [:]

  public init() {}

  /// The reference for `string` (0 for nil), adding it when new.
  public mutating func intern(_ string: String?) -> UInt32 {
    guard let string else { return 0 }
    let next = UInt32(strings.count)
    let reference = references.firstValue(for: string, storing: next)
    if reference == next { strings.append(string) }
    return reference
  }

  /// The string for a reference (nil for 0).
  @inline(__always)
  public subscript(_ reference: UInt32) -> String? {
    reference == 0 ? nil : strings[Int(reference)]
  }

  public var count: Int { strings.count - 1 }
}
