import OrgReadiness

/// A mapping file as written (YAML, `version: 1` or `2`): which element is one record, where each
/// canonical field is found, and how source values translate. See docs/mappings.md.
public struct MappingDefinition: Decodable, Sendable {
  /// The language versions this tool reads. Version 2 adds `events`, `drop`, `people_leader`,
  /// `produces: people`, `produces: support_enrolments` and the field keys `null_values`, `split`, `take`, `infer` and path lists.
  public static let supportedVersions = 1...2
  public static let currentVersion = 2

  public var version: Int
  public var name: String
  public var title: String?
  public var produces: RecordKind
  /// Prefix → namespace URI; a URI ending in `*` matches every URI that starts with the rest.
  public var namespaces: [String: String]
  /// The record element: a name test such as `wd:Report_Entry`, optionally with ancestors
  /// (`wd:Response_Data/wd:Worker`); a leading `/` anchors it at the document root.
  public var record: String
  /// Optional repeated element inside the record (path from the record) that yields one
  /// canonical record each; fields whose path runs through it are read per repetition.
  public var each: String?
  /// Fields of every canonical record (with `events`: the fields the events share).
  public var fields: [String: FieldSpec]
  /// Team metrics only: indicator name → where its value is.
  public var indicators: [String: IndicatorSpec]?
  /// Version 2, job events: the kinds of event one record yields (instead of `each`).
  public var events: [EventTemplate]?
  /// Version 2: rows to leave out (counted as filtered), e.g. rescinded events.
  public var drop: [DropRule]?
  /// Version 2, job events: how a people leader is recognised.
  public var peopleLeader: PeopleLeaderRule?

  public enum RecordKind: String, Decodable, Sendable, CaseIterable, ConfigurationWord {
    case jobEvents = "job_events"
    case teamPeriods = "team_periods"
    /// A person directory: display names, current status and leader flag (version 2).
    case people
    /// Leaders' enrolments in support programmes: leader, programme, start and end (version 2).
    case supportEnrolments = "support_enrolments"
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case version, name, title, produces, namespaces, record, each, fields, indicators
    case events, drop
    case peopleLeader = "people_leader"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    version = try container.decode(Int.self, forKey: .version)
    name = try container.decode(String.self, forKey: .name)
    title = try container.decodeIfPresent(String.self, forKey: .title)
    produces = try container.decode(RecordKind.self, forKey: .produces)
    namespaces = try container.decodeIfPresent([String: String].self, forKey: .namespaces) ?? [:]
    record = try container.decode(String.self, forKey: .record)
    each = try container.decodeIfPresent(String.self, forKey: .each)
    fields = try container.decodeIfPresent([String: FieldSpec].self, forKey: .fields) ?? [:]
    indicators = try container.decodeIfPresent([String: IndicatorSpec].self, forKey: .indicators)
    events = try container.decodeIfPresent([EventTemplate].self, forKey: .events)
    drop = try container.decodeIfPresent([DropRule].self, forKey: .drop)
    peopleLeader = try container.decodeIfPresent(PeopleLeaderRule.self, forKey: .peopleLeader)
  }

  /// The top-level keys this version understands (others are reported as warnings).
  public static let knownKeys = Set(CodingKeys.allCases.map(\.rawValue))

  /// The version-2 features this definition uses, as the keys that name them (empty for a
  /// plain version-1 file).
  public var version2Features: [String] {
    var used: [String] = []
    if events != nil { used.append("events") }
    if drop != nil { used.append("drop") }
    if peopleLeader != nil { used.append("people_leader") }
    if produces == .people { used.append("produces: people") }
    if produces == .supportEnrolments { used.append("produces: support_enrolments") }
    var specs = fields.map { ("fields.\($0.key)", $0.value) }
    specs += (indicators ?? [:]).map { ("indicators.\($0.key)", $0.value.field) }
    for (i, template) in (events ?? []).enumerated() {
      specs += template.fields.map { ("events[\(i)].fields.\($0.key)", $0.value) }
    }
    for (key, spec) in specs.sorted(by: { $0.0 < $1.0 }) {
      used += spec.version2Keys.map { "\(key).\($0)" }
    }
    return used
  }
}

