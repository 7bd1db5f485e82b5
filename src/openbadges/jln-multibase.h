/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text encodings of binary data used by Data Integrity proofs, did:key and
 * status lists. Every decoder refuses malformed input with JLN_OB_ERROR_CRYPTO
 * (or JLN_OB_ERROR_UNSUPPORTED for an unknown multibase prefix). */

char    *jln_base58btc_encode (const guint8 *data, gsize len);
guint8  *jln_base58btc_decode (const char *text, gsize *out_len, GError **error);

/* RFC 4648 §5 alphabet, never padded; the decoder also accepts padding. */
char    *jln_base64url_encode (const guint8 *data, gsize len);
guint8  *jln_base64url_decode (const char *text, gsize *out_len, GError **error);

/* Multibase: 'z' = base58btc, 'u' = base64url (no padding). */
typedef enum {
  JLN_MULTIBASE_BASE58BTC = 'z',
  JLN_MULTIBASE_BASE64URL = 'u',
} JlnMultibase;

char    *jln_multibase_encode (JlnMultibase base, const guint8 *data, gsize len);
guint8  *jln_multibase_decode (const char *text, gsize *out_len, GError **error);

/* Lower-case hexadecimal. */
char    *jln_hex_encode (const guint8 *data, gsize len);
guint8  *jln_hex_decode (const char *text, gsize *out_len, GError **error);

G_END_DECLS
