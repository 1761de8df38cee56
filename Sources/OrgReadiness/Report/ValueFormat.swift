#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Formats numbers for people to read, locale-independently (reports must not change with the
/// machine's locale).
public enum ValueFormat {
  /// `value` with exactly `decimals` digits after the point ("-0" never appears).
  public static func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "n/a" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    let negative = rounded < 0
    let magnitude = abs(rounded)
    let whole = Int(magnitude.rounded(.down))
    var text = String(whole)
    if decimals > 0 {
      let fraction = Int(((magnitude - Double(whole)) * scale).rounded())
      var digits = String(fraction)
      if digits.count < decimals { digits = String(repeating: "0", count: decimals - digits.count) + digits }
      text += "." + digits
    }
    return negative && rounded != 0 ? "-" + text : text
  }

  /// A p- or q-value: three decimals, or "< 0.001".
  public static func probability(_ value: Double) -> String {
    value < 0.001 ? "< 0.001" : fixed(value, 3)
  }

  /// An indicator value with its unit, chosen from the indicator's name: `*_hours` → "31.2 h",
  /// `*_days` → "4.1 days", `*_share`/`*_rate` (0–1) → "46%" ("4.5%" under 10%), anything else
  /// → one decimal.
  public static func indicator(_ value: Double, name: String) -> String {
    if name.hasSuffix("_hours") { return fixed(value, 1) + " h" }
    if name.hasSuffix("_days") { return fixed(value, 1) + " days" }
    if name.hasSuffix("_share") || name.hasSuffix("_rate") {
      let percent = value * 100
      return fixed(percent, abs(percent) < 10 ? 1 : 0) + "%"
    }
    return fixed(value, 1)
  }

  /// A difference between two values of an indicator, signed, in its unit: "+10.8 h",
  /// "-2.6 days", "+21 pp" (percentage points for shares and rates), "+1.5".
  public static func difference(_ value: Double, name: String) -> String {
    let sign = value > 0 ? "+" : ""
    if name.hasSuffix("_share") || name.hasSuffix("_rate") {
      let points = value * 100
      return sign + fixed(points, abs(points) < 10 ? 1 : 0) + " pp"
    }
    return sign + indicator(value, name: name)
  }
}
