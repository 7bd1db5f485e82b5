/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* RDF 1.1 dataset as produced by JSON-LD toRdf and consumed by RDFC-1.0. */

typedef enum {
  JLN_RDF_IRI,
  JLN_RDF_BLANK,    /* value is the label without "_:" */
  JLN_RDF_LITERAL,
} JlnRdfTermKind;

typedef struct {
  JlnRdfTermKind kind;
  char *value;      /* IRI, blank label, or literal lexical form. A U+0000
                     * inside a literal is stored as the two bytes C0 80
                     * (as in "modified UTF-8") so the value stays a C
                     * string; the N-Quads writer turns it back into \u0000. */
  char *datatype;   /* literals only; NULL means xsd:string (or rdf:langString with language) */
  char *language;   /* literals only; NULL when none; kept as given */
} JlnRdfTerm;

typedef struct {
  JlnRdfTerm *subject;
  JlnRdfTerm *predicate;
  JlnRdfTerm *object;
  JlnRdfTerm *graph;   /* NULL = default graph */
} JlnRdfQuad;

typedef struct _JlnRdfDataset JlnRdfDataset;

JlnRdfTerm    *jln_rdf_term_new_iri     (const char *iri);
/* @label may be given with or without its "_:" prefix. */
JlnRdfTerm    *jln_rdf_term_new_blank   (const char *label);
JlnRdfTerm    *jln_rdf_term_new_literal (const char *lexical, const char *datatype, const char *language);
JlnRdfTerm    *jln_rdf_term_copy        (const JlnRdfTerm *term);
void           jln_rdf_term_free        (JlnRdfTerm *term);
gboolean       jln_rdf_term_equal       (const JlnRdfTerm *a, const JlnRdfTerm *b);
/* N-Quads form of one term ("<iri>", "_:b0", "\"x\"^^<dt>", "\"x\"@en"),
 * with the canonical N-Quads escaping of RDFC-1.0 / RDF 1.1. */
char          *jln_rdf_term_to_nquads   (const JlnRdfTerm *term);
/* Same, appended to @out. */
void           jln_rdf_term_append_nquads (GString *out, const JlnRdfTerm *term);
/* One canonical N-Quads line for @quad, ending in " .\n". */
void           jln_rdf_quad_append_nquads (GString *out, const JlnRdfQuad *quad);

JlnRdfDataset *jln_rdf_dataset_new      (void);
void           jln_rdf_dataset_free     (JlnRdfDataset *dataset);
/* Takes ownership of the terms; @graph may be NULL. Duplicate quads are
 * dropped (an RDF dataset is a set). */
void           jln_rdf_dataset_add      (JlnRdfDataset *dataset, JlnRdfTerm *subject,
                                         JlnRdfTerm *predicate, JlnRdfTerm *object,
                                         JlnRdfTerm *graph);
guint          jln_rdf_dataset_get_n_quads (const JlnRdfDataset *dataset);
const JlnRdfQuad *jln_rdf_dataset_get_quad (const JlnRdfDataset *dataset, guint index);
/* One line per quad, each ending in "\n", in insertion order (not sorted). */
char          *jln_rdf_dataset_to_nquads (const JlnRdfDataset *dataset);
/* Parses N-Quads (the RDFC and JSON-LD test suites' format). Errors are
 * JLN_OB_ERROR_UNSUPPORTED naming the line (JLN_OB_ERROR_TOO_LARGE for a
 * line beyond 8 MB). Duplicate statements are dropped. */
JlnRdfDataset *jln_rdf_dataset_parse_nquads (const char *text, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnRdfDataset, jln_rdf_dataset_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnRdfTerm, jln_rdf_term_free)

G_END_DECLS
