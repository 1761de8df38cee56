/// Small inline SVG charts for the HTML report. Every text placed in a chart is escaped here,
/// because the template inserts the SVG unescaped.
public enum SVGChart {
  /// A horizontal bar per (label, value); bars are scaled to the largest absolute value.
  public static func bars(_ items: [(label: String, value: Double)], title: String) -> String {
    guard !items.isEmpty else { return "" }
    let rowHeight = 26.0
    let labelWidth = 230.0
    let barWidth = 360.0
    let height = rowHeight * Double(items.count) + 30
    let maxValue = max(items.map { abs($0.value) }.max() ?? 1, 1e-9)
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Int(labelWidth + barWidth + 70)) \(Int(height))\" width=\"100%\">"
    svg += "<title>\(escape(title))</title>"
    for (i, item) in items.enumerated() {
      let y = 10 + Double(i) * rowHeight
      let width = max(1, barWidth * abs(item.value) / maxValue)
      svg +=
        "<text x=\"\(Int(labelWidth - 8))\" y=\"\(fmt(y + 16))\" text-anchor=\"end\" class=\"label\">\(escape(item.label))</text>"
      svg +=
        "<rect x=\"\(Int(labelWidth))\" y=\"\(fmt(y + 4))\" width=\"\(fmt(width))\" height=\"16\" class=\"\(item.value >= 0 ? "bar" : "bar good")\"/>"
      svg +=
        "<text x=\"\(fmt(labelWidth + width + 6))\" y=\"\(fmt(y + 16))\" class=\"value\">\(ValueFormat.fixed(item.value, 2))</text>"
    }
    return svg + "</svg>"
  }

  /// A dot per estimate with a whisker for its interval on a −1…1 axis (correlations).
  public static func intervals(_ items: [(label: String, estimate: Double, low: Double, high: Double)], title: String)
    -> String
  {
    guard !items.isEmpty else { return "" }
    let rowHeight = 24.0
    let labelWidth = 260.0
    let plotWidth = 360.0
    let height = rowHeight * Double(items.count) + 40
    func x(_ v: Double) -> Double { labelWidth + (max(-1, min(1, v)) + 1) / 2 * plotWidth }
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Int(labelWidth + plotWidth + 20)) \(Int(height))\" width=\"100%\">"
    svg += "<title>\(escape(title))</title>"
    svg += "<line x1=\"\(fmt(x(0)))\" y1=\"4\" x2=\"\(fmt(x(0)))\" y2=\"\(fmt(height - 24))\" class=\"axis\"/>"
    for tick in [-1.0, -0.5, 0, 0.5, 1] {
      svg +=
        "<text x=\"\(fmt(x(tick)))\" y=\"\(fmt(height - 8))\" text-anchor=\"middle\" class=\"tick\">\(ValueFormat.fixed(tick, 1))</text>"
    }
    for (i, item) in items.enumerated() {
      let y = 14 + Double(i) * rowHeight
      svg +=
        "<text x=\"\(Int(labelWidth - 8))\" y=\"\(fmt(y + 4))\" text-anchor=\"end\" class=\"label\">\(escape(item.label))</text>"
      svg +=
        "<line x1=\"\(fmt(x(item.low)))\" y1=\"\(fmt(y))\" x2=\"\(fmt(x(item.high)))\" y2=\"\(fmt(y))\" class=\"whisker\"/>"
      svg += "<circle cx=\"\(fmt(x(item.estimate)))\" cy=\"\(fmt(y))\" r=\"4\" class=\"dot\"/>"
    }
    return svg + "</svg>"
  }

  /// Step curves (Kaplan–Meier survival) on a 0…1 vertical axis over months.
  public static func steps(_ series: [(label: String, points: [(x: Double, y: Double)])], title: String, xLabel: String)
    -> String
  {
    let nonEmpty = series.filter { !$0.points.isEmpty }
    guard !nonEmpty.isEmpty else { return "" }
    let width = 620.0
    let height = 260.0
    let left = 50.0
    let bottom = 40.0
    let plotW = width - left - 20
    let plotH = height - bottom - 20
    let maxX = max(1, nonEmpty.flatMap { $0.points.map(\.x) }.max() ?? 1)
    func px(_ x: Double) -> Double { left + x / maxX * plotW }
    func py(_ y: Double) -> Double { 10 + (1 - y) * plotH }
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\">"
    svg += "<title>\(escape(title))</title>"
    for tick in [0.0, 0.25, 0.5, 0.75, 1] {
      svg +=
        "<line x1=\"\(fmt(left))\" y1=\"\(fmt(py(tick)))\" x2=\"\(fmt(left + plotW))\" y2=\"\(fmt(py(tick)))\" class=\"grid\"/>"
      svg +=
        "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(py(tick) + 4))\" text-anchor=\"end\" class=\"tick\">\(ValueFormat.fixed(tick * 100, 0))%</text>"
    }
    for m in stride(from: 0.0, through: maxX, by: max(1, (maxX / 6).rounded())) {
      svg +=
        "<text x=\"\(fmt(px(m)))\" y=\"\(fmt(height - bottom + 16))\" text-anchor=\"middle\" class=\"tick\">\(ValueFormat.fixed(m, 0))</text>"
    }
    svg +=
      "<text x=\"\(fmt(left + plotW / 2))\" y=\"\(fmt(height - 6))\" text-anchor=\"middle\" class=\"label\">\(escape(xLabel))</text>"
    for (k, item) in nonEmpty.enumerated() {
      var path = "M\(fmt(px(0))),\(fmt(py(1)))"
      var last = 1.0
      for point in item.points.sorted(by: { $0.x < $1.x }) {
        path += " H\(fmt(px(point.x))) V\(fmt(py(point.y)))"
        last = point.y
      }
      path += " H\(fmt(px(maxX)))"
      svg += "<path d=\"\(path)\" class=\"series s\(k)\" fill=\"none\"/>"
      svg +=
        "<text x=\"\(fmt(px(maxX) - 4))\" y=\"\(fmt(py(last) - 6))\" text-anchor=\"end\" class=\"label s\(k)\">\(escape(item.label))</text>"
    }
    return svg + "</svg>"
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
