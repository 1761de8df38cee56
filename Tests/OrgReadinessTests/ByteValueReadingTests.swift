import Foundation
import Testing

@testable import OrgReadiness
@testable import OrgReadinessIngest

/// Numbers and dates in their plain forms are read straight from the captured bytes; the text path
/// (`ValueParsing.decimal`, `ValueParsing.date`) is the definition. These tests hold the byte path
/// to the same result on every form, and the whole ingest to the same records and rejects.
@Suite struct ByteValueReadingTests {
  static func bytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    Array(text.utf8).withUnsafeBufferPointer(body)
  }

  static let edgeNumbers = [
    "0", "-0", "00", "007", "16.1", "0.146", "-3.5", "1.80", "400", "0.000", "9007199254740993",
    "999999999999999", "9999999999999999", "0.1", "0.2", "0.3", "2.675", "1.005", "123456789012345",
    "0.000000000000000000001", "0.0000000000000000000001", "1e3", "1E3", "+5", ".5", "5.", "-", ".", "-.5",
    "1.2.3", "12a", "", " 1", "1 ", "inf", "nan", "0x10", "1_000", "1,5", "٣", "-0.0", "4503599627370497.5",
  ]

  /// Trap: a fast number reader that rounds twice (or accepts a form the text path refuses)
  /// silently changes indicator values.
  @Test func plainDecimalsAreReadExactlyAsTheTextPathReadsThem() {
    var generator = SeededGenerator(seed: 42)
    var texts = Self.edgeNumbers
    let alphabet = Array("0123456789.-e+ ")
    for _ in 0..<20_000 {
      let length = Int(generator.next() % 12) + 1
      texts.append(String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
    }
    for _ in 0..<20_000 {
      // Plausible export values with up to 17 digits, to probe the edge of the exact range.
      let whole = generator.next() % 1_000_000_000
      let fraction = String(generator.next() % 100_000_000)
      let sign = generator.next() % 4 == 0 ? "-" : ""
      texts.append("\(sign)\(whole).\(String(fraction.prefix(Int(generator.next() % 9) + 1)))")
    }
    var accepted = 0
    for text in texts {
      guard let fast = Self.bytes(text, ValueParsing.plainDecimal) else { continue }
      accepted += 1
      let slow = ValueParsing.decimal(text)
      #expect(slow?.bitPattern == fast.bitPattern, "'\(text)': bytes \(fast), text \(String(describing: slow))")
    }
    #expect(accepted > 15_000, "the byte path read only \(accepted) of \(texts.count)")
    for text in ["16.1", "0.146", "-3.5", "400", "0.000", "007"] {
      #expect(Self.bytes(text, ValueParsing.plainDecimal) != nil, "'\(text)' should take the byte path")
    }
  }

  /// Trap: a fast date reader that accepts 2026-02-30, `0000-00-00` or a time it cannot check.
  @Test func plainDatesAreReadExactlyAsTheTextPathReadsThem() {
    var texts = [
      "2026-11-25", "2026-11-25Z", "2026-11-25-08:00", "2026-11-25+05:30", "2026-02-29", "2024-02-29",
      "2026-02-30", "2026-13-01", "2026-00-10", "0000-00-00", "0000-01-01", "2026-11-25T10:00:00",
      "2026-11-25-0800", "2026-11-25 ", "2026/11/25", "26-11-25", "2026-11-2", "2026-11-25X", "2026-11-25-08:0a",
      "9999-12-31", "0001-01-01", "2026-1a-25", "2026-11-25+05:30Z",
    ]
    var generator = SeededGenerator(seed: 7)
    let alphabet = Array("0123456789-:+TZ")
    for _ in 0..<20_000 {
      let length = [10, 11, 16][Int(generator.next() % 3)]
      var text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
      text[4] = "-"
      text[7] = "-"
      texts.append(String(text))
    }
    for day in 0..<800 {
      let date = CalendarDate(iso: "2025-01-01")!.adding(days: day)
      texts += ["\(date)", "\(date)Z", "\(date)-08:00", "\(date)+01:00"]
    }
    var accepted = 0
    for text in texts {
      guard let fast = Self.bytes(text, ValueParsing.plainDate) else { continue }
      accepted += 1
      #expect(ValueParsing.date(text, format: nil) == .date(fast), "'\(text)'")
    }
    #expect(accepted >= 3200, "the byte path read only \(accepted) dates")
  }

  static let teamMetrics = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rows>
      <row><leader>L1</leader><month>2026-01-01-08:00</month><size> 12 </size><wait>16.1</wait><eng>73.5</eng></row>
      <row><leader>L1</leader><month>2026-02-01Z</month><size>12.0</size><wait>
          17.25
        </wait><eng>+70</eng></row>
      <row><leader>L2</leader><month>2026-01</month><size>+7</size><wait>1e1</wait><eng>.5</eng></row>
      <row><leader>L2</leader><month>2026-02-30</month><size>7</size><wait>3</wait><eng>60</eng></row>
      <row><leader>L3</leader><month>2026-03-01T00:00:00</month><size>4</size><wait>\u{00A0}3.5\u{00A0}</wait><eng>5.</eng></row>
      <row><leader>L3</leader><month>2026-04-01</month><size>4</size><wait>-2</wait><eng>50</eng></row>
      <row><leader>L4</leader><month>2026-04-01</month><size>4</size><wait>abc</wait><eng>50</eng></row>
      <row><leader>L4</leader><month>2026-05-01</month><size>4.5</size><wait>1</wait><eng>50</eng></row>
      <row><leader>L5</leader><month>2026-05-01</month><size>3</size><wait></wait><eng>   </eng></row>
      <row><leader>L5</leader><month>0000-00-00</month><size>3</size><wait>1</wait><eng>1</eng></row>
      <row><leader>L6</leader><month>2026-06-01</month><size>999999</size><wait>1</wait><eng>1</eng></row>
      <row><leader>L6</leader><month>2026-07-01</month><size>3</size><wait>0.0000000000000000000000001</wait><eng>100.000</eng></row>
    </rows>
    """

  static func mapping(slow: Bool) -> String {
    // A null value no export holds sends every field down the text path.
    func field(_ path: String) -> String { slow ? "{ path: \(path), null_values: [\"__never__\"] }" : path }
    return """
      version: 2
      name: t
      produces: team_periods
      record: rows/row
      fields:
        leader_id: leader
        period: \(field("month"))
        headcount: \(field("size"))
      indicators:
        review_wait_hours: \(field("wait"))
        engagement_score: \(field("eng"))
      """
  }

  /// The whole ingest gives the same team-months and the same rejects (field, reason, key, line)
  /// whether values are read from the bytes or as text.
  @Test func ingestGivesTheSameRecordsAndRejectsByEitherPath() throws {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try Dialects.write(Self.teamMetrics, in: dir)
    let fast = try Ingest.teamPeriods(path: path, mapping: try Dialects.compile(Self.mapping(slow: false)), input: 0)
    let slow = try Ingest.teamPeriods(path: path, mapping: try Dialects.compile(Self.mapping(slow: true)), input: 0)
    #expect(fast.records == slow.records)
    #expect(fast.rejected == slow.rejected)
    #expect(fast.records.count == 6 && fast.rejected.count == 6, "\(fast.records.count) \(fast.rejected)")
  }

  /// `drop` rules compare the value trimmed and lowercased: the byte path drops `TRUE` and ` True `,
  /// keeps near misses, and leaves non-ASCII values (`TRÜE`, a value padded with no-break spaces)
  /// to the text path, which trims and lowercases them by Unicode's rules.
  @Test func dropRulesDropTheSameRowsByEitherPath() throws {
    let flags = ["1", "true", "TRUE", " True ", "false", "0", "", "tru", "truee", "TRÜE", "\u{00A0}true", "yes"]
    let rows = flags.enumerated().map { k, flag in
      "<r><id>P\(k)</id><d>2026-01-0\(k % 9 + 1)</d><gone>\(flag)</gone></r>"
    }
    let xml = "<?xml version=\"1.0\"?>\n<rows>\n" + rows.joined(separator: "\n") + "\n</rows>\n"
    let mapping = """
      version: 2
      name: t
      produces: job_events
      record: rows/r
      fields:
        person_id: id
        effective_date: d
        event_type: { const: hire }
      drop:
        - path: gone
          equals: ["1", "TRUE", "yes"]
      """
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try Dialects.write(xml, in: dir)
    let file = try Ingest.jobEvents(path: path, mapping: try Dialects.compile(mapping), input: 0)
    // Dropped: 1, true, TRUE, " True ", "\u{00A0}true" (trimmed by the text path), yes.
    #expect(file.filtered == 6, "\(file.records.map(\.personID))")
    #expect(file.records.map(\.personID) == ["P4", "P5", "P6", "P7", "P8", "P9"])
  }
}
