#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The early-warning forecast's settings (`forecast:` in the pipeline); the signal followed is the
/// time-to-signal analysis's (`SurvivalSettings`) or a bottleneck signal defined here.
public struct EarlyWarningSettings: Hashable, Sendable {
  /// Months ahead the forecast looks, and the length of the out-of-time backtest.
  public var horizon: Int
  /// A bottleneck signal: the team's linked bottleneck indicators (oriented, in the organisation's
  /// robust SDs, averaged) this much worse than over its own first months.
  public var bottleneckWorseBy: Double
  /// The ridge penalty λ of the hazard model (docs/decisions/0031), on standardised covariates.
  public var ridge: Double
  /// Fewer signals than this in the backtest: no forecast is shown.
  public var minimumEvents: Int

  public init(horizon: Int = 3, bottleneckWorseBy: Double = 1, ridge: Double = 1, minimumEvents: Int = 30) {
    self.horizon = horizon
    self.bottleneckWorseBy = bottleneckWorseBy
    self.ridge = ridge
    self.minimumEvents = minimumEvents
  }
}

/// Why a forecast is not shown.
public enum EarlyWarningWithheld: String, Codable, Hashable, Sendable {
  /// The history is too short for a backtest of `horizon` months after the teams' first months.
  case shortHistory = "short_history"
  /// The backtest had fewer signals than `minimumEvents`.
  case fewEvents = "few_events"
  /// The backtest's AUC interval includes 0.5: the model ranks teams no better than chance.
  case noBetterThanChance = "no_better_than_chance"
  /// The hazard model could not be fitted (one outcome only, or no convergence).
  case noFit = "no_fit"
}

/// The forecast for one team at risk now (leader early in role, no signal yet).
public struct TeamForecast: Hashable, Sendable {
  public var leaderID: String
  public var orgUnitID: String
  public var orgUnitName: String
  /// P(first signal within the horizon).
  public var probability: Double
  /// Covariates in order of their contribution to this team's risk (coefficient × standardised
  /// value, largest first), with the contribution.
  public var contributions: [(covariate: String, value: Double)]

  public static func == (a: TeamForecast, b: TeamForecast) -> Bool {
    a.leaderID == b.leaderID && a.probability == b.probability && a.orgUnitID == b.orgUnitID
      && a.contributions.map(\.covariate) == b.contributions.map(\.covariate)
      && a.contributions.map(\.value) == b.contributions.map(\.value)
  }
  public func hash(into hasher: inout Hasher) {
    hasher.combine(leaderID)
    hasher.combine(probability)
  }
}

/// Per org unit: how many of its teams at risk are expected to cross within the horizon.
public struct UnitForecast: Hashable, Sendable {
  public var orgUnitID: String
  public var orgUnitName: String
  public var teamsAtRisk: Int
  public var expected: Double
  /// The central `level` range of the number crossing (Poisson-binomial of the teams' forecasts).
  public var low: Int
  public var high: Int
}

/// The out-of-time backtest: refit on the history up to `horizon` months before its end, scored on
/// the teams at risk then over the last `horizon` months.
public struct ForecastBacktest: Hashable, Sendable {
  public var teams: Int
  public var events: Int
  public var auc: Double?
  public var aucInterval: ConfidenceInterval?
  public var brier: Double?
  /// Always forecasting the backtest's base rate r scores r(1 − r).
  public var baseRateBrier: Double?
  public var calibration: [CalibrationBin]
}

public struct EarlyWarningOutcome: Hashable, Sendable {
  public var settings: EarlyWarningSettings
  public var covariates: [String]
  public var backtest: ForecastBacktest?
  /// Nil when the forecast is shown.
  public var withheld: EarlyWarningWithheld?
  /// Empty when withheld.
  public var teams: [TeamForecast]
  public var units: [UnitForecast]
  /// Team-months the final model was fitted on, and the signals among them.
  public var trainingRows: Int
  public var trainingEvents: Int
}

/// The early-warning forecast: a discrete-time hazard model (ridge logistic regression
/// on team-months at risk) of a team's first signal, validated out of time on every run.
///
/// - A team is its leader's team-months from the later of the role's first month and the history's
///   first; its own level is the mean over its first `survival.baselineMonths` months. It is at
///   risk from then to its first signal: engagement `survival.drop` worse than its own level (the
///   time-to-signal analysis's signal), or the mean of its linked bottleneck indicators
///   (oriented, in robust SDs) `bottleneckWorseBy` worse than its own level. Only months in which
///   the leader is early in role (`priority.newLeaderDays`) count.
/// - Covariates known at the start of a month: months in role, team size, the level and 3-month
///   trend of the linked indicators (mean oriented robust score, from the month before), the org
///   unit's level that month, and the leader's previous role change where the history shows it
///   (months in the previous role; whether there was none); standardised on the rows fitted.
public func earlyWarning(
  people: [String: PersonState], periods: [TeamPeriod], indicators: [Indicator], linked: [Int],
  baselines: [Baseline?], settings: AnalysisSettings
) -> EarlyWarningOutcome? {
  earlyWarning(
    people: people, periods: periods, keys: PeriodKeys(periods), indicators: indicators, linked: linked,
    baselines: baselines, settings: settings)
}

