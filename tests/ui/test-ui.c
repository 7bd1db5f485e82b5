/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <adwaita.h>

#include "store/jln-demo.h"
#include "store/jln-store.h"
#include "ui/shell/jln-ui-resources.h"
#include "ui/shell/jln-backups-page.h"
#include "ui/shell/jln-preferences-window.h"
#include "ui/shell/jln-window.h"
#include "ui/accounts/jln-sign-in-page.h"
#include "ui/accounts/jln-welcome-dialog.h"
#include "ui/badges/jln-badges-view.h"
#include "ui/participants/jln-participants-view.h"
#include "ui/common/jln-badge-image.h"
#include "ui/common/jln-badge-tile.h"
#include "ui/participants/jln-participant-row.h"

#define WAIT_LIMIT_US (20 * G_USEC_PER_SEC)

static const char badge_svg[] =
  "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 256 256\">"
  "<circle cx=\"128\" cy=\"128\" r=\"120\" fill=\"#1c71d8\"/></svg>";

typedef struct {
  char      *dir;
  char      *db_path;
  JlnWindow *window;
} Fixture;

/* A safety net against hangs, not a timing assertion: the condition is
 * what the test checks. */
static gboolean
wait_until (gboolean (*condition) (gpointer), gpointer data)
{
  gint64 end = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

/* The app's one GSettings, as the application would hand it out. */
static GSettings *
app_settings (void)
{
  static GSettings *settings;

  if (settings == NULL)
    settings = g_settings_new (APP_ID);
  return settings;
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("jalons-test-ui-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Builds the 120-participant demo database; FALSE (test skipped) while the
 * core's demo builder is not there yet. */
static gboolean
build_demo (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnStore) store = NULL;
  JlnDemoOptions options = JLN_DEMO_OPTIONS_INIT;

  store = jln_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (jln_demo_build (store, &options, &error));
  g_assert_no_error (error);
  return TRUE;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  reset_settings ();
  f->dir = make_tmp_dir ();
  f->db_path = g_build_filename (f->dir, "demo.db", NULL);
}

static gboolean
window_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* Opens the window on the demo database and shows it, so list rows are
 * really created and bound. */
static gboolean
fixture_open_demo (Fixture *f)
{
  if (!build_demo (f->db_path))
    return FALSE;

  f->window = jln_window_new (NULL, app_settings ());
  g_assert_true (jln_window_open_database (f->window, f->db_path));
  g_assert_false (jln_window_get_showing_error (f->window));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_until (window_is_mapped, f->window));
  return TRUE;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

/* ---- every template builds ---- */

static void
test_templates (void)
{
  static const char *bare_types[] = {
    "JlnParticipantsView", "JlnBadgesView",
    "JlnBadgeImage",
  };
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(JlnParticipant) participant = NULL;
  g_autoptr(JlnBadge) badge = NULL;
  GtkWidget *widget;
  GObject *overlay;

  reset_settings ();

  g_type_ensure (JLN_TYPE_PARTICIPANTS_VIEW);
  g_type_ensure (JLN_TYPE_BADGES_VIEW);
  g_type_ensure (JLN_TYPE_BADGE_IMAGE);
  for (guint i = 0; i < G_N_ELEMENTS (bare_types); i++)
    {
      GType type = g_type_from_name (bare_types[i]);

      g_assert_true (type != G_TYPE_INVALID);
      widget = g_object_ref_sink (g_object_new (type, NULL));
      g_assert_true (GTK_IS_WIDGET (widget));
      g_object_unref (widget);
    }

  widget = GTK_WIDGET (jln_window_new (NULL, app_settings ()));
  g_assert_true (JLN_IS_WINDOW (widget));
  g_assert_false (jln_window_get_showing_error (JLN_WINDOW (widget)));
  g_assert_cmpstr (jln_window_get_view (JLN_WINDOW (widget)), ==, "participants");
  gtk_window_destroy (GTK_WINDOW (widget));

  widget = GTK_WIDGET (jln_preferences_window_new (NULL));
  g_assert_true (JLN_IS_PREFERENCES_WINDOW (widget));
  gtk_window_destroy (GTK_WINDOW (widget));

  participant = jln_participant_new ("Émilie", "Durand");
  widget = g_object_ref_sink (jln_participant_row_new ());
  jln_participant_row_set_participant (JLN_PARTICIPANT_ROW (widget), participant);
  jln_participant_row_set_large (JLN_PARTICIPANT_ROW (widget), TRUE);
  jln_participant_row_set_participant (JLN_PARTICIPANT_ROW (widget), NULL);
  g_object_unref (widget);

  badge = jln_badge_new ("sante-rdv", "Prendre un rendez-vous");
  jln_badge_set_image_svg (badge, badge_svg);
  widget = g_object_ref_sink (jln_badge_tile_new ());
  jln_badge_tile_set_badge (JLN_BADGE_TILE (widget), badge);
  jln_badge_tile_set_large (JLN_BADGE_TILE (widget), TRUE);
  g_object_unref (widget);

  /* GtkApplication loads this one by itself; a broken file would only show
   * up when someone presses Ctrl+?. */
  builder = gtk_builder_new_from_resource ("/io/github/jalons/Jalons/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_resources (void)
{
  static const char *paths[] = {
    "/io/github/jalons/Jalons/style.css",
    "/io/github/jalons/Jalons/icons/scalable/actions/jln-badge-symbolic.svg",
    "/io/github/jalons/Jalons/icons/scalable/actions/jln-people-symbolic.svg",
    "/io/github/jalons/Jalons/icons/scalable/actions/jln-large-icons-symbolic.svg",
  };

  jln_ui_register_resources ();
  jln_ui_register_resources (); /* twice is harmless */
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (paths[i], 0, NULL);

      g_assert_nonnull (bytes);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
    }
}

/* ---- badge image ---- */

static void
test_badge_image_render (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) again = NULL;
  g_autoptr(GdkTexture) bad = NULL;

  texture = jln_badge_image_render_texture (badge_svg, 192, &error);
  g_assert_no_error (error);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 192);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 192);

  /* The same badge at the same size is rendered once. */
  again = jln_badge_image_render_texture (badge_svg, 192, &error);
  g_assert_true (again == texture);

  bad = jln_badge_image_render_texture ("<svg this is not xml", 64, &error);
  g_assert_null (bad);
  g_assert_nonnull (error);
}

