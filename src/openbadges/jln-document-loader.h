/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Offline JSON-LD document loader.
 *
 * Serves the context documents bundled in the GResource
 * /io/github/jalons/Jalons/contexts/ (see data/contexts/INDEX.tsv) and any
 * mapping added with jln_document_loader_add_file() or
 * jln_document_loader_add_prefix(). Nothing is ever fetched from the network:
 * an unknown URL fails with JLN_OB_ERROR_LOADING_DOCUMENT.
 *
 * Each document is parsed once per process and shared: the returned node is
 * a new reference to the cached, immutable document. Thread-safe. */

/* Returns (transfer full) the parsed document, never modify it. */
JsonNode *jln_document_loader_load       (const char  *url,
                                          GError     **error);

/* Serves @url from the local file @path (for tests and offline bundles). */
void      jln_document_loader_add_file   (const char  *url,
                                          const char  *path);

/* Serves every URL starting with @url_prefix from @directory, the rest of the
 * URL being the path relative to @directory. */
void      jln_document_loader_add_prefix (const char  *url_prefix,
                                          const char  *directory);

/* How many documents were parsed so far (each URL is parsed at most once). */
guint     jln_document_loader_get_n_parsed (void);

G_END_DECLS