/// `earlyWarning` with the periods' keys numbered already.
func earlyWarning(
  people: [String: PersonState], periods: [TeamPeriod], keys: PeriodKeys, indicators: [Indicator], linked: [Int],
  baselines: [Baseline?], settings: AnalysisSettings
) -> EarlyWarningOutcome? {
  let s = settings.earlyWarning
  guard let first = periods.map(\.period).min(), let last = periods.map(\.period).max() else { return nil }
  let months = Int(last.index - first.index) + 1
  let engagement = indicators.firstIndex { $0.name == settings.survival.indicator }
  let scored = linked.filter { indicators[$0].sign != nil && baselines[$0]?.spread != nil }
  let bottleneck = scored.filter { indicators[$0].family == .bottleneck }
  guard engagement != nil || !bottleneck.isEmpty else { return nil }
  let covariates = [
    "months in role", "months in role, squared", "team size", "level of the linked indicators", "3-month trend",
    "org unit level",
    "months in the previous role", "no previous role in the history",
  ]

  // Each leader's rows by month: leaders by number (in order of first appearance), one row of
  // `months` row indices each (no copies of the rows).
  let leaderIDs = keys.leaders.keys
  let leaderOfRow = keys.leaders.ofRow
  var grid = [Int32](repeating: -1, count: leaderIDs.count * months)
  for (r, row) in periods.enumerated() {
    let slot = Int(leaderOfRow[r]) * months + Int(row.period.index - first.index)
    if grid[slot] < 0 { grid[slot] = Int32(r) }
  }
  // Leaders in order of id, so the sums (and the forecast) do not depend on the order of the file.
  let leaderOrder = leaderIDs.indices.sorted { leaderIDs[$0] < leaderIDs[$1] }
  func oriented(_ r: Int, _ columns: [Int]) -> Double? {
    var sum = 0.0
    var count = 0
    for k in columns {
      guard let v = periods[r].values[k], let b = baselines[k], let spread = b.spread, let sign = indicators[k].sign
      else { continue }
      sum += sign * (v - b.median) / spread
      count += 1
    }
    return count == 0 ? nil : sum / Double(count)
  }
  // Each row's level of the linked indicators (`oriented(r, scored)`), worked out once for every
  // use below.
  var levels = [Double](repeating: 0, count: periods.count)
  var hasLevel = [Bool](repeating: false, count: periods.count)
  for r in grid where r >= 0 {
    guard let level = oriented(Int(r), scored) else { continue }
    levels[Int(r)] = level
    hasLevel[Int(r)] = true
  }
  func levelOf(_ r: Int) -> Double? { hasLevel[r] ? levels[r] : nil }
  // The org unit's mean level per month: sums and counts of unit u's month m at u × months + m,
  // added up leader by leader in order of id.
  let unitOfRow = keys.units.ofRow
  var unitSums = [Double](repeating: 0, count: keys.units.keys.count * months)
  var unitCounts = [Int](repeating: 0, count: keys.units.keys.count * months)
  for l in leaderOrder {
    for m in 0..<months where grid[l * months + m] >= 0 {
      let r = Int(grid[l * months + m])
      guard let level = levelOf(r) else { continue }
      let u = Int(unitOfRow[r])
      unitSums[u * months + m] += level
      unitCounts[u * months + m] += 1
    }
  }
  let earlyMonths = Double(settings.priority.newLeaderDays) / 30.4375
  let baselineMonths = max(1, settings.survival.baselineMonths)

  struct Subject {
    var leader: String
    var unit: String
    var unitName: String
    /// Its at-risk months: `atRisk`'s rows `rows`.
    var rows: Range<Int>
  }
  var subjects: [Subject] = []
  /// Every subject's at-risk months, subject after subject, in order of month: the month, the
  /// covariates (`k` a month) and whether the signal came that month.
  let k = covariates.count
  var atRisk = (month: [Int](), x: [Double](), signal: [Bool]())
  func covariatesOf(_ row: Int) -> [Double] { Array(atRisk.x[(row * k)..<((row + 1) * k)]) }
  for l in leaderOrder {
    let leader = leaderIDs[l]
    guard let person = people[leader], let start = person.roleStart else { continue }
    let rows = grid[(l * months)..<((l + 1) * months)].map(Int.init)
    // The leader's previous role change, where the history shows it: how long the previous role
    // lasted, and whether there was one at all.
    let previous = person.previousRoleStart.map { Double($0.days(to: start)) / 30.4375 }
    let roleMonth = Int(start.period.index - first.index)
    let origin = max(0, roleMonth)
    guard origin + baselineMonths < months else { continue }
    let window = (origin..<(origin + baselineMonths)).filter { rows[$0] >= 0 }
    func ownLevel(_ value: (Int) -> Double?) -> Double? {
      let values = window.compactMap { value(rows[$0]) }
      return values.count >= 2 ? values.reduce(0, +) / Double(values.count) : nil
    }
    let engagementValue: (Int) -> Double? = { r in
      guard let e = engagement, let v = periods[r].values[e], let sign = indicators[e].sign else { return nil }
      return sign * v
    }
    let bottleneckValue: (Int) -> Double? = { r in oriented(r, bottleneck) }
    let ownEngagement = ownLevel(engagementValue)
    let ownBottleneck = ownLevel(bottleneckValue)
    guard ownEngagement != nil || ownBottleneck != nil else { continue }
    var subject = Subject(leader: leader, unit: "", unitName: "", rows: atRisk.month.count..<atRisk.month.count)
    var lastHeadcount: Double?
    for m in 0..<months where rows[m] >= 0 {
      if let h = periods[rows[m]].headcount { lastHeadcount = Double(h) }
      subject.unit = periods[rows[m]].orgUnitID ?? ""
      subject.unitName = periods[rows[m]].orgUnitName ?? subject.unit
      guard m >= origin + baselineMonths else { continue }
      let inRole = Double(start.days(to: Period(index: first.index + Int32(m)).firstDay)) / 30.4375
      guard inRole >= 0, inRole <= earlyMonths, m >= 1, rows[m - 1] >= 0,
        let level = levelOf(rows[m - 1]), let size = lastHeadcount
      else { continue }
      let back = (max(origin, m - 4)..<(m - 1)).first { rows[$0] >= 0 }
      let trend = back.flatMap { levelOf(rows[$0]) }.map { level - $0 } ?? 0
      let r = rows[m]
      // The org unit of this month's row (the subject's unit so far), its level the month before.
      let unitSlot = Int(unitOfRow[r]) * months + m - 1
      let unitLevel = unitCounts[unitSlot] > 0 ? unitSums[unitSlot] / Double(unitCounts[unitSlot]) : 0
      var signal = false
      if let own = ownEngagement, let v = engagementValue(r), v - own >= settings.survival.drop { signal = true }
      if let own = ownBottleneck, let v = bottleneckValue(r), v - own >= s.bottleneckWorseBy { signal = true }
      atRisk.month.append(m)
      atRisk.x += [inRole, inRole * inRole, size, level, trend, unitLevel, previous ?? 0, previous == nil ? 1 : 0]
      atRisk.signal.append(signal)
      subject.rows = subject.rows.lowerBound..<atRisk.month.count
      if signal { break }
    }
    if !subject.rows.isEmpty { subjects.append(subject) }
  }

  /// Fits on the at-risk rows with month ≤ `through`; returns the standardisation and the fit.
  func fit(through: Int) -> (mean: [Double], sd: [Double], fit: LogisticFit)? {
    // The subjects' rows in order (they are laid out subject after subject).
    let rows = atRisk.month.indices.filter { atRisk.month[$0] <= through }
    guard !rows.isEmpty else { return nil }
    let x = atRisk.x
    let mean = (0..<k).map { j in rows.reduce(0) { $0 + x[$1 * k + j] } / Double(rows.count) }
    let sd = (0..<k).map { j -> Double in
      let v =
        rows.reduce(0) { $0 + (x[$1 * k + j] - mean[j]) * (x[$1 * k + j] - mean[j]) } / Double(max(1, rows.count - 1))
      return v > 0 ? v.squareRoot() : 1
    }
    // The standardised design, column by column.
    let design = (0..<k).map { j in rows.map { (x[$0 * k + j] - mean[j]) / sd[j] } }
    guard
      case .success(let model) = logisticRegression(
        designColumns: design, outcomes: rows.map { atRisk.signal[$0] }, ridge: s.ridge)
    else { return nil }
    return (mean, sd, model)
  }
  /// P(signal within the horizon) from the covariates of the first month ahead, months in role
  /// advancing and the rest held.
  func forecast(_ x: [Double], model: (mean: [Double], sd: [Double], fit: LogisticFit)) -> Double {
    let hazards = (0..<s.horizon).map { step -> Double in
      var ahead = x
      ahead[0] += Double(step)
      ahead[1] = ahead[0] * ahead[0]
      return model.fit.probability(ahead.indices.map { (ahead[$0] - model.mean[$0]) / model.sd[$0] })
    }
    return eventProbability(hazards: hazards)
  }

  // Backtest: fit through the month before the last `horizon`, score the teams at risk at its start.
  let cutoff = months - 1 - s.horizon
  var backtest: ForecastBacktest?
  var withheld: EarlyWarningWithheld?
  if cutoff < baselineMonths + 1 {
    withheld = .shortHistory
  } else if let model = fit(through: cutoff) {
    var scores: [Double] = []
    var outcomes: [Bool] = []
    for subject in subjects {
      guard let next = subject.rows.first(where: { atRisk.month[$0] > cutoff }), atRisk.month[next] == cutoff + 1
      else { continue }
      scores.append(forecast(covariatesOf(next), model: model))
      outcomes.append(
        subject.rows.contains {
          atRisk.month[$0] > cutoff && atRisk.month[$0] <= cutoff + s.horizon && atRisk.signal[$0]
        })
    }
    var generator = SeededGenerator(seed: settings.bootstrapSeed, stream: "forecast backtest")
    let events = outcomes.filter { $0 }.count
    let rate = outcomes.isEmpty ? nil : Double(events) / Double(outcomes.count)
    backtest = ForecastBacktest(
      teams: outcomes.count, events: events, auc: scores.isEmpty ? nil : rocAUC(scores: scores, outcomes: outcomes),
      aucInterval: scores.isEmpty
        ? nil
        : aucBootstrapInterval(
          scores: scores, outcomes: outcomes, resamples: settings.bootstrapResamples,
          level: settings.confidenceLevel, generator: &generator),
      brier: scores.isEmpty ? nil : brierScore(probabilities: scores, outcomes: outcomes),
      baseRateBrier: rate.map { $0 * (1 - $0) },
      calibration: scores.isEmpty ? [] : calibrationTable(probabilities: scores, outcomes: outcomes) ?? [])
    if events < s.minimumEvents {
      withheld = .fewEvents
    } else if let interval = backtest?.aucInterval, interval.low <= 0.5 {
      withheld = .noBetterThanChance
    } else if backtest?.aucInterval == nil {
      withheld = .noBetterThanChance
    }
  } else {
    withheld = .noFit
  }

  // The forecast: fit on everything, score the teams at risk in the as-of month.
  let final = fit(through: months - 1)
  let trainingRows = atRisk.month.count
  let trainingEvents = atRisk.signal.filter { $0 }.count
  if withheld == nil && final == nil { withheld = .noFit }
  var teams: [TeamForecast] = []
  if withheld == nil, let model = final {
    for subject in subjects {
      guard let last = subject.rows.last, atRisk.month[last] == months - 1, !atRisk.signal[last] else { continue }
      let now = covariatesOf(last)
      // The leader's own pseudonymised row carries this; only the analyst outputs show it.
      let p = forecast(now, model: model)
      let contributions = covariates.indices.map { j in
        (covariates[j], model.fit.coefficients[j + 1] * (now[j] - model.mean[j]) / model.sd[j])
      }.sorted { $0.1 > $1.1 }
      teams.append(
        TeamForecast(
          leaderID: subject.leader, orgUnitID: subject.unit, orgUnitName: subject.unitName, probability: p,
          contributions: contributions))
    }
  }
  var units: [UnitForecast] = []
  for (unit, group) in Dictionary(grouping: teams, by: \.orgUnitID).sorted(by: { $0.key < $1.key }) {
    let p = group.map(\.probability)
    let (low, high) = poissonBinomialRange(p, level: settings.confidenceLevel)
    units.append(
      UnitForecast(
        orgUnitID: unit, orgUnitName: group[0].orgUnitName, teamsAtRisk: group.count, expected: p.reduce(0, +),
        low: low, high: high))
  }
  return EarlyWarningOutcome(
    settings: s, covariates: covariates, backtest: backtest, withheld: withheld, teams: teams, units: units,
    trainingRows: trainingRows, trainingEvents: trainingEvents)
}

/// The central `level` range of the number of successes of independent trials with these
/// probabilities (exact distribution by convolution): the smallest counts whose distribution
/// function reaches (1 − level)/2 and (1 + level)/2, as `scipy.stats.binom.ppf` for equal
/// probabilities.
func poissonBinomialRange(_ probabilities: [Double], level: Double) -> (Int, Int) {
  var distribution = [1.0]
  for p in probabilities {
    var next = [Double](repeating: 0, count: distribution.count + 1)
    for (k, q) in distribution.enumerated() {
      next[k] += q * (1 - p)
      next[k + 1] += q * p
    }
    distribution = next
  }
  let tail = (1 - level) / 2
  var cumulative = 0.0
  var low = 0
  var high = probabilities.count
  var foundLow = false
  for (k, q) in distribution.enumerated() {
    cumulative += q
    if !foundLow && cumulative >= tail - 1e-12 {
      low = k
      foundLow = true
    }
    if cumulative >= 1 - tail - 1e-12 {
      high = k
      break
    }
  }
  return (low, high)
}
