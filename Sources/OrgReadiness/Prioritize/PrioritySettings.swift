/// How much each component counts in a unit's support-priority score. Components are on a 0–1
/// scale before weighting (see docs/priority-method.md).
public struct PriorityWeights: Hashable, Codable, Sendable {
  /// How far the unit's teams sit above baseline on the indicators linked to time in role.
  public var excess: Double
  /// The share of the unit's leaders early in their role.
  public var newLeaders: Double
  /// Whether the unit's teams are getting worse.
  public var trend: Double
  /// How many people the unit's teams hold.
  public var people: Double

  public init(excess: Double, newLeaders: Double, trend: Double, people: Double) {
    self.excess = excess
    self.newLeaders = newLeaders
    self.trend = trend
    self.people = people
  }

  enum CodingKeys: String, CodingKey {
    case excess
    case newLeaders = "new_leaders"
    case trend, people
  }

  public static let standard = PriorityWeights(excess: 0.45, newLeaders: 0.25, trend: 0.15, people: 0.15)

  /// Reasonable alternatives for the sensitivity check.
  public static let alternatives: [String: PriorityWeights] = [
    "equal": PriorityWeights(excess: 0.25, newLeaders: 0.25, trend: 0.25, people: 0.25),
    "excess-led": PriorityWeights(excess: 0.7, newLeaders: 0.1, trend: 0.1, people: 0.1),
    "new-leader-led": PriorityWeights(excess: 0.3, newLeaders: 0.5, trend: 0.1, people: 0.1),
    "size-blind": PriorityWeights(excess: 0.5, newLeaders: 0.3, trend: 0.2, people: 0),
  ]

  /// The weighted sum of components (each already on 0–1), divided by the total weight.
  public func score(_ c: PriorityComponents) -> Double {
    let total = excess + newLeaders + trend + people
    guard total > 0 else { return 0 }
    return (excess * c.excess + newLeaders * c.newLeaders + trend * c.trend + people * c.people) / total
  }
}

/// A unit's normalised score components, each on 0–1.
public struct PriorityComponents: Hashable, Codable, Sendable {
  public var excess: Double
  public var newLeaders: Double
  public var trend: Double
  public var people: Double

  enum CodingKeys: String, CodingKey {
    case excess
    case newLeaders = "new_leaders"
    case trend, people
  }
}

/// Support tiers, most urgent first.
public enum SupportTier: String, Codable, Sendable, CaseIterable, Comparable {
  case actNow = "act now"
  case watch
  case fine

  public var ordinal: Int {
    switch self {
    case .actNow: return 0
    case .watch: return 1
    case .fine: return 2
    }
  }

  public static func < (lhs: SupportTier, rhs: SupportTier) -> Bool { lhs.ordinal < rhs.ordinal }
}

/// The prioritisation knobs, from the pipeline definition.
public struct PrioritySettings: Hashable, Sendable {
  public var weights: PriorityWeights
  /// Leaders at most this many days in role count as early in role.
  public var newLeaderDays: Int
  /// A unit is "clearly worse" when its teams sit at least this many robust SDs above baseline on
  /// the linked indicators and the 95% interval of that excess lies above zero.
  public var clearlyWorse: Double
  /// A flagged unit needs at least this score to be "act now".
  public var actNowScore: Double
  /// A unit with at least this score, or flagged below `actNowScore`, is "watch".
  public var watchScore: Double
  /// The sensitivity check asks whether a unit stays in the top this-many under other weights.
  public var sensitivityTop: Int
  public var alternativeWeights: [String: PriorityWeights]
  /// Resamples for the interval of each unit's excess (seeded from the analysis's bootstrap seed).
  public var resamples: Int
  /// Support slots to plan (`capacity:` in the pipeline); nil: no plan.
  public var capacity: CapacitySettings? = nil

  public init(
    weights: PriorityWeights = .standard, newLeaderDays: Int = 365, clearlyWorse: Double = 0.5,
    actNowScore: Double = 0.35, watchScore: Double = 0.3, sensitivityTop: Int = 5,
    alternativeWeights: [String: PriorityWeights] = PriorityWeights.alternatives, resamples: Int = 1000
  ) {
    self.weights = weights
    self.newLeaderDays = newLeaderDays
    self.clearlyWorse = clearlyWorse
    self.actNowScore = actNowScore
    self.watchScore = watchScore
    self.sensitivityTop = sensitivityTop
    self.alternativeWeights = alternativeWeights
    self.resamples = resamples
  }
}
