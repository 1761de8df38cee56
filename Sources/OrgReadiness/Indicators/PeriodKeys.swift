/// The team periods' leader ids, team ids and org unit ids, each numbered once for the whole
/// analysis, with every row's numbers: the stages group and compare rows by number instead of
/// hashing and comparing the ids of millions of rows again and again.
struct PeriodKeys: Sendable {
  /// By leader id.
  let leaders: KeyNumbering
  /// By team id (rows without one have none).
  let teams: KeyNumbering
  /// By org unit id, "" for rows without one.
  let units: KeyNumbering

  /// The three numberings are made at the same time.
  init(_ periods: [TeamPeriod]) {
    let made = ParallelResults<KeyNumbering>(count: 3)
    concurrentPerform(iterations: 3) { k in
      switch k {
      case 0: made.set(k, KeyNumbering(periods) { $0.leaderID })
      case 1: made.set(k, KeyNumbering(periods) { $0.teamID })
      default: made.set(k, KeyNumbering(periods) { $0.orgUnitID ?? "" })
      }
    }
    let numberings = made.values
    leaders = numberings[0] ?? KeyNumbering([]) { _ in nil }
    teams = numberings[1] ?? KeyNumbering([]) { _ in nil }
    units = numberings[2] ?? KeyNumbering([]) { _ in nil }
  }
}

/// One key of the team periods numbered from 0 in order of first appearance, and each row's number.
struct KeyNumbering: Sendable {
  /// The keys, by number.
  let keys: [String]
  /// Each row's key number; −1 for a row without the key.
  let ofRow: [Int32]
  private let numbers: [String: Int32]

  init(_ periods: [TeamPeriod], key: (TeamPeriod) -> String?) {
    var numbers: [String: Int32] = [:]
    var keys: [String] = []
    var ofRow = [Int32](repeating: -1, count: periods.count)
    for r in periods.indices {
      guard let k = key(periods[r]) else { continue }
      let next = Int32(keys.count)
      let n = numbers.firstValue(for: k, storing: next)
      if n == next { keys.append(k) }
      ofRow[r] = n
    }
    self.keys = keys
    self.ofRow = ofRow
    self.numbers = numbers
  }

  /// The number of `key`; nil when no row has it.
  func number(_ key: String) -> Int32? { numbers[key] }

  /// Every key's rows in row order, in one flat list.
  func rowGroups() -> RowGroups { RowGroups(self) }
}

/// The rows of each key of a `KeyNumbering`, in row order, in one flat list.
struct RowGroups: Sendable {
  private let starts: [Int]
  private let rows: [Int32]

  init(_ numbering: KeyNumbering) {
    let count = numbering.keys.count
    var starts = [Int](repeating: 0, count: count + 1)
    for g in numbering.ofRow where g >= 0 { starts[Int(g) + 1] += 1 }
    for g in 0..<count { starts[g + 1] += starts[g] }
    var next = Array(starts.dropLast())
    var rows = [Int32](repeating: 0, count: starts[count])
    for (r, g) in numbering.ofRow.enumerated() where g >= 0 {
      rows[next[Int(g)]] = Int32(r)
      next[Int(g)] += 1
    }
    self.starts = starts
    self.rows = rows
  }

  /// The rows of key number `g`, in row order.
  func rows(_ g: Int) -> ArraySlice<Int32> { rows[starts[g]..<starts[g + 1]] }
}
