/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jln-sqlite-private.h"

/* Backups through SQLite's online backup API (a consistent copy page by
 * page while other desks keep writing), the checks a file must pass before
 * it may replace the database, and the restore itself. */

/* Pages copied per sqlite3_backup_step(): small enough that a writer in
 * another process waits for one step at most, not for the whole copy. */
#define BACKUP_STEP_PAGES 256
#define BACKUP_BUSY_WAIT_MS 20
#define BACKUP_MAX_BUSY_WAITS 500

/* No Jalons database comes near this; a bigger "backup" is refused before
 * a byte of it is copied. */
#define BACKUP_MAX_SIZE ((goffset) 16 * 1024 * 1024 * 1024)

#define SQLITE_HEADER_SIZE 100

/* ------------------------------------------------------------------ */
/* files                                                              */

static gboolean
errno_is_read_only (int saved)
{
  return saved == EACCES || saved == EPERM || saved == EROFS;
}

static void
set_write_errno (const char  *path,
                 int          saved,
                 GError     **error)
{
  if (saved == ENOSPC || saved == EDQUOT || saved == EFBIG)
    g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                 _("The disk is full, so the backup “%s” was not made: free some space, then try again."),
                 path);
  else if (errno_is_read_only (saved))
    g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_READ_ONLY,
                 _("Jalons cannot write the backup “%s”: its folder is read-only. Make the folder writable, then try again."),
                 path);
  else
    g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                 _("Jalons could not write the backup “%s” (%s), so none was made."),
                 path, g_strerror (saved));
}

/* The same, from what SQLite said while writing the copy. */
static void
set_write_rc (const char  *path,
              int          rc,
              int          saved_errno,
              GError     **error)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      set_write_errno (path, ENOSPC, error);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      set_write_errno (path, EACCES, error);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_BUSY,
                           _("Another Jalons window is saving: try the backup again in a moment."));
      break;
    default:
      if (saved_errno != 0)
        set_write_errno (path, saved_errno, error);
      else
        g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                     _("Jalons could not write the backup “%s” (%s), so none was made."),
                     path, sqlite3_errstr (rc));
    }
}

static gboolean
fsync_path (const char  *path,
            gboolean     directory,
            GError     **error)
{
  int fd = g_open (path, (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC, 0);
  int saved = 0;

  if (fd < 0 || fsync (fd) != 0)
    saved = errno;
  if (fd >= 0)
    close (fd);
  if (saved != 0)
    {
      set_write_errno (path, saved, error);
      return FALSE;
    }
  return TRUE;
}

/* Removes a temporary copy and whatever SQLite made beside it. */
static void
remove_temporary (const char *tmp)
{
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (tmp, suffixes[i], NULL);
      g_unlink (path);
    }
}

/* A new empty file, 0600 whatever the umask, in @dir; its name starts with
 * a dot so that no listing ever takes it for a finished backup. */
static char *
create_temporary (const char  *dir,
                  const char  *name_hint,
                  int         *out_fd,
                  GError     **error)
{
  g_autofree char *tmpl = g_strdup_printf ("%s%s.%s.XXXXXX", dir, G_DIR_SEPARATOR_S, name_hint);
  g_autofree char *display = g_build_filename (dir, name_hint, NULL);
  int fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        {
          close (fd);
          g_unlink (tmpl);
        }
      set_write_errno (display, saved, error);
      return NULL;
    }
  if (out_fd != NULL)
    *out_fd = fd;
  else
    close (fd);
  return g_steal_pointer (&tmpl);
}

/* Gives @tmp (complete, not yet synced) its real name @dest_path: synced,
 * renamed, the folder synced, so that after a power cut the name holds
 * either nothing or the whole copy. */
