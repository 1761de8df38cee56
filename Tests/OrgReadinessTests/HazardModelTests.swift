import Testing

@testable import OrgReadiness

/// Logistic regression (maximum likelihood and ridge), the person-period expansion of the
/// discrete-time hazard model, and the out-of-time validation metrics (AUC, its bootstrap
/// interval, Brier score, calibration table). Reference values from statsmodels 0.15.0 and
/// scikit-learn 1.9.1, printed by
///
///     /tmp/venv-stats/bin/python Tests/References/hazard_references.py
///
/// (the script says how to make the venv; each block below quotes its output). Newton's method
/// converges to the optimum within rounding, so fits are compared to 1e-8.
@Suite struct HazardModelTests {
  // Section 1 of the script: 80 rows, x1 = (37i mod 101)/10, x2 = (53i mod 89)/20, x3 = i mod 3.
  static let logitDesign: [[Double]] = (0..<80).map { (i: Int) -> [Double] in
    let x1 = Double((i * 37) % 101) / 10
    let x2 = Double((i * 53) % 89) / 20
    return [x1, x2, Double(i % 3)]
  }
  static let logitOutcomes =
    ([
      1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0,
      1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0,
      0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1,
    ] as [Int]).map { $0 == 1 }

  static func expectClose(_ actual: [Double], _ expected: [Double], _ tolerance: Double) {
    #expect(actual.count == expected.count)
    for (a, e) in zip(actual, expected) {
      #expect(approximately(a, e, tolerance), "\(a) vs \(e)")
    }
  }

  // sm.Logit(y, sm.add_constant(X)).fit(method="newton", tol=1e-14): params, bse, llf
  //   -> [-0.7601355894524918, 0.3042263390681204, -0.6805491903797519, 0.688946125568048]
  //      [0.6962140555756595, 0.09726283493484644, 0.22162118596550967, 0.32767985802335386]
  //      -43.7314054297161
  @Test func maximumLikelihoodMatchesStatsmodelsLogit() throws {
    let fit = try logisticRegression(design: Self.logitDesign, outcomes: Self.logitOutcomes).get()
    Self.expectClose(
      fit.coefficients,
      [-0.7601355894524918, 0.3042263390681204, -0.6805491903797519, 0.688946125568048], 1e-8)
    Self.expectClose(
      fit.standardErrors,
      [0.6962140555756595, 0.09726283493484644, 0.22162118596550967, 0.32767985802335386], 1e-8)
    #expect(approximately(fit.logLikelihood, -43.7314054297161, 1e-10))
    #expect(fit.penalizedLogLikelihood == fit.logLikelihood)
    #expect(fit.rows == 80 && fit.events == 39 && fit.hasIntercept)
    #expect(fit.lastRelativeStep <= 1e-10 && fit.maxAbsoluteScore < 1e-8 && fit.iterations < 15)
    // The covariance is symmetric and its diagonal gives the standard errors.
    #expect(abs(fit.covariance[1][2] - fit.covariance[2][1]) < 1e-15)
    #expect(abs(fit.covariance[3][3].squareRoot() - fit.standardErrors[3]) < 1e-15)
    let row = Self.logitDesign[5]
    let eta = fit.coefficients[0] + zip(fit.coefficients.dropFirst(), row).reduce(0) { $0 + $1.0 * $1.1 }
    #expect(abs(fit.linearPredictor(row) - eta) < 1e-12)
    #expect(abs(fit.probability(row) - 1 / (1 + exp(-eta))) < 1e-12)
  }

