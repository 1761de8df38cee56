import OrgReadiness

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Generates one org unit: its director, leaders (with their histories), former leaders of teams
/// whose leader changed within the metrics history, individual contributors, and the unit's
/// monthly team rows.
struct UnitGenerator {
  struct Output {
    var workers: [SampleWorker] = []
    var rows: [SampleTeamRow] = []
    var enrolments: [SampleEnrolment] = []
    var leaders = 0
    var teams = 0
  }

  let config: SampleConfiguration
  let unit: SampleUnit
  let head: SamplePerson
  var rng: SeededGenerator
  /// The teams' workload swings (review wait) and the enrolments have streams of their own, so
  /// that adding them left every other generated value as it was.
  var workloadRNG: SeededGenerator
  var enrolmentRNG: SeededGenerator
  var nextID: Int
  let months: [Period]

  init(config: SampleConfiguration, unit: SampleUnit, head: SamplePerson, plan: OrganisationPlan) {
    self.config = config
    self.unit = unit
    self.head = head
    self.rng = SeededGenerator(seed: config.seed, stream: "unit-" + unit.id)
    self.workloadRNG = SeededGenerator(seed: config.seed, stream: "workload-" + unit.id)
    self.enrolmentRNG = SeededGenerator(seed: config.seed, stream: "enrolment-" + unit.id)
    self.nextID = plan.nextID
    self.months = windowPeriods(asOf: config.asOf, periods: config.months)
  }

  mutating func newPerson() -> SamplePerson {
    defer { nextID += 1 }
    return SamplePerson.make(id: nextID, rng: &rng)
  }

  func date(daysBeforeAsOf days: Int) -> CalendarDate { config.asOf.adding(days: -days) }

  /// Days in role: a mixture over the four cohorts; hotspot units have many more new leaders.
  mutating func drawDaysInRole() -> Int {
    let weights: [Double] = unit.hotspot ? [0.45, 0.25, 0.15, 0.15] : [0.14, 0.14, 0.25, 0.47]
    let ranges = [0...182, 183...365, 366...730, 731...3000]
    var u = rng.unit()
    for (k, w) in weights.enumerated() {
      if u < w || k == weights.count - 1 {
        let range = ranges[k]
        return range.lowerBound + rng.index(below: range.count)
      }
      u -= w
    }
    return 1000
  }

  /// Merit pay changes every April 1st from the year after `from` to the as-of date (`other`
  /// events that must never reset time in role).
  func merits(from: CalendarDate, profile: (CalendarDate) -> JobProfile, manager: SamplePerson?) -> [SampleEvent] {
    var events: [SampleEvent] = []
    var year = from.year + 1
    while let date = CalendarDate(year: year, month: 4, day: 1), date <= config.asOf {
      if date > from.adding(days: 90) {
        events.append(SampleEvent(date: date, kind: .merit, profile: profile(date), unit: unit, manager: manager))
      }
      year += 1
    }
    return events
  }

