/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <string.h>
#include <glib/gi18n.h>

#include "ui/shell/jln-ui-resources.h"
#include "ui/badges/jln-badge-editor.h"
#include "ui/print/jln-certificate.h"
#include "ui/badges/jln-badge-page.h"
#include "ui/common/jln-badge-image.h"
#include "ui/common/jln-badge-tile.h"

#define IMAGE_SIZE 192
#define IMAGE_SIZE_LARGE 256

struct _JlnBadgePage
{
  GtkWidget parent_instance;

  JlnSession   *session;
  JlnStore     *store;          /* the session's */
  GSignalGroup *store_signals;
  JlnBadge *badge;
  gboolean  large_icons;
  char     *holders_summary;

  /* template children */
  GtkButton      *back_button;
  GtkButton      *edit_button;
  GtkButton      *archive_button;
  GtkButton      *restore_button;
  GtkScrolledWindow *scroller;
  JlnBadgeImage  *image;
  GtkLabel       *name_label;
  GtkLabel       *status_label;
  GtkLabel       *kind_label;
  GtkLabel       *theme_label;
  GtkLabel       *version_label;
  GtkWidget      *easy_box;
  GtkLabel       *easy_label;
  GtkLabel       *description_label;
  GtkListBox     *criteria_list;
  AdwPreferencesGroup *holders_group;
  GtkListBox     *holders_list;
  GtkListBox     *versions_list;
};

G_DEFINE_FINAL_TYPE (JlnBadgePage, jln_badge_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BADGE,
  PROP_LARGE_ICONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Badge texts are the coaches' words, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  return row;
}

static GtkWidget *
word_with_icon (const char *icon,
                const char *word,
                gboolean    dim)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = g_object_new (GTK_TYPE_IMAGE,
                                   "icon-name", icon,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);
  GtkWidget *label = gtk_label_new (word);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  if (dim)
    gtk_widget_add_css_class (box, "dim-label");
  else
    gtk_widget_add_css_class (label, "heading");
  return box;
}

static void
fill_criteria (JlnBadgePage *self)
{
  GListModel *criteria = jln_badge_get_criteria (self->badge);
  guint n = g_list_model_get_n_items (criteria);

  clear_list (self->criteria_list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);
      gboolean required = jln_criterion_get_required (c);
      GtkWidget *row = text_row (jln_criterion_get_text (c), NULL);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      GtkWidget *number_label = gtk_label_new (number);

      gtk_widget_add_css_class (number_label, "criterion-number");
      gtk_widget_add_css_class (number_label, "numeric");
      gtk_widget_set_valign (number_label, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (number_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, number, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), number_label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 required
                                 ? word_with_icon ("emblem-important-symbolic", _("Required"), FALSE)
                                 : word_with_icon ("list-add-symbolic", _("Optional"), TRUE));
      gtk_list_box_append (self->criteria_list, row);
    }
  if (n == 0)
    gtk_list_box_append (self->criteria_list, text_row (_("No criteria yet."), NULL));
}

typedef struct {
  const char *name;
  guint       count;
} TerritoryCount;

/* The store counts holders by territory name; the window's action wants
 * the territory itself (0: people with no territory). */
static gint64
territory_id_for_name (JlnStore   *store,
                       const char *name)
{
  GListModel *territories = jln_store_get_territories (store);
  guint n = g_list_model_get_n_items (territories);

  if (*name == '\0')
    return 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnTerritory) t = g_list_model_get_item (territories, i);

      if (g_strcmp0 (jln_territory_get_name (t), name) == 0)
        return jln_territory_get_id (t);
    }
  return -1;
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const TerritoryCount *ta = a, *tb = b;

  if (ta->count != tb->count)
    return ta->count > tb->count ? -1 : 1;
  return g_utf8_collate (ta->name, tb->name);
}

