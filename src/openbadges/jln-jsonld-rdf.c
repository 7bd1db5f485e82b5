/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

/* JSON-LD 1.1 Node Map Generation (7.2) and Deserialize JSON-LD to RDF
 * (8.1), plus the canonical JSON form (RFC 8785) used for rdf:JSON. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jln-jsonld.h"
#include "jln-jsonld-private.h"
#include "jln-ob-error.h"

#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define XSD_NS "http://www.w3.org/2001/XMLSchema#"

/* ------------------------------------------------------ canonical JSON */

static void
append_number_es (GString *out,
                  double   d)
{
  char buf[40];
  char digits[24];
  int exp10 = 0;
  int k = 0;
  int n;

  if (d == 0)
    {
      g_string_append_c (out, '0');
      return;
    }
  /* No JSON for these (a tree that did not come through jln_ob_parse_json
   * may hold them): JSON.stringify's null, not a lookup for the 'e' of
   * "inf" that is not there. */
  if (!isfinite (d))
    {
      g_string_append (out, "null");
      return;
    }
  if (d < 0)
    {
      g_string_append_c (out, '-');
      d = -d;
    }
  /* Shortest decimal that reads back as the same double, as ECMAScript
   * Number.prototype.toString does. */
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      /* g_ascii_formatd: a '.' whatever LC_NUMERIC says (the app runs
       * in French, where printf would write a ','). */
      g_snprintf (format, sizeof format, "%%.%de", precision - 1);
      g_ascii_formatd (buf, sizeof buf, format, d);
      if (g_ascii_strtod (buf, NULL) == d)
        break;
    }
  for (const char *p = buf; *p && *p != 'e'; p++)
    if (g_ascii_isdigit (*p))
      digits[k++] = *p;
  digits[k] = '\0';
  exp10 = atoi (strchr (buf, 'e') + 1);
  while (k > 1 && digits[k - 1] == '0')
    digits[--k] = '\0';
  n = exp10 + 1;

  if (k <= n && n <= 21)
    {
      g_string_append (out, digits);
      for (int i = 0; i < n - k; i++)
        g_string_append_c (out, '0');
    }
  else if (0 < n && n <= 21)
    {
      g_string_append_len (out, digits, n);
      g_string_append_c (out, '.');
      g_string_append (out, digits + n);
    }
  else if (-6 < n && n <= 0)
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -n; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (k > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%d", n - 1 >= 0 ? '+' : '-', abs (n - 1));
    }
}

static void
append_json_string (GString    *out,
                    const char *s)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

/* RFC 8785 orders member names by their UTF-16 code units. */
static gint
compare_utf16 (gconstpointer pa,
               gconstpointer pb)
{
  const char *a = *(const char **) pa;
  const char *b = *(const char **) pb;
  g_autofree gunichar2 *ua = g_utf8_to_utf16 (a, -1, NULL, NULL, NULL);
  g_autofree gunichar2 *ub = g_utf8_to_utf16 (b, -1, NULL, NULL, NULL);
  guint i = 0;

  if (ua == NULL || ub == NULL)
    return strcmp (a, b);
  while (ua[i] != 0 && ua[i] == ub[i])
    i++;
  return (gint) ua[i] - (gint) ub[i];
}

static void
append_canonical (GString  *out,
                  JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          {
            gint64 i = json_node_get_int (node);

            if (i > -9007199254740992LL && i < 9007199254740992LL)
              g_string_append_printf (out, "%" G_GINT64_FORMAT, i);
            else
              append_number_es (out, (double) i);
          }
          break;
        case G_TYPE_DOUBLE:
          append_number_es (out, json_node_get_double (node));
          break;
        default:
          append_json_string (out, json_node_get_string (node));
        }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *a = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (a); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_canonical (out, json_array_get_element (a, i));
          }
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_OBJECT:
      {
        JsonObject *o = json_node_get_object (node);
        g_autoptr(GPtrArray) names = g_ptr_array_new ();
        JsonObjectIter iter;
        const char *name;

        json_object_iter_init (&iter, o);
        while (json_object_iter_next (&iter, &name, NULL))
          g_ptr_array_add (names, (gpointer) name);
        g_ptr_array_sort (names, compare_utf16);
        g_string_append_c (out, '{');
        for (guint i = 0; i < names->len; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_json_string (out, g_ptr_array_index (names, i));
            g_string_append_c (out, ':');
            append_canonical (out, json_object_get_member (o, g_ptr_array_index (names, i)));
          }
        g_string_append_c (out, '}');
      }
      break;
    }
}

