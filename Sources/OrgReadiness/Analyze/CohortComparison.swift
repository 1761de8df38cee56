/// One indicator compared between two groups of teams by their leader's time in role.
public struct CohortComparison: Hashable, Sendable {
  public var indicator: Indicator
  /// `<6m` against `24m+`, or a cohort against the rest.
  public var group: CohortGroup
  public var against: CohortGroup
  public var n: Int
  public var nAgainst: Int
  public var median: Double?
  public var medianAgainst: Double?
  /// median(group) − median(against), with its 95% interval.
  public var difference: Double?
  public var interval: ConfidenceInterval?
  /// "percentile bootstrap" or, for large groups, "distribution-free median intervals".
  public var intervalMethod: String?
  /// Cliff's delta: P(group > against) − P(group < against).
  public var cliffsDelta: Double?
  public var suppressed: Bool
}

/// Groups with more teams than this together use the distribution-free interval instead of the
/// bootstrap (its cost grows with n × resamples).
public let cohortBootstrapLimit = 4000

/// Compares `<6m` with `24m+`, and each cohort with the rest, on every indicator: medians, the
/// difference with a 95% interval, and Cliff's delta. Nothing is reported for a group with fewer
/// teams than the minimum group size.
public func compareCohorts(
  teams: [TeamSnapshot], indicators: [Indicator], settings: AnalysisSettings
) -> [CohortComparison] {
  // Indicators are independent: compared in parallel, gathered in order.
  let groups = comparisonGroups(teams)
  let results = ParallelResults<[CohortComparison]>(count: indicators.count)
  concurrentPerform(iterations: indicators.count) { i in
    results.set(
      i,
      compare(
        indicator: indicators[i], at: i, teams: teams, groups: groups,
        ordered: SortedCohortValues(teams: teams, indicator: i), settings: settings))
  }
  return results.values.flatMap { $0 ?? [] }
}

/// The summaries of `summariseCohorts` and the comparisons of `compareCohorts` together: each
/// indicator's values are sorted once for both, and the indicators worked out in parallel.
func cohortFigures(
  teams: [TeamSnapshot], indicators: [Indicator], settings: AnalysisSettings
) -> (summaries: [CohortSummary], comparisons: [CohortComparison]) {
  let groups = comparisonGroups(teams)
  let results = ParallelResults<(medians: [CohortMedian], comparisons: [CohortComparison])>(count: indicators.count)
  concurrentPerform(iterations: indicators.count) { i in
    let ordered = SortedCohortValues(teams: teams, indicator: i)
    results.set(
      i,
      (
        cohortMedians(
          teams: teams, indicator: i, ordered: ordered, minGroupSize: settings.minGroupSize,
          confidenceLevel: settings.confidenceLevel),
        compare(indicator: indicators[i], at: i, teams: teams, groups: groups, ordered: ordered, settings: settings)
      ))
  }
  let figures = results.values
  return (
    cohortSummaries(teams: teams, medians: figures.map { $0?.medians ?? [] }),
    figures.flatMap { $0?.comparisons ?? [] }
  )
}

/// The pairs compared (`<6m` against `24m+`, each cohort against the rest), with the positions of
/// each side's teams.
private func comparisonGroups(_ teams: [TeamSnapshot]) -> [(CohortGroup, CohortGroup, [Int], [Int])] {
  let pairs: [(CohortGroup, CohortGroup)] =
    [(.cohort(.underSixMonths), .cohort(.overTwentyFourMonths))] + Cohort.allCases.map { (.cohort($0), .rest) }
  let cohorts = teams.withUnsafeBufferPointer { teams in teams.indices.map { teams[$0].cohort } }
  return pairs.map { group, against in
    (
      group, against, cohorts.indices.filter { group.contains(cohorts[$0], comparedWith: against) },
      cohorts.indices.filter { against.contains(cohorts[$0], comparedWith: group) }
    )
  }
}

