import Foundation

/// One way of looking at a page: a screen of a given CSS width, or a printed page.
struct Layout: Sendable, Hashable, CustomStringConvertible {
  var name: String
  var width: Int
  var height: Int
  var mobile: Bool
  var print: Bool

  static let desktop = Layout(name: "1280", width: 1280, height: 900, mobile: false, print: false)
  static let phone = Layout(name: "390", width: 390, height: 844, mobile: true, print: false)

  var description: String { print ? "printed on \(name)" : "at \(width) px" }
}

/// A paper size for printing to PDF (portrait width and height in centimetres), in portrait or
/// landscape, with WebDriver's default 1 cm margins.
struct Paper: Sendable, Hashable {
  var name: String
  var width: Double
  var height: Double
  var landscape = false
  static let margin = 1.0

  static let a4 = Paper(name: "A4", width: 21.0, height: 29.7)
  static let letter = Paper(name: "Letter", width: 21.59, height: 27.94)

  func oriented(landscape: Bool) -> Paper {
    var paper = self
    paper.landscape = landscape
    return paper
  }

  var label: String { landscape ? "\(name)-landscape" : name }

  /// The printable area as a layout: CSS px are 1/96 inch.
  var layout: Layout {
    func px(_ cm: Double) -> Int { Int(((cm - 2 * Paper.margin) / 2.54 * 96).rounded(.down)) }
    let (w, h) = landscape ? (height, width) : (width, height)
    return Layout(name: label, width: px(w), height: px(h), mobile: false, print: true)
  }
}

/// What the browser measured on one page in one layout (decoded from the inspection script's
/// JSON).
struct PageMeasure: Codable, Sendable {
  struct SVGInfo: Codable, Sendable {
    var title: String
    var desc: String
    var visible: Bool
    var width: Double
    /// Texts rendered below the minimum size: text and CSS px.
    var small: [String]
    var smallest: Double?
    /// Texts reaching outside their SVG's box (cut off: an SVG clips its content).
    var clipped: [String]
    /// "label × path.series" or "label × label": texts drawn over a line, a shape or another text.
    var overlaps: [String]
    var texts: Int
  }

  struct Section: Codable, Sendable {
    var id: String
    var found: Bool
    var heading: String
    var height: Double
    /// Chart boxes (`.chart`) in the section.
    var charts: Int
    /// Chart boxes that do not show exactly one drawing (both or neither of the wide and narrow).
    var badBoxes: Int
  }

  var title: String
  var innerWidth: Double
  var clientWidth: Double
  var scrollWidth: Double
  var scrollHeight: Double
  /// Outermost elements whose right edge lies beyond the viewport, outside any scroll box.
  var overflowing: [String]
  /// Boxes that scroll or clip, whose content is larger than the box ("table.wide 900 > 700").
  var scrollBoxes: [String]
  var svgs: [SVGInfo]
  var sections: [Section]
}

/// One page seen in one layout: the measures, the console errors and the requests it made.
struct PageObservation: Sendable {
  var page: String
  var layout: Layout
  var measure: PageMeasure
  var consoleErrors: [String]
  var requests: [String]
  var screenshot: String?
  var seconds: Double
}

struct PrintedPDF: Sendable {
  var page: String
  var paper: Paper
  var path: String
  var bytes: Int
  var pages: Int
  var isPDF: Bool
  /// The PDF embeds a font: a page printed blank (everything hidden in print) embeds none.
  var hasText: Bool
  var seconds: Double
}

enum PageInspection {
  static let minimumSVGTextPixels = 10.0

