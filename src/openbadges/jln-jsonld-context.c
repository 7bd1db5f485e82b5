/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

/* JSON-LD 1.1 context processing, term definitions and IRI expansion
 * (JSON-LD 1.1 Processing Algorithms and API, sections 4 and 5.2). */

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jln-document-loader.h"
#include "jln-jsonld-private.h"
#include "jln-ob-error.h"

/* json_node_copy () shares the inner object, array or value and bumps their
 * reference counts without atomics: never use it on documents shared between
 * threads (cached contexts, the caller's input). This copy shares nothing. */
JsonNode *
jld_json_copy (JsonNode *node)
{
  JsonNode *copy = json_node_alloc ();

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *o = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *m;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &m))
          json_object_set_member (o, name, jld_json_copy (m));
        json_node_init_object (copy, o);
        json_object_unref (o);
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *src = json_node_get_array (node);
        guint n = json_array_get_length (src);
        JsonArray *a = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (a, jld_json_copy (json_array_get_element (src, i)));
        json_node_init_array (copy, a);
        json_array_unref (a);
      }
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          json_node_init_int (copy, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          json_node_init_double (copy, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          json_node_init_boolean (copy, json_node_get_boolean (node));
          break;
        default:
          json_node_init_string (copy, json_node_get_string (node));
        }
      break;
    case JSON_NODE_NULL:
      json_node_init_null (copy);
      break;
    }
  return copy;
}

void
jld_set_error (GError    **error,
               const char *code,
               const char *format,
               ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  /* The JSON-LD error code stays in English between brackets: it is what a
   * maintainer searches for, and what the tests match. */
  g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_JSONLD,
               _("The linked-data description of this document is invalid [%s]: %s"),
               code, detail);
}

/* ---------------------------------------------------------------- IRIs */

static const char *const keywords[] = {
  "@base", "@container", "@context", "@direction", "@graph", "@id", "@import",
  "@included", "@index", "@json", "@language", "@list", "@nest", "@none",
  "@prefix", "@propagate", "@protected", "@reverse", "@set", "@type",
  "@value", "@version", "@vocab", NULL
};

