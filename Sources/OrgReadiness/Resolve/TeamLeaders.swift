/// Rejects team metrics whose leader has no job history on or before the as-of date: without it
/// the team has no time in role and cannot be analysed. (Teams whose leader is known but not a
/// current people leader are valid data outside the analysis; they are kept and counted in the
/// population.) Returns the selection and how many teams (distinct leader ids) were rejected.
public func rejectTeamsOfUnknownLeaders(
  _ selection: consuming AsOfSelection<TeamPeriod>, people: [String: PersonState]
) -> (selection: AsOfSelection<TeamPeriod>, teams: Int) {
  var result = selection
  var kept = result.kept
  result.kept = []
  var unknown: [TeamPeriod] = []
  kept.removeAll { record in
    guard people[record.leaderID] == nil else { return false }
    unknown.append(record)
    return true
  }
  for record in unknown {
    result.counts[record.location.input]?.reject()
    result.rejected.append(
      RejectedRecord(
        location: record.location, recordKey: "\(record.leaderID) \(record.period)", field: "leader_id",
        reason:
          "leader \(record.leaderID) is not in the job history (no event on or before the as-of date), so the team has no time in role"
      ))
  }
  result.kept = kept
  return (result, Set(unknown.map(\.leaderID)).count)
}
