extension String {
  /// The string with its first letter in upper case ("review wait" → "Review wait").
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// Every sentence the reports say, in one place. Each reading is derived from a computed value (a
/// verdict, an interval, a count) and from the settings the run used, never from literals that
/// could contradict them. The report builder stores the readings that belong in `report.json`; the
/// executive view takes the rest from here.
public enum Readings {
  // MARK: Units and settings in words

  /// "95%" for a level of 0.95.
  public static func percent(_ level: Double) -> String {
    let value = level * 100
    return ValueFormat.fixed(value, value == value.rounded() ? 0 : 1) + "%"
  }

  /// "95% interval".
  public static func intervalName(_ level: Double) -> String { "\(percent(level)) interval" }

  /// How long "early in role" is, for a `new_leader_days` setting: "under a year", "under 6 months",
  /// "under 2 years", or "at most 100 days".
  public static func earlyInRole(days: Int) -> String {
    if days % 365 == 0 { return days == 365 ? "under a year" : "under \(days / 365) years" }
    let months = (Double(days) * 12 / 365).rounded()
    if months >= 1, abs(months * 365 / 12 - Double(days)) <= 1.5 {
      return months == 1 ? "under a month" : "under \(Int(months)) months"
    }
    return "at most \(days) days"
  }

  /// "one", "two", … "ten", then digits.
  static func number(_ n: Int) -> String {
    let words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    return words.indices.contains(n) ? words[n] : String(n)
  }

  /// "3 months", "1 month".
  static func months(_ n: Int) -> String { n == 1 ? "1 month" : "\(n) months" }

  /// "a, b and c".
  static func list(_ parts: [String]) -> String {
    parts.count <= 1 ? parts.joined() : parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
  }

  // MARK: Time in role and the indicators

  /// The reading of a correlation: it says "likely link:" exactly when the verdict is `linked`.
  public static func correlation(
    _ link: TimeInRoleLink, rho: Double?, label: String, n: Int, hasPartial: Bool, minGroupSize: Int,
    significanceLevel: Double
  ) -> String {
    let direction = (rho ?? 0) < 0 ? "higher" : "lower"
    let effect = "teams of more recently appointed leaders show \(direction) \(label)"
    let size = hasPartial ? " (holds after allowing for team size)" : ""
    switch link {
    case .suppressed: return "not enough data: \(n) teams, fewer than the minimum of \(minGroupSize)"
    case .noVariation: return "no variation to compare"
    case .linked: return "likely link: \(effect)\(size)"
    case .opposite: return "link the other way: \(effect), which is better for them\(size)"
    case .associated:
      return "association without a judgement: \(effect)\(size); the mapping declares no 'worse_when' for it"
    case .explainedBySize:
      return
        "no clear link once team size is allowed for: the raw association (rho \(ValueFormat.fixed(rho ?? 0, 2))) goes with team size"
    case .uncertain:
      return
        "possible link, uncertain: \(effect), but not once every test of the run is allowed for (q ≥ \(ValueFormat.fixed(significanceLevel, 2)))"
    case .none: return "no clear link with time in role"
    }
  }

  /// "teams of leaders under 6 months in role", "the other teams".
  static func teams(of group: CohortGroup) -> String {
    switch group {
    case .rest: return "the other teams"
    case .cohort(.underSixMonths): return "teams of leaders under 6 months in role"
    case .cohort(.sixToTwelveMonths): return "teams of leaders 6 to 12 months in role"
    case .cohort(.twelveToTwentyFourMonths): return "teams of leaders 12 to 24 months in role"
    case .cohort(.overTwentyFourMonths): return "teams of leaders over 24 months in role"
    }
  }

  public static func cohortComparison(_ c: CohortComparison, minGroupSize: Int) -> String {
    if c.suppressed { return "not enough data: fewer than \(minGroupSize) teams in a group" }
    guard let difference = c.difference, let interval = c.interval else { return "no difference to compare" }
    let indicator = c.indicator
    let group = teams(of: c.group)
    let other = teams(of: c.against)
    guard interval.low > 0 || interval.high < 0 else {
      return "no clear difference in \(indicator.label) between \(group) and \(other)"
    }
    let medians =
      "median \(indicator.scale.format(c.median ?? 0)) vs \(indicator.scale.format(c.medianAgainst ?? 0))"
    guard let sign = indicator.sign else {
      return "\(group) have \(difference > 0 ? "higher" : "lower") \(indicator.label) than \(other): \(medians)"
    }
    return "\(group) are \(sign * difference > 0 ? "worse" : "better") on \(indicator.label) than \(other): \(medians)"
  }

  /// What the leader-change table compares, from the window it used.
  public static func leaderChangeNote(months: Int) -> String {
    let after = months == 1 ? "that month" : "that month and the next \(number(months - 1))"
    return
      "Teams followed by their team id across a change of leader; up to \(Self.months(months)) before the new leader's first month against \(after), oriented so positive is worse, in robust SDs, against teams that kept their leader over the same months."
  }

  public static let leaderChangeUnavailable =
    "The team metrics carry no team id, so teams cannot be followed across a change of leader."

