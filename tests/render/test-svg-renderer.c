/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-svg-renderer"

/* The one SVG renderer: draws what it should, refuses what is not an SVG
 * or would reach outside the document, keeps its cache bounded, and can
 * be shared between threads. No display needed. */

#include <glib/gstdio.h>
#include <string.h>

#include "render/jln-svg-renderer.h"

static const char red_svg[] =
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'>"
  "<rect width='10' height='10' fill='#ff0000'/></svg>";

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A 4 x 4 opaque red PNG, made by cairo. */
static GBytes *
red_png (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 4, 4);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_bytes, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (png);
}

/* Premultiplied ARGB of the pixel at (x, y). */
static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + y * stride + x * 4);
}

static char *
svg_with_image (const char *href)
{
  return g_strdup_printf ("<svg xmlns='http://www.w3.org/2000/svg' "
                          "xmlns:xlink='http://www.w3.org/1999/xlink' viewBox='0 0 10 10'>"
                          "<image width='10' height='10' xlink:href='%s'/></svg>", href);
}

static void
test_draws (void)
{
  g_autoptr(JlnSvgRenderer) renderer = jln_svg_renderer_new (4);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  surface = jln_svg_renderer_render (renderer, red_svg, -1, 32, 24, &error);
  g_assert_no_error (error);
  g_assert_nonnull (surface);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 32);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 24);
  /* The square document is centred: the middle is red. */
  g_assert_cmphex (pixel_at (surface, 16, 12), ==, 0xffff0000);
  cairo_surface_destroy (surface);

  /* Same bytes with an explicit length, no NUL needed. */
  surface = jln_svg_renderer_render (renderer, red_svg, strlen (red_svg), 8, 8, &error);
  g_assert_no_error (error);
  g_assert_cmphex (pixel_at (surface, 4, 4), ==, 0xffff0000);
  cairo_surface_destroy (surface);
}

static void
assert_refused (const char *data,
                gssize      len,
                int         code)
{
  g_autoptr(JlnSvgRenderer) renderer = jln_svg_renderer_new (4);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_surface_t *target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 16, 16);
  cairo_t *cr = cairo_create (target);

  surface = jln_svg_renderer_render (renderer, data, len, 16, 16, &error);
  g_assert_null (surface);
  g_assert_error (error, JLN_SVG_ERROR, code);
  /* A message a coach can read, and nothing cached for it. */
  g_assert_cmpuint (strlen (error->message), >, 20);
  g_assert_cmpuint (jln_svg_renderer_get_n_cached (renderer), ==, 0);
  g_clear_error (&error);

  g_assert_false (jln_svg_draw (cr, data, len, 0, 0, 16, 16, &error));
  g_assert_error (error, JLN_SVG_ERROR, code);
  /* Nothing left on the page. */
  cairo_surface_flush (target);
  g_assert_cmphex (pixel_at (target, 8, 8), ==, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (target);
}

static void
test_refuses_not_svg (void)
{
  assert_refused ("", 0, JLN_SVG_ERROR_NOT_SVG);
  assert_refused ("<svg this is not xml", -1, JLN_SVG_ERROR_NOT_SVG);
  assert_refused ("<html><body>Bonjour</body></html>", -1, JLN_SVG_ERROR_NOT_SVG);
  {
    g_autoptr(GBytes) png = red_png ();

    assert_refused (g_bytes_get_data (png, NULL), g_bytes_get_size (png), JLN_SVG_ERROR_NOT_SVG);
  }
  assert_refused ("Tenir son budget", -1, JLN_SVG_ERROR_NOT_SVG);
}

