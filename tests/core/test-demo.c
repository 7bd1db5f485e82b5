/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-test"

#include <string.h>
#include <sqlite3.h>

#include <glib/gstdio.h>

#include "store/jln-demo.h"

/* 2026-03-15 12:00 UTC: a pinned "today" so two builds can be compared. */
#define TODAY G_GINT64_CONSTANT (1773576000)

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        rm_rf (child);
      }
  g_remove (path);
}

/* Everything the demo decides, in a stable text form; leaves out what
 * depends on the wall clock (audit times, version creation times). */
static const char * const summary_queries[] = {
  "SELECT id, name FROM territories ORDER BY id",
  "SELECT id, name, territory_id, email FROM coaches ORDER BY id",
  "SELECT id, first_name, last_name, territory_id, coach_id, entry_date, email, consent_internal, "
  "consent_kiosk, consent_print, consent_online, archived, recipient_salt FROM participants ORDER BY id",
  "SELECT id, slug, status, current_version_id FROM badges ORDER BY id",
  "SELECT id, badge_id, version, name, easy_text, description, theme, kind, md5 FROM "
  "(SELECT *, length (image_svg) AS md5 FROM badge_versions) ORDER BY id",
  "SELECT badge_version_id, position, text, required FROM criteria ORDER BY badge_version_id, position",
  "SELECT id, participant_id, badge_version_id, coach_id, awarded_on, criteria_met, evidence_note, "
  "status, revoke_reason, credential_id, status_index FROM awards ORDER BY id",
};

static char *
summarise (const char *path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (summary_queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, summary_queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);
              g_string_append_printf (out, "%s|", text ? text : "∅");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
      g_string_append (out, "--\n");
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static char *
build_demo (const char *dir,
            const char *name,
            guint       n_participants,
            guint       n_awards,
            guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(JlnStore) store = jln_store_open (path, &error);
  JlnDemoOptions options = { n_participants, n_awards, seed, TODAY };

  g_assert_no_error (error);
  g_assert_true (jln_demo_build (store, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_participants (store)), ==, n_participants);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_territories (store)), ==, 12);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_coaches (store)), ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_badges (store)), ==, 15);
  g_clear_object (&store);
  return summarise (path);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

static void
test_deterministic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jalons-test-demo-XXXXXX", &error);
  g_autofree char *a = build_demo (dir, "a.db", 40, 150, 7);
  g_autofree char *b = build_demo (dir, "b.db", 40, 150, 7);
  g_autofree char *c = build_demo (dir, "c.db", 40, 150, 8);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_true (strstr (a, "Prendre un rendez-vous médical") != NULL);
  rm_rf (dir);
}

static void
test_plausible (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jalons-test-demo-XXXXXX", &error);
  g_autofree char *summary = build_demo (dir, "demo.db", 120, 400, 1);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);

  g_assert_cmpint (query_int (path, "SELECT count(*) FROM awards"), ==, 400);
  /* Never twice the same version for a person (active or not). */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM (SELECT participant_id, badge_version_id "
                                    "FROM awards GROUP BY 1, 2 HAVING count(*) > 1)"), ==, 0);
  /* After the entry date, never after "today". */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM awards a JOIN participants p "
                                    "ON p.id = a.participant_id WHERE a.awarded_on < p.entry_date"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM awards WHERE awarded_on > '2026-03-15T12:00:00Z'"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM awards WHERE awarded_on < '2024-09-01'"), ==, 0);
  /* Written in date order. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM awards a JOIN awards b ON b.id = a.id + 1 "
                                    "WHERE b.awarded_on < a.awarded_on"), ==, 0);
  /* No credentials yet; art present for every badge. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM awards WHERE credential IS NOT NULL"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM badge_versions "
                                    "WHERE image_svg IS NULL OR image_svg NOT LIKE '%<svg%'"), ==, 0);
  /* Some e-mails, most consents on. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM participants WHERE email IS NOT NULL"), >, 10);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM participants WHERE consent_internal"), >, 100);
  /* A named issuer, and no signing key yet: the service layer creates it. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM organisation "
                                    "WHERE name = 'Association Tremplin Nord' AND url LIKE 'https://%' "
                                    "AND signing_seed IS NULL"), ==, 1);
  rm_rf (dir);
}

static void
test_refusals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jalons-test-demo-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(JlnStore) store = jln_store_open (path, &error);
  JlnDemoOptions too_many = { 10, 1000, 1, TODAY };
  JlnDemoOptions small = { 5, 10, 1, TODAY };

  g_assert_no_error (error);
  g_assert_false (jln_demo_build (store, &too_many, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "at most"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_territories (store)), ==, 0);

  g_assert_true (jln_demo_build (store, &small, &error));
  g_assert_no_error (error);
  g_assert_false (jln_demo_build (store, &small, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_participants (store)), ==, 5);
  g_clear_object (&store);
  rm_rf (dir);
}

/* The demo names its issuer but leaves what was already set up alone: a
 * signing key (the service layer's) and the public address. */
static void
test_keeps_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jalons-test-demo-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(JlnStore) store = jln_store_open (path, &error);
  g_autoptr(GBytes) seed = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(JlnOrganisation) org = NULL;
  JlnDemoOptions small = { 5, 10, 1, TODAY };
  guint8 bytes[32];

  g_assert_no_error (error);
  memset (bytes, 7, sizeof bytes);
  seed = g_bytes_new (bytes, sizeof bytes);
  g_assert_true (jln_store_set_organisation_details (store, "Avant", NULL, NULL,
                                                     "https://badges.example.org", &error));
  g_assert_no_error (error);
  stored = jln_store_ensure_signing_seed (store, seed, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (jln_demo_build (store, &small, &error));
  g_assert_no_error (error);
  org = jln_store_get_organisation (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (org->name, ==, "Association Tremplin Nord");
  g_assert_cmpstr (org->public_base, ==, "https://badges.example.org");
  g_assert_nonnull (org->signing_seed);
  g_assert_true (g_bytes_equal (org->signing_seed, seed));
  g_clear_object (&store);
  rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/plausible", test_plausible);
  g_test_add_func ("/demo/refusals", test_refusals);
  g_test_add_func ("/demo/keeps-key", test_keeps_key);

  return g_test_run ();
}
