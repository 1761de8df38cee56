import Dispatch
import Foundation
import OrgReadiness
import OrgReadinessIngest

/// What ingest and the resolve checks made of a pipeline's inputs: the as-of view the analysis
/// uses, the accounting of every input, and every record rejected or flagged on the way.
public struct PreparedInputs: Sendable {
  /// Team periods in the as-of view, of leaders the job history knows.
  public var periods: [TeamPeriod]
  /// Person directory records (deduplicated).
  public var directory: [PersonRecord]
  /// Leaders' support enrolments starting on or before the as-of date (deduplicated); nil when
  /// no input uses a support_enrolments mapping.
  public var enrolments: [SupportEnrolment]? = nil
  /// Team indicators: the union of the team inputs' indicators, aligned with `periods` values.
  public var indicators: [Indicator]
  /// The state on the as-of date of the leaders of teams in the metrics (of everyone when
  /// prepared with `keepEveryone`).
  public var people: [String: PersonState]
  /// Teams in the metrics (distinct leader ids) whose rows were rejected because the job history
  /// does not hold their leader.
  public var teamsOfUnknownLeaders: Int
  public var summaries: [Report.InputSummary]
  public var rejects: [RejectedRecord]
  public var flags: [FlaggedRecord]
  public var warnings: [Warning]
  /// The reporting chain above the team leaders, with each person's org unit: what the
  /// organisation tree is built from (nil only when made by hand, e.g. in tests).
  public var chains: LeaderChains? = nil
  /// Why the inputs cannot make a report (no people leader, or team metrics naming none), when
  /// prepared with `stopWhenUnusable: false` (`orgready validate` prints the counts first).
  public var unusable: String?
}

/// Loads a pipeline's mappings, reads its inputs and applies the resolve stage's checks. Shared by
/// `orgready run` and `orgready validate`, which stops here.
public enum InputPreparation {
  enum Ingested: Sendable {
    case jobs(IngestedJobHistory)
    case teams(IngestedFile<TeamPeriod>)
    case people(IngestedFile<PersonRecord>)
    case enrolments(IngestedFile<SupportEnrolment>)
    case failed(String)

    var digest: FileDigest? {
      switch self {
      case .jobs(let f): return f.digest
      case .teams(let f): return f.digest
      case .people(let f): return f.digest
      case .enrolments(let f): return f.digest
      case .failed: return nil
      }
    }

    var rejected: [RejectedRecord] {
      switch self {
      case .jobs(let f): return f.rejected
      case .teams(let f): return f.rejected
      case .people(let f): return f.rejected
      case .enrolments(let f): return f.rejected
      case .failed: return []
      }
    }

    /// Canonical records read (accepted at ingest or rejected there).
    var recordsRead: Int {
      switch self {
      case .jobs(let f): return f.store.count + f.rejected.count
      case .teams(let f): return f.recordsRead
      case .people(let f): return f.recordsRead
      case .enrolments(let f): return f.recordsRead
      case .failed: return 0
      }
    }

    var filtered: Int {
      switch self {
      case .jobs(let f): return f.filtered
      case .teams(let f): return f.filtered
      case .people(let f): return f.filtered
      case .enrolments(let f): return f.filtered
      case .failed: return 0
      }
    }
  }

  /// Loads and compiles every input's mapping once, with the mappings' warnings (unknown keys,
  /// scales guessed from a name).
  public static func loadMappings(
    _ definition: PipelineDefinition
  ) throws(RunFailure) -> (mappings: [String: CompiledMapping], warnings: [Warning]) {
    var mappings: [String: CompiledMapping] = [:]
    var warnings: [Warning] = []
    for input in definition.inputs where mappings[input.mapping] == nil {
      do {
        let (mapping, mappingWarnings) = try MappingLoader.load(path: input.mapping)
        mappings[input.mapping] = mapping
        warnings += mappingWarnings
      } catch {
        throw .configuration(error.description + " (used by input '\(input.name)' in \(definition.path))")
      }
    }
    return (mappings, warnings)
  }

