import Foundation
import Logging
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

  /// The format of log lines (`--log-format`); in `json` every diagnostic is a JSON line too.
  nonisolated(unsafe) static var format = LogFormat.text

  static func error(_ message: String) {
    emit(.error, "error", prefixed("error", message))
  }

  static func warning(_ warning: OrgReadiness.Warning) {
    emit(.warning, "warning", warning.description)
  }

  static func note(_ message: String) {
    emit(.info, "note", message)
  }

  /// A diagnostic as it is (text) or as a JSON line with its level.
  private static func emit(_ level: Logger.Level, _ event: String, _ message: String) {
    guard format == .json else { return write(message + "\n") }
    write(
      SchedulerLogHandler.line(
        time: Date(), level: level, event: event, fields: ["message": "\(message)"], format: .json))
  }

  /// Messages that already start with `path: error:` are printed as they are.
  private static func prefixed(_ kind: String, _ message: String) -> String {
    message.contains(": \(kind):") || message.hasPrefix("\(kind):") ? message : "\(kind): \(message)"
  }
}