  mutating func generate() -> Output {
    var output = Output()
    let director = newPerson()
    var directorWorker = SampleWorker(person: director)
    let directorHire = date(daysBeforeAsOf: 1500 + rng.index(below: 2000))
    directorWorker.events.append(
      SampleEvent(date: directorHire, kind: .hire, profile: .director, unit: unit, manager: head))
    directorWorker.events += merits(from: directorHire, profile: { _ in .director }, manager: head)
    output.workers.append(directorWorker)

    let firstMonth = months[0]
    // Teams led by the same leader over the whole history, by their rows: who may be enrolled.
    var candidates: [(leader: SamplePerson, rows: [Int])] = []
    for teamNumber in 0..<unit.leaders {
      let days = drawDaysInRole()
      let roleStart = date(daysBeforeAsOf: days)
      let leader = newPerson()
      var leaderWorker = SampleWorker(person: leader)
      let route = rng.unit()
      if route < 0.65 {
        // Promoted from individual contributor.
        let hire = roleStart.adding(days: -(365 + rng.index(below: 5 * 365)))
        leaderWorker.events.append(
          SampleEvent(date: hire, kind: .hire, profile: .engineer2, unit: unit, manager: director))
        let icPromotion = hire.adding(days: 400 + rng.index(below: 300))
        if icPromotion < roleStart.adding(days: -60) {
          leaderWorker.events.append(
            SampleEvent(date: icPromotion, kind: .promotion, profile: .seniorEngineer, unit: unit, manager: director))
        }
        leaderWorker.events.append(
          SampleEvent(date: roleStart, kind: .promotion, profile: .manager, unit: unit, manager: director))
        leaderWorker.events += merits(
          from: hire, profile: { $0 >= roleStart ? .manager : ($0 >= icPromotion ? .seniorEngineer : .engineer2) },
          manager: director)
      } else if route < 0.85 {
        // Hired from outside straight into the leader role.
        leaderWorker.events.append(
          SampleEvent(date: roleStart, kind: .hire, profile: .manager, unit: unit, manager: director))
        leaderWorker.events += merits(from: roleStart, profile: { _ in .manager }, manager: director)
      } else {
        // An experienced leader who moved in from another unit (a transfer starts a new role).
        let hire = roleStart.adding(days: -(900 + rng.index(below: 4 * 365)))
        let firstLead = hire.adding(days: 200 + rng.index(below: 300))
        leaderWorker.events.append(
          SampleEvent(date: hire, kind: .hire, profile: .seniorEngineer, unit: unit, manager: director))
        leaderWorker.events.append(
          SampleEvent(date: firstLead, kind: .promotion, profile: .manager, unit: unit, manager: director))
        leaderWorker.events.append(
          SampleEvent(date: roleStart, kind: .transfer, profile: .manager, unit: unit, manager: director))
        leaderWorker.events += merits(
          from: hire, profile: { $0 >= firstLead ? .manager : .seniorEngineer }, manager: director)
      }
      // A data correction after the role start: an `other` event that must not reset the role.
      if rng.unit() < 0.3, days > 40 {
        let correction = roleStart.adding(days: 10 + rng.index(below: days - 20))
        leaderWorker.events.append(
          SampleEvent(date: correction, kind: .dataChange, profile: .manager, unit: unit, manager: director))
      }
      // A promotion already approved for the future: outside the as-of view.
      if rng.unit() < 0.03 {
        leaderWorker.events.append(
          SampleEvent(
            date: config.asOf.adding(days: 15 + rng.index(below: 75)), kind: .promotion, profile: .director, unit: unit,
            manager: director))
      }
      leaderWorker.events.sort { $0.date < $1.date }
      output.workers.append(leaderWorker)
      output.leaders += 1
      output.teams += 1

      // The team: experienced leaders tend to lead larger teams.
      let headcount = max(3, min(15, Int((3.5 + 1.3 * Double(days) / 365 + 2.2 * rng.normal()).rounded())))
      let teamStrain = rng.normal()
      let teamID = "SUP-" + unit.id.dropFirst(4) + "-" + String(teamNumber + 1).leftPadded(to: 3)
      let teamWID = SamplePerson.wid(rng: &rng)
      let teamName = "\(unit.name) team \(teamNumber + 1)"
      // Whether the team existed before this leader (then it had a former leader), or was formed
      // when this leader started.
      let startPeriod = roleStart.period
      var formerLeader: SamplePerson?
      if startPeriod > firstMonth && rng.unit() < 0.8 {
        let former = newPerson()
        formerLeader = former
        var formerWorker = SampleWorker(person: former)
        let hire = roleStart.adding(days: -(1500 + rng.index(below: 2000)))
        let lead = hire.adding(days: 500 + rng.index(below: 400))
        formerWorker.events.append(
          SampleEvent(date: hire, kind: .hire, profile: .seniorEngineer, unit: unit, manager: director))
        formerWorker.events.append(
          SampleEvent(date: lead, kind: .promotion, profile: .manager, unit: unit, manager: director))
        if rng.unit() < 0.6 {
          formerWorker.events.append(
            SampleEvent(
              date: roleStart.adding(days: -1), kind: .termination, profile: .manager, unit: unit, manager: director))
        } else {
          // Went back to an individual-contributor role in the same unit.
          formerWorker.events.append(
            SampleEvent(
              date: roleStart.adding(days: -1), kind: .transfer, profile: .seniorEngineer, unit: unit, manager: director
            ))
        }
        formerWorker.events += merits(
          from: hire, profile: { $0 >= lead ? .manager : .seniorEngineer }, manager: director
        )
        .filter { $0.date < roleStart }
        formerWorker.events.sort { $0.date < $1.date }
        output.workers.append(formerWorker)
      }

      if config.includeIndividualContributors {
        for _ in 0..<headcount {
          var ic = SampleWorker(person: newPerson())
          ic.corruptible = true
          let hire = date(daysBeforeAsOf: 30 + rng.index(below: 8 * 365))
          let profile: JobProfile = rng.unit() < 0.5 ? .engineer1 : .engineer2
          ic.events.append(SampleEvent(date: hire, kind: .hire, profile: profile, unit: unit, manager: leader))
          ic.events += merits(from: hire, profile: { _ in profile }, manager: leader)
          output.workers.append(ic)
        }
      }

      // A lasting swing in the team's workload (AR(1), ρ = 0.7, SD 3 h) on its review wait: a bad
      // month is followed by a few more, then fades.
      var workload: [Double] = []
      var swing = 3 * workloadRNG.normal()
      for k in months.indices {
        if k > 0 { swing = 0.7 * swing + 3 * (1 - 0.49).squareRoot() * workloadRNG.normal() }
        workload.append(swing)
      }
      let firstRow = output.rows.count
      for (k, period) in months.enumerated() {
        let current = period >= startPeriod
        if !current && formerLeader == nil { continue }
        let rowLeader = current ? leader : (formerLeader ?? leader)
        // Tenure of whoever led the team in this month (mid-month); former leaders were experienced.
        let mid = period.firstDay.adding(days: 14)
        let tenure = current ? max(0, roleStart.days(to: mid)) : 1200
        let rowHeadcount = max(2, headcount + (rng.unit() < 0.2 ? (rng.unit() < 0.5 ? -1 : 1) : 0))
        let (values, reviewWait) = indicatorValues(
          tenureDays: tenure, headcount: rowHeadcount, strain: teamStrain, workload: workload[k])
        output.rows.append(
          SampleTeamRow(
            teamID: teamID, teamWID: teamWID, teamName: teamName, leader: rowLeader, unit: unit,
            period: period, headcount: rowHeadcount, values: values, reviewWaitHours: reviewWait))
      }
      if startPeriod <= firstMonth { candidates.append((leader, Array(firstRow..<output.rows.count))) }
    }
    enrol(candidates, into: &output)
    return output
  }

