/// Small inline SVG charts for the HTML report. Every text placed in a chart is escaped here,
/// because the template inserts the SVG unescaped.
///
/// Each chart comes as two drawings of the same data: a wide one (`chart-wide`, for screens and
/// paper) and a narrow one (`chart-narrow`, for phones), and the page's CSS shows one of them.
/// Both are drawn at their natural size (one user unit is one CSS pixel, `width` and `height` set),
/// so text keeps its size on every screen instead of shrinking with the page; a screen narrower
/// than the drawing scrolls it inside its own box. Each has a `<title>` and a `<desc>` that lists
/// the figures, so the chart also reads as text. Series differ by dash pattern as well as colour,
/// and labels sit outside the plotted area, so none can cover a line.
public enum SVGChart {
  /// The two drawing widths, in CSS px. The wide one fits A4 and Letter paper inside 1 cm margins
  /// (718 px); the narrow one fits a 360 px phone inside the page's and the box's padding.
  static let wideWidth = 680.0
  static let narrowWidth = 300.0
  /// Text size in the charts, in CSS px (the page's CSS uses the same).
  static let fontSize = 12.0

  enum Variant: CaseIterable {
    case wide, narrow
    var width: Double { self == .wide ? SVGChart.wideWidth : SVGChart.narrowWidth }
    var className: String { self == .wide ? "chart-wide" : "chart-narrow" }
  }

  /// A horizontal bar per (label, value); bars are scaled to the largest absolute value. Wide:
  /// label left of its bar; narrow: label above it.
  public static func bars(_ items: [(label: String, value: Double)], title: String) -> String {
    guard !items.isEmpty else { return "" }
    let desc = items.map { "\($0.label): \(ValueFormat.fixed($0.value, 2))" }.joined(separator: "; ")
    let maxValue = max(items.map { abs($0.value) }.max() ?? 1, 1e-9)
    let caption = "priority score (higher: support sooner)"
    return Variant.allCases.map { variant in
      let width = variant.width
      let valueSpace = 48.0
      let labelWidth = variant == .wide ? labelColumn(items.map(\.label)) : 0
      let barSpace = width - labelWidth - valueSpace
      let rowHeight = variant == .wide ? 26.0 : 40.0
      let rowsHeight = rowHeight * Double(items.count)
      let height = rowsHeight + 40
      var svg = open(variant, height: height, title: title, desc: desc)
      for (i, item) in items.enumerated() {
        let top = 6 + Double(i) * rowHeight
        let barLength = max(1, barSpace * abs(item.value) / maxValue)
        let barTop: Double
        switch variant {
        case .wide:
          barTop = top + 4
          svg += text(item.label, x: labelWidth - 8, y: top + 16, anchor: "end", fit: labelWidth - 8)
        case .narrow:
          barTop = top + 18
          svg += text(item.label, x: 0, y: top + 13, fit: width)
        }
        svg +=
          "<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(barTop))\" width=\"\(fmt(barLength))\" height=\"16\" class=\"\(item.value >= 0 ? "bar" : "bar good")\"/>"
        svg += text(ValueFormat.fixed(item.value, 2), x: labelWidth + barLength + 6, y: barTop + 12, className: "value")
      }
      if variant == .wide {
        svg +=
          "<line x1=\"\(fmt(labelWidth))\" y1=\"2\" x2=\"\(fmt(labelWidth))\" y2=\"\(fmt(rowsHeight + 8))\" class=\"axis\"/>"
      }
      svg += text(caption, x: labelWidth, y: rowsHeight + 30, fit: width - labelWidth)
      return svg + "</svg>"
    }.joined()
  }

