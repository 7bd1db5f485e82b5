/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ob2"

#include <string.h>

#include "openbadges/jln-bake.h"
#include "openbadges/jln-ob-error.h"
#include "openbadges/jln-ob2.h"

#define BASE "https://example.org/badges/"

static const JlnOb2Issuer issuer = {
  .key = "relais-tours",
  .name = "Relais Emploi Tours",
  .url = "https://relais.example.org",
  .email = "contact@relais.example.org",
};

static const char *const tags[] = { "oral", "confiance", NULL };

static const JlnOb2BadgeClass badge = {
  .key = "prise-de-parole-v2",
  .name = "Prendre la parole en groupe",
  .description = "Exprime son avis devant un groupe de dix personnes.",
  .image = "https://example.org/badges/images/prise-de-parole.png",
  .criteria_narrative = "Trois prises de parole observées par un pair.",
  .tags = tags,
};

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize len;

  path = g_test_build_filename (G_TEST_DIST, "openbadges", "data", name, NULL);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
test_urls (void)
{
  g_autofree char *a = jln_ob2_url (BASE, JLN_OB2_ISSUER, "relais-tours");
  g_autofree char *b = jln_ob2_url ("https://example.org/badges", JLN_OB2_BADGE_CLASS, "b1");
  g_autofree char *c = jln_ob2_url (BASE, JLN_OB2_ASSERTION, "a.1_x");
  g_autofree char *d = jln_ob2_url (BASE, JLN_OB2_REVOCATION_LIST, "relais-tours");

  g_assert_cmpstr (a, ==, "https://example.org/badges/issuers/relais-tours.json");
  g_assert_cmpstr (b, ==, "https://example.org/badges/badges/b1.json");
  g_assert_cmpstr (c, ==, "https://example.org/badges/assertions/a.1_x.json");
  g_assert_cmpstr (d, ==, "https://example.org/badges/issuers/relais-tours/revocations.json");
  g_assert_null (jln_ob2_url (BASE, JLN_OB2_ISSUER, "../etc"));
  g_assert_null (jln_ob2_url (BASE, JLN_OB2_ISSUER, "a b"));
  g_assert_null (jln_ob2_url (BASE, JLN_OB2_ISSUER, ""));
  g_assert_null (jln_ob2_url (BASE, JLN_OB2_ISSUER, ".."));
}

static void
test_hash (void)
{
  g_autofree char *h = jln_ob2_hash_identity ("alice@example.org", "abc");
  /* sha256("alice@example.orgabc"), computed independently with sha256sum */
  g_assert_cmpstr (h, ==, "sha256$" "6cd9db8146ed4ae205ac0cf88f2f843be32bc325a52e4ad5e07239697d480411");
}

