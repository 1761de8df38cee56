import ArgumentParser
import Foundation
import OrgReadinessIngest
import OrgReadinessPipeline

extension OrgReady {
  /// `orgready mappings`: the built-in mappings, and tools for writing one's own.
  struct Mappings: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the built-in mappings, check a mapping file, or preview what a mapping reads.",
      discussion: """
        Mappings are looked up by name in: the folders in ORGREADY_MAPPINGS (':'-separated),
        ../share/orgready/mappings next to the orgready executable (an installed copy),
        Pipelines/mappings next to the executable or above it (a source checkout), and
        Pipelines/mappings in the current directory. A pipeline also searches mappings/ next to
        itself.
        """,
      subcommands: [List.self, Check.self, Preview.self],
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
        do {
          print(try MappingPreview.render(path: file, mapping: compiled, limit: max(0, limit)), terminator: "")
        } catch {
          throw RunFailure.input(error.description)
        }
      }
    }
  }
}
