import Dispatch
import Foundation
import Synchronization

/// How the analysis runs a stage: `stage(name, body)` runs `body` as the stage `name` (the runner
/// times it and may skip it when a stop was asked for). Called from several threads at once when
/// stages overlap (docs/decisions/0083-overlapping-stages.md).
public typealias StageRunner = @Sendable (_ name: String, _ body: () -> Void) -> Void

/// One stage of an overlapping group: its name and its work (which keeps its result itself).
struct OverlappingStage: Sendable {
  var name: String
  var body: @Sendable () -> Void
}

/// Runs independent chains of stages at the same time, each chain on a thread of its own (the
/// stages' own per-indicator loops still use every core), one stage after another within a chain,
/// and returns when all have ended.
///
/// The stages start in a fixed order, whatever the threads do: the first stage of every chain in
/// the order given, then the later ones chain by chain. A stage waits until the one before it in
/// that order has started (its body is running, or the runner skipped it), so a clock that lists
/// stages as they start lists them in this order every run.
func runOverlapping(_ chains: [[OverlappingStage]], stage: @escaping StageRunner) {
  // Start ranks: chain heads first, then the rest in chain order.
  var ranks: [[Int]] = chains.map { _ in [] }
  var next = 0
  for c in chains.indices where !chains[c].isEmpty {
    ranks[c].append(next)
    next += 1
  }
  for c in chains.indices {
    for _ in chains[c].dropFirst() {
      ranks[c].append(next)
      next += 1
    }
  }
  let started = (0..<next).map { _ in DispatchSemaphore(value: 0) }
  let ranksOfChains = ranks
  let run: @Sendable (Int) -> Void = { c in
    for (k, step) in chains[c].enumerated() {
      let rank = ranksOfChains[c][k]
      // Wait for the stage before this one to start.
      if rank > 0 { started[rank - 1].wait() }
      // The stage runs on this thread: it has started once its body runs, or once the runner
      // returns without running it.
      var announced = false
      stage(step.name) {
        announced = true
        started[rank].signal()
        step.body()
      }
      if !announced { started[rank].signal() }
    }
  }
  let done = DispatchSemaphore(value: 0)
  for c in chains.indices.dropFirst() {
    Thread {
      run(c)
      done.signal()
    }.start()
  }
  if !chains.isEmpty { run(0) }
  for _ in chains.indices.dropFirst() { done.wait() }
}

/// A stage's result, set by the stage (on whichever thread ran it) and read once the stages
/// have ended; nil when the stage did not run.
final class StageResult<Value: Sendable>: Sendable {
  private let slot = Mutex<Value?>(nil)

  func set(_ value: Value) { slot.withLock { $0 = value } }

  var value: Value? { slot.withLock { $0 } }
}
