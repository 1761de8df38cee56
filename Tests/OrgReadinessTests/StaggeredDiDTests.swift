import Testing

@testable import OrgReadiness

/// Staggered difference-in-differences (Callaway & Sant'Anna, not-yet-treated controls) pinned to
/// csdid 0.4.3, printed by
///
///     /tmp/venv-stats/bin/python Tests/References/did_references.py        (36 units)
///     /tmp/venv-stats/bin/python Tests/References/did_references.py 240    (240 units)
///
/// (the script says how to make the venv; each test quotes its output). The same script runs a
/// second implementation, differences 0.3.0, on the 36-unit panel: its ATT(g, t), event study
/// and simple aggregate are identical. Point estimates are exact arithmetic on the same panel, so
/// they are compared to 1e-10.
@Suite struct StaggeredDiDTests {
  /// The script's panel: periods 1...10, cohort by unit mod 6 (3, 5, 7, never, 12 = after the
  /// last period, 9), the last two units treated from period 1; y = a_i + 0.3t + effect + noise
  /// with the effect 1 + 0.25e from the first treated period on.
  static func panel(units: Int) -> StaggeredPanel {
    let cohorts = [3, 5, 7, 0, 12, 9]
    var outcomes: [[Double]] = []
    var firstTreated: [Int?] = []
    for i in 0..<units {
      let g = i >= units - 2 ? 1 : cohorts[i % 6]
      var row: [Double] = []
      for t in 1...10 {
        let a = Double((i * 37) % 23) / 4
        let e = t - g
        let tau = g > 0 && g <= 10 && e >= 0 ? 1 + 0.25 * Double(e) : 0.0
        let noise = Double((i * 53 + t * 71) % 97) / 50 - 1
        row.append(((a + 0.3 * Double(t)) + tau) + noise)
      }
      outcomes.append(row)
      firstTreated.append(g == 0 ? nil : g)
    }
    return StaggeredPanel(firstPeriod: 1, outcomes: outcomes, firstTreated: firstTreated)
  }

  static func fit(
    _ panel: StaggeredPanel, base: DiDBasePeriod = .varying, resamples: Int = 0, seed: UInt64 = 1
  ) throws -> StaggeredDiDResult {
    var generator = SeededGenerator(seed: seed)
    return try staggeredDiD(panel: panel, basePeriod: base, resamples: resamples, generator: &generator).get()
  }

  static func expectClose(_ actual: [Double], _ expected: [Double], _ tolerance: Double = 1e-10) {
    #expect(actual.count == expected.count)
    for (a, e) in zip(actual, expected) {
      #expect(approximately(a, e, tolerance), "\(a) vs \(e)")
    }
  }

  static let cohortPeriods = [3, 5, 7, 9]

