import Foundation
import OrgReadiness

/// Builds canonical records from captured text by a compiled mapping's field rules; a record that
/// breaks a rule becomes a `RejectedRecord` naming the field and the reason.
///
/// Numbers and dates in their plain forms are read straight from the captured bytes (`read`);
/// every other form, and every value that breaks a rule, goes through the text path, which is the
/// definition (a test holds the two to the same results). A class: the per-record closures share
/// it rather than copying its tables.
final class RecordBuilder: Sendable {
  let mapping: CompiledMapping
  let input: Int
  /// Each template's fields by canonical field, looked up once rather than per record.
  let tables: [FieldTable]
  let whens: [BoundField?]
  /// Each template's drop rules: the field, its values (trimmed and lowercased), and the same
  /// values as bytes for comparing captured bytes without a String.
  let drops: [[(field: BoundField, values: Set<String>, bytes: [[UInt8]])]]
  let indicatorFields: [BoundField]
  /// The mapping's indicators in column order (without their bindings, read per record).
  let indicatorList: [Indicator]
  /// Shares repeated long strings between the records this builder makes.
  let intern = StringInterner()
  /// Packs the team-months' indicator values into shared blocks.
  let valueAllocator = IndicatorValueAllocator()
  /// The values the leader rule decided on (job events), for the message when it finds nobody.
  let leaderEvidence = ValueTally()

  /// `path` is the file being read, for fields taken from its name (`file_name`).
  init(mapping: CompiledMapping, input: Int, path: String? = nil) {
    self.mapping = mapping
    self.input = input
    let fileName = path.map { ($0 as NSString).lastPathComponent }
    tables = mapping.templates.map { FieldTable($0.fields, fileName: fileName) }
    whens = mapping.templates.map { $0.when.map { BoundField($0) } }
    drops = mapping.templates.map {
      $0.drops.map { (BoundField($0.binding), $0.values, $0.values.sorted().map { Array($0.utf8) }) }
    }
    indicatorFields = mapping.indicators.map { BoundField($0.binding, fileName: fileName) }
    indicatorList = mapping.indicators.map(\.indicator)
  }

  /// A field's value read from the captured bytes by `parse` when the field is plain (paths only:
  /// no null values, split, map, default or file name) and its value has a plain form; `.slow`
  /// sends the caller to the text path.
  @inline(__always)
  func read<Value>(_ binding: BoundField?, _ values: SlotValues, _ parse: (UnsafeBufferPointer<UInt8>) -> Value?)
    -> FastRead<Value>
  {
    guard let binding else { return .absent }
    guard let slots = binding.plainSlots else { return .slow }
    for slot in slots {
      switch values.read(slot, parse) {
      case .absent: continue
      case let result: return result
      }
    }
    return .absent
  }

  enum Built<Record> {
    case record(Record)
    case rejected(RejectedRecord)
  }

  struct FieldFailure: Error {
    var field: String
    var reason: String
  }

  /// The fields of one template with the captured values of one candidate record.
  struct Row {
    let table: FieldTable
    let values: SlotValues

    func field(_ name: CanonicalField) -> BoundField? { table.fields[name.rawValue] }
  }

  /// The text of a field after trimming, null values, splitting, mapping and defaults; nil when
  /// absent. Alternative paths are tried in order.
  func text(_ binding: FieldBinding?, _ values: SlotValues, mapped: Bool = true) throws(FieldFailure) -> String? {
    guard let binding else { return nil }
    return try text(BoundField(binding), values, mapped: mapped)
  }