char *
jln_jsonld_canonical_json (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  append_canonical (out, node);
  return g_string_free (out, FALSE);
}

/* Numbers as jsonld.js writes them, since eddsa-rdfc-2022 signatures are
 * made there: a JSON number is a JavaScript double, a "double" is one whose
 * shortest form has a '.' or that is at least 1e21, and its lexical form is
 * Number.prototype.toExponential (15) with the zeros before 'e' trimmed. */

/* ECMAScript Number::toString has a '.'. */
static gboolean
es_has_point (double d)
{
  g_autoptr(GString) s = g_string_new (NULL);

  append_number_es (s, d);
  return strchr (s->str, '.') != NULL;
}

/* xsd:double: one digit, '.', at least one more, 'E', exponent, rounded
 * to 16 significant digits, halves away from zero (toExponential). */
static char *
canonical_double (double d)
{
  /* 767 significant digits is the longest exact expansion of a double. */
  char buf[800];
  char digits[17];
  GString *out;
  const char *p;
  int exp10;
  int n = 0;
  int end;

  if (isnan (d))
    return g_strdup ("NaN");
  if (isinf (d))
    return g_strdup (d < 0 ? "-Infinity" : "Infinity");
  if (d == 0)
    return g_strdup ("0.0E0");   /* -0 too: toExponential drops its sign */

  out = g_string_new (d < 0 ? "-" : "");
  g_ascii_formatd (buf, sizeof buf, "%.770e", fabs (d));
  for (p = buf; *p != 'e' && n < 16; p++)
    if (g_ascii_isdigit (*p))
      digits[n++] = *p;
  while (!g_ascii_isdigit (*p) && *p != 'e')
    p++;
  exp10 = atoi (strchr (buf, 'e') + 1);
  if (*p >= '5' && *p <= '9')
    {
      int i = 15;

      while (i >= 0 && digits[i] == '9')
        digits[i--] = '0';
      if (i >= 0)
        digits[i]++;
      else
        {
          digits[0] = '1';
          exp10++;
        }
    }
  for (end = 15; end > 1 && digits[end] == '0'; end--)
    ;
  g_string_append_c (out, digits[0]);
  g_string_append_c (out, '.');
  g_string_append_len (out, digits + 1, end);
  g_string_append_printf (out, "E%d", exp10);
  return g_string_free (out, FALSE);
}

/* Number.prototype.toFixed (0) for a number below 1e21 without a '.' in
 * its shortest form: an integer, or a tiny number such as 1e-7. */
static char *
canonical_integer (double d)
{
  if (d == 0)
    return g_strdup ("0");
  if (d != floor (d))
    return g_strdup (d < 0 ? "-0" : "0");
  return g_strdup_printf ("%.0f", d);
}

/* JavaScript parseFloat: the longest decimal prefix after white space,
 * "Infinity" included; NaN when there is none. */
static double
js_parse_float (const char *s)
{
  const char *p = s;
  const char *start;
  g_autofree char *prefix = NULL;
  gboolean digits = FALSE;
  gboolean negative = FALSE;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (!(c == 0x09 || c == 0x0a || c == 0x0b || c == 0x0c || c == 0x0d || c == 0xfeff
            || c == 0x2028 || c == 0x2029 || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR))
        break;
      p = g_utf8_next_char (p);
    }
  start = p;
  if (*p == '+' || *p == '-')
    negative = *p++ == '-';
  if (g_str_has_prefix (p, "Infinity"))
    return negative ? -INFINITY : INFINITY;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++, digits = TRUE;
    }
  if (!digits)
    return NAN;
  if (*p == 'e' || *p == 'E')
    {
      const char *e = p + 1;

      if (*e == '+' || *e == '-')
        e++;
      if (g_ascii_isdigit (*e))
        {
          while (g_ascii_isdigit (*e))
            e++;
          p = e;
        }
    }
  prefix = g_strndup (start, p - start);
  return g_ascii_strtod (prefix, NULL);
}

