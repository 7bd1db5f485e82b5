/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-test"
#define _GNU_SOURCE /* setresuid */

#include <errno.h>
#include <grp.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "core/jln-atomic-file.h"
#include "service/jln-session.h"
#include "store/jln-demo.h"
#include "store/jln-store.h"
#include "jln-test-common.h"

/* Backups, restore, the integrity check at open, read-only files and
 * folders, and the private modes of everything the store creates. */

/* Set in the environment of the helper run of this binary that opens a
 * database as an unprivileged user (see main()). */
#define OPEN_AS_NOBODY_ENV "JALONS_TEST_OPEN_AS_NOBODY"
#define NOBODY 65534
#define HELPER_CANNOT_DROP 77

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

  f->dir = jln_test_make_tmp_dir ("jalons-test-backups");
  f->path = g_build_filename (f->dir, "jalons.db", NULL);
  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);
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

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
add_participant (JlnStore   *store,
                 const char *first_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnParticipant) p = jln_participant_new (first_name, "Test");

  g_assert_true (jln_store_add_participant (store, p, "Test", &error));
  g_assert_no_error (error);
}

/* The participants' first names, sorted, joined by commas. */
static char *
dup_names (JlnStore *store)
{
  GListModel *model = jln_store_get_participants (store);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (model, i);
      g_ptr_array_add (names, g_strdup (jln_participant_get_first_name (p)));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

/* Every entry of @dir (hidden temporary files too), sorted, joined. */
static char *
dup_dir_listing (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
make_backup (JlnStore *store,
             guint     keep)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;

  g_assert_true (jln_store_backup (store, keep, &path, &error));
  g_assert_no_error (error);
  g_assert_nonnull (path);
  return path;
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* ------------------------------------------------------------------ */
/* backup and restore                                                 */

static void
test_backup_layout (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = jln_store_dup_backups_dir (f->store);
  g_autofree char *expected_dir = g_build_filename (f->dir, "jalons-files", "backups", NULL);
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  add_participant (f->store, "Amina");
  path = make_backup (f->store, 0);
  g_assert_cmpstr (dir, ==, expected_dir);
  g_assert_true (g_str_has_prefix (path, dir));
  name = g_path_get_basename (path);
  g_assert_true (g_str_has_prefix (name, "jalons-"));
  g_assert_true (g_str_has_suffix (name, "Z.db"));
  when = jln_store_get_backup_time (f->store, path);
  g_assert_nonnull (when);
  g_assert_null (jln_store_get_backup_time (f->store, "/x/jalons-2026.db"));
  g_assert_null (jln_store_get_backup_time (f->store, "/x/other-20260101T000000.000000Z.db"));

  /* A plain rollback-journal file (header bytes 18-19 = 1): it opens on
   * read-only media with no -wal/-shm; and nothing else was left. */
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_cmpuint (len, >, 100);
  g_assert_cmpint (contents[18], ==, 1);
  g_assert_cmpint (contents[19], ==, 1);
  {
    g_autofree char *listing = dup_dir_listing (dir);
    g_assert_cmpstr (listing, ==, name);
  }
  list = jln_store_list_backups (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (list->pdata[0], ==, path);
  g_assert_true (jln_store_check_backup (f->store, path, &error));
  g_assert_no_error (error);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(GListModel) journal = NULL;
  g_autoptr(JlnAuditEvent) last = NULL;

  add_participant (f->store, "Amina");
  add_participant (f->store, "Bruno");
  backup = make_backup (f->store, 0);
  add_participant (f->store, "Chloé");
  g_assert_true (jln_store_archive_participant (f->store,
                                                jln_participant_get_id (jln_store_lookup_participant (f->store, 1)),
                                                "Test", &error));
  g_assert_no_error (error);
  names = dup_names (f->store);
  g_assert_cmpstr (names, ==, "Bruno,Chloé");
  g_clear_pointer (&names, g_free);

  g_assert_true (jln_store_restore_backup (f->store, backup, "Karim", &kept, &error));
  g_assert_no_error (error);
  /* The live models show the backup's data at once. */
  names = dup_names (f->store);
  g_assert_cmpstr (names, ==, "Amina,Bruno");
  g_clear_pointer (&names, g_free);
  /* The content replaced was kept, and holds what was replaced. */
  g_assert_nonnull (kept);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (file_mode (kept), ==, 0600);
  journal = jln_store_list_audit_events (f->store, 1, &error);
  g_assert_no_error (error);
  last = g_list_model_get_item (journal, 0);
  g_assert_cmpstr (jln_audit_event_get_action (last), ==, "database.restore");
  g_assert_cmpstr (jln_audit_event_get_actor (last), ==, "Karim");
  /* Journalled with the restored file's own key: its chain holds. */
  g_assert_true (jln_store_verify_audit (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  /* A new session opens on the restored file. */
  session = jln_session_open (f->path, NULL, &error);
  g_assert_no_error (error);
  names = dup_names (jln_session_get_store (session));
  g_assert_cmpstr (names, ==, "Amina,Bruno");
  g_clear_pointer (&names, g_free);
  g_clear_object (&session);

  /* And the kept copy is a backup one can go back to. */
  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (jln_store_restore_backup (f->store, kept, "Karim", NULL, &error));
  g_assert_no_error (error);
  names = dup_names (f->store);
  g_assert_cmpstr (names, ==, "Bruno,Chloé");
}

/* Through the session: the issuer is rebuilt and still signs. */
static void
test_session_restore (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnSession) session = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *names = NULL;
  g_autofree char *did = NULL;
  JlnIssuer *before;

  session = jln_session_new (f->store, NULL, &error);
  g_assert_no_error (error);
  did = g_strdup (jln_session_get_issuer_id (session));
  add_participant (f->store, "Amina");
  g_assert_true (jln_session_backup_now (session, &backup, &error));
  g_assert_no_error (error);
  add_participant (f->store, "Bruno");
  before = jln_session_get_issuer (session);
  g_object_add_weak_pointer (G_OBJECT (before), (gpointer *) &before);
  g_assert_true (jln_session_restore_backup (session, backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (before); /* replaced, not leaked */
  g_assert_cmpstr (jln_session_get_issuer_id (session), ==, did);
  names = dup_names (jln_session_get_store (session));
  g_assert_cmpstr (names, ==, "Amina");
}

/* A backup from an older Jalons (the v1 fixture) is brought up to date on
 * the private copy; the file offered is left byte for byte as it was,
 * with nothing written beside it. */
static void
test_restore_older_schema (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "core", "fixtures", "jalons-v1.db", NULL);
  g_autofree char *offered_dir = g_build_filename (f->dir, "usb", NULL);
  g_autofree char *offered = g_build_filename (offered_dir, "old.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  gsize len, len_after;

  g_assert_true (g_file_get_contents (fixture, &before, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (offered_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (offered, before, len, &error));
  add_participant (f->store, "Zoé");

  g_assert_true (jln_store_restore_backup (f->store, offered, "Test", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jln_store_get_schema_version (f->store), ==, jln_store_latest_schema_version ());
  /* The old file's journal was chained on the way in. */
  g_assert_true (jln_store_verify_audit (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The fixture's two participants not archived (see /store/migration-from-v1). */
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_participants (f->store)), ==, 2);
  g_assert_true (g_file_get_contents (offered, &after, &len_after, &error));
  g_assert_cmpmem (before, len, after, len_after);
  listing = dup_dir_listing (offered_dir);
  g_assert_cmpstr (listing, ==, "old.db");

  g_clear_object (&f->store);
  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_participants (f->store)), ==, 2);
}

typedef enum {
  BAD_FLIPPED,
  BAD_TRUNCATED,
  BAD_TEXT,
  BAD_EMPTY,
  BAD_FOREIGN,
  BAD_MISSING,
} BadKind;

/* Overwrites bytes in the middle of the last page: its b-tree page header
 * and cells, which integrity_check reads. */
static void
flip_page (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_cmpuint (len, >=, 2 * 4096);
  for (gsize i = len - 4096; i < len - 4096 + 64; i++)
    contents[i] ^= 0x5a;
  g_assert_true (g_file_set_contents (path, contents, len, &error));
}

static char *
make_bad_file (Fixture *f,
               BadKind  kind,
               const char *good)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *bad = g_build_filename (f->dir, "candidate.db", NULL);
  gsize len;

  switch (kind)
    {
    case BAD_FLIPPED:
      g_assert_true (g_file_get_contents (good, &contents, &len, &error));
      g_assert_true (g_file_set_contents (bad, contents, len, &error));
      flip_page (bad);
      break;
    case BAD_TRUNCATED:
      g_assert_true (g_file_get_contents (good, &contents, &len, &error));
      g_assert_true (g_file_set_contents (bad, contents, len / 2, &error));
      break;
    case BAD_TEXT:
      g_assert_true (g_file_set_contents (bad, "Liste des participants\nAmina;Bruno\n", -1, &error));
      break;
    case BAD_EMPTY:
      g_assert_true (g_file_set_contents (bad, "", 0, &error));
      break;
    case BAD_FOREIGN:
      {
        /* Another application's SQLite file: our own backup with another
         * application_id (offset 68) is enough to be foreign. */
        g_assert_true (g_file_get_contents (good, &contents, &len, &error));
        memcpy (contents + 68, "XXXX", 4);
        g_assert_true (g_file_set_contents (bad, contents, len, &error));
        break;
      }
    case BAD_MISSING:
      break;
    }
  g_assert_no_error (error);
  return bad;
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  BadKind kind = GPOINTER_TO_INT (data);
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *names_before = NULL;
  g_autofree char *names_after = NULL;
  g_autofree char *dir = jln_store_dup_backups_dir (f->store);
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_autofree char *db_before = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  int expected = kind == BAD_MISSING ? JLN_STORE_ERROR_NOT_FOUND : JLN_STORE_ERROR_NOT_A_BACKUP;

  /* Enough rows for several pages. */
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *name = g_strdup_printf ("Personne %03u avec un prénom assez long", i);
      add_participant (f->store, name);
    }
  good = make_backup (f->store, 0);
  add_participant (f->store, "Zoé");
  bad = make_bad_file (f, kind, good);
  names_before = dup_names (f->store);
  listing_before = dup_dir_listing (dir);

  g_assert_false (jln_store_check_backup (f->store, bad, &error));
  g_assert_error (error, JLN_STORE_ERROR, expected);
  g_assert_nonnull (strstr (error->message, bad));
  g_clear_error (&error);

  g_assert_false (jln_store_restore_backup (f->store, bad, "Test", &kept, &error));
  g_assert_error (error, JLN_STORE_ERROR, expected);
  g_assert_nonnull (strstr (error->message, bad));
  g_assert_null (kept);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* Nothing changed: data, backups folder (no kept copy, no temporary). */
  names_after = dup_names (f->store);
  g_assert_cmpstr (names_after, ==, names_before);
  listing_after = dup_dir_listing (dir);
  g_assert_cmpstr (listing_after, ==, listing_before);
  g_clear_object (&f->store);
  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);
  db_before = dup_names (f->store);
  g_assert_cmpstr (db_before, ==, names_before);
  g_assert_true (jln_store_check_writable (f->store, &error));
}

/* A backup from a newer Jalons is refused as such. */
static void
test_refused_too_new (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *good = make_backup (f->store, 0);
  g_autofree char *contents = NULL;
  g_autofree char *bad = g_build_filename (f->dir, "future.db", NULL);
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (good, &contents, &len, &error));
  /* user_version, offset 60, big-endian */
  contents[60] = 0x7f;
  g_assert_true (g_file_set_contents (bad, contents, len, &error));
  g_assert_false (jln_store_restore_backup (f->store, bad, "Test", NULL, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_TOO_NEW);
}

static void
test_rotation (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = jln_store_dup_backups_dir (f->store);
  g_autofree char *foreign = g_build_filename (dir, "notes.txt", NULL);

  g_ptr_array_add (made, make_backup (f->store, 3));
  g_assert_true (g_file_set_contents (foreign, "mine", -1, &error));
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (made, make_backup (f->store, 3));

  list = jln_store_list_backups (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  /* The three newest, newest first; the two oldest gone. */
  g_assert_cmpstr (list->pdata[0], ==, made->pdata[4]);
  g_assert_cmpstr (list->pdata[1], ==, made->pdata[3]);
  g_assert_cmpstr (list->pdata[2], ==, made->pdata[2]);
  g_assert_false (g_file_test (made->pdata[0], G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (made->pdata[1], G_FILE_TEST_EXISTS));
  /* A file that is not one of ours is never rotated away. */
  g_assert_true (g_file_test (foreign, G_FILE_TEST_EXISTS));
}

/* The copy fails mid-way (the file size limit makes the disk "full" after
 * a few pages): no file of the final name, no temporary left. */
static void
test_interrupted (Fixture       *f,
                  gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      JlnDemoOptions options = JLN_DEMO_OPTIONS_INIT;
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = jln_store_dup_backups_dir (f->store);
      g_autofree char *listing = NULL;
      g_autoptr(GPtrArray) list = NULL;
      struct rlimit limit = { 32 * 1024, 32 * 1024 };
      char *path = NULL;
      GStatBuf st;

      options.n_participants = 60;
      options.n_awards = 200;
      g_assert_true (jln_demo_build (f->store, &options, &error));
      g_assert_no_error (error);
      /* The last close folds the WAL into the file, to measure it. */
      g_clear_object (&f->store);
      f->store = jln_store_open (f->path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_assert_cmpint (g_stat (f->path, &st), ==, 0);
      /* Mid-way for real: the database is several times the limit. */
      g_assert_cmpint (st.st_size, >, 4 * (goffset) limit.rlim_cur);

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (jln_store_backup (f->store, 0, &path, &error));
      g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "full"));
      g_assert_null (path);

      listing = dup_dir_listing (dir);
      g_assert_cmpstr (listing, ==, "");
      list = jln_store_list_backups (f->store, NULL);
      g_assert_cmpuint (list->len, ==, 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ------------------------------------------------------------------ */
/* the schedule (through the session and its settings)                */

static GSettings *
new_settings (guint interval_hours,
              guint kept)
{
  GSettings *settings = g_settings_new (APP_ID);

  g_settings_set_uint (settings, JLN_SESSION_BACKUP_INTERVAL_KEY, interval_hours);
  g_settings_set_uint (settings, JLN_SESSION_BACKUPS_KEPT_KEY, kept);
  return settings;
}

static guint
n_backups (JlnStore *store)
{
  g_autoptr(GPtrArray) list = jln_store_list_backups (store, NULL);

  g_assert_nonnull (list);
  return list->len;
}

static void
test_scheduled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = new_settings (24, 10);
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GDateTime) newest = NULL;
  g_autoptr(GDateTime) early = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) past = NULL;
  gboolean made = TRUE;

  /* No backup yet: opening makes one. */
  session = jln_session_new (f->store, settings, &error);
  g_assert_no_error (error);
  g_assert_null (jln_session_get_scheduled_backup_error (session));
  g_assert_nonnull (jln_session_get_scheduled_backup_path (session));
  g_assert_cmpuint (n_backups (f->store), ==, 1);
  g_clear_object (&session);

  /* Just made: opening again makes none. */
  session = jln_session_new (f->store, settings, &error);
  g_assert_no_error (error);
  g_assert_null (jln_session_get_scheduled_backup_path (session));
  g_assert_cmpuint (n_backups (f->store), ==, 1);

  /* Measured from the newest backup's own time, not the clock. */
  list = jln_store_list_backups (f->store, &error);
  newest = jln_store_get_backup_time (f->store, list->pdata[0]);
  early = g_date_time_add_hours (newest, 23);
  g_assert_true (jln_session_make_scheduled_backup (session, early, &made, &error));
  g_assert_no_error (error);
  g_assert_false (made);
  g_assert_cmpuint (n_backups (f->store), ==, 1);

  due = g_date_time_add_hours (newest, 24);
  g_assert_true (jln_session_make_scheduled_backup (session, due, &made, &error));
  g_assert_no_error (error);
  g_assert_true (made);
  g_assert_cmpuint (n_backups (f->store), ==, 2);

  /* The clock set back a year: the "future" backups do not hold off the
   * next one. */
  past = g_date_time_add_years (newest, -1);
  g_assert_true (jln_session_make_scheduled_backup (session, past, &made, &error));
  g_assert_true (made);

  /* Interval 0: never scheduled. */
  g_settings_set_uint (settings, JLN_SESSION_BACKUP_INTERVAL_KEY, 0);
  g_assert_true (jln_session_make_scheduled_backup (session, due, &made, &error));
  g_assert_false (made);
  g_assert_cmpuint (n_backups (f->store), ==, 3);

  /* Backing up now follows the kept setting. */
  g_settings_set_uint (settings, JLN_SESSION_BACKUPS_KEPT_KEY, 2);
  g_assert_true (jln_session_backup_now (session, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_backups (f->store), ==, 2);
}

/* ------------------------------------------------------------------ */
/* damage at open                                                     */

#define MARKER "ZZ-marker-for-the-damage-test-ZZ"

/* Zeroes the b-tree header of the page that holds @marker: the journal's
 * pages are not read by the lists, so the store opens and only the
 * integrity check sees it. */
static void
damage_page_with (const char *path,
                  const char *marker)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len, page;
  const char *hit;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  hit = memmem (contents, len, marker, strlen (marker)); /* the file holds NUL bytes */
  g_assert_nonnull (hit);
  page = (gsize) (hit - contents) / 4096;
  g_assert_cmpuint (page, >, 0);
  memset (contents + page * 4096, 0xff, 8);
  g_assert_true (g_file_set_contents (path, contents, len, &error));
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *names = NULL;
  g_autoptr(JlnParticipant) p = jln_participant_new ("Zoé", "Test");
  g_autoptr(GSettings) settings = new_settings (24, 10);
  g_autoptr(JlnSession) session = NULL;

  /* A first session stores the signing key, which a session on the
   * damaged file then only reads. */
  session = jln_session_new (f->store, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&session);
  add_participant (f->store, "Amina");
  for (guint i = 0; i < 400; i++)
    g_assert_true (jln_store_append_audit (f->store, "Test", "test.filler", NULL,
                                           i < 399 ? "filler filler filler filler filler" : MARKER,
                                           &error));
  g_assert_no_error (error);
  good = make_backup (f->store, 0);
  g_clear_object (&f->store); /* the last close folds the WAL into the file */
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  damage_page_with (f->path, MARKER);

  g_test_expect_message ("jln-store", G_LOG_LEVEL_MESSAGE, "*failed its integrity check*");
  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);
  /* Reads work; every write is refused, naming the good backup. */
  names = dup_names (f->store);
  g_assert_cmpstr (names, ==, "Amina");
  g_assert_false (jln_store_check_writable (f->store, &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, good));
  g_clear_error (&error);
  g_assert_false (jln_store_add_participant (f->store, p, "Test", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, good));
  g_clear_error (&error);
  g_assert_false (jln_store_begin (f->store, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  /* No backup of the damage pushes a good one out of the rotation. */
  g_assert_false (jln_store_backup (f->store, 1, NULL, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  g_assert_cmpuint (n_backups (f->store), ==, 1);

  /* The session opens (reading); a due scheduled backup says why none. */
  session = jln_session_new (f->store, settings, &error);
  g_assert_no_error (error);
  g_assert_null (jln_session_get_scheduled_backup_path (session));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) later = g_date_time_add_days (now, 2);
    gboolean made = TRUE;

    g_assert_false (jln_session_make_scheduled_backup (session, later, &made, &error));
    g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_DAMAGED);
    g_assert_false (made);
    g_clear_error (&error);
    g_assert_cmpuint (n_backups (f->store), ==, 1);
  }

  /* The way out: restore the good backup; writes work again and the
   * damaged bytes are kept aside. */
  g_assert_true (jln_session_restore_backup (session, good, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jln_store_check_writable (f->store, &error));
  g_assert_true (jln_store_add_participant (f->store, p, "Test", &error));
  g_assert_no_error (error);
  g_clear_object (&session);
  g_clear_object (&f->store);
  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (jln_store_check_writable (f->store, &error));
  g_clear_pointer (&names, g_free);
  names = dup_names (f->store);
  g_assert_cmpstr (names, ==, "Amina,Zoé");
}

/* Damaged with no backup at all: the message says so. */
static void
test_damaged_no_backup (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 400; i++)
    g_assert_true (jln_store_append_audit (f->store, "Test", "test.filler", NULL,
                                           i < 399 ? "filler filler filler filler filler" : MARKER,
                                           NULL));
  g_clear_object (&f->store);
  damage_page_with (f->path, MARKER);
  g_test_expect_message ("jln-store", G_LOG_LEVEL_MESSAGE, "*failed its integrity check*");
  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (jln_store_append_audit (f->store, "Test", "x", NULL, NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "no good backup"));
}

/* So damaged that the lists do not load: the open fails, naming the good
 * backup, and the restore with no store open is the way out. */
static void
test_damaged_unreadable (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *names = NULL;

  add_participant (f->store, "Amina");
  good = make_backup (f->store, 0);
  for (guint i = 0; i < 300; i++)
    add_participant (f->store, i < 299 ? "Personne au prénom assez long pour remplir" : MARKER);
  g_clear_object (&f->store);
  damage_page_with (f->path, MARKER);

  g_test_expect_message ("jln-store", G_LOG_LEVEL_MESSAGE, "*failed its integrity check*");
  f->store = jln_store_open (f->path, &error);
  g_test_assert_expected_messages ();
  g_assert_null (f->store);
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, good));
  g_clear_error (&error);

  g_test_expect_message ("jln-store", G_LOG_LEVEL_MESSAGE, "*failed its integrity check*");
  g_assert_true (jln_store_restore_backup_at (f->path, good, "Test", &kept, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  /* The damaged bytes are kept aside, outside the rotation. */
  g_assert_nonnull (strstr (kept, "-damaged-"));
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (file_mode (kept), ==, 0600);

  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);
  names = dup_names (f->store);
  g_assert_cmpstr (names, ==, "Amina");
  g_assert_true (jln_store_check_writable (f->store, &error));
}

/* ------------------------------------------------------------------ */
/* read-only file or folder                                           */

/* The helper run: opens $OPEN_AS_NOBODY_ENV as user "nobody" when run as
 * root (root ignores permission bits), prints "<code>\n<message>". */
static int
open_as_nobody (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnStore) store = NULL;

  if (geteuid () == 0
      && (setgroups (0, NULL) != 0 || setresgid (NOBODY, NOBODY, NOBODY) != 0
          || setresuid (NOBODY, NOBODY, NOBODY) != 0))
    {
      g_printerr ("cannot drop privileges: %s\n", g_strerror (errno));
      return HELPER_CANNOT_DROP;
    }
  store = jln_store_open (path, &error);
  if (store != NULL)
    g_print ("ok\n");
  else
    g_print ("%d\n%s\n", error->code, error->message);
  return 0;
}

/* Runs the helper on @path; NULL when it cannot drop privileges (the test
 * is then skipped, saying why). */
static char *
run_open_as_nobody (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), OPEN_AS_NOBODY_ENV, path, TRUE);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_exe, NULL };
  char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (WIFEXITED (status) && WEXITSTATUS (status) == HELPER_CANNOT_DROP)
    {
      g_autofree char *reason = g_strdup_printf ("running as root and %s", err);
      g_test_skip (reason);
      g_free (out);
      return NULL;
    }
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  return out;
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  gboolean folder = GPOINTER_TO_INT (data);
  g_autofree char *out = NULL;
  g_autofree char *expected_code = g_strdup_printf ("%d\n", JLN_STORE_ERROR_READ_ONLY);
  g_autofree char *dir = NULL;

  add_participant (f->store, "Amina");
  g_clear_object (&f->store);

  /* Readable by anyone (the helper may run as nobody), writable by none. */
  g_assert_cmpint (g_chmod (f->dir, folder ? 0555 : 0755), ==, 0);
  g_assert_cmpint (g_chmod (f->path, folder ? 0666 : 0444), ==, 0);
  out = run_open_as_nobody (f->path);
  g_chmod (f->dir, 0700);
  if (out == NULL)
    return;
  g_test_message ("%s", out);
  g_assert_true (g_str_has_prefix (out, expected_code));
  g_assert_null (strstr (out, "damaged"));
  g_assert_true (strstr (out, "read-only") != NULL || strstr (out, "cannot write") != NULL);
  dir = g_path_get_dirname (f->path);
  g_assert_nonnull (strstr (out, folder ? dir : f->path));
}

