/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-core"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "jln-badge-art.h"
#include "jln-core-resources.h"

G_DEFINE_QUARK (jln-badge-art-error-quark, jln_badge_art_error)

#define PICTOGRAM_PREFIX "/io/github/jalons/Jalons/pictograms/"
#define CANVAS 256.0
/* One stroke width for the rim, the banner and (once scaled) the
 * pictograms' 5-unit strokes, so every part of a badge has the same weight. */
#define RIM_WIDTH 10.0
/* The composer's choices, kept in the document's <metadata>. */
#define ART_NS "urn:jalons:badge-art:1"
#define ART_ELEMENT "jalons:art"
#define DRAWING_END "</svg>\n"

/* ------------------------------------------------------------------------ */
/* Pictograms */

typedef struct {
  const char *name;
  const char *display_name;
} Pictogram;

/* Mirrors jln-core.gresource.xml (a test checks both directions). Sorted so
 * the editor can show it as is. */
static const Pictogram pictograms[] = {
  { "at", N_("At sign") },
  { "bicycle", N_("Bicycle") },
  { "briefcase", N_("Briefcase") },
  { "bus", N_("Bus") },
  { "calendar", N_("Calendar") },
  { "car", N_("Car") },
  { "check", N_("Check mark") },
  { "clock", N_("Clock") },
  { "computer", N_("Computer") },
  { "cv", N_("CV") },
  { "document", N_("Document") },
  { "envelope", N_("Envelope") },
  { "euro", N_("Euro coin") },
  { "form", N_("Form") },
  { "globe", N_("Globe") },
  { "growth", N_("Rising arrow") },
  { "heart", N_("Heart") },
  { "house", N_("House") },
  { "id-card", N_("Identity card") },
  { "key", N_("Key") },
  { "map-pin", N_("Map pin") },
  { "medical", N_("Medical cross") },
  { "person", N_("Person") },
  { "phone", N_("Phone") },
  { "presenting", N_("Person presenting") },
  { "speech", N_("Speech bubble") },
  { "star", N_("Star") },
  { "steps", N_("Steps") },
  { "stethoscope", N_("Stethoscope") },
  { "team", N_("Two people") },
  { "wallet", N_("Wallet") },
};

static const Pictogram *
find_pictogram (const char *name)
{
  if (name == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (pictograms); i++)
    if (strcmp (pictograms[i].name, name) == 0)
      return &pictograms[i];
  return NULL;
}

const char * const *
jln_badge_art_list_pictograms (void)
{
  static const char *names[G_N_ELEMENTS (pictograms) + 1];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (pictograms); i++)
        names[i] = pictograms[i].name;
      names[G_N_ELEMENTS (pictograms)] = NULL;
      g_once_init_leave (&initialised, 1);
    }
  return (const char * const *) names;
}

gboolean
jln_badge_art_has_pictogram (const char *name)
{
  return find_pictogram (name) != NULL;
}

const char *
jln_badge_art_pictogram_display_name (const char *name)
{
  const Pictogram *p = find_pictogram (name);

  return p != NULL ? _(p->display_name) : NULL;
}

static void
ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      /* Built with --manual-register: jln_core_get_resource () is NULL until
       * this call, which also registers it with g_resources_register(). */
      jln_core_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

/* The drawing inside the pictogram's <svg> element: the files are ours and
 * all written the same way (one <svg> root, shapes coloured with
 * currentColor), so plain string work is enough. */
static char *
load_pictogram_body (const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *data, *start, *end;
  gsize size;

  if (find_pictogram (name) == NULL)
    return NULL;

  ensure_resources ();
  path = g_strconcat (PICTOGRAM_PREFIX, name, ".svg", NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  start = g_strstr_len (data, size, "<svg");
  if (start == NULL)
    return NULL;
  start = memchr (start, '>', size - (start - data));
  end = g_strrstr_len (data, size, "</svg>");
  if (start == NULL || end == NULL || end <= start)
    return NULL;
  start++;

  return g_strndup (start, end - start);
}

static char *
recolour (const char *body, const char *colour)
{
  g_auto(GStrv) parts = g_strsplit (body, "currentColor", -1);

  return g_strjoinv (colour, parts);
}

char *
jln_badge_art_pictogram_svg (const char *name, const char *colour)
{
  g_autofree char *body = NULL;
  g_autofree char *coloured = NULL;

  /* NULL keeps currentColor, for a consumer that sets the CSS color. */
  if (colour != NULL && !jln_badge_art_colour_is_valid (colour))
    return NULL;

  body = load_pictogram_body (name);
  if (body == NULL)
    return NULL;

  coloured = recolour (body, colour != NULL ? colour : "currentColor");
  return g_strconcat ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\""
                      " width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">",
                      coloured, "</svg>\n", NULL);
}

/* ------------------------------------------------------------------------ */
/* Colours */

