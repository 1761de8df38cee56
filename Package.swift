// swift-tools-version: 6.1
import PackageDescription

// Linux only (Debian with libxml2-dev and libsqlite3-dev): the code calls Glibc directly, and
// the tool is built and tested on Linux only (docs/decisions/0015-linux-only.md).
let package = Package(
  name: "OrgReadiness",
  products: [
    .executable(name: "orgready", targets: ["orgready"]),
    .library(name: "OrgReadiness", targets: ["OrgReadiness"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // 1.16: LogHandler.log(event:), which the command line's scheduler log handler implements.
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
  ],
  targets: [
    // The system libxml2 (Debian: libxml2-dev). Only OrgReadinessIngest imports it.
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // Pure core: canonical model, resolve, indicators, statistics, prioritise, renderers. No I/O.
    .target(
      name: "OrgReadiness",
      dependencies: [.product(name: "Mustache", package: "swift-mustache")]
    ),
    // Streaming XML ingest through compiled mappings (the one module that touches libxml2).
    .target(
      name: "OrgReadinessIngest",
      dependencies: [
        "CLibXML2", "OrgReadiness",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // Deterministic synthetic HRIS exports.
    .target(name: "OrgReadinessSample", dependencies: ["OrgReadiness"]),
    // Pipeline definitions, the runner, atomic report output, the run ledger and the lock.
    .target(
      name: "OrgReadinessPipeline",
      dependencies: [
        "OrgReadiness", "OrgReadinessIngest",
        .product(name: "Yams", package: "Yams"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // The thin command-line shell.
    .executableTarget(
      name: "orgready",
      dependencies: [
        "OrgReadinessPipeline", "OrgReadinessIngest", "OrgReadinessSample",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // `make bench`: ingest throughput of the real reader, measured beside the C SAX2 baseline.
    .executableTarget(
      name: "ingest-bench",
      dependencies: ["OrgReadiness", "OrgReadinessIngest"],
      path: "Benchmarks/IngestBench"
    ),
    .testTarget(
      name: "OrgReadinessTests",
      dependencies: [
        "OrgReadiness", "OrgReadinessIngest", "OrgReadinessPipeline", "OrgReadinessSample",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
  ]
)

for target in package.targets where target.type != .system {
  var settings = target.swiftSettings ?? []
  settings.append(.enableUpcomingFeature("ExistentialAny"))
  target.swiftSettings = settings
}
