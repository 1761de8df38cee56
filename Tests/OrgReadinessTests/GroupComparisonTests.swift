import Testing

@testable import OrgReadiness

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Effect sizes between two groups of teams (say `<6m` against `24m+`). Reference values
/// computed once with python 3 / numpy 2.4 / scipy 1.17.1 (commands next to each test).
@Suite struct GroupComparisonTests {
  // python3 -c "a=[3.1,4.5,2.2,6.0,4.5,5.1,3.3,7.2,4.5];b=[2.0,3.1,1.5,2.8,4.5,2.2,1.9,3.0,2.5,3.6]
  //   print(sum((i>j)-(i<j) for i in a for j in b)/(len(a)*len(b)))"  -> 0.7222222222222222
  @Test func cliffsDeltaMatchesBruteForceWithTies() throws {
    let a = [3.1, 4.5, 2.2, 6.0, 4.5, 5.1, 3.3, 7.2, 4.5]
    let b = [2.0, 3.1, 1.5, 2.8, 4.5, 2.2, 1.9, 3.0, 2.5, 3.6]
    let delta = try #require(cliffsDelta(a, b))
    #expect(abs(delta - 0.7222222222222222) < 1e-15)
  }

  /// 25 and 31 teams: a = (37i mod 101)/10, b = (53i mod 89)/10 − 1.5.
  static let a25 = (0..<25).map { Double(($0 * 37) % 101) / 10 }
  static let b31 = (0..<31).map { Double(($0 * 53) % 89) / 10 - 1.5 }

  // python3 -c "import numpy as np; a=[(i*37)%101/10 for i in range(25)]; b=[(i*53)%89/10-1.5 for i in range(31)]
  //   print(repr(np.median(a)-np.median(b)), repr(sum((i>j)-(i<j) for i in a for j in b)/(len(a)*len(b))))"
  //   -> 1.5 0.33419354838709675
  @Test func medianDifferenceAndCliffsDeltaMatchNumpy() throws {
    let difference = try #require(medianDifference(Self.a25, Self.b31))
    #expect(abs(difference - 1.5) < 1e-12)
    let delta = try #require(cliffsDelta(Self.a25, Self.b31))
    #expect(abs(delta - 0.33419354838709675) < 1e-15)
  }

  @Test func cliffsDeltaIsAntisymmetricBoundedAndRankBased() throws {
    let forward = try #require(cliffsDelta(Self.a25, Self.b31))
    #expect(cliffsDelta(Self.b31, Self.a25) == -forward)
    #expect(cliffsDelta(Self.a25.map { exp($0) }, Self.b31.map { exp($0) }) == forward)
    #expect(cliffsDelta([5, 6, 7], [1, 2]) == 1)
    #expect(cliffsDelta([1, 2], [5, 6, 7]) == -1)
    #expect(cliffsDelta([1, 2, 3], [1, 2, 3]) == 0)
    #expect(cliffsDelta([], [1]) == nil)
    #expect(medianDifference([1], []) == nil)
  }

  // Resampling differs from scipy's; the medians of these data move in steps of 0.1–0.3, so
  // compare within 0.35 (about two steps). scipy gives the same ends for rng 1, 2 and 3:
  // python3 -c "import numpy as np; from scipy import stats
  //   a=[(i*37)%101/10 for i in range(25)]; b=[(i*53)%89/10-1.5 for i in range(31)]
  //   f=lambda a,b,axis=-1: np.median(a,axis=axis)-np.median(b,axis=axis)
  //   print(stats.bootstrap((a,b),f,method='percentile',n_resamples=200000,rng=1).confidence_interval)"
  //   -> (-0.7999999999999998, 4.3)
  @Test func medianDifferenceIntervalAgreesWithScipy() throws {
    var g = SeededGenerator(seed: 7, stream: "median-difference")
    let interval = try #require(
      medianDifferenceInterval(Self.a25, Self.b31, resamples: 20_000, generator: &g))
    #expect(abs(interval.low - -0.8) <= 0.35 && abs(interval.high - 4.3) <= 0.35, "\(interval)")
  }

  @Test func medianDifferenceIntervalIsDeterministicForASeed() throws {
    var g1 = SeededGenerator(seed: 3, stream: "x")
    var g2 = SeededGenerator(seed: 3, stream: "x")
    let first = try #require(
      medianDifferenceInterval(Self.a25, Self.b31, resamples: 400, generator: &g1))
    let second = try #require(
      medianDifferenceInterval(Self.a25, Self.b31, resamples: 400, generator: &g2))
    #expect(first == second)
    #expect(first.low <= 1.5 && 1.5 <= first.high)
    #expect(medianDifferenceInterval([], [1, 2], resamples: 10, generator: &g1) == nil)
  }
}
