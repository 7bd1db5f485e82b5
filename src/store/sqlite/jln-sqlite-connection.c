/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "openbadges/jln-ob-json.h"
#include "jln-sqlite-private.h"

/* The connection: opening, migrating, the statement cache, transactions,
 * the changed-elsewhere feed and the helpers the aggregate files share. */

#define DEFAULT_BUSY_TIMEOUT_MS 3000

static void jln_sqlite_backend_iface_init (JlnStoreBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JlnSqliteBackend, jln_sqlite_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (JLN_TYPE_STORE_BACKEND,
                                                      jln_sqlite_backend_iface_init))

/* ------------------------------------------------------------------ */
/* errors and statements                                              */

void
jln_sqlite_set_error (JlnSqliteBackend  *self,
                      int                rc,
                      GError           **error)
{
  int primary = rc & 0xff;

  switch (primary)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_BUSY,
                           _("Another Jalons window is saving: try again in a moment."));
      break;
    case SQLITE_CONSTRAINT:
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This change conflicts with what is already saved, so it was not saved."));
      break;
    case SQLITE_FULL:
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                           _("The disk is full: free some space, then try again."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      /* Permissions or a read-only disk: the data is fine, so never say
       * "damaged" here. */
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_READ_ONLY,
                   _("Jalons cannot write to the database “%s”: the file or its folder is read-only. "
                     "Make both writable, or copy the database to a folder of yours and open the copy."),
                   self && self->path ? self->path : "");
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("Jalons cannot write its database file (%s)."),
                   self && self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_DATABASE,
                   _("The database “%s” is damaged: Jalons left it untouched. Restore a backup."),
                   self && self->path ? self->path : "");
      break;
    default:
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_FAILED,
                   _("Saving failed (%s)."),
                   self && self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
    }
}

void
jln_sqlite_set_last_error (JlnSqliteBackend  *self,
                           GError           **error)
{
  jln_sqlite_set_error (self, sqlite3_extended_errcode (self->db), error);
}

void
jln_sqlite_stmt_release (JlnSqliteStmt *stmt)
{
  /* A statement left mid-step keeps a read snapshot open. */
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

gboolean
jln_sqlite_exec (JlnSqliteBackend  *self,
                 const char        *sql,
                 GError           **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      jln_sqlite_set_last_error (self, error);
      return FALSE;
    }
  return TRUE;
}

JlnSqliteStmt *
jln_sqlite_prepare (JlnSqliteBackend  *self,
                    const char        *sql,
                    GError           **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_warning ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      jln_sqlite_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->stmts, (gpointer) sql, stmt);
  return stmt;
}

