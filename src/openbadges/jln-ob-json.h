/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The one front door for untrusted JSON. json-glib is lenient and lossy
 * (it cuts strings at \u0000, wraps integers beyond 64 bits, swallows lone
 * surrogates, keeps the last of two members with one name) and parses
 * recursively; so the text is first checked, in one linear pass with a
 * bounded stack, against RFC 8259 and I-JSON (RFC 7493). Refused, with
 * JLN_OB_ERROR_INVALID_JSON and a message a coach can read:
 *  - anything that is not strict RFC 8259 JSON (comments, single quotes,
 *    leading zeros, trailing commas, text after the value…);
 *  - NUL (raw or \u0000) and raw control characters inside strings;
 *  - invalid UTF-8 (overlong, encoded surrogates, beyond U+10FFFF,
 *    truncated), lone surrogate escapes, Unicode noncharacters;
 *  - two members with the same name in one object (compared unescaped);
 *  - integers with |n| > 2^53, numbers that overflow a double (1e999) or
 *    underflow it to zero (1e-999);
 *  - nesting deeper than JLN_OB_JSON_MAX_DEPTH.
 * Other escaped controls (\u0001…\u001F) are kept: json-glib holds them
 * exactly and jln_ob_json_write() escapes them again. A leading UTF-8 BOM is
 * skipped (RFC 8259 §8.1). */
#define JLN_OB_JSON_MAX_DEPTH 64

/* TRUE when @text (@len bytes) passes the checks above. */
gboolean  jln_ob_json_check       (const char *text, gsize len, GError **error);

/* Same as jln_ob_json_check(): the depth bound is one of its checks. */
gboolean  jln_ob_json_check_depth (const char *text, gsize len, GError **error);

/* Checks @text with jln_ob_json_check(), then parses it with json-glib
 * (@length -1 for NUL-terminated). */
JsonNode *jln_ob_parse_json (const char *text, gssize length, GError **error);

/* The one writer for every JSON the application writes. Always valid JSON:
 * every control character and DEL escaped (U+2028/2029 too), doubles in the
 * shortest form that reads back the same (integral ones up to 2^53 as
 * integers, beyond that with an exponent, -0 as -0.0), member order kept,
 * text that is not UTF-8 written with U+FFFD. @pretty: two-space indent and
 * "name" : value, as json-glib's pretty output. NULL with
 * JLN_OB_ERROR_INVALID_JSON for NaN and infinities. */
char     *jln_ob_json_write       (JsonNode *node, gboolean pretty, GError **error);

/* jln_ob_json_write() for trees the application built and knows are finite:
 * a NaN or infinity is a programming error (g_critical, NULL). */
char     *jln_ob_json_to_string   (JsonNode *node, gboolean pretty);

/* jln_ob_json_write() into GBytes (without the trailing NUL). */
GBytes   *jln_ob_json_to_bytes    (JsonNode *node, gboolean pretty, GError **error);

/* Member getters, NULL-safe on @object: NULL (resp. FALSE) unless the member
 * exists and holds the asked kind of node. The results belong to @object. */
const char *jln_ob_json_get_string (JsonObject *object, const char *member);
JsonObject *jln_ob_json_get_object (JsonObject *object, const char *member);
JsonArray  *jln_ob_json_get_array  (JsonObject *object, const char *member);

/* TRUE when the "type" member is @type or an array containing the string @type. */
gboolean    jln_ob_json_has_type   (JsonObject *object, const char *type);

G_END_DECLS
