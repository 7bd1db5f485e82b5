/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "core/jln-atomic-file.h"
#include "jln-store.h"
#include "jln-store-private.h"

/* Photos and evidence files: kept beside the database, in
 * "<name>-files/attachments/", under neutral names (a random UUID and the
 * original extension) so no participant's name shows in the folder. Only
 * the store writes there, through jln_atomic_file_write*(). */

#define ATTACHMENTS_FOLDER "attachments"

static char *
dup_attachments_dir (JlnStore *self)
{
  g_autofree char *files = jln_store_dup_files_dir (self);

  return g_build_filename (files, ATTACHMENTS_FOLDER, NULL);
}

/* ".png", ".pdf"…: at most 8 ASCII letters or digits, lower-cased; anything
 * else gives no extension. */
static char *
safe_extension (const char *suggested_name)
{
  const char *dot = suggested_name ? strrchr (suggested_name, '.') : NULL;
  gsize len;

  if (dot == NULL || dot == suggested_name || strchr (dot, '/') != NULL)
    return g_strdup ("");
  len = strlen (dot + 1);
  if (len == 0 || len > 8)
    return g_strdup ("");
  for (const char *p = dot + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return g_strdup ("");
  return g_ascii_strdown (dot, -1);
}

/* What jln_store_add_attachment*() hands out: a UUID, then maybe an
 * extension. Anything else (a path, "..") is refused. */
static gboolean
is_stored_name (const char *name)
{
  gsize len = name ? strlen (name) : 0;

  if (len < 36 || len > 36 + 9)
    return FALSE;
  for (gsize i = 0; i < 36; i++)
    if (!(g_ascii_isxdigit (name[i]) || name[i] == '-'))
      return FALSE;
  if (len == 36)
    return TRUE;
  if (name[36] != '.')
    return FALSE;
  for (gsize i = 37; i < len; i++)
    if (!(g_ascii_islower (name[i]) || g_ascii_isdigit (name[i])))
      return FALSE;
  return len > 37;
}

static gboolean
ensure_dir (const char  *dir,
            GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("Jalons cannot create its folder for attached files “%s” (%s)."),
                   dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Writes @bytes or @source under a new neutral name in the folder. */
static gboolean
add_attachment (JlnStore      *self,
                GBytes        *bytes,
                GInputStream  *source,
                const char    *suggested_name,
                char         **out_stored_name,
                GError       **error)
{
  g_autofree char *dir = dup_attachments_dir (self);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *ext = safe_extension (suggested_name);
  g_autofree char *name = g_strconcat (uuid, ext, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (!ensure_dir (dir, error))
    return FALSE;
  if (bytes != NULL)
    ok = jln_atomic_file_write (path, bytes, &local_error);
  else
    ok = jln_atomic_file_write_stream (path, source, NULL, &local_error);
  if (!ok)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("The file could not be saved in Jalons’s folder (%s). Check there is free space; nothing was changed."),
                   local_error->message);
      return FALSE;
    }
  if (out_stored_name != NULL)
    *out_stored_name = g_steal_pointer (&name);
  return TRUE;
}

gboolean
jln_store_add_attachment (JlnStore    *self,
                          GBytes      *bytes,
                          const char  *suggested_name,
                          char       **out_stored_name,
                          GError     **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  return add_attachment (self, bytes, NULL, suggested_name, out_stored_name, error);
}

gboolean
jln_store_add_attachment_from_stream (JlnStore      *self,
                                      GInputStream  *source,
                                      const char    *suggested_name,
                                      char         **out_stored_name,
                                      GError       **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (source), FALSE);

  return add_attachment (self, NULL, source, suggested_name, out_stored_name, error);
}

gboolean
jln_store_add_attachment_file (JlnStore    *self,
                               GFile       *source,
                               const char  *suggested_name,
                               char       **out_stored_name,
                               GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (source), FALSE);

  shown = g_file_get_parse_name (source);
  info = g_file_query_info (source, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            NULL, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                         _("it is not a file"));
  if (local_error == NULL)
    stream = g_file_read (source, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("The file “%s” cannot be read (%s), so it was not added."),
                   shown, local_error->message);
      return FALSE;
    }
  if (suggested_name == NULL)
    suggested_name = basename = g_file_get_basename (source);
  return add_attachment (self, NULL, G_INPUT_STREAM (stream), suggested_name, out_stored_name, error);
}

GFile *
jln_store_dup_attachment_file (JlnStore    *self,
                               const char  *stored_name,
                               GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  g_return_val_if_fail (stored_name != NULL, NULL);

  if (!is_stored_name (stored_name))
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not a file Jalons keeps."), stored_name);
      return NULL;
    }
  dir = dup_attachments_dir (self);
  path = g_build_filename (dir, stored_name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("This attached file is missing from Jalons’s folder: it may have been moved or deleted."));
      return NULL;
    }
  return g_file_new_for_path (path);
}

gboolean
jln_store_remove_attachment (JlnStore    *self,
                             const char  *stored_name,
                             GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (stored_name != NULL, FALSE);

  if (!is_stored_name (stored_name))
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not a file Jalons keeps."), stored_name);
      return FALSE;
    }
  dir = dup_attachments_dir (self);
  path = g_build_filename (dir, stored_name, NULL);
  /* Already gone is what the caller wanted. */
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("The attached file could not be removed (%s)."), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

char *
jln_store_dup_attachment_name (JlnStore   *self,
                               const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  if (path == NULL || !g_path_is_absolute (path))
    return NULL;
  dir = dup_attachments_dir (self);
  parent = g_path_get_dirname (path);
  name = g_path_get_basename (path);
  /* A stored name has no "/" and no "..", so the folder test is enough. */
  if (g_strcmp0 (parent, dir) != 0 || !is_stored_name (name))
    return NULL;
  return g_steal_pointer (&name);
}
