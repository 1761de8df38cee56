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
    /// The statistical detail, one step down in the same card.
    public var detail: String
    public var drivers: [String]
    /// "Delegation coaching — Coaching on … Why: approvals … vs … typical"
    public var supports: [String]
    /// Movement since the previous run ("new on the list", "was #3"), empty without one.
    public var change: String
    /// The early warning for the unit ("Likely next: …"), empty when not forecast or not shown.
    public var likelyNext: String = ""
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

  /// One programme's effect on one indicator: the difference-in-differences beside the plain
  /// before/after change, and the pre-trend check.
  public struct SupportEffectRow: Sendable {
    public var program: String
    public var indicator: String
    public var teams: String
    public var effect: String
    public var naive: String
    public var preTrend: String
    public var reading: String
  }

  /// One org unit in the early warning's "likely next" list.
  public struct LikelyNextRow: Sendable {
    public var unit: String
    public var teamsAtRisk: String
    /// "about 3 (1 to 5)".
    public var likely: String
  }

  /// One linked indicator against months in role, ready to draw.
  public struct TimeInRoleChartView: Sendable {
    public struct Bin: Sendable {
      public var month: Int
      public var value: Int
      public var teams: Int
    }
    public struct Median: Sendable {
      public var months: Double
      public var value: Double
      public var low: Double?
      public var high: Double?
    }
    public var title: String
    /// The one line an executive takes away.
    public var takeaway: String
    /// n, and how many teams sit in cells left out for privacy.
    public var caption: String
    public var yLabel: String
    public var intervalName: String
    /// The chart as text (the SVG's description).
    public var desc: String
    public var valueTicks: [(value: Double, text: String)]
    public var monthEdges: [Double]
    public var valueEdges: [Double]
    public var bins: [Bin]
    public var medians: [Median]
  }

  /// One row of the heat map: a listed unit and, per linked indicator, how its teams compare.
  public struct HeatRow: Sendable {
    public struct Cell: Sendable {
      /// "worse", "better", "typical" or "suppressed": the word shown, and the cell's class.
      public var word: String
      /// A symbol beside the word, so the meaning is not carried by colour alone.
      public var symbol: String
      /// The level in robust SDs, for the cell's tooltip ("" when suppressed).
      public var detail: String
    }
    public var unit: String
    public var tier: String
    public var cells: [Cell]
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

  /// One as-of month of the trends, as printed in the trend table.
  public struct TrendRow: Sendable {
    public var month: String
    public var bottleneck: String
    public var disengagement: String
    public var earlyInRole: String
    public var actNow: String
  }

  /// One panel of the trend chart: a measure over the months (nil: not available that month).
  public struct TrendPanel: Sendable {
    public var title: String
    public var scale: SVGChart.PanelScale
    public var points: [(label: String, value: Double?)]
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
  /// "95% interval", from the run's confidence level.
  public var intervalHeading: String
  public var correlations: [CorrelationRow]
  public var cohortIndicators: [String]
  public var cohorts: [CohortRow]
  /// `<6m` against `24m+`, per indicator.
  public var comparisons: [ComparisonRow]
  public var leaderChangeNote: String
  public var leaderChanges: [ChangeRow]
  public var survivalLines: [String]
  /// The early warning: the signal, whether the forecast is shown (and why not), the backtest.
  public var earlyWarningLines: [String]
  /// Units most likely to see teams cross next (at most `likelyNextLimit`).
  public var likelyNext: [LikelyNextRow]
  static let likelyNextLimit = 10
  /// Did the support work: what is compared (or that no enrolments were given), and the effects.
  public var supportEffectsNote: String
  public var supportEffects: [SupportEffectRow]
  /// Month by month around enrolment, for each programme and indicator with an event study.
  public var supportEventLines: [String]
  public var shrinkageNote: String
  public var inputs: [InputRow]
  public var population: [String]
  public var caveats: [String]
  /// Chart data: the priority scores of the units not "fine" (at most 12).
  public var priorityBars: [(label: String, value: Double)]
  /// Spearman rho of each reported indicator with its interval.
  public var correlationIntervals: [(label: String, value: Double, low: Double, high: Double)]
  /// The Kaplan–Meier curves of the primary survival comparison (empty when suppressed).
  public var survivalCurves: [(label: String, points: [(Double, Double)])]
  /// One chart per linked indicator: months in role against the value.
  public var timeInRoleCharts: [TimeInRoleChartView]
  public var timeInRoleNote: String
  /// The listed units × the linked indicators.
  public var heatColumns: [String]
  public var heatRows: [HeatRow]
  public var heatNote: String
  /// What the trends across runs show, in words.
  public var trendLines: [String]
  /// The trend table's column headings (month, the two indices, early in role, act now).
  public var trendHeadings: [String]
  public var trendRows: [TrendRow]
  public var trendChartTitle: String
  /// The trend chart's panels; empty until the ledger holds two as-of months.
  public var trendPanels: [TrendPanel]
  /// The top level of the organisation tree (empty without a reporting chain; docs/hierarchy.md).
  public var organisations: [OrganisationCard] = []
  public var organisationsIntro = ""
  /// Hidden organisations and teams outside the tree, in words.
  public var organisationsNotes: [String] = []
  /// How many act-now units the page leaves out (the page lists at most `actNowLimit`).
  public var actNowNote: String?
  static let actNowLimit = 25
  /// The capacity plan in words (empty without `capacity:`).
  public var capacityLines: [String] = []

  public init(_ report: Report) {
    asOf = report.run.asOf.description
    runID = report.run.id
    toolVersion = report.run.toolVersion
    headline = report.headline
    summary = Readings.summary(report)
    let hasPrevious = report.previousRun != nil
    let top = report.sensitivity.top
    let labels = Dictionary(report.indicators.map { ($0.name, $0.label) }, uniquingKeysWith: { a, _ in a })
    let scales = Dictionary(report.indicators.map { ($0.name, $0.scale) }, uniquingKeysWith: { a, _ in a })
    func format(_ value: Double, _ name: String) -> String { (scales[name] ?? .number).format(value) }
    func difference(_ value: Double, _ name: String) -> String { (scales[name] ?? .number).formatDifference(value) }
    priorities = report.priorities.map { p in
      let change = Readings.change(p, hasPrevious: hasPrevious)
      return PriorityRow(
        rank: String(p.rank), unit: p.orgUnitName, score: ValueFormat.fixed(p.score, 2),
        leaders: String(p.teams), newLeaders: String(p.newLeaders), people: String(p.people),
        facts: Readings.unitFacts(p, newLeaderDays: report.settings.newLeaderDays, change: change),
        tier: p.tier.rawValue, confidence: "Confidence \(p.confidence).",
        robustness: Readings.robustness(p, top: top), explanation: p.explanation, detail: p.detail,
        drivers: p.drivers.map { d in
          let linked = d.linkedToTimeInRole ? " (linked to time in role)" : ""
          return
            "\(labels[d.indicator] ?? d.indicator): \(format(d.unitMedian, d.indicator)) vs \(format(d.baselineMedian, d.indicator)) typical\(linked)"
        },
        supports: p.supports.map {
          "\($0.title): \($0.description) Why: \($0.why).\($0.measuredEffect.map { " " + $0.capitalizedFirst + "." } ?? "")"
        },
        change: change,
        likelyNext: (report.earlyWarning?.units.first { $0.orgUnit == p.orgUnit }).map {
          Readings.likelyNextFact($0, horizon: report.earlyWarning?.horizonMonths ?? 0)
        } ?? "")
    }
    // Every act-now unit; the strongest watch units; fine units by name only. A large
    // organisation's full list is in units.csv.
    let allActNow = zip(report.priorities, priorities).filter { $0.0.tier == .actNow }.map(\.1)
    actNow = Array(allActNow.prefix(ExecutiveView.actNowLimit))
    actNowNote = Readings.moreActNow(allActNow.count - actNow.count, hasOrganisations: report.organisations != nil)
    if let plan = report.capacityPlan {
      let names = Dictionary(
        (report.organisations?.nodes ?? []).map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
      capacityLines = Readings.capacity(plan, organisationNames: names)
    }
    if let tree = report.organisations {
      organisations = ExecutiveView.organisationCards(report)
      organisationsIntro = Readings.organisationsIntro(
        levels: tree.levels, shown: organisations.count, inTree: tree.teamsInTree, teams: report.population.teams)
      organisationsNotes = [
        Readings.hiddenOrganisations(tree.suppressed, minGroupSize: report.settings.minGroupSize),
        Readings.teamsOutsideTree(tree.teamsOutside),
      ].compactMap { $0 }
    }
    let allWatch = zip(report.priorities, priorities).filter { $0.0.tier == .watch }.map(\.1)
    watch = Array(allWatch.prefix(ExecutiveView.watchLimit))
    let allFine = report.priorities.filter { $0.tier == .fine }.map(\.orgUnitName)
    fine = Array(allFine.prefix(ExecutiveView.fineLimit))
    listNote = Readings.listNote(moreWatch: allWatch.count - watch.count, moreFine: allFine.count - fine.count)
    suppressedUnitsNote = Readings.suppressedUnits(report.suppressedUnits, minGroupSize: report.settings.minGroupSize)
    let level = report.settings.confidenceLevel
    intervalHeading = Readings.intervalName(level)
    correlations = report.correlations.map { c in
      CorrelationRow(
        indicator: labels[c.indicator] ?? c.indicator,
        family: report.indicator(c.indicator)?.family.rawValue ?? "", n: String(c.n),
        rho: c.rho.map { ValueFormat.fixed($0, 2) } ?? "suppressed",
        interval: (c.ciLow != nil && c.ciHigh != nil)
          ? "\(ValueFormat.fixed(c.ciLow ?? 0, 2)) to \(ValueFormat.fixed(c.ciHigh ?? 0, 2))" : "–",
        q: c.q.map(ValueFormat.probability) ?? "–", partial: c.partialRho.map { ValueFormat.fixed($0, 2) } ?? "–",
        reading: c.reading, suppressed: c.suppressed)
    }
    func interval(_ low: Double?, _ high: Double?, format: (Double) -> String) -> String {
      guard let low, let high else { return "" }
      return " (\(Readings.intervalName(level)) \(format(low)) to \(format(high)))"
    }
    let robustSD: (Double) -> String = { ValueFormat.fixed($0, 2) }
    comparisons = report.cohortComparisons.filter {
      $0.group == .cohort(.underSixMonths) && $0.against == .cohort(.overTwentyFourMonths)
    }.map { c in
      let name = c.indicator
      return ComparisonRow(
        indicator: labels[name] ?? name, teams: "\(c.n) / \(c.nAgainst)",
        medians: c.suppressed
          ? "suppressed" : "\(format(c.median ?? 0, name)) vs \(format(c.medianAgainst ?? 0, name))",
        difference: c.difference.map {
          difference($0, name) + interval(c.ciLow, c.ciHigh) { difference($0, name) }
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
    earlyWarningLines = Readings.earlyWarningLines(report.earlyWarning)
    likelyNext = (report.earlyWarning?.units ?? []).prefix(ExecutiveView.likelyNextLimit).map { u in
      LikelyNextRow(
        unit: u.orgUnitName, teamsAtRisk: String(u.teamsAtRisk),
        likely: Readings.likelyNext(expected: u.expected, low: u.low, high: u.high))
    }
    supportEffectsNote = report.supportEffects?.note ?? Readings.supportEffectsMissing
    supportEffects = (report.supportEffects?.effects ?? []).map { e in
      let indicator = report.indicator(e.indicator)
      let title = report.supportEffects?.programs.first { $0.program == e.program }?.title ?? e.program
      return SupportEffectRow(
        program: title, indicator: indicator?.label ?? e.indicator, teams: String(e.enrolledTeams),
        effect: Readings.supportEffectCell(
          e.effect, low: e.ciLow, high: e.ciHigh, scale: e.scale, indicator: indicator, level: level),
        naive: Readings.supportEffectCell(
          e.naiveEffect, low: e.naiveCILow, high: e.naiveCIHigh, scale: e.scale, indicator: indicator, level: level),
        preTrend: Readings.preTrendCell(p: e.preTrendP, parallel: e.preTrendParallel), reading: e.reading)
    }
    supportEventLines = (report.supportEffects?.effects ?? []).compactMap { e in
      guard let indicator = report.indicator(e.indicator) else { return nil }
      let title = report.supportEffects?.programs.first { $0.program == e.program }?.title ?? e.program
      return Readings.supportEventStudy(e, title: title, indicator: indicator)
    }
    survivalLines = Readings.survivalLines(
      report.survival, label: report.survival.map { labels[$0.indicator] ?? $0.indicator } ?? "")
    shrinkageNote = Readings.shrinkageNote(report.shrinkageOverview)
    let names = report.indicators.map(\.name)
    cohortIndicators = report.indicators.map(\.label)
    cohorts = report.cohorts.map { cohort in
      CohortRow(
        cohort: cohort.cohort.rawValue, leaders: String(cohort.leaders),
        values: names.map { name in
          guard let value = cohort.medians[name] ?? nil else { return "suppressed" }
          return format(value, name)
        })
    }
    inputs = report.inputs.map { i in
      InputRow(
        name: i.name, read: String(i.recordsRead), accepted: String(i.accepted), rejected: String(i.rejected),
        duplicates: String(i.duplicates), futureDated: String(i.futureDated))
    }
    population = Readings.population(report.population)
    caveats = Readings.caveats(report.settings)
    priorityBars = report.priorities.filter { $0.tier != .fine }.prefix(12).map { ($0.orgUnitName, $0.score) }
    correlationIntervals = report.correlations.compactMap { c in
      guard let rho = c.rho, let low = c.ciLow, let high = c.ciHigh else { return nil }
      return (labels[c.indicator] ?? c.indicator, rho, low, high)
    }
    let linked = report.linkedIndicators.compactMap { report.indicator($0) }
    timeInRoleCharts = report.timeInRole.compactMap { chart in
      guard let info = report.indicator(chart.indicator) else { return nil }
      let scale = info.scale
      let points: [(Cohort, TimeInRoleChartView.Median)] = report.cohorts.compactMap { c in
        guard let months = c.medianMonthsInRole, let value = c.medians[chart.indicator] ?? nil else { return nil }
        return (
          c.cohort,
          TimeInRoleChartView.Median(
            months: months, value: value, low: c.ciLow[chart.indicator] ?? nil, high: c.ciHigh[chart.indicator] ?? nil)
        )
      }
      let low = chart.valueEdges.first ?? 0
      let high = chart.valueEdges.last ?? 1
      let ticks = (0...4).map { k -> (value: Double, text: String) in
        let v = low + Double(k) / 4 * (high - low)
        return (v, scale.formatTick(v))
      }
      return TimeInRoleChartView(
        title: Readings.timeInRoleTitle(info.label), takeaway: Readings.timeInRoleTakeaway(info, points: points),
        caption: Readings.timeInRoleCaption(
          teams: chart.teams, suppressed: chart.suppressedTeams, minGroupSize: report.settings.minGroupSize),
        yLabel: scale.unitName.isEmpty ? info.label : "\(info.label) (\(scale.unitName))",
        intervalName: Readings.intervalName(level),
        desc: Readings.timeInRoleDescription(info, points: points, level: level, teams: chart.teams),
        valueTicks: ticks, monthEdges: chart.monthEdges, valueEdges: chart.valueEdges,
        bins: chart.bins.map { TimeInRoleChartView.Bin(month: $0.month, value: $0.value, teams: $0.teams) },
        medians: points.map(\.1))
    }
    timeInRoleNote = Readings.timeInRoleNote(hasCharts: !timeInRoleCharts.isEmpty)
    heatColumns = linked.map(\.label)
    // The units listed as cards: every act-now unit and the strongest watch units.
    let listed =
      report.priorities.filter { $0.tier == .actNow }.prefix(ExecutiveView.actNowLimit)
      + report.priorities.filter { $0.tier == .watch }.prefix(ExecutiveView.watchLimit)
    heatRows = listed.map { p in
      HeatRow(
        unit: p.orgUnitName, tier: p.tier.rawValue,
        cells: linked.map { indicator in
          let level = p.levels[indicator.name] ?? nil
          let cell = Readings.heatCell(level, clearlyWorse: report.settings.clearlyWorse)
          return HeatRow.Cell(word: cell.word, symbol: cell.symbol, detail: cell.detail)
        })
    }
    heatNote = Readings.heatNote(
      hasRows: !heatRows.isEmpty, hasLinked: !linked.isEmpty, clearlyWorse: report.settings.clearlyWorse,
      minGroupSize: report.settings.minGroupSize)
    if let survival = report.survival, !survival.suppressed {
      survivalCurves = survival.groups.map { g in (g.name, g.curve.map { ($0.month, $0.survival) }) }
    } else {
      survivalCurves = []
    }
    let newLeaderDays = report.settings.newLeaderDays
    trendLines = Readings.trends(report.trends, newLeaderDays: newLeaderDays)
    let points = report.trends?.points ?? []
    let reference = report.trends?.reference ?? ""
    let earlyTitle = Readings.earlyInRoleTitle(days: newLeaderDays)
    trendHeadings = [
      "As-of month", Readings.trendIndexTitle(.bottleneck, reference: reference),
      Readings.trendIndexTitle(.disengagement, reference: reference), earlyTitle, Readings.actNowTitle,
    ]
    trendRows = points.map { p in
      TrendRow(
        month: p.month, bottleneck: p.bottleneckIndex.map { ValueFormat.signed($0, 2) } ?? "–",
        disengagement: p.disengagementIndex.map { ValueFormat.signed($0, 2) } ?? "–",
        earlyInRole: p.earlyInRoleShare.map { ValueFormat.fixed($0 * 100, 0) + "%" } ?? "suppressed",
        actNow: p.actNowUnits.map(String.init) ?? "–")
    }
    trendChartTitle = report.trends.map(Readings.trendChartTitle) ?? ""
    trendPanels =
      points.count < 2
      ? []
      : [
        TrendPanel(
          title: trendHeadings[1], scale: .signed, points: points.map { ($0.month, $0.bottleneckIndex) }),
        TrendPanel(
          title: trendHeadings[2], scale: .signed, points: points.map { ($0.month, $0.disengagementIndex) }),
        TrendPanel(title: earlyTitle, scale: .share, points: points.map { ($0.month, $0.earlyInRoleShare) }),
        TrendPanel(
          title: Readings.actNowTitle, scale: .count, points: points.map { ($0.month, $0.actNowUnits.map(Double.init)) }
        ),
      ]
  }
}