/// One kind of job event a record yields (`events:` in version 2).
public struct EventTemplate: Decodable, Sendable {
  /// Optional repeated element (path from the record): one event per repetition.
  public var each: String?
  /// Optional path: the event exists only where this has a value (absent: no event, not counted).
  public var when: String?
  /// Fields of this event; they add to and override the mapping's shared `fields`.
  public var fields: [String: FieldSpec]
  /// Rows of this kind to leave out, besides the mapping's own `drop`.
  public var drop: [DropRule]?

  enum CodingKeys: String, CodingKey { case each, when, fields, drop }
}

/// Leave a row out when the value at `path` is one of `equals` (compared without case after
/// trimming). Left-out rows are counted as filtered, never silently lost.
public struct DropRule: Decodable, Sendable, Hashable {
  public var path: String
  public var equals: [String]

  enum CodingKeys: String, CodingKey { case path, equals }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    path = try container.decode(String.self, forKey: .path)
    if let single = try? container.decode(String.self, forKey: .equals) {
      equals = [single]
    } else {
      equals = try container.decode([String].self, forKey: .equals)
    }
    guard !equals.isEmpty else {
      throw DecodingError.dataCorruptedError(
        forKey: .equals, in: container, debugDescription: "list at least one value to drop")
    }
  }
}

/// How a job-events mapping recognises a people leader.
public enum PeopleLeaderRule: Decodable, Sendable, Hashable {
  /// The `is_people_leader` field says so (the default).
  case field
  /// Whoever has at least one active direct report on the as-of date.
  case directReports
  /// Whoever's `job_level` is one of these values.
  case jobLevelIn(Set<String>)
  /// Whoever's `management_level` has a rank (the number before the first `_`, space or `-`:
  /// `3_Executive_Vice_President` is rank 3) at most the cut-off, or matches the pattern.
  case managementLevel(ManagementLevelRule)

  enum CodingKeys: String, CodingKey, CaseIterable {
    case jobLevelIn = "job_level_in"
    case rankAtMost = "rank_at_most"
    case matches
  }

  /// The keys an object-form rule may have (others are reported as warnings).
  static let knownKeys = Set(CodingKeys.allCases.map(\.rawValue))

  static let accepted =
    "write 'field', 'direct_reports', { rank_at_most: N }, { matches: 'pattern' } or { job_level_in: [...] }"

  public init(from decoder: any Decoder) throws {
    if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
      switch text {
      case "field", "is_people_leader": self = .field
      case "direct_reports": self = .directReports
      default:
        throw DecodingError.dataCorrupted(
          .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a rule; \(Self.accepted)"))
      }
      return
    }
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let rank = try container.decodeIfPresent(Int.self, forKey: .rankAtMost)
    let pattern = try container.decodeIfPresent(String.self, forKey: .matches)
    let levels = try container.decodeIfPresent([String].self, forKey: .jobLevelIn)
    switch (levels, rank != nil || pattern != nil) {
    case (let levels?, false):
      self = .jobLevelIn(Set(levels))
    case (nil, true):
      if let rank, rank < 0 {
        throw DecodingError.dataCorruptedError(
          forKey: .rankAtMost, in: container,
          debugDescription: "'\(rank)' is not a rank; write the largest rank that leads people, e.g. 5")
      }
      if let pattern, pattern.isEmpty {
        throw DecodingError.dataCorruptedError(
          forKey: .matches, in: container, debugDescription: "the pattern is empty")
      }
      self = .managementLevel(ManagementLevelRule(rankAtMost: rank, pattern: pattern))
    case (_?, true):
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription: "job_level_in reads job_level, rank_at_most and matches read management_level; choose one"))
    case (nil, false):
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: Self.accepted))
    }
  }

  /// The rule as a mapping would write it, for messages.
  public var written: String {
    switch self {
    case .field: return "people_leader: field"
    case .directReports: return "people_leader: direct_reports"
    case .jobLevelIn(let levels): return "people_leader: { job_level_in: [\(levels.sorted().joined(separator: ", "))] }"
    case .managementLevel(let rule): return "people_leader: \(rule.written)"
    }
  }

  /// The canonical field whose values decide the rule (for a direct-reports rule: the manager).
  public var evidenceField: String {
    switch self {
    case .field: return "is_people_leader"
    case .directReports: return "manager_id"
    case .jobLevelIn: return "job_level"
    case .managementLevel: return "management_level"
    }
  }
}

