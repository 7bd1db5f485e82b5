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

/* Member getters, NULL-safe on @object: NULL (resp. FALSE) unless the member
 * exists and holds the asked kind of node. The results belong to @object. */
const char *jln_ob_json_get_string (JsonObject *object, const char *member);
JsonObject *jln_ob_json_get_object (JsonObject *object, const char *member);
JsonArray  *jln_ob_json_get_array  (JsonObject *object, const char *member);

/* TRUE when the "type" member is @type or an array containing the string @type. */
gboolean    jln_ob_json_has_type   (JsonObject *object, const char *type);

G_END_DECLS
