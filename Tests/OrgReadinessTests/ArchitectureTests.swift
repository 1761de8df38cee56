import Foundation
import Testing

/// The rules of docs/architecture.md, read from the source: who may import whom, who touches the
/// ledger, that the core does no I/O and prints nothing, and that renderers compute nothing.
@Suite struct ArchitectureTests {
  /// Modules every target may import: the platform.
  static let platform: Set<String> = ["Foundation", "Dispatch", "Synchronization", "Glibc", "Darwin"]

  /// What each module may import besides the platform (docs/architecture.md).
  static let allowed: [String: Set<String>] = [
    "OrgReadiness": ["Mustache"],
    "OrgReadinessIngest": ["OrgReadiness", "CLibXML2", "Yams", "Crypto"],
    "OrgReadinessSample": ["OrgReadiness"],
    "OrgReadinessPipeline": ["OrgReadiness", "OrgReadinessIngest", "GRDB", "Yams", "Crypto", "Mustache", "Logging"],
    "orgready": [
      "OrgReadiness", "OrgReadinessIngest", "OrgReadinessPipeline", "OrgReadinessSample", "ArgumentParser", "Logging",
    ],
  ]

  static func sources(_ module: String) throws -> [(path: String, text: String)] {
    let folder = TestPaths.root.appendingPathComponent("Sources/\(module)")
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
    var out: [(String, String)] = []
    for case let file as String in walker where file.hasSuffix(".swift") {
      let path = folder.appendingPathComponent(file).path
      out.append(("\(module)/\(file)", try String(contentsOfFile: path, encoding: .utf8)))
    }
    return out.sorted { $0.0 < $1.0 }
  }

  static func imports(_ text: String) -> [String] {
    text.split(separator: "\n").compactMap { line in
      let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ")
      guard let i = words.firstIndex(of: "import"), i + 1 < words.count,
        words[..<i].allSatisfy({ $0.hasPrefix("@") })
      else { return nil }
      return String(words[i + 1])
    }
  }

  @Test func eachModuleImportsOnlyWhatTheArchitectureAllows() throws {
    for (module, allowed) in Self.allowed {
      let files = try Self.sources(module)
      #expect(!files.isEmpty, "no sources found for \(module)")
      for (path, text) in files {
        for name in Self.imports(text) where !Self.platform.contains(name) {
          #expect(allowed.contains(name), "\(path) imports \(name), which \(module) may not")
        }
      }
    }
  }

  @Test func onlyTheRunHistoryTouchesTheLedger() throws {
    var files: [(path: String, text: String)] = []
    for module in Self.allowed.keys { files += try Self.sources(module) }
    for (path, text) in files {
      if Self.imports(text).contains("GRDB") { #expect(path.hasSuffix("/RunLedger.swift"), "\(path) imports GRDB") }
      let usesLedger = text.contains("RunLedger(") || text.contains("ledger.record(")
      if usesLedger {
        #expect(path.hasSuffix("/RunHistory.swift") || path.hasSuffix("/RunLedger.swift"), "\(path) opens the ledger")
      }
    }
  }

  /// True when `text` calls `name(` as a free function (not `fingerprint(` or `x.print(`).
  static func calls(_ name: String, in text: String) -> Bool {
    var rest = text[...]
    while let range = rest.range(of: name + "(") {
      let before = rest[..<range.lowerBound].last
      if before.map({ !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }) ?? true { return true }
      rest = rest[range.upperBound...]
    }
    return false
  }

  @Test func theCoreDoesNoInputOutputAndPrintsNothing() throws {
    let forbidden = ["FileManager", "contentsOfFile", "FileHandle", "URLSession", "ProcessInfo"]
    for (path, text) in try Self.sources("OrgReadiness") {
      for word in forbidden { #expect(!text.contains(word), "\(path) uses \(word)") }
      for call in ["fopen", "print"] { #expect(!Self.calls(call, in: text), "\(path) calls \(call)") }
    }
    for module in ["OrgReadinessIngest", "OrgReadinessPipeline"] {
      for (path, text) in try Self.sources(module) { #expect(!Self.calls("print", in: text), "\(path) prints") }
    }
    #expect(Self.calls("print", in: "x\nprint(1)") && !Self.calls("print", in: "Fingerprint(x) a.print(y)"))
  }

  /// Renderers format what the report and its views hold: they call no statistic.
  @Test func renderersComputeNothing() throws {
    let statistics = [
      "mean(", "median(", "quantile(", "robustScale(", "spearman(", "benjaminiHochberg(", "reduce(", "Readings.",
    ]
    let renderers = [
      "ExecutiveHTML.swift", "ExecutiveMarkdown.swift", "UnitsCSV.swift", "SVGChart.swift", "SVGChart+Panels.swift",
      "OrganisationHTML.swift", "SVGChart+Organisations.swift",
    ]
    for (path, text) in try Self.sources("OrgReadiness") where renderers.contains(where: path.hasSuffix) {
      for call in statistics { #expect(!text.contains(call), "\(path) calls \(call)") }
    }
  }
}
