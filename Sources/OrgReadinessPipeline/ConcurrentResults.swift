import Foundation

/// Results of independent parallel tasks, one slot per task. Each task writes only its own slot,
/// and the lock makes the writes visible to the reader after the parallel loop.
final class ConcurrentResults<Value>: @unchecked Sendable {
  private var slots: [Value?]
  private let lock = NSLock()

  init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  func set(_ index: Int, _ value: Value) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  var values: [Value?] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}
