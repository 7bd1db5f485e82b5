/* SPDX-License-Identifier: GPL-3.0-or-later */
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

static char *issue_full (Fixture *f, const char *name, const char *valid_until,
                         const char *issuer_id, JlnObKey *key, const char *vm);

static char *
issue (Fixture *f, const char *name, const char *valid_until)
{
  return issue_full (f, name, valid_until, f->did, f->key, NULL);
}

/* Signed by @key with @vm (NULL: its did:key), naming @issuer_id. */
static char *
issue_full (Fixture *f, const char *name, const char *valid_until,
            const char *issuer_id, JlnObKey *key, const char *vm)
{
  g_autofree char *hash = jln_credential_hash_identity ("alice@example.org", "s4lt");
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 ("2025-01-01T00:00:00Z", NULL);
  g_autoptr(GDateTime) until = valid_until ? g_date_time_new_from_iso8601 (valid_until, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  JlnCredentialInput in = { 0 };
  char *text;

  in.issuer.id = issuer_id;
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
  text = jln_credential_issue (&in, key, vm, NULL, &error);
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

typedef struct {
  const char *issuer;       /* NULL: f->did */
  JlnObKey   *signer;       /* NULL: f->key */
  const char *type;         /* NULL: BitstringStatusListCredential */
  const char *purpose;      /* NULL: revocation */
  const char *valid_until;  /* NULL: none */
} ListParams;

static JsonNode *status_list_full (Fixture *f, const char *id, gboolean revoked, gboolean sign,
                                   const ListParams *p);

static JsonNode *
status_list (Fixture *f, const char *id, gboolean revoked, gboolean sign)
{
  ListParams p = { 0 };

  return status_list_full (f, id, revoked, sign, &p);
}

static JsonNode *
status_list_full (Fixture *f, const char *id, gboolean revoked, gboolean sign, const ListParams *p)
{
  g_autofree guint8 *bits = g_malloc0 (16384);
  g_autoptr(GConverter) gzip = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
  guint8 out[65536];
  gsize read = 0, written = 0;
  g_autofree char *encoded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *until = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (revoked)
    bits[STATUS_INDEX / 8] |= 0x80 >> (STATUS_INDEX % 8);
  g_assert_cmpint (g_converter_convert (gzip, bits, 16384, out, sizeof out, G_CONVERTER_INPUT_AT_END,
                                        &read, &written, &error), ==, G_CONVERTER_FINISHED);
  encoded = jln_multibase_encode (JLN_MULTIBASE_BASE64URL, out, written);
  until = p->valid_until ? g_strdup_printf ("\"validUntil\":\"%s\",", p->valid_until) : g_strdup ("");
  text = g_strdup_printf ("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],"
                          "\"id\":\"%s\",\"type\":[\"VerifiableCredential\",\"%s\"],"
                          "\"issuer\":\"%s\",\"validFrom\":\"2025-01-01T00:00:00Z\",%s"
                          "\"credentialSubject\":{\"id\":\"%s#list\",\"type\":\"BitstringStatusList\","
                          "\"statusPurpose\":\"%s\",\"encodedList\":\"%s\"}}",
                          id, p->type ? p->type : "BitstringStatusListCredential",
                          p->issuer ? p->issuer : f->did, until, id,
                          p->purpose ? p->purpose : "revocation", encoded);
  node = jln_ob_parse_json (text, -1, &error);
  g_assert_no_error (error);
  if (sign)
    {
      g_assert_true (jln_proof_add (json_node_get_object (node), p->signer ? p->signer : f->key,
                                    NULL, NULL, &error));
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
  /* A list that cannot be trusted leaves the status unknown, with why. */
  o.status_list = other;
  {
    g_autoptr(JlnVerifyReport) r = verify_text (f, f->credential, &o);
    g_assert_cmpint (r->status, ==, JLN_VERIFY_STATUS_UNKNOWN);
    g_assert_nonnull (r->status_message);
  }
  o.status_list = unsigned_list;
  {
    g_autoptr(JlnVerifyReport) r = verify_text (f, f->credential, &o);
    g_assert_cmpint (r->status, ==, JLN_VERIFY_STATUS_UNKNOWN);
  }
}

/* A status list with the right id that is not the issuer's, not a status
 * list, for another purpose or out of date must never say "active". */
static void
test_status_forged (Fixture *f, gconstpointer data)
{
  g_autoptr(JlnObKey) other = jln_ob_key_generate ();
  g_autofree char *other_did = jln_ob_key_get_did (other);
  struct {
    const char *what;
    ListParams  params;
  } cases[] = {
    { "right id and issuer name, signed by another key", { NULL, other, NULL, NULL, NULL } },
    { "right id, another issuer and signer", { other_did, other, NULL, NULL, NULL } },
    { "not a BitstringStatusListCredential", { NULL, NULL, "VerifiableCredential", NULL, NULL } },
    { "another purpose", { NULL, NULL, NULL, "suspension", NULL } },
    { "expired list", { NULL, NULL, NULL, NULL, "2026-01-01T00:00:00Z" } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    for (int revoked = 0; revoked < 2; revoked++)
      {
        g_autoptr(JsonNode) list = status_list_full (f, STATUS_LIST_URL, revoked, TRUE, &cases[i].params);
        JlnVerifyOptions o = { f->now, NULL, list, NULL };
        g_autoptr(JlnVerifyReport) r = verify_text (f, f->credential, &o);
        g_autoptr(JsonNode) json = jln_verify_report_to_json (r);
        g_autofree char *text = json_to_string (json, FALSE);
        const JlnVerifyCheck *check = jln_verify_report_get_check (r, JLN_VERIFY_CHECK_STATUS);

        g_test_message ("%s (%s): %s", cases[i].what, revoked ? "revoked" : "clear", r->status_message);
        g_assert_cmpint (r->status, ==, JLN_VERIFY_STATUS_UNKNOWN);
        g_assert_nonnull (r->status_message);
        g_assert_nonnull (check);
        g_assert_cmpint (check->outcome, ==, JLN_VERIFY_CHECK_WARNING);
        g_assert_cmpuint (r->warnings->len, >, 0);
        g_assert_null (strstr (text, "\"status\":\"active\""));
      }

  /* The issuer's own list, signed by the issuer, still decides. */
  {
    g_autoptr(JsonNode) list = status_list (f, STATUS_LIST_URL, TRUE, TRUE);
    JlnVerifyOptions o = { f->now, NULL, list, NULL };
    g_autoptr(JlnVerifyReport) r = verify_text (f, f->credential, &o);

    g_assert_cmpint (r->status, ==, JLN_VERIFY_STATUS_REVOKED);
    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
  }
}

/* did:key: the DID before "#" must be the issuer. */
static void
test_forged_issuer_did_key (Fixture *f, gconstpointer data)
{
  g_autoptr(JlnObKey) other = jln_ob_key_generate ();
  g_autofree char *forged = issue_full (f, "Rédiger son CV", NULL, f->did, other, NULL);
  g_autoptr(JlnVerifyReport) r = verify_text (f, forged, NULL);
  g_autofree char *line = jln_verify_report_to_line (r);
  const JlnVerifyCheck *check = jln_verify_report_get_check (r, JLN_VERIFY_CHECK_ISSUER_KEY);

  g_test_message ("%s", line);
  /* The signature itself holds: it is who signed that is wrong. */
  g_assert_cmpint (r->proof->status, ==, JLN_PROOF_VALID);
  g_assert_cmpint (r->binding, ==, JLN_VERIFY_BINDING_MISMATCH);
  g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
  g_assert_nonnull (strstr (line, "signed by someone other than the issuer it names"));
  g_assert_cmpint (check->outcome, ==, JLN_VERIFY_CHECK_FAILED);

  /* and the genuine one binds */
  {
    g_autoptr(JlnVerifyReport) ok = verify_text (f, f->credential, NULL);

    g_assert_cmpint (ok->binding, ==, JLN_VERIFY_BINDING_MATCH);
    g_assert_cmpint (jln_verify_report_get_check (ok, JLN_VERIFY_CHECK_ISSUER_KEY)->outcome, ==,
                     JLN_VERIFY_CHECK_PASSED);
  }
}

#define WEB_DID "did:web:ml-est.example.org"
#define WEB_VM  WEB_DID "#key-1"

typedef struct {
  Fixture    *f;
  const char *doc_id;          /* the controller document's id */
  gboolean    assertion;       /* lists the key under assertionMethod */
} WebResolver;

/* An offline did:web resolver: the controller document a server would give. */
static gboolean
web_resolver (const char *vm, JlnProofKeyInfo *info, gpointer user_data, GError **error)
{
  WebResolver *w = user_data;
  g_autofree char *multikey = jln_ob_key_get_public_key_multibase (w->f->key);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) doc = NULL;

  if (!g_str_has_prefix (vm, WEB_DID))
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_NOT_FOUND, "unknown");
      return FALSE;
    }
  text = g_strdup_printf ("{\"@context\":[\"https://www.w3.org/ns/did/v1\"],\"id\":\"%s\","
                          "\"verificationMethod\":[{\"id\":\"%s\",\"type\":\"Multikey\","
                          "\"controller\":\"%s\",\"publicKeyMultibase\":\"%s\"}]%s}",
                          w->doc_id, WEB_VM, w->doc_id, multikey,
                          w->assertion ? ",\"assertionMethod\":[\"" WEB_VM "\"]" : "");
  doc = jln_ob_parse_json (text, -1, NULL);
  return jln_proof_key_info_from_document (doc, vm, info, error);
}

static void
test_forged_issuer_did_web (Fixture *f, gconstpointer data)
{
  g_autofree char *credential = issue_full (f, "Rédiger son CV", NULL, WEB_DID, f->key, WEB_VM);
  WebResolver good = { f, WEB_DID, TRUE };
  WebResolver other_id = { f, "did:web:evil.example.org", TRUE };
  WebResolver no_assertion = { f, WEB_DID, FALSE };
  JlnProofVerifyOptions proof_good = { web_resolver, &good };
  JlnProofVerifyOptions proof_other = { web_resolver, &other_id };
  JlnProofVerifyOptions proof_none = { web_resolver, &no_assertion };

  {
    JlnVerifyOptions o = { f->now, NULL, NULL, &proof_good };
    g_autoptr(JlnVerifyReport) r = verify_text (f, credential, &o);
    g_autofree char *line = jln_verify_report_to_line (r);

    g_test_message ("good: %s", line);
    g_assert_cmpint (r->proof->status, ==, JLN_PROOF_VALID);
    g_assert_cmpint (r->binding, ==, JLN_VERIFY_BINDING_MATCH);
    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_VALID);
  }
  {
    JlnVerifyOptions o = { f->now, NULL, NULL, &proof_other };
    g_autoptr(JlnVerifyReport) r = verify_text (f, credential, &o);
    g_autofree char *line = jln_verify_report_to_line (r);

    g_test_message ("other controller id: %s", line);
    g_assert_cmpint (r->binding, ==, JLN_VERIFY_BINDING_MISMATCH);
    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
    g_assert_nonnull (strstr (line, "signed by someone other than the issuer it names"));
  }
  {
    JlnVerifyOptions o = { f->now, NULL, NULL, &proof_none };
    g_autoptr(JlnVerifyReport) r = verify_text (f, credential, &o);
    g_autofree char *line = jln_verify_report_to_line (r);

    g_test_message ("no assertionMethod: %s", line);
    g_assert_cmpint (r->binding, ==, JLN_VERIFY_BINDING_MISMATCH);
    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
  }
  /* Offline: not verifiable, the other findings still listed. */
  {
    JlnVerifyOptions o = { f->now, NULL, NULL, NULL };
    g_autoptr(JlnVerifyReport) r = verify_text (f, credential, &o);

    g_assert_cmpint (r->proof->status, ==, JLN_PROOF_KEY_UNRESOLVABLE);
    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_UNVERIFIABLE);
    g_assert_cmpint (jln_verify_report_get_check (r, JLN_VERIFY_CHECK_DATES)->outcome, ==, JLN_VERIFY_CHECK_PASSED);
    g_assert_cmpint (jln_verify_report_get_check (r, JLN_VERIFY_CHECK_SHAPE)->outcome, ==, JLN_VERIFY_CHECK_PASSED);
  }
  /* A did:web key of another DID is wrong even offline. */
  {
    g_autofree char *forged = issue_full (f, "Rédiger son CV", NULL, WEB_DID, f->key,
                                          "did:web:evil.example.org#key-1");
    g_autoptr(JlnVerifyReport) r = verify_text (f, forged, NULL);

    g_assert_cmpint (r->binding, ==, JLN_VERIFY_BINDING_MISMATCH);
    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
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

  /* The 1EdTech schema requires no names: valid, with two warnings
   * (re-signed, so only the names differ). */
  json_object_remove_member (json_object_get_object_member (c, "issuer"), "name");
  json_object_remove_member (c, "name");
  json_object_remove_member (c, "proof");
  g_assert_true (jln_proof_add (c, f->key, NULL, NULL, NULL));
  r = jln_verify_json (root, NULL);
  g_assert_cmpint (r->verdict, ==, JLN_VERIFY_VALID);
  g_assert_cmpuint (r->problems->len, ==, 0);
  g_assert_cmpuint (r->warnings->len, ==, 2);
  g_assert_cmpint (jln_verify_report_get_check (r, JLN_VERIFY_CHECK_SHAPE)->outcome, ==, JLN_VERIFY_CHECK_WARNING);
}

static JsonNode *
parse_signed (Fixture *f, const char *text, JlnObKey *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jln_ob_parse_json (text, -1, &error);

  g_assert_no_error (error);
  if (key != NULL)
    {
      g_assert_true (jln_proof_add (json_node_get_object (node), key, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  return g_steal_pointer (&node);
}

static JlnVerifyReport *
verify_node (Fixture *f, JsonNode *node, const JlnVerifyOptions *options)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return verify_text (f, text, options);
}

static void
test_endorsement (Fixture *f, gconstpointer data)
{
  g_autofree char *text = g_strdup_printf (
    "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\",\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"],"
    "\"id\":\"urn:uuid:e1\",\"type\":[\"VerifiableCredential\",\"EndorsementCredential\"],"
    "\"name\":\"Endorsement\",\"issuer\":{\"id\":\"%s\",\"type\":[\"Profile\"],\"name\":\"Mission Locale Est\"},"
    "\"validFrom\":\"2025-01-01T00:00:00Z\","
    "\"credentialSubject\":{\"id\":\"https://example.org/achievements/1\",\"type\":[\"EndorsementSubject\"],"
    "\"endorsementComment\":\"Good programme.\"}}", f->did);
  g_autoptr(JsonNode) node = parse_signed (f, text, f->key);
  g_autoptr(JlnVerifyReport) r = verify_node (f, node, NULL);
  g_autofree char *line = jln_verify_report_to_line (r);

  g_test_message ("%s", line);
  g_assert_cmpuint (r->problems->len, ==, 0);
  g_assert_cmpint (r->verdict, ==, JLN_VERIFY_VALID);
}

static void
test_unversioned_context (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = jln_ob_parse_json (f->credential, -1, NULL);
  JsonObject *c = json_node_get_object (root);
  JsonArray *context = json_object_get_array_member (c, "@context");
  g_autoptr(JlnVerifyReport) r = NULL;
  g_autoptr(GError) error = NULL;

  /* A VC 1.1-era badge: the unversioned OB 3.0 context goes with the
   * credentials v1 context (it redefines terms v2 protects). */
  json_array_remove_element (context, 1);
  json_array_remove_element (context, 0);
  json_array_add_string_element (context, "https://www.w3.org/2018/credentials/v1");
  json_array_add_string_element (context, "https://purl.imsglobal.org/spec/ob/v3p0/context.json");
  json_array_add_string_element (context, "https://w3id.org/security/data-integrity/v1");
  json_object_set_string_member (c, "issuanceDate", json_object_get_string_member (c, "validFrom"));
  json_object_remove_member (c, "validFrom");
  json_object_remove_member (c, "credentialStatus");
  json_object_remove_member (c, "proof");
  g_assert_true (jln_proof_add (c, f->key, NULL, NULL, &error));
  g_assert_no_error (error);
  r = verify_node (f, root, NULL);
  g_assert_cmpint (r->proof->status, ==, JLN_PROOF_VALID);
  g_assert_cmpint (r->verdict, ==, JLN_VERIFY_VALID);
}

/* Replaces the proof of @credential by @proof_json (unsigned, unchecked). */
static char *
with_proof (const char *credential, const char *proof_json)
{
  g_autoptr(JsonNode) root = jln_ob_parse_json (credential, -1, NULL);
  g_autoptr(JsonNode) proof = jln_ob_parse_json (proof_json, -1, NULL);

  json_object_set_member (json_node_get_object (root), "proof", g_steal_pointer (&proof));
  return json_to_string (root, FALSE);
}

static void
test_unsupported_does_not_hide (Fixture *f, gconstpointer data)
{
  g_autofree char *expiring = issue (f, "Rédiger son CV", "2026-01-01T00:00:00Z");
  g_autofree char *rsa_vm = g_strdup_printf ("%s#%s", f->did, f->did + strlen ("did:key:"));
  g_autofree char *rsa_proof = g_strdup_printf ("[{\"type\":\"RsaSignature2018\",\"proofPurpose\":\"assertionMethod\","
                                                "\"verificationMethod\":\"%s\",\"jws\":\"x\"}]", rsa_vm);
  const char *web_proof = "[{\"type\":\"DataIntegrityProof\",\"cryptosuite\":\"eddsa-rdfc-2022\","
                          "\"proofPurpose\":\"assertionMethod\",\"verificationMethod\":\"https://ml-est.example.org/keys#1\","
                          "\"proofValue\":\"z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKC6cTY5agAVKxaLg\"}]";
  g_autofree char *expired_rsa = with_proof (expiring, rsa_proof);
  g_autofree char *expired_web = with_proof (expiring, web_proof);
  g_autofree char *revoked_rsa = with_proof (f->credential, rsa_proof);
  g_autoptr(JsonNode) list = status_list (f, STATUS_LIST_URL, TRUE, TRUE);
  JlnVerifyOptions with_list = { f->now, NULL, list, NULL };

  {
    g_autoptr(JlnVerifyReport) r = verify_text (f, expired_rsa, NULL);
    g_autofree char *line = jln_verify_report_to_line (r);

    g_test_message ("%s", line);
    g_assert_cmpint (r->proof->status, ==, JLN_PROOF_UNSUPPORTED);
    g_assert_cmpint (r->dates, ==, JLN_VERIFY_DATES_EXPIRED);
    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
    g_assert_cmpint (jln_verify_report_get_check (r, JLN_VERIFY_CHECK_PROOF)->outcome, ==, JLN_VERIFY_CHECK_NOT_CHECKED);
  }
  {
    g_autoptr(JlnVerifyReport) r = verify_text (f, expired_web, NULL);

    g_assert_cmpint (r->proof->status, ==, JLN_PROOF_KEY_UNRESOLVABLE);
    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
  }
  {
    g_autoptr(JlnVerifyReport) r = verify_text (f, revoked_rsa, &with_list);

    g_assert_cmpint (r->status, ==, JLN_VERIFY_STATUS_REVOKED);
    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
  }
  /* in date, not revoked: the unsupported proof leaves it unverifiable */
  {
    g_autofree char *text = with_proof (f->credential, rsa_proof);
    g_autoptr(JlnVerifyReport) r = verify_text (f, text, NULL);

    g_assert_cmpint (r->verdict, ==, JLN_VERIFY_UNVERIFIABLE);
  }
}

static void
test_malformed_method (Fixture *f, gconstpointer data)
{
  const char *methods[] = {
    "z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x",
    "did:example:z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x",
    "xxx:z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autofree char *proof = g_strdup_printf ("[{\"type\":\"DataIntegrityProof\",\"cryptosuite\":\"eddsa-rdfc-2022\","
                                                "\"proofPurpose\":\"assertionMethod\",\"verificationMethod\":\"%s\","
                                                "\"proofValue\":\"z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKC6cTY5agAVKxaLg\"}]",
                                                methods[i]);
      g_autofree char *text = with_proof (f->credential, proof);
      g_autoptr(JlnVerifyReport) r = verify_text (f, text, NULL);

      g_test_message ("%s: %s", methods[i], r->proof->message);
      g_assert_cmpint (r->proof->status, ==, JLN_PROOF_MALFORMED);
      g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
    }
}

static void
test_svg_jwt (Fixture *f, gconstpointer data)
{
  g_autofree char *h = jln_base64url_encode ((const guint8 *) "{\"alg\":\"RS256\"}", 15);
  g_autofree char *svg = g_strdup_printf ("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                                          "xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">"
                                          "<openbadges:credential verify=\"%s.eyJ2YyI6e319.c2ln\"/></svg>", h);
  g_autoptr(JlnVerifyReport) r = verify_text (f, svg, NULL);
  g_autofree char *line = jln_verify_report_to_line (r);

  g_test_message ("%s", line);
  g_assert_null (r->error);
  g_assert_cmpint (r->format, ==, JLN_VERIFY_FORMAT_SVG);
  g_assert_cmpint (r->proof->status, ==, JLN_PROOF_UNSUPPORTED);
  g_assert_cmpint (r->verdict, ==, JLN_VERIFY_UNVERIFIABLE);
  g_assert_null (strstr (line, "empty"));
  g_assert_nonnull (strstr (line, "VC-JWT"));
}

static void
test_ob2_offline (Fixture *f, gconstpointer data)
{
  struct {
    const char *context, *type, *issued, *expires;
    JlnVerifyVerdict verdict;
  } cases[] = {
    { "https://w3id.org/openbadges/v2", "Assertion", "2016-12-31T23:59:59Z", NULL, JLN_VERIFY_UNVERIFIABLE },
    { "https://w3id.org/openbadges/v2", "Assertion", "2016-12-31T23:59:59Z", "2022-11-15T23:59:59Z", JLN_VERIFY_INVALID },
    { "https://w3id.org/openbadges/v2", "Assertion", "2022-12-31T23:59:59Z", "2022-11-15T23:59:59Z", JLN_VERIFY_INVALID },
    { "https://w3id.org/openbadges/v2", "Assertion", "2100-12-31T23:59:59Z", NULL, JLN_VERIFY_INVALID },
    { "https://w3id.org/openbadges/invalid", "Assertion", "2016-12-31T23:59:59Z", NULL, JLN_VERIFY_INVALID },
    { "https://w3id.org/openbadges/v2", "OtherAssertion", "2016-12-31T23:59:59Z", NULL, JLN_VERIFY_INVALID },
    { "https://w3id.org/openbadges/v2", "Assertion", "not a date", NULL, JLN_VERIFY_INVALID },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expires = cases[i].expires ? g_strdup_printf (",\"expires\":\"%s\"", cases[i].expires) : g_strdup ("");
      g_autofree char *text = g_strdup_printf ("{\"@context\":\"%s\",\"type\":\"%s\",\"id\":\"https://example.org/a/1\","
                                               "\"recipient\":{\"type\":\"email\",\"hashed\":false,\"identity\":\"a@b.c\"},"
                                               "\"badge\":\"https://example.org/b/1\",\"verification\":{\"type\":\"hosted\"},"
                                               "\"issuedOn\":\"%s\"%s}",
                                               cases[i].context, cases[i].type, cases[i].issued, expires);
      g_autoptr(JlnVerifyReport) r = verify_text (f, text, NULL);
      g_autofree char *line = jln_verify_report_to_line (r);

      g_test_message ("case %zu: %s", i, line);
      g_assert_cmpint (r->verdict, ==, cases[i].verdict);
    }
}

/* The 1EdTech validator's own test resources (tests/openbadges/data/1edtech)
 * and the verdicts its tests expect. 'V' valid, 'W' valid with warnings,
 * 'I' invalid, 'U' not verifiable offline, '-' no verdict asserted there. */
typedef struct {
  const char *file;
  char        onedtech;   /* what 1EdTech's test expects (with the network) */
  char        jalons;     /* what Jalons answers offline */
  const char *why;        /* when the two differ */
} OneEdTechCase;

static const OneEdTechCase onedtech_cases[] = {
  { "ob30/simple.json", 'V', 'U', "https key: needs the network" },
  { "ob30/simple.1ob", 'V', 'U', "https key: needs the network" },
  { "ob30/simple_v1.json", 'W', 'U', "https key: needs the network" },
  { "ob30/simple-did-key-method.json", 'V', 'I', "the did:key is not the issuer (urn:uuid): signed by someone other than the issuer it names" },
  { "ob30/simple-did-web-method.json", 'V', 'U', "https key: needs the network (test disabled in 1EdTech)" },
  { "ob30/simple-multiple-proofs.json", 'I', 'U', "second proof of an unknown type: cannot be checked" },
  { "ob30/simple-json.png", 'V', 'U', "https key: needs the network" },
  { "ob30/simple-json.svg", 'V', 'U', "https key: needs the network" },
  { "ob30/simple-jwt.png", 'V', 'U', "VC-JWT (RS256): format not supported" },
  { "ob30/simple-jwt.svg", 'V', 'U', "VC-JWT (RS256) in the verify attribute: format not supported" },
  { "ob30/simple-jwt_v1.png", 'W', 'U', "VC-JWT (RS256): format not supported" },
  { "ob30/simple-jwt_v1.svg", 'W', 'U', "VC-JWT (RS256): format not supported" },
  { "ob30/simple.jwt", '-', 'U', "VC-JWT (RS256): format not supported" },
  { "ob30/simple-err-type.json", 'I', 'I', NULL },
  { "ob30/simple-err-proof-method.json", 'I', 'U', "https key: only the network says it does not exist" },
  { "ob30/simple-err-proof-method-no-scheme.json", 'I', 'I', NULL },
  { "ob30/simple-err-proof-method-unknown-scheme.json", 'I', 'I', NULL },
  { "ob30/simple-err-proof-method-unknown-did-method.json", 'I', 'I', NULL },
  { "ob30/simple-err-proof-value.json", 'I', 'U', "https key: the signature can only be checked with it" },
  { "ob30/simple-err-expired.json", 'I', 'I', NULL },
  { "ob30/simple-err-context.json", 'I', 'I', NULL },
  { "ob30/simple-context-alias.json", 'V', 'U', "https key: needs the network" },
  { "ob30/simple-context-version.json", '-', 'U', "https key: needs the network" },
  { "ob30/simple-err-issuer.json", 'I', 'I', NULL },
  { "ob30/simple-err-issued.json", 'I', 'I', NULL },
  { "ob30/simple-err-credential-subject-type.json", 'I', 'I', NULL },
  { "ob30/simple-err-credential-subject-identifier-type.json", 'I', 'I', NULL },
  { "ob30/simple-err-credential-subject-result-type.json", 'I', 'I', NULL },
  { "ob30/simple-err-credential-subject-achievement-result-description-type.json", 'I', 'I', NULL },
  { "ob30/simple-err-credential-subject-profile-type.json", 'I', 'I', NULL },
  { "ob30/simple-err-evidence-type.json", 'I', 'I', NULL },
  { "ob30/simple-err-issuer-type.json", 'I', 'I', NULL },
  { "ob30/simple-err-issuer-parentorg-type.json", 'I', 'I', NULL },
  { "ob30/simple-err-issuer-otheridentifier-type.json", 'I', 'I', NULL },
  { "ob30/simple-noproof.json", '-', 'I', NULL },
  { "ob30/simple-eddsa-2022.json", 'W', 'U', "cryptosuite eddsa-2022 (a draft name) is not supported" },
  { "ob30/complete.json", 'I', 'U', "its error is in a schema that must be fetched" },
  { "ob30/complete_v1.json", 'I', 'I', NULL },
  { "ob30/credential-status-revoked.json", 'I', 'U', "did:web key and revocation list on the network" },
  { "ob30/bit-string-list/credential-status-revoked.json", 'I', 'U', "https key and status list on the network" },
  { "ob30/bit-string-list/credential-status-revoked-blank-nodes.json", 'I', 'U', "https key and status list on the network" },
  { "ob30/endorsement-valid.json", 'V', 'U', "https key: needs the network" },
  { "ob30/endorsement-err-schema-status-refresh.json", 'I', 'U', "its errors are in documents that must be fetched" },
  { "ob20/basic-assertion.json", 'V', 'U', "hosted OB 2.0: needs the issuer's server" },
  { "ob20/simple-badge.png", 'V', 'U', "hosted OB 2.0: needs the issuer's server" },
  { "ob20/simple.jwt", 'V', 'U', "signed OB 2.0: the key is on the issuer's server" },
  { "ob20/basic-assertion-invalid-context.json", 'I', 'I', NULL },
  { "ob20/basic-assertion-invalid-type.json", 'I', 'I', NULL },
  { "ob20/basic-assertion-expired.json", 'I', 'I', NULL },
  { "ob20/basic-assertion-in-future.json", 'I', 'I', NULL },
  { "ob20/basic-assertion-expired-before-issued.json", 'I', 'I', NULL },
};

static char
verdict_letter (const JlnVerifyReport *r)
{
  switch (r->verdict)
    {
    case JLN_VERIFY_VALID: return r->warnings->len > 0 ? 'W' : 'V';
    case JLN_VERIFY_UNVERIFIABLE: return 'U';
    case JLN_VERIFY_INVALID:
    default: return 'I';
    }
}

static void
test_onedtech (void)
{
  /* Their credentials date from 2010–2022: judge them on a fixed day. */
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2025-01-01T00:00:00Z", NULL);
  JlnVerifyOptions options = { now, NULL, NULL, NULL };

  for (gsize i = 0; i < G_N_ELEMENTS (onedtech_cases); i++)
    {
      const OneEdTechCase *c = &onedtech_cases[i];
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "openbadges", "data", "1edtech", c->file, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JlnVerifyReport) r = NULL;
      g_autofree char *line = NULL;
      char *contents = NULL;
      gsize len = 0;

      g_file_get_contents (path, &contents, &len, &error);
      g_assert_no_error (error);
      bytes = g_bytes_new_take (contents, len);
      r = jln_verify_bytes (bytes, &options);
      line = jln_verify_report_to_line (r);
      g_test_message ("%s: 1EdTech %c, Jalons %c (%s)%s%s", c->file, c->onedtech, verdict_letter (r), line,
                      c->why ? " — " : "", c->why ? c->why : "");
      g_assert_cmpint (verdict_letter (r), ==, c->jalons);
      /* Every check is reported, whatever the verdict. */
      g_assert_cmpuint (r->checks->len, ==, 8);
      if (c->jalons == 'U')
        {
          const JlnVerifyCheck *proof = jln_verify_report_get_check (r, JLN_VERIFY_CHECK_PROOF);

          /* Not verifiable offline: the signature is what stays open, and
           * nothing found offline is wrong. */
          g_assert_cmpint (proof->outcome, ==, JLN_VERIFY_CHECK_NOT_CHECKED);
          for (guint k = 0; k < r->checks->len; k++)
            g_assert_cmpint (((JlnVerifyCheck *) g_ptr_array_index (r->checks, k))->outcome, !=,
                             JLN_VERIFY_CHECK_FAILED);
        }
      if (c->onedtech == 'I' && c->jalons != 'U')
        g_assert_cmpint (r->verdict, ==, JLN_VERIFY_INVALID);
    }
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
  ADD ("/verify/status-forged", test_status_forged);
  ADD ("/verify/forged-issuer-did-key", test_forged_issuer_did_key);
  ADD ("/verify/forged-issuer-did-web", test_forged_issuer_did_web);
  ADD ("/verify/recipient", test_recipient);
  ADD ("/verify/ob2", test_ob2);
  ADD ("/verify/bad-inputs", test_bad_inputs);
  ADD ("/verify/shape", test_shape);
  ADD ("/verify/endorsement", test_endorsement);
  ADD ("/verify/unversioned-context", test_unversioned_context);
  ADD ("/verify/unsupported-does-not-hide", test_unsupported_does_not_hide);
  ADD ("/verify/malformed-method", test_malformed_method);
  ADD ("/verify/svg-jwt", test_svg_jwt);
  ADD ("/verify/ob2-offline", test_ob2_offline);
#undef ADD
  g_test_add_func ("/verify/status-bit-bad", test_status_bit);
  g_test_add_func ("/verify/1edtech", test_onedtech);

  return g_test_run ();
}
