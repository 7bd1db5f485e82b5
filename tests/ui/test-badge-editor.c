/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-badge-editor"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <librsvg/rsvg.h>
#include <sqlite3.h>
#include <locale.h>
#include <glib/gi18n.h>

#include "store/jln-store.h"
#include "store/jln-demo.h"
#include "ui/shell/jln-ui-resources.h"
#include "ui/badges/jln-badge-editor.h"
#include "ui/print/jln-certificate.h"
#include "ui/common/jln-large-icons.h"
#include "ui/badges/jln-badge-page.h"
#include "ui/badges/jln-badges-view.h"
#include "ui/badges/jln-badge-composer.h"
#include "ui/common/jln-view.h"
#include "ui/shell/jln-window.h"

typedef struct {
  char     *dir;
  char     *db_path;
  JlnStore *store;
  GSettings  *settings;   /* the app's one GSettings */
  JlnSession *session;
} Fixture;

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "large-icons");
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  reset_settings ();
  f->dir = g_dir_make_tmp ("jalons-test-badge-editor-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "jalons.db", NULL);
  f->store = jln_store_open (f->db_path, &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  f->session = jln_session_new (f->store, f->settings, &error);
  g_assert_no_error (error);
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
  g_clear_object (&f->session);
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

static void
spin (void)
{
  for (guint i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static JlnBadge *
find_badge_by_name (JlnStore   *store,
                    const char *name)
{
  GListModel *badges = jln_store_get_badges (store);

  for (guint i = 0; i < g_list_model_get_n_items (badges); i++)
    {
      g_autoptr(JlnBadge) badge = g_list_model_get_item (badges, i);

      if (g_strcmp0 (jln_badge_get_name (badge), name) == 0)
        return badge; /* borrowed: the store's list keeps it */
    }
  return NULL;
}

static gboolean
svg_parses (const char *svg)
{
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle = rsvg_handle_new_from_data ((const guint8 *) svg, strlen (svg), &error);

  if (handle == NULL)
    {
      g_printerr ("librsvg refused the document: %s\n", error->message);
      return FALSE;
    }
  g_object_unref (handle);
  return TRUE;
}

/* A strict XML reader: GMarkup refuses unescaped '<' or '&'. */
static gboolean
xml_well_formed (const char *svg)
{
  static const GMarkupParser parser = { NULL, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char *body = strstr (svg, "<svg");

  if (!g_markup_parse_context_parse (context, body, -1, &error)
      || !g_markup_parse_context_end_parse (context, &error))
    {
      g_printerr ("not well-formed: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
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

static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first toggle button (a choice) under @widget. */
static GtkWidget *
find_actionable_toggle (GtkWidget *widget)
{
  if (GTK_IS_TOGGLE_BUTTON (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable_toggle (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A badge saved straight through the store (version 1). */
static JlnBadge *
add_plain_badge (JlnStore   *store,
                 const char *slug,
                 const char *name)
{
  g_autoptr(JlnBadge) badge = jln_badge_new (slug, name);
  g_autoptr(GError) error = NULL;

  jln_badge_set_status (badge, JLN_BADGE_STATUS_ACTIVE);
  jln_badge_set_easy_text (badge, "Je sais le faire.");
  jln_badge_set_kind (badge, JLN_BADGE_KIND_SAVOIR_FAIRE);
  jln_badge_add_criterion (badge, "Premier critère", TRUE);
  g_assert_true (jln_store_add_badge (store, badge, "test", &error));
  g_assert_no_error (error);
  return jln_store_lookup_badge (store, jln_badge_get_id (badge));
}

static gint64
award_badge (JlnStore *store,
             JlnBadge *badge)
{
  g_autoptr(JlnTerritory) territory = jln_territory_new ("Roubaix");
  g_autoptr(JlnParticipant) participant = jln_participant_new ("Awa", "Diallo");
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (jln_store_add_territory (store, territory, NULL, &error));
  g_assert_no_error (error);
  jln_participant_set_territory_id (participant, jln_territory_get_id (territory));
  g_assert_true (jln_store_add_participant (store, participant, "test", &error));
  g_assert_no_error (error);
  award = jln_award_new (jln_participant_get_id (participant), jln_badge_get_version_id (badge), 0);
  g_assert_true (jln_store_add_award (store, award, "test", NULL, NULL, &error));
  g_assert_no_error (error);
  return jln_award_get_id (award);
}

/* Our reference keeps the object alive: "closed" means GTK let it go. */
static gboolean
is_open (GtkWidget *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (item == (GObject *) window)
        return TRUE;
    }
  return FALSE;
}

/* ---- tests -------------------------------------------------------- */

static void
test_templates (Fixture *f, gconstpointer data)
{
  GtkWidget *composer = g_object_ref_sink (jln_badge_composer_new ());
  GtkWidget *page = g_object_ref_sink (jln_badge_page_new ());
  JlnBadgeEditor *editor = jln_badge_editor_new (f->session, NULL);
  JlnBadge *badge;

  g_assert_true (jln_badge_composer_get_valid (JLN_BADGE_COMPOSER (composer)));
  g_assert_nonnull (jln_badge_composer_get_svg (JLN_BADGE_COMPOSER (composer)));
  g_assert_true (JLN_IS_BADGE_EDITOR (editor));
  g_assert_cmpuint (jln_badge_editor_get_n_criteria (editor), ==, 1);
  g_assert_false (jln_badge_editor_get_modified (editor));
  g_assert_null (jln_badge_editor_get_version_notice (editor));
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The page with a badge, the editor on an existing badge. */
  badge = add_plain_badge (f->store, "lire", "Lire un horaire");
  jln_badge_page_set_session (JLN_BADGE_PAGE (page), f->session);
  jln_badge_page_set_badge (JLN_BADGE_PAGE (page), badge);
  g_assert_cmpstr (jln_badge_page_get_holders_summary (JLN_BADGE_PAGE (page)), ==,
                   "Nobody holds this badge yet.");
  editor = jln_badge_editor_new (f->session, badge);
  g_assert_cmpuint (jln_badge_editor_get_n_criteria (editor), ==, 1);
  g_assert_false (jln_badge_editor_get_modified (editor));
  gtk_window_destroy (GTK_WINDOW (editor));

  g_object_unref (page);
  g_object_unref (composer);
}

static void
test_slug (void)
{
  g_autofree char *a = jln_badge_slug_from_name ("Santé : prendre RDV");
  g_autofree char *b = jln_badge_slug_from_name ("  Être à l’heure !  ");
  g_autofree char *c = jln_badge_slug_from_name ("!!!");
  g_autofree char *d = jln_badge_slug_from_name (NULL);

  g_assert_cmpstr (a, ==, "sante-prendre-rdv");
  g_assert_cmpstr (b, ==, "etre-a-l-heure");
  g_assert_cmpstr (c, ==, "badge");
  g_assert_cmpstr (d, ==, "badge");
}

static void
test_create (Fixture *f, gconstpointer data)
{
  JlnBadgeEditor *editor = g_object_ref (jln_badge_editor_new (f->session, NULL));
  JlnBadgeComposer *composer = jln_badge_editor_get_composer (editor);
  GListModel *criteria;
  JlnBadge *badge;
  g_autoptr(JlnCriterion) first = NULL;
  g_autoptr(JlnCriterion) second = NULL;
  g_autoptr(JlnCriterion) third = NULL;
  JlnBadgeShape shape;
  g_autofree char *primary = NULL;
  g_autofree char *pictogram = NULL;
  g_autofree char *label = NULL;
  guint n_before = g_list_model_get_n_items (jln_store_get_badges (f->store));

  gtk_window_present (GTK_WINDOW (editor));
  jln_badge_editor_set_name (editor, "Santé : prendre RDV");
  jln_badge_editor_set_easy_text (editor, "Je prends un rendez-vous chez le médecin.");
  jln_badge_editor_set_description (editor, "La personne prend seule un rendez-vous médical.");
  jln_badge_editor_set_theme (editor, "Santé");
  jln_badge_editor_set_kind (editor, JLN_BADGE_KIND_SAVOIR_FAIRE);
  jln_badge_editor_add_criterion (editor, "Trouve le numéro", TRUE);
  jln_badge_editor_add_criterion (editor, "Appelle", FALSE);
  jln_badge_editor_add_criterion (editor, "Note la date", TRUE);
  g_assert_cmpuint (jln_badge_editor_get_n_criteria (editor), ==, 3);
  /* "Note la date" goes before "Appelle". */
  jln_badge_editor_move_criterion (editor, 2, -1);
  g_assert_true (jln_badge_editor_get_modified (editor));

  jln_badge_composer_set_shape (composer, JLN_BADGE_SHAPE_SHIELD);
  jln_badge_composer_set_primary (composer, "ink");
  jln_badge_composer_set_secondary (composer, "white");
  jln_badge_composer_set_pictogram (composer, "heart");
  jln_badge_composer_set_label (composer, "Niveau 1");
  g_assert_true (jln_badge_composer_get_valid (composer));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  spin ();
  g_assert_null (jln_badge_editor_get_message (editor));

  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_badges (f->store)), ==, n_before + 1);
  badge = find_badge_by_name (f->store, "Santé : prendre RDV");
  g_assert_nonnull (badge);
  g_assert_true (jln_badge_editor_get_badge (editor) == badge);
  g_assert_cmpstr (jln_badge_get_slug (badge), ==, "sante-prendre-rdv");
  g_assert_cmpstr (jln_badge_get_easy_text (badge), ==, "Je prends un rendez-vous chez le médecin.");
  g_assert_cmpstr (jln_badge_get_theme (badge), ==, "Santé");
  g_assert_cmpint (jln_badge_get_kind (badge), ==, JLN_BADGE_KIND_SAVOIR_FAIRE);
  g_assert_cmpint (jln_badge_get_status (badge), ==, JLN_BADGE_STATUS_ACTIVE);
  g_assert_cmpuint (jln_badge_get_version (badge), ==, 1);

  criteria = jln_badge_get_criteria (badge);
  g_assert_cmpuint (g_list_model_get_n_items (criteria), ==, 3);
  first = g_list_model_get_item (criteria, 0);
  second = g_list_model_get_item (criteria, 1);
  third = g_list_model_get_item (criteria, 2);
  g_assert_cmpstr (jln_criterion_get_text (first), ==, "Trouve le numéro");
  g_assert_true (jln_criterion_get_required (first));
  g_assert_cmpstr (jln_criterion_get_text (second), ==, "Note la date");
  g_assert_true (jln_criterion_get_required (second));
  g_assert_cmpstr (jln_criterion_get_text (third), ==, "Appelle");
  g_assert_false (jln_criterion_get_required (third));

  /* The image is a real SVG, and the composer's choices come back. */
  g_assert_nonnull (jln_badge_get_image_svg (badge));
  g_assert_true (svg_parses (jln_badge_get_image_svg (badge)));
  g_assert_true (jln_badge_composer_read_choices (jln_badge_get_image_svg (badge), &shape,
                                                    &primary, NULL, &pictogram, &label));
  g_assert_cmpint (shape, ==, JLN_BADGE_SHAPE_SHIELD);
  g_assert_cmpstr (primary, ==, "ink");
  g_assert_cmpstr (pictogram, ==, "heart");
  g_assert_cmpstr (label, ==, "Niveau 1");

  /* Reopened, the composer starts from the same choices and keeps the
   * image as it is until something changes. */
  {
    JlnBadgeEditor *again = jln_badge_editor_new (f->session, badge);
    JlnBadgeComposer *c = jln_badge_editor_get_composer (again);

    g_assert_cmpint (jln_badge_composer_get_shape (c), ==, JLN_BADGE_SHAPE_SHIELD);
    g_assert_cmpstr (jln_badge_composer_get_pictogram (c), ==, "heart");
    g_assert_cmpstr (jln_badge_composer_get_svg (c), ==, jln_badge_get_image_svg (badge));
    gtk_window_destroy (GTK_WINDOW (again));
  }

  g_object_unref (editor);
}

static void
test_low_contrast (Fixture *f, gconstpointer data)
{
  JlnBadgeEditor *editor = g_object_ref (jln_badge_editor_new (f->session, NULL));
  JlnBadgeComposer *composer = jln_badge_editor_get_composer (editor);
  GtkWidget *save_button = find_actionable (GTK_WIDGET (editor), "editor.save");
  guint n_before = g_list_model_get_n_items (jln_store_get_badges (f->store));

  g_assert_nonnull (save_button);
  gtk_window_present (GTK_WINDOW (editor));
  jln_badge_editor_set_name (editor, "Contraste");
  jln_badge_editor_set_easy_text (editor, "Un texte.");
  jln_badge_editor_add_criterion (editor, "Un critère", TRUE);
  spin ();
  g_assert_true (gtk_widget_get_sensitive (save_button));

  /* White on sand is far below 3:1. */
  jln_badge_composer_set_primary (composer, "sand");
  jln_badge_composer_set_secondary (composer, "white");
  spin ();
  g_assert_false (jln_badge_composer_get_valid (composer));
  g_assert_nonnull (jln_badge_composer_get_problem (composer));
  g_assert_null (jln_badge_composer_get_svg (composer));
  g_assert_false (gtk_widget_get_sensitive (save_button));

  /* Ctrl+S on a disabled action does nothing either. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_badges (f->store)), ==, n_before);
  g_assert_null (find_badge_by_name (f->store, "Contraste"));

  /* A readable pair makes it savable again. */
  jln_badge_composer_set_secondary (composer, "charcoal");
  spin ();
  g_assert_true (jln_badge_composer_get_valid (composer));
  g_assert_true (gtk_widget_get_sensitive (save_button));

  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
}

static void
test_refusals (Fixture *f, gconstpointer data)
{
  JlnBadgeEditor *editor = g_object_ref (jln_badge_editor_new (f->session, NULL));
  guint n_before;

  add_plain_badge (f->store, "lire-un-horaire", "Lire un horaire");
  n_before = g_list_model_get_n_items (jln_store_get_badges (f->store));

  /* Empty name: refused with a message, nothing saved, window open. */
  jln_badge_editor_set_name (editor, "   ");
  jln_badge_editor_set_easy_text (editor, "Je lis un horaire de bus.");
  jln_badge_editor_add_criterion (editor, "Trouve l’heure", TRUE);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  spin ();
  g_assert_nonnull (jln_badge_editor_get_message (editor));
  g_assert_nonnull (strstr (jln_badge_editor_get_message (editor), "name"));
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_badges (f->store)), ==, n_before);
  g_assert_null (jln_badge_editor_get_badge (editor));

  /* Empty easy-to-read text. */
  jln_badge_editor_set_name (editor, "Horaires");
  jln_badge_editor_set_easy_text (editor, "");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  spin ();
  g_assert_nonnull (jln_badge_editor_get_message (editor));
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_badges (f->store)), ==, n_before);

  /* A name another badge already has: the store's reason, nothing saved. */
  jln_badge_editor_set_name (editor, "Lire un horaire");
  jln_badge_editor_set_easy_text (editor, "Je lis un horaire de bus.");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  spin ();
  g_assert_nonnull (jln_badge_editor_get_message (editor));
  g_assert_nonnull (strstr (jln_badge_editor_get_message (editor), "not saved"));
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_badges (f->store)), ==, n_before);

  /* A criterion left empty everywhere. */
  jln_badge_editor_set_name (editor, "Horaires");
  jln_badge_editor_add_criterion (editor, "", TRUE);
  g_assert_cmpuint (jln_badge_editor_get_n_criteria (editor), ==, 2);
  jln_badge_editor_remove_criterion (editor, 0);
  g_assert_cmpuint (jln_badge_editor_get_n_criteria (editor), ==, 1);
  jln_badge_editor_remove_criterion (editor, 0); /* the last one stays */
  g_assert_cmpuint (jln_badge_editor_get_n_criteria (editor), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  spin ();
  g_assert_nonnull (jln_badge_editor_get_message (editor));
  g_assert_cmpuint (g_list_model_get_n_items (jln_store_get_badges (f->store)), ==, n_before);

  /* Cancel with changes asks first: the window stays. */
  g_assert_true (jln_badge_editor_get_modified (editor));
  g_assert_true (is_open (GTK_WIDGET (editor)));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  spin ();
  g_assert_true (is_open (GTK_WIDGET (editor)));
  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);

  /* Without changes, Cancel just closes. */
  editor = g_object_ref (jln_badge_editor_new (f->session, NULL));
  g_assert_true (is_open (GTK_WIDGET (editor)));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  spin ();
  g_assert_false (is_open (GTK_WIDGET (editor)));
  g_object_unref (editor);
}

static void
test_new_version (Fixture *f, gconstpointer data)
{
  JlnBadge *badge = add_plain_badge (f->store, "ecrire", "Écrire un courriel");
  gint64 badge_id = jln_badge_get_id (badge);
  gint64 award_id = award_badge (f->store, badge);
  JlnBadgeEditor *editor;
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(GListModel) versions = NULL;
  g_autoptr(GError) error = NULL;
  JlnBadge *live;

  g_assert_cmpuint (jln_badge_get_holder_count (badge), ==, 1);
  editor = g_object_ref (jln_badge_editor_new (f->session, badge));
  /* Told before saving. */
  g_assert_cmpstr (jln_badge_editor_get_version_notice (editor), ==,
                   "1 badge was awarded under version 1. Saving creates version 2; that badge keeps version 1.");

  jln_badge_editor_set_easy_text (editor, "J’écris un courriel simple.");
  jln_badge_editor_add_criterion (editor, "Ajoute une pièce jointe", FALSE);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  spin ();
  g_assert_null (jln_badge_editor_get_message (editor));

  live = jln_store_lookup_badge (f->store, badge_id);
  g_assert_nonnull (live);
  g_assert_cmpuint (jln_badge_get_version (live), ==, 2);
  g_assert_cmpstr (jln_badge_get_easy_text (live), ==, "J’écris un courriel simple.");
  g_assert_cmpuint (g_list_model_get_n_items (jln_badge_get_criteria (live)), ==, 2);

  award = jln_store_get_award (f->store, award_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jln_award_get_badge_version (award), ==, 1);

  versions = jln_store_list_badge_versions (f->store, badge_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (versions), ==, 2);
  g_object_unref (editor);

  /* Version 2 has no award yet: the next save updates it in place, and
   * the editor says so instead of announcing a version 3. */
  editor = g_object_ref (jln_badge_editor_new (f->session, live));
  g_assert_cmpstr (jln_badge_editor_get_version_notice (editor), ==,
                   "1 person holds an older version of this badge. Nobody holds version 2 yet, "
                   "so saving updates it; their badge keeps its version.");
  jln_badge_editor_set_easy_text (editor, "J’écris un courriel clair.");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  spin ();
  g_assert_null (jln_badge_editor_get_message (editor));
  g_assert_cmpuint (jln_badge_get_version (jln_store_lookup_badge (f->store, badge_id)), ==, 2);
  g_object_unref (editor);
}

static void
test_archive (Fixture *f, gconstpointer data)
{
  JlnBadge *badge = add_plain_badge (f->store, "cuisiner", "Cuisiner un repas");
  gint64 badge_id = jln_badge_get_id (badge);
  gint64 award_id = award_badge (f->store, badge);
  GtkWidget *page = g_object_ref_sink (jln_badge_page_new ());
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(GError) error = NULL;

  jln_badge_page_set_session (JLN_BADGE_PAGE (page), f->session);
  jln_badge_page_set_badge (JLN_BADGE_PAGE (page), badge);
  g_assert_cmpstr (jln_badge_page_get_holders_summary (JLN_BADGE_PAGE (page)), ==,
                   "1 person holds this badge.");

  g_assert_true (jln_badge_page_set_archived (JLN_BADGE_PAGE (page), TRUE, &error));
  g_assert_no_error (error);
  g_assert_null (jln_store_lookup_badge (f->store, badge_id));
  g_assert_null (find_badge_by_name (f->store, "Cuisiner un repas"));
  g_assert_cmpint (jln_badge_get_status (jln_badge_page_get_badge (JLN_BADGE_PAGE (page))), ==,
                   JLN_BADGE_STATUS_ARCHIVED);

  award = jln_store_get_award (f->store, award_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jln_award_get_status (award), ==, JLN_AWARD_STATUS_ACTIVE);
  g_assert_cmpstr (jln_badge_page_get_holders_summary (JLN_BADGE_PAGE (page)), ==,
                   "1 person holds this badge.");

  /* Restore brings it back to the catalogue; the page follows. */
  g_assert_true (jln_badge_page_set_archived (JLN_BADGE_PAGE (page), FALSE, &error));
  g_assert_no_error (error);
  g_assert_nonnull (jln_store_lookup_badge (f->store, badge_id));
  g_assert_true (jln_badge_page_get_badge (JLN_BADGE_PAGE (page)) == jln_store_lookup_badge (f->store, badge_id));
  g_assert_cmpint (jln_badge_get_status (jln_badge_page_get_badge (JLN_BADGE_PAGE (page))), ==,
                   JLN_BADGE_STATUS_ACTIVE);

  g_object_unref (page);
}

/* ---- images from a file ---- */

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, len, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static const char good_svg[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<!-- drawn in Inkscape by the Tuesday group -->\n"
  "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 256 256\">\n"
  "  <defs><radialGradient id=\"sun\"><stop offset=\"0\" stop-color=\"#F6D32D\"/>"
  "<stop offset=\"1\" stop-color=\"#E66100\"/></radialGradient></defs>\n"
  "  <circle cx=\"128\" cy=\"128\" r=\"120\" fill=\"url(#sun)\" stroke=\"#63452C\" stroke-width=\"8\"/>\n"
  "  <image x=\"96\" y=\"96\" width=\"64\" height=\"64\" xlink:href=\"data:image/png;base64,"
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==\"/>\n"
  "</svg>\n";

/* Refused files leave the editor as it was, with the reason shown; an
 * accepted one is saved byte for byte, until the coach goes back to the
 * composer. */
static void
test_import_svg (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *name;
    const char *contents;
    const char *words;  /* in the message */
  } refused[] = {
    { "rires.svg",
      "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
      "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&b;&b;&b;</text></svg>", "document type" },
    { "lien.svg",
      "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"https://example.org/pixel.png\"/></svg>",
      "outside itself" },
    { "script.svg",
      "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "script" },
    { "texte.svg", "Ceci n’est pas un dessin.", "not" },
  };
  JlnBadge *badge = add_plain_badge (f->store, "cuisiner", "Cuisiner un repas");
  gint64 badge_id = jln_badge_get_id (badge);
  g_autofree char *before = g_strdup (jln_badge_get_image_svg (badge));
  JlnBadgeEditor *editor;
  JlnBadgeComposer *composer;
  g_autofree char *composed = NULL;
  g_autoptr(GString) big = g_string_new ("<svg xmlns=\"http://www.w3.org/2000/svg\"><!--");
  g_autoptr(GFile) big_file = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GFile) good = NULL;
  g_autoptr(GError) error = NULL;

  editor = g_object_ref (jln_badge_editor_new (f->session, badge));
  composer = jln_badge_editor_get_composer (editor);
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_nonnull (find_actionable (GTK_WIDGET (editor), "editor.import-svg"));
  jln_badge_composer_set_pictogram (composer, "bus");
  composed = g_strdup (jln_badge_composer_get_svg (composer));
  g_assert_false (jln_badge_composer_get_custom_image (composer));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GFile) file = write_file (f, refused[i].name, refused[i].contents, -1);

      g_assert_false (jln_badge_editor_import_svg (editor, file, &error));
      g_assert_error (error, JLN_BADGE_ART_ERROR,
                      (i == 3 ? JLN_BADGE_ART_ERROR_SVG_NOT_SVG : JLN_BADGE_ART_ERROR_SVG_UNSAFE));
      g_clear_error (&error);
      g_assert_nonnull (jln_badge_editor_get_message (editor));
      g_assert_nonnull (strstr (jln_badge_editor_get_message (editor), refused[i].name));
      g_assert_nonnull (strstr (jln_badge_editor_get_message (editor), refused[i].words));
      /* The composer keeps its drawing. */
      g_assert_cmpstr (jln_badge_composer_get_svg (composer), ==, composed);
      g_assert_false (jln_badge_composer_get_custom_image (composer));
    }

  /* 2 MB: refused on its size. */
  while (big->len < 2 * 1024 * 1024)
    g_string_append (big, "0123456789abcdef");
  g_string_append (big, "--></svg>");
  big_file = write_file (f, "enorme.svg", big->str, big->len);
  g_assert_false (jln_badge_editor_import_svg (editor, big_file, &error));
  g_assert_error (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_SVG_TOO_LARGE);
  g_clear_error (&error);
  g_assert_cmpstr (jln_badge_composer_get_svg (composer), ==, composed);

  /* A file that is not there. */
  missing = g_file_new_build_filename (f->dir, "absent.svg", NULL);
  g_assert_false (jln_badge_editor_import_svg (editor, missing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_nonnull (strstr (jln_badge_editor_get_message (editor), "absent.svg"));

  /* Nothing was saved by any of it. */
  g_assert_cmpstr (jln_badge_get_image_svg (jln_store_lookup_badge (f->store, badge_id)), ==, before);

  /* Accepted: shown as is, the message goes, "Back to the composer" offered. */
  good = write_file (f, "soleil.svg", good_svg, -1);
  g_assert_true (jln_badge_editor_import_svg (editor, good, &error));
  g_assert_no_error (error);
  g_assert_null (jln_badge_editor_get_message (editor));
  g_assert_true (jln_badge_composer_get_custom_image (composer));
  g_assert_cmpstr (jln_badge_composer_get_svg (composer), ==, good_svg);
  g_assert_true (gtk_widget_get_visible (find_actionable (GTK_WIDGET (editor), "editor.back-to-composer")));
  g_assert_true (jln_badge_editor_get_modified (editor));

  /* Back to the composer: the earlier choices come back, then the file again. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.back-to-composer", NULL);
  g_assert_false (jln_badge_composer_get_custom_image (composer));
  g_assert_cmpstr (jln_badge_composer_get_pictogram (composer), ==, "bus");
  g_assert_false (gtk_widget_get_visible (find_actionable (GTK_WIDGET (editor), "editor.back-to-composer")));
  g_assert_true (jln_badge_editor_import_svg (editor, good, NULL));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  spin ();
  g_assert_null (jln_badge_editor_get_message (editor));
  g_assert_cmpstr (jln_badge_get_image_svg (jln_store_lookup_badge (f->store, badge_id)), ==, good_svg);
  g_object_unref (editor);

  /* Opened again: still the file's image, and the choices cannot be
   * clicked by mistake: only "Draw a New Image" replaces it. */
  editor = g_object_ref (jln_badge_editor_new (f->session, jln_store_lookup_badge (f->store, badge_id)));
  composer = jln_badge_editor_get_composer (editor);
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (jln_badge_composer_get_custom_image (composer));
  g_assert_cmpstr (jln_badge_composer_get_svg (composer), ==, good_svg);
  g_assert_false (gtk_widget_is_sensitive (find_actionable_toggle (GTK_WIDGET (composer))));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.back-to-composer", NULL);
  g_assert_false (jln_badge_composer_get_custom_image (composer));
  g_assert_true (gtk_widget_is_sensitive (find_actionable_toggle (GTK_WIDGET (composer))));
  g_assert_true (jln_badge_composer_read_choices (jln_badge_composer_get_svg (composer),
                                                    NULL, NULL, NULL, NULL, NULL));
  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
}

static const char *
colour_hex (const char *id)
{
  const JlnPaletteColour *colour = jln_badge_art_palette_lookup (id);

  g_assert_nonnull (colour);
  return colour->hex;
}

/* Issue 10 (1): opening a badge started from the star and an empty label,
 * and the first colour change replaced its drawing. */
static void
check_opens_with_own_choices (Fixture    *f,
                              JlnBadge   *badge,
                              JlnBadgeShape shape,
                              const char *pictogram,
                              const char *label)
{
  JlnBadgeEditor *editor = g_object_ref (jln_badge_editor_new (f->session, badge));
  JlnBadgeComposer *composer = jln_badge_editor_get_composer (editor);
  const char *original = jln_badge_get_image_svg (badge);
  g_autofree char *old_primary = NULL;
  const char *new_primary = NULL;
  const JlnPaletteColour *palette;
  guint n_colours;
  JlnBadgeShape read_shape;
  g_autofree char *read_pictogram = NULL;
  g_autofree char *read_label = NULL;

  g_assert_false (jln_badge_composer_get_custom_image (composer));
  g_assert_cmpint (jln_badge_composer_get_shape (composer), ==, shape);
  g_assert_cmpstr (jln_badge_composer_get_pictogram (composer), ==, pictogram);
  g_assert_cmpstr (jln_badge_composer_get_label (composer), ==, label);
  /* Untouched, the badge keeps its very image. */
  g_assert_cmpstr (jln_badge_composer_get_svg (composer), ==, original);
  g_assert_false (jln_badge_editor_get_modified (editor));

  /* One colour changed (the first that still contrasts): the same drawing
   * in the new colour. */
  old_primary = g_strdup (jln_badge_composer_get_primary (composer));
  palette = jln_badge_art_palette (&n_colours);
  for (guint i = 0; i < n_colours && new_primary == NULL; i++)
    if (strcmp (palette[i].id, old_primary) != 0
        && jln_badge_art_contrast_ratio (palette[i].hex, colour_hex (jln_badge_composer_get_secondary (composer)))
           >= JLN_BADGE_ART_MIN_CONTRAST)
      new_primary = palette[i].id;
  g_assert_nonnull (new_primary);
  jln_badge_composer_set_primary (composer, new_primary);
  g_assert_true (jln_badge_composer_get_valid (composer));
  g_assert_cmpstr (jln_badge_composer_get_svg (composer), !=, original);
  g_assert_true (jln_badge_composer_read_choices (jln_badge_composer_get_svg (composer), &read_shape,
                                                  NULL, NULL, &read_pictogram, &read_label));
  g_assert_cmpint (read_shape, ==, shape);
  g_assert_cmpstr (read_pictogram, ==, pictogram);
  g_assert_cmpstr (read_label, ==, label);
  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
}

static char *
strip_metadata (const char *svg)
{
  const char *start = strstr (svg, "<metadata>");
  const char *end = start ? strstr (start, "</metadata>") : NULL;

  g_assert_nonnull (end);
  return g_strdup_printf ("%.*s%s", (int) (start - svg), svg, end + strlen ("</metadata>"));
}

static void
test_existing_art (Fixture *f, gconstpointer data)
{
  JlnDemoOptions options = { 6, 0, 3, 0 };
  JlnBadgeArtSpec spec = { JLN_BADGE_SHAPE_HEXAGON, "#0E7C7B", "#FFFFFF", "heart", "Niveau 1" };
  g_autofree char *drawn = jln_badge_art_render (&spec, NULL);
  g_autofree char *old_drawing = strip_metadata (drawn);
  g_autoptr(JlnBadge) old = jln_badge_new ("ancien", "Badge d’avant");
  g_autoptr(GError) error = NULL;
  GListModel *badges;
  guint n_checked = 0;

  g_assert_true (jln_demo_build (f->store, &options, &error));
  g_assert_no_error (error);

  /* Every demo badge opens on its own shape, pictogram and label. */
  badges = jln_store_get_badges (f->store);
  for (guint i = 0; i < g_list_model_get_n_items (badges); i++)
    {
      g_autoptr(JlnBadge) badge = g_list_model_get_item (badges, i);
      JlnBadgeShape shape;
      g_autofree char *pictogram = NULL;
      g_autofree char *label = NULL;

      g_assert_true (jln_badge_composer_read_choices (jln_badge_get_image_svg (badge), &shape,
                                                      NULL, NULL, &pictogram, &label));
      check_opens_with_own_choices (f, badge, shape, pictogram, label);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 15);

  /* A badge drawn here before images carried their choices (the demo
   * databases made until now): recognised from the drawing itself. */
  jln_badge_set_status (old, JLN_BADGE_STATUS_ACTIVE);
  jln_badge_set_easy_text (old, "Je sais le faire.");
  jln_badge_set_kind (old, JLN_BADGE_KIND_SAVOIR);
  jln_badge_add_criterion (old, "Premier critère", TRUE);
  jln_badge_set_image_svg (old, old_drawing);
  g_assert_true (jln_store_add_badge (f->store, old, "test", &error));
  g_assert_no_error (error);
  check_opens_with_own_choices (f, jln_store_lookup_badge (f->store, jln_badge_get_id (old)),
                                JLN_BADGE_SHAPE_HEXAGON, "heart", "Niveau 1");
}

/* ---- screenshots (only with JALONS_BADGE_EDITOR_SCREENSHOTS=DIR) ---- */

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
write_png (GtkWidget  *widget,
           const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_printerr ("# wrote %s\n", path);
}

/* Scrolls every scrolled window under @widget to @fraction of its range. */
static void
scroll_all (GtkWidget *widget,
            double     fraction)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));

      gtk_adjustment_set_value (adj, (gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj)) * fraction);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    scroll_all (child, fraction);
}

