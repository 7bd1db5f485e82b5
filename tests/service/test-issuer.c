/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-test"

#include <stdarg.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "store/jln-demo.h"
#include "service/jln-issuer.h"
#include "openbadges/jln-bake.h"
#include "openbadges/jln-ob-json.h"
#include "openbadges/jln-proof.h"
#include "openbadges/jln-status-list.h"
#include "openbadges/jln-verify.h"

typedef struct {
  char *dir;
  char *out;
  char *path;
  JlnStore *store;
  JlnIssuer *issuer;
} Fixture;

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_chmod (path, 0755);
  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        rm_rf (child);
      }
  g_remove (path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JlnDemoOptions options = JLN_DEMO_OPTIONS_INIT;

  f->dir = g_dir_make_tmp ("jalons-test-issuer-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "jalons.db", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->out, 0755), ==, 0);
  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);
  options.n_participants = 10;
  options.n_awards = 20;
  g_assert_true (jln_demo_build (f->store, &options, &error));
  g_assert_no_error (error);
  f->issuer = jln_issuer_new (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->issuer);
  jln_issuer_set_actor (f->issuer, "Karim");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->issuer);
  g_clear_object (&f->store);
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->out);
  g_free (f->path);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static guint
count_audit (JlnStore   *store,
             const char *action)
{
  g_autoptr(GListModel) events = jln_store_list_audit_events (store, 0, NULL);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(JlnAuditEvent) e = g_list_model_get_item (events, i);

      if (action == NULL || g_strcmp0 (jln_audit_event_get_action (e), action) == 0)
        n++;
    }
  return n;
}

/* A participant (not archived) and a badge version they do not hold yet. */
static JlnAward *
new_award (Fixture *f,
           gboolean consent_online,
           const char *email)
{
  GListModel *people = jln_store_get_participants (f->store);
  GListModel *badges = jln_store_get_badges (f->store);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (people, i);
      g_autoptr(GListModel) held = jln_store_list_awards_for_participant (f->store, jln_participant_get_id (p), NULL);

      for (guint j = 0; j < g_list_model_get_n_items (badges); j++)
        {
          g_autoptr(JlnBadge) b = g_list_model_get_item (badges, j);
          gboolean taken = FALSE;

          for (guint k = 0; k < g_list_model_get_n_items (held); k++)
            {
              g_autoptr(JlnAward) a = g_list_model_get_item (held, k);

              if (jln_award_get_badge_version_id (a) == jln_badge_get_version_id (b))
                taken = TRUE;
            }
          if (taken)
            continue;
          jln_participant_set_consent_online (p, consent_online);
          jln_participant_set_email (p, email);
          g_assert_true (jln_store_update_participant (f->store, p, "Karim", &error));
          g_assert_no_error (error);
          return jln_award_new (jln_participant_get_id (p), jln_badge_get_version_id (b),
                                jln_participant_get_coach_id (p));
        }
    }
  g_assert_not_reached ();
}

static JlnAward *
award_signed (Fixture    *f,
              gboolean    consent_online,
              const char *email)
{
  g_autoptr(GError) error = NULL;
  JlnAward *award = new_award (f, consent_online, email);

  jln_award_set_evidence_note (award, "A pris rendez-vous seule au centre de santé.");
  jln_award_set_evidence_files (award, (const char *[]) { "/data/jalons/files/rdv-photo.jpg", NULL });
  /* The coach chose to put both in the badge. */
  jln_award_set_evidence_note_shared (award, TRUE);
  jln_award_set_evidence_files_shared (award, (const char *[]) { "/data/jalons/files/rdv-photo.jpg", NULL });
  g_assert_true (jln_issuer_award (f->issuer, award, "Karim", &error));
  g_assert_no_error (error);
  g_assert_nonnull (jln_award_get_credential (award));
  return award;
}

static JsonNode *
parse_bytes (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = jln_ob_parse_json (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);

  g_assert_no_error (error);
  return node;
}

/* The credential must hold no null, no empty string, no empty array. */
static void
assert_no_empties (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_assert_not_reached ();
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_assert_cmpstr (json_node_get_string (node), !=, "");
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *a = json_node_get_array (node);

        g_assert_cmpuint (json_array_get_length (a), >, 0);
        for (guint i = 0; i < json_array_get_length (a); i++)
          assert_no_empties (json_array_get_element (a, i));
      }
      break;
    case JSON_NODE_OBJECT:
      {
        JsonObject *o = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (o);

        g_assert_cmpuint (json_object_get_size (o), >, 0);
        for (GList *l = members; l != NULL; l = l->next)
          assert_no_empties (json_object_get_member (o, l->data));
      }
      break;
    default:
      break;
    }
}