  func text(_ binding: BoundField?, _ values: SlotValues, mapped: Bool = true) throws(FieldFailure) -> String? {
    guard let binding else { return nil }
    let spec = binding.spec
    var text: String?
    switch binding.source {
    case .inferred: return nil
    case .constant(let value): text = value
    case .slots(let slots):
      for slot in slots {
        guard let raw = values[slot] else { continue }
        if raw.utf8.count > StreamingRecordReader.maximumValueBytes {
          throw FieldFailure(
            field: binding.name,
            reason:
              "the value at \(mapping.slots[slot].path) is longer than \(StreamingRecordReader.maximumValueBytes / 1_048_576) MiB; no HRIS field is this long"
          )
        }
        let trimmed = raw.trimmingSpaces
        if trimmed.isEmpty || spec.nullValues?.contains(trimmed) == true { continue }
        text = trimmed
        break
      }
      if text == nil { text = binding.fileValue }
    }
    if let whole = text, let separator = spec.split {
      let items = whole.components(separatedBy: separator).map(\.trimmingSpaces).filter { !$0.isEmpty }
      switch spec.take ?? .first {
      case .first: text = items.first
      case .last: text = items.last
      case .only:
        guard items.count <= 1 else {
          throw FieldFailure(
            field: binding.name, reason: "'\(whole)' holds \(items.count) values where one is expected")
        }
        text = items.first
      }
      if let item = text, spec.nullValues?.contains(item) == true { text = nil }
    }
    if mapped, let raw = text, let map = spec.map {
      text = map[raw] ?? spec.otherwise ?? raw
    }
    if text == nil { text = spec.default }
    return text
  }

  func string(_ name: CanonicalField, _ row: Row) throws(FieldFailure) -> String? {
    try text(row.field(name), row.values)
  }

  func required(_ name: CanonicalField, _ row: Row) throws(FieldFailure) -> String {
    guard let value = try string(name, row) else {
      throw FieldFailure(field: name.name, reason: "missing \(name.name) (\(describe(name, row)))")
    }
    return value
  }

  func date(_ name: CanonicalField, _ row: Row, required: Bool) throws(FieldFailure) -> CalendarDate? {
    if let field = row.field(name), field.spec.format == nil,
      case .value(let date) = read(field, row.values, ValueParsing.plainDate)
    {
      return date
    }
    guard let raw = try string(name, row) else {
      if required { throw FieldFailure(field: name.name, reason: "missing \(name.name) (\(describe(name, row)))") }
      return nil
    }
    switch ValueParsing.date(raw, format: row.field(name)?.spec.format) {
    case .date(let date): return date
    case .null:
      if required { throw FieldFailure(field: name.name, reason: "\(name.name) is an empty date ('\(raw)')") }
      return nil
    case .invalid(let why): throw FieldFailure(field: name.name, reason: why)
    }
  }

  func bool(_ name: CanonicalField, _ row: Row) throws(FieldFailure) -> Bool? {
    guard let raw = try string(name, row) else { return nil }
    guard let value = ValueParsing.bool(raw) else {
      throw FieldFailure(field: name.name, reason: "'\(raw)' is not a yes/no value; map it in the mapping's 'map'")
    }
    return value
  }

  func integer(_ name: CanonicalField, _ row: Row) throws(FieldFailure) -> Int? {
    if case .value(let number) = read(row.field(name), row.values, ValueParsing.plainDecimal),
      let value = ValueParsing.wholeNumber(number)
    {
      return value
    }
    guard let raw = try string(name, row) else { return nil }
    guard let value = ValueParsing.integer(raw) else {
      throw FieldFailure(field: name.name, reason: "'\(raw)' is not a whole number")
    }
    return value
  }

  /// Where a field was looked for, for messages.
  func describe(_ name: CanonicalField, _ row: Row) -> String {
    guard let binding = row.field(name) else { return "not mapped" }
    switch binding.source {
    case .constant(let value): return "constant '\(value)'"
    case .inferred: return "inferred"
    case .slots(let slots):
      var places = slots.map { "path " + mapping.slots[$0].path }
      if let pattern = binding.spec.fileName { places.append("the file name by '\(pattern)'") }
      return places.joined(separator: " or ")
    }
  }

  /// The key of a record for rejects.csv, as far as it can be read.
  func key(_ name: CanonicalField, _ row: Row) -> String {
    (try? string(name, row)) ?? ""
  }

