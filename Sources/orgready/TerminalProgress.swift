import Foundation
import OrgReadinessPipeline

/// Shows stage and byte progress on standard error, only when it is a terminal.
final class TerminalProgress: RunProgress, @unchecked Sendable {
  private let lock = NSLock()
  private var lastPercent: [String: Int] = [:]
  private let enabled: Bool

  init(enabled: Bool) {
    self.enabled = enabled && Diagnostics.isTerminal
  }

  func stage(_ name: String) {
    guard enabled else { return }
    Diagnostics.write("\r\u{1B}[K· \(name)\n")
  }

  func bytes(input: String, read: Int, total: Int) {
    guard enabled, total > 0 else { return }
    let percent = min(100, read * 100 / total)
    lock.lock()
    let changed = lastPercent[input] != percent
    lastPercent[input] = percent
    lock.unlock()
    if changed && percent % 5 == 0 {
      Diagnostics.write("\r\u{1B}[K  reading \(input): \(percent)% of \(total / 1_048_576) MiB")
      if percent == 100 { Diagnostics.write("\n") }
    }
  }
}
