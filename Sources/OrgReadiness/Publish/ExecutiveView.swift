/// The executive report's content as ready-to-print text, shared by the HTML and Markdown
/// renderers so both always say the same thing. Holds org units and aggregates only: never an
/// individual leader.
public struct ExecutiveView: Sendable {
  public struct PriorityRow: Sendable {
    public var rank: String
    public var unit: String
    public var score: String
    public var leaders: String
    public var newLeaders: String
    public var people: String
    /// "15 leaders (12 under a year in role) · 73 people in their teams · score 2.17 · …"
    public var facts: String
    public var tier: String
    public var confidence: String
    /// "stays in the top 5 under every weighting tried" or similar.
    public var robustness: String
    public var explanation: String
    public var drivers: [String]
    /// "Delegation coaching — Coaching on … Why: approvals … vs … typical"
    public var supports: [String]
    /// Movement since the previous run ("new on the list", "was #3"), empty without one.
    public var change: String
  }

  public struct CorrelationRow: Sendable {
    public var indicator: String
    public var family: String
    public var n: String
    public var rho: String
    public var interval: String
    public var q: String
    public var partial: String
    public var reading: String
    public var suppressed: Bool
  }

  public struct ComparisonRow: Sendable {
    public var indicator: String
    public var teams: String
    public var medians: String
    public var difference: String
    public var cliffsDelta: String
    public var reading: String
  }

  public struct ChangeRow: Sendable {
    public var indicator: String
    public var teams: String
    public var before: String
    public var after: String
    public var difference: String
    public var reading: String
  }

  public struct CohortRow: Sendable {
    public var cohort: String
    public var leaders: String
    public var values: [String]
  }

  public struct InputRow: Sendable {
    public var name: String
    public var read: String
    public var accepted: String
    public var rejected: String
    public var duplicates: String
    public var futureDated: String
  }

  public var title = "Where leadership support should go first"
  public var asOf: String
  public var runID: String
  public var toolVersion: String
  public var headline: String
  public var summary: [String]
  public var priorities: [PriorityRow]
  public var actNow: [PriorityRow]
  public var watch: [PriorityRow]
  /// Units at or near baseline, by name.
  public var fine: [String]
  /// How many units the lists leave out, when the organisation is large.
  public var listNote: String?
  static let watchLimit = 25
  static let fineLimit = 40
  public var suppressedUnitsNote: String?
  public var correlations: [CorrelationRow]
  public var cohortIndicators: [String]
  public var cohorts: [CohortRow]
  /// `<6m` against `24m+`, per indicator.
  public var comparisons: [ComparisonRow]
  public var leaderChangeNote: String
  public var leaderChanges: [ChangeRow]
  public var survivalLines: [String]
  public var shrinkageNote: String
  public var inputs: [InputRow]
  public var population: [String]
  public var caveats: [String]

  static func change(_ p: Report.Priority, hasPrevious: Bool) -> String {
    guard hasPrevious else { return "" }
    guard let previous = p.previousRank else { return "new on the list since the previous run" }
    if previous == p.rank { return "same place as in the previous run" }
    return previous > p.rank ? "up from #\(previous) in the previous run" : "down from #\(previous) in the previous run"
  }