  /// Reads every input, two at a time on a two-core machine (the inputs are independent).
  static func ingest(
    _ definition: PipelineDefinition, mappings: [String: CompiledMapping], asOf: CalendarDate,
    progress: (any RunProgress)?
  ) throws(RunFailure) -> [Ingested] {
    for input in definition.inputs where !FileManager.default.fileExists(atPath: input.path) {
      throw .input(
        "\(input.path): error: input '\(input.name)' does not exist; check 'inputs' in \(definition.path) or run 'make sample'"
      )
    }
    for input in definition.inputs
    where ((try? FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? nil) == 0 {
      throw .input(
        "\(input.path): error: input '\(input.name)' is empty (0 bytes): the export did not finish or wrote nothing; export it again, then run"
      )
    }
    let inputs = definition.inputs
    let results = ParallelResults<Ingested>(count: inputs.count)
    concurrentPerform(iterations: inputs.count) { i in
      let input = inputs[i]
      guard let mapping = mappings[input.mapping] else { return }
      let total = (try? FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? 0
      let report: (Int) -> Void = { progress?.bytes(input: input.name, read: $0, total: total) }
      do throws(XMLInputError) {
        switch mapping.kind {
        case .jobEvents:
          results.set(
            i, .jobs(try Ingest.jobHistory(path: input.path, mapping: mapping, input: i, asOf: asOf, progress: report)))
        case .teamPeriods:
          results.set(i, .teams(try Ingest.teamPeriods(path: input.path, mapping: mapping, input: i, progress: report)))
        case .people:
          results.set(i, .people(try Ingest.people(path: input.path, mapping: mapping, input: i, progress: report)))
        case .supportEnrolments:
          results.set(
            i,
            .enrolments(try Ingest.supportEnrolments(path: input.path, mapping: mapping, input: i, progress: report)))
        }
      } catch {
        results.set(i, .failed(error.description))
      }
    }
    var out: [Ingested] = []
    for (i, value) in results.values.enumerated() {
      guard let value else { throw .unexpected("internal error: input \(inputs[i].name) produced no result") }
      if case .failed(let message) = value { throw .input(message) }
      out.append(value)
    }
    return out
  }

  /// Reads the inputs and resolves them as of `asOf`: the as-of view, same-day contradictions,
  /// managers given by name, everyone's state, the reporting-chain checks and team metrics of
  /// unknown leaders. `records_read = accepted + rejected + duplicates + future_dated` is
  /// checked for every input.
  /// `keepEveryone` keeps every person's full state in `people` (for inspection and tests);
  /// a run keeps only the team leaders' (the rest are in the compact reporting links).
  public static func prepare(
    _ definition: PipelineDefinition, mappings: [String: CompiledMapping], asOf: CalendarDate,
    progress: (any RunProgress)? = nil, keepEveryone: Bool = false, stopWhenUnusable: Bool = true
  ) throws(RunFailure) -> PreparedInputs {
    let ingested = try ingest(definition, mappings: mappings, asOf: asOf, progress: progress)
    return try resolve(
      definition, mappings: mappings, ingested: consume ingested, asOf: asOf, keepEveryone: keepEveryone,
      stopWhenUnusable: stopWhenUnusable)
  }

  /// Consumes what ingest read, so that each input's records are handed on rather than copied.
  static func resolve(
    _ definition: PipelineDefinition, mappings: [String: CompiledMapping], ingested: consuming [Ingested],
    asOf: CalendarDate, keepEveryone: Bool = false, stopWhenUnusable: Bool = true
  ) throws(RunFailure) -> PreparedInputs {
    var ingested = ingested
    // Combine the inputs; team indicators are aligned on the union of the inputs' indicators.
    var jobStore: JobEventStore?
    var periods: [TeamPeriod] = []
    var directoryRecords: [PersonRecord] = []
    var enrolmentRecords: [SupportEnrolment] = []
    var indicators: [Indicator] = []
    for (i, file) in ingested.enumerated() {
      guard case .teams = file, let mapping = mappings[definition.inputs[i].mapping] else { continue }
      for (indicator, _) in mapping.indicators where !indicators.contains(where: { $0.name == indicator.name }) {
        indicators.append(indicator)
      }
    }
    var rejects: [RejectedRecord] = []
    var digests: [FileDigest?] = []
    var filtered: [Int] = []
    var rejectedAtIngest: [Int] = []
    var leaderEvidence: [Int: ValueTally] = [:]
    for i in ingested.indices {
      let file = ingested[i]
      rejects += file.rejected
      digests.append(file.digest)
      filtered.append(file.filtered)
      rejectedAtIngest.append(file.rejected.count)
      // Take the records out, so this input's arrays are referenced once and move on uncopied.
      ingested[i] = .failed("")
      switch file {
      case .jobs(let f):
        leaderEvidence[i] = f.leaderEvidence
        // Job histories join in input order, so duplicates across files are the later ones.
        if jobStore == nil { jobStore = f.store } else { jobStore?.append(contentsOf: f.store) }
      case .teams(let f):
        let own = mappings[definition.inputs[i].mapping]?.indicators.map(\.indicator.name) ?? []
        let positions = indicators.map { own.firstIndex(of: $0.name) }
        let aligned = positions.enumerated().allSatisfy { $0.offset == $0.element } && positions.count == own.count
        if aligned && periods.isEmpty {
          periods = f.records
        } else if aligned {
          periods += f.records
        } else {
          for var record in f.records {
            let own = record.values
            record.values = IndicatorValues(positions.map { $0.flatMap { own[$0] } })
            periods.append(record)
          }
        }
      case .people(let f): directoryRecords += f.records
      case .enrolments(let f): enrolmentRecords += f.records
      case .failed: break
      }
    }
    guard let store = jobStore.take() else {
      throw .configuration("\(definition.path): error: no input uses a job_events mapping; add the job history export")
    }
    guard definition.inputs.contains(where: { mappings[$0.mapping]?.kind == .teamPeriods }) else {
      throw .configuration(
        "\(definition.path): error: no input uses a team_periods mapping; add the team metrics export")
    }

    var warnings: [Warning] = []
    let directorySelection = selectDirectory(directoryRecords)
    directoryRecords = []
    let enrolmentSelection = selectEnrolments(enrolmentRecords, asOf: asOf)
    enrolmentRecords = []
    // Full states only for the leaders of teams in the metrics; everyone else is in the links.
    // The team metrics are sorted out on a thread of their own while the job history is resolved
    // (the job store is let go as the resolve finishes).
    let teamLeaders = keepEveryone ? [] : Set(periods.map(\.leaderID))
    let teamPeriods = Handoff(consume periods)
    let teamWork = OneThread { selectAsOf(teamPeriods.take(), asOf: asOf) }
    var history = resolveJobHistory(
      consume store, directory: directorySelection.kept, keep: { keepEveryone || teamLeaders.contains($0) })
    var teamSelection = teamWork.result()
    var people = history.people
    history.people = [:]
    let jobMappings = definition.inputs.compactMap { mappings[$0.mapping] }.filter { $0.kind == .jobEvents }
    let directReportsDecide = jobMappings.contains(where: { $0.peopleLeader == .directReports })
    if directReportsDecide {
      for (id, leads) in history.links.directReportsRule() where people[id] != nil {
        people[id]?.isPeopleLeader = leads
      }
    }
    // Never an empty report: a job history whose leader rule finds nobody says what it read.
    var unusable: String?
    if history.links.activeLeaders(directReportsDecide: directReportsDecide) == 0 {
      unusable = InputDiagnosis.noLeaderMessage(
        definition, mappings: mappings, evidence: leaderEvidence, people: history.links.count, asOf: asOf,
        recordElements: digests.map { $0?.recordElements ?? 0 })
    }
    let directoryIDs = Set(directorySelection.kept.map(\.personID))
    var flags = history.flags + history.links.check(isKnown: directoryIDs.contains)
    if !directReportsDecide { flags += history.links.leaderCrossCheck() }
    let teamLeaderIDs = ValueTally()
    for period in teamSelection.kept { teamLeaderIDs.add(period.leaderID) }
    let chains = history.links.chains(above: people.keys.sorted(), isKnown: directoryIDs.contains)
    let unknownLeaders = rejectTeamsOfUnknownLeaders(consume teamSelection, people: people)
    teamSelection = unknownLeaders.selection
    if unusable == nil,
      !teamSelection.kept.contains(where: { people[$0.leaderID].map { $0.isActive && $0.isPeopleLeader } ?? false })
    {
      unusable = InputDiagnosis.noTeamLeaderMessage(
        definition, mappings: mappings, teamLeaderIDs: teamLeaderIDs, matchedPeople: teamSelection.kept.count,
        jobHistoryIDs: history.links.exampleIDs(3), asOf: asOf,
        recordElements: digests.map { $0?.recordElements ?? 0 })
    }
    if let unusable, stopWhenUnusable { throw .input(unusable) }

    rejects += history.rejected + teamSelection.rejected + directorySelection.rejected
    var flaggedByInput: [Int32: Int] = [:]
    for flag in flags { flaggedByInput[flag.location.input, default: 0] += 1 }

    var summaries: [Report.InputSummary] = []
    for (i, input) in definition.inputs.enumerated() {
      let index = Int32(i)
      var counts =
        history.counts[index] ?? teamSelection.counts[index] ?? directorySelection.counts[index]
        ?? enrolmentSelection.counts[index] ?? RecordCounts()
      let rejectedHere = rejectedAtIngest[i]
      counts.read += rejectedHere
      counts.rejected += rejectedHere
      counts.filtered = filtered[i]
      guard counts.balances else {
        throw .unexpected("internal error: the record accounting for \(input.name) does not add up")
      }
      guard let digest = digests[i] else { continue }
      summaries.append(
        Report.InputSummary(
          name: input.name, path: input.path, mapping: input.mapping, sha256: digest.sha256,
          bytes: digest.bytes, counts: counts, flagged: flaggedByInput[index] ?? 0))
      if digest.recordElements == 0, let mapping = mappings[input.mapping] {
        warnings.append(InputDiagnosis.noRecordsWarning(input: input, mapping: mapping))
      }
    }
    let flagCounts = Dictionary(grouping: flags, by: \.check).mapValues(\.count)
    if !flagCounts.isEmpty {
      let parts = flagCounts.keys.sorted().map { "\($0) \(flagCounts[$0] ?? 0)" }
      warnings.append(
        Warning("\(flags.count) records flagged for review (\(parts.joined(separator: ", "))); see flags.csv"))
    }
    return PreparedInputs(
      periods: teamSelection.kept, directory: directorySelection.kept,
      enrolments: definition.inputs.contains { mappings[$0.mapping]?.kind == .supportEnrolments }
        ? enrolmentSelection.kept : nil,
      indicators: indicators, people: people, teamsOfUnknownLeaders: unknownLeaders.teams, summaries: summaries,
      rejects: rejects, flags: flags, warnings: warnings, chains: chains, unusable: unusable)
  }

  /// The inputs over the pipeline's error budget, as one message, or nil when all are within it.
  public static func errorBudgetBreach(_ summaries: [Report.InputSummary], budget: Double) -> String? {
    let over = summaries.filter { $0.recordsRead > 0 && Double($0.rejected) / Double($0.recordsRead) > budget }
    guard !over.isEmpty else { return nil }
    let parts = over.map { s in
      "\(s.name): \(s.rejected) of \(s.recordsRead) records rejected (\(ValueFormat.fixed(100 * Double(s.rejected) / Double(s.recordsRead), 1))%)"
    }
    return "\(parts.joined(separator: "; ")), over the error budget of \(ValueFormat.fixed(budget * 100, 1))%"
  }
}
