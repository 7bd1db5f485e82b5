/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>

#include "ui/common/jln-large-icons.h"
#include "ui/participants/jln-archived-dialog.h"
#include "ui/shell/jln-ui-resources.h"

struct _JlnArchivedDialog
{
  AdwWindow parent_instance;

  JlnSession *session;

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  GtkListBox *list_box;
  GtkListBox *badges_box;
  GtkWidget *people_heading;
  GtkWidget *badges_heading;
};

G_DEFINE_FINAL_TYPE (JlnArchivedDialog, jln_archived_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PARTICIPANT_ID_KEY "jln-participant-id"
#define BADGE_ID_KEY "jln-badge-id"

static void fill (JlnArchivedDialog *self);

static void
say (JlnArchivedDialog *self,
     const char        *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static gboolean
restore_row (JlnArchivedDialog *self,
             GtkWidget         *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), PARTICIPANT_ID_KEY));
  gint64 badge_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), BADGE_ID_KEY));
  g_autofree char *text = NULL;

  if (badge_id != 0)
    {
      /* Archived badges were retired from the catalogue: back, published. */
      if (!jln_session_set_badge_status (self->session, badge_id, JLN_BADGE_STATUS_ACTIVE, &error))
        {
          say (self, error->message);
          return FALSE;
        }
      /* Translators: %s is a badge's name */
      text = g_strdup_printf (_("“%s” is back in the catalogue."), name);
      fill (self);
      say (self, text);
      return TRUE;
    }
  if (!jln_session_restore_participant (self->session, id, &error))
    {
      say (self, error->message);
      return FALSE;
    }
  /* Translators: %s is a participant's name */
  text = g_strdup_printf (_("%s is back among the participants."), name);
  fill (self);
  say (self, text);
  return TRUE;
}

static void
on_restore_clicked (GtkButton         *button,
                    JlnArchivedDialog *self)
{
  restore_row (self, gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW));
}

static GtkWidget *
new_row (JlnArchivedDialog *self,
         JlnParticipant    *p)
{
  JlnStore *store = jln_session_get_store (self->session);
  JlnTerritory *territory = jln_store_lookup_territory (store, jln_participant_get_territory_id (p));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Restore"));
  g_autofree char *accessible = NULL;
  const char *last = jln_participant_get_last_name (p);
  /* The full name, as in the list: namesakes must be told apart. */
  g_autofree char *name = last != NULL && *last != '\0'
                          ? g_strdup_printf ("%s %s", jln_participant_get_first_name (p), last)
                          : g_strdup (jln_participant_get_first_name (p));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (territory != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), jln_territory_get_name (territory));
  g_object_set_data (G_OBJECT (row), PARTICIPANT_ID_KEY, GSIZE_TO_POINTER (jln_participant_get_id (p)));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: the Restore button of one archived participant, read aloud */
  accessible = g_strdup_printf (_("Restore %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_restore_clicked), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static GtkWidget *
new_badge_row (JlnArchivedDialog *self,
               JlnBadge          *badge)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Restore"));
  g_autofree char *accessible = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), jln_badge_get_name (badge));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), jln_badge_kind_get_display_name (jln_badge_get_kind (badge)));
  g_object_set_data (G_OBJECT (row), BADGE_ID_KEY, GSIZE_TO_POINTER (jln_badge_get_id (badge)));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: the Restore button of one archived badge, read aloud */
  accessible = g_strdup_printf (_("Restore %s"), jln_badge_get_name (badge));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_restore_clicked), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
clear_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

