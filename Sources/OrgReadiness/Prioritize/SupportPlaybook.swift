/// A kind of support, described in the words of the people who give it, and the indicator
/// pattern it fits (from `Pipelines/playbook.yml`).
public struct SupportKind: Hashable, Codable, Sendable {
  public var id: String
  public var title: String
  /// One sentence for the reader: what the support is and who gives it.
  public var description: String
  /// Indicators that must sit above baseline (at least `minimumMatches` of them).
  public var elevated: [String]
  /// Indicators that must be getting worse over the last periods.
  public var worsening: [String]
  public var minimumMatches: Int

  public init(
    id: String, title: String, description: String, elevated: [String] = [], worsening: [String] = [],
    minimumMatches: Int = 1
  ) {
    self.id = id
    self.title = title
    self.description = description
    self.elevated = elevated
    self.worsening = worsening
    self.minimumMatches = minimumMatches
  }

  enum CodingKeys: String, CodingKey {
    case id, title, description, elevated, worsening
    case minimumMatches = "minimum_matches"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    title = try c.decode(String.self, forKey: .title)
    description = try c.decode(String.self, forKey: .description)
    elevated = try c.decodeIfPresent([String].self, forKey: .elevated) ?? []
    worsening = try c.decodeIfPresent([String].self, forKey: .worsening) ?? []
    minimumMatches = try c.decodeIfPresent(Int.self, forKey: .minimumMatches) ?? 1
  }
}

/// The support playbook: which support fits which indicator pattern.
public struct SupportPlaybook: Hashable, Codable, Sendable {
  public var version: Int
  /// An indicator counts as elevated at this mean oriented robust score or more.
  public var elevatedAt: Double
  /// An indicator counts as worsening when its oriented change reaches this (robust SDs).
  public var worseningAt: Double
  public var supports: [SupportKind]

  public init(version: Int = 1, elevatedAt: Double = 0.5, worseningAt: Double = 0.25, supports: [SupportKind]) {
    self.version = version
    self.elevatedAt = elevatedAt
    self.worseningAt = worseningAt
    self.supports = supports
  }

  enum CodingKeys: String, CodingKey {
    case version
    case elevatedAt = "elevated_at"
    case worseningAt = "worsening_at"
    case supports
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    version = try c.decode(Int.self, forKey: .version)
    elevatedAt = try c.decodeIfPresent(Double.self, forKey: .elevatedAt) ?? 0.5
    worseningAt = try c.decodeIfPresent(Double.self, forKey: .worseningAt) ?? 0.25
    supports = try c.decode([SupportKind].self, forKey: .supports)
  }

  /// A recommended support and the indicators that call for it.
  public struct Recommendation: Hashable, Sendable {
    public var support: SupportKind
    public var elevated: [String]
    public var worsening: [String]
    /// Sum of the matched indicators' scores: how strongly the pattern is present.
    public var strength: Double
  }

  /// The supports whose pattern a unit or team shows, strongest first.
  /// `levels` and `trends` are oriented robust scores by indicator name (higher is worse).
  public func recommend(levels: [String: Double], trends: [String: Double]) -> [Recommendation] {
    let names = Array(Set(levels.keys).union(trends.keys))
    return Matcher(self, indicatorNames: names).recommend(
      levels: names.map { levels[$0] }, trends: names.map { trends[$0] })
  }

  /// The playbook with each support's indicators resolved once to positions among a run's
  /// indicators, so that every unit and team is matched on arrays aligned with the indicators
  /// instead of tables keyed by name.
  public struct Matcher: Sendable {
    struct Pattern: Sendable {
      var support: SupportKind
      /// Positions of `support.elevated` and `support.worsening` (nil: not among the indicators).
      var elevated: [Int?]
      var worsening: [Int?]
    }
    let playbook: SupportPlaybook
    let patterns: [Pattern]

    public init(_ playbook: SupportPlaybook, indicatorNames: [String]) {
      // A name given twice counts at its last position, as a table keyed by name would keep it.
      let position = Dictionary(indicatorNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { _, last in last })
      self.playbook = playbook
      patterns = playbook.supports.map { support in
        Pattern(
          support: support, elevated: support.elevated.map { position[$0] },
          worsening: support.worsening.map { position[$0] })
      }
    }

    /// `recommend` for one unit or team: `levels` and `trends` aligned with the indicator names
    /// the matcher was made for (nil: no score).
    public func recommend(levels: [Double?], trends: [Double?]) -> [Recommendation] {
      func score(_ values: [Double?], _ position: Int?) -> Double? { position.flatMap { values[$0] } }
      var out: [Recommendation] = []
      for pattern in patterns {
        let support = pattern.support
        let up = support.elevated.indices.filter {
          (score(levels, pattern.elevated[$0]) ?? -.infinity) >= playbook.elevatedAt
        }
        let down = support.worsening.indices.filter {
          (score(trends, pattern.worsening[$0]) ?? -.infinity) >= playbook.worseningAt
        }
        guard up.count + down.count >= max(1, support.minimumMatches) else { continue }
        let strength =
          up.reduce(0) { $0 + (score(levels, pattern.elevated[$1]) ?? 0) }
          + down.reduce(0) { $0 + (score(trends, pattern.worsening[$1]) ?? 0) }
        out.append(
          Recommendation(
            support: support, elevated: up.map { support.elevated[$0] }, worsening: down.map { support.worsening[$0] },
            strength: strength))
      }
      return out.sorted { $0.strength > $1.strength || ($0.strength == $1.strength && $0.support.id < $1.support.id) }
    }
  }

  /// The playbook shipped in `Pipelines/playbook.yml`, for tests and as the fallback.
  public static let standard = SupportPlaybook(supports: [
    SupportKind(
      id: "delegation-coaching", title: "Delegation coaching",
      description: "Coaching on delegating approvals and reviews, so work stops queueing behind the leader.",
      elevated: ["approval_share", "review_wait_hours", "decision_latency_days"], minimumMatches: 2),
    SupportKind(
      id: "prioritisation-and-burnout-prevention", title: "Prioritisation and burnout prevention",
      description: "Help to step back from hands-on execution and protect the team's (and the leader's) working hours.",
      elevated: ["leader_execution_share", "after_hours_share"], minimumMatches: 2),
    SupportKind(
      id: "communication-and-difficult-conversations", title: "Communication and difficult conversations",
      description: "Training and mentoring for the conversations behind rising escalations and a quieter team.",
      elevated: ["escalations"], worsening: ["participation_rate"], minimumMatches: 2),
    SupportKind(
      id: "coaching-and-team-health", title: "Coaching and team health",
      description: "A coach and a team-health check-in where engagement is falling.",
      elevated: ["engagement_score"], worsening: ["engagement_score"], minimumMatches: 1),
  ])
}
