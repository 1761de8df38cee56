#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Formats numbers for people to read, locale-independently (reports must not change with the
/// machine's locale).
public enum ValueFormat {
  /// `bytes` as lowercase hexadecimal, two digits a byte (a digest, a pseudonym's MAC).
  /// Inlinable, so that callers in other modules get it specialised for their sequence type.
  @inlinable
  public static func hex(_ bytes: some Sequence<UInt8>) -> String {
    var text: [UInt8] = []
    text.reserveCapacity(bytes.underestimatedCount * 2)
    for byte in bytes {
      text.append(hexDigits[Int(byte >> 4)])
      text.append(hexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  @usableFromInline static let hexDigits = Array("0123456789abcdef".utf8)

  /// `value` with exactly `decimals` digits after the point ("-0" never appears).
  public static func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "n/a" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    let negative = rounded < 0
    let magnitude = abs(rounded)
    let whole = Int(magnitude.rounded(.down))
    let fraction = decimals > 0 ? Int(((magnitude - Double(whole)) * scale).rounded()) : 0
    // "-", the whole digits, "." and the fraction's digits (at least `decimals`, zeros first),
    // written as bytes: the digits of `String(whole)` and `String(fraction)`.
    let wholeDigits = digitCount(whole)
    let fractionDigits = decimals > 0 ? max(decimals, digitCount(fraction)) : 0
    let sign = negative && rounded != 0 ? 1 : 0
    let length = sign + wholeDigits + (decimals > 0 ? 1 + fractionDigits : 0)
    return String(unsafeUninitializedCapacity: length) { buffer in
      if sign == 1 { buffer[0] = UInt8(ascii: "-") }
      writeDigits(whole, into: buffer, end: sign + wholeDigits, count: wholeDigits)
      if decimals > 0 {
        buffer[sign + wholeDigits] = UInt8(ascii: ".")
        writeDigits(fraction, into: buffer, end: length, count: fractionDigits)
      }
      return length
    }
  }

  /// The number of decimal digits of a value ≥ 0 (1 for 0).
  static func digitCount(_ value: Int) -> Int {
    var count = 1
    var rest = value / 10
    while rest > 0 {
      count += 1
      rest /= 10
    }
    return count
  }

  /// Writes `value` ≥ 0 as `count` decimal digits (zeros first) ending before `end`.
  static func writeDigits(_ value: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, end: Int, count: Int) {
    var rest = value
    for i in stride(from: end - 1, through: end - count, by: -1) {
      buffer[i] = UInt8(ascii: "0") + UInt8(rest % 10)
      rest /= 10
    }
  }

  /// `fixed` with a "+" before a value that shows above zero ("+0.42", "-0.10", "0.00").
  public static func signed(_ value: Double, _ decimals: Int) -> String {
    let text = fixed(value, decimals)
    return value > 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "+" + text : text
  }

  /// A p- or q-value: three decimals, or "< 0.001".
  public static func probability(_ value: Double) -> String {
    value < 0.001 ? "< 0.001" : fixed(value, 3)
  }
}
