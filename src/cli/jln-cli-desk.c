/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-cli"

/* jalons-cli award and revoke: the desk's two use cases, through the
 * session exactly as the app's award and revoke dialogs use them (the
 * award draft's rules, one transaction with the journal entry and the
 * signed credential, the revocation list republished).
 *   award --participant ID --badge SLUG --criteria 1,2,…|all [--note TEXT] [--coach ID]
 *                                  prints the new award's number
 *   revoke --award ID --reason TEXT
 * Exit status: 0 done, 1 refused or failed (the message says why, and
 * nothing was written unless it says so), 2 bad usage. */

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cli/jln-cli.h"
#include "service/jln-session.h"

#define EXIT_REFUSED 1
#define EXIT_USAGE   2

static void
print_refusal (const char *format,
               const char *text)
{
  g_autofree char *safe = jln_cli_sanitize_for_terminal (text);

  fprintf (stderr, format, safe);
  fputc ('\n', stderr);
}

static gboolean
no_stray_argument (const char *verb,
                   int         argc,
                   char      **argv)
{
  g_autofree char *safe = NULL;
  g_autofree char *message = NULL;

  if (argc <= 1)
    return TRUE;
  safe = jln_cli_sanitize_for_terminal (argv[1]);
  message = g_strdup_printf (_("unexpected argument “%s”"), safe);
  jln_cli_usage_error (verb, message);
  return FALSE;
}

/* Both verbs change an existing programme: a mistyped path must not
 * create a new, empty database and report everything unknown there. */
static JlnSession *
open_existing (const char *database,
               gboolean    with_settings)
{
  g_autofree char *path = database != NULL ? g_strdup (database) : jln_store_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnStore) store = NULL;
  JlnSession *session;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      print_refusal (_("jalons-cli: there is no database at “%s”."), display);
      return NULL;
    }
  if (with_settings)
    session = jln_cli_open_session (path, &error);
  else if ((store = jln_cli_open_store (path, &error)) != NULL)
    session = jln_session_new (store, NULL, &error);
  else
    session = NULL;
  if (session == NULL)
    jln_cli_print_error (error);
  return session;
}

/* The active, current badge whose slug is @slug, from the catalogue the
 * award dialog offers. */
static JlnBadge *
find_badge (JlnStore   *store,
            const char *slug)
{
  GListModel *badges = jln_store_get_badges (store);
  guint n = g_list_model_get_n_items (badges);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnBadge) badge = g_list_model_get_item (badges, i);

      if (g_strcmp0 (jln_badge_get_slug (badge), slug) == 0)
        return g_steal_pointer (&badge);
    }
  return NULL;
}

/* "1,3" ticks the first and third criteria and leaves the others, as a
 * coach would in the dialog; positions start at 1. "all" is the dialog's
 * "All Met". */
static gboolean
apply_criteria (JlnAwardDraft *draft,
                const char    *text)
{
  guint n = jln_award_draft_get_n_criteria (draft);
  g_autofree gboolean *met = g_new0 (gboolean, n + 1);
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (strcmp (trimmed, "all") == 0)
    {
      jln_award_draft_set_all_criteria_met (draft);
      return TRUE;
    }
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      guint64 position;

      if (!g_ascii_string_to_unsigned (part, 10, 1, G_MAXUINT, &position, NULL) || position > n)
        {
          g_autofree char *count = g_strdup_printf ("%u", n);
          g_autofree char *safe = jln_cli_sanitize_for_terminal (part);
          g_autofree char *message = NULL;

          /* TRANSLATORS: the first %s is how many criteria the badge has, the second what was typed */
          message = g_strdup_printf (_("--criteria takes criterion numbers from 1 to %s, not “%s”"),
                                     count, safe);
          jln_cli_usage_error ("award", message);
          return FALSE;
        }
      met[position - 1] = TRUE;
    }
  for (guint i = 0; i < n; i++)
    jln_award_draft_set_criterion_met (draft, i, met[i]);
  return TRUE;
}