static void
test_refuses_hostile (void)
{
  g_autoptr(GString) bomb = g_string_new ("<?xml version='1.0'?><!DOCTYPE svg [");
  g_autofree char *huge = NULL;
  g_autofree char *prev = g_strdup ("a");
  gsize huge_len = JLN_SVG_MAX_BYTES + 1;

  /* An entity that expands to 10^12 letters ("billion laughs"). */
  g_string_append (bomb, "<!ENTITY a 'ha'>");
  for (int i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("e%d", i);

      g_string_append_printf (bomb, "<!ENTITY %s '", name);
      for (int k = 0; k < 10; k++)
        g_string_append_printf (bomb, "&%s;", prev);
      g_string_append (bomb, "'>");
      g_free (prev);
      prev = g_steal_pointer (&name);
    }
  g_string_append_printf (bomb, "]><svg xmlns='http://www.w3.org/2000/svg'>"
                                "<text y='10'>&%s;</text></svg>", prev);
  assert_refused (bomb->str, -1, JLN_SVG_ERROR_NOT_SVG);

  /* Far too large to be a pictogram: refused before parsing. */
  huge = g_malloc (huge_len);
  memset (huge, ' ', huge_len);
  memcpy (huge, red_svg, strlen (red_svg));
  assert_refused (huge, huge_len, JLN_SVG_ERROR_TOO_LARGE);
}

/* An SVG cannot reach files outside itself: the same red picture is drawn
 * when embedded, and not when referenced on disk. */
static void
test_no_external_files (void)
{
  g_autoptr(JlnSvgRenderer) renderer = jln_svg_renderer_new (0);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jalons-svg-XXXXXX", &error);
  g_autofree char *png_path = g_build_filename (dir, "red.png", NULL);
  g_autofree char *uri = g_filename_to_uri (png_path, NULL, NULL);
  g_autoptr(GBytes) png = red_png ();
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  g_autofree char *data_uri = g_strconcat ("data:image/png;base64,", b64, NULL);
  const char *hrefs[] = { uri, png_path, "red.png", NULL };
  cairo_surface_t *surface;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (png_path, g_bytes_get_data (png, NULL),
                                      g_bytes_get_size (png), &error));

  {
    g_autofree char *svg = svg_with_image (data_uri);

    surface = jln_svg_renderer_render (renderer, svg, -1, 16, 16, &error);
    g_assert_no_error (error);
    g_assert_cmphex (pixel_at (surface, 8, 8), ==, 0xffff0000);
    cairo_surface_destroy (surface);
  }

  for (guint i = 0; hrefs[i]; i++)
    {
      g_autofree char *svg = svg_with_image (hrefs[i]);
      g_autofree char *cwd = g_get_current_dir ();

      /* Relative names would resolve against the current folder, if at all. */
      g_assert_cmpint (g_chdir (dir), ==, 0);
      surface = jln_svg_renderer_render (renderer, svg, -1, 16, 16, &error);
      g_assert_cmpint (g_chdir (cwd), ==, 0);
      g_assert_no_error (error);
      g_assert_cmphex (pixel_at (surface, 8, 8), ==, 0);
      cairo_surface_destroy (surface);
    }

  g_unlink (png_path);
  g_rmdir (dir);
}

static char *
numbered_svg (guint n)
{
  return g_strdup_printf ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'>"
                          "<!-- %u --><circle cx='5' cy='5' r='4' fill='#1c71d8'/></svg>", n);
}

static void
test_cache_bounded (void)
{
  g_autoptr(JlnSvgRenderer) renderer = jln_svg_renderer_new (4);
  g_autoptr(GError) error = NULL;
  g_autofree char *first_svg = numbered_svg (0);
  cairo_surface_t *first, *again;

  g_assert_cmpuint (jln_svg_renderer_get_cache_size (renderer), ==, 4);

  first = jln_svg_renderer_render (renderer, first_svg, -1, 16, 16, &error);
  g_assert_no_error (error);
  again = jln_svg_renderer_render (renderer, first_svg, -1, 16, 16, &error);
  g_assert_true (again == first);   /* rendered once */
  cairo_surface_destroy (again);
  g_assert_cmpuint (jln_svg_renderer_get_n_cached (renderer), ==, 1);

  for (guint i = 1; i <= 20; i++)
    {
      g_autofree char *svg = numbered_svg (i);
      cairo_surface_t *s;

      /* The first image is used all along: it stays. */
      again = jln_svg_renderer_render (renderer, first_svg, -1, 16, 16, &error);
      g_assert_true (again == first);
      cairo_surface_destroy (again);

      s = jln_svg_renderer_render (renderer, svg, -1, 16 + i, 16 + i, &error);
      g_assert_no_error (error);
      cairo_surface_destroy (s);
      g_assert_cmpuint (jln_svg_renderer_get_n_cached (renderer), <=, 4);
    }
  g_assert_cmpuint (jln_svg_renderer_get_n_cached (renderer), ==, 4);

  /* Same document, other size: another image. */
  again = jln_svg_renderer_render (renderer, first_svg, -1, 32, 32, &error);
  g_assert_true (again != first);
  g_assert_cmpint (cairo_image_surface_get_width (again), ==, 32);
  cairo_surface_destroy (again);

  jln_svg_renderer_clear_cache (renderer);
  g_assert_cmpuint (jln_svg_renderer_get_n_cached (renderer), ==, 0);
  /* What a caller still holds stays valid after it left the cache. */
  g_assert_cmpint (cairo_image_surface_get_width (first), ==, 16);
  cairo_surface_destroy (first);
}

