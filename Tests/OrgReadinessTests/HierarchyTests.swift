import Testing

@testable import OrgReadiness
@testable import OrgReadinessSample

/// A hand-made organisation: each person with their manager and org unit; `teams` lead a team.
private struct HandMadeOrganisation {
  var links = ReportingLinks()
  var teams: [TeamSnapshot] = []

  mutating func person(_ id: String, manager: String?, unit: String, team: Bool = false, days: Int = 900) {
    var state = PersonState(personID: id)
    state.isActive = true
    state.isPeopleLeader = true
    state.managerID = manager
    state.orgUnitID = unit
    state.orgUnitName = "Unit " + unit
    links.add(state)
    if team {
      teams.append(
        TeamSnapshot(
          leaderID: id, teamID: nil, orgUnitID: unit, orgUnitName: "Unit " + unit, daysInRole: days, headcount: 6,
          values: [], periodsInWindow: 3))
    }
  }

  var chains: LeaderChains { links.chains(above: teams.map(\.leaderID)) }

  /// CEO (HQ) over two VPs (A, B); A over two directors (A1 with six teams, A2 with three); B leads
  /// six teams directly. One leader reports to a manager in no input, two report to each other.
  static var standard: HandMadeOrganisation {
    var org = HandMadeOrganisation()
    org.person("ceo", manager: nil, unit: "HQ")
    org.person("vp-a", manager: "ceo", unit: "A")
    org.person("vp-b", manager: "ceo", unit: "B")
    org.person("d1", manager: "vp-a", unit: "A1")
    org.person("d2", manager: "vp-a", unit: "A2")
    for i in 1...6 { org.person("l\(i)", manager: "d1", unit: "A1", team: true, days: i * 100) }
    for i in 7...9 { org.person("l\(i)", manager: "d2", unit: "A2", team: true) }
    for i in 10...15 { org.person("l\(i)", manager: "vp-b", unit: "B", team: true) }
    org.person("x1", manager: "ghost", unit: "B", team: true)
    org.person("c1", manager: "c2", unit: "B", team: true)
    org.person("c2", manager: "c1", unit: "B")
    return org
  }
}

@Suite("The organisation tree from the reporting chain")
struct HierarchyTests {
  @Test("Opens the tree below a head who holds every team; levels cut it; broken chains stay out, counted")
  func treeShape() throws {
    let org = HandMadeOrganisation.standard
    let tree = OrgTree(teams: org.teams, chains: org.chains, levels: 3)
    #expect(tree.topLevel.map { tree.nodes[$0].key } == ["A", "B"])
    let a = try #require(tree.nodes.firstIndex { $0.key == "A" })
    #expect(tree.nodes[a].children.map { tree.nodes[$0].key } == ["A1", "A2"])
    #expect(tree.nodes[a].teams.count == 9)
    #expect(tree.nodes[a].ownTeams.isEmpty)
    let b = try #require(tree.nodes.first { $0.key == "B" })
    #expect(b.children.isEmpty && b.ownTeams.count == 6)
    #expect(tree.nodes.allSatisfy { $0.name.hasPrefix("Unit ") })
    #expect(tree.teamsOutside == [.unknownManager: 1, .reportingCycle: 1])
    #expect(tree.teamsInTree == 15)

    let flat = OrgTree(teams: org.teams, chains: org.chains, levels: 1)
    #expect(flat.nodes.count == 2)
    #expect(flat.nodes.first { $0.key == "A" }?.ownTeams.count == 9)
  }

  @Test("A manager known only from the directory tops the chain; one in no input breaks it")
  func directoryManagerTopsTheChain() throws {
    var org = HandMadeOrganisation()
    for i in 1...3 { org.person("t\(i)", manager: "dir-only", unit: "D", team: true) }
    org.person("u1", manager: "nobody", unit: "D", team: true)
    let chains = org.links.chains(above: org.teams.map(\.leaderID), isKnown: { $0 == "dir-only" })
    let chain = try #require(chains.chain(of: "t1"))
    #expect(chain.map { chains.people[$0].personID } == ["dir-only", "t1"])
    #expect(chains.broken == ["u1": .unknownManager])
    #expect(OrgTree(teams: org.teams, chains: chains, levels: 3).teamsOutside == [.unknownManager: 1])
  }

