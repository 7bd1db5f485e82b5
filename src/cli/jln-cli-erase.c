/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jalons-cli"

/* jalons-cli erase: the right to be forgotten and the retention rule,
 * through the session as the app uses them.
 *   erase --participant ID [--yes]   says what would be erased; erases
 *                                    only with --yes
 *   erase --candidates [--months N] [--at DATE]
 *                                    the participants proposed for erasure
 *   erase --compact                  finishes an erasure another window
 *                                    kept from compacting the file
 * Exit status: 0 done (or the list printed), 1 refused or failed (the
 * message says why; also without --yes), 2 bad usage. */

#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/jln-cli.h"
#include "service/jln-session.h"

#define EXIT_REFUSED 1
#define EXIT_USAGE   2

static void
print_line (FILE       *out,
            const char *format,
            const char *text)
{
  g_autofree char *safe = jln_cli_sanitize_for_terminal (text);

  fprintf (out, format, safe);
  fputc ('\n', out);
}

/* What erasing @id would remove, so the coach can check it is the right
 * person before running again with --yes. */
static int
describe_erasure (JlnSession *session,
                  gint64      id)
{
  JlnStore *store = jln_session_get_store (session);
  g_autoptr(JlnParticipant) p = NULL;
  g_autoptr(GListModel) awards = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  guint n_files = 0;
  guint n_awards;

  if ((p = jln_store_get_participant (store, id, &error)) == NULL
      || (awards = jln_store_list_awards_for_participant (store, id, &error)) == NULL)
    {
      jln_cli_print_error (error);
      return EXIT_REFUSED;
    }
  if (jln_participant_get_erased (p))
    {
      /* TRANSLATORS: %s is a participant's number */
      print_line (stderr, _("jalons-cli: the personal data of participant %s was already erased."), number);
      return EXIT_REFUSED;
    }
  n_awards = g_list_model_get_n_items (awards);
  for (guint i = 0; i < n_awards; i++)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (awards, i);
      const char * const *files = jln_award_get_evidence_files (award);

      n_files += files != NULL ? g_strv_length ((char **) files) : 0;
    }
  if (jln_participant_get_photo_path (p) != NULL)
    n_files++;

  /* TRANSLATORS: %s is a participant's name as the app shows it ("Amina K.") */
  print_line (stdout, _("This would erase the personal data of %s:"), jln_participant_get_display_name (p));
  printf ("  %s\n", _("names, e-mail, photo, recipient code and consents;"));
  printf (g_dngettext (GETTEXT_PACKAGE,
                       "  evidence notes, revocation reasons and signed credentials of %u award;",
                       "  evidence notes, revocation reasons and signed credentials of %u awards;",
                       n_awards), n_awards);
  putchar ('\n');
  printf (g_dngettext (GETTEXT_PACKAGE, "  %u attached file (photo, evidence).",
                       "  %u attached files (photo, evidence).", n_files), n_files);
  putchar ('\n');
  printf ("%s\n", _("Kept: territory, coach, entry month, and each award’s badge, dates and status "
                    "(the revocation list stays published)."));
  printf ("%s\n", _("Backups made before the erasure still hold this data."));
  print_line (stdout, _("Nothing was erased. To erase, run again with --yes: jalons-cli erase --participant %s --yes"),
              number);
  return EXIT_REFUSED;
}

static int
erase_one (JlnSession *session,
           gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  if (!jln_session_erase_participant (session, id, &error))
    {
      jln_cli_print_error (error);
      return EXIT_REFUSED;
    }
  /* TRANSLATORS: %s is a participant's number */
  print_line (stdout, _("The personal data of participant %s was erased."), number);
  return 0;
}

