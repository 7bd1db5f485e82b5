/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-participants"

#include <locale.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "store/jln-demo.h"
#include "store/jln-store.h"
#include "service/jln-issuer.h"
#include "ui/award/jln-award-dialog.h"
#include "ui/print/jln-certificate.h"
#include "ui/participants/jln-participant-form.h"
#include "ui/shell/jln-window.h"
#include "ui/participants/jln-participant-page.h"
#include "ui/participants/jln-participant-row.h"
#include "ui/participants/jln-history-row.h"
#include "ui/participants/jln-archived-dialog.h"
#include "ui/participants/jln-participants-view.h"
#include "ui/common/jln-initials.h"
#include "ui/participants/jln-path-tile.h"
#include "ui/badges/jln-badges-view.h"
#include "ui/badges/jln-badge-page.h"

#define WAIT_LIMIT_US (30 * G_USEC_PER_SEC)

typedef struct {
  char      *dir;
  char      *db_path;
  JlnStore   *store;
  GSettings  *settings;   /* the app's one GSettings */
  JlnSession *session;
  JlnWindow  *window;
} Fixture;

/* A safety net against hangs, not a timing assertion. */
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

static void
spin (void)
{
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  JlnDemoOptions options = JLN_DEMO_OPTIONS_INIT;

  f->dir = g_dir_make_tmp ("jalons-participants-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "demo.db", NULL);
  f->store = jln_store_open (f->db_path, &error);
  g_assert_no_error (error);
  options.today = 1773446400; /* 2026-03-14, so dates do not move */
  g_assert_true (jln_demo_build (f->store, &options, &error));
  g_assert_no_error (error);

  f->settings = g_settings_new (APP_ID);
  f->session = jln_session_new (f->store, f->settings, &error);
  g_assert_no_error (error);
  f->window = jln_window_new (NULL, f->settings);
  g_object_ref_sink (f->window);
  jln_window_set_session (f->window, f->session);
  gtk_window_present (GTK_WINDOW (f->window));
  spin ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  g_clear_object (&f->session);
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static JlnParticipantsView *
view_of (Fixture *f)
{
  return jln_window_get_participants_view (f->window);
}

static JlnParticipant *
find_by_first_name (JlnStore *store, const char *first)
{
  GListModel *all = jln_store_get_participants (store);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (all, i);
      if (g_strcmp0 (jln_participant_get_first_name (p), first) == 0)
        return p;  /* the store keeps it */
    }
  return NULL;
}

/* Someone with at least @min active badges. */
static JlnParticipant *
find_with_badges (JlnStore *store, guint min)
{
  GListModel *all = jln_store_get_participants (store);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (all, i);
      if (jln_participant_get_badge_count (p) >= min)
        return p;
    }
  return NULL;
}

static gboolean
view_model_contains (JlnParticipantsView *view, JlnParticipant *p)
{
  GListModel *model = jln_participants_view_get_model (view);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JlnParticipant) item = g_list_model_get_item (model, i);
      if (item == p)
        return TRUE;
    }
  return FALSE;
}

static gboolean
view_model_contains_id (JlnParticipantsView *view, gint64 id)
{
  GListModel *model = jln_participants_view_get_model (view);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JlnParticipant) item = g_list_model_get_item (model, i);
      if (jln_participant_get_id (item) == id)
        return TRUE;
    }
  return FALSE;
}

static gboolean
filter_settled (gpointer data)
{
  return gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (data)) == 0;
}

static char *
photos_dir (Fixture *f)
{
  g_autofree char *files = jln_store_dup_files_dir (f->store);
  return g_build_filename (files, "attachments", NULL);
}

/* ------------------------------------------------------------------ */

static void
test_templates (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(JlnStore) store = NULL;
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *form, *initials;

  dir = g_dir_make_tmp ("jalons-participants-XXXXXX", &error);
  db = g_build_filename (dir, "empty.db", NULL);
  store = jln_store_open (db, &error);
  g_assert_no_error (error);
  session = jln_session_new (store, NULL, &error);
  g_assert_no_error (error);

  page = g_object_ref_sink (jln_participant_page_new ());
  jln_participant_page_set_session (JLN_PARTICIPANT_PAGE (page), session);
  g_assert_null (jln_participant_page_get_participant (JLN_PARTICIPANT_PAGE (page)));
  g_object_unref (page);

  form = jln_participant_form_new (session, NULL);
  gtk_window_destroy (GTK_WINDOW (form));

  initials = g_object_ref_sink (jln_initials_new (40));
  jln_initials_set_name (JLN_INITIALS (initials), "Émilie van der Berg");
  g_assert_cmpstr (jln_initials_get_initials (JLN_INITIALS (initials)), ==, "ÉV");
  jln_initials_set_name (JLN_INITIALS (initials), "Amina");
  g_assert_cmpstr (jln_initials_get_initials (JLN_INITIALS (initials)), ==, "A");
  g_object_unref (initials);

  g_clear_object (&store);
  remove_tree (dir);
}

static void
test_form_create (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view = view_of (f);
  GListModel *all = jln_store_get_participants (f->store);
  guint before = g_list_model_get_n_items (all);
  JlnTerritory *territory = g_list_model_get_item (jln_store_get_territories (f->store), 0);
  JlnCoach *coach = g_list_model_get_item (jln_store_get_coaches (f->store), 0);
  g_autoptr(GError) error = NULL;
  GtkWidget *form;
  JlnParticipant *p;
  g_autoptr(GDateTime) entry = g_date_time_new_utc (2026, 1, 5, 0, 0, 0);

  /* Ctrl+N is win.new-participant: it opens the same form. */
  form = jln_participants_view_new_participant (view);
  g_assert_nonnull (form);
  g_object_ref (form);
  jln_participant_form_set_first_name (JLN_PARTICIPANT_FORM (form), "  Zoé ");
  jln_participant_form_set_last_name (JLN_PARTICIPANT_FORM (form), "Testeuse");
  g_assert_true (jln_participant_form_set_territory (JLN_PARTICIPANT_FORM (form), jln_territory_get_id (territory)));
  g_assert_true (jln_participant_form_set_coach (JLN_PARTICIPANT_FORM (form), jln_coach_get_id (coach)));
  g_assert_false (jln_participant_form_set_coach (JLN_PARTICIPANT_FORM (form), 999999));
  jln_participant_form_set_entry_date (JLN_PARTICIPANT_FORM (form), entry);
  jln_participant_form_set_email (JLN_PARTICIPANT_FORM (form), "zoe@example.org");
  jln_participant_form_set_consents (JLN_PARTICIPANT_FORM (form), TRUE, TRUE, TRUE, FALSE);
  g_assert_true (jln_participant_form_save (JLN_PARTICIPANT_FORM (form), &error));
  g_assert_no_error (error);

  p = find_by_first_name (f->store, "Zoé");
  g_assert_nonnull (p);
  g_assert_true (jln_participant_form_get_saved (JLN_PARTICIPANT_FORM (form)) == p);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, before + 1);
  g_assert_cmpstr (jln_participant_get_last_name (p), ==, "Testeuse");
  g_assert_cmpint (jln_participant_get_territory_id (p), ==, jln_territory_get_id (territory));
  g_assert_cmpint (jln_participant_get_coach_id (p), ==, jln_coach_get_id (coach));
  g_assert_cmpstr (jln_participant_get_email (p), ==, "zoe@example.org");
  g_assert_true (jln_participant_get_consent_print (p));
  g_assert_false (jln_participant_get_consent_online (p));
  g_assert_true (g_date_time_equal (jln_participant_get_entry_date (p), entry));
  g_assert_null (jln_participant_get_photo_path (p));
  g_object_unref (form);

  /* In the list the coach sees, and opened on their page. */
  g_assert_true (wait_until (filter_settled, jln_participants_view_get_model (view)));
  g_assert_true (view_model_contains (view, p));
  g_assert_true (jln_participants_view_get_showing_page (view));
  g_assert_true (jln_participant_page_get_participant (jln_participants_view_get_page (view)) == p);

  g_object_unref (territory);
  g_object_unref (coach);
}

