import Foundation
import Testing

/// The walkthrough in docs/mappings.md, "Drafting a mapping", run as written: the commands shown
/// are run, the excerpts shown must be in what they print, and the edit shown is the one applied.
@Suite(.serialized) struct DraftWalkthroughTests {
  /// The fenced blocks of the section, without the list indentation.
  static func blocks() throws -> [[String]] {
    let doc = try String(contentsOf: TestPaths.root.appendingPathComponent("docs/mappings.md"), encoding: .utf8)
    guard let start = doc.range(of: "## Drafting a mapping\n") else { return [] }
    let rest = doc[start.upperBound...]
    let section = rest.range(of: "\n## ").map { rest[..<$0.lowerBound] } ?? rest
    var blocks: [[String]] = []
    var current: [String]?
    var indent = 0
    for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.drop { $0 == " " }
      if trimmed.hasPrefix("```") {
        if let block = current {
          blocks.append(block)
          current = nil
        } else {
          current = []
          indent = line.count - trimmed.count
        }
      } else if current != nil {
        current?.append(String(line.dropFirst(min(indent, line.prefix { $0 == " " }.count))))
      }
    }
    return blocks
  }

  /// Runs a `$ orgready …` line of the doc in `dir`.
  static func run(_ commandLine: String, in dir: URL) throws -> CommandResult {
    let words = commandLine.split(separator: " ").map(String.init)
    #expect(words.first == "$" && words.dropFirst().first == "orgready", "not a command: \(commandLine)")
    return try CommandRunner.orgready(Array(words.dropFirst(2)), directory: dir)
  }

  @Test func draftEditCheckPreviewValidateAsTheDocsSay() throws {
    let blocks = try Self.blocks()
    try #require(blocks.count == 7, "the walkthrough has 7 code blocks, found \(blocks.count)")
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for name in ["peoplehub_job_history.xml", "peoplehub_team_metrics.xml"] {
      try FileManager.default.copyItem(
        atPath: TestPaths.fixture("walkthrough/\(name)"), toPath: dir.appendingPathComponent(name).path)
    }

    // 1. Draft: every line of the excerpt is in the drafted file.
    let draft = try CommandRunner.orgready(
      ["mappings", "draft", "peoplehub_job_history.xml", "-o", "peoplehub.yml"], directory: dir)
    #expect(draft.status == 0, "\(draft.stderr)")
    let mappingFile = dir.appendingPathComponent("peoplehub.yml")
    var drafted = try String(contentsOf: mappingFile, encoding: .utf8)
    let draftedLines = Set(drafted.split(separator: "\n").map(String.init))
    for line in blocks[1] where !line.isEmpty {
      let found = draftedLines.contains(line)
      #expect(found, "the draft lacks the line the docs show: \(line)")
    }

    // 2. Edit: the line the docs give replaces the TODO.
    let edit = try #require(blocks[2].first { !$0.isEmpty })
    let todo = try #require(drafted.split(separator: "\n").first { $0.hasPrefix(#"      "Reorganisation": TODO"#) })
    drafted = drafted.replacingOccurrences(of: String(todo), with: edit)
    try drafted.write(to: mappingFile, atomically: true, encoding: .utf8)

    // 3. Check, 4. Preview: the commands shown print what is shown.
    for block in [blocks[3], blocks[4]] {
      let result = try Self.run(block[0], in: dir)
      #expect(result.status == 0, "\(block[0]): \(result.stderr)")
      let printed = Set(result.stdout.split(separator: "\n").map(String.init))
      for line in block.dropFirst() where !line.isEmpty {
        let found = printed.contains(line)
        #expect(found, "\(block[0]) did not print: \(line)\n\(result.stdout)")
      }
      #expect(!result.stderr.contains("TODO"), "a TODO is left: \(result.stderr)")
    }

    // 5. Validate the pipeline shown.
    try blocks[5].joined(separator: "\n").write(
      to: dir.appendingPathComponent("pipeline.yml"), atomically: true, encoding: .utf8)
    let validate = try Self.run(blocks[6][0], in: dir)
    #expect(validate.status == 0, "\(validate.stderr)")
    let printed = Set(validate.stdout.split(separator: "\n").map(String.init))
    for line in blocks[6].dropFirst() where !line.isEmpty {
      let found = printed.contains(line)
      #expect(found, "validate did not print: \(line)\n\(validate.stdout)")
    }
  }
}