  // units = 36 checksum = 1765.07; base_period=varying: units used n = 34
  //   cells (g, t) = (3, 2...10), (5, 2...10), (7, 2...10), (9, 2...10)
  //   att, theta(e) for e = -3...6, dynamic overall, simple overall as below
  @Test func groupTimeEffectsAndAggregationsMatchCsdidWithTheVaryingBase() throws {
    let panel = Self.panel(units: 36)
    #expect(approximately(panel.outcomes.joined().reduce(0, +), 1765.07, 1e-12))
    let result = try Self.fit(panel)
    #expect(result.units == 34)
    #expect(result.groupTime.map(\.group) == Self.cohortPeriods.flatMap { [Int](repeating: $0, count: 9) })
    #expect(result.groupTime.map(\.period) == Array(repeating: Array(2...10), count: 4).flatMap { $0 })
    Self.expectClose(
      result.groupTime.map(\.att),
      [
        0.16166666666666646, 0.7690476190476194, 1.1114285714285714, 1.52939393939394, 1.9851515151515156,
        1.9191666666666654, 2.3308333333333335, 2.8527272727272734, 2.8969696969696974, -0.2309523809523809,
        0.11757575757575783, 0.1175757575757575, 0.7942424242424249, 1.2500000000000009, 1.6616666666666662,
        2.0733333333333337, 2.1175757575757572, 2.4851515151515153, 0.16166666666666657, -0.29393939393939394,
        -0.29393939393939383, 0.1616666666666664, 0.2829166666666667, 0.7170833333333329, 1.1287499999999997,
        1.5293939393939389, 1.8969696969696968, -0.1471724137931034, 0.2699130434782611, 0.2699130434782608,
        -0.18258823529411775, -0.06847058823529384, 0.24690909090909052, -0.1410909090909089, 0.8589090909090912,
        0.967818181818182,
      ])
    #expect(result.eventStudy.map(\.eventTime) == Array(-3...6))
    Self.expectClose(
      result.eventStudy.map(\.effect.estimate),
      [
        -0.20539432885453635, 0.1711764705882352, 0.1159782608695652, 0.7815993788819877, 1.1208766233766234,
        1.5734848484848485, 1.9851515151515153, 2.0183712121212114, 2.4079924242424244, 2.8527272727272734,
      ])
    #expect(approximately(result.overall?.estimate ?? .nan, 1.8200290392836977, 1e-10))
    #expect(approximately(result.simple.estimate, 1.6561605767114245, 1e-10))
    // Cell (3, 5): cohort 3 from its base period 2. Controls: the never treated (units mod 6 = 3,
    // and 4, recoded from 12, less unit 34) and cohorts 7 and 9 (less unit 35), not yet treated at 5.
    let cell = try #require(result.groupTime.first { $0.group == 3 && $0.period == 5 })
    #expect(cell.basePeriod == 2 && cell.eventTime == 2 && cell.treatedUnits == 6)
    #expect(cell.controlUnits == 6 + 5 + 6 + 5)
  }

  // base_period=universal: cells (g, 1...10) with ATT(g, g - 1) = 0
  @Test func universalBaseMatchesCsdid() throws {
    let result = try Self.fit(Self.panel(units: 36), base: .universal)
    #expect(result.groupTime.map(\.period) == Array(repeating: Array(1...10), count: 4).flatMap { $0 })
    Self.expectClose(
      result.groupTime.map(\.att),
      [
        -0.16166666666666646, 0.0, 0.7690476190476194, 1.1114285714285714, 1.52939393939394, 1.9851515151515156,
        1.9191666666666654, 2.3308333333333335, 2.8527272727272734, 2.8969696969696974, -0.029393939393939195,
        -0.23515151515151522, -0.1175757575757575, 0.0, 0.7942424242424249, 1.2500000000000009, 1.6616666666666662,
        2.0733333333333337, 2.1175757575757572, 2.4851515151515153, -0.04041666666666566, 0.12125000000000052,
        -0.16166666666666651, -0.44458333333333305, -0.2829166666666667, 0.0, 0.7170833333333329,
        1.1287499999999997, 1.5293939393939389, 1.8969696969696968, -0.3527272727272732, -0.49381818181818193,
        -0.2469090909090914, 0.0, -0.14109090909090938, -0.10581818181818159, 0.1410909090909089, 0.0,
        0.8589090909090912, 0.967818181818182,
      ])
    Self.expectClose(
      result.eventStudy.map(\.effect.estimate),
      [
        -0.27102941176470574, -0.1159782608695652, 0.0, 0.7815993788819877, 1.1208766233766234,
        1.5734848484848485, 1.9851515151515153, 2.0183712121212114, 2.4079924242424244, 2.8527272727272734,
      ])
    #expect(approximately(result.overall?.estimate ?? .nan, 1.8200290392836977, 1e-10))
    #expect(approximately(result.simple.estimate, 1.6561605767114245, 1e-10))
  }

