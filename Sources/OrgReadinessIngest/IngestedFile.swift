import OrgReadiness

/// The canonical records read from one input file, the records rejected on the way, and the
/// file's identity.
public struct IngestedFile<Record: Sendable>: Sendable {
  public var records: [Record]
  public var rejected: [RejectedRecord]
  public var digest: FileDigest
  /// Canonical records read (accepted here or rejected here).
  public var recordsRead: Int { records.count + rejected.count }
}

/// Reads inputs through their mappings.
public enum Ingest {
  /// Streams `path` and builds job events by `mapping`; `input` is the file's index in the run.
  public static func jobEvents(
    path: String, mapping: CompiledMapping, input: Int, progress: ((Int) -> Void)? = nil
  ) throws(XMLInputError) -> IngestedFile<JobEvent> {
    precondition(mapping.kind == .jobEvents, "a job_events mapping is required")
    let builder = RecordBuilder(mapping: mapping, input: input)
    let sink = Sink<JobEvent>()
    let digest = try StreamingRecordReader.read(path: path, mapping: mapping, progress: progress) { captured in
      sink.take(captured, mapping: mapping, input: input) { builder.jobEvent(line: $0, values: $1) }
    }
    return IngestedFile(records: sink.records, rejected: sink.rejected, digest: digest)
  }

  /// Streams `path` and builds team periods by `mapping`; values align with `mapping.indicators`.
  public static func teamPeriods(
    path: String, mapping: CompiledMapping, input: Int, progress: ((Int) -> Void)? = nil
  ) throws(XMLInputError) -> IngestedFile<TeamPeriod> {
    precondition(mapping.kind == .teamPeriods, "a team_periods mapping is required")
    let builder = RecordBuilder(mapping: mapping, input: input)
    let sink = Sink<TeamPeriod>()
    let digest = try StreamingRecordReader.read(path: path, mapping: mapping, progress: progress) { captured in
      sink.take(captured, mapping: mapping, input: input) { builder.teamPeriod(line: $0, values: $1) }
    }
    return IngestedFile(records: sink.records, rejected: sink.rejected, digest: digest)
  }
}

/// Collects what the reader emits (a class so the non-escaping reader callback can append).
private final class Sink<Record> {
  var records: [Record] = []
  var rejected: [RejectedRecord] = []

  func take(
    _ captured: CapturedRecord, mapping: CompiledMapping, input: Int,
    build: (Int, [String?]) -> RecordBuilder.Built<Record>
  ) {
    let expanded = captured.expanded(hasGroups: mapping.hasGroups)
    if expanded.isEmpty {
      rejected.append(
        RejectedRecord(
          location: SourceLocation(input: input, line: captured.line), recordKey: "", field: "",
          reason: "the record has no '\(mapping.eachPath ?? "")' element, so it holds no events"))
      return
    }
    for (line, values) in expanded {
      switch build(line, values) {
      case .record(let record): records.append(record)
      case .rejected(let reject): rejected.append(reject)
      }
    }
  }
}