static void
test_default_bounded (void)
{
  JlnSvgRenderer *renderer = jln_svg_renderer_get_default ();
  guint bound = jln_svg_renderer_get_cache_size (renderer);

  g_assert_true (renderer == jln_svg_renderer_get_default ());
  g_assert_cmpuint (bound, ==, JLN_SVG_DEFAULT_CACHE_SIZE);
  g_assert_cmpuint (bound, >, 0);

  for (guint i = 0; i < bound + 10; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *svg = numbered_svg (i);
      cairo_surface_t *s = jln_svg_renderer_render (renderer, svg, -1, 8, 8, &error);

      g_assert_no_error (error);
      cairo_surface_destroy (s);
      g_assert_cmpuint (jln_svg_renderer_get_n_cached (renderer), <=, bound);
    }
  g_assert_cmpuint (jln_svg_renderer_get_n_cached (renderer), ==, bound);
}

static void
test_refuses_absurd_size (void)
{
  g_autoptr(JlnSvgRenderer) renderer = jln_svg_renderer_new (4);
  g_autoptr(GError) error = NULL;

  g_assert_null (jln_svg_renderer_render (renderer, red_svg, -1,
                                          JLN_SVG_MAX_IMAGE_SIDE + 1, 16, &error));
  g_assert_error (error, JLN_SVG_ERROR, JLN_SVG_ERROR_TOO_LARGE);
}

/* ---- threads ---- */

typedef struct {
  JlnSvgRenderer *renderer;
  guint           seed;
  guint           failures;
} Worker;

static gpointer
worker_run (gpointer p)
{
  Worker *w = p;

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *svg = numbered_svg ((w->seed + i) % 7);
      int size = 8 + (int) ((w->seed * 3 + i) % 5);
      cairo_surface_t *s = jln_svg_renderer_render (w->renderer, svg, -1, size, size, &error);

      if (s == NULL || cairo_image_surface_get_width (s) != size
          || jln_svg_renderer_get_n_cached (w->renderer) > 3)
        w->failures++;
      g_clear_pointer (&s, cairo_surface_destroy);
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(JlnSvgRenderer) renderer = jln_svg_renderer_new (3);
  Worker workers[4];
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      workers[i] = (Worker) { renderer, i, 0 };
      threads[i] = g_thread_new ("render", worker_run, &workers[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (workers[i].failures, ==, 0);
    }
  g_assert_cmpuint (jln_svg_renderer_get_n_cached (renderer), <=, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/svg-renderer/draws", test_draws);
  g_test_add_func ("/svg-renderer/refuses-not-svg", test_refuses_not_svg);
  g_test_add_func ("/svg-renderer/refuses-hostile", test_refuses_hostile);
  g_test_add_func ("/svg-renderer/no-external-files", test_no_external_files);
  g_test_add_func ("/svg-renderer/refuses-absurd-size", test_refuses_absurd_size);
  g_test_add_func ("/svg-renderer/cache-bounded", test_cache_bounded);
  g_test_add_func ("/svg-renderer/default-bounded", test_default_bounded);
  g_test_add_func ("/svg-renderer/threads", test_threads);

  return g_test_run ();
}
