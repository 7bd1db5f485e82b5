#define G_LOG_DOMAIN "test-verify"
#define _GNU_SOURCE

#include <string.h>

#include "openbadges/jln-bake.h"
#include "openbadges/jln-credential.h"
#include "openbadges/jln-multibase.h"
#include "openbadges/jln-ob-error.h"
#include "openbadges/jln-proof.h"
#include "openbadges/jln-verify.h"

#define STATUS_LIST_URL "https://ml-est.example.org/status/1"
#define STATUS_INDEX 1234

typedef struct {
  JlnObKey *key;
  char *did;
  char *credential;   /* signed JSON text */
  GDateTime *now;
} Fixture;

static void
put32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (a, b, 4);
}

static void
put_chunk (GByteArray *png, const char *type, const guint8 *data, gsize len)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();

  g_byte_array_append (body, (const guint8 *) type, 4);
  if (len)
    g_byte_array_append (body, data, len);
  put32 (png, len);
  g_byte_array_append (png, body->data, body->len);
  put32 (png, jln_png_crc32 (body->data, body->len));
}

/* A small grey PNG, zlib "stored" blocks: no compressor needed. */
static GBytes *
make_png (guint size)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GByteArray) raw = g_byte_array_new ();
  g_autoptr(GByteArray) z = g_byte_array_new ();
  guint8 ihdr[13] = { 0 };
  guint32 a = 1, b = 0;
  static const guint8 zhead[2] = { 0x78, 0x01 };

  for (guint y = 0; y < size; y++)
    {
      guint8 filter = 0;

      g_byte_array_append (raw, &filter, 1);
      for (guint x = 0; x < size; x++)
        {
          guint8 v = (x ^ y) & 0xff;
          g_byte_array_append (raw, &v, 1);
        }
    }
  g_byte_array_append (z, zhead, 2);
  for (gsize off = 0; off < raw->len; off += 65535)
    {
      gsize n = MIN (65535, raw->len - off);
      guint8 head[5] = { off + n == raw->len, n & 0xff, n >> 8, ~n & 0xff, (~n >> 8) & 0xff };

      g_byte_array_append (z, head, 5);
      g_byte_array_append (z, raw->data + off, n);
    }
  for (gsize i = 0; i < raw->len; i++)
    {
      a = (a + raw->data[i]) % 65521;
      b = (b + a) % 65521;
    }
  put32 (z, (b << 16) | a);

  ihdr[0] = size >> 24; ihdr[1] = size >> 16; ihdr[2] = size >> 8; ihdr[3] = size;
  ihdr[4] = size >> 24; ihdr[5] = size >> 16; ihdr[6] = size >> 8; ihdr[7] = size;
  ihdr[8] = 8;   /* bit depth */
  ihdr[9] = 0;   /* greyscale */
  g_byte_array_append (png, signature, 8);
  put_chunk (png, "IHDR", ihdr, sizeof ihdr);
  put_chunk (png, "IDAT", z->data, z->len);
  put_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static char *
