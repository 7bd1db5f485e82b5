/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jalons-cli"

/* jalons-cli backup create|list|restore: the app's backups, through the
 * session like the preferences use them. Exit status: 0 done, 1 refused
 * or failed (the message says why), 2 bad usage. */

#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/jln-cli.h"
#include "service/jln-session.h"

static void
print_path_line (const char *format,
                 const char *path)
{
  g_autofree char *safe = jln_cli_sanitize_for_terminal (path);

  printf (format, safe);
  putchar ('\n');
}

static int
backup_create (JlnSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *scheduled = jln_session_get_scheduled_backup_path (session);

  /* Opening the session already made the scheduled backup: a second copy
   * of the same content a moment later would only push an older one out
   * of the rotation. */
  if (scheduled != NULL)
    {
      print_path_line (_("Backup written to “%s”."), scheduled);
      return 0;
    }
  if (!jln_session_backup_now (session, &path, &error))
    {
      jln_cli_print_error (error);
      return 1;
    }
  print_path_line (_("Backup written to “%s”."), path);
  return 0;
}

static int
backup_list (JlnSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = jln_session_list_backups (session, &error);
  JlnStore *store = jln_session_get_store (session);

  if (paths == NULL)
    {
      jln_cli_print_error (error);
      return 1;
    }
  if (paths->len == 0)
    {
      g_autofree char *dir = jln_store_dup_backups_dir (store);
      print_path_line (_("No backup yet in “%s”."), dir);
      return 0;
    }
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GDateTime) utc = jln_store_get_backup_time (store, paths->pdata[i]);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
      g_autofree char *safe = jln_cli_sanitize_for_terminal (paths->pdata[i]);

      printf ("%s  %s\n", when, safe);
    }
  return 0;
}

static void
print_restored (const char *file,
                const char *kept)
{
  g_autofree char *safe_file = jln_cli_sanitize_for_terminal (file);
  g_autofree char *safe_kept = jln_cli_sanitize_for_terminal (kept);

  /* TRANSLATORS: the backup restored, then where the replaced content went */
  printf (_("Restored “%s”. The database as it was is kept in “%s”."), safe_file, safe_kept);
  putchar ('\n');
}

static int
backup_restore (JlnSession *session,
                const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  if (!jln_session_restore_backup (session, file, &kept, &error))
    {
      jln_cli_print_error (error);
      return 1;
    }
  print_restored (file, kept);
  return 0;
}

int
jln_cli_backup (int    argc,
                char **argv)
{
  g_autofree char *database = NULL;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database file (default: the app's)"), "PATH" },
    { NULL }
  };
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const char *action;

  if (!jln_cli_parse_options ("backup", "create|list|restore [FILE]",
                              _("Back up the database, list its backups, or restore one."),
                              entries, &argc, &argv))
    return 2;
  if (argc < 2)
    {
      jln_cli_usage_error ("backup", _("say what to do: create, list or restore FILE"));
      return 2;
    }
  action = argv[1];
  if (g_str_equal (action, "restore") ? argc != 3
      : (g_str_equal (action, "create") || g_str_equal (action, "list")) ? argc != 2
      : TRUE)
    {
      g_autofree char *safe = jln_cli_sanitize_for_terminal (action);
      g_autofree char *message =
        g_str_equal (action, "restore")
        ? g_strdup (_("restore takes one FILE, the backup to restore"))
        : g_str_equal (action, "create") || g_str_equal (action, "list")
        ? g_strdup_printf (_("%s takes no FILE"), safe)
        : g_strdup_printf (_("unknown action “%s”: use create, list or restore FILE"), safe);

      jln_cli_usage_error ("backup", message);
      return 2;
    }

  session = jln_cli_open_session (database, &error);
  if (session == NULL && g_str_equal (action, "restore")
      && g_error_matches (error, JLN_STORE_ERROR, JLN_STORE_ERROR_DAMAGED))
    {
      /* So damaged that not even the lists load: restore with no session,
       * which is the way out the message offers. */
      g_autofree char *default_path = NULL;
      g_autofree char *kept = NULL;

      g_clear_error (&error);
      if (database == NULL)
        database = default_path = jln_store_default_path ();
      if (!jln_store_restore_backup_at (database, argv[2], g_get_user_name (), &kept, &error))
        {
          jln_cli_print_error (error);
          return 1;
        }
      print_restored (argv[2], kept);
      return 0;
    }
  if (session == NULL)
    {
      jln_cli_print_error (error);
      return 1;
    }
  if (g_str_equal (action, "create"))
    return backup_create (session);
  if (g_str_equal (action, "list"))
    return backup_list (session);
  return backup_restore (session, argv[2]);
}