static void
fill_holders (JlnBadgePage *self)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (TerritoryCount));
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint total = 0;

  clear_list (self->holders_list);
  g_clear_pointer (&self->holders_summary, g_free);

  counts = jln_store_count_holders_by_territory (self->store, jln_badge_get_id (self->badge), &error);
  if (counts == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The holders could not be counted: %s"), error->message);

      self->holders_summary = g_strdup (text);
      adw_preferences_group_set_description (self->holders_group, text);
      return;
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TerritoryCount tc = { key, GPOINTER_TO_UINT (value) };

      total += tc.count;
      g_array_append_val (rows, tc);
    }
  g_array_sort (rows, compare_counts);

  for (guint i = 0; i < rows->len; i++)
    {
      TerritoryCount *tc = &g_array_index (rows, TerritoryCount, i);
      const char *name = *tc->name ? tc->name : _("No territory");
      GtkWidget *row = text_row (name, NULL);
      g_autofree char *count = g_strdup_printf ("%u", tc->count);
      GtkWidget *count_label = gtk_label_new (count);
      gint64 territory_id = territory_id_for_name (self->store, tc->name);

      gtk_widget_add_css_class (count_label, "holder-count");
      gtk_widget_add_css_class (count_label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label);
      /* Each row opens the participants list on these holders. */
      if (territory_id >= 0)
        {
          GtkWidget *arrow = g_object_new (GTK_TYPE_IMAGE,
                                           "icon-name", "go-next-symbolic",
                                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                           NULL);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-holders");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(xx)",
                                            jln_badge_get_id (self->badge), territory_id);
          gtk_widget_set_tooltip_text (row, _("Show these people in the participants list"));
        }
      gtk_list_box_append (self->holders_list, row);
    }

  if (total == 0)
    self->holders_summary = g_strdup (_("Nobody holds this badge yet."));
  else
    self->holders_summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u person holds this badge.",
                                                          "%u people hold this badge.",
                                                          total),
                                             total);
  adw_preferences_group_set_description (self->holders_group, self->holders_summary);
  gtk_widget_set_visible (GTK_WIDGET (self->holders_list), rows->len > 0);
}

static gboolean
same_criteria (JlnBadge *a,
               JlnBadge *b)
{
  GListModel *ca = jln_badge_get_criteria (a);
  GListModel *cb = jln_badge_get_criteria (b);
  guint n = g_list_model_get_n_items (ca);

  if (n != g_list_model_get_n_items (cb))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnCriterion) x = g_list_model_get_item (ca, i);
      g_autoptr(JlnCriterion) y = g_list_model_get_item (cb, i);

      if (g_strcmp0 (jln_criterion_get_text (x), jln_criterion_get_text (y)) != 0
          || jln_criterion_get_required (x) != jln_criterion_get_required (y))
        return FALSE;
    }
  return TRUE;
}

static char *
describe_changes (JlnBadge *before,
                  JlnBadge *after)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (g_strcmp0 (jln_badge_get_name (before), jln_badge_get_name (after)) != 0)
    g_ptr_array_add (parts, (gpointer) _("name"));
  if (g_strcmp0 (jln_badge_get_easy_text (before), jln_badge_get_easy_text (after)) != 0)
    g_ptr_array_add (parts, (gpointer) _("easy-to-read text"));
  if (g_strcmp0 (jln_badge_get_description (before), jln_badge_get_description (after)) != 0)
    g_ptr_array_add (parts, (gpointer) _("description"));
  if (!same_criteria (before, after))
    g_ptr_array_add (parts, (gpointer) _("criteria"));
  if (g_strcmp0 (jln_badge_get_theme (before), jln_badge_get_theme (after)) != 0)
    g_ptr_array_add (parts, (gpointer) _("theme"));
  if (jln_badge_get_kind (before) != jln_badge_get_kind (after))
    g_ptr_array_add (parts, (gpointer) _("kind"));
  if (g_strcmp0 (jln_badge_get_image_svg (before), jln_badge_get_image_svg (after)) != 0)
    g_ptr_array_add (parts, (gpointer) _("image"));

  if (parts->len == 0)
    return g_strdup (_("Same content, saved again"));
  g_ptr_array_add (parts, NULL);
  {
    /* TRANSLATORS: %s is a list such as "name, criteria" */
    g_autofree char *list = g_strjoinv (_(", "), (char **) parts->pdata);
    return g_strdup_printf (_("Changed: %s"), list);
  }
}

