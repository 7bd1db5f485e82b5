/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-test"

#include <string.h>
#include <sqlite3.h>

#include <glib/gstdio.h>

#include "store/jln-store.h"

typedef struct {
  char *dir;
  char *path;
  JlnStore *store;
} Fixture;

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

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("jalons-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "jalons.db", NULL);
  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
count_rows (const char *path,
            const char *table)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static void
bump (gpointer counter)
{
  (*(guint *) counter)++;
}

/* A small programme: one territory, one coach, one badge, one participant. */
typedef struct {
  JlnTerritory *territory;
  JlnCoach *coach;
  JlnBadge *badge;
  JlnParticipant *amina;
} Seed;

static void
seed_clear (Seed *s)
{
  g_clear_object (&s->territory);
  g_clear_object (&s->coach);
  g_clear_object (&s->badge);
  g_clear_object (&s->amina);
}

static void
seed (JlnStore *store,
      Seed     *s)
{
  g_autoptr(GError) error = NULL;

  s->territory = jln_territory_new ("Roubaix");
  g_assert_true (jln_store_add_territory (store, s->territory, NULL, &error));
  g_assert_no_error (error);
  s->coach = jln_coach_new ("Karim Benali");
  jln_coach_set_territory_id (s->coach, jln_territory_get_id (s->territory));
  g_assert_true (jln_store_add_coach (store, s->coach, NULL, &error));
  g_assert_no_error (error);
  s->badge = jln_badge_new ("budget-tenir", "Tenir son budget");
  jln_badge_set_theme (s->badge, "Budget");
  jln_badge_set_status (s->badge, JLN_BADGE_STATUS_ACTIVE);
  jln_badge_add_criterion (s->badge, "Noter ses ressources", TRUE);
  jln_badge_add_criterion (s->badge, "Noter ses dépenses", TRUE);
  g_assert_true (jln_store_add_badge (store, s->badge, "Karim", &error));
  g_assert_no_error (error);
  s->amina = jln_participant_new ("Amina", "Kaci");
  jln_participant_set_territory_id (s->amina, jln_territory_get_id (s->territory));
  jln_participant_set_coach_id (s->amina, jln_coach_get_id (s->coach));
  g_assert_true (jln_store_add_participant (store, s->amina, "Karim", &error));
  g_assert_no_error (error);
}

static JlnAward *
award_for (Seed *s)
{
  return jln_award_new (jln_participant_get_id (s->amina),
                        jln_badge_get_version_id (s->badge),
                        jln_coach_get_id (s->coach));
}

/* ------------------------------------------------------------------ */

static void
test_fresh_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jalons-test-store-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "deep", "er", "jalons.db", NULL);
  g_autoptr(JlnStore) store = jln_store_open (path, &error);
  g_autofree char *mode = NULL;
  g_autofree char *app_id = NULL;
  g_autoptr(JlnOrganisation) org = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (jln_store_get_schema_version (store), ==, jln_store_latest_schema_version ());
  g_assert_cmpint (jln_store_latest_schema_version (), >=, 2);
  g_assert_null (jln_store_get_backup_path (store));
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_participants (store)), ==, 0);
  mode = query_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  app_id = query_text (path, "PRAGMA application_id");
  g_assert_cmpstr (app_id, ==, "1246514771");

  org = jln_store_get_organisation (store, &error);
  g_assert_no_error (error);
  g_assert_null (org->signing_seed);

  g_clear_object (&store);
  /* Reopening a current database is no migration: no backup. */
  store = jln_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (jln_store_get_backup_path (store));
  g_clear_object (&store);
  rm_rf (dir);
}

static void
test_default_path (void)
{
  g_autofree char *path = NULL;
  g_autofree char *old = g_strdup (g_getenv ("JALONS_DATABASE"));

  g_setenv ("JALONS_DATABASE", "/tmp/elsewhere/j.db", TRUE);
  path = jln_store_default_path ();
  g_assert_cmpstr (path, ==, "/tmp/elsewhere/j.db");
  g_free (path);
  g_unsetenv ("JALONS_DATABASE");
  path = jln_store_default_path ();
  g_assert_true (g_str_has_suffix (path, "/jalons/jalons.db"));
  if (old != NULL)
    g_setenv ("JALONS_DATABASE", old, TRUE);
}

static void
test_migration_from_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jalons-test-store-XXXXXX", &error);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "core", "fixtures",
                                                    "jalons-v1.db", NULL);
  g_autofree char *path = g_build_filename (dir, "jalons.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *backup_version = NULL;
  g_autofree char *next_index = NULL;
  g_autoptr(JlnStore) store = NULL;
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(GListModel) awards = NULL;
  JlnParticipant *amina, *emilie;
  JlnBadge *badge;
  gsize length;
  const char *backup;

  /* The fixture is in the tree: failing to read it is a failure. */
  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  store = jln_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jln_store_get_schema_version (store), ==, jln_store_latest_schema_version ());
  /* It holds a revocation, and nothing says its list file was up to date:
   * migration 7 marks the list due. */
  {
    gint64 due = 0, published = -1;

    g_assert_true (jln_store_get_status_list_generations (store, &due, &published, &error));
    g_assert_no_error (error);
    g_assert_cmpint (due, >, published);
  }

  backup = jln_store_get_backup_path (store);
  g_assert_nonnull (backup);
  g_assert_true (g_str_has_prefix (backup, path));
  g_assert_true (strstr (backup, ".bak-v1-") != NULL);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  backup_version = query_text (backup, "PRAGMA user_version");
  g_assert_cmpstr (backup_version, ==, "1");
  g_assert_cmpint (count_rows (backup, "awards"), ==, 2);

  /* Data preserved; the archived participant stays out of the list. */
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_participants (store)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_territories (store)), ==, 2);
  amina = jln_store_lookup_participant (store, 1);
  emilie = jln_store_lookup_participant (store, 2);
  g_assert_nonnull (amina);
  g_assert_cmpstr (jln_participant_get_display_name (amina), ==, "Amina K.");
  g_assert_cmpstr (jln_participant_get_territory_name (amina), ==, "Roubaix");
  g_assert_cmpstr (jln_participant_get_coach_name (amina), ==, "Karim Benali");
  g_assert_cmpuint (jln_participant_get_badge_count (amina), ==, 1);
  g_assert_cmpuint (jln_participant_get_badge_count (emilie), ==, 0); /* revoked */
  g_assert_null (jln_store_lookup_participant (store, 3));
  badge = jln_store_lookup_badge (store, 1);
  g_assert_nonnull (badge);
  g_assert_cmpuint (jln_badge_get_holder_count (badge), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (jln_badge_get_criteria (badge)), ==, 2);
  /* Sorted by folded first name: Amina before Émilie. */
  {
    g_autoptr(JlnParticipant) first = g_list_model_get_item (jln_store_get_participants (store), 0);
    g_assert_true (first == amina);
  }

  awards = jln_store_list_awards_for_participant (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (awards), ==, 1);

  /* Migration 2's counter continues after the fixture's indices. */
  next_index = query_text (path, "SELECT next_status_index FROM organisation");
  g_assert_cmpstr (next_index, ==, "2");
  award = jln_award_new (2, 1, 1);
  g_assert_true (jln_store_add_award (store, award, "test", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_award_get_status_index (award), ==, 2);
  g_assert_cmpuint (jln_participant_get_badge_count (emilie), ==, 1);

  g_clear_object (&store);
  rm_rf (dir);
}

