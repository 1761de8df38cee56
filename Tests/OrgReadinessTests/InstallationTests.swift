import Foundation
import Testing

@testable import OrgReadinessIngest

/// Trap: a pipeline outside the checkout used to fail unless it named `templates:` (the default
/// was `../Reports/templates` beside the pipeline). The built-in mappings and templates must be
/// found from wherever the pipeline lives: installed beside the binary (`make install`) or in the
/// checkout the binary was built in. Run with the release binary by `make install-check`
/// (`ORGREADY_BIN=.build/release/orgready`).
@Suite(.serialized) struct InstallationTests {
  /// An empty folder with a pipeline naming only built-in mappings and its inputs (generated);
  /// fewer bootstrap resamples than the default keep the debug build's run short.
  static func minimalPipeline(in dir: URL, extra: String = "") throws -> URL {
    let data = dir.appendingPathComponent("data")
    let sample = try CommandRunner.orgready([
      "sample", "--output", data.path, "--leaders", "60", "--seed", "3", "--as-of", "2026-11-25", "--quiet",
    ])
    #expect(sample.status == 0, "\(sample.stderr)")
    let work = dir.appendingPathComponent("work")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    let yaml = """
      version: 1
      inputs:
        - { name: job_history, path: ../data/job_history.xml, mapping: workday-raas-job-history }
        - { name: team_metrics, path: ../data/team_metrics.xml, mapping: workday-raas-team-metrics }
      as_of: 2026-11-25
      bootstrap: { resamples: 200 }
      \(extra)
      """
    try yaml.write(to: work.appendingPathComponent("pipeline.yml"), atomically: true, encoding: .utf8)
    return work
  }

  /// The environment of a user who set nothing up: no mapping folders configured.
  static var plainEnvironment: [String: String] {
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "ORGREADY_MAPPINGS")
    return env
  }

  func runs(_ executable: String, in work: URL) throws -> String {
    let result = try CommandRunner.run(
      executable, ["run", "pipeline.yml", "--quiet"], environment: Self.plainEnvironment, directory: work)
    #expect(result.status == 0, "\(executable): \(result.stderr)")
    let report = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(report.hasSuffix("executive.html"))
    #expect(FileManager.default.fileExists(atPath: report), "no report at \(report)")
    return report
  }

  @Test func anInstalledBinaryRunsAPipelineInAnEmptyFolder() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let prefix = dir.appendingPathComponent("prefix")
    let install = try CommandRunner.run(
      "/usr/bin/env", ["make", "-s", "install", "PREFIX=\(prefix.path)", "INSTALL_BIN=\(TestPaths.binary)"],
      directory: TestPaths.root)
    #expect(install.status == 0, "\(install.stderr)")
    let share = prefix.appendingPathComponent("share/orgready")
    for file in [
      "mappings/workday-raas-job-history.yml", "templates/executive.html.mustache", "templates/analyst.html.mustache",
      "playbook.yml",
    ] {
      #expect(FileManager.default.fileExists(atPath: share.appendingPathComponent(file).path), "\(file) not installed")
    }
    let installed = prefix.appendingPathComponent("bin/orgready").path
    let work = try Self.minimalPipeline(in: dir)
    let report = try runs(installed, in: work)
    #expect(report.hasPrefix(dir.appendingPathComponent("Reports").path))
    // The installed binary lists the installed mappings, from any folder.
    let list = try CommandRunner.run(
      installed, ["mappings", "list", "--paths"], environment: Self.plainEnvironment, directory: work)
    #expect(list.status == 0)
    #expect(list.stdout.contains(share.appendingPathComponent("mappings/workday-raas-job-history.yml").path))
  }

  @Test func theBuiltBinaryRunsAPipelineInAnEmptyFolder() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let work = try Self.minimalPipeline(in: dir)
    _ = try runs(TestPaths.binary, in: work)
  }

  /// A user's templates folder wins for the templates it has; the ones it lacks (here the
  /// organisation page and card, added after the folder was made) come from the built-in ones.
  @Test func aUsersOwnTemplatesStillWin() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let mine = dir.appendingPathComponent("my-templates")
    try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
    for name in ["executive.html", "priorityCard", "analyst.html"] {
      var text = try String(contentsOfFile: TestPaths.templates + "/\(name).mustache", encoding: .utf8)
      if name == "executive.html" { text = text.replacingOccurrences(of: "<body", with: "<!-- acme-branding --><body") }
      try text.write(to: mine.appendingPathComponent("\(name).mustache"), atomically: true, encoding: .utf8)
    }
    let work = try Self.minimalPipeline(in: dir, extra: "templates: ../my-templates")
    let report = try runs(TestPaths.binary, in: work)
    #expect(try String(contentsOfFile: report, encoding: .utf8).contains("acme-branding"))
    let pages = (report as NSString).deletingLastPathComponent + "/orgs"
    #expect(!((try? FileManager.default.contentsOfDirectory(atPath: pages)) ?? []).isEmpty, "no organisation pages")
  }

  @Test func withoutAnyTemplatesTheRunSaysWhereItLooked() throws {
    // An executable with no installed files and no checkout above it finds nothing.
    let candidates = BuiltinFiles.candidates(
      installed: "templates", checkout: "Reports/templates", executablePath: "/nonexistent/bin/orgready")
    #expect(candidates.first == "/nonexistent/share/orgready/templates")
    #expect(BuiltinFiles.templates(executablePath: "/nonexistent/bin/orgready") == nil)
    #expect(BuiltinFiles.templates(executablePath: TestPaths.binary) == TestPaths.templates)
  }
}
