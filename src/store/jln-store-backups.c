/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jln-store.h"
#include "jln-store-private.h"

/* Backups: kept beside the database in "<name>-files/backups/", named
 * "<name>-YYYYMMDDTHHMMSS.ffffffZ.db" (UTC, to the microsecond) so that
 * sorting the names sorts them by time. The engine makes and checks the
 * copies (the backend's write_backup/check_backup/restore_backup); the
 * folder, the names, the rotation and the schedule are decided here. */

#define BACKUPS_FOLDER "backups"
#define BACKUP_SUFFIX ".db"
/* "YYYYMMDDTHHMMSS.ffffffZ" */
#define STAMP_LEN 23
/* Backups with the same microsecond are told apart by moving the stamp on. */
#define MAX_NAME_TRIES 1000

/* "jalons" for "…/jalons.db": what every backup's name starts with. */
static char *
dup_base_name (JlnStore *self)
{
  g_autofree char *base = g_path_get_basename (jln_store_get_path (self));
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

char *
jln_store_dup_backups_dir (JlnStore *self)
{
  g_autofree char *files = NULL;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  files = jln_store_dup_files_dir (self);
  return g_build_filename (files, BACKUPS_FOLDER, NULL);
}

static char *
format_stamp (GDateTime *when)
{
  g_autofree char *seconds = g_date_time_format (when, "%Y%m%dT%H%M%S");

  return g_strdup_printf ("%s.%06dZ", seconds, g_date_time_get_microsecond (when));
}

/* The time in a backup's name, or NULL when @name is not one of ours
 * (anything else in the folder is left alone, never rotated away). */
static GDateTime *
parse_name (const char *base,
            const char *name)
{
  gsize base_len = strlen (base);
  const char *stamp;
  int y, mo, d, h, mi, s, us;
  char tail;

  if (strlen (name) != base_len + 1 + STAMP_LEN + strlen (BACKUP_SUFFIX)
      || strncmp (name, base, base_len) != 0 || name[base_len] != '-'
      || !g_str_has_suffix (name, BACKUP_SUFFIX))
    return NULL;
  stamp = name + base_len + 1;
  for (guint i = 0; i < STAMP_LEN; i++)
    {
      gboolean want_digit = !(i == 8 || i == 15 || i == 22);
      if (want_digit != (g_ascii_isdigit (stamp[i]) != 0))
        return NULL;
    }
  if (stamp[8] != 'T' || stamp[15] != '.' || stamp[22] != 'Z'
      || sscanf (stamp, "%4d%2d%2dT%2d%2d%2d.%6d%c", &y, &mo, &d, &h, &mi, &s, &us, &tail) != 8)
    return NULL;
  return g_date_time_new_utc (y, mo, d, h, mi, s + us / 1e6);
}

GDateTime *
jln_store_get_backup_time (JlnStore   *self,
                           const char *path)
{
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  base = dup_base_name (self);
  name = g_path_get_basename (path);
  return parse_name (base, name);
}

static int
compare_names_newest_first (gconstpointer a,
                            gconstpointer b)
{
  return -strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
jln_store_list_backups (JlnStore  *self,
                        GError   **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  dir = jln_store_dup_backups_dir (self);
  base = dup_base_name (self);
  folder = g_dir_open (dir, 0, &local_error);
  if (folder == NULL)
    {
      /* No backup made yet. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&paths);
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("Cannot read the backups folder “%s”: %s."), dir, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autoptr(GDateTime) when = parse_name (base, name);

      if (when != NULL)
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names_newest_first);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (paths, g_build_filename (dir, names->pdata[i], NULL));
  return g_steal_pointer (&paths);
}

static gboolean
ensure_backups_dir (JlnStore  *self,
                    char     **out_dir,
                    GError   **error)
{
  g_autofree char *dir = jln_store_dup_backups_dir (self);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      if (saved == EACCES || saved == EPERM || saved == EROFS)
        g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_READ_ONLY,
                     _("Jalons cannot create its backups folder “%s”: the folder above it is read-only. "
                       "Make it writable, or move the database to a folder of yours."), dir);
      else
        g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                     _("Jalons cannot create its backups folder “%s” (%s)."), dir, g_strerror (saved));
      return FALSE;
    }
  *out_dir = g_steal_pointer (&dir);
  return TRUE;
}

/* A name not taken yet, for now (or just after, when taken). */
static char *
dup_new_backup_path (JlnStore   *self,
                     const char *dir,
                     const char *kind)
{
  g_autofree char *base = dup_base_name (self);
  g_autoptr(GDateTime) when = g_date_time_new_now_utc ();

  for (guint i = 0; i < MAX_NAME_TRIES; i++)
    {
      g_autofree char *stamp = format_stamp (when);
      g_autofree char *name = g_strconcat (base, kind, stamp, BACKUP_SUFFIX, NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GDateTime) next = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
      next = g_date_time_add (when, 1);
      g_date_time_unref (when);
      when = g_steal_pointer (&next);
    }
  return NULL;
}

/* Deletes the oldest of our backups beyond the @keep newest. A file that
 * cannot be deleted stays, with a warning: the backup itself was made. */
static void
rotate (JlnStore *self,
        guint     keep)
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error = NULL;

  if (keep == 0)
    return;
  paths = jln_store_list_backups (self, &error);
  if (paths == NULL)
    {
      g_warning ("Old backups were not rotated: %s", error->message);
      return;
    }
  for (guint i = keep; i < paths->len; i++)
    if (g_unlink (paths->pdata[i]) != 0)
      {
        int saved = errno;
        g_warning ("Cannot delete the old backup %s: %s", (char *) paths->pdata[i], g_strerror (saved));
      }
}

gboolean
jln_store_backup (JlnStore  *self,
                  guint      keep,
                  char     **out_path,
                  GError   **error)
{
  JlnStoreBackend *backend;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  backend = jln_store_get_backend (self);
  if (JLN_STORE_BACKEND_CALL (backend, get_damage) != NULL)
    {
      /* A page-by-page copy of a damaged file would only copy the damage
       * over a good backup's place in the rotation. */
      return jln_store_check_writable (self, error);
    }
  if (!ensure_backups_dir (self, &dir, error))
    return FALSE;
  path = dup_new_backup_path (self, dir, "-");
  if (path == NULL)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_FAILED,
                   _("Too many backups were made at once in “%s”: try again in a moment."), dir);
      return FALSE;
    }
  if (!JLN_STORE_BACKEND_CALL (backend, write_backup, path, error))
    return FALSE;
  g_debug ("Backup written to %s", path);
  rotate (self, keep);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return TRUE;
}

gboolean
jln_store_backup_is_due (JlnStore   *self,
                         GTimeSpan   interval,
                         GDateTime  *now,
                         GError    **error)
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GDateTime) newest = NULL;
  GTimeSpan age;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (interval <= 0)
    return FALSE;
  paths = jln_store_list_backups (self, error);
  if (paths == NULL)
    return FALSE;
  if (paths->len == 0)
    return TRUE;
  newest = jln_store_get_backup_time (self, paths->pdata[0]);
  age = g_date_time_difference (now, newest);
  /* A newest backup "from the future" (the clock was set back) must not
   * hold backups off until that date comes. */
  return age >= interval || age < -G_TIME_SPAN_MINUTE;
}

