/// The organisation's typical team for one indicator: the median and the robust scale
/// (`robustScale`: scaled MAD, or the mean absolute deviation where more than half the teams
/// share one value) over all analysed teams with a value.
public struct Baseline: Hashable, Sendable {
  public var median: Double
  /// Nil when every team has the same value (the indicator cannot tell teams apart).
  public var scale: RobustScale?
  public var teams: Int

  public var spread: Double? { scale?.spread }

  /// The value oriented so that higher is worse, in robust standard deviations from the median,
  /// clipped to ±3 so one extreme team cannot dominate its unit.
  public func orientedScore(_ value: Double, worseWhen: WorseWhen) -> Double? {
    scale?.orientedScore(value, worseWhen: worseWhen)
  }
}

/// Baselines per indicator from each team's values (aligned with the indicators); nil where no
/// team has a value.
public func organisationBaselines(values teamValues: [[Double?]], indicatorCount: Int) -> [Baseline?] {
  (0..<indicatorCount).map { index in
    let values = teamValues.compactMap { $0[index] }
    guard let center = median(values) else { return nil }
    return Baseline(median: center, scale: robustScale(values), teams: values.count)
  }
}