static int
list_candidates (JlnSession *session,
                 int         months,
                 const char *at)
{
  JlnStore *store = jln_session_get_store (session);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  if (at != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      /* A date alone means its midnight, UTC. */
      now = g_date_time_new_from_iso8601 (at, utc);
      if (now == NULL)
        {
          g_autofree char *with_time = g_strconcat (at, "T00:00:00Z", NULL);

          now = g_date_time_new_from_iso8601 (with_time, utc);
        }
      if (now == NULL)
        {
          g_autofree char *safe = jln_cli_sanitize_for_terminal (at);
          g_autofree char *message = g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD)"), safe);

          jln_cli_usage_error ("erase", message);
          return EXIT_USAGE;
        }
    }
  else
    now = g_date_time_new_now_utc ();

  ids = months >= 0 ? jln_store_list_erasure_candidates (store, (guint) months, now, &error)
                    : jln_session_list_erasure_candidates (session, now, &error);
  if (ids == NULL)
    {
      jln_cli_print_error (error);
      return EXIT_REFUSED;
    }
  /* One id a line: what a script reads. */
  for (guint i = 0; i < ids->len; i++)
    printf ("%" G_GINT64_FORMAT "\n", g_array_index (ids, gint64, i));
  return 0;
}

int
jln_cli_erase (int    argc,
               char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *at = NULL;
  g_autofree char *path = NULL;
  gint64 participant = 0;
  gboolean yes = FALSE;
  gboolean candidates = FALSE;
  gboolean compact = FALSE;
  int months = -1;
  GOptionEntry entries[] = {
    { "participant", 0, 0, G_OPTION_ARG_INT64, &participant, N_("Erase this participant’s personal data"), N_("ID") },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Really erase (without it, only say what would be erased)"), NULL },
    { "candidates", 0, 0, G_OPTION_ARG_NONE, &candidates, N_("List the ids of participants proposed for erasure"), NULL },
    { "months", 0, 0, G_OPTION_ARG_INT, &months, N_("With --candidates: months of inactivity (default: the retention-months setting, 24)"), N_("N") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("With --candidates: as of this date (default: now)"), N_("DATE") },
    { "compact", 0, 0, G_OPTION_ARG_NONE, &compact, N_("Compact the database after an unfinished erasure"), NULL },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database file (default: the app's)"), N_("PATH") },
    { NULL }
  };
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(GError) error = NULL;

  if (!jln_cli_parse_options ("erase", NULL,
                              _("Erase a participant’s personal data, or list those inactive long enough "
                                "to be proposed. Exit status: 0 done, 1 refused or failed (also without "
                                "--yes), 2 bad usage."),
                              entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    {
      g_autofree char *safe = jln_cli_sanitize_for_terminal (argv[1]);
      g_autofree char *message = g_strdup_printf (_("unexpected argument “%s”"), safe);

      jln_cli_usage_error ("erase", message);
      return EXIT_USAGE;
    }
  if ((participant != 0) + candidates + compact != 1)
    {
      jln_cli_usage_error ("erase", _("say what to do: --participant ID, --candidates or --compact"));
      return EXIT_USAGE;
    }
  if (participant < 0)
    {
      jln_cli_usage_error ("erase", _("a participant’s number is positive"));
      return EXIT_USAGE;
    }
  if ((yes && participant == 0) || ((months >= 0 || at != NULL) && !candidates) || months < -1)
    {
      jln_cli_usage_error ("erase", _("--yes goes with --participant; --months (0 or more) and --at with --candidates"));
      return EXIT_USAGE;
    }

  /* Erasing must not create: a mistyped path would open a new, empty
   * database and report the person unknown there. */
  path = database != NULL ? g_strdup (database) : jln_store_default_path ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      print_line (stderr, _("jalons-cli: there is no database at “%s”."), display);
      return EXIT_REFUSED;
    }
  if ((session = jln_cli_open_session (path, &error)) == NULL)
    {
      jln_cli_print_error (error);
      return EXIT_REFUSED;
    }

  if (candidates)
    return list_candidates (session, months, at);
  if (compact)
    {
      if (!jln_session_compact (session, &error))
        {
          jln_cli_print_error (error);
          return EXIT_REFUSED;
        }
      printf ("%s\n", _("The database was compacted."));
      return 0;
    }
  return yes ? erase_one (session, participant) : describe_erasure (session, participant);
}
