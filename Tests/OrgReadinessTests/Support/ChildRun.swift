import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A real `orgready` child process whose standard error is read line by line while it runs, so a
/// test can wait for the moment it wants (a stage starting) and then signal or kill it.
final class ChildRun: @unchecked Sendable {
  let process = Process()
  private let lock = NSLock()
  private var lines: [String] = []
  private var partial = Data()
  private var output = Data()
  private let readers = DispatchGroup()

  init(_ arguments: [String], environment: [String: String] = [:]) throws {
    process.executableURL = URL(fileURLWithPath: TestPaths.binary)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    read(err.fileHandleForReading) { [self] data in
      lock.withLock {
        partial.append(data)
        while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
          lines.append(String(decoding: partial[partial.startIndex..<newline], as: UTF8.self))
          partial = Data(partial[(newline + 1)...])
        }
      }
    }
    read(out.fileHandleForReading) { [self] data in lock.withLock { output.append(data) } }
  }

  private func read(_ handle: FileHandle, _ append: @escaping @Sendable (Data) -> Void) {
    readers.enter()
    Thread { [readers] in
      while true {
        let data = handle.availableData
        if data.isEmpty { break }
        append(data)
      }
      readers.leave()
    }.start()
  }

  /// The standard error lines so far.
  var stderrLines: [String] { lock.withLock { lines } }

  /// Waits (up to `timeout` seconds) for a standard error line that `matches`; nil if the process
  /// ended or the time ran out first.
  func waitForLine(timeout: TimeInterval = 120, _ matches: (String) -> Bool) -> String? {
    let deadline = Date().addingTimeInterval(timeout)
    var seen = 0
    while Date() < deadline {
      let current = stderrLines
      if let line = current[seen...].first(where: matches) { return line }
      seen = current.count
      if !process.isRunning {
        readers.wait()
        return stderrLines[seen...].first(where: matches)
      }
      usleep(5_000)
    }
    return nil
  }

  func send(_ signal: Int32) {
    kill(process.processIdentifier, signal)
  }

  /// Waits for the process to end and for its output to be read.
  func finish() -> (status: Int32, killedBy: Int32?, stdout: String, stderr: [String]) {
    process.waitUntilExit()
    readers.wait()
    let signal = process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil
    return (
      process.terminationStatus, signal, lock.withLock { String(decoding: output, as: UTF8.self) }, stderrLines
    )
  }
}

/// A JSON log line (`--log-format json`) as a dictionary; nil for any other line.
func logEvent(_ line: String) -> [String: Any]? {
  guard line.hasPrefix("{") else { return nil }
  return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
}

/// True for the JSON log line of `event` (with `stage` when given).
func isEvent(_ line: String, _ event: String, stage: String? = nil) -> Bool {
  guard let e = logEvent(line), e["event"] as? String == event else { return false }
  return stage == nil || e["stage"] as? String == stage
}
