import Foundation
import Testing

@testable import OrgReadiness

/// "Did the support work" through the analysis and the report, on a simulated organisation with a
/// planted programme effect and planted selection of the worst-off teams.
///
/// 600 teams, months 2024-01 to 2025-12. Team i's review wait without the programme is
/// 20 h · exp(αᵢ + uᵢₜ): a lasting level αᵢ ~ N(0, 0.15²) and a transient part, AR(1) with ρ = 0.6
/// and stationary SD 0.3. In month 5 the 240 teams with the longest review wait are flagged (the
/// worst-off, partly by bad luck that month) and enrolled in delegation coaching in four waves of
/// 60 as places free up (months 6, 9, 12, 18; random order). The programme cuts review wait by 18%
/// from the month of enrolment. The other 360 teams are never enrolled.
@Suite struct SupportEffectSimulationTests {
  static let planted = -0.18
  static let waves = [6, 9, 12, 18]
  static let indicator = Indicator.named("review_wait_hours")
  static let first = Period(year: 2024, month: 1)

  struct Organisation {
    var periods: [TeamPeriod]
    var enrolments: [SupportEnrolment]
  }

  /// `reselect`: each wave takes the teams with the longest review wait in the month before it
  /// (among those not yet enrolled) instead of flagging once, so the comparison teams were not
  /// selected the same way.
  static func simulate(seed: UInt64, teams: Int = 600, reselect: Bool = false) -> Organisation {
    var generator = SeededGenerator(seed: seed, stream: "support-simulation")
    let months = 24
    let rho = 0.6
    let sd = 0.3
    let innovation = sd * (1 - rho * rho).squareRoot()
    var logs: [[Double]] = []
    for _ in 0..<teams {
      let level = 0.15 * generator.normal()
      var transient = sd * generator.normal()
      var row: [Double] = []
      for month in 0..<months {
        if month > 0 { transient = rho * transient + innovation * generator.normal() }
        row.append(log(20) + level + transient)
      }
      logs.append(row)
    }
    let perWave = teams * 2 / 5 / waves.count
    var firstTreated = [Int?](repeating: nil, count: teams)
    if reselect {
      for wave in waves {
        let pool = (0..<teams).filter { firstTreated[$0] == nil }.sorted { logs[$0][wave - 1] > logs[$1][wave - 1] }
        for team in pool.prefix(perWave) { firstTreated[team] = wave }
      }
    } else {
      var flagged = Array((0..<teams).sorted { logs[$0][5] > logs[$1][5] }.prefix(perWave * waves.count))
      for k in stride(from: flagged.count - 1, to: 0, by: -1) { flagged.swapAt(k, generator.index(below: k + 1)) }
      for (position, team) in flagged.enumerated() { firstTreated[team] = waves[position / perWave] }
    }
    var periods: [TeamPeriod] = []
    var enrolments: [SupportEnrolment] = []
    for team in 0..<teams {
      let leader = "L\(team)"
      for month in 0..<months {
        let treated = firstTreated[team].map { month >= $0 } ?? false
        let value = exp(logs[team][month] + (treated ? log(1 + planted) : 0))
        periods.append(
          TeamPeriod(
            leaderID: leader, period: Period(index: first.index + Int32(month)), values: IndicatorValues([value])))
      }
      if let wave = firstTreated[team] {
        let month = Period(index: first.index + Int32(wave)).firstDay.adding(days: 3)
        enrolments.append(SupportEnrolment(leaderID: leader, program: "delegation-coaching", startDate: month))
      }
    }
    return Organisation(periods: periods, enrolments: enrolments)
  }

  static func effect(_ organisation: Organisation, minGroupSize: Int = 5) throws -> (
    SupportEffect, Report.SupportEffects
  ) {
    let settings = AnalysisSettings(bootstrapSeed: 1, bootstrapResamples: 499, minGroupSize: minGroupSize)
    let outcome = supportEffects(
      enrolments: organisation.enrolments, periods: organisation.periods, indicators: [indicator],
      indicatorColumns: [0], settings: settings)
    let effect = try #require(outcome.effects.first)
    let report = try #require(Report.supportEffects(outcome, settings: settings))
    return (effect, report)
  }

