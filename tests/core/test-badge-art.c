/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-badge-art"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <librsvg/rsvg.h>

#include "core/jln-badge-art.h"

/* Pictograms used across the shape tests: a filled one, a stroked one with
 * cut-outs, a round one, a two-part one. */
static const char *some_pictograms[] = { "heart", "bus", "euro", "team", "map-pin" };

typedef struct {
  guint n_pixels;
  guint n_primary;
  guint n_secondary;
  guint n_opaque;
  guint n_centre;            /* pixels in the centre box, away from rim and label */
  guint n_secondary_centre;
} PixelCount;

static void
hex_to_rgb (const char *hex, guint8 rgb[3])
{
  for (int i = 0; i < 3; i++)
    rgb[i] = g_ascii_xdigit_value (hex[1 + 2 * i]) * 16 + g_ascii_xdigit_value (hex[2 + 2 * i]);
}

static gboolean
near (const guint8 *px_rgb, const guint8 rgb[3])
{
  for (int i = 0; i < 3; i++)
    if (ABS ((int) px_rgb[i] - (int) rgb[i]) > 6)
      return FALSE;
  return TRUE;
}

/* Parses @svg with librsvg and renders it into a @size × @size image,
 * counting fully opaque pixels of each colour. Fails the test if librsvg
 * rejects the document. */
static PixelCount
render_and_count (const char *svg, int size, const char *primary, const char *secondary)
{
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle;
  cairo_surface_t *surface;
  cairo_t *cr;
  RsvgRectangle viewport = { 0, 0, size, size };
  PixelCount count = { 0, };
  guint8 prim[3] = { 0, }, sec[3] = { 0, };
  const guint8 *data;
  int stride;

  if (primary != NULL)
    hex_to_rgb (primary, prim);
  if (secondary != NULL)
    hex_to_rgb (secondary, sec);

  handle = rsvg_handle_new_from_data ((const guint8 *) svg, strlen (svg), &error);
  g_assert_no_error (error);
  g_assert_nonnull (handle);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cr = cairo_create (surface);
  g_assert_true (rsvg_handle_render_document (handle, cr, &viewport, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + x * 4);
        guint8 rgb[3] = { (px >> 16) & 0xff, (px >> 8) & 0xff, px & 0xff };

        gboolean centre = x >= size * 3 / 10 && x < size * 7 / 10
                          && y >= size * 3 / 10 && y < size * 55 / 100;

        count.n_pixels++;
        count.n_centre += centre;
        if ((px >> 24) != 0xff)
          continue;
        count.n_opaque++;
        if (primary != NULL && near (rgb, prim))
          count.n_primary++;
        if (secondary != NULL && near (rgb, sec))
          {
            count.n_secondary++;
            count.n_secondary_centre += centre;
          }
      }

  cairo_surface_destroy (surface);
  g_object_unref (handle);
  return count;
}

static void
assert_self_contained (const char *svg)
{
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "xmlns=\"http://www.w3.org/2000/svg\""));
  g_assert_null (strstr (svg, "href"));
  g_assert_null (strstr (svg, "<image"));
  g_assert_null (strstr (svg, "<script"));
  g_assert_null (strstr (svg, "<foreignObject"));
  g_assert_null (strstr (svg, "url("));
}

