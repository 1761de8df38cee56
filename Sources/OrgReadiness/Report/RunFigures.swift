/// What kind of figure a run records in the ledger, so that later runs can compare with it.
public enum FigureScope: String, Codable, Sendable, CaseIterable {
  /// An org unit's rank on the shown priority list (key: org unit id).
  case unitRank = "unit.rank"
  /// An org unit's priority score (key: org unit id).
  case unitScore = "unit.score"
  /// An indicator's Spearman rho with time in role (key: indicator name).
  case correlationRho = "correlation.rho"
  /// Its Benjamini–Hochberg q (key: indicator name).
  case correlationQ = "correlation.q"
}

/// One figure of a run: about an org unit or an indicator, never an individual.
public struct RunFigure: Hashable, Sendable {
  public var scope: FigureScope
  public var key: String
  public var value: Double

  public init(scope: FigureScope, key: String, value: Double) {
    self.scope = scope
    self.key = key
    self.value = value
  }
}

/// The figures of the previous successful run of the same pipeline, for the report's
/// "since the previous run" comparison.
public struct PreviousFigures: Hashable, Sendable {
  public var run: Report.PreviousRun
  public var figures: [RunFigure]

  public init(run: Report.PreviousRun, figures: [RunFigure]) {
    self.run = run
    self.figures = figures
  }

  /// The figures of one scope by key.
  public func values(_ scope: FigureScope) -> [String: Double] {
    var out: [String: Double] = [:]
    for figure in figures where figure.scope == scope { out[figure.key] = figure.value }
    return out
  }
}

extension Report {
  /// The figures this report leaves in the ledger.
  public var figures: [RunFigure] {
    var out: [RunFigure] = []
    for c in correlations {
      if let rho = c.rho { out.append(RunFigure(scope: .correlationRho, key: c.indicator, value: rho)) }
      if let q = c.q { out.append(RunFigure(scope: .correlationQ, key: c.indicator, value: q)) }
    }
    for p in priorities {
      out.append(RunFigure(scope: .unitRank, key: p.orgUnit, value: Double(p.rank)))
      out.append(RunFigure(scope: .unitScore, key: p.orgUnit, value: p.score))
    }
    return out
  }
}
