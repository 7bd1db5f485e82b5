/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-core"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "core/jln-file-read.h"

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *format,
                 const char  *display)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               format, display, g_strerror (saved_errno));
}

static void
set_too_large (GError     **error,
               const char  *display,
               gsize        max_size)
{
  g_autofree char *limit = g_format_size (max_size);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
               _("“%s” is too large to be a badge (more than %s)."), display, limit);
}

GBytes *
jln_file_read_regular (const char  *path,
                       gsize        max_size,
                       GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree guint8 *data = NULL;
  struct stat st;
  gsize capacity, len = 0;
  int fd, flags;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  /* O_NONBLOCK: opening a FIFO with no writer returns at once instead of
   * waiting forever; the descriptor is then checked before any read. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_errno_error (error, saved_errno, _("Cannot open “%s”: %s."), display);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      set_errno_error (error, saved_errno, _("Cannot read “%s”: %s."), display);
      close (fd);
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder, not a badge file."), display);
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file (a pipe, a device or a socket): give a badge file."),
                   display);
      close (fd);
      return NULL;
    }
  if (st.st_size < 0 || (guint64) st.st_size > max_size)
    {
      set_too_large (error, display, max_size);
      close (fd);
      return NULL;
    }
  /* A regular file never blocks, but reads stay plain blocking reads. */
  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);

  /* One byte more than announced tells a file that grew while read. */
  capacity = (gsize) st.st_size + 1;
  data = g_malloc (capacity + 1);
  for (;;)
    {
      gssize n;

      if (len == capacity)
        {
          if (capacity > max_size)
            {
              set_too_large (error, display, max_size);
              close (fd);
              return NULL;
            }
          capacity = MIN (capacity * 2, max_size + 1);
          data = g_realloc (data, capacity + 1);
        }
      n = read (fd, data + len, capacity - len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          set_errno_error (error, saved_errno, _("Cannot read “%s”: %s."), display);
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      len += n;
      if (len > max_size)
        {
          set_too_large (error, display, max_size);
          close (fd);
          return NULL;
        }
    }
  close (fd);
  /* NUL-terminated for callers that read text, like g_file_get_contents. */
  data[len] = '\0';
  return g_bytes_new_take (g_steal_pointer (&data), len);
}