static JlnVerifyReport *
verify (GBytes *bytes, const char *email, JsonNode *status_list)
{
  JlnVerifyOptions options = { 0 };

  options.email = email;
  options.status_list = status_list;
  return jln_verify_bytes (bytes, &options);
}

static void
assert_valid (JlnVerifyReport *report)
{
  if (report->verdict != JLN_VERIFY_VALID)
    {
      g_autofree char *line = jln_verify_report_to_line (report);

      for (guint i = 0; i < report->problems->len; i++)
        g_printerr ("# problem: %s\n", (char *) report->problems->pdata[i]);
      g_error ("not valid: %s", line);
    }
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* ------------------------------------------------------------------ */

static void
test_new (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnOrganisation) org = jln_store_get_organisation (f->store, &error);
  g_autoptr(JlnIssuer) again = NULL;
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (org->signing_seed);
  g_assert_cmpuint (g_bytes_get_size (org->signing_seed), ==, 32);
  g_assert_cmpstr (org->name, !=, "");
  g_assert_true (g_str_has_prefix (jln_issuer_get_id (f->issuer), "did:key:z6Mk"));

  /* Second start: same key, nothing rewritten. */
  again = jln_issuer_new (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jln_issuer_get_id (again), ==, jln_issuer_get_id (f->issuer));

  url = jln_issuer_dup_status_list_url (f->issuer);
  g_assert_true (g_str_has_prefix (url, JLN_ISSUER_PLACEHOLDER_STATUS_BASE "z6Mk"));
  g_assert_true (g_str_has_suffix (url, "/revocation"));
  path = jln_issuer_dup_status_list_path (f->issuer);
  g_assert_true (g_str_has_suffix (path, G_DIR_SEPARATOR_S "public" G_DIR_SEPARATOR_S "status"
                                         G_DIR_SEPARATOR_S "revocation.json"));
}