static const JlnPaletteColour palette[] = {
  { "teal", N_("Teal"), "#0E7C7B" },
  { "ink", N_("Ink blue"), "#1D3B8B" },
  { "sky", N_("Sky blue"), "#8CC8F2" },
  { "forest", N_("Forest green"), "#24704A" },
  { "mint", N_("Mint"), "#A8E6BE" },
  { "plum", N_("Plum"), "#6E2F6B" },
  { "brick", N_("Brick red"), "#A3372A" },
  { "coral", N_("Coral"), "#F4846F" },
  { "saffron", N_("Saffron"), "#F4B400" },
  { "sand", N_("Sand"), "#EFDFB4" },
  { "white", N_("White"), "#FFFFFF" },
  { "charcoal", N_("Charcoal"), "#2E3436" },
};

const JlnPaletteColour *
jln_badge_art_palette (guint *n_colours)
{
  if (n_colours != NULL)
    *n_colours = G_N_ELEMENTS (palette);
  return palette;
}

const JlnPaletteColour *
jln_badge_art_palette_lookup (const char *id)
{
  if (id == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (palette); i++)
    if (strcmp (palette[i].id, id) == 0)
      return &palette[i];
  return NULL;
}

static gboolean
parse_colour (const char *hex, double rgb[3])
{
  if (hex == NULL || hex[0] != '#' || strlen (hex) != 7)
    return FALSE;
  for (int i = 0; i < 3; i++)
    {
      int hi = g_ascii_xdigit_value (hex[1 + 2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      if (rgb != NULL)
        rgb[i] = (hi * 16 + lo) / 255.0;
    }
  return TRUE;
}

gboolean
jln_badge_art_colour_is_valid (const char *hex)
{
  return parse_colour (hex, NULL);
}

static double
relative_luminance (const double rgb[3])
{
  double lin[3];

  /* sRGB transfer function as WCAG 2.x gives it (0.04045 is the sRGB
   * standard's threshold; WCAG's 0.03928 gives the same 8-bit results). */
  for (int i = 0; i < 3; i++)
    lin[i] = rgb[i] <= 0.04045 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);

  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

double
jln_badge_art_contrast_ratio (const char *hex_a, const char *hex_b)
{
  double a[3], b[3], la, lb;

  if (!parse_colour (hex_a, a) || !parse_colour (hex_b, b))
    return -1.0;

  la = relative_luminance (a);
  lb = relative_luminance (b);
  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static gboolean
check_colour (const char *hex, GError **error)
{
  if (hex == NULL || *hex == '\0')
    {
      g_set_error_literal (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_INVALID_COLOUR,
                           _("A colour is missing. Choose a main colour and a second colour."));
      return FALSE;
    }
  if (!jln_badge_art_colour_is_valid (hex))
    {
      g_autofree char *shown = g_utf8_make_valid (hex, MIN (strlen (hex), 32));

      g_set_error (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_INVALID_COLOUR,
                   _("“%s” is not a colour. Write it as # followed by six digits or letters A to F, for example #1D3B8B."),
                   shown);
      return FALSE;
    }
  return TRUE;
}

gboolean
jln_badge_art_check_colours (const char  *primary,
                             const char  *secondary,
                             GError     **error)
{
  double ratio;

  if (!check_colour (primary, error) || !check_colour (secondary, error))
    return FALSE;

  ratio = jln_badge_art_contrast_ratio (primary, secondary);
  if (ratio < JLN_BADGE_ART_MIN_CONTRAST)
    {
      /* Rounded down, so 2.97 never reads as an acceptable "3.0". */
      g_set_error (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_LOW_CONTRAST,
                   _("These two colours are too close (contrast %.1f:1; at least 3:1 needed). "
                     "Choose a darker or a lighter colour so the badge stays readable."),
                   floor (ratio * 10.0) / 10.0);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Shapes */

typedef struct {
  const char *id;
  const char *display_name;
  /* Where the pictogram goes (centre and size of its 64-unit box), without
   * and with a label, and the centre line of the label banner. */
  double      picto_cy, picto_size;
  double      picto_cy_label, picto_size_label;
  double      band_cy;
} ShapeInfo;

static const ShapeInfo shapes[JLN_BADGE_N_SHAPES] = {
  [JLN_BADGE_SHAPE_ROUND]   = { "round",   N_("Round"),          128, 132, 104, 116, 186 },
  [JLN_BADGE_SHAPE_SHIELD]  = { "shield",  N_("Shield"),         118, 124,  98, 108, 172 },
  [JLN_BADGE_SHAPE_HEXAGON] = { "hexagon", N_("Hexagon"),        128, 132, 104, 116, 186 },
  [JLN_BADGE_SHAPE_RIBBON]  = { "ribbon",  N_("Rosette"),        104, 112,  98, 104, 182 },
  [JLN_BADGE_SHAPE_SQUARE]  = { "square",  N_("Rounded square"), 128, 140, 104, 124, 190 },
  [JLN_BADGE_SHAPE_STAR]    = { "star",    N_("Seal"),           128, 120, 106, 104, 184 },
};

const char *
jln_badge_shape_to_string (JlnBadgeShape shape)
{
  if ((guint) shape >= JLN_BADGE_N_SHAPES)
    return NULL;
  return shapes[shape].id;
}

gboolean
jln_badge_shape_from_string (const char *s, JlnBadgeShape *out)
{
  if (s == NULL)
    return FALSE;
  for (guint i = 0; i < JLN_BADGE_N_SHAPES; i++)
    if (strcmp (shapes[i].id, s) == 0)
      {
        if (out != NULL)
          *out = (JlnBadgeShape) i;
        return TRUE;
      }
  return FALSE;
}

const char *
jln_badge_shape_get_display_name (JlnBadgeShape shape)
{
  if ((guint) shape >= JLN_BADGE_N_SHAPES)
    return NULL;
  return _(shapes[shape].display_name);
}

/* Numbers go through g_ascii_formatd: a French locale would otherwise
 * write "1,5" and break the document. */
static void
append_num (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buf, sizeof buf, "%.2f", v);
  end = buf + strlen (buf) - 1;
  while (end > buf && *end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  if (strcmp (buf, "-0") == 0)
    strcpy (buf, "0");
  g_string_append (s, buf);
}

static void
append_point (GString *s, char cmd, double x, double y)
{
  g_string_append_c (s, cmd);
  append_num (s, x);
  g_string_append_c (s, ' ');
  append_num (s, y);
  g_string_append_c (s, ' ');
}

/* A closed polygon of @n points alternating between two radii (a seal when
 * the radii differ, a regular polygon with @r_in == @r_out). */
static void
append_star_path (GString *s, double cx, double cy, guint n,
                  double r_out, double r_in, double start_angle)
{
  for (guint i = 0; i < n; i++)
    {
      double a = start_angle + i * G_PI * 2 / n;
      double r = (i % 2 == 0) ? r_out : r_in;

      append_point (s, i == 0 ? 'M' : 'L', cx + r * cos (a), cy + r * sin (a));
    }
  g_string_append (s, "Z");
}

/* Outline of a pleated rosette: @n shallow arcs bulging out of a circle. */
static void
append_rosette_path (GString *s, double cx, double cy, guint n, double r)
{
  double chord = 2 * r * sin (G_PI / n);

  for (guint i = 0; i <= n; i++)
    {
      double a = -G_PI / 2 + i * G_PI * 2 / n;
      double x = cx + r * cos (a), y = cy + r * sin (a);

      if (i == 0)
        {
          append_point (s, 'M', x, y);
          continue;
        }
      g_string_append_c (s, 'A');
      append_num (s, chord * 0.62);
      g_string_append_c (s, ' ');
      append_num (s, chord * 0.62);
      g_string_append (s, " 0 0 1 ");
      append_num (s, x);
      g_string_append_c (s, ' ');
      append_num (s, y);
      g_string_append_c (s, ' ');
    }
  g_string_append (s, "Z");
}

static void
append_shape (GString *svg, JlnBadgeShape shape)
{
  g_autoptr(GString) d = g_string_new (NULL);

  switch (shape)
    {
    case JLN_BADGE_SHAPE_ROUND:
      g_string_append (svg, "<circle cx=\"128\" cy=\"128\" r=\"112\"/>");
      return;

    case JLN_BADGE_SHAPE_SQUARE:
      g_string_append (svg, "<rect x=\"20\" y=\"20\" width=\"216\" height=\"216\" rx=\"44\"/>");
      return;

    case JLN_BADGE_SHAPE_SHIELD:
      g_string_append (svg, "<path d=\"M128 14 L228 40 V116 C228 178 188 222 128 244 "
                            "C68 222 28 178 28 116 V40 Z\"/>");
      return;

    case JLN_BADGE_SHAPE_HEXAGON:
      append_star_path (d, 128, 128, 6, 118, 118, -G_PI / 2);
      break;

    case JLN_BADGE_SHAPE_STAR:
      append_star_path (d, 128, 128, 32, 118, 100, -G_PI / 2);
      break;

    case JLN_BADGE_SHAPE_RIBBON:
      /* Tails first, so the rosette covers their tops. */
      g_string_append (svg, "<path d=\"M86 150 L128 168 L104 244 L88 226 L62 236 Z\"/>"
                            "<path d=\"M170 150 L128 168 L152 244 L168 226 L194 236 Z\"/>");
      append_rosette_path (d, 128, 106, 20, 92);
      break;

    case JLN_BADGE_N_SHAPES:
    default:
      g_assert_not_reached ();
    }

  g_string_append (svg, "<path d=\"");
  g_string_append (svg, d->str);
  g_string_append (svg, "\"/>");
}

/* ------------------------------------------------------------------------ */
/* Label */

/* The label on one line: valid UTF-8, no control characters, spaces
 * collapsed. NULL when nothing is left. */
static char *
clean_label (const char *label)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) clean = NULL;

  if (label == NULL)
    return NULL;

  valid = g_utf8_make_valid (label, -1);
  clean = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Tabs, newlines and other controls are not allowed or not shown in
       * an SVG text run; a space keeps words apart. */
      if (g_unichar_iscntrl (c) || g_unichar_isspace (c))
        c = ' ';
      if (c == ' ' && (clean->len == 0 || clean->str[clean->len - 1] == ' '))
        continue;
      g_string_append_unichar (clean, c);
    }
  while (clean->len > 0 && clean->str[clean->len - 1] == ' ')
    g_string_truncate (clean, clean->len - 1);
  return clean->len > 0 ? g_string_free (g_steal_pointer (&clean), FALSE) : NULL;
}

/* The label as shown: clean_label(), at most JLN_BADGE_ART_LABEL_MAX_CHARS
 * characters (the last one "…" when cut), XML-escaped. NULL when there is
 * nothing to show. */
static char *
prepare_label (const char *label, guint *n_chars)
{
  g_autofree char *clean = clean_label (label);
  g_autofree char *shown = NULL;
  glong len;

  if (clean == NULL)
    return NULL;
  len = g_utf8_strlen (clean, -1);

  if (len > JLN_BADGE_ART_LABEL_MAX_CHARS)
    {
      const char *cut = g_utf8_offset_to_pointer (clean, JLN_BADGE_ART_LABEL_MAX_CHARS - 1);
      g_autofree char *head = g_strndup (clean, cut - clean);

      g_strchomp (head);
      shown = g_strconcat (head, "…", NULL);
    }
  else
    shown = g_strdup (clean);

  *n_chars = g_utf8_strlen (shown, -1);
  return g_markup_escape_text (shown, -1);
}

static void
append_label (GString *svg, const ShapeInfo *info, const char *colour,
              const char *escaped, guint n_chars)
{
  /* Bold sans glyphs average ~0.7 em; the banner has ~200 units for text. */
  double font_size = CLAMP (196.0 / (n_chars * 0.7), 12.0, 30.0);
  double band_h = 46.0;

  g_string_append (svg, "<rect x=\"14\" y=\"");
  append_num (svg, info->band_cy - band_h / 2);
  g_string_append (svg, "\" width=\"228\" height=\"");
  append_num (svg, band_h);
  g_string_append (svg, "\" rx=\"10\"/>");

  g_string_append (svg, "<text x=\"128\" y=\"");
  /* Cap height of sans fonts is ~0.72 em: centre the capitals on the band. */
  append_num (svg, info->band_cy + font_size * 0.36);
  g_string_append (svg, "\" font-family=\"sans-serif\" font-weight=\"bold\" font-size=\"");
  append_num (svg, font_size);
  g_string_append (svg, "\" text-anchor=\"middle\" stroke=\"none\" fill=\"");
  g_string_append (svg, colour);
  g_string_append (svg, "\">");
  g_string_append (svg, escaped);
  g_string_append (svg, "</text>");
}

/* ------------------------------------------------------------------------ */
/* Composer */

/* The drawing alone, without the choices kept in its metadata. */
static char *
render_drawing (const JlnBadgeArtSpec *spec, GError **error)
{
  g_autofree char *body = NULL;
  g_autofree char *coloured = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GString) svg = NULL;
  const ShapeInfo *info;
  guint n_chars = 0;
  double cy, size, scale;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((guint) spec->shape >= JLN_BADGE_N_SHAPES)
    {
      g_set_error_literal (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_INVALID_SHAPE,
                           _("Unknown badge shape. Choose one from the list."));
      return NULL;
    }

  if (!jln_badge_art_check_colours (spec->primary, spec->secondary, error))
    return NULL;

  if (spec->pictogram == NULL || *spec->pictogram == '\0')
    {
      g_set_error_literal (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_UNKNOWN_PICTOGRAM,
                           _("No pictogram chosen. Choose one from the list."));
      return NULL;
    }
  body = load_pictogram_body (spec->pictogram);
  if (body == NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (spec->pictogram,
                                                  MIN (strlen (spec->pictogram), 40));

      g_set_error (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_UNKNOWN_PICTOGRAM,
                   _("There is no pictogram called “%s”. Choose one from the list."),
                   shown);
      return NULL;
    }

  info = &shapes[spec->shape];
  label = prepare_label (spec->label, &n_chars);
  cy = label != NULL ? info->picto_cy_label : info->picto_cy;
  size = label != NULL ? info->picto_size_label : info->picto_size;
  scale = size / 64.0;

  /* Colours are written as literal values, never currentColor, so every
   * renderer (a verifier's browser, a print shop) draws the same badge. */
  coloured = recolour (body, spec->secondary);

  svg = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\""
                      " width=\"256\" height=\"256\" viewBox=\"0 0 256 256\">");
  g_string_append_printf (svg, "<g fill=\"%s\" stroke=\"%s\" stroke-width=\"",
                          spec->primary, spec->secondary);
  append_num (svg, RIM_WIDTH);
  g_string_append (svg, "\" stroke-linejoin=\"round\">");
  append_shape (svg, spec->shape);
  g_string_append (svg, "</g>");

  g_string_append (svg, "<g transform=\"translate(");
  append_num (svg, CANVAS / 2 - size / 2);
  g_string_append_c (svg, ' ');
  append_num (svg, cy - size / 2);
  g_string_append (svg, ") scale(");
  append_num (svg, scale);
  g_string_append (svg, ")\">");
  g_string_append (svg, coloured);
  g_string_append (svg, "</g>");

  if (label != NULL)
    {
      g_string_append_printf (svg, "<g fill=\"%s\" stroke=\"%s\" stroke-width=\"",
                              spec->primary, spec->secondary);
      append_num (svg, RIM_WIDTH * 0.6);
      g_string_append (svg, "\" stroke-linejoin=\"round\">");
      append_label (svg, info, spec->secondary, label, n_chars);
      g_string_append (svg, "</g>");
    }

  g_string_append (svg, DRAWING_END);
  return g_string_free (g_steal_pointer (&svg), FALSE);
}

