import Foundation
import OrgReadiness

/// The text `orgready history` and `orgready diff` print (their `--json` is the values encoded).
public enum HistoryText {
  /// One line per run, newest first, under a header.
  public static func table(_ entries: [HistoryEntry], pipeline: String) -> String {
    guard !entries.isEmpty else { return "no runs of pipeline '\(pipeline)' in the ledger\n" }
    let header = ["run", "as of", "status", "exit", "seconds", "records", "rejected", "linked", "act now", "note"]
    let rows = entries.map { e -> [String] in
      var note = e.repeatOf.map { "repeat of \($0)" } ?? ""
      if e.status != "succeeded" { note = e.message }
      return [
        e.run, e.asOf, e.status, String(e.exitCode), e.durationSeconds.map { ValueFormat.fixed($0, 0) } ?? "–",
        String(e.recordsRead), String(e.rejected), e.linkedIndicators.map(String.init) ?? "–",
        e.actNowUnits.map(String.init) ?? "–", note,
      ]
    }
    let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, cell in
        i == cells.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
      }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
    return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
  }

  /// What changed from one run to the other, section by section.
  public static func comparison(_ c: RunComparison) -> String {
    var out = "diff \(c.from.id) (as of \(c.from.asOf)) → \(c.to.id) (as of \(c.to.asOf))\n"
    func unit(_ u: RunComparison.Unit) -> String { u.name == u.orgUnit ? u.name : "\(u.name) (\(u.orgUnit))" }
    func names(_ units: [RunComparison.Unit]) -> String {
      units.isEmpty ? "none" : units.map(unit).joined(separator: ", ")
    }

    out += "\ntiers:\n"
    if let tiers = c.tiers {
      if tiers.allSatisfy({ $0.entered.isEmpty && $0.left.isEmpty }) { out += "  no unit changed tier\n" }
      for moves in tiers where !(moves.entered.isEmpty && moves.left.isEmpty) {
        out += "  \(moves.tier.rawValue): entered \(names(moves.entered)); left \(names(moves.left))\n"
      }
    } else {
      out += "  not recorded: a run was recorded before the ledger kept tiers (ledger schema v1)\n"
    }

    out += "\nranks and scores:\n"
    if c.units.isEmpty { out += "  no change\n" }
    for change in c.units {
      let rank = change.rankAfter.map { "#\($0)" } ?? "–"
      let place: String
      switch (change.rankBefore, change.rankAfter) {
      case (nil, _): place = "new on the list"
      case (let before?, nil): place = "was #\(before), no longer listed"
      case (let before?, let after?): place = before == after ? "same place" : "was #\(before)"
      }
      var score = ""
      if let after = change.scoreAfter {
        score = "score \(ValueFormat.fixed(after, 2))"
        if let before = change.scoreBefore { score += " (\(ValueFormat.signed(after - before, 2)))" }
      }
      out += "  \(rank.padding(toLength: 5, withPad: " ", startingAt: 0)) \(unit(change.unit)): \(place)"
      out += score.isEmpty ? "\n" : "; \(score)\n"
    }

    out += "\nlinked to time in role:\n"
    if let became = c.becameLinked, let stopped = c.stoppedBeingLinked {
      out += "  became linked: \(became.isEmpty ? "none" : became.joined(separator: ", "))\n"
      out += "  stopped being linked: \(stopped.isEmpty ? "none" : stopped.joined(separator: ", "))\n"
    } else {
      out += "  not recorded: a run was recorded before the ledger kept the verdicts (ledger schema v1)\n"
    }

    out += "\ninput counts that moved by more than \(ValueFormat.fixed(c.inputThreshold * 100, 0))%:\n"
    if let inputs = c.inputs {
      if inputs.isEmpty { out += "  none\n" }
      for change in inputs {
        let before = change.before.map(String.init) ?? "absent"
        let after = change.after.map(String.init) ?? "absent"
        let relative = change.change.map { " (\(ValueFormat.signed($0 * 100, 1))%)" } ?? ""
        out += "  \(change.input) \(change.count): \(before) → \(after)\(relative)\n"
      }
    } else {
      out += "  not recorded: a run was recorded before the ledger kept input counts (ledger schema v1)\n"
    }
    return out
  }

  /// JSON with sorted keys, as the other machine-readable outputs.
  public static func json<T: Encodable>(_ value: T) throws(RunFailure) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do { return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n" } catch {
      throw .unexpected("cannot encode the output as JSON: \(error)")
    }
  }
}
