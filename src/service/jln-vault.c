/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-service"

#include <string.h>
#include <glib/gi18n.h>
#include <sodium.h>

#include "openbadges/jln-ob-key.h"
#include "jln-vault.h"

G_DEFINE_QUARK (jln-vault-error-quark, jln_vault_error)

#define KEY_BYTES 32
/* What the vault seals: the signing seed, then the journal's secret. */
#define SEALED_PLAIN_BYTES (2 * KEY_BYTES)

G_STATIC_ASSERT (crypto_secretbox_KEYBYTES == KEY_BYTES);
G_STATIC_ASSERT (crypto_sign_SEEDBYTES == KEY_BYTES);

struct _JlnVaultKeys
{
  /* sodium_malloc'd, so: locked in memory, guard pages, wiped on free. */
  guint8 *vault_key;
  guint8 *plain; /* seed || audit secret */
};

static JlnVaultKeys *
keys_alloc (void)
{
  JlnVaultKeys *keys = g_new0 (JlnVaultKeys, 1);

  jln_ob_crypto_init ();
  keys->vault_key = sodium_malloc (KEY_BYTES);
  keys->plain = sodium_malloc (SEALED_PLAIN_BYTES);
  if (keys->vault_key == NULL || keys->plain == NULL)
    g_error ("no locked memory left for the signing key");
  return keys;
}

void
jln_vault_keys_free (JlnVaultKeys *keys)
{
  if (keys == NULL)
    return;
  sodium_free (keys->vault_key);
  sodium_free (keys->plain);
  g_free (keys);
}

/* ---- passphrases ---- */

gboolean
jln_vault_check_secret_strength (const char  *secret,
                                 GError     **error)
{
  gboolean all_digits = TRUE;
  glong n_chars;

  if (secret == NULL || !g_utf8_validate (secret, -1, NULL))
    {
      g_set_error_literal (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_WEAK_SECRET,
                           _("The passphrase is not valid text."));
      return FALSE;
    }
  for (const char *p = secret; *p; p++)
    if (!g_ascii_isdigit (*p))
      all_digits = FALSE;
  n_chars = g_utf8_strlen (secret, -1);
  if (all_digits && n_chars > 0)
    {
      if (n_chars >= JLN_VAULT_MIN_PIN_DIGITS)
        return TRUE;
      g_set_error (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_WEAK_SECRET,
                   _("A PIN needs at least %d digits."), JLN_VAULT_MIN_PIN_DIGITS);
      return FALSE;
    }
  if (n_chars >= JLN_VAULT_MIN_PASSPHRASE_CHARS)
    return TRUE;
  g_set_error (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_WEAK_SECRET,
               _("A passphrase needs at least %d characters (or use a PIN of %d digits)."),
               JLN_VAULT_MIN_PASSPHRASE_CHARS, JLN_VAULT_MIN_PIN_DIGITS);
  return FALSE;
}

static void
set_no_memory (GError **error)
{
  g_set_error_literal (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_FAILED,
                       _("Not enough memory to check the passphrase. Close other programs and try again."));
}

