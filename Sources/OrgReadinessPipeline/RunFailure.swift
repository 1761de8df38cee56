/// Why a run stopped, with the exit code automation relies on (docs/definitions.md).
public enum RunFailure: Error, Sendable, CustomStringConvertible {
  /// Unusable input or configuration: exit 2.
  case configuration(String)
  case input(String)
  /// Too many rejected records: exit 3.
  case errorBudgetExceeded(String)
  /// Another run holds the lock: exit 4.
  case locked(String)
  /// Anything else (could not write the report, …): exit 1.
  case unexpected(String)

  public var exitCode: Int32 {
    switch self {
    case .configuration, .input: return 2
    case .errorBudgetExceeded: return 3
    case .locked: return 4
    case .unexpected: return 1
    }
  }

  public var description: String {
    switch self {
    case .configuration(let m), .input(let m), .errorBudgetExceeded(let m), .locked(let m), .unexpected(let m):
      return m
    }
  }
}
