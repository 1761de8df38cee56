/// One indicator that pushes an org unit up the priority list.
public struct PriorityDriver: Hashable, Sendable {
  public var indicator: Indicator
  /// Median of the unit's team values.
  public var unitMedian: Double
  /// Median over all the organisation's teams.
  public var baselineMedian: Double
  /// Mean oriented robust score of the unit's teams (robust SDs worse than baseline).
  public var score: Double
  /// True when the run's correlations link this indicator to time in role (q < 0.05, newer
  /// leaders' teams worse).
  public var linkedToTimeInRole: Bool
}

/// An org unit's place on the support priority list (before privacy filtering).
public struct UnitPriority: Hashable, Sendable {
  public var orgUnitID: String
  public var orgUnitName: String
  public var score: Double
  /// Mean over the unit's teams of the combined bottleneck/disengagement index.
  public var concern: Double
  public var bottleneckIndex: Double?
  public var disengagementIndex: Double?
  public var teams: Int
  public var leaders: Int
  /// Leaders under 12 months in role.
  public var newLeaders: Int
  /// People in the unit's teams (sum of mean window headcounts, rounded).
  public var people: Int
  public var drivers: [PriorityDriver]
}

/// The first, deliberately simple support-priority score (documented in docs/priority-score.md).
///
/// For each team, each bottleneck and disengagement indicator becomes an oriented robust score
/// (robust SDs worse than the organisation's median team, clipped to ±3); the team's index per
/// family is the mean of its scores, and its combined index the mean of the two family indices.
/// A unit's `concern` is the mean combined index of its teams, and
/// `score = concern × (1 + share of its leaders under 12 months in role)`, so a unit whose teams
/// sit above baseline counts more when many of its leaders are new. Units are ranked by score.
public func prioritiseUnits(
  teams: [TeamSnapshot], indicators: [Indicator], correlations: [CorrelationResult]
) -> [UnitPriority] {
  let baselines = organisationBaselines(teams: teams, indicatorCount: indicators.count)
  let linked = Set(
    correlations.filter { result in
      guard let q = result.q, let rho = result.rho, q < 0.05 else { return false }
      // Newer leaders' teams are worse when worse-oriented values fall as time in role grows.
      return rho * result.indicator.worseWhen.sign < 0
    }.map(\.indicator.name))

  struct TeamScores {
    var perIndicator: [Double?]
    var bottleneck: Double?
    var disengagement: Double?
    var combined: Double?
  }
  func scores(_ team: TeamSnapshot) -> TeamScores {
    var perIndicator = [Double?](repeating: nil, count: indicators.count)
    var families: [IndicatorFamily: [Double]] = [:]
    for (i, indicator) in indicators.enumerated() where indicator.family != .other {
      guard let value = team.values[i], let baseline = baselines[i],
        let z = baseline.orientedScore(value, worseWhen: indicator.worseWhen)
      else { continue }
      perIndicator[i] = z
      families[indicator.family, default: []].append(z)
    }
    let b = mean(families[.bottleneck] ?? [])
    let d = mean(families[.disengagement] ?? [])
    return TeamScores(perIndicator: perIndicator, bottleneck: b, disengagement: d, combined: mean([b, d].compactMap { $0 }))
  }

  var byUnit: [String: [TeamSnapshot]] = [:]
  for team in teams { byUnit[team.orgUnitID, default: []].append(team) }
  var priorities: [UnitPriority] = []
  for (unitID, unitTeams) in byUnit {
    let teamScores = unitTeams.map(scores)
    let concern = mean(teamScores.compactMap(\.combined)) ?? 0
    let newLeaders = unitTeams.filter { $0.daysInRole <= 365 }.count
    let share = Double(newLeaders) / Double(unitTeams.count)
    var drivers: [PriorityDriver] = []
    for (i, indicator) in indicators.enumerated() where indicator.family != .other {
      let zs = teamScores.compactMap { $0.perIndicator[i] }
      guard let z = mean(zs), z >= 0.5, let baseline = baselines[i],
        let unitMedian = median(unitTeams.compactMap { $0.values[i] }),
        indicator.worseWhen.sign * (unitMedian - baseline.median) > 0
      else { continue }
      drivers.append(
        PriorityDriver(
          indicator: indicator, unitMedian: unitMedian, baselineMedian: baseline.median, score: z,
          linkedToTimeInRole: linked.contains(indicator.name)))
    }
    drivers.sort { $0.score > $1.score || ($0.score == $1.score && $0.indicator.name < $1.indicator.name) }
    priorities.append(
      UnitPriority(
        orgUnitID: unitID, orgUnitName: unitTeams[0].orgUnitName, score: concern * (1 + share),
        concern: concern, bottleneckIndex: mean(teamScores.compactMap(\.bottleneck)),
        disengagementIndex: mean(teamScores.compactMap(\.disengagement)), teams: unitTeams.count,
        leaders: unitTeams.count, newLeaders: newLeaders,
        people: Int(unitTeams.compactMap(\.headcount).reduce(0, +).rounded()),
        drivers: Array(drivers.prefix(3))))
  }
  priorities.sort { $0.score > $1.score || ($0.score == $1.score && $0.orgUnitID < $1.orgUnitID) }
  return priorities
}
