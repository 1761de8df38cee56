extension SVGChart {
  /// The small multiple of an organisation card: its shown units by tier (act now, watch, fine) as
  /// one stacked bar, and the share of its leaders early in role as a second bar on 0–100%. One
  /// drawing, narrow enough for a phone, so every card's chart has the same scale.
  public static func organisation(
    actNow: Int, watch: Int, fine: Int, earlyInRoleShare: Double, title: String, desc: String
  ) -> String {
    let width = 260.0
    let labelWidth = 92.0
    // Room right of the bars for the share ("100%").
    let barSpace = width - labelWidth - 44
    let units = max(1, actNow + watch + fine)
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"small-multiple\" viewBox=\"0 0 260 52\" width=\"260\" height=\"52\"><title>\(escape(title))</title><desc>\(escape(desc))</desc>"
    svg += text("Units by tier", x: 0, y: 16)
    var x = labelWidth
    for (count, className) in [(actNow, "tier-act"), (watch, "tier-watch"), (fine, "tier-fine")] where count > 0 {
      let w = barSpace * Double(count) / Double(units)
      svg += "<rect x=\"\(fmt(x))\" y=\"5\" width=\"\(fmt(w))\" height=\"14\" class=\"\(className)\"/>"
      x += w
    }
    svg += text("Early in role", x: 0, y: 42)
    svg += "<rect x=\"\(fmt(labelWidth))\" y=\"31\" width=\"\(fmt(barSpace))\" height=\"14\" class=\"track\"/>"
    let share = min(1, max(0, earlyInRoleShare))
    svg +=
      "<rect x=\"\(fmt(labelWidth))\" y=\"31\" width=\"\(fmt(max(1, barSpace * share)))\" height=\"14\" class=\"bar\"/>"
    svg += text(ValueFormat.fixed(share * 100, 0) + "%", x: labelWidth + barSpace + 6, y: 42, className: "value")
    return svg + "</svg>"
  }
}
