import CLibXML2

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why parsing stopped, as the SAX callback states record it.
struct ParseFailure {
  enum Kind { case malformed, forbidden, encoding, truncated, limit }

  var kind: Kind
  var message: String
  var line: Int
  var column: Int

  /// The error to report for `path`.
  func error(path: String) -> XMLInputError {
    switch kind {
    case .forbidden: return .forbidden(path: path, line: line, column: column, message: message)
    case .malformed: return .malformed(path: path, line: line, column: column, message: message)
    case .encoding: return .encoding(path: path, line: line, column: column, message: message)
    case .truncated: return .truncated(path: path, line: line, column: column, message: message)
    case .limit: return .limit(path: path, line: line, column: column, message: message)
    }
  }

  /// Turns a libxml2 error into a failure of the right kind with a message that says what to do.
  /// `elementsSeen`, `depth` and `terminating` tell an empty file and a cut-short one apart.
  static func classify(
    code: Int32, domain: Int32, message raw: String, line: Int, column: Int, elementsSeen: Int, depth: Int,
    terminating: Bool, ctxt: xmlParserCtxtPtr?
  ) -> ParseFailure {
    var message = raw
    while message.last == "\n" || message.last == " " { message.removeLast() }
    let lowered = message.lowercased()
    func isCode(_ error: xmlParserErrors) -> Bool { code == Int32(error.rawValue) }
    if elementsSeen == 0 && (isCode(XML_ERR_DOCUMENT_EMPTY) || isCode(XML_ERR_DOCUMENT_END)) {
      return ParseFailure(
        kind: .malformed, message: "the file holds no XML document: it is empty or not XML (libxml2: \(message))",
        line: line, column: column)
    } else if terminating && depth > 0 {
      // Only the end of the input is parsed now: what is wrong is that the file stops here.
      let open = orgready_currentElement(ctxt).map { String(cString: $0) } ?? "an element"
      return ParseFailure(
        kind: .truncated,
        message:
          "the file ends inside <\(open)> with \(depth) element(s) still open: it was cut short, probably by a failed or partial transfer; export it again (libxml2: \(message))",
        line: line, column: column)
    } else if (isCode(XML_ERR_INVALID_CHAR) && lowered.contains("utf-8"))
      || isCode(XML_ERR_UNKNOWN_ENCODING) || isCode(XML_ERR_UNSUPPORTED_ENCODING)
      || isCode(XML_ERR_ENCODING_NAME) || isCode(XML_ERR_INVALID_ENCODING)
      || domain == Int32(XML_FROM_I18N.rawValue) || lowered.contains("encod") || lowered.contains("conversion")
    {
      return ParseFailure(
        kind: .encoding,
        message:
          "\(message). The bytes do not match the file's declared encoding (UTF-8 when none is declared); export the file as UTF-8, or declare its real encoding, e.g. <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
        line: line, column: column)
    } else if isCode(XML_ERR_NAME_TOO_LONG) || lowered.contains("huge") || lowered.contains("excessive")
      || lowered.contains("too long")
    {
      return ParseFailure(
        kind: .limit,
        message:
          "\(message): a name, attribute value or nesting exceeds the parser's safety limits; such a file is not a plausible HRIS export",
        line: line, column: column)
    }
    return ParseFailure(kind: .malformed, message: message, line: line, column: column)
  }
}

/// A SAX callback state: what the shared parse loop and error handling need from it.
protocol SAXParseState {
  var ctxt: xmlParserCtxtPtr? { get }
  var failure: ParseFailure? { get set }
  /// Set while the last chunk is parsed, so that an error then can be told apart as truncation.
  var terminating: Bool { get set }
  /// Document depth of the element being parsed (root = 1).
  var depth: Int { get }
  var elementsSeen: Int { get }
}

extension SAXParseState {
  var currentLine: Int { Int(orgready_currentLine(ctxt)) }

  /// Records a failure (the first one wins) and stops the parser.
  mutating func fail(kind: ParseFailure.Kind, message: String, line: Int? = nil, column: Int? = nil) {
    guard failure == nil else { return }
    failure = ParseFailure(
      kind: kind, message: message, line: line ?? currentLine, column: column ?? Int(orgready_currentColumn(ctxt)))
    if let ctxt { orgready_stop(ctxt) }
  }

  /// Records a libxml2 error as a failure of the right kind with a message that says what to do.
  mutating func fail(parserError code: Int32, domain: Int32, message: String, line: Int, column: Int) {
    guard failure == nil else { return }
    failure = ParseFailure.classify(
      code: code, domain: domain, message: message, line: line, column: column, elementsSeen: elementsSeen,
      depth: depth, terminating: terminating, ctxt: ctxt)
    if let ctxt { orgready_stop(ctxt) }
  }