/// Leaders by management level, the way tenants encode levels: a rank then a name
/// (`2_Chief_Executive_Officer`, `5 Manager`, `4`), or a name a pattern recognises.
public struct ManagementLevelRule: Sendable, Hashable {
  /// A level whose rank is at most this leads people.
  public var rankAtMost: Int?
  /// A level this regular expression finds (ignoring case) leads people.
  public var pattern: String?

  public init(rankAtMost: Int? = nil, pattern: String? = nil) {
    self.rankAtMost = rankAtMost
    self.pattern = pattern
  }

  /// The rank of a level: the number it starts with, before the first `_`, space, `-` or the end
  /// (`3_Executive_Vice_President` → 3, `5 Manager` → 5, `4` → 4); nil when it starts otherwise.
  public static func rank(of level: String) -> Int? {
    let bytes = level.utf8
    var rank = 0
    var digits = 0
    var i = bytes.startIndex
    while i != bytes.endIndex, bytes[i] >= 48, bytes[i] <= 57 {
      digits += 1
      guard digits <= 6 else { return nil }
      rank = rank * 10 + Int(bytes[i] - 48)
      i = bytes.index(after: i)
    }
    guard digits > 0 else { return nil }
    guard i != bytes.endIndex else { return rank }
    let next = bytes[i]
    return next == UInt8(ascii: "_") || next == UInt8(ascii: " ") || next == UInt8(ascii: "-") ? rank : nil
  }

  var written: String {
    var parts: [String] = []
    if let rankAtMost { parts.append("rank_at_most: \(rankAtMost)") }
    if let pattern { parts.append("matches: '\(pattern)'") }
    return "{ " + parts.joined(separator: ", ") + " }"
  }
}

/// Which of several values a `split` field keeps.
public enum TakeRule: String, Decodable, Sendable, Hashable, CaseIterable, ConfigurationWord {
  case first, last
  /// Exactly one value; several reject the record (the value is ambiguous).
  case only
}

/// Where one canonical field comes from and how its text becomes a value.
public struct FieldSpec: Decodable, Sendable, Hashable {
  /// Paths from the record element (XPath 1.0 syntax subset), tried in order: the first with a
  /// value wins. Empty with `const`.
  public var paths: [String]
  /// A constant value instead of a path.
  public var const: String?
  /// Date pattern for non-ISO dates, e.g. `DD/MM/YYYY`.
  public var format: String?
  /// Source value → canonical value (exact match after trimming).
  public var map: [String: String]?
  /// Value for a source value the map does not list (without it, unlisted values pass through).
  public var otherwise: String?
  /// Value used when the field is absent or empty.
  public var `default`: String?
  /// Source values that mean "no value" (e.g. SuccessFactors' `NO_MANAGER`).
  public var nullValues: [String]?
  /// Separator of several values in one text (Workday Simple XML joins with `;`).
  public var split: String?
  /// Which of the split values to keep (default `first`).
  public var take: TakeRule?
  /// `changes` (event_type only): infer the event type from changes between a person's rows.
  public var infer: String?
  /// A regular expression matched against the input file's name; its first group is the value
  /// when no path has one (per-employee exports that carry the id only in the request, e.g.
  /// BambooHR's single-employee table responses saved as `jobInfo_123.xml`).
  public var fileName: String?

  /// The first path, if any.
  public var path: String? { paths.first }

  public init(path: String) {
    self.paths = [path]
  }

  enum CodingKeys: String, CodingKey {
    case path, const, format, map, otherwise, `default`
    case nullValues = "null_values"
    case split, take, infer
    case fileName = "file_name"
  }

