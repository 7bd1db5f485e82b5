/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

/* JSON-LD 1.1 Expansion (JSON-LD 1.1 Processing Algorithms and API, 5.1). */

#include <string.h>

#include <glib/gi18n.h>

#include "jln-jsonld.h"
#include "jln-jsonld-private.h"
#include "jln-ob-error.h"

typedef struct {
  gboolean ordered;
  gboolean safe;
} Expander;

/* ------------------------------------------------------------ safe mode
 *
 * VC Data Integrity 1.0, 2.4: what expansion would silently drop is not
 * covered by a signature, so signing and verifying refuse it. The checks
 * follow the events jsonld.js turns into errors with "safe: true". */

static void
loss_undefined_term (GError    **error,
                     const char *key)
{
  g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_DATA_LOSS,
               _("The badge contains “%s”, which its contexts do not define: it would not be covered by the signature."),
               key);
}

static void
loss_type (GError    **error,
           const char *type)
{
  g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_DATA_LOSS,
               _("The badge has the type “%s”, which its contexts do not define: it would not be covered by the signature."),
               type);
}

static void
loss_language (GError    **error,
               const char *tag)
{
  g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_DATA_LOSS,
               _("The badge has the language tag “%s”, which is not a valid language tag (BCP 47): it would not be covered by the signature."),
               tag);
}

/* @what: the JSON-LD shape dropped ("{}", "@id", "@value"…), not translated. */
static void
loss_object (GError    **error,
             const char *what)
{
  g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_DATA_LOSS,
               _("The badge contains an empty or incomplete object (%s) that JSON-LD processing drops: it would not be covered by the signature."),
               what);
}

static void
jld_set_loss_iri (GError    **error,
                  const char *iri)
{
  g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_DATA_LOSS,
               _("The badge refers to “%s”, which is not a full address (IRI): it would not be covered by the signature."),
               iri);
}

/* What expansion drops at the top level or in a graph container: an empty
 * object, a value or list object, or a node with only "@id". NULL: kept. */
static const char *
dropped_shape (JsonNode *n)
{
  JsonObject *o;
  guint size;

  if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
    return NULL;
  o = json_node_get_object (n);
  size = json_object_get_size (o);
  if (size == 0)
    return "{}";
  if (json_object_has_member (o, "@value"))
    return "@value";
  if (json_object_has_member (o, "@list"))
    return "@list";
  if (size == 1 && json_object_has_member (o, "@id"))
    return "@id";
  return NULL;
}

static gboolean
is_absolute_or_blank (const char *iri)
{
  return iri != NULL && (g_str_has_prefix (iri, "_:") || jld_is_absolute_iri (iri));
}

/* Checks what context processing dropped (see JldUnsafe). */
static gboolean
context_is_safe (Expander   *ex,
                 JldContext *ctx,
                 GError    **error)
{
  if (!ex->safe || ctx->unsafe == JLD_UNSAFE_NONE)
    return TRUE;
  switch (ctx->unsafe)
    {
    case JLD_UNSAFE_RESERVED_TERM:
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_DATA_LOSS,
                   _("The badge’s context defines “%s” with a name reserved for JSON-LD keywords: it would not be covered by the signature."),
                   ctx->unsafe_detail);
      break;
    case JLD_UNSAFE_RELATIVE_VOCAB:
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_DATA_LOSS,
                   _("The badge’s context sets its vocabulary (“@vocab”) to “%s”, which is not a full address (IRI): its terms would not be covered by the signature."),
                   ctx->unsafe_detail);
      break;
    case JLD_UNSAFE_LANGUAGE:
      loss_language (error, ctx->unsafe_detail);
      break;
    case JLD_UNSAFE_NONE:
    default:
      break;
    }
  return FALSE;
}

/* jld_context_process (), then the safe-mode check of its result. */
static JldContext *
process_context (Expander   *ex,
                 JldContext *active,
                 JsonNode   *local,
                 const char *base_url,
                 gboolean    override_protected,
                 gboolean    propagate,
                 gboolean    permanent,
                 GError    **error)
{
  JldContext *c = jld_context_process (active, local, base_url, override_protected,
                                       propagate, permanent, error);

  if (c != NULL && !context_is_safe (ex, c, error))
    {
      jld_context_unref (c);
      return NULL;
    }
  return c;
}

static gboolean expand_element (Expander *ex, JldContext *active, const char *active_property,
                                JsonNode *element, const char *base_url, gboolean from_map,
                                guint depth, JsonNode **out, GError **error);

static gboolean
is_string (JsonNode *n)
{
  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING;
}

static gboolean
is_scalar (JsonNode *n)
{
  return n != NULL && JSON_NODE_HOLDS_VALUE (n);
}

static JsonNode *
string_node (const char *s)
{
  JsonNode *n = json_node_alloc ();

  json_node_init_string (n, s);
  return n;
}

static JsonNode *
take_string_node (char *s)
{
  JsonNode *n = json_node_alloc ();

  json_node_init_string (n, s);
  g_free (s);
  return n;
}

static JsonNode *
object_node (JsonObject *o)
{
  JsonNode *n = json_node_alloc ();

  json_node_init_object (n, o);
  json_object_unref (o);
  return n;
}

static JsonNode *
array_node (JsonArray *a)
{
  JsonNode *n = json_node_alloc ();

  json_node_init_array (n, a);
  json_array_unref (a);
  return n;
}

/* Takes ownership of @n; returns it as an array (wrapping it if needed). */
static JsonNode *
as_array (JsonNode *n)
{
  JsonArray *a;

  if (n != NULL && JSON_NODE_HOLDS_ARRAY (n))
    return n;
  a = json_array_new ();
  if (n != NULL)
    json_array_add_element (a, n);
  return array_node (a);
}

