import OrgReadiness

/// Builds canonical records from captured text by a compiled mapping's field rules; a record that
/// breaks a rule becomes a `RejectedRecord` naming the field and the reason.
struct RecordBuilder: Sendable {
  let mapping: CompiledMapping
  let input: Int

  enum Built<Record> {
    case record(Record)
    case rejected(RejectedRecord)
  }

  /// The text of a field after trimming, mapping and defaults; nil when absent.
  func text(_ binding: FieldBinding?, _ values: [String?]) -> String? {
    guard let binding else { return nil }
    var text: String?
    switch binding.source {
    case .constant(let value): text = value
    case .slot(let slot): text = values[slot]?.trimmingSpaces
    }
    if text?.isEmpty == true { text = nil }
    if let raw = text, let map = binding.spec.map {
      text = map[raw] ?? binding.spec.otherwise ?? raw
    }
    if text == nil { text = binding.spec.default }
    return text
  }

  struct FieldFailure: Error {
    var field: String
    var reason: String
  }

  func string(_ name: String, _ values: [String?]) -> String? {
    text(mapping.fields[name], values)
  }

  func required(_ name: String, _ values: [String?]) throws(FieldFailure) -> String {
    guard let value = string(name, values) else {
      throw FieldFailure(field: name, reason: "missing \(name) (\(describe(name)))")
    }
    return value
  }

  func date(_ name: String, _ values: [String?], required: Bool) throws(FieldFailure) -> CalendarDate? {
    guard let raw = string(name, values) else {
      if required { throw FieldFailure(field: name, reason: "missing \(name) (\(describe(name)))") }
      return nil
    }
    switch ValueParsing.date(raw, format: mapping.fields[name]?.spec.format) {
    case .date(let date): return date
    case .null:
      if required { throw FieldFailure(field: name, reason: "\(name) is an empty date ('\(raw)')") }
      return nil
    case .invalid(let why): throw FieldFailure(field: name, reason: why)
    }
  }

  func bool(_ name: String, _ values: [String?]) throws(FieldFailure) -> Bool? {
    guard let raw = string(name, values) else { return nil }
    guard let value = ValueParsing.bool(raw) else {
      throw FieldFailure(field: name, reason: "'\(raw)' is not a yes/no value; map it in the mapping's 'map'")
    }
    return value
  }

  func integer(_ name: String, _ values: [String?]) throws(FieldFailure) -> Int? {
    guard let raw = string(name, values) else { return nil }
    guard let value = ValueParsing.integer(raw) else {
      throw FieldFailure(field: name, reason: "'\(raw)' is not a whole number")
    }
    return value
  }

  /// Where a field was looked for, for messages.
  func describe(_ name: String) -> String {
    guard let binding = mapping.fields[name] else { return "not mapped" }
    switch binding.source {
    case .constant(let value): return "constant '\(value)'"
    case .slot(let slot): return "path \(mapping.slotPaths[slot])"
    }
  }

  func jobEvent(line: Int, values: [String?]) -> Built<JobEvent> {
    let key = string("person_id", values) ?? ""
    let location = SourceLocation(input: input, line: line)
    do throws(FieldFailure) {
      let person = try required("person_id", values)
      guard let effective = try date("effective_date", values, required: true) else {
        throw FieldFailure(field: "effective_date", reason: "missing effective_date")
      }
      let rawType = try required("event_type", values)
      guard let type = EventType(rawValue: rawType) else {
        throw FieldFailure(
          field: "event_type",
          reason: "unknown event type '\(rawType)'; map it to one of \(EventType.allCases.map(\.rawValue).joined(separator: ", ")) in the mapping")
      }
      let event = JobEvent(
        personID: person, effectiveDate: effective, eventType: type,
        jobLevel: string("job_level", values), isPeopleLeader: try bool("is_people_leader", values),
        managerID: string("manager_id", values), orgUnitID: string("org_unit_id", values),
        orgUnitName: string("org_unit_name", values), sequence: try integer("sequence", values),
        location: location)
      return .record(event)
    } catch {
      return .rejected(RejectedRecord(location: location, recordKey: key, field: error.field, reason: error.reason))
    }
  }

  func teamPeriod(line: Int, values: [String?]) -> Built<TeamPeriod> {
    let location = SourceLocation(input: input, line: line)
    let leader = string("leader_id", values) ?? ""
    var key = leader
    do throws(FieldFailure) {
      let leaderID = try required("leader_id", values)
      guard let rawPeriod = string("period", values) else {
        throw FieldFailure(field: "period", reason: "missing period (\(describe("period")))")
      }
      guard let period = ValueParsing.period(rawPeriod, format: mapping.fields["period"]?.spec.format) else {
        throw FieldFailure(field: "period", reason: "'\(rawPeriod)' is not a month (YYYY-MM) or a date")
      }
      key = "\(leaderID) \(period)"
      let headcount = try integer("headcount", values)
      if let headcount, headcount < 0 || headcount > 100_000 {
        throw FieldFailure(field: "headcount", reason: "headcount \(headcount) is outside 0...100000")
      }
      var indicatorValues: [Double?] = []
      indicatorValues.reserveCapacity(mapping.indicators.count)
      for (indicator, binding) in mapping.indicators {
        guard let raw = text(binding, values) else {
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
          leaderID: leaderID, teamID: string("team_id", values), orgUnitID: string("org_unit_id", values),
          orgUnitName: string("org_unit_name", values), period: period, headcount: headcount,
          values: indicatorValues, location: location))
    } catch {
      return .rejected(RejectedRecord(location: location, recordKey: key, field: error.field, reason: error.reason))
    }
  }
}
