/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-status-list"

#include <string.h>

#include "openbadges/jln-multibase.h"
#include "openbadges/jln-ob-error.h"
#include "openbadges/jln-ob-zlib.h"
#include "openbadges/jln-proof.h"
#include "openbadges/jln-status-list.h"

static void
test_round_trip (void)
{
  static const guint revoked[] = { 0, 7, 8, 94567, 131071 };
  g_autoptr(GError) error = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(JlnStatusList) list = NULL;
  guint n_set = 0;

  encoded = jln_status_list_encode_indices (revoked, G_N_ELEMENTS (revoked), 0, &error);
  g_assert_no_error (error);
  g_assert_true (encoded[0] == 'u');
  g_assert_null (strchr (encoded, '='));
  g_assert_null (strchr (encoded, '+'));
  g_assert_null (strchr (encoded, '/'));

  list = jln_status_list_decode (encoded, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jln_status_list_get_n_bits (list), ==, JLN_STATUS_LIST_DEFAULT_BITS);
  for (guint i = 0; i < JLN_STATUS_LIST_DEFAULT_BITS; i++)
    if (jln_status_list_is_set (list, i))
      {
        g_assert_cmpuint (i, ==, revoked[n_set]);
        n_set++;
      }
  g_assert_cmpuint (n_set, ==, G_N_ELEMENTS (revoked));
  g_assert_false (jln_status_list_is_set (list, JLN_STATUS_LIST_DEFAULT_BITS));
  g_assert_false (jln_status_list_is_set (list, G_MAXUINT));

  /* Also without the multibase prefix (StatusList2021 style). */
  {
    g_autoptr(JlnStatusList) again = jln_status_list_decode (encoded + 1, &error);

    g_assert_no_error (error);
    g_assert_true (jln_status_list_is_set (again, 94567));
  }
}

static void
test_bit_order (void)
{
  g_autoptr(JlnStatusList) list = jln_status_list_new (16);
  const guint8 *bits;

  g_assert_cmpuint (jln_status_list_get_n_bits (list), ==, 16);
  g_assert_true (jln_status_list_set (list, 0, TRUE));
  g_assert_true (jln_status_list_set (list, 9, TRUE));
  g_assert_true (jln_status_list_set (list, 15, TRUE));
  g_assert_false (jln_status_list_set (list, 16, TRUE));
  bits = jln_status_list_get_data (list);
  g_assert_cmphex (bits[0], ==, 0x80);
  g_assert_cmphex (bits[1], ==, 0x41);
  g_assert_true (jln_status_list_set (list, 15, FALSE));
  g_assert_cmphex (bits[1], ==, 0x40);

  /* And decoding reads the same order from a list built by hand. */
  {
    guint8 raw[2] = { 0x80, 0x01 };
    g_autoptr(GBytes) gz = jln_ob_deflate (raw, 2, G_ZLIB_COMPRESSOR_FORMAT_GZIP);
    g_autofree char *enc = jln_multibase_encode (JLN_MULTIBASE_BASE64URL,
                                                 g_bytes_get_data (gz, NULL),
                                                 g_bytes_get_size (gz));
    g_autoptr(GError) error = NULL;
    g_autoptr(JlnStatusList) decoded = jln_status_list_decode (enc, &error);

    g_assert_no_error (error);
    g_assert_true (jln_status_list_is_set (decoded, 0));
    g_assert_false (jln_status_list_is_set (decoded, 1));
    g_assert_true (jln_status_list_is_set (decoded, 15));
    g_assert_false (jln_status_list_is_set (decoded, 7));
  }

  /* The encoded list is GZIP: magic 1f 8b after base64url decoding. */
  {
    g_autofree char *enc = jln_status_list_encode (list);
    gsize len;
    g_autofree guint8 *gz = jln_base64url_decode (enc + 1, &len, NULL);

    g_assert_nonnull (gz);
    g_assert_cmpuint (len, >, 18);
    g_assert_cmphex (gz[0], ==, 0x1f);
    g_assert_cmphex (gz[1], ==, 0x8b);
  }
}

static void
test_bad_inputs (void)
{
  static const struct { const char *text; int code; } cases[] = {
    { "u", JLN_OB_ERROR_INVALID_CREDENTIAL },
    { "u!!!not base64", JLN_OB_ERROR_INVALID_CREDENTIAL },
    { "uSGVsbG8gd29ybGQ", JLN_OB_ERROR_INVALID_CREDENTIAL },    /* base64 of "Hello world", not gzip */
    { "", JLN_OB_ERROR_INVALID_CREDENTIAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JlnStatusList) list = jln_status_list_decode (cases[i].text, &error);

      g_assert_null (list);
      g_assert_error (error, JLN_OB_ERROR, cases[i].code);
    }

  /* truncated gzip */
  {
    g_autoptr(JlnStatusList) list = jln_status_list_new (0);
    g_autofree char *enc = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(JlnStatusList) decoded = NULL;

    jln_status_list_set (list, 5, TRUE);
    enc = jln_status_list_encode (list);
    enc[strlen (enc) - 8] = '\0';
    decoded = jln_status_list_decode (enc, &error);
    g_assert_null (decoded);
    g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL);
  }

  /* an index that does not fit */
  {
    guint idx = 200;
    g_autoptr(GError) error = NULL;
    g_autofree char *enc = jln_status_list_encode_indices (&idx, 1, 128, &error);

    g_assert_null (enc);
    g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL);
  }
}

