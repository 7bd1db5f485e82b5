/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "store/jln-store.h"

G_BEGIN_DECLS

/* The cryptography of accounts and of the signing key at rest (libsodium),
 * for JlnSession. Nothing here touches the database.
 *
 * - A passphrase is kept as crypto_pwhash_str (Argon2id, interactive
 *   limits); checking it is jln_vault_secret_matches().
 * - The vault key (32 random bytes) seals the signing seed and the
 *   journal's secret together (crypto_secretbox); each account's key slot
 *   wraps the vault key under a key derived from that account's
 *   passphrase (crypto_pwhash over the slot's own salt). Whoever knows one
 *   account's passphrase can open the vault; the file alone cannot.
 * - While open, the keys live in sodium_malloc'd (locked) memory. */

#define JLN_VAULT_ERROR (jln_vault_error_quark ())

typedef enum {
  JLN_VAULT_ERROR_WEAK_SECRET,  /* too short to protect the key */
  JLN_VAULT_ERROR_WRONG_SECRET, /* the slot does not open with this passphrase */
  JLN_VAULT_ERROR_DAMAGED,      /* the vault or slot bytes are not what was written */
  JLN_VAULT_ERROR_FAILED,       /* not enough memory for Argon2id */
} JlnVaultError;

GQuark jln_vault_error_quark (void);

/* A passphrase of at least this many characters… */
#define JLN_VAULT_MIN_PASSPHRASE_CHARS 10
/* …or a PIN of at least this many digits. */
#define JLN_VAULT_MIN_PIN_DIGITS 8

/* Whether @secret may protect an account: a passphrase of
 * JLN_VAULT_MIN_PASSPHRASE_CHARS characters or a PIN of
 * JLN_VAULT_MIN_PIN_DIGITS digits (valid UTF-8). WEAK_SECRET says which. */
gboolean      jln_vault_check_secret_strength (const char *secret, GError **error);
/* crypto_pwhash_str of @secret, or NULL with FAILED. */
char         *jln_vault_hash_secret          (const char *secret, GError **error);
gboolean      jln_vault_secret_matches       (const char *hash, const char *secret);

typedef struct _JlnVaultKeys JlnVaultKeys;

/* A new vault key around @seed (32 bytes) and the journal's @audit_secret
 * (32 bytes). */
JlnVaultKeys *jln_vault_keys_new             (GBytes *seed, GBytes *audit_secret);
void          jln_vault_keys_free            (JlnVaultKeys *keys);
/* Borrowed, 32 bytes each, valid while @keys lives. */
const guint8 *jln_vault_keys_get_seed        (JlnVaultKeys *keys);
/* A copy for jln_store_unlock_audit() (which copies it to locked memory). */
GBytes       *jln_vault_keys_dup_audit_secret (JlnVaultKeys *keys);
/* The vault to store: seed and secret sealed under the vault key, beside
 * @public_key (32 bytes). */
JlnKeyVault  *jln_vault_keys_seal            (JlnVaultKeys *keys, const guint8 *public_key);
/* Fills @account's secret_hash and key slot for @secret (checked for
 * strength first). */
gboolean      jln_vault_keys_fill_slot       (JlnVaultKeys *keys, const char *secret,
                                              JlnAccount *account, GError **error);
/* Opens @vault with @account's slot and @secret: WRONG_SECRET, DAMAGED. */
JlnVaultKeys *jln_vault_open                 (const JlnKeyVault *vault, const JlnAccount *account,
                                              const char *secret, GError **error);

/* A key file for a second desk: the seed and journal secret sealed under
 * a key derived from @passphrase (its own salt), as a small JSON text. */
GBytes       *jln_vault_keys_export          (JlnVaultKeys *keys, const char *passphrase, GError **error);
/* Reads what jln_vault_keys_export() wrote: WRONG_SECRET, DAMAGED. */
JlnVaultKeys *jln_vault_keys_import          (GBytes *file, const char *passphrase, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnVaultKeys, jln_vault_keys_free)

G_END_DECLS