/* ------------------------------------------------------------ node map */

typedef enum {
  VAL_REF,
  VAL_VALUE,
  VAL_LIST,
} ValKind;

typedef struct {
  ValKind     kind;
  char       *id;       /* VAL_REF */
  JsonObject *value;    /* VAL_VALUE, borrowed from the expanded document */
  GPtrArray  *list;     /* VAL_LIST: Val* */
} Val;

typedef struct {
  char       *id;
  GPtrArray  *types;     /* char* */
  GHashTable *props;     /* char* -> GPtrArray<Val*> */
  char       *index;
} Node;

typedef struct {
  GHashTable *graphs;    /* name -> GHashTable (id -> Node) */
  GHashTable *labels;    /* input blank label -> issued label */
  GPtrArray  *fresh;     /* labels issued for nodes that had none */
  guint       counter;
  GError    **error;
} NodeMap;

static void
val_free (Val *v)
{
  g_free (v->id);
  g_clear_pointer (&v->list, g_ptr_array_unref);
  g_free (v);
}

static void
node_free (Node *n)
{
  g_free (n->id);
  g_ptr_array_unref (n->types);
  g_hash_table_unref (n->props);
  g_free (n->index);
  g_free (n);
}

static const char *
issue_label (NodeMap    *nm,
             const char *old)
{
  char *issued;

  if (old != NULL)
    {
      issued = g_hash_table_lookup (nm->labels, old);
      if (issued != NULL)
        return issued;
    }
  issued = g_strdup_printf ("_:b%u", nm->counter++);
  /* A fresh label must not be found again by an input label spelt alike. */
  if (old != NULL)
    g_hash_table_insert (nm->labels, g_strdup (old), issued);
  else
    g_ptr_array_add (nm->fresh, issued);
  return issued;
}

static GHashTable *
get_graph (NodeMap    *nm,
           const char *name)
{
  GHashTable *g = g_hash_table_lookup (nm->graphs, name);

  if (g == NULL)
    {
      g = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) node_free);
      g_hash_table_insert (nm->graphs, g_strdup (name), g);
    }
  return g;
}

static Node *
get_node (GHashTable *graph,
          const char *id)
{
  Node *n = g_hash_table_lookup (graph, id);

  if (n == NULL)
    {
      n = g_new0 (Node, 1);
      n->id = g_strdup (id);
      n->types = g_ptr_array_new_with_free_func (g_free);
      n->props = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
      g_hash_table_insert (graph, n->id, n);
    }
  return n;
}

static GPtrArray *
node_prop (Node       *n,
           const char *prop)
{
  GPtrArray *vals = g_hash_table_lookup (n->props, prop);

  if (vals == NULL)
    {
      vals = g_ptr_array_new_with_free_func ((GDestroyNotify) val_free);
      g_hash_table_insert (n->props, g_strdup (prop), vals);
    }
  return vals;
}

static gboolean
json_equal (JsonNode *a,
            JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b)
      && json_node_get_value_type (a) != json_node_get_value_type (b))
    return FALSE;
  return json_node_equal (a, b);
}

static gboolean
value_equal (JsonObject *a,
             JsonObject *b)
{
  static const char *const keys[] = { "@value", "@type", "@language", "@direction", "@index", NULL };

  for (guint i = 0; keys[i]; i++)
    if (!json_equal (json_object_get_member (a, keys[i]), json_object_get_member (b, keys[i])))
      return FALSE;
  return TRUE;
}

