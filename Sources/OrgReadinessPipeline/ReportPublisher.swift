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

  /// Creates the output folder if needed, and checks that this process may write in it, before
  /// any work is done (exit 2: the folder is part of the configuration).
  public func prepare() throws(RunFailure) {
    let advice =
      "give the user running OrgReadiness write access to it, or choose another folder with 'output' in the pipeline definition or --output"
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw .configuration(
        "\(directory): error: cannot create the output folder (\(error.localizedDescription)); \(advice)")
    }
    guard access(directory, W_OK | X_OK) == 0 else {
      throw .configuration(
        "\(directory): error: the output folder is not writable (\(String(cString: strerror(errno)))); \(advice)")
    }
  }

  /// Removes what a killed run left: staging folders (`.incoming-*`, also under `failed/`) and
  /// half-made `latest` links. Only called while holding the lock, when no other run can be
  /// writing them. Returns what was removed.
  public func removeLeftovers() -> [String] {
    let fm = FileManager.default
    var removed: [String] = []
    for folder in [directory, path("failed")] {
      for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? []
      where name.hasPrefix(".incoming-") || name.hasPrefix(".latest-") {
        let item = (folder as NSString).appendingPathComponent(name)
        if (try? fm.removeItem(atPath: item)) != nil || unlink(item) == 0 { removed.append(item) }
      }
    }
    return removed
  }

  /// The run `latest` points at, if any.
  public func latestTarget() -> String? {
    try? FileManager.default.destinationOfSymbolicLink(atPath: path("latest"))
  }

  /// True for a run folder's name: a run id (`20261125T144538Z`, or with `-N`).
  static func isRunID(_ name: String) -> Bool {
    let parts = name.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
    let base = Array(parts[0].utf8)
    guard base.count == 16, base[8] == UInt8(ascii: "T"), base[15] == UInt8(ascii: "Z"),
      base.enumerated().allSatisfy({ $0.offset == 8 || $0.offset == 15 || (48...57).contains($0.element) })
    else { return false }
    return parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy(\.isNumber))
  }

  /// Run ids newest first (by start time, then by the `-N` a second run in one second gets).
  static func newestFirst(_ ids: [String]) -> [String] {
    func key(_ id: String) -> (String, Int) {
      let parts = id.split(separator: "-", maxSplits: 1)
      return (String(parts[0]), parts.count > 1 ? Int(parts[1]) ?? 0 : 1)
    }
    return ids.sorted { key($0) > key($1) }
  }

  /// The retention policy: removes run folders beyond the newest `keepRuns` (never the one
  /// `latest` points at) and failed runs' folders beyond the newest `keepFailed`. Only folders
  /// named like a run id are touched; the ledger keeps every run. Called while holding the lock.
  /// Returns the removed folders.
  public func prune(keepRuns: Int?, keepFailed: Int?) -> [String] {
    let fm = FileManager.default
    var removed: [String] = []
    func prune(_ folder: String, keep: Int, except: String?) {
      let runs = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter { name in
        var isDirectory: ObjCBool = false
        let item = (folder as NSString).appendingPathComponent(name)
        return Self.isRunID(name) && fm.fileExists(atPath: item, isDirectory: &isDirectory) && isDirectory.boolValue
      }
      for name in Self.newestFirst(runs).dropFirst(keep) where name != except {
        let item = (folder as NSString).appendingPathComponent(name)
        if (try? fm.removeItem(atPath: item)) != nil { removed.append(item) }
      }
    }
    if let keepRuns { prune(directory, keep: keepRuns, except: latestTarget()) }
    if let keepFailed { prune(path("failed"), keep: keepFailed, except: nil) }
    return removed
  }

  /// A run id from the start time (`20261125T144538Z`), made unique within the folder and among
  /// the ids `isTaken` knows (the ledger keeps the ids of runs whose folders retention removed, so
  /// a folder check alone would reuse one when two runs start in the same second).
  public func newRunID(startedAt: Date, isTaken: (String) -> Bool = { _ in false }) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    let base = formatter.string(from: startedAt)
    var candidate = base
    var n = 2
    let fm = FileManager.default
    while fm.fileExists(atPath: path(candidate)) || fm.fileExists(atPath: path("failed/" + candidate))
      || isTaken(candidate)
    {
      candidate = "\(base)-\(n)"
      n += 1
    }
    return candidate
  }

  func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

  /// Publishes a good run: writes the files, moves the folder into place, points `latest` at it.
  /// Returns the run folder.
  /// `beforeMovingIntoPlace` is the last safe point: when it throws, the staging folder is removed.
  public func publish(
    runID: String, files: [(name: String, contents: String)], pointLatest: Bool = true,
    beforeMovingIntoPlace: () throws(RunFailure) -> Void = {}
  ) throws(RunFailure) -> String {
    let final = try write(runID: runID, files: files, into: path(runID), beforeMovingIntoPlace: beforeMovingIntoPlace)
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

  private func write(
    runID: String, files: [(name: String, contents: String)], into final: String,
    beforeMovingIntoPlace: () throws(RunFailure) -> Void = {}
  ) throws(RunFailure) -> String {
    let staging = ((final as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
      ".incoming-" + runID)
    let fm = FileManager.default
    do {
      try? fm.removeItem(atPath: staging)
      try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
      func failed(_ what: String, _ code: Int32) -> RunFailure {
        let full = [ENOSPC, EDQUOT, EFBIG].contains(code)
        return .unexpected(
          "\(final): error: cannot write \(what): \(String(cString: strerror(code)))\(full ? "; free space on the output folder's file system (or raise the limit) and run again" : ""); nothing was published and the last good report is unchanged"
        )
      }
      // Opened before any file is written, so that `syncfs` on it reports every write-back error
      // of the files below (docs/decisions/0082-one-sync-per-run-folder.md).
      let stagingFD = open(staging, O_RDONLY | O_DIRECTORY)
      guard stagingFD >= 0 else { throw failed("the run folder", errno) }
      defer { close(stagingFD) }
      var folders = [staging]
      for file in files {
        let target = (staging as NSString).appendingPathComponent(file.name)
        // Files in a folder of the run (orgs/<key>.html): the folder first.
        let folder = (target as NSString).deletingLastPathComponent
        if folder != staging, !folders.contains(folder) {
          if !fm.fileExists(atPath: folder) {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
          }
          folders.append(folder)
        }
        do { try writeFile(file.contents, to: target) } catch {
          throw failed(file.name, error.code)
        }
      }
      // Every file on disk before the folder is moved into place: one sync of the file system
      // instead of an fsync per file, then the run's folders themselves.
      if let syncfs = Self.syncfs {
        guard syncfs(stagingFD) == 0 else { throw failed("the run's files to disk", errno) }
      } else {
        for file in files {
          let target = (staging as NSString).appendingPathComponent(file.name)
          do { try syncFile(target) } catch { throw failed(file.name, error.code) }
        }
      }
      for folder in folders {
        do { try syncFolder(folder) } catch { throw failed("the run's files to disk", error.code) }
      }
      try beforeMovingIntoPlace()
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

  /// The `errno` of a failed open, write, fsync or close (a full disk can show at any of them).
  struct WriteError: Error {
    var code: Int32
  }

  /// Writes a file of the staging folder (made durable afterwards, with the whole folder, before
  /// the folder is moved into place).
  private func writeFile(_ contents: String, to target: String) throws(WriteError) {
    func failure() -> WriteError { WriteError(code: errno) }
    let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw failure() }
    var contents = contents
    let written = contents.withUTF8 { raw -> Bool in
      var offset = 0
      while offset < raw.count, let base = raw.baseAddress {
        let n = Glibc.write(fd, base + offset, raw.count - offset)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        offset += n
      }
      return true
    }
    guard written else {
      let code = failure()
      close(fd)
      throw code
    }
    guard close(fd) == 0 else { throw failure() }
  }

  /// Fsyncs a folder, so the names of the files in it are on disk too.
  private func syncFolder(_ folder: String) throws(WriteError) {
    let fd = open(folder, O_RDONLY | O_DIRECTORY)
    guard fd >= 0 else { throw WriteError(code: errno) }
    defer { close(fd) }
    guard fsync(fd) == 0 else { throw WriteError(code: errno) }
  }

  /// Fsyncs a written file (only where `syncfs` is missing).
  private func syncFile(_ path: String) throws(WriteError) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw WriteError(code: errno) }
    defer { close(fd) }
    guard fsync(fd) == 0 else { throw WriteError(code: errno) }
  }

  /// Linux's `syncfs(2)`: writes every dirty page and inode of the file system holding `fd` and
  /// returns the write-back errors met since `fd` was opened (Linux 5.8 and later). Glibc
  /// declares it only for `_GNU_SOURCE`, which Swift's Glibc module does not see, so it is
  /// looked up by name; nil where the C library has none (each file is then fsynced).
  private static let syncfs: (@convention(c) (Int32) -> Int32)? = {
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "syncfs") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
  }()

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
