/// A balanced panel with staggered adoption: every unit (a team) has one outcome per period
/// (consecutive integers from `firstPeriod`, e.g. month indices) and the period it was first
/// treated (enrolled), if it was.
public struct StaggeredPanel: Hashable, Sendable {
  public var firstPeriod: Int
  /// outcomes[unit][k] is the unit's outcome in period firstPeriod + k; every row the same length.
  public var outcomes: [[Double]]
  /// The first treated period of each unit; nil for a unit never treated.
  public var firstTreated: [Int?]

  public init(firstPeriod: Int, outcomes: [[Double]], firstTreated: [Int?]) {
    self.firstPeriod = firstPeriod
    self.outcomes = outcomes
    self.firstTreated = firstTreated
  }

  public var periodCount: Int { outcomes.first?.count ?? 0 }
}

/// Which period the changes of a pre-treatment cell start from (`csdid`/`did` `base_period`).
/// Post-treatment cells always start from g − 1.
public enum DiDBasePeriod: String, Hashable, Sendable {
  /// Pre-treatment cell (g, t) compares t with t − 1 (a short difference), the packages' default.
  case varying
  /// Every cell compares t with g − 1; the cell at t = g − 1 is 0 by construction.
  case universal
}

/// One group-time average treatment effect on the treated, ATT(g, t).
public struct GroupTimeEffect: Hashable, Sendable {
  /// The cohort: the period its units were first treated.
  public var group: Int
  public var period: Int
  /// The period the changes are measured from.
  public var basePeriod: Int
  /// ATT(g, t) = mean change of cohort g from `basePeriod` to `period` − the mean change of the
  /// control units (never treated, or first treated after both periods).
  public var att: Double
  /// The naive change: the mean change of cohort g alone, without subtracting the controls'.
  public var naiveChange: Double
  public var treatedUnits: Int
  public var controlUnits: Int

  /// t − g: 0 in the first treated period, negative before.
  public var eventTime: Int { period - group }
}

/// An estimate with its percentile bootstrap interval and bootstrap standard error (nil when
/// fewer than 2 resamples gave a value).
public struct BootstrapEstimate: Hashable, Sendable {
  public var estimate: Double
  public var interval: ConfidenceInterval?
  public var standardError: Double?
  /// Resamples in which the quantity was defined.
  public var resamples: Int
}

/// One event-study coefficient: the average of ATT(g, g + e) over the cohorts observed at event
/// time e, weighted by cohort size.
public struct EventTimeEffect: Hashable, Sendable {
  public var eventTime: Int
  public var effect: BootstrapEstimate
  /// The cohorts averaged.
  public var groups: Int
  /// The treated units of those cohorts.
  public var treatedUnits: Int
}

/// Whether the treated and control units moved in parallel before treatment: the pre-treatment
/// group-time effects in the event window should all be 0 when parallel trends hold.
public struct PreTrendCheck: Hashable, Sendable {
  /// The pre-treatment event-study coefficients θ(e) in the window (for the universal base,
  /// without e = −1, which is 0 by construction).
  public var coefficients: [EventTimeEffect]
  /// The pre-treatment cells ATT(g, t) with t − g in the window (for the universal base, without
  /// t = g − 1) that the joint test covers.
  public var cells: [GroupTimeEffect]
  /// W = θᵀ Σ⁻¹ θ over those cells' ATT θ, Σ their covariance over the bootstrap resamples in which
  /// all are defined (as `csdid`'s Wald pre-test, which uses the analytic covariance and every
  /// pre-treatment cell). Nil with fewer than 5 such resamples per cell, or when Σ is singular.
  public var wald: Double?
  /// The number of cells tested.
  public var degreesOfFreedom: Int
  /// P(χ²_df > W); nil with `wald`.
  public var p: Double?
  /// True when every pre-treatment coefficient's interval contains 0.
  public var intervalsCoverZero: Bool
  /// The reading: p ≥ 0.05 when the joint test is available, otherwise `intervalsCoverZero`.
  /// True means no evidence against parallel pre-trends, which is not evidence for them (a short
  /// or noisy pre-period passes easily).
  public var parallel: Bool
}