  /// Measures the loaded page. `arguments[0]`: the ids of the sections that must be there;
  /// `arguments[1]`: the smallest acceptable SVG text size in CSS px. Returns JSON (`PageMeasure`).
  ///
  /// SVG text size is the computed font size times the vertical scale of the text's screen
  /// transformation (viewBox scaling included). Overlaps are tested geometrically: each text's
  /// box (1 px inset) against every other text's box, and against the painted stroke and fill of
  /// every line, path and shape in the same SVG (`isPointInStroke`/`isPointInFill`, sampled every
  /// pixel where their boxes meet). Elements with class `grid` are background and are skipped.
  static let script = #"""
    const sectionIds = arguments[0], minPx = arguments[1];
    const de = document.documentElement;
    const describe = (el) => {
      let s = el.tagName.toLowerCase();
      if (el.id) s += '#' + el.id;
      const cls = el.getAttribute('class');
      if (cls) s += '.' + cls.trim().split(/\s+/).join('.');
      const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return text ? s + ' "' + text + '"' : s;
    };
    const clips = (el) => {
      const st = getComputedStyle(el);
      return st.overflowX !== 'visible' || st.overflowY !== 'visible';
    };
    const inScrollBox = (el) => {
      for (let p = el.parentElement; p && p !== document.body && p !== de; p = p.parentElement) {
        if (clips(p)) return true;
      }
      return false;
    };
    const out = {
      title: document.title, innerWidth: window.innerWidth, clientWidth: de.clientWidth,
      scrollWidth: de.scrollWidth, scrollHeight: Math.max(de.scrollHeight, document.body.scrollHeight),
      overflowing: [], scrollBoxes: [], svgs: [], sections: []
    };
    const over = new Set();
    for (const el of document.body.querySelectorAll('*')) {
      if (el.parentElement && el.parentElement.closest('svg')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > de.clientWidth + 0.5 && !inScrollBox(el)) {
        over.add(el);
        if (!over.has(el.parentElement)) out.overflowing.push(describe(el) + ' reaches ' + Math.round(r.right) + ' px');
      }
      if (clips(el) && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
        out.scrollBoxes.push(describe(el) + ' ' + el.scrollWidth + '×' + el.scrollHeight + ' in ' + el.clientWidth + '×' + el.clientHeight);
      }
    }
    const visibleBox = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? r : null;
    };
    const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const inset = (r, d) => ({ left: r.left + d, right: r.right - d, top: r.top + d, bottom: r.bottom - d });
    for (const svg of document.querySelectorAll('svg')) {
      if (svg.parentElement && svg.parentElement.closest('svg')) continue;
      const title = svg.querySelector(':scope > title'), desc = svg.querySelector(':scope > desc');
      const sr = visibleBox(svg);
      const info = {
        title: title ? title.textContent.trim() : '', desc: desc ? desc.textContent.trim() : '',
        visible: !!sr, width: sr ? sr.width : 0, small: [], smallest: null, clipped: [], overlaps: [], texts: 0
      };
      out.svgs.push(info);
      if (!sr) continue;
      const texts = [...svg.querySelectorAll('text')].map((t) => ({ el: t, box: visibleBox(t) })).filter((t) => t.box);
      info.texts = texts.length;
      for (const t of texts) {
        const m = t.el.getScreenCTM();
        const px = parseFloat(getComputedStyle(t.el).fontSize) * Math.hypot(m.b, m.d);
        if (info.smallest === null || px < info.smallest) info.smallest = px;
        if (px < minPx) info.small.push('"' + t.el.textContent.trim() + '" ' + px.toFixed(1) + ' px');
        const b = t.box;
        if (b.left < sr.left - 0.5 || b.right > sr.right + 0.5 || b.top < sr.top - 0.5 || b.bottom > sr.bottom + 0.5) {
          info.clipped.push('"' + t.el.textContent.trim() + '"');
        }
      }
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          if (meets(inset(texts[i].box, 1), inset(texts[j].box, 1))) {
            info.overlaps.push('"' + texts[i].el.textContent.trim() + '" × "' + texts[j].el.textContent.trim() + '"');
          }
        }
      }
      const marks = [...svg.querySelectorAll('path, line, polyline, polygon, rect, circle, ellipse')]
        .filter((el) => !el.closest('.grid, defs, clipPath, marker, pattern, symbol'));
      for (const mark of marks) {
        const st = getComputedStyle(mark);
        if (st.display === 'none' || st.visibility === 'hidden') continue;
        const stroked = st.stroke !== 'none' && parseFloat(st.strokeWidth) > 0;
        const filled = st.fill !== 'none' && mark.tagName !== 'line' && mark.tagName !== 'polyline';
        if (!stroked && !filled) continue;
        const half = stroked ? parseFloat(st.strokeWidth) / 2 + 1 : 0;
        const mb = mark.getBoundingClientRect();
        const markBox = { left: mb.left - half, right: mb.right + half, top: mb.top - half, bottom: mb.bottom + half };
        const inverse = mark.getScreenCTM().inverse();
        for (const t of texts) {
          const tb = inset(t.box, 1);
          if (!meets(tb, markBox)) continue;
          const x0 = Math.max(tb.left, markBox.left), x1 = Math.min(tb.right, markBox.right);
          const y0 = Math.max(tb.top, markBox.top), y1 = Math.min(tb.bottom, markBox.bottom);
          let hit = false;
          for (let y = y0; y <= y1 && !hit; y += 1) {
            for (let x = x0; x <= x1 && !hit; x += 1) {
              const p = new DOMPoint(x, y).matrixTransform(inverse);
              hit = (stroked && mark.isPointInStroke(p)) || (filled && mark.isPointInFill(p));
            }
          }
          if (hit) info.overlaps.push('"' + t.el.textContent.trim() + '" × ' + describe(mark));
        }
      }
    }
    for (const id of sectionIds) {
      const el = document.getElementById(id);
      const heading = el ? el.querySelector('h1, h2, h3') : null;
      const box = el ? el.getBoundingClientRect() : null;
      const boxes = el ? [...el.querySelectorAll('.chart')] : [];
      const shown = (b) => [...b.querySelectorAll('svg')].filter((s) => !(s.parentElement && s.parentElement.closest('svg')) && visibleBox(s)).length;
      const badBoxes = boxes.filter((b) => shown(b) !== 1).length;
      out.sections.push({ id, found: !!el, heading: heading ? heading.textContent.trim() : '', height: box ? box.height : 0, charts: boxes.length, badBoxes });
    }
    return JSON.stringify(out);
    """#

  /// Opens `url` in `layout`, measures it, keeps a full-page PNG, and collects what the page
  /// logged and requested while it loaded.
  static func observe(
    _ url: URL, page: String, layout: Layout, sections: [String], session: WebDriverSession, screenshots: URL?
  ) throws -> PageObservation {
    let started = Date()
    try session.devtools(
      "Emulation.setDeviceMetricsOverride",
      ["width": layout.width, "height": layout.height, "deviceScaleFactor": 1, "mobile": layout.mobile])
    try session.devtools("Emulation.setEmulatedMedia", ["media": layout.print ? "print" : "screen"])
    // A printed page has no scroll bar taking width from it.
    try session.devtools("Emulation.setScrollbarsHidden", ["hidden": layout.print])
    _ = try session.log("browser")
    _ = try session.log("performance")
    try session.command("POST", "url", ["url": url.absoluteString])
    let json = try session.script(script, [sections, minimumSVGTextPixels])
    let measure = try JSONDecoder().decode(PageMeasure.self, from: Data(json.utf8))

    var screenshot: String?
    if let screenshots {
      let shot = try session.devtools(
        "Page.captureScreenshot",
        [
          "format": "png", "captureBeyondViewport": true,
          "clip": [
            "x": 0, "y": 0, "width": layout.width, "height": max(layout.height, Int(measure.scrollHeight)), "scale": 1,
          ],
        ])
      if let base64 = shot["data"] as? String, let data = Data(base64Encoded: base64) {
        let file = screenshots.appendingPathComponent("\(page)-\(layout.name).png")
        try data.write(to: file)
        screenshot = file.path
      }
    }
    let consoleErrors = try session.log("browser").compactMap { entry -> String? in
      (entry["level"] as? String) == "SEVERE" ? "\(entry["source"] ?? "console"): \(entry["message"] ?? "")" : nil
    }
    let requests = try session.log("performance").compactMap { entry -> String? in
      guard let message = entry["message"] as? String,
        let event = try? JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any],
        let inner = event["message"] as? [String: Any]
      else { return nil }
      let method = inner["method"] as? String ?? ""
      let params = inner["params"] as? [String: Any] ?? [:]
      switch method {
      case "Network.requestWillBeSent":
        return (params["request"] as? [String: Any])?["url"] as? String
      case "Network.webSocketCreated":
        return params["url"] as? String
      default:
        return nil
      }
    }
    return PageObservation(
      page: page, layout: layout, measure: measure, consoleErrors: consoleErrors, requests: requests,
      screenshot: screenshot, seconds: Date().timeIntervalSince(started))
  }

  /// Prints the loaded page to PDF on `paper` (no shrinking to fit, so content too wide for the
  /// paper is cut off rather than hidden) and writes it to `folder`.
  static func printPDF(_ url: URL, page: String, paper: Paper, session: WebDriverSession, folder: URL) throws
    -> PrintedPDF
  {
    let started = Date()
    try session.devtools("Emulation.clearDeviceMetricsOverride")
    try session.devtools("Emulation.setEmulatedMedia", ["media": ""])
    try session.devtools("Emulation.setScrollbarsHidden", ["hidden": false])
    try session.command("POST", "url", ["url": url.absoluteString])
    let encoded: String?
    do {
      encoded =
        try session.command(
          "POST", "print",
          [
            "page": ["width": paper.width, "height": paper.height],
            "orientation": paper.landscape ? "landscape" : "portrait",
            "margin": ["top": Paper.margin, "bottom": Paper.margin, "left": Paper.margin, "right": Paper.margin],
            "background": true, "shrinkToFit": false,
          ]) as? String
    } catch let error as WebDriverError where error.description.contains("Timed out receiving message from renderer") {
      // chromedriver gives WebDriver's print a fixed 10 s; a long page (the analyst table of a large
      // organisation) on a busy machine needs more. The same printing through DevTools waits.
      let inch = 2.54
      encoded =
        try session.devtools(
          "Page.printToPDF",
          [
            "paperWidth": paper.width / inch, "paperHeight": paper.height / inch, "landscape": paper.landscape,
            "marginTop": Paper.margin / inch, "marginBottom": Paper.margin / inch, "marginLeft": Paper.margin / inch,
            "marginRight": Paper.margin / inch, "printBackground": true, "scale": 1.0,
          ])["data"] as? String
    }
    let data = encoded.flatMap { Data(base64Encoded: $0) } ?? Data()
    let file = folder.appendingPathComponent("\(page)-\(paper.label).pdf")
    try data.write(to: file)
    let text = String(decoding: data, as: UTF8.self)
    // Page objects are "/Type /Page" (the page tree is "/Type /Pages").
    let pages =
      text.components(separatedBy: "/Type /Page").count - 1 - (text.components(separatedBy: "/Type /Pages").count - 1)
    return PrintedPDF(
      page: page, paper: paper, path: file.path, bytes: data.count, pages: pages,
      isPDF: data.starts(with: Array("%PDF-".utf8)) && text.suffix(64).contains("%%EOF"),
      hasText: text.contains("/Font"),
      seconds: Date().timeIntervalSince(started))
  }
}
