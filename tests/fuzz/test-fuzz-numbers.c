/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-fuzz"

/* The first known crasher, an inline "@json" value holding 1e999, no longer
 * reaches the engine from a file: jln_ob_parse_json() refuses numbers that
 * overflow a double (crashers/verify/json-literal-1e999.json replays that).
 * The JSON-LD functions still take any JsonNode, and json-glib's own parser
 * reads 1e999 as infinity; so this test hands them such a tree directly.
 * append_number_es() used to look for the 'e' of "inf" and dereference
 * NULL. */

#include <string.h>

#include <json-glib/json-glib.h>

#include "openbadges/jln-jsonld.h"

static JsonNode *
lenient_parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_canonical_json_not_finite (void)
{
  const char *texts[] = { "{\"n\":1e999}", "[-1e999]", "{\"a\":[1e999,{\"b\":-1e999}]}" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) node = lenient_parse (texts[i]);
      g_autofree char *canon = jln_jsonld_canonical_json (node);

      g_assert_nonnull (canon);
      /* JSON has no infinity: whatever is written must still be JSON. */
      g_assert_null (strstr (canon, "inf"));
      g_assert_null (strstr (canon, "Inf"));
    }
}

static void
test_json_literal_not_finite (void)
{
  g_autoptr(JsonNode) node = lenient_parse (
    "{\"@context\":{\"data\":{\"@id\":\"https://example.org/data\",\"@type\":\"@json\"}},"
    "\"@id\":\"https://example.org/s\",\"data\":{\"n\":1e999,\"m\":[-1e999]}}");
  JlnJsonLdOptions safe = { .safe = TRUE };
  g_autoptr(JlnRdfDataset) plain = NULL;
  g_autoptr(JlnRdfDataset) signing = NULL;
  g_autoptr(GError) error = NULL;

  /* A triple or a refusal; never a crash, never "inf" in a literal. */
  plain = jln_jsonld_to_rdf (node, NULL, &error);
  if (plain != NULL)
    {
      g_autofree char *nq = jln_rdf_dataset_to_nquads (plain);
      g_assert_null (strstr (nq, "inf"));
    }
  g_clear_error (&error);
  signing = jln_jsonld_to_rdf (node, &safe, &error);
  if (signing != NULL)
    {
      g_autofree char *nq = jln_rdf_dataset_to_nquads (signing);
      g_assert_null (strstr (nq, "inf"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fuzz/numbers/canonical-json-not-finite", test_canonical_json_not_finite);
  g_test_add_func ("/fuzz/numbers/json-literal-not-finite", test_json_literal_not_finite);
  return g_test_run ();
}
