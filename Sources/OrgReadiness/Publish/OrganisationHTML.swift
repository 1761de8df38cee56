import Mustache

/// Renders an organisation's page (`orgs/<key>.html`) through its Mustache template, with the
/// executive page's partials (`priorityCard`, `organisationCard`); self-contained like the
/// executive page.
public enum OrganisationHTML {
  /// The template and partials, parsed once for every page of a run.
  public struct Templates: Sendable {
    let library: MustacheLibrary

    public init(page: String, partials: [String: String]) throws {
      var templates: [String: MustacheTemplate] = [:]
      for (name, text) in partials.merging(["organisation": page], uniquingKeysWith: { a, _ in a }) {
        do {
          templates[name] = try MustacheTemplate(string: text)
        } catch {
          throw ExecutiveHTML.TemplateError(description: "the HTML template '\(name)' does not parse: \(error)")
        }
      }
      library = MustacheLibrary(templates: templates)
    }
  }

  public static func render(_ page: OrganisationPage, templates: Templates) throws -> String {
    guard let html = templates.library.render(context(page), withTemplate: "organisation") else {
      throw ExecutiveHTML.TemplateError(description: "the organisation template could not be rendered")
    }
    return html
  }

  /// Every page, in the order given, rendered on all cores (each page on its own, so the bytes
  /// are those of rendering them one by one).
  public static func render(_ pages: [OrganisationPage], templates: Templates) throws -> [String] {
    let results = ParallelResults<Result<String, any Error>>(count: pages.count)
    concurrentPerform(iterations: pages.count) { i in
      results.set(i, Result { try render(pages[i], templates: templates) })
    }
    return try results.values.map { result in
      guard let result else {
        throw ExecutiveHTML.TemplateError(description: "the organisation template could not be rendered")
      }
      return try result.get()
    }
  }

  static func context(_ page: OrganisationPage) -> [String: Any] {
    [
      "title": page.title, "asOf": page.asOf, "runID": page.runID, "toolVersion": page.toolVersion,
      "trail": page.trail.map { ["name": $0.name, "href": $0.href] },
      "facts": page.facts, "excess": page.excess,
      "hasChildren": !page.children.isEmpty,
      "organisations": page.children.map(ExecutiveHTML.organisationCard),
      "hasOtherChildren": !page.otherChildren.isEmpty,
      "otherChildrenIntro": page.otherChildrenIntro,
      "otherChildren": page.otherChildren.map { ["name": $0.name, "href": $0.href, "facts": $0.facts] },
      "childrenNote": page.childrenNote ?? "", "hasChildrenNote": page.childrenNote != nil,
      "hasUnits": !page.units.isEmpty,
      "units": page.units.map(ExecutiveHTML.card),
      "unitsNote": page.unitsNote ?? "", "hasUnitsNote": page.unitsNote != nil,
    ]
  }
}