char *
jln_badge_art_render (const JlnBadgeArtSpec *spec, GError **error)
{
  g_autofree char *drawing = render_drawing (spec, error);
  g_autofree char *label = clean_label (spec->label);
  g_autofree char *meta = NULL;
  gsize head;

  if (drawing == NULL)
    return NULL;
  /* The choices travel with the image, so that whoever edits the badge
   * later (on this desk or another) starts from them instead of a default. */
  meta = g_markup_printf_escaped ("<metadata><" ART_ELEMENT " xmlns:jalons=\"" ART_NS "\""
                                  " shape=\"%s\" primary=\"%s\" secondary=\"%s\""
                                  " pictogram=\"%s\" label=\"%s\"/></metadata>",
                                  jln_badge_shape_to_string (spec->shape), spec->primary,
                                  spec->secondary, spec->pictogram, label ? label : "");
  head = strlen (drawing) - strlen (DRAWING_END);
  return g_strdup_printf ("%.*s%s%s", (int) head, drawing, meta, DRAWING_END);
}

void
jln_badge_art_choices_clear (JlnBadgeArtChoices *choices)
{
  g_clear_pointer (&choices->primary, g_free);
  g_clear_pointer (&choices->secondary, g_free);
  g_clear_pointer (&choices->pictogram, g_free);
  g_clear_pointer (&choices->label, g_free);
  choices->shape = JLN_BADGE_SHAPE_ROUND;
}

