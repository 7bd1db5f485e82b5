/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-fuzz"

/* SVG extraction, OB 3.0 <openbadges:credential> and OB 2.0
 * <openbadges:assertion verify="…">: jln_bake_extract() and jln_bake_svg()
 * on the same bytes. Whatever bakes must extract again, unchanged. */

#include <string.h>

#include "openbadges/jln-bake.h"
#include "jln-fuzz.h"

#define PAYLOAD "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\"]}"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) baked = NULL;
  g_autoptr(JlnBakedCredential) found = NULL;

  jln_fuzz_init ();
  file = g_bytes_new (data, size);
  found = jln_bake_extract (file, NULL);

  baked = jln_bake_svg (file, PAYLOAD, NULL);
  if (baked != NULL)
    {
      g_autoptr(JlnBakedCredential) again = jln_bake_extract (baked, NULL);

      g_assert_nonnull (again);
      g_assert_cmpint (again->format, ==, JLN_BAKED_FORMAT_SVG);
      g_assert_cmpstr (again->payload, ==, PAYLOAD);
    }
  return 0;
}
