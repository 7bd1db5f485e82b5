/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Helpers every test binary used to copy. Test data is found with
 * g_test_build_filename (G_TEST_DIST, …): tests/meson.build sets
 * G_TEST_SRCDIR to the tests folder, so no source path is compiled in. */

/* A new private folder under the temporary directory, named after
 * @prefix; aborts the test when it cannot be made. */
char *jln_test_make_tmp_dir (const char *prefix);

/* Removes @path and everything below it (symbolic links are removed, not
 * followed); NULL and a missing path are fine. */
void  jln_test_remove_tree  (const char *path);

G_END_DECLS