static void
test_award_verifies (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JlnAward) award = award_signed (f, TRUE, NULL);
  g_autoptr(JlnAward) with_email = award_signed (f, TRUE, "Amina.K@Example.org");
  g_autoptr(JlnAward) stored = NULL;
  g_autoptr(JlnVerifyReport) report = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *cred, *subject, *achievement, *identity, *status;
  const char *text;

  report = verify (jln_award_get_credential (award), NULL, NULL);
  assert_valid (report);
  g_assert_cmpint (report->ob_version, ==, 3);
  g_assert_cmpint (report->status, ==, JLN_VERIFY_STATUS_UNKNOWN);
  g_assert_cmpstr (report->credential_id, ==, jln_award_get_credential_id (award));
  g_assert_cmpstr (report->issuer_id, ==, jln_issuer_get_id (f->issuer));
  g_assert_cmpstr (report->achievement_name, ==, jln_award_get_badge_name (award));
  g_clear_pointer (&report, jln_verify_report_free);

  /* Compact JSON, nothing empty, the expected shape. */
  text = g_bytes_get_data (jln_award_get_credential (award), NULL);
  g_assert_null (memchr (text, '\n', g_bytes_get_size (jln_award_get_credential (award))));
  node = parse_bytes (jln_award_get_credential (award));
  assert_no_empties (node);
  cred = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (cred, "name"), ==, jln_award_get_badge_name (award));
  subject = json_object_get_object_member (cred, "credentialSubject");
  identity = json_array_get_object_element (json_object_get_array_member (subject, "identifier"), 0);
  g_assert_cmpstr (json_object_get_string_member (identity, "identityType"), ==, "identifier");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (identity, "identityHash"), "sha256$"));
  achievement = json_object_get_object_member (subject, "achievement");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (achievement, "id"), "urn:uuid:"));
  g_assert_cmpstr (json_object_get_string_member (achievement, "inLanguage"), ==, "fr");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_object_get_object_member (achievement, "image"), "id"),
                                   "data:image/svg+xml;base64,"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_object_get_object_member (achievement, "criteria"), "narrative"),
                                   "- "));
  g_assert_true (json_object_has_member (achievement, "tag"));
  g_assert_true (json_object_has_member (cred, "evidence"));
  {
    g_autofree char *evidence = json_to_string (json_object_get_member (cred, "evidence"), FALSE);

    /* Named neutrally: the coach's file name often holds the person's. */
    g_assert_nonnull (strstr (evidence, "\"evidence-1.jpg\""));
    g_assert_null (strstr (evidence, "rdv-photo"));
    g_assert_null (strstr (evidence, "/data/jalons"));
  }
  status = json_object_get_object_member (cred, "credentialStatus");
  g_assert_nonnull (status);
  {
    g_autofree char *index = g_strdup_printf ("%u", jln_award_get_status_index (award));
    g_autofree char *url = jln_issuer_dup_status_list_url (f->issuer);

    g_assert_cmpstr (json_object_get_string_member (status, "statusListIndex"), ==, index);
    g_assert_cmpstr (json_object_get_string_member (status, "statusListCredential"), ==, url);
  }

  /* The same badge version always has the same achievement id. */
  {
    g_autoptr(JsonNode) other = parse_bytes (jln_award_get_credential (with_email));
    JsonObject *a2 = json_object_get_object_member (json_object_get_object_member (json_node_get_object (other),
                                                                                   "credentialSubject"),
                                                    "achievement");

    if (jln_award_get_badge_version_id (with_email) == jln_award_get_badge_version_id (award))
      g_assert_cmpstr (json_object_get_string_member (a2, "id"), ==,
                       json_object_get_string_member (achievement, "id"));
    else
      g_assert_cmpstr (json_object_get_string_member (a2, "id"), !=,
                       json_object_get_string_member (achievement, "id"));
  }

  /* E-mail recipients: checked by the verifier, case and spaces aside. */
  report = verify (jln_award_get_credential (with_email), " amina.k@example.org", NULL);
  assert_valid (report);
  g_assert_cmpint (report->recipient, ==, JLN_VERIFY_RECIPIENT_MATCH);
  g_clear_pointer (&report, jln_verify_report_free);
  report = verify (jln_award_get_credential (with_email), "someone.else@example.org", NULL);
  g_assert_cmpint (report->recipient, ==, JLN_VERIFY_RECIPIENT_MISMATCH);
  g_assert_cmpint (report->verdict, ==, JLN_VERIFY_INVALID);
  g_clear_pointer (&report, jln_verify_report_free);

  /* What was sealed is what was stored. */
  stored = jln_store_get_award (f->store, jln_award_get_id (award), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (jln_award_get_credential (stored), jln_award_get_credential (award)));
}

