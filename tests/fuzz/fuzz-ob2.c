/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-fuzz"

/* OB 2.0 import: whatever jln_bake_extract() finds in the bytes (a JSON
 * assertion as is, or one baked in PNG/SVG) through the JSON front door and
 * jln_ob2_import_assertion(), as the verify window shows someone else's
 * badge. */

#include "openbadges/jln-bake.h"
#include "openbadges/jln-ob-json.h"
#include "openbadges/jln-ob2.h"
#include "jln-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) file = NULL;
  g_autoptr(JlnBakedCredential) baked = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JlnOb2Import) import = NULL;

  jln_fuzz_init ();
  file = g_bytes_new (data, size);
  baked = jln_bake_extract (file, NULL);
  /* An unbaked file may still be an assertion the sniffer does not know. */
  if (baked == NULL || jln_baked_credential_is_url (baked))
    node = jln_ob_parse_json ((const char *) data, (gssize) size, NULL);
  else
    node = jln_ob_parse_json (baked->payload, -1, NULL);
  if (node == NULL)
    return 0;

  import = jln_ob2_import_assertion (node, NULL);
  return 0;
}
