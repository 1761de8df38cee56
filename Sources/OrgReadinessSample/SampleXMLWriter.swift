/// Buffers generated XML text and hands it to a sink in large chunks.
struct SampleXMLWriter {
  private var buffer: [UInt8] = []
  private let sink: ([UInt8]) -> Void
  private let flushSize = 1 << 20

  init(sink: @escaping ([UInt8]) -> Void) {
    self.sink = sink
    buffer.reserveCapacity(flushSize + 4096)
  }

  mutating func raw(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= flushSize { flush() }
  }

  /// Text content or an attribute value, escaped for XML.
  mutating func escaped(_ text: String) {
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "&"): buffer.append(contentsOf: "&amp;".utf8)
      case UInt8(ascii: "<"): buffer.append(contentsOf: "&lt;".utf8)
      case UInt8(ascii: ">"): buffer.append(contentsOf: "&gt;".utf8)
      case UInt8(ascii: "\""): buffer.append(contentsOf: "&quot;".utf8)
      default: buffer.append(byte)
      }
    }
  }

  /// `<wd:Name>text</wd:Name>` on its own indented line.
  mutating func element(_ name: String, _ text: String, indent: Int) {
    raw(String(repeating: " ", count: indent) + "<wd:\(name)>")
    escaped(text)
    raw("</wd:\(name)>\n")
  }

  /// `<name>text</name>` without a namespace prefix, on its own indented line.
  mutating func plain(_ name: String, _ text: String, indent: Int) {
    raw(String(repeating: " ", count: indent) + "<\(name)>")
    escaped(text)
    raw("</\(name)>\n")
  }

  /// A Workday reference: `<wd:Name wd:Descriptor="…"><wd:ID wd:type="…">…</wd:ID>…</wd:Name>`.
  mutating func reference(_ name: String, descriptor: String, ids: [(String, String)], indent: Int) {
    let pad = String(repeating: " ", count: indent)
    raw(pad + "<wd:\(name) wd:Descriptor=\"")
    escaped(descriptor)
    raw("\">\n")
    for (type, value) in ids {
      raw(pad + "  <wd:ID wd:type=\"\(type)\">")
      escaped(value)
      raw("</wd:ID>\n")
    }
    raw(pad + "</wd:\(name)>\n")
  }

  mutating func flush() {
    guard !buffer.isEmpty else { return }
    sink(buffer)
    buffer.removeAll(keepingCapacity: true)
  }
}