  // --- no never-treated units, base_period=varying: units used n = 23; cohort 9 only a control,
  // periods 9 and 10 dropped
  @Test func withoutNeverTreatedUnitsTheLastCohortIsOnlyAControlAsInCsdid() throws {
    let full = Self.panel(units: 36)
    let keep = full.firstTreated.indices.filter { i in
      full.firstTreated[i].map { $0 != 12 } ?? false
    }
    let panel = StaggeredPanel(
      firstPeriod: 1, outcomes: keep.map { full.outcomes[$0] }, firstTreated: keep.map { full.firstTreated[$0] })
    let result = try Self.fit(panel)
    #expect(result.units == 23)
    #expect(result.groupTime.map(\.group) == [3, 5, 7].flatMap { [Int](repeating: $0, count: 7) })
    #expect(result.groupTime.map(\.period) == Array(repeating: Array(2...8), count: 3).flatMap { $0 })
    Self.expectClose(
      result.groupTime.map(\.att),
      [
        0.1901960784313724, 0.7527450980392159, 1.078823529411765, 1.52939393939394, 1.896969696969697,
        1.4826666666666664, 1.9913333333333343, -0.24725490196078426, 0.11757575757575772, 0.11757575757575739,
        0.7942424242424246, 1.1618181818181825, 1.5646666666666667, 2.073333333333334, 0.19019607843137257,
        -0.38212121212121214, -0.3821212121212118, 0.2586666666666666, 0.25866666666666654, 0.5473333333333333,
        1.0560000000000005,
      ])
    Self.expectClose(
      result.eventStudy.map(\.effect.estimate),
      [
        -0.314688057040998, 0.18812121212121216, 0.18881283422459877, 0.698106951871658, 1.0988805704099827,
        1.5470303030303034, 1.9851515151515156, 1.4826666666666664, 1.9913333333333343,
      ])
    #expect(approximately(result.overall?.estimate ?? .nan, 1.4671948900772431, 1e-10))
    #expect(approximately(result.simple.estimate, 1.3274438502673802, 1e-10))
  }

  @Test func naiveChangeIsTheCohortsOwnChangeOverTheSameCells() throws {
    let panel = Self.panel(units: 36)
    let result = try Self.fit(panel)
    // Cohort 5 at period 8 (e = 3), from base period 4: the mean of y(8) − y(4) over its units.
    let members = panel.firstTreated.indices.filter { panel.firstTreated[$0] == 5 }
    let change = members.reduce(0) { $0 + panel.outcomes[$1][7] - panel.outcomes[$1][3] } / Double(members.count)
    let cell = try #require(result.groupTime.first { $0.group == 5 && $0.period == 8 })
    #expect(abs(cell.naiveChange - change) < 1e-12)
    // The naive event study weights the same cells by cohort size.
    let atThree = result.groupTime.filter { $0.eventTime == 3 }
    let weighted =
      atThree.reduce(0) { $0 + Double($1.treatedUnits) * $1.naiveChange }
      / Double(atThree.reduce(0) { $0 + $1.treatedUnits })
    let naive = try #require(result.naiveEventStudy.first { $0.eventTime == 3 })
    #expect(abs(naive.effect.estimate - weighted) < 1e-12)
    let post = result.naiveEventStudy.filter { $0.eventTime >= 0 }
    #expect(
      abs(try #require(result.naiveOverall?.estimate) - post.reduce(0) { $0 + $1.effect.estimate } / Double(post.count))
        < 1e-12)
  }