static void
add_ref_unique (GPtrArray  *vals,
                const char *id)
{
  Val *v;

  for (guint i = 0; i < vals->len; i++)
    {
      Val *o = g_ptr_array_index (vals, i);

      if (o->kind == VAL_REF && strcmp (o->id, id) == 0)
        return;
    }
  v = g_new0 (Val, 1);
  v->kind = VAL_REF;
  v->id = g_strdup (id);
  g_ptr_array_add (vals, v);
}

static Val *
new_ref (const char *id)
{
  Val *v = g_new0 (Val, 1);

  v->kind = VAL_REF;
  v->id = g_strdup (id);
  return v;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static gboolean
generate (NodeMap    *nm,
          JsonNode   *element,
          const char *active_graph,
          const char *active_subject,
          gboolean    subject_is_reverse,
          const char *active_property,
          Val        *list)
{
  GHashTable *graph;
  Node *subject_node = NULL;
  JsonObject *el;
  const char *id;
  Node *node;
  JsonNode *m;

  if (JSON_NODE_HOLDS_ARRAY (element))
    {
      JsonArray *a = json_node_get_array (element);

      for (guint i = 0; i < json_array_get_length (a); i++)
        if (!generate (nm, json_array_get_element (a, i), active_graph, active_subject,
                       subject_is_reverse, active_property, list))
          return FALSE;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (element))
    return TRUE;

  el = json_node_get_object (element);
  graph = get_graph (nm, active_graph);
  if (active_subject != NULL && !subject_is_reverse)
    subject_node = get_node (graph, active_subject);

  /* A value or list object with no node to hang on (free-floating, e.g.
   * straight inside a graph container): no triple to make, drop it. */
  if (list == NULL && subject_node == NULL
      && (json_object_has_member (el, "@value") || json_object_has_member (el, "@list")))
    return TRUE;

  if (json_object_has_member (el, "@value"))
    {
      if (list == NULL)
        {
          GPtrArray *vals = node_prop (subject_node, active_property);
          Val *v;

          for (guint i = 0; i < vals->len; i++)
            {
              Val *o = g_ptr_array_index (vals, i);

              if (o->kind == VAL_VALUE && value_equal (o->value, el))
                return TRUE;
            }
          v = g_new0 (Val, 1);
          v->kind = VAL_VALUE;
          v->value = el;
          g_ptr_array_add (vals, v);
        }
      else
        {
          Val *v = g_new0 (Val, 1);

          v->kind = VAL_VALUE;
          v->value = el;
          g_ptr_array_add (list->list, v);
        }
      return TRUE;
    }

  if (json_object_has_member (el, "@list"))
    {
      Val *result = g_new0 (Val, 1);

      result->kind = VAL_LIST;
      result->list = g_ptr_array_new_with_free_func ((GDestroyNotify) val_free);
      if (!generate (nm, json_object_get_member (el, "@list"), active_graph, active_subject,
                     subject_is_reverse, active_property, result))
        {
          val_free (result);
          return FALSE;
        }
      if (list == NULL)
        g_ptr_array_add (node_prop (subject_node, active_property), result);
      else
        g_ptr_array_add (list->list, result);
      return TRUE;
    }

  m = json_object_get_member (el, "@id");
  if (m != NULL && JSON_NODE_HOLDS_NULL (m))
    id = "";  /* an ignored @id: never well-formed, so never emitted */
  else if (m != NULL && JSON_NODE_HOLDS_VALUE (m) && json_node_get_value_type (m) == G_TYPE_STRING)
    {
      id = json_node_get_string (m);
      if (g_str_has_prefix (id, "_:"))
        id = issue_label (nm, id);
    }
  else
    id = issue_label (nm, NULL);
  node = get_node (graph, id);
  id = node->id;

  if (subject_is_reverse)
    add_ref_unique (node_prop (node, active_property), active_subject);
  else if (active_property != NULL)
    {
      if (list == NULL)
        add_ref_unique (node_prop (subject_node, active_property), id);
      else
        g_ptr_array_add (list->list, new_ref (id));
    }

  if ((m = json_object_get_member (el, "@type")) != NULL && JSON_NODE_HOLDS_ARRAY (m))
    {
      JsonArray *types = json_node_get_array (m);

      for (guint i = 0; i < json_array_get_length (types); i++)
        {
          const char *t = json_array_get_string_element (types, i);
          gboolean seen = FALSE;

          if (t == NULL)
            continue;
          if (g_str_has_prefix (t, "_:"))
            t = issue_label (nm, t);
          for (guint j = 0; j < node->types->len && !seen; j++)
            seen = strcmp (g_ptr_array_index (node->types, j), t) == 0;
          if (!seen)
            g_ptr_array_add (node->types, g_strdup (t));
        }
    }

  if ((m = json_object_get_member (el, "@index")) != NULL && JSON_NODE_HOLDS_VALUE (m))
    {
      const char *index = json_node_get_string (m);

      if (node->index != NULL && g_strcmp0 (node->index, index) != 0)
        {
          jld_set_error (nm->error, "conflicting indexes", "the node “%s” has two different indexes", id);
          return FALSE;
        }
      g_free (node->index);
      node->index = g_strdup (index);
    }

  if ((m = json_object_get_member (el, "@reverse")) != NULL && JSON_NODE_HOLDS_OBJECT (m))
    {
      JsonObjectIter iter;
      const char *prop;
      JsonNode *values;

      json_object_iter_init (&iter, json_node_get_object (m));
      while (json_object_iter_next (&iter, &prop, &values))
        if (!generate (nm, values, active_graph, id, TRUE, prop, NULL))
          return FALSE;
    }

  if ((m = json_object_get_member (el, "@graph")) != NULL)
    if (!generate (nm, m, id, NULL, FALSE, NULL, NULL))
      return FALSE;

  if ((m = json_object_get_member (el, "@included")) != NULL)
    if (!generate (nm, m, active_graph, NULL, FALSE, NULL, NULL))
      return FALSE;

  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();
    JsonObjectIter iter;
    const char *name;

    json_object_iter_init (&iter, el);
    while (json_object_iter_next (&iter, &name, NULL))
      if (!jld_is_keyword (name))
        g_ptr_array_add (names, (gpointer) name);
    g_ptr_array_sort (names, compare_strings);
    for (guint i = 0; i < names->len; i++)
      {
        const char *prop = g_ptr_array_index (names, i);

        if (g_str_has_prefix (prop, "_:"))
          prop = issue_label (nm, prop);
        node_prop (node, prop);
        if (!generate (nm, json_object_get_member (el, g_ptr_array_index (names, i)),
                       active_graph, id, FALSE, prop, NULL))
          return FALSE;
      }
  }
  return TRUE;
}

