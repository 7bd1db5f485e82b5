/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include "ui/common/jln-initials.h"

struct _JlnInitials
{
  GtkWidget parent_instance;

  char         *name;
  char         *initials;
  GdkPaintable *photo;
  int           size;
  guint         colour;
  PangoLayout  *layout;  /* NULL until drawn, dropped when text or size change */
};

G_DEFINE_FINAL_TYPE (JlnInitials, jln_initials, GTK_TYPE_WIDGET)

/* Dark tones of the GNOME palette: white letters on each keep a contrast
 * ratio of at least 4.5:1. */
static const GdkRGBA palette[] = {
  { 0.102, 0.373, 0.706, 1 }, /* blue 5 */
  { 0.380, 0.208, 0.514, 1 }, /* purple 5 */
  { 0.647, 0.114, 0.176, 1 }, /* red 5 */
  { 0.525, 0.369, 0.235, 1 }, /* brown 4 */
  { 0.110, 0.420, 0.310, 1 }, /* deep green */
  { 0.055, 0.400, 0.471, 1 }, /* deep teal */
  { 0.369, 0.361, 0.392, 1 }, /* dark 3 */
  { 0.690, 0.275, 0.000, 1 }, /* deep orange */
};

static char *
make_initials (const char *name)
{
  GString *out = g_string_new (NULL);
  gboolean at_word_start = TRUE;
  guint letters = 0;

  for (const char *p = name; p != NULL && *p != '\0' && letters < 2; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-')
        {
          at_word_start = TRUE;
          continue;
        }
      if (at_word_start && g_unichar_isalnum (c))
        {
          g_string_append_unichar (out, g_unichar_toupper (c));
          letters++;
        }
      at_word_start = FALSE;
    }
  return g_string_free (out, FALSE);
}

static void
jln_initials_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  JlnInitials *self = JLN_INITIALS (widget);

  *minimum = *natural = self->size;
}

static void
ensure_layout (JlnInitials *self)
{
  PangoAttrList *attrs;

  if (self->layout != NULL)
    return;

  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->initials);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_size_new_absolute (self->size * 0.4 * PANGO_SCALE));
  pango_layout_set_attributes (self->layout, attrs);
  pango_attr_list_unref (attrs);
}

static void
jln_initials_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  JlnInitials *self = JLN_INITIALS (widget);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  float size = MIN (w, h);
  graphene_rect_t rect = GRAPHENE_RECT_INIT ((w - size) / 2, (h - size) / 2, size, size);
  GskRoundedRect clip;

  gsk_rounded_rect_init_from_rect (&clip, &rect, size / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);

  if (self->photo != NULL)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &rect.origin);
      gdk_paintable_snapshot (self->photo, snapshot, size, size);
      gtk_snapshot_restore (snapshot);
    }
  else
    {
      static const GdkRGBA white = { 1, 1, 1, 1 };
      PangoRectangle ink, logical;

      gtk_snapshot_append_color (snapshot, &palette[self->colour], &rect);
      if (self->initials != NULL && *self->initials != '\0')
        {
          ensure_layout (self);
          pango_layout_get_pixel_extents (self->layout, &ink, &logical);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot,
                                  &GRAPHENE_POINT_INIT (rect.origin.x + (size - logical.width) / 2.f,
                                                        rect.origin.y + (size - logical.height) / 2.f));
          gtk_snapshot_append_layout (snapshot, self->layout, &white);
          gtk_snapshot_restore (snapshot);
        }
    }

  gtk_snapshot_pop (snapshot);
}

static void
jln_initials_dispose (GObject *object)
{
  JlnInitials *self = JLN_INITIALS (object);

  g_clear_object (&self->photo);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (jln_initials_parent_class)->dispose (object);
}

static void
jln_initials_finalize (GObject *object)
{
  JlnInitials *self = JLN_INITIALS (object);

  g_free (self->name);
  g_free (self->initials);

  G_OBJECT_CLASS (jln_initials_parent_class)->finalize (object);
}

static void
jln_initials_class_init (JlnInitialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jln_initials_dispose;
  object_class->finalize = jln_initials_finalize;
  widget_class->measure = jln_initials_measure;
  widget_class->snapshot = jln_initials_snapshot;

  gtk_widget_class_set_css_name (widget_class, "initials");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
jln_initials_init (JlnInitials *self)
{
  self->size = 40;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
jln_initials_new (int size)
{
  JlnInitials *self = g_object_new (JLN_TYPE_INITIALS, NULL);

  self->size = MAX (size, 1);
  return GTK_WIDGET (self);
}

void
jln_initials_set_name (JlnInitials *self,
                       const char  *full_name)
{
  g_autofree char *initials = NULL;

  g_return_if_fail (JLN_IS_INITIALS (self));

  if (g_strcmp0 (self->name, full_name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (full_name);
  self->colour = full_name ? g_str_hash (full_name) % G_N_ELEMENTS (palette) : 0;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, full_name ? full_name : "", -1);

  initials = make_initials (full_name);
  if (g_strcmp0 (initials, self->initials) != 0)
    {
      g_free (self->initials);
      self->initials = g_steal_pointer (&initials);
      /* Rows are recycled: keep the layout and only change its text. */
      if (self->layout != NULL)
        pango_layout_set_text (self->layout, self->initials, -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
jln_initials_get_name (JlnInitials *self)
{
  g_return_val_if_fail (JLN_IS_INITIALS (self), NULL);
  return self->name;
}

const char *
jln_initials_get_initials (JlnInitials *self)
{
  g_return_val_if_fail (JLN_IS_INITIALS (self), NULL);
  return self->initials;
}

void
jln_initials_set_photo (JlnInitials  *self,
                        GdkPaintable *photo)
{
  g_return_if_fail (JLN_IS_INITIALS (self));

  if (g_set_object (&self->photo, photo))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

GdkPaintable *
jln_initials_get_photo (JlnInitials *self)
{
  g_return_val_if_fail (JLN_IS_INITIALS (self), NULL);
  return self->photo;
}

void
jln_initials_set_size (JlnInitials *self,
                       int          size)
{
  g_return_if_fail (JLN_IS_INITIALS (self));

  size = MAX (size, 1);
  if (self->size == size)
    return;
  self->size = size;
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

int
jln_initials_get_size (JlnInitials *self)
{
  g_return_val_if_fail (JLN_IS_INITIALS (self), 0);
  return self->size;
}