static void
fill_versions (JlnBadgePage *self)
{
  g_autoptr(GListModel) versions = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  clear_list (self->versions_list);
  versions = jln_store_list_badge_versions (self->store, jln_badge_get_id (self->badge), &error);
  if (versions == NULL)
    {
      gtk_list_box_append (self->versions_list,
                           text_row (_("The versions could not be read."), error->message));
      return;
    }
  n = g_list_model_get_n_items (versions);

  /* Newest first: the current version is what coaches look for. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(JlnBadge) version = g_list_model_get_item (versions, i - 1);
      g_autoptr(JlnBadge) previous = i > 1 ? g_list_model_get_item (versions, i - 2) : NULL;
      guint number = jln_badge_get_version (version);
      GDateTime *when = jln_badge_get_created_at (version);
      g_autofree char *title = g_strdup_printf (_("Version %u"), number);
      g_autofree char *what = previous ? describe_changes (previous, version) : g_strdup (_("First version"));
      g_autofree char *date = when ? jln_certificate_format_date (when) : NULL;
      g_autofree char *subtitle = date ? g_strdup_printf (_("%s — %s"), date, what) : g_strdup (what);
      GtkWidget *row = text_row (title, subtitle);

      if (number == jln_badge_get_version (self->badge))
        {
          GtkWidget *current = gtk_label_new (_("Current"));

          gtk_widget_add_css_class (current, "badge-chip");
          gtk_widget_set_valign (current, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), current);
        }
      gtk_list_box_append (self->versions_list, row);
    }
}

static void
update_actions (JlnBadgePage *self)
{
  gboolean archived = self->badge && jln_badge_get_status (self->badge) == JLN_BADGE_STATUS_ARCHIVED;
  gboolean have = self->badge != NULL && self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "badge.edit", have && !archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "badge.archive", have && !archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "badge.restore", have && archived);
  gtk_widget_set_visible (GTK_WIDGET (self->archive_button), !archived);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), archived);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), !archived);
}

static void
update (JlnBadgePage *self)
{
  JlnBadge *badge = self->badge;
  const char *description;
  const char *easy;
  const char *theme;
  g_autofree char *version = NULL;
  gboolean archived;

  jln_badge_image_set_pixel_size (self->image, self->large_icons ? IMAGE_SIZE_LARGE : IMAGE_SIZE);
  update_actions (self);
  if (badge == NULL || self->store == NULL)
    return;

  archived = jln_badge_get_status (badge) == JLN_BADGE_STATUS_ARCHIVED;
  jln_badge_image_set_svg (self->image, jln_badge_get_image_svg (badge));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, jln_badge_get_name (badge),
                                  -1);
  gtk_label_set_label (self->name_label, jln_badge_get_name (badge));

  gtk_label_set_label (self->status_label, archived ? _("Archived") : _("Active"));
  if (archived)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "archived");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "archived");
  gtk_label_set_label (self->kind_label, jln_badge_kind_get_display_name (jln_badge_get_kind (badge)));
  theme = jln_badge_get_theme (badge);
  gtk_label_set_label (self->theme_label, theme ? theme : "");
  gtk_widget_set_visible (GTK_WIDGET (self->theme_label), theme != NULL && *theme != '\0');
  version = g_strdup_printf (_("Version %u"), jln_badge_get_version (badge));
  gtk_label_set_label (self->version_label, version);

  easy = jln_badge_get_easy_text (badge);
  gtk_label_set_label (self->easy_label, easy ? easy : "");
  gtk_widget_set_visible (self->easy_box, easy != NULL && *easy != '\0');
  description = jln_badge_get_description (badge);
  gtk_label_set_label (self->description_label, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label),
                          description != NULL && *description != '\0');

  fill_criteria (self);
  fill_holders (self);
  fill_versions (self);
}

static void
on_badge_changed (JlnBadgePage *self,
                  gint64        badge_id,
                  JlnStore     *store)
{
  JlnBadge *live;

  if (self->badge == NULL || badge_id != jln_badge_get_id (self->badge))
    return;
  /* Restoring reloads the catalogue with new objects: follow them. An
   * archived badge is no longer in the catalogue: keep ours. */
  live = jln_store_lookup_badge (store, badge_id);
  if (live != NULL && live != self->badge)
    {
      g_set_object (&self->badge, live);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE]);
    }
  update (self);
}

static void
on_award_changed (JlnBadgePage *self,
                  gint64        award_id,
                  gint64        participant_id,
                  JlnStore     *store)
{
  if (self->badge != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    fill_holders (self);
}

gboolean
jln_badge_page_set_archived (JlnBadgePage *self,
                             gboolean      archived,
                             GError      **error)
{
  g_autoptr(JlnBadge) keep = NULL;

  g_return_val_if_fail (JLN_IS_BADGE_PAGE (self), FALSE);
  g_return_val_if_fail (self->badge != NULL && self->session != NULL, FALSE);

  keep = g_object_ref (self->badge);
  if (!jln_session_set_badge_status (self->session, jln_badge_get_id (keep),
                                     archived ? JLN_BADGE_STATUS_ARCHIVED : JLN_BADGE_STATUS_ACTIVE,
                                     error))
    return FALSE;
  /* The store updates the catalogue's copy; ours may be that copy or one
   * it has let go. */
  jln_badge_set_status (self->badge, archived ? JLN_BADGE_STATUS_ARCHIVED : JLN_BADGE_STATUS_ACTIVE);
  update (self);
  return TRUE;
}

static void
show_failure (JlnBadgePage *self,
              const char   *heading,
              const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_archive_response (AdwMessageDialog *dialog,
                     const char       *response,
                     JlnBadgePage     *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "archive") != 0 || self->badge == NULL)
    return;
  if (!jln_badge_page_set_archived (self, TRUE, &error))
    show_failure (self, _("The Badge Was Not Archived"), error);
}

