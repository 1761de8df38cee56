/// An organisation as a card: on the executive page (the top level) and on its parent's page.
/// Org units and aggregates only, like the executive view.
public struct OrganisationCard: Sendable {
  public var key: String
  public var name: String
  /// The organisation's page, relative to the page the card is on.
  public var href: String
  /// "3 units to act on now · 5 to watch · …"
  public var facts: String
  /// Its top units with their recommended support, or `Readings.noUnitToSupport`.
  public var units: [String]
  /// The small multiple: units by tier, and the share of leaders early in role.
  public var actNow: Int
  public var watch: Int
  public var fine: Int
  public var earlyInRoleShare: Double
  /// The chart's text alternative.
  public var chartDescription: String

  init(_ o: Report.Organisation, report: Report, rowsByUnit: [String: Report.Priority], href: String) {
    key = o.key
    name = o.name
    self.href = href
    facts = Readings.organisationFacts(o, newLeaderDays: report.settings.newLeaderDays)
    let units = o.topUnits.compactMap { rowsByUnit[$0] }.map(Readings.organisationUnit)
    self.units = units.isEmpty ? [Readings.noUnitToSupport] : units
    actNow = o.actNowUnits
    watch = o.watchUnits
    fine = o.fineUnits
    earlyInRoleShare = o.earlyInRoleShare
    chartDescription = "\(o.name): \(facts)"
  }
}

/// One organisation's page (`orgs/<key>.html`): the same cards as the executive page for its
/// children, and its own units to act on or watch. Every figure comes from the report, which
/// already applied the privacy rules at every node.
public struct OrganisationPage: Sendable {
  public var key: String
  public var title: String
  public var asOf: String
  public var runID: String
  public var toolVersion: String
  /// From the whole organisation (the executive page) down to the parent: names and links.
  public var trail: [(name: String, href: String)]
  public var facts: String
  public var excess: String
  /// Cards for the first `cardLimit` children (most act-now units first), and one line each for
  /// the rest, so a division of hundreds of departments stays a page one can open.
  public var children: [OrganisationCard]
  public var otherChildren: [(name: String, href: String, facts: String)]
  public var otherChildrenIntro: String
  public var childrenNote: String?
  /// The organisation's act-now units, then watch units, most urgent first (at most `unitLimit`).
  public var units: [ExecutiveView.PriorityRow]
  public var unitsNote: String?

  static let unitLimit = 25
  /// Children shown as cards; the rest are lines of a table.
  public static let cardLimit = 24

  /// The file a page is written to, from the run folder.
  public static func path(_ key: String) -> String { "orgs/\(key).html" }

  /// Every shown organisation's page, parents first.
  public static func pages(_ report: Report, view: ExecutiveView, cardLimit: Int = cardLimit) -> [OrganisationPage] {
    guard let organisations = report.organisations else { return [] }
    let byKey = Dictionary(organisations.nodes.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    let rowsByUnit = Dictionary(report.priorities.map { ($0.orgUnit, $0) }, uniquingKeysWith: { a, _ in a })
    let viewRows = Dictionary(
      zip(report.priorities, view.priorities).map { ($0.0.orgUnit, $0.1) }, uniquingKeysWith: { a, _ in a })
    let rank = Dictionary(report.priorities.map { ($0.orgUnit, $0.rank) }, uniquingKeysWith: { a, _ in a })
    // Each organisation's units: its own and its descendants', children before parents.
    var unitsOf: [String: [String]] = [:]
    for o in organisations.nodes.reversed() {
      var units = o.units
      for child in o.children { units += unitsOf[child] ?? [] }
      // Each unit's rank looked up once, not at every comparison.
      let ranks = units.map { rank[$0] ?? 0 }
      unitsOf[o.key] = units.indices.sorted { ranks[$0] < ranks[$1] }.map { units[$0] }
    }
    let level = report.settings.confidenceLevel
    return organisations.nodes.map { o in
      var trail: [(name: String, href: String)] = []
      var parent = o.parent
      while let key = parent, let p = byKey[key] {
        trail.insert((p.name, "\(p.key).html"), at: 0)
        parent = p.parent
      }
      trail.insert((Readings.wholeOrganisation, "../executive.html"), at: 0)
      let listed = (unitsOf[o.key] ?? []).filter { rowsByUnit[$0]?.tier != .fine }
      let children = o.children.compactMap { byKey[$0] }
      let others = children.dropFirst(cardLimit)
      return OrganisationPage(
        key: o.key, title: Readings.organisationTitle(o.name), asOf: report.run.asOf.description,
        runID: report.run.id, toolVersion: report.run.toolVersion, trail: trail,
        facts: Readings.organisationFacts(o, newLeaderDays: report.settings.newLeaderDays),
        excess: Readings.organisationExcess(o, level: level),
        children: children.prefix(cardLimit).map {
          OrganisationCard($0, report: report, rowsByUnit: rowsByUnit, href: "\($0.key).html")
        },
        otherChildren: others.map {
          (
            $0.name, "\($0.key).html",
            Readings.organisationFacts($0, newLeaderDays: report.settings.newLeaderDays)
          )
        },
        otherChildrenIntro: Readings.otherOrganisations(others.count),
        childrenNote: Readings.hiddenOrganisations(o.hiddenChildren, minGroupSize: report.settings.minGroupSize),
        units: listed.prefix(unitLimit).compactMap { viewRows[$0] },
        unitsNote: Readings.organisationUnitsNote(shown: min(listed.count, unitLimit), total: listed.count))
    }
  }
}

extension ExecutiveView {
  /// The top-level organisations as cards, in the report's order, linking to their pages.
  static func organisationCards(_ report: Report) -> [OrganisationCard] {
    guard let organisations = report.organisations else { return [] }
    let byKey = Dictionary(organisations.nodes.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    let rowsByUnit = Dictionary(report.priorities.map { ($0.orgUnit, $0) }, uniquingKeysWith: { a, _ in a })
    return organisations.topLevel.compactMap { byKey[$0] }.map {
      OrganisationCard($0, report: report, rowsByUnit: rowsByUnit, href: OrganisationPage.path($0.key))
    }
  }
}
