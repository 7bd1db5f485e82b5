/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-core"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "jln-atomic-file.h"

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s %s: %s", what, path, g_strerror (saved_errno));
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len,
           const char   *tmp,
           GError      **error)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          set_errno_error (error, saved, "Cannot write", tmp);
          return FALSE;
        }
      data += n;
      len -= n;
    }
  return TRUE;
}

/* Syncs the folder so the rename itself survives a power cut; a folder
 * that cannot be opened for that (some file systems) is not an error. */
static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY, 0);

  if (fd >= 0)
    {
      fsync (fd);
      g_close (fd, NULL);
    }
}

/* Writes @bytes, then (if @source is set) everything read from @source. */
static gboolean
write_atomically (const char    *path,
                  GBytes        *bytes,
                  GInputStream  *source,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strconcat (".", base, ".part-XXXXXX", NULL);
  g_autofree char *tmp = g_build_filename (dir, name, NULL);
  int fd;

  /* A dot name in the same folder: the rename cannot cross file systems,
   * and folder listings skip it. */
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    {
      set_errno_error (error, errno, "Cannot create a file in", dir);
      return FALSE;
    }

  if (bytes != NULL)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);

      if (!write_all (fd, data, len, tmp, error))
        goto fail;
    }
  if (source != NULL)
    {
      g_autofree guint8 *buffer = g_malloc (64 * 1024);

      for (;;)
        {
          gssize n = g_input_stream_read (source, buffer, 64 * 1024, cancellable, error);

          if (n < 0)
            goto fail;
          if (n == 0)
            break;
          if (!write_all (fd, buffer, n, tmp, error))
            goto fail;
        }
    }
  if (fsync (fd) != 0)
    {
      set_errno_error (error, errno, "Cannot save", tmp);
      goto fail;
    }
  if (!g_close (fd, error))
    {
      fd = -1;
      goto fail;
    }
  fd = -1;
  if (g_rename (tmp, path) != 0)
    {
      set_errno_error (error, errno, "Cannot rename the new file to", path);
      goto fail;
    }
  sync_folder (path);
  return TRUE;

fail:
  if (fd >= 0)
    g_close (fd, NULL);
  g_unlink (tmp);
  return FALSE;
}

gboolean
jln_atomic_file_write (const char  *path,
                       GBytes      *bytes,
                       GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  return write_atomically (path, bytes, NULL, NULL, error);
}

gboolean
jln_atomic_file_write_stream (const char    *path,
                              GInputStream  *source,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (source), FALSE);

  return write_atomically (path, NULL, source, cancellable, error);
}
