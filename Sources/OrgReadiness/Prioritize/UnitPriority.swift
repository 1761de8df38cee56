/// One indicator that pushes an org unit up the priority list.
public struct PriorityDriver: Hashable, Sendable {
  public var indicator: Indicator
  /// Median of the unit's team values (the values the scores were computed from).
  public var unitMedian: Double
  /// Median over all the organisation's teams.
  public var baselineMedian: Double
  /// Mean oriented robust score of the unit's teams (robust SDs worse than baseline).
  public var score: Double
  /// Mean oriented change against the previous window (robust SDs; positive is getting worse).
  public var trend: Double?
  /// True when the run's correlations link this indicator to time in role.
  public var linkedToTimeInRole: Bool
}

/// An org unit's place on the support priority list, before privacy filtering.
public struct UnitPriority: Hashable, Sendable {
  public var orgUnitID: String
  public var orgUnitName: String
  /// Analysed teams in the unit; each has one leader, so this is also the unit's leader count.
  public var teams: Int
  /// Leaders early in role (at most `newLeaderDays`).
  public var newLeaders: Int
  /// People in the unit's teams (sum of mean window headcounts, rounded).
  public var people: Int
  /// Mean linked composite of the unit's teams: robust SDs above baseline on the indicators
  /// linked to time in role.
  public var excess: Double?
  /// Seeded percentile bootstrap interval (over the unit's teams) of `excess`, at the analysis's
  /// confidence level.
  public var excessInterval: ConfidenceInterval?
  /// Mean linked trend of the unit's teams (positive: getting worse).
  public var trend: Double?
  public var bottleneckIndex: Double?
  public var disengagementIndex: Double?
  public var components: PriorityComponents
  public var score: Double
  /// Clearly worse than baseline on linked indicators (the Peakon-style rule).
  public var flagged: Bool
  public var tier: SupportTier
  public var drivers: [PriorityDriver]
  /// Median of the unit's team values per indicator (aligned with the indicators).
  public var medians: [Double?]
  /// Mean oriented level of the unit's teams per scored indicator (robust SDs, positive: worse than
  /// the organisation's typical team; 0 when the indicator has no spread); nil when not scored or
  /// fewer than the minimum group size of the unit's teams have a value (the heat map marks it
  /// suppressed).
  public var levels: [Double?]
  /// Mean oriented change per indicator (aligned with the indicators).
  public var trends: [Double?]
  public var supports: [SupportPlaybook.Recommendation]
  /// Share of the weight sets (default and alternatives) under which the unit is in the top
  /// `sensitivityTop`; 0 for units outside it under every set.
  public var sensitivityShare: Double
  /// In the top under the default weights and under every alternative.
  public var robust: Bool
}

/// What the prioritisation stage produced.
public struct PriorityOutcome: Sendable {
  /// Every org unit, before privacy filtering, most urgent first.
  public var units: [UnitPriority]
  /// The indicators whose verdict is `TimeInRoleLink.linked`.
  public var linked: Set<String>
  public var baselines: [Baseline?]
  public var scoredTeams: [ScoredTeam]
  /// Every analysed team, tiered, for the restricted analyst outputs (most urgent first).
  public var leaders: [LeaderPriority]
}

