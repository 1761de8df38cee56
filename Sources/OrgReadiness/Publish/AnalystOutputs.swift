/// The restricted analyst outputs: `leaders.csv` and `analyst.html`. Leaders appear only under the
/// pseudonym the caller supplies (a keyed HMAC of the employee id); raw ids and names are never
/// written.
public enum AnalystOutputs {
  public static let classification =
    "RESTRICTED - people analytics and HR business partners only; for routing support, never for evaluation"

  public static func leadersCSV(
    _ rows: [LeaderPriority], indicators: [Indicator], pseudonym: (String) -> String
  ) -> String {
    var header = [
      "classification", "leader", "org_unit_name", "tier", "cohort", "days_in_role", "headcount",
      "linked_composite", "linked_trend", "bottleneck_index", "disengagement_index", "supports",
    ]
    header += indicators.map(\.name) + indicators.map { $0.name + "_shrunken" }
    var out = CSVFormat.row(header)
    for row in rows {
      var fields = [
        classification, pseudonym(row.leaderID), row.orgUnitName, row.tier.rawValue, row.cohort.rawValue,
        String(row.daysInRole), row.headcount.map { ValueFormat.fixed($0, 1) } ?? "", number(row.linkedComposite),
        number(row.linkedTrend), number(row.bottleneckIndex), number(row.disengagementIndex),
        row.supports.joined(separator: "; "),
      ]
      fields += row.rawValues.map { number($0) } + row.scoredValues.map { number($0) }
      out += CSVFormat.row(fields)
    }
    return out
  }

  /// The page lists at most this many teams, most urgent first (all are in `leaders.csv`): a page
  /// of a hundred thousand rows helps nobody and takes long to open.
  public static let pageLimit = 2000

  /// The analyst page's template context.
  public static func htmlContext(
    _ rows: [LeaderPriority], report: Report, indicators: [Indicator], pseudonym: (String) -> String
  ) -> [String: Any] {
    let shown = rows.prefix(pageLimit)
    return [
      "classification": classification,
      "asOf": report.run.asOf.description,
      "runID": report.run.id,
      "toolVersion": report.run.toolVersion,
      "count": String(rows.count),
      "truncated": rows.count > shown.count,
      "shown": String(shown.count),
      "indicators": indicators.map(\.label),
      "rows": shown.map { row -> [String: Any] in
        [
          "leader": pseudonym(row.leaderID), "unit": row.orgUnitName, "tier": row.tier.rawValue,
          "cohort": row.cohort.rawValue, "days": String(row.daysInRole),
          "headcount": row.headcount.map { ValueFormat.fixed($0, 0) } ?? "",
          "composite": number(row.linkedComposite, 2), "trend": number(row.linkedTrend, 2),
          "supports": row.supports.joined(separator: "; "),
          "values": indicators.indices.map { i in
            guard let raw = row.rawValues[i] else { return "–" }
            let name = indicators[i].name
            let shrunk = row.scoredValues[i].map { " (" + ValueFormat.indicator($0, name: name) + ")" } ?? ""
            return ValueFormat.indicator(raw, name: name) + shrunk
          },
        ]
      },
    ]
  }

  static func number(_ value: Double?, _ decimals: Int = 4) -> String {
    value.map { ValueFormat.fixed($0, decimals) } ?? ""
  }
}
