extension Report {
  /// The priority list as a plan for the support there is (`capacity:`; docs/priority-method.md).
  public struct CapacityPlan: Codable, Hashable, Sendable {
    public var slots: Int
    /// "month", "quarter" or "year".
    public var per: String
    /// Shown act-now and watch units: all would qualify without the cap.
    public var qualifyingUnits: Int
    /// Slots they could use together (their leaders early in role, at least one a unit).
    public var qualifyingSlots: Int
    /// Units given slots, in the order the slots went out.
    public var units: [PlannedUnit]
    /// Slots per top-level organisation (key; `""` for units in none), most first.
    public var organisations: [PlannedOrganisation]
    /// What the next `slots` (say, the next period's) would cover.
    public var next: [PlannedUnit]
    /// How the slots were handed out, by name.
    public var rule: String

    enum CodingKeys: String, CodingKey {
      case slots, per
      case qualifyingUnits = "qualifying_units"
      case qualifyingSlots = "qualifying_slots"
      case units, organisations, next, rule
    }
  }

  public struct PlannedUnit: Codable, Hashable, Sendable {
    public var orgUnit: String
    public var orgUnitName: String
    public var tier: SupportTier
    /// The top-level organisation's key (nil: in none).
    public var organisation: String?
    public var slots: Int

    enum CodingKeys: String, CodingKey {
      case orgUnit = "org_unit"
      case orgUnitName = "org_unit_name"
      case tier, organisation, slots
    }
  }

  public struct PlannedOrganisation: Codable, Hashable, Sendable {
    public var key: String
    public var slots: Int
  }

  public static let capacityRule =
    "act-now units first, then watch units; within each, slots spread across top-level organisations in proportion to need (Sainte-Laguë), and within an organisation by expected benefit (the priority score)"

  /// The plan for `capacity` over the shown `priorities`; `organisationOf` gives a unit's
  /// top-level organisation.
  static func capacityPlan(
    _ capacity: CapacitySettings, priorities: [Priority], organisationOf: [String: String]
  ) -> CapacityPlan {
    let candidates = priorities.filter { $0.tier != .fine }.map { p in
      (
        p.tier,
        PlanCandidate(
          unit: p.orgUnit, organisation: organisationOf[p.orgUnit], demand: max(1, p.newLeaders),
          benefit: expectedBenefit(score: p.score))
      )
    }
    let groups = [SupportTier.actNow, .watch].map { tier in candidates.filter { $0.0 == tier }.map(\.1) }
    let plan = allocateSlots(capacity.slots, groups: groups)
    let next = allocateSlots(capacity.slots, groups: groups, alreadyGiven: plan)
    let byUnit = Dictionary(priorities.map { ($0.orgUnit, $0) }, uniquingKeysWith: { a, _ in a })
    func planned(_ a: SlotAllocation) -> PlannedUnit {
      PlannedUnit(
        orgUnit: a.unit, orgUnitName: byUnit[a.unit]?.orgUnitName ?? a.unit, tier: byUnit[a.unit]?.tier ?? .watch,
        organisation: a.organisation, slots: a.slots)
    }
    var perOrganisation: [String: Int] = [:]
    for a in plan { perOrganisation[a.organisation ?? "", default: 0] += a.slots }
    return CapacityPlan(
      slots: capacity.slots, per: capacity.period.rawValue, qualifyingUnits: candidates.count,
      qualifyingSlots: candidates.reduce(0) { $0 + $1.1.demand }, units: plan.map(planned),
      organisations: perOrganisation.map { PlannedOrganisation(key: $0.key, slots: $0.value) }.sorted {
        ($0.slots, $1.key) > ($1.slots, $0.key)
      }, next: next.map(planned), rule: capacityRule)
  }
}
