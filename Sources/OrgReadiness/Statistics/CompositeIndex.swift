/// The centre and spread used to robust-standardise one indicator.
public struct RobustScale: Hashable, Sendable {
  public var center: Double
  public var spread: Double

  public init(center: Double, spread: Double) {
    self.center = center
    self.spread = spread
  }

  /// sign·(value − center)/spread clipped to ±3, with sign +1 when higher is worse and −1 when
  /// lower is worse, so a higher score is always worse.
  public func orientedScore(_ value: Double, worseWhen: WorseWhen) -> Double {
    max(-3, min(3, worseWhen.sign * (value - center) / spread))
  }
}

/// The median and scaled MAD of `values`; when more than half share one value (MAD 0), the mean
/// absolute deviation × 1.2533 (as `organisationBaselines` does). Nil when empty or all equal.
public func robustScale(_ values: [Double]) -> RobustScale? {
  guard let center = median(values), var spread = scaledMAD(values) else { return nil }
  if spread == 0 {
    spread = values.reduce(0) { $0 + abs($1 - center) } / Double(values.count) * 1.253_314_137_315_5
  }
  return spread > 0 && spread.isFinite ? RobustScale(center: center, spread: spread) : nil
}

/// One team's composite index and the exact share each indicator adds to it.
public struct CompositeScore: Hashable, Sendable {
  /// The sum of `contributions` (higher is worse); nil when the team has no usable indicator.
  public var index: Double?
  /// Per indicator: weight × oriented score / (sum of the weights of the indicators the team
  /// has); nil where the team has no value or the indicator has no scale.
  public var contributions: [Double?]
}

/// A composite index over many teams: the scale used per indicator and one score per team.
public struct CompositeIndex: Hashable, Sendable {
  /// Per indicator; nil when fewer than one value or every value is equal (the indicator is
  /// then left out of every team's index).
  public var scales: [RobustScale?]
  /// Per team, in input order.
  public var scores: [CompositeScore]
}

/// A weighted composite index (OECD/JRC handbook: normalise, weight, aggregate) with exact
/// additive explanations. `values[j][t]` is indicator j for team t (nil: missing). Each indicator
/// is robust-standardised over the teams that have it (median, scaled MAD; `robustScale`),
/// oriented by `worseWhen[j]` so higher is worse, clipped to ±3, and weighted by `weights[j]`
/// renormalised over the indicators the team has; the index is the sum of the contributions.
/// Nil when a weight is negative or not finite, or all weights are 0.
/// `scales`, when given, are used instead of standardising each indicator over `values` again
/// (one per indicator, nil for an indicator left out).
public func compositeIndex(
  values: [[Double?]], worseWhen: [WorseWhen], weights: [Double], scales given: [RobustScale?]? = nil
)
  -> CompositeIndex?
{
  precondition(
    values.count == worseWhen.count && values.count == weights.count,
    "one orientation and weight per indicator")
  let teamCount = values.first?.count ?? 0
  precondition(
    values.allSatisfy { $0.count == teamCount }, "every indicator needs one value slot per team")
  guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.contains(where: { $0 > 0 }) else {
    return nil
  }
  let scales = given ?? values.map { column in robustScale(column.compactMap { $0 }.filter(\.isFinite)) }
  precondition(scales.count == values.count, "one scale per indicator")
  let scores = (0..<teamCount).map { team in
    let scored: [Double?] = values.indices.map { j in
      guard let scale = scales[j], let value = values[j][team], value.isFinite else { return nil }
      return scale.orientedScore(value, worseWhen: worseWhen[j])
    }
    let totalWeight = values.indices.reduce(0) { $0 + (scored[$1] == nil ? 0 : weights[$1]) }
    guard totalWeight > 0 else {
      return CompositeScore(
        index: nil, contributions: [Double?](repeating: nil, count: values.count))
    }
    let contributions = values.indices.map { j in scored[j].map { weights[j] * $0 / totalWeight } }
    let index = contributions.reduce(0) { $0 + ($1 ?? 0) }
    return CompositeScore(index: index, contributions: contributions)
  }
  return CompositeIndex(scales: scales, scores: scores)
}
