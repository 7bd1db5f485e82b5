/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Baking: carrying a credential inside the badge image itself, so that the
 * picture a participant shares is also the proof.
 *
 * PNG: one iTXt chunk, keyword "openbadgecredential" (Open Badges 3.0),
 *      uncompressed, right after IHDR. OB 2.0 images carry "openbadges"
 *      (iTXt or tEXt); those are read, never written.
 * SVG: <openbadges:credential> holding the JSON in CDATA right after the
 *      <svg> start tag, with xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0".
 *      OB 2.0 images carry <openbadges:assertion verify="…">; read only.
 *
 * Inputs are untrusted: sizes are bounded (JLN_BAKE_MAX_FILE_SIZE), PNG
 * structure and CRCs are checked, SVG is scanned without any DTD or entity
 * processing. Errors are in JLN_OB_ERROR (jln-ob-error.h):
 * INVALID_IMAGE, TOO_LARGE, NOT_FOUND, INVALID_JSON, UNSUPPORTED. */

#define JLN_BAKE_MAX_FILE_SIZE     (50 * 1024 * 1024)   /* whole image */
#define JLN_BAKE_MAX_PAYLOAD_SIZE  (8 * 1024 * 1024)    /* one baked credential, decompressed */

#define JLN_BAKE_PNG_KEYWORD_OB3   "openbadgecredential"
#define JLN_BAKE_PNG_KEYWORD_OB2   "openbadges"
#define JLN_BAKE_SVG_NAMESPACE_OB3 "https://purl.imsglobal.org/ob/v3p0"

/* Returns a new PNG: @png with exactly one "openbadgecredential" iTXt chunk
 * holding @credential_json (UTF-8), inserted right after IHDR. Any baked
 * credential already there ("openbadgecredential", or an OB 2.0 "openbadges"
 * chunk) is removed, since an image may carry only one. Every other byte is
 * kept as is. */
GBytes *jln_bake_png (GBytes *png, const char *credential_json, GError **error);

/* Returns a new SVG: @svg with the namespace declared on the root <svg> (if
 * absent) and <openbadges:credential> right after its start tag; an existing
 * <openbadges:credential> (or OB 2.0 <openbadges:assertion>) is removed. */
GBytes *jln_bake_svg (GBytes *svg, const char *credential_json, GError **error);

typedef enum {
  JLN_BAKED_FORMAT_PNG,
  JLN_BAKED_FORMAT_SVG,
  JLN_BAKED_FORMAT_JSON,
} JlnBakedFormat;

typedef struct {
  JlnBakedFormat format;
  int            ob_version;   /* 2 or 3 */
  char          *payload;      /* JSON text, or for OB 2.0 hosted badges possibly a URL */
} JlnBakedCredential;

void jln_baked_credential_free (JlnBakedCredential *baked);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnBakedCredential, jln_baked_credential_free)

/* TRUE when @payload is a URL (OB 2.0 hosted assertion) rather than JSON. */
gboolean jln_baked_credential_is_url (const JlnBakedCredential *baked);

/* Sniffs @file (PNG signature, SVG/XML, or a JSON object) and returns the
 * credential it carries. A JSON file is returned as is, its version guessed
 * from @context/type (3 for OB 3.0 / VC 2.0, 2 for an OB 2.0 Assertion).
 * Two baked credentials in one file is an error (INVALID_IMAGE); none is
 * NOT_FOUND. */
JlnBakedCredential *jln_bake_extract (GBytes *file, GError **error);

/* The format of @file from its first bytes, without validating it. Returns
 * FALSE when it is none of PNG, SVG, JSON. */
gboolean jln_bake_sniff (GBytes *file, JlnBakedFormat *out_format);

/* Bakes into @image whatever format it is (PNG or SVG). */
GBytes *jln_bake (GBytes *image, const char *credential_json, GError **error);

/* CRC-32 as used by PNG (ISO 3309 / ITU-T V.42), exposed for tests. */
guint32 jln_png_crc32 (const guint8 *data, gsize len);

G_END_DECLS