static void
test_form_refusals (Fixture *f, gconstpointer data)
{
  GListModel *all = jln_store_get_participants (f->store);
  guint before = g_list_model_get_n_items (all);
  g_autoptr(GError) error = NULL;
  g_autofree char *photos = photos_dir (f);
  GtkWidget *form = g_object_ref (jln_participant_form_new (f->session, NULL));

  /* No first name: refused, said in the form, nothing written. */
  jln_participant_form_set_first_name (JLN_PARTICIPANT_FORM (form), "   ");
  jln_participant_form_set_last_name (JLN_PARTICIPANT_FORM (form), "Sans-Prénom");
  g_assert_false (jln_participant_form_save (JLN_PARTICIPANT_FORM (form), &error));
  g_assert_nonnull (error);
  g_assert_nonnull (jln_participant_form_get_error_text (JLN_PARTICIPANT_FORM (form)));
  g_assert_cmpstr (jln_participant_form_get_error_text (JLN_PARTICIPANT_FORM (form)), ==, error->message);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, before);

  /* A bad email: refused too. */
  jln_participant_form_set_first_name (JLN_PARTICIPANT_FORM (form), "Lou");
  jln_participant_form_set_email (JLN_PARTICIPANT_FORM (form), "lou at home");
  g_assert_false (jln_participant_form_save (JLN_PARTICIPANT_FORM (form), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, before);
  g_assert_null (find_by_first_name (f->store, "Lou"));
  g_assert_cmpuint (count_files (photos), ==, 0);

  gtk_window_destroy (GTK_WINDOW (form));
  g_object_unref (form);
}

/* Issue 9: erasure from the desk: the page goes back to the list, the
 * person is gone from it and from the archived list (nothing to restore),
 * and their name is no longer in the database. */
