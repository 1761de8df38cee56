import Mustache

/// Renders `executive.html` from the executive view through a Mustache template (which escapes
/// every interpolation by default); charts are inline SVG, so the file is self-contained.
public enum ExecutiveHTML {
  public struct TemplateError: Error, CustomStringConvertible {
    public var description: String
  }

  /// Renders with the main template and its partials (`priorityCard`), by name → template text.
  public static func render(
    _ view: ExecutiveView, template: String, partials: [String: String] = [:]
  ) throws -> String {
    var templates: [String: MustacheTemplate] = [:]
    for (name, text) in partials.merging(["executive": template], uniquingKeysWith: { a, _ in a }) {
      do {
        templates[name] = try MustacheTemplate(string: text)
      } catch {
        throw TemplateError(description: "the HTML template '\(name)' does not parse: \(error)")
      }
    }
    let library = MustacheLibrary(templates: templates)
    guard let html = library.render(context(view), withTemplate: "executive") else {
      throw TemplateError(description: "the HTML template could not be rendered")
    }
    return html
  }

  static func survivalChart(_ view: ExecutiveView) -> String {
    guard !view.survivalCurves.isEmpty else { return "" }
    return SVGChart.steps(
      view.survivalCurves.map { ($0.label, $0.points) },
      title: "Share of teams without a disengagement signal, by months since the start of observation",
      xLabel: "months")
  }

  static func trendChart(_ view: ExecutiveView) -> String {
    SVGChart.panels(view.trendPanels.map { ($0.title, $0.scale, $0.points) }, title: view.trendChartTitle)
  }

  static func card(_ p: ExecutiveView.PriorityRow) -> [String: Any] {
    [
      "rank": p.rank, "unit": p.unit, "score": p.score, "leaders": p.leaders,
      "newLeaders": p.newLeaders, "people": p.people, "explanation": p.explanation, "detail": p.detail,
      "facts": p.facts,
      "drivers": p.drivers, "change": p.change, "tier": p.tier, "confidence": p.confidence,
      "robustness": p.robustness, "supports": p.supports,
      "likelyNext": p.likelyNext, "hasLikelyNext": !p.likelyNext.isEmpty,
      "tierClass": p.tier == SupportTier.actNow.rawValue
        ? "act" : (p.tier == SupportTier.watch.rawValue ? "watch" : "fine"),
    ]
  }

  /// An organisation card for the `organisationCard` partial.
  static func organisationCard(_ o: OrganisationCard) -> [String: Any] {
    [
      "key": o.key, "name": o.name, "href": o.href, "facts": o.facts, "units": o.units,
      "chart": SVGChart.organisation(
        actNow: o.actNow, watch: o.watch, fine: o.fine, earlyInRoleShare: o.earlyInRoleShare, title: o.name,
        desc: o.chartDescription),
    ]
  }