  @Test("Heads sharing an org unit get numbered keys, so every page has its own file")
  func sharedUnitKeys() {
    var org = HandMadeOrganisation()
    org.person("top", manager: nil, unit: "HQ")
    org.person("m1", manager: "top", unit: "X/1")
    org.person("m2", manager: "top", unit: "X/1")
    for i in 1...3 { org.person("a\(i)", manager: "m1", unit: "X/1", team: true) }
    for i in 1...3 { org.person("b\(i)", manager: "m2", unit: "X/1", team: true) }
    let tree = OrgTree(teams: org.teams, chains: org.chains, levels: 2)
    #expect(tree.nodes.map(\.key).sorted() == ["X_1", "X_1-2"])
    #expect(Set(tree.nodes.map(\.name)) == ["Unit X/1"])
  }

  @Test("Every roll-up equals the sum of its parts: child organisations plus the node's own teams")
  func rollUpsAddUp() throws {
    let outcome = SampleFixture.standard.outcome
    let hierarchy = outcome.hierarchy
    let tree = hierarchy.tree
    let scored = outcome.priority.scoredTeams
    let days = outcome.settings.priority.newLeaderDays
    #expect(tree.topLevel.count == SampleFixture.standard.summary.divisions)
    #expect(tree.nodes.count > tree.topLevel.count)
    func expectSame(_ a: OrgFigures, _ b: OrgFigures) {
      #expect(a.teams == b.teams && a.newLeaders == b.newLeaders && abs(a.people - b.people) < 1e-6)
      for (x, y) in [
        (a.excess, b.excess), (a.trend, b.trend), (a.bottleneckIndex, b.bottleneckIndex),
        (a.disengagementIndex, b.disengagementIndex),
      ] {
        #expect(x.count == y.count)
        #expect(abs(x.sum - y.sum) < 1e-9)
      }
    }
    for (n, node) in tree.nodes.enumerated() {
      let parts = node.children.reduce(OrgFigures(teams: node.ownTeams, scored: scored, newLeaderDays: days)) {
        $0 + hierarchy.figures[$1]
      }
      expectSame(hierarchy.figures[n], parts)
      let interval = try #require(hierarchy.figures[n].excessInterval)
      let excess = try #require(hierarchy.figures[n].excess.value)
      #expect(interval.low <= excess && excess <= interval.high)
    }
    let whole = OrgFigures(teams: scored.indices, scored: scored, newLeaderDays: days)
    let top = tree.topLevel.reduce(OrgFigures(teams: tree.ownTeamsAtTop, scored: scored, newLeaderDays: days)) {
      $0 + hierarchy.figures[$1]
    }
    #expect(tree.teamsOutside.isEmpty)
    expectSame(whole, top)
  }

  @Test("A child below the minimum is hidden with its next-smallest sibling, and so is its subtree")
  func smallChildHidesSibling() throws {
    let org = HandMadeOrganisation.standard
    let tree = OrgTree(teams: org.teams, chains: org.chains, levels: 3)
    let hidden = treeSuppression(tree, topOwnTeams: 0, minimum: 5)
    // A2 has 3 teams: hidden, and A1 (the only other part of A) with it.
    #expect(Set(hidden.map { tree.nodes[$0].key }) == ["A1", "A2"])
    // The whole organisation's own part (here two teams outside the tree) is a part too.
    let withOwn = treeSuppression(tree, topOwnTeams: 2, minimum: 5)
    #expect(Set(withOwn.map { tree.nodes[$0].key }) == ["A1", "A2", "B"])
    // With a minimum of 3, nothing under A is hidden; at the top the two teams outside the tree
    // are still a hidden part, so the smaller top-level node goes with them.
    let relaxed = treeSuppression(tree, topOwnTeams: 2, minimum: 3)
    #expect(Set(relaxed.map { tree.nodes[$0].key }) == ["B"])
  }

