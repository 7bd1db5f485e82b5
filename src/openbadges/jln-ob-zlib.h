/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Private to the Open Badges engine: bounded (de)compression shared by PNG
 * baking (zlib-compressed iTXt/zTXt) and status lists (gzip). */

/* Decompresses @data entirely. More than @max_size output bytes fails with
 * JLN_OB_ERROR_TOO_LARGE (a decompression bomb stops there, having cost at
 * most @max_size bytes); damaged input fails with JLN_OB_ERROR_@bad_code and
 * @bad_message. */
GBytes *jln_ob_inflate (const guint8          *data,
                        gsize                  len,
                        GZlibCompressorFormat  format,
                        gsize                  max_size,
                        int                    bad_code,
                        const char            *bad_message,
                        GError               **error);

/* Compresses @data (level 9). Never fails on valid arguments. */
GBytes *jln_ob_deflate (const guint8          *data,
                        gsize                  len,
                        GZlibCompressorFormat  format);

G_END_DECLS