issue (Fixture *f, const char *name, const char *valid_until)
{
  g_autofree char *hash = jln_credential_hash_identity ("alice@example.org", "s4lt");
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 ("2025-01-01T00:00:00Z", NULL);
  g_autoptr(GDateTime) until = valid_until ? g_date_time_new_from_iso8601 (valid_until, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  JlnCredentialInput in = { 0 };
  char *text;

  in.issuer.id = f->did;
  in.issuer.name = "Mission Locale Est";
  in.id = "urn:uuid:11111111-2222-4333-8444-555555555555";
  in.name = name;
  in.valid_from = from;
  in.valid_until = until;
  in.recipient.identity_hash = hash;
  in.recipient.salt = "s4lt";
  in.recipient.identity_type = "emailAddress";
  in.achievement.id = "https://ml-est.example.org/badges/cv/1";
  in.achievement.name = "Rédiger son CV";
  in.achievement.description = "Sait présenter son parcours.";
  in.achievement.criteria_narrative = "A rédigé un CV complet.";
  in.status.list_credential = STATUS_LIST_URL;
  in.status.index = STATUS_INDEX;
  text = jln_credential_issue (&in, f->key, NULL, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->key = jln_ob_key_generate ();
  f->did = jln_ob_key_get_did (f->key);
  f->now = g_date_time_new_from_iso8601 ("2026-06-01T12:00:00Z", NULL);
  f->credential = issue (f, "Rédiger son CV", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  jln_ob_key_unref (f->key);
  g_free (f->did);
  g_free (f->credential);
  g_date_time_unref (f->now);
}

static JlnVerifyReport *
verify_text (Fixture *f, const char *text, const JlnVerifyOptions *options)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  JlnVerifyOptions defaults = { f->now, NULL, NULL, NULL };

  return jln_verify_bytes (bytes, options ? options : &defaults);
}

static void
test_valid_json (Fixture *f, gconstpointer data)
{
  g_autoptr(JlnVerifyReport) r = verify_text (f, f->credential, NULL);
  g_autofree char *line = jln_verify_report_to_line (r);
  g_autofree char *expected = g_strdup_printf ("valid — OB 3.0 JSON, signed by Mission Locale Est (%s)", f->did);
  g_autoptr(JsonNode) json = jln_verify_report_to_json (r);
  JsonObject *o = json_node_get_object (json);

  g_test_message ("%s", line);
  g_assert_cmpint (r->verdict, ==, JLN_VERIFY_VALID);
  g_assert_cmpint (r->format, ==, JLN_VERIFY_FORMAT_JSON);
  g_assert_cmpint (r->ob_version, ==, 3);
  g_assert_cmpuint (r->problems->len, ==, 0);
  g_assert_cmpint (r->proof->status, ==, JLN_PROOF_VALID);
  g_assert_cmpint (r->dates, ==, JLN_VERIFY_DATES_OK);
  g_assert_cmpint (r->status, ==, JLN_VERIFY_STATUS_UNKNOWN);
  g_assert_cmpstr (r->issuer_name, ==, "Mission Locale Est");
  g_assert_cmpstr (r->issuer_id, ==, f->did);
  g_assert_true (g_str_has_prefix (line, expected));

  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "valid");
  g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "JSON");
  g_assert_cmpint (json_object_get_int_member (o, "obVersion"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "proof"), "status"), ==, "valid");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "unknown");
}

static void
test_valid_png_svg (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) png = make_png (16);
  static const char svg_text[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><circle r=\"4\"/></svg>";
  g_autoptr(GBytes) svg = g_bytes_new_static (svg_text, sizeof svg_text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) baked_png = jln_bake_png (png, f->credential, &error);
  g_autoptr(GBytes) baked_svg = NULL;
  g_autoptr(JlnVerifyReport) rp = NULL;
  g_autoptr(JlnVerifyReport) rs = NULL;
  g_autofree char *line = NULL;
  JlnVerifyOptions options = { f->now, "alice@example.org", NULL, NULL };

  g_assert_no_error (error);
  baked_svg = jln_bake_svg (svg, f->credential, &error);
  g_assert_no_error (error);

  rp = jln_verify_bytes (baked_png, &options);
  line = jln_verify_report_to_line (rp);
  g_test_message ("%s", line);
  g_assert_cmpint (rp->verdict, ==, JLN_VERIFY_VALID);
  g_assert_cmpint (rp->format, ==, JLN_VERIFY_FORMAT_PNG);
  g_assert_cmpint (rp->recipient, ==, JLN_VERIFY_RECIPIENT_MATCH);
  g_assert_true (g_str_has_prefix (line, "valid — OB 3.0 PNG, signed by Mission Locale Est"));

  rs = jln_verify_bytes (baked_svg, &options);
  g_assert_cmpint (rs->verdict, ==, JLN_VERIFY_VALID);
  g_assert_cmpint (rs->format, ==, JLN_VERIFY_FORMAT_SVG);
}

static void
test_tamper_baked (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) png = make_png (16);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) baked = jln_bake_png (png, f->credential, &error);
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (baked, &size);
  g_autofree guint8 *copy = g_memdup2 (bytes, size);
  g_autoptr(GBytes) broken = NULL;
  g_autoptr(JlnVerifyReport) r = NULL;
  g_autofree char *tampered = NULL;
  g_autoptr(GBytes) rebaked = NULL;
  g_autoptr(JlnVerifyReport) r2 = NULL;
  guint8 *hit;
  JlnVerifyOptions options = { f->now, NULL, NULL, NULL };

  /* One character of the chunk, CRC left as is. */
  hit = memmem (copy, size, "Mission", 7);
  g_assert_nonnull (hit);
  hit[0] = 'm';
  broken = g_bytes_new (copy, size);
  r = jln_verify_bytes (broken, &options);
  g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);

  /* Same change, re-baked properly (valid CRC): the signature catches it. */
  tampered = g_strdup (f->credential);
  memcpy (strstr (tampered, "Mission"), "mission", 7);
  rebaked = jln_bake_png (png, tampered, &error);
  g_assert_no_error (error);
  r2 = jln_verify_bytes (rebaked, &options);
  g_assert_cmpint (r2->verdict, ==, JLN_VERIFY_INVALID);
  g_assert_cmpint (r2->proof->status, ==, JLN_PROOF_INVALID_SIGNATURE);
}