gboolean
jln_sqlite_step_done (JlnSqliteBackend  *self,
                      sqlite3_stmt      *stmt,
                      GError           **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      jln_sqlite_set_last_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

int
jln_sqlite_changes (JlnSqliteBackend *self)
{
  return sqlite3_changes (self->db);
}

gint64
jln_sqlite_last_id (JlnSqliteBackend *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

void
jln_sqlite_bind_text0 (sqlite3_stmt *stmt,
                       int           index,
                       const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
jln_sqlite_bind_id0 (sqlite3_stmt *stmt,
                     int           index,
                     gint64        id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

void
jln_sqlite_bind_bytes0 (sqlite3_stmt *stmt,
                        int           index,
                        GBytes       *bytes)
{
  if (bytes == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_blob (stmt, index, g_bytes_get_data (bytes, NULL),
                       g_bytes_get_size (bytes), SQLITE_TRANSIENT);
}

const char *
jln_sqlite_column_text (sqlite3_stmt *stmt,
                        int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

GBytes *
jln_sqlite_column_bytes0 (sqlite3_stmt *stmt,
                          int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;
  return g_bytes_new (sqlite3_column_blob (stmt, col), sqlite3_column_bytes (stmt, col));
}

/* ------------------------------------------------------------------ */
/* column text forms                                                  */

char *
jln_sqlite_format_timestamp (GDateTime *when)
{
  g_autoptr(GDateTime) utc = NULL;

  if (when == NULL)
    return NULL;
  utc = g_date_time_to_utc (when);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
jln_sqlite_format_date (GDateTime *when)
{
  g_autoptr(GDateTime) utc = NULL;

  if (when == NULL)
    return NULL;
  utc = g_date_time_to_utc (when);
  return g_date_time_format (utc, "%Y-%m-%d");
}

/* Parses what the two above wrote, quickly: thousands of rows go through
 * here at startup. */
GDateTime *
jln_sqlite_parse_timestamp (const char *text)
{
  int y, mo, d, h = 0, mi = 0, s = 0;

  if (text == NULL)
    return NULL;
  if (sscanf (text, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &s) == 6
      || sscanf (text, "%4d-%2d-%2d", &y, &mo, &d) == 3)
    return g_date_time_new_utc (y, mo, d, h, mi, s);
  return g_date_time_new_from_iso8601 (text, NULL);
}

/* Through the project's one JSON writer: json-glib's generator leaves
 * some control characters unescaped, which is not JSON. */
char *
jln_sqlite_strv_to_json (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return jln_ob_json_to_string (root, FALSE);
}

char **
jln_sqlite_json_to_strv (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL)
      && (root = json_parser_get_root (parser)) != NULL
      && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *s = json_array_get_string_element (array, i);
          if (s != NULL)
            g_strv_builder_add (builder, s);
        }
    }
  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------------ */
/* object                                                             */

static void
jln_sqlite_backend_finalize (GObject *object)
{
  JlnSqliteBackend *self = (JlnSqliteBackend *) object;
  GHashTableIter iter;
  gpointer stmt;

  jln_sqlite_finish_check (self);
  g_hash_table_iter_init (&iter, self->stmts);
  while (g_hash_table_iter_next (&iter, NULL, &stmt))
    sqlite3_finalize (stmt);
  g_hash_table_unref (self->stmts);
  if (self->db != NULL)
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }
  g_free (self->path);
  g_free (self->backup_path);
  g_free (self->damage);

  G_OBJECT_CLASS (jln_sqlite_backend_parent_class)->finalize (object);
}

static void
jln_sqlite_backend_class_init (JlnSqliteBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jln_sqlite_backend_finalize;
}

static void
jln_sqlite_backend_init (JlnSqliteBackend *self)
{
  self->stmts = g_hash_table_new (g_str_hash, g_str_equal);
}

/* ------------------------------------------------------------------ */
/* opening and migrating                                              */

int
jln_sqlite_latest_schema_version (void)
{
  guint n;
  const JlnSqliteMigration *migrations = jln_sqlite_get_migrations (&n);

  return migrations[n - 1].version;
}

/* Looks at the first bytes without SQLite, which would happily turn an
 * empty or foreign file into a database on the first write. */
static gboolean
check_header (const char  *path,
              gboolean    *out_empty,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16];
  FILE *file;
  size_t n;

  *out_empty = FALSE;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a file Jalons can use as its database."), path);
      return FALSE;
    }
  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("Cannot read the database “%s”: %s."), path, g_strerror (saved));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, file);
  fclose (file);
  if (n == 0)
    {
      *out_empty = TRUE;
      return TRUE;
    }
  if (n < sizeof header || memcmp (header, magic, sizeof header) != 0)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Jalons database: Jalons left it untouched."), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (JlnSqliteBackend  *self,
           const char        *sql,
           gint64            *out,
           GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      jln_sqlite_set_last_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* Decides, reading only, whether an existing file is ours and at which version. */
gboolean
jln_sqlite_inspect (JlnSqliteBackend  *self,
                    int               *out_version,
                    GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 version = 0, app_id = 0, n_tables = 0;

  if (!query_int (self, "PRAGMA user_version", &version, &local_error)
      || !query_int (self, "PRAGMA application_id", &app_id, &local_error)
      || !query_int (self, "SELECT count(*) FROM sqlite_master "
                           "WHERE name NOT LIKE 'sqlite_%'", &n_tables, &local_error))
    {
      /* Only a damaged file is called damaged: a folder where SQLite cannot
       * make its -shm file is said as such by the mapping. */
      if (g_error_matches (local_error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_DATABASE))
        g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_DATABASE,
                     _("The database “%s” is damaged: Jalons left it untouched. Restore a backup."),
                     self->path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if ((version == 0 && n_tables > 0)
      || (version > 0 && app_id != JLN_SQLITE_APPLICATION_ID))
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” belongs to another application: Jalons left it untouched."),
                   self->path);
      return FALSE;
    }
  if (version > jln_sqlite_latest_schema_version ())
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_TOO_NEW,
                   _("This database was saved by a newer Jalons (format %d; this version reads up to %d). Update Jalons to open it."),
                   (int) version, jln_sqlite_latest_schema_version ());
      return FALSE;
    }
  *out_version = (int) version;
  return TRUE;
}