static void
array_append_all (JsonArray *dst,
                  JsonNode  *src)
{
  if (JSON_NODE_HOLDS_ARRAY (src))
    {
      JsonArray *a = json_node_get_array (src);

      for (guint i = 0; i < json_array_get_length (a); i++)
        json_array_add_element (dst, json_node_copy (json_array_get_element (a, i)));
    }
  else
    json_array_add_element (dst, json_node_copy (src));
}

static JsonArray *
ensure_array_member (JsonObject *o,
                     const char *key)
{
  JsonNode *m = json_object_get_member (o, key);

  if (m == NULL || !JSON_NODE_HOLDS_ARRAY (m))
    {
      JsonArray *a = json_array_new ();

      if (m != NULL)
        json_array_add_element (a, json_node_copy (m));
      json_object_set_array_member (o, key, a);
      return a;
    }
  return json_node_get_array (m);
}

static gboolean
obj_is (JsonNode   *n,
        const char *key)
{
  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) && json_object_has_member (json_node_get_object (n), key);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Member names of @o, sorted when @ordered (or always when @sort). */
static GPtrArray *
member_names (JsonObject *o,
              gboolean    sort)
{
  GPtrArray *names = g_ptr_array_new ();
  JsonObjectIter iter;
  const char *name;

  json_object_iter_init (&iter, o);
  while (json_object_iter_next (&iter, &name, NULL))
    g_ptr_array_add (names, (gpointer) name);
  if (sort)
    g_ptr_array_sort (names, compare_strings);
  return names;
}

/* Value Expansion (5.3.2). */
static JsonNode *
expand_value (JldContext *active,
              const char *active_property,
              JsonNode   *value)
{
  const JldTerm *def = active_property ? jld_context_get_term (active, active_property) : NULL;
  const char *type = def ? def->type_mapping : NULL;
  JsonObject *result;

  if (type != NULL && is_string (value)
      && (strcmp (type, "@id") == 0 || strcmp (type, "@vocab") == 0))
    {
      char *iri = jld_expand_iri (active, json_node_get_string (value), TRUE,
                                  strcmp (type, "@vocab") == 0);

      result = json_object_new ();
      if (iri != NULL)
        json_object_set_member (result, "@id", take_string_node (iri));
      else
        json_object_set_null_member (result, "@id");
      return object_node (result);
    }

  result = json_object_new ();
  json_object_set_member (result, "@value", jld_json_copy (value));
  if (type != NULL && strcmp (type, "@id") != 0 && strcmp (type, "@vocab") != 0
      && strcmp (type, "@none") != 0)
    json_object_set_string_member (result, "@type", type);
  else if (is_string (value))
    {
      const char *language = active->default_language;
      const char *direction = active->default_direction;

      if (def != NULL && def->has_language)
        language = def->language;
      if (def != NULL && def->has_direction)
        direction = def->direction;
      if (language != NULL)
        json_object_set_string_member (result, "@language", language);
      if (direction != NULL)
        json_object_set_string_member (result, "@direction", direction);
    }
  return object_node (result);
}

static gboolean
is_node_object (JsonNode *n)
{
  JsonObject *o;

  if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
    return FALSE;
  o = json_node_get_object (n);
  return !json_object_has_member (o, "@value") && !json_object_has_member (o, "@list")
         && !json_object_has_member (o, "@set");
}

static gboolean
is_graph_object (JsonNode *n)
{
  JsonObject *o;
  JsonObjectIter iter;
  const char *name;

  if (!obj_is (n, "@graph"))
    return FALSE;
  o = json_node_get_object (n);
  json_object_iter_init (&iter, o);
  while (json_object_iter_next (&iter, &name, NULL))
    if (strcmp (name, "@graph") != 0 && strcmp (name, "@id") != 0
        && strcmp (name, "@index") != 0 && strcmp (name, "@context") != 0)
      return FALSE;
  return TRUE;
}

