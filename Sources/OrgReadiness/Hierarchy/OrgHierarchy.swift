/// A mean carried as its sum and count, so that a parent's mean is exactly the mean over its
/// parts' teams (the sums and counts add; the means do not).
public struct RolledMean: Hashable, Sendable {
  public var sum: Double
  public var count: Int

  public init(sum: Double = 0, count: Int = 0) {
    self.sum = sum
    self.count = count
  }

  public var value: Double? { count > 0 ? sum / Double(count) : nil }

  mutating func add(_ x: Double?) {
    guard let x else { return }
    sum += x
    count += 1
  }

  public static func + (a: RolledMean, b: RolledMean) -> RolledMean {
    RolledMean(sum: a.sum + b.sum, count: a.count + b.count)
  }
}

/// An organisation's figures over all its teams, before privacy suppression. Every field but the
/// interval is additive: a node's figures are the sum of its children's and its own part's.
public struct OrgFigures: Hashable, Sendable {
  public var teams = 0
  /// Leaders early in role (at most `newLeaderDays`).
  public var newLeaders = 0
  /// People in the teams: the sum of their mean window headcounts (published rounded, as a unit's).
  public var people = 0.0
  /// Linked composite (robust SDs above baseline on the indicators linked to time in role).
  public var excess = RolledMean()
  public var trend = RolledMean()
  public var bottleneckIndex = RolledMean()
  public var disengagementIndex = RolledMean()
  /// The interval of `excess` over the node's teams (not additive; computed for each node).
  public var excessInterval: ConfidenceInterval?

  public init() {}

  /// The additive figures of `teams` (indices into `scored`).
  public init(teams: some Sequence<Int>, scored: [ScoredTeam], newLeaderDays: Int) {
    for t in teams {
      let s = scored[t]
      self.teams += 1
      if s.team.daysInRole <= newLeaderDays { newLeaders += 1 }
      people += s.team.headcount ?? 0
      excess.add(s.linkedComposite)
      trend.add(s.linkedTrend)
      bottleneckIndex.add(s.bottleneckIndex)
      disengagementIndex.add(s.disengagementIndex)
    }
  }

  /// The additive figures of two disjoint groups of teams together (no interval).
  public static func + (a: OrgFigures, b: OrgFigures) -> OrgFigures {
    var out = OrgFigures()
    out.teams = a.teams + b.teams
    out.newLeaders = a.newLeaders + b.newLeaders
    out.people = a.people + b.people
    out.excess = a.excess + b.excess
    out.trend = a.trend + b.trend
    out.bottleneckIndex = a.bottleneckIndex + b.bottleneckIndex
    out.disengagementIndex = a.disengagementIndex + b.disengagementIndex
    return out
  }
}

/// The organisation tree with every node's figures and where each org unit sits in it: what the
/// report's organisations are built from (docs/hierarchy.md).
public struct OrgHierarchy: Sendable {
  public var tree: OrgTree
  /// Aligned with `tree.nodes`.
  public var figures: [OrgFigures]
  /// Each org unit's home: the deepest node holding all of the unit's teams (nil: the whole
  /// organisation, when its teams are in different top-level nodes or outside the tree).
  public var unitHome: [String: Int]

  public static let empty = OrgHierarchy(tree: .empty, figures: [], unitHome: [:])

  init(tree: OrgTree, figures: [OrgFigures], unitHome: [String: Int]) {
    self.tree = tree
    self.figures = figures
    self.unitHome = unitHome
  }

  /// Rolls the scored teams' figures up `tree`. Each node's figures are computed from its own
  /// teams; its excess interval is a seeded percentile bootstrap over them (stream `org-<key>`),
  /// or, above `AnalysisSettings.organisationBootstrapLimit` teams, the normal approximation.
  public init(tree: OrgTree, scored: [ScoredTeam], settings: AnalysisSettings) {
    self.tree = tree
    let newLeaderDays = settings.priority.newLeaderDays
    // Nodes are independent (each bootstrap has its own seeded stream): worked out on both cores,
    // each into its own slot, gathered in order.
    let nodes = tree.nodes
    let results = ParallelResults<OrgFigures>(count: nodes.count)
    concurrentPerform(iterations: nodes.count) { n in
      let node = nodes[n]
      var f = OrgFigures(teams: node.teams, scored: scored, newLeaderDays: newLeaderDays)
      let composites = node.teams.compactMap { scored[$0].linkedComposite }
      if composites.count > AnalysisSettings.organisationBootstrapLimit {
        f.excessInterval = normalMeanInterval(composites, level: settings.confidenceLevel)
      } else {
        var generator = SeededGenerator(seed: settings.bootstrapSeed, stream: "org-" + node.key)
        f.excessInterval = meanBootstrapInterval(
          composites, resamples: settings.priority.resamples, level: settings.confidenceLevel,
          generator: &generator)
      }
      results.set(n, f)
    }
    figures = results.values.compactMap { $0 }
    // The node each team sits in directly, then each unit's lowest common ancestor.
    var nodeOfTeam = [Int](repeating: -1, count: scored.count)
    for (n, node) in tree.nodes.enumerated() {
      for t in node.ownTeams { nodeOfTeam[t] = n }
    }
    var home: [String: Int?] = [:]
    for (t, s) in scored.enumerated() {
      let unit = s.team.orgUnitID
      let here: Int? = nodeOfTeam[t] >= 0 ? nodeOfTeam[t] : nil
      if let existing = home[unit] {
        home[unit] = tree.commonAncestor(existing, here)
      } else {
        home[unit] = .some(here)
      }
    }
    unitHome = home.compactMapValues { $0 }
  }
}

extension OrgTree {
  /// The deepest node that is `a` or `b` or an ancestor of both; nil (the whole organisation) when
  /// there is none.
  func commonAncestor(_ a: Int?, _ b: Int?) -> Int? {
    guard var a, var b else { return nil }
    while a != b {
      if nodes[a].level >= nodes[b].level {
        guard let p = nodes[a].parent else { return nil }
        a = p
      } else {
        guard let p = nodes[b].parent else { return nil }
        b = p
      }
    }
    return a
  }

  /// `node` and its ancestors, the node first.
  public func ancestry(of node: Int) -> [Int] {
    var out = [node]
    while let p = nodes[out[out.count - 1]].parent { out.append(p) }
    return out
  }
}

/// The normal-approximation interval of a mean: mean ± z·s/√n.
func normalMeanInterval(_ values: [Double], level: Double) -> ConfidenceInterval? {
  guard let m = mean(values), let v = sampleVariance(values) else { return nil }
  let half = normalQuantile(0.5 + level / 2) * (v / Double(values.count)).squareRoot()
  return ConfidenceInterval(low: m - half, high: m + half)
}
