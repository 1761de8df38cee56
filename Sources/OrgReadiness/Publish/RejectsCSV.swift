/// Renders `rejects.csv`: one row per rejected record with its file, line, key, field and reason.
public enum RejectsCSV {
  /// `inputPaths[i]` names input `i`; rows come sorted by input then line.
  public static func render(_ rejects: [RejectedRecord], inputPaths: [String]) -> String {
    var out = CSVFormat.row(["file", "line", "record_key", "field", "reason"])
    let sorted = rejects.sorted {
      ($0.location.input, $0.location.line, $0.field) < ($1.location.input, $1.location.line, $1.field)
    }
    for reject in sorted {
      let index = Int(reject.location.input)
      let file = inputPaths.indices.contains(index) ? inputPaths[index] : "input \(index)"
      CSVFormat.append([file, String(reject.location.line), reject.recordKey, reject.field, reject.reason], to: &out)
    }
    return out
  }
}
