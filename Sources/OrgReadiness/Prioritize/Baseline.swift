/// The organisation's typical team for one indicator: median and robust spread (scaled MAD)
/// over all analysed teams with a value.
public struct Baseline: Hashable, Sendable {
  public var median: Double
  /// Scaled median absolute deviation; falls back to the mean absolute deviation when more than
  /// half the teams share one value, and is nil when every team has the same value.
  public var spread: Double?
  public var teams: Int

  /// The value oriented so that higher is worse, in robust standard deviations from the median,
  /// clipped to ±3 so one extreme team cannot dominate its unit.
  public func orientedScore(_ value: Double, worseWhen: WorseWhen) -> Double? {
    guard let spread, spread > 0 else { return nil }
    return max(-3, min(3, worseWhen.sign * (value - median) / spread))
  }
}

/// Baselines per indicator from each team's values (aligned with the indicators); nil where no
/// team has a value.
public func organisationBaselines(values teamValues: [[Double?]], indicatorCount: Int) -> [Baseline?] {
  (0..<indicatorCount).map { index in
    let values = teamValues.compactMap { $0[index] }
    guard let center = median(values) else { return nil }
    var spread = scaledMAD(values)
    if spread == 0 {
      // More than half the teams share the median: use the mean absolute deviation (×1.2533,
      // which also estimates a normal SD) so the other teams still register.
      let meanDeviation = values.map { abs($0 - center) }.reduce(0, +) / Double(values.count)
      spread = meanDeviation > 0 ? meanDeviation * 1.253_314_137_315_5 : nil
    }
    return Baseline(median: center, spread: spread, teams: values.count)
  }
}
