import Testing

@testable import OrgReadiness

/// Kaplan–Meier and the log-rank test, pinned to the golden vector and to lifelines
/// 0.30.3 (commands next to each test). Both are exact, so they are compared to 1e-9 or tighter.
@Suite struct SurvivalTests {
  // Golden vector from the issue (statsmodels SurvfuncRight, quoted by METHODS.md), and lifelines:
  // python3 -W ignore -c "from lifelines import KaplanMeierFitter
  //   k=KaplanMeierFitter().fit([3,5,6,7,8,10,12,12],[1,0,1,1,0,1,1,0])
  //   print(k.survival_function_.values.ravel().tolist(), k.median_survival_time_)"
  //   -> [1.0, 0.8750000000000001, 0.8750000000000001, 0.7291666666666667, 0.5833333333333334,
  //       0.5833333333333334, 0.3888888888888889, 0.19444444444444445] 10.0  (timeline 0,3,5,6,7,8,10,12)
  @Test func kaplanMeierMatchesTheGoldenVector() throws {
    let curve = try #require(
      kaplanMeier(
        times: [3, 5, 6, 7, 8, 10, 12, 12],
        observed: [true, false, true, true, false, true, true, false]))
    #expect(abs(curve.survival(at: 3) - 0.875) < 1e-12)
    #expect(abs(curve.survival(at: 6) - 0.72917) < 5e-6)
    #expect(abs(curve.survival(at: 7) - 0.58333) < 5e-6)
    #expect(curve.medianSurvival == 10)
    let lifelines = [
      1.0, 0.8750000000000001, 0.8750000000000001, 0.7291666666666667, 0.5833333333333334,
      0.5833333333333334,
      0.3888888888888889, 0.19444444444444445,
    ]
    for (t, expected) in zip([0.0, 3, 5, 6, 7, 8, 10, 12], lifelines) {
      #expect(abs(curve.survival(at: t) - expected) < 1e-12, "t = \(t)")
    }
    #expect(
      curve.atRisk(at: 3) == 8 && curve.atRisk(at: 6) == 6 && curve.atRisk(at: 12) == 2
        && curve.atRisk(at: 13) == 0)
    #expect(curve.survival(at: 2.9) == 1 && curve.survival(at: 100) == curve.survival(at: 12))
  }

  static let timesA: [Double] = [1, 2, 2, 3, 3, 3, 5, 6, 6, 8, 9, 11, 12, 12, 15]
  static let eventsA = [1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0].map { $0 == 1 }
  static let timesB: [Double] = [2, 3, 4, 4, 6, 6, 7, 9, 10, 13, 14, 16, 18, 20]
  static let eventsB = [0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0].map { $0 == 1 }

  // Ties of events, of censorings and of both at one time:
  // python3 -W ignore -c "from lifelines import KaplanMeierFitter
  //   ta=[1,2,2,3,3,3,5,6,6,8,9,11,12,12,15]; ea=[1,1,0,1,1,0,1,0,1,1,0,1,1,0,0]
  //   tb=[2,3,4,4,6,6,7,9,10,13,14,16,18,20]; eb=[0,1,1,0,1,1,0,1,0,1,0,1,0,0]
  //   for t,e in ((ta,ea),(tb,eb)): k=KaplanMeierFitter().fit(t,e); print([repr(v) for v in
  //   k.survival_function_['KM_estimate'].values], k.event_table.reset_index().values.tolist(), k.median_survival_time_)"
  @Test func kaplanMeierMatchesLifelinesWithTies() throws {
    let a = try #require(kaplanMeier(times: Self.timesA, observed: Self.eventsA))
    let expectedA = [
      0.9333333333333331, 0.8666666666666667, 0.7222222222222223, 0.6419753086419752,
      0.5617283950617283,
      0.4681069958847736, 0.4681069958847736, 0.35108024691358025, 0.23405349794238678,
      0.23405349794238678,
    ]
    #expect(a.steps.map(\.time) == [1, 2, 3, 5, 6, 8, 9, 11, 12, 15])
    for (step, expected) in zip(a.steps, expectedA) {
      #expect(abs(step.survival - expected) < 1e-12, "t = \(step.time)")
    }
    // lifelines event_table rows: (removed, observed, censored, at_risk)
    #expect(a.steps.map(\.atRisk) == [15, 14, 12, 9, 8, 6, 5, 4, 3, 1])
    #expect(a.steps.map(\.events) == [1, 1, 2, 1, 1, 1, 0, 1, 1, 0])
    #expect(a.steps.map(\.censored) == [0, 1, 1, 0, 1, 0, 1, 0, 1, 1])
    #expect(a.medianSurvival == 8)

    let b = try #require(kaplanMeier(times: Self.timesB, observed: Self.eventsB))
    let expectedB = [
      1.0, 0.9230769230769231, 0.8461538461538463, 0.6769230769230767, 0.6769230769230767,
      0.58021978021978,
      0.58021978021978, 0.4641758241758241, 0.4641758241758241, 0.3094505494505494,
      0.3094505494505494, 0.3094505494505494,
    ]
    for (step, expected) in zip(b.steps, expectedB) {
      #expect(abs(step.survival - expected) < 1e-12, "t = \(step.time)")
    }
    #expect(b.medianSurvival == 13)
  }

  @Test func kaplanMeierMedianIsNilWhenTheCurveStaysAboveOneHalf() throws {
    let curve = try #require(
      kaplanMeier(times: [1, 2, 3, 4], observed: [true, false, false, false]))
    #expect(curve.medianSurvival == nil)
    #expect(kaplanMeier(times: [], observed: []) == nil)
    #expect(kaplanMeier(times: [1, .nan], observed: [true, true]) == nil)
  }

  // python3 -W ignore -c "from lifelines.statistics import logrank_test
  //   ta=[1,2,2,3,3,3,5,6,6,8,9,11,12,12,15]; ea=[1,1,0,1,1,0,1,0,1,1,0,1,1,0,0]
  //   tb=[2,3,4,4,6,6,7,9,10,13,14,16,18,20]; eb=[0,1,1,0,1,1,0,1,0,1,0,1,0,0]
  //   r=logrank_test(ta,tb,ea,eb); print(repr(r.test_statistic), repr(r.p_value))"
  //   -> 1.7318999926880834 0.18816843271404365
  @Test func logRankMatchesLifelines() throws {
    let result = try #require(
      logRankTest(
        timesA: Self.timesA, observedA: Self.eventsA, timesB: Self.timesB, observedB: Self.eventsB))
    #expect(abs(result.statistic - 1.7318999926880834) < 1e-12)
    #expect(abs(result.p - 0.18816843271404365) < 1e-12)
    #expect(result.observedA == 9)
  }

  @Test func logRankIsSymmetricInTheGroupsAndNilWithoutEvents() throws {
    let ab = try #require(
      logRankTest(
        timesA: Self.timesA, observedA: Self.eventsA, timesB: Self.timesB, observedB: Self.eventsB))
    let ba = try #require(
      logRankTest(
        timesA: Self.timesB, observedA: Self.eventsB, timesB: Self.timesA, observedB: Self.eventsA))
    #expect(abs(ab.statistic - ba.statistic) < 1e-12)
    #expect(
      logRankTest(timesA: [1, 2], observedA: [false, false], timesB: [3], observedB: [false]) == nil
    )
    #expect(logRankTest(timesA: [], observedA: [], timesB: [3], observedB: [true]) == nil)
  }
}