static gboolean
backup_before_migration (JlnSqliteBackend  *self,
                         int                old_version,
                         GError           **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *backup_path = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  backup_path = g_strdup_printf ("%s.bak-v%d-%s", self->path, old_version, stamp);
  for (guint i = 2; g_file_test (backup_path, G_FILE_TEST_EXISTS); i++)
    {
      g_free (backup_path);
      backup_path = g_strdup_printf ("%s.bak-v%d-%s-%u", self->path, old_version, stamp, i);
    }

  rc = sqlite3_open_v2 (backup_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = (rc == SQLITE_DONE) ? SQLITE_OK : rc;
        }
    }
  sqlite3_close_v2 (dest);
  if (rc != SQLITE_OK)
    {
      g_unlink (backup_path);
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("Jalons must update the database but could not save a backup copy first (%s), so it changed nothing."),
                   sqlite3_errstr (rc));
      return FALSE;
    }
  g_message ("Backup of schema version %d written to %s", old_version, backup_path);
  self->backup_path = g_steal_pointer (&backup_path);
  return TRUE;
}

/* The part of a migration only the facade can do (keyed hashes), inside
 * the migration's transaction. */
static gboolean
run_upgrade_step (JlnSqliteBackend          *self,
                  const JlnSqliteMigration  *migration,
                  GError                   **error)
{
  if (!migration->upgrade)
    return TRUE;
  if (self->upgrade == NULL)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_MIGRATION,
                   _("Jalons could not prepare the database to format %d (%s)."),
                   migration->version, "no upgrade step");
      return FALSE;
    }
  return self->upgrade (JLN_STORE_BACKEND (self), migration->version, self->upgrade_data, error);
}

gboolean
jln_sqlite_migrate (JlnSqliteBackend  *self,
                    int                from_version,
                    GError           **error)
{
  guint n;
  const JlnSqliteMigration *migrations = jln_sqlite_get_migrations (&n);
  int version = from_version;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *set_version = NULL;
      g_autoptr(GError) local_error = NULL;

      if (migrations[i].version <= version)
        continue;
      set_version = g_strdup_printf ("PRAGMA user_version = %d", migrations[i].version);
      if (!jln_sqlite_exec (self, "BEGIN IMMEDIATE", &local_error)
          || !jln_sqlite_exec (self, migrations[i].sql, &local_error)
          || !run_upgrade_step (self, &migrations[i], &local_error)
          || (migrations[i].sql_after != NULL
              && !jln_sqlite_exec (self, migrations[i].sql_after, &local_error))
          || !jln_sqlite_exec (self, set_version, &local_error)
          || !jln_sqlite_exec (self, "COMMIT", &local_error))
        {
          g_warning ("Migration to schema %d (%s) failed: %s",
                     migrations[i].version, migrations[i].summary, sqlite3_errmsg (self->db));
          if (!sqlite3_get_autocommit (self->db))
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          if (g_error_matches (local_error, JLN_STORE_ERROR, JLN_STORE_ERROR_BUSY))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else if (self->backup_path != NULL)
            g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_MIGRATION,
                         _("Jalons could not update the database to format %d; it stays at format %d and a backup is in “%s”."),
                         migrations[i].version, version, self->backup_path);
          else
            g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_MIGRATION,
                         _("Jalons could not prepare the database to format %d (%s)."),
                         migrations[i].version, local_error->message);
          self->schema_version = version;
          return FALSE;
        }
      version = migrations[i].version;
    }
  self->schema_version = version;
  return TRUE;
}

/* Says which of the file and its folder cannot be written, before SQLite
 * does: SQLite would report a folder where it cannot make the -shm file as
 * "unable to open", which reads like damage. access() also answers EROFS
 * for a read-only disk, for root too. */