/* ------------------------------------------------------------- to RDF */

typedef struct {
  NodeMap                *nm;
  JlnRdfDataset          *dataset;
  const JlnJsonLdOptions *options;
  const char             *graph;   /* NULL = default graph */
  GError                 *error;   /* safe mode: the first data loss */
} Emitter;

/* Safe mode: records that @what (an IRI, a type…) is dropped. */
static void
loss_iri (Emitter    *em,
          const char *iri)
{
  if (!em->options->safe || em->error != NULL)
    return;
  g_set_error (&em->error, JLN_OB_ERROR, JLN_OB_ERROR_DATA_LOSS,
               _("The badge refers to “%s”, which is not a full address (IRI): it would not be covered by the signature."),
               iri);
}

/* Plain toRdf drops IRIs that are not well-formed, as the specification
 * says; safe mode keeps those jsonld.js keeps (and refuses the others). */
static gboolean
well_formed_iri_in (const JlnJsonLdOptions *options,
                    const char             *s)
{
  if (options->safe)
    return s != NULL && !g_str_has_prefix (s, "_:") && jld_is_js_absolute_iri (s);
  return jld_is_well_formed_iri (s);
}

static gboolean
well_formed_node_in (const JlnJsonLdOptions *options,
                     const char             *s)
{
  return s != NULL && (g_str_has_prefix (s, "_:") ? s[2] != '\0' : well_formed_iri_in (options, s));
}

