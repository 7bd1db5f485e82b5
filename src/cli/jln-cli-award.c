/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-cli"

/* The verbs that sign and hand out awards: issue, export, status-list.
 * They go through a JlnSession and its exporter, like the app does. */

#include <glib/gi18n.h>
#include <errno.h>
#include <stdio.h>

#include "cli/jln-cli.h"
#include "service/jln-session.h"

/* The shared parser, plus: these verbs take no positional argument. */
static gboolean
parse_verb_options (const char    *verb,
                    const char    *summary,
                    GOptionEntry  *entries,
                    int           *argc,
                    char        ***argv)
{
  if (!jln_cli_parse_options (verb, NULL, summary, entries, argc, argv))
    return FALSE;
  if (*argc > 1)
    {
      fprintf (stderr, _("jalons-cli %s: unexpected argument “%s”"), verb, (*argv)[1]);
      fputc ('\n', stderr);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_id (const char *verb,
          const char *option,
          const char *text,
          gint64     *out)
{
  if (text != NULL && g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, out, NULL))
    return TRUE;
  {
    g_autofree char *message = g_strdup_printf (_("%s expects a number such as 12, not “%s”"),
                                                option, text ? text : "");
    jln_cli_usage_error (verb, message);
  }
  return FALSE;
}

/* The session (store + issuer), errors printed. */
static JlnSession *
open_session (const char *database)
{
  g_autoptr(GError) error = NULL;
  JlnSession *session = jln_cli_open_session (database, &error);

  if (session == NULL)
    jln_cli_print_error (error);
  return session;
}

/* "Tenir son budget — Amina K." for messages. */
static char *
describe_award (JlnStore *store,
                JlnAward *award)
{
  g_autoptr(JlnParticipant) p = jln_store_get_participant (store, jln_award_get_participant_id (award), NULL);
  g_autofree char *text = g_strdup_printf ("%s — %s", jln_award_get_badge_name (award),
                                           p ? jln_participant_get_display_name (p) : "?");

  /* Names may come from an import: never raw on a terminal. */
  return jln_cli_sanitize_for_terminal (text);
}

static void
print_signed (gint64      award_id,
              const char *what,
              const char *credential_id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, award_id);

  /* TRANSLATORS: award number, "badge — person", credential id (urn:uuid:…) */
  printf (_("award %s: %s: signed (%s)"), number, what, credential_id);
  putchar ('\n');
}

int
jln_cli_issue (int    argc,
               char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *award_text = NULL;
  gboolean all = FALSE;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "award", 0, 0, G_OPTION_ARG_STRING, &award_text, N_("The award to sign (its number)"), N_("ID") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Sign every award that has no credential yet"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the signed credential (JSON) instead of a summary"), NULL },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database file"), N_("PATH") },
    { NULL }
  };
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  JlnStore *store;
  gint64 award_id = 0;
  guint n_failed = 0;

  if (!parse_verb_options ("issue", _("Sign the Open Badges 3.0 credential of an award and save it in the database."),
                           entries, &argc, &argv))
    return 2;
  if ((award_text == NULL) == !all)
    {
      jln_cli_usage_error ("issue", _("give either --award ID or --all"));
      return 2;
    }
  if (award_text != NULL && !parse_id ("issue", "--award", award_text, &award_id))
    return 2;
  if (all && as_json)
    {
      jln_cli_usage_error ("issue", _("--json prints one credential: use it with --award"));
      return 2;
    }
  if ((session = open_session (database)) == NULL)
    return 1;
  store = jln_session_get_store (session);

  if (!all)
    {
      g_autoptr(JlnAward) award = NULL;
      g_autoptr(GBytes) credential = NULL;
      g_autofree char *what = NULL;

      if ((credential = jln_session_issue_award (session, award_id, &error)) == NULL ||
          (award = jln_store_get_award (store, award_id, &error)) == NULL)
        {
          g_autofree char *safe = jln_cli_sanitize_for_terminal (error->message);

          /* TRANSLATORS: award number, then why it failed */
          fprintf (stderr, _("jalons-cli: award %s: %s"), award_text, safe);
          fputc ('\n', stderr);
          return 1;
        }
      if (as_json)
        {
          fwrite (g_bytes_get_data (credential, NULL), 1, g_bytes_get_size (credential), stdout);
          fputc ('\n', stdout);
          return 0;
        }
      what = describe_award (store, award);
      print_signed (award_id, what, jln_award_get_credential_id (award));
      return 0;
    }

  if ((ids = jln_store_list_award_ids (store, &error)) == NULL)
    {
      jln_cli_print_error (error);
      return 1;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(JlnAward) award = jln_store_get_award (store, id, &error);
      g_autoptr(GBytes) credential = NULL;
      g_autofree char *what = NULL;

      if (award == NULL)
        {
          jln_cli_print_error (error);
          g_clear_error (&error);
          n_failed++;
          continue;
        }
      if (jln_award_get_credential (award) != NULL ||
          jln_award_get_status (award) == JLN_AWARD_STATUS_REVOKED)
        continue;
      what = describe_award (store, award);
      if ((credential = jln_session_issue_award (session, id, &error)) == NULL)
        {
          g_autofree char *safe = jln_cli_sanitize_for_terminal (error->message);

          fprintf (stderr, "jalons-cli: %s: %s\n", what, safe);
          g_clear_error (&error);
          n_failed++;
          continue;
        }
      print_signed (id, what, jln_award_get_credential_id (award));
    }
  return n_failed > 0 ? 1 : 0;
}

