import OrgReadiness

extension MappingDraft {
  /// The placeholder the draft writes where only the user can say (checked mappings warn about it).
  public static let placeholder = "TODO"

  /// The draft as a mapping file.
  public func yaml() -> String {
    var used = Set<String>()
    var fields: [(name: String, lines: [String])] = []
    var header: [String] = []
    var extra: [String] = []

    func take(_ field: String, _ guess: Guess?, missing: String, required: Bool = false) {
      if let guess, let format = guess.column.dateFormat {
        used.insert(guess.column.path)
        fields.append(
          (
            field,
            [
              comment(guess) + "; written \(format)",
              "\(field): { path: \(quoted(guess.column.path)), format: \(format) }",
            ]
          ))
      } else if let guess {
        used.insert(guess.column.path)
        fields.append((field, [comment(guess), "\(field): \(quoted(guess.column.path))"]))
      } else if required {
        fields.append(
          (
            field,
            [
              "# \(field): \(missing); nothing found, so write the path of the element that holds it",
              "\(field): \(Self.placeholder)",
            ]
          ))
      }
    }

    switch kind {
    case .jobEvents:
      take("person_id", personID(used), missing: "the person's id", required: true)
      let name = personName(used)
      take("person_name", name, missing: "")
      take("effective_date", effectiveDate(used), missing: "the date a change took effect", required: true)
      let type = eventType(used)
      if let type {
        used.insert(type.column.path)
        fields.append(("event_type", eventTypeLines(type)))
      } else {
        fields.append(
          (
            "event_type",
            [
              "# event_type: no column reads like a reason or event, so types are worked out from what",
              "# changes between a person's rows (first row hire, new job level promotion, new unit transfer).",
              "event_type: { infer: changes }",
            ]
          ))
      }
      let level = managementLevel(used)
      take("management_level", level, missing: "")
      take("job_level", jobLevel(used), missing: "")
      let managerID = manager(used, names: false)
      take("manager_id", managerID, missing: "")
      let managerName = manager(used, names: true)
      take("manager_name", managerName, missing: "")
      take("org_unit_id", orgUnit(used, names: false), missing: "")
      take("org_unit_name", orgUnit(used, names: true), missing: "")
      extra = leaderRule(level: level, hasManagers: managerID != nil || managerName != nil)
    case .teamPeriods:
      take("leader_id", manager(used, names: false), missing: "the id of the team's leader", required: true)
      take("team_id", teamID(used), missing: "")
      take("period", period(used), missing: "the month the values are for", required: true)
      take("headcount", headcount(used), missing: "")
      take("org_unit_id", orgUnit(used, names: false), missing: "")
      take("org_unit_name", orgUnit(used, names: true), missing: "")
    case .people:
      take("person_id", personID(used), missing: "the person's id", required: true)
      take("person_name", personName(used), missing: "")
    case .supportEnrolments:
      take("leader_id", personID(used), missing: "the enrolled leader's id", required: true)
      take("program", nil, missing: "the programme or course", required: true)
      take("start_date", effectiveDate(used), missing: "the enrolment's start date", required: true)
    }

    header.append("# Drafted by 'orgready mappings draft' from \(source): a starting point, not a finished mapping.")
    header.append("# Check every guess (each field says why it was chosen), replace every \(Self.placeholder), then:")
    header.append("#   orgready mappings check <this file>")
    header.append("#   orgready mappings preview <this file> \(source)")
    header.append("#")
    header += recordComment()
    header.append("#")
    header += columnTable()

    var out = header.map { $0 + "\n" }.joined()
    out += "version: 2\n"
    out += "name: \(draftName)\n"
    out += "title: \(quoted("Drafted from " + source))\n"
    out += "produces: \(kind.rawValue)\n"
    let namespaces = namespaceLines(paths: [profile.recordPath] + fields.flatMap(\.lines) + indicatorPaths(used))
    if !namespaces.isEmpty {
      out += "namespaces:\n" + namespaces.map { "  " + $0 + "\n" }.joined()
    }
    out += "record: \(quoted(profile.recordPath))\n"
    if kind == .jobEvents, let group = profile.groupPath {
      out += "# Each \(group) is one event (\(profile.groups) in \(profile.records) records).\n"
      out += "each: \(quoted(group))\n"
    }
    out += extra.map { $0 + "\n" }.joined()
    out += "fields:\n"
    for field in fields {
      out += field.lines.map { "  " + $0 + "\n" }.joined()
    }
    if kind == .teamPeriods {
      out += indicatorLines(used).map { $0 + "\n" }.joined()
    }
    return out
  }