gboolean
jld_is_keyword (const char *s)
{
  if (s == NULL || s[0] != '@')
    return FALSE;
  for (guint i = 0; keywords[i] != NULL; i++)
    if (strcmp (s, keywords[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
jld_is_bcp47 (const char *s)
{
  gsize run = 0;
  gboolean first = TRUE;

  if (s == NULL || s[0] == '\0')
    return FALSE;
  for (const char *p = s; ; p++)
    {
      if (*p == '-' || *p == '\0')
        {
          if (run == 0 || run > 8)
            return FALSE;
          if (*p == '\0')
            return TRUE;
          run = 0;
          first = FALSE;
        }
      else if (first ? g_ascii_isalpha (*p) : g_ascii_isalnum (*p))
        run++;
      else
        return FALSE;
    }
}

gboolean
jld_has_keyword_form (const char *s)
{
  if (s == NULL || s[0] != '@' || s[1] == '\0')
    return FALSE;
  for (const char *p = s + 1; *p; p++)
    if (!g_ascii_isalpha (*p))
      return FALSE;
  return TRUE;
}

static gsize
scheme_length (const char *s)
{
  const char *p = s;

  if (!g_ascii_isalpha (*p))
    return 0;
  for (p++; g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.'; p++)
    ;
  return *p == ':' ? (gsize) (p - s) : 0;
}

gboolean
jld_is_absolute_iri (const char *s)
{
  return s != NULL && scheme_length (s) > 0;
}

gboolean
jld_is_js_absolute_iri (const char *s)
{
  const char *p = s;

  if (s == NULL)
    return FALSE;
  if (p[0] == '_')
    p++;
  else if (g_ascii_isalpha (*p))
    {
      /* [A-Za-z0-9+-.]: the class "+-." is the range '+' to '.'. */
      for (p++; g_ascii_isalnum (*p) || (*p >= '+' && *p <= '.'); p++)
        ;
    }
  else
    return FALSE;
  if (*p++ != ':')
    return FALSE;
  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* ECMAScript \s: white space and line terminators. */
      if ((c >= 0x09 && c <= 0x0d) || c == 0x20 || c == 0xa0 || c == 0x1680
          || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029
          || c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff)
        return FALSE;
    }
  return TRUE;
}

gboolean
jld_is_well_formed_iri (const char *s)
{
  /* Characters that cannot appear in an IRI: controls, space, <>"{}|\^` */
  static const guint32 forbidden[8] = {
    0xffffffff, 0x50000005, 0x50000000, 0x38000001, 0, 0, 0, 0
  };
  gboolean seen_hash = FALSE;

  if (!jld_is_absolute_iri (s))
    return FALSE;
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      if (forbidden[*p >> 5] & (1u << (*p & 31)))
        return FALSE;
      if (*p == '#')
        {
          if (seen_hash)
            return FALSE;
          seen_hash = TRUE;
        }
    }
  return TRUE;
}

typedef struct {
  const char *scheme; gsize scheme_len;
  gboolean has_authority; const char *authority; gsize authority_len;
  const char *path; gsize path_len;
  gboolean has_query; const char *query; gsize query_len;
  gboolean has_fragment; const char *fragment;
} UriParts;

static void
uri_split (const char *s,
           UriParts   *u)
{
  gsize n;

  memset (u, 0, sizeof *u);
  n = scheme_length (s);
  if (n > 0)
    {
      u->scheme = s;
      u->scheme_len = n;
      s += n + 1;
    }
  if (s[0] == '/' && s[1] == '/')
    {
      u->has_authority = TRUE;
      u->authority = s + 2;
      u->authority_len = strcspn (s + 2, "/?#");
      s += 2 + u->authority_len;
    }
  u->path = s;
  u->path_len = strcspn (s, "?#");
  s += u->path_len;
  if (*s == '?')
    {
      u->has_query = TRUE;
      u->query = s + 1;
      u->query_len = strcspn (s + 1, "#");
      s += 1 + u->query_len;
    }
  if (*s == '#')
    {
      u->has_fragment = TRUE;
      u->fragment = s + 1;
    }
}

/* RFC 3986 section 5.2.4. */
static void
remove_dot_segments (GString    *out,
                     const char *path,
                     gsize       len)
{
  g_autofree char *in_buf = g_strndup (path, len);
  const char *in = in_buf;
  gsize start = out->len;

  while (*in)
    {
      if (g_str_has_prefix (in, "../"))
        in += 3;
      else if (g_str_has_prefix (in, "./"))
        in += 2;
      else if (g_str_has_prefix (in, "/./"))
        in += 2;
      else if (strcmp (in, "/.") == 0)
        {
          in += 1;
          /* "/." becomes "/" */
          g_string_append_c (out, '/');
          in += 1;
        }
      else if (g_str_has_prefix (in, "/../") || strcmp (in, "/..") == 0)
        {
          gboolean last = in[3] == '\0';
          char *slash;

          in += 3;
          out->str[out->len] = '\0';
          slash = strrchr (out->str + start, '/');
          g_string_truncate (out, slash ? (gsize) (slash - out->str) : start);
          if (last)
            g_string_append_c (out, '/');
        }
      else if (strcmp (in, ".") == 0 || strcmp (in, "..") == 0)
        in += strlen (in);
      else
        {
          const char *next = strchr (in + (in[0] == '/' ? 1 : 0), '/');
          gsize seg = next ? (gsize) (next - in) : strlen (in);

          g_string_append_len (out, in, seg);
          in += seg;
        }
    }
}

char *
jld_resolve_iri (const char *base,
                 const char *ref)
{
  UriParts b, r;
  GString *out;

  if (base == NULL)
    return g_strdup (ref);

  uri_split (ref, &r);
  if (r.scheme != NULL)
    {
      out = g_string_new (NULL);
      g_string_append_len (out, r.scheme, r.scheme_len + 1);
      if (r.has_authority)
        {
          g_string_append (out, "//");
          g_string_append_len (out, r.authority, r.authority_len);
        }
      remove_dot_segments (out, r.path, r.path_len);
      if (r.has_query)
        {
          g_string_append_c (out, '?');
          g_string_append_len (out, r.query, r.query_len);
        }
      if (r.has_fragment)
        {
          g_string_append_c (out, '#');
          g_string_append (out, r.fragment);
        }
      return g_string_free (out, FALSE);
    }

  uri_split (base, &b);
  out = g_string_new (NULL);
  if (b.scheme != NULL)
    g_string_append_len (out, b.scheme, b.scheme_len + 1);

  if (r.has_authority)
    {
      g_string_append (out, "//");
      g_string_append_len (out, r.authority, r.authority_len);
      remove_dot_segments (out, r.path, r.path_len);
      if (r.has_query)
        {
          g_string_append_c (out, '?');
          g_string_append_len (out, r.query, r.query_len);
        }
    }
  else
    {
      if (b.has_authority)
        {
          g_string_append (out, "//");
          g_string_append_len (out, b.authority, b.authority_len);
        }
      if (r.path_len == 0)
        {
          g_string_append_len (out, b.path, b.path_len);
          if (r.has_query)
            {
              g_string_append_c (out, '?');
              g_string_append_len (out, r.query, r.query_len);
            }
          else if (b.has_query)
            {
              g_string_append_c (out, '?');
              g_string_append_len (out, b.query, b.query_len);
            }
        }
      else
        {
          if (r.path[0] == '/')
            remove_dot_segments (out, r.path, r.path_len);
          else
            {
              g_autoptr(GString) merged = g_string_new (NULL);

              if (b.has_authority && b.path_len == 0)
                g_string_append_c (merged, '/');
              else
                {
                  gsize keep = b.path_len;

                  while (keep > 0 && b.path[keep - 1] != '/')
                    keep--;
                  g_string_append_len (merged, b.path, keep);
                }
              g_string_append_len (merged, r.path, r.path_len);
              remove_dot_segments (out, merged->str, merged->len);
            }
          if (r.has_query)
            {
              g_string_append_c (out, '?');
              g_string_append_len (out, r.query, r.query_len);
            }
        }
    }
  if (r.has_fragment)
    {
      g_string_append_c (out, '#');
      g_string_append (out, r.fragment);
    }
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------- terms */

static void
term_free (JldTerm *t)
{
  g_free (t->iri);
  g_free (t->type_mapping);
  g_free (t->language);
  g_free (t->direction);
  g_free (t->index);
  g_free (t->nest);
  g_clear_pointer (&t->context, json_node_unref);
  g_free (t->context_base);
}

static void
term_unref (gpointer t)
{
  g_atomic_rc_box_release_full (t, (GDestroyNotify) term_free);
}

static gboolean
str_equal0 (const char *a,
            const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

/* Definitions compared for protected-term redefinition: all but @protected. */
static gboolean
term_same (const JldTerm *a,
           const JldTerm *b)
{
  if (!str_equal0 (a->iri, b->iri) || !str_equal0 (a->type_mapping, b->type_mapping)
      || a->has_language != b->has_language || !str_equal0 (a->language, b->language)
      || a->has_direction != b->has_direction || !str_equal0 (a->direction, b->direction)
      || !str_equal0 (a->index, b->index) || !str_equal0 (a->nest, b->nest)
      || a->container != b->container || a->prefix != b->prefix
      || a->reverse != b->reverse)
    return FALSE;
  if ((a->context == NULL) != (b->context == NULL))
    return FALSE;
  return a->context == NULL || json_node_equal (a->context, b->context);
}

/* ---------------------------------------------------------- contexts */

static void
context_free (JldContext *ctx)
{
  g_free (ctx->base);
  g_free (ctx->original_base);
  g_free (ctx->vocab);
  g_free (ctx->default_language);
  g_free (ctx->default_direction);
  g_free (ctx->unsafe_detail);
  g_clear_pointer (&ctx->terms, g_hash_table_unref);
  g_clear_pointer (&ctx->previous, jld_context_unref);
}

JldContext *
jld_context_ref (JldContext *ctx)
{
  return g_atomic_rc_box_acquire (ctx);
}

void
jld_context_unref (JldContext *ctx)
{
  g_atomic_rc_box_release_full (ctx, (GDestroyNotify) context_free);
}

static JldContext *
context_new (const char *base,
             gboolean    mode_10)
{
  JldContext *ctx = g_atomic_rc_box_new0 (JldContext);

  ctx->base = g_strdup (base);
  ctx->original_base = g_strdup (base);
  ctx->mode_10 = mode_10;
  ctx->terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, term_unref);
  return ctx;
}

static JldContext *
context_copy (const JldContext *src)
{
  JldContext *ctx = g_atomic_rc_box_new0 (JldContext);
  GHashTableIter iter;
  gpointer key, value;

  ctx->base = g_strdup (src->base);
  ctx->original_base = g_strdup (src->original_base);
  ctx->vocab = g_strdup (src->vocab);
  ctx->default_language = g_strdup (src->default_language);
  ctx->default_direction = g_strdup (src->default_direction);
  ctx->previous = src->previous ? jld_context_ref (src->previous) : NULL;
  ctx->mode_10 = src->mode_10;
  ctx->has_protected = src->has_protected;
  ctx->unsafe = src->unsafe;
  ctx->unsafe_detail = g_strdup (src->unsafe_detail);
  ctx->terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, term_unref);
  g_hash_table_iter_init (&iter, src->terms);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (ctx->terms, g_strdup (key), g_atomic_rc_box_acquire (value));
  return ctx;
}

static void
mark_unsafe (JldContext *ctx,
             JldUnsafe   kind,
             const char *detail)
{
  if (ctx->unsafe != JLD_UNSAFE_NONE)
    return;
  ctx->unsafe = kind;
  ctx->unsafe_detail = g_strdup (detail);
}

/* State of one context definition being processed, needed when IRI expansion
 * has to define a term it depends on. */
typedef struct {
  JldContext *active;
  JsonObject *local;
  GHashTable *defined;      /* term -> 1 (being defined) or 2 (done) */
  const char *base_url;
  GPtrArray  *remote;
  gboolean    protected_;
  gboolean    override_protected;
  gboolean    validate;
  gboolean    permanent;
  guint       depth;
} DefineState;

static JldContext *process_context (JldContext *active, JsonNode *local,
                                    const char *base_url, GPtrArray *remote,
                                    gboolean override_protected, gboolean propagate,
                                    gboolean validate, gboolean permanent,
                                    guint depth, GError **error);

static gboolean create_term (DefineState *st, const char *term, GError **error);

/* IRI Expansion (5.2.2). *out is NULL for a null result. */
static gboolean
expand_iri_full (JldContext  *active,
                 const char  *value,
                 gboolean     document_relative,
                 gboolean     vocab,
                 DefineState *st,
                 char       **out,
                 GError     **error)
{
  const JldTerm *def;
  const char *colon;

  *out = NULL;
  if (value == NULL)
    return TRUE;
  if (jld_is_keyword (value))
    {
      *out = g_strdup (value);
      return TRUE;
    }
  if (jld_has_keyword_form (value))
    return TRUE;

  if (st != NULL && json_object_has_member (st->local, value)
      && GPOINTER_TO_INT (g_hash_table_lookup (st->defined, value)) != 2)
    if (!create_term (st, value, error))
      return FALSE;

  def = jld_context_get_term (active, value);
  if (def != NULL && def->iri != NULL && jld_is_keyword (def->iri))
    {
      *out = g_strdup (def->iri);
      return TRUE;
    }
  if (vocab && def != NULL)
    {
      *out = g_strdup (def->iri);
      return TRUE;
    }

  colon = value[0] != '\0' ? strchr (value + 1, ':') : NULL;
  if (colon != NULL)
    {
      g_autofree char *prefix = g_strndup (value, colon - value);
      const char *suffix = colon + 1;
      const JldTerm *pdef;

      if (strcmp (prefix, "_") == 0 || g_str_has_prefix (suffix, "//"))
        {
          *out = g_strdup (value);
          return TRUE;
        }
      if (st != NULL && json_object_has_member (st->local, prefix)
          && GPOINTER_TO_INT (g_hash_table_lookup (st->defined, prefix)) != 2)
        if (!create_term (st, prefix, error))
          return FALSE;
      pdef = jld_context_get_term (active, prefix);
      if (pdef != NULL && pdef->iri != NULL && pdef->prefix)
        {
          *out = g_strconcat (pdef->iri, suffix, NULL);
          return TRUE;
        }
      if (jld_is_absolute_iri (value))
        {
          *out = g_strdup (value);
          return TRUE;
        }
    }

  if (vocab && active->vocab != NULL)
    *out = g_strconcat (active->vocab, value, NULL);
  else if (document_relative)
    *out = jld_resolve_iri (active->base, value);
  else
    *out = g_strdup (value);
  return TRUE;
}

char *
jld_expand_iri (const JldContext *ctx,
                const char       *value,
                gboolean          document_relative,
                gboolean          vocab)
{
  char *out = NULL;

  expand_iri_full ((JldContext *) ctx, value, document_relative, vocab, NULL, &out, NULL);
  return out;
}

static gboolean
is_iri_or_blank (const char *s)
{
  return s != NULL && (jld_is_absolute_iri (s) || g_str_has_prefix (s, "_:"));
}

static gboolean
ends_with_gen_delim (const char *s)
{
  gsize n = strlen (s);

  return n > 0 && strchr (":/?#[]@", s[n - 1]) != NULL;
}

static gboolean
parse_container (JsonNode *node,
                 gboolean  mode_10,
                 guint    *out)
{
  guint c = 0;
  guint n = 0;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *arr = json_node_get_array (node);

      if (mode_10)
        return FALSE;
      n = json_array_get_length (arr);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *item = json_array_get_element (arr, i);
          const char *s;
          guint bit = 0;

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            return FALSE;
          s = json_node_get_string (item);
          if (strcmp (s, "@graph") == 0) bit = JLD_C_GRAPH;
          else if (strcmp (s, "@id") == 0) bit = JLD_C_ID;
          else if (strcmp (s, "@index") == 0) bit = JLD_C_INDEX;
          else if (strcmp (s, "@language") == 0) bit = JLD_C_LANGUAGE;
          else if (strcmp (s, "@list") == 0) bit = JLD_C_LIST;
          else if (strcmp (s, "@set") == 0) bit = JLD_C_SET;
          else if (strcmp (s, "@type") == 0) bit = JLD_C_TYPE;
          else
            return FALSE;
          if (c & bit)
            return FALSE;
          c |= bit;
        }
      if (n > 1)
        {
          /* Allowed combinations: @graph with @id or @index (and @set), or
           * @set with any of @index, @graph, @id, @type, @language. */
          if (c & JLD_C_LIST)
            return FALSE;
          if ((c & JLD_C_GRAPH) && (c & (JLD_C_ID | JLD_C_INDEX)))
            {
              if (c & ~(JLD_C_GRAPH | JLD_C_ID | JLD_C_INDEX | JLD_C_SET))
                return FALSE;
              if ((c & JLD_C_ID) && (c & JLD_C_INDEX))
                return FALSE;
            }
          else if (!(c & JLD_C_SET))
            return FALSE;
        }
      *out = c;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  {
    const char *s = json_node_get_string (node);
    static const struct { const char *name; guint bit; } names[] = {
      { "@graph", JLD_C_GRAPH }, { "@id", JLD_C_ID }, { "@index", JLD_C_INDEX },
      { "@language", JLD_C_LANGUAGE }, { "@list", JLD_C_LIST }, { "@set", JLD_C_SET },
      { "@type", JLD_C_TYPE },
    };

    if (mode_10 && (strcmp (s, "@graph") == 0 || strcmp (s, "@id") == 0
                    || strcmp (s, "@type") == 0))
      return FALSE;
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (strcmp (s, names[i].name) == 0)
        {
          *out = names[i].bit;
          return TRUE;
        }
    return FALSE;
  }
}

static gboolean
node_is_string (JsonNode *n)
{
  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING;
}

static gboolean
node_is_bool (JsonNode *n)
{
  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN;
}

/* Create Term Definition (4.2.2). */
static gboolean
create_term (DefineState *st,
             const char  *term,
             GError     **error)
{
  JldContext *active = st->active;
  g_autoptr(JsonObject) owned = NULL;
  JsonObject *value = NULL;
  JsonNode *vnode;
  JldTerm *previous = NULL;
  JldTerm *def = NULL;
  gboolean simple_term = FALSE;
  gint state;
  const char *colon;
  gboolean ok = FALSE;
  JsonNode *m;

  state = GPOINTER_TO_INT (g_hash_table_lookup (st->defined, term));
  if (state == 2)
    return TRUE;
  if (state == 1)
    {
      jld_set_error (error, "cyclic IRI mapping", "the term “%s” is defined in terms of itself", term);
      return FALSE;
    }
  if (term[0] == '\0')
    {
      jld_set_error (error, "invalid term definition", "a term cannot be empty");
      return FALSE;
    }
  g_hash_table_insert (st->defined, g_strdup (term), GINT_TO_POINTER (1));

  vnode = json_object_get_member (st->local, term);

  if (strcmp (term, "@type") == 0)
    {
      gboolean valid = !active->mode_10 && JSON_NODE_HOLDS_OBJECT (vnode);

      if (valid)
        {
          JsonObject *o = json_node_get_object (vnode);
          g_autoptr(GList) members = json_object_get_members (o);
          JsonNode *c = json_object_get_member (o, "@container");

          valid = members != NULL
                  && (c == NULL || (node_is_string (c) && strcmp (json_node_get_string (c), "@set") == 0));
          for (GList *l = members; l && valid; l = l->next)
            if (strcmp (l->data, "@container") != 0 && strcmp (l->data, "@protected") != 0)
              valid = FALSE;
        }
      if (!valid)
        {
          jld_set_error (error, "keyword redefinition", "the keyword “@type” cannot be redefined this way");
          return FALSE;
        }
    }
  else if (jld_is_keyword (term))
    {
      jld_set_error (error, "keyword redefinition", "the keyword “%s” cannot be redefined", term);
      return FALSE;
    }
  else if (jld_has_keyword_form (term))
    {
      /* Reserved for future keywords: ignored. */
      mark_unsafe (active, JLD_UNSAFE_RESERVED_TERM, term);
      g_hash_table_insert (st->defined, g_strdup (term), GINT_TO_POINTER (2));
      return TRUE;
    }

  if (g_hash_table_lookup_extended (active->terms, term, NULL, (gpointer *) &previous))
    {
      previous = g_atomic_rc_box_acquire (previous);
      g_hash_table_remove (active->terms, term);
    }

  if (JSON_NODE_HOLDS_NULL (vnode))
    {
      value = owned = json_object_new ();
      json_object_set_null_member (value, "@id");
    }
  else if (node_is_string (vnode))
    {
      value = owned = json_object_new ();
      json_object_set_string_member (value, "@id", json_node_get_string (vnode));
      simple_term = TRUE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (vnode))
    value = json_node_get_object (vnode);
  else
    {
      jld_set_error (error, "invalid term definition", "the definition of “%s” must be a string or an object", term);
      goto out;
    }

  def = g_atomic_rc_box_new0 (JldTerm);
  def->protected_ = st->protected_;

  if ((m = json_object_get_member (value, "@protected")) != NULL)
    {
      if (active->mode_10)
        {
          jld_set_error (error, "invalid term definition", "“@protected” needs JSON-LD 1.1");
          goto out;
        }
      if (!node_is_bool (m))
        {
          jld_set_error (error, "invalid @protected value", "“@protected” of “%s” must be true or false", term);
          goto out;
        }
      def->protected_ = json_node_get_boolean (m);
    }

  if ((m = json_object_get_member (value, "@type")) != NULL)
    {
      g_autofree char *type = NULL;

      if (!node_is_string (m))
        {
          jld_set_error (error, "invalid type mapping", "the type of “%s” must be a string", term);
          goto out;
        }
      if (!expand_iri_full (active, json_node_get_string (m), FALSE, TRUE, st, &type, error))
        goto out;
      if (type != NULL && active->mode_10
          && (strcmp (type, "@json") == 0 || strcmp (type, "@none") == 0))
        type = (g_free (type), NULL);
      if (type == NULL
          || !(strcmp (type, "@id") == 0 || strcmp (type, "@json") == 0
               || strcmp (type, "@none") == 0 || strcmp (type, "@vocab") == 0
               || jld_is_absolute_iri (type)))
        {
          jld_set_error (error, "invalid type mapping", "the type of “%s” is not an IRI", term);
          goto out;
        }
      def->type_mapping = g_steal_pointer (&type);
    }

  if ((m = json_object_get_member (value, "@reverse")) != NULL)
    {
      JsonNode *c;

      if (json_object_has_member (value, "@id") || json_object_has_member (value, "@nest"))
        {
          jld_set_error (error, "invalid reverse property", "the reverse term “%s” cannot have “@id” or “@nest”", term);
          goto out;
        }
      if (!node_is_string (m))
        {
          jld_set_error (error, "invalid IRI mapping", "“@reverse” of “%s” must be a string", term);
          goto out;
        }
      if (jld_has_keyword_form (json_node_get_string (m)))
        {
          mark_unsafe (active, JLD_UNSAFE_RESERVED_TERM, term);
          g_hash_table_insert (st->defined, g_strdup (term), GINT_TO_POINTER (2));
          ok = TRUE;
          goto out_nodef;
        }
      if (!expand_iri_full (active, json_node_get_string (m), FALSE, TRUE, st, &def->iri, error))
        goto out;
      if (!is_iri_or_blank (def->iri))
        {
          jld_set_error (error, "invalid IRI mapping", "“@reverse” of “%s” is not an IRI", term);
          goto out;
        }
      if ((c = json_object_get_member (value, "@container")) != NULL && !JSON_NODE_HOLDS_NULL (c))
        {
          const char *cs = node_is_string (c) ? json_node_get_string (c) : "";

          if (strcmp (cs, "@set") == 0)
            def->container = JLD_C_SET;
          else if (strcmp (cs, "@index") == 0)
            def->container = JLD_C_INDEX;
          else
            {
              jld_set_error (error, "invalid reverse property", "the container of the reverse term “%s” must be “@set” or “@index”", term);
              goto out;
            }
        }
      def->reverse = TRUE;
      /* Reverse terms still go through the checks at the end. */
    }
  else if ((m = json_object_get_member (value, "@id")) != NULL
           && !(node_is_string (m) && strcmp (json_node_get_string (m), term) == 0))
    {
      if (JSON_NODE_HOLDS_NULL (m))
        def->iri = NULL;
      else
        {
          const char *id;

          if (!node_is_string (m))
            {
              jld_set_error (error, "invalid IRI mapping", "“@id” of “%s” must be a string", term);
              goto out;
            }
          id = json_node_get_string (m);
          if (!jld_is_keyword (id) && jld_has_keyword_form (id))
            {
              mark_unsafe (active, JLD_UNSAFE_RESERVED_TERM, term);
              g_hash_table_insert (st->defined, g_strdup (term), GINT_TO_POINTER (2));
              ok = TRUE;
              goto out_nodef;
            }
          if (!expand_iri_full (active, id, FALSE, TRUE, st, &def->iri, error))
            goto out;
          if (def->iri == NULL || !(jld_is_keyword (def->iri) || is_iri_or_blank (def->iri)))
            {
              jld_set_error (error, "invalid IRI mapping", "“%s” does not map to an IRI", term);
              goto out;
            }
          if (strcmp (def->iri, "@context") == 0)
            {
              jld_set_error (error, "invalid keyword alias", "“%s” cannot be an alias of “@context”", term);
              goto out;
            }
          colon = strchr (term, ':');
          if ((colon != NULL && colon != term && colon[1] != '\0') || strchr (term, '/') != NULL)
            {
              g_autofree char *expanded = NULL;

              g_hash_table_insert (st->defined, g_strdup (term), GINT_TO_POINTER (2));
              if (!expand_iri_full (active, term, FALSE, TRUE, st, &expanded, error))
                goto out;
              if (!str_equal0 (expanded, def->iri))
                {
                  jld_set_error (error, "invalid IRI mapping", "the term “%s” looks like an IRI but maps to another one", term);
                  goto out;
                }
            }
          if (strchr (term, ':') == NULL && strchr (term, '/') == NULL && simple_term
              && (ends_with_gen_delim (def->iri) || g_str_has_prefix (def->iri, "_:")))
            def->prefix = TRUE;
        }
    }
  else if ((colon = strchr (term + 1, ':')) != NULL)
    {
      g_autofree char *prefix = g_strndup (term, colon - term);
      const JldTerm *pdef;

      if (json_object_has_member (st->local, prefix))
        if (!create_term (st, prefix, error))
          goto out;
      pdef = jld_context_get_term (active, prefix);
      if (pdef != NULL && pdef->iri != NULL)
        def->iri = g_strconcat (pdef->iri, colon + 1, NULL);
      else
        def->iri = g_strdup (term);
    }
  else if (strchr (term, '/') != NULL)
    {
      /* Not through the local context: the term would depend on itself. */
      if (!expand_iri_full (active, term, FALSE, TRUE, NULL, &def->iri, error))
        goto out;
      if (!jld_is_absolute_iri (def->iri))
        {
          jld_set_error (error, "invalid IRI mapping", "the term “%s” does not map to an IRI", term);
          goto out;
        }
    }
  else if (strcmp (term, "@type") == 0)
    def->iri = g_strdup ("@type");
  else if (active->vocab != NULL)
    def->iri = g_strconcat (active->vocab, term, NULL);
  else
    {
      jld_set_error (error, "invalid IRI mapping", "the term “%s” has no IRI and there is no “@vocab”", term);
      goto out;
    }

  if (!def->reverse && (m = json_object_get_member (value, "@container")) != NULL)
    {
      if (!parse_container (m, active->mode_10, &def->container))
        {
          jld_set_error (error, "invalid container mapping", "the container of “%s” is not valid", term);
          goto out;
        }
      if (def->container & JLD_C_TYPE)
        {
          if (def->type_mapping == NULL)
            def->type_mapping = g_strdup ("@id");
          if (strcmp (def->type_mapping, "@id") != 0 && strcmp (def->type_mapping, "@vocab") != 0)
            {
              jld_set_error (error, "invalid type mapping", "a type map “%s” needs “@id” or “@vocab” values", term);
              goto out;
            }
        }
    }

  if ((m = json_object_get_member (value, "@index")) != NULL)
    {
      if (active->mode_10 || !(def->container & JLD_C_INDEX) || !node_is_string (m))
        {
          jld_set_error (error, "invalid term definition", "“@index” of “%s” needs an index container", term);
          goto out;
        }
      if (!expand_iri_full (active, json_node_get_string (m), FALSE, TRUE, st, &def->index, error))
        goto out;
      if (!jld_is_absolute_iri (def->index))
        {
          jld_set_error (error, "invalid term definition", "“@index” of “%s” is not an IRI", term);
          goto out;
        }
      g_free (def->index);
      def->index = g_strdup (json_node_get_string (m));
    }

  if ((m = json_object_get_member (value, "@context")) != NULL)
    {
      g_autoptr(GError) sub_error = NULL;
      JldContext *check;

      if (active->mode_10)
        {
          jld_set_error (error, "invalid term definition", "scoped contexts need JSON-LD 1.1");
          goto out;
        }
      if (st->depth >= JLD_MAX_CONTEXT_DEPTH)
        {
          jld_set_error (error, "context overflow", "contexts are nested too deeply");
          goto out;
        }
      /* Validated now so errors surface with the context that has them. */
      check = process_context (active, m, st->base_url, st->remote, TRUE, TRUE,
                               FALSE, st->permanent, st->depth + 1, &sub_error);
      if (check == NULL)
        {
          if (sub_error->domain == JLN_OB_ERROR && sub_error->code == JLN_OB_ERROR_LOADING_DOCUMENT)
            g_propagate_error (error, g_steal_pointer (&sub_error));
          else
            jld_set_error (error, "invalid scoped context", "the context of “%s” is not valid: %s", term, sub_error->message);
          goto out;
        }
      jld_context_unref (check);
      def->context = json_node_ref (m);
      def->context_base = g_strdup (st->base_url);
      def->context_permanent = st->permanent;
    }

  if ((m = json_object_get_member (value, "@language")) != NULL
      && !json_object_has_member (value, "@type"))
    {
      if (!JSON_NODE_HOLDS_NULL (m) && !node_is_string (m))
        {
          jld_set_error (error, "invalid language mapping", "the language of “%s” must be a string or null", term);
          goto out;
        }
      def->has_language = TRUE;
      def->language = JSON_NODE_HOLDS_NULL (m) ? NULL : g_strdup (json_node_get_string (m));
    }

  if ((m = json_object_get_member (value, "@direction")) != NULL
      && !json_object_has_member (value, "@type"))
    {
      const char *d = node_is_string (m) ? json_node_get_string (m) : NULL;

      if (!JSON_NODE_HOLDS_NULL (m) && !(d != NULL && (strcmp (d, "ltr") == 0 || strcmp (d, "rtl") == 0)))
        {
          jld_set_error (error, "invalid base direction", "the direction of “%s” must be “ltr”, “rtl” or null", term);
          goto out;
        }
      def->has_direction = TRUE;
      def->direction = g_strdup (d);
    }

  if ((m = json_object_get_member (value, "@nest")) != NULL)
    {
      const char *n = node_is_string (m) ? json_node_get_string (m) : NULL;

      if (active->mode_10)
        {
          jld_set_error (error, "invalid term definition", "“@nest” needs JSON-LD 1.1");
          goto out;
        }
      if (n == NULL || (jld_is_keyword (n) && strcmp (n, "@nest") != 0))
        {
          jld_set_error (error, "invalid @nest value", "“@nest” of “%s” is not valid", term);
          goto out;
        }
      def->nest = g_strdup (n);
    }

  if ((m = json_object_get_member (value, "@prefix")) != NULL)
    {
      if (active->mode_10 || strchr (term, ':') != NULL || strchr (term, '/') != NULL)
        {
          jld_set_error (error, "invalid term definition", "“@prefix” is not allowed on “%s”", term);
          goto out;
        }
      if (!node_is_bool (m))
        {
          jld_set_error (error, "invalid @prefix value", "“@prefix” of “%s” must be true or false", term);
          goto out;
        }
      def->prefix = json_node_get_boolean (m);
      if (def->prefix && def->iri != NULL && jld_is_keyword (def->iri))
        {
          jld_set_error (error, "invalid term definition", "the keyword alias “%s” cannot be a prefix", term);
          goto out;
        }
    }

  {
    static const char *const allowed[] = {
      "@id", "@reverse", "@container", "@context", "@direction", "@index",
      "@language", "@nest", "@prefix", "@protected", "@type", NULL
    };
    g_autoptr(GList) members = json_object_get_members (value);

    for (GList *l = members; l; l = l->next)
      if (!g_strv_contains (allowed, l->data))
        {
          jld_set_error (error, "invalid term definition", "“%s” has an unknown entry “%s”", term, (char *) l->data);
          goto out;
        }
  }

  if (!st->override_protected && previous != NULL && previous->protected_)
    {
      if (!term_same (def, previous))
        {
          jld_set_error (error, "protected term redefinition", "the protected term “%s” cannot be redefined", term);
          goto out;
        }
      term_unref (def);
      def = g_atomic_rc_box_acquire (previous);
    }

  if (def->protected_)
    active->has_protected = TRUE;
  g_hash_table_insert (active->terms, g_strdup (term), g_steal_pointer (&def));
  g_hash_table_insert (st->defined, g_strdup (term), GINT_TO_POINTER (2));
  ok = TRUE;

out:
out_nodef:
  g_clear_pointer (&def, term_unref);
  g_clear_pointer (&previous, term_unref);
  return ok;
}

static JsonObject *
merge_import (JsonObject *import,
              JsonObject *context)
{
  JsonObject *merged = json_object_new ();
  g_autoptr(GList) a = json_object_get_members (import);
  g_autoptr(GList) b = json_object_get_members (context);

  for (GList *l = a; l; l = l->next)
    if (!json_object_has_member (context, l->data))
      json_object_set_member (merged, l->data, jld_json_copy (json_object_get_member (import, l->data)));
  for (GList *l = b; l; l = l->next)
    if (strcmp (l->data, "@import") != 0)
      json_object_set_member (merged, l->data, jld_json_copy (json_object_get_member (context, l->data)));
  return merged;
}

static gboolean
process_definition (JldContext  *result,
                    JsonObject  *context,
                    const char  *base_url,
                    GPtrArray   *remote,
                    gboolean     override_protected,
                    gboolean     validate,
                    gboolean     permanent,
                    guint        depth,
                    GError     **error)
{
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(GHashTable) defined = NULL;
  g_autoptr(GList) members = NULL;
  JsonNode *m;
  DefineState st;

  if ((m = json_object_get_member (context, "@version")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (m) || json_node_get_value_type (m) != G_TYPE_DOUBLE
          || json_node_get_double (m) != 1.1)
        {
          jld_set_error (error, "invalid @version value", "“@version” must be 1.1");
          return FALSE;
        }
      if (result->mode_10)
        {
          jld_set_error (error, "processing mode conflict", "a JSON-LD 1.1 context is used in JSON-LD 1.0 mode");
          return FALSE;
        }
    }

  if ((m = json_object_get_member (context, "@import")) != NULL)
    {
      g_autofree char *url = NULL;
      g_autoptr(JsonNode) doc = NULL;
      JsonNode *imported;

      if (result->mode_10)
        {
          jld_set_error (error, "invalid context entry", "“@import” needs JSON-LD 1.1");
          return FALSE;
        }
      if (!node_is_string (m))
        {
          jld_set_error (error, "invalid @import value", "“@import” must be a string");
          return FALSE;
        }
      url = jld_resolve_iri (base_url, json_node_get_string (m));
      doc = jln_document_loader_load (url, error);
      if (doc == NULL)
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (doc)
          || (imported = json_object_get_member (json_node_get_object (doc), "@context")) == NULL
          || !JSON_NODE_HOLDS_OBJECT (imported))
        {
          jld_set_error (error, "invalid remote context", "the imported context “%s” is not a context definition", url);
          return FALSE;
        }
      if (json_object_has_member (json_node_get_object (imported), "@import"))
        {
          jld_set_error (error, "invalid context entry", "the imported context “%s” imports another one", url);
          return FALSE;
        }
      merged = merge_import (json_node_get_object (imported), context);
      context = merged;
      /* The merged copy dies with this call: its scoped contexts cannot key
       * the cache. */
      permanent = FALSE;
    }

  if ((m = json_object_get_member (context, "@base")) != NULL && remote->len == 0)
    {
      if (JSON_NODE_HOLDS_NULL (m))
        g_clear_pointer (&result->base, g_free);
      else if (node_is_string (m) && jld_is_absolute_iri (json_node_get_string (m)))
        {
          g_free (result->base);
          result->base = g_strdup (json_node_get_string (m));
        }
      else if (node_is_string (m) && result->base != NULL)
        {
          char *b = jld_resolve_iri (result->base, json_node_get_string (m));

          g_free (result->base);
          result->base = b;
        }
      else
        {
          jld_set_error (error, "invalid base IRI", "“@base” must be an IRI");
          return FALSE;
        }
    }

  if ((m = json_object_get_member (context, "@vocab")) != NULL)
    {
      if (JSON_NODE_HOLDS_NULL (m))
        g_clear_pointer (&result->vocab, g_free);
      else
        {
          char *v = NULL;

          if (node_is_string (m))
            {
              const char *s = json_node_get_string (m);

              if (result->mode_10 && !is_iri_or_blank (s))
                v = NULL;
              else
                v = jld_expand_iri (result, s, TRUE, TRUE);
            }
          if (v == NULL || !(is_iri_or_blank (v) || (!result->mode_10 && result->base == NULL)))
            {
              g_free (v);
              jld_set_error (error, "invalid vocab mapping", "“@vocab” must be an IRI or a blank node");
              return FALSE;
            }
          if (!is_iri_or_blank (v))
            mark_unsafe (result, JLD_UNSAFE_RELATIVE_VOCAB, v);
          g_free (result->vocab);
          result->vocab = v;
        }
    }

  if ((m = json_object_get_member (context, "@language")) != NULL)
    {
      if (JSON_NODE_HOLDS_NULL (m))
        g_clear_pointer (&result->default_language, g_free);
      else if (node_is_string (m))
        {
          if (!jld_is_bcp47 (json_node_get_string (m)))
            mark_unsafe (result, JLD_UNSAFE_LANGUAGE, json_node_get_string (m));
          g_free (result->default_language);
          result->default_language = g_strdup (json_node_get_string (m));
        }
      else
        {
          jld_set_error (error, "invalid default language", "“@language” must be a string or null");
          return FALSE;
        }
    }

  if ((m = json_object_get_member (context, "@direction")) != NULL)
    {
      const char *d = node_is_string (m) ? json_node_get_string (m) : NULL;

      if (result->mode_10)
        {
          jld_set_error (error, "invalid context entry", "“@direction” needs JSON-LD 1.1");
          return FALSE;
        }
      if (JSON_NODE_HOLDS_NULL (m))
        g_clear_pointer (&result->default_direction, g_free);
      else if (d != NULL && (strcmp (d, "ltr") == 0 || strcmp (d, "rtl") == 0))
        {
          g_free (result->default_direction);
          result->default_direction = g_strdup (d);
        }
      else
        {
          jld_set_error (error, "invalid base direction", "“@direction” must be “ltr”, “rtl” or null");
          return FALSE;
        }
    }

  if ((m = json_object_get_member (context, "@propagate")) != NULL)
    {
      if (result->mode_10)
        {
          jld_set_error (error, "invalid context entry", "“@propagate” needs JSON-LD 1.1");
          return FALSE;
        }
      if (!node_is_bool (m))
        {
          jld_set_error (error, "invalid @propagate value", "“@propagate” must be true or false");
          return FALSE;
        }
    }

  st.active = result;
  st.local = context;
  st.defined = defined = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  st.base_url = base_url;
  st.remote = remote;
  st.protected_ = FALSE;
  if ((m = json_object_get_member (context, "@protected")) != NULL)
    {
      if (!node_is_bool (m))
        {
          jld_set_error (error, "invalid @protected value", "“@protected” must be true or false");
          return FALSE;
        }
      st.protected_ = json_node_get_boolean (m);
    }
  st.override_protected = override_protected;
  st.validate = validate;
  st.permanent = permanent;
  st.depth = depth;

  members = json_object_get_members (context);
  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;

      if (strcmp (key, "@base") == 0 || strcmp (key, "@direction") == 0
          || strcmp (key, "@import") == 0 || strcmp (key, "@language") == 0
          || strcmp (key, "@propagate") == 0 || strcmp (key, "@protected") == 0
          || strcmp (key, "@version") == 0 || strcmp (key, "@vocab") == 0)
        continue;
      if (!create_term (&st, key, error))
        return FALSE;
    }
  return TRUE;
}

