/// Time-in-role cohorts (docs/definitions.md).
public enum Cohort: String, CaseIterable, Codable, Sendable, Comparable {
  case underSixMonths = "<6m"
  case sixToTwelveMonths = "6-12m"
  case twelveToTwentyFourMonths = "12-24m"
  case overTwentyFourMonths = "24m+"

  /// `<6m` 0–182 days, `6-12m` 183–365, `12-24m` 366–730, `24m+` over 730.
  public init(daysInRole days: Int) {
    switch days {
    case ..<183: self = .underSixMonths
    case 183...365: self = .sixToTwelveMonths
    case 366...730: self = .twelveToTwentyFourMonths
    default: self = .overTwentyFourMonths
    }
  }

  /// Position from the newest cohort (0) to the most experienced (3).
  public var ordinal: Int {
    switch self {
    case .underSixMonths: return 0
    case .sixToTwelveMonths: return 1
    case .twelveToTwentyFourMonths: return 2
    case .overTwentyFourMonths: return 3
    }
  }

  public static func < (lhs: Cohort, rhs: Cohort) -> Bool { lhs.ordinal < rhs.ordinal }
}

/// One side of a cohort comparison: a cohort, or every team outside the cohort it is compared with.
public enum CohortGroup: Hashable, Sendable, Codable, CustomStringConvertible {
  case cohort(Cohort)
  /// The teams of every other cohort.
  case rest

  /// The published name: a cohort's ("<6m") or "rest".
  public var description: String {
    switch self {
    case .cohort(let cohort): return cohort.rawValue
    case .rest: return "rest"
    }
  }

  public init?(_ text: String) {
    if text == "rest" {
      self = .rest
    } else if let cohort = Cohort(rawValue: text) {
      self = .cohort(cohort)
    } else {
      return nil
    }
  }

  /// True when `cohort` belongs to this side of a comparison against `other`.
  public func contains(_ cohort: Cohort, comparedWith other: CohortGroup) -> Bool {
    switch self {
    case .cohort(let own): return own == cohort
    case .rest: return other != .cohort(cohort)
    }
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let group = CohortGroup(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a cohort or 'rest'"))
    }
    self = group
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
