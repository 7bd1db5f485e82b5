/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-proof"

#include <string.h>

#include "openbadges/jln-multibase.h"
#include "openbadges/jln-ob-error.h"
#include "openbadges/jln-ob-key.h"
#include "openbadges/jln-proof.h"
#include "openbadges/jln-verify.h"

#define VECTOR_SEED   "6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4"
#define VECTOR_VM "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
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

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = jln_ob_parse_json (text, -1, &error);

  g_assert_no_error (error);
  return node;
}

static JsonNode *
load_vector (const char *name)
{
  g_autofree char *text = read_vector (name);

  return parse (text);
}

static JlnObKey *
vector_key (void)
{
  g_autofree guint8 *seed = NULL;
  gsize len = 0;

  seed = jln_hex_decode (VECTOR_SEED, &len, NULL);
  return jln_ob_key_new_from_seed (seed, len, NULL);
}

/* The vector's verification method is an https URL: resolve it to the
 * vector's key, as a verifier that fetched it would. */
static gboolean
vector_resolver (const char *vm, JlnProofKeyInfo *info, gpointer user_data, GError **error)
{
  g_autoptr(JlnObKey) key = NULL;
  const char *hash = strchr (vm, '#');

  if (!g_str_equal (vm, VECTOR_VM) || hash == NULL)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_NOT_FOUND, "not the vector's key");
      return FALSE;
    }
  key = vector_key ();
  memcpy (info->public_key, jln_ob_key_get_public_key (key), 32);
  info->controller = g_strndup (vm, hash - vm);
  info->assertion_method = g_strsplit (vm, "\n", -1);
  return TRUE;
}

static const JlnProofVerifyOptions vector_options = { vector_resolver, NULL };

static JsonObject *
first_proof (JsonNode *doc)
{
  JsonNode *proof = json_object_get_member (json_node_get_object (doc), "proof");

  if (JSON_NODE_HOLDS_ARRAY (proof))
    return json_array_get_object_element (json_node_get_array (proof), 0);
  return json_node_get_object (proof);
}

static void
test_vector_canon (void)
{
  g_autoptr(JsonNode) doc = load_vector ("credential-unsigned.json");
  g_autoptr(JsonNode) proof = load_vector ("proof-options.json");
  g_autofree char *expected_doc = read_vector ("document-canon.nq");
  g_autofree char *expected_proof = read_vector ("proof-canon.nq");
  g_autofree char *doc_canon = NULL;
  g_autofree char *proof_canon = NULL;
  g_autoptr(GError) error = NULL;

  doc_canon = jln_proof_canonicalize (doc, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (doc_canon, ==, expected_doc);

  json_object_set_member (json_node_get_object (proof), "@context",
                          json_node_copy (json_object_get_member (json_node_get_object (doc), "@context")));
  proof_canon = jln_proof_canonicalize (proof, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (proof_canon, ==, expected_proof);
}

static void
test_vector_sign (void)
{
  g_autoptr(JsonNode) doc = load_vector ("credential-unsigned.json");
  g_autoptr(JlnObKey) key = vector_key ();
  g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 ("2010-01-01T19:23:24Z", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnProofResult) result = NULL;
  JsonNode *proof;
  JsonObject *p;

  g_assert_true (jln_proof_add (json_node_get_object (doc), key, VECTOR_VM, created, &error));
  g_assert_no_error (error);
  proof = json_object_get_member (json_node_get_object (doc), "proof");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (proof));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (proof)), ==, 1);
  p = first_proof (doc);
  g_assert_cmpstr (json_object_get_string_member (p, "type"), ==, "DataIntegrityProof");
  g_assert_cmpstr (json_object_get_string_member (p, "cryptosuite"), ==, "eddsa-rdfc-2022");
  g_assert_cmpstr (json_object_get_string_member (p, "proofPurpose"), ==, "assertionMethod");
  g_assert_cmpstr (json_object_get_string_member (p, "created"), ==, "2010-01-01T19:23:24Z");
  g_assert_cmpstr (json_object_get_string_member (p, "verificationMethod"), ==, VECTOR_VM);
  g_assert_cmpstr (json_object_get_string_member (p, "proofValue"), ==, VECTOR_PROOF_VALUE);

  result = jln_proof_verify (doc, &vector_options);
  g_assert_cmpint (result->status, ==, JLN_PROOF_VALID);

  /* Signing twice is refused and leaves the document as it was. */
  g_assert_false (jln_proof_add (json_node_get_object (doc), key, NULL, NULL, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL);
  g_assert_cmpstr (json_object_get_string_member (first_proof (doc), "proofValue"), ==, VECTOR_PROOF_VALUE);
}