/* Replaces the first occurrence of @from (after @after, if given) in the
 * signed text by @to and expects an invalid verdict. */
static void
expect_invalid_edit (Fixture *f, const char *after, const char *from, const char *to)
{
  const char *start = after ? strstr (f->credential, after) : f->credential;
  const char *hit;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JlnVerifyReport) r = NULL;
  g_autofree char *line = NULL;

  g_assert_nonnull (start);
  hit = strstr (start, from);
  g_assert_nonnull (hit);
  g_string_append_len (text, f->credential, hit - f->credential);
  g_string_append (text, to);
  g_string_append (text, hit + strlen (from));
  r = verify_text (f, text->str, NULL);
  line = jln_verify_report_to_line (r);
  g_test_message ("%s → %s: %s", from, to, line);
  g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
  g_assert_true (g_str_has_prefix (line, "invalid — "));
}

static void
test_tamper_fields (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = jln_ob_parse_json (f->credential, -1, NULL);
  JsonObject *proof = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "proof"), 0);
  const char *pv = json_object_get_string_member (proof, "proofValue");
  g_autofree char *pv2 = g_strdup (pv);
  g_autofree char *hash_prefix = NULL;
  g_autoptr(JlnObKey) other = jln_ob_key_generate ();
  g_autofree char *other_vm = jln_ob_key_get_verification_method (other);
  g_autofree char *vm_json = NULL;

  pv2[20] = pv2[20] == 'A' ? 'B' : 'A';
  expect_invalid_edit (f, NULL, "Mission Locale Est", "Mission Locale Esp");          /* issuer name */
  expect_invalid_edit (f, "identityHash", "sha256$", "sha256$0");                       /* subject hash */
  expect_invalid_edit (f, NULL, "Rédiger son CV\",\"description", "Rédiger son CV!\",\"description"); /* achievement name */
  expect_invalid_edit (f, NULL, "2025-01-01T00:00:00Z", "2025-01-01T00:00:01Z");       /* validFrom */
  expect_invalid_edit (f, "\"created\":\"", "Z\"", "+00:00\"");                         /* proof created */
  expect_invalid_edit (f, NULL, pv, pv2);                                               /* proofValue */
  vm_json = g_strdup_printf ("\"verificationMethod\":\"%s\"", other_vm);
  {
    g_autofree char *vm_old = g_strdup_printf ("\"verificationMethod\":\"%s\"",
                                               json_object_get_string_member (proof, "verificationMethod"));
    expect_invalid_edit (f, NULL, vm_old, vm_json);                                     /* verificationMethod */
  }
  expect_invalid_edit (f, NULL,                                                         /* @context order */
                       "\"https://www.w3.org/ns/credentials/v2\",\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"",
                       "\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\",\"https://www.w3.org/ns/credentials/v2\"");
  expect_invalid_edit (f, NULL, "\"statusListIndex\":\"1234\"", "\"statusListIndex\":\"1235\""); /* status */
}

static void
test_dates (Fixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) early = g_date_time_new_from_iso8601 ("2024-12-31T23:59:59Z", NULL);
  g_autoptr(GDateTime) late = g_date_time_new_from_iso8601 ("2031-01-01T00:00:00Z", NULL);
  g_autofree char *expiring = issue (f, "Rédiger son CV", "2030-12-31T00:00:00Z");
  JlnVerifyOptions before = { early, NULL, NULL, NULL };
  JlnVerifyOptions after = { late, NULL, NULL, NULL };
  g_autoptr(JlnVerifyReport) r1 = verify_text (f, f->credential, &before);
  g_autoptr(JlnVerifyReport) r2 = verify_text (f, expiring, &after);
  g_autoptr(JlnVerifyReport) r3 = verify_text (f, expiring, NULL);
  g_autoptr(JlnVerifyReport) r4 = verify_text (f, f->credential, &after);

  g_assert_cmpint (r1->dates, ==, JLN_VERIFY_DATES_NOT_YET_VALID);
  g_assert_cmpint (r1->verdict, ==, JLN_VERIFY_INVALID);
  g_assert_cmpint (r2->dates, ==, JLN_VERIFY_DATES_EXPIRED);
  g_assert_cmpint (r2->verdict, ==, JLN_VERIFY_INVALID);
  g_assert_cmpint (r3->verdict, ==, JLN_VERIFY_VALID);
  g_assert_cmpint (r4->verdict, ==, JLN_VERIFY_VALID);
}

