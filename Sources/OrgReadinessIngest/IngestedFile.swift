import OrgReadiness

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The canonical records read from one input file, the records rejected on the way, and the
/// file's identity.
public struct IngestedFile<Record: Sendable>: Sendable {
  public var records: [Record]
  public var rejected: [RejectedRecord]
  /// Rows the mapping's `drop` rules left out (not records read; reported beside them).
  public var filtered: Int
  public var digest: FileDigest
  /// Canonical records read (accepted here or rejected here).
  public var recordsRead: Int { records.count + rejected.count }
}

/// Reads inputs through their mappings.
public enum Ingest {
  /// Streams `path` and builds job events by `mapping`; `input` is the file's index in the run.
  /// Event types that the mapping infers (`infer: changes`) are worked out once the file is read.
  public static func jobEvents(
    path: String, mapping: CompiledMapping, input: Int, progress: ((Int) -> Void)? = nil
  ) throws(XMLInputError) -> IngestedFile<JobEvent> {
    precondition(mapping.kind == .jobEvents, "a job_events mapping is required")
    let builder = RecordBuilder(mapping: mapping, input: input, path: path)
    let sink = Sink<JobEvent>()
    let inferred = mapping.templates.map { $0.fields["event_type"]?.source == .inferred }
    let digest = try StreamingRecordReader.read(path: path, mapping: mapping, progress: progress) { captured in
      sink.take(captured, mapping: mapping, input: input, builder: builder) { template, line, values in
        let built = builder.jobEvent(template, line: line, values: values)
        if inferred[template], case .record = built { sink.inferIndices.append(sink.records.count) }
        return built
      }
    }
    var records = sink.records
    inferEventTypes(&records, at: sink.inferIndices)
    return IngestedFile(records: records, rejected: sink.rejected, filtered: sink.filtered, digest: digest)
  }

  /// Streams `path` into a compact `JobEventStore` for the as-of date: the way large job
  /// histories are read (no array of full records; duplicates and future-dated events are only
  /// counted). Events whose type the mapping infers are marked and inferred in the resolve stage.
  public static func jobHistory(
    path: String, mapping: CompiledMapping, input: Int, asOf: CalendarDate, progress: ((Int) -> Void)? = nil
  ) throws(XMLInputError) -> IngestedJobHistory {
    precondition(mapping.kind == .jobEvents, "a job_events mapping is required")
    let builder = RecordBuilder(mapping: mapping, input: input, path: path)
    let sink = Sink<JobEvent>()
    let store = StoreBox(JobEventStore(asOf: asOf))
    let inferred = mapping.templates.map { $0.fields["event_type"]?.source == .inferred }
    sink.keep = { event, template in store.value.add(event, inferType: inferred[template]) }
    let digest = try PipelinedRead.read(
      path: path, mapping: mapping, progress: progress,
      consume: { captured in
        sink.take(captured, mapping: mapping, input: input, builder: builder) { template, line, values in
          builder.jobEvent(template, line: line, values: values)
        }
      })
    return IngestedJobHistory(
      store: store.value, rejected: sink.rejected, filtered: sink.filtered, digest: digest,
      leaderEvidence: builder.leaderEvidence)
  }

  /// Streams `path` and builds team periods by `mapping`; values align with `mapping.indicators`.
  public static func teamPeriods(
    path: String, mapping: CompiledMapping, input: Int, progress: ((Int) -> Void)? = nil
  ) throws(XMLInputError) -> IngestedFile<TeamPeriod> {
    precondition(mapping.kind == .teamPeriods, "a team_periods mapping is required")
    let builder = RecordBuilder(mapping: mapping, input: input, path: path)
    let sink = Sink<TeamPeriod>()
    sink.measure(path: path)
    let digest = try PipelinedRead.read(
      path: path, mapping: mapping, progress: progress,
      consume: { captured in
        sink.take(captured, mapping: mapping, input: input, builder: builder) { template, line, values in
          builder.teamPeriod(template, line: line, values: values)
        }
      }, bytes: sink.sizeRecords(bytesRead:))
    return IngestedFile(records: sink.records, rejected: sink.rejected, filtered: sink.filtered, digest: digest)
  }

