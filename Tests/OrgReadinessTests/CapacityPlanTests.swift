import Testing

@testable import OrgReadiness
@testable import OrgReadinessPipeline

@Suite("The capacity plan: the priority list for the slots there are")
struct CapacityPlanTests {
  func candidate(_ unit: String, _ organisation: String?, demand: Int, benefit: Double) -> PlanCandidate {
    PlanCandidate(unit: unit, organisation: organisation, demand: demand, benefit: benefit)
  }

  var units: [PlanCandidate] {
    [
      candidate("a1", "A", demand: 4, benefit: 0.6), candidate("a2", "A", demand: 5, benefit: 0.5),
      candidate("b1", "B", demand: 3, benefit: 0.4), candidate("c1", nil, demand: 2, benefit: 0.9),
    ]
  }

  func total(_ plan: [SlotAllocation]) -> Int { plan.reduce(0) { $0 + $1.slots } }

  @Test("Never more slots than there are, nor more to a unit than it can use", arguments: [0, 1, 5, 13, 14, 40])
  func capacityRespected(slots: Int) {
    let plan = allocateSlots(slots, groups: [units])
    #expect(total(plan) == min(slots, 14))
    for a in plan {
      let demand = units.first { $0.unit == a.unit }?.demand ?? 0
      #expect(a.slots >= 1 && a.slots <= demand)
    }
  }

  @Test("The same candidates in any order give the same plan")
  func deterministic() {
    let plan = allocateSlots(9, groups: [units])
    #expect(allocateSlots(9, groups: [units.reversed()]) == plan)
    #expect(allocateSlots(9, groups: [[units[2], units[0], units[3], units[1]]]) == plan)
  }

  @Test("Slots follow each organisation's need (Sainte-Laguë), not just the top of the list")
  func spreadByNeed() {
    // Need: A 3 (one unit, 6 leaders × 0.5), B 1 (2 leaders × 0.5): 8 slots split 6 and 2.
    let plan = allocateSlots(
      8, groups: [[candidate("a", "A", demand: 6, benefit: 0.5), candidate("b", "B", demand: 2, benefit: 0.5)]])
    #expect(plan.map(\.slots) == [6, 2])
    // A ten times larger need (9 against 0.9) takes 9 of 10 slots, not all of them.
    let skewed = allocateSlots(
      10, groups: [[candidate("a", "A", demand: 10, benefit: 0.9), candidate("b", "B", demand: 3, benefit: 0.3)]])
    #expect(skewed.map(\.slots) == [9, 1] || skewed.map(\.slots) == [1, 9])
    #expect(skewed.first { $0.unit == "b" }?.slots == 1)
    // With nobody else to coach, one organisation takes every slot.
    #expect(allocateSlots(5, groups: [[candidate("a", "A", demand: 9, benefit: 0.2)]]).map(\.slots) == [5])
    // Within an organisation the unit of higher benefit comes first.
    let inside = allocateSlots(3, groups: [[units[1], units[0]]])
    #expect(inside.map(\.unit) == ["a1"] && inside[0].slots == 3)
  }

  @Test("Watch units get only the slots the act-now units cannot use")
  func actNowFirst() {
    let actNow = [candidate("x", "A", demand: 2, benefit: 0.4)]
    let watch = [candidate("w", "B", demand: 5, benefit: 0.9)]
    #expect(allocateSlots(2, groups: [actNow, watch]).map(\.unit) == ["x"])
    #expect(
      allocateSlots(4, groups: [actNow, watch]) == [
        SlotAllocation(unit: "x", organisation: "A", slots: 2), SlotAllocation(unit: "w", organisation: "B", slots: 2),
      ])
  }

  @Test("The next slots continue the plan: no unit over its demand across both")
  func nextSlots() {
    let plan = allocateSlots(6, groups: [units])
    let next = allocateSlots(6, groups: [units], alreadyGiven: plan)
    #expect(total(next) == 6)
    for u in units {
      let given = (plan + next).filter { $0.unit == u.unit }.reduce(0) { $0 + $1.slots }
      #expect(given <= u.demand)
    }
    #expect(allocateSlots(6, groups: [units], alreadyGiven: plan + next).reduce(0) { $0 + $1.slots } == 2)
  }

  @Test("On the sample report: planned units are shown units to act on or watch, within capacity")
  func planOnTheSample() throws {
    var outcome = SampleFixture.standard.outcome
    outcome.settings.priority.capacity = CapacitySettings(slots: 10, period: .quarter)
    let report = Report(
      outcome: outcome, run: .init(id: "test", asOf: SampleFixture.asOf, pipeline: "test", toolVersion: "test"),
      inputs: [])
    let plan = try #require(report.capacityPlan)
    let listed = Dictionary(uniqueKeysWithValues: report.priorities.map { ($0.orgUnit, $0) })
    #expect(plan.units.reduce(0) { $0 + $1.slots } == min(10, plan.qualifyingSlots))
    #expect(plan.qualifyingUnits == report.priorities.filter { $0.tier != .fine }.count)
    for unit in plan.units + plan.next {
      let p = try #require(listed[unit.orgUnit])
      #expect(p.tier != .fine && unit.slots <= max(1, p.newLeaders))
    }
    #expect(plan.organisations.reduce(0) { $0 + $1.slots } == plan.units.reduce(0) { $0 + $1.slots })
    #expect(SampleFixture.report.capacityPlan == nil)

    // The restricted view says which leaders take the slots: leaders early in role of the planned
    // units, as many as each unit's slots, under pseudonyms only.
    let pseudonymizer = try #require(Pseudonymizer(key: "capacity-key-for-tests"))
    let view = AnalystView(
      report: report, leaders: outcome.priority.leaders, indicators: outcome.indicators,
      pseudonym: pseudonymizer.pseudonym)
    let slotted = view.rows.filter { $0.coaching.hasPrefix("slot ") }
    #expect(slotted.count == plan.units.reduce(0) { $0 + $1.slots })
    #expect(Set(slotted.map(\.coaching)).count == slotted.count)
    for unit in plan.units {
      let rows = slotted.filter { $0.team.orgUnitID == unit.orgUnit }
      #expect(rows.count == unit.slots)
      #expect(rows.allSatisfy { $0.team.daysInRole <= report.settings.newLeaderDays })
    }
    #expect(view.rows.filter { $0.coaching == "next" }.count == plan.next.reduce(0) { $0 + $1.slots })
    let csv = AnalystOutputs.leadersCSV(view)
    #expect(csv.split(separator: "\n").first?.contains("coaching_slot") == true)
    #expect(csv.contains(",slot 1,"))
  }
}
