extension Report {
  /// The early-warning forecast: how many teams of leaders early in role are likely to show a
  /// first signal within the horizon, per org unit, shown only when its out-of-time backtest
  /// says it ranks teams better than chance on enough signals (docs/statistics.md).
  public struct EarlyWarning: Codable, Hashable, Sendable {
    public var horizonMonths: Int
    /// The signal followed, in words.
    public var signal: String
    public var shown: Bool
    /// Why the forecast is not shown (nil when it is).
    public var withheld: EarlyWarningWithheld?
    public var reading: String
    public var backtest: Backtest?
    /// Org units with at least `min_group_size` teams at risk, most expected crossings first;
    /// empty when not shown.
    public var units: [Unit]
    /// Teams at risk in units too small to list (counted, not shown).
    public var teamsInSmallUnits: Int

    enum CodingKeys: String, CodingKey {
      case horizonMonths = "horizon_months"
      case signal, shown, withheld, reading, backtest, units
      case teamsInSmallUnits = "teams_in_small_units"
    }

    public struct Backtest: Codable, Hashable, Sendable {
      public var teams: Int
      public var events: Int
      public var auc: Double?
      public var aucLow: Double?
      public var aucHigh: Double?
      public var brier: Double?
      public var baseRateBrier: Double?
      public var calibration: [CalibrationRow]

      enum CodingKeys: String, CodingKey {
        case teams, events, auc
        case aucLow = "auc_low"
        case aucHigh = "auc_high"
        case brier
        case baseRateBrier = "base_rate_brier"
        case calibration
      }
    }

    public struct CalibrationRow: Codable, Hashable, Sendable {
      public var teams: Int
      public var events: Int
      public var meanPredicted: Double
      public var observedRate: Double

      enum CodingKeys: String, CodingKey {
        case teams, events
        case meanPredicted = "mean_predicted"
        case observedRate = "observed_rate"
      }
    }

    public struct Unit: Codable, Hashable, Sendable {
      public var orgUnit: String
      public var orgUnitName: String
      public var teamsAtRisk: Int
      public var expected: Double
      public var low: Int
      public var high: Int

      enum CodingKeys: String, CodingKey {
        case orgUnit = "org_unit"
        case orgUnitName = "org_unit_name"
        case teamsAtRisk = "teams_at_risk"
        case expected, low, high
      }
    }
  }

  static func earlyWarning(_ outcome: EarlyWarningOutcome?, settings: AnalysisSettings) -> EarlyWarning? {
    guard let outcome else { return nil }
    let b = outcome.backtest
    let backtest = b.map {
      EarlyWarning.Backtest(
        teams: $0.teams, events: $0.events, auc: $0.auc, aucLow: $0.aucInterval?.low, aucHigh: $0.aucInterval?.high,
        brier: $0.brier, baseRateBrier: $0.baseRateBrier,
        calibration: $0.calibration.map {
          EarlyWarning.CalibrationRow(
            teams: $0.count, events: $0.events, meanPredicted: $0.meanPredicted, observedRate: $0.observedRate)
        })
    }
    let shown = outcome.withheld == nil
    let listed = outcome.units.filter { $0.teamsAtRisk >= settings.minGroupSize }.sorted {
      $0.expected != $1.expected ? $0.expected > $1.expected : $0.orgUnitID < $1.orgUnitID
    }
    return EarlyWarning(
      horizonMonths: outcome.settings.horizon,
      signal: Readings.earlyWarningSignal(settings),
      shown: shown, withheld: outcome.withheld,
      reading: Readings.earlyWarning(outcome, settings: settings),
      backtest: backtest,
      units: shown
        ? listed.map {
          EarlyWarning.Unit(
            orgUnit: $0.orgUnitID, orgUnitName: $0.orgUnitName, teamsAtRisk: $0.teamsAtRisk, expected: $0.expected,
            low: $0.low, high: $0.high)
        } : [],
      teamsInSmallUnits: shown
        ? outcome.units.filter { $0.teamsAtRisk < settings.minGroupSize }.reduce(0) { $0 + $1.teamsAtRisk } : 0)
  }
}
