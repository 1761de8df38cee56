import Testing

@testable import OrgReadiness

/// The order-statistic interval for a median behind the cohort chart, pinned to scipy 1.17.1.
@Suite struct MedianIntervalTests {
  // python3 -c "import numpy as np; from scipy import stats
  // for n in [5,6,13,40,101,1000]:
  //   x=np.array([((i*37)%101)+i/1000 for i in range(n)]); r=stats.quantile_test(x,q=0,p=0.5)
  //   a=r.confidence_interval(0.95); b=r.confidence_interval(0.9); print(n,a.low,a.high,b.low,b.high)"
  static let references: [(n: Int, low95: Double?, high95: Double?, low90: Double, high90: Double)] = [
    (5, nil, nil, 0.0, 74.002),
    (6, 0.0, 84.005, 0.0, 84.005),
    (13, 10.003, 74.002, 20.006, 67.01),
    (40, 33.02, 67.01, 36.031, 63.029),
    (101, 40.012, 60.018, 41.083, 59.048),
    (1000, 47.307, 53.632, 47.812, 53.127),
  ]

  @Test func matchesScipyQuantileTest() {
    for r in Self.references {
      let x = (0..<r.n).map { Double(($0 * 37) % 101) + Double($0) / 1000 }
      let at95 = medianConfidenceInterval(x, level: 0.95)
      #expect(at95?.low == r.low95 && at95?.high == r.high95, "n \(r.n)")
      let at90 = medianConfidenceInterval(x, level: 0.9)
      #expect(at90?.low == r.low90 && at90?.high == r.high90, "n \(r.n)")
    }
  }

  // python3 -c "from scipy import stats; print(repr(stats.binom(20,0.5).cdf(7)), repr(stats.binom(7,0.3).cdf(2)))"
  @Test func binomialCDFMatchesScipy() {
    #expect(abs(binomialCDF(7, n: 20, p: 0.5) - 0.13158798217773438) < 1e-12)
    #expect(abs(binomialCDF(2, n: 7, p: 0.3) - 0.6470695000000001) < 1e-12)
    #expect(binomialCDF(-1, n: 5, p: 0.5) == 0 && binomialCDF(5, n: 5, p: 0.5) == 1)
  }
}
