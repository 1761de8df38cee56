import ArgumentParser
import Foundation
import Logging

/// How log lines are written on standard error: `text` (one `key=value` line per event, easy to
/// grep in cron mail or a journal) or `json` (one JSON object per line, for log shippers).
enum LogFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
  case text, json
}

/// The swift-log handler of the command line: every event (a stage's end, the run's summary, a
/// warning) becomes one line on standard error, through `Diagnostics` so lines never interleave.
/// docs/operations.md lists the events and their fields.
struct SchedulerLogHandler: LogHandler {
  var format: LogFormat
  var metadata: Logger.Metadata = [:]
  var metadataProvider: Logger.MetadataProvider?
  var logLevel: Logger.Level = .info

  init(format: LogFormat) {
    self.format = format
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var fields = metadata
    if let explicit = event.metadata { fields.merge(explicit) { _, new in new } }
    Diagnostics.write(
      Self.line(time: Date(), level: event.level, event: event.message.description, fields: fields, format: format))
  }

  /// One event as a line (with its newline).
  static func line(time: Date, level: Logger.Level, event: String, fields: Logger.Metadata, format: LogFormat)
    -> String
  {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    let stamp = formatter.string(from: time)
    let keys = fields.keys.sorted()
    switch format {
    case .json:
      var parts = [
        "\"time\":\(jsonString(stamp))", "\"level\":\(jsonString(level.rawValue))", "\"event\":\(jsonString(event))",
      ]
      for key in keys { if let value = fields[key] { parts.append("\(jsonString(key)):\(json(value))") } }
      return "{" + parts.joined(separator: ",") + "}\n"
    case .text:
      var parts = ["time=\(stamp)", "level=\(level.rawValue)", "event=\(text(event))"]
      for key in keys { if let value = fields[key] { parts.append("\(key)=\(text(value.description))") } }
      return parts.joined(separator: " ") + "\n"
    }
  }

  /// Numbers stay numbers; everything else is a string.
  static func json(_ value: Logger.Metadata.Value) -> String {
    switch value {
    case .stringConvertible(let number as Int): return String(number)
    case .stringConvertible(let number as Double) where number.isFinite: return "\(number)"
    case .stringConvertible(let flag as Bool): return flag ? "true" : "false"
    case .array(let items): return "[" + items.map(json).joined(separator: ",") + "]"
    case .dictionary(let items):
      return "{"
        + items.keys.sorted().compactMap { k in items[k].map { "\(jsonString(k)):\(json($0))" } }
        .joined(separator: ",") + "}"
    default: return jsonString(value.description)
    }
  }

  static func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// A logfmt value: bare when it is one word, else quoted.
  static func text(_ value: String) -> String {
    guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else {
      return value
    }
    return jsonString(value)
  }
}
