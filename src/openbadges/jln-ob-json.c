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

