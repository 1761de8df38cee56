/// Receives progress of a long run (the command line shows it on a terminal). Called from the
/// ingest threads, so implementations must be thread-safe.
public protocol RunProgress: Sendable {
  /// A stage started.
  func stage(_ name: String)
  /// `read` of `total` bytes of an input have been parsed.
  func bytes(input: String, read: Int, total: Int)
}
