/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "jln-rdf.h"

G_BEGIN_DECLS

/* JSON-LD 1.1 Processing Algorithms: expansion and deserialisation to RDF.
 *
 * Remote contexts come only from the offline document loader
 * (jln-document-loader.h). Errors are in the JLN_OB_ERROR domain:
 * JLN_OB_ERROR_JSONLD (the JSON-LD error code is in the message between
 * square brackets, e.g. "[invalid term definition]"),
 * JLN_OB_ERROR_LOADING_DOCUMENT, JLN_OB_ERROR_INVALID_JSON (input not an
 * object or array, or nested too deeply), JLN_OB_ERROR_DATA_LOSS (safe mode
 * only). Thread-safe.
 *
 * Where the specification leaves a choice, toRdf follows jsonld.js, the
 * processor Digital Bazaar's eddsa-rdfc-2022 runs on, so that signatures
 * agree byte for byte: language tags are lower-cased, numbers take the
 * lexical forms jsonld.js gives them (integers beyond 2^53 as the nearest
 * double, xsd:double strings read as numbers). */

typedef struct {
  const char *base;                  /* document base IRI, NULL = none */
  gboolean    produce_generalized_rdf; /* keep triples with blank-node predicates */
  const char *processing_mode;       /* NULL or "json-ld-1.1", or "json-ld-1.0" */
  JsonNode   *expand_context;        /* extra context applied first, or NULL */
  const char *rdf_direction;         /* NULL, "i18n-datatype" or "compound-literal" */
  gboolean    ordered;               /* expand keys in lexicographical order */
  /* Safe mode (VC Data Integrity 1.0, 2.4; jsonld.js "safe: true"): instead
   * of dropping what does not map to RDF (undefined terms, "@foo"-like keys,
   * relative or invalid IRIs, free-floating values, invalid language tags,
   * @direction without rdf_direction…), fail with JLN_OB_ERROR_DATA_LOSS
   * naming what would be lost. */
  gboolean    safe;
} JlnJsonLdOptions;

/* Deepest JSON nesting accepted in a document or context. */
#define JLN_JSONLD_MAX_DEPTH 256

/* Returns (transfer full) the expanded document, always an array. */
JsonNode      *jln_jsonld_expand       (JsonNode               *input,
                                        const JlnJsonLdOptions *options,
                                        GError                **error);

/* Blank nodes are labelled b0, b1… in the order the algorithm creates them. */
JlnRdfDataset *jln_jsonld_to_rdf       (JsonNode               *input,
                                        const JlnJsonLdOptions *options,
                                        GError                **error);

/* Deserialises an already expanded document (the output of
 * jln_jsonld_expand()). */
JlnRdfDataset *jln_jsonld_expanded_to_rdf (JsonNode               *expanded,
                                           const JlnJsonLdOptions *options,
                                           GError                **error);

/* JSON Canonicalization Scheme (RFC 8785) form of @node. */
char          *jln_jsonld_canonical_json (JsonNode *node);

/* Drops the cache of processed contexts (the parsed documents stay). */
void           jln_jsonld_clear_context_cache (void);

G_END_DECLS