  public static func leaderChange(_ e: LeaderChangeEffect, minGroupSize: Int) -> String {
    if e.suppressed {
      return e.teams == 0
        ? "not applicable" : "not enough data: \(e.teams) teams changed leader, fewer than \(minGroupSize)"
    }
    let label = e.indicator.label
    var parts: [String] = []
    if let interval = e.interval, interval.low > 0 {
      parts.append("\(label) got worse after a new leader started, beyond what happened to other teams")
    } else if let interval = e.interval, interval.high < 0 {
      parts.append("\(label) improved after a new leader started, beyond other teams")
    } else {
      parts.append("no clear change in \(label) after a new leader started")
    }
    if let before = e.positionBefore, before >= 0.5 {
      parts.append("these teams were already worse before the change (troubled teams may get new leaders)")
    }
    return parts.joined(separator: "; ")
  }

  // MARK: Time to a first disengagement signal

  public static func survivalGroup(_ group: SurvivalGroup) -> String {
    switch group {
    case .recentlyPromoted: return "recently promoted leaders (role began inside the metrics history)"
    case .experiencedAtHistoryStart:
      return "experienced leaders (over 24 months in role when the metrics history begins)"
    case .overTwentyFourMonthsAsOf: return "leaders of the 24m+ cohort (over 24 months in role on the as-of date)"
    }
  }

  /// The reading of one comparison; `q` decides for the primary one, `p` for the cohort check.
  public static func survival(
    _ comparison: DisengagementSurvival.Comparison, label: String, significant: Bool?, minGroupSize: Int
  ) -> String {
    if comparison.suppressed { return "not enough data: fewer than \(minGroupSize) teams in a group" }
    guard significant == true, let r = comparison.logRank else {
      return "no clear difference in the time to a first disengagement signal"
    }
    let direction = Double(r.observedA) > r.expectedA ? "sooner" : "later"
    return
      "teams of recently promoted leaders show a first \(label) signal \(direction) than teams of \(survivalGroup(comparison.experienced.group))"
  }

  // MARK: Org units

  /// How sure a unit's flag is, from the interval of its excess.
  public static func confidence(_ interval: ConfidenceInterval?, level: Double) -> String {
    guard let interval else { return "low: too few teams to tell" }
    let name = intervalName(level)
    if interval.low > 0.25 { return "high: the whole \(name) is well above the baseline" }
    if interval.low > 0 { return "moderate: the \(name) is above the baseline, but not by much" }
    return "low: the \(name) includes the baseline"
  }

  /// "review wait 31.2 h vs 18.0 h typical".
  static func comparison(_ indicator: Indicator, value: Double?, baseline: Baseline?) -> String? {
    guard let value, let baseline else { return nil }
    return "\(indicator.label) \(indicator.scale.format(value)) vs \(indicator.scale.format(baseline.median)) typical"
  }

  /// Why a support fits a unit: the values that call for it.
  public static func supportReason(
    _ r: SupportPlaybook.Recommendation, unit: UnitPriority, indicators: [Indicator], baselines: [Baseline?]
  ) -> String {
    var reasons: [String] = []
    for name in r.elevated {
      if let i = indicators.firstIndex(where: { $0.name == name }),
        let text = comparison(indicators[i], value: unit.medians[i], baseline: baselines[i])
      {
        reasons.append(text)
      }
    }
    for name in r.worsening {
      if let indicator = indicators.first(where: { $0.name == name }) {
        reasons.append("\(indicator.label) getting worse")
      }
    }
    return reasons.joined(separator: "; ")
  }

  /// How a unit's teams compare with the typical team on one indicator, in words an executive can
  /// act on: "review wait is 67% longer than in typical teams (27.0 h against 16.2 h)",
  /// "approvals routed through the leader are at 49% against 28% in typical teams".
  public static func plainComparison(_ indicator: Indicator, unit: Double, typical: Double) -> String {
    let scale = indicator.scale
    switch scale {
    case .proportion, .rate, .percent:
      return "\(indicator.label) at \(scale.format(unit)) against \(scale.format(typical)) in typical teams"
    case .hours, .days, .count, .score, .number:
      guard typical > 0, unit > 0 else {
        return "\(indicator.label) at \(scale.format(unit)) against \(scale.format(typical)) in typical teams"
      }
      let ratio = unit / typical - 1
      let duration = scale == .hours || scale == .days
      let word = ratio >= 0 ? (duration ? "longer" : "higher") : (duration ? "shorter" : "lower")
      let percent = ValueFormat.fixed(abs(ratio) * 100, 0)
      return
        "\(indicator.label) \(percent)% \(word) than in typical teams (\(scale.format(unit)) against \(scale.format(typical)))"
    }
  }

  /// What an executive can act on first: the leaders early in role and the linked indicators on
  /// which the unit's teams differ most from typical teams, in their own units.
  public static func explanation(_ unit: UnitPriority, settings: AnalysisSettings) -> String {
    var text =
      "\(unit.newLeaders) of \(unit.teams) leaders in \(unit.orgUnitName) have been in their role \(earlyInRole(days: settings.priority.newLeaderDays))."
    guard unit.excess != nil else {
      return text + " No indicator is linked to time in role in this run, so the unit is not flagged."
    }
    let parts = unit.drivers.map { plainComparison($0.indicator, unit: $0.unitMedian, typical: $0.baselineMedian) }
    if parts.isEmpty {
      text += " Their teams are close to typical teams on the indicators linked to time in role"
    } else {
      text += " In their teams: " + list(parts)
    }
    if let trend = unit.trend {
      let window = months(settings.windowLength)
      if trend >= 0.25 {
        text += "; and it is getting worse over the last \(window)"
      } else if trend <= -0.25 {
        text += "; and it is improving over the last \(window)"
      }
    }
    return text + "."
  }

