/*
 * The parser-limit baseline for `make bench`: streams a Workday RaaS export with libxml2's SAX2
 * push parser (256 KiB chunks, the same options as OrgReadiness: XML_PARSE_NONET, no entity
 * substitution) and extracts the same fields the shipped mappings read: every wd:ID of the types
 * the mappings select, the dates, headcount, indicator columns and the department descriptor; in
 * the benchmark's attribute-keyed team metrics, every wd:Metric with a wd:name attribute and every
 * name/value pair's wd:Code and wd:Value.
 * Each value is copied out of the parser (as OrgReadiness copies the values it keeps), and all of
 * them are folded into a checksum so nothing can be optimised away.
 *
 * Build: gcc -O2 sax_baseline.c $(pkg-config --cflags --libs libxml-2.0) -o sax_baseline
 * Usage: sax_baseline FILE [ROUNDS]   prints one line per round: bytes seconds records checksum
 */
#include <fcntl.h>
#include <libxml/SAX2.h>
#include <libxml/dict.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (1 << 18)
#define MAX_VALUE 4096

static const char *text_fields[] = {
    "Effective_Date", "Period_Start_Date", "Headcount", "Review_Wait_Hours", "Decision_Latency_Days",
    "Approval_Share", "Leader_Execution_Share", "Escalations", "Engagement_Score", "Participation_Rate",
    "Voluntary_Attrition_Rate", "Absenteeism_Rate", "After_Hours_Share", "Code", "Value", NULL};
static const char *id_types[] = {
    "Employee_ID", "Organization_Reference_ID", "Event_Classification_Subcategory_ID", "Job_Profile_ID",
    "Management_Level_ID", NULL};

typedef struct {
  xmlParserCtxtPtr ctxt;
  const xmlChar *entry, *id, *type, *descriptor, *department, *metric, *name;
  const xmlChar *fields[32];
  int nfields;
  int depth, entry_depth, capturing;
  char value[MAX_VALUE];
  size_t length;
  uint64_t checksum;
  long records;
} State;

static int interned_in(const xmlChar *name, const xmlChar **set, int n) {
  for (int i = 0; i < n; i++)
    if (set[i] == name) return 1;
  return 0;
}

static void keep(State *s, const char *bytes, size_t length) {
  /* Copy the value out, as a consumer keeping it would, and fold it into the checksum. */
  char copy[MAX_VALUE];
  if (length > MAX_VALUE) length = MAX_VALUE;
  memcpy(copy, bytes, length);
  uint64_t h = s->checksum ^ length;
  for (size_t i = 0; i < length; i++) h = (h ^ (unsigned char)copy[i]) * 1099511628211ULL;
  s->checksum = h;
}

static int attribute_is(const xmlChar **attributes, int n, const xmlChar *local, const char *value) {
  for (int i = 0; i < n; i++) {
    const xmlChar **a = attributes + 5 * i;
    if (a[0] == local) {
      size_t len = (size_t)(a[4] - a[3]);
      return strlen(value) == len && memcmp(a[3], value, len) == 0;
    }
  }
  return 0;
}

static void start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                  int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                  const xmlChar **attributes) {
  State *s = ctx;
  (void)prefix; (void)uri; (void)nb_namespaces; (void)namespaces; (void)nb_defaulted;
  s->depth++;
  if (s->entry_depth < 0) {
    if (localname == s->entry) s->entry_depth = s->depth;
    return;
  }
  s->capturing = 0;
  if (localname == s->id) {
    for (int t = 0; id_types[t]; t++)
      if (attribute_is(attributes, nb_attributes, s->type, id_types[t])) { s->capturing = 1; break; }
  } else if (interned_in(localname, s->fields, s->nfields)) {
    s->capturing = 1;
  } else if (localname == s->metric) {
    for (int i = 0; i < nb_attributes; i++)
      if (attributes[5 * i] == s->name) { s->capturing = 1; break; }
  } else if (localname == s->department) {
    for (int i = 0; i < nb_attributes; i++) {
      const xmlChar **a = attributes + 5 * i;
      if (a[0] == s->descriptor) keep(s, (const char *)a[3], (size_t)(a[4] - a[3]));
    }
  }
  s->length = 0;
}

static void characters(void *ctx, const xmlChar *ch, int len) {
  State *s = ctx;
  if (!s->capturing) return;
  size_t room = MAX_VALUE - s->length;
  size_t n = (size_t)len < room ? (size_t)len : room;
  memcpy(s->value + s->length, ch, n);
  s->length += n;
}

static void end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
  State *s = ctx;
  (void)localname; (void)prefix; (void)uri;
  if (s->capturing) {
    keep(s, s->value, s->length);
    s->capturing = 0;
  }
  if (s->depth == s->entry_depth) {
    s->entry_depth = -1;
    s->records++;
  }
  s->depth--;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static int run(const char *path, long *bytes_out, double *seconds, long *records, uint64_t *checksum) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) { perror(path); return 1; }
  static char buffer[CHUNK];
  xmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = start;
  sax.endElementNs = end;
  sax.characters = characters;
  sax.cdataBlock = characters;
  State s;
  memset(&s, 0, sizeof s);
  s.entry_depth = -1;
  double t0 = now();
  ssize_t n = read(fd, buffer, 4);
  long total = n > 0 ? n : 0;
  xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, &s, buffer, (int)total, path);
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
  s.ctxt = ctxt;
  s.entry = xmlDictLookup(ctxt->dict, BAD_CAST "Report_Entry", -1);
  s.id = xmlDictLookup(ctxt->dict, BAD_CAST "ID", -1);
  s.type = xmlDictLookup(ctxt->dict, BAD_CAST "type", -1);
  s.descriptor = xmlDictLookup(ctxt->dict, BAD_CAST "Descriptor", -1);
  s.department = xmlDictLookup(ctxt->dict, BAD_CAST "Department", -1);
  s.metric = xmlDictLookup(ctxt->dict, BAD_CAST "Metric", -1);
  s.name = xmlDictLookup(ctxt->dict, BAD_CAST "name", -1);
  for (int i = 0; text_fields[i]; i++) s.fields[s.nfields++] = xmlDictLookup(ctxt->dict, BAD_CAST text_fields[i], -1);
  int status = 0;
  while ((n = read(fd, buffer, CHUNK)) > 0) {
    total += n;
    if (xmlParseChunk(ctxt, buffer, (int)n, 0) != 0) { status = 1; break; }
  }
  if (status == 0 && xmlParseChunk(ctxt, NULL, 0, 1) != 0) status = 1;
  *seconds = now() - t0;
  if (status != 0 || !ctxt->wellFormed) fprintf(stderr, "%s: parse error\n", path);
  xmlFreeParserCtxt(ctxt);
  close(fd);
  *bytes_out = total;
  *records = s.records;
  *checksum = s.checksum;
  return status;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE [ROUNDS]\n", argv[0]);
    return 2;
  }
  int rounds = argc > 2 ? atoi(argv[2]) : 1;
  for (int r = 0; r < rounds; r++) {
    long bytes, records;
    double seconds;
    uint64_t checksum;
    if (run(argv[1], &bytes, &seconds, &records, &checksum) != 0) return 1;
    printf("%ld %.6f %ld %016llx\n", bytes, seconds, records, (unsigned long long)checksum);
    fflush(stdout);
  }
  return 0;
}
