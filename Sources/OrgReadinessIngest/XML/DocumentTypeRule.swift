import CLibXML2

/// What a DOCTYPE declaration may be in untrusted input: only the plain `<!DOCTYPE root>` that some
/// systems put at the top of an export. Nothing is loaded and no entity is expanded either way
/// (the parser runs without DTD loading or entity substitution); a declaration that could declare
/// entities (an internal subset `[...]`) or name an external DTD (`SYSTEM`/`PUBLIC`) is refused
/// before any of it is read. See docs/decisions/0008-hostile-input-limits.md.
enum DocumentTypeRule {
  /// Why the DOCTYPE being parsed is refused, or nil when it is a plain `<!DOCTYPE root>`.
  /// Called from libxml2's `internalSubset` callback, where the parser stands just after the
  /// external identifier: on `[` when an internal subset follows, on `>` when the declaration ends.
  static func refusal(
    ctxt: xmlParserCtxtPtr?, externalID: UnsafePointer<xmlChar>?, systemID: UnsafePointer<xmlChar>?
  ) -> String? {
    if externalID != nil || systemID != nil {
      let named = systemID.map { " (\(String(cString: $0)))" } ?? ""
      return
        "the file has a DOCTYPE declaration naming an external DTD\(named), which OrgReadiness refuses in untrusted input (loading it could read other files or the network); export the file without it (a plain <!DOCTYPE root> is accepted)"
    }
    if orgready_nextInputByte(ctxt) != Int32(UInt8(ascii: ">")) {
      return
        "the file has a DOCTYPE declaration with an internal subset, which OrgReadiness refuses in untrusted input (it can define entities that expand without bound or read other files); export the file without it (a plain <!DOCTYPE root> is accepted)"
    }
    return nil
  }
}
