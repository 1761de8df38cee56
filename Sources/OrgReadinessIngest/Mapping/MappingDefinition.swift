import OrgReadiness

/// A mapping file as written (YAML, `version: 1`): which element is one record, where each
/// canonical field is found, and how source values translate. See docs/mappings.md.
public struct MappingDefinition: Decodable, Sendable {
  public static let supportedVersion = 1

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
  public var fields: [String: FieldSpec]
  /// Team metrics only: indicator name → where its value is.
  public var indicators: [String: IndicatorSpec]?

  public enum RecordKind: String, Decodable, Sendable {
    case jobEvents = "job_events"
    case teamPeriods = "team_periods"
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case version, name, title, produces, namespaces, record, each, fields, indicators
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
    fields = try container.decode([String: FieldSpec].self, forKey: .fields)
    indicators = try container.decodeIfPresent([String: IndicatorSpec].self, forKey: .indicators)
  }

  /// The top-level keys this version understands (others are reported as warnings).
  public static let knownKeys = Set(CodingKeys.allCases.map(\.rawValue))
}

/// Where one canonical field comes from and how its text becomes a value.
public struct FieldSpec: Decodable, Sendable, Hashable {
  /// Path from the record element (XPath 1.0 syntax subset); nil with `const`.
  public var path: String?
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

  public init(path: String) {
    self.path = path
  }

  enum CodingKeys: String, CodingKey {
    case path, const, format, map, otherwise, `default`
  }

  public init(from decoder: any Decoder) throws {
    if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
      self.path = text
      return
    }
    let container = try decoder.container(keyedBy: CodingKeys.self)
    path = try container.decodeIfPresent(String.self, forKey: .path)
    const = try container.decodeIfPresent(String.self, forKey: .const)
    format = try container.decodeIfPresent(String.self, forKey: .format)
    map = try container.decodeIfPresent([String: String].self, forKey: .map)
    otherwise = try container.decodeIfPresent(String.self, forKey: .otherwise)
    `default` = try container.decodeIfPresent(String.self, forKey: .default)
    if path == nil && const == nil {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "a field needs a 'path' or a 'const'"))
    }
  }
}

/// A team indicator column: where its value is, and for a name the defaults do not know, its
/// family, orientation and valid range.
public struct IndicatorSpec: Decodable, Sendable, Hashable {
  public var field: FieldSpec
  public var family: IndicatorFamily?
  public var worseWhen: WorseWhen?
  public var minimum: Double?
  public var maximum: Double?
  public var label: String?

  enum CodingKeys: String, CodingKey {
    case path, const, format, map, otherwise, `default`
    case family
    case worseWhen = "worse_when"
    case minimum = "min"
    case maximum = "max"
    case label
  }

  public init(from decoder: any Decoder) throws {
    field = try FieldSpec(from: decoder)
    if let container = try? decoder.container(keyedBy: CodingKeys.self) {
      family = try container.decodeIfPresent(IndicatorFamily.self, forKey: .family)
      worseWhen = try container.decodeIfPresent(WorseWhen.self, forKey: .worseWhen)
      minimum = try container.decodeIfPresent(Double.self, forKey: .minimum)
      maximum = try container.decodeIfPresent(Double.self, forKey: .maximum)
      label = try container.decodeIfPresent(String.self, forKey: .label)
    }
  }

  /// The indicator this column feeds: the default definition overridden by what the spec says.
  public func indicator(named name: String) -> Indicator {
    var indicator = Indicator.named(name)
    if let family { indicator.family = family }
    if let worseWhen { indicator.worseWhen = worseWhen }
    if let minimum { indicator.minimum = minimum }
    if let maximum { indicator.maximum = maximum }
    if let label { indicator.label = label }
    return indicator
  }
}
