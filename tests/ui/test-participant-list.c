/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-test"

/* The participants list re-points the rows it keeps at the participant now
 * at their position instead of rebuilding them (GTK 4.8's list view would
 * rebuild ~200 rows per keystroke). These tests check that every row shown
 * is the filtered model's participant at its place, through searches that
 * shrink, grow and empty the list, filters, and store changes. */

#include <glib/gstdio.h>
#include <adwaita.h>

#include "store/jln-demo.h"
#include "store/jln-store.h"
#include "ui/shell/jln-window.h"
#include "ui/participants/jln-participants-view.h"
#include "ui/participants/jln-participant-row.h"

typedef struct {
  char      *dir;
  char      *db_path;
  JlnStore   *store;
  GSettings  *settings;   /* the app's one GSettings */
  JlnSession *session;
  JlnWindow  *window;
} Fixture;

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  JlnDemoOptions options = JLN_DEMO_OPTIONS_INIT;

  f->dir = g_dir_make_tmp ("jalons-list-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "demo.db", NULL);
  f->store = jln_store_open (f->db_path, &error);
  g_assert_no_error (error);
  /* More people than the ~200 rows GTK 4.8 keeps, so the list both keeps
   * and drops rows. */
  options.n_participants = 400;
  options.n_awards = 400;
  options.today = 1773446400;
  g_assert_true (jln_demo_build (f->store, &options, &error));
  g_assert_no_error (error);

  f->settings = g_settings_new (APP_ID);
  f->session = jln_session_new (f->store, f->settings, &error);
  g_assert_no_error (error);
  f->window = jln_window_new (NULL, f->settings);
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  jln_window_set_session (f->window, f->session);
  jln_window_set_view (f->window, "participants");
  gtk_window_present (GTK_WINDOW (f->window));
  spin (300);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db_path, "-shm", NULL);

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  g_clear_object (&f->session);
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  g_unlink (f->db_path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

/* The participants' list, not the drop-downs' own list views. */
static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "participant-list"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The list view's rows, in order: its children that hold a participant row
 * (the others are its scrollbars' and rubberband's). With the list scrolled
 * to the top, the k-th row is position k. Returns how many rows show
 * someone, and fails when any of them is not the model's k-th participant. */
static guint
check_rows (Fixture *f)
{
  JlnParticipantsView *view = jln_window_get_participants_view (f->window);
  GListModel *model = jln_participants_view_get_model (view);
  GtkWidget *list = find_list_view (GTK_WIDGET (view));
  guint n = g_list_model_get_n_items (model);
  guint k = 0, shown = 0;

  g_assert_nonnull (list);
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      JlnParticipant *p;

      if (row == NULL || !JLN_IS_PARTICIPANT_ROW (row))
        continue;
      p = jln_participant_row_get_participant (JLN_PARTICIPANT_ROW (row));
      if (k < n)
        {
          g_autoptr(JlnParticipant) expected = g_list_model_get_item (model, k);

          g_assert_true (p == expected);
          shown++;
        }
      else
        g_assert_null (p);
      k++;
    }
  g_assert_cmpuint (shown, <=, n);
  if (n > 0)
    g_assert_cmpuint (shown, >, 0);
  return shown;
}

static void
search (Fixture    *f,
        const char *text)
{
  JlnParticipantsView *view = jln_window_get_participants_view (f->window);

  gtk_editable_set_text (jln_participants_view_get_search_entry (view), text);
  /* The search entry waits a little before it reports the change. */
  spin (400);
}

static void
test_rows_follow_search (Fixture *f, gconstpointer data)
{
  static const char * const typed[] = {
    "a", "am", "ami", "", "e", "el", "", "zzqxw", "", "m", "ma", "mar", "ma", "m", "",
  };
  JlnParticipantsView *view = jln_window_get_participants_view (f->window);
  GListModel *model = jln_participants_view_get_model (view);
  guint all_shown = check_rows (f);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 400);
  g_assert_cmpuint (all_shown, >=, 10);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      guint shown;

      search (f, typed[i]);
      shown = check_rows (f);
      g_printerr ("“%s”: %u matches, %u rows\n", typed[i],
                  g_list_model_get_n_items (model), shown);
      if (g_strcmp0 (typed[i], "zzqxw") == 0)
        g_assert_cmpuint (shown, ==, 0);
    }
  /* Back to everyone: as many rows as at the start. */
  g_assert_cmpuint (check_rows (f), ==, all_shown);
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

/* Rows GTK keeps off screen are re-pointed when idle; scrolling must not
 * show one still pointing at an old search. */
static void
test_scrolling_refreshes_rows (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view = jln_window_get_participants_view (f->window);
  GtkWidget *list = find_list_view (GTK_WIDGET (view));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  static const char * const typed[] = { "e", "a", "", "m" };

  g_assert_nonnull (adjustment);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      gboolean searched = FALSE;
      gulong id = g_signal_connect_swapped (jln_participants_view_get_search_entry (view),
                                            "search-changed", G_CALLBACK (set_true), &searched);

      gtk_editable_set_text (jln_participants_view_get_search_entry (view), typed[i]);
      /* Up to the search itself, before any idle catch-up runs: one
       * iteration dispatches one priority level only. */
      while (!searched)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
      g_signal_handler_disconnect (jln_participants_view_get_search_entry (view), id);
      /* A scroll and back: every row is current at once, before any
       * main-loop iteration. */
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + 1);
      gtk_adjustment_set_value (adjustment, 0);
      check_rows (f);
      spin (300);
      check_rows (f);
    }
}

static void
test_rows_follow_filters_and_store (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  JlnParticipantsView *view = jln_window_get_participants_view (f->window);
  GListModel *model = jln_participants_view_get_model (view);
  GListModel *territories = jln_store_get_territories (f->store);
  g_autoptr(JlnTerritory) territory = g_list_model_get_item (territories, 0);
  g_autoptr(JlnParticipant) first = g_list_model_get_item (model, 0);
  g_autoptr(JlnParticipant) added = NULL;

  g_assert_true (jln_participants_view_select_territory (view, jln_territory_get_id (territory)));
  spin (200);
  check_rows (f);
  g_assert_true (jln_participants_view_select_territory (view, 0));
  spin (200);
  check_rows (f);

  /* Someone who sorts first joins: every row moves down one place. */
  added = jln_participant_new ("Aaron", "Aabel");
  g_assert_true (jln_store_add_participant (f->store, added, "test", &error));
  g_assert_no_error (error);
  spin (200);
  {
    g_autoptr(JlnParticipant) now_first = g_list_model_get_item (model, 0);
    g_autoptr(JlnParticipant) now_second = g_list_model_get_item (model, 1);

    g_assert_cmpstr (jln_participant_get_first_name (now_first), ==, "Aaron");
    g_assert_true (now_second == first);
  }
  check_rows (f);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/participant-list/rows-follow-search", Fixture, NULL,
              fixture_set_up, test_rows_follow_search, fixture_tear_down);
  g_test_add ("/participant-list/scrolling-refreshes-rows", Fixture, NULL,
              fixture_set_up, test_scrolling_refreshes_rows, fixture_tear_down);
  g_test_add ("/participant-list/rows-follow-filters-and-store", Fixture, NULL,
              fixture_set_up, test_rows_follow_filters_and_store, fixture_tear_down);
  return g_test_run ();
}