  static func context(_ view: ExecutiveView) -> [String: Any] {
    let priorityChart = SVGChart.bars(
      view.priorityBars.map { ($0.label, $0.value) }, title: "Support priority score by org unit")
    let correlationChart = SVGChart.intervals(
      view.correlationIntervals.map { ($0.label, $0.value, $0.low, $0.high) },
      title: "Spearman correlation of time in role with each indicator, with \(view.intervalHeading)s",
      intervalName: view.intervalHeading)
    return [
      "title": view.title,
      "asOf": view.asOf,
      "runID": view.runID,
      "toolVersion": view.toolVersion,
      "headline": view.headline,
      "summary": view.summary,
      "actNow": view.actNow.map(card),
      "watch": view.watch.map(card),
      "fine": view.fine.joined(separator: ", "),
      "hasActNow": !view.actNow.isEmpty,
      "hasWatch": !view.watch.isEmpty,
      "hasFine": !view.fine.isEmpty,
      "listNote": view.listNote ?? "",
      // Mustache treats an empty string as true: sections test these flags instead.
      "hasListNote": view.listNote != nil,
      "actNowNote": view.actNowNote ?? "",
      "hasActNowNote": view.actNowNote != nil,
      "hasCapacity": !view.capacityLines.isEmpty,
      "capacityLines": view.capacityLines,
      "hasOrganisations": !view.organisations.isEmpty,
      "organisations": view.organisations.map(organisationCard),
      "organisationsIntro": view.organisationsIntro,
      "organisationsNotes": view.organisationsNotes,
      "hasSuppressedUnitsNote": view.suppressedUnitsNote != nil,
      "hasPriorities": !view.priorities.isEmpty,
      "suppressedUnitsNote": view.suppressedUnitsNote ?? "",
      "priorityChart": priorityChart,
      "correlationChart": correlationChart,
      "correlations": view.correlations.map { c -> [String: Any] in
        [
          "indicator": c.indicator, "family": c.family, "n": c.n, "rho": c.rho, "interval": c.interval,
          "q": c.q, "partial": c.partial, "reading": c.reading, "suppressed": c.suppressed,
        ]
      },
      "comparisons": view.comparisons.map { c -> [String: Any] in
        [
          "indicator": c.indicator, "teams": c.teams, "medians": c.medians, "difference": c.difference,
          "cliffsDelta": c.cliffsDelta, "reading": c.reading,
        ]
      },
      "leaderChangeNote": view.leaderChangeNote,
      "hasLeaderChanges": !view.leaderChanges.isEmpty,
      "leaderChanges": view.leaderChanges.map { c -> [String: Any] in
        [
          "indicator": c.indicator, "teams": c.teams, "before": c.before, "after": c.after,
          "difference": c.difference, "reading": c.reading,
        ]
      },
      "earlyWarningLines": view.earlyWarningLines,
      "hasLikelyNext": !view.likelyNext.isEmpty,
      "likelyNext": view.likelyNext.map { r -> [String: Any] in
        ["unit": r.unit, "teamsAtRisk": r.teamsAtRisk, "likely": r.likely]
      },
      "supportEffectsNote": view.supportEffectsNote,
      "supportEventLines": view.supportEventLines,
      "hasSupportEffects": !view.supportEffects.isEmpty,
      "supportEffects": view.supportEffects.map { e -> [String: Any] in
        [
          "program": e.program, "indicator": e.indicator, "teams": e.teams, "effect": e.effect, "naive": e.naive,
          "preTrend": e.preTrend, "reading": e.reading,
        ]
      },
      "survivalLines": view.survivalLines,
      "survivalChart": survivalChart(view),
      "timeInRoleCharts": view.timeInRoleCharts.map { chart -> [String: Any] in
        ["title": chart.title, "takeaway": chart.takeaway, "caption": chart.caption, "svg": SVGChart.timeInRole(chart)]
      },
      "timeInRoleNote": view.timeInRoleNote,
      "hasHeatMap": !view.heatRows.isEmpty && !view.heatColumns.isEmpty,
      "heatColumns": view.heatColumns,
      "heatRows": view.heatRows.map { row -> [String: Any] in
        [
          "unit": row.unit, "tier": row.tier,
          "cells": row.cells.map { ["word": $0.word, "symbol": $0.symbol, "detail": $0.detail] },
        ]
      },
      "heatNote": view.heatNote,
      "hasSurvivalChart": !view.survivalCurves.isEmpty,
      "intervalHeading": view.intervalHeading,
      "shrinkageNote": view.shrinkageNote,
      "cohortIndicators": view.cohortIndicators,
      "cohorts": view.cohorts.map { row -> [String: Any] in
        ["cohort": row.cohort, "leaders": row.leaders, "values": row.values]
      },
      "inputs": view.inputs.map { i -> [String: Any] in
        [
          "name": i.name, "read": i.read, "accepted": i.accepted, "rejected": i.rejected,
          "duplicates": i.duplicates, "futureDated": i.futureDated,
        ]
      },
      "population": view.population,
      "caveats": view.caveats,
      "trendLines": view.trendLines,
      "trendChart": trendChart(view),
      "hasTrendChart": !view.trendPanels.isEmpty,
      "trendHeadings": view.trendHeadings.enumerated().map { i, text -> [String: Any] in
        ["text": text, "numeric": i > 0]
      },
      "hasTrendRows": view.trendRows.count > 1,
      "trendRows": view.trendRows.map { r -> [String: Any] in
        [
          "month": r.month, "bottleneck": r.bottleneck, "disengagement": r.disengagement,
          "earlyInRole": r.earlyInRole, "actNow": r.actNow,
        ]
      },
    ]
  }
}