static gboolean
publish_temporary (const char  *tmp,
                   const char  *dest_path,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (dest_path);

  if (!fsync_path (tmp, FALSE, error))
    return FALSE;
  if (g_rename (tmp, dest_path) != 0)
    {
      set_write_errno (dest_path, errno, error);
      return FALSE;
    }
  if (!fsync_path (dir, TRUE, error))
    {
      /* Renamed but perhaps not durable: say so rather than keep a name
       * that may vanish at the next power cut. */
      g_unlink (dest_path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
copy_fd (int          in_fd,
         int          out_fd,
         goffset      expected,
         const char  *source_path,
         const char  *dest_path,
         GError     **error)
{
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  goffset copied = 0;

  for (;;)
    {
      gssize n = read (in_fd, buffer, 64 * 1024);
      gssize written = 0;

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                       _("Cannot read “%s”: %s."), source_path, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      copied += n;
      /* A file that grows while copied is not the one that was checked. */
      if (expected >= 0 && copied > expected)
        break;
      while (written < n)
        {
          gssize w = write (out_fd, buffer + written, n - written);

          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            {
              set_write_errno (dest_path, errno, error);
              return FALSE;
            }
          written += w;
        }
    }
  if (expected >= 0 && copied != expected)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_BACKUP,
                   _("“%s” changed while Jalons was reading it: try again once nothing else writes to it."),
                   source_path);
      return FALSE;
    }
  return TRUE;
}

/* Copies the bytes of @source to @dest_path under the usual guarantees
 * (temporary name, sync, rename). A missing @source is fine when
 * @optional. */
static gboolean
copy_file_private (const char  *source,
                   const char  *dest_path,
                   gboolean     optional,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (dest_path);
  g_autofree char *base = g_path_get_basename (dest_path);
  g_autofree char *tmp = NULL;
  int in_fd, out_fd = -1;
  gboolean ok;

  in_fd = g_open (source, O_RDONLY | O_CLOEXEC, 0);
  if (in_fd < 0)
    {
      int saved = errno;

      if (optional && saved == ENOENT)
        return TRUE;
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("Cannot read “%s”: %s."), source, g_strerror (saved));
      return FALSE;
    }
  tmp = create_temporary (dir, base, &out_fd, error);
  if (tmp == NULL)
    {
      close (in_fd);
      return FALSE;
    }
  ok = copy_fd (in_fd, out_fd, -1, source, dest_path, error);
  close (in_fd);
  close (out_fd);
  if (ok)
    ok = publish_temporary (tmp, dest_path, error);
  if (!ok)
    remove_temporary (tmp);
  return ok;
}

/* ------------------------------------------------------------------ */
/* writing a backup                                                   */

/* Copies @src into the empty file @dest_path through the backup API. */
static int
backup_pages (sqlite3 *src,
              sqlite3 *dest)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  guint waits = 0;
  int rc, finish_rc;

  if (backup == NULL)
    return sqlite3_extended_errcode (dest);
  do
    {
      rc = sqlite3_backup_step (backup, BACKUP_STEP_PAGES);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++waits < BACKUP_MAX_BUSY_WAITS)
        {
          sqlite3_sleep (BACKUP_BUSY_WAIT_MS);
          rc = SQLITE_OK;
        }
    }
  while (rc == SQLITE_OK);
  finish_rc = sqlite3_backup_finish (backup);
  if (rc == SQLITE_DONE)
    return finish_rc;
  return rc;
}

/* The copy carries the live file's "WAL" header bytes: turned back into a
 * plain rollback-journal file, a backup opens anywhere, read-only media
 * included, without -wal or -shm companions. */
static int
make_standalone (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        rc = g_ascii_strcasecmp (jln_sqlite_column_text (stmt, 0), "delete") == 0
             ? SQLITE_OK : SQLITE_IOERR;
    }
  sqlite3_finalize (stmt);
  return rc;
}

