/// How much support there is to hand out: `capacity: { coaching_slots: 60, per: quarter }`.
public struct CapacitySettings: Hashable, Sendable {
  public enum Period: String, Hashable, Sendable, CaseIterable {
    case month, quarter, year
  }

  /// Coaching slots (one leader coached each) per period.
  public var slots: Int
  public var period: Period

  public init(slots: Int, period: Period) {
    self.slots = slots
    self.period = period
  }
}

/// A unit that could use support slots (docs/priority-method.md, "The capacity plan").
public struct PlanCandidate: Hashable, Sendable {
  public var unit: String
  /// The top-level organisation the unit belongs to (nil: none, or outside the tree).
  public var organisation: String?
  /// Slots the unit can use: its leaders early in role (at least one).
  public var demand: Int
  /// Expected benefit of a slot in the unit (`expectedBenefit`).
  public var benefit: Double

  public init(unit: String, organisation: String?, demand: Int, benefit: Double) {
    self.unit = unit
    self.organisation = organisation
    self.demand = demand
    self.benefit = benefit
  }
}

/// Slots given to one unit.
public struct SlotAllocation: Hashable, Sendable {
  public var unit: String
  public var organisation: String?
  public var slots: Int
}

/// The expected benefit of coaching a leader of a unit: today its priority score. Where the run
/// measures the support programme's effect (`support_effects`), the benefit can become the score
/// times that effect relative to the average programme, passed here as `programmeEffect`; the plan
/// does not use it yet (docs/priority-method.md).
public func expectedBenefit(score: Double, programmeEffect: Double? = nil) -> Double {
  score * (programmeEffect ?? 1)
}

/// Hands out `slots` to `candidates` (each tier's candidates in a group of their own, the most
/// urgent group first: the next group gets only what the earlier ones cannot use).
///
/// Within a group, slots are spread across organisations in proportion to their need (the sum of
/// benefit × demand over their candidates) by the Sainte-Laguë rule: each slot goes to the
/// organisation with the highest need / (2 × slots so far + 1), among those with demand left (ties:
/// the organisation's key, none last); within an organisation, to its candidate of highest benefit
/// with demand left (ties: the unit id). So one organisation takes every slot only when the others
/// have no demand, and its share follows its need. `alreadyGiven` are slots handed out before
/// (the plan's own, when working out what the next slots would cover): they count against
/// demand and in the divisors. Deterministic: the same candidates give the same plan.
public func allocateSlots(
  _ slots: Int, groups: [[PlanCandidate]], alreadyGiven: [SlotAllocation] = []
) -> [SlotAllocation] {
  var given: [String: Int] = [:]
  var byOrganisation: [String: Int] = [:]
  func key(_ organisation: String?) -> String { organisation.map { "1" + $0 } ?? "2" }
  for a in alreadyGiven {
    given[a.unit, default: 0] += a.slots
    byOrganisation[key(a.organisation), default: 0] += a.slots
  }
  var order: [String] = []
  var out: [String: SlotAllocation] = [:]
  var left = slots
  for group in groups where left > 0 {
    var units: [String: [PlanCandidate]] = [:]
    var need: [String: Double] = [:]
    for c in group {
      units[key(c.organisation), default: []].append(c)
      need[key(c.organisation), default: 0] += c.benefit * Double(c.demand)
    }
    for k in units.keys {
      units[k]?.sort { ($0.benefit, $1.unit) > ($1.benefit, $0.unit) }
    }
    func open(_ k: String) -> PlanCandidate? { units[k]?.first { (given[$0.unit] ?? 0) < $0.demand } }
    while left > 0 {
      let choices = units.keys.sorted().filter { open($0) != nil }
      guard
        let pick = choices.max(by: { a, b in
          let qa = (need[a] ?? 0) / Double(2 * (byOrganisation[a] ?? 0) + 1)
          let qb = (need[b] ?? 0) / Double(2 * (byOrganisation[b] ?? 0) + 1)
          return qa != qb ? qa < qb : a > b
        }), let unit = open(pick)
      else { break }
      given[unit.unit, default: 0] += 1
      byOrganisation[pick, default: 0] += 1
      left -= 1
      if out[unit.unit] == nil {
        order.append(unit.unit)
        out[unit.unit] = SlotAllocation(unit: unit.unit, organisation: unit.organisation, slots: 0)
      }
      out[unit.unit]?.slots += 1
    }
  }
  return order.compactMap { out[$0] }
}