/* ---- the window on a demo database ---- */

static void
test_window_demo (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view;
  GListModel *model;
  g_autoptr(GtkWidget) badges_view = NULL;

  if (!fixture_open_demo (f))
    return;

  view = jln_window_get_participants_view (f->window);
  model = jln_participants_view_get_model (view);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 120);
  g_assert_cmpstr (jln_participants_view_get_count_text (view), ==, "120 participants");

  jln_window_set_view (f->window, "badges");
  g_assert_cmpstr (jln_window_get_view (f->window), ==, "badges");
  g_assert_true (wait_until (window_is_mapped, f->window));
  g_main_context_iteration (NULL, FALSE);

  /* The view actions exist and switch views. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "participants"));
  g_assert_cmpstr (jln_window_get_view (f->window), ==, "participants");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "badges"));
  g_assert_cmpstr (jln_window_get_view (f->window), ==, "badges");
  /* Ctrl+F searches the view shown: the catalogue has its own search. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  g_assert_cmpstr (jln_window_get_view (f->window), ==, "badges");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "participants"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  g_assert_cmpstr (jln_window_get_view (f->window), ==, "participants");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (jln_participants_view_get_search_entry (view))));

  /* A sound database without accounts: only the unprotected key is said. */
  g_assert_cmpuint (jln_window_get_n_alerts (f->window), ==, 1);

  /* A participant's page opens from the list. */
  jln_participants_view_open_participant (view, 0);
}

/* A journal edited behind Jalons's back (here with the sqlite3 library, as
 * an attacker would) is said under the header bar when the file opens. */
/* Issue 9: a revocation list that is due but cannot be written is said,
 * not left for verifiers to find out. */
static void
test_window_status_list_alert (Fixture *f, gconstpointer data)
{
  g_autofree char *files = NULL;
  g_autofree char *public_dir = NULL;
  g_autofree char *status = NULL;
  char *dot;

  if (!build_demo (f->db_path))
    return;
  /* The demo holds revocations: its list is due. The folder it goes to is
   * a file. */
  files = g_strdup (f->db_path);
  dot = strrchr (files, '.');
  *dot = '\0';
  public_dir = g_strconcat (files, "-files", G_DIR_SEPARATOR_S, "public", NULL);
  status = g_build_filename (public_dir, "status", NULL);
  g_assert_cmpint (g_mkdir_with_parents (public_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (status, "in the way", -1, NULL));

  f->window = jln_window_new (NULL, app_settings ());
  g_assert_true (jln_window_open_database (f->window, f->db_path));
  /* This one, and the key no account protects yet. */
  g_assert_cmpuint (jln_window_get_n_alerts (f->window), ==, 2);
}

static void
test_window_audit_alert (Fixture *f, gconstpointer data)
{
  sqlite3 *db = NULL;

  if (!build_demo (f->db_path))
    return;
  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_events_no_update;"
                                     "UPDATE audit_events SET detail = 'changed' WHERE id = 2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->window = jln_window_new (NULL, app_settings ());
  g_assert_true (jln_window_open_database (f->window, f->db_path));
  /* This one, and the key no account protects yet. */
  g_assert_cmpuint (jln_window_get_n_alerts (f->window), ==, 2);
}

#define ADMIN_SECRET "la clé du bureau 2026"

static JlnWelcomeDialog *
find_welcome_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (JLN_IS_WELCOME_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return JLN_WELCOME_DIALOG (window);
    }
  return NULL;
}