  /// The statistical detail behind a unit's place: its excess in robust SDs with the interval and
  /// the team count, and each driver's score.
  public static func detail(_ unit: UnitPriority, settings: AnalysisSettings) -> String {
    guard let excess = unit.excess else { return "No indicator is linked to time in role in this run." }
    let interval =
      unit.excessInterval.map {
        " (\(intervalName(settings.confidenceLevel)) \(ValueFormat.fixed($0.low, 2)) to \(ValueFormat.fixed($0.high, 2)), \(unit.teams) teams)"
      } ?? " (\(unit.teams) teams)"
    var text =
      excess > 0.1
      ? "On the indicators linked to time in role the teams sit \(ValueFormat.fixed(excess, 2)) robust SD worse than the organisation's typical team\(interval)"
      : "On the indicators linked to time in role the teams are close to or better than the organisation's typical team\(interval)"
    let scores = unit.drivers.map { "\($0.indicator.label) \(ValueFormat.fixed($0.score, 2))" }
    if !scores.isEmpty { text += "; robust SDs by indicator: " + scores.joined(separator: ", ") }
    return text + "."
  }

  /// The report's first sentences: the act-now units (at most three) and the first support.
  public static func headline(_ shown: [Report.Priority]) -> String {
    let leading = shown.filter { $0.tier == .actNow }.prefix(3)
    if let top = leading.first {
      let supports = top.supports.first.map { " Recommended first: \($0.title.lowercased())." } ?? ""
      return "Start with \(list(leading.map(\.orgUnitName))). \(top.explanation)\(supports)"
    }
    if shown.isEmpty {
      return "No org unit has enough teams to report on without identifying individuals."
    }
    return
      "No org unit is clearly worse than the organisation's baseline on the indicators linked to time in role; nothing needs support first. Units to watch are listed below."
  }

  // MARK: Charts

  public static func timeInRoleTitle(_ label: String) -> String { "\(label.capitalizedFirst) by months in role" }

  /// "Teams of leaders under 6 months in role: median 27.0 h; over 24 months: 16.2 h."
  public static func timeInRoleTakeaway(
    _ indicator: Report.IndicatorInfo, points: [(Cohort, ExecutiveView.TimeInRoleChartView.Median)]
  ) -> String {
    guard let first = points.first, let last = points.last, first.0 != last.0 else {
      return "Too few teams in the cohorts to compare their medians."
    }
    let scale = indicator.scale
    return
      "\(teams(of: .cohort(first.0)).capitalizedFirst): median \(indicator.label) \(scale.format(first.1.value)); \(teams(of: .cohort(last.0))): \(scale.format(last.1.value))."
  }

  public static func timeInRoleCaption(teams: Int, suppressed: Int, minGroupSize: Int) -> String {
    let left = suppressed > 0 ? "; \(suppressed) in cells of fewer than \(minGroupSize) teams are not drawn" : ""
    return "\(teams) teams\(left)."
  }

  public static func timeInRoleDescription(
    _ indicator: Report.IndicatorInfo, points: [(Cohort, ExecutiveView.TimeInRoleChartView.Median)], level: Double,
    teams: Int
  ) -> String {
    let scale = indicator.scale
    let parts = points.map { cohort, m in
      let interval =
        (m.low != nil && m.high != nil)
        ? " (\(intervalName(level)) \(scale.format(m.low ?? 0)) to \(scale.format(m.high ?? 0)))" : ""
      return "\(cohort.rawValue) median \(scale.format(m.value))\(interval)"
    }
    return "\(indicator.label) by months in role over \(teams) teams: " + parts.joined(separator: "; ")
  }

  public static func timeInRoleNote(hasCharts: Bool) -> String {
    hasCharts
      ? "Each chart shows the teams as shaded cells by their leader's months in role and their value, and each cohort's median with its interval; cells with too few teams to show safely are left out."
      : "No indicator is linked to time in role in this run, so there is nothing to chart against it."
  }

  /// A heat-map cell: worse or better than the typical team by at least `clearlyWorse` robust SD,
  /// typical in between, or suppressed.
  public static func heatCell(_ level: Double?, clearlyWorse: Double) -> (word: String, symbol: String, detail: String)
  {
    guard let level else { return ("suppressed", "–", "") }
    let detail = "\(ValueFormat.fixed(level, 2)) robust SD"
    if level >= clearlyWorse { return ("worse", "▲", detail) }
    if level <= -clearlyWorse { return ("better", "▼", detail) }
    return ("typical", "·", detail)
  }

  public static func heatNote(hasRows: Bool, hasLinked: Bool, clearlyWorse: Double, minGroupSize: Int) -> String {
    guard hasLinked else { return "No indicator is linked to time in role in this run." }
    guard hasRows else { return "No unit is listed to act on or watch." }
    return
      "Each cell compares the unit's teams with the organisation's typical team on one indicator linked to time in role: ▲ worse or ▼ better by at least \(ValueFormat.fixed(clearlyWorse, 2)) robust SD, · close to typical, – suppressed (fewer than \(minGroupSize) of the unit's teams have a value)."
  }

  // MARK: The executive report's framing

