import Foundation
import OrgReadiness

/// The history of a pipeline's runs: the one component that reads and writes the run ledger
/// (`ledger.sqlite` in the output folder). The publish stage asks it for the previous run's figures
/// before the report is built, and records the run once the report is in place; a failed run is
/// recorded on the way out.
struct RunHistory {
  let ledger: RunLedger

  static func path(directory: String) -> String {
    (directory as NSString).appendingPathComponent("ledger.sqlite")
  }

  init(directory: String) throws(RunFailure) {
    let path = Self.path(directory: directory)
    do { ledger = try RunLedger(path: path) } catch {
      throw .unexpected("\(path): cannot open the run ledger: \(error)")
    }
  }

  /// The figures of the latest successful run of `pipeline`; nil when there is none (or the ledger
  /// cannot be read, which only costs the comparison).
  func previousFigures(pipeline: String) -> PreviousFigures? {
    guard let run = try? ledger.previousSuccessfulRun(pipeline: pipeline),
      let stored = try? ledger.figures(runID: run.id)
    else { return nil }
    return PreviousFigures(
      run: Report.PreviousRun(id: run.id, asOf: run.asOf),
      figures: stored.compactMap { f in
        FigureScope(rawValue: f.scope).map { RunFigure(scope: $0, key: f.key, value: f.value) }
      })
  }

  /// Records a successful run and its report's figures in one transaction.
  func recordSuccess(_ run: LedgerRun, report: Report) throws(RunFailure) {
    let figures = report.figures.map {
      LedgerFigure(runID: run.id, scope: $0.scope.rawValue, key: $0.key, value: $0.value)
    }
    do { try ledger.record(run, figures: figures) } catch {
      throw .unexpected("\(ledger.path): cannot record the run in the ledger: \(error)")
    }
  }

  /// Notes a failed run (best effort: the failure itself is what the caller reports).
  func recordFailure(_ run: LedgerRun) {
    try? ledger.record(run, figures: [])
  }
}
