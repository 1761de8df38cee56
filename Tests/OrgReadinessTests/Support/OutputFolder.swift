import Foundation

@testable import OrgReadiness
@testable import OrgReadinessPipeline

/// Samples, pipelines and an output folder as the operations tests use them: several pipeline
/// files may share one name and one output folder (one run history), each over its own inputs.
struct OpsFixture {
  let root: URL

  init() throws { root = try TestPaths.temporaryDirectory() }

  /// A fixture in a folder of its own that outlives the test run for inspection and is emptied
  /// when the next run starts (for fixtures a whole suite shares, which no test can remove).
  init(keptAt root: URL) throws {
    try? FileManager.default.removeItem(at: root)
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    self.root = root
  }

  func remove() { try? FileManager.default.removeItem(at: root) }

  var output: URL { root.appendingPathComponent("Reports") }

  /// `orgready sample` into `root/<name>/`.
  func sample(_ name: String, leaders: Int, seed: Int = 7, asOf: String, leadersOnly: Bool = true) throws {
    var arguments = [
      "sample", "--output", root.appendingPathComponent(name).path, "--leaders", String(leaders), "--seed",
      String(seed), "--as-of", asOf, "--quiet",
    ]
    if leadersOnly { arguments.append("--leaders-only") }
    let result = try CommandRunner.orgready(arguments)
    guard result.status == 0 else { throw FixtureError(description: "sample failed: \(result.stderr)") }
  }

  /// A pipeline file over the sample `samples`, writing to `output` (or the fixture's), with any
  /// extra YAML lines.
  func pipeline(
    _ file: String, name: String = "ops", samples: String, output: String? = nil, extra: [String] = []
  ) throws -> String {
    let folder = root.appendingPathComponent(samples)
    let yaml =
      ([
        "version: 1",
        "name: \(name)",
        "inputs:",
        "  - name: job_history",
        "    path: \(folder.appendingPathComponent("job_history.xml").path)",
        "    mapping: \(TestPaths.mapping("workday-raas-job-history"))",
        "  - name: team_metrics",
        "    path: \(folder.appendingPathComponent("team_metrics.xml").path)",
        "    mapping: \(TestPaths.mapping("workday-raas-team-metrics"))",
        "bootstrap: { seed: 42, resamples: 100 }",
        "output: \(output ?? self.output.path)",
        "templates: \(TestPaths.templates)",
        "playbook: \(TestPaths.root.appendingPathComponent("Pipelines/playbook.yml").path)",
      ] + extra).joined(separator: "\n") + "\n"
    let path = root.appendingPathComponent(file).path
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// `orgready run` with `--quiet`, expecting success; returns the run id.
  @discardableResult
  func run(_ pipeline: String, asOf: String, output: String? = nil) throws -> String {
    var arguments = ["run", pipeline, "--as-of", asOf, "--quiet"]
    if let output { arguments += ["--output", output] }
    let result = try CommandRunner.orgready(arguments)
    guard result.status == 0 else { throw FixtureError(description: "run failed (\(result.status)): \(result.stderr)") }
    return URL(fileURLWithPath: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
      .deletingLastPathComponent().lastPathComponent
  }

  // MARK: What is in the output folder

  func entries(_ folder: URL? = nil) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: (folder ?? output).path)) ?? []).sorted()
  }

  /// Run folders (named like a run id) in the output folder.
  func runFolders(_ folder: URL? = nil) -> [String] { entries(folder).filter(ReportPublisher.isRunID) }

  /// Staging folders and half-made links a run leaves while it writes.
  func leftovers() -> [String] {
    (entries() + entries(output.appendingPathComponent("failed")).map { "failed/" + $0 }).filter {
      $0.contains(".incoming-") || $0.contains(".latest-")
    }
  }

  var latest: String? {
    try? FileManager.default.destinationOfSymbolicLink(atPath: output.appendingPathComponent("latest").path)
  }

  /// Every file of a run folder, by name.
  func snapshot(_ run: String, in output: URL? = nil) throws -> [String: Data] {
    let folder = (output ?? self.output).appendingPathComponent(run)
    var out: [String: Data] = [:]
    // Every file, those in the run's folders (orgs/) by their relative path.
    for name in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
      var isFolder: ObjCBool = false
      let url = folder.appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
        continue
      }
      out[name] = try Data(contentsOf: url)
    }
    return out
  }

  func ledger() throws -> RunLedger {
    try RunLedger(path: output.appendingPathComponent("ledger.sqlite").path)
  }

  func report(_ run: String) throws -> Report {
    try PublishedReport.read(output.appendingPathComponent(run))
  }
}

struct FixtureError: Error, CustomStringConvertible {
  var description: String
}