static void
fill (JlnArchivedDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) archived = NULL;
  g_autoptr(GListModel) badges = NULL;
  guint n, n_badges;

  clear_box (self->list_box);
  clear_box (self->badges_box);
  if (self->session == NULL)
    return;
  archived = jln_store_list_archived_participants (jln_session_get_store (self->session), &error);
  if (archived == NULL)
    {
      say (self, error->message);
      return;
    }
  n = g_list_model_get_n_items (archived);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (archived, i);

      gtk_list_box_append (self->list_box, new_row (self, p));
    }
  badges = jln_store_list_archived_badges (jln_session_get_store (self->session), &error);
  if (badges == NULL)
    {
      say (self, error->message);
      return;
    }
  n_badges = g_list_model_get_n_items (badges);
  for (guint i = 0; i < n_badges; i++)
    {
      g_autoptr(JlnBadge) b = g_list_model_get_item (badges, i);

      gtk_list_box_append (self->badges_box, new_badge_row (self, b));
    }
  gtk_widget_set_visible (self->people_heading, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->list_box), n > 0);
  gtk_widget_set_visible (self->badges_heading, n_badges > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->badges_box), n_badges > 0);
  gtk_stack_set_visible_child_name (self->stack, n + n_badges > 0 ? "list" : "empty");
}

guint
jln_archived_dialog_get_n_rows (JlnArchivedDialog *self)
{
  guint n = 0;

  g_return_val_if_fail (JLN_IS_ARCHIVED_DIALOG (self), 0);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

gboolean
jln_archived_dialog_restore_badge (JlnArchivedDialog *self,
                                   gint64             badge_id)
{
  g_return_val_if_fail (JLN_IS_ARCHIVED_DIALOG (self), FALSE);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->badges_box)); c; c = gtk_widget_get_next_sibling (c))
    if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (c), BADGE_ID_KEY)) == badge_id)
      return restore_row (self, c);
  return FALSE;
}

gboolean
jln_archived_dialog_restore (JlnArchivedDialog *self,
                             gint64             participant_id)
{
  g_return_val_if_fail (JLN_IS_ARCHIVED_DIALOG (self), FALSE);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); c; c = gtk_widget_get_next_sibling (c))
    if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (c), PARTICIPANT_ID_KEY)) == participant_id)
      return restore_row (self, c);
  return FALSE;
}

static void
jln_archived_dialog_constructed (GObject *object)
{
  JlnArchivedDialog *self = JLN_ARCHIVED_DIALOG (object);

  G_OBJECT_CLASS (jln_archived_dialog_parent_class)->constructed (object);
  fill (self);
}

static void
jln_archived_dialog_dispose (GObject *object)
{
  JlnArchivedDialog *self = JLN_ARCHIVED_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_ARCHIVED_DIALOG);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (jln_archived_dialog_parent_class)->dispose (object);
}

static void
jln_archived_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  JlnArchivedDialog *self = JLN_ARCHIVED_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_archived_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  JlnArchivedDialog *self = JLN_ARCHIVED_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_archived_dialog_class_init (JlnArchivedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->constructed = jln_archived_dialog_constructed;
  object_class->dispose = jln_archived_dialog_dispose;
  object_class->get_property = jln_archived_dialog_get_property;
  object_class->set_property = jln_archived_dialog_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, JLN_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/participants/jln-archived-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnArchivedDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JlnArchivedDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, JlnArchivedDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, JlnArchivedDialog, badges_box);
  gtk_widget_class_bind_template_child (widget_class, JlnArchivedDialog, people_heading);
  gtk_widget_class_bind_template_child (widget_class, JlnArchivedDialog, badges_heading);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jln_archived_dialog_init (JlnArchivedDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

JlnArchivedDialog *
jln_archived_dialog_new (JlnSession *session,
                         GtkWindow  *parent)
{
  JlnArchivedDialog *self;
  GSettings *settings;

  g_return_val_if_fail (JLN_IS_SESSION (session), NULL);

  self = g_object_new (JLN_TYPE_ARCHIVED_DIALOG, "session", session, "transient-for", parent, NULL);
  settings = jln_session_get_settings (session);
  if (settings != NULL)
    jln_large_icons_bind (GTK_WIDGET (self), settings);
  return self;
}