static void
test_contrast (void)
{
  g_assert_cmpfloat_with_epsilon (jln_badge_art_contrast_ratio ("#000000", "#FFFFFF"), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (jln_badge_art_contrast_ratio ("#ffffff", "#000000"), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (jln_badge_art_contrast_ratio ("#1D3B8B", "#1d3b8b"), 1.0, 1e-9);
  /* #767676 on white is the usual "just passes 4.5:1" grey. */
  g_assert_cmpfloat_with_epsilon (jln_badge_art_contrast_ratio ("#767676", "#FFFFFF"), 4.54, 0.01);
  g_assert_cmpfloat_with_epsilon (jln_badge_art_contrast_ratio ("#FF0000", "#FFFFFF"), 4.0, 0.01);

  g_assert_cmpfloat (jln_badge_art_contrast_ratio ("#00000", "#FFFFFF"), ==, -1.0);
  g_assert_cmpfloat (jln_badge_art_contrast_ratio ("black", "#FFFFFF"), ==, -1.0);
  g_assert_cmpfloat (jln_badge_art_contrast_ratio (NULL, "#FFFFFF"), ==, -1.0);
  g_assert_cmpfloat (jln_badge_art_contrast_ratio ("#FFFFFF", "#FFFFFFF"), ==, -1.0);
  g_assert_cmpfloat (jln_badge_art_contrast_ratio ("#GG0000", "#FFFFFF"), ==, -1.0);
}

static void
test_palette (void)
{
  const JlnPaletteColour *palette;
  guint n = 0;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_pairs = 0;

  palette = jln_badge_art_palette (&n);
  g_assert_nonnull (palette);
  g_assert_cmpuint (n, >=, 12);

  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (palette[i].id);
      g_assert_nonnull (palette[i].name);
      g_assert_cmpstr (palette[i].name, !=, "");
      g_assert_true (jln_badge_art_colour_is_valid (palette[i].hex));
      g_assert_true (g_hash_table_add (ids, (gpointer) palette[i].id));
      g_assert_true (jln_badge_art_palette_lookup (palette[i].id) == &palette[i]);

      /* Every colour must be usable: it pairs with at least 3 others. */
      n_pairs = 0;
      for (guint j = 0; j < n; j++)
        if (jln_badge_art_contrast_ratio (palette[i].hex, palette[j].hex) >= JLN_BADGE_ART_MIN_CONTRAST)
          n_pairs++;
      g_assert_cmpuint (n_pairs, >=, 3);
    }

  g_assert_nonnull (jln_badge_art_palette_lookup ("teal"));
  g_assert_nonnull (jln_badge_art_palette_lookup ("white"));
  g_assert_null (jln_badge_art_palette_lookup ("no-such-colour"));
  g_assert_null (jln_badge_art_palette_lookup (NULL));
}

static void
test_shape_strings (void)
{
  for (guint i = 0; i < JLN_BADGE_N_SHAPES; i++)
    {
      const char *s = jln_badge_shape_to_string (i);
      JlnBadgeShape back = JLN_BADGE_N_SHAPES;

      g_assert_nonnull (s);
      g_assert_true (jln_badge_shape_from_string (s, &back));
      g_assert_cmpint (back, ==, i);
      g_assert_nonnull (jln_badge_shape_get_display_name (i));
    }
  g_assert_cmpstr (jln_badge_shape_to_string (JLN_BADGE_SHAPE_ROUND), ==, "round");
  g_assert_cmpstr (jln_badge_shape_to_string (JLN_BADGE_SHAPE_RIBBON), ==, "ribbon");
  g_assert_null (jln_badge_shape_to_string (JLN_BADGE_N_SHAPES));
  g_assert_null (jln_badge_shape_get_display_name (JLN_BADGE_N_SHAPES));
  g_assert_false (jln_badge_shape_from_string ("triangle", NULL));
  g_assert_false (jln_badge_shape_from_string ("Round", NULL));
  g_assert_false (jln_badge_shape_from_string (NULL, NULL));
}

static void
test_render_all_shapes (void)
{
  /* Pairs far from each other and from black/transparent, so each colour
   * count can only come from the drawing itself. */
  static const char *pairs[][2] = {
    { "#0E7C7B", "#FFFFFF" },
    { "#EFDFB4", "#1D3B8B" },
    { "#F4B400", "#2E3436" },
  };
  const char *labels[] = { NULL, "Santé" };

  for (guint shape = 0; shape < JLN_BADGE_N_SHAPES; shape++)
    for (guint p = 0; p < G_N_ELEMENTS (some_pictograms); p++)
      for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
        {
          const char *primary = pairs[(shape + p) % G_N_ELEMENTS (pairs)][0];
          const char *secondary = pairs[(shape + p) % G_N_ELEMENTS (pairs)][1];
          JlnBadgeArtSpec spec = { shape, primary, secondary, some_pictograms[p], labels[l] };
          g_autoptr(GError) error = NULL;
          g_autofree char *svg = jln_badge_art_render (&spec, &error);
          PixelCount big, small;

          g_assert_no_error (error);
          g_assert_nonnull (svg);
          assert_self_contained (svg);
          g_assert_nonnull (strstr (svg, "width=\"256\" height=\"256\" viewBox=\"0 0 256 256\""));
          g_assert_null (strstr (svg, "currentColor"));
          g_assert_cmpint (strstr (svg, "<text") != NULL, ==, labels[l] != NULL);

          big = render_and_count (svg, 256, primary, secondary);
          /* The shape's face and its rim + pictogram really are drawn. */
          g_assert_cmpuint (big.n_primary, >, big.n_pixels / 10);
          g_assert_cmpuint (big.n_secondary, >, big.n_pixels / 50);
          /* The badge fills its box without spilling out of it. */
          g_assert_cmpuint (big.n_opaque, >, big.n_pixels / 3);
          /* The pictogram is there, in the middle (the rim and the label
           * band are outside this box). */
          g_assert_cmpuint (big.n_secondary_centre, >, big.n_centre / 20);

          small = render_and_count (svg, 48, primary, secondary);
          g_assert_cmpuint (small.n_primary, >, small.n_pixels / 10);
          g_assert_cmpuint (small.n_secondary, >, 20);
          g_assert_cmpuint (small.n_secondary_centre, >, small.n_centre / 20);
        }
}

/* Shapes must be told apart by their outline alone. */
static void
test_distinct_silhouettes (void)
{
  g_autofree guint8 *masks[JLN_BADGE_N_SHAPES] = { NULL, };
  const int size = 64;

  for (guint shape = 0; shape < JLN_BADGE_N_SHAPES; shape++)
    {
      JlnBadgeArtSpec spec = { shape, "#FFFFFF", "#000000", "check", NULL };
      g_autofree char *svg = jln_badge_art_render (&spec, NULL);
      g_autoptr(GError) error = NULL;
      RsvgHandle *handle = rsvg_handle_new_from_data ((const guint8 *) svg, strlen (svg), &error);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
      cairo_t *cr = cairo_create (surface);
      RsvgRectangle viewport = { 0, 0, size, size };
      const guint8 *data;
      int stride;

      g_assert_no_error (error);
      g_assert_true (rsvg_handle_render_document (handle, cr, &viewport, &error));
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      masks[shape] = g_malloc (size * size);
      for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
          masks[shape][y * size + x] = data[y * stride + x * 4 + 3] > 127;
      cairo_surface_destroy (surface);
      g_object_unref (handle);
    }

  for (guint a = 0; a < JLN_BADGE_N_SHAPES; a++)
    for (guint b = a + 1; b < JLN_BADGE_N_SHAPES; b++)
      {
        guint diff = 0;

        for (int i = 0; i < size * size; i++)
          diff += masks[a][i] != masks[b][i];
        if (diff < 80)
          g_test_message ("shapes %s and %s differ by %u pixels",
                          jln_badge_shape_to_string (a), jln_badge_shape_to_string (b), diff);
        g_assert_cmpuint (diff, >=, 80);
      }
}

static void
test_pictograms (void)
{
  const char * const *names = jln_badge_art_list_pictograms ();
  guint n = 0;

  g_assert_nonnull (names);
  for (; names[n] != NULL; n++)
    {
      g_autofree char *svg = jln_badge_art_pictogram_svg (names[n], "#1D3B8B");
      g_autofree char *plain = jln_badge_art_pictogram_svg (names[n], NULL);
      PixelCount c;

      g_assert_nonnull (svg);
      assert_self_contained (svg);
      g_assert_null (strstr (svg, "currentColor"));
      g_assert_nonnull (strstr (svg, "#1D3B8B"));
      g_assert_true (jln_badge_art_has_pictogram (names[n]));
      g_assert_nonnull (jln_badge_art_pictogram_display_name (names[n]));

      /* Bold enough to be seen: a good share of the box is inked, in the
       * requested colour. */
      c = render_and_count (svg, 64, NULL, "#1D3B8B");
      if (c.n_secondary < 64 * 64 / 12)
        g_test_message ("pictogram %s: %u pixels", names[n], c.n_secondary);
      g_assert_cmpuint (c.n_secondary, >, 64 * 64 / 12);
      /* …and nothing else. */
      g_assert_cmpuint (c.n_opaque, ==, c.n_secondary);
      c = render_and_count (svg, 24, NULL, "#1D3B8B");
      g_assert_cmpuint (c.n_secondary, >, 10);

      /* Without a colour, it follows currentColor. */
      g_assert_nonnull (plain);
      g_assert_nonnull (strstr (plain, "currentColor"));
      render_and_count (plain, 32, NULL, NULL);
    }
  g_assert_cmpuint (n, >=, 24);

  g_assert_null (jln_badge_art_pictogram_svg ("unicorn", "#000000"));
  g_assert_null (jln_badge_art_pictogram_svg ("../heart", "#000000"));
  g_assert_null (jln_badge_art_pictogram_svg ("heart.svg", "#000000"));
  g_assert_null (jln_badge_art_pictogram_svg (NULL, "#000000"));
  g_assert_null (jln_badge_art_pictogram_svg ("heart", "red"));
  g_assert_null (jln_badge_art_pictogram_svg ("heart", "#12345"));
  g_assert_false (jln_badge_art_has_pictogram ("unicorn"));
  g_assert_false (jln_badge_art_has_pictogram (NULL));
  g_assert_null (jln_badge_art_pictogram_display_name ("unicorn"));
}

/* The list in the code and the files in the resource are the same set. */
static void
test_pictograms_match_resource (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) children = NULL;
  const char * const *names = jln_badge_art_list_pictograms ();

  /* Loading one registers the resource. */
  g_free (jln_badge_art_pictogram_svg ("heart", NULL));
  children = g_resources_enumerate_children ("/io/github/jalons/Jalons/pictograms/",
                                             G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (children), ==, g_strv_length ((char **) names));
  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *name = NULL;

      g_assert_true (g_str_has_suffix (children[i], ".svg"));
      name = g_strndup (children[i], strlen (children[i]) - 4);
      g_assert_true (g_strv_contains (names, name));
    }
}