  public static func summary(_ report: Report) -> [String] {
    let population = report.population
    let early = earlyInRole(days: report.settings.newLeaderDays)
    let linked = report.linkedIndicators.map { report.indicator($0)?.label ?? $0 }
    var lines = [
      "\(population.teams) teams led by \(population.leaders) people leaders in \(population.orgUnits) org units, as of \(report.run.asOf).",
      "In the units listed below, \(report.overview.newLeaders) of \(report.overview.teams) leaders have been in their role \(early).",
      linked.isEmpty
        ? "No indicator is clearly linked to time in role in this run."
        : "Linked to time in role in this run: \(linked.joined(separator: ", ")).",
    ]
    if let previous = report.previousRun {
      lines.append("Changes are shown against the previous run (\(previous.id), as of \(previous.asOf)).")
    }
    return lines
  }

  /// Movement since the previous run ("new on the list", "up from #3"), empty without one.
  public static func change(_ p: Report.Priority, hasPrevious: Bool) -> String {
    guard hasPrevious else { return "" }
    guard let previous = p.previousRank else { return "new on the list since the previous run" }
    if previous == p.rank { return "same place as in the previous run" }
    return previous > p.rank ? "up from #\(previous) in the previous run" : "down from #\(previous) in the previous run"
  }

  public static func robustness(_ p: Report.Priority, top: Int) -> String {
    if p.robust { return "Robust: stays in the top \(top) under every weighting tried." }
    guard p.sensitivityShare > 0 else { return "" }
    return
      "Sensitive to the weighting: in the top \(top) under \(ValueFormat.fixed(p.sensitivityShare * 100, 0))% of the weightings tried."
  }

  public static func unitFacts(_ p: Report.Priority, newLeaderDays: Int, change: String) -> String {
    [
      "\(p.teams) leaders (\(p.newLeaders) \(earlyInRole(days: newLeaderDays)) in role)",
      "\(p.people) people in their teams", "score \(ValueFormat.fixed(p.score, 2))", change,
    ]
    .filter { !$0.isEmpty }.joined(separator: " · ")
  }

  public static func listNote(moreWatch: Int, moreFine: Int) -> String? {
    var more: [String] = []
    if moreWatch > 0 { more.append("\(moreWatch) more units to watch") }
    if moreFine > 0 { more.append("\(moreFine) more units that are fine for now") }
    return more.isEmpty ? nil : "Not shown here: " + more.joined(separator: " and ") + "; units.csv lists every unit."
  }

  public static func suppressedUnits(_ count: Int, minGroupSize: Int) -> String? {
    guard count > 0 else { return nil }
    let one = count == 1
    return
      "\(count) org unit\(one ? " has" : "s have") fewer than \(minGroupSize) teams and \(one ? "is" : "are") not shown, to protect the leaders in \(one ? "it" : "them")."
  }

  public static func survivalLines(_ survival: Report.Survival?, label: String) -> [String] {
    guard let survival else {
      return [
        "The followed indicator is not in the team metrics, or declares no 'worse_when', so no survival analysis was made."
      ]
    }
    func groups(_ groups: [Report.Survival.Group]) -> [String] {
      groups.map { g in
        "\(g.name): \(g.teams) teams, \(g.signals) with a signal; median time to a signal: \(g.medianMonths.map { ValueFormat.fixed($0, 0) + " months" } ?? "not reached")."
      }
    }
    return [
      "Signal: \(label) \(ValueFormat.fixed(survival.drop, 1)) points worse than the team's own level in its first \(months(survival.baselineMonths))."
    ] + groups(survival.groups) + [
      "Log-rank test: p \(survival.p.map(ValueFormat.probability) ?? "–"), q \(survival.q.map(ValueFormat.probability) ?? "–"). Reading: \(survival.reading)."
    ] + [
      "Check with the report's 24m+ cohort instead: \(survival.cohortCheck.groups.last.map { "\($0.teams) teams, \($0.signals) with a signal" } ?? "no teams"); log-rank p \(survival.cohortCheck.p.map(ValueFormat.probability) ?? "–"). Reading: \(survival.cohortCheck.reading)."
    ]
  }

  public static func shrinkageNote(_ overview: Report.ShrinkageOverview?) -> String {
    guard let overview else {
      return "Team values are scored as measured (not enough months to estimate their noise for shrinkage)."
    }
    return
      "Before scoring, each team's values are shrunk toward the organisation (empirical Bayes), so a small team's extreme month cannot put its unit on the list: the smallest quarter of teams keep on average \(ValueFormat.fixed(overview.smallTeamWeight * 100, 0))% of their own deviation, the largest quarter \(ValueFormat.fixed(overview.largeTeamWeight * 100, 0))%."
  }

  public static func population(_ p: Report.PopulationSummary) -> [String] {
    [
      "Teams without data in the window: \(p.teamsWithoutWindowData)",
      "Teams whose leader is no longer active or no longer a people leader: \(p.teamsWithoutCurrentLeader)",
      "Teams whose leader is not in the job history (their rows are in rejects.csv): \(p.teamsOfLeadersNotInJobHistory)",
      "Leaders with no role start in their history: \(p.leadersWithoutRoleStart)",
    ]
  }

  public static func caveats(_ s: Report.Settings) -> [String] {
    let name = intervalName(s.confidenceLevel)
    return [
      "This report is for routing support, not for evaluating anyone. It names org units only and never ranks individual leaders.",
      "Links are between teams and their leader's time in role. A team-level association is not an individual effect, and time in role also moves with reorganisations and hiring waves.",
      "Any figure over fewer than \(s.minGroupSize) teams is suppressed, and so is the next-smallest unit, so a hidden figure cannot be worked out by subtraction.",
      "Tiers: act now = clearly worse than the baseline on the indicators linked to time in role (at least \(ValueFormat.fixed(s.clearlyWorse, 2)) robust SD, with the \(name) above it) and a score of at least \(ValueFormat.fixed(s.actNowScore, 2)); watch = flagged with a lower score, or a score of at least \(ValueFormat.fixed(s.watchScore, 2)); fine = the rest.",
      "Uncertainty: \(name)s come from \(s.bootstrapResamples) bootstrap resamples of teams (an analytic interval for very large n); q-values control the false discovery rate across every test in the report, and a link needs q below \(ValueFormat.fixed(s.significanceLevel, 2)).",
    ]
  }