/* Context Processing (4.1.2). */
static JldContext *
process_context (JldContext *active,
                 JsonNode   *local,
                 const char *base_url,
                 GPtrArray  *remote,
                 gboolean    override_protected,
                 gboolean    propagate,
                 gboolean    validate,
                 gboolean    permanent,
                 guint       depth,
                 GError    **error)
{
  g_autoptr(JldContext) result = NULL;
  JsonArray *items = NULL;
  guint n_items;

  if (depth > JLD_MAX_CONTEXT_DEPTH)
    {
      jld_set_error (error, "context overflow", "contexts are nested too deeply");
      return NULL;
    }

  result = context_copy (active);
  result->serial = 0;

  if (JSON_NODE_HOLDS_OBJECT (local))
    {
      JsonNode *p = json_object_get_member (json_node_get_object (local), "@propagate");

      if (p != NULL)
        {
          if (!node_is_bool (p))
            {
              jld_set_error (error, "invalid @propagate value", "“@propagate” must be true or false");
              return NULL;
            }
          propagate = json_node_get_boolean (p);
        }
    }
  if (!propagate && result->previous == NULL)
    result->previous = jld_context_ref (active);

  /* Never wrap @local in a new array: that would re-parent a node shared
   * with other threads (cached documents). */
  if (JSON_NODE_HOLDS_ARRAY (local))
    {
      items = json_node_get_array (local);
      n_items = json_array_get_length (items);
    }
  else
    n_items = 1;

  for (guint i = 0; i < n_items; i++)
    {
      JsonNode *item = items ? json_array_get_element (items, i) : local;

      if (JSON_NODE_HOLDS_NULL (item))
        {
          JldContext *fresh;

          if (!override_protected && result->has_protected)
            {
              jld_set_error (error, "invalid context nullification",
                             "a context with protected terms cannot be reset to null");
              return NULL;
            }
          fresh = context_new (active->original_base, active->mode_10);
          if (!propagate)
            fresh->previous = result->previous ? jld_context_ref (result->previous) : jld_context_ref (result);
          jld_context_unref (result);
          result = fresh;
          continue;
        }

      if (node_is_string (item))
        {
          g_autofree char *url = jld_resolve_iri (base_url, json_node_get_string (item));
          g_autoptr(JsonNode) doc = NULL;
          g_autoptr(GPtrArray) remote_copy = NULL;
          JsonNode *loaded;
          JldContext *sub;
          gboolean seen = FALSE;

          if (!jld_is_absolute_iri (url))
            {
              g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_LOADING_DOCUMENT,
                           _("The context “%s” is not an absolute web address [loading document failed]"),
                           url);
              return NULL;
            }
          for (guint j = 0; j < remote->len; j++)
            if (strcmp (g_ptr_array_index (remote, j), url) == 0)
              seen = TRUE;
          if (!validate && seen)
            continue;
          if (remote->len >= JLD_MAX_REMOTE_CONTEXTS)
            {
              jld_set_error (error, "context overflow", "too many nested remote contexts (last: %s)", url);
              return NULL;
            }

          doc = jln_document_loader_load (url, error);
          if (doc == NULL)
            return NULL;
          if (!JSON_NODE_HOLDS_OBJECT (doc)
              || (loaded = json_object_get_member (json_node_get_object (doc), "@context")) == NULL)
            {
              jld_set_error (error, "invalid remote context", "“%s” has no “@context”", url);
              return NULL;
            }

          remote_copy = g_ptr_array_new_with_free_func (g_free);
          for (guint j = 0; j < remote->len; j++)
            g_ptr_array_add (remote_copy, g_strdup (g_ptr_array_index (remote, j)));
          g_ptr_array_add (remote_copy, g_strdup (url));

          /* Loaded documents stay cached for the whole process. */
          sub = process_context (result, loaded, url, remote_copy, override_protected,
                                 TRUE, validate, TRUE, depth + 1, error);
          if (sub == NULL)
            return NULL;
          jld_context_unref (result);
          result = sub;
          continue;
        }

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          jld_set_error (error, "invalid local context", "a context must be an object, a web address or null");
          return NULL;
        }

      if (!process_definition (result, json_node_get_object (item), base_url, remote,
                               override_protected, validate, permanent, depth, error))
        return NULL;
    }

  return g_steal_pointer (&result);
}