static void
test_gzip_bomb (void)
{
  gsize big = (gsize) JLN_STATUS_LIST_MAX_BYTES * 4;   /* 64 MiB of zeros */
  g_autofree guint8 *zeros = g_malloc0 (big);
  g_autoptr(GBytes) gz = jln_ob_deflate (zeros, big, G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autofree char *enc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnStatusList) list = NULL;

  g_clear_pointer (&zeros, g_free);
  g_assert_cmpuint (g_bytes_get_size (gz), <, 128 * 1024);
  enc = jln_multibase_encode (JLN_MULTIBASE_BASE64URL, g_bytes_get_data (gz, NULL), g_bytes_get_size (gz));
  list = jln_status_list_decode (enc, &error);
  g_assert_null (list);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_TOO_LARGE);
}

static void
test_credential (void)
{
  g_autoptr(JlnStatusList) list = jln_status_list_new (0);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 3, 14, 9, 30, 0);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *obj, *subject;
  JsonArray *types, *ctx;
  g_autoptr(JlnStatusList) decoded = NULL;
  g_autoptr(GError) error = NULL;

  jln_status_list_set (list, 42, TRUE);
  node = jln_status_list_build_credential ("https://example.org/status/1", "did:key:z6MkTest", when, list);
  obj = json_node_get_object (node);

  ctx = json_object_get_array_member (obj, "@context");
  g_assert_cmpuint (json_array_get_length (ctx), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (ctx, 0), ==, "https://www.w3.org/ns/credentials/v2");
  g_assert_cmpstr (json_object_get_string_member (obj, "id"), ==, "https://example.org/status/1");
  types = json_object_get_array_member (obj, "type");
  g_assert_cmpstr (json_array_get_string_element (types, 0), ==, "VerifiableCredential");
  g_assert_cmpstr (json_array_get_string_element (types, 1), ==, "BitstringStatusListCredential");
  g_assert_cmpstr (json_object_get_string_member (obj, "issuer"), ==, "did:key:z6MkTest");
  g_assert_cmpstr (json_object_get_string_member (obj, "validFrom"), ==, "2025-03-14T09:30:00Z");
  subject = json_object_get_object_member (obj, "credentialSubject");
  g_assert_cmpstr (json_object_get_string_member (subject, "id"), ==, "https://example.org/status/1#list");
  g_assert_cmpstr (json_object_get_string_member (subject, "type"), ==, "BitstringStatusList");
  g_assert_cmpstr (json_object_get_string_member (subject, "statusPurpose"), ==, "revocation");
  decoded = jln_status_list_decode (json_object_get_string_member (subject, "encodedList"), &error);
  g_assert_no_error (error);
  g_assert_true (jln_status_list_is_set (decoded, 42));
  g_assert_false (jln_status_list_is_set (decoded, 41));
  g_assert_false (json_object_has_member (obj, "proof"));

  /* the entry a credential carries */
  {
    g_autoptr(JsonNode) entry = jln_status_list_build_entry ("https://example.org/status/1", 42);
    JsonObject *e = json_node_get_object (entry);

    g_assert_cmpstr (json_object_get_string_member (e, "id"), ==, "https://example.org/status/1#42");
    g_assert_cmpstr (json_object_get_string_member (e, "type"), ==, "BitstringStatusListEntry");
    g_assert_cmpstr (json_object_get_string_member (e, "statusPurpose"), ==, "revocation");
    g_assert_cmpstr (json_object_get_string_member (e, "statusListIndex"), ==, "42");
    g_assert_cmpstr (json_object_get_string_member (e, "statusListCredential"), ==, "https://example.org/status/1");
  }
}

static void
test_signed (void)
{
  g_autoptr(JlnStatusList) list = jln_status_list_new (0);
  g_autoptr(JlnObKey) key = jln_ob_key_generate ();
  g_autofree char *did = jln_ob_key_get_did (key);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 3, 14, 9, 30, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JlnProofResult) result = NULL;

  jln_status_list_set (list, 3, TRUE);
  node = jln_status_list_build_signed ("https://example.org/status/1", did, when, list, key, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (json_node_get_object (node), "proof"));
  result = jln_proof_verify (node, NULL);
  g_assert_cmpint (result->status, ==, JLN_PROOF_VALID);

  /* Flipping a bit after signing breaks the proof. */
  {
    JsonObject *subject = json_object_get_object_member (json_node_get_object (node), "credentialSubject");
    g_autoptr(JlnProofResult) tampered = NULL;
    g_autofree char *other = NULL;

    jln_status_list_set (list, 4, TRUE);
    other = jln_status_list_encode (list);
    json_object_set_string_member (subject, "encodedList", other);
    tampered = jln_proof_verify (node, NULL);
    g_assert_cmpint (tampered->status, ==, JLN_PROOF_INVALID_SIGNATURE);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/status-list/round-trip", test_round_trip);
  g_test_add_func ("/status-list/bit-order", test_bit_order);
  g_test_add_func ("/status-list/bad-inputs", test_bad_inputs);
  g_test_add_func ("/status-list/gzip-bomb", test_gzip_bomb);
  g_test_add_func ("/status-list/credential", test_credential);
  g_test_add_func ("/status-list/signed", test_signed);

  return g_test_run ();
}
