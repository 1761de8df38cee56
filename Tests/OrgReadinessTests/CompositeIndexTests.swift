import Testing

@testable import OrgReadiness

/// The composite support index: robust standardisation, orientation, weights and exact
/// additive contributions.
@Suite struct CompositeIndexTests {
  /// Three indicators over six teams: review wait (higher worse), engagement (lower worse) and
  /// attrition (higher worse), with one missing value.
  static let values: [[Double?]] = [
    [10, 20, 30, 40, 50, 200],
    [80, 75, 70, 60, nil, 50],
    [0.05, 0.10, 0.02, 0.08, 0.30, 0.07],
  ]
  static let orientation: [WorseWhen] = [.higher, .lower, .higher]
  static let weights: [Double] = [0.5, 0.3, 0.2]

  // Oriented, clipped robust scores of the first indicator (review wait, higher worse):
  // python3 -c "import numpy as np; from scipy import stats; v=[10,20,30,40,50,200]; m=np.median(v)
  //   z=np.clip((np.array(v)-m)/stats.median_abs_deviation(v,scale='normal'),-3,3); print(m, list(z))"
  //   -> 35.0 [-1.1241495836601363, -0.6744897501960817, -0.22482991673202724, 0.22482991673202724, 0.6744897501960817, 3.0]
  @Test func scoresAreRobustOrientedAndClipped() throws {
    let index = try #require(
      compositeIndex(values: Self.values, worseWhen: Self.orientation, weights: Self.weights))
    let wait = try #require(index.scales[0])
    #expect(wait.center == 35)
    let expected = [
      -1.1241495836601363, -0.6744897501960817, -0.22482991673202724, 0.22482991673202724,
      0.6744897501960817, 3.0,
    ]
    for (team, z) in expected.enumerated() {
      let contribution = try #require(index.scores[team].contributions[0])
      let totalWeight = team == 4 ? 0.7 : 1.0  // team 4 has no engagement value
      #expect(abs(contribution - 0.5 * z / totalWeight) < 1e-12, "team \(team)")
    }
  }

  @Test func contributionsAddUpToTheIndexExactly() throws {
    var g = SeededGenerator(seed: 17)
    let values: [[Double?]] = (0..<5).map { j in
      (0..<300).map { _ in g.unit() < 0.1 ? nil : g.normal() * Double(j + 1) + Double(j) }
    }
    let index = try #require(
      compositeIndex(
        values: values, worseWhen: [.higher, .lower, .higher, .lower, .higher],
        weights: [1, 2, 0.5, 0, 3]))
    for score in index.scores {
      let value = try #require(score.index)
      let sum = score.contributions.reduce(0) { $0 + ($1 ?? 0) }
      #expect(value == sum)
      #expect(score.contributions[3] == nil || score.contributions[3] == 0)
    }
  }

  @Test func orientationMakesHigherAlwaysWorse() throws {
    // Engagement is lower-worse: the team with the lowest engagement has the highest index.
    let engagement: [[Double?]] = [[80, 70, 60, 50, 40]]
    let index = try #require(compositeIndex(values: engagement, worseWhen: [.lower], weights: [1]))
    let scores = index.scores.compactMap(\.index)
    #expect(scores == scores.sorted())
    let flipped = try #require(
      compositeIndex(values: engagement, worseWhen: [.higher], weights: [1]))
    for (a, b) in zip(index.scores, flipped.scores) { #expect(a.index == b.index.map { -$0 }) }
  }

  @Test func missingAndConstantIndicatorsAreLeftOut() throws {
    let values: [[Double?]] = [[1, 2, 3, 4], [5, 5, 5, 5], [nil, nil, nil, nil]]
    let index = try #require(
      compositeIndex(values: values, worseWhen: [.higher, .higher, .higher], weights: [1, 1, 1]))
    #expect(index.scales[1] == nil && index.scales[2] == nil)
    for score in index.scores {
      #expect(score.contributions[1] == nil && score.contributions[0] == score.index)
    }
    let none = try #require(
      compositeIndex(values: [[nil, 1, 2]], worseWhen: [.higher], weights: [1]))
    #expect(none.scores[0].index == nil)
    #expect(
      compositeIndex(values: values, worseWhen: [.higher, .higher, .higher], weights: [1, -1, 1])
        == nil)
    #expect(
      compositeIndex(values: values, worseWhen: [.higher, .higher, .higher], weights: [0, 0, 0])
        == nil)
  }
}