static void
test_public_base (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnOrganisation) org = jln_store_get_organisation (f->store, &error);
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JlnBadge) badge = NULL;
  g_autoptr(JlnVerifyReport) report = NULL;
  g_autofree char *expected = NULL;
  JsonObject *cred;

  g_free (org->public_base);
  org->public_base = g_strdup ("https://badges.example.org/");
  g_assert_true (jln_store_set_organisation (f->store, org, NULL, &error));
  g_assert_no_error (error);

  award = award_signed (f, TRUE, NULL);
  report = verify (jln_award_get_credential (award), NULL, NULL);
  assert_valid (report);
  badge = jln_store_get_badge_version (f->store, jln_award_get_badge_version_id (award), &error);
  g_assert_no_error (error);
  node = parse_bytes (jln_award_get_credential (award));
  cred = json_node_get_object (node);
  expected = g_strdup_printf ("https://badges.example.org/achievements/%s/v%u",
                              jln_badge_get_slug (badge), jln_badge_get_version (badge));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (cred, "credentialSubject"),
                                                                                 "achievement"), "id"),
                   ==, expected);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (cred, "credentialStatus"),
                                                  "statusListCredential"),
                   ==, "https://badges.example.org/status/revocation");
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JlnAward) award = award_signed (f, TRUE, NULL);
  const char *formats[] = { "png", "svg", "json" };
  g_autofree char *first_png = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JlnVerifyReport) report = NULL;
      g_autofree char *path = NULL;
      g_autofree char *base = NULL;
      JlnExportFormat format;

      g_assert_true (jln_export_format_from_string (formats[i], &format));
      g_assert_true (jln_issuer_export_award (f->issuer, jln_award_get_id (award), format, f->out,
                                              FALSE, &path, &error));
      g_assert_no_error (error);
      g_assert_true (g_str_has_suffix (path, formats[i]));
      base = g_path_get_basename (path);
      g_assert_null (strpbrk (base, " /\\:*?\"<>|"));
      g_assert_null (strstr (base, "--"));
      bytes = read_bytes (path);
      report = verify (bytes, NULL, NULL);
      assert_valid (report);
      g_assert_cmpint (report->format, ==, (int) (JLN_VERIFY_FORMAT_PNG + i));
      if (format == JLN_EXPORT_FORMAT_PNG)
        first_png = g_strdup (path);
      if (format == JLN_EXPORT_FORMAT_JSON)
        g_assert_true (g_bytes_equal (bytes, jln_award_get_credential (award)));
    }
  g_assert_cmpuint (count_files (f->out), ==, 3);

  /* Same award again: a new name, the first file untouched. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) before = read_bytes (first_png);
    g_autoptr(GBytes) after = NULL;
    g_autofree char *second = NULL;
    g_autofree char *stem = g_strndup (first_png, strlen (first_png) - strlen (".png"));
    g_autofree char *expected = g_strconcat (stem, "-2.png", NULL);

    g_assert_true (jln_issuer_export_award (f->issuer, jln_award_get_id (award), JLN_EXPORT_FORMAT_PNG,
                                            f->out, FALSE, &second, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (second, ==, expected);
    after = read_bytes (first_png);
    g_assert_true (g_bytes_equal (before, after));
  }
  g_assert_cmpuint (count_files (f->out), ==, 4);

  /* The real command-line verifier agrees. */
  {
    const char *cli = g_getenv ("JALONS_CLI");
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status = 0;

    if (cli == NULL)
      {
        g_test_message ("JALONS_CLI not set: CLI check skipped");
        return;
      }
    const char *argv[] = { cli, "verify", first_png, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_printerr ("# jalons-cli verify: %s", out);
    g_assert_true (g_spawn_check_wait_status (status, &error));
    g_assert_no_error (error);
  }
}

static void
test_file_name (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JlnAward) award = award_signed (f, TRUE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) local = NULL;
  JlnParticipant *live = jln_store_lookup_participant (f->store, jln_award_get_participant_id (award));

  jln_participant_set_first_name (live, "Élodie  Marie");
  jln_participant_set_last_name (live, "D'Arc/Test: \"x\" <y>|z?*\\");
  g_assert_true (jln_store_update_participant (f->store, live, "Karim", &error));
  g_assert_no_error (error);

  g_assert_true (jln_issuer_export_award (f->issuer, jln_award_get_id (award), JLN_EXPORT_FORMAT_JSON,
                                          f->out, FALSE, &path, &error));
  g_assert_no_error (error);
  base = g_path_get_basename (path);
  g_printerr ("# exported as %s\n", base);
  g_assert_true (g_str_has_prefix (base, "Élodie-Marie-D'Arc-Test-x-y-z-"));
  local = g_date_time_to_local (jln_award_get_awarded_on (award));
  date = g_date_time_format (local, "%Y-%m-%d");
  g_assert_nonnull (strstr (base, date));
  g_assert_true (g_str_has_suffix (base, ".json"));
  g_assert_null (strstr (base, "--"));
  g_assert_null (strpbrk (base, " /\\:*?\"<>|"));
  g_assert_true (g_utf8_validate (base, -1, NULL));
}

/* Flips @byte at @pos of a copy of @data. */
static GBytes *
flipped (GBytes *data,
         gsize   pos,
         guint8  mask)
{
  gsize len;
  const guint8 *orig = g_bytes_get_data (data, &len);
  guint8 *copy = g_memdup2 (orig, len);

  copy[pos] ^= mask;
  return g_bytes_new_take (copy, len);
}

