/// Renders `units.csv`: the org units on the priority list (already privacy-filtered).
public enum UnitsCSV {
  public static func render(_ report: Report) -> String {
    var out = CSVFormat.row([
      "rank", "org_unit", "org_unit_name", "tier", "score", "excess", "excess_ci_low", "excess_ci_high",
      "trend", "bottleneck_index", "disengagement_index", "teams", "new_leaders", "people",
      "robust", "drivers", "supports",
    ])
    for p in report.priorities {
      CSVFormat.append(
        [
          String(p.rank), p.orgUnit, p.orgUnitName, p.tier.rawValue, ValueFormat.fixed(p.score, 4),
          optional(p.excess), optional(p.excessCILow), optional(p.excessCIHigh), optional(p.trend),
          optional(p.bottleneckIndex), optional(p.disengagementIndex), String(p.teams),
          String(p.newLeaders), String(p.people), p.robust ? "yes" : "no",
          p.drivers.map(\.indicator).joined(separator: ";"), p.supports.map(\.id).joined(separator: ";"),
        ], to: &out)
    }
    return out
  }

  static func optional(_ value: Double?) -> String { value.map { ValueFormat.fixed($0, 4) } ?? "" }
}