  /// Streams `path` and builds person directory records by `mapping`.
  public static func people(
    path: String, mapping: CompiledMapping, input: Int, progress: ((Int) -> Void)? = nil
  ) throws(XMLInputError) -> IngestedFile<PersonRecord> {
    precondition(mapping.kind == .people, "a people mapping is required")
    let builder = RecordBuilder(mapping: mapping, input: input, path: path)
    let sink = Sink<PersonRecord>()
    let digest = try StreamingRecordReader.read(path: path, mapping: mapping, progress: progress) { captured in
      sink.take(captured, mapping: mapping, input: input, builder: builder) { template, line, values in
        builder.person(template, line: line, values: values)
      }
    }
    return IngestedFile(records: sink.records, rejected: sink.rejected, filtered: sink.filtered, digest: digest)
  }
}

extension Ingest {
  /// Streams `path` and builds leaders' support enrolments by `mapping`.
  public static func supportEnrolments(
    path: String, mapping: CompiledMapping, input: Int, progress: ((Int) -> Void)? = nil
  ) throws(XMLInputError) -> IngestedFile<SupportEnrolment> {
    precondition(mapping.kind == .supportEnrolments, "a support_enrolments mapping is required")
    let builder = RecordBuilder(mapping: mapping, input: input, path: path)
    let sink = Sink<SupportEnrolment>()
    let digest = try StreamingRecordReader.read(path: path, mapping: mapping, progress: progress) { captured in
      sink.take(captured, mapping: mapping, input: input, builder: builder) { template, line, values in
        builder.enrolment(template, line: line, values: values)
      }
    }
    return IngestedFile(records: sink.records, rejected: sink.rejected, filtered: sink.filtered, digest: digest)
  }
}

/// A job history read into a compact store, with what ingest rejected or filtered.
public struct IngestedJobHistory: Sendable {
  public var store: JobEventStore
  public var rejected: [RejectedRecord]
  public var filtered: Int
  public var digest: FileDigest
  /// The values the mapping's leader rule decided on (see `CompiledMapping.leaderRuleDescription`).
  public var leaderEvidence: ValueTally
}

/// A mutable box the reader callback can write through.
private final class StoreBox<Value> {
  var value: Value
  init(_ value: Value) { self.value = value }
}

/// Collects what the reader emits (a class so the non-escaping reader callback can append).
private final class Sink<Record> {
  var records: [Record] = []
  /// Where built records go (with their template); by default into `records`.
  var keep: ((Record, Int) -> Void)?
  private var fileSize = 0
  private var reserved = false

  /// Notes the file's size, for `sizeRecords(bytesRead:)`.
  func measure(path: String) {
    var info = stat()
    if stat(path, &info) == 0 { fileSize = Int(info.st_size) }
  }

  /// Once a few thousand records are in, sizes `records` for the whole file from the records per
  /// byte so far (`bytesRead`: how far the reader was when the current batch was sent): no
  /// doubling copies and little slack for a file of millions of records.
  func sizeRecords(bytesRead bytes: Int) {
    guard !reserved, records.count >= 4096, bytes > 0, fileSize > bytes else { return }
    reserved = true
    let estimate = Double(records.count) * Double(fileSize) / Double(bytes) * 1.02 + 1024
    records.reserveCapacity(Int(estimate))
  }
  var rejected: [RejectedRecord] = []
  var filtered = 0
  var inferIndices: [Int] = []

  /// Expands one record element into its candidate records, template by template: a candidate
  /// whose `when` has no value does not exist, one a `drop` rule matches is counted as filtered,
  /// and the others are built. An element that yields no candidate at all is rejected.
  func take(
    _ captured: CapturedRecord, mapping: CompiledMapping, input: Int, builder: RecordBuilder,
    build: (Int, Int, SlotValues) -> RecordBuilder.Built<Record>
  ) {
    var yielded = 0
    for (t, template) in mapping.templates.enumerated() {
      for (line, values) in captured.candidates(for: template) {
        switch builder.admission(t, values) {
        case .absent: continue
        case .dropped: filtered += 1
        case .admitted:
          switch build(t, line, values) {
          case .record(let record):
            if let keep { keep(record, t) } else { records.append(record) }
          case .rejected(let reject): rejected.append(reject)
          }
        }
        yielded += 1
      }
    }
    guard yielded == 0 else { return }
    let reason: String
    if mapping.usesEventTemplates {
      reason = "the record yields no event: none of the mapping's 'events' finds its data here"
    } else {
      reason = "the record has no '\(mapping.eachPath ?? "")' element, so it holds no events"
    }
    let keyField = mapping.templates[0].fields["person_id"] ?? mapping.templates[0].fields["leader_id"]
    let key = (try? builder.text(keyField, captured.values)) ?? ""
    rejected.append(
      RejectedRecord(
        location: SourceLocation(input: input, line: captured.line), recordKey: key, field: "", reason: reason))
  }
}