int
jln_cli_award (int    argc,
               char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *criteria = NULL;
  g_autofree char *note = NULL;
  gint64 participant_id = 0;
  gint64 coach_id = 0;
  GOptionEntry entries[] = {
    { "participant", 0, 0, G_OPTION_ARG_INT64, &participant_id, N_("The participant who earned the badge (their number)"), N_("ID") },
    { "badge", 0, 0, G_OPTION_ARG_STRING, &slug, N_("The badge, by its short name (slug)"), N_("SLUG") },
    { "criteria", 0, 0, G_OPTION_ARG_STRING, &criteria, N_("The criteria shown, by number, or “all” (required: nothing is ticked for you)"), N_("1,2,…|all") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note on the evidence (kept at the desk)"), N_("TEXT") },
    { "coach", 0, 0, G_OPTION_ARG_INT64, &coach_id, N_("The coach who awards (default: the desk’s; required when the desk asks each time)"), N_("ID") },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database file (default: the app's)"), N_("PATH") },
    { NULL }
  };
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(JlnAwardDraft) draft = NULL;
  g_autoptr(JlnBadge) badge = NULL;
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(GError) error = NULL;
  JlnStore *store;

  if (!jln_cli_parse_options ("award", NULL,
                              _("Award a badge to a participant, with the same rules and journal as the app; "
                                "prints the new award’s number. Exit status: 0 done, 1 refused or failed, "
                                "2 bad usage."),
                              entries, &argc, &argv))
    return EXIT_USAGE;
  if (!no_stray_argument ("award", argc, argv))
    return EXIT_USAGE;
  if (participant_id <= 0 || slug == NULL || *slug == '\0' || coach_id < 0)
    {
      jln_cli_usage_error ("award", _("give --participant ID (a positive number) and --badge SLUG"));
      return EXIT_USAGE;
    }
  /* As in the dialog, no criterion counts as shown unless someone says so. */
  if (criteria == NULL)
    {
      jln_cli_usage_error ("award", _("give --criteria: the numbers of the criteria shown (1,2,…), or “all”"));
      return EXIT_USAGE;
    }

  /* A coach named on the command line is for this award only: without
   * settings the session does not remember them as the app's desk coach. */
  if ((session = open_existing (database, coach_id == 0)) == NULL)
    return EXIT_REFUSED;
  store = jln_session_get_store (session);
  if (coach_id > 0)
    {
      JlnCoach *coach = jln_store_lookup_coach (store, coach_id);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, coach_id);

      if (coach == NULL)
        {
          /* TRANSLATORS: %s is a coach's number */
          print_refusal (_("jalons-cli: there is no coach %s."), number);
          return EXIT_REFUSED;
        }
      jln_session_set_coach (session, coach);
    }

  if ((draft = jln_session_new_award_draft (session, participant_id, &error)) == NULL)
    {
      jln_cli_print_error (error);
      return EXIT_REFUSED;
    }
  if ((badge = find_badge (store, slug)) == NULL)
    {
      /* TRANSLATORS: %s is a badge's short name (slug) */
      print_refusal (_("jalons-cli: there is no badge “%s” in the catalogue."), slug);
      return EXIT_REFUSED;
    }
  if (!jln_award_draft_choose_badge_id (draft, jln_store_get_badges (store), jln_badge_get_id (badge), &error))
    {
      jln_cli_print_error (error);
      return EXIT_REFUSED;
    }
  if (!apply_criteria (draft, criteria))
    return EXIT_USAGE;
  if (note != NULL)
    jln_award_draft_set_note (draft, note);
  /* The desk asks who awards each badge: a script says it, nobody is
   * credited by default. Other problems are told first, by the session. */
  if (jln_award_draft_get_needs_coach (draft)
      && g_strv_length ((GStrv) jln_award_draft_get_problems (draft)) == 1)
    {
      jln_cli_usage_error ("award", _("this desk asks who awards each badge: give --coach ID"));
      return EXIT_USAGE;
    }

  if ((award = jln_session_award (session, draft, &error)) == NULL)
    {
      jln_cli_print_error (error);
      return EXIT_REFUSED;
    }
  /* The number alone: what a script reads. */
  printf ("%" G_GINT64_FORMAT "\n", jln_award_get_id (award));
  return 0;
}

int
jln_cli_revoke (int    argc,
                char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *reason = NULL;
  gint64 award_id = 0;
  GOptionEntry entries[] = {
    { "award", 0, 0, G_OPTION_ARG_INT64, &award_id, N_("The award to withdraw (its number)"), N_("ID") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why it is withdrawn (required, kept in the history)"), N_("TEXT") },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database file (default: the app's)"), N_("PATH") },
    { NULL }
  };
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;

  if (!jln_cli_parse_options ("revoke", NULL,
                              _("Withdraw an awarded badge and publish the revocation list again. "
                                "Exit status: 0 done, 1 refused or failed, 2 bad usage."),
                              entries, &argc, &argv))
    return EXIT_USAGE;
  if (!no_stray_argument ("revoke", argc, argv))
    return EXIT_USAGE;
  if (award_id <= 0)
    {
      jln_cli_usage_error ("revoke", _("give --award ID (a positive number)"));
      return EXIT_USAGE;
    }

  if ((session = open_existing (database, TRUE)) == NULL)
    return EXIT_REFUSED;
  /* A missing reason is the use case's refusal, in the app's words. */
  if (!jln_session_revoke_award (session, award_id, reason, &error))
    {
      jln_cli_print_error (error);
      return EXIT_REFUSED;
    }
  number = g_strdup_printf ("%" G_GINT64_FORMAT, award_id);
  /* TRANSLATORS: %s is an award's number */
  printf (_("Award %s was withdrawn; the revocation list is published."), number);
  putchar ('\n');
  return 0;
}
