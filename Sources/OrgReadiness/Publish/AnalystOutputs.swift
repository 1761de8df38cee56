/// The restricted analyst view: every analysed team, most urgent first, with its leader only under
/// the pseudonym the caller supplies (a keyed HMAC of the employee id). The raw id never reaches
/// the view, so no renderer can write it.
public struct AnalystView: Sendable {
  public struct Row: Sendable {
    /// The leader's keyed pseudonym.
    public var leader: String
    public var team: TeamPriority
    /// The early warning's P(first signal within the horizon), and the covariates raising it most;
    /// empty when the team is not forecast (not at risk, or the forecast is withheld).
    public var forecast: String = ""
    public var forecastDrivers: String = ""
    /// The leader's place in the capacity plan: "slot 3" (the plan's order), "next" (the next
    /// period's slots) or "" (none, or no plan).
    public var coaching: String = ""
  }

  public static let classification =
    "RESTRICTED - people analytics and HR business partners only; for routing support, never for evaluation"

  public var asOf: String
  public var runID: String
  public var toolVersion: String
  public var indicators: [Indicator]
  public var rows: [Row]

  public init(
    report: Report, leaders: [LeaderPriority], indicators: [Indicator], forecasts: [TeamForecast] = [],
    pseudonym: @Sendable (String) -> String
  ) {
    asOf = report.run.asOf.description
    runID = report.run.id
    toolVersion = report.run.toolVersion
    self.indicators = indicators
    let byLeader = Dictionary(forecasts.map { ($0.leaderID, $0) }, uniquingKeysWith: { a, _ in a })
    // Rows are independent (a pseudonym is a keyed hash of the id alone): made in chunks on all
    // cores, in the leaders' order.
    rows = parallelMap(count: leaders.count) { i in
      let forecast = byLeader[leaders[i].leaderID]
      return Row(
        leader: pseudonym(leaders[i].leaderID), team: leaders[i].team,
        forecast: forecast.map { ValueFormat.fixed($0.probability, 3) } ?? "",
        forecastDrivers: forecast.map { Readings.forecastDrivers($0.contributions) } ?? "")
    }
    if let plan = report.capacityPlan {
      for (index, word) in AnalystView.coaching(plan, rows: rows, newLeaderDays: report.settings.newLeaderDays) {
        rows[index].coaching = word
      }
    }
  }

  /// Which leaders take a planned unit's slots: in each unit, in the plan's order, its leaders
  /// early in role, most urgent first (the rows' order); the plan's slots are numbered in the order
  /// they are taken, and the next period's are "next".
  static func coaching(
    _ plan: Report.CapacityPlan, rows: [Row], newLeaderDays: Int
  ) -> [(index: Int, word: String)] {
    var byUnit: [String: [Int]] = [:]
    for (i, row) in rows.enumerated() where row.team.daysInRole <= newLeaderDays {
      byUnit[row.team.orgUnitID, default: []].append(i)
    }
    var taken: [String: Int] = [:]
    var out: [(index: Int, word: String)] = []
    var slot = 0
    for (units, isNext) in [(plan.units, false), (plan.next, true)] {
      for unit in units {
        let candidates = byUnit[unit.orgUnit] ?? []
        let start = taken[unit.orgUnit] ?? 0
        for i in candidates.dropFirst(start).prefix(unit.slots) {
          slot += isNext ? 0 : 1
          out.append((i, isNext ? "next" : "slot \(slot)"))
        }
        taken[unit.orgUnit] = start + unit.slots
      }
    }
    return out
  }
}

/// Renders the restricted analyst outputs, `leaders.csv` and `analyst.html`, from the analyst view.
public enum AnalystOutputs {
  public static func leadersCSV(_ view: AnalystView) -> String {
    var header = [
      "classification", "leader", "org_unit_name", "tier", "cohort", "days_in_role", "headcount",
      "linked_composite", "linked_trend", "bottleneck_index", "disengagement_index", "supports", "coaching_slot",
    ]
    header += view.indicators.map(\.name) + view.indicators.map { $0.name + "_shrunken" }
    header += ["forecast_probability", "forecast_drivers"]
    let rows = view.rows
    // Rows are written as bytes, in chunks on all cores, and joined in order; each row's fields
    // are read in place (the row is not copied as a whole).
    let chunks = mapChunks(count: rows.count) { range -> [UInt8] in
      var out: [UInt8] = []
      for i in range {
        var fields = [
          AnalystView.classification, rows[i].leader, rows[i].team.orgUnitName, rows[i].team.tier.rawValue,
          rows[i].team.cohort.rawValue, String(rows[i].team.daysInRole),
          rows[i].team.headcount.map { ValueFormat.fixed($0, 1) } ?? "", number(rows[i].team.linkedComposite),
          number(rows[i].team.linkedTrend), number(rows[i].team.bottleneckIndex),
          number(rows[i].team.disengagementIndex), rows[i].team.supports.joined(separator: "; "), rows[i].coaching,
        ]
        fields += rows[i].team.rawValues.map { number($0) } + rows[i].team.scoredValues.map { number($0) }
        fields += [rows[i].forecast, rows[i].forecastDrivers]
        CSVFormat.append(fields, to: &out)
      }
      return out
    }
    let head = CSVFormat.row(header)
    let length = head.utf8.count + chunks.reduce(0) { $0 + $1.count }
    return String(unsafeUninitializedCapacity: length) { buffer in
      var at = buffer.initialize(fromContentsOf: head.utf8)
      for chunk in chunks {
        at = buffer[at...].initialize(fromContentsOf: chunk)
      }
      return at
    }
  }

  /// The page lists at most this many teams, most urgent first (all are in `leaders.csv`): a page
  /// of a hundred thousand rows helps nobody and takes long to open.
  public static let pageLimit = 2000

  /// The analyst page's template context.
  public static func htmlContext(_ view: AnalystView) -> [String: Any] {
    let shown = view.rows.prefix(pageLimit)
    return [
      "classification": AnalystView.classification,
      "asOf": view.asOf,
      "runID": view.runID,
      "toolVersion": view.toolVersion,
      "count": String(view.rows.count),
      "truncated": view.rows.count > shown.count,
      "shown": String(shown.count),
      "indicators": view.indicators.map(\.label),
      "rows": shown.map { shownRow -> [String: Any] in
        let row = shownRow.team
        return [
          "leader": shownRow.leader, "unit": row.orgUnitName, "tier": row.tier.rawValue,
          "cohort": row.cohort.rawValue, "days": String(row.daysInRole),
          "headcount": row.headcount.map { ValueFormat.fixed($0, 0) } ?? "",
          "composite": number(row.linkedComposite, 2), "trend": number(row.linkedTrend, 2),
          "supports": row.supports.joined(separator: "; "), "coaching": shownRow.coaching,
          "values": view.indicators.indices.map { i in
            guard let raw = row.rawValues[i] else { return "–" }
            let scale = view.indicators[i].scale
            let shrunk = row.scoredValues[i].map { " (" + scale.format($0) + ")" } ?? ""
            return scale.format(raw) + shrunk
          },
        ]
      },
    ]
  }

  static func number(_ value: Double?, _ decimals: Int = 4) -> String {
    value.map { ValueFormat.fixed($0, decimals) } ?? ""
  }
}