static void
test_constraints (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JlnBadge) dup = NULL;
  g_autoptr(JlnBadge) dup_name = NULL;
  g_autoptr(JlnParticipant) nameless = NULL;
  g_autoptr(JlnParticipant) ghost_coach = NULL;
  Seed s = { 0 };
  gint64 awards, audit, badges, participants;

  seed (f->store, &s);
  awards = count_rows (f->path, "awards");
  audit = count_rows (f->path, "audit_events");
  badges = count_rows (f->path, "badges");
  participants = count_rows (f->path, "participants");

  award = jln_award_new (9999, jln_badge_get_version_id (s.badge), 0);
  g_assert_false (jln_store_add_award (f->store, award, "test", NULL, NULL, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_assert_true (strstr (error->message, "participant") != NULL);
  g_assert_cmpint (jln_award_get_id (award), ==, 0);
  g_clear_error (&error);
  g_clear_object (&award);

  award = jln_award_new (jln_participant_get_id (s.amina), 424242, 0);
  g_assert_false (jln_store_add_award (f->store, award, "test", NULL, NULL, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  dup = jln_badge_new ("budget-tenir", "Un autre nom");
  g_assert_false (jln_store_add_badge (f->store, dup, "test", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_assert_true (strstr (error->message, "budget-tenir") != NULL);
  g_assert_cmpint (jln_badge_get_id (dup), ==, 0);
  g_clear_error (&error);

  dup_name = jln_badge_new ("budget-2", "Tenir son budget");
  g_assert_false (jln_store_add_badge (f->store, dup_name, "test", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==,
                   "This badge name is already used by another badge (slug “budget-tenir”).");
  g_clear_error (&error);

  g_clear_object (&dup);
  dup = jln_badge_new ("Budget Tenir", "Encore un");
  g_assert_false (jln_store_add_badge (f->store, dup, "test", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  nameless = jln_participant_new ("  ", "Kaci");
  g_assert_false (jln_store_add_participant (f->store, nameless, "test", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "A participant needs a first name.");
  g_clear_error (&error);

  ghost_coach = jln_participant_new ("Yanis", "Martin");
  jln_participant_set_coach_id (ghost_coach, 77);
  g_assert_false (jln_store_add_participant (f->store, ghost_coach, "test", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (jln_participant_get_id (ghost_coach), ==, 0);
  g_clear_error (&error);

  g_assert_cmpint (count_rows (f->path, "awards"), ==, awards);
  g_assert_cmpint (count_rows (f->path, "audit_events"), ==, audit);
  g_assert_cmpint (count_rows (f->path, "badges"), ==, badges);
  g_assert_cmpint (count_rows (f->path, "participants"), ==, participants);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_participants (f->store)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_badges (f->store)), ==, 1);
  seed_clear (&s);
}

static void
test_update_participant_restores (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Seed s = { 0 };

  seed (f->store, &s);
  /* The UI edits the live object, then the save fails: the object goes back. */
  jln_participant_set_first_name (s.amina, "");
  g_assert_false (jln_store_update_participant (f->store, s.amina, "test", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (jln_participant_get_first_name (s.amina), ==, "Amina");
  g_clear_error (&error);

  jln_participant_set_first_name (s.amina, "Aminata");
  g_assert_true (jln_store_update_participant (f->store, s.amina, "test", &error));
  g_assert_no_error (error);
  {
    g_autofree char *name = query_text (f->path, "SELECT first_name FROM participants");
    g_assert_cmpstr (name, ==, "Aminata");
  }
  seed_clear (&s);
}

static GBytes *
seal_fail (JlnAward  *award,
           gpointer   user_data,
           GError   **error)
{
  /* The award is complete when the seal runs. */
  g_assert_cmpint (jln_award_get_id (award), >, 0);
  g_assert_true (g_str_has_prefix (jln_award_get_credential_id (award), "urn:uuid:"));
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "signing key unavailable");
  return NULL;
}

static GBytes *
seal_ok (JlnAward  *award,
         gpointer   user_data,
         GError   **error)
{
  return g_bytes_new_take (g_strdup_printf ("{\"id\":\"%s\",\"index\":%u}",
                                            jln_award_get_credential_id (award),
                                            jln_award_get_status_index (award)), 0);
}

static void
test_seal_rollback (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JlnAward) saved = NULL;
  Seed s = { 0 };
  gint64 audit;
  guint changed = 0;

  seed (f->store, &s);
  audit = count_rows (f->path, "audit_events");
  g_signal_connect_swapped (s.amina, "notify::badge-count", G_CALLBACK (bump), &changed);

  award = award_for (&s);
  g_assert_false (jln_store_add_award (f->store, award, "test", seal_fail, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f->path, "awards"), ==, 0);
  g_assert_cmpint (count_rows (f->path, "audit_events"), ==, audit);
  g_assert_cmpint (jln_award_get_id (award), ==, 0);
  g_assert_null (jln_award_get_credential_id (award));
  g_assert_cmpuint (jln_participant_get_badge_count (s.amina), ==, 0);
  g_assert_cmpuint (jln_badge_get_holder_count (s.badge), ==, 0);
  g_assert_cmpuint (changed, ==, 0);

  /* Same object, working seal: saved with its credential. */
  g_assert_true (jln_store_add_award (f->store, award, "test", seal_ok, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jln_award_get_id (award), >, 0);
  g_assert_nonnull (jln_award_get_credential (award));
  g_assert_cmpuint (jln_participant_get_badge_count (s.amina), ==, 1);
  g_assert_cmpuint (jln_badge_get_holder_count (s.badge), ==, 1);
  saved = jln_store_get_award (f->store, jln_award_get_id (award), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (jln_award_get_credential (saved), jln_award_get_credential (award)));
  g_assert_cmpstr (jln_award_get_badge_name (saved), ==, "Tenir son budget");
  g_assert_cmpstr (jln_award_get_coach_name (saved), ==, "Karim Benali");
  g_assert_cmpint (jln_award_get_badge_id (saved), ==, jln_badge_get_id (s.badge));
  g_assert_cmpint (count_rows (f->path, "audit_events"), ==, audit + 1);
  seed_clear (&s);
}

static void
test_award_versions (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAward) first = NULL;
  g_autoptr(JlnAward) again = NULL;
  g_autoptr(JlnAward) newer = NULL;
  g_autoptr(GListModel) versions = NULL;
  g_autoptr(JlnAward) reloaded = NULL;
  const char *met[] = { "Noter ses ressources", NULL };
  gint64 v1;
  Seed s = { 0 };

  seed (f->store, &s);
  v1 = jln_badge_get_version_id (s.badge);

  /* No award yet: an edit updates version 1 in place. */
  jln_badge_set_easy_text (s.badge, "Je sais ce que je dépense.");
  g_assert_true (jln_store_update_badge (f->store, s.badge, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_badge_get_version (s.badge), ==, 1);
  g_assert_cmpint (jln_badge_get_version_id (s.badge), ==, v1);

  first = award_for (&s);
  jln_award_set_criteria_met (first, met);
  g_assert_true (jln_store_add_award (f->store, first, "test", NULL, NULL, &error));
  g_assert_no_error (error);

  again = award_for (&s);
  g_assert_false (jln_store_add_award (f->store, again, "test", NULL, NULL, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_ALREADY_AWARDED);
  g_assert_cmpstr (error->message, ==, "Amina K. already holds this badge (version 1).");
  g_clear_error (&error);

  /* Edited after an award: version 2, the award keeps version 1. */
  jln_badge_add_criterion (s.badge, "Prévoir une grosse dépense", FALSE);
  g_assert_true (jln_store_update_badge (f->store, s.badge, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_badge_get_version (s.badge), ==, 2);
  g_assert_cmpint (jln_badge_get_version_id (s.badge), !=, v1);
  versions = jln_store_list_badge_versions (f->store, jln_badge_get_id (s.badge), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (versions), ==, 2);
  {
    g_autoptr(JlnBadge) old = g_list_model_get_item (versions, 0);
    g_assert_cmpuint (g_list_model_get_n_items (jln_badge_get_criteria (old)), ==, 2);
    g_assert_cmpstr (jln_badge_get_easy_text (old), ==, "Je sais ce que je dépense.");
  }
  reloaded = jln_store_get_award (f->store, jln_award_get_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jln_award_get_badge_version (reloaded), ==, 1);
  g_assert_cmpstr (jln_award_get_criteria_met (reloaded)[0], ==, "Noter ses ressources");

  newer = award_for (&s);
  g_assert_true (jln_store_add_award (f->store, newer, "test", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_award_get_badge_version (newer), ==, 2);
  /* Issue 10: two versions of one badge are one badge held, in the live
   * object and in the stored counter alike. */
  g_assert_cmpuint (jln_participant_get_badge_count (s.amina), ==, 1);
  {
    g_autoptr(JlnParticipant) stored = jln_store_get_participant (f->store, jln_participant_get_id (s.amina), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (jln_participant_get_badge_count (stored), ==, 1);
  }
  /* Still held through version 1 once version 2 is withdrawn; none after. */
  g_assert_true (jln_store_revoke_award (f->store, jln_award_get_id (newer), "erreur", "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_participant_get_badge_count (s.amina), ==, 1);
  g_assert_true (jln_store_revoke_award (f->store, jln_award_get_id (first), "erreur", "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_participant_get_badge_count (s.amina), ==, 0);
  seed_clear (&s);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Each version carries the date it was made, from badge_versions itself
 * (the badge page used to dig it out of the journal). */
static void
test_badge_created_at (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) old = g_date_time_new_utc (2025, 1, 2, 3, 4, 5);
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(GListModel) versions = NULL;
  g_autoptr(JlnBadge) v1 = NULL;
  g_autoptr(JlnBadge) v2 = NULL;
  g_autoptr(JlnStore) reopened = NULL;
  g_autoptr(JlnBadge) copy = NULL;
  g_autofree char *sql = NULL;
  GDateTime *created;
  gint64 badge_id;
  Seed s = { 0 };

  seed (f->store, &s);
  after = g_date_time_new_now_utc ();
  badge_id = jln_badge_get_id (s.badge);
  created = jln_badge_get_created_at (s.badge);
  g_assert_nonnull (created);
  /* Stored to the second. */
  g_assert_cmpint (g_date_time_to_unix (created), >=, g_date_time_to_unix (before));
  g_assert_cmpint (g_date_time_to_unix (created), <=, g_date_time_to_unix (after));

  /* An older version 1, as a database from last year would have it. */
  sql = g_strdup_printf ("UPDATE badge_versions SET created_at = '2025-01-02T03:04:05Z' WHERE id = %"
                         G_GINT64_FORMAT, jln_badge_get_version_id (s.badge));
  exec_sql (f->path, sql);

  /* Edited in place (nobody holds it): the version keeps its date, and the
   * catalogue's badge learns it from the database, not from the copy. */
  copy = g_object_new (JLN_TYPE_BADGE, NULL);
  jln_badge_set_id (copy, badge_id);
  jln_badge_set_slug (copy, jln_badge_get_slug (s.badge));
  jln_badge_set_name (copy, jln_badge_get_name (s.badge));
  jln_badge_set_status (copy, JLN_BADGE_STATUS_ACTIVE);
  jln_badge_set_easy_text (copy, "Je sais ce que je dépense.");
  jln_badge_add_criterion (copy, "Noter ses ressources", TRUE);
  g_assert_true (jln_store_update_badge (f->store, copy, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_badge_get_version (copy), ==, 1);
  g_assert_true (g_date_time_equal (jln_badge_get_created_at (copy), old));
  g_assert_true (g_date_time_equal (jln_badge_get_created_at (jln_store_lookup_badge (f->store, badge_id)), old));

  /* Held, then edited: version 2 is dated now, version 1 keeps its date. */
  award = award_for (&s);
  g_assert_true (jln_store_add_award (f->store, award, "test", NULL, NULL, &error));
  g_assert_no_error (error);
  jln_badge_set_easy_text (copy, "Je tiens mes comptes.");
  g_assert_true (jln_store_update_badge (f->store, copy, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_badge_get_version (copy), ==, 2);
  g_assert_cmpint (g_date_time_to_unix (jln_badge_get_created_at (copy)), >=, g_date_time_to_unix (before));
  g_assert_true (g_date_time_equal (jln_badge_get_created_at (jln_store_lookup_badge (f->store, badge_id)),
                                    jln_badge_get_created_at (copy)));

  versions = jln_store_list_badge_versions (f->store, badge_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (versions), ==, 2);
  v1 = g_list_model_get_item (versions, 0);
  v2 = g_list_model_get_item (versions, 1);
  g_assert_true (g_date_time_equal (jln_badge_get_created_at (v1), old));
  g_assert_true (g_date_time_equal (jln_badge_get_created_at (v2), jln_badge_get_created_at (copy)));
  g_clear_object (&v1);
  v1 = jln_store_get_badge_version (f->store, jln_award_get_badge_version_id (award), &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (jln_badge_get_created_at (v1), old));

  /* Loaded at startup too. */
  reopened = jln_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (jln_badge_get_created_at (jln_store_lookup_badge (reopened, badge_id)),
                                    jln_badge_get_created_at (copy)));
  seed_clear (&s);
}

/* What the badge editor tells before saving: awards of the current
 * version, revoked ones included (they too make the next edit a new
 * version). */
static void
test_count_awards_of_version (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAward) award = NULL;
  gint64 v1;
  Seed s = { 0 };

  seed (f->store, &s);
  v1 = jln_badge_get_version_id (s.badge);
  g_assert_cmpuint (jln_store_count_awards_of_version (f->store, v1, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (jln_store_count_awards_of_version (f->store, 987654, &error), ==, 0);
  g_assert_no_error (error);

  award = award_for (&s);
  g_assert_true (jln_store_add_award (f->store, award, "test", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_store_count_awards_of_version (f->store, v1, &error), ==, 1);
  g_assert_true (jln_store_revoke_award (f->store, jln_award_get_id (award), "Erreur de saisie", "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_store_count_awards_of_version (f->store, v1, &error), ==, 1);
  g_assert_no_error (error);

  /* The count said an edit makes a new version: it does, and the new one
   * starts with none. */
  jln_badge_set_easy_text (s.badge, "Je tiens mes comptes.");
  g_assert_true (jln_store_update_badge (f->store, s.badge, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_badge_get_version (s.badge), ==, 2);
  g_assert_cmpuint (jln_store_count_awards_of_version (f->store, jln_badge_get_version_id (s.badge), &error), ==, 0);
  g_assert_cmpuint (jln_store_count_awards_of_version (f->store, v1, &error), ==, 1);
  g_assert_no_error (error);
  seed_clear (&s);
}

static void
test_undo_and_revoke (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JlnAward) revoked = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GArray) indices = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(JlnAuditEvent) last = NULL;
  gint64 award_id;
  guint n_award_changed = 0;
  Seed s = { 0 };

  seed (f->store, &s);
  g_signal_connect_swapped (f->store, "award-changed", G_CALLBACK (bump), &n_award_changed);

  award = award_for (&s);
  g_assert_true (jln_store_add_award (f->store, award, "Karim", NULL, NULL, &error));
  g_assert_no_error (error);
  award_id = jln_award_get_id (award);
  g_assert_cmpuint (jln_participant_get_badge_count (s.amina), ==, 1);

  g_assert_true (jln_store_undo_award (f->store, award_id, "Karim", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->path, "awards"), ==, 0);
  g_assert_cmpuint (jln_participant_get_badge_count (s.amina), ==, 0);
  events = jln_store_list_audit_events (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 1);
  last = g_list_model_get_item (events, 0);
  g_assert_cmpstr (jln_audit_event_get_action (last), ==, "award.undo");
  g_assert_cmpstr (jln_audit_event_get_actor (last), ==, "Karim");
  g_clear_object (&last);
  g_clear_object (&events);

  g_assert_false (jln_store_undo_award (f->store, award_id, "Karim", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_object (&award);
  award = award_for (&s);
  g_assert_true (jln_store_add_award (f->store, award, "Karim", NULL, NULL, &error));
  g_assert_no_error (error);
  /* Undone award's status index is never reused. */
  g_assert_cmpuint (jln_award_get_status_index (award), ==, 1);

  g_assert_false (jln_store_revoke_award (f->store, jln_award_get_id (award), " ", "Karim", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (jln_store_revoke_award (f->store, jln_award_get_id (award), "Attribué par erreur.", "Karim", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_participant_get_badge_count (s.amina), ==, 0);
  g_assert_cmpuint (jln_badge_get_holder_count (s.badge), ==, 0);
  revoked = jln_store_get_award (f->store, jln_award_get_id (award), &error);
  g_assert_no_error (error);
  g_assert_cmpint (jln_award_get_status (revoked), ==, JLN_AWARD_STATUS_REVOKED);
  g_assert_cmpstr (jln_award_get_revoke_reason (revoked), ==, "Attribué par erreur.");
  g_assert_nonnull (jln_award_get_revoked_on (revoked));
  g_assert_false (jln_store_revoke_award (f->store, jln_award_get_id (award), "encore", "Karim", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  indices = jln_store_list_revoked_status_indices (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (indices->len, ==, 1);
  g_assert_cmpuint (g_array_index (indices, guint, 0), ==, 1);
  ids = jln_store_list_award_ids (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);

  /* A revoked award no longer blocks a new one of the same version. */
  {
    g_autoptr(JlnAward) again = award_for (&s);
    g_assert_true (jln_store_add_award (f->store, again, "Karim", NULL, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (n_award_changed, >=, 4);
  seed_clear (&s);
}

/* The service layer's reads: fresh objects, archived people included,
 * the exact version asked for with its criteria; a standalone journal row. */
static void
test_service_reads (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnParticipant) p = NULL;
  g_autoptr(JlnBadge) v1 = NULL;
  g_autoptr(JlnBadge) v2 = NULL;
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(JlnAuditEvent) last = NULL;
  gint64 v1_id;
  gint64 n_events;
  Seed s = { 0 };

  seed (f->store, &s);
  jln_participant_set_email (s.amina, "amina@example.org");
  jln_participant_set_consent_online (s.amina, TRUE);
  g_assert_true (jln_store_update_participant (f->store, s.amina, "Karim", &error));
  g_assert_no_error (error);

  p = jln_store_get_participant (f->store, jln_participant_get_id (s.amina), &error);
  g_assert_no_error (error);
  g_assert_true (p != s.amina);
  g_assert_cmpstr (jln_participant_get_first_name (p), ==, "Amina");
  g_assert_cmpstr (jln_participant_get_email (p), ==, "amina@example.org");
  g_assert_true (jln_participant_get_consent_online (p));
  g_assert_cmpstr (jln_participant_get_recipient_salt (p), ==, jln_participant_get_recipient_salt (s.amina));
  g_assert_nonnull (jln_participant_get_recipient_salt (p));
  /* 128 random bits in hex, and another person gets other ones. */
  {
    const char *salt = jln_participant_get_recipient_salt (p);
    g_autoptr(JlnParticipant) other = jln_participant_new ("Bintou", "Camara");

    g_assert_cmpuint (strlen (salt), ==, 32);
    g_assert_cmpuint (strspn (salt, "0123456789abcdef"), ==, 32);
    jln_participant_set_territory_id (other, jln_participant_get_territory_id (p));
    g_assert_true (jln_store_add_participant (f->store, other, "Karim", &error));
    g_assert_no_error (error);
    g_assert_cmpuint (strlen (jln_participant_get_recipient_salt (other)), ==, 32);
    g_assert_cmpstr (jln_participant_get_recipient_salt (other), !=, salt);
  }
  g_clear_object (&p);

  /* Held version 1 makes the edit a new version 2; both stay readable. */
  v1_id = jln_badge_get_version_id (s.badge);
  award = award_for (&s);
  g_assert_true (jln_store_add_award (f->store, award, "Karim", NULL, NULL, &error));
  g_assert_no_error (error);
  jln_badge_set_name (s.badge, "Tenir son budget (révisé)");
  jln_badge_clear_criteria (s.badge);
  jln_badge_add_criterion (s.badge, "Faire un budget mensuel", TRUE);
  g_assert_true (jln_store_update_badge (f->store, s.badge, "Karim", &error));
  g_assert_no_error (error);
  g_assert_cmpint (jln_badge_get_version_id (s.badge), !=, v1_id);

  v1 = jln_store_get_badge_version (f->store, v1_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jln_badge_get_version (v1), ==, 1);
  g_assert_cmpstr (jln_badge_get_name (v1), ==, "Tenir son budget");
  g_assert_cmpstr (jln_badge_get_slug (v1), ==, "budget-tenir");
  g_assert_cmpuint (g_list_model_get_n_items (jln_badge_get_criteria (v1)), ==, 2);
  v2 = jln_store_get_badge_version (f->store, jln_badge_get_version_id (s.badge), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jln_badge_get_version (v2), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (jln_badge_get_criteria (v2)), ==, 1);

  g_assert_null (jln_store_get_badge_version (f->store, 987654, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Archived: gone from the live list, still readable here. */
  g_assert_true (jln_store_archive_participant (f->store, jln_participant_get_id (s.amina), "Karim", &error));
  g_assert_no_error (error);
  p = jln_store_get_participant (f->store, jln_participant_get_id (s.amina), &error);
  g_assert_no_error (error);
  g_assert_true (jln_participant_get_archived (p));
  g_assert_null (jln_store_get_participant (f->store, 987654, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Issue 10: listed among the archived, and restorable once. */
  {
    g_autoptr(GListModel) archived = jln_store_list_archived_participants (f->store, &error);
    gint64 id = jln_participant_get_id (s.amina);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (archived), ==, 1);
    g_assert_null (jln_store_lookup_participant (f->store, id));
    g_assert_true (jln_store_restore_participant (f->store, id, "coach:1", &error));
    g_assert_no_error (error);
    g_assert_nonnull (jln_store_lookup_participant (f->store, id));
    g_assert_false (jln_participant_get_archived (jln_store_lookup_participant (f->store, id)));
    g_assert_false (jln_store_restore_participant (f->store, id, "coach:1", &error));
    g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_clear_object (&archived);
    archived = jln_store_list_archived_participants (f->store, &error);
    g_assert_cmpuint (g_list_model_get_n_items (archived), ==, 0);
    g_assert_true (jln_store_archive_participant (f->store, id, "Karim", &error));
  }

  n_events = count_rows (f->path, "audit_events");
  g_assert_false (jln_store_append_audit (f->store, "Karim", " ", "participant:1", NULL, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f->path, "audit_events"), ==, n_events);
  g_assert_true (jln_store_append_audit (f->store, "Karim", "export.consent-confirmed",
                                         "participant:1", "award:1 format:png", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->path, "audit_events"), ==, n_events + 1);
  events = jln_store_list_audit_events (f->store, 1, &error);
  g_assert_no_error (error);
  last = g_list_model_get_item (events, 0);
  g_assert_cmpstr (jln_audit_event_get_action (last), ==, "export.consent-confirmed");
  g_assert_cmpstr (jln_audit_event_get_actor (last), ==, "Karim");
  g_assert_cmpstr (jln_audit_event_get_subject (last), ==, "participant:1");
  g_assert_cmpstr (jln_audit_event_get_detail (last), ==, "award:1 format:png");
  seed_clear (&s);
}

static void
test_audit_append_only (Fixture       *f,
                        gconstpointer  data)
{
  sqlite3 *db = NULL;
  char *errmsg = NULL;
  Seed s = { 0 };
  gint64 n;

  seed (f->store, &s);
  n = count_rows (f->path, "audit_events");
  g_assert_cmpint (n, >, 0);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_events SET actor = 'x'", NULL, NULL, &errmsg), !=, SQLITE_OK);
  g_assert_nonnull (strstr (errmsg, "append-only"));
  sqlite3_free (errmsg);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_events", NULL, NULL, NULL), !=, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (count_rows (f->path, "audit_events"), ==, n);
  seed_clear (&s);
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  guint *counts = user_data;

  counts[0] += added;
  counts[1] += removed;
}

static void
test_live_models (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnParticipant) zoe = jln_participant_new ("Zoé", "Petit");
  g_autoptr(JlnParticipant) bilal = jln_participant_new ("Bilal", "Diop");
  g_autoptr(JlnAward) award = NULL;
  GListModel *participants = jln_store_get_participants (f->store);
  guint counts[2] = { 0, 0 };
  guint n_count_notify = 0;
  guint changed_id = 0;
  Seed s = { 0 };

  seed (f->store, &s);
  g_signal_connect (participants, "items-changed", G_CALLBACK (count_items_changed), counts);
  g_signal_connect_swapped (f->store, "participant-changed", G_CALLBACK (bump), &changed_id);

  g_assert_true (jln_store_add_participant (f->store, zoe, "test", &error));
  g_assert_true (jln_store_add_participant (f->store, bilal, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[0], ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, 3);
  {
    g_autoptr(JlnParticipant) p0 = g_list_model_get_item (participants, 0);
    g_autoptr(JlnParticipant) p1 = g_list_model_get_item (participants, 1);
    g_autoptr(JlnParticipant) p2 = g_list_model_get_item (participants, 2);
    g_assert_cmpstr (jln_participant_get_first_name (p0), ==, "Amina");
    g_assert_cmpstr (jln_participant_get_first_name (p1), ==, "Bilal");
    g_assert_cmpstr (jln_participant_get_first_name (p2), ==, "Zoé");
  }
  g_assert_true (jln_store_lookup_participant (f->store, jln_participant_get_id (zoe)) == zoe);
  g_assert_nonnull (jln_participant_get_recipient_salt (zoe));
  g_assert_cmpuint (strlen (jln_participant_get_recipient_salt (zoe)), ==, 32);

  g_signal_connect_swapped (s.amina, "notify::badge-count", G_CALLBACK (bump), &n_count_notify);
  award = award_for (&s);
  g_assert_true (jln_store_add_award (f->store, award, "test", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_participant_get_badge_count (s.amina), ==, 1);
  g_assert_cmpuint (n_count_notify, ==, 1);
  g_assert_cmpuint (changed_id, ==, 2);

  /* Renaming re-sorts in place. */
  jln_participant_set_first_name (zoe, "Aaron");
  g_assert_true (jln_store_update_participant (f->store, zoe, "test", &error));
  g_assert_no_error (error);
  {
    g_autoptr(JlnParticipant) p0 = g_list_model_get_item (participants, 0);
    g_assert_true (p0 == zoe);
  }

  g_assert_true (jln_store_archive_participant (f->store, jln_participant_get_id (bilal), "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, 2);
  g_assert_null (jln_store_lookup_participant (f->store, jln_participant_get_id (bilal)));
  g_assert_cmpuint (counts[1], >=, 1);

  /* Archiving a badge takes it out of the catalogue. */
  g_assert_true (jln_store_set_badge_status (f->store, jln_badge_get_id (s.badge),
                                             JLN_BADGE_STATUS_ARCHIVED, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_badges (f->store)), ==, 0);
  g_assert_true (jln_store_set_badge_status (f->store, jln_badge_get_id (s.badge),
                                             JLN_BADGE_STATUS_ACTIVE, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_badges (f->store)), ==, 1);
  {
    JlnBadge *back = jln_store_lookup_badge (f->store, jln_badge_get_id (s.badge));
    g_assert_cmpuint (jln_badge_get_holder_count (back), ==, 1);
  }
  seed_clear (&s);
}

static void
test_holders_by_territory (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(GHashTable) counts = NULL;
  Seed s = { 0 };

  seed (f->store, &s);
  award = award_for (&s);
  g_assert_true (jln_store_add_award (f->store, award, "test", NULL, NULL, &error));
  counts = jln_store_count_holders_by_territory (f->store, jln_badge_get_id (s.badge), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "Roubaix")), ==, 1);
  seed_clear (&s);
}

static void
test_organisation (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnOrganisation) org = g_new0 (JlnOrganisation, 1);
  g_autoptr(JlnOrganisation) back = NULL;
  guint8 seed_bytes[32];

  memset (seed_bytes, 7, sizeof seed_bytes);
  org->name = g_strdup ("Insertion Hauts-de-France");
  org->url = g_strdup ("https://insertion-hdf.example");
  org->signing_seed = g_bytes_new (seed_bytes, 31);
  g_assert_false (jln_store_set_organisation (f->store, org, NULL, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_bytes_unref (org->signing_seed);
  org->signing_seed = g_bytes_new (seed_bytes, 32);
  g_assert_true (jln_store_set_organisation (f->store, org, NULL, &error));
  g_assert_no_error (error);
  back = jln_store_get_organisation (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->name, ==, "Insertion Hauts-de-France");
  g_assert_cmpstr (back->url, ==, "https://insertion-hdf.example");
  g_assert_null (back->email);
  g_assert_true (g_bytes_equal (back->signing_seed, org->signing_seed));
}

/* The preferences page writes the details only: a seed created meanwhile
 * (here by a second connection, as the issuer would) survives. */
static void
test_organisation_details (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnStore) other = NULL;
  g_autoptr(JlnOrganisation) org = NULL;
  g_autoptr(JlnOrganisation) back = NULL;
  g_autoptr(GBytes) seed = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(JlnAuditEvent) event = NULL;
  guint8 seed_bytes[32];
  gint64 n_events;

  /* No seed yet: writing the details does not make one up. */
  g_assert_true (jln_store_set_organisation_details (f->store, "Tremplin", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  back = jln_store_get_organisation (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->name, ==, "Tremplin");
  g_assert_null (back->signing_seed);
  g_clear_pointer (&back, jln_organisation_free);

  other = jln_store_open (f->path, &error);
  g_assert_no_error (error);
  org = jln_store_get_organisation (other, &error);
  g_assert_no_error (error);
  memset (seed_bytes, 42, sizeof seed_bytes);
  seed = g_bytes_new (seed_bytes, sizeof seed_bytes);
  org->signing_seed = g_bytes_ref (seed);
  g_assert_true (jln_store_set_organisation (other, org, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (jln_store_set_organisation_details (f->store, "  Association Tremplin Nord ",
                                                     "https://tremplin-nord.example",
                                                     "contact@tremplin-nord.example",
                                                     "https://badges.tremplin-nord.example",
                                                     &error));
  g_assert_no_error (error);
  back = jln_store_get_organisation (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->name, ==, "Association Tremplin Nord");
  g_assert_cmpstr (back->url, ==, "https://tremplin-nord.example");
  g_assert_cmpstr (back->email, ==, "contact@tremplin-nord.example");
  g_assert_cmpstr (back->public_base, ==, "https://badges.tremplin-nord.example");
  g_assert_nonnull (back->signing_seed);
  g_assert_true (g_bytes_equal (back->signing_seed, seed));
  g_clear_pointer (&back, jln_organisation_free);

  events = jln_store_list_audit_events (f->store, 1, &error);
  g_assert_no_error (error);
  event = g_list_model_get_item (events, 0);
  g_assert_cmpstr (jln_audit_event_get_action (event), ==, "organisation.update");
  g_assert_cmpstr (jln_audit_event_get_detail (event), ==, "Association Tremplin Nord");

  /* Blank optional fields are cleared, not stored as "". */
  g_assert_true (jln_store_set_organisation_details (f->store, "Association Tremplin Nord",
                                                     "", "  ", NULL, &error));
  g_assert_no_error (error);
  back = jln_store_get_organisation (f->store, &error);
  g_assert_null (back->url);
  g_assert_null (back->email);
  g_assert_null (back->public_base);
  g_assert_true (g_bytes_equal (back->signing_seed, seed));
  g_clear_pointer (&back, jln_organisation_free);

  /* No name: refused, nothing written, not even to the journal. */
  n_events = count_rows (f->path, "audit_events");
  g_assert_false (jln_store_set_organisation_details (f->store, "   ", "https://other.example",
                                                      NULL, NULL, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (jln_store_set_organisation_details (f->store, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  back = jln_store_get_organisation (f->store, &error);
  g_assert_cmpstr (back->name, ==, "Association Tremplin Nord");
  g_assert_null (back->url);
  g_assert_true (g_bytes_equal (back->signing_seed, seed));
  g_assert_cmpint (count_rows (f->path, "audit_events"), ==, n_events);
}

/* ------------------------------------------------------------------ */
/* locking                                                            */

typedef struct {
  char *path;
  guint hold_ms;
  gint locked;  /* atomic */
} LockHolder;

static gpointer
hold_lock (gpointer data)
{
  LockHolder *h = data;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (h->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_atomic_int_set (&h->locked, 1);
  g_usleep (h->hold_ms * 1000);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
  return NULL;
}

static void
run_with_lock (Fixture  *f,
               guint     hold_ms,
               GError  **error,
               gboolean *out_ok)
{
  LockHolder h = { f->path, hold_ms, 0 };
  g_autoptr(JlnTerritory) t = jln_territory_new (hold_ms < 500 ? "Lens" : "Arras");
  GThread *thread = g_thread_new ("lock-holder", hold_lock, &h);

  while (!g_atomic_int_get (&h.locked))
    g_usleep (1000);
  *out_ok = jln_store_add_territory (f->store, t, NULL, error);
  g_thread_join (thread);
}

static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  jln_store_set_busy_timeout (f->store, 1000);
  run_with_lock (f, 200, &error, &ok);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_territories (f->store)), ==, 1);

  jln_store_set_busy_timeout (f->store, 200);
  run_with_lock (f, 1200, &error, &ok);
  g_assert_false (ok);
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_BUSY);
  g_assert_cmpstr (error->message, ==, "Another Jalons window is saving: try again in a moment.");
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_territories (f->store)), ==, 1);
}

/* ------------------------------------------------------------------ */
/* refusals                                                           */

static void
assert_refused (const char *path,
                int         code,
                const char *must_mention)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(JlnStore) store = NULL;
  gsize len_before, len_after;
  GStatBuf st_before, st_after;

  g_assert_true (g_file_get_contents (path, &before, &len_before, NULL));
  g_assert_cmpint (g_stat (path, &st_before), ==, 0);
  g_usleep (20000);  /* an mtime change would be visible */

  store = jln_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, JLN_STORE_ERROR, code);
  if (must_mention != NULL)
    g_assert_nonnull (strstr (error->message, must_mention));
  g_test_message ("refused: %s", error->message);

  g_assert_true (g_file_get_contents (path, &after, &len_after, NULL));
  g_assert_cmpuint (len_before, ==, len_after);
  g_assert_cmpmem (before, len_before, after, len_after);
  g_assert_cmpint (g_stat (path, &st_after), ==, 0);
  g_assert_cmpint (st_before.st_mtime, ==, st_after.st_mtime);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refusals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jalons-test-store-XXXXXX", &error);
  g_autofree char *random_path = g_build_filename (dir, "random.db", NULL);
  g_autofree char *text_path = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *other_path = g_build_filename (dir, "other.db", NULL);
  g_autofree char *corrupt_path = g_build_filename (dir, "corrupt.db", NULL);
  g_autofree char *new_path = g_build_filename (dir, "new.db", NULL);
  g_autofree char *too_new_path = g_build_filename (dir, "too-new.db", NULL);
  g_autofree char *folder_path = g_build_filename (dir, "folder.db", NULL);
  guint8 noise[4096];
  GRand *rand = g_rand_new_with_seed (42);
  sqlite3 *db = NULL;

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int (rand) & 0xff;
  g_rand_free (rand);
  g_assert_true (g_file_set_contents (random_path, (char *) noise, sizeof noise, NULL));
  assert_refused (random_path, JLN_STORE_ERROR_NOT_A_DATABASE, "random.db");

  g_assert_true (g_file_set_contents (text_path, "Liste des courses\nlait\npain\n", -1, NULL));
  assert_refused (text_path, JLN_STORE_ERROR_NOT_A_DATABASE, "not a Jalons database");

  g_assert_cmpint (sqlite3_open (other_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                                     "INSERT INTO notes (body) VALUES ('hello');", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (other_path, JLN_STORE_ERROR_NOT_A_DATABASE, "another application");

  /* Same, with a user_version set by the other application. */
  g_assert_cmpint (sqlite3_open (other_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (other_path, JLN_STORE_ERROR_NOT_A_DATABASE, "another application");

  /* A real Jalons file, then its schema pages scribbled over. */
  {
    g_autoptr(JlnStore) store = jln_store_open (corrupt_path, &error);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_no_error (error);
    g_clear_object (&store);
    g_assert_true (g_file_get_contents (corrupt_path, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 4096);
    memcpy (contents + 100, noise, 4096 - 100);
    g_assert_true (g_file_set_contents (corrupt_path, contents, length, NULL));
  }
  assert_refused (corrupt_path, JLN_STORE_ERROR_NOT_A_DATABASE, "damaged");

  {
    g_autoptr(JlnStore) store = jln_store_open (too_new_path, &error);
    g_assert_no_error (error);
    g_clear_object (&store);
    g_assert_cmpint (sqlite3_open (too_new_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  assert_refused (too_new_path, JLN_STORE_ERROR_TOO_NEW, "newer");

  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  {
    g_autoptr(JlnStore) store = jln_store_open (folder_path, &error);
    g_assert_null (store);
    g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_DATABASE);
    g_clear_error (&error);
  }

  /* An empty file is as good as none. */
  g_assert_true (g_file_set_contents (new_path, "", 0, NULL));
  {
    g_autoptr(JlnStore) store = jln_store_open (new_path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (jln_store_get_schema_version (store), ==, jln_store_latest_schema_version ());
  }

  rm_rf (dir);
}

static void
test_bulk_rollback (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnTerritory) t = jln_territory_new ("Douai");
  g_autoptr(JlnParticipant) p = jln_participant_new ("Inès", "Camara");

  g_assert_true (jln_store_begin (f->store, &error));
  g_assert_true (jln_store_add_territory (f->store, t, NULL, &error));
  g_assert_true (jln_store_add_participant (f->store, p, "test", &error));
  g_assert_no_error (error);
  /* Bulk writes skip the live models until the end. */
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_participants (f->store)), ==, 0);
  jln_store_rollback (f->store);
  g_assert_cmpint (count_rows (f->path, "participants"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_participants (f->store)), ==, 0);

  g_clear_object (&p);
  p = jln_participant_new ("Inès", "Camara");
  g_assert_true (jln_store_begin (f->store, &error));
  g_assert_true (jln_store_add_participant (f->store, p, "test", &error));
  g_assert_true (jln_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_participants (f->store)), ==, 1);
}

/* The seed is created once: a second candidate (another window racing the
 * first) gets the stored seed back, and the details are left alone. */
static void
test_ensure_signing_seed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) short_seed = NULL;
  g_autoptr(JlnOrganisation) org = NULL;
  guint8 a[32], b[32];

  memset (a, 1, sizeof a);
  memset (b, 2, sizeof b);
  first = g_bytes_new (a, sizeof a);
  second = g_bytes_new (b, sizeof b);
  g_assert_true (jln_store_set_organisation_details (f->store, "Tremplin", "https://t.example.org",
                                                     NULL, NULL, &error));
  g_assert_no_error (error);

  stored = jln_store_ensure_signing_seed (f->store, first, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, first));
  again = jln_store_ensure_signing_seed (f->store, second, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (again, first));

  short_seed = g_bytes_new (a, 16);
  g_assert_null (jln_store_ensure_signing_seed (f->store, short_seed, NULL, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  org = jln_store_get_organisation (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (org->name, ==, "Tremplin");
  g_assert_cmpstr (org->url, ==, "https://t.example.org");
  g_assert_true (g_bytes_equal (org->signing_seed, first));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/fresh-schema", test_fresh_schema);
  g_test_add_func ("/store/default-path", test_default_path);
  g_test_add_func ("/store/migration-from-v1", test_migration_from_v1);
  g_test_add_func ("/store/refusals", test_refusals);
  g_test_add ("/store/constraints", Fixture, NULL, fixture_setup, test_constraints, fixture_teardown);
  g_test_add ("/store/update-participant-restores", Fixture, NULL, fixture_setup,
              test_update_participant_restores, fixture_teardown);
  g_test_add ("/store/seal-rollback", Fixture, NULL, fixture_setup, test_seal_rollback, fixture_teardown);
  g_test_add ("/store/award-versions", Fixture, NULL, fixture_setup, test_award_versions, fixture_teardown);
  g_test_add ("/store/undo-and-revoke", Fixture, NULL, fixture_setup, test_undo_and_revoke, fixture_teardown);
  g_test_add ("/store/service-reads", Fixture, NULL, fixture_setup, test_service_reads, fixture_teardown);
  g_test_add ("/store/audit-append-only", Fixture, NULL, fixture_setup, test_audit_append_only, fixture_teardown);
  g_test_add ("/store/live-models", Fixture, NULL, fixture_setup, test_live_models, fixture_teardown);
  g_test_add ("/store/holders-by-territory", Fixture, NULL, fixture_setup, test_holders_by_territory, fixture_teardown);
  g_test_add ("/store/organisation", Fixture, NULL, fixture_setup, test_organisation, fixture_teardown);
  g_test_add ("/store/badge-created-at", Fixture, NULL, fixture_setup, test_badge_created_at, fixture_teardown);
  g_test_add ("/store/count-awards-of-version", Fixture, NULL, fixture_setup, test_count_awards_of_version, fixture_teardown);
  g_test_add ("/store/organisation-details", Fixture, NULL, fixture_setup, test_organisation_details, fixture_teardown);
  g_test_add ("/store/ensure-signing-seed", Fixture, NULL, fixture_setup, test_ensure_signing_seed, fixture_teardown);
  g_test_add ("/store/busy", Fixture, NULL, fixture_setup, test_busy, fixture_teardown);
  g_test_add ("/store/bulk-rollback", Fixture, NULL, fixture_setup, test_bulk_rollback, fixture_teardown);

  return g_test_run ();
}