static gboolean
sqlite_write_backup (JlnStoreBackend  *backend,
                     const char       *dest_path,
                     GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autofree char *dir = g_path_get_dirname (dest_path);
  g_autofree char *base = g_path_get_basename (dest_path);
  g_autofree char *tmp = NULL;
  sqlite3 *dest = NULL;
  int rc, saved_errno = 0;

  if (self->tx_depth > 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_FAILED,
                           _("A backup cannot start in the middle of a change: try again once it is saved."));
      return FALSE;
    }
  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_FAILED,
                   _("A file named “%s” already exists: Jalons left it as it is."), dest_path);
      return FALSE;
    }
  tmp = create_temporary (dir, base, NULL, error);
  if (tmp == NULL)
    return FALSE;

  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (dest, 1);
      rc = backup_pages (self->db, dest);
    }
  if (rc == SQLITE_OK)
    rc = make_standalone (dest);
  if (rc != SQLITE_OK && dest != NULL)
    saved_errno = sqlite3_system_errno (dest);
  if (sqlite3_close (dest) != SQLITE_OK && rc == SQLITE_OK)
    rc = SQLITE_IOERR;

  if (rc != SQLITE_OK)
    {
      g_debug ("Backup to %s failed: %s (errno %d)", tmp, sqlite3_errstr (rc), saved_errno);
      remove_temporary (tmp);
      set_write_rc (dest_path, rc, saved_errno, error);
      return FALSE;
    }
  if (!publish_temporary (tmp, dest_path, error))
    {
      remove_temporary (tmp);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sqlite_copy_file (JlnStoreBackend  *backend,
                  const char       *dest_path,
                  GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *dest_wal = g_strconcat (dest_path, "-wal", NULL);

  /* The -wal holds the latest commits of a damaged file too: kept beside
   * the copy under the name SQLite looks for. */
  if (!copy_file_private (self->path, dest_path, FALSE, error))
    return FALSE;
  if (!copy_file_private (wal, dest_wal, TRUE, error))
    {
      g_unlink (dest_path);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* checking a file offered for restore                                */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* What the file's first 100 bytes say, before SQLite sees it: SQLite
 * takes an empty file for a new database and reads past the end of a
 * truncated one as if the pages were blank. */
static gboolean
check_backup_header (int           fd,
                     const char   *path,
                     goffset       size,
                     GError      **error)
{
  static const char magic[16] = "SQLite format 3";
  guint8 header[SQLITE_HEADER_SIZE];
  gssize n;
  guint32 page_size, n_pages;

  n = pread (fd, header, sizeof header, 0);
  if (n < 0)
    {
      int saved = errno;
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("Cannot read “%s”: %s."), path, g_strerror (saved));
      return FALSE;
    }
  if (n < (gssize) sizeof magic || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_BACKUP,
                   _("“%s” is not a Jalons backup (it is not a database at all): nothing was changed."),
                   path);
      return FALSE;
    }
  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  n_pages = read_be32 (header + 28);
  /* The page count is trustworthy only when both change counters agree
   * (file format, "in-header database size"). */
  if (n < (gssize) sizeof header
      || page_size < 512 || (page_size & (page_size - 1)) != 0
      || size % page_size != 0
      || (n_pages > 0 && read_be32 (header + 24) == read_be32 (header + 92)
          && size < (goffset) n_pages * page_size))
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_BACKUP,
                   _("“%s” is cut short: it is not a complete backup, so nothing was changed. Choose another backup."),
                   path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int64 (sqlite3     *db,
             const char  *sql,
             gint64      *out,
             int         *out_rc)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  *out_rc = rc;
  return rc == SQLITE_OK;
}

static void
set_damaged_backup (const char  *path,
                    const char  *detail,
                    GError     **error)
{
  g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_BACKUP,
               _("“%s” is damaged (%s): Jalons will not restore it and changed nothing. Choose an older backup."),
               path, detail);
}