static void
test_vector_verify (void)
{
  g_autoptr(JsonNode) doc = load_vector ("credential-signed.json");
  g_autoptr(JlnProofResult) ok = jln_proof_verify (doc, &vector_options);
  g_autoptr(JlnProofResult) offline = jln_proof_verify (doc, NULL);

  g_assert_cmpint (ok->status, ==, JLN_PROOF_VALID);
  g_assert_cmpstr (ok->suite, ==, "eddsa-rdfc-2022");
  g_assert_cmpstr (ok->verification_method, ==, VECTOR_VM);
  g_assert_cmpstr (ok->created, ==, "2010-01-01T19:23:24Z");
  g_assert_null (ok->message);

  /* https verification methods need the network. */
  g_assert_cmpint (offline->status, ==, JLN_PROOF_KEY_UNRESOLVABLE);
  g_assert_nonnull (offline->message);
}

/* Applies @edit to a copy of the signed vector and expects @status. */
static void
expect_after_edit (void (*edit) (JsonObject *doc, JsonObject *proof), JlnProofStatus status)
{
  g_autoptr(JsonNode) doc = load_vector ("credential-signed.json");
  g_autoptr(JlnProofResult) result = NULL;

  edit (json_node_get_object (doc), first_proof (doc));
  result = jln_proof_verify (doc, &vector_options);
  g_assert_cmpint (result->status, ==, status);
  if (status != JLN_PROOF_VALID)
    g_assert_nonnull (result->message);
}

