import CLibXML2
import OrgReadiness

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What reading one file produced besides the records themselves.
public struct FileDigest: Sendable, Hashable {
  public var bytes: Int
  public var sha256: String
  /// Record elements seen (before expansion into canonical records).
  public var recordElements: Int
}

/// Streams an XML file through libxml2's SAX2 push parser and hands every record element that a
/// compiled mapping selects to `emit`, with the text of each mapped field.
///
/// This is the only place in OrgReadiness that touches libxml2. Untrusted input is read with
/// `XML_PARSE_NONET`, without entity substitution or DTD loading; a DOCTYPE other than a plain
/// `<!DOCTYPE root>` stops the parse (`DocumentTypeRule`).
/// Element names are compared as pointers interned in the parser's dictionary, callback state
/// lives behind a raw pointer, and Strings are created only for captured values.
public enum StreamingRecordReader {
  /// Longest value kept for one field; longer text is cut and the record rejected by the builder.
  public static let maximumValueBytes = 1 << 20
  /// Deepest element nesting accepted (HRIS exports nest about 15 deep; libxml2's SAX2 push
  /// parser sets no limit of its own).
  public static let maximumDepth = 256
  /// Largest single tag, comment or CDATA section accepted (text itself streams without limit).
  public static let maximumPendingBytes = 1 << 20
  static let chunkSize = 1 << 18

  public static func read(
    path: String, mapping: CompiledMapping, progress: ((Int) -> Void)? = nil,
    emit: @escaping (CapturedRecord) -> Void
  ) throws(XMLInputError) -> FileDigest {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }

    let hasher = FileHasher(path: path)
    var hashed = false
    defer { if !hashed { hasher.cancel() } }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
    defer { buffer.deallocate() }

    // Up to 4 bytes go to the context for encoding detection (BOM, UTF-16), the rest in chunks.
    var total = 0
    let first = Glibc.read(fd, buffer.baseAddress, 4)
    guard first >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
    total += first

    let state = UnsafeMutablePointer<ReaderState>.allocate(capacity: 1)
    state.initialize(to: ReaderState(mapping: mapping, emit: emit))
    defer {
      state.pointee.deallocate()
      state.deinitialize(count: 1)
      state.deallocate()
    }

    var sax = xmlSAXHandler()
    sax.initialized = UInt32(XML_SAX2_MAGIC)
    sax.startElementNs = { ctx, localname, _, uri, _, _, attributeCount, _, attributes in
      guard let ctx else { return }
      ctx.assumingMemoryBound(to: ReaderState.self).pointee.startElement(
        localname: localname, uri: uri, attributeCount: Int(attributeCount), attributes: attributes)
    }
    sax.endElementNs = { ctx, _, _, _ in
      guard let ctx else { return }
      ctx.assumingMemoryBound(to: ReaderState.self).pointee.endElement()
    }
    sax.characters = { ctx, characters, length in
      guard let ctx, let characters else { return }
      ctx.assumingMemoryBound(to: ReaderState.self).pointee.text(characters, Int(length))
    }
    sax.cdataBlock = sax.characters
    sax.ignorableWhitespace = sax.characters
    sax.internalSubset = { ctx, _, externalID, systemID in
      guard let ctx else { return }
      let state = ctx.assumingMemoryBound(to: ReaderState.self)
      if let refusal = DocumentTypeRule.refusal(ctxt: state.pointee.ctxt, externalID: externalID, systemID: systemID) {
        state.pointee.fail(kind: .forbidden, message: refusal)
      }
    }
    sax.serror = { ctx, error in
      guard let ctx, let error else { return }
      let level = error.pointee.level.rawValue
      guard level >= XML_ERR_ERROR.rawValue else { return }
      ctx.assumingMemoryBound(to: ReaderState.self).pointee.fail(
        parserError: error.pointee.code, domain: error.pointee.domain,
        message: error.pointee.message.map { String(cString: $0) } ?? "unknown parser error",
        line: Int(error.pointee.line), column: Int(error.pointee.int2))
    }

    let ctxt: xmlParserCtxtPtr? = buffer.baseAddress.flatMap { base in
      xmlCreatePushParserCtxt(&sax, state, base.assumingMemoryBound(to: CChar.self), Int32(first), path)
    }
    guard let ctxt else { throw .unreadable(path: path, reason: "libxml2 could not create a parser") }
    defer { xmlFreeParserCtxt(ctxt) }
    _ = xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue))
    state.pointee.bind(to: ctxt)

    var terminated = false
    while state.pointee.failure == nil {
      let count = Glibc.read(fd, buffer.baseAddress, chunkSize)
      guard count >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
      total += count
      let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
      terminated = count == 0
      state.pointee.terminating = terminated
      let status = xmlParseChunk(ctxt, base, Int32(count), terminated ? 1 : 0)
      if status != 0 && state.pointee.failure == nil {
        state.pointee.failFromContext(status: status)
      }
      // libxml2 holds a tag, comment or CDATA section whole until its end arrives, and checks a
      // start tag's attributes pairwise: a giant one costs memory and quadratic time. No HRIS
      // export has one, so the file is refused before it completes.
      if state.pointee.failure == nil && orgready_pendingInput(ctxt) > maximumPendingBytes {
        state.pointee.fail(
          kind: .limit,
          message:
            "more than \(maximumPendingBytes / 1_048_576) MiB without the end of a tag, comment or CDATA section (starting here); no HRIS export holds one this large, so the file is refused"
        )
      }
      progress?(total)
      if terminated { break }
    }
    if state.pointee.failure == nil && ctxt.pointee.wellFormed == 0 {
      state.pointee.failFromContext(status: -1)
    }
    if let failure = state.pointee.failure {
      let (line, column, message) = (failure.line, failure.column, failure.message)
      switch failure.kind {
      case .forbidden: throw .forbidden(path: path, line: line, column: column, message: message)
      case .malformed: throw .malformed(path: path, line: line, column: column, message: message)
      case .encoding: throw .encoding(path: path, line: line, column: column, message: message)
      case .truncated: throw .truncated(path: path, line: line, column: column, message: message)
      case .limit: throw .limit(path: path, line: line, column: column, message: message)
      }
    }
    hashed = true
    guard let digest = hasher.wait() else {
      throw .unreadable(path: path, reason: "the file could not be read a second time to compute its SHA-256")
    }
    return FileDigest(bytes: total, sha256: digest, recordElements: state.pointee.recordElements)
  }
}