static void
test_screenshots (Fixture *f, gconstpointer data)
{
  const char *dir = g_getenv ("JALONS_BADGE_EDITOR_SCREENSHOTS");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  gint64 first_id = 0;

  if (dir == NULL)
    {
      g_test_skip ("set JALONS_BADGE_EDITOR_SCREENSHOTS=DIR to take screenshots");
      return;
    }
  /* What the application does at startup: our style sheet. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    jln_ui_register_resources ();
    gtk_css_provider_load_from_resource (css, "/io/github/jalons/Jalons/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  for (int large = 0; large <= 1; large++)
    {
      g_autofree char *slug = g_strdup_printf ("lire-%d", large);
      JlnBadge *badge = add_plain_badge (f->store, slug, large ? "Lire un horaire (grand)" : "Lire un horaire");
      g_autoptr(GFile) good = write_file (f, "soleil.svg", good_svg, -1);
      g_autoptr(GFile) bad = write_file (f, "lien.svg",
                                         "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"https://example.org/a.png\"/></svg>", -1);
      JlnBadgeEditor *editor;
      GtkWidget *window, *page;
      g_autofree char *name = NULL;

      g_settings_set_boolean (settings, "large-icons", large);
      /* Awarded once, so saving makes a version 2 for the history. */
      if (!large)
        {
          award_badge (f->store, badge);
          first_id = jln_badge_get_id (badge);
        }
      editor = g_object_ref (jln_badge_editor_new (f->session, badge));
      gtk_window_set_default_size (GTK_WINDOW (editor), 1200, 900);
      gtk_window_present (GTK_WINDOW (editor));
      wait_ms (800);
      scroll_all (GTK_WIDGET (editor), 1.0);
      wait_ms (400);
      name = g_strdup_printf ("badge-editor-composer%s.png", large ? "-large" : "");
      write_png (GTK_WIDGET (editor), dir, name);

      jln_badge_editor_import_svg (editor, bad, NULL);
      wait_ms (400);
      g_free (name);
      name = g_strdup_printf ("badge-editor-refused%s.png", large ? "-large" : "");
      write_png (GTK_WIDGET (editor), dir, name);

      g_assert_true (jln_badge_editor_import_svg (editor, good, NULL));
      wait_ms (400);
      scroll_all (GTK_WIDGET (editor), 1.0);
      wait_ms (400);
      g_free (name);
      name = g_strdup_printf ("badge-editor-custom%s.png", large ? "-large" : "");
      write_png (GTK_WIDGET (editor), dir, name);
      gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
      wait_ms (200);
      g_object_unref (editor);

      window = gtk_window_new ();
      page = jln_badge_page_new ();
      gtk_window_set_child (GTK_WINDOW (window), page);
      gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
      jln_badge_page_set_session (JLN_BADGE_PAGE (page), f->session);
      jln_badge_page_set_badge (JLN_BADGE_PAGE (page), jln_store_lookup_badge (f->store, first_id));
      jln_badge_page_set_large_icons (JLN_BADGE_PAGE (page), large);
      if (large)
        gtk_widget_add_css_class (window, "large-icons");
      gtk_window_present (GTK_WINDOW (window));
      wait_ms (800);
      scroll_all (window, 1.0);
      wait_ms (400);
      g_free (name);
      name = g_strdup_printf ("badge-page-versions%s.png", large ? "-large" : "");
      write_png (window, dir, name);
      gtk_window_destroy (GTK_WINDOW (window));

      /* A badge drawn before images carried their choices, opened. */
      {
        JlnBadgeArtSpec spec = { JLN_BADGE_SHAPE_HEXAGON, "#0E7C7B", "#FFFFFF", "heart", "Niveau 1" };
        g_autofree char *drawn = jln_badge_art_render (&spec, NULL);
        g_autofree char *old_drawing = strip_metadata (drawn);
        g_autofree char *old_slug = g_strdup_printf ("ancien-%d", large);
        g_autoptr(JlnBadge) old = jln_badge_new (old_slug, large ? "Prendre soin de sa santé (grand)"
                                                               : "Prendre soin de sa santé");

        jln_badge_set_status (old, JLN_BADGE_STATUS_ACTIVE);
        jln_badge_set_easy_text (old, "Je prends soin de ma santé.");
        jln_badge_set_kind (old, JLN_BADGE_KIND_SAVOIR_ETRE);
        jln_badge_add_criterion (old, "Prend un rendez-vous", TRUE);
        jln_badge_set_image_svg (old, old_drawing);
        g_assert_true (jln_store_add_badge (f->store, old, "test", NULL));
        editor = g_object_ref (jln_badge_editor_new (f->session, jln_store_lookup_badge (f->store, jln_badge_get_id (old))));
        gtk_window_set_default_size (GTK_WINDOW (editor), 1200, 900);
        gtk_window_present (GTK_WINDOW (editor));
        wait_ms (800);
        scroll_all (GTK_WIDGET (editor), 1.0);
        wait_ms (400);
        g_free (name);
        name = g_strdup_printf ("badge-editor-existing%s.png", large ? "-large" : "");
        write_png (GTK_WIDGET (editor), dir, name);
        gtk_window_destroy (GTK_WINDOW (editor));
        g_object_unref (editor);
      }
    }
  g_settings_reset (settings, "large-icons");
}