  @Test("A node's figures minus its shown units never give a hidden unit's")
  func unitsHiddenWithinEveryNode() throws {
    let org = HandMadeOrganisation.standard
    let tree = OrgTree(teams: org.teams, chains: org.chains, levels: 3)
    let a1 = try #require(tree.nodes.firstIndex { $0.key == "A1" })
    let a2 = try #require(tree.nodes.firstIndex { $0.key == "A2" })
    let b = try #require(tree.nodes.firstIndex { $0.key == "B" })
    // A1 holds two units; its unit of two teams is hidden, so its other unit must go too.
    let sizes = ["A1x": 2, "A1y": 7, "A2": 3, "B": 6, "Z": 2]
    let home = ["A1x": a1, "A1y": a1, "A2": a2, "B": b]
    let globally = complementarySuppression(sizes: sizes, minimum: 5)
    #expect(globally == ["A1x", "Z", "A2"])
    // (Units named apart from the tree's teams here: `teamUnits` is empty, so no unit is split.)
    let hidden = unitSuppression(
      hidden: globally, unitSizes: sizes, unitHome: home, teamUnits: [], tree: tree, hiddenNodes: [], minimum: 5)
    #expect(hidden == ["A1x", "A1y", "Z", "A2"])
    // A hidden node hides the units whose home it is.
    let withNode = unitSuppression(
      hidden: [], unitSizes: ["B": 6, "A1y": 6, "A2": 6], unitHome: home, teamUnits: [], tree: tree,
      hiddenNodes: [b], minimum: 5)
    #expect(withNode.contains("B"))
  }

  /// Trap: an org unit split across two organisations is shown (it is large enough as a whole), but
  /// one organisation holds a single team of it. That organisation minus its shown units would be
  /// that one team's figures, so its next-smallest unit is hidden with it; the other organisation,
  /// holding five teams of the split unit, needs nothing hidden.
  @Test("A few teams of a unit split across organisations are never what a node minus its shown units leaves")
  func splitUnitPiecesAreProtected() throws {
    var org = HandMadeOrganisation()
    org.person("ceo", manager: nil, unit: "HQ")
    org.person("vp-a", manager: "ceo", unit: "A")
    org.person("vp-b", manager: "ceo", unit: "B")
    for i in 1...6 { org.person("p\(i)", manager: "vp-a", unit: "P", team: true) }
    org.person("s1", manager: "vp-a", unit: "S", team: true)
    for i in 1...6 { org.person("q\(i)", manager: "vp-b", unit: "Q", team: true) }
    for i in 2...6 { org.person("s\(i)", manager: "vp-b", unit: "S", team: true) }
    let tree = OrgTree(teams: org.teams, chains: org.chains, levels: 3)
    let a = try #require(tree.nodes.firstIndex { $0.key == "A" })
    let b = try #require(tree.nodes.firstIndex { $0.key == "B" })
    var sizes: [String: Int] = [:]
    for team in org.teams { sizes[team.orgUnitID, default: 0] += 1 }
    #expect(sizes == ["P": 6, "S": 6, "Q": 6])
    let home = ["P": a, "Q": b]  // S spans both top-level organisations: no home below the top.
    #expect(complementarySuppression(sizes: sizes, minimum: 5).isEmpty)
    let hidden = unitSuppression(
      hidden: [], unitSizes: sizes, unitHome: home, teamUnits: org.teams.map(\.orgUnitID), tree: tree,
      hiddenNodes: [], minimum: 5)
    #expect(hidden == ["P"], "A minus P would be S's one team in A")
    // Without the split unit's piece, A would need nothing hidden.
    let unsplit = unitSuppression(
      hidden: [], unitSizes: sizes, unitHome: home, teamUnits: [], tree: tree, hiddenNodes: [], minimum: 5)
    #expect(unsplit.isEmpty)
  }

