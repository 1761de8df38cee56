import Foundation
import OrgReadiness
import OrgReadinessIngest

/// What `orgready validate` found: the inputs' accounting, the reasons records were rejected or
/// flagged, and whether the run would pass its error budget. Nothing is written.
public struct ValidationReport: Sendable {
  public var definition: PipelineDefinition
  public var asOf: CalendarDate
  public var prepared: PreparedInputs
  /// Set when an input is over the error budget (the run would exit 3).
  public var budgetBreach: String?

  /// Reads and resolves the pipeline's inputs as `orgready run` would, without analysing or
  /// publishing anything.
  public static func validate(
    _ definition: PipelineDefinition, asOf: CalendarDate, options: RunOptions
  ) throws(RunFailure) -> ValidationReport {
    let (mappings, warnings) = try InputPreparation.loadMappings(definition)
    var prepared = try InputPreparation.prepare(
      definition, mappings: mappings, asOf: asOf, progress: options.progress, stopWhenUnusable: false)
    prepared.warnings = warnings + prepared.warnings
    return ValidationReport(
      definition: definition, asOf: asOf, prepared: prepared,
      budgetBreach: InputPreparation.errorBudgetBreach(prepared.summaries, budget: definition.errorBudget))
  }

  /// A plain-text summary: one block per input with its counts, then the most frequent reasons.
  public func render(maximumReasons: Int = 8) -> String {
    var out = "pipeline \(definition.name) (\(definition.path)), as of \(asOf)\n"
    for (i, input) in prepared.summaries.enumerated() {
      out += "\ninput \(input.name): \(input.path)\n"
      out += "  mapping: \(input.mapping)\n"
      out +=
        "  \(input.recordsRead) records read: \(input.accepted) accepted, \(input.rejected) rejected, \(input.duplicates) duplicates, \(input.futureDated) future-dated"
      out += "; \(input.filtered) filtered out by the mapping, \(input.flagged) flagged\n"
      let rejects = prepared.rejects.filter { Int($0.location.input) == i }
      for (reason, count, example) in Self.grouped(rejects.map { ($0.field, $0.reason, $0.location.line) }).prefix(
        maximumReasons)
      {
        out += "  rejected \(count)× \(reason) (e.g. line \(example))\n"
      }
      let flags = prepared.flags.filter { Int($0.location.input) == i }
      for (reason, count, example) in Self.grouped(flags.map { ($0.check, $0.reason, $0.location.line) }).prefix(
        maximumReasons)
      {
        out += "  flagged \(count)× \(reason) (e.g. line \(example))\n"
      }
    }
    for warning in prepared.warnings { out += "\n\(warning)\n" }
    if prepared.unusable != nil {
      out += "\nthe inputs cannot make a report (see the error); 'orgready run' would stop with exit code 2\n"
    } else if let budgetBreach {
      out += "\nerror budget exceeded: \(budgetBreach); 'orgready run' would stop with exit code 3\n"
    } else {
      out += "\nwithin the error budget of \(ValueFormat.fixed(definition.errorBudget * 100, 1))%\n"
    }
    return out
  }

  /// Groups (field, reason, line) by field and reason, most frequent first, with the first line.
  static func grouped(_ items: [(String, String, Int32)]) -> [(String, Int, Int32)] {
    var counts: [String: (count: Int, line: Int32)] = [:]
    for (field, reason, line) in items {
      let key = field.isEmpty ? reason : "\(field): \(reason)"
      let entry = counts[key]
      counts[key] = ((entry?.count ?? 0) + 1, min(entry?.line ?? line, line))
    }
    return counts.sorted { a, b in a.value.count != b.value.count ? a.value.count > b.value.count : a.key < b.key }
      .map { ($0.key, $0.value.count, $0.value.line) }
  }
}

/// Reads one file through one mapping and describes what it yields, record by record: the tool
/// for writing a mapping (`orgready mappings preview`).
public enum MappingPreview {
  /// Fails (exit 2) when the mapping's record path matches no element of the file, naming the
  /// file's root element, its most frequent paths and the closest record path.
  public static func render(
    path: String, mapping: CompiledMapping, limit: Int, mappingFile: String? = nil
  ) throws(RunFailure) -> String {
    do {
      return try read(path: path, mapping: mapping, limit: limit, mappingFile: mappingFile)
    } catch {
      throw .input(error.description)
    }
  }

