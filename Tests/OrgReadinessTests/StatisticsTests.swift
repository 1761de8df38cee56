import Foundation
import Testing

@testable import OrgReadiness

/// Reference values computed once with scipy 1.17.1 / statsmodels (commands next to each test).
@Suite struct StatisticsTests {
  // python3 -c "from scipy import stats; print(list(stats.rankdata([3,1,4,1,5,9,2,6,5,3,5])))"
  @Test func averageRanksMatchScipyRankdata() {
    let ranks = averageRanks([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5])
    #expect(ranks == [4.5, 1.5, 6.0, 1.5, 8.0, 11.0, 3.0, 10.0, 8.0, 4.5, 8.0])
  }

  // x=[1,2,2,3,4,4,4,5,6,7,8,8,9,10]; y=[2.5,3.1,3.1,2.0,5.5,4.0,4.0,6.1,5.0,7.3,6.6,6.6,9.9,8.0]
  // r = scipy.stats.spearmanr(x, y) -> statistic 0.9345223833949217, pvalue 9.870023177590053e-07
  @Test func spearmanWithTiesMatchesScipy() throws {
    let x: [Double] = [1, 2, 2, 3, 4, 4, 4, 5, 6, 7, 8, 8, 9, 10]
    let y: [Double] = [2.5, 3.1, 3.1, 2.0, 5.5, 4.0, 4.0, 6.1, 5.0, 7.3, 6.6, 6.6, 9.9, 8.0]
    let rho = try #require(spearman(x, y))
    #expect(abs(rho - 0.9345223833949217) < 1e-12)
    let p = try #require(correlationPValue(r: rho, n: x.count))
    #expect(abs(p - 9.870023177590053e-07) / 9.870023177590053e-07 < 1e-9)
  }

  // scipy.stats.spearmanr([10,20,30,40,50,60,70,80], [3,1,4,1,5,9,2,6]) -> 0.5030030300035688, 0.203876682008432
  @Test func spearmanSecondCaseMatchesScipy() throws {
    let rho = try #require(spearman([10, 20, 30, 40, 50, 60, 70, 80], [3, 1, 4, 1, 5, 9, 2, 6]))
    #expect(abs(rho - 0.5030030300035688) < 1e-12)
    let p = try #require(correlationPValue(r: rho, n: 8))
    #expect(abs(p - 0.203876682008432) < 1e-12)
  }

  @Test func spearmanIsUndefinedForAConstantSide() {
    #expect(spearman([1, 2, 3], [5, 5, 5]) == nil)
  }

  @Test func spearmanIsInvariantToMonotoneTransforms() throws {
    var generator = SeededGenerator(seed: 11)
    let x = (0..<60).map { _ in generator.unit() * 100 }
    let y = x.map { $0 * 0.3 + generator.normal() * 20 }
    let base = try #require(spearman(x, y))
    let transformed = try #require(spearman(x.map { exp($0 / 30) }, y.map { $0 * $0 * $0 }))
    #expect(abs(base - transformed) < 1e-12)
  }

