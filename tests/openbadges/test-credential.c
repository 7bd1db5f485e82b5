/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-credential"

#include <string.h>

#include "openbadges/jln-credential.h"
#include "openbadges/jln-ob-error.h"
#include "openbadges/jln-proof.h"
#include "openbadges/jln-verify.h"

static const char *const tags[] = { "communication", "", "teamwork", NULL };
static const JlnCredentialAlignment alignments[] = {
  { "Communiquer en équipe", "https://example.org/frameworks/c1", "Savoir échanger", "Compétences clés", "C1" },
};
static const JlnCredentialEvidence evidence[] = {
  { "A tenu le stand du forum emploi pendant deux jours.", "Forum emploi", NULL },
  { NULL, "Attestation", "https://example.org/evidence/42" },
};

static void
fill_input (JlnCredentialInput *in, char **hash, GDateTime **from, GDateTime **until)
{
  memset (in, 0, sizeof *in);
  *hash = jln_credential_hash_identity ("alice@example.org", "pepper");
  *from = g_date_time_new_from_iso8601 ("2025-03-01T09:30:00+01:00", NULL);
  *until = g_date_time_new_from_iso8601 ("2030-01-01T00:00:00Z", NULL);

  in->issuer.id = "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
  in->issuer.name = "Mission Locale Est";
  in->issuer.url = "https://ml-est.example.org";
  in->issuer.email = "contact@ml-est.example.org";
  in->issuer.image.id = "https://ml-est.example.org/logo.png";
  in->issuer.image.caption = "Logo";
  in->id = "urn:uuid:7c4b9d2e-1f3a-4c5b-9e8d-0a1b2c3d4e5f";
  in->name = "Travail en équipe";
  in->valid_from = *from;
  in->valid_until = *until;
  in->recipient.identity_hash = *hash;
  in->recipient.salt = "pepper";
  in->recipient.identity_type = "emailAddress";
  in->achievement.id = "https://ml-est.example.org/badges/teamwork/v2";
  in->achievement.name = "Travail en équipe";
  in->achievement.description = "Reconnaît la capacité à coopérer.";
  in->achievement.criteria_narrative = "A *coopéré* lors de trois activités.";
  in->achievement.image.id = "data:image/png;base64,iVBORw0KGgo=";
  in->achievement.image.caption = "Deux mains";
  in->achievement.in_language = "fr";
  in->achievement.version = "2";
  in->achievement.tags = tags;
  in->achievement.alignments = alignments;
  in->achievement.n_alignments = G_N_ELEMENTS (alignments);
  in->evidence = evidence;
  in->n_evidence = G_N_ELEMENTS (evidence);
  in->status.list_credential = "https://ml-est.example.org/status/1";
  in->status.index = 94567;
}

static void
test_hash_identity (void)
{
  g_autofree char *a = jln_credential_hash_identity ("alice@example.org", "pepper");
  g_autofree char *b = jln_credential_hash_identity ("  Alice@Example.ORG \n", "pepper");
  g_autofree char *c = jln_credential_hash_identity ("alice@example.org", "salt");
  g_autofree char *d = jln_credential_hash_identity ("ID-42", NULL);
  g_autofree char *expected = jln_ob_sha256_hex ("alice@example.orgpepper");
  g_autofree char *expected_d = jln_ob_sha256_hex ("ID-42");

  g_assert_true (g_str_has_prefix (a, "sha256$"));
  g_assert_cmpstr (a + 7, ==, expected);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpstr (d + 7, ==, expected_d);
}

/* No nulls, no empty strings, no empty arrays anywhere. */
static void
assert_clean (JsonNode *node)
{
  g_assert_false (JSON_NODE_HOLDS_NULL (node));
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        assert_clean (value);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      g_assert_cmpuint (json_array_get_length (a), >, 0);
      for (guint i = 0; i < json_array_get_length (a); i++)
        assert_clean (json_array_get_element (a, i));
    }
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    g_assert_cmpstr (json_node_get_string (node), !=, "");
}

static JsonObject *
path (JsonObject *o, const char *a, const char *b)
{
  o = json_object_get_object_member (o, a);
  return b ? json_object_get_object_member (o, b) : o;
}

static const char *
type0 (JsonObject *o)
{
  JsonNode *t = json_object_get_member (o, "type");

  if (JSON_NODE_HOLDS_ARRAY (t))
    return json_array_get_string_element (json_node_get_array (t), 0);
  return json_node_get_string (t);
}

