/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-cli"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/jln-cli.h"
#include "service/jln-session.h"
#include "store/jln-demo.h"

static gboolean
parse_count (const char  *option,
             const char  *text,
             guint64      max,
             guint64     *out,
             GError     **error)
{
  if (text == NULL
      || !g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL))
    {
      g_autofree char *max_text = g_strdup_printf ("%" G_GUINT64_FORMAT, max);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s expects a whole number between 0 and %s, not “%s”."),
                   option, max_text, text ? text : "");
      return FALSE;
    }
  return TRUE;
}

/* The three documented accounts: the key goes into the vault, as in a
 * real first run. */
static gboolean
add_demo_accounts (JlnStore  *store,
                   GError   **error)
{
  static const struct {
    gint64 coach_id;
    JlnRole role;
    const char *secret;
  } accounts[] = {
    { 1, JLN_ROLE_ADMIN, JLN_DEMO_ADMIN_SECRET },
    { 2, JLN_ROLE_LEAD, JLN_DEMO_LEAD_SECRET },
    { 3, JLN_ROLE_COACH, JLN_DEMO_COACH_SECRET },
  };
  g_autoptr(JlnSession) session = jln_session_new (store, NULL, error);

  if (session == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      JlnCoach *coach = jln_store_lookup_coach (store, accounts[i].coach_id);
      g_autofree char *number = NULL;
      gboolean ok;

      if (coach == NULL)
        {
          g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                               _("The demo has no coach for its accounts."));
          return FALSE;
        }
      if (accounts[i].role == JLN_ROLE_ADMIN)
        ok = jln_session_create_administrator (session, coach, accounts[i].secret, error);
      else
        ok = jln_session_add_account (session, coach, accounts[i].role, accounts[i].secret, error);
      if (!ok)
        return FALSE;
      number = g_strdup_printf ("%" G_GINT64_FORMAT, accounts[i].coach_id);
      /* TRANSLATORS: account line of the demo: "  Administrator: Camille Martin (--as 1), passphrase “demo admin jalons”" */
      printf (_("  %s: %s (--as %s), passphrase “%s”"),
              jln_role_get_display_name (accounts[i].role), jln_coach_get_name (coach),
              number, accounts[i].secret);
      putchar ('\n');
    }
  return TRUE;
}

int
jln_cli_demo (int    argc,
              char **argv)
{
  g_autofree char *participants_text = NULL;
  g_autofree char *awards_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *database = NULL;
  gboolean with_accounts = FALSE;
  const GOptionEntry entries[] = {
    { "with-accounts", 0, 0, G_OPTION_ARG_NONE, &with_accounts, N_("Create the documented demo accounts (administrator, programme lead, coach): signing in is then required"), NULL },
    { "participants", 0, 0, G_OPTION_ARG_STRING, &participants_text, N_("Number of participants (default 120)"), "N" },
    { "awards", 0, 0, G_OPTION_ARG_STRING, &awards_text, N_("Number of awards (default 400)"), "M" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, N_("Seed: the same seed builds the same programme (default 1)"), "S" },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database file to create"), "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnStore) store = NULL;
  JlnDemoOptions options = JLN_DEMO_OPTIONS_INIT;
  guint64 value;
  gint64 start;

  g_option_context_set_summary (context, _("Build a deterministic demo programme in an empty database."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "jalons-cli demo: %s\n", error->message);
      return 2;
    }
  if (argc > 1)
    {
      fprintf (stderr, _("jalons-cli demo: unexpected argument “%s”"), argv[1]);
      fputc ('\n', stderr);
      return 2;
    }
  if (participants_text != NULL)
    {
      if (!parse_count ("--participants", participants_text, 1000000, &value, &error))
        goto bad_value;
      options.n_participants = value;
    }
  if (awards_text != NULL)
    {
      if (!parse_count ("--awards", awards_text, G_MAXUINT, &value, &error))
        goto bad_value;
      options.n_awards = value;
    }
  if (seed_text != NULL)
    {
      if (!parse_count ("--seed", seed_text, G_MAXUINT32, &value, &error))
        goto bad_value;
      options.seed = value;
    }
  if (options.n_awards > jln_demo_max_awards (options.n_participants))
    {
      g_autofree char *max = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                              jln_demo_max_awards (options.n_participants));

      fprintf (stderr, _("jalons-cli demo: %u participants can hold at most %s awards (each badge version once); %u were asked for."),
               options.n_participants, max, options.n_awards);
      fputc ('\n', stderr);
      return 2;
    }

  store = jln_cli_open_store (database, &error);
  if (store == NULL)
    {
      jln_cli_print_error (error);
      return 1;
    }
  if (g_list_model_get_n_items (jln_store_get_participants (store)) > 0
      || g_list_model_get_n_items (jln_store_get_badges (store)) > 0
      || g_list_model_get_n_items (jln_store_get_territories (store)) > 0)
    {
      fprintf (stderr, _("jalons-cli demo: “%s” already holds a programme; the demo only fills an empty database. Choose another file with --database."),
               jln_store_get_path (store));
      fputc ('\n', stderr);
      return 1;
    }

  start = g_get_monotonic_time ();
  if (!jln_demo_build (store, &options, &error))
    {
      jln_cli_print_error (error);
      return 1;
    }

  printf (_("Demo programme (seed %u) written to %s in %.1f s:"),
          options.seed, jln_store_get_path (store),
          (g_get_monotonic_time () - start) / 1e6);
  putchar ('\n');
  printf (_("  %u territories, %u coaches, %u badges, %u participants, %u awards"),
          g_list_model_get_n_items (jln_store_get_territories (store)),
          g_list_model_get_n_items (jln_store_get_coaches (store)),
          g_list_model_get_n_items (jln_store_get_badges (store)),
          g_list_model_get_n_items (jln_store_get_participants (store)),
          options.n_awards);
  putchar ('\n');
  if (with_accounts && !add_demo_accounts (store, &error))
    {
      jln_cli_print_error (error);
      return 1;
    }
  return 0;

bad_value:
  fprintf (stderr, "jalons-cli demo: %s\n", error->message);
  return 2;
}
