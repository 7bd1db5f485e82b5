/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-test"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "jln-test-common.h"
#include "store/jln-store.h"

/* The tamper-evident journal, attacked as someone holding the file and the
 * sqlite3 shell would: through a raw connection, triggers dropped. Each
 * attack must be caught and the first broken event named; honest work
 * after an attack must not hide it. */

#define N_EVENTS 6

typedef struct {
  char *dir;
  char *path;
  JlnStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = jln_test_make_tmp_dir ("jalons-test-audit");
  f->path = g_build_filename (f->dir, "jalons.db", NULL);
  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);
  /* Events 1..N_EVENTS, one per territory. */
  for (guint i = 1; i <= N_EVENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Territoire %u", i);
      g_autoptr(JlnTerritory) t = jln_territory_new (name);

      g_assert_true (jln_store_add_territory (f->store, t, "coach:1", &error));
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  jln_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The attacker's connection: the store is closed first, as when someone
 * edits the file while Jalons is not running. */
static void
tamper (Fixture    *f,
        const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, "DROP TRIGGER IF EXISTS audit_events_no_update;"
                        "DROP TRIGGER IF EXISTS audit_events_no_delete;", NULL, NULL, &message) != SQLITE_OK
      || sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("tampering failed: %s", message);
  sqlite3_close (db);
  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
assert_intact (Fixture *f,
               guint64  n_expected)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = -1;
  guint64 n = 0;

  g_assert_true (jln_store_verify_audit (f->store, &broken, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken, ==, 0);
  g_assert_cmpuint (n, ==, n_expected);
}

/* Broken with @code, at @id; the message names the event by "#id". */
static void
assert_broken (Fixture       *f,
               JlnAuditError  code,
               gint64         id)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = -1;

  g_assert_false (jln_store_verify_audit (f->store, &broken, NULL, &error));
  g_assert_error (error, JLN_AUDIT_ERROR, (int) code);
  g_assert_cmpint (broken, ==, id);
  if (code != JLN_AUDIT_ERROR_SEAL && code != JLN_AUDIT_ERROR_NO_KEY && code != JLN_AUDIT_ERROR_TRUNCATED)
    {
      g_autofree char *tag = g_strdup_printf ("#%" G_GINT64_FORMAT " (", id);

      g_assert_nonnull (strstr (error->message, tag));
    }
}

static void
test_fresh (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnStore) empty = NULL;
  g_autofree char *other = g_build_filename (f->dir, "empty.db", NULL);
  guint64 n = 99;

  assert_intact (f, N_EVENTS);
  /* Still intact after a reopen, and a brand-new journal is intact too. */
  g_clear_object (&f->store);
  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);
  assert_intact (f, N_EVENTS);
  empty = jln_store_open (other, &error);
  g_assert_no_error (error);
  g_assert_true (jln_store_verify_audit (empty, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_edit_fields (Fixture       *f,
                  gconstpointer  data)
{
  const char *edits[] = {
    "UPDATE audit_events SET detail = 'Territoire 9' WHERE id = 3",
    "UPDATE audit_events SET actor = 'coach:2' WHERE id = 3",
    "UPDATE audit_events SET at = '2020-01-01T00:00:00Z' WHERE id = 3",
    "UPDATE audit_events SET action = 'territory.delete' WHERE id = 3",
    "UPDATE audit_events SET subject = NULL WHERE id = 3",
    /* Forms a careless check might read as the same value. */
    "UPDATE audit_events SET at = at || ' ' WHERE id = 3",
    "UPDATE audit_events SET detail = '' WHERE id = 3",
    "UPDATE audit_events SET hash = zeroblob (32) WHERE id = 3",
    "UPDATE audit_events SET hash = 'not a hash' WHERE id = 3",
    "UPDATE audit_events SET prev_hash = NULL WHERE id = 3",
  };

  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  /* The untouched file, put back before each edit. */
  g_clear_object (&f->store);
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_test_message ("%s", edits[i]);
      g_assert_true (g_file_set_contents (f->path, contents, len, NULL));
      f->store = jln_store_open (f->path, NULL);
      assert_intact (f, N_EVENTS);
      tamper (f, edits[i]);
      assert_broken (f, JLN_AUDIT_ERROR_ALTERED, 3);
      g_clear_object (&f->store);
      g_remove (wal);
      g_remove (shm);
    }
}

static void
test_delete_middle (Fixture       *f,
                    gconstpointer  data)
{
  tamper (f, "DELETE FROM audit_events WHERE id = 3");
  /* The event after the gap is the first whose link is broken. */
  assert_broken (f, JLN_AUDIT_ERROR_MISSING, 4);
}

static void
test_delete_first (Fixture       *f,
                   gconstpointer  data)
{
  tamper (f, "DELETE FROM audit_events WHERE id <= 2");
  assert_broken (f, JLN_AUDIT_ERROR_MISSING, 3);
}

static void
test_swap (Fixture       *f,
           gconstpointer  data)
{
  /* Rows 3 and 4 trade places (every column but the id). */
  tamper (f, "UPDATE audit_events SET id = -3 WHERE id = 3;"
             "UPDATE audit_events SET id = 3 WHERE id = 4;"
             "UPDATE audit_events SET id = 4 WHERE id = -3;");
  assert_broken (f, JLN_AUDIT_ERROR_OUT_OF_ORDER, 3);
}

static void
test_truncate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = 0;
  guint64 n = 0;

  tamper (f, "DELETE FROM audit_events WHERE id > 4");
  g_assert_false (jln_store_verify_audit (f->store, &broken, &n, &error));
  g_assert_error (error, JLN_AUDIT_ERROR, JLN_AUDIT_ERROR_TRUNCATED);
  g_assert_cmpint (broken, ==, 5);
  g_assert_cmpuint (n, ==, 4);
  /* Names the last event left and what is gone. */
  g_assert_nonnull (strstr (error->message, "#4 ("));
  g_assert_nonnull (strstr (error->message, "#6"));
}