char *
jln_vault_hash_secret (const char  *secret,
                       GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (secret != NULL, NULL);

  jln_ob_crypto_init ();
  if (crypto_pwhash_str (hash, secret, strlen (secret), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      set_no_memory (error);
      return NULL;
    }
  return g_strdup (hash);
}

gboolean
jln_vault_secret_matches (const char *hash,
                          const char *secret)
{
  jln_ob_crypto_init ();
  if (hash == NULL || secret == NULL || strnlen (hash, crypto_pwhash_STRBYTES) >= crypto_pwhash_STRBYTES)
    return FALSE;
  return crypto_pwhash_str_verify (hash, secret, strlen (secret)) == 0;
}

/* The key that wraps: Argon2id of @secret over @salt. Limits read from a
 * file are bounded, so a tampered slot cannot ask for all the memory. */
static gboolean
derive_kek (const char    *secret,
            GBytes        *salt,
            guint64        opslimit,
            guint64        memlimit,
            guint8        *out_kek,
            GError       **error)
{
  if (salt == NULL || g_bytes_get_size (salt) != crypto_pwhash_SALTBYTES
      || opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > crypto_pwhash_OPSLIMIT_SENSITIVE
      || memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > crypto_pwhash_MEMLIMIT_SENSITIVE)
    {
      g_set_error_literal (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_DAMAGED,
                           _("The account’s key slot is damaged. Another administrator can set a new passphrase."));
      return FALSE;
    }
  if (crypto_pwhash (out_kek, KEY_BYTES, secret, strlen (secret), g_bytes_get_data (salt, NULL),
                     opslimit, (size_t) memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      set_no_memory (error);
      return FALSE;
    }
  return TRUE;
}

/* ---- the vault ---- */

JlnVaultKeys *
jln_vault_keys_new (GBytes *seed,
                    GBytes *audit_secret)
{
  JlnVaultKeys *keys;

  g_return_val_if_fail (seed != NULL && g_bytes_get_size (seed) == KEY_BYTES, NULL);
  g_return_val_if_fail (audit_secret != NULL && g_bytes_get_size (audit_secret) == KEY_BYTES, NULL);

  keys = keys_alloc ();
  crypto_secretbox_keygen (keys->vault_key);
  memcpy (keys->plain, g_bytes_get_data (seed, NULL), KEY_BYTES);
  memcpy (keys->plain + KEY_BYTES, g_bytes_get_data (audit_secret, NULL), KEY_BYTES);
  return keys;
}

const guint8 *
jln_vault_keys_get_seed (JlnVaultKeys *keys)
{
  g_return_val_if_fail (keys != NULL, NULL);
  return keys->plain;
}

GBytes *
jln_vault_keys_dup_audit_secret (JlnVaultKeys *keys)
{
  g_return_val_if_fail (keys != NULL, NULL);
  return g_bytes_new (keys->plain + KEY_BYTES, KEY_BYTES);
}

static GBytes *
random_bytes (gsize n)
{
  guint8 *buf = g_malloc (n);

  randombytes_buf (buf, n);
  return g_bytes_new_take (buf, n);
}

JlnKeyVault *
jln_vault_keys_seal (JlnVaultKeys *keys,
                     const guint8 *public_key)
{
  JlnKeyVault *vault;
  guint8 *sealed;

  g_return_val_if_fail (keys != NULL && public_key != NULL, NULL);

  vault = g_new0 (JlnKeyVault, 1);
  vault->public_key = g_bytes_new (public_key, JLN_OB_KEY_PUBLIC_SIZE);
  vault->nonce = random_bytes (crypto_secretbox_NONCEBYTES);
  sealed = g_malloc (crypto_secretbox_MACBYTES + SEALED_PLAIN_BYTES);
  crypto_secretbox_easy (sealed, keys->plain, SEALED_PLAIN_BYTES,
                         g_bytes_get_data (vault->nonce, NULL), keys->vault_key);
  vault->sealed = g_bytes_new_take (sealed, crypto_secretbox_MACBYTES + SEALED_PLAIN_BYTES);
  return vault;
}

gboolean
jln_vault_keys_fill_slot (JlnVaultKeys  *keys,
                          const char    *secret,
                          JlnAccount    *account,
                          GError       **error)
{
  guint8 *kek;
  guint8 *wrapped;
  char *hash;

  g_return_val_if_fail (keys != NULL && account != NULL, FALSE);

  if (!jln_vault_check_secret_strength (secret, error))
    return FALSE;
  if ((hash = jln_vault_hash_secret (secret, error)) == NULL)
    return FALSE;
  g_clear_pointer (&account->slot_salt, g_bytes_unref);
  g_clear_pointer (&account->slot_nonce, g_bytes_unref);
  g_clear_pointer (&account->slot_wrapped, g_bytes_unref);
  g_free (account->secret_hash);
  account->secret_hash = hash;
  account->slot_salt = random_bytes (crypto_pwhash_SALTBYTES);
  account->slot_opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  account->slot_memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  account->slot_nonce = random_bytes (crypto_secretbox_NONCEBYTES);

  kek = sodium_malloc (KEY_BYTES);
  if (kek == NULL)
    g_error ("no locked memory left for the signing key");
  if (!derive_kek (secret, account->slot_salt, account->slot_opslimit, account->slot_memlimit, kek, error))
    {
      sodium_free (kek);
      return FALSE;
    }
  wrapped = g_malloc (crypto_secretbox_MACBYTES + KEY_BYTES);
  crypto_secretbox_easy (wrapped, keys->vault_key, KEY_BYTES,
                         g_bytes_get_data (account->slot_nonce, NULL), kek);
  sodium_free (kek);
  account->slot_wrapped = g_bytes_new_take (wrapped, crypto_secretbox_MACBYTES + KEY_BYTES);
  return TRUE;
}

static gboolean
has_size (GBytes *bytes,
          gsize   size)
{
  return bytes != NULL && g_bytes_get_size (bytes) == size;
}

static void
set_damaged_vault (GError **error)
{
  g_set_error_literal (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_DAMAGED,
                       _("The signing key’s vault is damaged or was altered. Restore a backup."));
}

JlnVaultKeys *
jln_vault_open (const JlnKeyVault  *vault,
                const JlnAccount   *account,
                const char         *secret,
                GError            **error)
{
  g_autoptr(JlnVaultKeys) keys = NULL;
  g_autoptr(JlnObKey) key = NULL;
  guint8 *kek;
  gboolean opened;

  g_return_val_if_fail (vault != NULL && account != NULL && secret != NULL, NULL);

  if (!has_size (account->slot_nonce, crypto_secretbox_NONCEBYTES)
      || !has_size (account->slot_wrapped, crypto_secretbox_MACBYTES + KEY_BYTES))
    {
      g_set_error_literal (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_DAMAGED,
                           _("The account’s key slot is damaged. Another administrator can set a new passphrase."));
      return NULL;
    }
  if (!has_size (vault->nonce, crypto_secretbox_NONCEBYTES)
      || !has_size (vault->sealed, crypto_secretbox_MACBYTES + SEALED_PLAIN_BYTES)
      || !has_size (vault->public_key, JLN_OB_KEY_PUBLIC_SIZE))
    {
      set_damaged_vault (error);
      return NULL;
    }
  keys = keys_alloc ();
  kek = sodium_malloc (KEY_BYTES);
  if (kek == NULL)
    g_error ("no locked memory left for the signing key");
  if (!derive_kek (secret, account->slot_salt, account->slot_opslimit, account->slot_memlimit, kek, error))
    {
      sodium_free (kek);
      return NULL;
    }
  opened = crypto_secretbox_open_easy (keys->vault_key, g_bytes_get_data (account->slot_wrapped, NULL),
                                       crypto_secretbox_MACBYTES + KEY_BYTES,
                                       g_bytes_get_data (account->slot_nonce, NULL), kek) == 0;
  sodium_free (kek);
  if (!opened)
    {
      g_set_error_literal (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_WRONG_SECRET,
                           _("This passphrase does not open the signing key."));
      return NULL;
    }
  if (crypto_secretbox_open_easy (keys->plain, g_bytes_get_data (vault->sealed, NULL),
                                  crypto_secretbox_MACBYTES + SEALED_PLAIN_BYTES,
                                  g_bytes_get_data (vault->nonce, NULL), keys->vault_key) != 0)
    {
      set_damaged_vault (error);
      return NULL;
    }
  /* The public key beside the vault is what verifiers know us by: a seed
   * that does not give it is not ours. */
  key = jln_ob_key_new_from_seed (keys->plain, KEY_BYTES, error);
  if (key == NULL)
    return NULL;
  if (sodium_memcmp (jln_ob_key_get_public_key (key), g_bytes_get_data (vault->public_key, NULL),
                     JLN_OB_KEY_PUBLIC_SIZE) != 0)
    {
      set_damaged_vault (error);
      return NULL;
    }
  return g_steal_pointer (&keys);
}

/* ---- key files for a second desk ---- */

#define KEY_FILE_GROUP "Jalons signing key"
#define KEY_FILE_FORMAT 1

GBytes *
jln_vault_keys_export (JlnVaultKeys  *keys,
                       const char    *passphrase,
                       GError       **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GBytes) salt = NULL;
  g_autoptr(GBytes) nonce = NULL;
  g_autofree char *salt64 = NULL;
  g_autofree char *nonce64 = NULL;
  g_autofree char *sealed64 = NULL;
  guint8 sealed[crypto_secretbox_MACBYTES + SEALED_PLAIN_BYTES];
  guint8 *kek;
  gsize len;
  char *text;

  g_return_val_if_fail (keys != NULL, NULL);

  if (!jln_vault_check_secret_strength (passphrase, error))
    return NULL;
  salt = random_bytes (crypto_pwhash_SALTBYTES);
  nonce = random_bytes (crypto_secretbox_NONCEBYTES);
  kek = sodium_malloc (KEY_BYTES);
  if (kek == NULL)
    g_error ("no locked memory left for the signing key");
  if (!derive_kek (passphrase, salt, crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE,
                   kek, error))
    {
      sodium_free (kek);
      return NULL;
    }
  crypto_secretbox_easy (sealed, keys->plain, SEALED_PLAIN_BYTES, g_bytes_get_data (nonce, NULL), kek);
  sodium_free (kek);
  salt64 = g_base64_encode (g_bytes_get_data (salt, NULL), g_bytes_get_size (salt));
  nonce64 = g_base64_encode (g_bytes_get_data (nonce, NULL), g_bytes_get_size (nonce));
  sealed64 = g_base64_encode (sealed, sizeof sealed);
  g_key_file_set_integer (file, KEY_FILE_GROUP, "format", KEY_FILE_FORMAT);
  g_key_file_set_string (file, KEY_FILE_GROUP, "salt", salt64);
  g_key_file_set_uint64 (file, KEY_FILE_GROUP, "opslimit", crypto_pwhash_OPSLIMIT_MODERATE);
  g_key_file_set_uint64 (file, KEY_FILE_GROUP, "memlimit", crypto_pwhash_MEMLIMIT_MODERATE);
  g_key_file_set_string (file, KEY_FILE_GROUP, "nonce", nonce64);
  g_key_file_set_string (file, KEY_FILE_GROUP, "sealed", sealed64);
  text = g_key_file_to_data (file, &len, NULL);
  return g_bytes_new_take (text, len);
}

static GBytes *
base64_field (GKeyFile   *file,
              const char *name,
              gsize       expected)
{
  g_autofree char *text = g_key_file_get_string (file, KEY_FILE_GROUP, name, NULL);
  guchar *data;
  gsize len = 0;

  if (text == NULL || strlen (text) > 4 * expected)
    return NULL;
  data = g_base64_decode (text, &len);
  if (len != expected)
    {
      g_free (data);
      return NULL;
    }
  return g_bytes_new_take (data, len);
}

JlnVaultKeys *
jln_vault_keys_import (GBytes      *bytes,
                       const char  *passphrase,
                       GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GBytes) salt = NULL;
  g_autoptr(GBytes) nonce = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(JlnVaultKeys) keys = NULL;
  g_autoptr(GError) parse_error = NULL;
  guint64 opslimit, memlimit;
  guint8 *kek;
  gboolean opened;

  g_return_val_if_fail (bytes != NULL && passphrase != NULL, NULL);

  if (!g_key_file_load_from_bytes (file, bytes, G_KEY_FILE_NONE, &parse_error)
      || g_key_file_get_integer (file, KEY_FILE_GROUP, "format", NULL) != KEY_FILE_FORMAT
      || (salt = base64_field (file, "salt", crypto_pwhash_SALTBYTES)) == NULL
      || (nonce = base64_field (file, "nonce", crypto_secretbox_NONCEBYTES)) == NULL
      || (sealed = base64_field (file, "sealed", crypto_secretbox_MACBYTES + SEALED_PLAIN_BYTES)) == NULL)
    {
      g_set_error_literal (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_DAMAGED,
                           _("This is not a Jalons key file, or it was damaged."));
      return NULL;
    }
  opslimit = g_key_file_get_uint64 (file, KEY_FILE_GROUP, "opslimit", NULL);
  memlimit = g_key_file_get_uint64 (file, KEY_FILE_GROUP, "memlimit", NULL);
  keys = keys_alloc ();
  kek = sodium_malloc (KEY_BYTES);
  if (kek == NULL)
    g_error ("no locked memory left for the signing key");
  if (!derive_kek (passphrase, salt, opslimit, memlimit, kek, error))
    {
      sodium_free (kek);
      return NULL;
    }
  opened = crypto_secretbox_open_easy (keys->plain, g_bytes_get_data (sealed, NULL),
                                       g_bytes_get_size (sealed), g_bytes_get_data (nonce, NULL), kek) == 0;
  sodium_free (kek);
  if (!opened)
    {
      g_set_error_literal (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_WRONG_SECRET,
                           _("This passphrase does not open the key file."));
      return NULL;
    }
  /* A fresh vault key: a key file never carries one desk's slots. */
  crypto_secretbox_keygen (keys->vault_key);
  return g_steal_pointer (&keys);
}
