import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest

/// The SHA-256 a run records for each input is hashed from the chunks the parser reads (a ring of
/// buffers shared with a hashing thread): it must equal `sha256sum` of the file for every size,
/// including files that end exactly on a chunk boundary and files many rings long, and a parse
/// that fails part-way must not leave the hashing thread waiting.
@Suite struct FileDigestTests {
  /// An export of `rows` job rows in the hostile corpus's probe shape, padded by comments to
  /// exactly `size` bytes when given.
  static func export(rows: Int, padTo size: Int? = nil) -> String {
    var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rows>\n"
    for r in 0..<rows {
      text += "<row><id>E\(r)</id><name>Person \(r)</name><date>2024-01-0\(r % 9 + 1)</date></row>\n"
    }
    let end = "</rows>\n"
    if let size {
      // Comments of at most 60,000 bytes (the reader refuses a single one over 1 MiB).
      var left = size - text.utf8.count - end.utf8.count
      while left > 0 {
        let comment = min(left, 60_000)
        text += "<!--" + String(repeating: "x", count: max(0, comment - 8)) + "-->\n"
        left -= max(comment, 8)
      }
    }
    return text + end
  }

  static func sha256sum(_ path: String) throws -> String {
    let result = try CommandRunner.run("/usr/bin/sha256sum", [path])
    return String(result.stdout.prefix(64))
  }

  static func mapping() throws -> CompiledMapping {
    try MappingLoader.load(path: TestPaths.fixture("hostile") + "/mapping.yml").mapping
  }

  @Test(arguments: [
    0, SAXDocument.chunkSize - 4, SAXDocument.chunkSize + 4, 3 * SAXDocument.chunkSize + 4,
    11 * SAXDocument.chunkSize + 4, 11 * SAXDocument.chunkSize + 1_234,
  ])
  func theRecordedHashIsTheFilesHash(size: Int) throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("export.xml").path
    try Self.export(rows: 40, padTo: size == 0 ? nil : size).write(toFile: path, atomically: true, encoding: .utf8)
    if size > 0 { #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == size) }
    let mapping = try Self.mapping()
    var records = 0
    let digest = try StreamingRecordReader.read(path: path, mapping: mapping) { _ in records += 1 }
    #expect(records == 40)
    #expect(digest.sha256 == (try Self.sha256sum(path)))
  }

  @Test func aParseThatFailsPartWayEndsTheHashingThread() throws {
    let folder = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("cut.xml").path
    // Many chunks long, then cut inside an element.
    let whole = Self.export(rows: 40, padTo: 9 * SAXDocument.chunkSize)
    try String(whole.dropLast(30)).write(toFile: path, atomically: true, encoding: .utf8)
    let mapping = try Self.mapping()
    #expect(throws: XMLInputError.self) {
      _ = try StreamingRecordReader.read(path: path, mapping: mapping) { _ in }
    }
  }
}
