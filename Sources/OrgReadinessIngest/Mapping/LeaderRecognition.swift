import Foundation

/// A compiled `people_leader` rule on management levels: the rank cut-off and the pattern.
/// Immutable once built, so one matcher serves every reading thread.
public final class ManagementLevelMatcher: @unchecked Sendable {
  public let rule: ManagementLevelRule
  private let expression: NSRegularExpression?

  /// Compiles the rule's pattern; a pattern that is not a regular expression is a mapping error.
  init(_ rule: ManagementLevelRule) throws(MappingError) {
    self.rule = rule
    if let pattern = rule.pattern {
      do {
        expression = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
      } catch {
        throw MappingError(
          key: "people_leader.matches",
          message: "'\(pattern)' is not a regular expression (e.g. 'manager|director|vice president')")
      }
    } else {
      expression = nil
    }
  }

  /// True when `level` leads people: its rank is at most the cut-off, or the pattern finds it.
  public func isLeader(_ level: String) -> Bool {
    if let cutOff = rule.rankAtMost, let rank = ManagementLevelRule.rank(of: level), rank <= cutOff { return true }
    if let expression {
      let range = NSRange(level.startIndex..<level.endIndex, in: level)
      return expression.firstMatch(in: level, options: [], range: range) != nil
    }
    return false
  }
}

/// The values a leader rule was decided on, counted while a file is read, so that a run whose
/// rule finds no leader can show what the export holds instead. At most `capacity` distinct
/// values are kept (management levels are a few dozen); later new values are only counted.
public final class ValueTally: @unchecked Sendable {
  public static let capacity = 10_000
  private(set) var counts: [String: Int] = [:]
  /// Values read (including those past the capacity).
  public private(set) var total = 0
  /// Records where the value was absent.
  public private(set) var absent = 0

  public init() {}

  public func add(_ value: String?) {
    guard let value else {
      absent += 1
      return
    }
    total += 1
    if let count = counts[value] {
      counts[value] = count + 1
    } else if counts.count < Self.capacity {
      counts[value] = 1
    }
  }

  /// Adds another tally's counts (several files read through one mapping).
  public func merge(_ other: ValueTally) {
    total += other.total
    absent += other.absent
    for (value, count) in other.counts {
      if let existing = counts[value] {
        counts[value] = existing + count
      } else if counts.count < Self.capacity {
        counts[value] = count
      }
    }
  }

  /// The most frequent values, most frequent first (ties by value).
  public func top(_ n: Int) -> [(value: String, count: Int)] {
    counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(n).map { ($0.key, $0.value) }
  }

  /// "'a' (12), 'b' (3)" for messages.
  public func describeTop(_ n: Int) -> String {
    top(n).map { "'\($0.value)' (\($0.count))" }.joined(separator: ", ")
  }
}