static void
test_truncate_all (Fixture       *f,
                   gconstpointer  data)
{
  tamper (f, "DELETE FROM audit_events");
  assert_broken (f, JLN_AUDIT_ERROR_TRUNCATED, 1);
}

static void
test_tip (Fixture       *f,
          gconstpointer  data)
{
  tamper (f, "UPDATE audit_tip SET n_events = 4, last_id = 4");
  assert_broken (f, JLN_AUDIT_ERROR_SEAL, 0);
  tamper (f, "DELETE FROM audit_tip");
  assert_broken (f, JLN_AUDIT_ERROR_SEAL, 0);
}

/* An older genuine tip (from a copy of the file) put back with all rows
 * still there: does not match the last event. */
static void
test_old_tip (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnTerritory) t = jln_territory_new ("Douai");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GBytes) hash = NULL;
  g_autoptr(GBytes) mac = NULL;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT last_hash, mac FROM audit_tip", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  hash = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  mac = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  f->store = jln_store_open (f->path, &error);
  g_assert_true (jln_store_add_territory (f->store, t, "coach:1", &error));
  g_assert_no_error (error);
  assert_intact (f, N_EVENTS + 1);

  {
    g_autofree char *h = NULL, *m = NULL;
    GString *hx = g_string_new (NULL), *mx = g_string_new (NULL);
    const guint8 *hb = g_bytes_get_data (hash, NULL), *mb = g_bytes_get_data (mac, NULL);

    for (gsize i = 0; i < g_bytes_get_size (hash); i++)
      g_string_append_printf (hx, "%02x", hb[i]);
    for (gsize i = 0; i < g_bytes_get_size (mac); i++)
      g_string_append_printf (mx, "%02x", mb[i]);
    h = g_string_free (hx, FALSE);
    m = g_string_free (mx, FALSE);
    sql = g_strdup_printf ("UPDATE audit_tip SET n_events = %d, last_id = %d, last_hash = x'%s', mac = x'%s'",
                           N_EVENTS, N_EVENTS, h, m);
  }
  tamper (f, sql);
  assert_broken (f, JLN_AUDIT_ERROR_SEAL, 0);
  /* Together with the rows after it: a rollback of the journal's end to an
   * older copy, which the file alone cannot tell (docs/security.md). */
  tamper (f, "DELETE FROM audit_events WHERE id > 6");
  assert_intact (f, N_EVENTS);
}

static void
test_no_key (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnTerritory) t = jln_territory_new ("Douai");

  tamper (f, "UPDATE organisation SET audit_secret = NULL");
  assert_broken (f, JLN_AUDIT_ERROR_NO_KEY, 0);
  /* No key, no journal: the write it would record is refused whole. */
  g_assert_false (jln_store_add_territory (f->store, t, "coach:1", &error));
  g_assert_error (error, JLN_AUDIT_ERROR, JLN_AUDIT_ERROR_NO_KEY);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_territories (f->store)), ==, N_EVENTS);
}

/* Honest writes after an attack continue the journal but never hide the
 * attack: the tip is not re-sealed over a cut, nor a bad seal replaced. */