gboolean
jln_store_check_backup (JlnStore    *self,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!ensure_backups_dir (self, &dir, error))
    return FALSE;
  return JLN_STORE_BACKEND_CALL (jln_store_get_backend (self), check_backup, path, dir, NULL, error);
}

/* The newest of our backups that passes the full check, or NULL. */
static char *
dup_latest_good_backup (JlnStore *self)
{
  g_autoptr(GPtrArray) paths = jln_store_list_backups (self, NULL);
  g_autofree char *dir = jln_store_dup_backups_dir (self);

  for (guint i = 0; paths != NULL && i < paths->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (JLN_STORE_BACKEND_CALL (jln_store_get_backend (self), check_backup,
                                  paths->pdata[i], dir, NULL, &error))
        return g_strdup (paths->pdata[i]);
      g_debug ("Backup %s is not usable: %s", (char *) paths->pdata[i], error->message);
    }
  return NULL;
}

GError *
jln_store_new_damage_error (JlnStore *self)
{
  g_autofree char *good = dup_latest_good_backup (self);

  if (good != NULL)
    return g_error_new (JLN_STORE_ERROR, JLN_STORE_ERROR_DAMAGED,
                        _("The database “%s” is damaged, so Jalons saves nothing to it. "
                          "Restore the latest good backup, “%s”: everything saved since then must be entered again."),
                        jln_store_get_path (self), good);
  return g_error_new (JLN_STORE_ERROR, JLN_STORE_ERROR_DAMAGED,
                      _("The database “%s” is damaged, so Jalons saves nothing to it, and it has no good backup. "
                        "Keep the file as it is and ask for help to recover it."),
                      jln_store_get_path (self));
}

gboolean
jln_store_restore_backup (JlnStore    *self,
                          const char  *path,
                          const char  *actor,
                          char       **out_kept_path,
                          GError     **error)
{
  JlnStoreBackend *backend;
  g_autofree char *dir = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  backend = jln_store_get_backend (self);
  if (!ensure_backups_dir (self, &dir, error)
      /* Checked before anything is written, so a refused file changes
       * nothing at all, not even the backups folder. */
      || !JLN_STORE_BACKEND_CALL (backend, check_backup, path, dir, NULL, error))
    return FALSE;

  /* The database as it is now is kept first: a backup like the others,
   * or, when damaged, a copy of its bytes under a name rotation ignores. */
  if (JLN_STORE_BACKEND_CALL (backend, get_damage) == NULL)
    {
      if (!jln_store_backup (self, 0, &kept, error))
        return FALSE;
    }
  else
    {
      kept = dup_new_backup_path (self, dir, "-damaged-");
      if (kept == NULL || !JLN_STORE_BACKEND_CALL (backend, copy_file, kept, error))
        {
          if (kept == NULL)
            g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_FAILED,
                         _("Too many backups were made at once in “%s”: try again in a moment."), dir);
          return FALSE;
        }
    }

  if (!JLN_STORE_BACKEND_CALL (backend, restore_backup, path, dir, error))
    return FALSE;

  if (!jln_store_reload_after_restore (self, error))
    return FALSE;
  /* The published revocation list shows the database that was replaced:
   * it is due again, and the next open or revocation rewrites it. */
  if (!jln_store_mark_status_list_due (self, &local_error))
    {
      g_warning ("The revocation list was not marked for publishing: %s", local_error->message);
      g_clear_error (&local_error);
    }
  name = g_path_get_basename (path);
  /* The restored journal says it was restored, and from what. */
  if (!jln_store_append_audit_or_pending (self, actor, "database.restore", NULL, name, &local_error))
    g_warning ("The restore was not journalled: %s", local_error->message);
  if (out_kept_path != NULL)
    *out_kept_path = g_steal_pointer (&kept);
  return TRUE;
}