/// Ranks org units by support priority (docs/priority-method.md), and tiers every team for the
/// restricted analyst view.
///
/// `values` are the team values to score (aligned with `teams` and `indicators`): the shrunken
/// values when the analysis provides them, else the raw window means. The indicators that count
/// are those whose correlation's verdict is `linked`.
public func prioritiseUnits(
  teams: [TeamSnapshot], values: [[Double?]]? = nil, indicators: [Indicator],
  correlations: [CorrelationResult], settings analysis: AnalysisSettings = AnalysisSettings()
) -> PriorityOutcome {
  let settings = analysis.priority
  let playbook = analysis.playbook
  let values = values ?? teams.map(\.values)
  let baselines = organisationBaselines(values: values, indicatorCount: indicators.count)
  let linked = Set(correlations.filter { $0.link == .linked }.map(\.indicator.name))
  let scored = scoreTeams(teams, values: values, indicators: indicators, baselines: baselines, linked: linked)

  var teamsByUnit: [String: [Int]] = [:]
  for i in teams.indices { teamsByUnit[teams[i].orgUnitID, default: []].append(i) }
  let byUnit = teamsByUnit
  let unitIDs = byUnit.keys.sorted()
  let maxPeople = unitIDs.map { id in (byUnit[id] ?? []).compactMap { teams[$0].headcount }.reduce(0, +) }.max() ?? 1
  let matcher = SupportPlaybook.Matcher(playbook, indicatorNames: indicators.map(\.name))

  // Units are independent (each bootstrap has its own seeded stream): worked out on both cores,
  // each into its own slot, gathered in order.
  let results = ParallelResults<UnitPriority>(count: unitIDs.count)
  concurrentPerform(iterations: unitIDs.count) { k in
    let unitID = unitIDs[k]
    // The unit's teams by position (their scored rows are read in place, not copied).
    let memberIndices = byUnit[unitID] ?? []
    let composites = memberIndices.compactMap { scored[$0].linkedComposite }
    let excess = mean(composites)
    var generator = SeededGenerator(seed: analysis.bootstrapSeed, stream: "unit-" + unitID)
    let interval = meanBootstrapInterval(
      composites, resamples: settings.resamples, level: analysis.confidenceLevel, generator: &generator)
    let trend = mean(memberIndices.compactMap { scored[$0].linkedTrend })
    let newLeaders = memberIndices.filter { scored[$0].team.daysInRole <= settings.newLeaderDays }.count
    let peopleTotal = memberIndices.compactMap { scored[$0].team.headcount }.reduce(0, +)
    let components = PriorityComponents(
      excess: max(0, min(1, (excess ?? 0) / 2)),
      newLeaders: Double(newLeaders) / Double(max(1, memberIndices.count)),
      trend: max(0, min(1, trend ?? 0)),
      people: maxPeople > 0 ? log1pSafe(peopleTotal) / log1pSafe(maxPeople) : 0)
    let score = settings.weights.score(components)
    let flagged = (excess ?? 0) >= settings.clearlyWorse && (interval?.low ?? -1) > 0
    let tier: SupportTier =
      flagged && score >= settings.actNowScore ? .actNow : (flagged || score >= settings.watchScore ? .watch : .fine)

    // What the playbook matches: the mean levels and trends of the scored indicators.
    var matchedLevels = [Double?](repeating: nil, count: indicators.count)
    var matchedTrends = [Double?](repeating: nil, count: indicators.count)
    var drivers: [PriorityDriver] = []
    var levels = [Double?](repeating: nil, count: indicators.count)
    let medians = indicators.indices.map { i in median(memberIndices.compactMap { values[$0][i] }) }
    let trends = indicators.indices.map { i in mean(memberIndices.compactMap { scored[$0].trends[i] }) }
    for (i, indicator) in indicators.enumerated() where indicator.isScored {
      let z = mean(memberIndices.compactMap { scored[$0].levels[i] })
      // Enough of the unit's teams have a value to show: their mean level, or 0 (typical) when the
      // indicator does not tell teams apart (no spread, e.g. after complete pooling).
      if memberIndices.filter({ values[$0][i] != nil }).count >= analysis.minGroupSize {
        levels[i] = baselines[i]?.scale == nil ? 0 : z
      }
      let t = trends[i]
      matchedLevels[i] = z
      matchedTrends[i] = t
      guard let z, z >= playbook.elevatedAt, let baseline = baselines[i],
        let unitMedian = medians[i], let sign = indicator.sign,
        sign * (unitMedian - baseline.median) > 0
      else { continue }
      drivers.append(
        PriorityDriver(
          indicator: indicator, unitMedian: unitMedian, baselineMedian: baseline.median, score: z, trend: t,
          linkedToTimeInRole: linked.contains(indicator.name)))
    }
    // Linked indicators explain a flag, so they come first; then by strength.
    drivers.sort { a, b in
      if a.linkedToTimeInRole != b.linkedToTimeInRole { return a.linkedToTimeInRole }
      return a.score > b.score || (a.score == b.score && a.indicator.name < b.indicator.name)
    }
    let unit = UnitPriority(
      orgUnitID: unitID, orgUnitName: scored[memberIndices[0]].team.orgUnitName, teams: memberIndices.count,
      newLeaders: newLeaders, people: Int(peopleTotal.rounded()), excess: excess, excessInterval: interval,
      trend: trend, bottleneckIndex: mean(memberIndices.compactMap { scored[$0].bottleneckIndex }),
      disengagementIndex: mean(memberIndices.compactMap { scored[$0].disengagementIndex }), components: components,
      score: score, flagged: flagged, tier: tier, drivers: Array(drivers.prefix(3)), medians: medians, levels: levels,
      trends: trends, supports: Array(matcher.recommend(levels: matchedLevels, trends: matchedTrends).prefix(2)),
      sensitivityShare: 0, robust: false)
    results.set(k, unit)
  }
  var units = results.values.compactMap { $0 }
  units.sort(by: priorityOrder)
  applySensitivity(&units, settings: settings)
  return PriorityOutcome(
    units: units, linked: linked, baselines: baselines, scoredTeams: scored,
    leaders: leaderPriorities(scored, values: values, settings: settings, matcher: matcher))
}

/// Tier first (act now, watch, fine), then score, then id for a stable order.
func priorityOrder(_ a: UnitPriority, _ b: UnitPriority) -> Bool {
  priorityOrder(tier: a.tier, score: a.score, id: a.orgUnitID, before: b.tier, b.score, b.orgUnitID)
}

/// `priorityOrder` on the three things it compares.
@inline(__always)
func priorityOrder(
  tier: SupportTier, score: Double, id: String, before otherTier: SupportTier, _ otherScore: Double,
  _ otherID: String
) -> Bool {
  if tier != otherTier { return tier < otherTier }
  if score != otherScore { return score > otherScore }
  return id < otherID
}

/// For each unit, the share of weight sets (the default and each alternative) under which it is in
/// the top `sensitivityTop` (ranked by tier, then that set's score); robust when in all of them.
func applySensitivity(_ units: inout [UnitPriority], settings: PrioritySettings) {
  let sets =
    [settings.weights] + settings.alternativeWeights.keys.sorted().compactMap { settings.alternativeWeights[$0] }
  // `priorityOrder` on positions with each set's scores, without copying the units.
  var counts = [Int](repeating: 0, count: units.count)
  for weights in sets {
    let scores = units.map { weights.score($0.components) }
    let ranked = units.indices.sorted { a, b in
      priorityOrder(
        tier: units[a].tier, score: scores[a], id: units[a].orgUnitID, before: units[b].tier, scores[b],
        units[b].orgUnitID)
    }
    for i in ranked.prefix(settings.sensitivityTop) where units[i].tier != .fine { counts[i] += 1 }
  }
  for i in units.indices {
    let n = counts[i]
    units[i].sensitivityShare = Double(n) / Double(sets.count)
    units[i].robust = n == sets.count
  }
}

func log1pSafe(_ x: Double) -> Double { log(1 + max(0, x)) }

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
