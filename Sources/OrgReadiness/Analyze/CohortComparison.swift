/// One indicator compared between two groups of teams by their leader's time in role.
public struct CohortComparison: Hashable, Sendable {
  public var indicator: Indicator
  /// "<6m" and "24m+", or a cohort and "rest".
  public var group: String
  public var against: String
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
  var pairs: [(String, String, (TeamSnapshot) -> Bool, (TeamSnapshot) -> Bool)] = [
    ("<6m", "24m+", { $0.cohort == .underSixMonths }, { $0.cohort == .overTwentyFourMonths })
  ]
  for cohort in Cohort.allCases {
    pairs.append((cohort.rawValue, "rest", { $0.cohort == cohort }, { $0.cohort != cohort }))
  }
  // Indicators are independent: compared in parallel, gathered in order.
  let groups = pairs.map { name, against, inGroup, inAgainst in
    (name, against, teams.indices.filter { inGroup(teams[$0]) }, teams.indices.filter { inAgainst(teams[$0]) })
  }
  let results = ParallelResults<[CohortComparison]>(count: indicators.count)
  concurrentPerform(iterations: indicators.count) { i in
    results.set(i, compare(indicator: indicators[i], at: i, teams: teams, groups: groups, settings: settings))
  }
  return results.values.flatMap { $0 ?? [] }
}

private func compare(
  indicator: Indicator, at i: Int, teams: [TeamSnapshot], groups: [(String, String, [Int], [Int])],
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
      interval = medianDifferenceInterval(a, b, resamples: settings.bootstrapResamples, generator: &generator)
      method = "percentile bootstrap"
    } else {
      interval = distributionFreeDifferenceInterval(a, b)
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

/// A 95% interval for median(a) − median(b) from each median's distribution-free interval
/// (order statistics n/2 ∓ 1.96·√n/2): each gives a standard error (width / 3.92), combined as
/// √(SEa² + SEb²) around the difference. For large groups only.
func distributionFreeDifferenceInterval(_ a: [Double], _ b: [Double]) -> ConfidenceInterval? {
  func standardError(_ values: [Double]) -> Double? {
    let sorted = values.sorted()
    let n = Double(sorted.count)
    let half = 1.96 * n.squareRoot() / 2
    let low = max(0, Int((n / 2 - half).rounded(.down)))
    let high = min(sorted.count - 1, Int((n / 2 + half).rounded(.up)))
    guard high > low else { return nil }
    return (sorted[high] - sorted[low]) / 3.92
  }
  guard let difference = medianDifference(a, b), let sa = standardError(a), let sb = standardError(b) else {
    return nil
  }
  let se = (sa * sa + sb * sb).squareRoot()
  return ConfidenceInterval(low: difference - 1.96 * se, high: difference + 1.96 * se)
}
