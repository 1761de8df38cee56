import Foundation
import OrgReadiness

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one serialised writer to standard error: diagnostics, warnings and progress. Standard
/// output carries only what a user would pipe.
enum Diagnostics {
  private static let lock = NSLock()
  static let isTerminal = isatty(STDERR_FILENO) == 1

  static func write(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    FileHandle.standardError.write(Data(text.utf8))
  }

  static func error(_ message: String) {
    write(prefixed("error", message) + "\n")
  }

  static func warning(_ warning: OrgReadiness.Warning) {
    write(warning.description + "\n")
  }

  static func note(_ message: String) {
    write(message + "\n")
  }

  /// Messages that already start with `path: error:` are printed as they are.
  private static func prefixed(_ kind: String, _ message: String) -> String {
    message.contains(": \(kind):") || message.hasPrefix("\(kind):") ? message : "\(kind): \(message)"
  }
}
