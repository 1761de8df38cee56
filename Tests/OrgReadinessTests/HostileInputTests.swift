import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest

/// The hostile-input corpus (Tests/Fixtures/hostile/README.md): every file ends as its table
/// row says, and the large cases generated here end in bounded time without a crash.
@Suite(.timeLimit(.minutes(2))) struct HostileInputTests {
  /// One row of the corpus table.
  struct Case: CustomStringConvertible, Sendable {
    var file: String
    var outcome: String
    var whereText: String
    var detail: String
    var description: String { file }
  }

  static let directory = TestPaths.fixture("hostile")

  /// The rows of the first table in the corpus README.
  static let cases: [Case] = {
    guard let text = try? String(contentsOfFile: directory + "/README.md", encoding: .utf8) else { return [] }
    var rows: [Case] = []
    for line in text.split(separator: "\n") where line.hasPrefix("| `") {
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard cells.count >= 6 else { continue }
      rows.append(
        Case(
          file: cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")), outcome: cells[2],
          whereText: cells[3], detail: cells[4]))
    }
    return rows
  }()

  static func probe() throws -> CompiledMapping {
    try MappingLoader.load(path: directory + "/mapping.yml").mapping
  }

  static func read(_ path: String) throws -> IngestedFile<JobEvent> {
    try Ingest.jobEvents(path: path, mapping: try probe(), input: 0)
  }

  @Test func everyFileInTheFolderIsInTheTable() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory)
      .filter { $0 != "README.md" && $0 != "mapping.yml" }
    #expect(Set(files) == Set(Self.cases.map(\.file)))
    #expect(Self.cases.count >= 25)
  }

  @Test(arguments: cases)
  func endsAsExpected(_ item: Case) throws {
    let path = Self.directory + "/" + item.file
    let started = Date()
    defer { #expect(Date().timeIntervalSince(started) < 10, "\(item.file) took too long") }
    if item.outcome == "read" {
      let file = try Self.read(path)
      #expect(file.records.count == Int(item.whereText), "\(item.file)")
      #expect(file.rejected.isEmpty, "\(item.file): \(file.rejected)")
      #expect(file.records.first?.personName == item.detail, "\(item.file)")
      return
    }
    do {
      let file = try Self.read(path)
      Issue.record("\(item.file) was read (\(file.records.count) records) but should fail as \(item.outcome)")
    } catch let error as XMLInputError {
      #expect(error.kind == item.outcome, "\(item.file): \(error)")
      let position = error.position
      #expect("\(position.line):\(position.column)" == item.whereText, "\(item.file): \(error)")
      #expect(error.description.contains(item.detail), "\(item.file): \(error)")
      #expect(error.description.hasPrefix(path + ":\(position.line):\(position.column): error: "))
    }
  }

  // MARK: Generated cases

  /// Writes `size` bytes of `unit` repeated between `head` and `tail`, in pieces.
  static func generate(_ name: String, head: String, unit: String, count: Int, tail: String) throws -> URL {
    let dir = try TestPaths.temporaryDirectory()
    let url = dir.appendingPathComponent(name)
    FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    try handle.write(contentsOf: Data(head.utf8))
    let block = String(repeating: unit, count: 4096)
    var left = count
    while left > 0 {
      let n = min(left, 4096)
      try handle.write(contentsOf: Data((n == 4096 ? block : String(repeating: unit, count: n)).utf8))
      left -= n
    }
    try handle.write(contentsOf: Data(tail.utf8))
    return url
  }

  static let row2 = "<row><id>2</id><name>Ann</name><date>2024-02-01</date></row>"

  func expectFailure(_ url: URL, kind: String, line: Int? = nil, _ fragment: String) {
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    do {
      _ = try Self.read(url.path)
      Issue.record("\(url.lastPathComponent) was read but should fail as \(kind)")
    } catch let error as XMLInputError {
      #expect(error.kind == kind, "\(error)")
      if let line { #expect(error.position.line == line, "\(error)") }
      #expect(error.description.contains(fragment), "\(error)")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func twelveMegabyteTextNodeInAnUnmappedElementIsRead() throws {
    let url = try Self.generate(
      "big_text.xml", head: "<rows>\n<row><id>1</id><note>", unit: "x", count: 12 << 20,
      tail: "</note><name>Zoë</name><date>2024-01-01</date></row>\n\(Self.row2)\n</rows>\n")
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let file = try Self.read(url.path)
    #expect(file.records.map(\.personName) == ["Zoë", "Ann"])
    #expect(file.digest.bytes > 12 << 20)
  }

  @Test func twelveMegabyteValueInAMappedFieldRejectsOnlyItsRecord() throws {
    let url = try Self.generate(
      "big_value.xml", head: "<rows>\n<row><id>1</id><date>2024-01-01</date><name>", unit: "y", count: 12 << 20,
      tail: "</name></row>\n\(Self.row2)\n</rows>\n")
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let file = try Self.read(url.path)
    #expect(file.records.map(\.personID) == ["2"])
    let reject = try #require(file.rejected.first)
    #expect(reject.field == "person_name" && reject.location.line == 2 && reject.recordKey == "1")
    #expect(reject.reason.contains("longer than 1 MiB"))
  }

  @Test func deepNestingStopsAtTheDepthLimit() throws {
    let url = try Self.generate("deep.xml", head: "<rows>\n", unit: "<a>", count: 100_000, tail: "")
    expectFailure(url, kind: "limit", line: 2, "nested more than 256 levels")
  }

  @Test func twelveMegabyteCDATAIsRefused() throws {
    let url = try Self.generate(
      "big_cdata.xml", head: "<rows>\n<row><id>1</id><note><![CDATA[", unit: "z", count: 12 << 20,
      tail: "]]></note></row></rows>\n")
    expectFailure(url, kind: "limit", line: 2, "1 MiB without the end of a tag, comment or CDATA section")
  }

  @Test func elevenMegabyteAttributeIsRefused() throws {
    let url = try Self.generate(
      "big_attribute.xml", head: "<rows>\n<row note=\"", unit: "a", count: 11 << 20,
      tail: "\"><id>1</id></row></rows>\n")
    expectFailure(url, kind: "limit", line: 2, "1 MiB without the end of a tag")
  }

  @Test func twoHundredThousandAttributesAreRefusedInBoundedTime() throws {
    let dir = try TestPaths.temporaryDirectory()
    let url = dir.appendingPathComponent("many_attributes.xml")
    var text = "<rows>\n<row"
    for i in 0..<200_000 { text += " a\(i)=\"1\"" }
    text += "><id>1</id></row></rows>\n"
    try text.write(to: url, atomically: true, encoding: .utf8)
    let started = Date()
    expectFailure(url, kind: "limit", line: 2, "1 MiB without the end of a tag")
    #expect(Date().timeIntervalSince(started) < 10)
  }

  @Test func sixtyThousandCharacterNameIsRefused() throws {
    let url = try Self.generate("long_name.xml", head: "<rows>\n<", unit: "n", count: 60_000, tail: "/></rows>\n")
    expectFailure(url, kind: "limit", line: 2, "Name too long")
  }

  @Test func manyRecordsStream() throws {
    let row = "<row><id>7</id><name>Ann</name><date>2024-02-01</date></row>\n"
    let url = try Self.generate("many.xml", head: "<rows>\n", unit: row, count: 100_000, tail: "</rows>\n")
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let file = try Self.read(url.path)
    #expect(file.records.count == 100_000)
    #expect(file.records.last?.location.line == 100_001)
  }
}
