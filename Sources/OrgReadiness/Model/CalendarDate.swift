/// A calendar date with no time and no time zone: HRIS effective dates are days, and a date
/// such as `2022-04-01-07:00` must stay April 1st whatever zone the machine is in.
///
/// Stored as days since 1970-01-01 (proleptic Gregorian), so differences are exact day counts.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public var daysSinceEpoch: Int32

  public init(daysSinceEpoch: Int32) {
    self.daysSinceEpoch = daysSinceEpoch
  }

  /// The UTC calendar day of an instant given as seconds since 1970-01-01T00:00:00Z.
  public init(utcDayOf secondsSinceEpoch: Double) {
    self.daysSinceEpoch = Int32((secondsSinceEpoch / 86_400).rounded(.down))
  }

  /// A date from its parts, or nil when the parts do not form a real date (2023-02-29, month 13).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CalendarDate.daysIn(year: year, month: month)).contains(day)
    else { return nil }
    self.daysSinceEpoch = Int32(CalendarDate.daysFromCivil(year: year, month: month, day: day))
  }

  public var year: Int { parts.year }
  public var month: Int { parts.month }
  public var day: Int { parts.day }

  /// (year, month, day) of this date.
  public var parts: (year: Int, month: Int, day: Int) {
    CalendarDate.civilFromDays(Int(daysSinceEpoch))
  }

  /// The monthly period this date falls in.
  public var period: Period { Period(year: parts.year, month: parts.month) }

  /// Whole days from `self` to `other` (positive when `other` is later).
  public func days(to other: CalendarDate) -> Int {
    Int(other.daysSinceEpoch) - Int(daysSinceEpoch)
  }

  public func adding(days: Int) -> CalendarDate {
    CalendarDate(daysSinceEpoch: daysSinceEpoch + Int32(days))
  }

  /// `YYYY-MM-DD`.
  public var description: String {
    let (y, m, d) = parts
    return CalendarDate.pad(y, 4) + "-" + CalendarDate.pad(m, 2) + "-" + CalendarDate.pad(d, 2)
  }

  /// Parses exactly `YYYY-MM-DD`; nil for anything else or an impossible date.
  public init?(iso text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let y = CalendarDate.number(bytes, 0, 4), let m = CalendarDate.number(bytes, 5, 2),
      let d = CalendarDate.number(bytes, 8, 2)
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    lhs.daysSinceEpoch < rhs.daysSinceEpoch
  }

  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func daysIn(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Howard Hinnant's days_from_civil.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Howard Hinnant's civil_from_days.
  static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// The decimal number in `bytes[start..<start+count]`, or nil when any byte is not a digit.
  public static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
    var value = 0
    for i in start..<(start + count) {
      let b = bytes[i]
      guard b >= 48 && b <= 57 else { return nil }
      value = value * 10 + Int(b - 48)
    }
    return value
  }

  public static func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }
}

extension CalendarDate: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let date = CalendarDate(iso: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected a date as YYYY-MM-DD, found '\(text)'")
    }
    self = date
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