/// Callaway & Sant'Anna (2021) staggered difference-in-differences with not-yet-treated
/// controls, without covariates, beside the naive before/after change of the same cohorts.
public struct StaggeredDiDResult: Hashable, Sendable {
  public var basePeriod: DiDBasePeriod
  public var groupTime: [GroupTimeEffect]
  /// θ(e) for each event time e in the window that has a cell, ascending.
  public var eventStudy: [EventTimeEffect]
  /// The overall effect of the dynamic aggregation: the mean of θ(e) over the event times
  /// 0...upper end of the window (`csdid` `aggte(typec="dynamic", min_e, max_e).overall_att`);
  /// nil when the window has no post-treatment event time with a cell.
  public var overall: BootstrapEstimate?
  /// The "simple" aggregation: every post-treatment ATT(g, t) (all t ≥ g, no window) averaged
  /// with weights proportional to cohort size (`aggte(typec="simple")`). Cohorts treated early
  /// weigh more because they have more post-treatment periods.
  public var simple: BootstrapEstimate
  /// The naive before/after change by event time: θ(e) with each cell's ATT replaced by the
  /// cohort's own change, same cells and weights.
  public var naiveEventStudy: [EventTimeEffect]
  /// The mean of the naive θ(e) over event times 0...upper end of the window; nil with `overall`.
  public var naiveOverall: BootstrapEstimate?
  /// nil when the window has no pre-treatment event time with a cell.
  public var preTrend: PreTrendCheck?
  /// Units used: all but those treated in or before the first period.
  public var units: Int
  public var resamplesRequested: Int
}

/// Why there is no staggered difference-in-differences estimate.
public enum StaggeredDiDFailure: Error, Hashable, Sendable {
  /// Fewer than 2 periods, rows of different lengths, a non-finite outcome, not one first-treated
  /// entry per unit, or a `level` outside (0, 1).
  case invalidInput
  /// No post-treatment cell has both treated units and controls.
  case noEstimableCell
}

/// Staggered difference-in-differences (Callaway & Sant'Anna 2021, unconditional parallel trends,
/// no anticipation) with not-yet-treated controls, as `csdid.ATTgt(..., control_group=
/// "notyettreated").fit(est_method="reg" or "dr", base_period=...)` without covariates:
///
/// - ATT(g, t) = [Ȳ_g(t) − Ȳ_g(b)] − [Ȳ_C(t) − Ȳ_C(b)], b = g − 1 for t ≥ g (and for every t
///   with the universal base), b = t − 1 for t < g with the varying base; C = the units never
///   treated or first treated after max(t, b), other than cohort g.
/// - Units treated in or before the first period have no pre-period and are left out; a first
///   treated period after the last period counts as never treated. When no unit is never treated,
///   the last cohort only serves as a control (the packages do the same).
/// - Event study θ(e) = Σ_g N_g ATT(g, g + e) / Σ_g N_g over the cells with t − g = e in
///   `eventWindow`; overall = mean of θ(e) over e ≥ 0 in the window (the dynamic aggregation);
///   `simple` as documented on the result.
/// - The naive before/after estimate uses the same cells with the cohort's own change only.
/// - Inference: `resamples` nonparametric bootstrap resamples of whole units (clustered by unit:
///   a unit's whole series moves together), every cell and aggregate recomputed, percentile
///   intervals at `level`. Deterministic for a given generator state.
/// - Pre-trend check: a joint Wald test of the pre-treatment cells in the window against 0, with
///   their bootstrap covariance, and the interval check of θ(e) before treatment (`PreTrendCheck`).
public func staggeredDiD(
  panel: StaggeredPanel, basePeriod: DiDBasePeriod = .varying, eventWindow: ClosedRange<Int> = -3...6,
  resamples: Int = 999, level: Double = 0.95, generator: inout SeededGenerator
) -> Result<StaggeredDiDResult, StaggeredDiDFailure> {
  guard level > 0, level < 1, let design = DiDDesign(panel: panel, basePeriod: basePeriod) else {
    return .failure(.invalidInput)
  }
  let weights = [Double](repeating: 1, count: design.outcomes.count)
  let point = design.estimate(weights: weights, eventWindow: eventWindow)
  guard let simple = point.simple else { return .failure(.noEstimableCell) }

  // Replicates: one array per quantity, in a fixed order of keys.
  let eventTimes = point.eventStudy.keys.sorted()
  let excludedBase = basePeriod == .universal ? -1 : Int.min
  let preCells = point.cells.filter {
    $0.eventTime < 0 && $0.eventTime != excludedBase && eventWindow.contains($0.eventTime)
  }
  var replicates = DiDReplicates(
    eventTimes: eventTimes, preCells: preCells.map { DiDCellKey(group: $0.group, period: $0.period) })
  let n = weights.count
  var counts = [Double](repeating: 0, count: n)
  for _ in 0..<max(0, resamples) {
    for i in 0..<n { counts[i] = 0 }
    for _ in 0..<n { counts[generator.index(below: n)] += 1 }
    replicates.add(design.estimate(weights: counts, eventWindow: eventWindow))
  }

  func summary(_ estimate: Double, _ values: [Double]) -> BootstrapEstimate {
    bootstrapSummary(estimate: estimate, replicates: values, level: level)
  }
  func effects(_ point: [Int: DiDCellAverage], _ draws: [Int: [Double]]) -> [EventTimeEffect] {
    eventTimes.compactMap { e in
      guard let cell = point[e] else { return nil }
      return EventTimeEffect(
        eventTime: e, effect: summary(cell.value, draws[e] ?? []), groups: cell.groups,
        treatedUnits: cell.treatedUnits)
    }
  }
  let eventStudy = effects(point.eventStudy, replicates.eventStudy)
  let naiveEventStudy = effects(point.naiveEventStudy, replicates.naiveEventStudy)
  let pre = eventStudy.filter { $0.eventTime < 0 && $0.eventTime != excludedBase }
  let preTrend =
    pre.isEmpty ? nil : preTrendCheck(pre, cells: preCells, draws: replicates.preCellRows)
  return .success(
    StaggeredDiDResult(
      basePeriod: basePeriod, groupTime: point.cells,
      eventStudy: eventStudy,
      overall: point.overall.map { summary($0, replicates.overall) },
      simple: summary(simple, replicates.simple),
      naiveEventStudy: naiveEventStudy,
      naiveOverall: point.naiveOverall.map { summary($0, replicates.naiveOverall) },
      preTrend: preTrend, units: design.outcomes.count, resamplesRequested: resamples))
}