/* Windows follow the large-icon mode while open, and a closed one no
 * longer listens. */
static void
test_large_icons (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  JlnBadgeEditor *editor = g_object_ref (jln_badge_editor_new (f->session, NULL));
  GtkWidget *label = g_object_ref_sink (gtk_label_new ("x"));

  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (editor), "large-icons"));
  g_settings_set_boolean (settings, "large-icons", TRUE);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor), "large-icons"));

  /* Any widget, set up while the mode is on; twice is once. */
  jln_large_icons_bind (label, f->settings);
  jln_large_icons_bind (label, f->settings);
  g_assert_true (gtk_widget_has_css_class (label, "large-icons"));
  g_settings_set_boolean (settings, "large-icons", FALSE);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (editor), "large-icons"));
  g_assert_false (gtk_widget_has_css_class (label, "large-icons"));

  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
  g_object_unref (label);
  g_settings_set_boolean (settings, "large-icons", TRUE);
  g_settings_reset (settings, "large-icons");
}

/* Titles and subtitles of the action rows under @widget, in order. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *out)
{
  if (ADW_IS_ACTION_ROW (widget))
    {
      g_ptr_array_add (out, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))));
      g_ptr_array_add (out, g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget))));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_rows (child, out);
}

/* The history dates each version from the version itself, whatever the
 * journal holds. */