  /// The planted programme, delegation coaching: in the history's third month the unit flags its
  /// teams with the longest review wait that month (the worst-off, partly by a bad month), 40% of
  /// the teams led by one leader throughout; they are enrolled in four waves as places free up
  /// (months 4, 6, 8 and 10; random order). From the month of enrolment the team's review wait is
  /// 18% lower. Teams flagged at the same time and enrolled later are the fair comparison; the
  /// naive before/after change also counts the flagged teams' recovery from their bad month.
  mutating func enrol(_ candidates: [(leader: SamplePerson, rows: [Int])], into output: inout Output) {
    let flagMonth = 2
    let waves = [3, 5, 7, 9]
    guard months.count > waves[waves.count - 1], !candidates.isEmpty else { return }
    let ranked = candidates.sorted {
      output.rows[$0.rows[flagMonth]].reviewWaitHours > output.rows[$1.rows[flagMonth]].reviewWaitHours
    }
    var flagged = Array(ranked.prefix(Int((Double(candidates.count) * 0.4).rounded())))
    for k in stride(from: flagged.count - 1, to: 0, by: -1) { flagged.swapAt(k, enrolmentRNG.index(below: k + 1)) }
    for (position, team) in flagged.enumerated() {
      let wave = waves[position * waves.count / flagged.count]
      for (k, row) in team.rows.enumerated() where k >= wave {
        let lower = output.rows[row].reviewWaitHours * (1 - SampleGenerator.plantedProgrammeEffect)
        output.rows[row].reviewWaitHours = lower
        output.rows[row].values = output.rows[row].values.map {
          $0.0 == "Review_Wait_Hours" ? ($0.0, ValueFormat.fixed(lower, 1)) : $0
        }
      }
      let start = months[wave].firstDay.adding(days: enrolmentRNG.index(below: 10))
      let end = start.adding(days: 84)
      output.enrolments.append(
        SampleEnrolment(
          leader: team.leader, program: SampleGenerator.plantedProgramme, start: start,
          end: end <= config.asOf ? end : nil))
    }
  }