/* Issue 9: the first administrator, from the window. */
static void
test_window_welcome (Fixture *f, gconstpointer data)
{
  JlnWelcomeDialog *dialog;
  JlnSession *session;
  const char *problem;

  if (!fixture_open_demo (f))
    return;
  session = jln_window_get_session (f->window);
  g_assert_false (jln_session_is_protected (session));
  g_assert_cmpuint (jln_window_get_n_alerts (f->window), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.create-administrator", NULL));
  dialog = find_welcome_dialog ();
  g_assert_nonnull (dialog);

  problem = jln_welcome_dialog_try (dialog, "", ADMIN_SECRET, ADMIN_SECRET);
  g_assert_nonnull (problem);
  problem = jln_welcome_dialog_try (dialog, "Claire Morel", ADMIN_SECRET, "autre chose ici");
  g_assert_nonnull (problem);
  g_assert_false (jln_session_is_protected (session));
  problem = jln_welcome_dialog_try (dialog, "Claire Morel", "court", "court");
  g_assert_nonnull (problem);
  g_assert_false (jln_session_is_protected (session));

  problem = jln_welcome_dialog_try (dialog, "Claire Morel", ADMIN_SECRET, ADMIN_SECRET);
  g_assert_null (problem);
  g_assert_null (find_welcome_dialog ());
  g_assert_true (jln_session_is_protected (session));
  g_assert_cmpint (jln_session_get_role (session), ==, JLN_ROLE_ADMIN);
  g_assert_cmpstr (jln_coach_get_name (jln_session_get_coach (session)), ==, "Claire Morel");
  g_assert_cmpstr (jln_window_get_page (f->window), ==, "main");
  /* Protected now: no warning left, and no second administrator. */
  g_assert_cmpuint (jln_window_get_n_alerts (f->window), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.create-administrator", NULL);
  g_assert_null (find_welcome_dialog ());
}

/* Issue 9: a protected desk opens on the sign-in page, locks on demand
 * and after the idle time, and signs in again. */
static void
test_window_sign_in (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GSettings *settings = app_settings (); /* borrowed */
  JlnSignInPage *page;
  JlnSession *session;
  gint64 admin_id;

  if (!build_demo (f->db_path))
    return;
  {
    g_autoptr(JlnSession) first = jln_session_open (f->db_path, NULL, &error);
    JlnCoach *coach;

    g_assert_no_error (error);
    coach = jln_store_lookup_coach (jln_session_get_store (first), 1);
    g_assert_true (jln_session_create_administrator (first, coach, ADMIN_SECRET, &error));
    g_assert_no_error (error);
    admin_id = jln_coach_get_id (coach);
  }
  f->window = jln_window_new (NULL, settings);
  g_assert_true (jln_window_open_database (f->window, f->db_path));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_until (window_is_mapped, f->window));
  session = jln_window_get_session (f->window);
  page = jln_window_get_sign_in_page (f->window);

  /* Nobody signed in: the sign-in page, nothing of the desk. */
  g_assert_cmpstr (jln_window_get_page (f->window), ==, "sign-in");
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (jln_window_get_participants_view (f->window)))
                  && gtk_widget_get_mapped (GTK_WIDGET (jln_window_get_participants_view (f->window))));
  g_assert_cmpuint (jln_window_get_n_alerts (f->window), ==, 0);

  g_assert_nonnull (jln_sign_in_page_try (page, admin_id, "pas la bonne phrase"));
  g_assert_cmpstr (jln_window_get_page (f->window), ==, "sign-in");
  g_assert_null (jln_sign_in_page_try (page, admin_id, ADMIN_SECRET));
  g_assert_cmpstr (jln_window_get_page (f->window), ==, "main");
  g_assert_cmpint (jln_session_get_role (session), ==, JLN_ROLE_ADMIN);

  /* Lock from the menu. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock", NULL));
  g_assert_cmpstr (jln_window_get_page (f->window), ==, "sign-in");
  g_assert_cmpint (jln_session_get_role (session), ==, JLN_ROLE_NONE);

  /* Auto-lock: not before the setting's minutes, then yes; 0 never. */
  g_assert_null (jln_sign_in_page_try (page, admin_id, ADMIN_SECRET));
  g_settings_set_uint (settings, "auto-lock-minutes", 10);
  g_assert_false (jln_window_check_idle (f->window, g_get_monotonic_time () + 9 * G_TIME_SPAN_MINUTE));
  g_assert_cmpstr (jln_window_get_page (f->window), ==, "main");
  g_settings_set_uint (settings, "auto-lock-minutes", 0);
  g_assert_false (jln_window_check_idle (f->window, g_get_monotonic_time () + 600 * G_TIME_SPAN_MINUTE));
  g_settings_set_uint (settings, "auto-lock-minutes", 10);
  g_assert_true (jln_window_check_idle (f->window, g_get_monotonic_time () + 11 * G_TIME_SPAN_MINUTE));
  g_assert_cmpstr (jln_window_get_page (f->window), ==, "sign-in");
  g_assert_false (jln_issuer_can_sign (jln_session_get_issuer (session)));
}