/* ------------------------------------------------------------ cache */

/* Processed contexts keyed by what produced them: the parent's serial, the
 * flags, the base URL and the local context (its URL, or the identity of a
 * node from a cached remote document). The Open Badges context is processed
 * once per process, not once per credential. */
static GMutex cache_lock;
static GHashTable *cache;      /* key -> JldContext* */
static GPtrArray *cache_pins;  /* nodes whose address is part of a key */
static guint64 next_serial = 1;

#define CACHE_MAX_ENTRIES 4096

void
jld_context_cache_clear (void)
{
  g_mutex_lock (&cache_lock);
  g_clear_pointer (&cache, g_hash_table_unref);
  g_clear_pointer (&cache_pins, g_ptr_array_unref);
  g_mutex_unlock (&cache_lock);
}

static JldContext *
cache_lookup (const char *key)
{
  JldContext *ctx = NULL;

  g_mutex_lock (&cache_lock);
  if (cache != NULL)
    ctx = g_hash_table_lookup (cache, key);
  if (ctx != NULL)
    jld_context_ref (ctx);
  g_mutex_unlock (&cache_lock);
  return ctx;
}

static JldContext *
cache_insert (char       *key,
              JldContext *ctx,
              JsonNode   *pin)
{
  JldContext *existing;

  g_mutex_lock (&cache_lock);
  if (cache == NULL || g_hash_table_size (cache) >= CACHE_MAX_ENTRIES)
    {
      g_clear_pointer (&cache, g_hash_table_unref);
      g_clear_pointer (&cache_pins, g_ptr_array_unref);
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) jld_context_unref);
      cache_pins = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
    }
  existing = g_hash_table_lookup (cache, key);
  if (existing != NULL)
    {
      /* Another thread got there first: share its context. */
      jld_context_ref (existing);
      g_mutex_unlock (&cache_lock);
      g_free (key);
      jld_context_unref (ctx);
      return existing;
    }
  ctx->serial = next_serial++;
  g_hash_table_insert (cache, key, jld_context_ref (ctx));
  if (pin != NULL)
    g_ptr_array_add (cache_pins, json_node_ref (pin));
  g_mutex_unlock (&cache_lock);
  return ctx;
}

