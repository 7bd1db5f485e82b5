/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-cli"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cli/jln-cli.h"
#include "store/jln-demo.h"

#define TARGET_MODEL_MS 150.0
#define TARGET_FIRST_FRAME_MS 600.0
#define TARGET_RSS_MB 200.0
#define TARGET_REFILTER_MS 16.0
#define APP_TIMEOUT_S 60

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_double);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static const char *
verdict (double value,
         double target)
{
  return value <= target ? _("ok") : _("OVER TARGET");
}

static double
filter_once (GListModel *participants,
             const char *needle,
             guint      *out_matches)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *folded = jln_fold_for_search (needle);
  guint n = g_list_model_get_n_items (participants);
  guint matches = 0;

  for (guint i = 0; i < n; i++)
    {
      /* g_list_model_get_item refs, as a GtkFilter would see the item. */
      g_autoptr(JlnParticipant) p = g_list_model_get_item (participants, i);

      if (jln_participant_matches (p, folded))
        matches++;
    }
  *out_matches = matches;
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Runs the app once; returns FALSE with a reason when it could not. */
static gboolean
run_app (const char  *app,
         const char  *database,
         double      *out_ms,
         double      *out_rss_mb,
         char       **out_reason)
{
  const char *argv[] = { app, "--database", database, "--quit-after-first-frame", NULL };
  g_autoptr(GError) error = NULL;
  struct rusage usage = { 0 };
  GPid pid;
  int status = 0;
  gint64 start = g_get_monotonic_time ();
  pid_t done = 0;

  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    {
      *out_reason = g_strdup (error->message);
      return FALSE;
    }
  while ((done = wait4 (pid, &status, WNOHANG, &usage)) == 0)
    {
      if (g_get_monotonic_time () - start > APP_TIMEOUT_S * G_USEC_PER_SEC)
        {
          kill (pid, SIGKILL);
          wait4 (pid, &status, 0, &usage);
          *out_reason = g_strdup_printf (_("did not quit within %d s"), APP_TIMEOUT_S);
          return FALSE;
        }
      g_usleep (1000);
    }
  if (done < 0)
    {
      *out_reason = g_strdup (g_strerror (errno));
      return FALSE;
    }
  *out_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      *out_reason = WIFEXITED (status)
                    ? g_strdup_printf (_("exited with status %d"), WEXITSTATUS (status))
                    : g_strdup_printf (_("killed by signal %d"), WTERMSIG (status));
      return FALSE;
    }
  *out_rss_mb = usage.ru_maxrss / 1024.0;
  return TRUE;
}

/* Starts the app @runs times: median time to its first frame, largest
 * peak RSS. One run is noise on a shared machine. */
static gboolean
time_app (const char  *app,
          const char  *database,
          int          runs,
          double      *out_ms,
          double      *out_rss_mb,
          char       **out_reason)
{
  g_autofree double *times = g_new0 (double, runs);
  double rss_mb = 0;

  for (int i = 0; i < runs; i++)
    {
      double run_rss_mb = 0;

      if (!run_app (app, database, &times[i], &run_rss_mb, out_reason))
        return FALSE;
      rss_mb = MAX (rss_mb, run_rss_mb);
    }
  *out_ms = median (times, runs);
  *out_rss_mb = rss_mb;
  return TRUE;
}

/* A new, empty database in @dir: the app's start on it is GTK's, the
 * theme's and the window's own share, which no store work can lower. */
static char *
make_empty_database (const char  *dir,
                     GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(JlnStore) store = jln_store_open (path, error);

  if (store == NULL)
    return NULL;
  return g_steal_pointer (&path);
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static char *
find_app (void)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;

  if (self_exe == NULL)
    return NULL;
  dir = g_path_get_dirname (self_exe);
  return g_build_filename (dir, "jalons", NULL);
}

