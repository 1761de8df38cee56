#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a run stopped, with the exit code automation relies on (docs/definitions.md, README's exit codes).
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
  /// Stopped at a safe point after SIGTERM or SIGINT: exit 128 + the signal (143, 130).
  case stopped(signal: Int32, String)

  public var exitCode: Int32 {
    switch self {
    case .configuration, .input: return 2
    case .errorBudgetExceeded: return 3
    case .locked: return 4
    case .unexpected: return 1
    case .stopped(let signal, _): return 128 + signal
    }
  }

  public var description: String {
    switch self {
    case .configuration(let m), .input(let m), .errorBudgetExceeded(let m), .locked(let m), .unexpected(let m),
      .stopped(_, let m):
      return m
    }
  }

  /// "SIGTERM", "SIGINT", or "signal N".
  public static func signalName(_ signal: Int32) -> String {
    switch signal {
    case SIGTERM: return "SIGTERM"
    case SIGINT: return "SIGINT"
    default: return "signal \(signal)"
    }
  }
}
