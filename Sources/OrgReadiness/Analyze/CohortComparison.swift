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
  let pairs: [(CohortGroup, CohortGroup)] =
    [(.cohort(.underSixMonths), .cohort(.overTwentyFourMonths))] + Cohort.allCases.map { (.cohort($0), .rest) }
  // Indicators are independent: compared in parallel, gathered in order.
  let groups = pairs.map { group, against in
    (
      group, against, teams.indices.filter { group.contains(teams[$0].cohort, comparedWith: against) },
      teams.indices.filter { against.contains(teams[$0].cohort, comparedWith: group) }
    )
  }
  let results = ParallelResults<[CohortComparison]>(count: indicators.count)
  concurrentPerform(iterations: indicators.count) { i in
    results.set(i, compare(indicator: indicators[i], at: i, teams: teams, groups: groups, settings: settings))
  }
  return results.values.flatMap { $0 ?? [] }
}

private func compare(
  indicator: Indicator, at i: Int, teams: [TeamSnapshot], groups: [(CohortGroup, CohortGroup, [Int], [Int])],
  settings: AnalysisSettings
) -> [CohortComparison] {
  var out: [CohortComparison] = []
  for (name, against, groupTeams, againstTeams) in groups {
    let a = groupTeams.compactMap { teams[$0].values[i] }
    let b = againstTeams.compactMap { teams[$0].values[i] }
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
      var generator = SeededGenerator(
        seed: settings.bootstrapSeed, stream: "cohort \(name) \(against) \(indicator.name)")
      interval = medianDifferenceInterval(
        a, b, resamples: settings.bootstrapResamples, level: settings.confidenceLevel, generator: &generator)
      method = "percentile bootstrap"
    } else {
      interval = distributionFreeDifferenceInterval(a, b, level: settings.confidenceLevel)
      method = "distribution-free median intervals"
    }
    out.append(
      CohortComparison(
        indicator: indicator, group: name, against: against, n: a.count, nAgainst: b.count,
        median: OrgReadiness.median(a), medianAgainst: OrgReadiness.median(b), difference: medianDifference(a, b),
        interval: interval, intervalMethod: method, cliffsDelta: cliffsDelta(a, b), suppressed: false))
  }
  return out
}

/// An interval at `level` for median(a) − median(b) from each median's distribution-free interval
/// (order statistics n/2 ∓ z·√n/2, z the normal quantile of the level: 1.96 at 95%): each gives a
/// standard error (width / 2z), combined as √(SEa² + SEb²) around the difference. For large
/// groups only.
func distributionFreeDifferenceInterval(_ a: [Double], _ b: [Double], level: Double) -> ConfidenceInterval? {
  let z = normalQuantile(0.5 + level / 2)
  func standardError(_ values: [Double]) -> Double? {
    let sorted = values.sorted()
    let n = Double(sorted.count)
    let half = z * n.squareRoot() / 2
    let low = max(0, Int((n / 2 - half).rounded(.down)))
    let high = min(sorted.count - 1, Int((n / 2 + half).rounded(.up)))
    guard high > low else { return nil }
    return (sorted[high] - sorted[low]) / (2 * z)
  }
  guard let difference = medianDifference(a, b), let sa = standardError(a), let sb = standardError(b) else {
    return nil
  }
  let se = (sa * sa + sb * sb).squareRoot()
  return ConfidenceInterval(low: difference - z * se, high: difference + z * se)
}
