import Dispatch
import Foundation
import Logging

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Times the stages of a run for the manifest, announces each to the progress reporter, and logs
/// one line per stage as it ends (stage, seconds, records, peak memory) for schedulers
/// (docs/operations.md); its start is logged at debug level.
///
/// Stages may overlap (the analysis runs independent stages at the same time, decision 0083): each
/// stage's seconds are its own, from its start to its end; the manifest lists the stages in the
/// order they started, and a stage's line is logged once it and every stage started before it
/// have ended, so both keep that order.
final class StageClock: @unchecked Sendable {
  private enum State {
    case running
    /// Its manifest entry and its log line's metadata.
    case ended(Manifest.Stage, Logger.Metadata)
    /// It threw: not in the manifest, no line.
    case failed
  }

  private let lock = NSLock()
  /// Every stage started so far, in the order they started.
  private var started: [(stage: String, state: State)] = []
  /// How many of `started` have been logged (or passed over, having failed).
  private var logged = 0
  private var lastEnded: String?
  private let progress: (any RunProgress)?
  private let logger: Logger
  private let runID: String

  init(progress: (any RunProgress)?, logger: Logger, runID: String) {
    self.progress = progress
    self.logger = logger
    self.runID = runID
  }

  /// The stages that ended, in the order they started.
  var stages: [Manifest.Stage] {
    lock.withLock {
      started.compactMap {
        guard case .ended(let entry, _) = $0.state else { return nil }
        return entry
      }
    }
  }

  /// The stage that is running (of overlapping ones, the one started last), or else the last one
  /// that ended.
  var current: String? {
    lock.withLock {
      started.last {
        guard case .running = $0.state else { return false }
        return true
      }?.stage ?? lastEnded
    }
  }

  /// Runs and times `body` as `stage`; `records` counts what the stage produced, for the log.
  /// Safe to call from several threads at once.
  func time<T, E: Error>(_ stage: String, records: (T) -> Int? = { _ in nil }, _ body: () throws(E) -> T) throws(E)
    -> T
  {
    let slot = lock.withLock {
      started.append((stage, .running))
      return started.count - 1
    }
    progress?.stage(stage)
    logger.debug("stage_started", metadata: ["run": "\(runID)", "stage": "\(stage)"])
    let start = DispatchTime.now().uptimeNanoseconds
    let value: T
    do {
      value = try body()
    } catch {
      end(slot, .failed)
      throw error
    }
    let seconds = (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6).rounded() / 1000
    let entry = Manifest.Stage(
      stage: stage, seconds: seconds, peakMemoryMiB: Self.peakMemoryMiB(), records: records(value))
    var metadata: Logger.Metadata = [
      "run": "\(runID)", "stage": "\(stage)", "seconds": .stringConvertible(seconds),
      "peak_memory_mib": .stringConvertible(entry.peakMemoryMiB ?? 0),
    ]
    if let count = entry.records { metadata["records"] = .stringConvertible(count) }
    end(slot, .ended(entry, metadata))
    return value
  }

  /// Records how a stage ended, then logs the lines of every ended stage whose predecessors (in
  /// the order of starting) have all ended.
  private func end(_ slot: Int, _ state: State) {
    lock.withLock {
      started[slot].state = state
      lastEnded = started[slot].stage
      while logged < started.count {
        switch started[logged].state {
        case .running: return
        case .failed: break
        case .ended(_, let metadata): logger.info("stage", metadata: metadata)
        }
        logged += 1
      }
    }
  }

  /// The process's peak resident memory so far (MiB), so the manifest shows which stage grew it.
  static func peakMemoryMiB() -> Int {
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss) / 1024
  }
}
