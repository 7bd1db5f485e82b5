/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jalons-cli"

/* jalons-cli account create-admin|add|list|set-secret and key export:
 * the accounts and the signing key through the session, under the same
 * rules as the app (an administrator signed in with --as for all but
 * create-admin and list). Passphrases only ever come from files, never
 * from the command line (which other local users can read in ps).
 * Exit status: 0 done, 1 refused or failed, 2 bad usage. */

#include <glib/gi18n.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cli/jln-cli.h"
#include "core/jln-file-read.h"
#include "service/jln-session.h"

static void
wipe (char *secret)
{
  if (secret != NULL)
    sodium_memzero (secret, strlen (secret));
  g_free (secret);
}

typedef char char_wiped;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (char_wiped, wipe)

/* The coach the account is for: an existing one (--coach N) or a new one
 * (--name NAME, optionally --territory N). */
static JlnCoach *
coach_for (JlnSession  *session,
           gint64       coach_id,
           const char  *name,
           gint64       territory_id,
           GError     **error)
{
  JlnCoach *coach;

  if (coach_id != 0)
    {
      coach = jln_store_lookup_coach (jln_session_get_store (session), coach_id);
      if (coach == NULL)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, coach_id);

          g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                       _("There is no coach number %s."), number);
          return NULL;
        }
      return g_object_ref (coach);
    }
  coach = jln_coach_new (name);
  jln_coach_set_territory_id (coach, territory_id);
  return coach;
}

static void
print_account_line (JlnCoach *coach)
{
  g_autofree char *name = jln_cli_sanitize_for_terminal (jln_coach_get_name (coach));

  printf ("%" G_GINT64_FORMAT "\t%s\t%s\n", jln_coach_get_id (coach),
          jln_role_get_display_name (jln_coach_get_role (coach)), name);
}

static int
account_list (JlnSession *session)
{
  GListModel *coaches = jln_store_get_coaches (jln_session_get_store (session));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (coaches); i++)
    {
      g_autoptr(JlnCoach) coach = g_list_model_get_item (coaches, i);

      if (jln_coach_get_role (coach) == JLN_ROLE_NONE)
        continue;
      print_account_line (coach);
      n++;
    }
  if (n == 0)
    {
      puts (_("No accounts yet: anyone at this desk can do everything. Create the administrator "
              "with “jalons-cli account create-admin”."));
    }
  return 0;
}