static gboolean
find (GBytes *hay, const char *needle, gsize *out)
{
  gsize len, nlen = strlen (needle);
  const guint8 *p = g_bytes_get_data (hay, &len);

  for (gsize i = 0; i + nlen <= len; i++)
    if (memcmp (p + i, needle, nlen) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static void
test_tamper (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JlnAward) award = award_signed (f, TRUE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *svg_path = NULL;
  g_autofree char *png_path = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) png = NULL;
  GBytes *credential = jln_award_get_credential (award);
  gsize len = g_bytes_get_size (credential);
  gsize start, end, chunk;
  guint n_checked = 0;
  const guint8 masks[] = { 0x01, 0x02, 0x20 };

  g_assert_true (jln_issuer_export_award (f->issuer, jln_award_get_id (award), JLN_EXPORT_FORMAT_SVG,
                                          f->out, FALSE, &svg_path, &error));
  g_assert_no_error (error);
  g_assert_true (jln_issuer_export_award (f->issuer, jln_award_get_id (award), JLN_EXPORT_FORMAT_PNG,
                                          f->out, FALSE, &png_path, &error));
  g_assert_no_error (error);
  svg = read_bytes (svg_path);
  png = read_bytes (png_path);

  /* The credential text as baked in the SVG (JSON inside CDATA). */
  g_assert_true (find (svg, "{\"@context\"", &start));
  g_assert_true (find (svg, "]]>", &end));
  g_assert_cmpuint (end - start, ==, len);

  /* Every position of the first 200 bytes, then a stride over the rest
   * (the data: image alone is kilobytes of base64). */
  for (gsize pos = 0; pos < len; pos += pos < 200 ? 1 : 37)
    {
      g_autoptr(GBytes) bad_json = flipped (credential, pos, masks[pos % G_N_ELEMENTS (masks)]);
      g_autoptr(GBytes) bad_svg = flipped (svg, start + pos, masks[pos % G_N_ELEMENTS (masks)]);
      g_autoptr(JlnVerifyReport) r1 = verify (bad_json, NULL, NULL);
      g_autoptr(JlnVerifyReport) r2 = verify (bad_svg, NULL, NULL);

      if (r1->verdict == JLN_VERIFY_VALID || r2->verdict == JLN_VERIFY_VALID)
        g_error ("flipping byte %" G_GSIZE_FORMAT " ('%c') went unnoticed", pos,
                 ((const char *) g_bytes_get_data (credential, NULL))[pos]);
      n_checked += 2;
    }

  /* PNG: inside the iTXt chunk (keyword, text, CRC) — the CRC catches
   * it, and so would the signature. */
  g_assert_true (find (png, JLN_BAKE_PNG_KEYWORD_OB3, &chunk));
  for (gsize pos = chunk; pos < chunk + strlen (JLN_BAKE_PNG_KEYWORD_OB3) + len + 5 + 4; pos += 13)
    {
      g_autoptr(GBytes) bad_png = flipped (png, pos, 0x01);
      g_autoptr(JlnVerifyReport) r = verify (bad_png, NULL, NULL);

      g_assert_cmpint (r->verdict, !=, JLN_VERIFY_VALID);
      n_checked++;
    }
  g_printerr ("# %u tampered copies, all refused\n", n_checked);
}

static GBytes *
failing_seal (JlnAward  *award,
              gpointer   issuer,
              GError   **error)
{
  g_autoptr(GBytes) real = jln_issuer_seal_award (award, issuer, error);

  g_assert_nonnull (real);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "simulated: disk full");
  return NULL;
}