/* A colour as the metadata holds it: "#RRGGBB", or a palette id (what
 * documents composed before the metadata moved here wrote). */
static char *
metadata_colour (const char *value)
{
  const JlnPaletteColour *colour;

  if (jln_badge_art_colour_is_valid (value))
    return g_strdup (value);
  colour = jln_badge_art_palette_lookup (value);
  return colour ? g_strdup (colour->hex) : NULL;
}

static void
meta_start_element (GMarkupParseContext  *context,
                    const char           *element_name,
                    const char          **attribute_names,
                    const char          **attribute_values,
                    gpointer              user_data,
                    GError              **error)
{
  JlnBadgeArtChoices *choices = user_data;
  gboolean shape_ok = FALSE;

  if (strcmp (element_name, ART_ELEMENT) != 0 || choices->pictogram != NULL)
    return;
  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      const char *name = attribute_names[i];
      const char *value = attribute_values[i];

      if (strcmp (name, "shape") == 0)
        shape_ok = jln_badge_shape_from_string (value, &choices->shape);
      else if (strcmp (name, "primary") == 0 && choices->primary == NULL)
        choices->primary = metadata_colour (value);
      else if (strcmp (name, "secondary") == 0 && choices->secondary == NULL)
        choices->secondary = metadata_colour (value);
      else if (strcmp (name, "pictogram") == 0 && choices->pictogram == NULL)
        choices->pictogram = g_strdup (value);
      else if (strcmp (name, "label") == 0 && choices->label == NULL)
        choices->label = *value ? g_strdup (value) : NULL;
    }
  if (!shape_ok)
    g_clear_pointer (&choices->pictogram, g_free);
}