JldContext *
jld_context_initial (const char *base,
                     gboolean    mode_10)
{
  char *key = g_strdup_printf ("I|%d|%s", mode_10, base ? base : "");
  JldContext *ctx = cache_lookup (key);

  if (ctx != NULL)
    {
      g_free (key);
      return ctx;
    }
  return cache_insert (key, context_new (base, mode_10), NULL);
}

static gboolean
append_identity (GString  *key,
                 JsonNode *local,
                 gboolean  permanent)
{
  if (permanent)
    {
      g_string_append_printf (key, "p%p", (void *) local);
      return TRUE;
    }
  if (node_is_string (local))
    {
      g_string_append_c (key, 's');
      g_string_append (key, json_node_get_string (local));
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (local))
    {
      JsonArray *arr = json_node_get_array (local);

      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *item = json_array_get_element (arr, i);

          if (!node_is_string (item))
            return FALSE;
          g_string_append (key, "\x1fs");
          g_string_append (key, json_node_get_string (item));
        }
      return TRUE;
    }
  return FALSE;
}

JldContext *
jld_context_process (JldContext *active,
                     JsonNode   *local,
                     const char *base_url,
                     gboolean    override_protected,
                     gboolean    propagate,
                     gboolean    permanent,
                     GError    **error)
{
  g_autoptr(GPtrArray) remote = NULL;
  GString *key = NULL;
  JldContext *result;

  if (active->serial != 0)
    {
      key = g_string_new (NULL);
      g_string_append_printf (key, "%" G_GUINT64_FORMAT "|%d%d|%s|", active->serial,
                              override_protected, propagate, base_url ? base_url : "");
      if (!append_identity (key, local, permanent))
        {
          g_string_free (key, TRUE);
          key = NULL;
        }
    }
  if (key != NULL)
    {
      result = cache_lookup (key->str);
      if (result != NULL)
        {
          g_string_free (key, TRUE);
          return result;
        }
    }

  remote = g_ptr_array_new_with_free_func (g_free);
  result = process_context (active, local, base_url, remote, override_protected,
                            propagate, TRUE, permanent, 0, error);
  if (result == NULL || key == NULL)
    {
      if (key != NULL)
        g_string_free (key, TRUE);
      return result;
    }
  return cache_insert (g_string_free (key, FALSE), result, permanent ? local : NULL);
}