#define well_formed_iri(s) well_formed_iri_in (options, (s))
#define well_formed_node(s) well_formed_node_in (options, (s))

static gboolean
well_formed_language (const char *s)
{
  /* BCP47 shape, loosely: alphanumeric subtags, the first alphabetic. */
  gsize run = 0;

  if (s == NULL || !g_ascii_isalpha (s[0]))
    return FALSE;
  for (const char *p = s; ; p++)
    {
      if (*p == '-' || *p == '\0')
        {
          if (run == 0 || run > 8)
            return FALSE;
          run = 0;
          if (*p == '\0')
            return TRUE;
        }
      else if (g_ascii_isalnum (*p))
        run++;
      else
        return FALSE;
    }
}

static JlnRdfTerm *
node_term (const char *id)
{
  if (g_str_has_prefix (id, "_:"))
    return jln_rdf_term_new_blank (id + 2);
  return jln_rdf_term_new_iri (id);
}

static void
emit (Emitter    *em,
      JlnRdfTerm *s,
      JlnRdfTerm *p,
      JlnRdfTerm *o)
{
  jln_rdf_dataset_add (em->dataset, s, p, o, em->graph ? node_term (em->graph) : NULL);
}

static JlnRdfTerm *object_to_rdf (Emitter *em, Val *item);

static JlnRdfTerm *
list_to_rdf (Emitter   *em,
             GPtrArray *list)
{
  g_autoptr(GPtrArray) bnodes = NULL;

  if (list->len == 0)
    return jln_rdf_term_new_iri (RDF_NS "nil");

  bnodes = g_ptr_array_new ();
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (bnodes, (gpointer) issue_label (em->nm, NULL));

  for (guint i = 0; i < list->len; i++)
    {
      const char *subject = g_ptr_array_index (bnodes, i);
      JlnRdfTerm *object = object_to_rdf (em, g_ptr_array_index (list, i));

      if (object != NULL)
        emit (em, node_term (subject), jln_rdf_term_new_iri (RDF_NS "first"), object);
      emit (em, node_term (subject), jln_rdf_term_new_iri (RDF_NS "rest"),
            i + 1 < list->len ? node_term (g_ptr_array_index (bnodes, i + 1))
                              : jln_rdf_term_new_iri (RDF_NS "nil"));
    }
  return node_term (g_ptr_array_index (bnodes, 0));
}

