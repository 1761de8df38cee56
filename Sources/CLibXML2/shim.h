#ifndef ORGREADINESS_CLIBXML2_SHIM_H
#define ORGREADINESS_CLIBXML2_SHIM_H

/* Debian's libxml2 is built with ICU, so <libxml/encoding.h> would include the system ICU
 * headers (<unicode/ucnv.h>). Their types (UErrorCode, …) clash with the ICU copy inside
 * Foundation when both modules are imported, which made clean builds fail intermittently.
 * OrgReadiness never touches the ICU members of xmlCharEncodingHandler (only pointers to it
 * cross this boundary), so the shim hides ICU from libxml2's headers. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/dict.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

/// `xmlFree` is a global function-pointer variable, which Swift 6 rejects as not
/// concurrency-safe; call it through this function instead.
static inline void orgready_xmlFree(void *pointer) { xmlFree(pointer); }

/// The current line of the parser's input (1-based), or 0 when unknown.
static inline int orgready_currentLine(xmlParserCtxtPtr ctxt) {
  return (ctxt != NULL && ctxt->input != NULL) ? ctxt->input->line : 0;
}

/// The current column of the parser's input (1-based), or 0 when unknown.
static inline int orgready_currentColumn(xmlParserCtxtPtr ctxt) {
  return (ctxt != NULL && ctxt->input != NULL) ? ctxt->input->col : 0;
}

/// The parser's dictionary, used to intern the names a compiled mapping compares by pointer.
static inline xmlDictPtr orgready_dict(xmlParserCtxtPtr ctxt) {
  return ctxt != NULL ? ctxt->dict : NULL;
}

/// Bytes the parser holds without having parsed them yet (a tag, comment or CDATA section
/// waiting for its end), or 0.
static inline long orgready_pendingInput(xmlParserCtxtPtr ctxt) {
  return (ctxt != NULL && ctxt->input != NULL && ctxt->input->cur != NULL && ctxt->input->end != NULL)
    ? (long)(ctxt->input->end - ctxt->input->cur) : 0;
}

/// The next byte the parser has not consumed yet, or 0 (inside a DOCTYPE callback: '[' when an
/// internal subset follows, '>' when the declaration ends here).
static inline int orgready_nextInputByte(xmlParserCtxtPtr ctxt) {
  return (ctxt != NULL && ctxt->input != NULL && ctxt->input->cur != NULL && ctxt->input->cur < ctxt->input->end)
    ? ctxt->input->cur[0] : 0;
}

/// The name of the innermost open element, or NULL.
static inline const xmlChar *orgready_currentElement(xmlParserCtxtPtr ctxt) {
  return ctxt != NULL ? ctxt->name : NULL;
}

/// Stops the parser from inside a SAX callback.
static inline void orgready_stop(xmlParserCtxtPtr ctxt) { xmlStopParser(ctxt); }

#endif
