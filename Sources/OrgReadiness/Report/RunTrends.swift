extension Report {
  /// Organisation-wide measures over the pipeline's recent runs: one point per as-of month, the
  /// last being this run (docs/decisions/0050-trends-one-point-per-month.md).
  ///
  /// The bottleneck and disengagement indices of units are measured against each run's own
  /// baseline, so over the whole organisation they average to about zero in every run. The
  /// trends' indices are measured against a fixed point instead: for each scored indicator of the
  /// family, how far the organisation's typical team (the median team value) has moved since the
  /// first month shown, in that month's robust SDs, oriented so that positive is worse; the index
  /// is their mean over the family.
  public struct Trends: Codable, Hashable, Sendable {
    /// The month the indices are measured against: the first point's (`YYYY-MM`).
    public var reference: String
    /// Oldest first; the last is this run.
    public var points: [TrendPoint]
    /// At most this many months are shown (`trend_months`).
    public var months: Int
    /// This run's organisation-wide level of each scored indicator, which later runs' indices are
    /// measured with.
    public var levels: [IndicatorLevel]
  }

  public struct TrendPoint: Codable, Hashable, Sendable {
    /// The as-of month (`YYYY-MM`).
    public var month: String
    public var run: String
    public var asOf: String
    /// Robust SDs worse (positive) or better than in the reference month, over the family's
    /// scored indicators; nil when none can be compared.
    public var bottleneckIndex: Double?
    public var disengagementIndex: Double?
    /// Share of the analysed teams' leaders early in role (`settings.new_leader_days`); nil when
    /// suppressed (fewer teams than the minimum group size).
    public var earlyInRoleShare: Double?
    public var actNowUnits: Int?

    enum CodingKeys: String, CodingKey {
      case month, run
      case asOf = "as_of"
      case bottleneckIndex = "bottleneck_index"
      case disengagementIndex = "disengagement_index"
      case earlyInRoleShare = "early_in_role_share"
      case actNowUnits = "act_now_units"
    }
  }

  /// The organisation's typical team value of an indicator and the robust SD of the team values.
  public struct IndicatorLevel: Codable, Hashable, Sendable {
    public var indicator: String
    public var median: Double
    public var spread: Double
  }

  /// The trends of a run: the earlier months' runs (oldest first) and this run's figures.
  static func trends(
    months: [PastRun], current: TrendPoint, levels: [IndicatorLevel], indicators: [IndicatorInfo], limit: Int
  ) -> Trends {
    let month = current.month
    // One point per month, before this run's, the latest `limit - 1` of them.
    var byMonth: [String: PastRun] = [:]
    for past in months { byMonth[monthOf(past.run.asOf)] = past }
    let earlier = byMonth.keys.filter { $0 < month }.sorted().suffix(max(0, limit - 1))
    let runs = earlier.compactMap { byMonth[$0] }
    let currentLevels = Dictionary(
      levels.map { ($0.indicator, ($0.median, $0.spread)) }, uniquingKeysWith: { a, _ in a })
    func levelsOf(_ run: PastRun) -> [String: (Double, Double)] {
      let medians = run.values(.indicatorMedian)
      let spreads = run.values(.indicatorSpread)
      var out: [String: (Double, Double)] = [:]
      for (name, median) in medians { if let spread = spreads[name] { out[name] = (median, spread) } }
      return out
    }
    let reference = runs.first.map(levelsOf) ?? currentLevels
    func index(_ family: IndicatorFamily, _ now: [String: (Double, Double)]) -> Double? {
      var terms: [Double] = []
      for indicator in indicators where indicator.family == family {
        guard let sign = indicator.worseWhen?.sign, let then = reference[indicator.name], then.1 > 0,
          let level = now[indicator.name]
        else { continue }
        terms.append(sign * (level.0 - then.0) / then.1)
      }
      return terms.isEmpty ? nil : terms.reduce(0, +) / Double(terms.count)
    }
    var points = runs.map { run in
      let now = levelsOf(run)
      return TrendPoint(
        month: monthOf(run.run.asOf), run: run.run.id, asOf: run.run.asOf,
        bottleneckIndex: index(.bottleneck, now), disengagementIndex: index(.disengagement, now),
        earlyInRoleShare: run.organisation(.earlyInRoleShare),
        actNowUnits: run.organisation(.actNowUnits).map { Int($0) })
    }
    var last = current
    last.bottleneckIndex = index(.bottleneck, currentLevels)
    last.disengagementIndex = index(.disengagement, currentLevels)
    points.append(last)
    return Trends(reference: points[0].month, points: points, months: limit, levels: levels)
  }

  /// `YYYY-MM` of a `YYYY-MM-DD` date.
  static func monthOf(_ date: String) -> String { String(date.prefix(7)) }
}