typedef struct {
  GListModel *model;
  guint       n;
} CountWait;

static gboolean
count_is (gpointer data)
{
  CountWait *w = data;
  return g_list_model_get_n_items (w->model) == w->n;
}

static gboolean
count_below (gpointer data)
{
  CountWait *w = data;
  return g_list_model_get_n_items (w->model) < w->n;
}

static void
test_window_search (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view;
  GListModel *model;
  g_autoptr(JlnParticipant) first = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *folded = NULL;
  CountWait w;
  guint n;

  if (!fixture_open_demo (f))
    return;

  view = jln_window_get_participants_view (f->window);
  model = jln_participants_view_get_model (view);
  first = g_list_model_get_item (model, 0);
  needle = g_strdup (jln_participant_get_last_name (first));

  gtk_editable_set_text (jln_participants_view_get_search_entry (view), needle);
  w = (CountWait) { model, 120 };
  g_assert_true (wait_until (count_below, &w));

  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >=, 1);
  folded = jln_fold_for_search (needle);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (model, i);
      g_assert_true (jln_participant_matches (p, folded));
    }

  /* Nobody is called this: the list empties and says so. */
  gtk_editable_set_text (jln_participants_view_get_search_entry (view), "zzqxw");
  w = (CountWait) { model, 0 };
  g_assert_true (wait_until (count_is, &w));
  g_assert_cmpstr (jln_participants_view_get_count_text (view), ==, "0 participants");

  /* Clearing the search brings everyone back. */
  gtk_editable_set_text (jln_participants_view_get_search_entry (view), "");
  w = (CountWait) { model, 120 };
  g_assert_true (wait_until (count_is, &w));
}

static void
test_window_territory (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view;
  GListModel *model;
  g_autoptr(JlnParticipant) first = NULL;
  gint64 territory;
  CountWait w;
  guint n;

  if (!fixture_open_demo (f))
    return;

  view = jln_window_get_participants_view (f->window);
  model = jln_participants_view_get_model (view);
  first = g_list_model_get_item (model, 0);
  territory = jln_participant_get_territory_id (first);
  g_assert_cmpint (territory, !=, 0);

  g_assert_true (jln_participants_view_select_territory (view, territory));
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <, 120);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (model, i);
      g_assert_cmpint (jln_participant_get_territory_id (p), ==, territory);
    }

  /* An unknown territory is refused, the filter stays. */
  g_assert_false (jln_participants_view_select_territory (view, 999999));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  /* Coach filter narrows further (or equally) within the territory. */
  g_assert_true (jln_participants_view_select_coach (view, jln_participant_get_coach_id (first)));
  g_assert_cmpuint (g_list_model_get_n_items (model), <=, n);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);

  g_assert_true (jln_participants_view_select_coach (view, 0));
  g_assert_true (jln_participants_view_select_territory (view, 0));
  w = (CountWait) { model, 120 };
  g_assert_true (wait_until (count_is, &w));
}