/* Checks the private copy @db of @path (the name the messages give). */
static gboolean
check_copy (sqlite3     *db,
            const char  *path,
            int         *out_version,
            GError     **error)
{
  gint64 version = 0, app_id = 0, n_tables = 0;
  g_autofree char *verdict = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!query_int64 (db, "PRAGMA application_id", &app_id, &rc)
      || !query_int64 (db, "PRAGMA user_version", &version, &rc)
      || !query_int64 (db, "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
                       &n_tables, &rc))
    {
      set_damaged_backup (path, sqlite3_errstr (rc), error);
      return FALSE;
    }
  if (app_id != JLN_SQLITE_APPLICATION_ID)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_BACKUP,
                   _("“%s” is a database of another application, not a Jalons backup: nothing was changed."),
                   path);
      return FALSE;
    }
  if (version <= 0 || n_tables == 0)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_BACKUP,
                   _("“%s” holds no Jalons data, so it is not a backup: nothing was changed."),
                   path);
      return FALSE;
    }
  if (version > jln_sqlite_latest_schema_version ())
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer Jalons (format %d; this version reads up to %d). Update Jalons to restore it."),
                   path, (int) version, jln_sqlite_latest_schema_version ());
      return FALSE;
    }

  /* The full check (indexes against their tables too): a restore is rare
   * and must not bring back a damaged file. */
  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    verdict = g_strdup (jln_sqlite_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (verdict, "ok") != 0)
    {
      set_damaged_backup (path, verdict != NULL ? verdict : sqlite3_errstr (rc), error);
      return FALSE;
    }
  if (out_version != NULL)
    *out_version = (int) version;
  return TRUE;
}

/* Copies @path into @work_dir (bounded, from one descriptor, so what is
 * checked is what is restored) and checks the copy, which is left open in
 * *out_db and named in *out_tmp for the caller to remove. */
static gboolean
open_checked_copy (const char  *path,
                   const char  *work_dir,
                   sqlite3    **out_db,
                   char       **out_tmp,
                   int         *out_version,
                   GError     **error)
{
  g_autofree char *tmp = NULL;
  struct stat st;
  sqlite3 *db = NULL;
  int fd, out_fd = -1, rc;
  gboolean ok;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, JLN_STORE_ERROR, saved == ENOENT ? JLN_STORE_ERROR_NOT_FOUND : JLN_STORE_ERROR_IO,
                   _("Cannot read “%s”: %s."), path, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_BACKUP,
                   _("“%s” is not a file, so it cannot be a Jalons backup."), path);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      close (fd);
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_BACKUP,
                   _("“%s” is empty: it is not a Jalons backup, so nothing was changed."), path);
      return FALSE;
    }
  if (st.st_size > BACKUP_MAX_SIZE)
    {
      g_autofree char *max = g_format_size (BACKUP_MAX_SIZE);
      close (fd);
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_BACKUP,
                   _("“%s” is larger than any Jalons backup (more than %s): nothing was changed."),
                   path, max);
      return FALSE;
    }
  if (!check_backup_header (fd, path, st.st_size, error))
    {
      close (fd);
      return FALSE;
    }
  if (g_mkdir_with_parents (work_dir, 0700) != 0)
    {
      set_write_errno (work_dir, errno, error);
      close (fd);
      return FALSE;
    }
  tmp = create_temporary (work_dir, "restore", &out_fd, error);
  if (tmp == NULL)
    {
      close (fd);
      return FALSE;
    }
  ok = copy_fd (fd, out_fd, st.st_size, path, tmp, error);
  close (fd);
  close (out_fd);
  if (!ok)
    {
      remove_temporary (tmp);
      return FALSE;
    }

  rc = sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_damaged_backup (path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc), error);
      sqlite3_close (db);
      remove_temporary (tmp);
      return FALSE;
    }
  sqlite3_extended_result_codes (db, 1);
  if (!check_copy (db, path, out_version, error))
    {
      sqlite3_close (db);
      remove_temporary (tmp);
      return FALSE;
    }
  *out_db = db;
  *out_tmp = g_steal_pointer (&tmp);
  return TRUE;
}