  public init(_ report: Report) {
    asOf = report.run.asOf.description
    runID = report.run.id
    toolVersion = report.run.toolVersion
    let population = report.population
    let newLeaders = report.priorities.reduce(0) { $0 + $1.newLeaders }
    let shownLeaders = report.priorities.reduce(0) { $0 + $1.leaders }
    // The headline names the "act now" units (at most three).
    let leading = report.priorities.filter { $0.tier == .actNow }.prefix(3)
    if let top = leading.first {
      let names = leading.map(\.orgUnitName)
      let list =
        names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
      let supports = top.supports.first.map { " Recommended first: \($0.title.lowercased())." } ?? ""
      headline = "Start with \(list). \(top.explanation)\(supports)"
    } else if report.priorities.isEmpty {
      headline = "No org unit has enough teams to report on without identifying individuals."
    } else {
      headline =
        "No org unit is clearly worse than the organisation's baseline on the indicators linked to time in role; nothing needs support first. Units to watch are listed below."
    }
    let linkedLabels = report.correlations.filter { report.linkedIndicators.contains($0.indicator) }.map(\.label)
    summary = [
      "\(population.teams) teams led by \(population.leaders) people leaders in \(population.orgUnits) org units, as of \(report.run.asOf).",
      "In the units listed below, \(newLeaders) of \(shownLeaders) leaders have been in their role for under a year.",
      linkedLabels.isEmpty
        ? "No indicator is clearly linked to time in role in this run."
        : "Linked to time in role in this run: \(linkedLabels.joined(separator: ", ")).",
    ]
    if let previous = report.previousRun {
      summary.append("Changes are shown against the previous run (\(previous.id), as of \(previous.asOf)).")
    }
    let top = report.sensitivity.top
    priorities = report.priorities.map { p in
      let change = ExecutiveView.change(p, hasPrevious: report.previousRun != nil)
      let facts = [
        "\(p.leaders) leaders (\(p.newLeaders) under a year in role)", "\(p.people) people in their teams",
        "score \(ValueFormat.fixed(p.score, 2))", change,
      ]
      .filter { !$0.isEmpty }.joined(separator: " · ")
      let robustness =
        p.robust
        ? "Robust: stays in the top \(top) under every weighting tried."
        : (p.sensitivityShare > 0
          ? "Sensitive to the weighting: in the top \(top) under \(ValueFormat.fixed(p.sensitivityShare * 100, 0))% of the weightings tried."
          : "")
      return PriorityRow(
        rank: String(p.rank), unit: p.orgUnitName, score: ValueFormat.fixed(p.score, 2),
        leaders: String(p.leaders), newLeaders: String(p.newLeaders), people: String(p.people),
        facts: facts, tier: p.tier.rawValue, confidence: "Confidence \(p.confidence).", robustness: robustness,
        explanation: p.explanation,
        drivers: p.drivers.map { d in
          let linked = d.linkedToTimeInRole ? " (linked to time in role)" : ""
          return
            "\(d.label): \(ValueFormat.indicator(d.unitMedian, name: d.indicator)) vs \(ValueFormat.indicator(d.baselineMedian, name: d.indicator)) typical\(linked)"
        },
        supports: p.supports.map { "\($0.title): \($0.description) Why: \($0.why)." },
        change: change)
    }
    // Every act-now unit; the strongest watch units; fine units by name only. A large
    // organisation's full list is in units.csv.
    actNow = zip(report.priorities, priorities).filter { $0.0.tier == .actNow }.map(\.1)
    let allWatch = zip(report.priorities, priorities).filter { $0.0.tier == .watch }.map(\.1)
    watch = Array(allWatch.prefix(ExecutiveView.watchLimit))
    let allFine = report.priorities.filter { $0.tier == .fine }.map(\.orgUnitName)
    fine = Array(allFine.prefix(ExecutiveView.fineLimit))
    var more: [String] = []
    if allWatch.count > watch.count { more.append("\(allWatch.count - watch.count) more units to watch") }
    if allFine.count > fine.count { more.append("\(allFine.count - fine.count) more units that are fine for now") }
    listNote =
      more.isEmpty ? nil : "Not shown here: " + more.joined(separator: " and ") + "; units.csv lists every unit."
    suppressedUnitsNote =
      report.suppressedUnits > 0
      ? "\(report.suppressedUnits) org unit\(report.suppressedUnits == 1 ? " has" : "s have") fewer than \(report.settings.minGroupSize) teams and \(report.suppressedUnits == 1 ? "is" : "are") not shown, to protect the leaders in \(report.suppressedUnits == 1 ? "it" : "them")."
      : nil
    correlations = report.correlations.map { c in
      CorrelationRow(
        indicator: c.label, family: c.family.rawValue, n: String(c.n),
        rho: c.rho.map { ValueFormat.fixed($0, 2) } ?? "suppressed",
        interval: (c.ciLow != nil && c.ciHigh != nil)
          ? "\(ValueFormat.fixed(c.ciLow ?? 0, 2)) to \(ValueFormat.fixed(c.ciHigh ?? 0, 2))" : "–",
        q: c.q.map(ValueFormat.probability) ?? "–", partial: c.partialRho.map { ValueFormat.fixed($0, 2) } ?? "–",
        reading: c.reading, suppressed: c.suppressed)
    }
    let labels = Dictionary(report.correlations.map { ($0.indicator, $0.label) }, uniquingKeysWith: { a, _ in a })
    func interval(_ low: Double?, _ high: Double?, format: (Double) -> String) -> String {
      guard let low, let high else { return "" }
      return " (95% interval \(format(low)) to \(format(high)))"
    }
    let robustSD: (Double) -> String = { ValueFormat.fixed($0, 2) }
    comparisons = report.cohortComparisons.filter { $0.group == "<6m" && $0.against == "24m+" }.map { c in
      let name = c.indicator
      return ComparisonRow(
        indicator: labels[name] ?? name, teams: "\(c.n) / \(c.nAgainst)",
        medians: c.suppressed
          ? "suppressed"
          : "\(ValueFormat.indicator(c.median ?? 0, name: name)) vs \(ValueFormat.indicator(c.medianAgainst ?? 0, name: name))",
        difference: c.difference.map {
          ValueFormat.difference($0, name: name)
            + interval(c.ciLow, c.ciHigh) { ValueFormat.difference($0, name: name) }
        } ?? "–",
        cliffsDelta: c.cliffsDelta.map { ValueFormat.fixed($0, 2) } ?? "–", reading: c.reading)
    }
    leaderChangeNote = report.leaderChanges.note
    leaderChanges = report.leaderChanges.effects.filter { $0.teams > 0 }.map { e in
      ChangeRow(
        indicator: labels[e.indicator] ?? e.indicator, teams: String(e.teams),
        before: e.positionBefore.map { ValueFormat.fixed($0, 2) } ?? "–",
        after: e.changeAfter.map { ValueFormat.fixed($0, 2) } ?? "–",
        difference: e.differenceInDifferences.map { robustSD($0) + interval(e.ciLow, e.ciHigh, format: robustSD) }
          ?? "–",
        reading: e.reading)
    }
    if let survival = report.survival {
      let label = labels[survival.indicator] ?? survival.indicator
      survivalLines =
        [
          "Signal: \(label) \(ValueFormat.fixed(survival.drop, 1)) points worse than the team's own level in its first \(survival.baselineMonths) months."
        ]
        + survival.groups.map { g in
          "\(g.name): \(g.teams) teams, \(g.signals) with a signal; median time to a signal: \(g.medianMonths.map { ValueFormat.fixed($0, 0) + " months" } ?? "not reached")."
        } + [
          "Log-rank test: p \(survival.p.map(ValueFormat.probability) ?? "–"), q \(survival.q.map(ValueFormat.probability) ?? "–"). Reading: \(survival.reading)."
        ]
    } else {
      survivalLines = ["The followed indicator is not in the team metrics, so no survival analysis was made."]
    }
    let shrunk = report.shrinkage.filter { $0.method == "normal_normal" || $0.method == "beta_binomial" }
    if let small = mean(shrunk.compactMap(\.smallTeamWeight)), let large = mean(shrunk.compactMap(\.largeTeamWeight)) {
      shrinkageNote =
        "Before scoring, each team's values are shrunk toward the organisation (empirical Bayes), so a small team's extreme month cannot put its unit on the list: the smallest quarter of teams keep on average \(ValueFormat.fixed(small * 100, 0))% of their own deviation, the largest quarter \(ValueFormat.fixed(large * 100, 0))%."
    } else {
      shrinkageNote = "Team values are scored as measured (not enough months to estimate their noise for shrinkage)."
    }
    let names = report.correlations.map(\.indicator)
    cohortIndicators = report.correlations.map(\.label)
    cohorts = report.cohorts.map { cohort in
      CohortRow(
        cohort: cohort.cohort.rawValue, leaders: String(cohort.leaders),
        values: names.map { name in
          guard let value = cohort.medians[name] ?? nil else { return "suppressed" }
          return ValueFormat.indicator(value, name: name)
        })
    }
    inputs = report.inputs.map { i in
      InputRow(
        name: i.name, read: String(i.recordsRead), accepted: String(i.accepted), rejected: String(i.rejected),
        duplicates: String(i.duplicates), futureDated: String(i.futureDated))
    }
    self.population = [
      "Teams without data in the window: \(population.teamsWithoutWindowData)",
      "Teams whose leader is no longer active or no longer a people leader: \(population.teamsWithoutCurrentLeader)",
      "Leaders with no role start in their history: \(population.leadersWithoutRoleStart)",
    ]
    caveats = [
      "This report is for routing support, not for evaluating anyone. It names org units only and never ranks individual leaders.",
      "Links are between teams and their leader's time in role. A team-level association is not an individual effect, and time in role also moves with reorganisations and hiring waves.",
      "Any figure over fewer than \(report.settings.minGroupSize) teams is suppressed, and so is the next-smallest unit, so a hidden figure cannot be worked out by subtraction.",
      "Tiers: act now = clearly worse than the baseline on the indicators linked to time in role (at least \(ValueFormat.fixed(report.settings.clearlyWorse, 2)) robust SD, with the 95% interval above it) and a score of at least \(ValueFormat.fixed(report.settings.actNowScore, 2)); watch = flagged with a lower score, or a score of at least \(ValueFormat.fixed(report.settings.watchScore, 2)); fine = the rest.",
      "Uncertainty: 95% intervals come from \(report.settings.bootstrapResamples) bootstrap resamples of teams (an analytic interval for very large n); q-values control the false discovery rate across every test in the report.",
    ]
  }
}