int
jln_cli_account (int    argc,
                 char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *name = NULL;
  g_autofree char *role_text = NULL;
  g_autofree char *new_secret_file = NULL;
  g_autofree char *import_key = NULL;
  g_autofree char *key_passphrase_file = NULL;
  gint64 coach_id = 0;
  gint64 territory_id = 0;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database file (default: the app's)"), "PATH" },
    { "coach", 0, 0, G_OPTION_ARG_INT64, &coach_id, N_("The existing coach the account is for"), "N" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("A new coach's full name"), "NAME" },
    { "territory", 0, 0, G_OPTION_ARG_INT64, &territory_id, N_("The new coach's territory"), "N" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, N_("coach, lead or admin"), "ROLE" },
    { "new-secret-file", 0, 0, G_OPTION_ARG_FILENAME, &new_secret_file,
      N_("File holding the account's new passphrase (one line)"), "FILE" },
    { "import-key", 0, 0, G_OPTION_ARG_FILENAME, &import_key,
      N_("create-admin: sign with the key exported from another desk (jalons-cli key export)"), "FILE" },
    { "key-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &key_passphrase_file,
      N_("File holding the key file's passphrase (one line)"), "FILE" },
    { NULL }
  };
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(JlnCoach) coach = NULL;
  g_autoptr(char_wiped) key_passphrase = NULL;
  g_autoptr(GBytes) key_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(char_wiped) secret = NULL;
  const char *action;
  JlnRole role = JLN_ROLE_NONE;
  gboolean ok;

  if (!jln_cli_parse_options ("account", "create-admin|add|list|set-secret",
                              _("Coach accounts: create the administrator (first run), add an account, "
                                "list them, or give one a new passphrase."),
                              entries, &argc, &argv))
    return 2;
  if (argc != 2)
    {
      jln_cli_usage_error ("account", _("say what to do: create-admin, add, list or set-secret"));
      return 2;
    }
  action = argv[1];
  if (!g_str_equal (action, "create-admin") && !g_str_equal (action, "add")
      && !g_str_equal (action, "list") && !g_str_equal (action, "set-secret"))
    {
      g_autofree char *safe = jln_cli_sanitize_for_terminal (action);
      g_autofree char *message = g_strdup_printf (_("unknown action “%s”: use create-admin, add, list or set-secret"),
                                                  safe);

      jln_cli_usage_error ("account", message);
      return 2;
    }
  if (!g_str_equal (action, "list"))
    {
      if (new_secret_file == NULL)
        {
          jln_cli_usage_error ("account", _("give the new passphrase in a file with --new-secret-file FILE"));
          return 2;
        }
      if (g_str_equal (action, "set-secret") ? coach_id == 0
          : (coach_id == 0) == (name == NULL))
        {
          jln_cli_usage_error ("account", g_str_equal (action, "set-secret")
                                          ? _("say whose passphrase with --coach N")
                                          : _("say who with either --coach N or --name NAME"));
          return 2;
        }
    }
  if ((import_key != NULL || key_passphrase_file != NULL)
      && (!g_str_equal (action, "create-admin") || import_key == NULL || key_passphrase_file == NULL))
    {
      jln_cli_usage_error ("account", _("--import-key FILE and --key-passphrase-file FILE go together, "
                                        "with create-admin"));
      return 2;
    }
  if (g_str_equal (action, "add")
      && (role_text == NULL || !jln_role_from_string (role_text, &role) || role == JLN_ROLE_NONE))
    {
      jln_cli_usage_error ("account", _("--role is coach, lead or admin"));
      return 2;
    }

  session = jln_cli_open_session (database, &error);
  if (session == NULL)
    {
      jln_cli_print_error (error);
      return 1;
    }
  if (g_str_equal (action, "list"))
    return account_list (session);

  if ((secret = jln_cli_read_secret_file (new_secret_file, &error)) == NULL)
    {
      jln_cli_print_error (error);
      return 1;
    }
  if (!g_str_equal (action, "set-secret")
      && (coach = coach_for (session, coach_id, name, territory_id, &error)) == NULL)
    {
      jln_cli_print_error (error);
      return 1;
    }
  if (import_key != NULL
      && ((key_file = jln_file_read_regular (import_key, 64 * 1024, &error)) == NULL
          || (key_passphrase = jln_cli_read_secret_file (key_passphrase_file, &error)) == NULL))
    {
      jln_cli_print_error (error);
      return 1;
    }
  if (g_str_equal (action, "create-admin") && key_file != NULL)
    ok = jln_session_create_administrator_with_key (session, coach, secret, key_file, key_passphrase, &error);
  else if (g_str_equal (action, "create-admin"))
    ok = jln_session_create_administrator (session, coach, secret, &error);
  else if (g_str_equal (action, "add"))
    ok = jln_session_add_account (session, coach, role, secret, &error);
  else
    ok = jln_session_set_account_secret (session, coach_id, secret, &error);
  if (!ok)
    {
      jln_cli_print_error (error);
      return 1;
    }
  if (coach != NULL)
    print_account_line (coach);
  else
    puts (_("New passphrase saved."));
  return 0;
}

int
jln_cli_key (int    argc,
             char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *out = NULL;
  g_autofree char *passphrase_file = NULL;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database file (default: the app's)"), "PATH" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Key file to write"), "FILE" },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("File holding the passphrase that protects the key file (one line)"), "FILE" },
    { NULL }
  };
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(char_wiped) passphrase = NULL;
  g_autoptr(GBytes) file = NULL;

  if (!jln_cli_parse_options ("key", "export",
                              _("Export the signing key, sealed under a passphrase, for a second desk."),
                              entries, &argc, &argv))
    return 2;
  if (argc != 2 || !g_str_equal (argv[1], "export"))
    {
      jln_cli_usage_error ("key", _("the only action is export"));
      return 2;
    }
  if (out == NULL || passphrase_file == NULL)
    {
      jln_cli_usage_error ("key", _("export needs --out FILE and --passphrase-file FILE"));
      return 2;
    }
  session = jln_cli_open_session (database, &error);
  if (session == NULL
      || (passphrase = jln_cli_read_secret_file (passphrase_file, &error)) == NULL
      || (file = jln_session_export_key (session, passphrase, &error)) == NULL
      /* Sealed, yet still nobody else's business: 0600. */
      || !g_file_set_contents_full (out, g_bytes_get_data (file, NULL), g_bytes_get_size (file),
                                    G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      jln_cli_print_error (error);
      return 1;
    }
  {
    g_autofree char *safe = jln_cli_sanitize_for_terminal (out);

    printf (_("Signing key written to “%s”, sealed under the passphrase."), safe);
    putchar ('\n');
  }
  return 0;
}
