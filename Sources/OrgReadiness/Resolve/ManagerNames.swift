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
  var index = managerNameIndex(directory: directory)
  for event in resolved {
    if let name = event.personName.map(normalisedName), !name.isEmpty {
      index[name, default: []].insert(event.personID)
    }
  }
  var flags: [FlaggedRecord] = []
  for i in resolved.indices {
    if let flag = resolveManagerName(&resolved[i], index: index) { flags.append(flag) }
  }
  return (resolved, flags)
}

/// (normalised name → person ids) from the directory's names.
public func managerNameIndex(directory: [PersonRecord]) -> [String: Set<String>] {
  var index: [String: Set<String>] = [:]
  for record in directory {
    if let name = record.personName.map(normalisedName), !name.isEmpty {
      index[name, default: []].insert(record.personID)
    }
  }
  return index
}

/// Resolves one event's manager name against `index`: sets the manager id when exactly one
/// other person has that name, else leaves it empty and returns the flag that says why.
public func resolveManagerName(_ event: inout JobEvent, index: [String: Set<String>]) -> FlaggedRecord? {
  guard event.managerID == nil, let name = event.managerName else { return nil }
  let candidates = (index[normalisedName(name)] ?? []).subtracting([event.personID]).sorted()
  switch candidates.count {
  case 1:
    event.managerID = candidates[0]
    return nil
  case 0:
    return FlaggedRecord(
      location: event.location, recordKey: event.personID, field: "manager_name", check: "manager_name_not_found",
      reason: index.isEmpty
        ? "manager '\(name)' cannot be looked up: no input gives people's names (add a directory input, or map person_name)"
        : "no person named '\(name)' is in the job history or directory; the manager is left empty")
  default:
    let shown = candidates.prefix(5).joined(separator: ", ") + (candidates.count > 5 ? ", ..." : "")
    return FlaggedRecord(
      location: event.location, recordKey: event.personID, field: "manager_name", check: "ambiguous_manager_name",
      reason: "\(candidates.count) people are named '\(name)' (\(shown)); the manager is left empty rather than guessed"
    )
  }
}

/// A name for matching: the display name (`displayName`), lowercased, with runs of white space as
/// one space and none at the ends.
public func normalisedName(_ name: String) -> String {
  displayName(name).lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

/// A person's name as shown and matched: without a trailing identifier in parentheses, which
/// Workday descriptors carry (`Adrian Martin (21104)`, `Example Worker (1)`). Only a last
/// parenthesised token with no space and at least one digit is an identifier, so a nickname
/// (`Robert Smith (Bob)`) stays; a name that is nothing but the token is kept as written.
public func displayName(_ name: String) -> String {
  // Fast path: most names end in a visible character other than ')'.
  if let last = name.utf8.last, last != UInt8(ascii: ")"), last > 0x20 { return name }
  var trimmed = Substring(name)
  while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
  guard trimmed.last == ")", let open = trimmed.lastIndex(of: "(") else { return name }
  let token = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
  guard !token.isEmpty, token.contains(where: { $0.isNumber }),
    token.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
  else { return name }
  var rest = trimmed[..<open]
  while let last = rest.last, last.isWhitespace { rest.removeLast() }
  return rest.isEmpty ? name : String(rest)
}
