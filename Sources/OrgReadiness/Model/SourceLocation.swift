/// Where a record came from: the input (by its index in the run's input list) and the line.
///
/// Kept as two integers so that millions of records do not each carry a path string.
public struct SourceLocation: Hashable, Sendable {
  public var input: Int32
  public var line: Int32

  public init(input: Int, line: Int) {
    self.input = Int32(truncatingIfNeeded: input)
    self.line = Int32(truncatingIfNeeded: line)
  }
}
