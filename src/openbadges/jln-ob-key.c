/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "jln-multibase.h"
#include "jln-ob-error.h"
#include "jln-ob-key.h"

struct _JlnObKey {
  gatomicrefcount ref_count;
  /* libsodium's secret key is seed || public key. */
  guint8 secret[crypto_sign_SECRETKEYBYTES];
  guint8 public_key[crypto_sign_PUBLICKEYBYTES];
};

G_STATIC_ASSERT (crypto_sign_SEEDBYTES == JLN_OB_KEY_SEED_SIZE);
G_STATIC_ASSERT (crypto_sign_PUBLICKEYBYTES == JLN_OB_KEY_PUBLIC_SIZE);
G_STATIC_ASSERT (crypto_sign_BYTES == JLN_OB_SIGNATURE_SIZE);
G_STATIC_ASSERT (crypto_hash_sha256_BYTES == JLN_OB_SHA256_SIZE);

void
jln_ob_crypto_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");
      g_once_init_leave (&initialised, 1);
    }
}

/* In locked memory (sodium_malloc: mlocked, guard pages), so the secret
 * never reaches swap. */
static JlnObKey *
key_new (void)
{
  JlnObKey *key = sodium_malloc (sizeof *key);

  if (key == NULL)
    g_error ("no locked memory left for a signing key");
  memset (key, 0, sizeof *key);

  g_atomic_ref_count_init (&key->ref_count);
  return key;
}

JlnObKey *
jln_ob_key_generate (void)
{
  JlnObKey *key;

  jln_ob_crypto_init ();
  key = key_new ();
  crypto_sign_keypair (key->public_key, key->secret);
  return key;
}

JlnObKey *
jln_ob_key_new_from_seed (const guint8 *seed, gsize seed_len, GError **error)
{
  JlnObKey *key;

  jln_ob_crypto_init ();
  if (seed == NULL || seed_len != JLN_OB_KEY_SEED_SIZE)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO,
                   _("The signing key is damaged (it must be %d bytes long)."),
                   JLN_OB_KEY_SEED_SIZE);
      return NULL;
    }
  key = key_new ();
  crypto_sign_seed_keypair (key->public_key, key->secret, seed);
  return key;
}

JlnObKey *
jln_ob_key_ref (JlnObKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  g_atomic_ref_count_inc (&key->ref_count);
  return key;
}

void
jln_ob_key_unref (JlnObKey *key)
{
  g_return_if_fail (key != NULL);
  if (g_atomic_ref_count_dec (&key->ref_count))
    {
      sodium_free (key);
    }
}

GBytes *
jln_ob_key_get_seed (JlnObKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return g_bytes_new (key->secret, JLN_OB_KEY_SEED_SIZE);
}

const guint8 *
jln_ob_key_get_public_key (JlnObKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return key->public_key;
}

void
jln_ob_key_sign (JlnObKey *key, const guint8 *data, gsize len,
                 guint8 signature[JLN_OB_SIGNATURE_SIZE])
{
  g_return_if_fail (key != NULL);
  crypto_sign_detached (signature, NULL, data, len, key->secret);
}

gboolean
jln_ob_ed25519_verify (const guint8 public_key[JLN_OB_KEY_PUBLIC_SIZE],
                       const guint8 *data, gsize len,
                       const guint8 *signature, gsize signature_len)
{
  jln_ob_crypto_init ();
  if (signature_len != JLN_OB_SIGNATURE_SIZE)
    return FALSE;
  return crypto_sign_verify_detached (signature, data, len, public_key) == 0;
}

char *
jln_ob_key_get_public_key_multibase (JlnObKey *key)
{
  guint8 buf[2 + JLN_OB_KEY_PUBLIC_SIZE] = { 0xed, 0x01 };

  g_return_val_if_fail (key != NULL, NULL);
  memcpy (buf + 2, key->public_key, JLN_OB_KEY_PUBLIC_SIZE);
  return jln_multibase_encode (JLN_MULTIBASE_BASE58BTC, buf, sizeof buf);
}

char *
jln_ob_key_get_did (JlnObKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return jln_ob_did_key_from_public_key (key->public_key);
}