  /// A dot per estimate with a whisker for its interval on a −1…1 axis (correlations). Wide:
  /// label left of its row; narrow: label above it.
  public static func intervals(
    _ items: [(label: String, estimate: Double, low: Double, high: Double)], title: String, intervalName: String
  )
    -> String
  {
    guard !items.isEmpty else { return "" }
    let desc = items.map {
      "\($0.label): \(ValueFormat.fixed($0.estimate, 2)) (\(intervalName) \(ValueFormat.fixed($0.low, 2)) to \(ValueFormat.fixed($0.high, 2)))"
    }.joined(separator: "; ")
    return Variant.allCases.map { variant in
      let width = variant.width
      let labelWidth = variant == .wide ? labelColumn(items.map(\.label)) : 0
      // Room on both sides for the half-width of the "-1.0" and "1.0" ticks.
      let plotLeft = labelWidth + 14
      let plotWidth = width - plotLeft - 14
      let rowHeight = variant == .wide ? 24.0 : 38.0
      let rowsHeight = rowHeight * Double(items.count)
      let height = rowsHeight + 52
      func x(_ v: Double) -> Double { plotLeft + (max(-1, min(1, v)) + 1) / 2 * plotWidth }
      var svg = open(variant, height: height, title: title, desc: desc)
      // The zero line: whole in the wide drawing; in the narrow one only beside each whisker, so it
      // does not cross the labels above them.
      if variant == .wide {
        svg += "<line x1=\"\(fmt(x(0)))\" y1=\"2\" x2=\"\(fmt(x(0)))\" y2=\"\(fmt(rowsHeight + 6))\" class=\"axis\"/>"
      }
      for tick in [-1.0, -0.5, 0, 0.5, 1] {
        svg += text(ValueFormat.fixed(tick, 1), x: x(tick), y: rowsHeight + 22, anchor: "middle", className: "tick")
      }
      svg += text("Spearman rho and its \(intervalName)", x: x(0), y: rowsHeight + 44, anchor: "middle", fit: plotWidth)
      for (i, item) in items.enumerated() {
        let top = Double(i) * rowHeight
        let y: Double
        switch variant {
        case .wide:
          y = top + 14
          svg += text(item.label, x: labelWidth - 8, y: y + 4, anchor: "end", fit: labelWidth - 8)
        case .narrow:
          y = top + 26
          svg += text(item.label, x: 0, y: top + 13, fit: width)
          svg +=
            "<line x1=\"\(fmt(x(0)))\" y1=\"\(fmt(y - 7))\" x2=\"\(fmt(x(0)))\" y2=\"\(fmt(y + 7))\" class=\"axis\"/>"
        }
        svg +=
          "<line x1=\"\(fmt(x(item.low)))\" y1=\"\(fmt(y))\" x2=\"\(fmt(x(item.high)))\" y2=\"\(fmt(y))\" class=\"whisker\"/>"
        svg += "<circle cx=\"\(fmt(x(item.estimate)))\" cy=\"\(fmt(y))\" r=\"4\" class=\"dot\"/>"
      }
      return svg + "</svg>"
    }.joined()
  }

  /// Dash patterns that tell step-curve series apart without colour.
  static let dashes = ["", "7 4", "2 3", "10 3 2 3"]