int
jln_cli_bench_startup (int    argc,
                       char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *app = NULL;
  int runs = 5;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database to open (default: build a 10,000-participant demo in a temporary folder)"), "PATH" },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app, N_("The jalons executable to time (default: the one next to jalons-cli)"), "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, N_("Repetitions for each median (default 5)"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnStore) store = NULL;
  g_autofree double *times = NULL;
  struct rusage usage;
  double model_ms, first_ms, second_ms, rss_mb;
  guint n_participants = 0, matches1 = 0, matches2 = 0;

  g_option_context_set_summary (context, _("Measure startup: model load, search, memory, first frame."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "jalons-cli bench startup: %s\n", error->message);
      return 2;
    }
  if (runs < 1 || runs > 100)
    {
      fprintf (stderr, "%s\n", _("jalons-cli bench startup: --runs must be between 1 and 100."));
      return 2;
    }

  if (database == NULL)
    {
      JlnDemoOptions options = { 10000, 200000, 1, 0 };
      g_autoptr(JlnStore) demo_store = NULL;
      gint64 start;

      tmpdir = g_dir_make_tmp ("jalons-bench-XXXXXX", &error);
      if (tmpdir == NULL)
        {
          jln_cli_print_error (error);
          return 1;
        }
      database = g_build_filename (tmpdir, "jalons.db", NULL);
      start = g_get_monotonic_time ();
      demo_store = jln_store_open (database, &error);
      if (demo_store == NULL || !jln_demo_build (demo_store, &options, &error))
        {
          jln_cli_print_error (error);
          return 1;
        }
      printf (_("Built a demo of %u participants and %u awards in %.1f s (%s)"),
              options.n_participants, options.n_awards,
              (g_get_monotonic_time () - start) / 1e6, database);
      putchar ('\n');
    }
  else if (!g_file_test (database, G_FILE_TEST_IS_REGULAR))
    {
      fprintf (stderr, _("jalons-cli bench startup: no database at “%s”."), database);
      fputc ('\n', stderr);
      return 1;
    }

  /* Store open + participant model ready, from a cold object each time. */
  times = g_new0 (double, runs);
  for (int i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(JlnStore) s = jln_store_open (database, &error);

      if (s == NULL)
        {
          jln_cli_print_error (error);
          return 1;
        }
      n_participants = g_list_model_get_n_items (jln_store_get_participants (s));
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  model_ms = median (times, runs);

  store = jln_store_open (database, &error);
  if (store == NULL)
    {
      jln_cli_print_error (error);
      return 1;
    }
  /* The very first keystroke builds each person's search key. */
  first_ms = filter_once (jln_store_get_participants (store), "a", &matches1);
  printf (_("First keystroke after start (builds search keys): %.2f ms"), first_ms);
  putchar ('\n');
  for (int i = 0; i < runs; i++)
    times[i] = filter_once (jln_store_get_participants (store), "a", &matches1);
  first_ms = median (times, runs);
  for (int i = 0; i < runs; i++)
    times[i] = filter_once (jln_store_get_participants (store), "am", &matches2);
  second_ms = median (times, runs);

  getrusage (RUSAGE_SELF, &usage);
  rss_mb = usage.ru_maxrss / 1024.0;

  printf (_("Store open + participant model ready (%u participants): %.1f ms median of %d [target ≤ %.0f ms: %s]"),
          n_participants, model_ms, runs, TARGET_MODEL_MS, verdict (model_ms, TARGET_MODEL_MS));
  putchar ('\n');
  printf (_("Refilter, 1 character (“a”, %u matches): %.2f ms; 2 characters (“am”, %u matches): %.2f ms [target ≤ %.0f ms: %s]"),
          matches1, first_ms, matches2, second_ms, TARGET_REFILTER_MS,
          verdict (MAX (first_ms, second_ms), TARGET_REFILTER_MS));
  putchar ('\n');
  printf (_("Peak RSS of this process: %.1f MB"), rss_mb);
  putchar ('\n');

  if (app == NULL)
    app = find_app ();
  if (app == NULL || !g_file_test (app, G_FILE_TEST_IS_EXECUTABLE))
    {
      printf (_("App start to first frame: not measured (no “jalons” executable next to jalons-cli)"));
      putchar ('\n');
    }
  else
    {
      const char *renderer = g_getenv ("GSK_RENDERER");
      double app_ms = 0, app_rss = 0, empty_ms = 0, empty_rss = 0;
      g_autofree char *reason = NULL;
      g_autofree char *empty_dir = g_dir_make_tmp ("jalons-bench-empty-XXXXXX", &error);
      g_autofree char *empty_db = empty_dir ? make_empty_database (empty_dir, &error) : NULL;

      /* The renderer moves the figures by hundreds of milliseconds. */
      if (renderer != NULL && *renderer != '\0')
        printf (_("Renderer (GSK_RENDERER): %s"), renderer);
      else
        printf (_("Renderer: GTK’s default (GSK_RENDERER not set)"));
      putchar ('\n');

      if (empty_db == NULL)
        {
          printf (_("App start to first frame, empty database: not measured (%s)"),
                  error ? error->message : "?");
          putchar ('\n');
          g_clear_error (&error);
        }
      else if (!time_app (app, empty_db, runs, &empty_ms, &empty_rss, &reason))
        {
          printf (_("App start to first frame, empty database: not measured (%s: %s)"), app, reason);
          putchar ('\n');
          g_clear_pointer (&reason, g_free);
          empty_ms = 0;
        }
      else
        {
          printf (_("App start to first frame, new empty database (GTK, theme and window alone): %.0f ms median of %d; peak RSS %.1f MB"),
                  empty_ms, runs, empty_rss);
          putchar ('\n');
        }
      if (empty_db != NULL)
        remove_database (empty_db);
      if (empty_dir != NULL)
        g_rmdir (empty_dir);

      if (!time_app (app, database, runs, &app_ms, &app_rss, &reason))
        printf (_("App start to first frame: not measured (%s: %s)"), app, reason);
      else
        {
          printf (_("App start to first frame: %.0f ms median of %d [target ≤ %.0f ms: %s]; its peak RSS %.1f MB [target ≤ %.0f MB: %s]"),
                  app_ms, runs, TARGET_FIRST_FRAME_MS, verdict (app_ms, TARGET_FIRST_FRAME_MS),
                  app_rss, TARGET_RSS_MB, verdict (app_rss, TARGET_RSS_MB));
          if (empty_ms > 0)
            {
              putchar ('\n');
              printf (_("This database adds %.0f ms and %.1f MB to the empty one"),
                      app_ms - empty_ms, app_rss - empty_rss);
            }
        }
      putchar ('\n');
    }

  if (tmpdir != NULL)
    {
      g_clear_object (&store);
      remove_database (database);
      g_rmdir (tmpdir);
    }
  return 0;
}
