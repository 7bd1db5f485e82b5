/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>

#include "ui/print/jln-certificate.h"
#include "ui/common/jln-badge-image.h"
#include "ui/participants/jln-path-tile.h"

#define IMAGE_SIZE 128
#define IMAGE_SIZE_LARGE 160

struct _JlnPathTile
{
  GtkWidget parent_instance;

  JlnBadge *badge;
  JlnAward *award;

  GtkWidget *box;
  GtkLabel  *status_label;
};

G_DEFINE_FINAL_TYPE (JlnPathTile, jln_path_tile, GTK_TYPE_WIDGET)

char *
jln_badge_dup_criteria_summary (JlnBadge *badge)
{
  GListModel *criteria;
  g_autoptr(GString) text = NULL;
  guint n;

  g_return_val_if_fail (JLN_IS_BADGE (badge), NULL);

  criteria = jln_badge_get_criteria (badge);
  n = criteria ? g_list_model_get_n_items (criteria) : 0;
  if (n == 0)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);
      const char *t = jln_criterion_get_text (c);

      if (t == NULL || *t == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, "\n");
      /* A bullet per line reads as a checklist, not as one long sentence. */
      g_string_append_printf (text, "• %s", t);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
jln_path_tile_dispose (GObject *object)
{
  JlnPathTile *self = JLN_PATH_TILE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->badge);
  g_clear_object (&self->award);

  G_OBJECT_CLASS (jln_path_tile_parent_class)->dispose (object);
}

static void
jln_path_tile_class_init (JlnPathTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jln_path_tile_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "path-tile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
jln_path_tile_init (JlnPathTile *self)
{
}

static void
build (JlnPathTile *self,
       gboolean     large)
{
  GtkWidget *image, *name, *status_box;
  const char *badge_name = jln_badge_get_name (self->badge);
  g_autofree char *status = NULL;
  g_autofree char *accessible = NULL;

  if (self->award != NULL && jln_award_get_badge_name (self->award) != NULL)
    badge_name = jln_award_get_badge_name (self->award);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  image = jln_badge_image_new ();
  jln_badge_image_set_pixel_size (JLN_BADGE_IMAGE (image), large ? IMAGE_SIZE_LARGE : IMAGE_SIZE);
  jln_badge_image_set_svg (JLN_BADGE_IMAGE (image), jln_badge_get_image_svg (self->badge));
  gtk_widget_set_halign (image, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, badge_name, -1);
  gtk_widget_add_css_class (image, "path-image");
  gtk_box_append (GTK_BOX (self->box), image);

  name = gtk_label_new (badge_name);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (name), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 18);
  gtk_label_set_lines (GTK_LABEL (name), 2);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "badge-name");
  gtk_box_append (GTK_BOX (self->box), name);

  status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_box_set_baseline_position (GTK_BOX (status_box), GTK_BASELINE_POSITION_CENTER);
  gtk_widget_set_halign (status_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), status_box);

  if (self->award != NULL)
    {
      GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                      "icon-name", "object-select-symbolic",
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                      NULL);
      GDateTime *when = jln_award_get_awarded_on (self->award);

      gtk_box_append (GTK_BOX (status_box), icon);
      status = when ? jln_certificate_format_date (when) : g_strdup (_("Earned"));
      gtk_widget_add_css_class (GTK_WIDGET (self), "earned");
      /* Translators: a badge on a participant's path: name, then the date */
      accessible = g_strdup_printf (_("%s, earned on %s"), badge_name, status);
    }
  else
    {
      g_autofree char *summary = jln_badge_dup_criteria_summary (self->badge);
      GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                      "icon-name", "content-loading-symbolic",
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                      NULL);

      gtk_box_append (GTK_BOX (status_box), icon);
      /* Said in words: the grey image alone would be colour only. */
      status = g_strdup (_("To do"));
      gtk_widget_add_css_class (GTK_WIDGET (self), "ahead");
      if (summary != NULL && !large)
        {
          GtkWidget *criteria = gtk_label_new (summary);

          gtk_label_set_wrap (GTK_LABEL (criteria), TRUE);
          gtk_label_set_xalign (GTK_LABEL (criteria), 0);
          gtk_label_set_max_width_chars (GTK_LABEL (criteria), 18);
          gtk_label_set_lines (GTK_LABEL (criteria), 4);
          gtk_label_set_ellipsize (GTK_LABEL (criteria), PANGO_ELLIPSIZE_END);
          gtk_widget_set_halign (criteria, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (criteria, "caption");
          gtk_widget_add_css_class (criteria, "path-criteria");
          gtk_box_append (GTK_BOX (self->box), criteria);
        }
      if (summary != NULL)
        /* Translators: a badge still ahead on a participant's path: name,
         * then what it asks for */
        accessible = g_strdup_printf (_("%s, to do: %s"), badge_name, summary);
      else
        accessible = g_strdup_printf (_("%s, to do"), badge_name);
    }

  self->status_label = GTK_LABEL (gtk_label_new (status));
  gtk_widget_set_valign (GTK_WIDGET (self->status_label), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "path-status");
  gtk_box_append (GTK_BOX (status_box), GTK_WIDGET (self->status_label));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

GtkWidget *
jln_path_tile_new (JlnBadge *badge,
                   JlnAward *award,
                   gboolean  large)
{
  JlnPathTile *self;

  g_return_val_if_fail (JLN_IS_BADGE (badge), NULL);
  g_return_val_if_fail (award == NULL || JLN_IS_AWARD (award), NULL);

  self = g_object_new (JLN_TYPE_PATH_TILE, NULL);
  self->badge = g_object_ref (badge);
  self->award = award ? g_object_ref (award) : NULL;
  build (self, large);
  return GTK_WIDGET (self);
}

JlnBadge *
jln_path_tile_get_badge (JlnPathTile *self)
{
  g_return_val_if_fail (JLN_IS_PATH_TILE (self), NULL);
  return self->badge;
}

JlnAward *
jln_path_tile_get_award (JlnPathTile *self)
{
  g_return_val_if_fail (JLN_IS_PATH_TILE (self), NULL);
  return self->award;
}

gboolean
jln_path_tile_get_earned (JlnPathTile *self)
{
  g_return_val_if_fail (JLN_IS_PATH_TILE (self), FALSE);
  return self->award != NULL;
}

const char *
jln_path_tile_get_status_text (JlnPathTile *self)
{
  g_return_val_if_fail (JLN_IS_PATH_TILE (self), NULL);
  return gtk_label_get_label (self->status_label);
}
