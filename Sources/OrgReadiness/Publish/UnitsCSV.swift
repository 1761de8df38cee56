/// Renders `units.csv`: the org units on the priority list (already privacy-filtered).
public enum UnitsCSV {
  public static func render(_ report: Report) -> String {
    var out = CSVFormat.row([
      "rank", "org_unit", "org_unit_name", "score", "concern", "bottleneck_index",
      "disengagement_index", "teams", "leaders", "new_leaders", "people", "drivers",
    ])
    for p in report.priorities {
      out += CSVFormat.row([
        String(p.rank), p.orgUnit, p.orgUnitName, ValueFormat.fixed(p.score, 4),
        ValueFormat.fixed(p.concern, 4), p.bottleneckIndex.map { ValueFormat.fixed($0, 4) } ?? "",
        p.disengagementIndex.map { ValueFormat.fixed($0, 4) } ?? "", String(p.teams), String(p.leaders),
        String(p.newLeaders), String(p.people), p.drivers.map(\.indicator).joined(separator: ";"),
      ])
    }
    return out
  }
}