static void
test_builders (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) inode = jln_ob2_build_issuer (BASE, &issuer, &error);
  g_autoptr(JsonNode) bnode = NULL, anode = NULL, rnode = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 1, 20, 10, 0, 0);
  JlnOb2Assertion assertion = {
    .key = "aw-0001", .recipient = "kim@example.org", .salt = "s4lt",
    .issued_on = when, .image = "https://example.org/badges/assertions/aw-0001.png",
    .evidence_url = "https://example.org/badges/evidence/aw-0001",
  };
  JlnOb2Revocation revoked[] = { { "aw-0002", "Attribué par erreur" }, { "aw-0003", NULL } };
  JsonObject *o, *r;
  g_autofree char *expected_hash = jln_ob2_hash_identity ("kim@example.org", "s4lt");

  g_assert_no_error (error);
  o = json_node_get_object (inode);
  g_assert_cmpstr (json_object_get_string_member (o, "@context"), ==, JLN_OB2_CONTEXT);
  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "Issuer");
  g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, BASE "issuers/relais-tours.json");
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "Relais Emploi Tours");
  g_assert_cmpstr (json_object_get_string_member (o, "url"), ==, "https://relais.example.org");
  g_assert_cmpstr (json_object_get_string_member (o, "email"), ==, "contact@relais.example.org");
  g_assert_cmpstr (json_object_get_string_member (o, "revocationList"), ==, BASE "issuers/relais-tours/revocations.json");
  g_assert_false (json_object_has_member (o, "description"));   /* NULL: left out, never null */

  bnode = jln_ob2_build_badge_class (BASE, &badge, &issuer, &error);
  g_assert_no_error (error);
  o = json_node_get_object (bnode);
  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "BadgeClass");
  g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, BASE "badges/prise-de-parole-v2.json");
  g_assert_cmpstr (json_object_get_string_member (o, "issuer"), ==, BASE "issuers/relais-tours.json");
  g_assert_cmpstr (json_object_get_string_member (o, "image"), ==, badge.image);
  g_assert_cmpstr (json_object_get_string_member (o, "description"), ==, badge.description);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "criteria"), "narrative"),
                   ==, badge.criteria_narrative);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "tags")), ==, 2);

  anode = jln_ob2_build_assertion (BASE, &assertion, &badge, &error);
  g_assert_no_error (error);
  o = json_node_get_object (anode);
  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "Assertion");
  g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, BASE "assertions/aw-0001.json");
  g_assert_cmpstr (json_object_get_string_member (o, "badge"), ==, BASE "badges/prise-de-parole-v2.json");
  g_assert_cmpstr (json_object_get_string_member (o, "issuedOn"), ==, "2025-01-20T10:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "verification"), "type"), ==, "hosted");
  r = json_object_get_object_member (o, "recipient");
  g_assert_cmpstr (json_object_get_string_member (r, "type"), ==, "email");
  g_assert_true (json_object_get_boolean_member (r, "hashed"));
  g_assert_cmpstr (json_object_get_string_member (r, "salt"), ==, "s4lt");
  g_assert_cmpstr (json_object_get_string_member (r, "identity"), ==, expected_hash);
  {
    g_autofree char *text = json_to_string (anode, FALSE);

    g_assert_null (strstr (text, "kim@"));   /* never the address itself */
  }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "evidence")), ==, 1);

  /* A random salt when none is given, different each time. */
  {
    JlnOb2Assertion a2 = assertion;
    g_autoptr(JsonNode) n1 = NULL, n2 = NULL;
    const char *s1, *s2;

    a2.salt = NULL;
    n1 = jln_ob2_build_assertion (BASE, &a2, &badge, NULL);
    n2 = jln_ob2_build_assertion (BASE, &a2, &badge, NULL);
    s1 = json_object_get_string_member (json_object_get_object_member (json_node_get_object (n1), "recipient"), "salt");
    s2 = json_object_get_string_member (json_object_get_object_member (json_node_get_object (n2), "recipient"), "salt");
    g_assert_cmpuint (strlen (s1), ==, 32);
    g_assert_cmpstr (s1, !=, s2);
  }

  rnode = jln_ob2_build_revocation_list (BASE, &issuer, revoked, G_N_ELEMENTS (revoked), &error);
  g_assert_no_error (error);
  o = json_node_get_object (rnode);
  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "RevocationList");
  g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, BASE "issuers/relais-tours/revocations.json");
  g_assert_cmpstr (json_object_get_string_member (o, "issuer"), ==, BASE "issuers/relais-tours.json");
  {
    JsonArray *list = json_object_get_array_member (o, "revokedAssertions");
    JsonObject *first = json_array_get_object_element (list, 0);

    g_assert_cmpuint (json_array_get_length (list), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, BASE "assertions/aw-0002.json");
    g_assert_cmpstr (json_object_get_string_member (first, "revocationReason"), ==, "Attribué par erreur");
    g_assert_false (json_object_has_member (json_array_get_object_element (list, 1), "revocationReason"));
  }

  /* The export reads back through our own import. */
  {
    g_autoptr(JlnOb2Import) imp = jln_ob2_import_assertion (anode, &error);

    g_assert_no_error (error);
    g_assert_true (imp->recipient_hashed);
    g_assert_cmpstr (imp->badge_id, ==, BASE "badges/prise-de-parole-v2.json");
    g_assert_null (imp->badge_name);
    g_assert_true (g_date_time_equal (imp->issued_on_date, when));
  }
}