  // MARK: Trends across runs

  /// The title of a trend index's panel: "Bottleneck index, SD vs 2026-09".
  public static func trendIndexTitle(_ family: IndicatorFamily, reference: String) -> String {
    "\(family == .bottleneck ? "Bottleneck" : "Disengagement") index, SD vs \(reference)"
  }

  /// "Leaders under a year in role".
  public static func earlyInRoleTitle(days: Int) -> String { "Leaders \(earlyInRole(days: days)) in role" }

  public static let actNowTitle = "Act-now units"

  /// The trend chart's title.
  public static func trendChartTitle(_ trends: Report.Trends) -> String {
    "Organisation-wide trends by as-of month, \(trends.reference) to \(trends.points.last?.month ?? trends.reference)"
  }

  /// What the trends show: how each measure moved from the first month shown to this run's.
  public static func trends(_ trends: Report.Trends?, newLeaderDays: Int) -> [String] {
    guard let trends, let last = trends.points.last else {
      return ["This report was written before trends were kept."]
    }
    guard trends.points.count > 1, let first = trends.points.first else {
      return [
        "The run ledger holds no earlier as-of month of this pipeline, so there is no trend yet: each month's runs add one point (a re-run of the same month replaces it), up to \(trends.months) months."
      ]
    }
    let since = first.month
    func index(_ name: String, _ value: Double?) -> String {
      guard let value else { return "\(name): no indicator of the family can be compared with \(since)." }
      if abs(value) < 0.1 {
        return
          "\(name): the organisation's typical team is about where it was in \(since) (\(ValueFormat.signed(value, 2)) robust SD)."
      }
      return
        "\(name): the organisation's typical team is \(ValueFormat.fixed(abs(value), 2)) robust SD \(value > 0 ? "worse" : "better") than in \(since)."
    }
    func share(_ value: Double?) -> String {
      value.map { ValueFormat.fixed($0 * 100, 0) + "%" } ?? "suppressed"
    }
    let early = earlyInRole(days: newLeaderDays)
    return [
      "\(trends.points.count) as-of months, \(since) to \(last.month): the latest run of each month, this run's last. The indices compare the organisation's typical team on each bottleneck or disengagement indicator with \(since), in robust SDs of \(since); positive is worse.",
      index("Bottleneck indicators", last.bottleneckIndex),
      index("Disengagement indicators", last.disengagementIndex),
      "Leaders \(early) in role: \(share(last.earlyInRoleShare)) of the analysed teams' leaders, against \(share(first.earlyInRoleShare)) in \(since).",
      "Act-now units: \(last.actNowUnits.map(String.init) ?? "–"), against \(first.actNowUnits.map(String.init) ?? "–") in \(since).",
    ]
  }
}

extension Readings {
  // MARK: Organisations (docs/hierarchy.md)

  /// "3 units to act on now · 5 to watch · 42 of 120 leaders under a year in role (35%) · 880 people"
  public static func organisationFacts(_ o: Report.Organisation, newLeaderDays: Int) -> String {
    let share = ValueFormat.fixed(o.earlyInRoleShare * 100, 0) + "%"
    return [
      "\(o.actNowUnits) unit\(o.actNowUnits == 1 ? "" : "s") to act on now",
      "\(o.watchUnits) to watch",
      "\(o.newLeaders) of \(o.teams) leaders \(earlyInRole(days: newLeaderDays)) in role (\(share))",
      "\(o.people) people",
    ].joined(separator: " · ")
  }

  /// The organisation's excess on the linked indicators, with its interval.
  public static func organisationExcess(_ o: Report.Organisation, level: Double) -> String {
    guard let excess = o.excess else { return "No indicator is linked to time in role, so no excess is measured." }
    let interval =
      (o.excessCILow != nil && o.excessCIHigh != nil)
      ? " (\(intervalName(level)) \(ValueFormat.signed(o.excessCILow ?? 0, 2)) to \(ValueFormat.signed(o.excessCIHigh ?? 0, 2)))"
      : ""
    return
      "On the indicators linked to time in role, its teams sit \(ValueFormat.signed(excess, 2)) robust SD from the organisation's typical team\(interval); positive is worse."
  }

  /// "Checkout (act now): Delegation coaching"
  public static func organisationUnit(_ p: Report.Priority) -> String {
    let support = p.supports.first.map { ": \($0.title)" } ?? ""
    return "\(p.orgUnitName) (\(p.tier.rawValue))\(support)"
  }

  public static let noUnitToSupport = "No unit to act on or watch."

  public static func organisationsIntro(levels: Int, shown: Int, inTree: Int, teams: Int) -> String {
    let depth = levels == 1 ? "one level" : "\(levels) levels"
    return
      "The organisation by its reporting chain: \(shown) top-level organisation\(shown == 1 ? "" : "s"), each named by its head's org unit, with a page of its own (down to \(depth)). They hold \(inTree) of the \(teams) analysed teams."
  }