static void edit_issuer_name (JsonObject *d, JsonObject *p)
{ json_object_set_string_member (json_object_get_object_member (d, "issuer"), "name", "Example Corq"); }
static void edit_valid_from (JsonObject *d, JsonObject *p)
{ json_object_set_string_member (d, "validFrom", "2010-01-01T00:00:01Z"); }
static void edit_achievement_name (JsonObject *d, JsonObject *p)
{
  JsonObject *a = json_object_get_object_member (json_object_get_object_member (d, "credentialSubject"), "achievement");
  json_object_set_string_member (a, "name", "Teamwork!");
}
static void edit_created (JsonObject *d, JsonObject *p)
{ json_object_set_string_member (p, "created", "2010-01-01T19:23:25Z"); }
static void edit_proof_value (JsonObject *d, JsonObject *p)
{
  g_autofree char *v = g_strdup (json_object_get_string_member (p, "proofValue"));
  v[10] = v[10] == 'a' ? 'b' : 'a';
  json_object_set_string_member (p, "proofValue", v);
}
static void edit_context_order (JsonObject *d, JsonObject *p)
{
  JsonArray *c = json_array_new ();
  json_array_add_string_element (c, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
  json_array_add_string_element (c, "https://www.w3.org/ns/credentials/v2");
  json_object_set_array_member (d, "@context", c);
}
static void edit_add_member (JsonObject *d, JsonObject *p)
{ json_object_set_string_member (d, "description", "added later"); }
static void edit_reorder_members (JsonObject *d, JsonObject *p)
{
  /* JSON member order carries no meaning: the signature must still hold. */
  JsonNode *name = json_node_copy (json_object_get_member (d, "name"));
  json_object_remove_member (d, "name");
  json_object_set_member (d, "name", name);
}

static void
test_tamper (void)
{
  expect_after_edit (edit_issuer_name, JLN_PROOF_INVALID_SIGNATURE);
  expect_after_edit (edit_valid_from, JLN_PROOF_INVALID_SIGNATURE);
  expect_after_edit (edit_achievement_name, JLN_PROOF_INVALID_SIGNATURE);
  expect_after_edit (edit_created, JLN_PROOF_INVALID_SIGNATURE);
  expect_after_edit (edit_proof_value, JLN_PROOF_INVALID_SIGNATURE);
  expect_after_edit (edit_add_member, JLN_PROOF_INVALID_SIGNATURE);
  expect_after_edit (edit_reorder_members, JLN_PROOF_VALID);
}

static void
test_tamper_context_order (void)
{
  /* The two contexts define disjoint terms, so swapping them yields the same
   * RDF and the signature (over RDF) still holds; the credential is refused
   * by the shape check, which requires the VC context first. */
  g_autoptr(JsonNode) doc = load_vector ("credential-signed.json");
  g_autoptr(JlnVerifyReport) report = NULL;
  JlnVerifyOptions options = { NULL, NULL, NULL, &vector_options };

  edit_context_order (json_node_get_object (doc), first_proof (doc));
  report = jln_verify_json (doc, &options);
  g_assert_cmpint (report->verdict, ==, JLN_VERIFY_INVALID);
  g_assert_cmpuint (report->problems->len, >, 0);
}

static JsonNode *
sign_with_new_key (JlnObKey *key)
{
  g_autoptr(JsonNode) doc = load_vector ("credential-unsigned.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *did = jln_ob_key_get_did (key);

  json_object_set_string_member (json_object_get_object_member (json_node_get_object (doc), "issuer"), "id", did);
  g_assert_true (jln_proof_add (json_node_get_object (doc), key, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&doc);
}

static void
test_did_key_roundtrip (void)
{
  g_autoptr(JlnObKey) key = jln_ob_key_generate ();
  g_autoptr(JlnObKey) other = jln_ob_key_generate ();
  g_autoptr(JsonNode) doc = sign_with_new_key (key);
  g_autoptr(JlnProofResult) ok = jln_proof_verify (doc, NULL);
  g_autoptr(JlnProofResult) wrong_key = NULL;
  g_autofree char *vm = jln_ob_key_get_verification_method (key);
  g_autofree char *other_vm = jln_ob_key_get_verification_method (other);
  const char *created;

  g_assert_cmpint (ok->status, ==, JLN_PROOF_VALID);
  g_assert_cmpstr (ok->verification_method, ==, vm);
  created = json_object_get_string_member (first_proof (doc), "created");
  g_assert_true (g_str_has_suffix (created, "Z"));
  g_assert_cmpuint (strlen (created), ==, strlen ("2010-01-01T19:23:24Z"));

  json_object_set_string_member (first_proof (doc), "verificationMethod", other_vm);
  wrong_key = jln_proof_verify (doc, NULL);
  g_assert_cmpint (wrong_key->status, ==, JLN_PROOF_INVALID_SIGNATURE);
}

static void
test_bad_proofs (void)
{
  g_autoptr(JlnObKey) key = jln_ob_key_generate ();
  struct {
    const char *member;
    const char *value;       /* NULL: remove the member */
    JlnProofStatus status;
    const char *suite;
  } cases[] = {
    { "cryptosuite", "ecdsa-rdfc-2019", JLN_PROOF_UNSUPPORTED, "ecdsa-rdfc-2019" },
    { "cryptosuite", NULL, JLN_PROOF_MALFORMED, NULL },
    { "type", "RsaSignature2018", JLN_PROOF_UNSUPPORTED, "RsaSignature2018" },
    { "type", NULL, JLN_PROOF_MALFORMED, NULL },
    { "proofValue", "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2", JLN_PROOF_MALFORMED, NULL },
    { "proofValue", "uAAAA", JLN_PROOF_MALFORMED, NULL },
    { "proofValue", "z0OIl", JLN_PROOF_MALFORMED, NULL },
    { "proofValue", NULL, JLN_PROOF_MALFORMED, NULL },
    { "proofPurpose", "authentication", JLN_PROOF_MALFORMED, NULL },
    { "verificationMethod", "did:web:example.org#key-1", JLN_PROOF_KEY_UNRESOLVABLE, NULL },
    { "verificationMethod", "did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc#z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc",
      JLN_PROOF_UNSUPPORTED, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) doc = sign_with_new_key (key);
      g_autoptr(JlnProofResult) result = NULL;
      JsonObject *p = first_proof (doc);

      if (cases[i].value)
        json_object_set_string_member (p, cases[i].member, cases[i].value);
      else
        json_object_remove_member (p, cases[i].member);
      result = jln_proof_verify (doc, NULL);
      g_test_message ("case %zu: %s → %s (%s)", i, cases[i].member,
                      jln_proof_status_to_string (result->status), result->message);
      g_assert_cmpint (result->status, ==, cases[i].status);
      g_assert_nonnull (result->message);
      if (cases[i].suite)
        {
          g_assert_cmpstr (result->suite, ==, cases[i].suite);
          g_assert_nonnull (strstr (result->message, cases[i].suite));
        }
    }
}

static void
test_missing_and_not_object (void)
{
  g_autoptr(JsonNode) unsigned_doc = load_vector ("credential-unsigned.json");
  g_autoptr(JsonNode) array = parse ("[1, 2]");
  g_autoptr(JsonNode) empty_proofs = load_vector ("credential-unsigned.json");
  g_autoptr(JsonNode) proof_string = load_vector ("credential-unsigned.json");
  g_autoptr(JlnProofResult) r1 = jln_proof_verify (unsigned_doc, NULL);
  g_autoptr(JlnProofResult) r2 = jln_proof_verify (array, NULL);
  g_autoptr(JlnProofResult) r3 = NULL;
  g_autoptr(JlnProofResult) r4 = NULL;
  g_autoptr(JlnProofResult) r5 = jln_proof_verify (NULL, NULL);

  g_assert_cmpint (r1->status, ==, JLN_PROOF_MISSING);
  g_assert_cmpint (r2->status, ==, JLN_PROOF_MALFORMED);
  json_object_set_array_member (json_node_get_object (empty_proofs), "proof", json_array_new ());
  r3 = jln_proof_verify (empty_proofs, NULL);
  g_assert_cmpint (r3->status, ==, JLN_PROOF_MISSING);
  json_object_set_string_member (json_node_get_object (proof_string), "proof", "yes");
  r4 = jln_proof_verify (proof_string, NULL);
  g_assert_cmpint (r4->status, ==, JLN_PROOF_MALFORMED);
  g_assert_cmpint (r5->status, ==, JLN_PROOF_MISSING);
}

static void
test_second_proof_must_hold (void)
{
  g_autoptr(JlnObKey) key = jln_ob_key_generate ();
  g_autoptr(JsonNode) doc = sign_with_new_key (key);
  g_autoptr(JlnProofResult) result = NULL;
  JsonArray *proofs = json_object_get_array_member (json_node_get_object (doc), "proof");
  JsonObject *extra = json_object_new ();

  json_object_set_string_member (extra, "type", "DataIntegrityProof");
  json_object_set_string_member (extra, "cryptosuite", "bbs-2023");
  json_array_add_object_element (proofs, extra);
  result = jln_proof_verify (doc, NULL);
  g_assert_cmpint (result->status, ==, JLN_PROOF_UNSUPPORTED);
  g_assert_cmpstr (result->suite, ==, "bbs-2023");
}

static void
test_jwt (void)
{
  const char *headers[] = { "{\"alg\":\"RS256\",\"typ\":\"JWT\"}", "{\"alg\":\"ES256\"}" };
  const char *algs[] = { "RS256", "ES256" };

  for (gsize i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autofree char *h = jln_base64url_encode ((const guint8 *) headers[i], strlen (headers[i]));
      g_autofree char *jws = g_strconcat (h, ".eyJ2YyI6e319.c2lnbmF0dXJl", NULL);
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autoptr(JlnProofResult) result = NULL;

      json_node_set_string (node, jws);
      result = jln_proof_verify (node, NULL);
      g_assert_cmpint (result->status, ==, JLN_PROOF_UNSUPPORTED);
      g_assert_cmpstr (result->suite, ==, algs[i]);
      g_assert_nonnull (strstr (result->message, algs[i]));
    }

  {
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
    g_autoptr(JlnProofResult) result = NULL;

    json_node_set_string (node, "not a token");
    result = jln_proof_verify (node, NULL);
    g_assert_cmpint (result->status, ==, JLN_PROOF_MALFORMED);
  }

  {
    /* A hostile, deeply nested header is malformed, not a stack overflow. */
    g_autofree char *deep = g_strnfill (100000, '[');
    g_autofree char *h = jln_base64url_encode ((const guint8 *) deep, strlen (deep));
    g_autofree char *jws = g_strconcat (h, ".eyJ2YyI6e319.c2lnbmF0dXJl", NULL);
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
    g_autoptr(JlnProofResult) result = NULL;

    json_node_set_string (node, jws);
    result = jln_proof_verify (node, NULL);
    g_assert_cmpint (result->status, ==, JLN_PROOF_MALFORMED);
  }
}

static void
test_unknown_context (void)
{
  g_autoptr(JlnObKey) key = jln_ob_key_generate ();
  g_autoptr(JsonNode) doc = load_vector ("credential-unsigned.json");
  g_autoptr(JsonNode) signed_doc = sign_with_new_key (key);
  g_autoptr(JlnProofResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *c = json_object_get_array_member (json_node_get_object (doc), "@context");

  json_array_add_string_element (c, "https://example.org/unknown-context.jsonld");
  g_assert_false (jln_proof_add (json_node_get_object (doc), key, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("unknown context: %s", error->message);
  g_assert_false (json_object_has_member (json_node_get_object (doc), "proof"));

  c = json_object_get_array_member (json_node_get_object (signed_doc), "@context");
  json_array_add_string_element (c, "https://example.org/unknown-context.jsonld");
  result = jln_proof_verify (signed_doc, NULL);
  g_assert_cmpint (result->status, ==, JLN_PROOF_CANON_FAILED);
  g_assert_nonnull (result->message);
}

/* Ed25519Signature2020, as issued by older verifiable credential tools: the
 * same canonicalisation and hashing under its own context. */
static void
test_ed25519_2020 (void)
{
  g_autoptr(JlnObKey) key = jln_ob_key_generate ();
  g_autofree char *did = jln_ob_key_get_did (key);
  g_autofree char *vm = jln_ob_key_get_verification_method (key);
  g_autofree char *text = g_strdup_printf (
    "{\"@context\":[\"https://www.w3.org/2018/credentials/v1\","
    "\"https://w3id.org/security/suites/ed25519-2020/v1\"],"
    "\"id\":\"urn:uuid:2fe53dc9-b2ec-4939-9b2c-0d00f6663b6c\","
    "\"type\":[\"VerifiableCredential\"],\"issuer\":\"%s\","
    "\"issuanceDate\":\"2020-01-01T00:00:00Z\","
    "\"credentialSubject\":{\"id\":\"did:example:abc\"}}", did);
  g_autoptr(JsonNode) doc = parse (text);
  g_autoptr(JsonNode) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnProofResult) ok = NULL;
  g_autoptr(JlnProofResult) bad = NULL;
  g_autofree char *doc_canon = NULL;
  g_autofree char *proof_canon = NULL;
  g_autofree char *value = NULL;
  g_autofree char *options_text = g_strdup_printf (
    "{\"type\":\"Ed25519Signature2020\",\"created\":\"2020-01-01T00:00:00Z\","
    "\"verificationMethod\":\"%s\",\"proofPurpose\":\"assertionMethod\"}", vm);
  guint8 data[64], sig[64];
  g_autoptr(JsonNode) proof_node = NULL;
  JsonObject *proof;

  doc_canon = jln_proof_canonicalize (doc, &error);
  g_assert_no_error (error);
  options = parse (options_text);
  json_object_set_member (json_node_get_object (options), "@context",
                          json_node_copy (json_object_get_member (json_node_get_object (doc), "@context")));
  proof_canon = jln_proof_canonicalize (options, &error);
  g_assert_no_error (error);
  jln_proof_hash_data (proof_canon, doc_canon, data);
  jln_ob_key_sign (key, data, sizeof data, sig);
  value = jln_multibase_encode (JLN_MULTIBASE_BASE58BTC, sig, sizeof sig);

  proof_node = parse (options_text);
  proof = json_object_ref (json_node_get_object (proof_node));
  json_object_set_string_member (proof, "proofValue", value);
  json_object_set_object_member (json_node_get_object (doc), "proof", proof);
  ok = jln_proof_verify (doc, NULL);
  g_assert_cmpint (ok->status, ==, JLN_PROOF_VALID);
  g_assert_cmpstr (ok->suite, ==, "Ed25519Signature2020");

  json_object_set_string_member (json_node_get_object (doc), "issuanceDate", "2020-01-02T00:00:00Z");
  bad = jln_proof_verify (doc, NULL);
  g_assert_cmpint (bad->status, ==, JLN_PROOF_INVALID_SIGNATURE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proof/vector-canonical-forms", test_vector_canon);
  g_test_add_func ("/proof/vector-sign", test_vector_sign);
  g_test_add_func ("/proof/vector-verify", test_vector_verify);
  g_test_add_func ("/proof/tamper", test_tamper);
  g_test_add_func ("/proof/tamper-context-order", test_tamper_context_order);
  g_test_add_func ("/proof/did-key-roundtrip", test_did_key_roundtrip);
  g_test_add_func ("/proof/bad-proofs", test_bad_proofs);
  g_test_add_func ("/proof/missing-or-not-object", test_missing_and_not_object);
  g_test_add_func ("/proof/second-proof-must-hold", test_second_proof_must_hold);
  g_test_add_func ("/proof/vc-jwt", test_jwt);
  g_test_add_func ("/proof/unknown-context", test_unknown_context);
  g_test_add_func ("/proof/ed25519-signature-2020", test_ed25519_2020);

  return g_test_run ();
}
