/// Shares the storage of repeated long strings (an org unit's name on every team-month) so that
/// millions of records hold references to a few copies. Strings of up to 15 UTF-8 bytes are
/// stored inline by Swift and pass through. One interner belongs to one ingest thread.
final class StringInterner: @unchecked Sendable {
  private var seen: [String: String] = [:]

  func callAsFunction(_ string: String?) -> String? {
    guard let string, string.utf8.count > 15 else { return string }
    if let shared = seen[string] { return shared }
    seen[string] = string
    return string
  }
}
