/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-render"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <string.h>
#include <librsvg/rsvg.h>

#include "render/jln-svg-renderer.h"

G_DEFINE_QUARK (jln-svg-error-quark, jln_svg_error)

/* One rendered image. The entry is its own hash key (size + document) and
 * carries its place in the least-recently-used queue. */
typedef struct {
  GList            link;     /* in JlnSvgRenderer.lru; data points back here */
  int              width;
  int              height;
  guint            hash;
  GBytes          *svg;
  cairo_surface_t *surface;  /* NULL in a lookup probe */
} Entry;

struct _JlnSvgRenderer
{
  GObject parent_instance;

  guint       cache_size;
  GMutex      lock;   /* guards everything below: renders run on any thread */
  GHashTable *cache;  /* Entry* -> Entry*, owned by the hash table */
  GQueue      lru;    /* most recently used first */
};

G_DEFINE_FINAL_TYPE (JlnSvgRenderer, jln_svg_renderer, G_TYPE_OBJECT)

static guint
entry_hash (gconstpointer p)
{
  const Entry *e = p;

  return e->hash;
}

static gboolean
entry_equal (gconstpointer a,
             gconstpointer b)
{
  const Entry *x = a, *y = b;

  return x->width == y->width && x->height == y->height
         && g_bytes_equal (x->svg, y->svg);
}

static void
entry_free (gpointer p)
{
  Entry *e = p;

  g_bytes_unref (e->svg);
  g_clear_pointer (&e->surface, cairo_surface_destroy);
  g_free (e);
}

static void
entry_init_key (Entry  *e,
                GBytes *svg,
                int     width,
                int     height)
{
  e->svg = svg;
  e->width = width;
  e->height = height;
  e->hash = g_bytes_hash (svg) ^ ((guint) width * 31u) ^ ((guint) height * 131u);
  e->link.data = e;
}

static void
jln_svg_renderer_finalize (GObject *object)
{
  JlnSvgRenderer *self = JLN_SVG_RENDERER (object);

  /* The links live inside the entries: forget them, never free them. */
  g_queue_init (&self->lru);
  g_hash_table_unref (self->cache);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (jln_svg_renderer_parent_class)->finalize (object);
}

static void
jln_svg_renderer_class_init (JlnSvgRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jln_svg_renderer_finalize;
}

static void
jln_svg_renderer_init (JlnSvgRenderer *self)
{
  g_mutex_init (&self->lock);
  self->cache = g_hash_table_new_full (entry_hash, entry_equal, entry_free, NULL);
  g_queue_init (&self->lru);
}

JlnSvgRenderer *
jln_svg_renderer_new (guint cache_size)
{
  JlnSvgRenderer *self = g_object_new (JLN_TYPE_SVG_RENDERER, NULL);

  self->cache_size = cache_size;
  return self;
}

JlnSvgRenderer *
jln_svg_renderer_get_default (void)
{
  static JlnSvgRenderer *renderer;

  if (g_once_init_enter (&renderer))
    g_once_init_leave (&renderer, jln_svg_renderer_new (JLN_SVG_DEFAULT_CACHE_SIZE));

  return renderer;
}

guint
jln_svg_renderer_get_cache_size (JlnSvgRenderer *self)
{
  g_return_val_if_fail (JLN_IS_SVG_RENDERER (self), 0);

  return self->cache_size;
}

guint
jln_svg_renderer_get_n_cached (JlnSvgRenderer *self)
{
  guint n;

  g_return_val_if_fail (JLN_IS_SVG_RENDERER (self), 0);

  g_mutex_lock (&self->lock);
  n = g_hash_table_size (self->cache);
  g_mutex_unlock (&self->lock);

  return n;
}

void
jln_svg_renderer_clear_cache (JlnSvgRenderer *self)
{
  g_return_if_fail (JLN_IS_SVG_RENDERER (self));

  g_mutex_lock (&self->lock);
  g_queue_init (&self->lru); /* links inside the entries, freed with them */
  g_hash_table_remove_all (self->cache);
  g_mutex_unlock (&self->lock);
}

/* ---- parsing ---- */

static gsize
document_length (const char *svg,
                 gssize      len)
{
  return len < 0 ? strlen (svg) : (gsize) len;
}