/// The panel reduced to what the estimator reads: outcomes by period index, each unit's cohort
/// (a period index, or nil for the never treated), and the cells to estimate.
private struct DiDDesign {
  var outcomes: [[Double]]
  var cohortOfUnit: [Int?]
  var firstPeriod: Int
  var periodCount: Int
  /// The cohorts estimated, ascending (period indices).
  var treatedCohorts: [Int]
  /// Every cohort present, including one only used as a control.
  var allCohorts: [Int]
  var cells: [(group: Int, period: Int, base: Int)]

  init?(panel: StaggeredPanel, basePeriod: DiDBasePeriod) {
    let periods = panel.periodCount
    guard periods >= 2, panel.firstTreated.count == panel.outcomes.count,
      panel.outcomes.allSatisfy({ $0.count == periods && $0.allSatisfy(\.isFinite) })
    else { return nil }
    var outcomes: [[Double]] = []
    var cohorts: [Int?] = []
    for (row, first) in zip(panel.outcomes, panel.firstTreated) {
      let index = first.map { $0 - panel.firstPeriod }
      if let index, index <= 0 { continue }  // treated in or before the first period
      outcomes.append(row)
      cohorts.append(index.flatMap { $0 < periods ? $0 : nil })
    }
    self.outcomes = outcomes
    self.cohortOfUnit = cohorts
    self.firstPeriod = panel.firstPeriod
    self.periodCount = periods
    allCohorts = Array(Set(cohorts.compactMap { $0 })).sorted()
    var treated = allCohorts
    var lastPeriod = periods - 1
    if !cohorts.contains(where: { $0 == nil }), let latest = allCohorts.last {
      treated.removeLast()
      lastPeriod = latest - 1
    }
    treatedCohorts = treated
    var cells: [(group: Int, period: Int, base: Int)] = []
    for g in treated {
      switch basePeriod {
      case .varying:
        if lastPeriod >= 1 {
          for t in 1...lastPeriod { cells.append((g, t, t < g ? t - 1 : g - 1)) }
        }
      case .universal:
        if lastPeriod >= 0 {
          for t in 0...lastPeriod { cells.append((g, t, g - 1)) }
        }
      }
    }
    self.cells = cells
  }

