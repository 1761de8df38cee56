/// What an indicator's values measure, which decides how they are written and how a small
/// team's value is shrunk toward the organisation. Declared in the mapping (`scale:`), defaulted
/// for the standard indicators, and guessed from the name only when neither says (with a warning).
public enum IndicatorScale: String, Codable, Sendable, CaseIterable {
  /// A duration in hours ("31.2 h").
  case hours
  /// A duration in days ("4.1 days").
  case days
  /// A share between 0 and 1 of work or time (approvals, after-hours messages): "46%".
  case proportion
  /// A share between 0 and 1 of the team's people with an event in a month (attrition,
  /// participation): "4.5%"; shrunk as people-counted events (beta-binomial).
  case rate
  /// A share written between 0 and 100: "46%".
  case percent
  /// A count per month (escalations): "3.2".
  case count
  /// A score on the survey's own scale (engagement 0–100): "71.4".
  case score
  /// Any other number: "1.7".
  case number

  /// How a team's window value is shrunk toward the organisation (docs/decisions/0010).
  public enum ShrinkageModel: Sendable {
    /// Events out of people × months (beta-binomial).
    case peopleCounted
    /// A mean with a standard error from the month-to-month variation (normal-normal).
    case mean
  }

  public var shrinkageModel: ShrinkageModel { self == .rate ? .peopleCounted : .mean }

  /// The scale a name suggests when nothing declares one: `_hours`, `_days`, `_share`, `_rate`,
  /// `_pct`/`_percent`, `_count`, `_score`; anything else is a plain number.
  public static func guess(fromName name: String) -> IndicatorScale {
    let suffixes: [(String, IndicatorScale)] = [
      ("_hours", .hours), ("_days", .days), ("_share", .proportion), ("_rate", .rate), ("_pct", .percent),
      ("_percent", .percent), ("_count", .count), ("_score", .score),
    ]
    return suffixes.first { name.hasSuffix($0.0) }?.1 ?? .number
  }

  /// The accepted values of `scale:`, for messages.
  public static var acceptedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }

  /// The unit as an axis label says it: "hours", "days", "%", or empty for scores and numbers.
  public var unitName: String {
    switch self {
    case .hours: return "hours"
    case .days: return "days"
    case .proportion, .rate, .percent: return "%"
    case .count: return "per month"
    case .score, .number: return ""
    }
  }

  /// A value with its unit: "31.2 h", "4.1 days", "46%" ("4.5%" under 10%), "71.4".
  public func format(_ value: Double) -> String {
    switch self {
    case .hours: return ValueFormat.fixed(value, 1) + " h"
    case .days: return ValueFormat.fixed(value, 1) + " days"
    case .proportion, .rate: return Self.percentage(value * 100)
    case .percent: return Self.percentage(value)
    case .count, .score, .number: return ValueFormat.fixed(value, 1)
    }
  }

  /// A value on an axis whose label names the unit: "31.2" for hours, "46%" for shares.
  public func formatTick(_ value: Double) -> String {
    switch self {
    case .proportion, .rate, .percent: return format(value)
    case .hours, .days, .count, .score, .number: return ValueFormat.fixed(value, 1)
    }
  }

  /// A signed difference between two values, in the unit: "+10.8 h", "-2.6 days", "+21 pp"
  /// (percentage points for shares), "+1.5".
  public func formatDifference(_ value: Double) -> String {
    let sign = value > 0 ? "+" : ""
    switch self {
    case .proportion, .rate: return sign + Self.points(value * 100)
    case .percent: return sign + Self.points(value)
    case .hours, .days, .count, .score, .number: return sign + format(value)
    }
  }

  private static func percentage(_ percent: Double) -> String {
    ValueFormat.fixed(percent, abs(percent) < 10 ? 1 : 0) + "%"
  }

  private static func points(_ points: Double) -> String {
    ValueFormat.fixed(points, abs(points) < 10 ? 1 : 0) + " pp"
  }
}