  public static func hiddenOrganisations(_ count: Int, minGroupSize: Int) -> String? {
    guard count > 0 else { return nil }
    return
      "\(count) organisation\(count == 1 ? " is" : "s are") not shown: fewer than \(minGroupSize) teams, or hidden with a small one so its figures cannot be worked out by subtraction."
  }

  public static func teamsOutsideTree(_ outside: [String: Int]) -> String? {
    let total = outside.values.reduce(0, +)
    guard total > 0 else { return nil }
    let reasons = outside.keys.sorted().map { "\(outside[$0] ?? 0) \($0.replacingOccurrences(of: "_", with: " "))" }
    return
      "\(total) team\(total == 1 ? "" : "s") whose leader's reporting chain breaks (\(reasons.joined(separator: ", "))) \(total == 1 ? "is" : "are") in the organisation-wide figures but in no organisation; see flags.csv."
  }

  public static func organisationTitle(_ name: String) -> String { "Leadership support in \(name)" }

  public static let wholeOrganisation = "Whole organisation"

  public static func moreActNow(_ count: Int, hasOrganisations: Bool) -> String? {
    guard count > 0 else { return nil }
    let where_ = hasOrganisations ? "the organisations' pages and units.csv list them" : "units.csv lists them"
    return "\(count) more act-now unit\(count == 1 ? "" : "s") not shown here: \(where_)."
  }

  /// The capacity plan in words: who gets the slots, by organisation, and what the cap leaves out.
  public static func capacity(_ plan: Report.CapacityPlan, organisationNames: [String: String]) -> [String] {
    func units(_ list: [Report.PlannedUnit], limit: Int = 8) -> String {
      let named = list.prefix(limit).map { "\($0.orgUnitName) (\($0.slots))" }
      let more = list.count > limit ? ["\(list.count - limit) more"] : []
      return Readings.list(named + more)
    }
    let given = plan.units.reduce(0) { $0 + $1.slots }
    var lines: [String] = []
    if plan.units.isEmpty {
      lines.append("\(plan.slots) coaching slots a \(plan.per): no unit is to act on or watch, so none is planned.")
      return lines
    }
    lines.append(
      "\(plan.slots) coaching slots a \(plan.per) (one leader coached a slot) go first to \(plan.units.count) unit\(plan.units.count == 1 ? "" : "s"): \(units(plan.units))."
    )
    let named = plan.organisations.filter { !$0.key.isEmpty }
    if !named.isEmpty {
      let parts = plan.organisations.map { o in
        "\(o.key.isEmpty ? "units in no organisation" : (organisationNames[o.key] ?? o.key)) \(o.slots)"
      }
      lines.append(
        "By organisation: \(parts.joined(separator: ", ")). Slots follow each organisation's need (its units' priority scores times their leaders early in role), so one organisation takes them all only when the others have nobody to coach."
      )
    }
    if plan.qualifyingSlots <= given {
      lines.append(
        "Without the cap the same \(plan.qualifyingUnits) unit\(plan.qualifyingUnits == 1 ? "" : "s") would qualify: the slots cover every leader early in role in the units to act on or watch."
      )
    } else {
      let nextSlots = plan.next.reduce(0) { $0 + $1.slots }
      lines.append(
        "Without the cap, \(plan.qualifyingUnits) unit\(plan.qualifyingUnits == 1 ? "" : "s") would qualify, with \(plan.qualifyingSlots) leaders to coach. The next \(nextSlots) slots would cover \(plan.next.count) unit\(plan.next.count == 1 ? "" : "s"): \(units(plan.next))."
      )
    }
    return lines
  }

  public static func otherOrganisations(_ count: Int) -> String {
    count == 0 ? "" : "The other \(count) organisation\(count == 1 ? "" : "s") in it, most units to act on first:"
  }

  public static func organisationUnitsNote(shown: Int, total: Int) -> String? {
    guard total > shown else { return nil }
    return "\(total - shown) more units to act on or watch in this organisation are in units.csv."
  }
}

// MARK: Did the support work

extension Readings {
  /// What the support-effect table compares, from the run's settings.
  public static func supportEffectsNote(window: ClosedRange<Int>, hasPrograms: Bool, minGroupSize: Int) -> String {
    guard hasPrograms else { return "No leader was enrolled in a support programme by the as-of date." }
    return
      "Each programme's effect on the indicators linked to time in role: the change in enrolled leaders' teams from the month before enrolment to months 0 to \(window.upperBound) after it, minus the change over the same months in teams whose leaders were enrolled later in the same programme (staggered difference-in-differences; the interval resamples whole teams). Beside it, the plain before/after change of the same teams, which counts as effect whatever would have happened anyway: the teams enrolled first are usually the worst-off, and part of their improvement is regression to the mean. A team needs a value in every month of the history; a programme needs at least \(minGroupSize) enrolled teams."
  }

  public static let supportEffectsMissing =
    "This run was given no support enrolments: add an input with a support_enrolments mapping (docs/mappings.md) to measure whether support worked."

  /// A table cell: "18% lower (95% interval 13% to 22% lower)", or "–" when not shown.
  public static func supportEffectCell(
    _ value: Double?, low: Double?, high: Double?, scale: SupportEffectScale, indicator: Report.IndicatorInfo?,
    level: Double
  ) -> String {
    guard let value else { return "–" }
    let unit = indicator?.scale ?? .number
    var text = supportChange(value, scale: scale, unit: unit)
    if let low, let high {
      text += " (\(intervalName(level)) \(supportInterval(low, high, scale: scale, unit: unit)))"
    }
    return text
  }

