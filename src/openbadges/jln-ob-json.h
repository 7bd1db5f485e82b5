#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* json-glib parses recursively, so hostile nesting would exhaust the stack:
 * every parse of untrusted JSON in the engine goes through these. */
#define JLN_OB_JSON_MAX_DEPTH 64

/* FALSE with JLN_OB_ERROR_INVALID_JSON when arrays/objects nest deeper than
 * JLN_OB_JSON_MAX_DEPTH (strings are skipped, so brackets in text don't count). */
gboolean  jln_ob_json_check_depth (const char *text, gsize len, GError **error);

/* Parses untrusted JSON text after jln_ob_json_check_depth(). */
JsonNode *jln_ob_parse_json (const char *text, gssize length, GError **error);

G_END_DECLS
