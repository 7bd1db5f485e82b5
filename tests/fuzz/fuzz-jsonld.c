/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-fuzz"

/* JSON-LD 1.1 expansion and toRdf (offline loader only), plain and in safe
 * mode (what signing uses), and the JCS form of the document: what
 * verification and `jalons-cli canon` run on a hostile credential. */

#include "openbadges/jln-jsonld.h"
#include "openbadges/jln-ob-json.h"
#include "jln-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) expanded = NULL;
  g_autoptr(JlnRdfDataset) dataset = NULL;
  g_autoptr(JlnRdfDataset) safe_dataset = NULL;
  JlnJsonLdOptions safe = { .safe = TRUE, .rdf_direction = "i18n-datatype" };

  jln_fuzz_init ();
  node = jln_ob_parse_json ((const char *) data, (gssize) size, NULL);
  if (node == NULL)
    return 0;

  g_free (jln_jsonld_canonical_json (node));

  expanded = jln_jsonld_expand (node, NULL, NULL);
  if (expanded != NULL)
    {
      dataset = jln_jsonld_expanded_to_rdf (expanded, NULL, NULL);
      if (dataset != NULL)
        g_free (jln_rdf_dataset_to_nquads (dataset));
    }

  safe_dataset = jln_jsonld_to_rdf (node, &safe, NULL);
  if (safe_dataset != NULL)
    g_free (jln_rdf_dataset_to_nquads (safe_dataset));
  return 0;
}
