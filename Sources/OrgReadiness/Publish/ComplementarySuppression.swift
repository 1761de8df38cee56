/// The groups to hide so that no figure over fewer than `minimum` members is shown, directly or
/// by subtraction from a total: every group below the minimum is hidden (primary suppression),
/// and while the hidden groups together hold fewer than `minimum` members — or exactly one group
/// is hidden — the next-smallest visible group is hidden too (complementary suppression, as
/// Viva Glint does). Ties are broken by the group's id so the result is deterministic.
public func complementarySuppression(sizes: [String: Int], minimum: Int) -> Set<String> {
  var hidden = Set(sizes.filter { $0.value < minimum }.map(\.key))
  guard !hidden.isEmpty else { return hidden }
  var visible = sizes.filter { !hidden.contains($0.key) }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
  func hiddenTotal() -> Int { hidden.reduce(0) { $0 + (sizes[$1] ?? 0) } }
  while !visible.isEmpty && (hidden.count == 1 || hiddenTotal() < minimum) {
    hidden.insert(visible.removeFirst().key)
  }
  return hidden
}

/// The nodes of an organisation tree to hide, so that no figure over fewer than `minimum` teams is
/// shown at any node, directly or as a parent minus its other parts (docs/hierarchy.md). Top
/// down, the parts of each shown parent — its child nodes and its own part (teams in no child,
/// never shown on its own; at the top, `topOwnTeams`: the head's own teams and those outside the
/// tree) — go through `complementarySuppression`; a hidden node hides its whole subtree.
public func treeSuppression(_ tree: OrgTree, topOwnTeams: Int, minimum: Int) -> Set<Int> {
  var hidden = Set<Int>()
  let own = "\u{0}own"
  func suppress(children: [Int], ownTeams: Int) {
    var sizes: [String: Int] = [:]
    for c in children { sizes[tree.nodes[c].key] = tree.nodes[c].teams.count }
    if ownTeams > 0 { sizes[own] = ownTeams }
    let hide = complementarySuppression(sizes: sizes, minimum: minimum)
    for c in children where hide.contains(tree.nodes[c].key) { hidden.insert(c) }
  }
  suppress(children: tree.topLevel, ownTeams: topOwnTeams)
  for (n, node) in tree.nodes.enumerated() {
    if let parent = node.parent, hidden.contains(parent) { hidden.insert(n) }
    guard !hidden.contains(n) else { continue }
    suppress(children: node.children, ownTeams: node.ownTeams.count)
  }
  return hidden
}

/// Widens the hidden org units (`hidden`, from `complementarySuppression`) to the organisation
/// tree: a unit whose home is a hidden node is hidden, and in every node, what its figures minus
/// its shown units leave is nothing, or at least two parts holding at least `minimum` teams, or
/// one piece of a unit homed higher up that holds at least `minimum` teams (the next-smallest
/// units of the subtree are hidden until it is). The parts are the hidden units of the subtree
/// and the pieces of units that reach beyond the node (a unit's teams in the node when its home is
/// above it; `teamUnits` gives each team's unit by the tree's team index, and an empty one counts
/// no pieces), so a node's figures minus its shown units never give a hidden unit's, nor a few
/// teams of a unit split across organisations.
public func unitSuppression(
  hidden: Set<String>, unitSizes: [String: Int], unitHome: [String: Int], teamUnits: [String], tree: OrgTree,
  hiddenNodes: Set<Int>, minimum: Int
) -> Set<String> {
  var hidden = hidden
  var unitsBelow = [[String]](repeating: [], count: tree.nodes.count)
  for unit in unitSizes.keys.sorted() {
    guard let home = unitHome[unit] else { continue }
    if hiddenNodes.contains(home) { hidden.insert(unit) }
    for n in tree.ancestry(of: home) { unitsBelow[n].append(unit) }
  }
  // Pieces of units homed above a node (or nowhere: across top-level organisations): their
  // number and teams, per node. Never shown as such, so they stay in what a node minus its shown
  // units leaves.
  var pieces = [(count: Int, teams: Int)](repeating: (0, 0), count: tree.nodes.count)
  for (n, node) in tree.nodes.enumerated() {
    var teamsOf: [String: Int] = [:]
    for t in node.teams where t < teamUnits.count { teamsOf[teamUnits[t], default: 0] += 1 }
    let whole = Set(unitsBelow[n])  // units homed here or below: all their teams are in the node
    for (unit, teams) in teamsOf where !whole.contains(unit) {
      pieces[n].count += 1
      pieces[n].teams += teams
    }
  }
  var changed = true
  while changed {
    changed = false
    for n in tree.nodes.indices.reversed() {
      let units = unitsBelow[n]
      var hiddenHere = units.filter { hidden.contains($0) }
      let piece = pieces[n]
      guard !hiddenHere.isEmpty || piece.count > 0 else { continue }
      var visible = units.filter { !hidden.contains($0) }.sorted {
        (unitSizes[$0] ?? 0, $0) < (unitSizes[$1] ?? 0, $1)
      }
      func total() -> Int { hiddenHere.reduce(piece.teams) { $0 + (unitSizes[$1] ?? 0) } }
      // One hidden unit alone is its own figures; one piece alone is safe only with enough teams.
      func exposed() -> Bool {
        let parts = hiddenHere.count + piece.count
        if parts == 1 { return !hiddenHere.isEmpty || piece.teams < minimum }
        return total() < minimum
      }
      while !visible.isEmpty && exposed() {
        let next = visible.removeFirst()
        hidden.insert(next)
        hiddenHere.append(next)
        changed = true
      }
    }
  }
  return hidden
}