static void
archive_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JlnBadgePage *self = JLN_BADGE_PAGE (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->badge == NULL)
    return;
  heading = g_strdup_printf (_("Archive “%s”?"), jln_badge_get_name (self->badge));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("No new awards; existing ones stay valid. You can restore the badge later."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "archive", _("_Archive"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "archive",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_archive_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JlnBadgePage *self = JLN_BADGE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->badge != NULL && !jln_badge_page_set_archived (self, FALSE, &error))
    show_failure (self, _("The Badge Was Not Restored"), error);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JlnBadgePage *self = JLN_BADGE_PAGE (widget);
  JlnBadgeEditor *editor;

  if (self->badge == NULL || self->session == NULL)
    return;
  editor = jln_badge_editor_new (self->session, self->badge);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
jln_badge_page_dispose (GObject *object)
{
  JlnBadgePage *self = JLN_BADGE_PAGE (object);
  GtkWidget *child;

  jln_badge_page_set_session (self, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->badge);
  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_BADGE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (jln_badge_page_parent_class)->dispose (object);
}

static void
jln_badge_page_finalize (GObject *object)
{
  JlnBadgePage *self = JLN_BADGE_PAGE (object);

  g_free (self->holders_summary);

  G_OBJECT_CLASS (jln_badge_page_parent_class)->finalize (object);
}

static void
jln_badge_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JlnBadgePage *self = JLN_BADGE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BADGE:
      g_value_set_object (value, self->badge);
      break;
    case PROP_LARGE_ICONS:
      g_value_set_boolean (value, self->large_icons);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_badge_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  JlnBadgePage *self = JLN_BADGE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      jln_badge_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_BADGE:
      jln_badge_page_set_badge (self, g_value_get_object (value));
      break;
    case PROP_LARGE_ICONS:
      jln_badge_page_set_large_icons (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_badge_page_class_init (JlnBadgePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_badge_page_dispose;
  object_class->finalize = jln_badge_page_finalize;
  object_class->get_property = jln_badge_page_get_property;
  object_class->set_property = jln_badge_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, JLN_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE] =
    g_param_spec_object ("badge", NULL, NULL, JLN_TYPE_BADGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LARGE_ICONS] =
    g_param_spec_boolean ("large-icons", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "badge.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "badge.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "badge.archive", NULL, archive_activated);
  gtk_widget_class_install_action (widget_class, "badge.restore", NULL, restore_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "badge.back", NULL);

  g_type_ensure (JLN_TYPE_BADGE_IMAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/badges/jln-badge-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, archive_button);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, restore_button);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, image);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, kind_label);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, theme_label);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, version_label);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, easy_box);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, easy_label);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, description_label);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, criteria_list);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, holders_group);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, holders_list);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgePage, versions_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "badge-page");
}

static void
jln_badge_page_init (JlnBadgePage *self)
{
  /* The page follows the store of whichever session it is given. */
  self->store_signals = g_signal_group_new (JLN_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "badge-changed",
                                  G_CALLBACK (on_badge_changed), self);
  g_signal_group_connect_swapped (self->store_signals, "award-changed",
                                  G_CALLBACK (on_award_changed), self);

  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
jln_badge_page_new (void)
{
  return g_object_new (JLN_TYPE_BADGE_PAGE, NULL);
}

JlnSession *
jln_badge_page_get_session (JlnBadgePage *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_PAGE (self), NULL);
  return self->session;
}

void
jln_badge_page_set_session (JlnBadgePage *self,
                            JlnSession   *session)
{
  g_return_if_fail (JLN_IS_BADGE_PAGE (self));
  g_return_if_fail (session == NULL || JLN_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  self->store = session ? jln_session_get_store (session) : NULL;
  /* During dispose the group is already gone. */
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, self->store);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

JlnBadge *
jln_badge_page_get_badge (JlnBadgePage *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_PAGE (self), NULL);
  return self->badge;
}

void
jln_badge_page_set_badge (JlnBadgePage *self,
                          JlnBadge     *badge)
{
  g_return_if_fail (JLN_IS_BADGE_PAGE (self));
  g_return_if_fail (badge == NULL || JLN_IS_BADGE (badge));

  if (!g_set_object (&self->badge, badge))
    return;
  update (self);
  /* A new badge starts at the top, not where the last one was scrolled. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE]);
}

gboolean
jln_badge_page_get_large_icons (JlnBadgePage *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_PAGE (self), FALSE);
  return self->large_icons;
}

void
jln_badge_page_set_large_icons (JlnBadgePage *self,
                                gboolean      large_icons)
{
  g_return_if_fail (JLN_IS_BADGE_PAGE (self));

  large_icons = !!large_icons;
  if (self->large_icons == large_icons)
    return;
  self->large_icons = large_icons;
  jln_badge_image_set_pixel_size (self->image, large_icons ? IMAGE_SIZE_LARGE : IMAGE_SIZE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE_ICONS]);
}

const char *
jln_badge_page_get_holders_summary (JlnBadgePage *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_PAGE (self), NULL);
  return self->holders_summary;
}