  /// Whether a candidate exists (`when`) and whether a `drop` rule leaves it out.
  enum Admission { case absent, dropped, admitted }

  func admission(_ template: Int, _ values: SlotValues) -> Admission {
    if let when = whens[template], (try? text(when, values)) == nil { return .absent }
    for drop in drops[template] {
      switch read(drop.field, values, { bytes in RecordBuilder.asciiLowercased(bytes, isIn: drop.bytes) }) {
      case .value(let matches):
        if matches { return .dropped }
      case .absent: continue
      case .slow:
        if let value = try? text(drop.field, values, mapped: false), drop.values.contains(value.lowercased()) {
          return .dropped
        }
      }
    }
    return .admitted
  }

  /// Whether ASCII `bytes`, lowercased, equal one of `listed` (nil for non-ASCII bytes, whose
  /// lowercase form needs Unicode's rules).
  @inline(__always)
  static func asciiLowercased(_ bytes: UnsafeBufferPointer<UInt8>, isIn listed: [[UInt8]]) -> Bool? {
    var matches = false
    for value in listed where value.count == bytes.count {
      var equal = true
      for i in 0..<bytes.count {
        let b = bytes[i]
        guard b < 0x80 else { return nil }
        if (b >= 65 && b <= 90 ? b + 32 : b) != value[i] {
          equal = false
          break
        }
      }
      if equal {
        matches = true
        break
      }
    }
    if !matches, bytes.contains(where: { $0 >= 0x80 }) { return nil }
    return matches
  }

  func jobEvent(_ template: Int, line: Int, values: SlotValues) -> Built<JobEvent> {
    let row = Row(table: tables[template], values: values)
    let location = SourceLocation(input: input, line: line)
    do throws(FieldFailure) {
      let person = try required(.personID, row)
      guard let effective = try date(.effectiveDate, row, required: true) else {
        throw FieldFailure(field: "effective_date", reason: "missing effective_date")
      }
      let type: EventType
      if row.field(.eventType)?.source == .inferred {
        type = .other  // worked out once the whole file is read
      } else {
        let rawType = try required(.eventType, row)
        if rawType == MappingDraft.placeholder, let source = try text(row.field(.eventType), values, mapped: false) {
          throw FieldFailure(
            field: "event_type",
            reason:
              "the mapping maps '\(source)' to \(MappingDraft.placeholder); replace it with one of \(EventType.allCases.map(\.rawValue).joined(separator: ", "))"
          )
        }
        guard let known = EventType(rawValue: rawType) else {
          throw FieldFailure(
            field: "event_type",
            reason:
              "unknown event type '\(rawType)'; map it to one of \(EventType.allCases.map(\.rawValue).joined(separator: ", ")) in the mapping"
          )
        }
        type = known
      }
      let jobLevel = try string(.jobLevel, row)
      let managerID = try string(.managerID, row)
      let managerName = try string(.managerName, row).map(displayName)
      var leader = try bool(.isPeopleLeader, row)
      switch mapping.peopleLeader {
      case .field:
        leaderEvidence.add(try text(row.field(.isPeopleLeader), values, mapped: false))
      case .directReports:
        leaderEvidence.add(managerID ?? managerName)
      case .jobLevelIn(let levels):
        if let jobLevel { leader = levels.contains(jobLevel) }
        leaderEvidence.add(jobLevel)
      case .managementLevel:
        let level = try string(.managementLevel, row)
        if let level, let matcher = mapping.managementLevelMatcher { leader = matcher.isLeader(level) }
        leaderEvidence.add(level)
      }
      let event = JobEvent(
        personID: person, effectiveDate: effective, eventType: type, jobLevel: jobLevel, isPeopleLeader: leader,
        managerID: managerID, orgUnitID: try string(.orgUnitID, row),
        orgUnitName: try string(.orgUnitName, row), sequence: try integer(.sequence, row),
        personName: try string(.personName, row).map(displayName), managerName: managerName, location: location)
      return .record(event)
    } catch {
      return .rejected(
        RejectedRecord(location: location, recordKey: key(.personID, row), field: error.field, reason: error.reason))
    }
  }