static void
test_version_dates (Fixture *f, gconstpointer data)
{
  JlnBadge *badge = add_plain_badge (f->store, "lire", "Lire un horaire");
  gint64 badge_id = jln_badge_get_id (badge);
  g_autoptr(JlnBadge) copy = g_object_new (JLN_TYPE_BADGE, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) old = g_date_time_new_utc (2025, 3, 14, 12, 0, 0);
  g_autofree char *old_date = jln_certificate_format_date (old);
  g_autofree char *new_date = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  sqlite3 *db = NULL;
  gboolean seen_v1 = FALSE, seen_v2 = FALSE;

  /* Version 1 dated a year ago behind the store's back: only the
   * versions table knows, the journal says "today". */
  sql = g_strdup_printf ("UPDATE badge_versions SET created_at = '2025-03-14T12:00:00Z' WHERE id = %"
                         G_GINT64_FORMAT, jln_badge_get_version_id (badge));
  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  award_badge (f->store, badge);
  jln_badge_set_id (copy, badge_id);
  jln_badge_set_slug (copy, "lire");
  jln_badge_set_name (copy, "Lire un horaire");
  jln_badge_set_status (copy, JLN_BADGE_STATUS_ACTIVE);
  jln_badge_set_easy_text (copy, "Je lis l’horaire du bus.");
  jln_badge_add_criterion (copy, "Premier critère", TRUE);
  g_assert_true (jln_store_update_badge (f->store, copy, "test", &error));
  g_assert_no_error (error);
  badge = jln_store_lookup_badge (f->store, badge_id);
  g_assert_cmpuint (jln_badge_get_version (badge), ==, 2);
  g_assert_nonnull (jln_badge_get_created_at (badge));
  new_date = jln_certificate_format_date (jln_badge_get_created_at (badge));

  page = g_object_ref_sink (jln_badge_page_new ());
  jln_badge_page_set_session (JLN_BADGE_PAGE (page), f->session);
  jln_badge_page_set_badge (JLN_BADGE_PAGE (page), badge);
  collect_rows (page, rows);
  for (guint i = 0; i + 1 < rows->len; i += 2)
    {
      const char *title = rows->pdata[i];
      const char *subtitle = rows->pdata[i + 1];

      if (g_strcmp0 (title, "Version 1") == 0)
        {
          g_assert_true (g_str_has_prefix (subtitle, old_date));
          g_assert_nonnull (strstr (subtitle, "First version"));
          seen_v1 = TRUE;
        }
      else if (g_strcmp0 (title, "Version 2") == 0)
        {
          g_assert_true (g_str_has_prefix (subtitle, new_date));
          g_assert_nonnull (strstr (subtitle, "easy-to-read text"));
          seen_v2 = TRUE;
        }
    }
  g_assert_true (seen_v1);
  g_assert_true (seen_v2);
  g_object_unref (page);
}

