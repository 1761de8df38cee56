extension SVGChart {
  /// How a panel's values are written on its axis.
  public enum PanelScale: Sendable {
    /// Robust SDs, signed ("+0.40").
    case signed
    /// A share of 0…1, as a percentage ("35%").
    case share
    /// A whole count ("3").
    case count

    func format(_ value: Double) -> String {
      switch self {
      case .signed: return ValueFormat.signed(value, 2)
      case .share: return ValueFormat.fixed(value * 100, 0) + "%"
      case .count: return ValueFormat.fixed(value, 0)
      }
    }
  }

  /// Small multiples: one panel per measure, each a line over the same months with its own
  /// vertical axis (which always includes zero). Wide: two panels a row; narrow: one. Only the
  /// first and last months are written under each panel, and a value missing in a month leaves a
  /// gap in its line.
  public static func panels(
    _ panels: [(title: String, scale: PanelScale, points: [(label: String, value: Double?)])], title: String
  ) -> String {
    guard !panels.isEmpty, panels.contains(where: { $0.points.contains { $0.value != nil } }) else { return "" }
    let desc = panels.map { panel in
      let values = panel.points.map { "\($0.label) \($0.value.map(panel.scale.format) ?? "not available")" }
      return "\(panel.title): " + values.joined(separator: ", ")
    }.joined(separator: "; ")
    return Variant.allCases.map { variant in
      let columns = variant == .wide ? 2 : 1
      let gap = 24.0
      let panelWidth = (variant.width - gap * Double(columns - 1)) / Double(columns)
      let plotHeight = variant == .wide ? 80.0 : 70.0
      let panelHeight = 26 + plotHeight + 28 + 14
      let rows = (panels.count + columns - 1) / columns
      var svg = open(variant, height: panelHeight * Double(rows) - 14, title: title, desc: desc)
      for (k, panel) in panels.enumerated() {
        let left = Double(k % columns) * (panelWidth + gap)
        let top = Double(k / columns) * panelHeight
        svg += self.panel(
          panel, series: k, left: left, top: top, width: panelWidth, plotHeight: plotHeight)
      }
      return svg + "</svg>"
    }.joined()
  }

  /// One panel: its title above, the axis values left of the plot, the months under it.
  static func panel(
    _ panel: (title: String, scale: PanelScale, points: [(label: String, value: Double?)]), series: Int,
    left: Double, top: Double, width: Double, plotHeight: Double
  ) -> String {
    var svg = text(panel.title, x: left, y: top + 14, fit: width)
    let values = panel.points.compactMap(\.value)
    var low = min(0, values.min() ?? 0)
    var high = max(0, values.max() ?? 0)
    if high - low < 1e-9 { high = low + (panel.scale == .share ? 0.1 : 1) }
    if panel.scale == .count { high = high.rounded(.up) }
    if panel.scale == .share { low = max(0, low) }
    let plotTop = top + 26
    let plotLeft = left + 50
    let plotRight = left + width - 8
    func py(_ v: Double) -> Double { plotTop + (high - v) / (high - low) * plotHeight }
    let count = panel.points.count
    func px(_ i: Int) -> Double {
      count == 1
        ? (plotLeft + plotRight) / 2 : plotLeft + 6 + Double(i) * (plotRight - plotLeft - 12) / Double(count - 1)
    }
    var ticks = [high, low]
    if low < 0, high > 0, py(0) - py(high) >= 16, py(low) - py(0) >= 16 { ticks.append(0) }
    for tick in ticks {
      svg +=
        "<line x1=\"\(fmt(plotLeft))\" y1=\"\(fmt(py(tick)))\" x2=\"\(fmt(plotRight))\" y2=\"\(fmt(py(tick)))\" class=\"grid\"/>"
      svg += text(panel.scale.format(tick), x: plotLeft - 8, y: py(tick) + 4, anchor: "end", className: "tick")
    }
    // The line, broken where a month has no value.
    var path = ""
    var pen = false
    for (i, point) in panel.points.enumerated() {
      guard let value = point.value else {
        pen = false
        continue
      }
      path += "\(pen ? " L" : (path.isEmpty ? "M" : " M"))\(fmt(px(i))),\(fmt(py(value)))"
      pen = true
    }
    if !path.isEmpty {
      svg += "<path d=\"\(path)\" class=\"series s\(series % dashes.count)\" fill=\"none\"/>"
    }
    for (i, point) in panel.points.enumerated() {
      guard let value = point.value else { continue }
      svg += "<circle cx=\"\(fmt(px(i)))\" cy=\"\(fmt(py(value)))\" r=\"3.5\" class=\"dot\"/>"
    }
    let labelY = plotTop + plotHeight + 22
    if let first = panel.points.first {
      let anchor = count == 1 ? "middle" : "start"
      svg += text(first.label, x: count == 1 ? px(0) : px(0) - 6, y: labelY, anchor: anchor, className: "tick")
    }
    if count > 1, let last = panel.points.last {
      svg += text(last.label, x: px(count - 1) + 6, y: labelY, anchor: "end", className: "tick")
    }
    return svg
  }
}
