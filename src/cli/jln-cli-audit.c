/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jalons-cli"

/* "audit verify": checks the tamper-evident journal over a JlnSession,
 * as the app does at start. Exit status: 0 intact, 1 broken (the first
 * broken event is named), 2 bad usage, 3 the check could not run (no
 * database, unreadable file). */

#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/jln-cli.h"

#define EXIT_BROKEN      1
#define EXIT_USAGE       2
#define EXIT_NOT_CHECKED 3

static int
audit_verify (int    argc,
              char **argv)
{
  g_autofree char *database = NULL;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database file"), N_("PATH") },
    { NULL }
  };
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *path = NULL;
  gint64 first_broken = 0;
  guint64 n_events = 0;

  if (!jln_cli_parse_options ("audit verify", NULL,
                              _("Check that the audit journal was not altered, cut short or reordered."),
                              entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    {
      g_autofree char *safe = jln_cli_sanitize_for_terminal (argv[1]);
      g_autofree char *message = g_strdup_printf (_("unexpected argument “%s”"), safe);

      jln_cli_usage_error ("audit verify", message);
      return EXIT_USAGE;
    }

  /* Checking must not create: a mistyped path would "verify" a new, empty
   * journal. */
  path = database != NULL ? g_strdup (database) : jln_store_default_path ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *safe = jln_cli_sanitize_for_terminal (display);

      fprintf (stderr, _("jalons-cli: there is no database at “%s”."), safe);
      fputc ('\n', stderr);
      return EXIT_NOT_CHECKED;
    }
  if ((session = jln_cli_open_session (path, &error)) == NULL)
    {
      jln_cli_print_error (error);
      return EXIT_NOT_CHECKED;
    }
  if (!jln_session_verify_audit (session, &first_broken, &n_events, &error))
    {
      /* Sanitised there: the message quotes the journal's own text. */
      jln_cli_print_error (error);
      return error->domain == JLN_AUDIT_ERROR ? EXIT_BROKEN : EXIT_NOT_CHECKED;
    }
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, n_events);
  /* TRANSLATORS: %s is the number of events in the journal */
  printf (_("chain intact, %s events"), count);
  putchar ('\n');
  return 0;
}

int
jln_cli_audit (int    argc,
               char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "verify"))
    return audit_verify (argc - 1, argv + 1);
  fprintf (stderr, "%s\n", _("Usage: jalons-cli audit verify [--database PATH]"));
  return EXIT_USAGE;
}
