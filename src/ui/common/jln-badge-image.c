/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <string.h>

#include "render/jln-svg-renderer.h"
#include "ui/common/jln-badge-image.h"

struct _JlnBadgeImage
{
  GtkWidget parent_instance;

  char       *svg;
  int         pixel_size;
  GdkTexture *texture;      /* for svg at texture_size */
  int         texture_size;
};

G_DEFINE_FINAL_TYPE (JlnBadgeImage, jln_badge_image, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SVG,
  PROP_PIXEL_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The texture made from a rendered image rides on the image itself, so it
 * lives exactly as long as the render library keeps that image in its
 * bounded cache (or someone still shows it), and the same badge in many
 * tiles is uploaded once. The lock covers the user data: images may be
 * shared with renders on other threads. */
static cairo_user_data_key_t texture_key;
static GMutex texture_lock;

static gboolean
unref_texture (gpointer texture)
{
  g_object_unref (texture);
  return G_SOURCE_REMOVE;
}

/* The last reference to a cached image may go in a worker thread; a
 * texture is let go of where GTK draws, in the main context. */
static void
drop_texture (void *texture)
{
  if (g_main_context_is_owner (g_main_context_default ()))
    g_object_unref (texture);
  else
    g_idle_add (unref_texture, texture);
}

static GdkTexture *
texture_for_surface (cairo_surface_t *surface)
{
  GdkTexture *texture;

  g_mutex_lock (&texture_lock);
  texture = cairo_surface_get_user_data (surface, &texture_key);
  if (texture == NULL)
    {
      int width = cairo_image_surface_get_width (surface);
      int height = cairo_image_surface_get_height (surface);
      int stride = cairo_image_surface_get_stride (surface);
      g_autoptr(GBytes) bytes = NULL;

      /* Copied: a texture holding the image would keep itself alive. */
      bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
      texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
      if (cairo_surface_set_user_data (surface, &texture_key, texture,
                                       drop_texture) != CAIRO_STATUS_SUCCESS)
        {
          g_mutex_unlock (&texture_lock);
          return texture; /* out of memory: not shared, still drawable */
        }
    }
  g_object_ref (texture);
  g_mutex_unlock (&texture_lock);

  return texture;
}

GdkTexture *
jln_badge_image_render_texture_for_data (const char *svg,
                                         gsize       len,
                                         int         size,
                                         GError    **error)
{
  cairo_surface_t *surface;
  GdkTexture *texture;

  g_return_val_if_fail (svg != NULL || len == 0, NULL);
  g_return_val_if_fail (size > 0, NULL);

  surface = jln_svg_renderer_render (jln_svg_renderer_get_default (),
                                     svg, (gssize) len, size, size, error);
  if (surface == NULL)
    return NULL;

  texture = texture_for_surface (surface);
  cairo_surface_destroy (surface);

  return texture;
}

GdkTexture *
jln_badge_image_render_texture (const char *svg,
                                int         size,
                                GError    **error)
{
  g_return_val_if_fail (svg != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);

  return jln_badge_image_render_texture_for_data (svg, strlen (svg), size, error);
}

static void
jln_badge_image_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  JlnBadgeImage *self = JLN_BADGE_IMAGE (widget);

  *minimum = *natural = self->pixel_size;
}

static void
jln_badge_image_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  JlnBadgeImage *self = JLN_BADGE_IMAGE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int size = MIN (width, height);
  int device_size = size * gtk_widget_get_scale_factor (widget);

  if (self->svg == NULL || size <= 0)
    return;

  if (self->texture == NULL || self->texture_size != device_size)
    {
      g_autoptr(GError) error = NULL;

      g_clear_object (&self->texture);
      self->texture = jln_badge_image_render_texture (self->svg, device_size, &error);
      self->texture_size = device_size;
      if (self->texture == NULL)
        {
          g_warning ("Cannot draw a badge image: %s", error->message);
          return;
        }
    }

  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT ((width - size) / 2.f,
                                                    (height - size) / 2.f,
                                                    size, size));
}

static void
jln_badge_image_finalize (GObject *object)
{
  JlnBadgeImage *self = JLN_BADGE_IMAGE (object);

  g_free (self->svg);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (jln_badge_image_parent_class)->finalize (object);
}

static void
jln_badge_image_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JlnBadgeImage *self = JLN_BADGE_IMAGE (object);

  switch (prop_id)
    {
    case PROP_SVG:
      g_value_set_string (value, self->svg);
      break;
    case PROP_PIXEL_SIZE:
      g_value_set_int (value, self->pixel_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_badge_image_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JlnBadgeImage *self = JLN_BADGE_IMAGE (object);

  switch (prop_id)
    {
    case PROP_SVG:
      jln_badge_image_set_svg (self, g_value_get_string (value));
      break;
    case PROP_PIXEL_SIZE:
      jln_badge_image_set_pixel_size (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_badge_image_class_init (JlnBadgeImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = jln_badge_image_finalize;
  object_class->get_property = jln_badge_image_get_property;
  object_class->set_property = jln_badge_image_set_property;
  widget_class->measure = jln_badge_image_measure;
  widget_class->snapshot = jln_badge_image_snapshot;

  properties[PROP_SVG] =
    g_param_spec_string ("svg", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PIXEL_SIZE] =
    g_param_spec_int ("pixel-size", NULL, NULL, 1, 1024, 96,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "badge-image");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
jln_badge_image_init (JlnBadgeImage *self)
{
  self->pixel_size = 96;
}

GtkWidget *
jln_badge_image_new (void)
{
  return g_object_new (JLN_TYPE_BADGE_IMAGE, NULL);
}

const char *
jln_badge_image_get_svg (JlnBadgeImage *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_IMAGE (self), NULL);

  return self->svg;
}

void
jln_badge_image_set_svg (JlnBadgeImage *self,
                         const char    *svg)
{
  g_return_if_fail (JLN_IS_BADGE_IMAGE (self));

  if (g_strcmp0 (self->svg, svg) == 0)
    return;

  g_free (self->svg);
  self->svg = g_strdup (svg);
  g_clear_object (&self->texture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SVG]);
}

int
jln_badge_image_get_pixel_size (JlnBadgeImage *self)
{
  g_return_val_if_fail (JLN_IS_BADGE_IMAGE (self), 0);

  return self->pixel_size;
}

void
jln_badge_image_set_pixel_size (JlnBadgeImage *self,
                                int            pixel_size)
{
  g_return_if_fail (JLN_IS_BADGE_IMAGE (self));
  g_return_if_fail (pixel_size > 0);

  if (self->pixel_size == pixel_size)
    return;

  self->pixel_size = pixel_size;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIXEL_SIZE]);
}
