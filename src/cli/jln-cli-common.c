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

void
jln_cli_print_error (const GError *error)
{
  fprintf (stderr, "jalons-cli: %s\n", error->message);
}
