import OrgReadiness

/// A starting mapping written from an export's profile (`orgready mappings draft`): the record,
/// the repeated group, a guess for each canonical field with the reason in a comment, the distinct
/// values of the event-type column mapped to canonical types where a value says so unambiguously
/// (`TODO` elsewhere), and, for team metrics, every numeric column as an indicator with its observed
/// range. The draft compiles (`orgready mappings check`); every guess is the user's to confirm.
public struct MappingDraft: Sendable {
  public var profile: ExportProfile
  public var kind: MappingDefinition.RecordKind
  /// The export's file name, for the header comment.
  public var source: String

  public init(profile: ExportProfile, kind: MappingDefinition.RecordKind, source: String) {
    self.profile = profile
    self.kind = kind
    self.source = source
  }

  /// A canonical field's guess: the column, and why.
  struct Guess {
    var column: ExportProfile.Column
    var why: String
  }

  // MARK: Reading the columns

  var columns: [ExportProfile.Column] { profile.columns }

  func fill(_ column: ExportProfile.Column) -> Double {
    let of = column.inGroup ? max(profile.groups, 1) : max(profile.records, 1)
    return Double(column.present) / Double(of)
  }

  func percent(_ column: ExportProfile.Column) -> String {
    "\(Int((fill(column) * 100).rounded()))%"
  }

  static func has(_ column: ExportProfile.Column, _ fragments: [String]) -> Bool {
    column.words.contains { word in
      let w = word.filter { $0.isLetter || $0.isNumber }
      return fragments.contains { w.contains($0) }
    }
  }

  static func last(_ column: ExportProfile.Column) -> String {
    (column.words.last ?? "").filter { $0.isLetter || $0.isNumber }
  }

  static let managerWords = ["manager", "supervisor", "reportsto", "leader", "lead", "boss", "superior"]
  static let orgWords = ["department", "organization", "organisation", "orgunit", "division", "costcenter", "unit"]
  static let idWords = ["employeeid", "workerid", "personid", "userid", "employeenumber", "empid", "personnelnumber"]

  /// Values that look like identifiers: no spaces, mostly present.
  static func idLike(_ column: ExportProfile.Column) -> Bool {
    column.values > 0 && column.withSpaces == 0 && !column.isDate
  }

  static func nameLike(_ column: ExportProfile.Column) -> Bool {
    column.values > 0 && column.share(column.withSpaces) >= 0.5 && !column.isNumber && !column.isDate
  }

  /// The best-scoring column, ignoring those already used.
  func best(
    _ used: Set<String>, score: (ExportProfile.Column) -> Double?
  ) -> ExportProfile.Column? {
    var winner: (column: ExportProfile.Column, score: Double)?
    for column in columns where !used.contains(column.path) {
      guard let s = score(column) else { continue }
      let total = s + fill(column)
      if winner == nil || total > (winner?.score ?? 0) { winner = (column, total) }
    }
    return winner?.column
  }

  func personID(_ used: Set<String>) -> Guess? {
    let column = best(used) { c in
      guard Self.idLike(c), !Self.has(c, Self.managerWords) else { return nil }
      let last = Self.last(c)
      if last == "employeeid" || last == "employeeidentifier" { return 6 }
      if Self.idWords.contains(last) { return 5 }
      if c.path == "@employeeId" || c.path == "@employeeid" { return 5 }
      if c.path == "@id" { return 3 }
      if (last == "id" || last.hasSuffix("id")) && c.words.count <= 2 && !Self.has(c, Self.orgWords) {
        return last == "wid" ? nil : 1
      }
      return nil
    }
    return column.map { Guess(column: $0, why: "its name reads like a person's id") }
  }

  func effectiveDate(_ used: Set<String>) -> Guess? {
    let column = best(used) { c in
      guard c.isDate else { return nil }
      if Self.has(c, ["birth", "terminat", "end", "lastmodified", "modified", "entrymoment", "created"]) { return nil }
      var s = 0.5
      if Self.has(c, ["effective"]) { s += 5 }
      if Self.has(c, ["validfrom", "start", "from"]) { s += 3 }
      if Self.has(c, ["date"]) { s += 1 }
      if c.inGroup { s += 2 }
      return s
    }
    return column.map { Guess(column: $0, why: "its values are dates and its name says when a change took effect") }
  }

  func eventType(_ used: Set<String>) -> Guess? {
    let column = best(used) { c in
      guard !c.isDate, !c.isNumber, c.values > 0, !c.moreDistinct, c.distinct.count >= 1,
        !Self.has(c, Self.managerWords + Self.orgWords + ["worker", "person", "employee"])
      else { return nil }
      var s = 0.0
      if Self.has(c, ["reason", "event"]) { s += 4 }
      if Self.has(c, ["action", "businessprocess", "change", "transaction"]) { s += 3 }
      if Self.has(c, ["type", "category"]) { s += 1 }
      guard s > 0 else { return nil }
      if c.inGroup { s += 1 }
      return s
    }
    return column.map {
      Guess(column: $0, why: "it holds a few distinct values and its name reads like a reason or event")
    }
  }

  func managementLevel(_ used: Set<String>) -> Guess? {
    let column = best(used) { c in
      guard !c.isDate, c.values > 0 else { return nil }
      if Self.has(c, ["managementlevel", "mgmtlevel"]) { return Self.last(c) == "descriptor" ? 4 : 5 }
      if Self.last(c) == "level" && !Self.has(c, ["job", "grade"]) { return 2 }
      return nil
    }
    return column.map { Guess(column: $0, why: "its name says management level") }
  }