/// One indicator's comparisons, from its values in order (nil: a NaN among them).
private func compare(
  indicator: Indicator, at i: Int, teams: [TeamSnapshot], groups: [(CohortGroup, CohortGroup, [Int], [Int])],
  ordered: SortedCohortValues?, settings: AnalysisSettings
) -> [CohortComparison] {
  // The teams' values in ascending order once: each side's values in order are the ones of its
  // cohorts taken from that order, as sorting the side's own values would give them.
  var out: [CohortComparison] = []
  for (name, against, groupTeams, againstTeams) in groups {
    let teamOrder = { (groupTeams.compactMap { teams[$0].values[i] }, againstTeams.compactMap { teams[$0].values[i] }) }
    let a: [Double]
    let b: [Double]
    let delta: () -> Double?
    if let ordered {
      a = ordered.values(name, comparedWith: against)
      b = ordered.values(against, comparedWith: name)
      delta = { cliffsDelta(sortedA: a, sortedB: b) }
    } else {
      // A NaN among the values: each side sorted on its own, as before.
      let (inTeamOrder, againstInTeamOrder) = teamOrder()
      a = inTeamOrder.sorted()
      b = againstInTeamOrder.sorted()
      delta = { cliffsDelta(inTeamOrder, againstInTeamOrder) }
    }
    guard a.count >= settings.minGroupSize, b.count >= settings.minGroupSize else {
      out.append(
        CohortComparison(
          indicator: indicator, group: name, against: against, n: a.count, nAgainst: b.count, median: nil,
          medianAgainst: nil, difference: nil, interval: nil, intervalMethod: nil, cliffsDelta: nil,
          suppressed: true))
      continue
    }
    var interval: ConfidenceInterval?
    var method: String
    if a.count + b.count <= cohortBootstrapLimit {
      // The bootstrap resamples each side's values in team order.
      let (inTeamOrder, againstInTeamOrder) = teamOrder()
      var generator = SeededGenerator(
        seed: settings.bootstrapSeed, stream: "cohort \(name) \(against) \(indicator.name)")
      interval = medianDifferenceInterval(
        inTeamOrder, againstInTeamOrder, resamples: settings.bootstrapResamples, level: settings.confidenceLevel,
        generator: &generator)
      method = "percentile bootstrap"
    } else {
      interval = distributionFreeDifferenceInterval(sortedA: a, sortedB: b, level: settings.confidenceLevel)
      method = "distribution-free median intervals"
    }
    let medianA = median(sorted: a)
    let medianB = median(sorted: b)
    out.append(
      CohortComparison(
        indicator: indicator, group: name, against: against, n: a.count, nAgainst: b.count, median: medianA,
        medianAgainst: medianB, difference: medianA.flatMap { ma in medianB.map { ma - $0 } }, interval: interval,
        intervalMethod: method, cliffsDelta: delta(), suppressed: false))
  }
  return out
}

/// One indicator's team values in ascending order, each with its team's cohort, from which the
/// values of any set of cohorts come out in order: the order `sorted()` gives them (stable: values
/// that compare equal, 0 and −0, in team order). Nil when a value is NaN.
struct SortedCohortValues {
  private let values: [Double]
  private let cohorts: [UInt8]

  init?(teams: [TeamSnapshot], indicator i: Int) {
    var values: [Double] = []
    var cohorts: [UInt8] = []
    values.reserveCapacity(teams.count)
    cohorts.reserveCapacity(teams.count)
    // Read in place: a copy of each team would retain its strings and arrays, from every thread.
    teams.withUnsafeBufferPointer { teams in
      for t in teams.indices {
        guard let value = teams[t].values[i] else { continue }
        values.append(value)
        cohorts.append(UInt8(1 << teams[t].cohort.ordinal))
      }
    }
    guard let order = ascendingOrder(values) else { return nil }
    self.values = order.map { values[Int($0)] }
    self.cohorts = order.map { cohorts[Int($0)] }
  }

  /// The values of the teams in `cohorts`, in ascending order.
  func values(of cohorts: [Cohort]) -> [Double] {
    let mask = cohorts.reduce(UInt8(0)) { $0 | UInt8(1 << $1.ordinal) }
    var out: [Double] = []
    for (value, cohort) in zip(values, self.cohorts) where cohort & mask != 0 { out.append(value) }
    return out
  }

  /// The values of one side of a comparison, in ascending order.
  func values(_ side: CohortGroup, comparedWith other: CohortGroup) -> [Double] {
    values(of: Cohort.allCases.filter { side.contains($0, comparedWith: other) })
  }
}

/// An interval at `level` for median(a) − median(b) from each median's distribution-free interval
/// (order statistics n/2 ∓ z·√n/2, z the normal quantile of the level: 1.96 at 95%): each gives a
/// standard error (width / 2z), combined as √(SEa² + SEb²) around the difference. For large
/// groups only.
func distributionFreeDifferenceInterval(_ a: [Double], _ b: [Double], level: Double) -> ConfidenceInterval? {
  distributionFreeDifferenceInterval(sortedA: a.sorted(), sortedB: b.sorted(), level: level)
}

/// `distributionFreeDifferenceInterval` of two groups already in ascending order.
func distributionFreeDifferenceInterval(sortedA a: [Double], sortedB b: [Double], level: Double)
  -> ConfidenceInterval?
{
  let z = normalQuantile(0.5 + level / 2)
  func standardError(_ sorted: [Double]) -> Double? {
    let n = Double(sorted.count)
    let half = z * n.squareRoot() / 2
    let low = max(0, Int((n / 2 - half).rounded(.down)))
    let high = min(sorted.count - 1, Int((n / 2 + half).rounded(.up)))
    guard high > low else { return nil }
    return (sorted[high] - sorted[low]) / (2 * z)
  }
  guard let ma = median(sorted: a), let mb = median(sorted: b), let sa = standardError(a), let sb = standardError(b)
  else {
    return nil
  }
  let difference = ma - mb
  let se = (sa * sa + sb * sb).squareRoot()
  return ConfidenceInterval(low: difference - z * se, high: difference + z * se)
}