static void
test_seal_failure (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JlnAward) award = new_award (f, TRUE, NULL);
  g_autoptr(JlnAward) unsaved = new_award (f, TRUE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = jln_store_list_award_ids (f->store, NULL);
  g_autoptr(GArray) after = NULL;
  guint audits = count_audit (f->store, NULL);

  g_assert_false (jln_store_add_award (f->store, award, "Karim", failing_seal, f->issuer, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  after = jln_store_list_award_ids (f->store, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpuint (count_audit (f->store, NULL), ==, audits);
  g_assert_cmpint (jln_award_get_id (award), ==, 0);

  /* The seal itself refuses an award that was never saved. */
  g_assert_null (jln_issuer_seal_award (unsaved, f->issuer, &error));
  g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_FAILED);
}

static void
test_revoke (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JlnAward) revoked = award_signed (f, TRUE, NULL);
  g_autoptr(JlnAward) active = award_signed (f, TRUE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = jln_issuer_dup_status_list_path (f->issuer);
  g_autofree char *url = jln_issuer_dup_status_list_url (f->issuer);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JlnProofResult) proof = NULL;
  g_autoptr(JlnStatusList) bits = NULL;
  g_autoptr(JlnVerifyReport) r1 = NULL;
  g_autoptr(JlnVerifyReport) r2 = NULL;
  g_autofree char *out = NULL;
  g_autofree char *method = g_strconcat (jln_issuer_get_id (f->issuer), "#",
                                         jln_issuer_get_id (f->issuer) + strlen ("did:key:"), NULL);
  JsonObject *subject;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (jln_issuer_revoke_award (f->issuer, jln_award_get_id (revoked), "", "Karim", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (jln_issuer_revoke_award (f->issuer, jln_award_get_id (revoked), "Attribué par erreur.",
                                          "Karim", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  file = read_bytes (path);
  list = parse_bytes (file);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (list), "id"), ==, url);
  proof = jln_proof_verify (list, NULL);
  g_assert_cmpint (proof->status, ==, JLN_PROOF_VALID);
  g_assert_cmpstr (proof->verification_method, ==, method);
  subject = json_object_get_object_member (json_node_get_object (list), "credentialSubject");
  bits = jln_status_list_decode (json_object_get_string_member (subject, "encodedList"), &error);
  g_assert_no_error (error);
  g_assert_true (jln_status_list_is_set (bits, jln_award_get_status_index (revoked)));
  g_assert_false (jln_status_list_is_set (bits, jln_award_get_status_index (active)));

  r1 = verify (jln_award_get_credential (revoked), NULL, list);
  g_assert_cmpint (r1->status, ==, JLN_VERIFY_STATUS_REVOKED);
  g_assert_cmpint (r1->verdict, ==, JLN_VERIFY_INVALID);
  r2 = verify (jln_award_get_credential (active), NULL, list);
  g_assert_cmpint (r2->status, ==, JLN_VERIFY_STATUS_ACTIVE);
  assert_valid (r2);

  /* Withdrawn: no export, no (re)issue. */
  g_assert_false (jln_issuer_export_award (f->issuer, jln_award_get_id (revoked), JLN_EXPORT_FORMAT_PNG,
                                           f->out, TRUE, &out, &error));
  g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_REVOKED);
  g_clear_error (&error);
  g_assert_null (out);
  g_assert_cmpuint (count_files (f->out), ==, 0);

  /* publish elsewhere: same content, folders created. */
  {
    g_autofree char *other = g_build_filename (f->dir, "site", "status", "revocation.json", NULL);
    g_autoptr(GBytes) again = NULL;
    g_autoptr(JsonNode) node = NULL;

    g_assert_true (jln_issuer_publish_status_list (f->issuer, other, &error));
    g_assert_no_error (error);
    again = read_bytes (other);
    node = parse_bytes (again);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (node),
                                                                                   "credentialSubject"),
                                                    "encodedList"),
                     ==, json_object_get_string_member (subject, "encodedList"));
  }
}

static void
test_consent (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JlnAward) award = award_signed (f, FALSE, NULL);
  g_autoptr(JlnParticipant) p = jln_store_get_participant (f->store, jln_award_get_participant_id (award), NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(JlnAuditEvent) last = NULL;
  guint before = count_audit (f->store, "export.consent-confirmed");

  g_assert_false (jln_issuer_export_award (f->issuer, jln_award_get_id (award), JLN_EXPORT_FORMAT_PNG,
                                           f->out, FALSE, &path, &error));
  g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_CONSENT_REQUIRED);
  g_assert_nonnull (strstr (error->message, jln_participant_get_display_name (p)));
  g_clear_error (&error);
  g_assert_null (path);
  g_assert_cmpuint (count_files (f->out), ==, 0);
  g_assert_cmpuint (count_audit (f->store, "export.consent-confirmed"), ==, before);

  g_assert_true (jln_issuer_export_award (f->issuer, jln_award_get_id (award), JLN_EXPORT_FORMAT_PNG,
                                          f->out, TRUE, &path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_audit (f->store, "export.consent-confirmed"), ==, before + 1);
  events = jln_store_list_audit_events (f->store, 1, NULL);
  last = g_list_model_get_item (events, 0);
  g_assert_cmpstr (jln_audit_event_get_action (last), ==, "export.consent-confirmed");
  g_assert_cmpstr (jln_audit_event_get_actor (last), ==, "Karim");
}

