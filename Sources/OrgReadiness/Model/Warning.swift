/// Something a user should know that does not stop the run: the file it is about, the key in
/// that file, and what happened or what to do. Rendered once, by `description`.
public struct Warning: Hashable, Sendable, CustomStringConvertible {
  /// The file (pipeline, mapping or input) the warning is about; nil for the run as a whole.
  public var source: String?
  /// The key path inside `source` ("indicators.attrition_pct.scale"), when there is one.
  public var key: String?
  public var message: String

  public init(source: String? = nil, key: String? = nil, _ message: String) {
    self.source = source
    self.key = key
    self.message = message
  }

  /// "file: warning: key: message", leaving out the parts that are not there.
  public var description: String {
    (source.map { "\($0): " } ?? "") + "warning: " + (key.map { "\($0): " } ?? "") + message
  }
}