  public init(from decoder: any Decoder) throws {
    if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
      self.paths = [text]
      return
    }
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let list = try? container.decode([String].self, forKey: .path) {
      guard !list.isEmpty else {
        throw DecodingError.dataCorruptedError(forKey: .path, in: container, debugDescription: "the path list is empty")
      }
      paths = list
    } else {
      paths = try container.decodeIfPresent(String.self, forKey: .path).map { [$0] } ?? []
    }
    const = try container.decodeIfPresent(String.self, forKey: .const)
    format = try container.decodeIfPresent(String.self, forKey: .format)
    map = try container.decodeIfPresent([String: String].self, forKey: .map)
    otherwise = try container.decodeIfPresent(String.self, forKey: .otherwise)
    `default` = try container.decodeIfPresent(String.self, forKey: .default)
    nullValues = try container.decodeIfPresent([String].self, forKey: .nullValues)
    split = try container.decodeIfPresent(String.self, forKey: .split)
    take = try container.decodeIfPresent(TakeRule.self, forKey: .take)
    infer = try container.decodeIfPresent(String.self, forKey: .infer)
    fileName = try container.decodeIfPresent(String.self, forKey: .fileName)
    if let infer, infer != "changes" {
      throw DecodingError.dataCorruptedError(
        forKey: .infer, in: container, debugDescription: "'\(infer)' is not supported; write 'infer: changes'")
    }
    if paths.isEmpty && const == nil && infer == nil && fileName == nil {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "a field needs a 'path', a 'const' or a 'file_name'"))
    }
    if split == "" {
      throw DecodingError.dataCorruptedError(forKey: .split, in: container, debugDescription: "the separator is empty")
    }
  }

  /// The version-2 keys this spec uses.
  var version2Keys: [String] {
    var used: [String] = []
    if paths.count > 1 { used.append("path (a list)") }
    if nullValues != nil { used.append("null_values") }
    if split != nil { used.append("split") }
    if take != nil { used.append("take") }
    if infer != nil { used.append("infer") }
    if fileName != nil { used.append("file_name") }
    return used
  }
}

/// A team indicator column: where its value is, and for a name the defaults do not know, its
/// family, orientation, scale and valid range.
public struct IndicatorSpec: Decodable, Sendable, Hashable {
  public var field: FieldSpec
  public var family: IndicatorFamily?
  public var worseWhen: WorseWhen?
  public var scale: IndicatorScale?
  public var minimum: Double?
  public var maximum: Double?
  public var label: String?

  enum CodingKeys: String, CodingKey {
    case family
    case worseWhen = "worse_when"
    case scale
    case minimum = "min"
    case maximum = "max"
    case label
  }

  public init(from decoder: any Decoder) throws {
    field = try FieldSpec(from: decoder)
    if let container = try? decoder.container(keyedBy: CodingKeys.self) {
      family = try container.decodeIfPresent(IndicatorFamily.self, forKey: .family)
      worseWhen = try container.decodeIfPresent(WorseWhen.self, forKey: .worseWhen)
      scale = try container.decodeIfPresent(IndicatorScale.self, forKey: .scale)
      minimum = try container.decodeIfPresent(Double.self, forKey: .minimum)
      maximum = try container.decodeIfPresent(Double.self, forKey: .maximum)
      label = try container.decodeIfPresent(String.self, forKey: .label)
    }
  }

  /// The indicator this column feeds: the standard definition overridden by what the spec says.
  /// For a name the defaults do not know, a scale left undeclared is guessed from the name, and an
  /// orientation left undeclared stays unknown; `notes` says so, for the mapping's warnings.
  public func indicator(named name: String) -> (indicator: Indicator, notes: [String]) {
    var indicator = Indicator.named(name)
    var notes: [String] = []
    let standard = Indicator.standard(name) != nil
    if let family { indicator.family = family }
    if let worseWhen { indicator.worseWhen = worseWhen }
    if let scale {
      indicator.scale = scale
    } else if !standard {
      notes.append(
        "no 'scale' is declared, so the values are read as '\(indicator.scale.rawValue)' from the name; declare scale: one of \(IndicatorScale.acceptedValues)"
      )
    }
    if !standard, worseWhen == nil, indicator.family != .other {
      notes.append(
        "no 'worse_when' is declared, so the reports say only 'higher' or 'lower' and the indicator stays out of tiers and indices; declare worse_when: higher or lower"
      )
    }
    if let minimum { indicator.minimum = minimum }
    if let maximum { indicator.maximum = maximum }
    if let label { indicator.label = label }
    return (indicator, notes)
  }
}