static JlnRdfTerm *
object_to_rdf (Emitter *em,
               Val     *item)
{
  JsonObject *v;
  JsonNode *value, *tn, *ln, *dn;
  const char *datatype = NULL;
  const char *language = NULL;
  g_autofree char *lexical = NULL;
  g_autofree char *dt_owned = NULL;
  g_autofree char *lang_owned = NULL;
  gboolean is_text = FALSE;
  const JlnJsonLdOptions *options = em->options;

  if (item->kind == VAL_REF)
    {
      if (well_formed_node (item->id))
        return node_term (item->id);
      loss_iri (em, item->id);
      return NULL;
    }
  if (item->kind == VAL_LIST)
    return list_to_rdf (em, item->list);

  v = item->value;
  value = json_object_get_member (v, "@value");
  tn = json_object_get_member (v, "@type");
  ln = json_object_get_member (v, "@language");
  dn = json_object_get_member (v, "@direction");
  if (tn != NULL)
    datatype = json_node_get_string (tn);
  if (datatype != NULL && strcmp (datatype, "@json") != 0 && !well_formed_iri (datatype))
    {
      loss_iri (em, datatype);
      return NULL;
    }
  if (ln != NULL)
    {
      language = json_node_get_string (ln);
      if (!well_formed_language (language))
        {
          if (em->options->safe && em->error == NULL)
            g_set_error (&em->error, JLN_OB_ERROR, JLN_OB_ERROR_DATA_LOSS,
                         _("The badge has the language tag “%s”, which is not a valid language tag (BCP 47): it would not be covered by the signature."),
                         language);
          return NULL;
        }
      /* Tags are case-insensitive; jsonld.js writes them in lower case. */
      language = lang_owned = g_ascii_strdown (language, -1);
    }

  if (datatype != NULL && strcmp (datatype, "@json") == 0)
    {
      lexical = jln_jsonld_canonical_json (value);
      datatype = RDF_NS "JSON";
    }
  else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    {
      lexical = g_strdup (json_node_get_boolean (value) ? "true" : "false");
      if (datatype == NULL)
        datatype = XSD_NS "boolean";
    }
  else if (JSON_NODE_HOLDS_VALUE (value)
           && (json_node_get_value_type (value) == G_TYPE_DOUBLE
               || json_node_get_value_type (value) == G_TYPE_INT64))
    {
      /* As a JavaScript double: integers beyond 2^53 are rounded. */
      double d = json_node_get_double (value);

      if (g_strcmp0 (datatype, XSD_NS "double") == 0 || fabs (d) >= 1e21 || es_has_point (d))
        {
          lexical = canonical_double (d);
          if (datatype == NULL)
            datatype = XSD_NS "double";
        }
      else
        {
          lexical = canonical_integer (d);
          if (datatype == NULL)
            datatype = XSD_NS "integer";
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (value) && g_strcmp0 (datatype, XSD_NS "double") == 0)
    /* jsonld.js reads an xsd:double string as a number too. */
    lexical = canonical_double (js_parse_float (json_node_get_string (value)));
  else if (JSON_NODE_HOLDS_VALUE (value))
    {
      lexical = g_strdup (json_node_get_string (value));
      is_text = TRUE;
    }
  else
    return NULL;

  /* jsonld.js gives a direction to strings only. */
  if (dn != NULL && is_text && em->options->rdf_direction == NULL && em->options->safe
      && em->error == NULL)
    g_set_error (&em->error, JLN_OB_ERROR, JLN_OB_ERROR_DATA_LOSS,
                 _("The badge gives a text a direction (“@direction”) that would not be covered by the signature."));
  if (dn != NULL && is_text && em->options->rdf_direction != NULL)
    {
      const char *direction = json_node_get_string (dn);

      if (strcmp (em->options->rdf_direction, "i18n-datatype") == 0)
        {
          g_autofree char *lang = g_ascii_strdown (language ? language : "", -1);

          dt_owned = g_strdup_printf ("https://www.w3.org/ns/i18n#%s_%s", lang, direction);
          return jln_rdf_term_new_literal (lexical, dt_owned, NULL);
        }
      if (strcmp (em->options->rdf_direction, "compound-literal") == 0)
        {
          const char *b = issue_label (em->nm, NULL);

          emit (em, node_term (b), jln_rdf_term_new_iri (RDF_NS "value"),
                jln_rdf_term_new_literal (lexical, NULL, NULL));
          if (language != NULL)
            {
              g_autofree char *lang = g_ascii_strdown (language, -1);

              emit (em, node_term (b), jln_rdf_term_new_iri (RDF_NS "language"),
                    jln_rdf_term_new_literal (lang, NULL, NULL));
            }
          emit (em, node_term (b), jln_rdf_term_new_iri (RDF_NS "direction"),
                jln_rdf_term_new_literal (direction, NULL, NULL));
          return node_term (b);
        }
    }

  if (language != NULL)
    return jln_rdf_term_new_literal (lexical, NULL, language);
  if (datatype != NULL && strcmp (datatype, XSD_NS "string") == 0)
    datatype = NULL;
  return jln_rdf_term_new_literal (lexical, datatype, NULL);
}

static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

JlnRdfDataset *
jln_jsonld_expanded_to_rdf (JsonNode               *expanded,
                            const JlnJsonLdOptions *options,
                            GError                **error)
{
  static const JlnJsonLdOptions defaults = { 0 };
  NodeMap nm = { 0 };
  Emitter em = { 0 };
  g_autoptr(GPtrArray) graph_names = NULL;
  JlnRdfDataset *dataset;

  if (options == NULL)
    options = &defaults;

  nm.graphs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_hash_table_unref);
  nm.labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  nm.fresh = g_ptr_array_new_with_free_func (g_free);
  nm.error = error;
  get_graph (&nm, "@default");
  if (!generate (&nm, expanded, "@default", NULL, FALSE, NULL, NULL))
    {
      g_hash_table_unref (nm.graphs);
      g_hash_table_unref (nm.labels);
      g_ptr_array_unref (nm.fresh);
      return NULL;
    }

  dataset = jln_rdf_dataset_new ();
  em.nm = &nm;
  em.dataset = dataset;
  em.options = options;

  graph_names = sorted_keys (nm.graphs);
  for (guint gi = 0; gi < graph_names->len; gi++)
    {
      const char *gname = g_ptr_array_index (graph_names, gi);
      GHashTable *graph = g_hash_table_lookup (nm.graphs, gname);
      g_autoptr(GPtrArray) subjects = NULL;

      if (strcmp (gname, "@default") == 0)
        em.graph = NULL;
      else if (well_formed_node (gname))
        em.graph = gname;
      else
        {
          loss_iri (&em, gname);
          continue;
        }

      subjects = sorted_keys (graph);
      for (guint si = 0; si < subjects->len; si++)
        {
          const char *subject = g_ptr_array_index (subjects, si);
          Node *node = g_hash_table_lookup (graph, subject);
          g_autoptr(GPtrArray) props = NULL;
          gboolean types_done = FALSE;

          if (!well_formed_node (subject))
            {
              /* A node that says nothing loses nothing. */
              if (g_hash_table_size (node->props) > 0 || node->types->len > 0)
                loss_iri (&em, subject);
              continue;
            }

          props = sorted_keys (node->props);
          /* "@type" sorts before every IRI, so types come first. */
          for (guint pi = 0; pi <= props->len; pi++)
            {
              const char *prop;
              GPtrArray *vals;

              if (!types_done)
                {
                  for (guint ti = 0; ti < node->types->len; ti++)
                    {
                      const char *t = g_ptr_array_index (node->types, ti);

                      if (well_formed_node (t))
                        emit (&em, node_term (subject), jln_rdf_term_new_iri (RDF_NS "type"), node_term (t));
                      else
                        loss_iri (&em, t);
                    }
                  types_done = TRUE;
                }
              if (pi == props->len)
                break;
              prop = g_ptr_array_index (props, pi);
              vals = g_hash_table_lookup (node->props, prop);
              if ((g_str_has_prefix (prop, "_:") && !options->produce_generalized_rdf)
                  || (!g_str_has_prefix (prop, "_:") && !well_formed_iri (prop)))
                {
                  if (vals->len > 0)
                    loss_iri (&em, prop);
                  continue;
                }
              for (guint vi = 0; vi < vals->len; vi++)
                {
                  JlnRdfTerm *object = object_to_rdf (&em, g_ptr_array_index (vals, vi));

                  if (object != NULL)
                    emit (&em, node_term (subject), node_term (prop), object);
                }
            }
        }
    }

  g_hash_table_unref (nm.graphs);
  g_hash_table_unref (nm.labels);
  g_ptr_array_unref (nm.fresh);
  if (em.error != NULL)
    {
      g_propagate_error (error, em.error);
      jln_rdf_dataset_free (dataset);
      return NULL;
    }
  return dataset;
}

JlnRdfDataset *
jln_jsonld_to_rdf (JsonNode               *input,
                   const JlnJsonLdOptions *options,
                   GError                **error)
{
  g_autoptr(JsonNode) expanded = jln_jsonld_expand (input, options, error);

  if (expanded == NULL)
    return NULL;
  return jln_jsonld_expanded_to_rdf (expanded, options, error);
}
