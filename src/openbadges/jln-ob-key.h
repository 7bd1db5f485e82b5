/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The issuer's Ed25519 signing key, kept behind this one small API so that its
 * protection at rest can change without touching callers. Thread-safe to use
 * from several threads once created (it is immutable). */

#define JLN_OB_KEY_SEED_SIZE       32
#define JLN_OB_KEY_PUBLIC_SIZE     32
#define JLN_OB_SIGNATURE_SIZE      64
#define JLN_OB_SHA256_SIZE         32

typedef struct _JlnObKey JlnObKey;

/* Initialises libsodium once; every function here calls it, so callers only
 * need it when they use libsodium directly. Aborts if libsodium cannot start. */
void          jln_ob_crypto_init         (void);

JlnObKey     *jln_ob_key_generate        (void);
JlnObKey     *jln_ob_key_new_from_seed   (const guint8 *seed, gsize seed_len, GError **error);
JlnObKey     *jln_ob_key_ref             (JlnObKey *key);
void          jln_ob_key_unref           (JlnObKey *key);
/* Copies of the 32-byte seed (secret) and public key. */
GBytes       *jln_ob_key_get_seed        (JlnObKey *key);
const guint8 *jln_ob_key_get_public_key  (JlnObKey *key);
/* Detached Ed25519 signature, JLN_OB_SIGNATURE_SIZE bytes into @signature. */
void          jln_ob_key_sign            (JlnObKey *key, const guint8 *data, gsize len,
                                          guint8 signature[JLN_OB_SIGNATURE_SIZE]);
/* "did:key:z6Mk…" and "did:key:z6Mk…#z6Mk…" */
char         *jln_ob_key_get_did         (JlnObKey *key);
char         *jln_ob_key_get_verification_method (JlnObKey *key);
/* The same did:key from a public key alone (the issuer while its seed is
 * locked away). */
char         *jln_ob_did_key_from_public_key (const guint8 public_key[JLN_OB_KEY_PUBLIC_SIZE]);
/* "z6Mk…": multibase(base58btc, 0xed 0x01 || public key) */
char         *jln_ob_key_get_public_key_multibase (JlnObKey *key);

gboolean      jln_ob_ed25519_verify      (const guint8 public_key[JLN_OB_KEY_PUBLIC_SIZE],
                                          const guint8 *data, gsize len,
                                          const guint8 *signature, gsize signature_len);

/* Decodes a multikey "z6Mk…" to the Ed25519 public key. Other multicodecs are
 * refused with JLN_OB_ERROR_UNSUPPORTED naming the key type. */
gboolean      jln_ob_multikey_decode     (const char *multikey,
                                          guint8 public_key[JLN_OB_KEY_PUBLIC_SIZE],
                                          GError **error);
/* Resolves a did:key DID or verification method ("did:key:z…" or
 * "did:key:z…#z…") offline. Anything that is not did:key fails with
 * JLN_OB_ERROR_NOT_FOUND (it would need the network); a did:key of another
 * key type fails with JLN_OB_ERROR_UNSUPPORTED. */
gboolean      jln_ob_did_key_resolve     (const char *did_or_vm,
                                          guint8 public_key[JLN_OB_KEY_PUBLIC_SIZE],
                                          GError **error);

void          jln_ob_sha256              (const void *data, gsize len,
                                          guint8 digest[JLN_OB_SHA256_SIZE]);
/* Lower-case hex SHA-256 of a NUL-terminated string. */
char         *jln_ob_sha256_hex          (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnObKey, jln_ob_key_unref)

G_END_DECLS
