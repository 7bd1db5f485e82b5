/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* QR codes for printed matter, drawn as plain cairo rectangles so they stay
 * sharp at any resolution. Needs libqrencode (HAVE_QRENCODE); without it
 * every call fails with G_IO_ERROR_NOT_SUPPORTED and callers print the
 * address as text only. */

gboolean jln_qr_is_available (void);

/* Encodes @text (UTF-8, medium error correction). Returns the module matrix,
 * row by row, one byte per module (1 = dark), *@width modules a side,
 * without the quiet zone; NULL with @error when @text is empty or too long. */
guint8  *jln_qr_encode (const char *text,
                        guint      *width,
                        GError    **error);

/* Draws @text as a QR code filling the square at (@x, @y) of side @size,
 * dark modules in black on a white square that includes the 4-module quiet
 * zone readers need. */
gboolean jln_qr_draw   (cairo_t    *cr,
                        const char *text,
                        double      x,
                        double      y,
                        double      size,
                        GError    **error);

G_END_DECLS
