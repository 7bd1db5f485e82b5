/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include <glib/gi18n.h>

#include "jln-ob-error.h"
#include "jln-ob-zlib.h"

/* Runs @converter over all of @data into a growing buffer bounded by
 * @max_size. Returns FALSE with @error set by GIO on a conversion failure,
 * or with *@too_large set when the bound is hit. */
static GByteArray *
run_converter (GConverter   *converter,
               const guint8 *data,
               gsize         len,
               gsize         max_size,
               gboolean     *too_large,
               GError      **error)
{
  g_autoptr(GByteArray) out = g_byte_array_sized_new (MIN (MAX (len * 4, 4096), max_size + 1));
  gsize in_pos = 0;

  *too_large = FALSE;

  for (;;)
    {
      gsize room, bytes_read = 0, bytes_written = 0, old_len;
      GConverterResult res;
      g_autoptr(GError) local_error = NULL;

      if (out->len > max_size)
        {
          *too_large = TRUE;
          return NULL;
        }
      /* Grow geometrically, never past max_size + 1 so the bound is exact. */
      room = MIN (MAX ((gsize) out->len, 4096), max_size + 1 - out->len);
      old_len = out->len;
      g_byte_array_set_size (out, old_len + room);

      res = g_converter_convert (converter,
                                 data + in_pos, len - in_pos,
                                 out->data + old_len, room,
                                 G_CONVERTER_INPUT_AT_END,
                                 &bytes_read, &bytes_written, &local_error);
      g_byte_array_set_size (out, old_len + bytes_written);
      in_pos += bytes_read;

      if (res == G_CONVERTER_ERROR)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
            {
              if (out->len >= max_size + 1)
                {
                  *too_large = TRUE;
                  return NULL;
                }
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (res == G_CONVERTER_FINISHED)
        break;
      if (bytes_read == 0 && bytes_written == 0 && in_pos >= len)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, "truncated");
          return NULL;
        }
    }

  if (out->len > max_size)
    {
      *too_large = TRUE;
      return NULL;
    }
  return g_steal_pointer (&out);
}

GBytes *
jln_ob_inflate (const guint8          *data,
                gsize                  len,
                GZlibCompressorFormat  format,
                gsize                  max_size,
                int                    bad_code,
                const char            *bad_message,
                GError               **error)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (format);
  g_autoptr(GError) local_error = NULL;
  GByteArray *out;
  gboolean too_large;

  out = run_converter (G_CONVERTER (decompressor), data, len, max_size,
                       &too_large, &local_error);
  if (out != NULL)
    return g_byte_array_free_to_bytes (out);

  if (too_large)
    g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_TOO_LARGE,
                 _("The compressed data unpacks to more than %lu KiB; it was refused."),
                 (unsigned long) (max_size / 1024));
  else
    {
      g_debug ("decompression failed: %s", local_error->message);
      g_set_error_literal (error, JLN_OB_ERROR, bad_code, bad_message);
    }
  return NULL;
}

GBytes *
jln_ob_deflate (const guint8          *data,
                gsize                  len,
                GZlibCompressorFormat  format)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (format, 9);
  g_autoptr(GError) error = NULL;
  GByteArray *out;
  gboolean too_large;

  /* zlib's worst case is a few bytes per 16 KiB over the input size. */
  out = run_converter (G_CONVERTER (compressor), data, len,
                       len + len / 100 + 1024, &too_large, &error);
  if (out == NULL)
    g_error ("compression failed: %s", error ? error->message : "output bound");
  return g_byte_array_free_to_bytes (out);
}