static JsonNode *
status_list (Fixture *f, const char *id, gboolean revoked, gboolean sign)
{
  g_autofree guint8 *bits = g_malloc0 (16384);
  g_autoptr(GConverter) gzip = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
  guint8 out[65536];
  gsize read = 0, written = 0;
  g_autofree char *encoded = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (revoked)
    bits[STATUS_INDEX / 8] |= 0x80 >> (STATUS_INDEX % 8);
  g_assert_cmpint (g_converter_convert (gzip, bits, 16384, out, sizeof out, G_CONVERTER_INPUT_AT_END,
                                        &read, &written, &error), ==, G_CONVERTER_FINISHED);
  encoded = jln_multibase_encode (JLN_MULTIBASE_BASE64URL, out, written);
  text = g_strdup_printf ("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],"
                          "\"id\":\"%s\",\"type\":[\"VerifiableCredential\",\"BitstringStatusListCredential\"],"
                          "\"issuer\":\"%s\",\"validFrom\":\"2025-01-01T00:00:00Z\","
                          "\"credentialSubject\":{\"id\":\"%s#list\",\"type\":\"BitstringStatusList\","
                          "\"statusPurpose\":\"revocation\",\"encodedList\":\"%s\"}}",
                          id, f->did, id, encoded);
  node = jln_ob_parse_json (text, -1, &error);
  g_assert_no_error (error);
  if (sign)
    {
      g_assert_true (jln_proof_add (json_node_get_object (node), f->key, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  return node;
}

static void
test_status (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) revoked = status_list (f, STATUS_LIST_URL, TRUE, TRUE);
  g_autoptr(JsonNode) active = status_list (f, STATUS_LIST_URL, FALSE, TRUE);
  g_autoptr(JsonNode) other = status_list (f, "https://elsewhere.example.org/list", TRUE, TRUE);
  g_autoptr(JsonNode) unsigned_list = status_list (f, STATUS_LIST_URL, FALSE, FALSE);
  JlnVerifyOptions o = { f->now, NULL, NULL, NULL };
  g_autofree char *line = NULL;

  o.status_list = revoked;
  {
    g_autoptr(JlnVerifyReport) r = verify_text (f, f->credential, &o);
    line = jln_verify_report_to_line (r);
    g_test_message ("%s", line);
    g_assert_cmpint (r->status, ==, JLN_VERIFY_STATUS_REVOKED);
    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
    g_assert_nonnull (strstr (line, "revoked"));
  }
  o.status_list = active;
  {
    g_autoptr(JlnVerifyReport) r = verify_text (f, f->credential, &o);
    g_assert_cmpint (r->status, ==, JLN_VERIFY_STATUS_ACTIVE);
    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_VALID);
  }
  o.status_list = other;
  {
    g_autoptr(JlnVerifyReport) r = verify_text (f, f->credential, &o);
    g_assert_cmpint (r->status, ==, JLN_VERIFY_STATUS_ERROR);
    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
  }
  o.status_list = unsigned_list;
  {
    g_autoptr(JlnVerifyReport) r = verify_text (f, f->credential, &o);
    g_assert_cmpint (r->status, ==, JLN_VERIFY_STATUS_ERROR);
  }
}

static void
test_status_bit (void)
{
  g_autoptr(GError) error = NULL;
  gboolean bit = FALSE;

  g_assert_false (jln_verify_status_bit ("u!!!", 0, &bit, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* Valid base64url, not gzip. */
  g_assert_false (jln_verify_status_bit ("uAAAAAAAA", 0, &bit, &error));
  g_assert_nonnull (error);
}

static void
test_recipient (Fixture *f, gconstpointer data)
{
  JlnVerifyOptions o = { f->now, " ALICE@example.org ", NULL, NULL };
  g_autoptr(JlnVerifyReport) ok = verify_text (f, f->credential, &o);
  g_autoptr(JlnVerifyReport) bad = NULL;

  g_assert_cmpint (ok->recipient, ==, JLN_VERIFY_RECIPIENT_MATCH);
  g_assert_cmpint (ok->verdict, ==, JLN_VERIFY_VALID);
  o.email = "bob@example.org";
  bad = verify_text (f, f->credential, &o);
  g_assert_cmpint (bad->recipient, ==, JLN_VERIFY_RECIPIENT_MISMATCH);
  g_assert_cmpint (bad->verdict, ==, JLN_VERIFY_INVALID);
}

static void
test_ob2 (Fixture *f, gconstpointer data)
{
  const char *ob2 = "{\"@context\":\"https://w3id.org/openbadges/v2\",\"type\":\"Assertion\","
                    "\"id\":\"https://example.org/assertions/1\",\"recipient\":{\"type\":\"email\",\"hashed\":false,\"identity\":\"a@b.c\"},"
                    "\"badge\":\"https://example.org/badges/1\",\"verification\":{\"type\":\"hosted\"},"
                    "\"issuedOn\":\"2020-01-01T00:00:00Z\"}";
  g_autoptr(JlnVerifyReport) r = verify_text (f, ob2, NULL);
  g_autofree char *line = jln_verify_report_to_line (r);

  g_test_message ("%s", line);
  g_assert_cmpint (r->ob_version, ==, 2);
  g_assert_cmpint (r->verdict, ==, JLN_VERIFY_UNVERIFIABLE);
  g_assert_nonnull (strstr (line, "OB 2.0"));
  g_assert_nonnull (strstr (line, "not verified offline"));
}

static void
test_bad_inputs (Fixture *f, gconstpointer data)
{
  g_autofree char *deep = NULL;
  g_autoptr(GString) deep_s = g_string_new (NULL);
  g_autofree char *h = NULL;
  g_autofree char *jwt = NULL;
  g_autofree char *unknown_ctx = NULL;
  g_autofree char *no_proof = NULL;
  const char *inputs[] = {
    "", "not json at all", "[1, 2, 3]", "\"just a string\"", "{\"a\": ", "\x89PNG\r\n\x1a\nbroken",
    "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", "{}", "{\"@context\": 5, \"proof\": {}}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(JlnVerifyReport) r = verify_text (f, inputs[i], NULL);
      g_autofree char *line = jln_verify_report_to_line (r);
      g_autoptr(JsonNode) json = jln_verify_report_to_json (r);

      g_test_message ("input %zu: %s", i, line);
      g_assert_cmpint (r->verdict, !=, JLN_VERIFY_VALID);
      g_assert_nonnull (line);
      g_assert_nonnull (json);
    }

  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep_s, '[');
  {
    g_autoptr(JlnVerifyReport) r = verify_text (f, deep_s->str, NULL);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
    g_assert_null (jln_ob_parse_json (deep_s->str, -1, &error));
    g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON);
  }

  h = jln_base64url_encode ((const guint8 *) "{\"alg\":\"RS256\"}", 15);
  jwt = g_strconcat (h, ".eyJ2YyI6e319.c2ln\n", NULL);
  {
    g_autoptr(JlnVerifyReport) r = verify_text (f, jwt, NULL);
    g_autofree char *line = jln_verify_report_to_line (r);

    g_test_message ("%s", line);
    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_UNVERIFIABLE);
    g_assert_cmpint (r->proof->status, ==, JLN_PROOF_UNSUPPORTED);
    g_assert_nonnull (strstr (line, "RS256"));
  }

  unknown_ctx = g_strdup (f->credential);
  memcpy (strstr (unknown_ctx, "context-3.0.3"), "context-9.9.9", 13);
  {
    g_autoptr(JlnVerifyReport) r = verify_text (f, unknown_ctx, NULL);

    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
  }

  no_proof = g_strdup (f->credential);
  memcpy (strstr (no_proof, "\"proof\""), "\"pr00f\"", 7);
  {
    g_autoptr(JlnVerifyReport) r = verify_text (f, no_proof, NULL);

    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
    g_assert_cmpint (r->proof->status, ==, JLN_PROOF_MISSING);
  }
}

static void
test_shape (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = jln_ob_parse_json (f->credential, -1, NULL);
  JsonObject *c = json_node_get_object (root);
  g_autoptr(JlnVerifyReport) r = NULL;

  json_object_remove_member (json_object_get_object_member (c, "issuer"), "name");
  json_object_remove_member (c, "name");
  r = jln_verify_json (root, NULL);
  g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
  g_assert_cmpuint (r->problems->len, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/verify/valid-json", test_valid_json);
  ADD ("/verify/valid-png-svg", test_valid_png_svg);
  ADD ("/verify/tamper-baked", test_tamper_baked);
  ADD ("/verify/tamper-fields", test_tamper_fields);
  ADD ("/verify/dates", test_dates);
  ADD ("/verify/status", test_status);
  ADD ("/verify/recipient", test_recipient);
  ADD ("/verify/ob2", test_ob2);
  ADD ("/verify/bad-inputs", test_bad_inputs);
  ADD ("/verify/shape", test_shape);
#undef ADD
  g_test_add_func ("/verify/status-bit-bad", test_status_bit);

  return g_test_run ();
}