static void
test_work_after_tamper (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnTerritory) a = jln_territory_new ("Douai");
  g_autoptr(JlnTerritory) b = jln_territory_new ("Arras");

  tamper (f, "DELETE FROM audit_events WHERE id > 4");
  g_assert_true (jln_store_add_territory (f->store, a, "coach:1", &error));
  g_assert_no_error (error);
  /* It follows the real end (event 6), so the gap shows before it. */
  assert_broken (f, JLN_AUDIT_ERROR_MISSING, 7);

  tamper (f, "UPDATE audit_tip SET mac = zeroblob (32)");
  g_assert_true (jln_store_add_territory (f->store, b, "coach:1", &error));
  g_assert_no_error (error);
  assert_broken (f, JLN_AUDIT_ERROR_MISSING, 7);
  tamper (f, "DELETE FROM audit_events WHERE id <= 4; DELETE FROM audit_events WHERE id = 7");
  assert_broken (f, JLN_AUDIT_ERROR_MISSING, 8);
}

static GBytes *
failing_seal (JlnAward  *award,
              gpointer   user_data,
              GError   **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no key today");
  return NULL;
}

/* An event commits with its write or not at all. */
static void
test_same_transaction (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnTerritory) twin = jln_territory_new ("Territoire 1");
  g_autoptr(JlnParticipant) p = jln_participant_new ("Lina", "B");
  g_autoptr(JlnBadge) badge = jln_badge_new ("cuisine", "Cuisiner");
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(GListModel) events = NULL;

  g_assert_false (jln_store_add_territory (f->store, twin, "coach:1", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  assert_intact (f, N_EVENTS);

  g_assert_true (jln_store_add_participant (f->store, p, "coach:1", &error));
  g_assert_true (jln_store_add_badge (f->store, badge, "coach:1", &error));
  g_assert_no_error (error);
  award = jln_award_new (jln_participant_get_id (p), jln_badge_get_version_id (badge), 0);
  g_assert_false (jln_store_add_award (f->store, award, "coach:1", failing_seal, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  assert_intact (f, N_EVENTS + 2);
  events = jln_store_list_audit_events (f->store, 1, NULL);
  {
    g_autoptr(JlnAuditEvent) last = g_list_model_get_item (events, 0);

    g_assert_cmpstr (jln_audit_event_get_action (last), ==, "badge.create");
  }
}

/* Hostile rows: clear error, bounded message, no crash. */
static void
test_hostile_rows (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = 0;

  tamper (f, "UPDATE audit_events SET action = printf ('%.*c', 100000, 'x') || char (27) || '[2J', "
             "at = x'00ff', actor = 42, detail = zeroblob (10) WHERE id = 2");
  g_assert_false (jln_store_verify_audit (f->store, &broken, NULL, &error));
  g_assert_error (error, JLN_AUDIT_ERROR, JLN_AUDIT_ERROR_ALTERED);
  g_assert_cmpint (broken, ==, 2);
  g_assert_cmpuint (strlen (error->message), <, 400);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static const char *
newest_action (JlnStore *store)
{
  g_autoptr(GListModel) events = jln_store_list_audit_events (store, 1, NULL);
  g_autoptr(JlnAuditEvent) last = g_list_model_get_item (events, 0);
  static char action[64];

  g_assert_cmpstr (jln_audit_event_get_actor (last), ==, "coach:1");
  g_strlcpy (action, jln_audit_event_get_action (last), sizeof action);
  return action;
}

/* Key operations are journalled, under the caller, and only when the key
 * does change. */
static void
test_key_operations (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint8 raw[32] = { 1 };
  g_autoptr(GBytes) first = g_bytes_new (raw, sizeof raw);
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(JlnOrganisation) org = NULL;
  g_autoptr(GBytes) other = NULL;

  kept = jln_store_ensure_signing_seed (f->store, first, "coach:1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (newest_action (f->store), ==, "organisation.key");
  raw[0] = 2;
  other = g_bytes_new (raw, sizeof raw);
  again = jln_store_ensure_signing_seed (f->store, other, "coach:1", &error);
  g_assert_true (g_bytes_equal (again, first));
  assert_intact (f, N_EVENTS + 1);

  org = jln_store_get_organisation (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (jln_store_set_organisation (f->store, org, "coach:1", &error));
  g_assert_cmpstr (newest_action (f->store), ==, "organisation.update");
  assert_intact (f, N_EVENTS + 2);
  g_clear_pointer (&org->signing_seed, g_bytes_unref);
  org->signing_seed = g_bytes_ref (other);
  g_assert_true (jln_store_set_organisation (f->store, org, "coach:1", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (newest_action (f->store), ==, "organisation.key");
  assert_intact (f, N_EVENTS + 4);
}

static void
test_migrated (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = jln_test_make_tmp_dir ("jalons-test-audit-v1");
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "core", "fixtures", "jalons-v1.db", NULL);
  g_autofree char *contents = NULL;
  Fixture f = { NULL };
  gsize len;
  gint64 broken = 0;
  guint64 n = 0;

  g_assert_true (g_file_get_contents (fixture, &contents, &len, &error));
  g_assert_no_error (error);
  f.dir = g_steal_pointer (&dir);
  f.path = g_build_filename (f.dir, "jalons.db", NULL);
  g_assert_true (g_file_set_contents (f.path, contents, len, NULL));
  {
    /* Old rows as the old code wrote them, names included. */
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (f.path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db,
      "INSERT INTO audit_events (at, actor, action, subject, detail) VALUES "
      "('2025-05-03T09:00:00Z', 'Accueil Nord', 'participant.create', 'participant:3', 'Yanis M.'),"
      "('2025-05-03T09:01:00Z', 'demo', 'badge.create', 'badge:1', 'Tenir son budget'),"
      "('2025-05-03T09:02:00Z', 'Karim Benali', 'award.revoke', 'award:2', 'Émilie a triché');",
      NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  /* The old history (four events) starts the chain; new events follow it. */
  f.store = jln_store_open (f.path, &error);
  g_assert_no_error (error);
  g_assert_true (jln_store_verify_audit (f.store, &broken, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);
  /* ...without the names it held: coaches by id, others unknown. */
  {
    static const char *expected[][2] = {
      { "coach:1", "participant:1 badge:1 version:1" },
      { "account:unknown", NULL },
      { "system", "Tenir son budget" },
      { "coach:1", NULL },
    };
    g_autoptr(GListModel) events = jln_store_list_audit_events (f.store, 0, &error);

    g_assert_cmpuint (g_list_model_get_n_items (events), ==, 4);
    for (guint i = 0; i < 4; i++)
      {
        /* Newest first. */
        g_autoptr(JlnAuditEvent) old = g_list_model_get_item (events, 3 - i);

        g_assert_cmpstr (jln_audit_event_get_actor (old), ==, expected[i][0]);
        g_assert_cmpstr (jln_audit_event_get_detail (old), ==, expected[i][1]);
      }
  }
  {
    g_autoptr(JlnTerritory) t = jln_territory_new ("Douai");

    g_assert_true (jln_store_add_territory (f.store, t, "coach:1", &error));
    g_assert_no_error (error);
  }
  assert_intact (&f, 5);
  /* The migrated event is guarded like the others. */
  tamper (&f, "UPDATE audit_events SET detail = 'participant:2 badge:1 version:1' WHERE id = 1");
  assert_broken (&f, JLN_AUDIT_ERROR_ALTERED, 1);
  fixture_teardown (&f, NULL);
}

/* An old file whose journal guard an attacker had dropped (the sqlite3
 * shell, before the chain existed) still opens: its history starts the
 * chain as found, and the guard is back. */
static void
test_migrated_unguarded (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = jln_test_make_tmp_dir ("jalons-test-audit-v1-unguarded");
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "core", "fixtures", "jalons-v1.db", NULL);
  g_autofree char *contents = NULL;
  Fixture f = { NULL };
  gsize len;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (fixture, &contents, &len, &error));
  f.dir = g_steal_pointer (&dir);
  f.path = g_build_filename (f.dir, "jalons.db", NULL);
  g_assert_true (g_file_set_contents (f.path, contents, len, NULL));
  g_assert_cmpint (sqlite3_open (f.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_events_no_update;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f.store = jln_store_open (f.path, &error);
  g_assert_no_error (error);
  g_assert_true (jln_store_verify_audit (f.store, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (f.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_events SET detail = 'x' WHERE id = 1;", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
  fixture_teardown (&f, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/audit/fresh-verifies", test_fresh);
  ADD ("/audit/edit-fields", test_edit_fields);
  ADD ("/audit/delete-middle", test_delete_middle);
  ADD ("/audit/delete-first", test_delete_first);
  ADD ("/audit/swap", test_swap);
  ADD ("/audit/truncate", test_truncate);
  ADD ("/audit/truncate-all", test_truncate_all);
  ADD ("/audit/tip", test_tip);
  ADD ("/audit/old-tip", test_old_tip);
  ADD ("/audit/no-key", test_no_key);
  ADD ("/audit/work-after-tamper", test_work_after_tamper);
  ADD ("/audit/same-transaction", test_same_transaction);
  ADD ("/audit/hostile-rows", test_hostile_rows);
  ADD ("/audit/key-operations", test_key_operations);
#undef ADD
  g_test_add_func ("/audit/migrated-v1", test_migrated);
  g_test_add_func ("/audit/migrated-v1-unguarded", test_migrated_unguarded);
  return g_test_run ();
}