/* A full disk says so (not "cannot write in the folder"), and leaves no
 * file behind. A file-size limit stands for the full disk: it works for
 * root too. Nothing else is written meanwhile (the award is signed and the
 * participant agreed, so the export journals nothing). */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JlnAward) award = award_signed (f, TRUE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  struct rlimit before, small = { 1024, 1024 };
  gboolean ok;
  void (*old_handler) (int);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &before), ==, 0);
  small.rlim_max = before.rlim_max;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  ok = jln_issuer_export_award (f->issuer, jln_award_get_id (award), JLN_EXPORT_FORMAT_PNG,
                                f->out, TRUE, &path, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &before), ==, 0);
  signal (SIGXFSZ, old_handler);

  g_assert_false (ok);
  g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "full"));
  g_assert_null (path);
  g_assert_cmpuint (count_files (f->out), ==, 0);
}

static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JlnAward) award = award_signed (f, TRUE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "nowhere", NULL);
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *a_file = g_build_filename (f->dir, "jalons.db", NULL);

  g_assert_false (jln_issuer_export_award (f->issuer, jln_award_get_id (award), JLN_EXPORT_FORMAT_PNG,
                                           missing, FALSE, &path, &error));
  g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_false (jln_issuer_export_award (f->issuer, jln_award_get_id (award), JLN_EXPORT_FORMAT_PNG,
                                           a_file, FALSE, &path, &error));
  g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_IO);
  g_clear_error (&error);
  g_assert_null (path);

  g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
  if (access (locked, W_OK) == 0)
    {
      /* Root ignores folder permissions; /proc refuses new files to anyone. */
      g_test_message ("folder permissions are not enforced here: trying /proc instead");
      g_assert_false (jln_issuer_export_award (f->issuer, jln_award_get_id (award), JLN_EXPORT_FORMAT_JSON,
                                               "/proc", FALSE, &path, &error));
      g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_IO);
      g_printerr ("# %s\n", error->message);
      g_clear_error (&error);
      g_assert_null (path);
      return;
    }
  g_assert_false (jln_issuer_export_award (f->issuer, jln_award_get_id (award), JLN_EXPORT_FORMAT_JSON,
                                           locked, FALSE, &path, &error));
  g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_IO);
  g_printerr ("# %s\n", error->message);
  g_clear_error (&error);
  g_assert_null (path);
  g_assert_cmpuint (count_files (locked), ==, 0);

  /* Status list into a read-only place: refused, nothing written. */
  {
    g_autofree char *target = g_build_filename (locked, "status", "revocation.json", NULL);

    g_assert_false (jln_issuer_publish_status_list (f->issuer, target, &error));
    g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_IO);
    g_clear_error (&error);
    g_assert_cmpuint (count_files (locked), ==, 0);
  }
}

