import Foundation
import OrgReadiness

/// Paths the tests need: the repository, its fixtures and mappings, and the built binary.
enum TestPaths {
  /// The package root (two levels above this file's folder).
  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func fixture(_ relative: String) -> String {
    root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative).path
  }

  static func mapping(_ name: String) -> String {
    root.appendingPathComponent("Pipelines/mappings/\(name).yml").path
  }

  static var templates: String { root.appendingPathComponent("Reports/templates").path }

  /// The `orgready` binary next to the test runner (built by `swift build` before `swift test`),
  /// or `ORGREADY_BIN`.
  static var binary: String {
    if let path = ProcessInfo.processInfo.environment["ORGREADY_BIN"] { return path }
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = runner.deletingLastPathComponent()
    // The runner may sit inside an .xctest bundle folder.
    while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("orgready").path) && dir.path != "/" {
      dir = dir.deletingLastPathComponent()
    }
    return dir.appendingPathComponent("orgready").path
  }

  /// A fresh temporary folder, removed by the caller.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("orgready-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

extension CalendarDate {
  /// A date written in a test as `YYYY-MM-DD`; an impossible one stops the run.
  static func literal(_ text: String) -> CalendarDate {
    guard let date = CalendarDate(iso: text) else { preconditionFailure("not a date: \(text)") }
    return date
  }
}