static void
test_builders_missing (void)
{
  JlnOb2Issuer bad_issuer = issuer;
  JlnOb2BadgeClass bad_badge = badge;
  JlnOb2Assertion bad_assertion = { .key = "x", .recipient = "a@b.c" };   /* no issuedOn */
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  bad_issuer.url = NULL;
  node = jln_ob2_build_issuer (BASE, &bad_issuer, &error);
  g_assert_null (node);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL);
  g_assert_nonnull (strstr (error->message, "url"));
  g_clear_error (&error);

  bad_issuer = issuer;
  bad_issuer.key = "tours centre";
  node = jln_ob2_build_issuer (BASE, &bad_issuer, &error);
  g_assert_null (node);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL);
  g_clear_error (&error);

  bad_badge.criteria_narrative = NULL;
  node = jln_ob2_build_badge_class (BASE, &bad_badge, &issuer, &error);
  g_assert_null (node);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL);
  g_clear_error (&error);

  bad_badge = badge;
  bad_badge.image = "";
  node = jln_ob2_build_badge_class (BASE, &bad_badge, &issuer, &error);
  g_assert_null (node);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL);
  g_clear_error (&error);

  node = jln_ob2_build_assertion (BASE, &bad_assertion, &badge, &error);
  g_assert_null (node);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL);
}

static JlnOb2Import *
import_file (const char *name, JlnBakedFormat format)
{
  g_autoptr(GBytes) file = load_fixture (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnBakedCredential) baked = jln_bake_extract (file, &error);
  JlnOb2Import *imp;

  g_assert_no_error (error);
  g_assert_cmpint (baked->format, ==, format);
  g_assert_cmpint (baked->ob_version, ==, 2);
  imp = jln_ob2_import_baked (baked, &error);
  g_assert_no_error (error);
  return imp;
}

static void
test_import_badgr_png (void)
{
  g_autoptr(JlnOb2Import) imp = import_file ("ob2-badgr.png", JLN_BAKED_FORMAT_PNG);

  g_assert_false (imp->needs_network);
  g_assert_cmpstr (imp->assertion_id, ==, "https://badges.example.net/public/assertions/Qm7rT2xYbA4");
  g_assert_cmpstr (imp->badge_name, ==, "Premiers secours citoyens");
  g_assert_true (g_str_has_prefix (imp->badge_description, "Sait alerter les secours"));
  g_assert_cmpstr (imp->badge_image, ==, "https://badges.example.net/public/badges/Hq3pL9wVzKe/image");
  g_assert_cmpstr (imp->issuer_name, ==, "Association Relais Emploi Val-de-Loire");
  g_assert_cmpstr (imp->issuer_url, ==, "https://relais-emploi.example.org");
  g_assert_cmpstr (imp->criteria_url, ==, "https://badges.example.net/public/badges/Hq3pL9wVzKe/criteria");
  g_assert_nonnull (imp->criteria_narrative);
  g_assert_cmpstr (imp->issued_on, ==, "2023-11-07T14:02:11+00:00");
  g_assert_nonnull (imp->issued_on_date);
  g_assert_cmpint (g_date_time_get_year (imp->issued_on_date), ==, 2023);
  g_assert_true (imp->recipient_hashed);
  g_assert_cmpstr (imp->recipient_type, ==, "email");
  g_assert_cmpstr (imp->verification_type, ==, "HostedBadge");
  g_assert_false (imp->revoked);
}

