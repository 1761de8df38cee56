import Dispatch
import Foundation

/// A value handed to another thread, which takes it out so that it holds the only reference
/// (a large array then changes in place instead of being copied).
final class Handoff<Value: Sendable>: @unchecked Sendable {
  private var value: Value?

  init(_ value: consuming Value) {
    self.value = value
  }

  /// The value, once; the thread that takes it is the only one that touches the box.
  func take() -> Value {
    guard let taken = value.take() else { preconditionFailure("a handed-off value was taken twice") }
    return taken
  }
}

/// Work run on a dedicated thread (not a shared pool's, which the work on the calling thread may
/// be using), whose result the caller waits for.
final class OneThread<Result: Sendable>: @unchecked Sendable {
  private var value: Result?
  private let done = DispatchSemaphore(value: 0)

  init(_ work: @escaping @Sendable () -> Result) {
    let thread = Thread { [self] in
      value = work()
      done.signal()
    }
    thread.start()
  }

  /// Waits for the work and returns its result (once).
  func result() -> Result {
    done.wait()
    guard let result = value.take() else { preconditionFailure("a thread's result was taken twice") }
    return result
  }
}
