import Testing

@testable import OrgReadiness

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Exact permutation p, BCa and analytic intervals, the interval chooser and partial Spearman.
/// Reference values computed once with scipy 1.17.1 / pingouin 0.7.0 (commands next to each
/// test). Exact methods are compared to 1e-9 or tighter; resampled ones within a stated tolerance.
@Suite struct SpearmanInferenceTests {
  /// 20 pairs with a positive, skewed association: x = (37i mod 101), y = (53i mod 89) + 0.6x.
  static let x20 = (0..<20).map { Double(($0 * 37) % 101) }
  static let y20 = (0..<20).map { (i: Int) -> Double in
    let noise = Double((i * 53) % 89)
    return noise + 0.6 * Double((i * 37) % 101)
  }

  // Brute force agrees with scipy.stats.permutation_test here (no ties in x: symmetric null):
  // python3 -c "import itertools; from scipy import stats; x=[10,20,30,40,50,60,70,80]; y=[3,1,4,1,5,9,2,6];
  //   r=stats.spearmanr(x,y).statistic; print(sum(abs(stats.spearmanr(x,p).statistic)>=abs(r)-1e-12
  //   for p in itertools.permutations(y))/40320, stats.permutation_test((y,),lambda y: stats.spearmanr(x,y).statistic,
  //   permutation_type='pairings',n_resamples=10**6).pvalue)"  -> 0.20892857142857144 (8424/40320) twice
  @Test func exactPermutationPMatchesBruteForceAndScipy() throws {
    let p = try #require(
      spearmanExactPValue([10, 20, 30, 40, 50, 60, 70, 80], [3, 1, 4, 1, 5, 9, 2, 6]))
    #expect(abs(p - 0.20892857142857144) < 1e-15)
  }

  // Ties on both sides, n = 9 (all 362,880 pairings):
  // python3 -c "import itertools,numpy as np;from scipy import stats
  //   x=[1,2,2,3,4,4,5,6,7];y=[2.5,3.1,3.1,2.0,5.5,4.0,4.0,6.1,5.0]
  //   r=stats.spearmanr(x,y).statistic;rx=stats.rankdata(x)-5;RY=stats.rankdata(np.array(list(itertools.permutations(y))),axis=1)-5
  //   rho=RY@rx/np.sqrt((RY**2).sum(1)*(rx**2).sum());print(repr(r),repr((np.abs(rho)>=abs(r)-1e-12).mean()))"
  //   -> 0.7838983050847458 0.015365961199294533
  @Test func exactPermutationPWithTiesOnBothSides() throws {
    let x: [Double] = [1, 2, 2, 3, 4, 4, 5, 6, 7]
    let y: [Double] = [2.5, 3.1, 3.1, 2.0, 5.5, 4.0, 4.0, 6.1, 5.0]
    let p = try #require(spearmanExactPValue(x, y))
    #expect(abs(p - 0.015365961199294533) < 1e-15)
    #expect(spearmanPValue(x, y) == p)
  }

  // n = 10, the largest exact size (3,628,800 pairings); same command as above with
  //   x=[12,45,3,78,33,91,27,64,50,8];y=[0.4,0.9,0.2,0.9,0.5,1.3,0.3,0.7,0.6,0.4] and "-5.5" for "-5"
  //   -> 0.9085534756454651 0.0006150793650793651 (t approximation: 0.000273636600572597)
  @Test func exactPermutationPAtTheLimit() throws {
    let x: [Double] = [12, 45, 3, 78, 33, 91, 27, 64, 50, 8]
    let y: [Double] = [0.4, 0.9, 0.2, 0.9, 0.5, 1.3, 0.3, 0.7, 0.6, 0.4]
    let p = try #require(spearmanPValue(x, y))
    #expect(abs(p - 0.0006150793650793651) < 1e-15)
  }

  // Above the limit the chooser uses the t approximation: scipy.stats.spearmanr(x, y).pvalue of
  // StatisticsTests.spearmanWithTiesMatchesScipy -> 9.870023177590053e-07.
  @Test func chooserUsesTheTApproximationAboveTheLimit() throws {
    let x: [Double] = [1, 2, 2, 3, 4, 4, 4, 5, 6, 7, 8, 8, 9, 10]
    let y: [Double] = [2.5, 3.1, 3.1, 2.0, 5.5, 4.0, 4.0, 6.1, 5.0, 7.3, 6.6, 6.6, 9.9, 8.0]
    let p = try #require(spearmanPValue(x, y))
    #expect(abs(p - 9.870023177590053e-07) / 9.870023177590053e-07 < 1e-9)
    #expect(spearmanExactPValue(x, y) == nil)
  }

  @Test func exactPermutationPIsUndefinedForAConstantSideOrTooFewPairs() {
    #expect(spearmanExactPValue([1, 2, 3, 4], [5, 5, 5, 5]) == nil)
    #expect(spearmanExactPValue([1, 2], [2, 1]) == nil)
    #expect(spearmanPValue([1, 2, 3, 4, 5], [7, 7, 7, 7, 7]) == nil)
  }

  @Test func exactPermutationPIsInvariantToMonotoneTransformsAndSymmetric() throws {
    let x: [Double] = [12, 45, 3, 78, 33, 91, 27, 64, 8]
    let y: [Double] = [0.4, 0.9, 0.2, 0.9, 0.5, 1.3, 0.3, 0.7, 0.4]
    let base = try #require(spearmanExactPValue(x, y))
    #expect(spearmanExactPValue(x.map { log($0) }, y.map { exp(3 * $0) }) == base)
    #expect(spearmanExactPValue(y, x) == base)
    #expect(spearmanExactPValue(x.map { -$0 }, y) == base)  // two-sided
  }

  // python3 -c "import numpy as np; from scipy import stats
  //   x=np.array([(i*37)%101 for i in range(20)],float); y=np.array([(i*53)%89+0.6*((i*37)%101) for i in range(20)])
  //   t=np.array([stats.spearmanr(np.delete(x,i),np.delete(y,i)).statistic for i in range(20)]); d=t.mean()-t
  //   print(repr((d**3).sum()/(6*((d**2).sum())**1.5)))"  -> 0.004343930469464557
  @Test func jackknifeAccelerationMatchesTheFormula() throws {
    let a = try #require(spearmanJackknifeAcceleration(Self.x20, Self.y20))
    #expect(abs(a - 0.004343930469464557) < 1e-12)
  }

  // scipy's BCa on a fixed bootstrap distribution (n_resamples=0 with bootstrap_result), so the
  // bias correction, acceleration and adjusted levels are checked exactly:
  // python3 -c "import numpy as np, types; from scipy import stats
  //   x=np.array([(i*37)%101 for i in range(20)],float); y=np.array([(i*53)%89+0.6*((i*37)%101) for i in range(20)])
  //   reps=[0.31,0.72,0.55,0.81,0.66,0.44,0.6,0.77,0.58,0.9,0.5,0.63,0.71,0.85,0.4,0.74]
  //   r=stats.bootstrap((x,y),lambda a,b:stats.spearmanr(a,b).statistic,paired=True,vectorized=False,method='BCa',
  //   n_resamples=0,bootstrap_result=types.SimpleNamespace(bootstrap_distribution=np.array(reps)))
  //   print(repr(r.confidence_interval.low), repr(r.confidence_interval.high))"  -> 0.3794030609721864 0.8918337164178806
  @Test func bcaLevelsMatchScipyOnAFixedBootstrapDistribution() throws {
    let replicates = [
      0.31, 0.72, 0.55, 0.81, 0.66, 0.44, 0.6, 0.77, 0.58, 0.9, 0.5, 0.63, 0.71, 0.85, 0.4, 0.74,
    ]
    let rho = try #require(spearman(Self.x20, Self.y20))
    let a = try #require(spearmanJackknifeAcceleration(Self.x20, Self.y20))
    let interval = try #require(
      bcaInterval(estimate: rho, replicates: replicates, acceleration: a, level: 0.95))
    #expect(abs(interval.low - 0.3794030609721864) < 1e-12)
    #expect(abs(interval.high - 0.8918337164178806) < 1e-12)
  }

  // Resampling differs from scipy's, so compare with many resamples and a tolerance of 0.02
  // (about 10 Monte Carlo standard errors at 20,000 resamples; BCa and percentile differ by
  // 0.058 at the lower end here, so the test tells them apart):
  // python3 -c "import numpy as np; from scipy import stats
  //   x=np.array([(i*37)%101 for i in range(20)],float); y=np.array([(i*53)%89+0.6*((i*37)%101) for i in range(20)])
  //   def vf(a,b,axis=-1):
  //     ra=stats.rankdata(a,axis=axis); rb=stats.rankdata(b,axis=axis); ra=ra-ra.mean(axis,keepdims=True); rb=rb-rb.mean(axis,keepdims=True)
  //     return (ra*rb).sum(axis)/np.sqrt((ra**2).sum(axis)*(rb**2).sum(axis))
  //   for m in ['BCa','percentile']: print(stats.bootstrap((x,y),vf,paired=True,vectorized=True,method=m,n_resamples=10**6,rng=1).confidence_interval)"
  //   -> BCa (0.4309559939301973, 0.8544351781652767), percentile (0.3731117824773414, 0.8325652841781874)
  @Test func bcaIntervalAgreesWithScipyWithinMonteCarloTolerance() throws {
    var g1 = SeededGenerator(seed: 20_240_601, stream: "bca")
    var g2 = SeededGenerator(seed: 20_240_601, stream: "bca")
    let bca = try #require(
      spearmanBCaInterval(Self.x20, Self.y20, resamples: 20_000, generator: &g1))
    let percentile = try #require(
      spearmanBootstrapInterval(Self.x20, Self.y20, resamples: 20_000, generator: &g2))
    #expect(
      abs(bca.low - 0.4309559939301973) < 0.02 && abs(bca.high - 0.8544351781652767) < 0.02,
      "\(bca)")
    #expect(
      abs(percentile.low - 0.3731117824773414) < 0.02
        && abs(percentile.high - 0.8325652841781874) < 0.02)
    #expect(bca.low - percentile.low > 0.03)
  }

  @Test func bcaIntervalIsDeterministicForASeed() throws {
    var a = SeededGenerator(seed: 5, stream: "engagement_score")
    var b = SeededGenerator(seed: 5, stream: "engagement_score")
    let first = try #require(spearmanBCaInterval(Self.x20, Self.y20, resamples: 500, generator: &a))
    let second = try #require(
      spearmanBCaInterval(Self.x20, Self.y20, resamples: 500, generator: &b))
    #expect(first == second)
    #expect(a.next() == b.next())
    var constant = SeededGenerator(seed: 5)
    #expect(
      spearmanBCaInterval([1, 2, 3, 4], [2, 2, 2, 2], resamples: 100, generator: &constant) == nil)
  }

  // python3 -c "import numpy as np; r,n=0.3,50; z=np.arctanh(r); se=np.sqrt((1+r*r/2)/(n-3));
  //   print(repr(np.tanh(z-1.959963984540054*se)), repr(np.tanh(z+1.959963984540054*se)))"  -> 0.01726601238197025 0.5383089133222945
  // Same with r,n=-0.62,12 and 1.6448536269514722 (90%)  -> -0.8676926018662171 -0.12567663383102193
  @Test func fisherBonettWrightIntervalMatchesTheFormula() throws {
    let a = try #require(spearmanFisherInterval(rho: 0.3, n: 50))
    #expect(abs(a.low - 0.01726601238197025) < 1e-12 && abs(a.high - 0.5383089133222945) < 1e-12)
    let b = try #require(spearmanFisherInterval(rho: -0.62, n: 12, level: 0.90))
    #expect(abs(b.low - -0.8676926018662171) < 1e-12 && abs(b.high - -0.12567663383102193) < 1e-12)
    #expect(spearmanFisherInterval(rho: 0.5, n: 3) == nil)
    #expect(spearmanFisherInterval(rho: 1, n: 30) == ConfidenceInterval(low: 1, high: 1))
  }

  /// A seeded sample of n pairs: skewed x (days in role), y rising with log x plus heavy noise.
  static func generatedSample(n: Int, seed: UInt64) -> (x: [Double], y: [Double]) {
    var g = SeededGenerator(seed: seed)
    let x = (0..<n).map { _ in (-log(1 - g.unit()) * 400).rounded() }
    let y = x.map { log($0 + 1) + 2 * g.normal() }
    return (x, y)
  }

  // At large n the analytic interval and the percentile bootstrap agree: tolerance 0.01 (the
  // bootstrap's Monte Carlo error at 1,000 resamples is about 0.002 per end here; a python check
  // over rho 0.2–0.85 found differences below 0.005 for n ≥ 1,000).
  @Test func fisherIntervalAgreesWithTheBootstrapAtLargeN() throws {
    let (x, y) = Self.generatedSample(n: 2000, seed: 42)
    let rho = try #require(spearman(x, y))
    let analytic = try #require(spearmanFisherInterval(rho: rho, n: x.count))
    var g = SeededGenerator(seed: 42, stream: "large-n")
    let bootstrap = try #require(spearmanBootstrapInterval(x, y, resamples: 1000, generator: &g))
    #expect(abs(analytic.low - bootstrap.low) < 0.01, "\(analytic) vs \(bootstrap)")
    #expect(abs(analytic.high - bootstrap.high) < 0.01, "\(analytic) vs \(bootstrap)")
    #expect(analytic.low < rho && rho < analytic.high)
  }

  @Test func intervalChooserUsesBootstrapUpToTheLimitAndAnalyticAbove() throws {
    let small = Self.generatedSample(n: 60, seed: 1)
    var g1 = SeededGenerator(seed: 9)
    var g2 = SeededGenerator(seed: 9)
    let bca = try #require(spearmanInterval(x: small.x, y: small.y, resamples: 300, generator: &g1))
    #expect(bca.method == .bcaBootstrap)
    #expect(bca.interval == spearmanBCaInterval(small.x, small.y, resamples: 300, generator: &g2))
    var g3 = SeededGenerator(seed: 9)
    let percentile = try #require(
      spearmanInterval(
        x: small.x, y: small.y, resamples: 300, bootstrap: .percentile, generator: &g3))
    #expect(percentile.method == .percentileBootstrap)

    let large = Self.generatedSample(n: spearmanBootstrapLimit + 1, seed: 2)
    var g4 = SeededGenerator(seed: 9)
    let analytic = try #require(
      spearmanInterval(x: large.x, y: large.y, resamples: 2000, generator: &g4))
    #expect(analytic.method == .fisherBonettWright)
    let rho = try #require(spearman(large.x, large.y))
    #expect(analytic.interval == spearmanFisherInterval(rho: rho, n: large.x.count))
    var untouched = SeededGenerator(seed: 9)
    #expect(g4.next() == untouched.next())
  }

  // n=30; x=(37i mod 101), y=(53i mod 89)+0.5x+2(i mod 7), z1=i mod 7 (ties), z2=i² mod 13:
  // python3 -W ignore -c "import pandas as pd, pingouin as pg; n=30
  //   d=pd.DataFrame({'x':[(i*37)%101 for i in range(n)],'y':[(i*53)%89+0.5*((i*37)%101)+2*(i%7) for i in range(n)],
  //   'z1':[i%7 for i in range(n)],'z2':[(i*i)%13 for i in range(n)]})
  //   for c in (['z1'],['z1','z2']): r=pg.partial_corr(d,'x','y',covar=c,method='spearman'); print(repr(r['r'].iloc[0]), repr(r['p_val'].iloc[0]))"
  //   -> 0.45483804101066494 0.013175150972043062 / 0.32534810381879575 0.09114164243323483
  static let partialData: (x: [Double], y: [Double], z1: [Double], z2: [Double]) = {
    let i = Array(0..<30)
    return (
      i.map { Double(($0 * 37) % 101) },
      i.map { (i: Int) -> Double in
        let noise = Double((i * 53) % 89)
        return noise + 0.5 * Double((i * 37) % 101) + 2 * Double(i % 7)
      },
      i.map { Double($0 % 7) },
      i.map { Double(($0 * $0) % 13) }
    )
  }()

  @Test func partialSpearmanMatchesPingouin() throws {
    let d = Self.partialData
    let one = try #require(partialSpearman(d.x, d.y, covariates: [d.z1]))
    #expect(abs(one.r - 0.45483804101066494) < 1e-9)
    let p1 = try #require(one.p)
    #expect(abs(p1 - 0.013175150972043062) < 1e-9)
    let two = try #require(partialSpearman(d.x, d.y, covariates: [d.z1, d.z2]))
    #expect(abs(two.r - 0.32534810381879575) < 1e-9)
    let p2 = try #require(two.p)
    #expect(abs(p2 - 0.09114164243323483) < 1e-9)
    #expect(two.n == 30 && two.covariates == 2)
  }

  @Test func partialSpearmanWithoutCovariatesIsSpearman() throws {
    let d = Self.partialData
    let partial = try #require(partialSpearman(d.x, d.y, covariates: []))
    let rho = try #require(spearman(d.x, d.y))
    #expect(abs(partial.r - rho) < 1e-12)
    let p = try #require(partial.p)
    let expected = try #require(correlationPValue(r: rho, n: 30))
    #expect(abs(p - expected) < 1e-12)
  }

  @Test func partialSpearmanIsInvariantToMonotoneTransforms() throws {
    let d = Self.partialData
    let base = try #require(partialSpearman(d.x, d.y, covariates: [d.z1, d.z2]))
    let moved = try #require(
      partialSpearman(
        d.x.map { exp($0 / 20) }, d.y.map { $0 * $0 * $0 },
        covariates: [d.z1.map { 3 * $0 - 7 }, d.z2.map { sqrt($0) }]))
    #expect(abs(base.r - moved.r) < 1e-12)
  }

  @Test func partialSpearmanIsNilForCollinearCovariatesOrAConstantSide() {
    let d = Self.partialData
    #expect(partialSpearman(d.x, d.y, covariates: [d.z1, d.z1.map { 2 * $0 }]) == nil)
    #expect(partialSpearman(d.x, d.y, covariates: [d.x]) == nil)
    #expect(partialSpearman(d.x, d.x.map { _ in 1 }, covariates: []) == nil)
  }
}
