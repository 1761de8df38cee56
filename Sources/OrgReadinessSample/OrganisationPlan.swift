import OrgReadiness

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The organisation's shape: units, their sizes, which are hotspots and which are small, and the
/// running employee-id counter.
struct OrganisationPlan {
  var rng: SeededGenerator
  var units: [SampleUnit] = []
  var nextID = 100_000
  let headUnit = SampleUnit(id: "DEP-ENG", name: "Engineering", leaders: 0, hotspot: false, small: false, offset: 0)

  static let unitNames = [
    "Payments Platform", "Checkout", "Data Infrastructure", "Mobile Apps", "Identity & Access",
    "Search", "Developer Experience", "Customer Support Tools", "Billing", "Growth",
    "Security Engineering", "Site Reliability", "Machine Learning Platform", "Partner Integrations",
    "Internal Tools", "Analytics", "Notifications", "Risk & Fraud", "Storage", "Messaging",
    "Web Frontend", "Platform APIs", "Marketplace", "Logistics", "Pricing", "Catalog",
    "Recommendations", "Accessibility", "Localization", "Compliance Engineering",
  ]

  static let divisionNames = [
    "Platform", "Commerce", "Infrastructure", "Consumer Products", "Data & Intelligence", "Trust & Safety",
    "Enterprise", "Core Services", "Mobile", "Operations", "Marketplace Group", "Developer Products",
  ]

  /// The divisions between the head and the units: none up to 12 units (the units are the top
  /// level), else one per 8 units, at most 12; unit `u` belongs to division `u % count`.
  var divisions: [SampleUnit] {
    guard units.count > 12 else { return [] }
    let count = min(OrganisationPlan.divisionNames.count, max(2, units.count / 8))
    return (0..<count).map { d in
      SampleUnit(
        id: "DIV-" + String(d + 1).leftPadded(to: 2), name: OrganisationPlan.divisionNames[d], leaders: 0,
        hotspot: false, small: false, offset: 0)
    }
  }

  init(config: SampleConfiguration) {
    rng = SeededGenerator(seed: config.seed, stream: "organisation")
    let leaders = config.leaders
    let unitCount = max(3, Int((Double(leaders) / 25).rounded()))
    let smallCount = leaders >= 60 ? min(2, unitCount - 2) : 0
    let hotspotCount = max(1, unitCount / 7)
    var remaining = leaders
    var sizes = [Int](repeating: 0, count: unitCount)
    for s in 0..<smallCount {
      sizes[s] = 2 + rng.index(below: 3)
      remaining -= sizes[s]
    }
    // Spread the rest by log-normal weights (largest remainder, at least 5 each where possible).
    let weights = (smallCount..<unitCount).map { _ in exp(0.5 * rng.normal()) }
    let total = weights.reduce(0, +)
    let floorEach = remaining >= 5 * weights.count ? 5 : 1
    var shares = weights.map { Double(remaining - floorEach * weights.count) * $0 / total }
    for (k, share) in shares.enumerated() { sizes[smallCount + k] = floorEach + Int(share.rounded(.down)) }
    var left = leaders - sizes.reduce(0, +)
    func remainder(_ k: Int) -> Double { shares[k] - shares[k].rounded(.down) }
    while left > 0 {
      let k = shares.indices.max { remainder($0) < remainder($1) } ?? 0
      sizes[smallCount + k] += 1
      shares[k] = shares[k].rounded(.down)
      left -= 1
    }
    // Hotspots: among the regular units, chosen by the seed.
    var regular = Array(smallCount..<unitCount)
    var hotspots = Set<Int>()
    for _ in 0..<min(hotspotCount, regular.count) {
      let pick = rng.index(below: regular.count)
      hotspots.insert(regular.remove(at: pick))
    }
    // Shuffle names deterministically so hotspots are not always the first names.
    var names = OrganisationPlan.unitNames
    for i in stride(from: names.count - 1, to: 0, by: -1) { names.swapAt(i, rng.index(below: i + 1)) }
    units = (0..<unitCount).map { u in
      let base = names[u % names.count]
      let name = u < names.count ? base : "\(base) \(u / names.count + 1)"
      let id = "DEP-" + String(u + 1).leftPadded(to: 3)
      return SampleUnit(
        id: id, name: name, leaders: sizes[u], hotspot: hotspots.contains(u), small: u < smallCount,
        offset: 0.25 * rng.normal())
    }
  }

  mutating func newPerson() -> SamplePerson {
    defer { nextID += 1 }
    return SamplePerson.make(id: nextID, rng: &rng)
  }
}

extension SamplePerson {
  static let firstNames = [
    "Avery", "Jordan", "Riley", "Morgan", "Casey", "Quinn", "Rowan", "Sasha", "Noor", "Kai",
    "Amara", "Mateo", "Priya", "Lena", "Tomasz", "Ines", "Yuki", "Omar", "Freya", "Diego",
  ]
  static let lastNames = [
    "Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Novak", "Fischer", "Costa", "Nguyen",
    "O'Brien", "Kowalski", "Reyes", "Sato", "Brennan", "Adeyemi", "Varga", "Holm", "Petrov",
  ]

  /// A Workday-style WID: 32 random hex digits.
  static func wid(rng: inout SeededGenerator) -> String {
    var wid = ""
    let hex = Array("0123456789abcdef")
    for _ in 0..<32 { wid.append(hex[rng.index(below: 16)]) }
    return wid
  }

  static func make(id: Int, rng: inout SeededGenerator) -> SamplePerson {
    let wid = wid(rng: &rng)
    let name = firstNames[rng.index(below: firstNames.count)] + " " + lastNames[rng.index(below: lastNames.count)]
    return SamplePerson(id: String(id), wid: wid, name: name)
  }
}

extension String {
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