  // Seed 1 is the first one tried. Over seeds 1...20 the DiD interval covered the planted −18% in
  // 18, the naive interval lay below it in 18, the pre-trend check passed in 18, and with
  // teams re-selected before each wave it failed in all 20.
  @Test func theDiDCoversThePlantedEffectTheNaiveChangeDoesNotAndTheReportSaysSo() throws {
    let (effect, report) = try Self.effect(Self.simulate(seed: 1))
    // Only enrolled teams enter: the never-enrolled were not selected, so they are no comparison.
    #expect(effect.teams == 240)
    // The last wave (month 18) only serves as comparison.
    #expect(effect.enrolledTeams == 180)
    #expect(effect.scale == .relative)
    #expect(effect.verdict == .improved)
    let row = try #require(report.effects.first)
    let low = try #require(row.ciLow)
    let high = try #require(row.ciHigh)
    #expect(low <= Self.planted && Self.planted <= high, "\(low)...\(high)")
    // The naive before/after counts the flagged teams' recovery from their bad month as effect.
    let naiveLow = try #require(row.naiveCILow)
    let naiveHigh = try #require(row.naiveCIHigh)
    #expect(naiveHigh < Self.planted, "\(naiveLow)...\(naiveHigh)")
    #expect(row.naiveMisleads)
    #expect(row.preTrendParallel == true)
    #expect(row.reading.contains("review wait"))
    #expect(row.reading.contains("lower after enrolment"))
    #expect(row.reading.contains("which is biased"))
    // Months around enrolment, the window's pre-enrolment months included.
    #expect(row.eventStudy.map(\.month).contains(-3) && row.eventStudy.map(\.month).contains(3))
    #expect(report.programs.map(\.leaders) == [240])
    // The executive line reads the event study month by month, before enrolment included.
    let info = Report.IndicatorInfo(
      name: Self.indicator.name, label: Self.indicator.label, family: Self.indicator.family,
      worseWhen: Self.indicator.worseWhen, scale: Self.indicator.scale)
    let line = try #require(Readings.supportEventStudy(row, title: "Delegation coaching", indicator: info))
    #expect(line.hasPrefix("Delegation coaching, review wait by month since enrolment"))
    #expect(line.contains("-3: ") && line.contains("; 0: -") && line.contains("; +6: -"))
  }

  @Test func teamsPickedRightAfterTheirOwnBadMonthFailThePreTrendCheckAndNoEffectIsShown() throws {
    let (effect, report) = try Self.effect(Self.simulate(seed: 1, reselect: true))
    #expect(effect.verdict == .trendsDifferBefore)
    let row = try #require(report.effects.first)
    #expect(row.effect == nil && row.naiveEffect == nil)
    #expect(row.preTrendParallel == false)
    #expect(row.reading.contains("no reliable estimate"))
  }

  /// A recommended support cites its programme's measured effect on the indicators it addresses,
  /// and only an estimate the report believes.
  @Test func aRecommendedSupportCitesOnlyABelievedMeasuredEffect() throws {
    let coaching = try #require(SupportPlaybook.standard.supports.first { $0.id == "delegation-coaching" })
    let other = try #require(SupportPlaybook.standard.supports.first { $0.id != "delegation-coaching" })
    let (_, believed) = try Self.effect(Self.simulate(seed: 1))
    let citation = try #require(
      Readings.measuredEffect(of: coaching, in: believed, indicators: [Self.indicator], level: 0.95))
    #expect(citation.contains("review wait 18% lower after enrolment"))
    #expect(citation.contains("95% interval") && citation.contains("180 teams"))
    #expect(Readings.measuredEffect(of: other, in: believed, indicators: [Self.indicator], level: 0.95) == nil)
    let (_, differing) = try Self.effect(Self.simulate(seed: 1, reselect: true))
    #expect(Readings.measuredEffect(of: coaching, in: differing, indicators: [Self.indicator], level: 0.95) == nil)
  }

  @Test func aProgrammeWithFewerTeamsThanTheMinimumIsSuppressed() throws {
    let (effect, report) = try Self.effect(Self.simulate(seed: 2, teams: 60), minGroupSize: 30)
    #expect(effect.enrolledTeams < 30)
    #expect(effect.verdict == .suppressed && effect.result == nil)
    let row = try #require(report.effects.first)
    #expect(row.effect == nil && row.eventStudy.isEmpty)
    #expect(row.reading.contains("not enough data"))
  }
}
