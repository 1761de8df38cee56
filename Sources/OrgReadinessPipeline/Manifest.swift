import Foundation
import OrgReadiness

/// `manifest.json`: what a run read and wrote, how long each stage took, and its outcome.
public struct Manifest: Codable, Hashable, Sendable {
  public struct Stage: Codable, Hashable, Sendable {
    public var stage: String
    public var seconds: Double
    /// Peak resident memory of the process at the end of the stage.
    public var peakMemoryMiB: Int?
    /// What the stage produced (docs/operations.md lists what each stage counts); nil when it
    /// counts nothing.
    public var records: Int?

    enum CodingKeys: String, CodingKey {
      case stage, seconds
      case peakMemoryMiB = "peak_memory_mib"
      case records
    }
  }

  public var runID: String
  public var status: String
  public var exitCode: Int
  public var message: String
  public var asOf: CalendarDate
  public var pipeline: String
  public var toolVersion: String
  public var startedAt: String
  public var finishedAt: String
  public var inputs: [Report.InputSummary]
  public var stages: [Stage]
  public var outputs: [String]
  public var warnings: [String]
  /// The earlier run with the same inputs, as-of date and settings, when this run repeated it.
  public var repeatOf: String?

  enum CodingKeys: String, CodingKey {
    case runID = "run_id"
    case status
    case exitCode = "exit_code"
    case message
    case asOf = "as_of"
    case pipeline
    case toolVersion = "tool_version"
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case inputs, stages, outputs, warnings
    case repeatOf = "repeat_of"
  }

  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }
}
