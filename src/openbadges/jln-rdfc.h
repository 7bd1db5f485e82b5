/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "jln-rdf.h"

G_BEGIN_DECLS

/* RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation), SHA-256. */

/* Bound on the work spent on N-degree hashing, so a poison graph is refused
 * with JLN_OB_ERROR_CANON_LIMIT instead of running for ever. 0 = default. */
typedef struct {
  guint max_ndegree_calls;
  /* Also refuse, as rdf-canonize does by default (maxWorkFactor 1, the
   * limit Digital Bazaar's verifiers run with), more N-degree hashing steps
   * than there are blank nodes sharing a first-degree hash, so nothing is
   * signed that those verifiers would refuse. */
  gboolean reference_work_factor;
} JlnRdfcOptions;

/* Canonical N-Quads: canonical blank labels (_:c14n0…), one line per quad
 * ending in "\n", lines sorted by code point. @issued (nullable out) maps
 * input blank labels to canonical ones (char* -> char*). */
char *jln_rdfc_canonicalize (const JlnRdfDataset *dataset,
                             const JlnRdfcOptions *options,
                             GHashTable          **issued,
                             GError              **error);

/* Same, with the hash algorithm named (G_CHECKSUM_SHA256 or
 * G_CHECKSUM_SHA384, as the RDFC-1.0 test suite exercises) and, when
 * @ndegree_calls is not NULL, the number of N-degree hashing steps spent
 * (to see how far a document is from the limit). */
char *jln_rdfc_canonicalize_full (const JlnRdfDataset  *dataset,
                                  const JlnRdfcOptions *options,
                                  GChecksumType         hash_type,
                                  GHashTable          **issued,
                                  guint                *ndegree_calls,
                                  GError              **error);

G_END_DECLS