  /// Every cell and aggregate for unit weights `weights` (1 each for the estimate; bootstrap
  /// multiplicities for a resample).
  func estimate(weights: [Double], eventWindow: ClosedRange<Int>) -> DiDEstimates {
    // Weighted outcome sums and weight totals per cohort slot (last slot: never treated).
    let slots = allCohorts.count + 1
    let slotOfCohort = Dictionary(uniqueKeysWithValues: allCohorts.enumerated().map { ($1, $0) })
    var sums = [[Double]](repeating: [Double](repeating: 0, count: periodCount), count: slots)
    var totals = [Double](repeating: 0, count: slots)
    var unitCounts = [Int](repeating: 0, count: slots)
    for (i, row) in outcomes.enumerated() where weights[i] > 0 {
      let slot = cohortOfUnit[i].flatMap { slotOfCohort[$0] } ?? slots - 1
      totals[slot] += weights[i]
      unitCounts[slot] += 1
      for t in 0..<periodCount { sums[slot][t] += weights[i] * row[t] }
    }
    var effects: [GroupTimeEffect] = []
    var weightOfCell: [Double] = []
    for cell in cells {
      guard let treatedSlot = slotOfCohort[cell.group], totals[treatedSlot] > 0 else { continue }
      let later = max(cell.period, cell.base)
      var controlSum = 0.0
      var controlTotal = 0.0
      var controlUnits = 0
      for (slot, g) in allCohorts.enumerated() where g > later && g != cell.group {
        controlSum += sums[slot][cell.period] - sums[slot][cell.base]
        controlTotal += totals[slot]
        controlUnits += unitCounts[slot]
      }
      controlSum += sums[slots - 1][cell.period] - sums[slots - 1][cell.base]
      controlTotal += totals[slots - 1]
      controlUnits += unitCounts[slots - 1]
      guard controlTotal > 0 else { continue }
      let treatedChange =
        (sums[treatedSlot][cell.period] - sums[treatedSlot][cell.base]) / totals[treatedSlot]
      let isBase = cell.period == cell.base
      effects.append(
        GroupTimeEffect(
          group: cell.group + firstPeriod, period: cell.period + firstPeriod,
          basePeriod: cell.base + firstPeriod,
          att: isBase ? 0 : treatedChange - controlSum / controlTotal,
          naiveChange: isBase ? 0 : treatedChange, treatedUnits: unitCounts[treatedSlot],
          controlUnits: controlUnits))
      weightOfCell.append(totals[treatedSlot])
    }
    return DiDEstimates(cells: effects, cellWeights: weightOfCell, eventWindow: eventWindow)
  }
}

/// A weighted average of cells at one event time.
private struct DiDCellAverage {
  var value: Double
  var groups: Int
  var treatedUnits: Int
}

/// Cells and their aggregations for one set of unit weights.
private struct DiDEstimates {
  var cells: [GroupTimeEffect]
  var eventStudy: [Int: DiDCellAverage] = [:]
  var naiveEventStudy: [Int: DiDCellAverage] = [:]
  var overall: Double?
  var naiveOverall: Double?
  var simple: Double?

  init(cells: [GroupTimeEffect], cellWeights: [Double], eventWindow: ClosedRange<Int>) {
    self.cells = cells
    var byEventTime: [Int: [Int]] = [:]
    for (k, cell) in cells.enumerated() where eventWindow.contains(cell.eventTime) {
      byEventTime[cell.eventTime, default: []].append(k)
    }
    for (e, members) in byEventTime {
      let total = members.reduce(0) { $0 + cellWeights[$1] }
      let units = members.reduce(0) { $0 + cells[$1].treatedUnits }
      eventStudy[e] = DiDCellAverage(
        value: members.reduce(0) { $0 + cellWeights[$1] * cells[$1].att } / total,
        groups: members.count, treatedUnits: units)
      naiveEventStudy[e] = DiDCellAverage(
        value: members.reduce(0) { $0 + cellWeights[$1] * cells[$1].naiveChange } / total,
        groups: members.count, treatedUnits: units)
    }
    let post = eventStudy.keys.filter { $0 >= 0 }.sorted()
    if !post.isEmpty {
      overall = post.reduce(0) { $0 + (eventStudy[$1]?.value ?? 0) } / Double(post.count)
      naiveOverall = post.reduce(0) { $0 + (naiveEventStudy[$1]?.value ?? 0) } / Double(post.count)
    }
    var simpleSum = 0.0
    var simpleWeight = 0.0
    for (k, cell) in cells.enumerated() where cell.eventTime >= 0 {
      simpleSum += cellWeights[k] * cell.att
      simpleWeight += cellWeights[k]
    }
    if simpleWeight > 0 { simple = simpleSum / simpleWeight }
  }
}

