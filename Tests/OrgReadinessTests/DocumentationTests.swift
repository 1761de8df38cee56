import Foundation
import Testing

/// The repository documents itself: what a user reads is in it, and nothing points outside it.
@Suite struct DocumentationTests {
  /// Text files a user of the repository reads or builds from.
  static func repositoryFiles() -> [URL] {
    let skipped: Set<String> = [".build", ".git", "samples", "Reports"]
    let extensions: Set<String> = ["md", "swift", "yml", "yaml", "mustache", "py", "c", "h", "xml", ""]
    var files: [URL] = []
    guard
      let walker = FileManager.default.enumerator(
        at: TestPaths.root, includingPropertiesForKeys: [.isDirectoryKey], options: [])
    else { return [] }
    for case let url as URL in walker {
      if skipped.contains(url.lastPathComponent) && url.deletingLastPathComponent().path == TestPaths.root.path {
        walker.skipDescendants()
        continue
      }
      let isDirectory = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
      if !isDirectory && extensions.contains(url.pathExtension) { files.append(url) }
    }
    return files
  }

  @Test func noFileSendsReadersOutsideTheRepository() throws {
    // Built in two pieces so that this file does not match itself.
    let outside = ".." + "/shared"
    let files = Self.repositoryFiles()
    #expect(files.count > 50)
    var offenders: [String] = []
    for file in files {
      guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
      if text.contains(outside) { offenders.append(file.path) }
    }
    #expect(offenders.isEmpty, "files referring to \(outside): \(offenders)")
  }

  @Test func theDefinitionsAreInTheRepositoryAndTheReadmePointsThere() throws {
    let definitions = try String(
      contentsOf: TestPaths.root.appendingPathComponent("docs/definitions.md"), encoding: .utf8)
    for term in [
      "As-of date", "Role-changing events", "Time in role", "People leader", "Window", "Cohorts", "Accounting",
    ] {
      #expect(definitions.contains(term), "docs/definitions.md lacks \(term)")
    }
    let readme = try String(contentsOf: TestPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("docs/definitions.md"))
  }
}