static void
test_label_escaped (void)
{
  GtkWidget *composer = g_object_ref_sink (jln_badge_composer_new ());
  JlnBadgeComposer *c = JLN_BADGE_COMPOSER (composer);
  g_autofree char *label = NULL;
  const char *svg;

  jln_badge_composer_set_label (c, "<&>\"' ok");
  svg = jln_badge_composer_get_svg (c);
  g_assert_nonnull (svg);
  g_assert_true (xml_well_formed (svg));
  g_assert_true (svg_parses (svg));
  g_assert_true (jln_badge_composer_read_choices (svg, NULL, NULL, NULL, NULL, &label));
  g_assert_cmpstr (label, ==, "<&>\"' ok");

  /* Longer labels are held to 14 characters. */
  jln_badge_composer_set_label (c, "Une étiquette bien trop longue");
  g_assert_cmpint (g_utf8_strlen (jln_badge_composer_get_label (c), -1), ==, 14);

  /* An image drawn elsewhere: kept as is until the coach changes it. */
  jln_badge_composer_load_svg (c, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>");
  g_assert_false (jln_badge_composer_read_choices (jln_badge_composer_get_svg (c), NULL, NULL, NULL, NULL, NULL));
  g_assert_true (jln_badge_composer_get_valid (c));
  jln_badge_composer_set_pictogram (c, "bus");
  g_assert_true (jln_badge_composer_read_choices (jln_badge_composer_get_svg (c), NULL, NULL, NULL, NULL, NULL));

  g_object_unref (composer);
}

/* The catalogue grid opens the badge page; back returns to the grid. */
static void
test_badges_view (Fixture *f, gconstpointer data)
{
  JlnBadge *badge = add_plain_badge (f->store, "lire", "Lire un horaire");
  GtkWidget *window = gtk_window_new ();
  JlnBadgesView *view = g_object_new (JLN_TYPE_BADGES_VIEW, NULL);
  JlnBadgePage *page;
  GtkWidget *grid;
  AdwLeaflet *leaflet;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  jln_badges_view_set_session (view, f->session);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  grid = find_type (GTK_WIDGET (view), GTK_TYPE_GRID_VIEW);
  leaflet = ADW_LEAFLET (find_type (GTK_WIDGET (view), ADW_TYPE_LEAFLET));
  page = JLN_BADGE_PAGE (find_type (GTK_WIDGET (view), JLN_TYPE_BADGE_PAGE));
  g_assert_nonnull (grid);
  g_assert_nonnull (page);
  g_assert_nonnull (find_actionable (GTK_WIDGET (view), "badges.new"));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "catalogue");

  g_signal_emit_by_name (grid, "activate", 0);
  g_assert_true (jln_badge_page_get_badge (page) == badge);
  g_assert_true (jln_session_get_store (jln_badge_page_get_session (page)) == f->store);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "badge");

  gtk_widget_activate_action (GTK_WIDGET (page), "badge.back", NULL);
  spin ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "catalogue");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Folded differently from the view (ASCII transliteration, then case
 * folding), so the count below does not reuse what it checks. */
