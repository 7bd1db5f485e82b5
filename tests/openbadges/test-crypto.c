/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-crypto"

#include <string.h>

#include "openbadges/jln-multibase.h"
#include "openbadges/jln-ob-error.h"
#include "openbadges/jln-ob-key.h"
#include "openbadges/jln-proof.h"

#define VECTOR_SEED   "6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4"
#define VECTOR_PUBLIC "4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5"
#define VECTOR_MULTIKEY "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
#define VECTOR_DOC_HASH "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773"
#define VECTOR_PROOF_HASH "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19"
#define VECTOR_SIGNATURE "f7a017acf7d27983267ec362657c0fb08e955549f49dac5bf36a03c4f2c3a4f1e3738a6c5ecd7ffba7135cb9cd754e6196f4b73082ea8df8e703c8ecd4333503"
#define VECTOR_PROOF_VALUE "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr"

static char *
read_vector (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "openbadges", "vectors", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static JlnObKey *
vector_key (void)
{
  g_autofree guint8 *seed = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  JlnObKey *key;

  seed = jln_hex_decode (VECTOR_SEED, &len, &error);
  g_assert_no_error (error);
  key = jln_ob_key_new_from_seed (seed, len, &error);
  g_assert_no_error (error);
  return key;
}

static void
test_base58 (void)
{
  static const struct { const char *plain; gsize len; const char *b58; } cases[] = {
    { "", 0, "" },
    { "Hello World!", 12, "2NEpo7TZRRrLZSi2U" },
    { "\0\0\x01", 3, "112" },
    { "\0", 1, "1" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *enc = jln_base58btc_encode ((const guint8 *) cases[i].plain, cases[i].len);
      g_autofree guint8 *dec = NULL;
      g_autoptr(GError) error = NULL;
      gsize len = 99;

      g_assert_cmpstr (enc, ==, cases[i].b58);
      dec = jln_base58btc_decode (cases[i].b58, &len, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (dec, len, cases[i].plain, cases[i].len);
    }

  /* Random round trips, with leading zero bytes. */
  for (int n = 0; n < 200; n++)
    {
      guint8 buf[70];
      gsize blen = g_random_int_range (0, sizeof buf);
      g_autofree char *enc = NULL;
      g_autofree guint8 *dec = NULL;
      gsize len = 0;

      for (gsize i = 0; i < blen; i++)
        buf[i] = i < 3 && n % 2 ? 0 : g_random_int_range (0, 256);
      enc = jln_base58btc_encode (buf, blen);
      dec = jln_base58btc_decode (enc, &len, NULL);
      g_assert_nonnull (dec);
      g_assert_cmpmem (dec, len, buf, blen);
    }
}

static void
test_base58_bad (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = g_strnfill (5000, '2');
  gsize len = 0;

  /* 0, O, I, l are not base58. */
  g_assert_null (jln_base58btc_decode ("abc0", &len, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO);
  g_clear_error (&error);
  g_assert_null (jln_base58btc_decode ("zl", &len, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO);
  g_clear_error (&error);
  g_assert_null (jln_base58btc_decode (long_text, &len, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_TOO_LARGE);
}

static void
test_base64url (void)
{
  static const struct { const char *plain; const char *b64; } cases[] = {
    { "", "" }, { "f", "Zg" }, { "fo", "Zm8" }, { "foo", "Zm9v" },
    { "foob", "Zm9vYg" }, { "fooba", "Zm9vYmE" }, { "foobar", "Zm9vYmFy" },
    { "\xfb\xff", "-_8" },
  };
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree guint8 *padded = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *enc = jln_base64url_encode ((const guint8 *) cases[i].plain, strlen (cases[i].plain));
      g_autofree guint8 *dec = NULL;

      g_assert_cmpstr (enc, ==, cases[i].b64);
      dec = jln_base64url_decode (enc, &len, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (dec, len, cases[i].plain, strlen (cases[i].plain));
    }
  padded = jln_base64url_decode ("Zm8=", &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (padded, len, "fo", 2);

  g_assert_null (jln_base64url_decode ("Zm9v+", &len, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO);
  g_clear_error (&error);
  g_assert_null (jln_base64url_decode ("Z", &len, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO);
}

static void
test_multibase (void)
{
  const guint8 data[] = { 0, 1, 2, 250, 251 };
  g_autofree char *z = jln_multibase_encode (JLN_MULTIBASE_BASE58BTC, data, sizeof data);
  g_autofree char *u = jln_multibase_encode (JLN_MULTIBASE_BASE64URL, data, sizeof data);
  g_autofree guint8 *dz = NULL;
  g_autofree guint8 *du = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_assert_true (z[0] == 'z');
  g_assert_true (u[0] == 'u');
  dz = jln_multibase_decode (z, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (dz, len, data, sizeof data);
  du = jln_multibase_decode (u, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (du, len, data, sizeof data);

  /* 'f' (base16) and 'm' (base64) are real multibase prefixes we refuse. */
  g_assert_null (jln_multibase_decode ("f00ff", &len, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_null (jln_multibase_decode ("", &len, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO);
}

static void
test_hex (void)
{
  const guint8 data[] = { 0x00, 0xab, 0xff };
  g_autofree char *hex = jln_hex_encode (data, sizeof data);
  g_autofree guint8 *back = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_assert_cmpstr (hex, ==, "00abff");
  back = jln_hex_decode ("00ABff", &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (back, len, data, sizeof data);
  g_assert_null (jln_hex_decode ("abc", &len, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO);
  g_clear_error (&error);
  g_assert_null (jln_hex_decode ("zz", &len, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO);
}

static void
test_sha256 (void)
{
  g_autofree char *empty = jln_ob_sha256_hex ("");
  g_autofree char *abc = jln_ob_sha256_hex ("abc");

  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_key_vector (void)
{
  g_autoptr(JlnObKey) key = vector_key ();
  g_autofree char *pk = jln_hex_encode (jln_ob_key_get_public_key (key), JLN_OB_KEY_PUBLIC_SIZE);
  g_autofree char *mk = jln_ob_key_get_public_key_multibase (key);
  g_autofree char *did = jln_ob_key_get_did (key);
  g_autofree char *vm = jln_ob_key_get_verification_method (key);
  g_autoptr(GBytes) seed = jln_ob_key_get_seed (key);
  g_autofree char *seed_hex = jln_hex_encode (g_bytes_get_data (seed, NULL), g_bytes_get_size (seed));

  g_assert_cmpstr (pk, ==, VECTOR_PUBLIC);
  g_assert_cmpstr (mk, ==, VECTOR_MULTIKEY);
  g_assert_cmpstr (did, ==, "did:key:" VECTOR_MULTIKEY);
  g_assert_cmpstr (vm, ==, "did:key:" VECTOR_MULTIKEY "#" VECTOR_MULTIKEY);
  g_assert_cmpstr (seed_hex, ==, VECTOR_SEED);
}

static void
test_key_bad_seed (void)
{
  g_autoptr(GError) error = NULL;
  guint8 seed[31] = { 0 };

  g_assert_null (jln_ob_key_new_from_seed (seed, sizeof seed, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO);
}

static void
test_key_generate (void)
{
  g_autoptr(JlnObKey) a = jln_ob_key_generate ();
  g_autoptr(JlnObKey) b = jln_ob_key_generate ();
  g_autoptr(GBytes) seed = jln_ob_key_get_seed (a);
  g_autoptr(JlnObKey) a2 = jln_ob_key_new_from_seed (g_bytes_get_data (seed, NULL),
                                                      g_bytes_get_size (seed), NULL);
  guint8 sig[JLN_OB_SIGNATURE_SIZE];
  const char *msg = "badge";

  g_assert_cmpmem (jln_ob_key_get_public_key (a), 32, jln_ob_key_get_public_key (a2), 32);
  g_assert_true (memcmp (jln_ob_key_get_public_key (a), jln_ob_key_get_public_key (b), 32) != 0);

  jln_ob_key_sign (a, (const guint8 *) msg, 5, sig);
  g_assert_true (jln_ob_ed25519_verify (jln_ob_key_get_public_key (a), (const guint8 *) msg, 5, sig, sizeof sig));
  g_assert_false (jln_ob_ed25519_verify (jln_ob_key_get_public_key (b), (const guint8 *) msg, 5, sig, sizeof sig));
  g_assert_false (jln_ob_ed25519_verify (jln_ob_key_get_public_key (a), (const guint8 *) "badgf", 5, sig, sizeof sig));
  g_assert_false (jln_ob_ed25519_verify (jln_ob_key_get_public_key (a), (const guint8 *) msg, 5, sig, 63));
}

static void
test_vector_hashes_and_signature (void)
{
  g_autofree char *doc = read_vector ("document-canon.nq");
  g_autofree char *proof = read_vector ("proof-canon.nq");
  g_autofree char *doc_hash = jln_ob_sha256_hex (doc);
  g_autofree char *proof_hash = jln_ob_sha256_hex (proof);
  g_autoptr(JlnObKey) key = vector_key ();
  guint8 data[64];
  guint8 sig[JLN_OB_SIGNATURE_SIZE];
  g_autofree char *data_hex = NULL;
  g_autofree char *sig_hex = NULL;
  g_autofree char *proof_value = NULL;

  g_assert_cmpstr (doc_hash, ==, VECTOR_DOC_HASH);
  g_assert_cmpstr (proof_hash, ==, VECTOR_PROOF_HASH);

  jln_proof_hash_data (proof, doc, data);
  data_hex = jln_hex_encode (data, sizeof data);
  g_assert_cmpstr (data_hex, ==, VECTOR_PROOF_HASH VECTOR_DOC_HASH);

  jln_ob_key_sign (key, data, sizeof data, sig);
  sig_hex = jln_hex_encode (sig, sizeof sig);
  g_assert_cmpstr (sig_hex, ==, VECTOR_SIGNATURE);
  proof_value = jln_multibase_encode (JLN_MULTIBASE_BASE58BTC, sig, sizeof sig);
  g_assert_cmpstr (proof_value, ==, VECTOR_PROOF_VALUE);
  g_assert_true (jln_ob_ed25519_verify (jln_ob_key_get_public_key (key), data, sizeof data, sig, sizeof sig));
}

static void
test_did_key_resolve (void)
{
  guint8 pk[32];
  g_autoptr(GError) error = NULL;
  g_autofree char *pk_hex = NULL;

  g_assert_true (jln_ob_did_key_resolve ("did:key:" VECTOR_MULTIKEY "#" VECTOR_MULTIKEY, pk, &error));
  g_assert_no_error (error);
  pk_hex = jln_hex_encode (pk, 32);
  g_assert_cmpstr (pk_hex, ==, VECTOR_PUBLIC);
  g_assert_true (jln_ob_did_key_resolve ("did:key:" VECTOR_MULTIKEY, pk, &error));
  g_assert_no_error (error);
}

static void
test_did_key_bad (void)
{
  guint8 pk[32];
  guint8 x25519[34] = { 0xec, 0x01 };
  guint8 unknown[34] = { 0x12, 0x34 };
  guint8 short_key[20] = { 0xed, 0x01 };
  g_autofree char *x_mk = jln_multibase_encode (JLN_MULTIBASE_BASE58BTC, x25519, sizeof x25519);
  g_autofree char *u_mk = jln_multibase_encode (JLN_MULTIBASE_BASE58BTC, unknown, sizeof unknown);
  g_autofree char *s_mk = jln_multibase_encode (JLN_MULTIBASE_BASE58BTC, short_key, sizeof short_key);
  g_autofree char *x_did = g_strconcat ("did:key:", x_mk, NULL);
  g_autofree char *u_did = g_strconcat ("did:key:", u_mk, NULL);
  g_autofree char *s_did = g_strconcat ("did:key:", s_mk, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (jln_ob_did_key_resolve (x_did, pk, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "X25519"));
  g_clear_error (&error);

  g_assert_false (jln_ob_did_key_resolve (u_did, pk, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "0x1234"));
  g_clear_error (&error);

  g_assert_false (jln_ob_did_key_resolve (s_did, pk, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO);
  g_clear_error (&error);

  g_assert_false (jln_ob_did_key_resolve ("did:web:example.org#key-1", pk, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (jln_ob_did_key_resolve ("https://example.edu/issuers/565049#key", pk, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Base16 multibase, and a fragment naming another key. */
  g_assert_false (jln_ob_did_key_resolve ("did:key:fed01", pk, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_false (jln_ob_did_key_resolve ("did:key:" VECTOR_MULTIKEY "#z6Mkother", pk, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO);
  g_clear_error (&error);
  g_assert_false (jln_ob_did_key_resolve ("did:key:", pk, &error));
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crypto/base58", test_base58);
  g_test_add_func ("/crypto/base58-bad", test_base58_bad);
  g_test_add_func ("/crypto/base64url", test_base64url);
  g_test_add_func ("/crypto/multibase", test_multibase);
  g_test_add_func ("/crypto/hex", test_hex);
  g_test_add_func ("/crypto/sha256", test_sha256);
  g_test_add_func ("/crypto/key-vector", test_key_vector);
  g_test_add_func ("/crypto/key-bad-seed", test_key_bad_seed);
  g_test_add_func ("/crypto/key-generate", test_key_generate);
  g_test_add_func ("/crypto/vector-signature", test_vector_hashes_and_signature);
  g_test_add_func ("/crypto/did-key-resolve", test_did_key_resolve);
  g_test_add_func ("/crypto/did-key-bad", test_did_key_bad);

  return g_test_run ();
}
