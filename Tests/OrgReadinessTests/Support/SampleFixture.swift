import Foundation

@testable import OrgReadiness
@testable import OrgReadinessIngest
@testable import OrgReadinessSample

/// Runs the real ingest and analysis on generated sample bytes (written to a temporary folder).
enum SampleFixture {
  static let asOf = CalendarDate.literal("2026-11-25")

  /// The standard sample (seed 7, 400 leaders, leaders-only job history) analysed once for all
  /// tests: hotspot units, small units and the planted effects are known from its summary.
  static let standard: (outcome: AnalysisOutcome, summary: SampleSummary) = {
    let config = SampleConfiguration(seed: 7, leaders: 400, asOf: asOf, includeIndividualContributors: false)
    final class Buffer: @unchecked Sendable { var bytes: [UInt8] = [] }
    let jobs = Buffer()
    let teams = Buffer()
    let enrolments = Buffer()
    let summary = SampleGenerator.generate(
      config, jobHistory: { jobs.bytes += $0 }, teamMetrics: { teams.bytes += $0 },
      supportEnrolments: { enrolments.bytes += $0 })
    do {
      return (try analyse(jobs: jobs.bytes, teams: teams.bytes, enrolments: enrolments.bytes, asOf: asOf), summary)
    } catch {
      preconditionFailure("the sample could not be analysed: \(error)")
    }
  }()

  static var report: Report {
    Report(
      outcome: standard.outcome, run: .init(id: "test", asOf: asOf, pipeline: "test", toolVersion: "test"), inputs: [])
  }

  static func analyse(
    jobs: [UInt8], teams: [UInt8], enrolments: [UInt8]? = nil, asOf: CalendarDate
  ) throws -> AnalysisOutcome {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let jobPath = dir.appendingPathComponent("job_history.xml").path
    let teamPath = dir.appendingPathComponent("team_metrics.xml").path
    try Data(jobs).write(to: URL(fileURLWithPath: jobPath))
    try Data(teams).write(to: URL(fileURLWithPath: teamPath))
    let jobMapping = try MappingLoader.load(path: TestPaths.mapping("workday-raas-job-history")).mapping
    let teamMapping = try MappingLoader.load(path: TestPaths.mapping("workday-raas-team-metrics")).mapping
    let events = try Ingest.jobEvents(path: jobPath, mapping: jobMapping, input: 0).records
    let periods = try Ingest.teamPeriods(path: teamPath, mapping: teamMapping, input: 1).records
    let people = resolvePeople(selectAsOf(events, asOf: asOf).kept, asOf: asOf)
    var links = ReportingLinks()
    for id in people.keys.sorted() { links.add(people[id] ?? PersonState(personID: id)) }
    var supportEnrolments: [SupportEnrolment]?
    if let enrolments {
      let path = dir.appendingPathComponent("support_enrolments.xml").path
      try Data(enrolments).write(to: URL(fileURLWithPath: path))
      let mapping = try MappingLoader.load(path: TestPaths.mapping("plain-support-enrolments")).mapping
      let records = try Ingest.supportEnrolments(path: path, mapping: mapping, input: 2).records
      supportEnrolments = selectEnrolments(records, asOf: asOf).kept
    }
    return OrgReadiness.analyse(
      people: people, periods: selectAsOf(periods, asOf: asOf).kept,
      indicators: teamMapping.indicators.map(\.indicator), asOf: asOf,
      settings: AnalysisSettings(bootstrapResamples: 200), chains: links.chains(above: people.keys.sorted()),
      enrolments: supportEnrolments)
  }
}
