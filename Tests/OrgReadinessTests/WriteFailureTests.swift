import Foundation
import Testing

@testable import OrgReadinessPipeline

#if canImport(Glibc)
  import Glibc
#endif

/// What a nightly run meets on a bad night: an output folder it may not write, a disk that fills
/// while it publishes, an input that is missing or empty. Each must end with one line saying what
/// and where, its documented exit code, and nothing half-written: no staging folder, no new run
/// folder, `latest` and the previous run untouched.
@Suite(.serialized) struct WriteFailureTests {
  static let asOf = "2026-11-20"

  /// The lines that are not log lines (`time=…`): the messages for people.
  func errorLines(_ stderr: String) -> [String] {
    stderr.split(separator: "\n").map(String.init).filter {
      !$0.hasPrefix("time=") && ($0.contains(": error: ") || $0.hasPrefix("error:"))
    }
  }

  /// Runs the child as an unprivileged user when the tests run as root (root may write anywhere).
  func unprivileged(_ arguments: [String]) throws -> CommandResult {
    guard geteuid() == 0 else { return try CommandRunner.orgready(arguments) }
    let setpriv = try #require(
      ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) },
      "running as root, the test needs setpriv (util-linux) to run the child as nobody")
    return try CommandRunner.run(
      setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", TestPaths.binary] + arguments)
  }

  @Test func anOutputFolderThatIsNotWritableExitsTwoBeforeAnyWork() throws {
    let f = try OpsFixture()
    defer { f.remove() }
    try f.sample("small", leaders: 30, asOf: Self.asOf)
    // Readable by the unprivileged user the child may run as.
    chmod(f.root.path, 0o755)
    let locked = f.root.appendingPathComponent("locked")
    try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
    chmod(locked.path, 0o555)
    defer { chmod(locked.path, 0o755) }
    for output in [locked.path, locked.appendingPathComponent("Reports").path] {
      let pipeline = try f.pipeline("p.yml", samples: "small", output: output)
      let result = try unprivileged(["run", pipeline, "--as-of", Self.asOf])
      #expect(result.status == 2, "\(result.stderr)")
      let errors = errorLines(result.stderr)
      #expect(errors.count == 1, "\(result.stderr)")
      #expect(errors.first?.hasPrefix("\(output): error: ") == true, "\(errors)")
      #expect(errors.first?.contains("write access") == true || errors.first?.contains("cannot create") == true)
      #expect(!result.stderr.contains("stage=ingest"), "the run read its inputs before failing")
      #expect(f.entries(locked).isEmpty)
    }
  }

  @Test func aMissingOrEmptyInputExitsTwoAndWritesNothing() throws {
    let f = try OpsFixture()
    defer { f.remove() }
    try f.sample("small", leaders: 30, asOf: Self.asOf)
    let good = try f.run(try f.pipeline("good.yml", samples: "small"), asOf: Self.asOf)
    let before = try f.snapshot(good)
    let broken = f.root.appendingPathComponent("broken")
    try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: f.root.appendingPathComponent("small/job_history.xml"), to: broken.appendingPathComponent("job_history.xml"))
    let pipeline = try f.pipeline("broken.yml", samples: "broken")
    let metrics = broken.appendingPathComponent("team_metrics.xml").path
    for (case_, expected) in [("missing", "does not exist"), ("empty", "is empty (0 bytes)")] {
      if case_ == "empty" { _ = FileManager.default.createFile(atPath: metrics, contents: Data()) }
      let result = try CommandRunner.orgready(["run", pipeline, "--as-of", Self.asOf])
      #expect(result.status == 2, "\(case_): \(result.stderr)")
      let errors = errorLines(result.stderr)
      #expect(errors.count == 1, "\(case_): \(result.stderr)")
      #expect(errors.first?.hasPrefix("\(metrics): error: input 'team_metrics' \(expected)") == true, "\(errors)")
      #expect(result.stdout.isEmpty)
      #expect(f.latest == good && f.runFolders() == [good] && f.leftovers().isEmpty)
      #expect(try f.snapshot(good) == before)
    }
  }

  /// A disk that fills while the report is written: a small tmpfs when this process may mount one
  /// (root), and a file-size limit (`prlimit --fsize`, which fails writes with EFBIG the same way)
  /// in any case.
  @Test func aFullDiskWhilePublishingExitsOneAndKeepsTheLastGoodReport() throws {
    let f = try OpsFixture()
    defer { f.remove() }
    try f.sample("small", leaders: 40, asOf: Self.asOf)
    var exercised: [String] = []

    // 1. A 2 MiB tmpfs, filled up to a few KiB after a first good run.
    let mount = f.root.appendingPathComponent("tmpfs")
    try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
    if geteuid() == 0, try shell("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.path) == 0 {
      defer { _ = try? shell("umount", mount.path) }
      let output = mount.appendingPathComponent("Reports")
      let pipeline = try f.pipeline("tmpfs.yml", samples: "small", output: output.path)
      let good = try f.run(pipeline, asOf: Self.asOf)
      var stats = statvfs()
      statvfs(mount.path, &stats)
      let free = Int(stats.f_bavail) * Int(stats.f_frsize)
      let filler = mount.appendingPathComponent("filler")
      _ = FileManager.default.createFile(atPath: filler.path, contents: Data(count: max(0, free - 24 * 1024)))
      try expectWriteFailure(
        f, pipeline: pipeline, output: output, good: good, reason: "No space left on device", prefix: [])
      try FileManager.default.removeItem(at: filler)
      #expect(try f.run(pipeline, asOf: Self.asOf).isEmpty == false)
      exercised.append("tmpfs")
    }

    // 2. A file-size limit half the size of the largest report file (writes past it fail with
    // EFBIG; the ledger may then be unable to record the failure, which the log says).
    let prlimit = ["/usr/bin/prlimit", "/bin/prlimit"].first { FileManager.default.isExecutableFile(atPath: $0) }
    if let prlimit {
      let output = f.root.appendingPathComponent("Limited")
      let pipeline = try f.pipeline("limited.yml", samples: "small", output: output.path)
      let good = try f.run(pipeline, asOf: Self.asOf)
      let limit = (try f.snapshot(good, in: output).values.map(\.count).max() ?? 0) / 2
      #expect(limit > 4096)
      try expectWriteFailure(
        f, pipeline: pipeline, output: output, good: good, reason: "File too large",
        prefix: [prlimit, "--fsize=\(limit)"])
      exercised.append("file-size limit")
    }
    #expect(!exercised.isEmpty, "neither a tmpfs nor prlimit is available: the write failure was not tested")
  }

  func expectWriteFailure(
    _ f: OpsFixture, pipeline: String, output: URL, good: String, reason: String, prefix: [String]
  ) throws {
    let before = try f.snapshot(good, in: output)
    let arguments = ["run", pipeline, "--as-of", Self.asOf]
    let result: CommandResult
    if prefix.isEmpty {
      result = try CommandRunner.orgready(arguments)
    } else {
      result = try CommandRunner.run(prefix[0], Array(prefix.dropFirst()) + [TestPaths.binary] + arguments)
    }
    #expect(result.status == 1, "\(result.stderr)")
    let errors = errorLines(result.stderr)
    #expect(errors.count == 1, "\(result.stderr)")
    let message = errors.first ?? ""
    #expect(message.contains(reason) && message.contains("nothing was published"), "\(message)")
    let entries = ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? [])
    #expect(!entries.contains { $0.hasPrefix(".incoming-") || $0.hasPrefix(".latest-") }, "\(entries)")
    #expect(entries.filter(ReportPublisher.isRunID) == [good], "\(entries)")
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: output.appendingPathComponent("latest").path) == good)
    #expect(try f.snapshot(good, in: output) == before)
  }

  @discardableResult
  func shell(_ command: String, _ arguments: String...) throws -> Int32 {
    try CommandRunner.run("/usr/bin/env", [command] + arguments).status
  }
}
