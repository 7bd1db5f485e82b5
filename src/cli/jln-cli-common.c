#define G_LOG_DOMAIN "jalons-cli"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/jln-cli.h"

JlnStore *
jln_cli_open_store (const char *path, GError **error)
{
  g_autofree char *default_path = NULL;

  if (path == NULL)
    path = default_path = jln_store_default_path ();
  return jln_store_open (path, error);
}

JlnSession *
jln_cli_open_session (const char *path, GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  /* The CLI runs where the app may not be installed: no schema, no settings
   * (g_settings_new() would abort). */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    settings = g_settings_new_full (schema, NULL, NULL);
  return jln_session_open (path, settings, error);
}

void
jln_cli_print_error (const GError *error)
{
  fprintf (stderr, "jalons-cli: %s\n", error->message);
}

/* Parses @entries for @verb; prints the error and usage on bad usage. */
gboolean
jln_cli_parse_options (const char *verb, const char *parameter, const char *summary,
                       GOptionEntry *entries, int *argc, char ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("jalons-cli %s", verb);

  g_set_prgname (prgname);
  context = g_option_context_new (parameter);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      fprintf (stderr, "jalons-cli %s: %s\n\n%s", verb, error->message, help);
      return FALSE;
    }
  return TRUE;
}

void
jln_cli_usage_error (const char *verb, const char *message)
{
  fprintf (stderr, "jalons-cli %s: %s\n", verb, message);
  fprintf (stderr, _("Try “jalons-cli %s --help”."), verb);
  fputc ('\n', stderr);
}
