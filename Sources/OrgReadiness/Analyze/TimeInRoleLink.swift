/// The one verdict on whether an indicator goes with leaders' time in role, decided once after
/// multiple testing (`assignLinks`) and read by the tiers, the readings and the headline alike.
///
/// With q the Benjamini–Hochberg q of the correlation, α the significance level, and the partial
/// correlation controlling for team size (when headcounts exist):
/// - `suppressed`: fewer teams than the minimum group size; nothing is reported;
/// - `noVariation`: one side is constant, so there is nothing to correlate;
/// - `explainedBySize`: q < α, but the partial correlation has q ≥ α or the opposite sign: the
///   association goes with team size, which drives both sides;
/// - `linked`: q < α, it holds after allowing for team size, and teams of more recently appointed
///   leaders are worse (rho of the value against days in role, times the orientation, below 0);
/// - `opposite`: the same, but teams of more recently appointed leaders are better;
/// - `associated`: q < α and it holds after allowing for team size, for an indicator that cannot
///   say "worse" (family `other`, or no declared orientation): reported neutrally;
/// - `uncertain`: p < α on its own, but q ≥ α across every test of the run;
/// - `none`: p ≥ α.
public enum TimeInRoleLink: String, Codable, Sendable, CaseIterable {
  case linked
  case opposite
  case associated
  case explainedBySize = "explained_by_size"
  case uncertain
  case none
  case noVariation = "no_variation"
  case suppressed

  /// The verdict for one correlation whose q-values are set.
  public init(_ c: CorrelationResult, level: Double) {
    if c.suppressed {
      self = .suppressed
      return
    }
    guard let rho = c.rho, let p = c.p else {
      self = .noVariation
      return
    }
    guard let q = c.q, q < level else {
      self = p < level ? .uncertain : .none
      return
    }
    if let partial = c.partial, (c.partialQ ?? 1) >= level || partial.r * rho <= 0 {
      self = .explainedBySize
      return
    }
    guard c.indicator.isScored, let sign = c.indicator.sign else {
      self = .associated
      return
    }
    self = rho * sign < 0 ? .linked : .opposite
  }
}
