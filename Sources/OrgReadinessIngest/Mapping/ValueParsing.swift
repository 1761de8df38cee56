import OrgReadiness

/// Turns trimmed source text into typed canonical values. Every parser returns nil for text it
/// cannot read; callers turn that into a rejected record naming the field.
enum ValueParsing {
  /// Reads the date forms HRIS exports use, always as a calendar date (never shifted through a
  /// time zone): `YYYY-MM-DD`, `YYYY-MM-DD±HH:MM`, `YYYY-MM-DDZ`,
  /// `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`, OData `/Date(ms[±offset])/`, and a configured
  /// pattern such as `DD/MM/YYYY`. `0000-00-00` means "no date" and gives `.null`.
  enum DateResult: Equatable {
    case date(CalendarDate)
    case null
    case invalid(String)
  }

  static func date(_ text: String, format: String?) -> DateResult {
    if text == "0000-00-00" || text.hasPrefix("0000-00-00T") { return .null }
    let bytes = Array(text.utf8)
    if let format { return patternDate(bytes, format: format, text: text) }
    if text.hasPrefix("/Date(") { return odataDate(text) }
    guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let y = CalendarDate.number(bytes, 0, 4), let m = CalendarDate.number(bytes, 5, 2),
      let d = CalendarDate.number(bytes, 8, 2)
    else { return .invalid("'\(text)' is not a date (expected YYYY-MM-DD)") }
    let rest = bytes[10...]
    if !rest.isEmpty && !validDateSuffix(Array(rest)) {
      return .invalid("'\(text)' is not a date: unexpected text after YYYY-MM-DD")
    }
    guard let date = CalendarDate(year: y, month: m, day: d) else {
      return .invalid("'\(text)' is not a real calendar date")
    }
    return .date(date)
  }

  /// After the date: nothing, `Z`, `±HH:MM`, or `T` + a time with an optional zone.
  private static func validDateSuffix(_ rest: [UInt8]) -> Bool {
    if rest == [UInt8(ascii: "Z")] { return true }
    if rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") { return isOffset(rest[...]) }
    guard rest.first == UInt8(ascii: "T") else { return false }
    var time = rest.dropFirst()
    // HH:MM
    guard time.count >= 5, digits(time.prefix(2)), time[time.startIndex + 2] == UInt8(ascii: ":"),
      digits(time.dropFirst(3).prefix(2))
    else { return false }
    time = time.dropFirst(5)
    if time.first == UInt8(ascii: ":") {
      guard time.count >= 3, digits(time.dropFirst().prefix(2)) else { return false }
      time = time.dropFirst(3)
      if time.first == UInt8(ascii: ".") {
        time = time.dropFirst()
        let fraction = time.prefix { $0 >= 48 && $0 <= 57 }
        guard !fraction.isEmpty else { return false }
        time = time.dropFirst(fraction.count)
      }
    }
    if time.isEmpty || Array(time) == [UInt8(ascii: "Z")] { return true }
    return isOffset(time)
  }

  private static func isOffset(_ text: ArraySlice<UInt8>) -> Bool {
    let t = Array(text)
    return t.count == 6 && (t[0] == UInt8(ascii: "+") || t[0] == UInt8(ascii: "-"))
      && digits(t[1...2]) && t[3] == UInt8(ascii: ":") && digits(t[4...5])
  }

  private static func digits(_ bytes: ArraySlice<UInt8>) -> Bool {
    !bytes.isEmpty && bytes.allSatisfy { $0 >= 48 && $0 <= 57 }
  }

  /// `/Date(1398190210000)/` or `/Date(1398190210000+0060)/`: milliseconds since the epoch in
  /// UTC, with an optional offset in minutes that gives the local calendar date.
  private static func odataDate(_ text: String) -> DateResult {
    guard text.hasSuffix(")/") else { return .invalid("'\(text)' is not an OData /Date(ms)/ value") }
    let inner = text.dropFirst(6).dropLast(2)
    var digitsPart = Substring(inner)
    var offsetMinutes = 0
    if let signIndex = inner.dropFirst().firstIndex(where: { $0 == "+" || $0 == "-" }) {
      digitsPart = inner[inner.startIndex..<signIndex]
      guard let offset = Int(inner[inner.index(after: signIndex)...]) else {
        return .invalid("'\(text)' has an unreadable offset")
      }
      offsetMinutes = inner[signIndex] == "-" ? -offset : offset
    }
    guard let ms = Int64(digitsPart) else { return .invalid("'\(text)' is not an OData /Date(ms)/ value") }
    let localMs = ms + Int64(offsetMinutes) * 60_000
    let day = localMs >= 0 ? localMs / 86_400_000 : (localMs - 86_399_999) / 86_400_000
    guard abs(day) < 3_000_000 else { return .invalid("'\(text)' is out of range") }
    return .date(CalendarDate(daysSinceEpoch: Int32(day)))
  }

