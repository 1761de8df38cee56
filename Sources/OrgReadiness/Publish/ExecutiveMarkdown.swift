/// Renders `executive.md` from the executive view.
public enum ExecutiveMarkdown {
  /// The top level of the organisation tree, each organisation linking to its page (empty without
  /// a reporting chain).
  static func organisations(_ view: ExecutiveView) -> String {
    guard !view.organisations.isEmpty else { return "" }
    var out = "\n## Where support should go, by organisation\n\n\(escape(view.organisationsIntro))\n\n"
    for o in view.organisations {
      out += "### [\(escape(o.name))](\(o.href))\n\n\(escape(o.facts))\n\n"
      for unit in o.units { out += "- \(escape(unit))\n" }
      out += "\n"
    }
    for note in view.organisationsNotes { out += "_\(escape(note))_\n\n" }
    // The next heading brings its own blank line.
    out.removeLast()
    return out
  }

  public static func render(_ view: ExecutiveView) -> String {
    var out = "# \(view.title)\n\n"
    out += "As of \(view.asOf) · run \(view.runID) · OrgReadiness \(view.toolVersion)\n\n"
    out += "**\(escape(view.headline))**\n\n"
    for line in view.summary { out += "- \(escape(line))\n" }
    out += organisations(view)
    out += "\n## Priorities for proactive support\n\n"
    if view.priorities.isEmpty { out += "No org unit can be shown.\n\n" }
    if !view.capacityLines.isEmpty {
      out += "### Capacity plan\n\n"
      for line in view.capacityLines { out += "- \(escape(line))\n" }
      out += "\n"
    }
    for (title, rows) in [("Act now", view.actNow), ("Watch", view.watch)] where !rows.isEmpty {
      out += "### \(title)\n\n"
      for p in rows {
        out += "#### \(p.rank). \(escape(p.unit)) (\(p.tier))\n\n"
        out += "\(escape(p.explanation))\n\n"
        out += "_\(escape(p.detail))_\n\n"
        out += "- \(escape(p.facts))\n"
        out += "- \(escape([p.confidence, p.robustness].filter { !$0.isEmpty }.joined(separator: " ")))\n"
        if !p.likelyNext.isEmpty { out += "- \(escape(p.likelyNext))\n" }
        for d in p.drivers { out += "- \(escape(d))\n" }
        for s in p.supports { out += "- **Recommended support.** \(escape(s))\n" }
        out += "\n"
      }
    }
    if let note = view.actNowNote { out += "_\(escape(note))_\n\n" }
    if !view.fine.isEmpty { out += "### Fine for now\n\n\(escape(view.fine.joined(separator: ", ")))\n\n" }
    if let note = view.listNote { out += "_\(escape(note))_\n\n" }
    if let note = view.suppressedUnitsNote { out += "_\(escape(note))_\n\n" }
    out += "## Where the listed units differ from typical teams\n\n\(escape(view.heatNote))\n\n"
    if !view.heatRows.isEmpty && !view.heatColumns.isEmpty {
      out += "| Org unit | Tier | " + view.heatColumns.map(escape).joined(separator: " | ") + " |\n"
      out += "|---|---|" + view.heatColumns.map { _ in "---" }.joined(separator: "|") + "|\n"
      for row in view.heatRows {
        let cells = row.cells.map { "\($0.symbol) \($0.word)" }
        out += "| \(escape(row.unit)) | \(row.tier) | " + cells.joined(separator: " | ") + " |\n"
      }
      out += "\n"
    }
    out += "## Trends across runs\n\n"
    for line in view.trendLines { out += "- \(escape(line))\n" }
    if view.trendRows.count > 1 {
      out += "\n| " + view.trendHeadings.map(escape).joined(separator: " | ") + " |\n|---|---:|---:|---:|---:|\n"
      for r in view.trendRows {
        out += "| \(r.month) | \(r.bottleneck) | \(r.disengagement) | \(r.earlyInRole) | \(r.actNow) |\n"
      }
    }
    out += "\n"
    out += "## What time in role is linked to\n\n"
    out +=
      "| Indicator | Family | Teams | Spearman rho | \(view.intervalHeading) | q | rho allowing for team size | Reading |\n"
    out += "|---|---|---:|---:|---|---:|---:|---|\n"
    for c in view.correlations {
      out +=
        "| \(escape(c.indicator)) | \(c.family) | \(c.n) | \(c.rho) | \(c.interval) | \(c.q) | \(c.partial) | \(escape(c.reading)) |\n"
    }
    out += "\n## Linked indicators by months in role\n\n\(escape(view.timeInRoleNote))\n\n"
    for chart in view.timeInRoleCharts {
      out += "- **\(escape(chart.title)).** \(escape(chart.takeaway)) \(escape(chart.caption))\n"
    }
    out += "\n## Newest against most experienced leaders' teams (under 6 months against over 24)\n\n"
    out += "| Indicator | Teams | Medians | Difference | Cliff's delta | Reading |\n|---|---:|---|---|---:|---|\n"
    for c in view.comparisons {
      out +=
        "| \(escape(c.indicator)) | \(c.teams) | \(escape(c.medians)) | \(c.difference) | \(c.cliffsDelta) | \(escape(c.reading)) |\n"
    }
    out += "\n## When a team gets a new leader\n\n\(escape(view.leaderChangeNote))\n\n"
    if !view.leaderChanges.isEmpty {
      out +=
        "| Indicator | Teams | Position before | Change after | Against teams that kept their leader | Reading |\n|---|---:|---:|---:|---|---|\n"
      for c in view.leaderChanges {
        out +=
          "| \(escape(c.indicator)) | \(c.teams) | \(c.before) | \(c.after) | \(c.difference) | \(escape(c.reading)) |\n"
      }
    }
    out += "\n## Likely next: teams early in role near a first signal\n\n"
    for line in view.earlyWarningLines { out += "- \(escape(line))\n" }
    if !view.likelyNext.isEmpty {
      out += "\n| Org unit | Teams at risk | Likely to cross |\n|---|---:|---|\n"
      for r in view.likelyNext { out += "| \(escape(r.unit)) | \(r.teamsAtRisk) | \(r.likely) |\n" }
    }
    out += "\n## Did the support work\n\n\(escape(view.supportEffectsNote))\n\n"
    if !view.supportEffects.isEmpty {
      out +=
        "| Programme | Indicator | Teams | Against teams enrolled later | Plain before/after | Before enrolment | Reading |\n|---|---|---:|---|---|---|---|\n"
      for e in view.supportEffects {
        out +=
          "| \(escape(e.program)) | \(escape(e.indicator)) | \(e.teams) | \(escape(e.effect)) | \(escape(e.naive)) | \(escape(e.preTrend)) | \(escape(e.reading)) |\n"
      }
      out += "\n"
      for line in view.supportEventLines { out += "- \(escape(line))\n" }
    }
    out += "\n## Time to a first disengagement signal\n\n"
    for line in view.survivalLines { out += "- \(escape(line))\n" }
    out += "\n## Teams by their leader's time in role (medians)\n\n"
    out += "| Cohort | Leaders | " + view.cohortIndicators.map(escape).joined(separator: " | ") + " |\n"
    out += "|---|---:|" + view.cohortIndicators.map { _ in "---:" }.joined(separator: "|") + "|\n"
    for row in view.cohorts {
      out += "| \(row.cohort) | \(row.leaders) | " + row.values.joined(separator: " | ") + " |\n"
    }
    out += "\n## Data\n\n"
    out += "| Input | Read | Accepted | Rejected | Duplicates | Future-dated |\n|---|---:|---:|---:|---:|---:|\n"
    for i in view.inputs {
      out += "| \(escape(i.name)) | \(i.read) | \(i.accepted) | \(i.rejected) | \(i.duplicates) | \(i.futureDated) |\n"
    }
    out += "\n"
    for line in view.population { out += "- \(escape(line))\n" }
    out += "\n## How to read this report\n\n- \(escape(view.shrinkageNote))\n"
    for line in view.caveats { out += "- \(escape(line))\n" }
    return out
  }

  /// Escapes the characters Markdown would treat as markup inside table cells and text (`#` only
  /// where it could start a heading).
  static func escape(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "|", "*", "_", "`", "[", "]", "<", ">": out.append("\\"); out.append(c)
      case "#" where out.isEmpty: out.append("\\"); out.append(c)
      default: out.append(c)
      }
    }
    return out
  }
}