  /// "Delegation coaching, review wait by month since enrolment (0: the first), against teams
  /// enrolled later: −3 +1%, −2 −2%, …"; nil without an event study.
  public static func supportEventStudy(
    _ e: Report.SupportEffectRow, title: String, indicator: Report.IndicatorInfo
  ) -> String? {
    guard !e.eventStudy.isEmpty else { return nil }
    let months = e.eventStudy.map { t -> String in
      let value: String
      if e.scale == .relative {
        value = ValueFormat.signed(t.effect * 100, 0) + "%"
      } else {
        value = indicator.scale.formatDifference(t.effect)
      }
      return "\(t.month > 0 ? "+" : "")\(t.month): \(value)"
    }
    return
      "\(title), \(indicator.label) by month since enrolment (0: the month it began), against teams enrolled later: \(months.joined(separator: "; ")) (before enrolment, near 0 is expected)."
  }

  /// "p = 0.80, parallel", "p = 0.01, differ", or "–".
  public static func preTrendCell(p: Double?, parallel: Bool?) -> String {
    guard let parallel else { return "–" }
    let verdict = parallel ? "no difference before enrolment" : "already different before enrolment"
    return p.map { "\(verdict) (p = \(ValueFormat.probability($0)))" } ?? verdict
  }

  /// "18% lower", "4% higher", or a difference in the indicator's unit.
  static func supportChange(_ x: Double, scale: SupportEffectScale, unit: IndicatorScale) -> String {
    guard scale == .relative else { return unit.formatDifference(x) }
    let size = ValueFormat.fixed(abs(x) * 100, 0)
    if size == "0" { return "no different" }
    return x < 0 ? "\(size)% lower" : "\(size)% higher"
  }

  /// "9% to 26% lower", "5% lower to 3% higher", "-1.2 to +0.4 points".
  static func supportInterval(_ low: Double, _ high: Double, scale: SupportEffectScale, unit: IndicatorScale) -> String
  {
    guard scale == .relative else { return "\(unit.formatDifference(low)) to \(unit.formatDifference(high))" }
    let percent = { (x: Double) in ValueFormat.fixed(abs(x) * 100, 0) + "%" }
    if high < 0 { return "\(percent(high)) to \(percent(low)) lower" }
    if low > 0 { return "\(percent(low)) to \(percent(high)) higher" }
    return "\(percent(low)) lower to \(percent(high)) higher"
  }

  /// The reading of one programme's effect on one indicator: which estimate to believe and why.
  public static func supportEffect(_ e: SupportEffect, title: String, level: Double, minGroupSize: Int) -> String {
    let label = e.indicator.label
    let name = title.prefix(1).lowercased() + title.dropFirst()
    switch e.verdict {
    case .suppressed:
      return
        "\(name), \(label): not enough data: \(e.enrolledTeams) enrolled teams with a complete history, fewer than the minimum of \(minGroupSize)"
    case .notEstimable:
      return
        "\(name), \(label): cannot be estimated: after every enrolment, no team enrolled later is left to compare with"
    default: break
    }
    guard let result = e.result, let overall = result.overall else {
      return "\(name), \(label): cannot be estimated"
    }
    let value = { (x: Double) in Report.supportValue(x, e.scale) ?? x }
    let naive = result.naiveOverall.map { supportChange(value($0.estimate), scale: e.scale, unit: e.indicator.scale) }
    let naiveText =
      naive.map { "the plain before/after change of the same teams (\($0))" } ?? "the plain before/after change"
    let p = result.preTrend?.p.map(ValueFormat.probability)
    if e.verdict == .trendsDifferBefore {
      return
        "\(name), \(label): no reliable estimate: before enrolment, the enrolled teams were already moving differently from the teams enrolled later\(p.map { " (pre-trend test p = \($0))" } ?? ""), so the comparison is not like-for-like, and neither it nor \(naiveText) can be trusted"
    }
    let interval =
      overall.interval.map {
        "\(intervalName(level)) \(supportInterval(value($0.low), value($0.high), scale: e.scale, unit: e.indicator.scale)), \(e.enrolledTeams) teams"
      } ?? "\(e.enrolledTeams) teams"
    var text: String
    if e.verdict == .noClearEffect {
      text = "\(name): no clear effect on \(label) (\(interval))"
    } else {
      let change = supportChange(value(overall.estimate), scale: e.scale, unit: e.indicator.scale)
      text = "\(name): \(label) \(change) after enrolment than in teams not yet enrolled (\(interval))"
    }
    if e.naiveMisleads {
      text +=
        "; believe this, not \(naiveText), which is biased: it also counts what would have happened anyway, the change every team went through over the same months and, where the worst-off teams were enrolled first, their recovery from a bad spell (regression to the mean)"
    } else if naive != nil {
      text += "; \(naiveText) lies within this interval"
    }
    if let p, result.preTrend?.parallel == true {
      text += "; no evidence of different trends before enrolment (p = \(p))"
    }
    return text
  }
}

// MARK: Early warning

extension Readings {
  /// The signal the forecast follows, from the settings.
  public static func earlyWarningSignal(_ settings: AnalysisSettings) -> String {
    let s = settings.survival
    return
      "\(s.indicator == "engagement_score" ? "engagement" : s.indicator) \(ValueFormat.fixed(s.drop, 1)) points worse than the team's own level over its first \(months(s.baselineMonths)), or its linked bottleneck indicators \(ValueFormat.fixed(settings.earlyWarning.bottleneckWorseBy, 1)) robust SD worse than their own level"
  }

