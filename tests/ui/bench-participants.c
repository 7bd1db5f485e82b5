/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-bench"

/* How the participants list keeps up with typing on a big programme.
 * Prints figures; never fails on time. Run under Xvfb:
 *   meson test -C build --benchmark participants-typing
 * or by hand: bench-participants [N-PARTICIPANTS [ROUNDS]].
 *
 * Besides wall-clock times it prints this thread's CPU time for the same
 * spans: on a shared, loaded machine wall time also counts the time the
 * scheduler gave to others, CPU time only ours. */

#include <time.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "store/jln-demo.h"
#include "store/jln-store.h"
#include "ui/shell/jln-window.h"
#include "ui/participants/jln-participants-view.h"

typedef struct {
  gint64  cpu_start;    /* thread CPU time, µs, at search-changed */
  gint64  cpu_handled;
  gint64  cpu_painted;
  gint64  t_start;      /* search-changed emitted */
  gint64  t_handled;    /* after the view's handler returned */
  gint64  t_painted;    /* first frame painted after that */
  gint64  t_settled;    /* filter model has nothing pending */
  gint64  last_paint;
  gint64  longest_gap;  /* longest time between two frames while busy */
  gboolean waiting;
} Probe;

static Probe probe;
static GtkFilterListModel *filtered;

static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  guint n = values->len;
  double *v = (double *) values->data;

  if (n == 0)
    return 0;
  qsort (v, n, sizeof (double), compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static gboolean
on_search_hook (GSignalInvocationHint *hint,
                guint                  n_params,
                const GValue          *params,
                gpointer               data)
{
  probe.cpu_start = thread_cpu_time ();
  probe.cpu_handled = probe.cpu_painted = 0;
  probe.t_start = g_get_monotonic_time ();
  probe.last_paint = probe.t_start;
  probe.longest_gap = 0;
  probe.t_handled = probe.t_painted = probe.t_settled = 0;
  probe.waiting = TRUE;
  return TRUE;
}

static void
on_search_after (void)
{
  probe.t_handled = g_get_monotonic_time ();
  probe.cpu_handled = thread_cpu_time ();
}

static void
on_after_paint (void)
{
  gint64 now = g_get_monotonic_time ();

  if (!probe.waiting)
    return;
  probe.longest_gap = MAX (probe.longest_gap, now - probe.last_paint);
  probe.last_paint = now;
  if (probe.t_painted == 0 && probe.t_handled != 0)
    {
      probe.t_painted = now;
      probe.cpu_painted = thread_cpu_time ();
    }
  if (probe.t_painted != 0 && gtk_filter_list_model_get_pending (filtered) == 0)
    {
      probe.t_settled = now;
      probe.waiting = FALSE;
    }
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(JlnStore) store = NULL;
  g_autoptr(GError) error = NULL;
  JlnDemoOptions options = JLN_DEMO_OPTIONS_INIT;
  static const char * const typed[] = {
    "a", "am", "ami", "amin", "", "m", "ma", "mar", "", "l", "le", "", "k", "ka", "", "e", "",
  };
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  /* Three passes: the first keystrokes also warm caches (fonts, styles). */
  guint rounds = argc > 2 ? MAX ((guint) g_ascii_strtoull (argv[2], NULL, 10), 1) : 3;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(JlnSession) session = NULL;
  JlnWindow *window;
  JlnParticipantsView *view;
  GtkEditable *entry;
  double worst_handler = 0, worst_gap = 0, sum_handler = 0;
  double sum_handler_cpu = 0, worst_handler_cpu = 0, worst_frame_cpu = 0;
  g_autoptr(GArray) handlers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) handler_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_cpus = g_array_new (FALSE, FALSE, sizeof (double));

  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("jalons-bench-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "big.db", NULL);
  store = jln_store_open (db, &error);
  g_assert_no_error (error);
  options.n_participants = n;
  options.n_awards = n;
  if (!jln_demo_build (store, &options, &error))
    g_error ("demo: %s", error->message);

  settings = g_settings_new (APP_ID);
  session = jln_session_new (store, settings, &error);
  if (session == NULL)
    g_error ("session: %s", error->message);
  window = jln_window_new (NULL, settings);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  jln_window_set_session (window, session);
  gtk_window_present (GTK_WINDOW (window));
  spin (1500);

  view = jln_window_get_participants_view (window);
  entry = jln_participants_view_get_search_entry (view);
  filtered = GTK_FILTER_LIST_MODEL (jln_participants_view_get_model (view));
  g_signal_add_emission_hook (g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY), 0,
                              on_search_hook, NULL, NULL);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_search_after), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);

  g_printerr ("participants: %u, incremental filter: %s, rounds: %u\n", n,
              gtk_filter_list_model_get_incremental (filtered) ? "yes" : "no", rounds);
  g_printerr ("%-8s %8s %12s %12s %12s %12s %12s %12s\n", "typed", "rows", "handler ms",
              "1st frame ms", "settled ms", "max gap ms", "handler cpu", "frame cpu");
  for (guint round = 0; round < rounds; round++)
    for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
      {
        double handler, first, settled, gap, handler_cpu, frame_cpu;

        probe.waiting = FALSE;
        gtk_editable_set_text (entry, typed[i]);
        spin (600);
        handler = (probe.t_handled - probe.t_start) / 1000.0;
        first = probe.t_painted ? (probe.t_painted - probe.t_start) / 1000.0 : -1;
        settled = probe.t_settled ? (probe.t_settled - probe.t_start) / 1000.0 : -1;
        gap = probe.longest_gap / 1000.0;
        handler_cpu = (probe.cpu_handled - probe.cpu_start) / 1000.0;
        /* Handler, then layout and paint of the first frame after it. */
        frame_cpu = probe.cpu_painted ? (probe.cpu_painted - probe.cpu_start) / 1000.0 : -1;
        g_printerr ("%-8s %8u %12.1f %12.1f %12.1f %12.1f %12.1f %12.1f\n",
                    *typed[i] ? typed[i] : "(empty)",
                    g_list_model_get_n_items (G_LIST_MODEL (filtered)), handler, first, settled,
                    gap, handler_cpu, frame_cpu);
        worst_handler = MAX (worst_handler, handler);
        worst_gap = MAX (worst_gap, gap);
        sum_handler += handler;
        g_array_append_val (handlers, handler);
        g_array_append_val (handler_cpus, handler_cpu);
        if (frame_cpu >= 0)
          g_array_append_val (frame_cpus, frame_cpu);
        sum_handler_cpu += handler_cpu;
        worst_handler_cpu = MAX (worst_handler_cpu, handler_cpu);
        worst_frame_cpu = MAX (worst_frame_cpu, frame_cpu);
      }
  g_printerr ("handler: mean %.1f ms, median %.1f ms, worst %.1f ms; longest frame gap %.1f ms\n",
              sum_handler / handlers->len, median (handlers), worst_handler, worst_gap);
  g_printerr ("CPU time of this thread: handler mean %.1f ms, median %.1f ms, worst %.1f ms; "
              "handler + first frame median %.1f ms, worst %.1f ms\n",
              sum_handler_cpu / handler_cpus->len, median (handler_cpus), worst_handler_cpu,
              median (frame_cpus), worst_frame_cpu);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (db);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (dir);
  return 0;
}
