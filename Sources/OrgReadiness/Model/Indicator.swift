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

/// A named team indicator with its family, orientation and the range a valid value lies in.
public struct Indicator: Hashable, Codable, Sendable {
  public var name: String
  public var family: IndicatorFamily
  public var worseWhen: WorseWhen
  public var minimum: Double?
  public var maximum: Double?
  /// Short plain-language label for reports ("review wait").
  public var label: String

  public init(
    name: String, family: IndicatorFamily, worseWhen: WorseWhen, minimum: Double? = nil,
    maximum: Double? = nil, label: String? = nil
  ) {
    self.name = name
    self.family = family
    self.worseWhen = worseWhen
    self.minimum = minimum
    self.maximum = maximum
    self.label = label ?? String(name.map { $0 == "_" ? " " : $0 })
  }

  /// True when `value` lies in the declared range (an open end accepts anything).
  public func accepts(_ value: Double) -> Bool {
    guard value.isFinite else { return false }
    if let minimum, value < minimum { return false }
    if let maximum, value > maximum { return false }
    return true
  }

  /// The default indicators (docs/definitions.md).
  public static let defaults: [Indicator] = [
    Indicator(
      name: "review_wait_hours", family: .bottleneck, worseWhen: .higher, minimum: 0,
      maximum: 24 * 90, label: "review wait"),
    Indicator(
      name: "decision_latency_days", family: .bottleneck, worseWhen: .higher, minimum: 0,
      maximum: 365, label: "decision latency"),
    Indicator(
      name: "approval_share", family: .bottleneck, worseWhen: .higher, minimum: 0, maximum: 1,
      label: "approvals routed through the leader"),
    Indicator(
      name: "leader_execution_share", family: .bottleneck, worseWhen: .higher, minimum: 0,
      maximum: 1, label: "leader still doing the work"),
    Indicator(
      name: "escalations", family: .bottleneck, worseWhen: .higher, minimum: 0, maximum: 10_000,
      label: "escalations"),
    Indicator(
      name: "engagement_score", family: .disengagement, worseWhen: .lower, minimum: 0,
      maximum: 100, label: "engagement"),
    Indicator(
      name: "participation_rate", family: .disengagement, worseWhen: .lower, minimum: 0,
      maximum: 1, label: "survey participation"),
    Indicator(
      name: "voluntary_attrition_rate", family: .disengagement, worseWhen: .higher, minimum: 0,
      maximum: 1, label: "voluntary attrition"),
    Indicator(
      name: "absenteeism_rate", family: .disengagement, worseWhen: .higher, minimum: 0,
      maximum: 1, label: "absenteeism"),
    Indicator(
      name: "after_hours_share", family: .disengagement, worseWhen: .higher, minimum: 0,
      maximum: 1, label: "after-hours load"),
  ]

  /// The default definition for `name`, or a carried-through `other` indicator for an unknown name.
  public static func named(_ name: String) -> Indicator {
    defaults.first { $0.name == name }
      ?? Indicator(name: name, family: .other, worseWhen: .higher)
  }
}