/* Steps 13 and 14 of the expansion algorithm, for @element and its nests. */
static gboolean
expand_entries (Expander   *ex,
                JldContext *active,
                JldContext *type_scoped,
                const char *active_property,
                JsonObject *element,
                const char *input_type,
                JsonObject *result,
                const char *base_url,
                guint       depth,
                GError    **error)
{
  g_autoptr(GPtrArray) names = member_names (element, ex->ordered);
  g_autoptr(GPtrArray) nests = NULL;
  gboolean input_json = input_type != NULL && strcmp (input_type, "@json") == 0;

  for (guint i = 0; i < names->len; i++)
    {
      const char *key = g_ptr_array_index (names, i);
      JsonNode *value = json_object_get_member (element, key);
      g_autofree char *prop = NULL;
      JsonNode *expanded = NULL;
      const JldTerm *def;
      guint container;

      if (strcmp (key, "@context") == 0)
        continue;
      prop = jld_expand_iri (active, key, FALSE, TRUE);
      if (prop == NULL || (strchr (prop, ':') == NULL && !jld_is_keyword (prop)))
        {
          if (ex->safe)
            {
              loss_undefined_term (error, key);
              return FALSE;
            }
          continue;
        }

      if (jld_is_keyword (prop))
        {
          if (active_property != NULL && strcmp (active_property, "@reverse") == 0)
            {
              jld_set_error (error, "invalid reverse property map", "a reverse map cannot contain “%s”", prop);
              return FALSE;
            }
          if (json_object_has_member (result, prop) && strcmp (prop, "@included") != 0
              && (strcmp (prop, "@type") != 0 || active->mode_10))
            {
              jld_set_error (error, "colliding keywords", "“%s” appears twice", prop);
              return FALSE;
            }

          if (strcmp (prop, "@id") == 0)
            {
              char *iri;

              if (!is_string (value))
                {
                  jld_set_error (error, "invalid @id value", "“@id” must be a string");
                  return FALSE;
                }
              iri = jld_expand_iri (active, json_node_get_string (value), TRUE, FALSE);
              if (ex->safe && !is_absolute_or_blank (iri))
                {
                  g_free (iri);
                  jld_set_loss_iri (error, json_node_get_string (value));
                  return FALSE;
                }
              /* A keyword-like @id is kept as null, as the test suite expects. */
              expanded = iri ? take_string_node (iri) : json_node_new (JSON_NODE_NULL);
            }
          else if (strcmp (prop, "@type") == 0)
            {
              JsonArray *types = NULL;

              if (is_string (value))
                {
                  char *iri = jld_expand_iri (type_scoped, json_node_get_string (value), TRUE, TRUE);

                  if (ex->safe && !is_absolute_or_blank (iri) && g_strcmp0 (iri, "@json") != 0)
                    {
                      g_free (iri);
                      loss_type (error, json_node_get_string (value));
                      return FALSE;
                    }
                  expanded = iri ? take_string_node (iri) : array_node (json_array_new ());
                }
              else if (JSON_NODE_HOLDS_ARRAY (value))
                {
                  JsonArray *arr = json_node_get_array (value);

                  types = json_array_new ();
                  for (guint j = 0; j < json_array_get_length (arr); j++)
                    {
                      JsonNode *t = json_array_get_element (arr, j);
                      char *iri;

                      if (!is_string (t))
                        {
                          json_array_unref (types);
                          jld_set_error (error, "invalid type value", "“@type” values must be strings");
                          return FALSE;
                        }
                      iri = jld_expand_iri (type_scoped, json_node_get_string (t), TRUE, TRUE);
                      if (ex->safe && !is_absolute_or_blank (iri) && g_strcmp0 (iri, "@json") != 0)
                        {
                          g_free (iri);
                          json_array_unref (types);
                          loss_type (error, json_node_get_string (t));
                          return FALSE;
                        }
                      if (iri != NULL)
                        json_array_add_element (types, take_string_node (iri));
                    }
                  expanded = array_node (types);
                }
              else
                {
                  jld_set_error (error, "invalid type value", "“@type” must be a string or an array of strings");
                  return FALSE;
                }
              if (json_object_has_member (result, "@type"))
                {
                  JsonArray *merged = json_array_new ();

                  array_append_all (merged, json_object_get_member (result, "@type"));
                  array_append_all (merged, expanded);
                  json_node_unref (expanded);
                  expanded = array_node (merged);
                }
            }
          else if (strcmp (prop, "@graph") == 0)
            {
              if (!expand_element (ex, active, "@graph", value, base_url, FALSE, depth + 1, &expanded, error))
                return FALSE;
              expanded = as_array (expanded);
            }
          else if (strcmp (prop, "@included") == 0)
            {
              JsonArray *arr;

              if (active->mode_10)
                {
                  if (ex->safe)
                    {
                      loss_undefined_term (error, key);
                      return FALSE;
                    }
                  continue;
                }
              if (!expand_element (ex, active, NULL, value, base_url, FALSE, depth + 1, &expanded, error))
                return FALSE;
              /* Whatever expansion drops (strings, values, lists) was not
               * a node object either. */
              if (expanded == NULL)
                {
                  jld_set_error (error, "invalid @included value", "“@included” must contain node objects");
                  return FALSE;
                }
              expanded = as_array (expanded);
              arr = json_node_get_array (expanded);
              for (guint j = 0; j < json_array_get_length (arr); j++)
                if (!is_node_object (json_array_get_element (arr, j)))
                  {
                    json_node_unref (expanded);
                    jld_set_error (error, "invalid @included value", "“@included” must contain node objects");
                    return FALSE;
                  }
              if (json_object_has_member (result, "@included"))
                {
                  JsonArray *merged = json_array_new ();

                  array_append_all (merged, json_object_get_member (result, "@included"));
                  array_append_all (merged, expanded);
                  json_node_unref (expanded);
                  expanded = array_node (merged);
                }
            }
          else if (strcmp (prop, "@value") == 0)
            {
              if (input_json)
                {
                  if (active->mode_10)
                    {
                      jld_set_error (error, "invalid value object value", "JSON literals need JSON-LD 1.1");
                      return FALSE;
                    }
                  expanded = jld_json_copy (value);
                }
              else if (!JSON_NODE_HOLDS_NULL (value) && !is_scalar (value))
                {
                  jld_set_error (error, "invalid value object value", "“@value” must be a string, number, boolean or null");
                  return FALSE;
                }
              else
                expanded = jld_json_copy (value);
              json_object_set_member (result, "@value", expanded);
              continue;
            }
          else if (strcmp (prop, "@language") == 0)
            {
              if (!is_string (value))
                {
                  jld_set_error (error, "invalid language-tagged string", "“@language” must be a string");
                  return FALSE;
                }
              if (ex->safe && !jld_is_bcp47 (json_node_get_string (value)))
                {
                  loss_language (error, json_node_get_string (value));
                  return FALSE;
                }
              expanded = jld_json_copy (value);
            }
          else if (strcmp (prop, "@direction") == 0)
            {
              const char *d = is_string (value) ? json_node_get_string (value) : NULL;

              if (active->mode_10)
                {
                  if (ex->safe)
                    {
                      loss_undefined_term (error, key);
                      return FALSE;
                    }
                  continue;
                }
              if (d == NULL || (strcmp (d, "ltr") != 0 && strcmp (d, "rtl") != 0))
                {
                  jld_set_error (error, "invalid base direction", "“@direction” must be “ltr” or “rtl”");
                  return FALSE;
                }
              expanded = jld_json_copy (value);
            }
          else if (strcmp (prop, "@index") == 0)
            {
              if (!is_string (value))
                {
                  jld_set_error (error, "invalid @index value", "“@index” must be a string");
                  return FALSE;
                }
              expanded = jld_json_copy (value);
            }
          else if (strcmp (prop, "@list") == 0)
            {
              if (active_property == NULL || strcmp (active_property, "@graph") == 0)
                {
                  if (ex->safe)
                    {
                      loss_object (error, "@list");
                      return FALSE;
                    }
                  continue;
                }
              if (!expand_element (ex, active, active_property, value, base_url, FALSE, depth + 1, &expanded, error))
                return FALSE;
              expanded = as_array (expanded);
            }
          else if (strcmp (prop, "@set") == 0)
            {
              if (!expand_element (ex, active, active_property, value, base_url, FALSE, depth + 1, &expanded, error))
                return FALSE;
            }
          else if (strcmp (prop, "@reverse") == 0)
            {
              g_autoptr(JsonNode) rev = NULL;
              JsonObject *ro;
              JsonObjectIter iter;
              const char *rprop;
              JsonNode *rval;

              if (!JSON_NODE_HOLDS_OBJECT (value))
                {
                  jld_set_error (error, "invalid @reverse value", "“@reverse” must be an object");
                  return FALSE;
                }
              if (!expand_element (ex, active, "@reverse", value, base_url, FALSE, depth + 1, &rev, error))
                return FALSE;
              if (rev == NULL || !JSON_NODE_HOLDS_OBJECT (rev))
                continue;
              ro = json_node_get_object (rev);
              if (json_object_has_member (ro, "@reverse"))
                {
                  JsonObject *twice = json_object_get_object_member (ro, "@reverse");

                  json_object_iter_init (&iter, twice);
                  while (json_object_iter_next (&iter, &rprop, &rval))
                    array_append_all (ensure_array_member (result, rprop), rval);
                }
              json_object_iter_init (&iter, ro);
              while (json_object_iter_next (&iter, &rprop, &rval))
                {
                  JsonArray *items, *dst;

                  if (strcmp (rprop, "@reverse") == 0)
                    continue;
                  if (!json_object_has_member (result, "@reverse"))
                    json_object_set_object_member (result, "@reverse", json_object_new ());
                  dst = ensure_array_member (json_object_get_object_member (result, "@reverse"), rprop);
                  items = json_node_get_array (rval);
                  for (guint j = 0; j < json_array_get_length (items); j++)
                    {
                      JsonNode *item = json_array_get_element (items, j);

                      if (obj_is (item, "@value") || obj_is (item, "@list"))
                        {
                          jld_set_error (error, "invalid reverse property value", "a reverse property cannot hold a value or a list");
                          return FALSE;
                        }
                      json_array_add_element (dst, json_node_copy (item));
                    }
                }
              continue;
            }
          else if (strcmp (prop, "@nest") == 0)
            {
              if (nests == NULL)
                nests = g_ptr_array_new ();
              g_ptr_array_add (nests, (gpointer) key);
              continue;
            }
          else
            {
              /* "@vocab", "@version"… inside a node: nothing in RDF. */
              if (ex->safe)
                {
                  loss_undefined_term (error, key);
                  return FALSE;
                }
              continue;
            }

          if (expanded != NULL)
            json_object_set_member (result, prop, expanded);
          continue;
        }

      def = jld_context_get_term (active, key);
      container = def ? def->container : 0;

      if (def != NULL && def->type_mapping != NULL && strcmp (def->type_mapping, "@json") == 0)
        {
          JsonObject *lit = json_object_new ();

          json_object_set_member (lit, "@value", jld_json_copy (value));
          json_object_set_string_member (lit, "@type", "@json");
          expanded = object_node (lit);
        }
      else if ((container & JLD_C_LANGUAGE) && JSON_NODE_HOLDS_OBJECT (value))
        {
          JsonArray *out = json_array_new ();
          JsonObject *map = json_node_get_object (value);
          g_autoptr(GPtrArray) langs = member_names (map, ex->ordered);
          const char *direction = active->default_direction;

          if (def->has_direction)
            direction = def->direction;
          for (guint j = 0; j < langs->len; j++)
            {
              const char *lang = g_ptr_array_index (langs, j);
              g_autoptr(JsonNode) lv = as_array (jld_json_copy (json_object_get_member (map, lang)));
              JsonArray *la = json_node_get_array (lv);
              g_autofree char *lexp = jld_expand_iri (active, lang, FALSE, TRUE);

              for (guint k = 0; k < json_array_get_length (la); k++)
                {
                  JsonNode *item = json_array_get_element (la, k);
                  JsonObject *v;

                  if (JSON_NODE_HOLDS_NULL (item))
                    continue;
                  if (!is_string (item))
                    {
                      json_array_unref (out);
                      jld_set_error (error, "invalid language map value", "language map values must be strings");
                      return FALSE;
                    }
                  if (ex->safe && strcmp (lang, "@none") != 0 && g_strcmp0 (lexp, "@none") != 0
                      && !jld_is_bcp47 (lang))
                    {
                      json_array_unref (out);
                      loss_language (error, lang);
                      return FALSE;
                    }
                  v = json_object_new ();
                  json_object_set_member (v, "@value", json_node_copy (item));
                  if (strcmp (lang, "@none") != 0 && g_strcmp0 (lexp, "@none") != 0)
                    json_object_set_string_member (v, "@language", lang);
                  if (direction != NULL)
                    json_object_set_string_member (v, "@direction", direction);
                  json_array_add_element (out, object_node (v));
                }
            }
          expanded = array_node (out);
        }
      else if ((container & (JLD_C_INDEX | JLD_C_TYPE | JLD_C_ID)) && JSON_NODE_HOLDS_OBJECT (value))
        {
          JsonArray *out = json_array_new ();
          JsonObject *map = json_node_get_object (value);
          g_autoptr(GPtrArray) indexes = member_names (map, ex->ordered);
          const char *index_key = def->index ? def->index : "@index";

          for (guint j = 0; j < indexes->len; j++)
            {
              const char *index = g_ptr_array_index (indexes, j);
              g_autoptr(JldContext) map_ctx = NULL;
              g_autofree char *expanded_index = NULL;
              g_autoptr(JsonNode) iv = NULL;
              JsonArray *items;

              if (container & (JLD_C_ID | JLD_C_TYPE))
                map_ctx = jld_context_ref (active->previous ? active->previous : active);
              else
                map_ctx = jld_context_ref (active);
              if (container & JLD_C_TYPE)
                {
                  const JldTerm *idef = jld_context_get_term (map_ctx, index);

                  if (idef != NULL && idef->context != NULL)
                    {
                      JldContext *c = process_context (ex, map_ctx, idef->context, idef->context_base,
                                                           FALSE, TRUE, idef->context_permanent, error);

                      if (c == NULL)
                        {
                          json_array_unref (out);
                          return FALSE;
                        }
                      jld_context_unref (map_ctx);
                      map_ctx = c;
                    }
                }
              else
                {
                  jld_context_unref (map_ctx);
                  map_ctx = jld_context_ref (active);
                }
              g_autoptr(JsonNode) index_value = as_array (jld_json_copy (json_object_get_member (map, index)));

              expanded_index = jld_expand_iri (active, index, FALSE, TRUE);
              if (!expand_element (ex, map_ctx, key, index_value,
                                   base_url, TRUE, depth + 1, &iv, error))
                {
                  json_array_unref (out);
                  return FALSE;
                }
              iv = as_array (g_steal_pointer (&iv));
              items = json_node_get_array (iv);
              for (guint k = 0; k < json_array_get_length (items); k++)
                {
                  JsonNode *item = json_node_copy (json_array_get_element (items, k));
                  gboolean none = g_strcmp0 (expanded_index, "@none") == 0;
                  JsonObject *io;

                  if ((container & JLD_C_GRAPH) && !is_graph_object (item))
                    {
                      JsonObject *g = json_object_new ();

                      json_object_set_member (g, "@graph", as_array (item));
                      item = object_node (g);
                    }
                  if (!JSON_NODE_HOLDS_OBJECT (item))
                    {
                      json_node_unref (item);
                      continue;
                    }
                  io = json_node_get_object (item);
                  if ((container & JLD_C_INDEX) && strcmp (index_key, "@index") != 0 && !none)
                    {
                      g_autoptr(JsonNode) idx = string_node (index);
                      JsonNode *re = expand_value (active, index_key, idx);
                      g_autofree char *eikey = jld_expand_iri (active, index_key, FALSE, TRUE);
                      JsonArray *vals = json_array_new ();

                      json_array_add_element (vals, re);
                      if (eikey != NULL && json_object_has_member (io, eikey))
                        array_append_all (vals, json_object_get_member (io, eikey));
                      if (json_object_has_member (io, "@value"))
                        {
                          json_array_unref (vals);
                          json_node_unref (item);
                          json_array_unref (out);
                          jld_set_error (error, "invalid value object", "a value in a property-valued index cannot be a value object");
                          return FALSE;
                        }
                      if (eikey != NULL)
                        json_object_set_array_member (io, eikey, vals);
                      else
                        json_array_unref (vals);
                    }
                  else if ((container & JLD_C_INDEX) && !json_object_has_member (io, "@index") && !none)
                    json_object_set_string_member (io, "@index", index);
                  else if ((container & JLD_C_ID) && !json_object_has_member (io, "@id") && !none)
                    {
                      char *id = jld_expand_iri (active, index, TRUE, FALSE);

                      if (id != NULL)
                        json_object_set_member (io, "@id", take_string_node (id));
                    }
                  else if ((container & JLD_C_TYPE) && !none)
                    {
                      JsonArray *types = json_array_new ();

                      json_array_add_string_element (types, expanded_index);
                      if (json_object_has_member (io, "@type"))
                        array_append_all (types, json_object_get_member (io, "@type"));
                      json_object_set_array_member (io, "@type", types);
                    }
                  json_array_add_element (out, item);
                }
            }
          expanded = array_node (out);
        }
      else
        {
          if (!expand_element (ex, active, key, value, base_url, FALSE, depth + 1, &expanded, error))
            return FALSE;
        }

      if (expanded == NULL)
        continue;

      if ((container & JLD_C_LIST) && !obj_is (expanded, "@list"))
        {
          JsonObject *l = json_object_new ();

          json_object_set_member (l, "@list", as_array (expanded));
          expanded = object_node (l);
        }
      if ((container & JLD_C_GRAPH) && !(container & (JLD_C_ID | JLD_C_INDEX)))
        {
          JsonArray *wrapped = json_array_new ();
          JsonArray *items;

          expanded = as_array (expanded);
          items = json_node_get_array (expanded);
          for (guint j = 0; j < json_array_get_length (items) && ex->safe; j++)
            {
              const char *what = dropped_shape (json_array_get_element (items, j));

              if (what != NULL)
                {
                  json_node_unref (expanded);
                  json_array_unref (wrapped);
                  loss_object (error, what);
                  return FALSE;
                }
            }
          for (guint j = 0; j < json_array_get_length (items); j++)
            {
              JsonObject *g = json_object_new ();

              json_object_set_member (g, "@graph", as_array (json_node_copy (json_array_get_element (items, j))));
              json_array_add_element (wrapped, object_node (g));
            }
          json_node_unref (expanded);
          expanded = array_node (wrapped);
        }

      if (def != NULL && def->reverse)
        {
          JsonArray *dst, *items;

          if (!json_object_has_member (result, "@reverse"))
            json_object_set_object_member (result, "@reverse", json_object_new ());
          dst = ensure_array_member (json_object_get_object_member (result, "@reverse"), prop);
          expanded = as_array (expanded);
          items = json_node_get_array (expanded);
          for (guint j = 0; j < json_array_get_length (items); j++)
            {
              JsonNode *item = json_array_get_element (items, j);

              if (obj_is (item, "@value") || obj_is (item, "@list"))
                {
                  json_node_unref (expanded);
                  jld_set_error (error, "invalid reverse property value", "a reverse property cannot hold a value or a list");
                  return FALSE;
                }
              json_array_add_element (dst, json_node_copy (item));
            }
          json_node_unref (expanded);
        }
      else
        {
          JsonNode *existing = json_object_get_member (result, prop);

          if (existing == NULL)
            json_object_set_member (result, prop, as_array (expanded));
          else
            {
              array_append_all (ensure_array_member (result, prop), expanded);
              json_node_unref (expanded);
            }
        }
    }

  if (nests != NULL)
    {
      if (ex->ordered)
        g_ptr_array_sort (nests, compare_strings);
      for (guint i = 0; i < nests->len; i++)
        {
          const char *nkey = g_ptr_array_index (nests, i);
          g_autoptr(JsonNode) nv = as_array (jld_json_copy (json_object_get_member (element, nkey)));
          JsonArray *na = json_node_get_array (nv);
          const JldTerm *ndef = jld_context_get_term (active, nkey);
          g_autoptr(JldContext) nctx = NULL;

          /* A term aliasing @nest may carry a scoped context for its content. */
          if (ndef != NULL && ndef->context != NULL)
            {
              nctx = process_context (ex, active, ndef->context, ndef->context_base, TRUE, TRUE,
                                          ndef->context_permanent, error);
              if (nctx == NULL)
                return FALSE;
            }
          else
            nctx = jld_context_ref (active);

          for (guint j = 0; j < json_array_get_length (na); j++)
            {
              JsonNode *nested = json_array_get_element (na, j);
              JsonObjectIter iter;
              const char *name;

              if (!JSON_NODE_HOLDS_OBJECT (nested))
                {
                  jld_set_error (error, "invalid @nest value", "“%s” must contain objects", nkey);
                  return FALSE;
                }
              json_object_iter_init (&iter, json_node_get_object (nested));
              while (json_object_iter_next (&iter, &name, NULL))
                {
                  g_autofree char *e = jld_expand_iri (nctx, name, FALSE, TRUE);

                  if (g_strcmp0 (e, "@value") == 0)
                    {
                      jld_set_error (error, "invalid @nest value", "“%s” cannot contain a value", nkey);
                      return FALSE;
                    }
                }
              if (depth >= JLN_JSONLD_MAX_DEPTH)
                {
                  g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
                               _("The document is nested too deeply to be processed."));
                  return FALSE;
                }
              if (!expand_entries (ex, nctx, type_scoped, active_property, json_node_get_object (nested),
                                   input_type, result, base_url, depth + 1, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

/* Expansion Algorithm (5.1.2). *out is NULL for a null result. */
static gboolean
expand_element (Expander   *ex,
                JldContext *active_in,
                const char *active_property,
                JsonNode   *element,
                const char *base_url,
                gboolean    from_map,
                guint       depth,
                JsonNode  **out,
                GError    **error)
{
  g_autoptr(JldContext) active = NULL;
  g_autoptr(JldContext) type_scoped = NULL;
  const JldTerm *apdef;
  JsonObject *obj;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *input_type = NULL;
  JsonNode *scoped = NULL;
  const char *scoped_base = NULL;
  gboolean scoped_permanent = FALSE;
  guint n_members;

  *out = NULL;
  if (element == NULL || JSON_NODE_HOLDS_NULL (element))
    return TRUE;
  if (depth > JLN_JSONLD_MAX_DEPTH)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
                   _("The document is nested too deeply to be processed."));
      return FALSE;
    }

  apdef = active_property ? jld_context_get_term (active_in, active_property) : NULL;
  if (apdef != NULL && apdef->context != NULL)
    {
      scoped = apdef->context;
      scoped_base = apdef->context_base;
      scoped_permanent = apdef->context_permanent;
    }

  if (JSON_NODE_HOLDS_VALUE (element))
    {
      if (active_property == NULL || strcmp (active_property, "@graph") == 0)
        {
          if (ex->safe)
            {
              g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_DATA_LOSS,
                           _("The badge contains a value outside any property: it would not be covered by the signature."));
              return FALSE;
            }
          return TRUE;
        }
      if (scoped != NULL)
        {
          active = process_context (ex, active_in, scoped, scoped_base, FALSE, TRUE, scoped_permanent, error);
          if (active == NULL)
            return FALSE;
        }
      *out = expand_value (active ? active : active_in, active_property, element);
      /* A keyword-like string where an IRI is expected expands to null. */
      if (ex->safe && obj_is (*out, "@id")
          && JSON_NODE_HOLDS_NULL (json_object_get_member (json_node_get_object (*out), "@id")))
        {
          g_clear_pointer (out, json_node_unref);
          jld_set_loss_iri (error, json_node_get_string (element));
          return FALSE;
        }
      return TRUE;
    }

  if (JSON_NODE_HOLDS_ARRAY (element))
    {
      JsonArray *arr = json_node_get_array (element);
      JsonArray *result_arr = json_array_new ();
      gboolean is_list = apdef != NULL && (apdef->container & JLD_C_LIST);

      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *item = NULL;

          if (!expand_element (ex, active_in, active_property, json_array_get_element (arr, i),
                               base_url, from_map, depth + 1, &item, error))
            {
              json_array_unref (result_arr);
              return FALSE;
            }
          if (item == NULL)
            continue;
          if (is_list && JSON_NODE_HOLDS_ARRAY (item))
            {
              JsonObject *l = json_object_new ();

              json_object_set_member (l, "@list", item);
              item = object_node (l);
            }
          if (JSON_NODE_HOLDS_ARRAY (item))
            {
              JsonArray *inner = json_node_get_array (item);

              for (guint j = 0; j < json_array_get_length (inner); j++)
                json_array_add_element (result_arr, json_node_copy (json_array_get_element (inner, j)));
              json_node_unref (item);
            }
          else
            json_array_add_element (result_arr, item);
        }
      *out = array_node (result_arr);
      return TRUE;
    }

  obj = json_node_get_object (element);
  active = jld_context_ref (active_in);

  if (active->previous != NULL && !from_map)
    {
      gboolean revert = TRUE;
      JsonObjectIter iter;
      const char *name;
      guint n = 0;
      gboolean only_id = FALSE;

      json_object_iter_init (&iter, obj);
      while (json_object_iter_next (&iter, &name, NULL))
        {
          g_autofree char *e = jld_expand_iri (active, name, FALSE, TRUE);

          n++;
          if (g_strcmp0 (e, "@value") == 0)
            revert = FALSE;
          only_id = g_strcmp0 (e, "@id") == 0;
        }
      if (n == 1 && only_id)
        revert = FALSE;
      if (revert)
        {
          JldContext *prev = jld_context_ref (active->previous);

          jld_context_unref (active);
          active = prev;
        }
    }

  if (scoped != NULL)
    {
      JldContext *c = process_context (ex, active, scoped, scoped_base, TRUE, TRUE, scoped_permanent, error);

      if (c == NULL)
        return FALSE;
      jld_context_unref (active);
      active = c;
    }

  if (json_object_has_member (obj, "@context"))
    {
      JldContext *c = process_context (ex, active, json_object_get_member (obj, "@context"),
                                           base_url, FALSE, TRUE, FALSE, error);

      if (c == NULL)
        return FALSE;
      jld_context_unref (active);
      active = c;
    }

  type_scoped = jld_context_ref (active);

  names = member_names (obj, TRUE);
  for (guint i = 0; i < names->len; i++)
    {
      const char *key = g_ptr_array_index (names, i);
      g_autofree char *e = jld_expand_iri (active, key, FALSE, TRUE);
      g_autoptr(JsonNode) tv = NULL;
      g_autoptr(GPtrArray) terms = NULL;
      JsonArray *ta;

      if (g_strcmp0 (e, "@type") != 0)
        continue;
      tv = as_array (jld_json_copy (json_object_get_member (obj, key)));
      ta = json_node_get_array (tv);
      terms = g_ptr_array_new ();
      for (guint j = 0; j < json_array_get_length (ta); j++)
        if (is_string (json_array_get_element (ta, j)))
          g_ptr_array_add (terms, (gpointer) json_node_get_string (json_array_get_element (ta, j)));
      g_ptr_array_sort (terms, compare_strings);
      for (guint j = 0; j < terms->len; j++)
        {
          const JldTerm *tdef = jld_context_get_term (type_scoped, g_ptr_array_index (terms, j));

          if (tdef != NULL && tdef->context != NULL)
            {
              JldContext *c = process_context (ex, active, tdef->context, tdef->context_base,
                                                   FALSE, FALSE, tdef->context_permanent, error);

              if (c == NULL)
                return FALSE;
              jld_context_unref (active);
              active = c;
            }
        }
      if (input_type == NULL && json_array_get_length (ta) > 0)
        {
          JsonNode *last = json_array_get_element (ta, json_array_get_length (ta) - 1);

          if (is_string (last))
            input_type = g_strdup (json_node_get_string (last));
        }
    }
  if (input_type != NULL)
    {
      char *e = jld_expand_iri (active, input_type, FALSE, TRUE);

      g_free (input_type);
      input_type = e;
    }

  result = json_object_new ();
  if (!expand_entries (ex, active, type_scoped, active_property, obj, input_type,
                       result, base_url, depth, error))
    return FALSE;

  n_members = json_object_get_size (result);
  if (json_object_has_member (result, "@value"))
    {
      JsonNode *v = json_object_get_member (result, "@value");
      JsonNode *t = json_object_get_member (result, "@type");
      JsonObjectIter iter;
      const char *name;

      json_object_iter_init (&iter, result);
      while (json_object_iter_next (&iter, &name, NULL))
        if (strcmp (name, "@direction") != 0 && strcmp (name, "@index") != 0
            && strcmp (name, "@language") != 0 && strcmp (name, "@type") != 0
            && strcmp (name, "@value") != 0)
          {
            jld_set_error (error, "invalid value object", "a value object cannot contain “%s”", name);
            return FALSE;
          }
      if (t != NULL && (json_object_has_member (result, "@language")
                        || json_object_has_member (result, "@direction")))
        {
          jld_set_error (error, "invalid value object", "a value cannot have both a type and a language");
          return FALSE;
        }
      if (is_string (t) && strcmp (json_node_get_string (t), "@json") == 0)
        ;
      else if (JSON_NODE_HOLDS_NULL (v)
               || (JSON_NODE_HOLDS_ARRAY (v) && json_array_get_length (json_node_get_array (v)) == 0))
        {
          if (ex->safe)
            {
              loss_object (error, "\"@value\": null");
              return FALSE;
            }
          return TRUE;
        }
      else if (!is_string (v) && json_object_has_member (result, "@language"))
        {
          jld_set_error (error, "invalid language-tagged value", "only strings can have a language");
          return FALSE;
        }
      else if (t != NULL && (!is_string (t)
                             || !(ex->safe ? (jld_is_js_absolute_iri (json_node_get_string (t))
                                              && !g_str_has_prefix (json_node_get_string (t), "_:"))
                                           : jld_is_well_formed_iri (json_node_get_string (t)))))
        {
          jld_set_error (error, "invalid typed value", "the type of a value must be an IRI");
          return FALSE;
        }
    }
  else if (json_object_has_member (result, "@type"))
    {
      JsonNode *t = json_object_get_member (result, "@type");

      if (!JSON_NODE_HOLDS_ARRAY (t))
        json_object_set_member (result, "@type", as_array (json_node_copy (t)));
    }
  else if (json_object_has_member (result, "@set") || json_object_has_member (result, "@list"))
    {
      if (n_members > 2 || (n_members == 2 && !json_object_has_member (result, "@index")))
        {
          jld_set_error (error, "invalid set or list object", "“@set” and “@list” can only be combined with “@index”");
          return FALSE;
        }
      if (json_object_has_member (result, "@set"))
        {
          *out = json_node_copy (json_object_get_member (result, "@set"));
          return TRUE;
        }
    }

  if (n_members == 1 && json_object_has_member (result, "@language"))
    {
      if (ex->safe)
        {
          loss_object (error, "@language");
          return FALSE;
        }
      return TRUE;
    }

  if (active_property == NULL || strcmp (active_property, "@graph") == 0)
    {
      g_autoptr(JsonNode) rnode = json_node_init_object (json_node_alloc (), result);
      const char *what = dropped_shape (rnode);

      if (what != NULL)
        {
          if (ex->safe)
            {
              loss_object (error, what);
              return FALSE;
            }
          return TRUE;
        }
    }

  *out = object_node (g_steal_pointer (&result));
  return TRUE;
}

static gboolean
depth_ok (JsonNode *node,
          guint     depth)
{
  if (depth > JLN_JSONLD_MAX_DEPTH)
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *m;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &m))
        if (!depth_ok (m, depth + 1))
          return FALSE;
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (a); i++)
        if (!depth_ok (json_array_get_element (a, i), depth + 1))
          return FALSE;
    }
  return TRUE;
}