  // statsmodels.stats.multitest.multipletests([0.01,0.04,0.03,0.005,0.2,0.5,0.04,0.9], method="fdr_bh")[1]
  @Test func benjaminiHochbergMatchesStatsmodels() {
    let q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.04, 0.9])
    let expected = [0.04, 0.064, 0.064, 0.04, 0.26666666666666666, 0.5714285714285714, 0.064, 0.9]
    for (a, b) in zip(q, expected) { #expect(abs(a - b) < 1e-12) }
  }

  @Test func benjaminiHochbergIsMonotoneAndAtLeastP() {
    var generator = SeededGenerator(seed: 3)
    let p = (0..<40).map { _ in generator.unit() }
    let q = benjaminiHochberg(p)
    let order = p.indices.sorted { p[$0] < p[$1] }
    for k in 1..<order.count { #expect(q[order[k]] >= q[order[k - 1]]) }
    for i in p.indices { #expect(q[i] >= p[i]) }
  }

  // scipy.special.betainc(2.5,0.5,0.3), (10,0.5,0.95), (0.5,0.5,0.01)
  @Test func incompleteBetaMatchesScipy() {
    #expect(abs(regularizedIncompleteBeta(a: 2.5, b: 0.5, x: 0.3) - 0.018927124071945658) < 1e-13)
    #expect(abs(regularizedIncompleteBeta(a: 10, b: 0.5, x: 0.95) - 0.31715157546554495) < 1e-13)
    #expect(abs(regularizedIncompleteBeta(a: 0.5, b: 0.5, x: 0.01) - 0.06376856085851985) < 1e-13)
  }

  // scipy.stats.median_abs_deviation([1,2,3,4,100], scale="normal") -> 1.482602218505602
  @Test func scaledMADMatchesScipy() {
    #expect(abs((scaledMAD([1, 2, 3, 4, 100]) ?? 0) - 1.482602218505602) < 1e-12)
    #expect(median([4, 1, 3, 2]) == 2.5)
  }

  /// `median` selects the middle values instead of sorting: the same numbers as the sorted
  /// order's, bit for bit, on random data with many ties, signed zeros and lengths either side of
  /// the selection's cut-over.
  @Test func medianBySelectionEqualsTheSortedOrdersMiddle() {
    var g = SeededGenerator(seed: 17)
    for trial in 0..<600 {
      let n = 1 + g.index(below: trial < 300 ? 60 : 5000)
      let distinct = 1 + g.index(below: trial % 3 == 0 ? 4 : 400)
      let values = (0..<n).map { _ -> Double in
        switch g.index(below: 20) {
        case 0: return 0
        case 1: return -0.0
        default: return Double(g.index(below: distinct)) - Double(distinct / 2) + (trial % 2 == 0 ? 0.25 : 0)
        }
      }
      let sorted = values.sorted()
      let mid = n / 2
      let expected = n % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
      let got = median(values)
      #expect(got?.bitPattern == expected.bitPattern, "n \(n), trial \(trial)")
    }
  }

  /// The AUC bootstrap counts each resample's ranks from one sort of the scores: the interval is
  /// the one from `rocAUC` on every resample drawn the same way.
  @Test func aucBootstrapIntervalEqualsRocAUCOnEachResample() throws {
    var data = SeededGenerator(seed: 3)
    let scores = (0..<700).map { _ in Double(data.index(below: 50)) / 50 }
    let outcomes = scores.map { data.unit() < 0.2 + $0 / 2 }
    var fast = SeededGenerator(seed: 11, stream: "auc")
    let interval = try #require(
      aucBootstrapInterval(scores: scores, outcomes: outcomes, resamples: 300, level: 0.9, generator: &fast))
    var slow = SeededGenerator(seed: 11, stream: "auc")
    let positives = zip(scores, outcomes).filter { $0.1 }.map(\.0)
    let negatives = zip(scores, outcomes).filter { !$0.1 }.map(\.0)
    let labels = positives.map { _ in true } + negatives.map { _ in false }
    var estimates: [Double] = []
    for _ in 0..<300 {
      let drawn =
        positives.map { _ in positives[slow.index(below: positives.count)] }
        + negatives.map { _ in negatives[slow.index(below: negatives.count)] }
      estimates.append(try #require(rocAUC(scores: drawn, outcomes: labels)))
    }
    estimates.sort()
    #expect(interval.low == quantile(sorted: estimates, 0.05))
    #expect(interval.high == quantile(sorted: estimates, 0.95))
    #expect(fast.next() == slow.next())
  }

  @Test func bootstrapIntervalIsDeterministicAndCoversTheEstimate() throws {
    var g1 = SeededGenerator(seed: 99)
    let x = (0..<80).map { Double($0) }
    let y = x.map { $0 + 40 * g1.normal() }
    var a = SeededGenerator(seed: 5, stream: "review_wait_hours")
    var b = SeededGenerator(seed: 5, stream: "review_wait_hours")
    let first = try #require(spearmanBootstrapInterval(x, y, resamples: 500, generator: &a))
    let second = try #require(spearmanBootstrapInterval(x, y, resamples: 500, generator: &b))
    #expect(first == second)
    let rho = try #require(spearman(x, y))
    #expect(first.low < rho && rho < first.high)
  }

  @Test func seededGeneratorStreamsDiffer() {
    var a = SeededGenerator(seed: 1, stream: "a")
    var b = SeededGenerator(seed: 1, stream: "b")
    #expect(a.next() != b.next())
  }
}
