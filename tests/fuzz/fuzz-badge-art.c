/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-fuzz"

/* The badge-art SVG check: jln_badge_art_validate_svg() on an SVG file drawn
 * elsewhere, before it becomes a badge image. */

#include "core/jln-badge-art.h"
#include "jln-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  jln_fuzz_init ();
  ok = jln_badge_art_validate_svg ((const char *) data, size, &error);
  /* Either it is accepted, or a message says what to fix. */
  g_assert_true (ok == (error == NULL));
  if (!ok)
    g_assert_nonnull (error->message);
  return 0;
}