  /// A configured pattern: `YYYY`, `MM`, `DD` are the parts, anything else must match literally.
  private static func patternDate(_ bytes: [UInt8], format: String, text: String) -> DateResult {
    let pattern = Array(format.utf8)
    var i = 0
    var j = 0
    var year: Int?
    var month: Int?
    var day: Int?
    while i < pattern.count {
      let rest = pattern[i...]
      if rest.starts(with: Array("YYYY".utf8)) {
        guard j + 4 <= bytes.count, let v = CalendarDate.number(bytes, j, 4) else { break }
        year = v
        i += 4
        j += 4
      } else if rest.starts(with: Array("MM".utf8)) {
        guard j + 2 <= bytes.count, let v = CalendarDate.number(bytes, j, 2) else { break }
        month = v
        i += 2
        j += 2
      } else if rest.starts(with: Array("DD".utf8)) {
        guard j + 2 <= bytes.count, let v = CalendarDate.number(bytes, j, 2) else { break }
        day = v
        i += 2
        j += 2
      } else {
        guard j < bytes.count, bytes[j] == pattern[i] else { break }
        i += 1
        j += 1
      }
    }
    guard i == pattern.count, j == bytes.count, let year, let month, let day else {
      return .invalid("'\(text)' does not match the date format \(format)")
    }
    if year == 0 && month == 0 && day == 0 { return .null }
    guard let date = CalendarDate(year: year, month: month, day: day) else {
      return .invalid("'\(text)' is not a real calendar date")
    }
    return .date(date)
  }

  /// `YYYY-MM`, or any date form (its month).
  static func period(_ text: String, format: String?) -> Period? {
    if format == nil, let period = Period(text: text) { return period }
    if case .date(let date) = date(text, format: format) { return date.period }
    return nil
  }

  /// `1`/`0`, `true`/`false`, `t`/`f`, `yes`/`no`, `y`/`n` (any case).
  static func bool(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "1", "true", "t", "yes", "y": return true
    case "0", "false", "f", "no", "n": return false
    default: return nil
    }
  }

  /// A finite decimal number (`12`, `-3.5`, `1e3`).
  static func decimal(_ text: String) -> Double? {
    guard let value = Double(text), value.isFinite else { return nil }
    return value
  }

  /// Powers of ten a Double holds exactly (10^0 ... 10^22).
  private static let exactPowersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { x, _ in x * 10 } }

  /// The plain decimals exports are made of (`12`, `-3.5`, `0.146`), read straight from the
  /// captured bytes without a String: an optional `-`, digits, and an optional `.` followed by
  /// digits, with at most 15 significant digits and 22 after the point. The result is the one
  /// `decimal(_:)` gives (a mantissa below 2^53 and an exact power of ten divide with one
  /// rounding, which is how a correctly rounded parser reads the text). Nil for any other form,
  /// which the caller then reads through `decimal(_:)`.
  @inline(__always)
  static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var i = 0
    let n = bytes.count
    var negative = false
    if n > 0 && bytes[0] == UInt8(ascii: "-") {
      negative = true
      i = 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var significant = 0
    var fraction = 0
    var seenPoint = false
    while i < n {
      let b = bytes[i]
      if b >= 48 && b <= 57 {
        digits += 1
        if seenPoint { fraction += 1 }
        if mantissa != 0 || b != 48 { significant += 1 }
        mantissa = mantissa &* 10 &+ UInt64(b - 48)
      } else if b == UInt8(ascii: "."), !seenPoint, digits > 0 {
        seenPoint = true
      } else {
        return nil
      }
      i += 1
    }
    guard digits > 0, !seenPoint || fraction > 0, significant <= 15, fraction <= 22 else { return nil }
    let magnitude = Double(mantissa) / exactPowersOfTen[fraction]
    return negative ? -magnitude : magnitude
  }

  /// `YYYY-MM-DD`, `YYYY-MM-DDZ` or `YYYY-MM-DD±HH:MM` read straight from the captured bytes: the
  /// date `date(_:format:)` gives for the same text. Nil for every other form and for text that is
  /// not a real date, which the caller then reads (and explains) through `date(_:format:)`.
  @inline(__always)
  static func plainDate(_ b: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
    let n = b.count
    guard n == 10 || n == 11 || n == 16, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
    @inline(__always) func digit(_ i: Int) -> Int? {
      let v = b[i] &- 48
      return v <= 9 ? Int(v) : nil
    }
    guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3), let m0 = digit(5),
      let m1 = digit(6), let d0 = digit(8), let d1 = digit(9)
    else { return nil }
    switch n {
    case 11:
      guard b[10] == UInt8(ascii: "Z") else { return nil }
    case 16:
      guard b[10] == UInt8(ascii: "+") || b[10] == UInt8(ascii: "-"), digit(11) != nil, digit(12) != nil,
        b[13] == UInt8(ascii: ":"), digit(14) != nil, digit(15) != nil
      else { return nil }
    default: break
    }
    let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
    guard year != 0 else { return nil }  // 0000-00-00 means "no date": the slow path says so
    return CalendarDate(year: year, month: m0 * 10 + m1, day: d0 * 10 + d1)
  }

  /// A whole number, allowing a decimal form with no fraction (`12.0`) as RaaS emits for xsd:decimal.
  static func integer(_ text: String) -> Int? {
    if let value = Int(text) { return value }
    return decimal(text).flatMap(wholeNumber)
  }

  /// A decimal that is a whole number (`12.0`) as an Int; nil for a fraction or beyond 10^15.
  static func wholeNumber(_ value: Double) -> Int? {
    value == value.rounded() && abs(value) < 1e15 ? Int(value) : nil
  }
}