static void
test_import_moodle_svg (void)
{
  g_autoptr(JlnOb2Import) imp = import_file ("ob2-moodle.svg", JLN_BAKED_FORMAT_SVG);

  g_assert_false (imp->needs_network);
  /* OB 1.0 style: no id, the verify URL stands for it */
  g_assert_cmpstr (imp->assertion_id, ==, "https://moodle.example.edu/badges/assertion.php?b=5d1f0b9c2e7a44b3a9e6c3f08d2b71aa");
  g_assert_cmpstr (imp->badge_id, ==, "https://moodle.example.edu/badges/badge_json.php?id=42");
  g_assert_null (imp->badge_name);      /* only a URL: nothing fetched */
  g_assert_null (imp->issuer_name);
  g_assert_cmpstr (imp->badge_image, ==, "https://moodle.example.edu/pluginfile.php/1/badges/userbadge/42/fr");
  g_assert_cmpstr (imp->issued_on, ==, "1694082600");
  g_assert_cmpint (g_date_time_to_unix (imp->issued_on_date), ==, 1694082600);
  g_assert_true (imp->recipient_hashed);
  g_assert_cmpstr (imp->verification_type, ==, "hosted");
}

static void
test_import_urls (void)
{
  static const struct { const char *file; JlnBakedFormat format; const char *url; } cases[] = {
    { "ob2-hosted-url.png", JLN_BAKED_FORMAT_PNG, "https://badges.example.net/public/assertions/Qm7rT2xYbA4" },
    { "ob2-hosted-url.svg", JLN_BAKED_FORMAT_SVG, "https://moodle.example.edu/badges/assertion.php?b=77" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JlnOb2Import) imp = import_file (cases[i].file, cases[i].format);

      g_assert_true (imp->needs_network);
      g_assert_cmpstr (imp->assertion_id, ==, cases[i].url);
      g_assert_null (imp->badge_name);
    }
}

static void
test_import_json_file (void)
{
  g_autoptr(GBytes) file = load_fixture ("ob2-moodle-assertion.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnBakedCredential) baked = jln_bake_extract (file, &error);

  g_assert_no_error (error);
  g_assert_cmpint (baked->format, ==, JLN_BAKED_FORMAT_JSON);
  g_assert_cmpint (baked->ob_version, ==, 2);
}

static void
test_import_bad (void)
{
  static const char *const bad[] = {
    "[]",
    "\"Assertion\"",
    "{\"type\":\"BadgeClass\",\"name\":\"x\"}",
    "{\"type\":\"Assertion\"}",                       /* no badge */
    "{\"type\":\"Assertion\",\"badge\":42,\"recipient\":[],\"issuedOn\":{}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (bad[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(JlnOb2Import) imp = jln_ob2_import_assertion (node, &error);

      if (i == 4)
        {
          /* Odd types are tolerated field by field: nothing is made up. */
          g_assert_no_error (error);
          g_assert_null (imp->badge_id);
          g_assert_null (imp->issued_on);
          g_assert_false (imp->recipient_hashed);
          continue;
        }
      g_assert_null (imp);
      g_assert_nonnull (error);
      g_assert_true (error->domain == JLN_OB_ERROR);
    }

  {
    JlnBakedCredential baked = { JLN_BAKED_FORMAT_PNG, 2, (char *) "{not json" };
    g_autoptr(GError) error = NULL;
    g_autoptr(JlnOb2Import) imp = jln_ob2_import_baked (&baked, &error);

    g_assert_null (imp);
    g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON);
  }

  {
    /* Hostile nesting is refused before json-glib recurses into it. */
    g_autofree char *deep = g_strnfill (100000, '[');
    JlnBakedCredential baked = { JLN_BAKED_FORMAT_PNG, 2, deep };
    g_autoptr(GError) error = NULL;
    g_autoptr(JlnOb2Import) imp = jln_ob2_import_baked (&baked, &error);

    g_assert_null (imp);
    g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ob2/urls", test_urls);
  g_test_add_func ("/ob2/hash", test_hash);
  g_test_add_func ("/ob2/builders", test_builders);
  g_test_add_func ("/ob2/builders-missing", test_builders_missing);
  g_test_add_func ("/ob2/import/badgr-png", test_import_badgr_png);
  g_test_add_func ("/ob2/import/moodle-svg", test_import_moodle_svg);
  g_test_add_func ("/ob2/import/urls", test_import_urls);
  g_test_add_func ("/ob2/import/json-file", test_import_json_file);
  g_test_add_func ("/ob2/import/bad", test_import_bad);

  return g_test_run ();
}
