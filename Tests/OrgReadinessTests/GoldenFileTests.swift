import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessPipeline
@testable import OrgReadinessSample

/// The published words and numbers, byte for byte: `executive.md`, `units.csv` and `report.json`
/// of a fixed sample (seed 7, 200 leaders, as of 2026-11-25) with the clock and the tool version
/// fixed, against the files in `Tests/Golden/`. A change to the report shows up here as a diff to
/// review; when it is intended, re-record with `make golden` and commit the new files with it.
@Suite struct GoldenFileTests {
  static let files = ["executive.md", "units.csv", "report.json", "units.jsonl", "organisations.jsonl"]
  static var goldenFolder: URL { TestPaths.root.appendingPathComponent("Tests/Golden") }
  static var recording: Bool { ProcessInfo.processInfo.environment["ORGREADY_RECORD_GOLDEN"] == "1" }

  /// The run's files, with the temporary folder and the checkout's path replaced by placeholders.
  static func produce() throws -> [String: String] {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let samples = dir.appendingPathComponent("samples")
    try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: true)
    final class Buffer: @unchecked Sendable { var bytes: [UInt8] = [] }
    let jobs = Buffer()
    let teams = Buffer()
    let enrolments = Buffer()
    let asOf = CalendarDate.literal("2026-11-25")
    _ = SampleGenerator.generate(
      SampleConfiguration(seed: 7, leaders: 200, asOf: asOf, includeIndividualContributors: false),
      jobHistory: { jobs.bytes += $0 }, teamMetrics: { teams.bytes += $0 },
      supportEnrolments: { enrolments.bytes += $0 })
    try Data(jobs.bytes).write(to: samples.appendingPathComponent("job_history.xml"))
    try Data(teams.bytes).write(to: samples.appendingPathComponent("team_metrics.xml"))
    try Data(enrolments.bytes).write(to: samples.appendingPathComponent("support_enrolments.xml"))
    let definition = try PipelineDefinition.load(path: try CommandRunner.writePipeline(in: dir, resamples: 200))
    let now = Date(timeIntervalSince1970: 1_795_600_000)  // 2026-11-25T…Z, fixed
    let result = try PipelineRunner.run(
      definition, options: RunOptions(asOf: asOf, toolVersion: "golden", now: { now }))
    var out: [String: String] = [:]
    for name in files {
      let text = try String(
        contentsOf: URL(fileURLWithPath: result.directory).appendingPathComponent(name), encoding: .utf8)
      out[name] = text.replacingOccurrences(of: dir.path, with: "$RUN").replacingOccurrences(
        of: TestPaths.root.path, with: "$CHECKOUT")
    }
    return out
  }

  @Test func reportsMatchTheirGoldenFiles() throws {
    let produced = try Self.produce()
    if Self.recording {
      try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
      for (name, text) in produced {
        try text.write(to: Self.goldenFolder.appendingPathComponent(name), atomically: true, encoding: .utf8)
      }
      return
    }
    for name in Self.files {
      let golden = try String(contentsOf: Self.goldenFolder.appendingPathComponent(name), encoding: .utf8)
      let text = produced[name] ?? ""
      guard text != golden else { continue }
      let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
      let b = text.split(separator: "\n", omittingEmptySubsequences: false)
      let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
      Issue.record(
        """
        \(name) differs from Tests/Golden/\(name) at line \(line + 1):
          golden:   \(line < a.count ? String(a[line]) : "(end)")
          produced: \(line < b.count ? String(b[line]) : "(end)")
        Review the change; if it is intended, run `make golden` and commit Tests/Golden.
        """)
    }
  }
}
