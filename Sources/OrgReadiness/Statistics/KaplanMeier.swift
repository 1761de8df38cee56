/// One distinct time of a Kaplan–Meier curve: who was at risk, what happened, and the survival
/// estimate just after it.
public struct KaplanMeierStep: Hashable, Sendable {
  public var time: Double
  /// Subjects whose time is at or after `time`.
  public var atRisk: Int
  /// Observed events at `time`.
  public var events: Int
  /// Subjects censored at `time`.
  public var censored: Int
  /// S(time): the product of (1 − events/atRisk) over every step up to and including this one.
  public var survival: Double
}

/// The Kaplan–Meier estimate of a survival function under right censoring.
public struct KaplanMeierCurve: Hashable, Sendable {
  /// Every distinct time (event or censoring), ascending.
  public var steps: [KaplanMeierStep]

  /// S(t), right-continuous: 1 before the first step, then the survival of the last step at or
  /// before t.
  public func survival(at time: Double) -> Double {
    steps.last { $0.time <= time }?.survival ?? 1
  }

  /// The number of subjects still at risk at `time` (time at or after it).
  public func atRisk(at time: Double) -> Int {
    steps.first { $0.time >= time }?.atRisk ?? 0
  }

  /// The median survival time: the first time with S(t) ≤ 0.5 (as `lifelines`'
  /// `median_survival_time_`); nil when the curve never falls to one half (lifelines: inf).
  public var medianSurvival: Double? {
    steps.first { $0.survival <= 0.5 + 1e-12 }?.time
  }
}

/// The Kaplan–Meier estimator (`lifelines.KaplanMeierFitter`): `times` to the event or to
/// censoring, `observed[i]` true when subject i's event was seen (false: right-censored at
/// times[i]). At a time with both, events count before censorings. Nil when there are no
/// subjects or a time is not finite.
public func kaplanMeier(times: [Double], observed: [Bool]) -> KaplanMeierCurve? {
  precondition(times.count == observed.count, "kaplanMeier needs one event flag per time")
  guard !times.isEmpty, times.allSatisfy(\.isFinite) else { return nil }
  let table = survivalTable(times: times, observed: observed)
  var survival = 1.0
  let steps = table.map { row in
    survival *= 1 - Double(row.events) / Double(row.atRisk)
    return KaplanMeierStep(
      time: row.time, atRisk: row.atRisk, events: row.events, censored: row.censored,
      survival: survival)
  }
  return KaplanMeierCurve(steps: steps)
}

/// Distinct times ascending with the number at risk, events and censorings at each.
func survivalTable(times: [Double], observed: [Bool]) -> [(
  time: Double, atRisk: Int, events: Int, censored: Int
)] {
  let order = times.indices.sorted { times[$0] < times[$1] }
  var table: [(time: Double, atRisk: Int, events: Int, censored: Int)] = []
  var remaining = times.count
  var k = 0
  while k < order.count {
    let time = times[order[k]]
    var events = 0
    var censored = 0
    while k < order.count && times[order[k]] == time {
      if observed[order[k]] { events += 1 } else { censored += 1 }
      k += 1
    }
    table.append((time: time, atRisk: remaining, events: events, censored: censored))
    remaining -= events + censored
  }
  return table
}
