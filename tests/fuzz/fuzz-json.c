/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-fuzz"

/* The JSON front door: jln_ob_parse_json() on hostile bytes, then the one
 * writer. What the front door accepts, the writer writes, the front door
 * accepts again, and the writer writes the same text (a fixed point). */

#include "openbadges/jln-ob-json.h"
#include "jln-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autoptr(GError) error = NULL;

  jln_fuzz_init ();
  /* (const char *) data is not NUL-terminated: the length says where it ends. */
  node = jln_ob_parse_json ((const char *) data, (gssize) size, NULL);
  if (node == NULL)
    return 0;

  text = jln_ob_json_write (node, FALSE, &error);
  g_assert_no_error (error);
  again = jln_ob_parse_json (text, -1, &error);
  g_assert_no_error (error);
  text2 = jln_ob_json_write (again, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, text2);

  g_free (jln_ob_json_write (node, TRUE, NULL));
  return 0;
}
