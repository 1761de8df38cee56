import Foundation

/// Renders `report.json`: pretty-printed with sorted keys, so the same report is always the same
/// bytes. The long lists live in files of their own, one JSON object a line (docs/report-schema.md):
/// the priority list in `units.jsonl`, the organisations in `organisations.jsonl`.
public enum ReportJSON {
  public static let unitsFile = "units.jsonl"
  public static let organisationsFile = "organisations.jsonl"
  /// Set in an encoder's `userInfo` (to `true`), each priority is encoded as an empty object and
  /// the organisations without their nodes: for `report.json`, whose priorities are in
  /// `units.jsonl` and organisations in `organisations.jsonl`.
  static let longListsElsewhere: CodingUserInfoKey = {
    guard let key = CodingUserInfoKey(rawValue: "longListsElsewhere") else { preconditionFailure("a key's name") }
    return key
  }()

  /// The whole report as one JSON document (every list inline).
  public static func render(_ report: Report) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(report)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// The published files: `report.json` without the long lists (which name their files under
  /// `units_file` and `organisations.nodes_file`), `units.jsonl` and, with an organisation tree,
  /// `organisations.jsonl`.
  public static func renderFiles(_ report: Report) throws -> [(name: String, contents: String)] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // The long lists are written line by line below: read back without them (the priorities,
    // dropped here, encoded as empty objects, and the organisations' nodes not encoded).
    let shell = JSONEncoder()
    shell.outputFormatting = encoder.outputFormatting
    shell.userInfo[longListsElsewhere] = true
    var main = try JSONDecoder().decode(Shell.self, from: shell.encode(report)).fields
    main["units_file"] = .string(unitsFile)
    if case .object(var organisations)? = main["organisations"] {
      organisations["nodes"] = nil
      organisations["nodes_file"] = .string(organisationsFile)
      main["organisations"] = .object(organisations)
    }
    var files = [("report.json", String(decoding: try encoder.encode(JSONValue.object(main)), as: UTF8.self) + "\n")]
    files.append((unitsFile, try lines(report.priorities)))
    if let organisations = report.organisations {
      files.append((organisationsFile, try lines(organisations.nodes)))
    }
    return files
  }

  /// The encoded report's top level as JSON values, leaving out `priorities` and
  /// `organisations.nodes` (skipped, never decoded: they are most of the report).
  struct Shell: Decodable {
    var fields: [String: JSONValue] = [:]

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: Key.self)
      for key in c.allKeys where key.stringValue != "priorities" {
        if key.stringValue == "organisations", let tree = try? c.nestedContainer(keyedBy: Key.self, forKey: key) {
          var fields: [String: JSONValue] = [:]
          for key in tree.allKeys where key.stringValue != "nodes" {
            fields[key.stringValue] = try tree.decode(JSONValue.self, forKey: key)
          }
          self.fields[key.stringValue] = .object(fields)
        } else {
          fields[key.stringValue] = try c.decode(JSONValue.self, forKey: key)
        }
      }
    }

    struct Key: CodingKey {
      var stringValue: String
      var intValue: Int? { nil }
      init(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }
  }

  /// One JSON object a line (sorted keys, slashes as they are), encoded in chunks on all cores
  /// (an encoder each) and joined in order.
  static func lines<T: Encodable & Sendable>(_ items: [T]) throws -> String {
    let chunks = mapChunks(count: items.count, chunk: 256) { range in
      Result { () throws -> String in
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = ""
        for item in items[range] { out += String(decoding: try encoder.encode(item), as: UTF8.self) + "\n" }
        return out
      }
    }
    return try chunks.map { try $0.get() }.joined()
  }

  /// Reads a report back (for tests, the ledger and comparisons): one document, or the published
  /// `report.json` with the contents of its `units.jsonl` and `organisations.jsonl`.
  public static func parse(_ text: String, units: String? = nil, organisations: String? = nil) throws -> Report {
    guard units != nil || organisations != nil else {
      return try JSONDecoder().decode(Report.self, from: Data(text.utf8))
    }
    guard case .object(var main) = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
      throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "report.json is not an object"))
    }
    func list(_ text: String) throws -> JSONValue {
      .array(
        try text.split(separator: "\n").map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) })
    }
    main["priorities"] = try list(units ?? "")
    main["units_file"] = nil
    if let organisations, case .object(var tree)? = main["organisations"] {
      tree["nodes"] = try list(organisations)
      tree["nodes_file"] = nil
      main["organisations"] = .object(tree)
    }
    return try JSONDecoder().decode(Report.self, from: JSONEncoder().encode(JSONValue.object(main)))
  }
}

/// Any JSON value, to move lists between files without changing a byte of the rest: integers are
/// kept as integers, and every other number is the same `Double` the encoder wrote, so it is written
/// again the same way.
enum JSONValue: Codable, Equatable {
  case object([String: JSONValue])
  case array([JSONValue])
  case string(String)
  case integer(Int64)
  case unsigned(UInt64)
  case number(Double)
  case bool(Bool)
  case null

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let i = try? c.decode(Int64.self) {
      self = .integer(i)
    } else if let u = try? c.decode(UInt64.self) {
      self = .unsigned(u)
    } else if let d = try? c.decode(Double.self) {
      self = .number(d)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSONValue].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: JSONValue].self))
    }
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .object(let o): try c.encode(o)
    case .array(let a): try c.encode(a)
    case .string(let s): try c.encode(s)
    case .integer(let i): try c.encode(i)
    case .unsigned(let u): try c.encode(u)
    case .number(let d): try c.encode(d)
    case .bool(let b): try c.encode(b)
    case .null: try c.encodeNil()
    }
  }
}