static void
test_window_large_icons (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  f->window = jln_window_new (NULL, app_settings ());
  g_assert_false (g_settings_get_boolean (settings, "large-icons"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->window), "large-icons"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.large-icons", NULL));
  g_assert_true (g_settings_get_boolean (settings, "large-icons"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->window), "large-icons"));

  /* The preference set elsewhere (preferences window) reaches the window too. */
  g_settings_set_boolean (settings, "large-icons", FALSE);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->window), "large-icons"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.large-icons", NULL));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->window), "large-icons"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.large-icons", NULL));
  g_assert_false (g_settings_get_boolean (settings, "large-icons"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->window), "large-icons"));
}

static void
test_window_bad_database (Fixture *f, gconstpointer data)
{
  static const char garbage[] = "These are my shopping notes, not a database.\n";
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_set_contents (f->db_path, garbage, -1, NULL));

  f->window = jln_window_new (NULL, app_settings ());
  g_test_expect_message ("jln-ui", G_LOG_LEVEL_MESSAGE, "Cannot open*");
  g_assert_false (jln_window_open_database (f->window, f->db_path));
  g_test_assert_expected_messages ();
  g_assert_true (jln_window_get_showing_error (f->window));
  g_assert_null (jln_window_get_session (f->window));

  /* Ctrl+F and Alt+1, Alt+2 have nothing to act on. */
  /* (The win.* actions are the window class's: a disabled one does
   * nothing when activated.) */
  {
    g_autofree char *before = g_strdup (jln_window_get_view (f->window));
    const char *other = g_strcmp0 (before, "badges") == 0 ? "participants" : "badges";

    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", other);
    g_assert_cmpstr (jln_window_get_view (f->window), ==, before);
  }

  /* The file is left exactly as it was. */
  g_assert_true (g_file_get_contents (f->db_path, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, garbage);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_until (window_is_mapped, f->window));
}

static void
test_preferences_coach (Fixture *f, gconstpointer data)
{
  g_autoptr(JlnStore) store = NULL;
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  JlnPreferencesWindow *prefs;

  if (!build_demo (f->db_path))
    return;
  store = jln_store_open (f->db_path, NULL);
  g_assert_nonnull (store);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_coaches (store)), >, 0);
  session = jln_session_new (store, app_settings (), NULL);
  g_assert_nonnull (session);

  prefs = jln_preferences_window_new (session);
  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (wait_until (window_is_mapped, prefs));
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_cmpint (g_settings_get_int64 (settings, "current-coach"), ==, 0);
}

/* The Backups page: "Back Up Now" adds one to the list, restoring it
 * brings the data back as it was, a file that is not a backup is refused
 * with words and nothing changes. */
static void
test_preferences_backups (Fixture *f, gconstpointer data)
{
  g_autoptr(JlnStore) store = NULL;
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(JlnParticipant) late = jln_participant_new ("Arrivée", "Après");
  g_autoptr(GError) error = NULL;
  g_autofree char *not_backup = g_build_filename (f->dir, "notes.txt", NULL);
  JlnBackupsPage *page;
  guint before, n_people;

  if (!build_demo (f->db_path))
    return;
  store = jln_store_open (f->db_path, NULL);
  g_assert_nonnull (store);
  session = jln_session_new (store, app_settings (), NULL);
  g_assert_nonnull (session);
  page = JLN_BACKUPS_PAGE (g_object_ref_sink (jln_backups_page_new (session)));

  before = jln_backups_page_get_n_backups (page);
  g_assert_true (jln_backups_page_back_up_now (page, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_backups_page_get_n_backups (page), ==, before + 1);
  n_people = g_list_model_get_n_items (jln_store_get_participants (store));

  g_assert_true (jln_session_add_participant (session, late, &error));
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_participants (store)), ==, n_people + 1);

  g_assert_true (g_file_set_contents (not_backup, "pas une sauvegarde", -1, NULL));
  g_assert_false (jln_backups_page_restore (page, not_backup, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_BACKUP);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_participants (store)), ==, n_people + 1);

  {
    g_autoptr(GPtrArray) backups = jln_session_list_backups (session, &error);

    g_assert_no_error (error);
    g_assert_true (jln_backups_page_restore (page, g_ptr_array_index (backups, 0), &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_participants (store)), ==, n_people);
  /* The state just before is kept among the backups. */
  g_assert_cmpuint (jln_backups_page_get_n_backups (page), ==, before + 2);
  g_object_unref (page);
}

/* ---- the real executable ---- */

static void
run_app (const char * const *argv, int *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, status, &error));
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_printerr ("%s", err);
}