static void
test_build_full (void)
{
  JlnCredentialInput in;
  g_autofree char *hash = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *c, *subject, *ach, *ident, *status, *ev;
  JsonArray *ctx, *types, *tag;

  fill_input (&in, &hash, &from, &until);
  root = jln_credential_build (&in, &error);
  g_assert_no_error (error);
  assert_clean (root);
  c = json_node_get_object (root);

  ctx = json_object_get_array_member (c, "@context");
  g_assert_cmpuint (json_array_get_length (ctx), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (ctx, 0), ==, "https://www.w3.org/ns/credentials/v2");
  g_assert_cmpstr (json_array_get_string_element (ctx, 1), ==, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
  types = json_object_get_array_member (c, "type");
  g_assert_cmpstr (json_array_get_string_element (types, 0), ==, "VerifiableCredential");
  g_assert_cmpstr (json_array_get_string_element (types, 1), ==, "OpenBadgeCredential");
  g_assert_cmpstr (json_object_get_string_member (c, "validFrom"), ==, "2025-03-01T08:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (c, "validUntil"), ==, "2030-01-01T00:00:00Z");
  g_assert_cmpstr (type0 (path (c, "issuer", NULL)), ==, "Profile");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (path (c, "issuer", NULL), "type")));
  g_assert_cmpstr (json_object_get_string_member (path (c, "issuer", "image"), "type"), ==, "Image");

  subject = path (c, "credentialSubject", NULL);
  g_assert_cmpstr (type0 (subject), ==, "AchievementSubject");
  g_assert_false (json_object_has_member (subject, "id"));
  ident = json_array_get_object_element (json_object_get_array_member (subject, "identifier"), 0);
  g_assert_cmpstr (json_object_get_string_member (ident, "type"), ==, "IdentityObject");
  g_assert_true (json_object_get_boolean_member (ident, "hashed"));
  g_assert_cmpstr (json_object_get_string_member (ident, "identityHash"), ==, hash);
  g_assert_cmpstr (json_object_get_string_member (ident, "identityType"), ==, "emailAddress");
  g_assert_cmpstr (json_object_get_string_member (ident, "salt"), ==, "pepper");

  ach = json_object_get_object_member (subject, "achievement");
  g_assert_cmpstr (type0 (ach), ==, "Achievement");
  g_assert_cmpstr (json_object_get_string_member (ach, "achievementType"), ==, "Badge");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (ach, "criteria"), "narrative"),
                   ==, "A *coopéré* lors de trois activités.");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (ach, "image"), "caption"), ==, "Deux mains");
  tag = json_object_get_array_member (ach, "tag");
  g_assert_cmpuint (json_array_get_length (tag), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (tag, 1), ==, "teamwork");
  g_assert_cmpstr (type0 (json_array_get_object_element (json_object_get_array_member (ach, "alignment"), 0)), ==, "Alignment");

  ev = json_array_get_object_element (json_object_get_array_member (c, "evidence"), 1);
  g_assert_cmpstr (type0 (ev), ==, "Evidence");
  g_assert_cmpstr (json_object_get_string_member (ev, "id"), ==, "https://example.org/evidence/42");
  g_assert_false (json_object_has_member (ev, "narrative"));

  status = json_object_get_object_member (c, "credentialStatus");
  g_assert_cmpstr (json_object_get_string_member (status, "type"), ==, "BitstringStatusListEntry");
  g_assert_cmpstr (json_object_get_string_member (status, "statusPurpose"), ==, "revocation");
  g_assert_cmpstr (json_object_get_string_member (status, "statusListIndex"), ==, "94567");
  g_assert_cmpstr (json_object_get_string_member (status, "statusListCredential"), ==, "https://ml-est.example.org/status/1");
  g_assert_cmpstr (json_object_get_string_member (status, "id"), ==, "https://ml-est.example.org/status/1#94567");
}

static void
test_build_minimal (void)
{
  JlnCredentialInput in;
  g_autofree char *hash = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  static const char *const empty_tags[] = { "", NULL };
  JsonObject *c, *ach;

  fill_input (&in, &hash, &from, &until);
  in.valid_until = NULL;
  in.issuer.url = "";
  in.issuer.email = NULL;
  in.issuer.image.id = NULL;
  in.achievement.image.id = "";
  in.achievement.in_language = NULL;
  in.achievement.version = "";
  in.achievement.tags = empty_tags;
  in.achievement.n_alignments = 0;
  in.n_evidence = 0;
  in.recipient.salt = NULL;
  in.status.list_credential = NULL;

  root = jln_credential_build (&in, &error);
  g_assert_no_error (error);
  assert_clean (root);
  c = json_node_get_object (root);
  g_assert_false (json_object_has_member (c, "validUntil"));
  g_assert_false (json_object_has_member (c, "evidence"));
  g_assert_false (json_object_has_member (c, "credentialStatus"));
  g_assert_false (json_object_has_member (path (c, "issuer", NULL), "url"));
  g_assert_false (json_object_has_member (path (c, "issuer", NULL), "image"));
  ach = path (c, "credentialSubject", "achievement");
  g_assert_false (json_object_has_member (ach, "tag"));
  g_assert_false (json_object_has_member (ach, "image"));
  g_assert_false (json_object_has_member (ach, "version"));
  g_assert_false (json_object_has_member (ach, "alignment"));
}

