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
