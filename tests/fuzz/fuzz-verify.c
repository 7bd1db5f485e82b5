/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-fuzz"

/* Credential verification from a file's bytes (PNG, SVG, JSON or a bare
 * JWS): jln_verify_bytes(), then the report as a line and as JSON, as the
 * verify window and `jalons-cli verify` show it. Never NULL. */

#include "openbadges/jln-verify.h"
#include "jln-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) file = NULL;
  g_autoptr(JlnVerifyReport) report = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *line = NULL;

  jln_fuzz_init ();
  file = g_bytes_new (data, size);
  report = jln_verify_bytes (file, NULL);
  g_assert_nonnull (report);

  line = jln_verify_report_to_line (report);
  g_assert_nonnull (line);
  json = jln_verify_report_to_json (report);
  g_assert_nonnull (json);
  g_free (jln_ob_json_to_string (json, FALSE));
  return 0;
}
