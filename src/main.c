/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>
#include <locale.h>

#include "ui/shell/jln-application.h"

int
main (int argc, char **argv)
{
  g_autoptr(JlnApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* Uninstalled runs (README commands, tests) point at the build's .mo files. */
  localedir = g_getenv ("JALONS_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = jln_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