  /// The measured effect a recommended support cites: the programme of the support's id, on the
  /// indicators the support addresses, where the estimate is believed (the pre-trend check passed
  /// and enough teams): "measured: review wait 22% lower after enrolment than in teams not yet
  /// enrolled (95% interval 15% to 27% lower, 88 teams)". Nil where nothing was measured.
  public static func measuredEffect(
    of support: SupportKind, in effects: Report.SupportEffects?, indicators: [Indicator], level: Double
  ) -> String? {
    let addressed = Set(support.elevated + support.worsening)
    let believed: Set<SupportEffectVerdict> = [.improved, .worsened, .changed, .noClearEffect]
    let parts = (effects?.effects ?? []).filter {
      $0.program == support.id && addressed.contains($0.indicator) && believed.contains($0.verdict)
    }.compactMap { e -> String? in
      guard let effect = e.effect, let low = e.ciLow, let high = e.ciHigh,
        let indicator = indicators.first(where: { $0.name == e.indicator })
      else { return nil }
      let range =
        "\(intervalName(level)) \(supportInterval(low, high, scale: e.scale, unit: indicator.scale)), \(e.enrolledTeams) teams"
      if e.verdict == .noClearEffect { return "no clear effect on \(indicator.label) (\(range))" }
      return
        "\(indicator.label) \(supportChange(effect, scale: e.scale, unit: indicator.scale)) after enrolment than in teams not yet enrolled (\(range))"
    }
    return parts.isEmpty ? nil : "measured in this organisation: " + list(parts)
  }

  /// The executive lines of the early-warning section.
  public static func earlyWarningLines(_ w: Report.EarlyWarning?) -> [String] {
    guard let w else {
      return ["No early warning: the team metrics have no indicator whose first signal can be followed."]
    }
    var lines = ["Signal: \(w.signal).", w.reading]
    if w.shown, let b = w.backtest, let brier = b.brier, let base = b.baseRateBrier {
      lines.append(
        "Brier score in the backtest \(ValueFormat.fixed(brier, 3)), against \(ValueFormat.fixed(base, 3)) for always forecasting the backtest's share of teams that crossed; report.json has the calibration table by decile."
      )
    }
    if w.teamsInSmallUnits > 0 {
      lines.append("\(w.teamsInSmallUnits) teams at risk are in units with too few such teams to list.")
    }
    return lines
  }

  /// The covariates raising a team's forecast most (positive contributions, at most two), with
  /// their contributions to the log-odds: "level of the linked indicators +0.82; 3-month trend +0.31".
  public static func forecastDrivers(_ contributions: [(covariate: String, value: Double)]) -> String {
    contributions.filter { $0.value > 0 }.prefix(2).map { "\($0.covariate) \(ValueFormat.signed($0.value, 2))" }
      .joined(separator: "; ")
  }

  /// A priority card's early-warning line: "Likely next: about 2 of its 6 teams of leaders early in
  /// role without a signal so far may show a first signal in the next 3 months (0 to 4)."
  public static func likelyNextFact(_ u: Report.EarlyWarning.Unit, horizon: Int) -> String {
    "Likely next: about \(ValueFormat.fixed(u.expected, 0)) of its \(u.teamsAtRisk) teams of leaders early in role without a signal so far may show a first signal in the next \(months(horizon)) (\(u.low) to \(u.high))."
  }

  /// "about 2 (0 to 4)".
  public static func likelyNext(expected: Double, low: Int, high: Int) -> String {
    "about \(ValueFormat.fixed(expected, 0)) (\(low) to \(high))"
  }

  /// Whether the forecast is shown, and why not.
  public static func earlyWarning(_ o: EarlyWarningOutcome, settings: AnalysisSettings) -> String {
    let horizon = months(o.settings.horizon)
    let b = o.backtest
    let auc = b?.auc.map { ValueFormat.fixed($0, 2) } ?? "–"
    let interval = b?.aucInterval.map {
      "\(intervalName(settings.confidenceLevel)) \(ValueFormat.fixed($0.low, 2)) to \(ValueFormat.fixed($0.high, 2))"
    }
    let test =
      "Backtest: refitted on the history up to \(horizon) before its end and scored on the last \(horizon) it had not seen: \(b?.teams ?? 0) teams, \(b?.events ?? 0) signals, AUC \(auc)\(interval.map { " (\($0))" } ?? "")."
    switch o.withheld {
    case .shortHistory?:
      return
        "Not shown: the metrics history is too short to test the forecast on \(horizon) it has not seen after the teams' first months."
    case .fewEvents?:
      return
        "Not shown: the backtest had fewer than \(o.settings.minimumEvents) signals, too few to tell whether the forecast can be trusted. \(test)"
    case .noBetterThanChance?:
      return
        "Not shown: in the backtest the forecast did not rank the teams that crossed above the others clearly better than chance (its AUC interval includes 0.5). \(test)"
    case .noFit?:
      return "Not shown: the forecast model could not be fitted (too few signals or team-months in the history)."
    case nil:
      let expected = o.teams.reduce(0) { $0 + $1.probability }
      return
        "Of \(o.teams.count) teams of leaders early in role without a signal so far, about \(ValueFormat.fixed(expected, 0)) are likely to show one in the next \(horizon). \(test)"
    }
  }
}
