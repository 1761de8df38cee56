/// What kind of figure a run records in the ledger, so that later runs, `orgready history` and
/// `orgready diff` can compare with it. Scopes after the first four were added with ledger schema
/// v2; runs recorded before it have none of them.
public enum FigureScope: String, Codable, Sendable, CaseIterable {
  /// An org unit's rank on the shown priority list (key: org unit id; label: its name).
  case unitRank = "unit.rank"
  /// An org unit's priority score (key: org unit id).
  case unitScore = "unit.score"
  /// An indicator's Spearman rho with time in role (key: indicator name).
  case correlationRho = "correlation.rho"
  /// Its Benjamini–Hochberg q (key: indicator name).
  case correlationQ = "correlation.q"
  /// An org unit's tier (key: org unit id; value: `SupportTier.ordinal`: 0 act now, 1 watch,
  /// 2 fine; label: its name).
  case unitTier = "unit.tier"
  /// Whether an indicator's verdict is `linked` (key: indicator name; value 1 or 0; label: its label).
  case indicatorLinked = "indicator.linked"
  /// The organisation's typical team on a scored indicator: the median of the team values the
  /// units were scored on (key: indicator name).
  case indicatorMedian = "indicator.median"
  /// The robust SD of those team values (key: indicator name).
  case indicatorSpread = "indicator.spread"
  /// Organisation-wide counts and shares (key: an `OrganisationFigure`).
  case organisation = "org"
  /// An input's records read, accepted and rejected (key: input name).
  case inputRecordsRead = "input.records_read"
  case inputAccepted = "input.accepted"
  case inputRejected = "input.rejected"
}

/// The keys of `FigureScope.organisation`.
public enum OrganisationFigure: String, Codable, Sendable, CaseIterable {
  case actNowUnits = "act_now_units"
  case watchUnits = "watch_units"
  case fineUnits = "fine_units"
  case linkedIndicators = "linked_indicators"
  case teams, leaders
  /// Share of the analysed teams' leaders early in role (absent when suppressed).
  case earlyInRoleShare = "early_in_role_share"
}

/// One figure of a run: about an org unit, an indicator, an input or the whole organisation,
/// never an individual. `label` names what the key identifies (an org unit's name), for output.
public struct RunFigure: Hashable, Sendable {
  public var scope: FigureScope
  public var key: String
  public var value: Double
  public var label: String?

  public init(scope: FigureScope, key: String, value: Double, label: String? = nil) {
    self.scope = scope
    self.key = key
    self.value = value
    self.label = label
  }
}

/// One earlier run of a pipeline as the ledger keeps it: its id, as-of date and figures.
public struct PastRun: Hashable, Sendable {
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

  /// An organisation-wide figure, when the run recorded it.
  public func organisation(_ key: OrganisationFigure) -> Double? {
    figures.first { $0.scope == .organisation && $0.key == key.rawValue }?.value
  }
}

/// What the ledger knows of a pipeline's earlier runs when a report is built: the previous
/// successful run's figures, for the "since the previous run" comparison, and the runs that make
/// the report's trends (`months`: one run per earlier as-of month, oldest first).
public struct PreviousFigures: Hashable, Sendable {
  public var run: Report.PreviousRun
  public var figures: [RunFigure]
  /// The latest successful run of each as-of month before this run's month that recorded
  /// organisation-wide figures, oldest first: the earlier points of the trends.
  public var months: [PastRun]

  public init(run: Report.PreviousRun, figures: [RunFigure], months: [PastRun] = []) {
    self.run = run
    self.figures = figures
    self.months = months
  }

  /// The figures of one scope by key.
  public func values(_ scope: FigureScope) -> [String: Double] {
    PastRun(run: run, figures: figures).values(scope)
  }
}

extension Report {
  /// The figures this report leaves in the ledger.
  public var figures: [RunFigure] {
    var out: [RunFigure] = []
    let labels = Dictionary(indicators.map { ($0.name, $0.label) }, uniquingKeysWith: { a, _ in a })
    for c in correlations {
      if let rho = c.rho { out.append(RunFigure(scope: .correlationRho, key: c.indicator, value: rho)) }
      if let q = c.q { out.append(RunFigure(scope: .correlationQ, key: c.indicator, value: q)) }
      out.append(
        RunFigure(
          scope: .indicatorLinked, key: c.indicator, value: c.link == .linked ? 1 : 0, label: labels[c.indicator]))
    }
    for p in priorities {
      out.append(RunFigure(scope: .unitRank, key: p.orgUnit, value: Double(p.rank), label: p.orgUnitName))
      out.append(RunFigure(scope: .unitScore, key: p.orgUnit, value: p.score))
      out.append(RunFigure(scope: .unitTier, key: p.orgUnit, value: Double(p.tier.ordinal), label: p.orgUnitName))
    }
    for level in trends?.levels ?? [] {
      out.append(RunFigure(scope: .indicatorMedian, key: level.indicator, value: level.median))
      out.append(RunFigure(scope: .indicatorSpread, key: level.indicator, value: level.spread))
    }
    var organisation: [(OrganisationFigure, Double)] = [
      (.actNowUnits, Double(overview.actNowUnits)), (.watchUnits, Double(overview.watchUnits)),
      (.fineUnits, Double(overview.fineUnits)), (.linkedIndicators, Double(linkedIndicators.count)),
      (.teams, Double(population.teams)), (.leaders, Double(population.leaders)),
    ]
    if let share = trends?.points.last?.earlyInRoleShare { organisation.append((.earlyInRoleShare, share)) }
    for (key, value) in organisation { out.append(RunFigure(scope: .organisation, key: key.rawValue, value: value)) }
    for input in inputs {
      out.append(RunFigure(scope: .inputRecordsRead, key: input.name, value: Double(input.recordsRead)))
      out.append(RunFigure(scope: .inputAccepted, key: input.name, value: Double(input.accepted)))
      out.append(RunFigure(scope: .inputRejected, key: input.name, value: Double(input.rejected)))
    }
    return out
  }
}