static gboolean
check_writable (const char  *path,
                gboolean     exists,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (exists && g_access (path, W_OK) != 0 && errno != ENOENT)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_READ_ONLY,
                   _("The database file “%s” is read-only, so Jalons cannot save to it. "
                     "Make the file writable (its properties, Permissions), or copy it to a folder of yours and open the copy."),
                   path);
      return FALSE;
    }
  if (g_access (dir, W_OK) != 0)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_READ_ONLY,
                   _("Jalons cannot write in the folder “%s”, where the database keeps its journal. "
                     "Make the folder writable, or move the database to a folder of yours."),
                   dir);
      return FALSE;
    }
  return TRUE;
}

/* The database file is made here, empty and 0600, before SQLite sees it:
 * SQLite would create it 0644 minus the umask, and it gives the -wal and
 * -shm files the database file's mode. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  int saved;

  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, JLN_STORE_ERROR,
                   saved == EACCES || saved == EROFS || saved == EPERM
                   ? JLN_STORE_ERROR_READ_ONLY : JLN_STORE_ERROR_IO,
                   _("Cannot create the database “%s”: %s."), path, g_strerror (saved));
      return FALSE;
    }
  /* The umask may have taken bits away; never added any. */
  if (fchmod (fd, 0600) != 0 || fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      g_unlink (path);
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("Cannot create the database “%s”: %s."), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* PRAGMA quick_check's first line, or NULL when it says "ok". */
static char *
run_quick_check (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *found = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (g_strcmp0 (jln_sqlite_column_text (stmt, 0), "ok") != 0)
        found = g_strdup (jln_sqlite_column_text (stmt, 0));
    }
  else
    found = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return found;
}

/* The check reads every page (about 0.45 s for 200,000 awards): on a
 * connection of its own in a thread, so the lists load meanwhile. Writes
 * wait for its verdict (jln_sqlite_finish_check()). */
static gpointer
quick_check_thread (gpointer data)
{
  g_autofree char *path = data;
  sqlite3 *db = NULL;
  char *found;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, DEFAULT_BUSY_TIMEOUT_MS);
      found = run_quick_check (db);
    }
  else
    found = g_strdup (db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close (db);
  return found;
}

void
jln_sqlite_finish_check (JlnSqliteBackend *self)
{
  if (self->check_thread == NULL)
    return;
  self->damage = g_thread_join (g_steal_pointer (&self->check_thread));
  if (self->damage != NULL)
    g_message ("The database %s failed its integrity check: %s", self->path, self->damage);
}

static gboolean
is_wal (JlnSqliteBackend *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_ascii_strcasecmp (jln_sqlite_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  return wal;
}

JlnStoreBackend *
jln_sqlite_backend_open (const char           *path,
                         JlnStoreUpgradeFunc   upgrade,
                         gpointer              upgrade_data,
                         GError              **error)
{
  g_autoptr(JlnSqliteBackend) self = NULL;
  gboolean exists, empty = FALSE;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (JLN_TYPE_SQLITE_BACKEND, NULL);
  self->path = g_strdup (path);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (exists)
    {
      if (!check_header (path, &empty, error))
        return NULL;
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, JLN_STORE_ERROR,
                       saved == EACCES || saved == EROFS || saved == EPERM
                       ? JLN_STORE_ERROR_READ_ONLY : JLN_STORE_ERROR_IO,
                       _("Cannot create the folder “%s”: %s."), dir, g_strerror (saved));
          return NULL;
        }
    }
  if (!check_writable (path, exists, error))
    return NULL;
  if (!exists && !create_private_file (path, error))
    return NULL;

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("Cannot open the database “%s” (%s)."), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MS);

  if (exists && !empty && !jln_sqlite_inspect (self, &version, error))
    return NULL;

  /* Only now that the file is known to be ours may anything write to it,
   * and only when it is sound: below, a migration or the switch to WAL
   * would write at once, so they wait for the verdict. */
  if (version > 0)
    {
      self->check_thread = g_thread_new ("jln-quick-check", quick_check_thread, g_strdup (path));
      if (version < jln_sqlite_latest_schema_version () || !is_wal (self))
        jln_sqlite_finish_check (self);
    }
  if (self->damage != NULL)
    {
      /* Open for reading what can still be read; the facade refuses writes
       * and names the latest good backup. Nothing below writes. */
      self->schema_version = version;
      if (!query_int (self, "PRAGMA data_version", &self->data_version, error))
        return NULL;
      return JLN_STORE_BACKEND (g_steal_pointer (&self));
    }

  if (version > 0 && version < jln_sqlite_latest_schema_version ()
      && !backup_before_migration (self, version, error))
    return NULL;

  if (!jln_sqlite_exec (self, "PRAGMA journal_mode = WAL", error)
      || !jln_sqlite_exec (self, "PRAGMA synchronous = NORMAL", error)
      || !jln_sqlite_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  /* Kept: a backup restored later may need the same steps. */
  self->upgrade = upgrade;
  self->upgrade_data = upgrade_data;
  if (!jln_sqlite_migrate (self, version, error))
    return NULL;

  if (!query_int (self, "PRAGMA data_version", &self->data_version, error))
    return NULL;

  return JLN_STORE_BACKEND (g_steal_pointer (&self));
}