char *
jln_ob_did_key_from_public_key (const guint8 public_key[JLN_OB_KEY_PUBLIC_SIZE])
{
  guint8 buf[2 + JLN_OB_KEY_PUBLIC_SIZE] = { 0xed, 0x01 };
  g_autofree char *mk = NULL;

  memcpy (buf + 2, public_key, JLN_OB_KEY_PUBLIC_SIZE);
  mk = jln_multibase_encode (JLN_MULTIBASE_BASE58BTC, buf, sizeof buf);
  return g_strconcat ("did:key:", mk, NULL);
}

char *
jln_ob_key_get_verification_method (JlnObKey *key)
{
  g_autofree char *mk = jln_ob_key_get_public_key_multibase (key);

  return g_strconcat ("did:key:", mk, "#", mk, NULL);
}

/* Multicodec prefixes we can name when refusing a key. */
static const char *
multicodec_name (const guint8 *b, gsize len)
{
  if (len >= 2 && b[0] == 0xec && b[1] == 0x01)
    return "X25519";
  if (len >= 2 && b[0] == 0xe7 && b[1] == 0x01)
    return "secp256k1";
  if (len >= 2 && b[0] == 0x80 && b[1] == 0x24)
    return "P-256";
  if (len >= 2 && b[0] == 0x81 && b[1] == 0x24)
    return "P-384";
  if (len >= 2 && b[0] == 0x85 && b[1] == 0x24)
    return "RSA";
  if (len >= 2 && b[0] == 0xeb && b[1] == 0x01)
    return "BLS12-381";
  return NULL;
}

gboolean
jln_ob_multikey_decode (const char *multikey,
                        guint8 public_key[JLN_OB_KEY_PUBLIC_SIZE],
                        GError **error)
{
  g_autofree guint8 *bytes = NULL;
  gsize len = 0;

  g_return_val_if_fail (multikey != NULL, FALSE);

  if (multikey[0] != 'z')
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED,
                   _("The issuer’s key is not written in the expected base58 form (it must start with “z”)."));
      return FALSE;
    }
  bytes = jln_multibase_decode (multikey, &len, error);
  if (bytes == NULL)
    return FALSE;

  if (len >= 2 && !(bytes[0] == 0xed && bytes[1] == 0x01))
    {
      const char *name = multicodec_name (bytes, len);

      if (name)
        g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED,
                     _("The issuer’s key is a %s key; only Ed25519 keys are supported."), name);
      else
        g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED,
                     _("The issuer’s key is of an unknown type (multicodec 0x%02x%02x); only Ed25519 keys are supported."),
                     bytes[0], bytes[1]);
      return FALSE;
    }
  if (len != 2 + JLN_OB_KEY_PUBLIC_SIZE)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO,
                   _("The issuer’s Ed25519 key has the wrong length."));
      return FALSE;
    }
  memcpy (public_key, bytes + 2, JLN_OB_KEY_PUBLIC_SIZE);
  return TRUE;
}

gboolean
jln_ob_did_key_resolve (const char *did_or_vm,
                        guint8 public_key[JLN_OB_KEY_PUBLIC_SIZE],
                        GError **error)
{
  const char *id, *hash;
  g_autofree char *method_id = NULL;

  g_return_val_if_fail (did_or_vm != NULL, FALSE);

  if (!g_str_has_prefix (did_or_vm, "did:key:"))
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_NOT_FOUND,
                   _("The issuer’s key “%s” can only be fetched over the network; it cannot be checked offline."),
                   did_or_vm);
      return FALSE;
    }
  id = did_or_vm + strlen ("did:key:");
  hash = strchr (id, '#');
  method_id = hash ? g_strndup (id, hash - id) : g_strdup (id);
  /* A did:key's fragment must name the same key as the DID itself. */
  if (hash && !g_str_equal (hash + 1, method_id))
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO,
                   _("The issuer’s key “%s” is malformed: its two halves differ."),
                   did_or_vm);
      return FALSE;
    }
  return jln_ob_multikey_decode (method_id, public_key, error);
}

void
jln_ob_sha256 (const void *data, gsize len, guint8 digest[JLN_OB_SHA256_SIZE])
{
  jln_ob_crypto_init ();
  crypto_hash_sha256 (digest, data, len);
}

char *
jln_ob_sha256_hex (const char *text)
{
  guint8 digest[JLN_OB_SHA256_SIZE];

  jln_ob_sha256 (text, strlen (text), digest);
  return jln_hex_encode (digest, sizeof digest);
}