  /// Step curves (Kaplan–Meier survival) on a 0…1 vertical axis over months, with a legend above
  /// the plot (wide: one line; narrow: one series a line).
  public static func steps(_ series: [(label: String, points: [(x: Double, y: Double)])], title: String, xLabel: String)
    -> String
  {
    let nonEmpty = series.filter { !$0.points.isEmpty }
    guard !nonEmpty.isEmpty else { return "" }
    let maxX = max(1, nonEmpty.flatMap { $0.points.map(\.x) }.max() ?? 1)
    let desc = nonEmpty.map { item in
      let last = item.points.max { $0.x < $1.x }?.y ?? 1
      return
        "\(item.label): \(ValueFormat.fixed(last * 100, 0))% without a signal after \(ValueFormat.fixed(maxX, 0)) \(xLabel)"
    }.joined(separator: "; ")
    return Variant.allCases.map { variant in
      let width = variant.width
      // Legend: a sample of each line and its label, above the plot.
      var legend = ""
      var legendX = 0.0
      var legendY = 14.0
      for (k, item) in nonEmpty.enumerated() {
        let itemWidth = 34 + textWidth(item.label) + 24
        if legendX > 0 && (variant == .narrow || legendX + itemWidth > width) {
          legendX = 0
          legendY += 20
        }
        legend +=
          "<line x1=\"\(fmt(legendX))\" y1=\"\(fmt(legendY - 4))\" x2=\"\(fmt(legendX + 28))\" y2=\"\(fmt(legendY - 4))\" class=\"series s\(k)\"\(dash(k))/>"
        legend += text(item.label, x: legendX + 34, y: legendY, fit: width - legendX - 34)
        legendX += itemWidth
      }
      let captionY = legendY + 24
      let top = captionY + 12
      let left = 40.0
      let plotW = width - left - 16
      let plotH = variant == .wide ? 200.0 : 170.0
      let height = top + plotH + 44
      func px(_ x: Double) -> Double { left + x / maxX * plotW }
      func py(_ y: Double) -> Double { top + (1 - y) * plotH }
      var svg = open(variant, height: height, title: title, desc: desc) + legend
      svg += text("share of teams without a signal", x: 0, y: captionY, fit: width)
      for tick in [0.0, 0.25, 0.5, 0.75, 1] {
        svg +=
          "<line x1=\"\(fmt(left))\" y1=\"\(fmt(py(tick)))\" x2=\"\(fmt(left + plotW))\" y2=\"\(fmt(py(tick)))\" class=\"grid\"/>"
        svg += text(
          ValueFormat.fixed(tick * 100, 0) + "%", x: left - 6, y: py(tick) + 4, anchor: "end", className: "tick")
      }
      let ticks = variant == .wide ? 6.0 : 4.0
      for m in stride(from: 0.0, through: maxX, by: max(1, (maxX / ticks).rounded())) {
        svg += text(ValueFormat.fixed(m, 0), x: px(m), y: top + plotH + 16, anchor: "middle", className: "tick")
      }
      svg += text(xLabel, x: left + plotW / 2, y: top + plotH + 36, anchor: "middle", fit: plotW)
      for (k, item) in nonEmpty.enumerated() {
        var path = "M\(fmt(px(0))),\(fmt(py(1)))"
        for point in item.points.sorted(by: { $0.x < $1.x }) {
          path += " H\(fmt(px(point.x))) V\(fmt(py(point.y)))"
        }
        path += " H\(fmt(px(maxX)))"
        svg += "<path d=\"\(path)\" class=\"series s\(k)\" fill=\"none\"\(dash(k))/>"
      }
      return svg + "</svg>"
    }.joined()
  }

  /// One indicator against months in role: the teams as shaded cells (darker: more teams; cells
  /// of too few teams are left out by the analysis) behind each cohort's median as a dot with a
  /// vertical whisker for its interval. A legend above the plot, axis labels with units outside it.
  public static func timeInRole(_ chart: ExecutiveView.TimeInRoleChartView) -> String {
    guard let lowValue = chart.valueEdges.first, let highValue = chart.valueEdges.last, highValue > lowValue else {
      return ""
    }
    let maxMonths = (chart.monthEdges.last ?? 60) + 12
    let maxTeams = Double(max(1, chart.bins.map(\.teams).max() ?? 1))
    return Variant.allCases.map { variant in
      let width = variant.width
      var legend = ""
      var legendY = 14.0
      let cellLabel = "teams (darker: more)"
      let dotLabel = "cohort median and its \(chart.intervalName)"
      legend +=
        "<rect x=\"0\" y=\"\(fmt(legendY - 10))\" width=\"14\" height=\"10\" class=\"bin\" fill-opacity=\"0.5\"/>"
      legend += text(cellLabel, x: 20, y: legendY, fit: width - 20)
      var dotX = 20 + textWidth(cellLabel) + 24
      if variant == .narrow || dotX + 40 + textWidth(dotLabel) > width {
        dotX = 0
        legendY += 20
      }
      legend += "<circle cx=\"\(fmt(dotX + 6))\" cy=\"\(fmt(legendY - 4))\" r=\"4\" class=\"dot\"/>"
      legend += text(dotLabel, x: dotX + 18, y: legendY, fit: width - dotX - 18)
      let captionY = legendY + 24
      let top = captionY + 12
      let left = 58.0
      let plotW = width - left - 12
      let plotH = variant == .wide ? 200.0 : 170.0
      let height = top + plotH + 44
      func px(_ months: Double) -> Double { left + min(months, maxMonths) / maxMonths * plotW }
      func py(_ value: Double) -> Double {
        top + (1 - (max(lowValue, min(highValue, value)) - lowValue) / (highValue - lowValue)) * plotH
      }
      var svg = open(variant, height: height, title: chart.title, desc: chart.desc) + legend
      svg += text(chart.yLabel, x: 0, y: captionY, fit: width)
      for tick in chart.valueTicks {
        svg +=
          "<line x1=\"\(fmt(left))\" y1=\"\(fmt(py(tick.value)))\" x2=\"\(fmt(left + plotW))\" y2=\"\(fmt(py(tick.value)))\" class=\"grid\"/>"
        svg += text(tick.text, x: left - 6, y: py(tick.value) + 4, anchor: "end", className: "tick", fit: left - 8)
      }
      for bin in chart.bins {
        let x0 = px(chart.monthEdges[bin.month])
        let x1 = bin.month + 1 < chart.monthEdges.count ? px(chart.monthEdges[bin.month + 1]) : px(maxMonths)
        let y0 = py(chart.valueEdges[bin.value + 1])
        let y1 = py(chart.valueEdges[bin.value])
        let opacity = 0.12 + 0.5 * Double(bin.teams) / maxTeams
        svg +=
          "<rect x=\"\(fmt(x0))\" y=\"\(fmt(y0))\" width=\"\(fmt(max(1, x1 - x0 - 1)))\" height=\"\(fmt(max(1, y1 - y0 - 1)))\" class=\"bin\" fill-opacity=\"\(ValueFormat.fixed(opacity, 2))\"/>"
      }
      let monthTicks: [Double] = variant == .wide ? [0, 6, 12, 24, 36, 48, 60] : [0, 12, 24, 36, 60]
      for m in monthTicks {
        svg += text(
          m == chart.monthEdges.last ? "\(Int(m))+" : "\(Int(m))", x: px(m), y: top + plotH + 16, anchor: "middle",
          className: "tick")
      }
      svg += text("months in role", x: left + plotW / 2, y: top + plotH + 36, anchor: "middle", fit: plotW)
      for point in chart.medians {
        let x = px(point.months)
        if let low = point.low, let high = point.high {
          svg +=
            "<line x1=\"\(fmt(x))\" y1=\"\(fmt(py(high)))\" x2=\"\(fmt(x))\" y2=\"\(fmt(py(low)))\" class=\"whisker\"/>"
        }
        svg += "<circle cx=\"\(fmt(x))\" cy=\"\(fmt(py(point.value)))\" r=\"5\" class=\"dot\"/>"
      }
      return svg + "</svg>"
    }.joined()
  }