/* ------------------------------------------------------------------ */
/* connection vfuncs                                                  */

static int
sqlite_get_schema_version (JlnStoreBackend *backend)
{
  return JLN_SQLITE_BACKEND (backend)->schema_version;
}

static const char *
sqlite_get_backup_path (JlnStoreBackend *backend)
{
  return JLN_SQLITE_BACKEND (backend)->backup_path;
}

static const char *
sqlite_get_damage (JlnStoreBackend *backend)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);

  jln_sqlite_finish_check (self);
  return self->damage;
}

static void
sqlite_set_busy_timeout (JlnStoreBackend *backend,
                         guint            timeout_ms)
{
  sqlite3_busy_timeout (JLN_SQLITE_BACKEND (backend)->db, (int) MIN (timeout_ms, G_MAXINT));
}

static gboolean
sqlite_begin (JlnStoreBackend  *backend,
              JlnStoreTxKind    kind,
              GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  const char *sql;

  /* Nested: a savepoint, so a failed write inside a bulk load leaves the
   * earlier ones of the batch intact until the caller decides. */
  if (self->tx_depth > 0)
    sql = "SAVEPOINT jln_write";
  else if (kind == JLN_STORE_TX_READ)
    sql = "BEGIN";
  else
    /* IMMEDIATE takes the write lock now (waiting up to the busy timeout),
     * instead of failing half-way through with a deadlock. */
    sql = "BEGIN IMMEDIATE";

  /* A bulk load touches far more pages than the default 2 MB cache holds;
   * spilling them to the WAL mid-transaction costs more than the memory. */
  if (self->tx_depth == 0 && kind == JLN_STORE_TX_BULK)
    sqlite3_exec (self->db, "PRAGMA cache_size = -131072", NULL, NULL, NULL);

  if (!jln_sqlite_exec (self, sql, error))
    {
      if (self->tx_depth == 0 && kind == JLN_STORE_TX_BULK)
        sqlite3_exec (self->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
      return FALSE;
    }
  if (self->tx_depth == 0)
    self->tx_bulk = (kind == JLN_STORE_TX_BULK);
  self->tx_depth++;
  return TRUE;
}

static void
end_outer (JlnSqliteBackend *self)
{
  self->tx_depth = 0;
  if (self->tx_bulk)
    sqlite3_exec (self->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
  self->tx_bulk = FALSE;
}

static void
sqlite_rollback (JlnStoreBackend *backend)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);

  if (self->tx_depth > 1)
    {
      sqlite3_exec (self->db, "ROLLBACK TO jln_write", NULL, NULL, NULL);
      sqlite3_exec (self->db, "RELEASE jln_write", NULL, NULL, NULL);
      self->tx_depth--;
      return;
    }
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  if (self->tx_depth == 1)
    end_outer (self);
}

static gboolean
sqlite_commit (JlnStoreBackend  *backend,
               GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);

  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (self->tx_depth > 1)
    {
      if (!jln_sqlite_exec (self, "RELEASE jln_write", error))
        return FALSE;
      self->tx_depth--;
      return TRUE;
    }
  if (!jln_sqlite_exec (self, "COMMIT", error))
    {
      /* A failed COMMIT may leave the transaction open: close it, so the
       * caller's rollback has nothing left to undo. */
      sqlite_rollback (backend);
      return FALSE;
    }
  end_outer (self);
  return TRUE;
}

