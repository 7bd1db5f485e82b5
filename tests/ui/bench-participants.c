#define G_LOG_DOMAIN "jln-bench"

/* How the participants list keeps up with typing on a big programme.
 * Prints figures; never fails on time. Run under Xvfb:
 *   meson test -C build --benchmark bench-participants */

#include <glib/gstdio.h>
#include <adwaita.h>

#include "core/jln-demo.h"
#include "core/jln-store.h"
#include "ui/jln-window.h"
#include "ui/views/jln-participants-view.h"

typedef struct {
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

static gboolean
on_search_hook (GSignalInvocationHint *hint,
                guint                  n_params,
                const GValue          *params,
                gpointer               data)
{
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
    probe.t_painted = now;
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
  JlnWindow *window;
  JlnParticipantsView *view;
  GtkEditable *entry;
  double worst_handler = 0, worst_gap = 0, sum_handler = 0;

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

  window = jln_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  jln_window_set_store (window, store);
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

  g_printerr ("participants: %u, incremental filter: %s\n", n,
              gtk_filter_list_model_get_incremental (filtered) ? "yes" : "no");
  g_printerr ("%-8s %8s %12s %12s %12s %12s\n", "typed", "rows", "handler ms",
              "1st frame ms", "settled ms", "max gap ms");
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      double handler, first, settled, gap;

      probe.waiting = FALSE;
      gtk_editable_set_text (entry, typed[i]);
      spin (600);
      handler = (probe.t_handled - probe.t_start) / 1000.0;
      first = probe.t_painted ? (probe.t_painted - probe.t_start) / 1000.0 : -1;
      settled = probe.t_settled ? (probe.t_settled - probe.t_start) / 1000.0 : -1;
      gap = probe.longest_gap / 1000.0;
      g_printerr ("%-8s %8u %12.1f %12.1f %12.1f %12.1f\n", *typed[i] ? typed[i] : "(empty)",
                  g_list_model_get_n_items (G_LIST_MODEL (filtered)), handler, first, settled, gap);
      worst_handler = MAX (worst_handler, handler);
      worst_gap = MAX (worst_gap, gap);
      sum_handler += handler;
    }
  g_printerr ("handler: mean %.1f ms, worst %.1f ms; longest frame gap %.1f ms\n",
              sum_handler / G_N_ELEMENTS (typed), worst_handler, worst_gap);

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
