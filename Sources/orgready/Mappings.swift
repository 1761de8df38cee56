import ArgumentParser
import Foundation
import OrgReadinessIngest
import OrgReadinessPipeline

extension OrgReady {
  /// `orgready mappings`: the built-in mappings, and tools for writing one's own.
  struct Mappings: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the built-in mappings, check or preview a mapping file, or draft one from an export.",
      discussion: """
        Mappings are looked up by name in: the folders in ORGREADY_MAPPINGS (':'-separated),
        ../share/orgready/mappings next to the orgready executable (an installed copy),
        Pipelines/mappings next to the executable or above it (a source checkout), and
        Pipelines/mappings in the current directory. A pipeline also searches mappings/ next to
        itself.
        """,
      subcommands: [List.self, Check.self, Preview.self, Draft.self],
      defaultSubcommand: List.self)

    /// Resolves a name or a path to a mapping file.
    static func resolve(_ nameOrPath: String) throws -> String {
      guard MappingCatalog.isName(nameOrPath) else { return nameOrPath }
      guard let path = MappingCatalog.standard().path(forName: nameOrPath) else {
        throw RunFailure.configuration("no mapping is called '\(nameOrPath)'; see 'orgready mappings list'")
      }
      return path
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "List the mappings found by name (the built-ins).")

      @Flag(help: "Show each mapping's file.")
      var paths = false

      func run() throws {
        let catalog = MappingCatalog.standard()
        let entries = catalog.entries()
        guard !entries.isEmpty else {
          throw RunFailure.configuration(
            "no mappings found; searched: \(catalog.directories.isEmpty ? "(no folder exists)" : catalog.directories.joined(separator: ", ")). Set ORGREADY_MAPPINGS to the folder holding the .yml files"
          )
        }
        var broken = 0
        let width = entries.map(\.name.count).max() ?? 0
        for entry in entries {
          let name = entry.name.padding(toLength: width, withPad: " ", startingAt: 0)
          switch entry.mapping {
          case .success(let mapping):
            let kind = mapping.kind.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
            print("\(name)  \(kind)  v\(mapping.version)  \(mapping.title ?? "")\(paths ? "  " + entry.path : "")")
          case .failure(let error):
            broken += 1
            Diagnostics.error(error.description)
          }
        }
        if broken > 0 { throw ExitCode(2) }
      }
    }

    struct Check: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Compile mapping files (or names) and report every problem.")

      @Argument(help: "Mapping files or built-in names.")
      var mappings: [String]

      func run() throws {
        var failed = false
        for item in mappings {
          do {
            let path = try Mappings.resolve(item)
            let (mapping, warnings) = try MappingLoader.load(path: path)
            for warning in warnings { Diagnostics.warning(warning) }
            let events = mapping.templates.count > 1 ? ", \(mapping.templates.count) kinds of event" : ""
            print(
              "ok: \(path): \(mapping.name), \(mapping.kind.rawValue), version \(mapping.version), \(mapping.valueCount) values read per record\(events)"
            )
          } catch {
            failed = true
            Diagnostics.error("\(error)")
          }
        }
        if failed { throw ExitCode(2) }
      }
    }

    struct Preview: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Read an XML file through a mapping and print the records it yields (and the rejected ones).")

      @Argument(help: "A mapping file or built-in name.")
      var mapping: String

      @Argument(help: "The XML export to read.")
      var file: String

      @Option(help: "Print at most this many records.")
      var limit = 20

      func run() throws {
        let path = try Mappings.resolve(mapping)
        let (compiled, warnings) = try MappingLoader.load(path: path)
        for warning in warnings { Diagnostics.warning(warning) }
        print(
          try MappingPreview.render(path: file, mapping: compiled, limit: max(0, limit), mappingFile: path),
          terminator: "")
      }
    }

    struct Draft: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Profile an XML export and write a starting mapping for it.",
        discussion: """
          Streams the export twice (any size, in bounded memory): finds the repeated element that is
          most likely one record, profiles every path under it (fill rate, three sample values, dates
          and numbers), and writes a mapping with a guess for each canonical field, the reason in a
          comment, and TODO where only you can say. Check it with 'orgready mappings check', then
          'orgready mappings preview'. See docs/mappings.md, "Drafting a mapping".
          """)

      enum Produces: String, ExpressibleByArgument, CaseIterable {
        case jobEvents = "job_events"
        case teamPeriods = "team_periods"
        case people
        case supportEnrolments = "support_enrolments"

        var kind: MappingDefinition.RecordKind {
          switch self {
          case .jobEvents: return .jobEvents
          case .teamPeriods: return .teamPeriods
          case .people: return .people
          case .supportEnrolments: return .supportEnrolments
          }
        }
      }

      @Argument(help: "The XML export to profile.")
      var file: String

      @Option(
        help:
          "What the export holds: job_events (job history), team_periods (team metrics), people or support_enrolments."
      )
      var produces: Produces = .jobEvents

      @Option(name: .shortAndLong, help: "Write the mapping to this file instead of standard output.")
      var output: String?

      func run() throws {
        let result: MappingDrafter.Result
        do {
          result = try MappingDrafter.draft(path: file, produces: produces.kind)
        } catch {
          throw RunFailure.input(error.description)
        }
        if let output {
          do { try result.yaml.write(toFile: output, atomically: true, encoding: .utf8) } catch {
            throw RunFailure.unexpected("\(output): error: cannot write the mapping: \(error.localizedDescription)")
          }
        } else {
          print(result.yaml, terminator: "")
        }
        let profile = result.profile
        Diagnostics.note(
          "drafted from \(profile.records) \(profile.recordPath) records\(profile.groupPath.map { " (each \($0): \(profile.groups))" } ?? ""), \(profile.columns.count) paths; next: orgready mappings check \(output ?? "<the mapping>")"
        )
      }
    }
  }
}