  // Ridge, λ = 2 on the slopes. scikit-learn's LogisticRegression(C=1/λ, l1_ratio=0,
  // solver="newton-cholesky", tol=1e-14) maximises the same objective ℓ − ‖w‖²/(2C):
  //   -> [-0.6994116551228913, 0.28588837494789276, -0.6058687768634445, 0.555767832705099]
  // statsmodels GLM(Binomial).fit_regularized(alpha=[0, λ/n, λ/n, λ/n], L1_wt=0) minimises
  // −ℓ/n + Σ αβ²/2, the same optimum, but stops its BFGS at a gradient of 1e-5 (it takes no
  // tolerance), so it agrees only to about 3e-4:
  //   -> [-0.6996569847044712, 0.2859189116795111, -0.6058565628291128, 0.5557894050196438]
  @Test func ridgeMatchesScikitLearnWithCEqualToOneOverLambda() throws {
    let fit = try logisticRegression(
      design: Self.logitDesign, outcomes: Self.logitOutcomes, ridge: 2
    ).get()
    Self.expectClose(
      fit.coefficients,
      [-0.6994116551228913, 0.28588837494789276, -0.6058687768634445, 0.555767832705099], 1e-8)
    Self.expectClose(
      fit.coefficients,
      [-0.6996569847044712, 0.2859189116795111, -0.6058565628291128, 0.5557894050196438], 1e-3)
    let penalty = fit.coefficients.dropFirst().reduce(0) { $0 + $1 * $1 }
    #expect(abs(fit.penalizedLogLikelihood - (fit.logLikelihood - penalty)) < 1e-12)
    // The penalised information is larger, so the standard errors are smaller than the ML ones.
    let ml = try logisticRegression(design: Self.logitDesign, outcomes: Self.logitOutcomes).get()
    for j in 1..<4 { #expect(fit.standardErrors[j] < ml.standardErrors[j]) }
    // A tiny penalty gives the maximum-likelihood fit back.
    let tiny = try logisticRegression(
      design: Self.logitDesign, outcomes: Self.logitOutcomes, ridge: 1e-12
    ).get()
    Self.expectClose(tiny.coefficients, ml.coefficients, 1e-9)
  }

  @Test func collinearDesignIsAFailureValueNotACrash() throws {
    let duplicated = Self.logitDesign.map { $0 + [2 * $0[0] - 1] }
    let result = logisticRegression(design: duplicated, outcomes: Self.logitOutcomes)
    #expect(result == .failure(.collinear(column: 4)))
    let constant = Self.logitDesign.map { [$0[0], 3.0] }
    #expect(
      logisticRegression(design: constant, outcomes: Self.logitOutcomes)
        == .failure(.collinear(column: 2)))
    let zero = Self.logitDesign.map { [$0[0], 0.0] }
    #expect(
      logisticRegression(design: zero, outcomes: Self.logitOutcomes, includeIntercept: false)
        == .failure(.collinear(column: 1)))
    // The ridge penalty resolves a dependency among penalised columns: two identical columns
    // share the coefficient equally.
    let twins = Self.logitDesign.map { $0 + [$0[2]] }
    let fit = try logisticRegression(design: twins, outcomes: Self.logitOutcomes, ridge: 1).get()
    #expect(abs(fit.coefficients[3] - fit.coefficients[4]) < 1e-9)
  }

  @Test func separationIsDetectedAndTheRidgeFitsThrough() throws {
    let separated = Self.logitDesign.map { $0[0] > 5 }
    #expect(
      logisticRegression(design: Self.logitDesign, outcomes: separated) == .failure(.separation))
    // Quasi-complete: a dummy's rows are all non-events, the other rows are mixed.
    let dummy = Self.logitDesign.map { [$0[0], $0[1], $0[2] == 0 ? 1 : 0] }
    let quasi = dummy.indices.map { dummy[$0][2] == 1 ? false : Self.logitOutcomes[$0] }
    #expect(logisticRegression(design: dummy, outcomes: quasi) == .failure(.separation))
    let fit = try logisticRegression(design: Self.logitDesign, outcomes: separated, ridge: 1).get()
    #expect(fit.coefficients.allSatisfy(\.isFinite) && fit.standardErrors.allSatisfy(\.isFinite))
    #expect(fit.coefficients[1] > 0)
  }

  @Test func invalidInputsAreRejected() {
    let y = Self.logitOutcomes
    #expect(logisticRegression(design: [], outcomes: []) == .failure(.invalidInput))
    #expect(logisticRegression(design: Array(Self.logitDesign.prefix(3)), outcomes: y) == .failure(.invalidInput))
    #expect(
      logisticRegression(design: Self.logitDesign.map { [$0[0], .nan] }, outcomes: y)
        == .failure(.invalidInput))
    #expect(logisticRegression(design: Self.logitDesign, outcomes: y, ridge: -1) == .failure(.invalidInput))
    #expect(
      logisticRegression(design: Self.logitDesign, outcomes: y.map { _ in false })
        == .failure(.oneOutcomeClass))
    #expect(
      logisticRegression(design: Self.logitDesign, outcomes: y, maxIterations: 2)
        == .failure(.notConverged(iterations: 2)))
  }

  @Test func personPeriodExpansionKeepsEachTeamAtRiskUntilItsFirstEventOrCensoring() {
    let rows = personPeriodRows([
      FollowUp(entry: 3, exit: 5, event: true),  // event in month 5
      FollowUp(entry: 0, exit: 1, event: false),  // censored after month 1
      FollowUp(entry: 4, exit: 3, event: true),  // no month at risk
      FollowUp(entry: 7, exit: 7, event: true),  // event in its first month
    ])
    #expect(
      rows == [
        PersonPeriodRow(subject: 0, period: 3, elapsed: 0, event: false),
        PersonPeriodRow(subject: 0, period: 4, elapsed: 1, event: false),
        PersonPeriodRow(subject: 0, period: 5, elapsed: 2, event: true),
        PersonPeriodRow(subject: 1, period: 0, elapsed: 0, event: false),
        PersonPeriodRow(subject: 1, period: 1, elapsed: 1, event: false),
        PersonPeriodRow(subject: 3, period: 7, elapsed: 0, event: true),
      ])
    #expect(personPeriodRows([]).isEmpty)
    #expect(abs(eventProbability(hazards: [0.1, 0.2, 0.5]) - (1 - 0.9 * 0.8 * 0.5)) < 1e-15)
    #expect(eventProbability(hazards: []) == 0)
  }

  // Section 2 of the script: 40 teams, entry t mod 5, exit entry + (7t mod 12), event when
  // (13t mod 5) < 2, size 4 + (11t mod 9); sm.Logit on [1, months at risk before, size]:
  //   -> person_periods = 256 events = 16
  //      [-3.946830337167798, 0.3414832892288445, -0.057359979411825385]
  //      [1.023664915819151, 0.09247325221953925, 0.10707845424831758]  llf -52.070527389358496
  @Test func discreteTimeHazardOnTeamMonthsMatchesStatsmodels() throws {
    let teams = 0..<40
    let followUps = teams.map { t in
      FollowUp(entry: t % 5, exit: t % 5 + (t * 7) % 12, event: (t * 13) % 5 < 2)
    }
    let size = teams.map { Double(4 + ($0 * 11) % 9) }
    let rows = personPeriodRows(followUps)
    #expect(rows.count == 256 && rows.filter(\.event).count == 16)
    let fit = try logisticRegression(
      design: rows.map { [Double($0.elapsed), size[$0.subject]] }, outcomes: rows.map(\.event)
    ).get()
    Self.expectClose(
      fit.coefficients, [-3.946830337167798, 0.3414832892288445, -0.057359979411825385], 1e-8)
    Self.expectClose(
      fit.standardErrors, [1.023664915819151, 0.09247325221953925, 0.10707845424831758], 1e-8)
    #expect(approximately(fit.logLikelihood, -52.070527389358496, 1e-10))
  }

  // Section 3 of the script: 60 forecasts with ties (two decimals), outcomes as printed.
  static let forecasts: [Double] = [
    0.05, 0.51, 0.18, 0.64, 0.31, 0.77, 0.43, 0.1, 0.56, 0.23, 0.69, 0.35, 0.82, 0.48, 0.15, 0.61,
    0.27, 0.74, 0.4, 0.07, 0.53, 0.19, 0.66, 0.32, 0.79, 0.45, 0.11, 0.58, 0.24, 0.71, 0.37, 0.83,
    0.5, 0.16, 0.63, 0.29, 0.75, 0.42, 0.08, 0.55, 0.21, 0.67, 0.34, 0.8, 0.47, 0.13, 0.59, 0.26,
    0.72, 0.39, 0.05, 0.51, 0.18, 0.64, 0.31, 0.77, 0.43, 0.1, 0.56, 0.23,
  ]
  static let observed =
    ([
      1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0,
      0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0,
    ] as [Int]).map { $0 == 1 }

  // roc_auc_score(y, p) -> 0.7624434389140272; brier_score_loss(y, p) -> 0.19576666666666662
  @Test func aucAndBrierMatchScikitLearn() throws {
    let auc = try #require(rocAUC(scores: Self.forecasts, outcomes: Self.observed))
    #expect(abs(auc - 0.7624434389140272) < 1e-12)
    let brier = try #require(brierScore(probabilities: Self.forecasts, outcomes: Self.observed))
    #expect(abs(brier - 0.19576666666666662) < 1e-12)
    // Ties count one half; an inverted score gives 1 − AUC; one class only has no AUC.
    #expect(rocAUC(scores: [0.2, 0.2, 0.2, 0.7], outcomes: [true, false, false, true]) == 0.75)
    let inverted = try #require(rocAUC(scores: Self.forecasts.map { -$0 }, outcomes: Self.observed))
    #expect(abs(inverted - (1 - auc)) < 1e-12)
    #expect(rocAUC(scores: [0.1, 0.2], outcomes: [true, true]) == nil)
    #expect(brierScore(probabilities: [1.2], outcomes: [true]) == nil)
    #expect(brierScore(probabilities: [], outcomes: []) == nil)
  }

  // calibration_curve(y, p, n_bins=10, strategy="quantile") and the bin counts:
  //   -> observed  [0.3333333333333333, 0.0, 0.0, 0.3333333333333333, 0.8571428571428571, 0.0, 0.0, 1.0, 1.0,
  //                 0.6666666666666666]
  //      predicted [0.07500000000000001, 0.15166666666666664, 0.22666666666666666, 0.3066666666666667,
  //                 0.39857142857142863, 0.48666666666666664, 0.5559999999999999, 0.6283333333333333,
  //                 0.7133333333333333, 0.7966666666666665]
  //      counts    [6, 6, 6, 6, 7, 6, 5, 6, 6, 6]
  @Test func calibrationTableMatchesScikitLearnQuantileBins() throws {
    let table = try #require(calibrationTable(probabilities: Self.forecasts, outcomes: Self.observed))
    #expect(table.map(\.count) == [6, 6, 6, 6, 7, 6, 5, 6, 6, 6])
    Self.expectClose(
      table.map(\.observedRate),
      [
        0.3333333333333333, 0.0, 0.0, 0.3333333333333333, 0.8571428571428571, 0.0, 0.0, 1.0, 1.0,
        0.6666666666666666,
      ], 1e-12)
    Self.expectClose(
      table.map(\.meanPredicted),
      [
        0.07500000000000001, 0.15166666666666664, 0.22666666666666666, 0.3066666666666667,
        0.39857142857142863, 0.48666666666666664, 0.5559999999999999, 0.6283333333333333,
        0.7133333333333333, 0.7966666666666665,
      ], 1e-12)
    #expect(table.map(\.bin) == Array(0..<10))
    #expect(table.first?.lowerEdge == 0.05 && table.last?.upperEdge == 0.83)
    #expect(table.reduce(0) { $0 + $1.events } == Self.observed.filter { $0 }.count)
    // Heavy ties leave bins empty; those are left out, as scikit-learn does.
    let tied = try #require(
      calibrationTable(probabilities: [0.2, 0.2, 0.2, 0.2, 0.9], outcomes: [false, true, false, false, true]))
    #expect(tied.map(\.count) == [4, 1] && tied.map(\.bin) == [0, 9])
  }

  // Stratified percentile bootstrap, 200,000 numpy resamples (section 4 of the script):
  //   -> [0.625, 0.8851809954751131]. The Swift stream differs; 10,000 resamples put the ends
  //   within 0.001 here (0.002 is about one Monte Carlo standard error), so 0.01 is safe yet can fail.
  @Test func aucBootstrapIntervalAgreesWithALongNumpyRunAndIsDeterministic() throws {
    var generator = SeededGenerator(seed: 14)
    let interval = try #require(
      aucBootstrapInterval(
        scores: Self.forecasts, outcomes: Self.observed, resamples: 10_000, generator: &generator))
    #expect(abs(interval.low - 0.625) < 0.01)
    #expect(abs(interval.high - 0.8851809954751131) < 0.01)
    var again = SeededGenerator(seed: 14)
    #expect(
      aucBootstrapInterval(
        scores: Self.forecasts, outcomes: Self.observed, resamples: 10_000, generator: &again)
        == interval)
    var other = SeededGenerator(seed: 1)
    #expect(aucBootstrapInterval(scores: [0.1], outcomes: [true], resamples: 10, generator: &other) == nil)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