JsonNode *
jln_jsonld_expand (JsonNode               *input,
                   const JlnJsonLdOptions *options,
                   GError                **error)
{
  static const JlnJsonLdOptions defaults = { 0 };
  g_autoptr(JldContext) active = NULL;
  Expander ex = { 0 };
  JsonNode *expanded = NULL;
  gboolean mode_10;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (input == NULL || !(JSON_NODE_HOLDS_OBJECT (input) || JSON_NODE_HOLDS_ARRAY (input)))
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
                   _("The document is not a JSON object."));
      return NULL;
    }
  if (!depth_ok (input, 0)
      || (options->expand_context != NULL && !depth_ok (options->expand_context, 0)))
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
                   _("The document is nested too deeply to be processed (more than %d levels)."),
                   JLN_JSONLD_MAX_DEPTH);
      return NULL;
    }

  mode_10 = g_strcmp0 (options->processing_mode, "json-ld-1.0") == 0;
  ex.ordered = options->ordered;
  ex.safe = options->safe;
  active = jld_context_initial (options->base, mode_10);

  if (options->expand_context != NULL)
    {
      JsonNode *ctx = options->expand_context;
      JldContext *c;

      if (obj_is (ctx, "@context"))
        ctx = json_object_get_member (json_node_get_object (ctx), "@context");
      c = process_context (&ex, active, ctx, active->original_base, FALSE, TRUE, FALSE, error);
      if (c == NULL)
        return NULL;
      jld_context_unref (active);
      active = c;
    }

  if (!expand_element (&ex, active, NULL, input, options->base, FALSE, 0, &expanded, error))
    return NULL;

  if (expanded != NULL && JSON_NODE_HOLDS_OBJECT (expanded)
      && json_object_get_size (json_node_get_object (expanded)) == 1
      && json_object_has_member (json_node_get_object (expanded), "@graph"))
    {
      JsonNode *g = json_node_copy (json_object_get_member (json_node_get_object (expanded), "@graph"));

      json_node_unref (expanded);
      expanded = g;
    }
  return as_array (expanded);
}

void
jln_jsonld_clear_context_cache (void)
{
  jld_context_cache_clear ();
}