/* PRAGMA data_version moves when another connection commits to the file
 * (never for this connection's own commits): cheap enough to look at on
 * every window focus or idle tick. */
static gboolean
sqlite_poll_changes (JlnStoreBackend  *backend,
                     GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  gint64 version;

  stmt = jln_sqlite_prepare (self, "PRAGMA data_version", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      jln_sqlite_set_last_error (self, error);
      return FALSE;
    }
  version = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, jln_sqlite_stmt_release);
  if (version == self->data_version)
    return FALSE;
  self->data_version = version;
  /* SQLite cannot say which tables moved. */
  jln_store_backend_emit_changed_elsewhere (backend, JLN_STORE_AGGREGATE_ALL);
  return TRUE;
}

/* One PRAGMA wal_checkpoint(TRUNCATE): every frame of the WAL copied into
 * the database and the WAL cut to zero bytes, or BUSY when a reader in
 * another connection still needs the old frames. */
static gboolean
checkpoint_truncate (JlnSqliteBackend  *self,
                     GError           **error)
{
  g_autoptr(JlnSqliteStmt) stmt = jln_sqlite_prepare (self, "PRAGMA wal_checkpoint (TRUNCATE)", error);
  int busy;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      jln_sqlite_set_last_error (self, error);
      return FALSE;
    }
  busy = sqlite3_column_int (stmt, 0);
  if (busy != 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_BUSY,
                           _("Another Jalons window or command is reading the database, so erased "
                             "data may remain in its files for now. Close the other windows, then "
                             "run “jalons-cli erase --compact”."));
      return FALSE;
    }
  return TRUE;
}

gboolean
jln_sqlite_raise_secure_delete (JlnSqliteBackend  *self,
                                GError           **error)
{
  g_autoptr(JlnSqliteStmt) query = NULL;

  if (self->secure_delete_raised)
    return TRUE;
  query = jln_sqlite_prepare (self, "PRAGMA secure_delete", error);
  if (query == NULL)
    return FALSE;
  if (sqlite3_step (query) != SQLITE_ROW)
    {
      jln_sqlite_set_last_error (self, error);
      return FALSE;
    }
  self->secure_delete_before = sqlite3_column_int (query, 0);
  if (!jln_sqlite_exec (self, "PRAGMA secure_delete = ON", error))
    return FALSE;
  self->secure_delete_raised = TRUE;
  return TRUE;
}

/* The WAL first (so VACUUM does not copy old frames' pages back), then
 * VACUUM rebuilds every page of the file from the live rows (free pages
 * and slack space with them), then the WAL VACUUM wrote is checkpointed
 * and truncated too. */
static gboolean
sqlite_compact (JlnStoreBackend  *backend,
                GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);

  g_return_val_if_fail (self->tx_depth == 0, FALSE);

  if (!checkpoint_truncate (self, error)
      || !jln_sqlite_exec (self, "VACUUM", error)
      || !checkpoint_truncate (self, error))
    return FALSE;
  if (self->secure_delete_raised)
    {
      /* Back to the build's default: erasure alone pays for zeroing. */
      if (!jln_sqlite_exec (self, self->secure_delete_before ? "PRAGMA secure_delete = ON"
                                                             : "PRAGMA secure_delete = OFF", error))
        return FALSE;
      self->secure_delete_raised = FALSE;
    }
  return TRUE;
}

static void
jln_sqlite_backend_iface_init (JlnStoreBackendInterface *iface)
{
  iface->get_schema_version = sqlite_get_schema_version;
  iface->get_backup_path = sqlite_get_backup_path;
  iface->set_busy_timeout = sqlite_set_busy_timeout;
  iface->begin = sqlite_begin;
  iface->commit = sqlite_commit;
  iface->rollback = sqlite_rollback;
  iface->poll_changes = sqlite_poll_changes;
  iface->get_damage = sqlite_get_damage;
  iface->compact = sqlite_compact;

  jln_sqlite_organisation_init_iface (iface);
  jln_sqlite_participants_init_iface (iface);
  jln_sqlite_badges_init_iface (iface);
  jln_sqlite_awards_init_iface (iface);
  jln_sqlite_audit_init_iface (iface);
  jln_sqlite_backup_init_iface (iface);
  jln_sqlite_accounts_init_iface (iface);
}
