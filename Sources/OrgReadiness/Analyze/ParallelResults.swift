import Dispatch
import Synchronization

/// Runs `body` for every index on all cores (Dispatch's `concurrentPerform`). Each iteration must
/// be independent of the others; results written to distinct slots of a `ParallelResults` are
/// then the same as a single-threaded loop's.
public func concurrentPerform(iterations: Int, _ body: @Sendable (Int) -> Void) {
  DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
}

/// One result slot per iteration of a parallel loop.
public final class ParallelResults<Value: Sendable>: Sendable {
  private let slots: Mutex<[Value?]>

  public init(count: Int) {
    slots = Mutex(Array(repeating: nil, count: count))
  }

  public func set(_ index: Int, _ value: Value) {
    slots.withLock { $0[index] = value }
  }

  /// The results in order; nil where an iteration set none.
  public var values: [Value?] {
    slots.withLock { $0 }
  }
}
