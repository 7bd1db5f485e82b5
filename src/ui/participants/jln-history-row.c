/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>

#include "ui/print/jln-certificate.h"
#include "ui/participants/jln-history-row.h"
#include "ui/shell/jln-ui-resources.h"
#include "ui/common/jln-badge-image.h"

struct _JlnHistoryRow
{
  GtkListBoxRow parent_instance;

  JlnAward *award;
  JlnBadge *badge;
  gboolean  large_icons;
  char     *status_text;

  /* template children */
  JlnBadgeImage *image;
  GtkLabel      *title_label;
  GtkLabel      *meta_label;
  GtkLabel      *note_label;
  GtkLabel      *files_label;
  GtkImage      *status_icon;
  GtkLabel      *status_label;
  GtkMenuButton *menu_button;
};

G_DEFINE_FINAL_TYPE (JlnHistoryRow, jln_history_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_AWARD,
  PROP_BADGE,
  PROP_LARGE_ICONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GMenuModel *
award_menu (gint64 id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  item = g_menu_item_new (_("_Print This Badge…"), NULL);
  g_menu_item_set_action_and_target (item, "participant.print-award", "x", id);
  g_menu_append_item (menu, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("_Save This Badge as PDF…"), NULL);
  g_menu_item_set_action_and_target (item, "participant.save-award-pdf", "x", id);
  g_menu_append_item (menu, item);
  g_clear_object (&item);

  item = g_menu_item_new (_("_Revoke…"), NULL);
  g_menu_item_set_action_and_target (item, "participant.revoke", "x", id);
  g_menu_append_item (section, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  return G_MENU_MODEL (menu);
}

static char *
evidence_line (JlnAward *award)
{
  g_autoptr(GString) names = g_string_new (NULL);
  char *label;

  /* The names the badge itself gives them. */
  for (guint i = 0; (label = jln_award_dup_evidence_label (award, i)) != NULL; i++)
    {
      if (names->len > 0)
        g_string_append (names, ", ");
      if (jln_award_is_evidence_file_shared (award, i))
        /* Translators: an evidence file that the public badge names */
        g_string_append_printf (names, _("%s (in the badge)"), label);
      else
        g_string_append (names, label);
      g_free (label);
    }
  /* Translators: evidence files attached to an award */
  return g_strdup_printf (_("Evidence: %s"), names->str);
}

/* Shows the award; called once, when the construct properties are in. */
static void
show_award (JlnHistoryRow *self)
{
  JlnAward *award = self->award;
  gboolean revoked = jln_award_get_status (award) == JLN_AWARD_STATUS_REVOKED;
  const char *badge_name = jln_award_get_badge_name (award);
  const char *note = jln_award_get_evidence_note (award);
  const char * const *files = jln_award_get_evidence_files (award);
  g_autoptr(GMenuModel) menu = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *date = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *menu_name = NULL;
  g_autofree char *accessible = NULL;

  if (badge_name == NULL && self->badge != NULL)
    badge_name = jln_badge_get_name (self->badge);
  if (badge_name == NULL)
    badge_name = "";

  if (revoked)
    gtk_widget_add_css_class (GTK_WIDGET (self), "revoked");

  jln_badge_image_set_pixel_size (self->image, self->large_icons ? 64 : 48);
  if (self->badge != NULL)
    jln_badge_image_set_svg (self->image, jln_badge_get_image_svg (self->badge));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, badge_name, -1);

  escaped = g_markup_escape_text (badge_name, -1);
  /* Struck through AND said in words below: never strike alone. */
  markup = revoked ? g_strdup_printf ("<s>%s</s>", escaped) : g_strdup (escaped);
  gtk_label_set_markup (self->title_label, markup);

  date = jln_award_get_awarded_on (award) ? jln_certificate_format_date (jln_award_get_awarded_on (award))
                                          : g_strdup ("");
  /* A badge awarded again in a newer version is two lines: each says
   * which version it is. */
  if (jln_award_get_badge_version (award) > 1)
    {
      g_autofree char *dated = g_steal_pointer (&date);

      /* Translators: in a participant's history: the badge's version, then the date */
      date = g_strdup_printf (_("Version %u · %s"), jln_award_get_badge_version (award), dated);
    }
  if (jln_award_get_coach_name (award) != NULL)
    /* Translators: in a participant's history: date, then the coach */
    meta = g_strdup_printf (_("%s · with %s"), date, jln_award_get_coach_name (award));
  else
    meta = g_strdup (date);
  gtk_label_set_label (self->meta_label, meta);

  /* Fewer words in large-icon mode: no note, no file names. */
  if (note != NULL && *note != '\0' && !self->large_icons)
    {
      gtk_label_set_label (self->note_label, note);
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
    }
  if (files != NULL && files[0] != NULL && !self->large_icons)
    {
      g_autofree char *line = evidence_line (award);

      gtk_label_set_label (self->files_label, line);
      gtk_widget_set_visible (GTK_WIDGET (self->files_label), TRUE);
    }

  gtk_image_set_from_icon_name (self->status_icon,
                                revoked ? "action-unavailable-symbolic" : "object-select-symbolic");
  if (revoked)
    {
      const char *reason = jln_award_get_revoke_reason (award);

      if (reason != NULL && *reason != '\0')
        /* Translators: a withdrawn badge in the history, with the reason */
        self->status_text = g_strdup_printf (_("Revoked: %s"), reason);
      else
        self->status_text = g_strdup (_("Revoked"));
    }
  else
    self->status_text = g_strdup (_("Awarded"));
  gtk_label_set_label (self->status_label, self->status_text);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), revoked ? "revoked-label" : "awarded-label");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), self->status_text);

  menu = award_menu (jln_award_get_id (award));
  gtk_menu_button_set_menu_model (self->menu_button, menu);
  /* Translators: accessible name of the menu of one award; %s: badge */
  menu_name = g_strdup_printf (_("Actions for %s"), badge_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_name, -1);

  accessible = g_strdup_printf ("%s, %s, %s", badge_name, meta, self->status_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
jln_history_row_constructed (GObject *object)
{
  JlnHistoryRow *self = JLN_HISTORY_ROW (object);

  G_OBJECT_CLASS (jln_history_row_parent_class)->constructed (object);

  if (self->award != NULL)
    show_award (self);
}

static void
jln_history_row_dispose (GObject *object)
{
  JlnHistoryRow *self = JLN_HISTORY_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_HISTORY_ROW);
  g_clear_object (&self->award);
  g_clear_object (&self->badge);

  G_OBJECT_CLASS (jln_history_row_parent_class)->dispose (object);
}

