/// The group an indicator belongs to.
public enum IndicatorFamily: String, Codable, Sendable, CaseIterable, ConfigurationWord {
  /// The leader has become a bottleneck: waits, latency, approvals and execution routed through one person.
  case bottleneck
  /// The team is disengaging: engagement, participation, attrition, absence, after-hours load.
  case disengagement
  /// Carried through from the export but not part of either index.
  case other
}

/// Which direction of an indicator is worse for the team.
public enum WorseWhen: String, Codable, Sendable, CaseIterable, ConfigurationWord {
  case higher, lower

  /// +1 when higher is worse, -1 when lower is worse: multiplying by it orients a value so that
  /// higher is always worse.
  public var sign: Double { self == .higher ? 1 : -1 }
}

/// A named team indicator with its family, orientation, scale and the range a valid value lies in.
public struct Indicator: Hashable, Codable, Sendable {
  public var name: String
  public var family: IndicatorFamily
  /// Which direction is worse for the team; nil when nothing declares it, and then the reports
  /// speak neutrally ("higher", "lower") and the indicator stays out of tiers and indices.
  public var worseWhen: WorseWhen?
  /// What the values measure: how they are written and how they are shrunk.
  public var scale: IndicatorScale
  public var minimum: Double?
  public var maximum: Double?
  /// Short plain-language label for reports ("review wait").
  public var label: String

  public init(
    name: String, family: IndicatorFamily, worseWhen: WorseWhen?, scale: IndicatorScale? = nil,
    minimum: Double? = nil, maximum: Double? = nil, label: String? = nil
  ) {
    self.name = name
    self.family = family
    self.worseWhen = worseWhen
    self.scale = scale ?? IndicatorScale.guess(fromName: name)
    self.minimum = minimum
    self.maximum = maximum
    self.label = label ?? String(name.map { $0 == "_" ? " " : $0 })
  }

  /// True when the indicator can say "worse": it belongs to the bottleneck or disengagement family
  /// and declares its orientation. Only such indicators are linked to time in role, enter the
  /// indices and tiers, and call for support.
  public var isScored: Bool { family != .other && worseWhen != nil }

  /// +1 when higher is worse, −1 when lower is worse; nil without a declared orientation.
  public var sign: Double? { worseWhen?.sign }

  /// True when `value` lies in the declared range (an open end accepts anything).
  public func accepts(_ value: Double) -> Bool {
    guard value.isFinite else { return false }
    if let minimum, value < minimum { return false }
    if let maximum, value > maximum { return false }
    return true
  }

  /// The standard indicators (docs/definitions.md).
  public static let defaults: [Indicator] = [
    Indicator(
      name: "review_wait_hours", family: .bottleneck, worseWhen: .higher, scale: .hours, minimum: 0,
      maximum: 24 * 90, label: "review wait"),
    Indicator(
      name: "decision_latency_days", family: .bottleneck, worseWhen: .higher, scale: .days, minimum: 0,
      maximum: 365, label: "decision latency"),
    Indicator(
      name: "approval_share", family: .bottleneck, worseWhen: .higher, scale: .proportion, minimum: 0, maximum: 1,
      label: "approvals routed through the leader"),
    Indicator(
      name: "leader_execution_share", family: .bottleneck, worseWhen: .higher, scale: .proportion, minimum: 0,
      maximum: 1, label: "leader still doing the work"),
    Indicator(
      name: "escalations", family: .bottleneck, worseWhen: .higher, scale: .count, minimum: 0, maximum: 10_000,
      label: "escalations"),
    Indicator(
      name: "engagement_score", family: .disengagement, worseWhen: .lower, scale: .score, minimum: 0,
      maximum: 100, label: "engagement"),
    Indicator(
      name: "participation_rate", family: .disengagement, worseWhen: .lower, scale: .rate, minimum: 0,
      maximum: 1, label: "survey participation"),
    Indicator(
      name: "voluntary_attrition_rate", family: .disengagement, worseWhen: .higher, scale: .rate, minimum: 0,
      maximum: 1, label: "voluntary attrition"),
    Indicator(
      name: "absenteeism_rate", family: .disengagement, worseWhen: .higher, scale: .rate, minimum: 0,
      maximum: 1, label: "absenteeism"),
    Indicator(
      name: "after_hours_share", family: .disengagement, worseWhen: .higher, scale: .proportion, minimum: 0,
      maximum: 1, label: "after-hours load"),
  ]

  /// The standard definition of `name`; nil for a name the defaults do not know.
  public static func standard(_ name: String) -> Indicator? {
    defaults.first { $0.name == name }
  }

  /// The standard definition for `name`, or for an unknown name a carried-through `other`
  /// indicator with no orientation and the scale its name suggests.
  public static func named(_ name: String) -> Indicator {
    standard(name) ?? Indicator(name: name, family: .other, worseWhen: nil)
  }
}
