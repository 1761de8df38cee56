/// What changed between two runs, from the figures the ledger keeps (`orgready diff`): units that
/// entered or left each tier, rank and score changes, indicators that became or stopped being
/// linked to time in role, and input counts that moved by more than `inputThreshold`.
public struct RunComparison: Codable, Hashable, Sendable {
  public struct Unit: Codable, Hashable, Sendable {
    public var orgUnit: String
    public var name: String

    enum CodingKeys: String, CodingKey {
      case orgUnit = "org_unit"
      case name
    }
  }

  /// The units that entered and left one tier.
  public struct TierMoves: Codable, Hashable, Sendable {
    public var tier: SupportTier
    public var entered: [Unit]
    public var left: [Unit]
  }

  /// An org unit whose place on the list changed (nil rank: not on that run's list).
  public struct UnitChange: Codable, Hashable, Sendable {
    public var unit: Unit
    public var rankBefore: Int?
    public var rankAfter: Int?
    public var scoreBefore: Double?
    public var scoreAfter: Double?

    enum CodingKeys: String, CodingKey {
      case unit
      case rankBefore = "rank_before"
      case rankAfter = "rank_after"
      case scoreBefore = "score_before"
      case scoreAfter = "score_after"
    }
  }

  /// An input count that moved by more than the threshold (nil: the input is not in that run).
  public struct InputChange: Codable, Hashable, Sendable {
    public var input: String
    /// `records_read`, `accepted` or `rejected`.
    public var count: String
    public var before: Int?
    public var after: Int?
    /// (after − before) / before; nil when the input is new, gone, or had none before.
    public var change: Double?
  }

  public var from: Report.PreviousRun
  public var to: Report.PreviousRun
  /// Nil when either run was recorded before the ledger kept tiers (schema v1).
  public var tiers: [TierMoves]?
  /// Units whose rank or score changed, or that joined or left the list, by their rank in `to`.
  public var units: [UnitChange]
  /// Nil when either run was recorded before the ledger kept the verdicts.
  public var becameLinked: [String]?
  public var stoppedBeingLinked: [String]?
  public var inputThreshold: Double
  /// Nil when either run was recorded before the ledger kept input counts.
  public var inputs: [InputChange]?

  enum CodingKeys: String, CodingKey {
    case from, to, tiers, units
    case becameLinked = "became_linked"
    case stoppedBeingLinked = "stopped_being_linked"
    case inputThreshold = "input_threshold"
    case inputs
  }

  public init(from a: PastRun, to b: PastRun, inputThreshold: Double = 0.1) {
    from = a.run
    to = b.run
    self.inputThreshold = inputThreshold
    var names: [String: String] = [:]
    for figure in a.figures + b.figures where figure.label != nil && figure.scope != .indicatorLinked {
      names[figure.key] = figure.label
    }
    func unit(_ id: String) -> Unit { Unit(orgUnit: id, name: names[id] ?? id) }

    let tiersA = a.values(.unitTier)
    let tiersB = b.values(.unitTier)
    let recordedTiers = !tiersA.isEmpty || a.values(.unitRank).isEmpty
    if recordedTiers && (!tiersB.isEmpty || b.values(.unitRank).isEmpty) {
      let ranksB = b.values(.unitRank)
      let ranksA = a.values(.unitRank)
      func order(_ x: String, _ y: String) -> Bool {
        (ranksB[x] ?? ranksA[x] ?? .infinity, x) < (ranksB[y] ?? ranksA[y] ?? .infinity, y)
      }
      tiers = SupportTier.allCases.map { tier in
        let t = Double(tier.ordinal)
        return TierMoves(
          tier: tier,
          entered: tiersB.keys.filter { tiersB[$0] == t && tiersA[$0] != t }.sorted(by: order).map(unit),
          left: tiersA.keys.filter { tiersA[$0] == t && tiersB[$0] != t }.sorted(by: order).map(unit))
      }
    } else {
      tiers = nil
    }

    let ranksA = a.values(.unitRank)
    let ranksB = b.values(.unitRank)
    let scoresA = a.values(.unitScore)
    let scoresB = b.values(.unitScore)
    units = Set(ranksA.keys).union(ranksB.keys).compactMap { id -> UnitChange? in
      let change = UnitChange(
        unit: unit(id), rankBefore: ranksA[id].map { Int($0) }, rankAfter: ranksB[id].map { Int($0) },
        scoreBefore: scoresA[id], scoreAfter: scoresB[id])
      return change.rankBefore == change.rankAfter && change.scoreBefore == change.scoreAfter ? nil : change
    }.sorted {
      ($0.rankAfter ?? Int.max, $0.rankBefore ?? Int.max, $0.unit.orgUnit)
        < ($1.rankAfter ?? Int.max, $1.rankBefore ?? Int.max, $1.unit.orgUnit)
    }

    let linkedA = a.values(.indicatorLinked)
    let linkedB = b.values(.indicatorLinked)
    var labels: [String: String] = [:]
    for figure in a.figures + b.figures where figure.scope == .indicatorLinked { labels[figure.key] = figure.label }
    if linkedA.isEmpty || linkedB.isEmpty {
      becameLinked = nil
      stoppedBeingLinked = nil
    } else {
      becameLinked = linkedB.keys.filter { linkedB[$0] == 1 && linkedA[$0] != 1 }.sorted().map { labels[$0] ?? $0 }
      stoppedBeingLinked = linkedA.keys.filter { linkedA[$0] == 1 && linkedB[$0] != 1 }.sorted().map {
        labels[$0] ?? $0
      }
    }

    let counts: [(FigureScope, String)] = [
      (.inputRecordsRead, "records_read"), (.inputAccepted, "accepted"), (.inputRejected, "rejected"),
    ]
    if a.values(.inputRecordsRead).isEmpty || b.values(.inputRecordsRead).isEmpty {
      inputs = nil
    } else {
      var moved: [InputChange] = []
      for (scope, name) in counts {
        let before = a.values(scope)
        let after = b.values(scope)
        for input in Set(before.keys).union(after.keys).sorted() {
          let x = before[input]
          let y = after[input]
          let change: Double? = x.flatMap { x in y.flatMap { y in x > 0 ? (y - x) / x : nil } }
          let movedEnough: Bool
          switch (x, y) {
          case (let x?, let y?): movedEnough = x > 0 ? abs(y - x) / x > inputThreshold : y > 0
          default: movedEnough = true
          }
          if movedEnough {
            moved.append(
              InputChange(
                input: input, count: name, before: x.map { Int($0) }, after: y.map { Int($0) }, change: change))
          }
        }
      }
      inputs = moved
    }
  }
}