/* librsvg 2.54 has no autoptr for RsvgHandle: callers unref by hand. */
static RsvgHandle *
load_handle (const char *svg,
             gsize       len,
             GError    **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  RsvgHandle *handle;

  if (len == 0)
    {
      g_set_error_literal (error, JLN_SVG_ERROR, JLN_SVG_ERROR_NOT_SVG,
                           _("This badge image is empty. Choose or draw another image."));
      return NULL;
    }
  if (len > JLN_SVG_MAX_BYTES)
    {
      g_set_error (error, JLN_SVG_ERROR, JLN_SVG_ERROR_TOO_LARGE,
                   _("This badge image is too large to draw (more than %d MB). "
                     "Simplify it in your drawing program, then import it again."),
                   JLN_SVG_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  /* No base file: external references have nothing to resolve against and
   * librsvg refuses them. The data stays ours for the whole (synchronous)
   * parse, so the stream need not copy it. */
  stream = g_memory_input_stream_new_from_data (svg, (gssize) len, NULL);
  handle = rsvg_handle_new_from_stream_sync (stream, NULL, RSVG_HANDLE_FLAGS_NONE,
                                             NULL, &local_error);
  if (handle == NULL)
    {
      g_set_error (error, JLN_SVG_ERROR, JLN_SVG_ERROR_NOT_SVG,
                   /* Translators: %s is librsvg's technical reason */
                   _("This badge image is not an SVG drawing Jalons can read (%s). "
                     "Save it again as SVG from your drawing program."),
                   local_error ? local_error->message : "?");
      return NULL;
    }

  return handle;
}

static void
set_render_error (GError      **error,
                  const GError *cause)
{
  g_set_error (error, JLN_SVG_ERROR, JLN_SVG_ERROR_RENDER,
               /* Translators: %s is librsvg's or cairo's technical reason */
               _("This badge image could not be drawn (%s). "
                 "Save it again as SVG from your drawing program."),
               cause ? cause->message : "?");
}

gboolean
jln_svg_draw (cairo_t    *cr,
              const char *svg,
              gssize      len,
              double      x,
              double      y,
              double      width,
              double      height,
              GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  RsvgRectangle viewport = { x, y, width, height };
  cairo_pattern_t *pattern;
  RsvgHandle *handle;
  gboolean ok;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (svg != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  handle = load_handle (svg, svg ? document_length (svg, len) : 0, error);
  if (handle == NULL)
    return FALSE;

  cairo_push_group (cr);
  ok = rsvg_handle_render_document (handle, cr, &viewport, &local_error);
  pattern = cairo_pop_group (cr);
  if (ok)
    {
      cairo_set_source (cr, pattern);
      cairo_paint (cr);
    }
  else
    set_render_error (error, local_error);

  cairo_pattern_destroy (pattern);
  g_object_unref (handle);

  return ok;
}

static cairo_surface_t *
render_image (const char *svg,
              gsize       len,
              int         width,
              int         height,
              GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  RsvgRectangle viewport = { 0, 0, width, height };
  cairo_surface_t *surface;
  RsvgHandle *handle;
  cairo_t *cr;
  gboolean ok;

  handle = load_handle (svg, len, error);
  if (handle == NULL)
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  ok = rsvg_handle_render_document (handle, cr, &viewport, &local_error);
  if (ok && cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      ok = FALSE;
      g_set_error_literal (&local_error, JLN_SVG_ERROR, JLN_SVG_ERROR_RENDER,
                           cairo_status_to_string (cairo_status (cr)));
    }
  cairo_destroy (cr);
  g_object_unref (handle);

  if (!ok)
    {
      set_render_error (error, local_error);
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_flush (surface);
  return surface;
}

/* Called with the lock held. */
static void
trim (JlnSvgRenderer *self)
{
  while (self->lru.length > self->cache_size)
    {
      GList *oldest = self->lru.tail;

      g_queue_unlink (&self->lru, oldest);
      g_hash_table_remove (self->cache, oldest->data);
    }
}

cairo_surface_t *
jln_svg_renderer_render (JlnSvgRenderer *self,
                         const char     *svg,
                         gssize          len,
                         int             width,
                         int             height,
                         GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  Entry probe = { { 0, }, };
  Entry *entry;

  g_return_val_if_fail (JLN_IS_SVG_RENDERER (self), NULL);
  g_return_val_if_fail (svg != NULL || len == 0, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (width > JLN_SVG_MAX_IMAGE_SIDE || height > JLN_SVG_MAX_IMAGE_SIDE)
    {
      g_set_error (error, JLN_SVG_ERROR, JLN_SVG_ERROR_TOO_LARGE,
                   /* Translators: a size in pixels, "5000 × 5000" */
                   _("A badge image of %d × %d pixels is too large to draw."),
                   width, height);
      return NULL;
    }

  if (svg == NULL)
    return render_image ("", 0, width, height, error);
  len = (gssize) document_length (svg, len);
  if ((gsize) len > JLN_SVG_MAX_BYTES)
    return render_image (svg, (gsize) len, width, height, error); /* refuses it */

  /* The probe borrows the caller's text; only a stored entry copies it. */
  bytes = g_bytes_new_static (svg, (gsize) len);
  entry_init_key (&probe, bytes, width, height);

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->cache, &probe);
  if (entry != NULL)
    {
      g_queue_unlink (&self->lru, &entry->link);
      g_queue_push_head_link (&self->lru, &entry->link);
      surface = cairo_surface_reference (entry->surface);
      g_mutex_unlock (&self->lock);
      return surface;
    }
  g_mutex_unlock (&self->lock);

  /* Rendered outside the lock: other threads keep drawing meanwhile. Two
   * threads may render the same image at once; the first one in is kept. */
  surface = render_image (svg, (gsize) len, width, height, error);
  if (surface == NULL || self->cache_size == 0)
    return surface;

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->cache, &probe);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry_init_key (entry, g_bytes_new (svg, (gsize) len), width, height);
      entry->surface = cairo_surface_reference (surface);
      g_hash_table_add (self->cache, entry);
      g_queue_push_head_link (&self->lru, &entry->link);
      trim (self);
    }
  else
    {
      g_queue_unlink (&self->lru, &entry->link);
      g_queue_push_head_link (&self->lru, &entry->link);
      cairo_surface_destroy (surface);
      surface = cairo_surface_reference (entry->surface);
    }
  g_mutex_unlock (&self->lock);

  return surface;
}