static gboolean
text_contains (const char *text,
               const char *needle)
{
  g_autofree char *ascii = NULL;
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  ascii = g_str_to_ascii (text, "C");
  folded = g_utf8_casefold (ascii, -1);
  return strstr (folded, needle) != NULL;
}

static guint
count_badges_with (JlnStore   *store,
                   const char *needle,
                   int         kind)
{
  GListModel *badges = jln_store_get_badges (store);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (badges); i++)
    {
      g_autoptr(JlnBadge) badge = g_list_model_get_item (badges, i);

      if (kind >= 0 && (int) jln_badge_get_kind (badge) != kind)
        continue;
      if (needle == NULL
          || text_contains (jln_badge_get_name (badge), needle)
          || text_contains (jln_badge_get_theme (badge), needle)
          || text_contains (jln_badge_get_description (badge), needle))
        n++;
    }
  return n;
}

static void
type_search (JlnBadgesView *view,
             const char    *text)
{
  GtkEditable *entry = jln_badges_view_get_search_entry (view);

  gtk_editable_set_text (entry, text);
  /* The entry says "search-changed" after a short delay. */
  g_signal_emit_by_name (entry, "search-changed");
  spin ();
}

/* The catalogue's search and kind filter: what the grid shows, and "No
 * Badge Matches" when nothing is left. */