  func teamPeriod(_ template: Int, line: Int, values: SlotValues) -> Built<TeamPeriod> {
    let row = Row(table: tables[template], values: values)
    let location = SourceLocation(input: input, line: line)
    do throws(FieldFailure) {
      let leaderID = try required(.leaderID, row)
      let periodField = row.field(.period)
      if periodField?.spec.format == nil, case .value(let date) = read(periodField, values, ValueParsing.plainDate) {
        return teamPeriod(row, leaderID: leaderID, period: date.period, location: location)
      }
      guard let rawPeriod = try string(.period, row) else {
        throw FieldFailure(field: "period", reason: "missing period (\(describe(.period, row)))")
      }
      guard let period = ValueParsing.period(rawPeriod, format: row.field(.period)?.spec.format) else {
        throw FieldFailure(field: "period", reason: "'\(rawPeriod)' is not a month (YYYY-MM) or a date")
      }
      return teamPeriod(row, leaderID: leaderID, period: period, location: location)
    } catch {
      return .rejected(
        RejectedRecord(location: location, recordKey: key(.leaderID, row), field: error.field, reason: error.reason))
    }
  }

  /// The rest of a team-month once its leader and month are known.
  private func teamPeriod(_ row: Row, leaderID: String, period: Period, location: SourceLocation)
    -> Built<TeamPeriod>
  {
    let values = row.values
    do throws(FieldFailure) {
      let headcount = try integer(.headcount, row)
      if let headcount, headcount < 0 || headcount > 100_000 {
        throw FieldFailure(field: "headcount", reason: "headcount \(headcount) is outside 0...100000")
      }
      var indicatorValues: [Double?] = []
      indicatorValues.reserveCapacity(mapping.indicators.count)
      for k in indicatorList.indices {
        let indicator = indicatorList[k]
        if case .value(let value) = read(indicatorFields[k], values, ValueParsing.plainDecimal),
          indicator.accepts(value)
        {
          indicatorValues.append(value)
          continue
        }
        guard let raw = try text(indicatorFields[k], values) else {
          indicatorValues.append(nil)
          continue
        }
        guard let value = ValueParsing.decimal(raw) else {
          throw FieldFailure(field: indicator.name, reason: "'\(raw)' is not a number")
        }
        guard indicator.accepts(value) else {
          let range = "\(indicator.minimum.map { "\($0)" } ?? "-inf")...\(indicator.maximum.map { "\($0)" } ?? "inf")"
          throw FieldFailure(field: indicator.name, reason: "\(value) is outside the valid range \(range)")
        }
        indicatorValues.append(value)
      }
      return .record(
        TeamPeriod(
          leaderID: leaderID, teamID: intern(try string(.teamID, row)), orgUnitID: intern(try string(.orgUnitID, row)),
          orgUnitName: intern(try string(.orgUnitName, row)), period: period, headcount: headcount,
          values: valueAllocator.make(indicatorValues), location: location))
    } catch {
      return .rejected(
        RejectedRecord(
          location: location, recordKey: "\(leaderID) \(period)", field: error.field, reason: error.reason))
    }
  }

  func person(_ template: Int, line: Int, values: SlotValues) -> Built<PersonRecord> {
    let row = Row(table: tables[template], values: values)
    let location = SourceLocation(input: input, line: line)
    do throws(FieldFailure) {
      return .record(
        PersonRecord(
          personID: try required(.personID, row), personName: try string(.personName, row).map(displayName),
          isActive: try bool(.isActive, row), isPeopleLeader: try bool(.isPeopleLeader, row),
          location: location))
    } catch {
      return .rejected(
        RejectedRecord(location: location, recordKey: key(.personID, row), field: error.field, reason: error.reason))
    }
  }
}