  /// One month of indicator values for a team whose leader has `tenureDays` in role.
  mutating func indicatorValues(
    tenureDays: Int, headcount: Int, strain: Double, workload: Double
  ) -> (values: [(String, String)], reviewWait: Double) {
    let newness = exp(-Double(tenureDays) / 270)
    let boost = unit.hotspot ? 2.0 : 1.0
    let effect = newness * boost
    let t = strain + unit.offset
    // Survey-based values are noisier for small teams.
    let survey = (8.0 / Double(headcount)).squareRoot()
    func clamp(_ v: Double, _ lo: Double, _ hi: Double) -> Double { max(lo, min(hi, v)) }
    var values: [(String, String)] = []
    let reviewWait = clamp(
      12 + 14 * effect + 3 * t + 0.4 * Double(headcount) + 4 * rng.normal() + workload, 0.5, 400)
    values.append(("Review_Wait_Hours", ValueFormat.fixed(reviewWait, 1)))
    let latency = clamp(2.2 + 2.6 * effect + 0.6 * t + 0.8 * rng.normal(), 0.1, 90)
    values.append(("Decision_Latency_Days", ValueFormat.fixed(latency, 2)))
    let approvals = clamp(0.28 + 0.22 * effect + 0.04 * t + 0.06 * rng.normal(), 0, 1)
    values.append(("Approval_Share", ValueFormat.fixed(approvals, 3)))
    let execution = clamp(0.18 + 0.28 * effect + 0.04 * t + 0.07 * rng.normal(), 0, 1)
    values.append(("Leader_Execution_Share", ValueFormat.fixed(execution, 3)))
    let escalations = max(0, (2 + 0.6 * t + 1.3 * rng.normal()).rounded())
    values.append(("Escalations", ValueFormat.fixed(escalations, 0)))
    if rng.unit() > 0.03 {
      // Engagement also dips a few months into a new leader's role (peaking around month 6-7),
      // after the honeymoon: the "time to first disengagement signal" the report follows.
      let dip = 8 * exp(-pow((Double(tenureDays) - 200) / 90, 2)) * boost
      let engagement = clamp(74 - 7 * effect - dip - 2.5 * t + 2.5 * survey * rng.normal(), 0, 100)
      values.append(("Engagement_Score", ValueFormat.fixed(engagement, 1)))
      let participation = clamp(0.82 - 0.05 * effect + 0.07 * survey * rng.normal(), 0, 1)
      values.append(("Participation_Rate", ValueFormat.fixed(participation, 3)))
    }
    var leavers = 0
    for _ in 0..<headcount where rng.unit() < 0.012 { leavers += 1 }
    values.append(("Voluntary_Attrition_Rate", ValueFormat.fixed(Double(leavers) / Double(headcount), 3)))
    let absence = clamp(0.03 + 0.006 * t + 0.01 * rng.normal(), 0, 1)
    values.append(("Absenteeism_Rate", ValueFormat.fixed(absence, 3)))
    let afterHours = clamp(0.12 + 0.11 * effect + 0.02 * t + 0.04 * rng.normal(), 0, 1)
    values.append(("After_Hours_Share", ValueFormat.fixed(afterHours, 3)))
    return (values, reviewWait)
  }
}
