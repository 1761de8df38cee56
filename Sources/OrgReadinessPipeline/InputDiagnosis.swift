import OrgReadiness
import OrgReadinessIngest

/// What is said about inputs that cannot be used as they are: an input whose record path matches
/// nothing, and a run that would report on nobody (a job history whose leader rule finds no people
/// leader, or team metrics that name no leader). Each says which rule found nothing, what the
/// export holds instead (its most frequent values) and what to change, so that a new export fails
/// with an explanation rather than publishing an empty report.
enum InputDiagnosis {
  static let shown = 5

  /// The inputs read through each mapping of `kind`, in input order, grouped by mapping file.
  static func inputsByMapping(
    _ definition: PipelineDefinition, mappings: [String: CompiledMapping], kind: MappingDefinition.RecordKind
  ) -> [(mapping: CompiledMapping, inputs: [Int])] {
    var groups: [(mapping: String, inputs: [Int])] = []
    for (i, input) in definition.inputs.enumerated() where mappings[input.mapping]?.kind == kind {
      if let g = groups.firstIndex(where: { $0.mapping == input.mapping }) {
        groups[g].inputs.append(i)
      } else {
        groups.append((input.mapping, [i]))
      }
    }
    return groups.compactMap { group in mappings[group.mapping].map { ($0, group.inputs) } }
  }

  static func describeInputs(_ definition: PipelineDefinition, _ inputs: [Int]) -> String {
    let names = inputs.map { "'\(definition.inputs[$0].name)' (\(definition.inputs[$0].path))" }
    return names.count <= 2 ? names.joined(separator: " and ") : "\(names[0]) and \(names.count - 1) more"
  }

  /// An input in which the mapping's record path matched nothing: what the file holds instead.
  static func noRecordsWarning(input: PipelineDefinition.Input, mapping: CompiledMapping) -> Warning {
    let suggestion = (try? RecordPathHint.profile(path: input.path, mapping: mapping))?.suggestion
    return Warning(
      source: input.path,
      "no element matches the record path '\(mapping.record)' of mapping '\(mapping.name)' (\(input.mapping)), so input '\(input.name)' holds no records\(suggestion.map { "; \($0)" } ?? ""); see 'orgready mappings preview \(mapping.name) \(input.path)'"
    )
  }

  static func noRecordsLine(_ definition: PipelineDefinition, _ inputs: [Int], mapping: CompiledMapping) -> String {
    let input = definition.inputs[inputs[0]]
    let suggestion = (try? RecordPathHint.profile(path: input.path, mapping: mapping))?.suggestion
    return
      "no element matches the record path '\(mapping.record)', so nothing was read\(suggestion.map { " (\($0))" } ?? ""); see 'orgready mappings preview \(mapping.name) \(input.path)'"
  }

  static func noLeaderMessage(
    _ definition: PipelineDefinition, mappings: [String: CompiledMapping], evidence: [Int: ValueTally], people: Int,
    asOf: CalendarDate, recordElements: [Int]
  ) -> String {
    var advise = false
    var out =
      "\(definition.path): error: the job history yields no people leader on \(asOf) (among \(people) people), so there would be nothing to report"
    for (mapping, inputs) in inputsByMapping(definition, mappings: mappings, kind: .jobEvents) {
      out += ". Input \(describeInputs(definition, inputs)), mapping '\(mapping.name)': "
      if inputs.allSatisfy({ recordElements[$0] == 0 }) {
        out += noRecordsLine(definition, inputs, mapping: mapping)
        continue
      }
      let tally = ValueTally()
      for i in inputs { if let t = evidence[i] { tally.merge(t) } }
      if people == 0 {
        out +=
          "no event was accepted, so no person is known: every record was rejected (the reasons: 'orgready validate \(definition.path)')"
        continue
      }
      advise = true
      out += "the rule \(mapping.leaderRuleDescription) found no leader"
      if tally.total == 0 {
        out += "; that value is absent from all \(tally.absent) records read"
      } else {
        out += "; the export's most frequent values there: \(tally.describeTop(shown))"
        if tally.absent > 0 { out += ", and absent in \(tally.absent) records" }
      }
    }
    if advise {
      out +=
        ". Change the leader rule to fit these values (e.g. a rank_at_most cut-off or a matches pattern on management_level; docs/mappings.md, 'People leaders and managers') and check it with 'orgready mappings preview'"
    }
    return out
  }

  static func noTeamLeaderMessage(
    _ definition: PipelineDefinition, mappings: [String: CompiledMapping], teamLeaderIDs: ValueTally,
    matchedPeople: Int, jobHistoryIDs: [String], asOf: CalendarDate, recordElements: [Int]
  ) -> String {
    let groups = inputsByMapping(definition, mappings: mappings, kind: .teamPeriods)
    var out =
      "\(definition.path): error: the team metrics match no people leader on \(asOf), so there would be nothing to report"
    for (mapping, inputs) in groups {
      out += ". Input \(describeInputs(definition, inputs)), mapping '\(mapping.name)'"
      if inputs.allSatisfy({ recordElements[$0] == 0 }) {
        out += ": " + noRecordsLine(definition, inputs, mapping: mapping)
      }
    }
    guard teamLeaderIDs.total > 0 else {
      return out + ". No team-month falls in or before \(asOf.period)"
    }
    out +=
      ". Of \(teamLeaderIDs.total) team-months up to \(asOf.period), \(matchedPeople) name a person in the job history, and none of those is an active people leader then"
    out += ". The most frequent leader_id values: \(teamLeaderIDs.describeTop(shown))"
    if !jobHistoryIDs.isEmpty {
      out += "; person ids in the job history look like \(jobHistoryIDs.map { "'\($0)'" }.joined(separator: ", "))"
    }
    out +=
      ". Check that leader_id reads the same kind of id as the job history's person_id (e.g. the Employee_ID, not the WID), and that the job history's leader rule recognises these people as leaders"
    return out
  }
}