  static func dash(_ k: Int) -> String {
    let pattern = dashes[k % dashes.count]
    return pattern.isEmpty ? "" : " stroke-dasharray=\"\(pattern)\""
  }

  static func open(_ variant: Variant, height: Double, title: String, desc: String) -> String {
    let w = Int(variant.width)
    let h = Int(height.rounded(.up))
    return
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"\(variant.className)\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\"><title>\(escape(title))</title><desc>\(escape(desc))</desc>"
  }

  /// A text element; one longer than `fit` is shortened with an ellipsis and keeps its whole
  /// wording in a `<title>` (shown on hover).
  static func text(
    _ content: String, x: Double, y: Double, anchor: String = "start", className: String = "label",
    fit: Double = .infinity
  ) -> String {
    let shown = shorten(content, to: fit)
    let anchorAttribute = anchor == "start" ? "" : " text-anchor=\"\(anchor)\""
    let full = shown == content ? "" : "<title>\(escape(content))</title>"
    return
      "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\"\(anchorAttribute) class=\"\(className)\">\(full)\(escape(shown))</text>"
  }

  /// A generous estimate of a text's width at the chart font size (average glyph ≈ 0.6 em):
  /// layout that relies on it leaves room rather than overlap.
  static func textWidth(_ text: String) -> Double { Double(text.count) * fontSize * 0.6 }

  static func shorten(_ text: String, to width: Double) -> String {
    guard textWidth(text) > width else { return text }
    let keep = max(1, Int(width / (fontSize * 0.6)) - 1)
    var shown = String(text.prefix(keep))
    while shown.last == " " { shown.removeLast() }
    return shown + "…"
  }

  /// The width of a label column: the longest label, within 100…280 px.
  static func labelColumn(_ labels: [String]) -> Double {
    min(280, max(100, (labels.map(textWidth).max() ?? 0) + 12))
  }

  static func fmt(_ value: Double) -> String { ValueFormat.fixed(value, 1) }

  /// Escapes text for XML/HTML content and attribute values.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(c)
      }
    }
    return out
  }
}