static void
jln_history_row_finalize (GObject *object)
{
  JlnHistoryRow *self = JLN_HISTORY_ROW (object);

  g_free (self->status_text);

  G_OBJECT_CLASS (jln_history_row_parent_class)->finalize (object);
}

static void
jln_history_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JlnHistoryRow *self = JLN_HISTORY_ROW (object);

  switch (prop_id)
    {
    case PROP_AWARD:
      g_value_set_object (value, self->award);
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
jln_history_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JlnHistoryRow *self = JLN_HISTORY_ROW (object);

  switch (prop_id)
    {
    case PROP_AWARD:
      self->award = g_value_dup_object (value);
      break;
    case PROP_BADGE:
      self->badge = g_value_dup_object (value);
      break;
    case PROP_LARGE_ICONS:
      self->large_icons = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_history_row_class_init (JlnHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->constructed = jln_history_row_constructed;
  object_class->dispose = jln_history_row_dispose;
  object_class->finalize = jln_history_row_finalize;
  object_class->get_property = jln_history_row_get_property;
  object_class->set_property = jln_history_row_set_property;

  properties[PROP_AWARD] =
    g_param_spec_object ("award", NULL, NULL, JLN_TYPE_AWARD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE] =
    g_param_spec_object ("badge", NULL, NULL, JLN_TYPE_BADGE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LARGE_ICONS] =
    g_param_spec_boolean ("large-icons", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (JLN_TYPE_BADGE_IMAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/participants/jln-history-row.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnHistoryRow, image);
  gtk_widget_class_bind_template_child (widget_class, JlnHistoryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, JlnHistoryRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, JlnHistoryRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, JlnHistoryRow, files_label);
  gtk_widget_class_bind_template_child (widget_class, JlnHistoryRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, JlnHistoryRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, JlnHistoryRow, menu_button);
}

static void
jln_history_row_init (JlnHistoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jln_history_row_new (JlnAward *award,
                     JlnBadge *badge,
                     gboolean  large_icons)
{
  g_return_val_if_fail (JLN_IS_AWARD (award), NULL);
  g_return_val_if_fail (badge == NULL || JLN_IS_BADGE (badge), NULL);

  return g_object_new (JLN_TYPE_HISTORY_ROW,
                       "award", award,
                       "badge", badge,
                       "large-icons", large_icons,
                       NULL);
}

JlnAward *
jln_history_row_get_award (JlnHistoryRow *self)
{
  g_return_val_if_fail (JLN_IS_HISTORY_ROW (self), NULL);

  return self->award;
}

const char *
jln_history_row_get_status_text (JlnHistoryRow *self,
                                 gboolean      *struck)
{
  g_return_val_if_fail (JLN_IS_HISTORY_ROW (self), NULL);

  if (struck != NULL)
    *struck = g_str_has_prefix (gtk_label_get_label (self->title_label), "<s>");
  return self->status_text;
}

const char *
jln_history_row_get_meta_text (JlnHistoryRow *self)
{
  g_return_val_if_fail (JLN_IS_HISTORY_ROW (self), NULL);

  return gtk_label_get_label (self->meta_label);
}
