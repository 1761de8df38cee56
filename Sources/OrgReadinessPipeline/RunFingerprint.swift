import Crypto
import Foundation
import OrgReadiness

/// What makes two runs the same run: the inputs (by SHA-256), the as-of date, the pipeline
/// definition, its playbook and mapping files (byte for byte: every setting lives in them), and the
/// tool version. Runs with one fingerprint must give the same statistics; the ledger records a
/// later one as a repeat of the first (docs/decisions/0051-repeat-runs.md).
enum RunFingerprint {
  /// SHA-256 (hex) of the run's identity; nil when a file that defines it cannot be read (the run
  /// is then never taken for a repeat).
  static func of(
    _ definition: PipelineDefinition, asOf: CalendarDate, inputs: [Report.InputSummary], toolVersion: String
  ) -> String? {
    var files = [definition.path]
    if let playbook = definition.playbook { files.append(playbook) }
    for input in definition.inputs where !files.contains(input.mapping) { files.append(input.mapping) }
    var lines = ["orgready run fingerprint 1", "tool \(toolVersion)", "as_of \(asOf)"]
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else { return nil }
      lines.append("file \(SHA256.hash(data: data).hex)")
    }
    for input in inputs { lines.append("input \(input.name) \(input.sha256) \(input.bytes)") }
    return SHA256.hash(data: Data(lines.joined(separator: "\n").utf8)).hex
  }
}

extension SHA256.Digest {
  var hex: String { map { String(format: "%02x", $0) }.joined() }
}
