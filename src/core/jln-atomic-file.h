/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The one way Jalons writes a file it keeps: into a temporary file beside
 * @path, created 0600 (participants' photos and evidence are personal
 * data), synced to disk, then renamed over @path. A reader sees the old
 * file or the whole new one, never a part; on any error nothing is left
 * behind. Errors are G_IO_ERROR. */
gboolean jln_atomic_file_write        (const char    *path,
                                       GBytes        *bytes,
                                       GError       **error);
/* Same, with the bytes read from @source to its end. */
gboolean jln_atomic_file_write_stream (const char    *path,
                                       GInputStream  *source,
                                       GCancellable  *cancellable,
                                       GError       **error);

G_END_DECLS
