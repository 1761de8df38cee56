import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a run's files so that readers never see a half-written report: everything goes into a
/// hidden staging folder, which is renamed into place, and only then is `latest` switched (an
/// atomic rename of a symbolic link). A failure at any point leaves the last good report as it was.
public struct ReportPublisher: Sendable {
  public let directory: String

  public init(directory: String) {
    self.directory = directory
  }

  /// Creates the output folder if needed.
  public func prepare() throws(RunFailure) {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw .unexpected("\(directory): cannot create the output folder: \(error.localizedDescription)")
    }
  }

  /// A run id from the start time (`20261125T144538Z`), made unique within the folder.
  public func newRunID(startedAt: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    let base = formatter.string(from: startedAt)
    var candidate = base
    var n = 2
    let fm = FileManager.default
    while fm.fileExists(atPath: path(candidate)) || fm.fileExists(atPath: path("failed/" + candidate)) {
      candidate = "\(base)-\(n)"
      n += 1
    }
    return candidate
  }

  func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

  /// Publishes a good run: writes the files, moves the folder into place, points `latest` at it.
  /// Returns the run folder.
  public func publish(runID: String, files: [(name: String, contents: String)], pointLatest: Bool = true)
    throws(RunFailure) -> String
  {
    let final = try write(runID: runID, files: files, into: path(runID))
    if pointLatest { try self.pointLatest(at: runID) }
    return final
  }

  /// Keeps a failed run's diagnostics (manifest, rejects) under `failed/` without touching
  /// `latest`.
  public func publishFailed(runID: String, files: [(name: String, contents: String)]) throws(RunFailure) -> String {
    do {
      try FileManager.default.createDirectory(atPath: path("failed"), withIntermediateDirectories: true)
    } catch {
      throw .unexpected("\(path("failed")): cannot create the folder: \(error.localizedDescription)")
    }
    return try write(runID: runID, files: files, into: path("failed/" + runID))
  }

  private func write(runID: String, files: [(name: String, contents: String)], into final: String) throws(RunFailure)
    -> String
  {
    let staging = path(".incoming-" + runID)
    let fm = FileManager.default
    do {
      try? fm.removeItem(atPath: staging)
      try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
      for file in files {
        let target = (staging as NSString).appendingPathComponent(file.name)
        try writeDurably(file.contents, to: target)
      }
      guard rename(staging, final) == 0 else {
        throw RunFailure.unexpected("\(final): cannot move the report into place: \(String(cString: strerror(errno)))")
      }
      return final
    } catch let failure as RunFailure {
      try? fm.removeItem(atPath: staging)
      throw failure
    } catch {
      try? fm.removeItem(atPath: staging)
      throw .unexpected("\(staging): cannot write the report: \(error.localizedDescription)")
    }
  }

  /// Writes and fsyncs a file so a crash cannot leave a truncated report behind a good name.
  private func writeDurably(_ contents: String, to target: String) throws {
    let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw RunFailure.unexpected("\(target): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    let bytes = Array(contents.utf8)
    let total = bytes.count
    try bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < total, let base = raw.baseAddress {
        let n = Glibc.write(fd, base + offset, total - offset)
        guard n > 0 else { throw RunFailure.unexpected("\(target): \(String(cString: strerror(errno)))") }
        offset += n
      }
    }
    _ = fsync(fd)
  }

  /// Points `latest` at `runID` by renaming a fresh symbolic link over it (atomic on POSIX).
  public func pointLatest(at runID: String) throws(RunFailure) {
    let link = path("latest")
    let temporary = path(".latest-" + runID)
    unlink(temporary)
    guard symlink(runID, temporary) == 0, rename(temporary, link) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw .unexpected("\(link): cannot point 'latest' at the new run: \(reason)")
    }
  }
}