static void
test_catalogue_search (Fixture *f, gconstpointer data)
{
  JlnDemoOptions options = { 6, 0, 3, 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  JlnBadgesView *view = g_object_new (JLN_TYPE_BADGES_VIEW, NULL);
  GListModel *shown;
  GtkWidget *grid;
  guint total, numeric, skills;

  g_assert_true (jln_demo_build (f->store, &options, &error));
  g_assert_no_error (error);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  jln_badges_view_set_session (view, f->session);
  gtk_window_present (GTK_WINDOW (window));
  spin ();

  shown = jln_badges_view_get_model (view);
  grid = find_type (GTK_WIDGET (view), GTK_TYPE_GRID_VIEW);
  total = g_list_model_get_n_items (jln_store_get_badges (f->store));
  g_assert_cmpuint (total, >=, 15);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, total);
  g_assert_false (jln_badges_view_get_showing_no_match (view));

  /* Capitals and no accents still find the theme "Numérique". */
  numeric = count_badges_with (f->store, "numerique", -1);
  g_assert_cmpuint (numeric, >=, 2);
  g_assert_cmpuint (numeric, <, total);
  type_search (view, "  NUMERIQUE ");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, numeric);
  for (guint i = 0; i < numeric; i++)
    {
      g_autoptr(JlnBadge) badge = g_list_model_get_item (shown, i);

      g_assert_true (text_contains (jln_badge_get_name (badge), "numerique")
                     || text_contains (jln_badge_get_theme (badge), "numerique")
                     || text_contains (jln_badge_get_description (badge), "numerique"));
    }
  /* What the grid shows is what a click opens. */
  {
    g_autoptr(JlnBadge) first = g_list_model_get_item (shown, 0);
    JlnBadgePage *page = JLN_BADGE_PAGE (find_type (GTK_WIDGET (view), JLN_TYPE_BADGE_PAGE));

    g_signal_emit_by_name (grid, "activate", 0);
    g_assert_true (jln_badge_page_get_badge (page) == first);
    gtk_widget_activate_action (GTK_WIDGET (page), "badge.back", NULL);
    spin ();
  }

  /* With accents typed, too. */
  type_search (view, "Numérique");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, numeric);

  /* The kind narrows the search. */
  g_assert_true (jln_badges_view_select_kind (view, JLN_BADGE_KIND_SAVOIR_ETRE));
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==,
                    count_badges_with (f->store, "numerique", JLN_BADGE_KIND_SAVOIR_ETRE));
  type_search (view, "");
  skills = count_badges_with (f->store, NULL, JLN_BADGE_KIND_SAVOIR_ETRE);
  g_assert_cmpuint (skills, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, skills);
  g_assert_true (jln_badges_view_select_kind (view, -1));
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, total);

  /* Nothing matches: said in words, and one button brings all back. */
  type_search (view, "zzz-aucun-badge");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  g_assert_true (jln_badges_view_get_showing_no_match (view));
  g_assert_nonnull (find_actionable (GTK_WIDGET (view), "badges.show-all"));
  gtk_widget_activate_action (GTK_WIDGET (view), "badges.show-all", NULL);
  spin ();
  g_assert_cmpstr (gtk_editable_get_text (jln_badges_view_get_search_entry (view)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, total);
  g_assert_false (jln_badges_view_get_showing_no_match (view));

  /* Ctrl+F (win.search) asks the view shown for its search. */
  g_assert_true (jln_view_focus_search (JLN_VIEW (view)));
  spin ();
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (jln_badges_view_get_search_entry (view)))
                 || gtk_widget_has_focus (GTK_WIDGET (jln_badges_view_get_search_entry (view)))
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                            GTK_WIDGET (jln_badges_view_get_search_entry (view))));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The GtkLabel with @css_class under @widget. */
static GtkLabel *
find_label_with_class (GtkWidget  *widget,
                       const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opening a badge from the grid must not leave its name selected (a
 * selectable label that takes the focus selects all its text). */
static void
test_page_title_not_selected (Fixture *f, gconstpointer data)
{
  JlnWindow *window = jln_window_new (NULL, f->settings);
  JlnBadgesView *view;
  JlnBadgePage *page;
  GtkLabel *title;
  GtkWidget *grid;
  int start = -1, end = -1;

  add_plain_badge (f->store, "lire", "Lire un horaire");
  add_plain_badge (f->store, "ecrire", "Écrire un courrier");
  jln_window_set_session (window, f->session);
  jln_window_set_view (window, "badges");
  gtk_window_present (GTK_WINDOW (window));
  wait_ms (300);
  view = JLN_BADGES_VIEW (find_type (GTK_WIDGET (window), JLN_TYPE_BADGES_VIEW));
  grid = find_type (GTK_WIDGET (view), GTK_TYPE_GRID_VIEW);
  page = JLN_BADGE_PAGE (find_type (GTK_WIDGET (view), JLN_TYPE_BADGE_PAGE));
  title = find_label_with_class (GTK_WIDGET (page), "title-1");
  g_assert_nonnull (title);

  for (guint i = 0; i < 2; i++)
    {
      /* As a click does: the grid has the focus when a tile opens. */
      gtk_widget_grab_focus (grid);
      g_signal_emit_by_name (grid, "activate", i);
      wait_ms (500);
      g_assert_nonnull (jln_badge_page_get_badge (page));
      g_assert_cmpstr (gtk_label_get_label (title), ==, jln_badge_get_name (jln_badge_page_get_badge (page)));
      if (gtk_label_get_selection_bounds (title, &start, &end))
        g_error ("the badge's name opens selected (%d–%d)", start, end);
      g_assert_false (gtk_widget_has_focus (GTK_WIDGET (title)));
      gtk_widget_activate_action (GTK_WIDGET (page), "badge.back", NULL);
      wait_ms (300);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  /* Screenshots are taken in the language the run asks for (LANGUAGE=fr). */
  setlocale (LC_ALL, "");
  /* meson test sets it (tests/meson.build): no build path is compiled in. */
  g_assert_nonnull (g_getenv ("JALONS_LOCALEDIR"));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("JALONS_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/badge-editor/templates", Fixture, NULL, fixture_set_up, test_templates, fixture_tear_down);
  g_test_add_func ("/badge-editor/slug", test_slug);
  g_test_add ("/badge-editor/create", Fixture, NULL, fixture_set_up, test_create, fixture_tear_down);
  g_test_add ("/badge-editor/low-contrast", Fixture, NULL, fixture_set_up, test_low_contrast, fixture_tear_down);
  g_test_add ("/badge-editor/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/badge-editor/new-version", Fixture, NULL, fixture_set_up, test_new_version, fixture_tear_down);
  g_test_add ("/badge-editor/archive", Fixture, NULL, fixture_set_up, test_archive, fixture_tear_down);
  g_test_add_func ("/badge-editor/label-escaped", test_label_escaped);
  g_test_add ("/badge-editor/large-icons", Fixture, NULL, fixture_set_up, test_large_icons, fixture_tear_down);
  g_test_add ("/badge-editor/version-dates", Fixture, NULL, fixture_set_up, test_version_dates, fixture_tear_down);
  g_test_add ("/badge-editor/import-svg", Fixture, NULL, fixture_set_up, test_import_svg, fixture_tear_down);
  g_test_add ("/badge-editor/existing-art", Fixture, NULL, fixture_set_up, test_existing_art, fixture_tear_down);
  /* Screenshots are taken on request, not counted as a test. */
  if (g_getenv ("JALONS_BADGE_EDITOR_SCREENSHOTS") != NULL)
    g_test_add ("/badge-editor/screenshots", Fixture, NULL, fixture_set_up, test_screenshots, fixture_tear_down);
  g_test_add ("/badge-editor/badges-view", Fixture, NULL, fixture_set_up, test_badges_view, fixture_tear_down);
  g_test_add ("/badge-editor/catalogue-search", Fixture, NULL, fixture_set_up, test_catalogue_search, fixture_tear_down);
  g_test_add ("/badge-editor/page-title-not-selected", Fixture, NULL, fixture_set_up, test_page_title_not_selected, fixture_tear_down);

  return g_test_run ();
}