static void
test_app_first_frame (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  int status = -1;
  const char *argv[] = { JLN_TEST_APP, "--database", f->db_path,
                         "--quit-after-first-frame", "--view", "badges", NULL };

  if (!build_demo (f->db_path))
    return;

  run_app (argv, &status);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

static void
test_app_bad_database (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  int status = -1;
  const char *argv[] = { JLN_TEST_APP, "--database", f->db_path,
                         "--quit-after-first-frame", NULL };

  g_assert_true (g_file_set_contents (f->db_path, "not a database", -1, NULL));
  /* The app shows the problem and exits normally: it does not crash. */
  run_app (argv, &status);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

/* All the text a row shows, labels in order. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static char *
row_text (JlnParticipant *participant,
          gboolean        large)
{
  GtkWidget *row = g_object_ref_sink (jln_participant_row_new ());
  GString *out = g_string_new (NULL);

  jln_participant_row_set_large (JLN_PARTICIPANT_ROW (row), large);
  jln_participant_row_set_participant (JLN_PARTICIPANT_ROW (row), participant);
  collect_text (row, out);
  g_object_unref (row);
  return g_string_free (out, FALSE);
}

/* Issue 10 (8): "Adama B." sixteen times in a row, and in large-icon mode
 * not even the territory: namesakes must not look alike. */
static void
test_participant_row_namesakes (void)
{
  g_autoptr(JlnParticipant) one = jln_participant_new ("Adama", "Bakayoko");
  g_autoptr(JlnParticipant) two = jln_participant_new ("Adama", "Barry");
  g_autoptr(JlnParticipant) three = jln_participant_new ("Adama", "Barry");

  jln_participant_set_territory_name (one, "Roubaix");
  jln_participant_set_territory_name (two, "Roubaix");
  jln_participant_set_territory_name (three, "Tourcoing");
  for (int large = 0; large <= 1; large++)
    {
      g_autofree char *a = row_text (one, large);
      g_autofree char *b = row_text (two, large);
      g_autofree char *c = row_text (three, large);

      g_assert_nonnull (strstr (a, "Adama Bakayoko"));
      g_assert_nonnull (strstr (b, "Adama Barry"));
      g_assert_nonnull (strstr (b, "Roubaix"));
      g_assert_nonnull (strstr (c, "Tourcoing"));
      g_assert_cmpstr (a, !=, b);
      g_assert_cmpstr (b, !=, c);
    }
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/resources", test_resources);
  g_test_add_func ("/ui/templates", test_templates);
  g_test_add_func ("/ui/participant-row/namesakes", test_participant_row_namesakes);
  g_test_add_func ("/ui/badge-image/render", test_badge_image_render);
  g_test_add ("/ui/window/demo", Fixture, NULL, fixture_set_up, test_window_demo, fixture_tear_down);
  g_test_add ("/ui/window/audit-alert", Fixture, NULL, fixture_set_up, test_window_audit_alert, fixture_tear_down);
  g_test_add ("/ui/window/status-list-alert", Fixture, NULL, fixture_set_up, test_window_status_list_alert,
              fixture_tear_down);
  g_test_add ("/ui/window/welcome", Fixture, NULL, fixture_set_up, test_window_welcome, fixture_tear_down);
  g_test_add ("/ui/window/sign-in", Fixture, NULL, fixture_set_up, test_window_sign_in, fixture_tear_down);
  g_test_add ("/ui/window/search", Fixture, NULL, fixture_set_up, test_window_search, fixture_tear_down);
  g_test_add ("/ui/window/territory", Fixture, NULL, fixture_set_up, test_window_territory, fixture_tear_down);
  g_test_add ("/ui/window/large-icons", Fixture, NULL, fixture_set_up, test_window_large_icons, fixture_tear_down);
  g_test_add ("/ui/window/bad-database", Fixture, NULL, fixture_set_up, test_window_bad_database, fixture_tear_down);
  g_test_add ("/ui/preferences/coach", Fixture, NULL, fixture_set_up, test_preferences_coach, fixture_tear_down);
  g_test_add ("/ui/preferences/backups", Fixture, NULL, fixture_set_up, test_preferences_backups, fixture_tear_down);
  g_test_add ("/ui/app/first-frame", Fixture, NULL, fixture_set_up, test_app_first_frame, fixture_tear_down);
  g_test_add ("/ui/app/bad-database", Fixture, NULL, fixture_set_up, test_app_bad_database, fixture_tear_down);

  return g_test_run ();
}
