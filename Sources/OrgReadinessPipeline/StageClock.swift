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
final class StageClock: @unchecked Sendable {
  private let lock = NSLock()
  private var finished: [Manifest.Stage] = []
  private var running: String?
  private let progress: (any RunProgress)?
  private let logger: Logger
  private let runID: String

  init(progress: (any RunProgress)?, logger: Logger, runID: String) {
    self.progress = progress
    self.logger = logger
    self.runID = runID
  }

  var stages: [Manifest.Stage] { lock.withLock { finished } }

  /// The stage that is running, or the last one that ran.
  var current: String? { lock.withLock { running } }

  /// Runs and times `body` as `stage`; `records` counts what the stage produced, for the log.
  func time<T, E: Error>(_ stage: String, records: (T) -> Int? = { _ in nil }, _ body: () throws(E) -> T) throws(E)
    -> T
  {
    lock.withLock { running = stage }
    progress?.stage(stage)
    logger.debug("stage_started", metadata: ["run": "\(runID)", "stage": "\(stage)"])
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    let seconds = (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6).rounded() / 1000
    let entry = Manifest.Stage(
      stage: stage, seconds: seconds, peakMemoryMiB: Self.peakMemoryMiB(), records: records(value))
    lock.withLock { finished.append(entry) }
    var metadata: Logger.Metadata = [
      "run": "\(runID)", "stage": "\(stage)", "seconds": .stringConvertible(seconds),
      "peak_memory_mib": .stringConvertible(entry.peakMemoryMiB ?? 0),
    ]
    if let count = entry.records { metadata["records"] = .stringConvertible(count) }
    logger.info("stage", metadata: metadata)
    return value
  }

  /// The process's peak resident memory so far (MiB), so the manifest shows which stage grew it.
  static func peakMemoryMiB() -> Int {
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss) / 1024
  }
}
