/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Internals shared by the JSON-LD files: active contexts, term definitions,
 * IRI expansion. Contexts are immutable once returned, reference counted and
 * safe to share between threads. */

enum {
  JLD_C_GRAPH    = 1 << 0,
  JLD_C_ID       = 1 << 1,
  JLD_C_INDEX    = 1 << 2,
  JLD_C_LANGUAGE = 1 << 3,
  JLD_C_LIST     = 1 << 4,
  JLD_C_SET      = 1 << 5,
  JLD_C_TYPE     = 1 << 6,
};

typedef struct {
  char     *iri;            /* NULL: the term is explicitly mapped to null */
  char     *type_mapping;
  char     *language;
  char     *direction;
  char     *index;
  char     *nest;
  JsonNode *context;        /* scoped context, NULL when none */
  char     *context_base;
  guint     container;
  guint     has_language : 1;
  guint     has_direction : 1;
  guint     prefix : 1;
  guint     protected_ : 1;
  guint     reverse : 1;
  /* The scoped context belongs to a cached remote document, so contexts
   * derived from it can be cached by node identity. */
  guint     context_permanent : 1;
} JldTerm;

typedef struct _JldContext JldContext;

/* Something context processing dropped that safe mode refuses (jsonld.js
 * raises the same as safe-mode events). The first one found is kept on the
 * context and on every context derived from it; only safe mode looks. */
typedef enum {
  JLD_UNSAFE_NONE,
  JLD_UNSAFE_RESERVED_TERM,   /* a "@foo" term, or one mapped to "@foo": ignored */
  JLD_UNSAFE_RELATIVE_VOCAB,  /* "@vocab" that is not an absolute IRI */
  JLD_UNSAFE_LANGUAGE,        /* default "@language" that is not BCP 47 */
} JldUnsafe;

struct _JldContext {
  char       *base;
  char       *original_base;
  char       *vocab;
  char       *default_language;
  char       *default_direction;
  GHashTable *terms;          /* char* -> JldTerm* */
  JldContext *previous;
  guint64     serial;         /* non-zero when cached: derived contexts can be too */
  gboolean    mode_10;
  gboolean    has_protected;
  JldUnsafe   unsafe;
  char       *unsafe_detail;  /* the term, IRI or tag concerned */
};

#define JLD_MAX_REMOTE_CONTEXTS 32
#define JLD_MAX_CONTEXT_DEPTH 64

void        jld_set_error          (GError    **error,
                                    const char *code,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (3, 4);

JsonNode   *jld_json_copy          (JsonNode *node);

JldContext *jld_context_ref        (JldContext *ctx);
void        jld_context_unref      (JldContext *ctx);
JldContext *jld_context_initial    (const char *base,
                                    gboolean    mode_10);
JldContext *jld_context_process    (JldContext *active,
                                    JsonNode   *local,
                                    const char *base_url,
                                    gboolean    override_protected,
                                    gboolean    propagate,
                                    gboolean    permanent,
                                    GError    **error);
void        jld_context_cache_clear (void);

static inline const JldTerm *
jld_context_get_term (const JldContext *ctx,
                      const char       *term)
{
  return g_hash_table_lookup (ctx->terms, term);
}

/* IRI expansion without a local context (cannot fail). Returns NULL for a
 * null mapping or a keyword-like string that is not a keyword. */
char       *jld_expand_iri         (const JldContext *ctx,
                                    const char       *value,
                                    gboolean          document_relative,
                                    gboolean          vocab);

gboolean    jld_is_keyword         (const char *s);
/* The shape jsonld.js checks language tags against (safe mode):
 * [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})* */
gboolean    jld_is_bcp47           (const char *s);
gboolean    jld_has_keyword_form   (const char *s);
gboolean    jld_is_absolute_iri    (const char *s);
/* What jsonld.js takes for an absolute IRI (safe mode follows it, so that
 * what it signs is signed here too): a scheme or "_", ':', then anything
 * but white space, even characters an IRI forbids. */
gboolean    jld_is_js_absolute_iri (const char *s);
/* Absolute, none of the characters IRIs forbid, at most one '#'. */
gboolean    jld_is_well_formed_iri (const char *s);
char       *jld_resolve_iri        (const char *base,
                                    const char *ref);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JldContext, jld_context_unref)

G_END_DECLS