static void
test_missing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_null (jln_issuer_issue_award (f->issuer, 987654, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (jln_issuer_issue_award (f->issuer, -1, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (jln_issuer_export_award (f->issuer, 987654, JLN_EXPORT_FORMAT_JSON, f->out, TRUE,
                                           &path, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (jln_issuer_revoke_award (f->issuer, 987654, "raison", "Karim", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (count_files (f->out), ==, 0);
  g_assert_false (jln_export_format_from_string ("gif", NULL));
  g_assert_false (jln_export_format_from_string (NULL, NULL));
}

static void
test_demo_issue (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = jln_store_list_award_ids (f->store, &error);
  guint issued = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(JlnAward) before = jln_store_get_award (f->store, id, &error);
      g_autoptr(JlnAward) after = NULL;
      g_autoptr(GBytes) credential = NULL;
      g_autoptr(GBytes) again = NULL;
      g_autoptr(JlnVerifyReport) report = NULL;

      g_assert_no_error (error);
      g_assert_null (jln_award_get_credential (before));
      credential = jln_issuer_issue_award (f->issuer, id, &error);
      if (jln_award_get_status (before) == JLN_AWARD_STATUS_REVOKED)
        {
          g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_REVOKED);
          g_clear_error (&error);
          continue;
        }
      g_assert_no_error (error);
      after = jln_store_get_award (f->store, id, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (credential, jln_award_get_credential (after)));
      report = verify (credential, NULL, NULL);
      assert_valid (report);
      /* Issued once: asking again returns the same signed bytes. */
      again = jln_issuer_issue_award (f->issuer, id, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (credential, again));
      issued++;
    }
  g_printerr ("# %u demo awards issued and verified\n", issued);
  g_assert_cmpuint (issued, >, 0);
}

/* Runs jalons-cli; returns its exit status. */
static int
run_cli (const char  *cli,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) cli);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  const char *cli = g_getenv ("JALONS_CLI");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *list_path = g_build_filename (f->dir, "revocation.json", NULL);
  g_autofree char *bad_dir = g_build_filename (f->dir, "jalons.db", "sub", NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) ids = jln_store_list_award_ids (f->store, NULL);
  guint n_active = 0, n_files = 0;

  /* meson test sets it (tests/service/meson.build). */
  g_assert_nonnull (cli);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JlnAward) a = jln_store_get_award (f->store, g_array_index (ids, gint64, i), NULL);

      n_active += jln_award_get_status (a) == JLN_AWARD_STATUS_ACTIVE;
    }

  g_assert_cmpint (run_cli (cli, &out, &err, "issue", "--award", "987654", "--database", f->path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "987654"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (cli, &out, &err, "issue", "--award", "abc", "--database", f->path, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (cli, &out, &err, "issue", "--all", "--database", f->path, NULL), ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n_active);
  g_clear_pointer (&lines, g_strfreev);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (cli, &out, &err, "export", "--all", "--format", "json", "-o", f->out,
                            "--database", f->path, NULL), ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_autoptr(GBytes) bytes = read_bytes (lines[i]);
      g_autoptr(JlnVerifyReport) report = verify (bytes, NULL, NULL);

      assert_valid (report);
      n_files++;
    }
  g_printerr ("# cli export: %u files; stderr: %s", n_files, err);
  g_assert_cmpuint (n_files, ==, count_files (f->out));
  g_assert_cmpuint (n_files, <=, n_active);
  g_clear_pointer (&lines, g_strfreev);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --confirm-consent exports the rest and journals each person's answer. */
  g_assert_cmpint (run_cli (cli, &out, &err, "export", "--all", "--format", "json", "-o", f->out,
                            "--confirm-consent", "--database", f->path, NULL), ==, 0);
  g_assert_cmpuint (count_files (f->out), ==, n_files + n_active);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (cli, &out, &err, "export", "--all", "--format", "gif", "-o", f->out,
                            "--database", f->path, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (cli, &out, &err, "export", "--all", "--format", "png", "-o", bad_dir,
                            "--database", f->path, NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (cli, &out, &err, "export", "--participant", "987654", "--format", "png",
                            "-o", f->out, "--database", f->path, NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (cli, &out, &err, "status-list", "-o", list_path, "--database", f->path, NULL), ==, 0);
  {
    g_autoptr(GBytes) bytes = read_bytes (list_path);
    g_autoptr(JsonNode) node = parse_bytes (bytes);
    g_autoptr(JlnProofResult) proof = jln_proof_verify (node, NULL);

    g_assert_cmpint (proof->status, ==, JLN_PROOF_VALID);
  }
}

static void
test_bench_seal (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JlnAward) award = award_signed (f, TRUE, NULL);
  const guint n = g_test_slow () ? 200 : 30;
  gint64 start = g_get_monotonic_time ();
  gsize size = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) credential = jln_issuer_seal_award (award, f->issuer, &error);

      g_assert_no_error (error);
      size = g_bytes_get_size (credential);
    }
  g_printerr ("# seal one award: %" G_GINT64_FORMAT " µs (mean of %u), credential %" G_GSIZE_FORMAT " bytes\n",
              (g_get_monotonic_time () - start) / n, n, size);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("JALONS_DATABASE", "/nonexistent/never-used.db", TRUE);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/service/issuer/new", test_new);
  ADD ("/service/issuer/award-verifies", test_award_verifies);
  ADD ("/service/issuer/public-base", test_public_base);
  ADD ("/service/issuer/export", test_export);
  ADD ("/service/issuer/file-name", test_file_name);
  ADD ("/service/issuer/tamper", test_tamper);
  ADD ("/service/issuer/seal-failure", test_seal_failure);
  ADD ("/service/issuer/revoke", test_revoke);
  ADD ("/service/issuer/consent", test_consent);
  ADD ("/service/issuer/unwritable", test_unwritable);
  ADD ("/service/issuer/disk-full", test_disk_full);
  ADD ("/service/issuer/missing", test_missing);
  ADD ("/service/issuer/demo-issue", test_demo_issue);
  ADD ("/service/issuer/cli", test_cli);
  ADD ("/service/issuer/bench-seal", test_bench_seal);
#undef ADD
  return g_test_run ();
}
