/// Resolves managers given by display name (BambooHR `reportsTo`, Workday Simple XML) to person
/// ids, from the names the run knows: directory records and the job events' own `personName`.
///
/// Names match without regard to case or repeated spaces. A person never matches as their own
/// manager. An event whose manager name matches exactly one other person gets that person's id;
/// one whose name matches several people, or nobody, keeps no manager id and is flagged (never
/// guessed). Events that already carry a manager id are left alone.
///
/// The events are consumed, so that a large array is changed in place rather than copied.
public func resolveManagerNames(
  _ events: consuming [JobEvent], directory: [PersonRecord]
) -> (events: [JobEvent], flags: [FlaggedRecord]) {
  var resolved = events
  guard resolved.contains(where: { $0.managerID == nil && $0.managerName != nil }) else { return (resolved, []) }
  var index: [String: Set<String>] = [:]
  for record in directory {
    if let name = record.personName.map(normalisedName), !name.isEmpty { index[name, default: []].insert(record.personID) }
  }
  for event in resolved {
    if let name = event.personName.map(normalisedName), !name.isEmpty { index[name, default: []].insert(event.personID) }
  }
  var flags: [FlaggedRecord] = []
  for i in resolved.indices {
    guard resolved[i].managerID == nil, let name = resolved[i].managerName else { continue }
    let event = resolved[i]
    let candidates = (index[normalisedName(name)] ?? []).subtracting([event.personID]).sorted()
    switch candidates.count {
    case 1:
      resolved[i].managerID = candidates[0]
    case 0:
      flags.append(
        FlaggedRecord(
          location: event.location, recordKey: event.personID, field: "manager_name", check: "manager_name_not_found",
          reason: index.isEmpty
            ? "manager '\(name)' cannot be looked up: no input gives people's names (add a directory input, or map person_name)"
            : "no person named '\(name)' is in the job history or directory; the manager is left empty"))
    default:
      let shown = candidates.prefix(5).joined(separator: ", ") + (candidates.count > 5 ? ", ..." : "")
      flags.append(
        FlaggedRecord(
          location: event.location, recordKey: event.personID, field: "manager_name", check: "ambiguous_manager_name",
          reason: "\(candidates.count) people are named '\(name)' (\(shown)); the manager is left empty rather than guessed"))
    }
  }
  return (resolved, flags)
}

/// A name for matching: lowercased, with runs of white space as one space and none at the ends.
func normalisedName(_ name: String) -> String {
  name.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
