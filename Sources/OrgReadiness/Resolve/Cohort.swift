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

  /// Plain-language name for reports.
  public var phrase: String {
    switch self {
    case .underSixMonths: return "under 6 months in role"
    case .sixToTwelveMonths: return "6 to 12 months in role"
    case .twelveToTwentyFourMonths: return "12 to 24 months in role"
    case .overTwentyFourMonths: return "over 24 months in role"
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