  @Test("On the sample report, no hidden figure can be recovered from a parent minus its other parts")
  func suppressionHoldsAtEveryNode() throws {
    let outcome = SampleFixture.standard.outcome
    let report = SampleFixture.report
    let organisations = try #require(report.organisations)
    let tree = outcome.hierarchy.tree
    let minimum = report.settings.minGroupSize
    let shown = Set(organisations.nodes.map(\.key))
    #expect(organisations.suppressed > 0)
    // Each shown parent (and the whole organisation): the parts not shown are none, or at least two
    // holding at least the minimum of teams.
    func check(children: [Int], own: Int) {
      var unshown = children.filter { !shown.contains(tree.nodes[$0].key) }.map { tree.nodes[$0].teams.count }
      if own > 0 { unshown.append(own) }
      let small = unshown.contains { $0 < minimum }
      #expect(!small || (unshown.count >= 2 && unshown.reduce(0, +) >= minimum))
    }
    let topTeams = tree.topLevel.reduce(0) { $0 + tree.nodes[$1].teams.count }
    check(children: tree.topLevel, own: report.population.teams - topTeams)
    for node in tree.nodes where shown.contains(node.key) {
      check(children: node.children, own: node.ownTeams.count)
      if let parent = node.parent { #expect(shown.contains(tree.nodes[parent].key)) }
    }
    // Every shown figure covers at least the minimum of teams.
    #expect(organisations.nodes.allSatisfy { $0.teams >= minimum })
    // Units: within each shown organisation the hidden units are none, or at least two holding the
    // minimum; no shown unit lives in a hidden organisation.
    let listed = Set(report.priorities.map(\.orgUnit))
    let unitSizes = Dictionary(uniqueKeysWithValues: outcome.priority.units.map { ($0.orgUnitID, $0.teams) })
    for (n, node) in tree.nodes.enumerated() {
      let units = outcome.hierarchy.unitHome.filter { tree.ancestry(of: $0.value).contains(n) }.map(\.key)
      let hiddenUnits = units.filter { !listed.contains($0) }
      if !shown.contains(node.key) {
        #expect(units.filter { outcome.hierarchy.unitHome[$0] == n }.allSatisfy { !listed.contains($0) })
      } else if !hiddenUnits.isEmpty {
        #expect(hiddenUnits.count >= 2)
        #expect(hiddenUnits.reduce(0) { $0 + (unitSizes[$1] ?? 0) } >= minimum)
      }
    }
  }

  @Test("An organisation page shows its first children as cards and every other child as a linked line")
  func manyChildrenBecomeLines() throws {
    let report = SampleFixture.report
    let organisations = try #require(report.organisations)
    let pages = OrganisationPage.pages(report, view: ExecutiveView(report), cardLimit: 2)
    #expect(pages.map(\.key) == organisations.nodes.map(\.key))
    let division = try #require(organisations.nodes.first { $0.children.count > 2 })
    let page = try #require(pages.first { $0.key == division.key })
    #expect(page.children.map(\.key) == Array(division.children.prefix(2)))
    #expect(page.otherChildren.map(\.href) == division.children.dropFirst(2).map { "\($0).html" })
    #expect(page.otherChildrenIntro.contains("\(division.children.count - 2)"))
    #expect(pages.filter { $0.children.count <= 2 }.count == pages.count)
  }

  @Test("Tier counts and top units roll up from the shown units, in the priority list's order")
  func tierCountsRollUp() throws {
    let report = SampleFixture.report
    let organisations = try #require(report.organisations)
    let tiers = Dictionary(uniqueKeysWithValues: report.priorities.map { ($0.orgUnit, $0.tier) })
    for org in organisations.nodes {
      let children = org.children.compactMap { organisations.node($0) }
      // Exactly the children's units plus the units whose home is the organisation itself.
      for (tier, count) in [(SupportTier.actNow, org.actNowUnits), (.watch, org.watchUnits), (.fine, org.fineUnits)] {
        let own = org.units.filter { tiers[$0] == tier }.count
        let fromChildren = children.reduce(0) {
          $0 + (tier == .actNow ? $1.actNowUnits : tier == .watch ? $1.watchUnits : $1.fineUnits)
        }
        #expect(count == own + fromChildren, "\(org.key) \(tier)")
      }
      let ranks = org.topUnits.compactMap { unit in report.priorities.first { $0.orgUnit == unit }?.rank }
      #expect(ranks == ranks.sorted() && ranks.count == org.topUnits.count)
    }
    let top = organisations.topLevel.compactMap { organisations.node($0) }
    #expect(top.reduce(0) { $0 + $1.actNowUnits } <= report.overview.actNowUnits)
    #expect(top.reduce(0) { $0 + $1.actNowUnits + $1.watchUnits + $1.fineUnits } > 0)
  }
}