static void
test_build_missing (void)
{
  struct { gsize offset; const char *field; } required[] = {
    { G_STRUCT_OFFSET (JlnCredentialInput, id), "id" },
    { G_STRUCT_OFFSET (JlnCredentialInput, name), "name" },
    { G_STRUCT_OFFSET (JlnCredentialInput, issuer.id), "issuer.id" },
    { G_STRUCT_OFFSET (JlnCredentialInput, issuer.name), "issuer.name" },
    { G_STRUCT_OFFSET (JlnCredentialInput, achievement.id), "achievement.id" },
    { G_STRUCT_OFFSET (JlnCredentialInput, achievement.name), "achievement.name" },
    { G_STRUCT_OFFSET (JlnCredentialInput, achievement.description), "achievement.description" },
    { G_STRUCT_OFFSET (JlnCredentialInput, achievement.criteria_narrative), "achievement.criteria.narrative" },
    { G_STRUCT_OFFSET (JlnCredentialInput, recipient.identity_hash), "recipient.identityHash" },
    { G_STRUCT_OFFSET (JlnCredentialInput, recipient.identity_type), "recipient.identityType" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    for (int empty = 0; empty < 2; empty++)
      {
        JlnCredentialInput in;
        g_autofree char *hash = NULL;
        g_autoptr(GDateTime) from = NULL;
        g_autoptr(GDateTime) until = NULL;
        g_autoptr(GError) error = NULL;

        fill_input (&in, &hash, &from, &until);
        G_STRUCT_MEMBER (const char *, &in, required[i].offset) = empty ? "" : NULL;
        g_assert_null (jln_credential_build (&in, &error));
        g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL);
        g_assert_nonnull (strstr (error->message, required[i].field));
      }

  {
    JlnCredentialInput in;
    g_autofree char *hash = NULL;
    g_autoptr(GDateTime) from = NULL;
    g_autoptr(GDateTime) until = NULL;
    g_autoptr(GError) error = NULL;

    fill_input (&in, &hash, &from, &until);
    in.recipient.identity_hash = "alice@example.org";
    g_assert_null (jln_credential_build (&in, &error));
    g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL);
    g_clear_error (&error);

    fill_input (&in, &hash, &from, &until);
    in.valid_from = NULL;
    g_assert_null (jln_credential_build (&in, &error));
    g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL);
    g_clear_error (&error);

    fill_input (&in, &hash, &from, &until);
    in.valid_from = until;
    in.valid_until = from;
    g_assert_null (jln_credential_build (&in, &error));
    g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL);
    g_date_time_unref (from);
    g_date_time_unref (until);
    from = until = NULL;
    g_free (hash);
    hash = NULL;
  }
}

/* Collects every string leaf that must survive JSON-LD processing as an RDF
 * literal or IRI (everything but @context and type names). */
static void
collect_strings (JsonNode *node, const char *member, GPtrArray *out)
{
  if (member && (g_str_equal (member, "@context") || g_str_equal (member, "type")))
    return;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        collect_strings (value, name, out);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (a); i++)
        collect_strings (json_array_get_element (a, i), member, out);
    }
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    g_ptr_array_add (out, g_strdup (json_node_get_string (node)));
}

static void
test_every_property_defined (void)
{
  JlnCredentialInput in;
  g_autofree char *hash = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *canon = NULL;

  fill_input (&in, &hash, &from, &until);
  root = jln_credential_build (&in, &error);
  g_assert_no_error (error);
  canon = jln_proof_canonicalize (root, &error);
  g_assert_no_error (error);
  g_test_message ("%s", canon);

  collect_strings (root, NULL, strings);
  g_assert_cmpuint (strings->len, >, 20);
  for (guint i = 0; i < strings->len; i++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", (char *) strings->pdata[i]);
      g_autofree char *iri = g_strdup_printf ("<%s>", (char *) strings->pdata[i]);

      if (strstr (canon, quoted) == NULL && strstr (canon, iri) == NULL)
        g_error ("“%s” was dropped by JSON-LD processing", (char *) strings->pdata[i]);
    }
  /* hashed: true is a typed boolean literal (the OB 3.0 context spells the
   * XML Schema namespace with https). */
  g_assert_nonnull (strstr (canon, "\"true\"^^<https://www.w3.org/2001/XMLSchema#boolean>"));
}

static void
test_issue (void)
{
  JlnCredentialInput in;
  g_autofree char *hash = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnObKey) key = jln_ob_key_generate ();
  g_autofree char *did = jln_ob_key_get_did (key);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JlnProofResult) result = NULL;
  JsonNode *proof;

  fill_input (&in, &hash, &from, &until);
  in.issuer.id = did;
  text = jln_credential_issue (&in, key, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strchr (text, '\n'));
  root = jln_ob_parse_json (text, -1, &error);
  g_assert_no_error (error);
  assert_clean (root);
  proof = json_object_get_member (json_node_get_object (root), "proof");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (proof));
  result = jln_proof_verify (root, NULL);
  g_assert_cmpint (result->status, ==, JLN_PROOF_VALID);

  /* Bad input: nothing is returned. */
  in.name = NULL;
  g_assert_null (jln_credential_issue (&in, key, NULL, NULL, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credential/hash-identity", test_hash_identity);
  g_test_add_func ("/credential/build-full", test_build_full);
  g_test_add_func ("/credential/build-minimal", test_build_minimal);
  g_test_add_func ("/credential/build-missing", test_build_missing);
  g_test_add_func ("/credential/every-property-defined", test_every_property_defined);
  g_test_add_func ("/credential/issue", test_issue);

  return g_test_run ();
}
