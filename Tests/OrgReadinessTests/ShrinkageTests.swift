import Testing

@testable import OrgReadiness

/// Empirical-Bayes shrinkage of team rates and team means. The beta-binomial reference is the
/// same method-of-moments formulas written in numpy with scipy 1.17.1's beta quantiles; the
/// normal reference is statsmodels 0.15's DerSimonian–Laird fit plus the posterior in numpy.
@Suite struct ShrinkageTests {
  static let events: [Double] = [0, 1, 3, 2, 4, 1, 30, 4, 0, 9, 2, 14]
  static let trials: [Double] = [6, 5, 12, 9, 40, 4, 60, 15, 3, 70, 8, 22]

  // python3 -c "import numpy as np; from scipy import stats
  //   k=np.array([0,1,3,2,4,1,30,4,0,9,2,14.]); n=np.array([6,5,12,9,40,4,60,15,3,70,8,22.])
  //   m=k.sum()/n.sum(); s2=(n*(k/n-m)**2).sum()/n.sum(); tau2=s2-m*(1-m)/n.mean(); c=m*(1-m)/tau2-1; a,b=m*c,(1-m)*c
  //   A,B=a+k,b+n-k; print(repr(a),repr(b)); print([repr(v) for v in A/(A+B)])
  //   print([repr(v) for v in stats.beta.ppf(0.025,A,B)]); print([repr(v) for v in stats.beta.ppf(0.975,A,B)])"
  @Test func betaBinomialMatchesTheMomentFormulas() throws {
    let prior = try #require(fitBetaPrior(events: Self.events, trials: Self.trials))
    #expect(abs(prior.alpha - 1.723577576216527) < 1e-12)
    #expect(abs(prior.beta - 4.530546771769157) < 1e-12)
    let rates = try #require(shrinkRates(events: Self.events, trials: Self.trials, prior: prior))
    let means = [
      0.14065285509362785, 0.2420070626555682, 0.2587676892174654, 0.24410300396615212,
      0.12374199397130696,
      0.2656080113512126, 0.4788166455811142, 0.2692925609404825, 0.18624966678686275,
      0.14062947634516768,
      0.2612280828560839, 0.556505570038574,
    ]
    let lows = [
      0.01480730921885147, 0.05233973324358135, 0.09155069086646143, 0.0714761992994584,
      0.046450884213816226,
      0.058440559836136496, 0.3604256186951614, 0.10822078848558137, 0.02039151316727497,
      0.07259062901068207,
      0.0772993692500148, 0.37416026317799544,
    ]
    let highs = [
      0.3735212863795803, 0.5172544269126498, 0.47578764393747386, 0.4797461766817081,
      0.23159881433707175,
      0.5581685782127728, 0.5984198282140594, 0.4713433946067156, 0.4761532478518166,
      0.22645767522318436,
      0.5081159559090662, 0.7312676581172994,
    ]
    for i in rates.indices {
      #expect(abs(rates[i].shrunken - means[i]) < 1e-12, "team \(i)")
      #expect(abs(rates[i].interval.low - lows[i]) < 1e-10, "team \(i)")
      #expect(abs(rates[i].interval.high - highs[i]) < 1e-10, "team \(i)")
      #expect(rates[i].raw == Self.events[i] / Self.trials[i])
    }
  }

  @Test func betaBinomialShrinkageMovesSmallTeamsMoreAndStaysBetweenRawAndPrior() throws {
    let prior = try #require(fitBetaPrior(events: Self.events, trials: Self.trials))
    // Same raw rate 0.25, different sizes.
    let rates = try #require(shrinkRates(events: [1, 5, 25], trials: [4, 20, 100], prior: prior))
    let moves = rates.map { abs($0.shrunken - 0.25) }
    #expect(moves[0] > moves[1] && moves[1] > moves[2])
    let widths = rates.map { $0.interval.high - $0.interval.low }
    #expect(widths[0] > widths[1] && widths[1] > widths[2])
    let all = try #require(shrinkRates(events: Self.events, trials: Self.trials, prior: prior))
    for rate in all {
      let raw = try #require(rate.raw)
      #expect(min(raw, prior.mean) <= rate.shrunken && rate.shrunken <= max(raw, prior.mean))
      #expect(rate.interval.low <= rate.shrunken && rate.shrunken <= rate.interval.high)
    }
    // The weight the team pipeline reports: posterior = weight × raw + (1 − weight) × prior mean.
    for (k, n) in zip(Self.events, Self.trials) {
      let weight = prior.ownWeight(trials: n)
      let blend = weight * k / n + (1 - weight) * prior.mean
      #expect(abs(prior.posteriorMean(events: k, trials: n) - blend) < 1e-12)
    }
  }