  static func read(
    path: String, mapping: CompiledMapping, limit: Int, mappingFile: String?
  ) throws(XMLInputError) -> String {
    var lines: [(Int32, String)] = []
    var rejects: [RejectedRecord] = []
    var filtered = 0
    var elements = 0
    switch mapping.kind {
    case .jobEvents:
      let file = try Ingest.jobEvents(path: path, mapping: mapping, input: 0)
      lines = file.records.map { e in
        (
          e.location.line,
          describe([
            ("person_id", e.personID), ("person_name", e.personName), ("effective_date", e.effectiveDate.description),
            ("event_type", e.eventType.rawValue), ("sequence", e.sequence.map(String.init)), ("job_level", e.jobLevel),
            ("is_people_leader", e.isPeopleLeader.map { $0 ? "true" : "false" }), ("manager_id", e.managerID),
            ("manager_name", e.managerName), ("org_unit_id", e.orgUnitID), ("org_unit_name", e.orgUnitName),
          ])
        )
      }
      (rejects, filtered, elements) = (file.rejected, file.filtered, file.digest.recordElements)
    case .teamPeriods:
      let file = try Ingest.teamPeriods(path: path, mapping: mapping, input: 0)
      lines = file.records.map { t in
        var fields: [(String, String?)] = [
          ("leader_id", t.leaderID), ("period", t.period.description), ("team_id", t.teamID),
          ("org_unit_id", t.orgUnitID), ("org_unit_name", t.orgUnitName), ("headcount", t.headcount.map(String.init)),
        ]
        for (k, (indicator, _)) in mapping.indicators.enumerated() {
          fields.append((indicator.name, t.values[k].map { ValueFormat.fixed($0, 3) }))
        }
        return (t.location.line, describe(fields))
      }
      (rejects, filtered, elements) = (file.rejected, file.filtered, file.digest.recordElements)
    case .people:
      let file = try Ingest.people(path: path, mapping: mapping, input: 0)
      lines = file.records.map { p in
        (
          p.location.line,
          describe([
            ("person_id", p.personID), ("person_name", p.personName),
            ("is_active", p.isActive.map { $0 ? "true" : "false" }),
            ("is_people_leader", p.isPeopleLeader.map { $0 ? "true" : "false" }),
          ])
        )
      }
      (rejects, filtered, elements) = (file.rejected, file.filtered, file.digest.recordElements)
    case .supportEnrolments:
      let file = try Ingest.supportEnrolments(path: path, mapping: mapping, input: 0)
      lines = file.records.map { e in
        (
          e.location.line,
          describe([
            ("leader_id", e.leaderID), ("program", e.program), ("start_date", e.startDate.description),
            ("end_date", e.endDate?.description),
          ])
        )
      }
      (rejects, filtered, elements) = (file.rejected, file.filtered, file.digest.recordElements)
    }
    if elements == 0 {
      throw .noRecords(
        message: try RecordPathHint.profile(path: path, mapping: mapping).message(file: path, mappingFile: mappingFile))
    }
    var all = lines.map { ($0.0, "line \($0.0): \($0.1)") }
    all += rejects.map {
      ($0.location.line, "line \($0.location.line): REJECTED \($0.field.isEmpty ? "" : $0.field + ": ")\($0.reason)")
    }
    all.sort { $0.0 < $1.0 }
    var out =
      "\(mapping.name) on \(path): \(elements) record elements, \(lines.count) records, \(rejects.count) rejected, \(filtered) filtered out\n"
    for (_, line) in all.prefix(limit) { out += line + "\n" }
    if all.count > limit { out += "... \(all.count - limit) more\n" }
    return out
  }

  static func describe(_ fields: [(String, String?)]) -> String {
    fields.compactMap { name, value in value.map { "\(name)=\($0)" } }.joined(separator: " ")
  }
}