/// Bootstrap replicates of every reported quantity; a resample where a quantity is undefined
/// (its cohort or controls not drawn) leaves it out for that quantity.
private struct DiDReplicates {
  var eventTimes: [Int]
  var eventStudy: [Int: [Double]] = [:]
  var naiveEventStudy: [Int: [Double]] = [:]
  var overall: [Double] = []
  var naiveOverall: [Double] = []
  var simple: [Double] = []
  var preCells: [DiDCellKey]
  /// Per resample in which every pre-treatment cell is defined, their ATTs, for the joint test.
  var preCellRows: [[Double]] = []

  init(eventTimes: [Int], preCells: [DiDCellKey]) {
    self.eventTimes = eventTimes
    self.preCells = preCells
  }

  mutating func add(_ estimates: DiDEstimates) {
    if !preCells.isEmpty {
      var byKey: [DiDCellKey: Double] = [:]
      for cell in estimates.cells { byKey[DiDCellKey(group: cell.group, period: cell.period)] = cell.att }
      let row = preCells.compactMap { byKey[$0] }
      if row.count == preCells.count { preCellRows.append(row) }
    }
    for e in eventTimes {
      if let value = estimates.eventStudy[e]?.value { eventStudy[e, default: []].append(value) }
      if let naive = estimates.naiveEventStudy[e]?.value { naiveEventStudy[e, default: []].append(naive) }
    }
    if let value = estimates.overall { overall.append(value) }
    if let value = estimates.naiveOverall { naiveOverall.append(value) }
    if let value = estimates.simple { simple.append(value) }
  }
}

/// The estimate with the percentile interval and standard deviation of its replicates.
func bootstrapSummary(estimate: Double, replicates: [Double], level: Double) -> BootstrapEstimate {
  guard replicates.count >= 2 else {
    return BootstrapEstimate(
      estimate: estimate, interval: nil, standardError: nil, resamples: replicates.count)
  }
  let sorted = replicates.sorted()
  let alpha = (1 - level) / 2
  var interval: ConfidenceInterval?
  if let low = quantile(sorted: sorted, alpha), let high = quantile(sorted: sorted, 1 - alpha) {
    interval = ConfidenceInterval(low: low, high: high)
  }
  return BootstrapEstimate(
    estimate: estimate, interval: interval,
    standardError: sampleVariance(replicates).map { $0.squareRoot() }, resamples: replicates.count)
}

/// The joint Wald test that every pre-treatment cell is 0, with the covariance of the cells over
/// the bootstrap `draws` (rows of the same cells), and the interval check of the coefficients.
private func preTrendCheck(
  _ coefficients: [EventTimeEffect], cells: [GroupTimeEffect], draws: [[Double]]
) -> PreTrendCheck {
  let k = cells.count
  let intervalsCoverZero = coefficients.allSatisfy { effect in
    effect.effect.interval.map { $0.low <= 0 && 0 <= $0.high } ?? true
  }
  var wald: Double?
  if k > 0 && draws.count >= 5 * k {
    var center = [Double](repeating: 0, count: k)
    for row in draws { for j in 0..<k { center[j] += row[j] / Double(draws.count) } }
    var covariance = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    for row in draws {
      for a in 0..<k {
        for b in a..<k {
          covariance[a][b] += (row[a] - center[a]) * (row[b] - center[b]) / Double(draws.count - 1)
        }
      }
    }
    for a in 0..<k { for b in 0..<a { covariance[a][b] = covariance[b][a] } }
    if case .success(let factor) = CholeskyFactor.factor(covariance, relativeTolerance: 1e-10) {
      let theta = cells.map(\.att)
      wald = zip(theta, factor.solve(theta)).reduce(0) { $0 + $1.0 * $1.1 }
    }
  }
  let p = wald.map { chiSquaredSurvival($0, degreesOfFreedom: Double(k)) }
  return PreTrendCheck(
    coefficients: coefficients, cells: cells, wald: wald, degreesOfFreedom: k, p: p,
    intervalsCoverZero: intervalsCoverZero, parallel: p.map { $0 >= 0.05 } ?? intervalsCoverZero)
}

/// A group-time cell's identity.
private struct DiDCellKey: Hashable {
  var group: Int
  var period: Int
}
