/// Renders `flags.csv`: one row per record kept but flagged for review, with its file, line, key,
/// field, the check that flagged it and the reason.
public enum FlagsCSV {
  /// `inputPaths[i]` names input `i`; rows come sorted by input, line and check.
  public static func render(_ flags: [FlaggedRecord], inputPaths: [String]) -> String {
    var out = CSVFormat.row(["file", "line", "record_key", "field", "check", "reason"])
    let sorted = flags.sorted {
      ($0.location.input, $0.location.line, $0.check, $0.recordKey) < (
        $1.location.input, $1.location.line, $1.check, $1.recordKey
      )
    }
    for flag in sorted {
      let index = Int(flag.location.input)
      let file = inputPaths.indices.contains(index) ? inputPaths[index] : "input \(index)"
      CSVFormat.append(
        [file, String(flag.location.line), flag.recordKey, flag.field, flag.check, flag.reason], to: &out)
    }
    return out
  }
}
