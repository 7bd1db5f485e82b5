/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-render"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <string.h>

#ifdef HAVE_QRENCODE
#include <qrencode.h>
#endif

#include "render/jln-qr.h"

/* Readers need a light margin of 4 modules around the symbol. */
#define QUIET_ZONE 4

/* Beyond this a printed code gets too dense to scan reliably from paper. */
#define MAX_TEXT_BYTES 1024

gboolean
jln_qr_is_available (void)
{
#ifdef HAVE_QRENCODE
  return TRUE;
#else
  return FALSE;
#endif
}

guint8 *
jln_qr_encode (const char *text,
               guint      *width,
               GError    **error)
{
  g_return_val_if_fail (width != NULL, NULL);

  *width = 0;

  if (text == NULL || *text == '\0' || strlen (text) > MAX_TEXT_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("This address is too long to become a QR code."));
      return NULL;
    }

#ifdef HAVE_QRENCODE
  {
    QRcode *code;
    guint8 *modules;
    gsize n;

    /* 8-bit mode keeps the text byte for byte (URLs are case-sensitive). */
    code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
    if (code == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("This address could not be turned into a QR code."));
        return NULL;
      }

    n = (gsize) code->width * (gsize) code->width;
    modules = g_malloc (n);
    for (gsize i = 0; i < n; i++)
      modules[i] = code->data[i] & 1;
    *width = (guint) code->width;
    QRcode_free (code);
    return modules;
  }
#else
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("QR codes are not available in this build of Jalons."));
  return NULL;
#endif
}

gboolean
jln_qr_draw (cairo_t    *cr,
             const char *text,
             double      x,
             double      y,
             double      size,
             GError    **error)
{
  g_autofree guint8 *modules = NULL;
  guint width;
  double module;

  g_return_val_if_fail (cr != NULL, FALSE);

  modules = jln_qr_encode (text, &width, error);
  if (modules == NULL)
    return FALSE;

  module = size / (width + 2 * QUIET_ZONE);

  cairo_save (cr);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);

  /* One path of horizontal runs, filled once: adjacent modules share edges
   * exactly, so viewers do not show hairline seams between them. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint row = 0; row < width; row++)
    {
      guint col = 0;

      while (col < width)
        {
          guint start;

          if (!modules[row * width + col])
            {
              col++;
              continue;
            }
          start = col;
          while (col < width && modules[row * width + col])
            col++;
          cairo_rectangle (cr,
                           x + (QUIET_ZONE + start) * module,
                           y + (QUIET_ZONE + row) * module,
                           (col - start) * module,
                           module);
        }
    }
  cairo_fill (cr);

  cairo_restore (cr);

  return TRUE;
}
