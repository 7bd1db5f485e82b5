/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "jln-document-loader.h"
#include "jln-ob-error.h"
#include "jln-ob-json.h"
#include "jln-ob-resources.h"

#define CONTEXTS_PATH "/io/github/jalons/Jalons/contexts/"

/* All state sits behind one lock: loads are rare after warm-up (the parsed
 * document is cached) so contention does not matter. */
static GMutex loader_lock;
static GHashTable *bundled;     /* url -> resource file name */
static GHashTable *files;       /* url -> local path */
static GPtrArray *prefixes;     /* pairs: url prefix, directory */
static GHashTable *documents;   /* url -> JsonNode (parsed once) */
static guint n_parsed;

static void
ensure_index_locked (void)
{
  g_autoptr(GBytes) index = NULL;
  g_auto(GStrv) lines = NULL;

  if (bundled != NULL)
    return;

  bundled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  prefixes = g_ptr_array_new_with_free_func (g_free);
  documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) json_node_unref);

  /* Built with --manual-register: jln_ob_get_resource () stays NULL until
   * jln_ob_register_resource () initialises (and registers) it. */
  if (jln_ob_get_resource () == NULL)
    jln_ob_register_resource ();

  index = g_resources_lookup_data (CONTEXTS_PATH "INDEX.tsv",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (index == NULL)
    {
      g_critical ("Bundled context index is missing from the resources");
      return;
    }

  lines = g_strsplit (g_bytes_get_data (index, NULL), "\n", -1);
  /* The first line is the header (url, file). */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit (g_strstrip (lines[i]), "\t", 2);

      if (cols[0] == NULL || cols[1] == NULL || cols[0][0] == '\0')
        continue;
      g_hash_table_insert (bundled, g_strdup (cols[0]), g_strdup (g_strstrip (cols[1])));
    }
}

void
jln_document_loader_add_file (const char *url,
                              const char *path)
{
  g_return_if_fail (url != NULL && path != NULL);

  g_mutex_lock (&loader_lock);
  ensure_index_locked ();
  g_hash_table_insert (files, g_strdup (url), g_strdup (path));
  g_hash_table_remove (documents, url);
  g_mutex_unlock (&loader_lock);
}

void
jln_document_loader_add_prefix (const char *url_prefix,
                                const char *directory)
{
  g_return_if_fail (url_prefix != NULL && directory != NULL);

  g_mutex_lock (&loader_lock);
  ensure_index_locked ();
  g_ptr_array_add (prefixes, g_strdup (url_prefix));
  g_ptr_array_add (prefixes, g_strdup (directory));
  g_mutex_unlock (&loader_lock);
}

guint
jln_document_loader_get_n_parsed (void)
{
  guint n;

  g_mutex_lock (&loader_lock);
  n = n_parsed;
  g_mutex_unlock (&loader_lock);
  return n;
}

static GBytes *
read_source_locked (const char *url,
                    GError    **error)
{
  const char *name;
  const char *path;

  name = g_hash_table_lookup (bundled, url);
  if (name != NULL)
    {
      g_autofree char *rpath = g_strconcat (CONTEXTS_PATH, name, NULL);

      return g_resources_lookup_data (rpath, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
    }

  path = g_hash_table_lookup (files, url);
  if (path == NULL)
    {
      for (guint i = 0; i + 1 < prefixes->len; i += 2)
        {
          const char *prefix = g_ptr_array_index (prefixes, i);

          if (g_str_has_prefix (url, prefix))
            {
              const char *rest = url + strlen (prefix);
              g_autofree char *full = NULL;
              char *contents = NULL;
              gsize len = 0;

              /* Never let a URL climb out of the mapped folder. */
              if (strstr (rest, "..") != NULL || strchr (rest, '?') != NULL
                  || strchr (rest, '#') != NULL)
                break;
              full = g_build_filename (g_ptr_array_index (prefixes, i + 1), rest, NULL);
              if (!g_file_get_contents (full, &contents, &len, NULL))
                break;
              return g_bytes_new_take (contents, len);
            }
        }
    }
  else
    {
      char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, error))
        return NULL;
      return g_bytes_new_take (contents, len);
    }

  g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_LOADING_DOCUMENT,
               _("The context “%s” is not available offline, so this document "
                 "cannot be checked. Only the Verifiable Credentials and Open "
                 "Badges contexts are supported."), url);
  return NULL;
}

JsonNode *
jln_document_loader_load (const char *url,
                          GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *doc;

  g_return_val_if_fail (url != NULL, NULL);

  g_mutex_lock (&loader_lock);
  ensure_index_locked ();

  doc = g_hash_table_lookup (documents, url);
  if (doc != NULL)
    {
      json_node_ref (doc);
      g_mutex_unlock (&loader_lock);
      return doc;
    }

  bytes = read_source_locked (url, &local_error);
  if (bytes == NULL)
    {
      g_mutex_unlock (&loader_lock);
      if (local_error->domain == JLN_OB_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_LOADING_DOCUMENT,
                     _("The context “%s” could not be read: %s"), url,
                     local_error->message);
      return NULL;
    }

  doc = jln_ob_parse_json (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           &local_error);
  if (doc == NULL)
    {
      g_mutex_unlock (&loader_lock);
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_LOADING_DOCUMENT,
                   _("The context “%s” is not valid JSON: %s"), url,
                   local_error->message);
      return NULL;
    }

  /* Cached and shared between threads: immutable, as before. */
  json_node_seal (doc);
  n_parsed++;
  g_hash_table_insert (documents, g_strdup (url), json_node_ref (doc));
  g_mutex_unlock (&loader_lock);
  return doc;
}
