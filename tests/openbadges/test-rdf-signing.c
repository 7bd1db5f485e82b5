/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-rdf-signing"

/* The canonical form signing and verifying use (jln_proof_canonicalize):
 * safe mode refuses what JSON-LD would drop (VC Data Integrity 1.0, 2.4),
 * and the N-Quads agree byte for byte with jsonld.js + rdf-canonize, whose
 * outputs for tests/differential/corpus are committed in
 * tests/differential/expected (made by canon.js --update), so this runs
 * without node. */

#include <string.h>

#include "openbadges/jln-credential.h"
#include "openbadges/jln-jsonld.h"
#include "openbadges/jln-ob-error.h"
#include "openbadges/jln-ob-json.h"
#include "openbadges/jln-ob-key.h"
#include "openbadges/jln-proof.h"
#include "openbadges/jln-rdfc.h"

static char *
differential_path (const char *first, ...)
{
  g_autofree char *root = g_test_build_filename (G_TEST_DIST, "differential", NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (parts, root);
  g_ptr_array_add (parts, (gpointer) first);
  va_start (ap, first);
  for (const char *p = va_arg (ap, const char *); p != NULL; p = va_arg (ap, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (ap);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

/* Every corpus document: the N-Quads jsonld.js made, or a refusal when
 * jsonld.js refused it. "diverge-" documents (divergences.txt) are refused
 * by the JSON front door on purpose and are not canonicalised here. */
static void
test_corpus (void)
{
  g_autofree char *corpus = differential_path ("corpus", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (corpus, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) failures = g_string_new (NULL);
  guint identical = 0, refused = 0;
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_assert_cmpuint (names->len, >=, 40);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *base = g_strndup (file, strlen (file) - strlen (".json"));
      g_autofree char *nq_name = g_strconcat (base, ".nq", NULL);
      g_autofree char *refused_name = g_strconcat (base, ".refused", NULL);
      g_autofree char *path = g_build_filename (corpus, file, NULL);
      g_autofree char *nq_path = differential_path ("expected", nq_name, NULL);
      g_autofree char *refused_path = differential_path ("expected", refused_name, NULL);
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *canon = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) local = NULL;

      if (g_str_has_prefix (file, "diverge-"))
        continue;
      g_file_get_contents (path, &text, NULL, &local);
      g_assert_no_error (local);
      node = jln_ob_parse_json (text, -1, &local);
      if (node != NULL)
        canon = jln_proof_canonicalize (node, &local);

      if (g_file_test (refused_path, G_FILE_TEST_EXISTS))
        {
          if (canon != NULL)
            g_string_append_printf (failures, "%s: jsonld.js refuses it, Jalons canonicalises it\n", file);
          else
            refused++;
          continue;
        }
      if (!g_file_get_contents (nq_path, &expected, NULL, NULL))
        g_string_append_printf (failures, "%s: no expected/%s nor expected/%s (run canon.js --update)\n",
                                file, nq_name, refused_name);
      else if (canon == NULL)
        g_string_append_printf (failures, "%s: jsonld.js canonicalises it, Jalons refuses it: %s\n",
                                file, local->message);
      else if (strcmp (canon, expected) != 0)
        g_string_append_printf (failures, "%s: canonical N-Quads differ from jsonld.js'.\nExpected:\n%sGot:\n%s",
                                file, expected, canon);
      else
        identical++;
    }
  g_test_message ("%u identical to jsonld.js, %u refused by both", identical, refused);
  if (failures->len > 0)
    g_error ("%s", failures->str);
  g_assert_cmpuint (identical, >=, 40);
}

/* ------------------------------------------------- sign, then augment */

static JsonNode *
unsigned_credential (JlnObKey *key)
{
  g_autofree char *did = jln_ob_key_get_did (key);
  g_autoptr(GDateTime) from = g_date_time_new_utc (2024, 5, 1, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  JlnCredentialInput in = { 0 };
  JsonNode *node;

  in.issuer.id = did;
  in.issuer.name = "Mission locale";
  in.id = "urn:uuid:0f3a0c9e-8d43-4c7e-9f3b-0a1b2c3d4e5f";
  in.name = "Travail en équipe";
  in.valid_from = from;
  in.recipient.identity_hash = "sha256$c7ef86405ba71b85acd8e2e95166c4b111448089f2e1599f42fe1bba46e865c5";
  in.recipient.salt = "deadbeef";
  in.recipient.identity_type = "emailAddress";
  in.achievement.id = "https://example.org/badges/teamwork/1";
  in.achievement.name = "Travail en équipe";
  in.achievement.description = "Coopère au sein d’un groupe.";
  in.achievement.criteria_narrative = "A animé un atelier.";
  node = jln_credential_build (&in, &error);
  g_assert_no_error (error);
  return node;
}

typedef void (*Augment) (JsonObject *credential);

static JsonObject *
member (JsonObject *o, const char *name)
{
  return json_object_get_object_member (o, name);
}

static void
add_top (JsonObject *c)
{
  json_object_set_string_member (c, "foo", "bar");
}

static void
add_issuer (JsonObject *c)
{
  json_object_set_string_member (member (c, "issuer"), "foo", "bar");
}

static void
add_subject (JsonObject *c)
{
  json_object_set_string_member (member (c, "credentialSubject"), "foo", "bar");
}

static void
add_achievement (JsonObject *c)
{
  json_object_set_string_member (member (member (c, "credentialSubject"), "achievement"), "foo", "bar");
}

static void
add_keyword_like (JsonObject *c)
{
  json_object_set_string_member (c, "@foo", "bar");
}

/* A term mapped to null by an inline context is dropped like an unknown one. */
static void
add_null_term (JsonObject *c)
{
  JsonArray *ctx = json_object_get_array_member (c, "@context");
  JsonObject *local = json_object_new ();

  json_object_set_string_member (local, "ex", "https://example.org/ns#");
  json_object_set_null_member (local, "foo");
  json_array_add_object_element (ctx, local);
  json_object_set_string_member (c, "foo", "bar");
}

static void
add_relative_type (JsonObject *c)
{
  json_array_add_string_element (json_object_get_array_member (member (c, "credentialSubject"), "type"),
                                 "NotDefinedType");
}

static void
add_relative_id (JsonObject *c)
{
  json_object_set_string_member (member (member (c, "credentialSubject"), "achievement"), "id", "teamwork");
}

static const struct {
  const char *name;
  Augment augment;
  const char *named;   /* what the message must name */
} augments[] = {
  { "top-level", add_top, "foo" },
  { "issuer", add_issuer, "foo" },
  { "credential-subject", add_subject, "foo" },
  { "achievement", add_achievement, "foo" },
  { "keyword-like", add_keyword_like, "@foo" },
  { "null-term", add_null_term, "foo" },
  { "relative-type", add_relative_type, "NotDefinedType" },
  { "relative-id", add_relative_id, "teamwork" },
};

static void
test_refuse_to_sign (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(JlnObKey) key = jln_ob_key_generate ();
  g_autoptr(JsonNode) doc = unsigned_credential (key);
  JsonObject *c = json_node_get_object (doc);
  g_autoptr(GError) error = NULL;

  augments[i].augment (c);
  g_assert_false (jln_proof_add (c, key, NULL, NULL, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_DATA_LOSS);
  g_assert_nonnull (strstr (error->message, augments[i].named));
  g_assert_false (json_object_has_member (c, "proof"));
}

static void
test_refuse_to_verify (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(JlnObKey) key = jln_ob_key_generate ();
  g_autoptr(JsonNode) doc = unsigned_credential (key);
  JsonObject *c = json_node_get_object (doc);
  g_autoptr(JlnProofResult) before = NULL;
  g_autoptr(JlnProofResult) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (jln_proof_add (c, key, NULL, NULL, &error));
  g_assert_no_error (error);
  before = jln_proof_verify (doc, NULL);
  g_assert_cmpint (before->status, ==, JLN_PROOF_VALID);

  augments[i].augment (c);
  after = jln_proof_verify (doc, NULL);
  g_assert_cmpint (after->status, ==, JLN_PROOF_CANON_FAILED);
  g_assert_nonnull (strstr (after->message, augments[i].named));
}

/* The proof options are canonicalised too: an extra, undefined member of
 * the proof would ride along unsigned. */
static void
test_refuse_proof_extra (void)
{
  g_autoptr(JlnObKey) key = jln_ob_key_generate ();
  g_autoptr(JsonNode) doc = unsigned_credential (key);
  JsonObject *c = json_node_get_object (doc);
  g_autoptr(JlnProofResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *proof;

  g_assert_true (jln_proof_add (c, key, NULL, NULL, &error));
  g_assert_no_error (error);
  proof = json_array_get_object_element (json_object_get_array_member (c, "proof"), 0);
  json_object_set_string_member (proof, "foo", "bar");
  result = jln_proof_verify (doc, NULL);
  g_assert_cmpint (result->status, ==, JLN_PROOF_CANON_FAILED);
  g_assert_nonnull (strstr (result->message, "“foo”"));
}

/* Outside signing, plain JSON-LD still drops what it cannot map (the W3C
 * suites expect it, and `jalons-cli canon` without --signing shows it). */
static void
test_plain_mode_drops (void)
{
  g_autoptr(JlnObKey) key = jln_ob_key_generate ();
  g_autoptr(JsonNode) doc = unsigned_credential (key);
  g_autoptr(JsonNode) clean = unsigned_credential (key);
  g_autoptr(JlnRdfDataset) with_foo = NULL;
  g_autoptr(JlnRdfDataset) without = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GError) error = NULL;

  add_top (json_node_get_object (doc));
  with_foo = jln_jsonld_to_rdf (doc, NULL, &error);
  g_assert_no_error (error);
  without = jln_jsonld_to_rdf (clean, NULL, &error);
  g_assert_no_error (error);
  a = jln_rdfc_canonicalize (with_foo, NULL, NULL, &error);
  b = jln_rdfc_canonicalize (without, NULL, NULL, &error);
  g_assert_cmpstr (a, ==, b);
}

/* A blank-node graph rdf-canonize refuses with its default work bound is
 * refused when signing too, but still canonicalised on request. */
static void
test_reference_work_factor (void)
{
  g_autoptr(JlnRdfDataset) dataset = jln_rdf_dataset_new ();
  const JlnRdfcOptions reference = { .reference_work_factor = TRUE };
  g_autofree char *plain = NULL;
  g_autofree char *bounded = NULL;
  g_autoptr(GError) error = NULL;
  const char *cycle[][2] = { { "a", "b" }, { "b", "c" }, { "c", "a" } };

  for (guint i = 0; i < G_N_ELEMENTS (cycle); i++)
    jln_rdf_dataset_add (dataset, jln_rdf_term_new_blank (cycle[i][0]),
                         jln_rdf_term_new_iri ("https://example.org/next"),
                         jln_rdf_term_new_blank (cycle[i][1]), NULL);
  plain = jln_rdfc_canonicalize (dataset, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plain);
  bounded = jln_rdfc_canonicalize (dataset, &reference, NULL, &error);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CANON_LIMIT);
  g_assert_null (bounded);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rdf-signing/corpus-as-jsonld-js", test_corpus);
  for (guint i = 0; i < G_N_ELEMENTS (augments); i++)
    {
      g_autofree char *sign = g_strdup_printf ("/rdf-signing/refuse-to-sign/%s", augments[i].name);
      g_autofree char *verify = g_strdup_printf ("/rdf-signing/refuse-to-verify/%s", augments[i].name);

      g_test_add_data_func (sign, GUINT_TO_POINTER (i), test_refuse_to_sign);
      g_test_add_data_func (verify, GUINT_TO_POINTER (i), test_refuse_to_verify);
    }
  g_test_add_func ("/rdf-signing/refuse-to-verify/proof-extra-property", test_refuse_proof_extra);
  g_test_add_func ("/rdf-signing/plain-mode-drops", test_plain_mode_drops);
  g_test_add_func ("/rdf-signing/reference-work-factor", test_reference_work_factor);

  return g_test_run ();
}