  @Test func betaPriorIsNilWithoutOverdispersionOrWithBadCounts() {
    // Every team at the pooled rate: no variation beyond binomial noise.
    #expect(fitBetaPrior(events: [2, 4, 6], trials: [10, 20, 30]) == nil)
    #expect(fitBetaPrior(events: [0, 0, 0], trials: [10, 20, 30]) == nil)
    #expect(fitBetaPrior(events: [5, 1], trials: [4, 10]) == nil)
    #expect(fitBetaPrior(events: [1, -1], trials: [4, 10]) == nil)
    #expect(shrinkRates(events: [3], trials: [2], prior: BetaPrior(alpha: 1, beta: 1)) == nil)
    let empty = shrinkRates(events: [0], trials: [0], prior: BetaPrior(alpha: 2, beta: 6))
    #expect(empty?.first?.raw == nil && empty?.first?.shrunken == 0.25)
  }

  static let means: [Double] = [72, 65, 80, 58, 70, 77, 61, 69, 84, 66]
  static let standardErrors: [Double] = [9, 4, 12, 3, 2.5, 8, 5, 6, 15, 3.5]

  // python3 -W ignore -c "import numpy as np; from statsmodels.stats.meta_analysis import combine_effects
  //   y=np.array([72.,65,80,58,70,77,61,69,84,66]); se=np.array([9.,4,12,3,2.5,8,5,6,15,3.5])
  //   r=combine_effects(y,se**2,method_re='dl'); print(repr(r.tau2), repr(r.mean_effect_re))
  //   t=r.tau2; w=1/(se**2+t); mu=(w*y).sum()/w.sum(); B=t/(t+se**2); th=mu+B*(y-mu); h=1.959963984540054*np.sqrt(B*se**2)
  //   print([repr(v) for v in th]); print([repr(v) for v in B]); print([repr(v) for v in th-h])"
  @Test func normalShrinkageMatchesStatsmodelsAndTheFormulas() throws {
    let prior = try #require(fitNormalPrior(means: Self.means, standardErrors: Self.standardErrors))
    #expect(abs(prior.betweenVariance - 16.788785823241763) < 1e-9)
    #expect(abs(prior.mean - 66.57914895761196) < 1e-9)
    let shrunk = try #require(shrinkMeans(means: Self.means, standardErrors: Self.standardErrors, prior: prior))
    let values = [
      67.50982323037421, 65.77058002263327, 67.9804891851822, 60.99402775872143, 69.07198585989039,
      68.74471481509792, 64.33770702336905, 67.3490691030897, 67.78877882532245, 66.24431375243893,
    ]
    let weights = [
      0.17168416277903636, 0.5120282865534265, 0.10441515393802402, 0.6510110998754783,
      0.7287183427134022,
      0.20781084468795014, 0.40175337695273033, 0.31803697625206645, 0.06943575057081061,
      0.578150406337049,
    ]
    let lows = [
      60.20086099487441, 60.16068080382292, 60.380532735849904, 56.24982171472651,
      64.88917766337187,
      61.596918276919524, 58.12618737508909, 60.717166350614065, 60.04182589446664,
      61.02832611998963,
    ]
    for i in shrunk.indices {
      #expect(approximately(shrunk[i].shrunken, values[i], 1e-12), "team \(i)")
      #expect(abs(shrunk[i].weight - weights[i]) < 1e-12, "team \(i)")
      #expect(approximately(shrunk[i].interval.low, lows[i], 1e-12), "team \(i)")
    }
  }

  @Test func normalShrinkageMovesSmallTeamsMoreAndStaysBetweenRawAndPrior() throws {
    let prior = NormalPrior(mean: 70, betweenVariance: 25)
    // One raw mean, standard errors sd/sqrt(headcount) for 4, 16 and 64 people (sd 12).
    let shrunk = try #require(
      shrinkMeans(means: [60, 60, 60], standardErrors: [6, 3, 1.5], prior: prior))
    #expect(shrunk[0].shrunken > shrunk[1].shrunken && shrunk[1].shrunken > shrunk[2].shrunken)
    let fitted = try #require(
      fitNormalPrior(means: Self.means, standardErrors: Self.standardErrors))
    let all = try #require(shrinkMeans(means: Self.means, standardErrors: Self.standardErrors, prior: fitted))
    for (team, raw) in zip(all, Self.means) {
      #expect(min(raw, fitted.mean) <= team.shrunken && team.shrunken <= max(raw, fitted.mean))
    }
    // Homogeneous teams: τ² = 0 pools everyone at the mean.
    let homogeneous = try #require(fitNormalPrior(means: [10, 10.1, 9.9], standardErrors: [1, 1, 1]))
    let pooled = try #require(shrinkMeans(means: [10, 10.1, 9.9], standardErrors: [1, 1, 1], prior: homogeneous))
    #expect(pooled.allSatisfy { $0.weight == 0 && abs($0.shrunken - 10) < 1e-12 })
    #expect(fitNormalPrior(means: [1, 2], standardErrors: [1, 0]) == nil)
    #expect(fitNormalPrior(means: [1], standardErrors: [1]) == nil)
  }
}