static char *
render_label (const char *label)
{
  JlnBadgeArtSpec spec = { JLN_BADGE_SHAPE_ROUND, "#0E7C7B", "#FFFFFF", "heart", label };
  g_autoptr(GError) error = NULL;
  char *svg = jln_badge_art_render (&spec, &error);

  g_assert_no_error (error);
  g_assert_nonnull (svg);
  render_and_count (svg, 64, NULL, NULL);
  return svg;
}

static char *
shown_text (const char *svg)
{
  const char *start = strstr (svg, "<text");
  const char *end;

  if (start == NULL)
    return NULL;
  start = strchr (start, '>') + 1;
  end = strstr (start, "</text>");
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

static void
test_label (void)
{
  g_autofree char *svg = NULL;
  g_autofree char *text = NULL;

  svg = render_label ("<&>\"'");
  text = shown_text (svg);
  /* GLib writes ' as &apos; or &#39; depending on its version. */
  if (g_strcmp0 (text, "&lt;&amp;&gt;&quot;&#39;") != 0)
    g_assert_cmpstr (text, ==, "&lt;&amp;&gt;&quot;&apos;");
  g_clear_pointer (&svg, g_free);
  g_clear_pointer (&text, g_free);

  /* At most 14 characters shown; a cut label ends with an ellipsis. */
  svg = render_label ("Communication orale");
  text = shown_text (svg);
  g_assert_cmpint (g_utf8_strlen (text, -1), <=, JLN_BADGE_ART_LABEL_MAX_CHARS);
  g_assert_true (g_str_has_suffix (text, "…"));
  g_assert_true (g_str_has_prefix (text, "Communication"));
  g_clear_pointer (&svg, g_free);
  g_clear_pointer (&text, g_free);

  svg = render_label ("Ponctualité");
  text = shown_text (svg);
  g_assert_cmpstr (text, ==, "Ponctualité");
  g_clear_pointer (&svg, g_free);
  g_clear_pointer (&text, g_free);

  /* Exactly 14 characters: kept whole. */
  svg = render_label ("Éèêëàâäîïôöùûü");
  text = shown_text (svg);
  g_assert_cmpstr (text, ==, "Éèêëàâäîïôöùûü");
  g_clear_pointer (&svg, g_free);
  g_clear_pointer (&text, g_free);

  /* Control characters (not allowed in XML) and line breaks. */
  svg = render_label ("  Code\x01\tde\nla route  ");
  text = shown_text (svg);
  g_assert_cmpstr (text, ==, "Code de la ro…");
  g_clear_pointer (&svg, g_free);
  g_clear_pointer (&text, g_free);

  /* Invalid UTF-8 still gives a valid document. */
  svg = render_label ("Bud\xff\xfeget");
  g_assert_true (g_utf8_validate (svg, -1, NULL));
  g_clear_pointer (&svg, g_free);

  /* A label that looks like markup or our own keywords stays text. */
  svg = render_label ("currentColor");
  text = shown_text (svg);
  g_assert_cmpstr (text, ==, "currentColor");
  g_clear_pointer (&svg, g_free);
  g_clear_pointer (&text, g_free);

  /* Blank labels show no band. */
  svg = render_label ("   \n ");
  g_assert_null (strstr (svg, "<text"));
  g_clear_pointer (&svg, g_free);
  svg = render_label ("");
  g_assert_null (strstr (svg, "<text"));
  g_clear_pointer (&svg, g_free);
}

static void
assert_render_fails (JlnBadgeShape shape, const char *primary, const char *secondary,
                     const char *pictogram, int code, const char *in_message)
{
  JlnBadgeArtSpec spec = { shape, primary, secondary, pictogram, "Test" };
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = jln_badge_art_render (&spec, &error);

  g_assert_null (svg);
  g_assert_error (error, JLN_BADGE_ART_ERROR, code);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("“%s” not in message: %s", in_message, error->message);
}

static void
test_errors (void)
{
  assert_render_fails (JLN_BADGE_SHAPE_ROUND, "red", "#FFFFFF", "heart",
                       JLN_BADGE_ART_ERROR_INVALID_COLOUR, "“red”");
  assert_render_fails (JLN_BADGE_SHAPE_ROUND, "#0E7C7B", "#FFF", "heart",
                       JLN_BADGE_ART_ERROR_INVALID_COLOUR, "“#FFF”");
  assert_render_fails (JLN_BADGE_SHAPE_ROUND, "#0E7C7G", "#FFFFFF", "heart",
                       JLN_BADGE_ART_ERROR_INVALID_COLOUR, "“#0E7C7G”");
  assert_render_fails (JLN_BADGE_SHAPE_ROUND, "#0E7C7B ", "#FFFFFF", "heart",
                       JLN_BADGE_ART_ERROR_INVALID_COLOUR, NULL);
  assert_render_fails (JLN_BADGE_SHAPE_ROUND, NULL, "#FFFFFF", "heart",
                       JLN_BADGE_ART_ERROR_INVALID_COLOUR, "missing");
  assert_render_fails (JLN_BADGE_SHAPE_ROUND, "#0E7C7B", "", "heart",
                       JLN_BADGE_ART_ERROR_INVALID_COLOUR, "missing");
  /* Markup in a bad colour must not reach an SVG or break the message. */
  assert_render_fails (JLN_BADGE_SHAPE_ROUND, "\"/><script>", "#FFFFFF", "heart",
                       JLN_BADGE_ART_ERROR_INVALID_COLOUR, NULL);

  assert_render_fails (JLN_BADGE_SHAPE_SHIELD, "#0E7C7B", "#FFFFFF", "unicorn",
                       JLN_BADGE_ART_ERROR_UNKNOWN_PICTOGRAM, "“unicorn”");
  assert_render_fails (JLN_BADGE_SHAPE_SHIELD, "#0E7C7B", "#FFFFFF", "../../heart",
                       JLN_BADGE_ART_ERROR_UNKNOWN_PICTOGRAM, NULL);
  assert_render_fails (JLN_BADGE_SHAPE_SHIELD, "#0E7C7B", "#FFFFFF", NULL,
                       JLN_BADGE_ART_ERROR_UNKNOWN_PICTOGRAM, "No pictogram");
  assert_render_fails (JLN_BADGE_SHAPE_SHIELD, "#0E7C7B", "#FFFFFF", "",
                       JLN_BADGE_ART_ERROR_UNKNOWN_PICTOGRAM, "No pictogram");

  assert_render_fails (JLN_BADGE_N_SHAPES, "#0E7C7B", "#FFFFFF", "heart",
                       JLN_BADGE_ART_ERROR_INVALID_SHAPE, NULL);
  assert_render_fails ((JlnBadgeShape) -1, "#0E7C7B", "#FFFFFF", "heart",
                       JLN_BADGE_ART_ERROR_INVALID_SHAPE, NULL);
}

static void
test_low_contrast (void)
{
  struct {
    const char *a, *b;
  } close_pairs[] = {
    { "#777777", "#888888" },
    { "#0E7C7B", "#0E7C7B" },
    { "#F4B400", "#FFFFFF" },   /* saffron on white: 1.8:1 */
    { "#2E3436", "#1D3B8B" },   /* charcoal on ink blue */
  };

  for (guint i = 0; i < G_N_ELEMENTS (close_pairs); i++)
    {
      double ratio = jln_badge_art_contrast_ratio (close_pairs[i].a, close_pairs[i].b);
      g_autofree char *expected = g_strdup_printf ("contrast %.1f:1", floor (ratio * 10) / 10);

      g_assert_cmpfloat (ratio, <, 3.0);
      assert_render_fails (JLN_BADGE_SHAPE_HEXAGON, close_pairs[i].a, close_pairs[i].b, "heart",
                           JLN_BADGE_ART_ERROR_LOW_CONTRAST, expected);
      assert_render_fails (JLN_BADGE_SHAPE_HEXAGON, close_pairs[i].a, close_pairs[i].b, "heart",
                           JLN_BADGE_ART_ERROR_LOW_CONTRAST, "at least 3:1 needed");
    }

  {
    g_autoptr(GError) error = NULL;

    /* Just below 3:1 must not read "3.0:1" in the message. */
    g_assert_false (jln_badge_art_check_colours ("#959595", "#FFFFFF", &error));
    g_assert_error (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_LOW_CONTRAST);
    g_assert_cmpfloat (jln_badge_art_contrast_ratio ("#959595", "#FFFFFF"), >, 2.95);
    g_assert_nonnull (strstr (error->message, "contrast 2.9:1"));
  }

  g_assert_true (jln_badge_art_check_colours ("#1D3B8B", "#FFFFFF", NULL));
  g_assert_true (jln_badge_art_check_colours ("#000000", "#FFFFFF", NULL));
}

/* ---- SVG files drawn elsewhere ---- */

#define SVG_OPEN "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\">"
/* A 1x1 PNG. */
#define PNG_DATA_URI "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="

static void
assert_refused (const char *svg,
                int         code,
                const char *why)
{
  g_autoptr(GError) error = NULL;

  if (jln_badge_art_validate_svg (svg, strlen (svg), &error))
    {
      g_printerr ("accepted, should not be (%s): %s\n", why, svg);
      g_assert_not_reached ();
    }
  g_assert_error (error, JLN_BADGE_ART_ERROR, code);
  /* A sentence for the coach, never empty. */
  g_assert_cmpuint (strlen (error->message), >, 20);
}

static void
assert_accepted (const char *svg)
{
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle;

  g_assert_true (jln_badge_art_validate_svg (svg, strlen (svg), &error));
  g_assert_no_error (error);
  /* What passes must also be something librsvg draws (the UI's check). */
  handle = rsvg_handle_new_from_data ((const guint8 *) svg, strlen (svg), &error);
  g_assert_no_error (error);
  g_assert_nonnull (handle);
  g_object_unref (handle);
}

static void
test_validate_svg_accepts (void)
{
  g_autofree char *rendered = NULL;
  JlnBadgeArtSpec spec = { JLN_BADGE_SHAPE_SHIELD, "#0B6E69", "#FFFFFF", "bus", "Niveau 1" };

  assert_accepted (SVG_OPEN "<circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"#0B6E69\"/></svg>");
  /* An XML declaration and comments, as editors write them. */
  assert_accepted ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Inkscape -->\n"
                   SVG_OPEN "<rect width=\"10\" height=\"10\"/></svg>");
  /* Pictures carried inside, and references within the document. */
  assert_accepted (SVG_OPEN "<image width=\"10\" height=\"10\" href=\"" PNG_DATA_URI "\"/></svg>");
  assert_accepted (SVG_OPEN "<image width=\"10\" height=\"10\" xlink:href=\"" PNG_DATA_URI "\"/></svg>");
  assert_accepted (SVG_OPEN "<defs><linearGradient id=\"g\"><stop offset=\"0\"/></linearGradient>"
                   "<path id=\"p\" d=\"M0 0h5\"/></defs>"
                   "<rect width=\"10\" height=\"10\" fill=\"url(#g)\" style=\"stroke: url( '#g' )\"/>"
                   "<use xlink:href=\"#p\"/></svg>");
  assert_accepted (SVG_OPEN "<style><![CDATA[ rect { fill: url(#g); } ]]></style>"
                   "<rect width=\"10\" height=\"10\" transform=\"translate(1 1)\" fill=\"rgb(1,2,3)\"/></svg>");
  /* Jalons' own drawings come back in. */
  rendered = jln_badge_art_render (&spec, NULL);
  g_assert_nonnull (rendered);
  assert_accepted (rendered);
}

static void
test_validate_svg_refuses (void)
{
  g_autoptr(GString) big = g_string_new (SVG_OPEN "<!--");
  g_autoptr(GError) error = NULL;
  const char laughs[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE svg [\n"
    "  <!ENTITY lol \"lol\">\n"
    "  <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    "  <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
    "  <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
    "]>\n"
    SVG_OPEN "<text>&lol4;</text></svg>";

  assert_refused (laughs, JLN_BADGE_ART_ERROR_SVG_UNSAFE, "billion laughs");
  assert_refused ("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                  "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n" SVG_OPEN "</svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "DOCTYPE without entities");
  assert_refused (SVG_OPEN "<!ENTITY x \"y\"></svg>", JLN_BADGE_ART_ERROR_SVG_UNSAFE, "ENTITY alone");

  /* Outside references, every way of writing them. */
  assert_refused (SVG_OPEN "<image href=\"http://example.org/tracker.png\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "http href");
  assert_refused (SVG_OPEN "<image href=\"https://example.org/a.png\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "https href");
  assert_refused (SVG_OPEN "<image href=\"file:///etc/passwd\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "file:// href");
  assert_refused (SVG_OPEN "<image xlink:href=\"photo.png\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "xlink:href to a local file");
  assert_refused (SVG_OPEN "<use xlink:href=\"other.svg#shape\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "use of another file");
  assert_refused (SVG_OPEN "<image src=\"//example.org/a.png\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "src");
  assert_refused (SVG_OPEN "<rect style=\"fill: url(http://example.org/p.svg#g)\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "url() in style");
  assert_refused (SVG_OPEN "<rect fill=\"URL( 'file:///tmp/p.svg#g' )\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "url() in an attribute");
  assert_refused (SVG_OPEN "<style><![CDATA[ @font-face { src: url(https://example.org/f.woff); } ]]></style></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "url() in a style sheet");
  assert_refused (SVG_OPEN "<style>@import 'https://example.org/s.css';</style></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "@import");
  /* CSS escapes spell "url" or "import" without those letters. */
  assert_refused (SVG_OPEN "<rect style=\"fill: \\75rl(https://example.org/p.svg#g)\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "escaped url(");
  assert_refused (SVG_OPEN "<style>@\\69mport 'https://example.org/s.css';</style></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "escaped @import");
  assert_refused (SVG_OPEN "<rect style=\"fill: u\\rl(https://example.org/p.svg#g)\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "escaped letter inside url");
  /* Other CSS functions that fetch. */
  assert_refused (SVG_OPEN "<rect style=\"fill: image-set('https://example.org/a.png' 1x)\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "image-set(");
  assert_refused (SVG_OPEN "<rect style=\"fill: -webkit-image-set('a.png' 1x)\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "-webkit-image-set(");
  assert_refused (SVG_OPEN "<style>@font-face { src: src('https://example.org/f.woff'); }</style></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "src(");
  assert_refused (SVG_OPEN "<rect style=\"fill: image('https://example.org/a.png')\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "image(");
  /* data: pictures must be raster images the renderer decodes itself. */
  assert_refused (SVG_OPEN "<image href=\"data:text/html,&lt;b&gt;x\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "data: HTML");
  assert_refused (SVG_OPEN "<image href=\"data:image/x-portable-anymap;base64,UDE=\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "data: unknown image type");
  assert_refused (SVG_OPEN "<image href=\"data:image/SVG+xml;base64,PHN2Zy8+\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "data: SVG in capitals");
  /* Still fine: the raster types, colours written as functions, local refs. */
  {
    const char fine[] = SVG_OPEN "<image href=\"data:image/png;base64,iVBORw0KGgo=\"/>"
                        "<image href=\"data:image/jpeg;base64,/9j/\"/>"
                        "<rect inkscape:export-filename=\"C:\\Users\\a.png\" xmlns:inkscape=\"urn:x\"/>"
                        "<rect style=\"fill: rgb(1, 2, 3); stroke: url(#g)\"/></svg>";

    g_assert_true (jln_badge_art_validate_svg (fine, strlen (fine), &error));
    g_assert_no_error (error);
  }

  assert_refused ("<?xml-stylesheet href=\"https://example.org/s.css\"?>" SVG_OPEN "</svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "xml-stylesheet");
  assert_refused (SVG_OPEN "<image href=\"data:image/svg+xml;base64,PHN2Zy8+\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "nested SVG, unchecked");
  /* Shorter than "data:image/svg+xml": still a nested SVG. */
  assert_refused (SVG_OPEN "<rect fill=\"url(data:image/svg,x)\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "short nested SVG");
  assert_refused (SVG_OPEN "<a href=\"javascript:alert(1)\"><rect/></a></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "javascript: link");
  assert_refused (SVG_OPEN "<a><set attributeName=\"href\" to=\"https://example.org\"/></a></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "href set by an animation");

  /* Things that run. */
  assert_refused (SVG_OPEN "<script>alert(1)</script></svg>", JLN_BADGE_ART_ERROR_SVG_UNSAFE, "script");
  assert_refused (SVG_OPEN "<svg:script xmlns:svg=\"http://www.w3.org/2000/svg\"/></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "prefixed script");
  assert_refused ("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "onload");
  assert_refused (SVG_OPEN "<rect OnClick=\"alert(1)\"/></svg>", JLN_BADGE_ART_ERROR_SVG_UNSAFE, "onclick");
  assert_refused (SVG_OPEN "<foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></foreignObject></svg>",
                  JLN_BADGE_ART_ERROR_SVG_UNSAFE, "foreignObject");

  /* Not an SVG drawing at all. */
  assert_refused ("this is not XML", JLN_BADGE_ART_ERROR_SVG_NOT_SVG, "text");
  assert_refused (SVG_OPEN "<rect>", JLN_BADGE_ART_ERROR_SVG_NOT_SVG, "unclosed");
  assert_refused ("<html><body/></html>", JLN_BADGE_ART_ERROR_SVG_NOT_SVG, "not svg root");
  assert_refused ("", JLN_BADGE_ART_ERROR_SVG_NOT_SVG, "empty");
  assert_refused ("<!-- only a comment -->", JLN_BADGE_ART_ERROR_SVG_NOT_SVG, "no element");
  g_assert_false (jln_badge_art_validate_svg ("<svg>\xff</svg>", 11, &error));
  g_assert_error (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_SVG_NOT_SVG);
  g_clear_error (&error);
  g_assert_false (jln_badge_art_validate_svg ("<svg/>\0<x/>", 11, &error));
  g_assert_error (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_SVG_NOT_SVG);
  g_clear_error (&error);

  /* 2 MB, harmless otherwise: refused on its size alone, before reading. */
  while (big->len < 2 * 1024 * 1024)
    g_string_append (big, "0123456789abcdef");
  g_string_append (big, "--></svg>");
  assert_refused (big->str, JLN_BADGE_ART_ERROR_SVG_TOO_LARGE, "2 MB");
  /* Right at the limit is fine. */
  g_string_truncate (big, 0);
  g_string_append (big, SVG_OPEN "<!--");
  while (big->len < JLN_BADGE_ART_MAX_SVG_SIZE - 16)
    g_string_append_c (big, 'x');
  g_string_append (big, "--></svg>");
  g_assert_cmpuint (big->len, <=, JLN_BADGE_ART_MAX_SVG_SIZE);
  g_assert_true (jln_badge_art_validate_svg (big->str, big->len, NULL));
}

/* Issue 10 (1): opening a badge must start from its own composition. */
static char *
without_metadata (const char *svg)
{
  const char *start = strstr (svg, "<metadata>");
  const char *end = start ? strstr (start, "</metadata>") : NULL;

  g_assert_nonnull (end);
  return g_strdup_printf ("%.*s%s", (int) (start - svg), svg, end + strlen ("</metadata>"));
}

static void
test_read_choices (void)
{
  const char * const *names = jln_badge_art_list_pictograms ();
  const char *labels[] = { NULL, "Niveau 2", "<&>\"' ok", "Une étiquette bien trop longue" };
  guint n = 0, n_names = g_strv_length ((char **) names);

  for (guint shape = 0; shape < JLN_BADGE_N_SHAPES; shape++)
    for (guint i = shape; i < n_names; i += 5)
      {
        const char *label = labels[n++ % G_N_ELEMENTS (labels)];
        JlnBadgeArtSpec spec = { shape, "#1f6f6b", "#FFFFFF", names[i], label };
        g_autofree char *svg = jln_badge_art_render (&spec, NULL);
        g_autofree char *bare = NULL;
        g_auto(JlnBadgeArtChoices) read = { 0 };
        g_auto(JlnBadgeArtChoices) recognised = { 0 };

        g_assert_nonnull (svg);
        g_assert_true (jln_badge_art_read_choices (svg, &read));
        g_assert_cmpint (read.shape, ==, shape);
        g_assert_cmpstr (read.primary, ==, "#1f6f6b");
        g_assert_cmpstr (read.secondary, ==, "#FFFFFF");
        g_assert_cmpstr (read.pictogram, ==, names[i]);
        /* The metadata keeps the label as typed, even where the banner cuts it. */
        g_assert_cmpstr (read.label, ==, label);

        /* Drawn before images carried metadata (the demo's): the drawing
         * itself says what it was made from, the banner's text included. */
        bare = without_metadata (svg);
        g_assert_true (jln_badge_art_read_choices (bare, &recognised));
        g_assert_cmpint (recognised.shape, ==, shape);
        g_assert_cmpstr (recognised.pictogram, ==, names[i]);
        g_assert_cmpstr (recognised.primary, ==, "#1f6f6b");
        g_assert_cmpstr (recognised.secondary, ==, "#FFFFFF");
        if (label == NULL || g_utf8_strlen (label, -1) <= JLN_BADGE_ART_LABEL_MAX_CHARS)
          g_assert_cmpstr (recognised.label, ==, label);
        else
          g_assert_cmpint (g_utf8_strlen (recognised.label, -1), ==, JLN_BADGE_ART_LABEL_MAX_CHARS);
      }
  g_assert_cmpuint (n, >=, 30);
}

static void
test_read_choices_refuses (void)
{
  /* Teal on white, as the palette writes them. */
  JlnBadgeArtSpec spec = { JLN_BADGE_SHAPE_SHIELD, "#0E7C7B", "#FFFFFF", "heart", "Niveau 1" };
  JlnBadgeArtSpec other = { JLN_BADGE_SHAPE_ROUND, "#0E7C7B", "#FFFFFF", "bus", NULL };
  g_autofree char *svg = jln_badge_art_render (&spec, NULL);
  g_autofree char *other_svg = jln_badge_art_render (&other, NULL);
  g_autofree char *bare_other = without_metadata (other_svg);
  const char *meta = strstr (svg, "<metadata>");
  g_autofree char *copied = NULL;
  g_autofree char *touched = NULL;
  g_autofree char *old_style = NULL;
  g_auto(JlnBadgeArtChoices) out = { 0 };

  /* Drawn elsewhere. */
  g_assert_false (jln_badge_art_read_choices ("<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n", &out));
  g_assert_null (out.pictogram);
  g_assert_false (jln_badge_art_read_choices (NULL, &out));
  g_assert_false (jln_badge_art_read_choices ("", &out));
  /* Someone else's drawing with our metadata copied into it is not ours. */
  copied = g_strdup_printf ("%.*s%.*s</svg>\n", (int) (strlen (bare_other) - strlen ("</svg>\n")),
                            bare_other, (int) (strstr (meta, "</metadata>") + 11 - meta), meta);
  g_assert_true (jln_badge_art_read_choices (copied, &out));
  /* …it is recognised as the drawing it really is, not as the metadata says. */
  g_assert_cmpstr (out.pictogram, ==, "bus");
  g_assert_cmpint (out.shape, ==, JLN_BADGE_SHAPE_ROUND);
  jln_badge_art_choices_clear (&out);
  /* One byte of the drawing changed: neither metadata nor recognition. */
  touched = g_strdup (svg);
  *strstr (touched, "stroke-width=\"") = 'S';
  g_assert_false (jln_badge_art_read_choices (touched, &out));
  g_assert_null (out.primary);

  /* Metadata as the composer wrote it before (palette ids) still reads. */
  old_style = g_strdup_printf ("%.*s<metadata><jalons:art xmlns:jalons=\"urn:jalons:badge-art:1\""
                               " shape=\"shield\" primary=\"teal\" secondary=\"white\""
                               " pictogram=\"heart\" label=\"Niveau 1\"/></metadata></svg>\n",
                               (int) (meta - svg), svg);
  g_assert_true (jln_badge_art_read_choices (old_style, &out));
  g_assert_cmpstr (out.primary, ==, "#0E7C7B");
  g_assert_cmpstr (out.pictogram, ==, "heart");
  g_assert_cmpstr (out.label, ==, "Niveau 1");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/badge-art/contrast", test_contrast);
  g_test_add_func ("/badge-art/palette", test_palette);
  g_test_add_func ("/badge-art/shape-strings", test_shape_strings);
  g_test_add_func ("/badge-art/render-all-shapes", test_render_all_shapes);
  g_test_add_func ("/badge-art/distinct-silhouettes", test_distinct_silhouettes);
  g_test_add_func ("/badge-art/pictograms", test_pictograms);
  g_test_add_func ("/badge-art/pictograms-match-resource", test_pictograms_match_resource);
  g_test_add_func ("/badge-art/label", test_label);
  g_test_add_func ("/badge-art/errors", test_errors);
  g_test_add_func ("/badge-art/low-contrast", test_low_contrast);
  g_test_add_func ("/badge-art/validate-svg/accepts", test_validate_svg_accepts);
  g_test_add_func ("/badge-art/validate-svg/refuses", test_validate_svg_refuses);
  g_test_add_func ("/badge-art/read-choices", test_read_choices);
  g_test_add_func ("/badge-art/read-choices/refuses", test_read_choices_refuses);

  return g_test_run ();
}