  func jobLevel(_ used: Set<String>) -> Guess? {
    let column = best(used) { c in
      guard !c.isDate, !c.isNumber || c.wholeNumbers == c.values, !Self.has(c, Self.managerWords) else { return nil }
      if Self.has(c, ["joblevel", "worklevel"]) { return 4 }
      if Self.has(c, ["jobprofile", "jobcode", "jobtitle", "title", "grade"]) { return 3 }
      if Self.has(c, ["position"]) { return 2 }
      return nil
    }
    return column.map {
      Guess(column: $0, why: "its name reads like a job, grade or title; a change starts a new role")
    }
  }

  func manager(_ used: Set<String>, names: Bool) -> Guess? {
    let column = best(used) { c in
      guard Self.has(c, Self.managerWords), !c.isDate else { return nil }
      if names {
        guard Self.nameLike(c) || Self.last(c) == "descriptor" else { return nil }
        return Self.last(c) == "descriptor" ? 3 : 2
      }
      guard Self.idLike(c), Self.last(c) != "wid" else { return nil }
      return Self.idWords.contains(Self.last(c)) || Self.last(c).hasSuffix("id") ? 4 : 2
    }
    let what = names ? "names a manager (matched to people by name)" : "identifies a manager"
    return column.map { Guess(column: $0, why: "its name says it \(what)") }
  }

  func personName(_ used: Set<String>) -> Guess? {
    let column = best(used) { c in
      guard Self.nameLike(c) || Self.last(c) == "descriptor", !Self.has(c, Self.managerWords + Self.orgWords) else {
        return nil
      }
      if Self.has(c, ["displayname", "fullname", "formattedname", "workerdescriptor"]) { return 4 }
      if Self.has(c, ["worker", "employee", "person"]) && Self.last(c) == "descriptor" { return 3 }
      if Self.last(c) == "name" && c.words.count <= 2 { return 2 }
      return nil
    }
    return column.map { Guess(column: $0, why: "its values read like people's names") }
  }

  func orgUnit(_ used: Set<String>, names: Bool) -> Guess? {
    let column = best(used) { c in
      guard Self.has(c, Self.orgWords + ["team"]), !c.isDate, !Self.has(c, Self.managerWords) else { return nil }
      let last = Self.last(c)
      if names {
        guard Self.nameLike(c) || last == "descriptor" || last.hasSuffix("name") else { return nil }
        return Self.has(c, ["department", "organization", "organisation"]) ? 2.5 : 2
      }
      guard Self.idLike(c), last != "wid" else { return nil }
      let preferred = Self.has(c, ["department", "organization", "organisation"]) ? 0.5 : 0
      return preferred
        + (last.hasSuffix("id") || last.hasSuffix("code") ? 3 : last == "descriptor" || last.hasSuffix("name") ? 1 : 2)
    }
    return column.map { Guess(column: $0, why: "its name reads like an organisation unit") }
  }

  func period(_ used: Set<String>) -> Guess? {
    let column = best(used) { c in
      guard c.isDate else { return nil }
      var s = 1.0
      if Self.has(c, ["period", "month"]) { s += 4 }
      if Self.has(c, ["start", "date"]) { s += 1 }
      return s
    }
    return column.map { Guess(column: $0, why: "its values are dates or months") }
  }

  func headcount(_ used: Set<String>) -> Guess? {
    let column = best(used) { c in
      guard c.isNumber, c.wholeNumbers == c.values else { return nil }
      return Self.has(c, ["headcount", "teamsize", "size", "members", "employees"]) ? 3 : nil
    }
    return column.map { Guess(column: $0, why: "its whole-number values and name read like a team's size") }
  }

  func teamID(_ used: Set<String>) -> Guess? {
    let column = best(used) { c in
      guard Self.idLike(c), Self.has(c, ["team", "supervisoryorganization", "supervisory"]), Self.last(c) != "wid"
      else {
        return nil
      }
      return 2
    }
    return column.map { Guess(column: $0, why: "its name reads like a team's id") }
  }

  /// The canonical event type a source value names unambiguously, or nil.
  static func canonicalType(of value: String) -> EventType? {
    let v = value.lowercased().filter { $0.isLetter || $0 == " " }
    var found: Set<EventType> = []
    if v.contains("rehire") || v.contains("re hire") {
      found.insert(.rehire)
    } else if v.contains("hire") || v.contains("new position") || v == "new hire" {
      found.insert(.hire)
    }
    if v.contains("promot") { found.insert(.promotion) }
    if v.contains("demot") { found.insert(.demotion) }
    if v.contains("transfer") || v.contains("move") || v.contains("relocat") { found.insert(.transfer) }
    if v.contains("terminat") || v.contains("resign") || v.contains("dismiss") || v.contains("retire")
      || v.contains("separation")
    {
      found.insert(.termination)
    }
    if v.contains("merit") || v.contains("compensation") || v.contains("salary") || v.contains("pay ")
      || v.hasSuffix("pay") || v.contains("data change") || v.contains("correct")
    {
      found.insert(.other)
    }
    return found.count == 1 ? found.first : nil
  }
}
