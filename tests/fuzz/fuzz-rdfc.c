/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-fuzz"

/* RDFC-1.0 on N-Quads: jln_rdf_dataset_parse_nquads(), then
 * jln_rdfc_canonicalize(). The canonical form is a fixed point: read back
 * and canonicalised again, it is the same text. */

#include "openbadges/jln-rdf.h"
#include "openbadges/jln-rdfc.h"
#include "jln-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(JlnRdfDataset) dataset = NULL;
  g_autoptr(JlnRdfDataset) again = NULL;
  g_autofree char *canon = NULL;
  g_autofree char *canon2 = NULL;
  g_autoptr(GError) error = NULL;

  jln_fuzz_init ();
  text = jln_fuzz_strndup (data, size);
  dataset = jln_rdf_dataset_parse_nquads (text, NULL);
  if (dataset == NULL)
    return 0;
  /* Too many N-degree steps (a poison graph) is a refusal, not a crash. */
  canon = jln_rdfc_canonicalize (dataset, NULL, NULL, NULL);
  if (canon == NULL)
    return 0;

  again = jln_rdf_dataset_parse_nquads (canon, &error);
  g_assert_no_error (error);
  canon2 = jln_rdfc_canonicalize (again, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (canon, ==, canon2);
  return 0;
}
