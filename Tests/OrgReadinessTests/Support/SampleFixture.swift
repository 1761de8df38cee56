import Foundation

@testable import OrgReadiness
@testable import OrgReadinessIngest

/// Runs the real ingest and analysis on generated sample bytes (written to a temporary folder).
enum SampleFixture {
  static func analyse(jobs: [UInt8], teams: [UInt8], asOf: CalendarDate) throws -> AnalysisOutcome {
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
    return OrgReadiness.analyse(
      events: selectAsOf(events, asOf: asOf).kept, periods: selectAsOf(periods, asOf: asOf).kept,
      indicators: teamMapping.indicators.map(\.indicator), asOf: asOf, windowLength: 3,
      settings: AnalysisSettings(bootstrapResamples: 200))
  }
}