/* The choices the metadata claims; FALSE without (complete) metadata. */
static gboolean
read_metadata (const char *svg, JlnBadgeArtChoices *out)
{
  static const GMarkupParser parser = { meta_start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;

  if (strstr (svg, "<" ART_ELEMENT) == NULL)
    return FALSE;
  context = g_markup_parse_context_new (&parser, 0, out, NULL);
  /* A document GMarkup cannot read simply has no choices to offer. */
  if (!g_markup_parse_context_parse (context, svg, -1, NULL)
      || !g_markup_parse_context_end_parse (context, NULL)
      || out->primary == NULL || out->secondary == NULL || out->pictogram == NULL)
    {
      jln_badge_art_choices_clear (out);
      return FALSE;
    }
  return TRUE;
}

/* @svg without the metadata element that holds the choices. */
static char *
strip_metadata (const char *svg)
{
  const char *start = strstr (svg, "<metadata><" ART_ELEMENT);
  const char *end = start ? strstr (start, "</metadata>") : NULL;

  if (end == NULL)
    return g_strdup (svg);
  end += strlen ("</metadata>");
  return g_strdup_printf ("%.*s%s", (int) (start - svg), svg, end);
}

/* The value of the first @attribute="#RRGGBB" in @svg, as written. */
static char *
find_colour (const char *svg, const char *attribute)
{
  g_autofree char *needle = g_strdup_printf (" %s=\"", attribute);
  const char *found = strstr (svg, needle);
  g_autofree char *value = NULL;

  if (found == NULL)
    return NULL;
  value = g_strndup (found + strlen (needle), 7);
  return jln_badge_art_colour_is_valid (value) ? g_steal_pointer (&value) : NULL;
}

/* The banner's text as the coach typed it (XML entities decoded). */
static char *
find_label (const char *svg)
{
  const char *start = strstr (svg, "<text ");
  const char *end;
  g_autofree char *escaped = NULL;
  g_autoptr(GString) out = NULL;

  if (start == NULL || (start = strchr (start, '>')) == NULL
      || (end = strstr (start, "</text>")) == NULL)
    return NULL;
  escaped = g_strndup (start + 1, end - start - 1);
  out = g_string_new (NULL);
  for (const char *p = escaped; *p != '\0'; p++)
    {
      static const struct { const char *entity; char c; } entities[] = {
        { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' },
        { "&apos;", '\'' },
      };
      gboolean done = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (entities) && *p == '&' && !done; i++)
        if (g_str_has_prefix (p, entities[i].entity))
          {
            g_string_append_c (out, entities[i].c);
            p += strlen (entities[i].entity) - 1;
            done = TRUE;
          }
      if (!done)
        g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
draws_the_same (const JlnBadgeArtChoices *choices, const char *drawing)
{
  JlnBadgeArtSpec spec = {
    .shape = choices->shape,
    .primary = choices->primary,
    .secondary = choices->secondary,
    .pictogram = choices->pictogram,
    .label = choices->label,
  };
  g_autofree char *again = render_drawing (&spec, NULL);

  return again != NULL && strcmp (again, drawing) == 0;
}

/* An image this file drew, with no metadata (the demo's, before it had
 * some): the colours and label are in the drawing; the shape and the
 * pictogram are found by drawing the candidates again. Exact or nothing. */
static gboolean
recognise_drawing (const char *drawing, JlnBadgeArtChoices *out)
{
  g_autofree char *primary = find_colour (drawing, "fill");
  g_autofree char *secondary = find_colour (drawing, "stroke");
  g_autofree char *label = find_label (drawing);

  if (primary == NULL || secondary == NULL)
    return FALSE;
  for (gsize p = 0; p < G_N_ELEMENTS (pictograms); p++)
    {
      g_autofree char *body = load_pictogram_body (pictograms[p].name);
      g_autofree char *coloured = body ? recolour (body, secondary) : NULL;

      /* Cheap filter first: the pictogram's own drawing must be in there. */
      if (coloured == NULL || strstr (drawing, coloured) == NULL)
        continue;
      for (guint shape = 0; shape < JLN_BADGE_N_SHAPES; shape++)
        {
          JlnBadgeArtChoices candidate = {
            .shape = shape, .primary = primary, .secondary = secondary,
            .pictogram = (char *) pictograms[p].name, .label = label,
          };

          if (draws_the_same (&candidate, drawing))
            {
              out->shape = shape;
              out->primary = g_steal_pointer (&primary);
              out->secondary = g_steal_pointer (&secondary);
              out->pictogram = g_strdup (pictograms[p].name);
              out->label = g_steal_pointer (&label);
              return TRUE;
            }
        }
    }
  return FALSE;
}

gboolean
jln_badge_art_read_choices (const char         *svg,
                            JlnBadgeArtChoices *out)
{
  g_autofree char *drawing = NULL;
  JlnBadgeArtChoices claimed = { 0 };

  g_return_val_if_fail (out != NULL, FALSE);

  *out = (JlnBadgeArtChoices) { 0 };
  if (svg == NULL || !g_str_has_suffix (svg, DRAWING_END))
    return FALSE;
  drawing = strip_metadata (svg);
  /* Metadata is only believed when it draws this very image: a file made
   * elsewhere with copied metadata stays someone else's drawing. */
  if (read_metadata (svg, &claimed) && draws_the_same (&claimed, drawing))
    {
      *out = claimed;
      return TRUE;
    }
  jln_badge_art_choices_clear (&claimed);
  return recognise_drawing (drawing, out);
}

/* ------------------------------------------------------------------------ */
/* SVG files drawn elsewhere */

typedef struct {
  guint    depth;
  gboolean seen_root;
  guint    style_depth;  /* > 0 inside <style> */
} SvgCheck;

static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon ? colon + 1 : name;
}

static gboolean
has_prefix_nocase (const char *s,
                   const char *prefix)
{
  return g_ascii_strncasecmp (s, prefix, strlen (prefix)) == 0;
}

static const char * const raster_types[] = {
  "data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif", "data:image/webp",
};

/* Inside the document, or a picture carried in it. A nested SVG would be
 * a second document these checks never read. */
static gboolean
reference_allowed (const char *target,
                   gsize       len)
{
  while (len > 0 && g_ascii_isspace (*target))
    target++, len--;
  if (len == 0 || *target == '#')
    return TRUE;
  /* Only raster types the renderer decodes itself; "data:image/svg…"
   * would be a nested document, anything else has no business here. */
  for (guint i = 0; i < G_N_ELEMENTS (raster_types); i++)
    {
      gsize n = strlen (raster_types[i]);

      if (len > n && g_ascii_strncasecmp (target, raster_types[i], n) == 0
          && (target[n] == ';' || target[n] == ','))
        return TRUE;
    }
  return FALSE;
}

static void
set_unsafe (GError     **error,
            const char  *message)
{
  g_set_error_literal (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_SVG_UNSAFE, message);
}

static const char not_svg_message[] =
  N_("This file is not an SVG drawing: save or export it as SVG, then try again.");

static const char outside_message[] =
  N_("This drawing uses a file or web address outside itself (a link, an image or a font). "
     "Badges must carry everything inside: embed the pictures in the drawing, then try again.");

/* CSS functions that fetch what their argument names, and that a badge's
 * art has no use for: refused whatever they name. */
static const char * const fetching_functions[] = {
  "image-set", "-webkit-image-set", "image", "cross-fade", "-webkit-cross-fade", "element",
  "-moz-element",
};

/* The CSS identifier that ends just before @paren ("url" for "url("),
 * lower-cased, or NULL when there is none. */
static char *
function_name (const char *text,
               const char *paren)
{
  const char *start = paren;

  while (start > text && (g_ascii_isalnum (start[-1]) || start[-1] == '-' || start[-1] == '_'))
    start--;
  return start < paren ? g_ascii_strdown (start, paren - start) : NULL;
}

/* Every url(…) and src(…) in @text (a style attribute, a presentation
 * attribute or a <style> sheet) must stay inside the document; @import
 * would fetch a whole sheet. With @css_escapes FALSE a backslash is
 * refused: a CSS escape ("\75rl(", "@\69mport") spells a keyword without
 * its letters, which no check on the letters would see. */
static gboolean
check_css (const char  *text,
           gboolean     css_escapes,
           GError     **error)
{
  const char *p = text;

  if (!css_escapes && strchr (text, '\\') != NULL)
    {
      set_unsafe (error, _("This drawing’s style uses escaped characters (a backslash), which "
                           "can hide a web address. Export it again as a plain drawing, then "
                           "try again."));
      return FALSE;
    }
  for (const char *q = text; *q; q++)
    if (*q == '@' && has_prefix_nocase (q + 1, "import"))
      {
        set_unsafe (error, _(outside_message));
        return FALSE;
      }
  while ((p = strstr (p, "(")) != NULL)
    {
      g_autofree char *name = function_name (text, p);
      const char *start, *end;
      char quote = 0;

      for (guint i = 0; name != NULL && i < G_N_ELEMENTS (fetching_functions); i++)
        if (g_str_equal (name, fetching_functions[i]))
          {
            set_unsafe (error, _(outside_message));
            return FALSE;
          }
      /* Only "url(" and "src(" open a reference; "rgb(", "translate(" do not. */
      if (name == NULL || !(g_str_equal (name, "url") || g_str_equal (name, "src")))
        {
          p++;
          continue;
        }
      start = p + 1;
      while (g_ascii_isspace (*start))
        start++;
      if (*start == '"' || *start == '\'')
        quote = *start++;
      end = start;
      while (*end && (quote ? *end != quote : (*end != ')' && !g_ascii_isspace (*end))))
        end++;
      if (!reference_allowed (start, end - start))
        {
          set_unsafe (error, _(outside_message));
          return FALSE;
        }
      p = *end ? end + 1 : end;
    }
  return TRUE;
}

static void
svg_start_element (GMarkupParseContext  *context,
                   const char           *element_name,
                   const char          **attribute_names,
                   const char          **attribute_values,
                   gpointer              user_data,
                   GError              **error)
{
  static const char * const forbidden[] = {
    "script", "foreignObject", "handler", "listener", "iframe", "embed", "object",
    "audio", "video", NULL
  };
  SvgCheck *check = user_data;
  const char *name = local_name (element_name);
  gboolean animation = g_str_equal (name, "set") || has_prefix_nocase (name, "animate");

  if (check->depth++ == 0)
    {
      if (!g_str_equal (name, "svg"))
        {
          g_set_error_literal (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_SVG_NOT_SVG,
                               _(not_svg_message));
          return;
        }
      check->seen_root = TRUE;
    }
  for (guint i = 0; forbidden[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, forbidden[i]) == 0)
      {
        set_unsafe (error, _("This drawing contains a script or embedded content, which a badge "
                             "must not carry. Export it again as a plain drawing (for example "
                             "“Plain SVG” in Inkscape), then try again."));
        return;
      }
  if (check->style_depth > 0 || g_str_equal (name, "style"))
    check->style_depth++;

  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      const char *attr = local_name (attribute_names[i]);
      const char *value = attribute_values[i];

      if (has_prefix_nocase (attr, "on"))
        {
          set_unsafe (error, _("This drawing reacts to clicks or loading (an “on…” attribute), "
                               "which a badge must not do. Export it again as a plain drawing, "
                               "then try again."));
          return;
        }
      if ((g_ascii_strcasecmp (attr, "href") == 0 || g_ascii_strcasecmp (attr, "src") == 0)
          && !reference_allowed (value, strlen (value)))
        {
          set_unsafe (error, _(outside_message));
          return;
        }
      /* An animation could put an unchecked address or handler in place. */
      if (animation && g_ascii_strcasecmp (attr, "attributeName") == 0
          && (g_ascii_strcasecmp (local_name (value), "href") == 0
              || g_ascii_strcasecmp (local_name (value), "src") == 0
              || has_prefix_nocase (local_name (value), "on")))
        {
          set_unsafe (error, _(outside_message));
          return;
        }
      /* Renderers read unprefixed attributes as CSS (style, fill=…);
       * editors' own prefixed ones (inkscape:export-filename) may hold a
       * Windows path, backslashes included, and are never rendered. */
      if (!check_css (value, strchr (attribute_names[i], ':') != NULL, error))
        return;
    }
}

static void
svg_end_element (GMarkupParseContext  *context,
                 const char           *element_name,
                 gpointer              user_data,
                 GError              **error)
{
  SvgCheck *check = user_data;

  check->depth--;
  if (check->style_depth > 0)
    check->style_depth--;
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 text_len,
          gpointer              user_data,
          GError              **error)
{
  SvgCheck *check = user_data;

  if (check->style_depth > 0)
    {
      g_autofree char *sheet = g_strndup (text, text_len);

      check_css (sheet, FALSE, error);
    }
}

static void
svg_passthrough (GMarkupParseContext  *context,
                 const char           *text,
                 gsize                 text_len,
                 gpointer              user_data,
                 GError              **error)
{
  /* Comments pass; processing instructions other than the XML declaration
   * (<?xml-stylesheet href=…?>) would fetch. DOCTYPE is refused earlier. */
  if (text_len >= 2 && text[0] == '<' && text[1] == '?'
      && !(text_len >= 6 && strncmp (text, "<?xml", 5) == 0 && g_ascii_isspace (text[5])))
    set_unsafe (error, _(outside_message));
}

gboolean
jln_badge_art_validate_svg (const char  *data,
                            gsize        len,
                            GError     **error)
{
  static const GMarkupParser parser = {
    svg_start_element, svg_end_element, svg_text, svg_passthrough, NULL
  };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  SvgCheck check = { 0, };

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (len > JLN_BADGE_ART_MAX_SVG_SIZE)
    {
      g_set_error (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_SVG_TOO_LARGE,
                   _("This drawing is too large (more than %d MB). Simplify it or make its "
                     "embedded pictures smaller, then try again."),
                   JLN_BADGE_ART_MAX_SVG_SIZE / (1024 * 1024));
      return FALSE;
    }
  if (len == 0 || memchr (data, '\0', len) != NULL || !g_utf8_validate (data, len, NULL))
    {
      g_set_error_literal (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_SVG_NOT_SVG,
                           _(not_svg_message));
      return FALSE;
    }
  /* Before any parsing: a declared entity is how a few bytes turn into
   * gigabytes ("billion laughs"), and a badge never needs one. */
  for (gsize i = 0; i + 2 < len; i++)
    if (data[i] == '<' && data[i + 1] == '!'
        && (g_ascii_strncasecmp (data + i + 2, "DOCTYPE", MIN (7, len - i - 2)) == 0
            || g_ascii_strncasecmp (data + i + 2, "ENTITY", MIN (6, len - i - 2)) == 0))
      {
        set_unsafe (error, _("This drawing declares a document type or entities (<!DOCTYPE …>), "
                             "which Jalons refuses for safety. Export it again as plain SVG, "
                             "then try again."));
        return FALSE;
      }

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &check, NULL);
  if (!g_markup_parse_context_parse (context, data, len, &local_error)
      || !g_markup_parse_context_end_parse (context, &local_error))
    {
      if (local_error->domain == JLN_BADGE_ART_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_SVG_NOT_SVG,
                     _("This file is not a readable SVG drawing (%s). Save or export it again "
                       "as SVG, then try again."),
                     local_error->message);
      return FALSE;
    }
  if (!check.seen_root)
    {
      g_set_error_literal (error, JLN_BADGE_ART_ERROR, JLN_BADGE_ART_ERROR_SVG_NOT_SVG,
                           _(not_svg_message));
      return FALSE;
    }
  return TRUE;
}
