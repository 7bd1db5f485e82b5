/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>

#include "ui/shell/jln-ui-resources.h"
#include "ui/common/jln-badge-image.h"
#include "ui/common/jln-badge-tile.h"

#define IMAGE_SIZE 96
#define IMAGE_SIZE_LARGE 160

struct _JlnBadgeTile
{
  GtkWidget parent_instance;

  JlnBadge *badge;
  gboolean  large;

  JlnBadgeImage *image;
  GtkLabel      *name_label;
  GtkLabel      *theme_label;
  GtkLabel      *kind_label;
};

G_DEFINE_FINAL_TYPE (JlnBadgeTile, jln_badge_tile, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BADGE,
  PROP_LARGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In a grid, focus and screen readers land on the cell that holds the tile,
 * and GTK 4.8 names it after its class: the tile and its cell both take
 * the badge's name. */
static void
update_accessible_name (JlnBadgeTile *self,
                        const char   *name)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkAccessibleRole role = parent != NULL ? gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (parent))
                                          : GTK_ACCESSIBLE_ROLE_NONE;
  gboolean in_cell = role == GTK_ACCESSIBLE_ROLE_GRID_CELL || role == GTK_ACCESSIBLE_ROLE_LIST_ITEM;

  if (name == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      if (in_cell)
        gtk_accessible_reset_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (in_cell)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
update (JlnBadgeTile *self)
{
  JlnBadge *badge = self->badge;

  jln_badge_image_set_pixel_size (self->image, self->large ? IMAGE_SIZE_LARGE : IMAGE_SIZE);
  gtk_widget_set_visible (GTK_WIDGET (self->theme_label), !self->large);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_label), !self->large);
  gtk_label_set_max_width_chars (self->name_label, self->large ? 16 : 18);
  gtk_label_set_lines (self->name_label, self->large ? 3 : 2);
  gtk_label_set_width_chars (self->name_label, self->large ? 16 : 18);

  if (badge == NULL)
    {
      jln_badge_image_set_svg (self->image, NULL);
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->theme_label, "");
      gtk_label_set_label (self->kind_label, "");
      update_accessible_name (self, NULL);
      return;
    }

  jln_badge_image_set_svg (self->image, jln_badge_get_image_svg (badge));
  gtk_label_set_label (self->name_label, jln_badge_get_name (badge));
  gtk_label_set_label (self->theme_label, jln_badge_get_theme (badge));
  gtk_label_set_label (self->kind_label, jln_badge_kind_get_display_name (jln_badge_get_kind (badge)));
  /* The image is decorative next to the name, but a screen reader user
   * browsing images still hears what it shows. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, jln_badge_get_name (badge),
                                  -1);
  update_accessible_name (self, jln_badge_get_name (badge));
}

static void
on_badge_notify (JlnBadgeTile *self)
{
  update (self);
}

static void
jln_badge_tile_dispose (GObject *object)
{
  GtkWidget *child;
  JlnBadgeTile *self = JLN_BADGE_TILE (object);

  jln_badge_tile_set_badge (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_BADGE_TILE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (jln_badge_tile_parent_class)->dispose (object);
}

static void
jln_badge_tile_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JlnBadgeTile *self = JLN_BADGE_TILE (object);

  switch (prop_id)
    {
    case PROP_BADGE:
      g_value_set_object (value, self->badge);
      break;
    case PROP_LARGE:
      g_value_set_boolean (value, self->large);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_badge_tile_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  JlnBadgeTile *self = JLN_BADGE_TILE (object);

  switch (prop_id)
    {
    case PROP_BADGE:
      jln_badge_tile_set_badge (self, g_value_get_object (value));
      break;
    case PROP_LARGE:
      jln_badge_tile_set_large (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_badge_tile_class_init (JlnBadgeTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_badge_tile_dispose;
  object_class->get_property = jln_badge_tile_get_property;
  object_class->set_property = jln_badge_tile_set_property;

  properties[PROP_BADGE] =
    g_param_spec_object ("badge", NULL, NULL, JLN_TYPE_BADGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LARGE] =
    g_param_spec_boolean ("large", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (JLN_TYPE_BADGE_IMAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/common/jln-badge-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeTile, image);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeTile, name_label);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeTile, theme_label);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgeTile, kind_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "badge-tile");
}

static void
jln_badge_tile_init (JlnBadgeTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jln_badge_tile_new (void)
{
  return g_object_new (JLN_TYPE_BADGE_TILE, NULL);
}

JlnBadge *
jln_badge_tile_get_badge (JlnBadgeTile *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_TILE (self), NULL);

  return self->badge;
}

void
jln_badge_tile_set_badge (JlnBadgeTile *self,
                          JlnBadge     *badge)
{
  g_return_if_fail (JLN_IS_BADGE_TILE (self));

  if (self->badge == badge)
    return;

  if (self->badge != NULL)
    g_signal_handlers_disconnect_by_func (self->badge, on_badge_notify, self);
  g_set_object (&self->badge, badge);
  if (badge != NULL)
    g_signal_connect_swapped (badge, "notify", G_CALLBACK (on_badge_notify), self);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE]);
}

gboolean
jln_badge_tile_get_large (JlnBadgeTile *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_TILE (self), FALSE);

  return self->large;
}

void
jln_badge_tile_set_large (JlnBadgeTile *self,
                          gboolean      large)
{
  g_return_if_fail (JLN_IS_BADGE_TILE (self));

  large = !!large;
  if (self->large == large)
    return;

  self->large = large;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE]);
}