/* ------------------------------------------------------------------ */
/* private modes                                                      */

static void
test_modes (void)
{
  g_autofree char *dir = jln_test_make_tmp_dir ("jalons-test-modes");
  g_autofree char *path = g_build_filename (dir, "sub", "jalons.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *backups_dir = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *written = g_build_filename (dir, "status-list.json", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{}", 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnStore) store = NULL;
  mode_t old = umask (022);

  store = jln_store_open (path, &error);
  g_assert_no_error (error);
  add_participant (store, "Amina");
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
  {
    g_autofree char *sub = g_path_get_dirname (path);
    g_assert_cmpuint (file_mode (sub), ==, 0700);
  }
  backup = make_backup (store, 0);
  backups_dir = jln_store_dup_backups_dir (store);
  g_assert_cmpuint (file_mode (backup), ==, 0600);
  g_assert_cmpuint (file_mode (backups_dir), ==, 0700);
  g_assert_true (jln_store_restore_backup (store, backup, "Test", &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (kept), ==, 0600);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  /* Every other file the app writes (exported keys, badges, lists) goes
   * through the atomic writer. */
  g_assert_true (jln_atomic_file_write (written, bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (written), ==, 0600);

  umask (old);
  g_clear_object (&store);
  jln_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  const char *helper = g_getenv (OPEN_AS_NOBODY_ENV);

  if (helper != NULL)
    return open_as_nobody (helper);

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add ("/store-backups/" name, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("layout", test_backup_layout, NULL);
  ADD ("round-trip", test_round_trip, NULL);
  ADD ("session-restore", test_session_restore, NULL);
  ADD ("restore-older-schema", test_restore_older_schema, NULL);
  ADD ("refused/flipped-bytes", test_refused, GINT_TO_POINTER (BAD_FLIPPED));
  ADD ("refused/truncated", test_refused, GINT_TO_POINTER (BAD_TRUNCATED));
  ADD ("refused/text", test_refused, GINT_TO_POINTER (BAD_TEXT));
  ADD ("refused/empty", test_refused, GINT_TO_POINTER (BAD_EMPTY));
  ADD ("refused/other-application", test_refused, GINT_TO_POINTER (BAD_FOREIGN));
  ADD ("refused/missing", test_refused, GINT_TO_POINTER (BAD_MISSING));
  ADD ("refused/too-new", test_refused_too_new, NULL);
  ADD ("rotation", test_rotation, NULL);
  ADD ("interrupted", test_interrupted, NULL);
  ADD ("scheduled", test_scheduled, NULL);
  ADD ("damaged", test_damaged, NULL);
  ADD ("damaged-no-backup", test_damaged_no_backup, NULL);
  ADD ("damaged-unreadable", test_damaged_unreadable, NULL);
  ADD ("read-only/file", test_read_only, GINT_TO_POINTER (FALSE));
  ADD ("read-only/folder", test_read_only, GINT_TO_POINTER (TRUE));
#undef ADD
  g_test_add_func ("/store-backups/modes", test_modes);

  return g_test_run ();
}