extension RecordBuilder {
  func enrolment(_ template: Int, line: Int, values: SlotValues) -> Built<SupportEnrolment> {
    let row = Row(table: tables[template], values: values)
    let location = SourceLocation(input: input, line: line)
    do throws(FieldFailure) {
      let leaderID = try required(.leaderID, row)
      let program = try required(.program, row)
      guard let start = try date(.startDate, row, required: true) else {
        throw FieldFailure(field: "start_date", reason: "missing start_date")
      }
      let end = try date(.endDate, row, required: false)
      if let end, end < start {
        throw FieldFailure(field: "end_date", reason: "the enrolment ends (\(end)) before it starts (\(start))")
      }
      return .record(
        SupportEnrolment(
          leaderID: leaderID, program: intern(program) ?? program, startDate: start, endDate: end, location: location))
    } catch {
      return .rejected(
        RejectedRecord(location: location, recordKey: key(.leaderID, row), field: error.field, reason: error.reason))
    }
  }
}

/// The canonical fields, for looking a template's fields up by index rather than by name.
enum CanonicalField: Int, CaseIterable {
  case personID, personName, effectiveDate, eventType, jobLevel, isPeopleLeader, managerID, managerName
  case orgUnitID, orgUnitName, sequence, leaderID, teamID, period, headcount, isActive, managementLevel
  case program, startDate, endDate

  /// The name mappings use.
  var name: String {
    switch self {
    case .personID: return "person_id"
    case .personName: return "person_name"
    case .effectiveDate: return "effective_date"
    case .eventType: return "event_type"
    case .jobLevel: return "job_level"
    case .isPeopleLeader: return "is_people_leader"
    case .managerID: return "manager_id"
    case .managerName: return "manager_name"
    case .orgUnitID: return "org_unit_id"
    case .orgUnitName: return "org_unit_name"
    case .sequence: return "sequence"
    case .leaderID: return "leader_id"
    case .teamID: return "team_id"
    case .period: return "period"
    case .headcount: return "headcount"
    case .isActive: return "is_active"
    case .managementLevel: return "management_level"
    case .program: return "program"
    case .startDate: return "start_date"
    case .endDate: return "end_date"
    }
  }
}

/// A field binding behind one reference, so that reading it per record costs one retain.
final class BoundField: Sendable {
  let name: String
  let source: FieldSource
  let spec: FieldSpec
  /// The value `file_name` finds in the name of the file being read (used when no path has one).
  let fileValue: String?
  /// The field's slots when its value is simply the first captured one (no null values, split,
  /// map, default or file name): such a field can be read from the captured bytes.
  let plainSlots: [Int]?

  init(_ binding: FieldBinding, fileName: String? = nil) {
    name = binding.name
    source = binding.source
    spec = binding.spec
    fileValue = fileName.flatMap { name in binding.spec.fileName.flatMap { BoundField.firstGroup($0, in: name) } }
    let spec = binding.spec
    if case .slots(let slots) = binding.source, spec.nullValues == nil, spec.split == nil, spec.map == nil,
      spec.default == nil, spec.fileName == nil
    {
      plainSlots = slots
    } else {
      plainSlots = nil
    }
  }

  /// The first group of `pattern`'s first match in `text`, or nil.
  static func firstGroup(_ pattern: String, in text: String) -> String? {
    guard let expression = try? NSRegularExpression(pattern: pattern),
      let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..<text.endIndex, in: text)),
      match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: text)
    else { return nil }
    let value = String(text[range])
    return value.isEmpty ? nil : value
  }
}

/// A template's fields indexed by `CanonicalField`.
final class FieldTable: Sendable {
  let fields: [BoundField?]

  init(_ bindings: [String: FieldBinding], fileName: String? = nil) {
    fields = CanonicalField.allCases.map { field in bindings[field.name].map { BoundField($0, fileName: fileName) } }
  }
}
