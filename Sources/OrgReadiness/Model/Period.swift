/// A calendar month (`YYYY-MM`), the unit of team metrics.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Months since year 0: `year * 12 + (month - 1)`.
  public var index: Int32

  public init(index: Int32) { self.index = index }

  public init(year: Int, month: Int) {
    self.index = Int32(year * 12 + (month - 1))
  }

  public var year: Int { Int(index) / 12 }
  public var month: Int { Int(index) % 12 + 1 }

  public func advanced(by months: Int) -> Period { Period(index: index + Int32(months)) }

  /// The first day of the month.
  public var firstDay: CalendarDate {
    // Months always have a first day; the force is on a value we constructed.
    CalendarDate(daysSinceEpoch: Int32(CalendarDate.daysFromCivil(year: year, month: month, day: 1)))
  }

  /// The last day of the month.
  public var lastDay: CalendarDate {
    CalendarDate(
      daysSinceEpoch: Int32(
        CalendarDate.daysFromCivil(
          year: year, month: month, day: CalendarDate.daysIn(year: year, month: month))))
  }

  /// `YYYY-MM`.
  public var description: String {
    CalendarDate.pad(year, 4) + "-" + CalendarDate.pad(month, 2)
  }

  /// Parses exactly `YYYY-MM`.
  public init?(text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
      let y = CalendarDate.number(bytes, 0, 4), let m = CalendarDate.number(bytes, 5, 2),
      (1...9999).contains(y), (1...12).contains(m)
    else { return nil }
    self.init(year: y, month: m)
  }

  public static func < (lhs: Period, rhs: Period) -> Bool { lhs.index < rhs.index }
}

extension Period: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let period = Period(text: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected a month as YYYY-MM, found '\(text)'")
    }
    self = period
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
