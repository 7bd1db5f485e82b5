/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A badge file (PNG, SVG or JSON) is refused above this size before it is
 * read: the baker's own bound on a whole image. */
#define JLN_FILE_READ_MAX_BADGE (16 * 1024 * 1024)

/* The one way Jalons reads a file someone handed it (a badge to verify, a
 * credential to bake): symlinks are followed, but only a regular file is
 * read — a pipe, a device, a folder or a socket is refused by its opened
 * descriptor, so /dev/zero cannot fill memory and a FIFO cannot hang the
 * open (O_NONBLOCK) nor the read. A file above @max_size is refused before
 * any byte is read, and again if it grows while read. Errors are G_IO_ERROR
 * and name the file. */
GBytes *jln_file_read_regular (const char  *path,
                               gsize        max_size,
                               GError     **error);

G_END_DECLS
