import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Times the stages of a run for the manifest and announces each to the progress reporter.
final class StageClock {
  private(set) var stages: [Manifest.Stage] = []
  private let progress: (any RunProgress)?

  init(progress: (any RunProgress)?) {
    self.progress = progress
  }

  func time<T, E: Error>(_ stage: String, _ body: () throws(E) -> T) throws(E) -> T {
    progress?.stage(stage)
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    stages.append(
      Manifest.Stage(stage: stage, seconds: (seconds * 1000).rounded() / 1000, peakMemoryMiB: Self.peakMemoryMiB()))
    return value
  }

  /// The process's peak resident memory so far (MiB), so the manifest shows which stage grew it.
  static func peakMemoryMiB() -> Int {
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss) / 1024
  }
}