static void
test_erase_from_page (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view = view_of (f);
  JlnParticipantPage *page = jln_participants_view_get_page (view);
  JlnParticipant *p = find_with_badges (f->store, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  gint64 id;

  g_assert_nonnull (p);
  id = jln_participant_get_id (p);
  last = g_strdup (jln_participant_get_last_name (p));
  jln_participants_view_show_participant (view, p);
  g_assert_true (jln_participant_page_erase (page, &error));
  g_assert_no_error (error);
  g_assert_true (wait_until (filter_settled, jln_participants_view_get_model (view)));
  g_assert_false (jln_participants_view_get_showing_page (view));
  g_assert_false (view_model_contains_id (view, id));
  {
    g_autoptr(JlnParticipant) stored = jln_store_get_participant (f->store, id, &error);
    g_autoptr(GListModel) archived = jln_store_list_archived_participants (f->store, &error);

    g_assert_no_error (error);
    g_assert_true (jln_participant_get_erased (stored));
    g_assert_cmpstr (jln_participant_get_last_name (stored), !=, last);
    for (guint i = 0; i < g_list_model_get_n_items (archived); i++)
      {
        g_autoptr(JlnParticipant) a = g_list_model_get_item (archived, i);
        g_assert_cmpint (jln_participant_get_id (a), !=, id);
      }
  }
}

/* Issue 10: nothing is pre-ticked. A new file starts with every consent
 * undecided (and the form says so); once they answer, the day is kept. */
static void
test_form_consents_undecided (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *form = g_object_ref (jln_participant_form_new (f->session, NULL));
  JlnParticipant *saved;
  GDateTime *on;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  jln_participant_form_set_first_name (JLN_PARTICIPANT_FORM (form), "Naïma");
  jln_participant_form_set_last_name (JLN_PARTICIPANT_FORM (form), "Sans-Réponse");
  g_assert_true (jln_participant_form_save (JLN_PARTICIPANT_FORM (form), &error));
  g_assert_no_error (error);
  saved = jln_participant_form_get_saved (JLN_PARTICIPANT_FORM (form));
  g_assert_nonnull (saved);
  g_assert_false (jln_participant_get_consent_internal (saved));
  g_assert_false (jln_participant_get_consent_kiosk (saved));
  g_assert_false (jln_participant_get_consent_print (saved));
  g_assert_false (jln_participant_get_consent_online (saved));
  g_assert_null (jln_participant_get_consents_answered_on (saved));
  gtk_window_destroy (GTK_WINDOW (form));
  g_object_unref (form);

  /* They answer: kept, dated today, and read back from the database. */
  form = g_object_ref (jln_participant_form_new (f->session, saved));
  jln_participant_form_set_consents (JLN_PARTICIPANT_FORM (form), TRUE, FALSE, TRUE, FALSE);
  g_assert_true (jln_participant_form_save (JLN_PARTICIPANT_FORM (form), &error));
  g_assert_no_error (error);
  {
    g_autoptr(JlnParticipant) stored = jln_store_get_participant (f->store, jln_participant_get_id (saved), &error);

    g_assert_no_error (error);
    g_assert_true (jln_participant_get_consent_internal (stored));
    g_assert_true (jln_participant_get_consent_print (stored));
    g_assert_false (jln_participant_get_consent_online (stored));
    on = jln_participant_get_consents_answered_on (stored);
    g_assert_nonnull (on);
    g_assert_cmpint (g_date_time_get_year (on), ==, g_date_time_get_year (now));
    g_assert_cmpint (g_date_time_get_day_of_year (on), ==, g_date_time_get_day_of_year (now));
  }
  gtk_window_destroy (GTK_WINDOW (form));
  g_object_unref (form);
}

static void
test_form_bad_photos (Fixture *f, gconstpointer data)
{
  GListModel *all = jln_store_get_participants (f->store);
  guint before = g_list_model_get_n_items (all);
  g_autoptr(GError) error = NULL;
  g_autofree char *photos = photos_dir (f);
  g_autofree char *text = g_build_filename (f->dir, "not-a-photo.jpg", NULL);
  g_autofree char *huge = g_build_filename (f->dir, "huge.png", NULL);
  GtkWidget *form = g_object_ref (jln_participant_form_new (f->session, NULL));
  int fd;

  /* A text file named .jpg. */
  g_assert_true (g_file_set_contents (text, "hello, I am not a picture\n", -1, NULL));
  g_assert_false (jln_participant_form_set_photo_file (JLN_PARTICIPANT_FORM (form), text, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_printerr ("not an image: %s\n", error->message);
  g_clear_error (&error);

  /* 200 MB (sparse): refused from its size alone, without reading it. */
  fd = g_open (huge, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 200 * 1024 * 1024), ==, 0);
  close (fd);
  g_assert_false (jln_participant_form_set_photo_file (JLN_PARTICIPANT_FORM (form), huge, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "20"));
  g_printerr ("too large: %s\n", error->message);
  g_clear_error (&error);

  /* Missing file. */
  g_assert_false (jln_participant_form_set_photo_file (JLN_PARTICIPANT_FORM (form), "/nonexistent/x.png", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Nothing was copied, nothing saved. */
  g_assert_cmpuint (count_files (photos), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, before);
  gtk_window_destroy (GTK_WINDOW (form));
  g_object_unref (form);
}

static void
test_form_photo_and_edit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *photos = photos_dir (f);
  g_autofree char *src = g_build_filename (f->dir, "face.png", NULL);
  g_autoptr(GdkPixbuf) big = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1600, 1000);
  g_autoptr(GdkPixbuf) stored = NULL;
  JlnParticipant *p = find_with_badges (f->store, 1);
  GtkWidget *form;
  g_autofree char *first_photo = NULL;
  g_autofree char *old_last = NULL;
  gint64 id;

  g_assert_nonnull (p);
  id = jln_participant_get_id (p);
  old_last = g_strdup (jln_participant_get_last_name (p));
  gdk_pixbuf_fill (big, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save (big, src, "png", &error, NULL));

  form = g_object_ref (jln_participant_form_new (f->session, p));
  g_assert_true (jln_participant_form_set_photo_file (JLN_PARTICIPANT_FORM (form), src, &error));
  g_assert_no_error (error);
  /* Chosen is not copied: only saving copies. */
  g_assert_cmpuint (count_files (photos), ==, 0);
  jln_participant_form_set_last_name (JLN_PARTICIPANT_FORM (form), "Renommée");
  g_assert_true (jln_participant_form_save (JLN_PARTICIPANT_FORM (form), &error));
  g_assert_no_error (error);
  g_object_unref (form);

  /* The live object (what the list shows) follows the edit. */
  g_assert_true (jln_store_lookup_participant (f->store, id) == p);
  g_assert_cmpstr (jln_participant_get_last_name (p), ==, "Renommée");
  g_assert_nonnull (jln_participant_get_photo_path (p));
  g_assert_true (g_str_has_prefix (jln_participant_get_photo_path (p), photos));
  g_assert_cmpuint (count_files (photos), ==, 1);
  stored = gdk_pixbuf_new_from_file (jln_participant_get_photo_path (p), &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (stored), ==, 512);
  g_assert_cmpint (gdk_pixbuf_get_height (stored), ==, 320);
  first_photo = g_strdup (jln_participant_get_photo_path (p));

  /* A new photo replaces ours: the old file goes. */
  form = g_object_ref (jln_participant_form_new (f->session, p));
  g_assert_true (jln_participant_form_set_photo_file (JLN_PARTICIPANT_FORM (form), src, &error));
  g_assert_true (jln_participant_form_save (JLN_PARTICIPANT_FORM (form), &error));
  g_assert_no_error (error);
  g_object_unref (form);
  g_assert_cmpstr (jln_participant_get_photo_path (p), !=, first_photo);
  g_assert_false (g_file_test (first_photo, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (photos), ==, 1);

  /* The database refuses (another program holds it): the photo copied
   * for this save is removed again, the file keeps its old photo. */
  {
    g_autoptr(JlnStore) other = jln_store_open (f->db_path, &error);
    g_autofree char *kept = g_strdup (jln_participant_get_photo_path (p));

    g_assert_no_error (error);
    g_assert_true (jln_store_begin (other, &error));
    jln_store_set_busy_timeout (f->store, 50);
    form = g_object_ref (jln_participant_form_new (f->session, p));
    g_assert_true (jln_participant_form_set_photo_file (JLN_PARTICIPANT_FORM (form), src, &error));
    g_assert_false (jln_participant_form_save (JLN_PARTICIPANT_FORM (form), &error));
    g_assert_nonnull (error);
    g_printerr ("busy: %s\n", error->message);
    g_clear_error (&error);
    jln_store_rollback (other);
    gtk_window_destroy (GTK_WINDOW (form));
    g_object_unref (form);
    g_assert_cmpstr (jln_participant_get_photo_path (p), ==, kept);
    g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpuint (count_files (photos), ==, 1);
}

static void
test_archive (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view = view_of (f);
  JlnParticipantPage *page = jln_participants_view_get_page (view);
  JlnParticipant *p = find_with_badges (f->store, 1);
  g_autoptr(JlnParticipant) keep = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_nonnull (p);
  keep = g_object_ref (p);
  id = jln_participant_get_id (p);
  jln_participants_view_show_participant (view, p);
  g_assert_true (jln_participants_view_get_showing_page (view));

  g_assert_true (jln_participant_page_archive (page, &error));
  g_assert_no_error (error);
  g_assert_true (wait_until (filter_settled, jln_participants_view_get_model (view)));
  g_assert_false (view_model_contains (view, keep));
  g_assert_null (jln_store_lookup_participant (f->store, id));
  /* Back on the list; data kept (their awards are still there). */
  g_assert_false (jln_participants_view_get_showing_page (view));
  {
    g_autoptr(GListModel) awards = jln_store_list_awards_for_participant (f->store, id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (awards), >, 0);
  }

  /* Issue 10: archiving is not one-way. The toast's Undo brings them back… */
  {
    g_autoptr(AdwToast) toast = g_object_ref_sink (jln_participant_archive_toast_new (f->session, keep));

    g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Défaire");
    g_signal_emit_by_name (toast, "button-clicked");
  }
  g_assert_nonnull (jln_store_lookup_participant (f->store, id));
  g_assert_true (wait_until (filter_settled, jln_participants_view_get_model (view)));
  g_assert_true (view_model_contains_id (view, id));

  /* …and so does the Archived Participants list, later. */
  jln_participants_view_show_participant (view, jln_store_lookup_participant (f->store, id));
  g_assert_true (jln_participant_page_archive (page, &error));
  g_assert_no_error (error);
  g_assert_null (jln_store_lookup_participant (f->store, id));
  {
    JlnArchivedDialog *dialog = jln_archived_dialog_new (f->session, GTK_WINDOW (f->window));
    guint before = jln_archived_dialog_get_n_rows (dialog);

    g_assert_cmpuint (before, >=, 1);
    g_assert_false (jln_archived_dialog_restore (dialog, 999999));
    g_assert_true (jln_archived_dialog_restore (dialog, id));
    g_assert_cmpuint (jln_archived_dialog_get_n_rows (dialog), ==, before - 1);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_nonnull (jln_store_lookup_participant (f->store, id));
  g_assert_true (wait_until (filter_settled, jln_participants_view_get_model (view)));
  g_assert_true (view_model_contains_id (view, id));

  /* Badges too: an archived badge is listed, and Restore publishes it. */
  {
    g_autoptr(JlnBadge) badge = g_list_model_get_item (jln_store_get_badges (f->store), 0);
    gint64 badge_id = jln_badge_get_id (badge);
    JlnArchivedDialog *dialog;

    g_assert_true (jln_session_set_badge_status (f->session, badge_id, JLN_BADGE_STATUS_ARCHIVED, &error));
    g_assert_no_error (error);
    g_assert_null (jln_store_lookup_badge (f->store, badge_id));
    dialog = jln_archived_dialog_new (f->session, GTK_WINDOW (f->window));
    g_assert_true (jln_archived_dialog_restore_badge (dialog, badge_id));
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_nonnull (jln_store_lookup_badge (f->store, badge_id));
    g_assert_cmpint (jln_badge_get_status (jln_store_lookup_badge (f->store, badge_id)), ==, JLN_BADGE_STATUS_ACTIVE);
  }
}

/* Issue 10: a badge awarded again in a newer version shows as two
 * history lines; each names its version (from version 2 on). */
static void
test_history_names_versions (void)
{
  g_autoptr(JlnAward) first = jln_award_new (1, 1, 0);
  g_autoptr(JlnAward) second = jln_award_new (1, 2, 0);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 3, 12, 10, 0, 0);
  GtkWidget *row1, *row2;

  jln_award_set_badge_version (first, 1);
  jln_award_set_badge_version (second, 2);
  jln_award_set_awarded_on (first, when);
  jln_award_set_awarded_on (second, when);
  row1 = g_object_ref_sink (jln_history_row_new (first, NULL, FALSE));
  row2 = g_object_ref_sink (jln_history_row_new (second, NULL, FALSE));
  g_assert_null (strstr (jln_history_row_get_meta_text (JLN_HISTORY_ROW (row1)), "Version"));
  g_assert_true (g_str_has_prefix (jln_history_row_get_meta_text (JLN_HISTORY_ROW (row2)), "Version 2 · "));
  g_object_unref (row1);
  g_object_unref (row2);
}

static guint
programme_size (JlnStore *store)
{
  GListModel *badges = jln_store_get_badges (store);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (badges); i++)
    {
      g_autoptr(JlnBadge) b = g_list_model_get_item (badges, i);
      if (jln_badge_get_status (b) == JLN_BADGE_STATUS_ACTIVE)
        n++;
    }
  return n;
}

static void
test_page_path (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view = view_of (f);
  JlnParticipantPage *page = jln_participants_view_get_page (view);
  JlnParticipant *p = find_with_badges (f->store, 3);
  guint total = programme_size (f->store);
  guint earned;
  g_autofree char *expected = NULL;
  GtkWidget *tile;

  g_assert_nonnull (p);
  earned = jln_participant_get_badge_count (p);
  jln_participants_view_show_participant (view, p);
  spin ();

  g_assert_cmpuint (jln_participant_page_get_n_earned (page), ==, earned);
  g_assert_cmpuint (jln_participant_page_get_n_ahead (page), ==, total - earned);
  /* Issue 10: the page counts badges as the list does (one definition). */
  expected = jln_format_badge_count (earned);
  g_assert_cmpstr (jln_participant_page_get_count_text (page), ==, expected);

  /* Earned tiles carry a date in words; ahead tiles say "To do" in words. */
  tile = jln_participant_page_get_tile (page, TRUE, 0);
  g_assert_true (JLN_IS_PATH_TILE (tile));
  g_assert_true (jln_path_tile_get_earned (JLN_PATH_TILE (tile)));
  g_assert_true (g_regex_match_simple ("^[0-9]+(er)? [a-zéû]+ 20[0-9][0-9]$",
                                       jln_path_tile_get_status_text (JLN_PATH_TILE (tile)), 0, 0));
  tile = jln_participant_page_get_tile (page, FALSE, 0);
  g_assert_true (JLN_IS_PATH_TILE (tile));
  g_assert_false (jln_path_tile_get_earned (JLN_PATH_TILE (tile)));
  g_assert_cmpstr (jln_path_tile_get_status_text (JLN_PATH_TILE (tile)), ==, "À faire");
  g_assert_true (gtk_widget_has_css_class (tile, "ahead"));
}

/* Whether @action of @widget can be used now, as a button bound to it
 * would show (GTK has no getter for a widget action's state). */
static gboolean
action_enabled (GtkWidget  *widget,
                const char *action)
{
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), action);
  gtk_widget_set_parent (probe, widget);
  spin ();
  enabled = gtk_widget_get_sensitive (probe);
  gtk_widget_unparent (probe);
  return enabled;
}

/* Issue 10 (10): Print and Export led nowhere for someone with no badge. */
static void
test_page_actions_follow_badges (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view = view_of (f);
  JlnParticipantPage *page = jln_participants_view_get_page (view);
  GListModel *all = jln_store_get_participants (f->store);
  JlnParticipant *none = NULL;
  JlnParticipant *some = find_with_badges (f->store, 1);

  for (guint i = 0; i < g_list_model_get_n_items (all) && none == NULL; i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (all, i);

      if (jln_participant_get_badge_count (p) == 0)
        none = p;
    }
  g_assert_nonnull (none);
  g_assert_nonnull (some);

  jln_participants_view_show_participant (view, none);
  spin ();
  g_assert_false (action_enabled (GTK_WIDGET (page), "participant.print"));
  g_assert_false (action_enabled (GTK_WIDGET (page), "participant.save-pdf"));
  g_assert_false (action_enabled (GTK_WIDGET (page), "participant.export"));
  /* What still makes sense for them does. */
  g_assert_true (action_enabled (GTK_WIDGET (page), "participant.award"));
  g_assert_true (action_enabled (GTK_WIDGET (page), "participant.edit"));

  jln_participants_view_show_participant (view, some);
  spin ();
  g_assert_true (action_enabled (GTK_WIDGET (page), "participant.print"));
  g_assert_true (action_enabled (GTK_WIDGET (page), "participant.export"));
}

static void
test_page_revoke (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view = view_of (f);
  JlnParticipantPage *page = jln_participants_view_get_page (view);
  JlnParticipant *p = find_with_badges (f->store, 3);
  JlnIssuer *issuer = jln_session_get_issuer (f->session);
  g_autoptr(GListModel) awards = NULL;
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JlnAward) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status_path = NULL;
  guint earned_before;
  gboolean struck = TRUE;
  const char *status;

  g_assert_nonnull (p);
  g_assert_nonnull (issuer);
  jln_participants_view_show_participant (view, p);
  earned_before = jln_participant_page_get_n_earned (page);
  awards = jln_store_list_awards_for_participant (f->store, jln_participant_get_id (p), &error);
  g_assert_no_error (error);
  award = g_list_model_get_item (awards, 0);

  status = jln_participant_page_get_award_status (page, jln_award_get_id (award), &struck);
  g_assert_cmpstr (status, ==, "Attribué");
  g_assert_false (struck);

  /* Refused without a reason. */
  g_assert_false (jln_participant_page_revoke_award (page, jln_award_get_id (award), "", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  status_path = jln_issuer_dup_status_list_path (issuer);
  g_unlink (status_path);
  g_assert_true (jln_participant_page_revoke_award (page, jln_award_get_id (award),
                                                    "Attribué par erreur", &error));
  g_assert_no_error (error);

  status = jln_participant_page_get_award_status (page, jln_award_get_id (award), &struck);
  g_printerr ("revoked row: %s\n", status);
  g_assert_cmpstr (status, ==, "Retiré\u00a0: Attribué par erreur");
  g_assert_true (struck);
  /* Still in the history, no longer on the path. */
  g_assert_cmpuint (jln_participant_page_get_n_earned (page), ==, earned_before - 1);

  stored = jln_store_get_award (f->store, jln_award_get_id (award), &error);
  g_assert_no_error (error);
  g_assert_cmpint (jln_award_get_status (stored), ==, JLN_AWARD_STATUS_REVOKED);
  g_assert_cmpstr (jln_award_get_revoke_reason (stored), ==, "Attribué par erreur");
  /* The issuer rewrote the status list verifiers read. */
  g_assert_true (g_file_test (status_path, G_FILE_TEST_IS_REGULAR));

  /* Unknown award: a clear refusal. */
  g_assert_false (jln_participant_page_revoke_award (page, 987654, "x", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} PrintResult;

static void
on_printed (GObject *source, GAsyncResult *result, gpointer data)
{
  PrintResult *r = data;

  r->ok = jln_participant_page_print_finish (JLN_PARTICIPANT_PAGE (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
print_done (gpointer data)
{
  return ((PrintResult *) data)->done;
}

static int
pdf_pages (const char *path)
{
  g_autofree char *out = NULL;
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *cmd = g_strdup_printf ("pdfinfo %s", quoted);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) re = g_regex_new ("Pages:\\s+([0-9]+)", 0, 0, NULL);
  int status = 0;

  if (!g_spawn_command_line_sync (cmd, &out, NULL, &status, NULL) || status != 0)
    return -1;
  if (!g_regex_match (re, out, 0, &match))
    return -1;
  return atoi (g_match_info_fetch (match, 1));
}

static void
test_page_print (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view = view_of (f);
  JlnParticipantPage *page = jln_participants_view_get_page (view);
  JlnParticipant *p = find_with_badges (f->store, 3);
  g_autofree char *pdf = g_build_filename (f->dir, "booklet.pdf", NULL);
  g_autofree char *one = g_build_filename (f->dir, "one.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnParticipant) copy = NULL;
  g_autoptr(GListModel) awards = NULL;
  g_autoptr(JlnAward) first = NULL;
  PrintResult r = { 0 };
  guint earned;

  /* poppler-utils is installed by build-aux/dev.sh. */
  {
    g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
    g_assert_nonnull (pdfinfo);
  }
  g_assert_nonnull (p);
  earned = jln_participant_get_badge_count (p);

  /* Consent refused: nothing printed, the reason named. */
  jln_participant_set_consent_print (p, FALSE);
  g_assert_true (jln_store_update_participant (f->store, p, "test", &error));
  jln_participants_view_show_participant (view, p);
  jln_participant_page_print (page, 0, pdf, NULL, on_printed, &r);
  g_assert_true (wait_until (print_done, &r));
  g_assert_false (r.ok);
  g_assert_error (r.error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_NO_CONSENT);
  g_clear_error (&r.error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  jln_participant_set_consent_print (p, TRUE);
  g_assert_true (jln_store_update_participant (f->store, p, "test", &error));
  memset (&r, 0, sizeof r);
  jln_participant_page_print (page, 0, pdf, NULL, on_printed, &r);
  g_assert_true (wait_until (print_done, &r));
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  /* A booklet: a cover, then one page per badge. */
  g_assert_cmpint (pdf_pages (pdf), ==, earned + 1);

  awards = jln_store_list_awards_for_participant (f->store, jln_participant_get_id (p), &error);
  first = g_list_model_get_item (awards, 0);
  memset (&r, 0, sizeof r);
  jln_participant_page_print (page, jln_award_get_id (first), one, NULL, on_printed, &r);
  g_assert_true (wait_until (print_done, &r));
  g_assert_no_error (r.error);
  g_assert_cmpint (pdf_pages (one), ==, 1);
}

/* "Export All Their Data": what the page's action runs once a folder is
 * chosen (no consent question: the data goes to the person), and a
 * refusal for a folder that is not one. */
static void
test_page_export_data (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view = view_of (f);
  JlnParticipantPage *page = jln_participants_view_get_page (view);
  JlnParticipant *p = find_with_badges (f->store, 1);
  g_autofree char *out = g_build_filename (f->dir, "access", NULL);
  g_autofree char *file = g_build_filename (f->dir, "not-a-folder", NULL);
  g_autofree char *made = NULL;
  g_autofree char *data_json = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (p);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  jln_participants_view_show_participant (view, p);

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  g_assert_false (jln_participant_page_export_data (page, file, &made, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (made);

  g_assert_true (jln_participant_page_export_data (page, out, &made, &error));
  g_assert_no_error (error);
  data_json = g_build_filename (made, "data.json", NULL);
  g_assert_true (g_file_test (data_json, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_files (out), ==, 1);
}

static void
test_page_export (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view = view_of (f);
  JlnParticipantPage *page = jln_participants_view_get_page (view);
  JlnParticipant *p = find_with_badges (f->store, 2);
  g_autofree char *out = g_build_filename (f->dir, "export", NULL);
  g_autofree char *file = g_build_filename (f->dir, "a-file", NULL);
  const char *cli = g_getenv ("JALONS_CLI");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n = 0, earned;

  g_assert_nonnull (p);
  earned = jln_participant_get_badge_count (p);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  jln_participant_set_consent_online (p, FALSE);
  g_assert_true (jln_store_update_participant (f->store, p, "test", &error));
  jln_participants_view_show_participant (view, p);

  /* Not agreed, not confirmed: refused, nothing written. */
  g_assert_false (jln_participant_page_export (page, out, "png", FALSE, &n, &error));
  g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_CONSENT_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (out), ==, 0);

  /* Issue 10: answering "No" ends calmly: words that say so, nothing
   * written, nothing recorded (no consent, no export in the journal). */
  {
    g_autoptr(GListModel) before = jln_store_list_audit_events (f->store, 0, &error);
    g_autoptr(GListModel) after = NULL;
    g_autofree char *said = jln_participant_page_decline_export (page);

    g_assert_nonnull (said);
    g_assert_nonnull (strstr (said, jln_participant_get_first_name (p)));
    g_assert_null (strstr (said, "confirm"));
    after = jln_store_list_audit_events (f->store, 0, &error);
    g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (before));
    g_assert_cmpuint (count_files (out), ==, 0);
    g_assert_false (jln_participant_get_consent_online (jln_store_lookup_participant (f->store, jln_participant_get_id (p))));
  }

  /* Folders that are not usable: clear words. */
  g_assert_false (jln_participant_page_export (page, "/nonexistent/folder", "png", TRUE, &n, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent/folder"));
  g_printerr ("missing folder: %s\n", error->message);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  g_assert_false (jln_participant_page_export (page, file, "png", TRUE, &n, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (jln_participant_page_export (page, out, "gif", TRUE, &n, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Confirmed now: every active badge, as PNG. */
  g_assert_true (jln_participant_page_export (page, out, "png", TRUE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, earned);
  g_assert_cmpuint (count_files (out), ==, earned);

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_message ("JALONS_CLI not set: exports not verified by the CLI");
      return;
    }
  dir = g_dir_open (out, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (out, name, NULL);
      const char *argv[] = { cli, "verify", path, NULL };
      g_autofree char *std_out = NULL;
      g_autofree char *std_err = NULL;
      int status = -1;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &std_out, &std_err, &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_printerr ("verify %s:\n%s\n%s\n", name, std_out, std_err);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
}

static JlnAwardDialog *
find_award_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (JLN_IS_AWARD_DIALOG (w))
        return JLN_AWARD_DIALOG (w);
    }
  return NULL;
}

static void
test_award_action (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view = view_of (f);
  JlnParticipant *p = find_with_badges (f->store, 1);
  JlnAwardDialog *dialog;

  g_assert_nonnull (p);
  /* Nothing shown: Ctrl+Shift+A does nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.participant-award", NULL));
  g_assert_null (find_award_dialog ());

  jln_participants_view_show_participant (view, p);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.participant-award", NULL));
  dialog = find_award_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (jln_award_dialog_get_participant (dialog) == p);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Ctrl+E opens the form on them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.participant-edit", NULL));
  {
    GListModel *toplevels = gtk_window_get_toplevels (); /* not ours */
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
        if (JLN_IS_PARTICIPANT_FORM (w))
          {
            found = TRUE;
            gtk_window_destroy (GTK_WINDOW (w));
            break;
          }
      }
    g_assert_true (found);
  }
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The "Who holds it" row of @territory under @widget (criteria and
 * versions rows are never named after a territory). */
static GtkWidget *
find_holders_row (GtkWidget  *widget,
                  const char *territory)
{
  if (ADW_IS_ACTION_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), territory) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_holders_row (child, territory);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether @participant_id holds @badge_id now, from their awards. */
static gboolean
test_holds (JlnStore *store, gint64 participant_id, gint64 badge_id)
{
  g_autoptr(GListModel) awards = jln_store_list_awards_for_participant (store, participant_id, NULL);

  g_assert_nonnull (awards);
  for (guint i = 0; i < g_list_model_get_n_items (awards); i++)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (awards, i);

      if (jln_award_get_badge_id (award) == badge_id && jln_award_get_status (award) == JLN_AWARD_STATUS_ACTIVE)
        return TRUE;
    }
  return FALSE;
}

static guint
sql_holders (JlnStore *store, gint64 badge_id, const char *territory)
{
  g_autoptr(GHashTable) counts = jln_store_count_holders_by_territory (store, badge_id, NULL);

  g_assert_nonnull (counts);
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, territory));
}

/* A badge page's "Who holds it" row opens the participants list on exactly
 * the holders of that badge in that territory. */
static void
test_holders_from_badge_page (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view = view_of (f);
  GListModel *shown = jln_participants_view_get_model (view);
  GListModel *badges = jln_store_get_badges (f->store);
  GListModel *all = jln_store_get_participants (f->store);
  JlnBadgesView *badges_view;
  JlnBadgePage *page;
  JlnBadge *badge = NULL;
  g_autofree char *territory = NULL;
  gint64 territory_id = 0;
  guint best = 0, expected = 0;
  GtkWidget *row;
  JlnParticipant *revoked_holder = NULL;
  g_autofree char *count_text = NULL;

  /* The badge and territory with the most holders (the store's own count). */
  for (guint i = 0; i < g_list_model_get_n_items (badges); i++)
    {
      g_autoptr(JlnBadge) b = g_list_model_get_item (badges, i);
      g_autoptr(GHashTable) counts = jln_store_count_holders_by_territory (f->store, jln_badge_get_id (b), NULL);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (*(const char *) key != '\0' && GPOINTER_TO_UINT (value) > best)
          {
            best = GPOINTER_TO_UINT (value);
            badge = b;
            g_free (territory);
            territory = g_strdup (key);
          }
    }
  g_assert_nonnull (badge);
  g_assert_cmpuint (best, >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (jln_store_get_territories (f->store)); i++)
    {
      g_autoptr(JlnTerritory) t = g_list_model_get_item (jln_store_get_territories (f->store), i);

      if (g_strcmp0 (jln_territory_get_name (t), territory) == 0)
        territory_id = jln_territory_get_id (t);
    }
  g_assert_cmpint (territory_id, >, 0);

  /* Counted again here, person by person, from their awards. */
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (all, i);

      if (jln_participant_get_territory_id (p) == territory_id
          && test_holds (f->store, jln_participant_get_id (p), jln_badge_get_id (badge)))
        expected++;
    }
  g_assert_cmpuint (expected, ==, best);

  /* Someone searched for first: the holders list starts from all. */
  gtk_editable_set_text (jln_participants_view_get_search_entry (view), "zzz");
  g_signal_emit_by_name (jln_participants_view_get_search_entry (view), "search-changed");

  jln_window_set_view (f->window, "badges");
  badges_view = JLN_BADGES_VIEW (find_type (GTK_WIDGET (f->window), JLN_TYPE_BADGES_VIEW));
  jln_badges_view_show_badge (badges_view, badge);
  spin ();
  page = JLN_BADGE_PAGE (find_type (GTK_WIDGET (badges_view), JLN_TYPE_BADGE_PAGE));
  row = find_holders_row (GTK_WIDGET (page), territory);
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "win.show-holders");

  /* Activated as a click or Enter does. */
  g_signal_emit_by_name (row, "activate");
  spin ();
  g_assert_true (wait_until (filter_settled, shown));
  g_assert_cmpstr (jln_window_get_view (f->window), ==, "participants");
  g_assert_true (jln_participants_view_get_showing_holders (view));
  g_assert_false (jln_participants_view_get_showing_page (view));
  g_assert_cmpstr (gtk_editable_get_text (jln_participants_view_get_search_entry (view)), ==, "");
  g_assert_nonnull (strstr (jln_participants_view_get_holders_text (view), jln_badge_get_name (badge)));
  g_assert_nonnull (strstr (jln_participants_view_get_holders_text (view), territory));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected);
  count_text = g_strdup_printf (ngettext ("%u participant", "%u participants", expected), expected);
  g_assert_cmpstr (jln_participants_view_get_count_text (view), ==, count_text);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (shown, i);

      g_assert_cmpint (jln_participant_get_territory_id (p), ==, territory_id);
      g_assert_true (test_holds (f->store, jln_participant_get_id (p), jln_badge_get_id (badge)));
      revoked_holder = p;
    }

  /* A revoked badge is no longer held: the list follows. */
  {
    g_autoptr(GListModel) awards = jln_store_list_awards_for_participant (f->store, jln_participant_get_id (revoked_holder), NULL);

    for (guint i = 0; i < g_list_model_get_n_items (awards); i++)
      {
        g_autoptr(JlnAward) award = g_list_model_get_item (awards, i);
        g_autoptr(GError) error = NULL;

        if (jln_award_get_badge_id (award) == jln_badge_get_id (badge)
            && jln_award_get_status (award) == JLN_AWARD_STATUS_ACTIVE)
          {
            g_assert_true (jln_session_revoke_award (f->session, jln_award_get_id (award), "Erreur de saisie", &error));
            g_assert_no_error (error);
          }
      }
  }
  spin ();
  g_assert_true (wait_until (filter_settled, shown));
  g_assert_cmpuint (sql_holders (f->store, jln_badge_get_id (badge), territory), ==, expected - 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected - 1);
  g_assert_false (view_model_contains (view, revoked_holder));

  /* "Show Everyone" takes the filter away. */
  gtk_widget_activate_action (GTK_WIDGET (view), "participants.clear-holders", NULL);
  spin ();
  g_assert_true (wait_until (filter_settled, shown));
  g_assert_false (jln_participants_view_get_showing_holders (view));
  g_assert_null (jln_participants_view_get_holders_text (view));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (all));
}

static void
test_live_update (Fixture *f, gconstpointer data)
{
  JlnParticipantsView *view = view_of (f);
  JlnParticipantPage *page = jln_participants_view_get_page (view);
  JlnParticipant *p = find_with_badges (f->store, 1);
  g_autoptr(GListModel) awards = NULL;
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  g_assert_nonnull (p);
  jln_participants_view_show_participant (view, p);
  before = jln_participant_page_get_n_earned (page);
  awards = jln_store_list_awards_for_participant (f->store, jln_participant_get_id (p), &error);
  award = g_list_model_get_item (awards, g_list_model_get_n_items (awards) - 1);

  /* Undone elsewhere (the award dialog's toast): the page follows. */
  g_assert_true (jln_store_undo_award (f->store, jln_award_get_id (award), "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_participant_page_get_n_earned (page), ==, before - 1);
  g_assert_null (jln_participant_page_get_award_status (page, jln_award_get_id (award), NULL));
}

/* Screenshots for people to look at (French, normal and large-icon mode):
 * only when JALONS_PARTICIPANTS_SCREENSHOT_DIR names a folder. */
static gboolean
save_window_png (GtkWidget  *window,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (window), h = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  return gdk_texture_save_to_png (texture, path);
}

static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
test_screenshots (Fixture *f, gconstpointer data)
{
  const char *dir = g_getenv ("JALONS_PARTICIPANTS_SCREENSHOT_DIR");
  JlnParticipantsView *view = view_of (f);
  JlnParticipantPage *page = jln_participants_view_get_page (view);
  JlnParticipant *p = find_with_badges (f->store, 5);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GListModel) awards = NULL;
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *form;

  if (dir == NULL)
    {
      g_test_skip ("set JALONS_PARTICIPANTS_SCREENSHOT_DIR to take screenshots");
      return;
    }
  /* What AdwApplication does for the real app: our CSS and icons. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
    gtk_css_provider_load_from_resource (css, "/io/github/jalons/Jalons/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      "/io/github/jalons/Jalons/icons");
  }
  g_assert_nonnull (p);
  jln_participant_set_consent_print (p, TRUE);
  g_assert_true (jln_store_update_participant (f->store, p, "test", &error));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, g_getenv ("JALONS_SCREENSHOT_TALL") ? 2000 : 900);
  jln_participants_view_show_participant (view, p);
  awards = jln_store_list_awards_for_participant (f->store, jln_participant_get_id (p), &error);
  award = g_list_model_get_item (awards, 1);
  g_assert_true (jln_participant_page_revoke_award (page, jln_award_get_id (award),
                                                    "Critères pas vraiment remplis", &error));
  settle ();
  for (int large = 0; large < 2; large++)
    {
      g_autofree char *page_png = g_strdup_printf ("%s/participant-page%s.png", dir, large ? "-large" : "");
      g_autofree char *form_png = g_strdup_printf ("%s/participant-form%s.png", dir, large ? "-large" : "");

      g_settings_set_boolean (settings, "large-icons", large);
      settle ();
      g_assert_true (save_window_png (GTK_WIDGET (f->window), page_png));
      g_printerr ("screenshot: %s\n", page_png);

      form = jln_participant_form_new (f->session, p);
      gtk_window_set_transient_for (GTK_WINDOW (form), GTK_WINDOW (f->window));
      gtk_window_set_default_size (GTK_WINDOW (form), 560, g_getenv ("JALONS_SCREENSHOT_TALL") ? 1500 : 900);
      gtk_window_present (GTK_WINDOW (form));
      settle ();
      g_assert_true (save_window_png (form, form_png));
      g_printerr ("screenshot: %s\n", form_png);
      gtk_window_destroy (GTK_WINDOW (form));

      /* Export: what kind of file first, in plain words; erasure: what
       * goes and what stays, before anything is done. */
      for (guint k = 0; k < 2; k++)
        {
          const char *action = k == 0 ? "participant.export" : "participant.erase";
          g_autofree char *png = g_strdup_printf ("%s/%s%s.png", dir, k == 0 ? "export-kind" : "erase",
                                                  large ? "-large" : "");
          GListModel *toplevels = gtk_window_get_toplevels (); /* borrowed */
          GtkWidget *asked = NULL;

          gtk_widget_activate_action (GTK_WIDGET (page), action, NULL);
          settle ();
          for (guint i = 0; i < g_list_model_get_n_items (toplevels) && asked == NULL; i++)
            {
              g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

              if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
                asked = GTK_WIDGET (w);
            }
          g_assert_nonnull (asked);
          g_assert_true (save_window_png (asked, png));
          g_printerr ("screenshot: %s\n", png);
          adw_message_dialog_response (ADW_MESSAGE_DIALOG (asked), "cancel");
          gtk_window_destroy (GTK_WINDOW (asked));
          settle ();
        }

      /* The archived participants, each with Restore. */
      {
        g_autofree char *png = g_strdup_printf ("%s/archived%s.png", dir, large ? "-large" : "");
        JlnArchivedDialog *archived;

        if (large == 0)
          {
            JlnParticipant *other = find_with_badges (f->store, 1);

            if (other != p)
              g_assert_true (jln_session_archive_participant (f->session, jln_participant_get_id (other), &error));
          }
        archived = jln_archived_dialog_new (f->session, GTK_WINDOW (f->window));
        gtk_window_present (GTK_WINDOW (archived));
        settle ();
        g_assert_true (save_window_png (GTK_WIDGET (archived), png));
        g_printerr ("screenshot: %s\n", png);
        gtk_window_destroy (GTK_WINDOW (archived));
      }

      /* The catalogue searched, then searched for nothing; a badge's page
       * and its holders in one territory, in the participants list. */
      {
        JlnBadgesView *badges_view = JLN_BADGES_VIEW (find_type (GTK_WIDGET (f->window), JLN_TYPE_BADGES_VIEW));
        GtkEditable *search = jln_badges_view_get_search_entry (badges_view);
        g_autoptr(JlnBadge) badge = g_list_model_get_item (jln_store_get_badges (f->store), 0);
        JlnBadgePage *badge_page = JLN_BADGE_PAGE (find_type (GTK_WIDGET (badges_view), JLN_TYPE_BADGE_PAGE));
        g_autofree char *png = NULL;

        jln_window_set_view (f->window, "badges");
        gtk_widget_activate_action (GTK_WIDGET (badge_page), "badge.back", NULL);
        gtk_editable_set_text (search, "numerique");
        settle ();
        png = g_strdup_printf ("%s/badges-search%s.png", dir, large ? "-large" : "");
        g_assert_true (save_window_png (GTK_WIDGET (f->window), png));
        g_printerr ("screenshot: %s\n", png);
        gtk_editable_set_text (search, "zzz");
        settle ();
        g_free (png);
        png = g_strdup_printf ("%s/badges-no-match%s.png", dir, large ? "-large" : "");
        g_assert_true (save_window_png (GTK_WIDGET (f->window), png));
        g_printerr ("screenshot: %s\n", png);
        gtk_editable_set_text (search, "");
        settle ();

        jln_badges_view_show_badge (badges_view, badge);
        settle ();
        g_free (png);
        png = g_strdup_printf ("%s/badge-page%s.png", dir, large ? "-large" : "");
        g_assert_true (save_window_png (GTK_WIDGET (f->window), png));
        g_printerr ("screenshot: %s\n", png);
        /* Scrolled down to "Who holds it". */
        for (GtkWidget *w = GTK_WIDGET (badge_page); w != NULL; w = gtk_widget_get_first_child (w))
          if (GTK_IS_BOX (w) && gtk_widget_get_next_sibling (gtk_widget_get_first_child (w)) != NULL
              && GTK_IS_SCROLLED_WINDOW (gtk_widget_get_next_sibling (gtk_widget_get_first_child (w))))
            {
              GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (
                GTK_SCROLLED_WINDOW (gtk_widget_get_next_sibling (gtk_widget_get_first_child (w))));

              gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
              break;
            }
        settle ();
        g_free (png);
        png = g_strdup_printf ("%s/badge-page-holders%s.png", dir, large ? "-large" : "");
        g_assert_true (save_window_png (GTK_WIDGET (f->window), png));
        g_printerr ("screenshot: %s\n", png);

        {
          g_autoptr(GHashTable) counts = jln_store_count_holders_by_territory (f->store, jln_badge_get_id (badge), NULL);
          GHashTableIter iter;
          gpointer key;
          GtkWidget *holders_row = NULL;

          g_hash_table_iter_init (&iter, counts);
          while (holders_row == NULL && g_hash_table_iter_next (&iter, &key, NULL))
            if (*(const char *) key != '\0')
              holders_row = find_holders_row (GTK_WIDGET (badge_page), key);
          g_assert_nonnull (holders_row);
          g_signal_emit_by_name (holders_row, "activate");
        }
        settle ();
        g_free (png);
        png = g_strdup_printf ("%s/participants-holders%s.png", dir, large ? "-large" : "");
        g_assert_true (save_window_png (GTK_WIDGET (f->window), png));
        g_printerr ("screenshot: %s\n", png);
        jln_participants_view_clear_holders (view);
        jln_participants_view_show_participant (view, p);
        settle ();
      }
    }
  g_settings_set_boolean (settings, "large-icons", FALSE);
}

int
main (int argc, char **argv)
{
  const char *localedir;

  /* French, as the coaches use it: gettext reads these once. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "");
  localedir = g_getenv ("JALONS_LOCALEDIR");
  /* meson test sets it (tests/meson.build): no build path is compiled in. */
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/participants/templates", test_templates);
  g_test_add_func ("/participants/history-names-versions", test_history_names_versions);
#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/participants/form-create", test_form_create);
  ADD ("/participants/form-refusals", test_form_refusals);
  ADD ("/participants/form-bad-photos", test_form_bad_photos);
  ADD ("/participants/form-photo-and-edit", test_form_photo_and_edit);
  ADD ("/participants/archive", test_archive);
  ADD ("/participants/form-consents-undecided", test_form_consents_undecided);
  ADD ("/participants/erase-from-page", test_erase_from_page);
  ADD ("/participants/page-path", test_page_path);
  ADD ("/participants/page-actions-follow-badges", test_page_actions_follow_badges);
  ADD ("/participants/page-revoke", test_page_revoke);
  ADD ("/participants/page-print", test_page_print);
  ADD ("/participants/page-export", test_page_export);
  ADD ("/participants/page-export-data", test_page_export_data);
  ADD ("/participants/live-update", test_live_update);
  ADD ("/participants/award-action", test_award_action);
  ADD ("/participants/holders-from-badge-page", test_holders_from_badge_page);
  /* Screenshots are taken on request, not counted as a test. */
  if (g_getenv ("JALONS_PARTICIPANTS_SCREENSHOT_DIR") != NULL)
    ADD ("/participants/screenshots", test_screenshots);
  return g_test_run ();
}