int
jln_cli_export_data (int    argc,
                     char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *participant_text = NULL;
  g_autofree char *dir = NULL;
  GOptionEntry entries[] = {
    { "participant", 0, 0, G_OPTION_ARG_STRING, &participant_text, N_("The participant (their number)"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &dir, N_("Folder to create the export in"), N_("DIR") },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database file"), N_("PATH") },
    { NULL }
  };
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autofree char *shown = NULL;
  gint64 participant_id = 0;

  if (!parse_verb_options ("export-data",
                           _("Export everything Jalons holds about a participant (their right of access): "
                             "data.json, summary.pdf, their badges, evidence and photo."),
                           entries, &argc, &argv))
    return 2;
  if (!parse_id ("export-data", "--participant", participant_text, &participant_id))
    return 2;
  if (dir == NULL)
    {
      jln_cli_usage_error ("export-data", _("give the folder to create the export in with -o DIR"));
      return 2;
    }
  if ((session = open_session (database)) == NULL)
    return 1;
  if (!jln_session_export_personal_data (session, participant_id, dir, &made, &error))
    {
      jln_cli_print_error (error);
      return 1;
    }
  shown = jln_cli_sanitize_for_terminal (made);
  printf ("%s\n", shown);
  return 0;
}

int
jln_cli_export (int    argc,
                char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *participant_text = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *dir = NULL;
  gboolean all = FALSE;
  gboolean confirm = FALSE;
  GOptionEntry entries[] = {
    { "participant", 0, 0, G_OPTION_ARG_STRING, &participant_text, N_("Export this participant’s badges (their number)"), N_("ID") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Export every participant’s badges"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("png, svg or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &dir, N_("Folder to write the files into"), N_("DIR") },
    { "confirm-consent", 0, 0, G_OPTION_ARG_NONE, &confirm,
      N_("The participants without online consent were asked and agreed (recorded in the journal)"), NULL },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database file"), N_("PATH") },
    { NULL }
  };
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(JlnExporter) exporter = NULL;
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  JlnExportFormat format;
  JlnStore *store;
  gint64 participant_id = 0;
  guint n_written = 0, n_skipped = 0, n_failed = 0;

  if (!parse_verb_options ("export", _("Export badges as baked images (PNG, SVG) or signed JSON credentials."),
                           entries, &argc, &argv))
    return 2;
  if ((participant_text == NULL) == !all)
    {
      jln_cli_usage_error ("export", _("give either --participant ID or --all"));
      return 2;
    }
  if (participant_text != NULL && !parse_id ("export", "--participant", participant_text, &participant_id))
    return 2;
  if (format_text == NULL || !jln_export_format_from_string (format_text, &format))
    {
      jln_cli_usage_error ("export", _("--format must be png, svg or json"));
      return 2;
    }
  if (dir == NULL)
    {
      jln_cli_usage_error ("export", _("give the folder to write into with -o DIR"));
      return 2;
    }
  if ((session = open_session (database)) == NULL)
    return 1;
  store = jln_session_get_store (session);
  /* The app's exporter: one loop, consent asked before anything is written. */
  exporter = jln_exporter_new (jln_session_get_issuer (session));

  if (participant_id != 0)
    g_array_append_val (pids, participant_id);
  else
    {
      g_autoptr(GArray) ids = jln_store_list_award_ids (store, &error);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

      if (ids == NULL)
        {
          jln_cli_print_error (error);
          return 1;
        }
      /* Everyone who holds a badge (archived people too: their badges stay
       * theirs), in the order of their first award. */
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(JlnAward) award = jln_store_get_award (store, g_array_index (ids, gint64, i), &error);
          gint64 pid;

          if (award == NULL)
            {
              jln_cli_print_error (error);
              g_clear_error (&error);
              n_failed++;
              continue;
            }
          pid = jln_award_get_participant_id (award);
          if (g_hash_table_contains (seen, &pid))
            continue;
          g_hash_table_add (seen, g_memdup2 (&pid, sizeof pid));
          g_array_append_val (pids, pid);
        }
    }

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_autofree char *display = g_filename_display_name (dir);

      fprintf (stderr, _("jalons-cli: cannot create the folder “%s”: %s"), display, g_strerror (errno));
      fputc ('\n', stderr);
      return 1;
    }

  for (guint i = 0; i < pids->len; i++)
    {
      gint64 pid = g_array_index (pids, gint64, i);
      g_autoptr(GPtrArray) paths = NULL;
      guint skipped = 0;

      if (jln_exporter_export_participant (exporter, pid, format, dir, confirm, &paths, &skipped, &error))
        {
          for (guint k = 0; k < paths->len; k++)
            {
              g_autofree char *safe = jln_cli_sanitize_for_terminal (g_ptr_array_index (paths, k));

              printf ("%s\n", safe);
            }
          n_written += paths->len;
          n_skipped += skipped;
          continue;
        }
      n_skipped += skipped;
      if (g_error_matches (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_NOTHING_TO_EXPORT))
        {
          /* Only revoked badges (or none): said when asked for this person. */
          if (participant_id != 0)
            jln_cli_print_error (error);
        }
      else if (g_error_matches (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_CONSENT_REQUIRED))
        {
          g_autofree char *safe = jln_cli_sanitize_for_terminal (error->message);

          /* Said once per person, not once per badge. */
          fprintf (stderr, _("jalons-cli: skipped: %s (use --confirm-consent once they agree)"),
                   safe);
          fputc ('\n', stderr);
        }
      else
        {
          g_autoptr(JlnParticipant) p = jln_store_get_participant (store, pid, NULL);

          if (p != NULL)
            {
              g_autofree char *name = jln_cli_sanitize_for_terminal (jln_participant_get_display_name (p));
              g_autofree char *message = jln_cli_sanitize_for_terminal (error->message);

              fprintf (stderr, "jalons-cli: %s: %s\n", name, message);
            }
          else
            jln_cli_print_error (error);
          n_failed++;
          /* A folder that cannot be written fails everyone the same way. */
          if (error->domain == G_IO_ERROR || g_error_matches (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_IO))
            return 1;
        }
      g_clear_error (&error);
    }
  fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "jalons-cli: %u file written, %u skipped, %u failed",
                                "jalons-cli: %u files written, %u skipped, %u failed", n_written),
           n_written, n_skipped, n_failed);
  fputc ('\n', stderr);
  return n_failed > 0 ? 1 : 0;
}

int
jln_cli_status_list (int    argc,
                     char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("File to write (default: the app’s public/status/revocation.json)"), N_("FILE") },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database file"), N_("PATH") },
    { NULL }
  };
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *written = NULL;

  if (!parse_verb_options ("status-list", _("Write the signed revocation list (Bitstring Status List) of the withdrawn badges."),
                           entries, &argc, &argv))
    return 2;
  if ((session = open_session (database)) == NULL)
    return 1;
  if (!jln_session_publish_status_list (session, output, &written, &error))
    {
      jln_cli_print_error (error);
      return 1;
    }
  url = jln_issuer_dup_status_list_url (jln_session_get_issuer (session));
  /* TRANSLATORS: file written, then the address where it must be published */
  printf (_("%s (to publish at %s)"), written, url);
  putchar ('\n');
  return 0;
}