  var draftName: String {
    var base = source.split(separator: "/").last.map(String.init) ?? source
    if let dot = base.lastIndex(of: ".") { base = String(base[..<dot]) }
    let words = base.lowercased().split { !($0.isLetter || $0.isNumber) }
    return words.isEmpty ? "draft" : words.joined(separator: "-")
  }

  func comment(_ guess: Guess) -> String {
    let c = guess.column
    return "# guessed: \(guess.why) (filled \(percent(c)); e.g. \(c.samples.joined(separator: ", ")))"
  }

  /// The record, the group, and why.
  func recordComment() -> [String] {
    let structure = profile.structure
    var lines = [
      "# Record: \(profile.recordPath), \(profile.records) of them: of the elements that repeat, the one with the",
      "# most values under it (document root: \(structure.root.map(structure.qualifiedName) ?? "none"), \(structure.elements) elements in all).",
    ]
    if let group = profile.groupPath {
      lines.append(
        "# Inside it, \(group) repeats and holds a date: \(profile.groups) in all, read as one event each (each:).")
    }
    if profile.truncated || structure.truncated {
      lines.append("# The export has more distinct paths than are profiled; some paths are not listed.")
    }
    return lines
  }

  /// Every path under the record with its fill rate, kind and three samples.
  func columnTable() -> [String] {
    var lines = ["# Paths under the record (filled: share of records, or of repetitions of the group, with a value):"]
    let width = min(60, columns.map(\.path.count).max() ?? 0)
    for c in columns {
      var kind = c.isDate ? "date" : c.isNumber ? "number" : "text"
      if c.isNumber, let lo = c.minimum, let hi = c.maximum { kind += " \(Self.number(lo))…\(Self.number(hi))" }
      let path = c.path.count < width ? c.path + String(repeating: " ", count: width - c.path.count) : c.path
      lines.append("#   \(path)  \(percent(c))  \(kind)  e.g. \(c.samples.joined(separator: " | "))")
    }
    if columns.isEmpty { lines.append("#   (no values found under the record)") }
    return lines
  }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }

  /// `event_type` with a map of every distinct value: a canonical type where the value says so
  /// unambiguously, TODO elsewhere.
  func eventTypeLines(_ guess: Guess) -> [String] {
    let c = guess.column
    var lines = [comment(guess), "event_type:", "  path: \(quoted(c.path))", "  map:"]
    for (value, count) in c.frequent {
      if let type = Self.canonicalType(of: value) {
        lines.append("    \(quoted(value)): \(type.rawValue)  # \(count)×; the value says \(type.rawValue)")
      } else {
        lines.append(
          "    \(quoted(value)): \(Self.placeholder)  # \(count)×; hire, rehire, promotion, demotion, transfer, termination or other"
        )
      }
    }
    if c.moreDistinct {
      lines.append(
        "  # more than \(ExportProfile.maximumDistinct) distinct values: the rest are not listed; unlisted values are rejected"
      )
    }
    return lines
  }

  /// The people_leader rule: by the management level's rank when its values have ranks, else by
  /// direct reports when managers are known.
  func leaderRule(level: Guess?, hasManagers: Bool) -> [String] {
    if let level {
      let values = level.column.frequent.map(\.value)
      let ranked = values.compactMap { v in ManagementLevelRule.rank(of: v).map { (v, $0) } }
      if !ranked.isEmpty && ranked.count * 2 >= values.count {
        let contributors = ranked.filter { v, _ in
          let l = v.lowercased()
          return l.contains("individual") || l.contains("contributor") || l.contains("staff")
        }
        let cutOff = contributors.map(\.1).min().map { $0 - 1 } ?? 5
        let why =
          contributors.isEmpty
          ? "no level says individual contributor, so 5 is a guess"
          : "individual contributors start at rank \(cutOff + 1)"
        return [
          "# Leaders: management levels ranked \(cutOff) or higher up (\(why)). Levels seen: \(values.prefix(8).joined(separator: ", "))",
          "people_leader: { rank_at_most: \(cutOff) }",
        ]
      }
      return [
        "# Leaders: management levels have no rank; list the words of leading levels. Levels seen: \(values.prefix(8).joined(separator: ", "))",
        "people_leader: { matches: 'manager|director|head|vice president|chief' }",
      ]
    }
    if hasManagers {
      return [
        "# Leaders: no management level found, so whoever has active direct reports leads people.",
        "people_leader: direct_reports",
      ]
    }
    return [
      "# Leaders: no management level and no manager found. Map is_people_leader or management_level",
      "# (a run whose rule finds no leader stops and says so).",
    ]
  }

  /// Team metrics: every numeric column not used by a field, as an indicator.
  func indicatorColumns(_ used: Set<String>) -> [ExportProfile.Column] {
    columns.filter { c in
      let last = Self.last(c)
      return !used.contains(c.path) && c.isNumber && last != "id" && last != "wid" && !Self.idWords.contains(last)
    }
  }

  /// An indicator column and its name; name/value pairs (`Measure/Code` beside `Measure/Value`)
  /// become one indicator per code, chosen by the code (`Measure[Code='ENG']/Value`).
  func indicators(_ used: Set<String>) -> [(name: String, path: String, column: ExportProfile.Column, code: Bool)] {
    var out: [(String, String, ExportProfile.Column, Bool)] = []
    for c in indicatorColumns(used) {
      let parts = c.path.split(separator: "/").map(String.init)
      if parts.count >= 2 {
        let parent = parts.dropLast().joined(separator: "/")
        let codes = columns.first { k in
          k.path.hasPrefix(parent + "/") && k.path.split(separator: "/").count == parts.count && !k.isNumber
            && !k.isDate && !k.moreDistinct && k.distinct.count >= 2 && !k.path.contains("@")
            && !k.distinct.keys.contains { $0.contains("'") }
        }
        if let codes {
          let codeStep = String(codes.path.split(separator: "/").last ?? "")
          for (code, _) in codes.frequent {
            let path = parent + "[\(codeStep)='\(code)']/" + (parts.last ?? "")
            out.append((Self.snakeCase(code), path, c, true))
          }
          continue
        }
      }
      out.append((Self.indicatorName(c), c.path, c, false))
    }
    return out
  }

  func indicatorPaths(_ used: Set<String>) -> [String] {
    kind == .teamPeriods ? indicators(used).map(\.path) : []
  }

  func indicatorLines(_ used: Set<String>) -> [String] {
    let numeric = indicators(used)
    guard !numeric.isEmpty else {
      return [
        "# No numeric column found: name each indicator and give its path.",
        "indicators:",
        "  \(Self.placeholder): \(Self.placeholder)",
      ]
    }
    var lines = [
      "# Every numeric column, as an indicator. Known names (docs/definitions.md) carry their family,",
      "# direction and range; for the others say family, worse_when and the valid min/max.",
      "indicators:",
    ]
    var names = Set<String>()
    for (base, path, c, code) in numeric {
      var name = base
      var n = 2
      while !names.insert(name).inserted {
        name = base + "_\(n)"
        n += 1
      }
      let across = code ? " across all codes" : ""
      let range = "observed \(c.minimum.map(Self.number) ?? "?")…\(c.maximum.map(Self.number) ?? "?")\(across)"
      let known = Indicator.defaults.contains { $0.name == name }
      lines.append(
        "  # \(range), filled \(percent(c))\(known ? "; a default indicator" : "; rename it, and say family, worse_when, min and max")"
      )
      lines.append("  \(name): \(quoted(path))")
    }
    return lines
  }

  /// snake_case of the column's last word(s).
  static func indicatorName(_ column: ExportProfile.Column) -> String {
    var word = column.words.last ?? "value"
    if ["value", "amount", "score"].contains(word), column.words.count >= 2 {
      word = column.words[column.words.count - 2] + "_" + word
    }
    return snakeCase(word)
  }

  static func snakeCase(_ word: String) -> String {
    var out = ""
    var previousLower = false
    for ch in word {
      if ch.isUppercase && previousLower { out.append("_") }
      if ch.isLetter || ch.isNumber {
        out.append(Character(ch.lowercased()))
      } else if !out.hasSuffix("_") {
        out.append("_")
      }
      previousLower = ch.isLowercase || ch.isNumber
    }
    while out.hasSuffix("_") { out.removeLast() }
    if out.isEmpty || out.first?.isNumber == true { out = "indicator_" + out }
    return out
  }

  /// `prefix: "uri"` for every prefix the written paths use.
  func namespaceLines(paths: [String]) -> [String] {
    let text = paths.joined(separator: " ")
    var lines: [String] = []
    for (uri, prefix) in profile.structure.prefixes.sorted(by: { $0.value < $1.value }) {
      guard text.contains(prefix + ":") else { continue }
      if uri.hasPrefix("urn:com.workday.report/") {
        lines.append("# Every Workday report has its own namespace: match them all by prefix.")
        lines.append("\(prefix): \(quoted("urn:com.workday.report/*"))")
      } else {
        lines.append("\(prefix): \(quoted(uri))")
      }
    }
    return lines
  }

  /// A YAML double-quoted scalar.
  func quoted(_ text: String) -> String {
    var out = "\""
    for ch in text {
      switch ch {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.append(ch)
      }
    }
    return out + "\""
  }
}