  /// Records the parser's last error after `xmlParseChunk` reported a failure.
  mutating func failFromContext(status: Int32) {
    guard failure == nil else { return }
    if let error = xmlCtxtGetLastError(ctxt) {
      fail(
        parserError: error.pointee.code, domain: error.pointee.domain,
        message: error.pointee.message.map { String(cString: $0) } ?? "parser error \(status)",
        line: Int(error.pointee.line), column: Int(error.pointee.int2))
    } else {
      fail(kind: .malformed, message: "parser error \(status)", line: currentLine, column: 0)
    }
  }

  /// The `internalSubset` callback's check: a DOCTYPE other than a plain `<!DOCTYPE root>` stops
  /// the parse (`DocumentTypeRule`).
  mutating func checkDocumentType(externalID: UnsafePointer<xmlChar>?, systemID: UnsafePointer<xmlChar>?) {
    if let refusal = DocumentTypeRule.refusal(ctxt: ctxt, externalID: externalID, systemID: systemID) {
      fail(kind: .forbidden, message: refusal)
    }
  }

  /// The structured-error callback's check: errors (not warnings) stop the parse.
  mutating func report(_ error: xmlError) {
    guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    fail(
      parserError: error.code, domain: error.domain,
      message: error.message.map { String(cString: $0) } ?? "unknown parser error", line: Int(error.line),
      column: Int(error.int2))
  }
}

/// Streams one file through libxml2's SAX2 push parser with the settings every reader of untrusted
/// input shares: no network (`XML_PARSE_NONET`), no entity substitution or DTD loading, a bounded
/// tag size, and errors classified into `XMLInputError`s naming file, line and column. The caller
/// supplies the SAX callbacks (C function pointers cannot be generic) and their state.
enum SAXDocument {
  static let chunkSize = 1 << 18

  /// Parses `path`; `bind` is called once with the parser context before any element is seen.
  /// With a `hasher`, every chunk is read into the hasher's buffers and handed to it, so the file
  /// is hashed from the same reads. Returns the number of bytes read.
  static func parse<State: SAXParseState>(
    path: String, sax: inout xmlSAXHandler, state: UnsafeMutablePointer<State>,
    bind: (xmlParserCtxtPtr) -> Void, progress: ((Int) -> Void)?, hasher: FileHasher? = nil
  ) throws(XMLInputError) -> Int {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    let ownBuffer =
      hasher == nil ? UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16) : nil
    defer { ownBuffer?.deallocate() }
    /// Reads up to `limit` bytes into the next buffer (the hasher's, when hashing).
    func readChunk(_ limit: Int) throws(XMLInputError) -> UnsafeMutableRawBufferPointer {
      guard let buffer = ownBuffer ?? hasher?.nextBuffer() else { preconditionFailure("no buffer to read into") }
      let count = read(fd, buffer.baseAddress, limit)
      guard count >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
      hasher?.filled(count)
      return UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count])
    }

    // Up to 4 bytes go to the context for encoding detection (BOM, UTF-16), the rest in chunks.
    var total = 0
    let first = try readChunk(4)
    total += first.count

    let ctxt: xmlParserCtxtPtr? = first.baseAddress.flatMap { base in
      xmlCreatePushParserCtxt(&sax, state, base.assumingMemoryBound(to: CChar.self), Int32(first.count), path)
    }
    guard let ctxt else { throw .unreadable(path: path, reason: "libxml2 could not create a parser") }
    defer { xmlFreeParserCtxt(ctxt) }
    _ = xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue))
    bind(ctxt)

    while state.pointee.failure == nil {
      let chunk = try readChunk(chunkSize)
      let count = chunk.count
      total += count
      let base = chunk.baseAddress?.assumingMemoryBound(to: CChar.self)
      let terminated = count == 0
      state.pointee.terminating = terminated
      let status = xmlParseChunk(ctxt, base, Int32(count), terminated ? 1 : 0)
      if status != 0 && state.pointee.failure == nil {
        state.pointee.failFromContext(status: status)
      }
      // libxml2 holds a tag, comment or CDATA section whole until its end arrives, and checks a
      // start tag's attributes pairwise: a giant one costs memory and quadratic time. No HRIS
      // export has one, so the file is refused before it completes.
      if state.pointee.failure == nil && orgready_pendingInput(ctxt) > StreamingRecordReader.maximumPendingBytes {
        state.pointee.fail(
          kind: .limit,
          message:
            "more than \(StreamingRecordReader.maximumPendingBytes / 1_048_576) MiB without the end of a tag, comment or CDATA section (starting here); no HRIS export holds one this large, so the file is refused",
        )
      }
      progress?(total)
      if terminated { break }
    }
    if state.pointee.failure == nil && ctxt.pointee.wellFormed == 0 {
      state.pointee.failFromContext(status: -1)
    }
    if let failure = state.pointee.failure { throw failure.error(path: path) }
    return total
  }
}