static gboolean
sqlite_check_backup (JlnStoreBackend  *backend,
                     const char       *path,
                     const char       *work_dir,
                     int              *out_version,
                     GError          **error)
{
  g_autofree char *tmp = NULL;
  sqlite3 *db = NULL;

  if (!open_checked_copy (path, work_dir, &db, &tmp, out_version, error))
    return FALSE;
  sqlite3_close (db);
  remove_temporary (tmp);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* restoring                                                          */

static int
exec_rc (sqlite3    *db,
         const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* Brings the checked copy to the live file's schema and page size: the
 * backup API refuses to copy into a WAL database of another page size. */
static gboolean
prepare_copy (JlnSqliteBackend  *self,
              sqlite3           *db,
              const char        *tmp,
              const char        *path,
              int                version,
              GError           **error)
{
  gint64 live_page = 0, copy_page = 0;
  int rc;

  if (version < jln_sqlite_latest_schema_version ())
    {
      g_autoptr(JlnSqliteBackend) copy = g_object_new (JLN_TYPE_SQLITE_BACKEND, NULL);
      g_autoptr(GError) local_error = NULL;
      gboolean migrated;

      copy->db = db;
      copy->path = g_strdup (path);
      /* The same steps as the live file took (the audit chain's start). */
      copy->upgrade = self->upgrade;
      copy->upgrade_data = self->upgrade_data;
      migrated = jln_sqlite_migrate (copy, version, &local_error);
      copy->db = NULL; /* the caller closes it */
      if (!migrated)
        {
          g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_MIGRATION,
                       _("Jalons could not bring the backup “%s” up to date (%s), so nothing was changed."),
                       path, local_error->message);
          return FALSE;
        }
    }
  if (!query_int64 (self->db, "PRAGMA page_size", &live_page, &rc)
      || !query_int64 (db, "PRAGMA page_size", &copy_page, &rc))
    {
      set_damaged_backup (path, sqlite3_errstr (rc), error);
      return FALSE;
    }
  if (live_page != copy_page)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA page_size = %" G_GINT64_FORMAT, live_page);

      if ((rc = exec_rc (db, "PRAGMA journal_mode = DELETE")) != SQLITE_OK
          || (rc = exec_rc (db, sql)) != SQLITE_OK
          || (rc = exec_rc (db, "VACUUM")) != SQLITE_OK)
        {
          set_write_rc (tmp, rc, sqlite3_system_errno (db), error);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
sqlite_restore_backup (JlnStoreBackend  *backend,
                       const char       *path,
                       const char       *work_dir,
                       GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autofree char *tmp = NULL;
  sqlite3 *db = NULL;
  sqlite3_backup *backup;
  int version = 0, rc;
  gboolean ok;

  if (self->tx_depth > 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_FAILED,
                           _("A backup cannot be restored in the middle of a change: try again once it is saved."));
      return FALSE;
    }
  /* Its verdict is about to be replaced: never let it land afterwards. */
  jln_sqlite_finish_check (self);
  if (!open_checked_copy (path, work_dir, &db, &tmp, &version, error))
    return FALSE;
  ok = prepare_copy (self, db, tmp, path, version, error);

  if (ok)
    {
      /* One step of every page: the destination's write transaction
       * commits once, at the end, so the live file holds the old content
       * or the new one, never a mix (the WAL makes the commit atomic). */
      backup = sqlite3_backup_init (self->db, "main", db, "main");
      if (backup == NULL)
        rc = sqlite3_extended_errcode (self->db);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = (rc == SQLITE_DONE) ? SQLITE_OK : rc;
        }
      if (rc != SQLITE_OK)
        {
          jln_sqlite_set_error (self, rc, error);
          ok = FALSE;
        }
    }
  sqlite3_close (db);
  remove_temporary (tmp);
  if (!ok)
    return FALSE;

  /* The restored content is the file now: judge it afresh. */
  g_clear_pointer (&self->damage, g_free);
  /* A database opened damaged skipped these; the copy's header asked for
   * a rollback journal. */
  sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  sqlite3_exec (self->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
  sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  self->schema_version = jln_sqlite_latest_schema_version ();
  return TRUE;
}

void
jln_sqlite_backup_init_iface (JlnStoreBackendInterface *iface)
{
  iface->write_backup = sqlite_write_backup;
  iface->copy_file = sqlite_copy_file;
  iface->check_backup = sqlite_check_backup;
  iface->restore_backup = sqlite_restore_backup;
}
