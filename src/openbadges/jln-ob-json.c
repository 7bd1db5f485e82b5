#define G_LOG_DOMAIN "jln-ob"

#include <glib/gi18n.h>
#include <string.h>

#include "jln-ob-error.h"
#include "jln-ob-json.h"

/* json-glib parses recursively: bound the nesting before handing it over. */
gboolean
jln_ob_json_check_depth (const char *text, gsize len, GError **error)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > JLN_OB_JSON_MAX_DEPTH)
            {
              g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
                           _("The file is nested too deeply to be a badge."));
              return FALSE;
            }
        }
      else if (c == '}' || c == ']')
        depth--;
    }
  return TRUE;
}

JsonNode *
jln_ob_parse_json (const char *text, gssize length, GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = length < 0 ? strlen (text) : (gsize) length;

  if (!jln_ob_json_check_depth (text, len, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, len, &local_error))
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
                   _("The credential is not valid JSON (%s)."), local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
                   _("The credential is empty."));
      return NULL;
    }
  return json_parser_steal_root (parser);
}


const char *
jln_ob_json_get_string (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
jln_ob_json_get_object (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
jln_ob_json_get_array (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gboolean
jln_ob_json_has_type (JsonObject *object, const char *type)
{
  JsonNode *node = object ? json_object_get_member (object, "type") : NULL;

  if (node == NULL || type == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_str_equal (json_node_get_string (node), type);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *e = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING &&
              g_str_equal (json_node_get_string (e), type))
            return TRUE;
        }
    }
  return FALSE;
}