  // 240 units: csdid's analytic (influence-function) standard errors
  //   theta(e) se = [0.09399188752422262, 0.09221567829449298, 0.07913949431206573, 0.0777894659248313,
  //     0.08867856970047823, 0.0800804752080592, 0.05569226221208424, 0.11525657500667709,
  //     0.11529714266306045, 0.11907114664828215]
  //   dynamic overall = 1.7661590585232936 se = 0.06334688047462579
  //   simple overall = 1.6305666033749577 se = 0.06410791517042942
  // The unit bootstrap estimates the same sampling variance; with 999 resamples its standard error
  // is itself uncertain by about 2% (1/√(2·999)); they agree within 5% here and must within 10%.
  @Test func unitBootstrapStandardErrorsAgreeWithCsdidsAnalyticOnes() throws {
    let result = try Self.fit(Self.panel(units: 240), resamples: 999, seed: 2021)
    #expect(approximately(result.overall?.estimate ?? .nan, 1.7661590585232936, 1e-10))
    #expect(approximately(result.simple.estimate, 1.6305666033749577, 1e-10))
    let analytic = [
      0.09399188752422262, 0.09221567829449298, 0.07913949431206573, 0.0777894659248313, 0.08867856970047823,
      0.0800804752080592, 0.05569226221208424, 0.11525657500667709, 0.11529714266306045, 0.11907114664828215,
    ]
    for (effect, se) in zip(result.eventStudy, analytic) {
      let bootstrap = try #require(effect.effect.standardError)
      #expect(abs(bootstrap / se - 1) < 0.10, "e = \(effect.eventTime): \(bootstrap) vs \(se)")
    }
    let overall = try #require(result.overall?.standardError)
    #expect(abs(overall / 0.06334688047462579 - 1) < 0.10, "\(overall)")
    let simple = try #require(result.simple.standardError)
    #expect(abs(simple / 0.06410791517042942 - 1) < 0.10, "\(simple)")
    let interval = try #require(result.overall?.interval)
    let estimate = try #require(result.overall?.estimate)
    #expect(interval.low < estimate && estimate < interval.high)
    #expect(result.overall?.resamples == 999)
  }

  @Test func bootstrapIsDeterministicForASeed() throws {
    let panel = Self.panel(units: 36)
    let a = try Self.fit(panel, resamples: 200, seed: 7)
    let b = try Self.fit(panel, resamples: 200, seed: 7)
    let c = try Self.fit(panel, resamples: 200, seed: 8)
    #expect(a == b)
    #expect(a.overall?.interval != c.overall?.interval)
  }

  @Test func invalidPanelsAreFailureValues() throws {
    var generator = SeededGenerator(seed: 1)
    let ragged = StaggeredPanel(firstPeriod: 0, outcomes: [[1, 2, 3], [1, 2]], firstTreated: [2, nil])
    #expect(staggeredDiD(panel: ragged, generator: &generator) == .failure(.invalidInput))
    let short = StaggeredPanel(firstPeriod: 0, outcomes: [[1], [2]], firstTreated: [nil, nil])
    #expect(staggeredDiD(panel: short, generator: &generator) == .failure(.invalidInput))
    let notFinite = StaggeredPanel(firstPeriod: 0, outcomes: [[1, .nan], [2, 3]], firstTreated: [1, nil])
    #expect(staggeredDiD(panel: notFinite, generator: &generator) == .failure(.invalidInput))
    // Nobody treated inside the panel, or no controls: nothing to estimate.
    let panel = Self.panel(units: 36)
    #expect(staggeredDiD(panel: panel, level: 1, generator: &generator) == .failure(.invalidInput))
    // A window without post-treatment event times has no overall effect, but the simple one.
    let early = try staggeredDiD(panel: panel, eventWindow: -3 ... -1, resamples: 0, generator: &generator).get()
    #expect(early.overall == nil && early.naiveOverall == nil)
    #expect(approximately(early.simple.estimate, 1.6561605767114245, 1e-10))
    let untreated = StaggeredPanel(firstPeriod: 0, outcomes: [[1, 2], [2, 3]], firstTreated: [nil, nil])
    #expect(staggeredDiD(panel: untreated, generator: &generator) == .failure(.noEstimableCell))
    let allAtOnce = StaggeredPanel(firstPeriod: 0, outcomes: [[1, 2], [2, 3]], firstTreated: [1, 1])
    #expect(staggeredDiD(panel: allAtOnce, generator: &generator) == .failure(.noEstimableCell))
  }
}
