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

  public static func read(
    path: String, mapping: CompiledMapping, progress: ((Int) -> Void)? = nil,
    emit: @escaping (CapturedRecord) -> Void
  ) throws(XMLInputError) -> FileDigest {
    let hasher = FileHasher(chunkSize: SAXDocument.chunkSize)
    defer { hasher.cancel() }

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
      ctx.assumingMemoryBound(to: ReaderState.self).pointee.checkDocumentType(
        externalID: externalID, systemID: systemID)
    }
    sax.serror = { ctx, error in
      guard let ctx, let error else { return }
      ctx.assumingMemoryBound(to: ReaderState.self).pointee.report(error.pointee)
    }

    let total = try SAXDocument.parse(
      path: path, sax: &sax, state: state, bind: { state.pointee.bind(to: $0) }, progress: progress, hasher: hasher)
    return FileDigest(bytes: total, sha256: hasher.finish(), recordElements: state.pointee.recordElements)
  }
}
