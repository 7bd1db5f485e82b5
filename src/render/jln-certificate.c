/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-render"

#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "render/jln-certificate.h"
#include "render/jln-qr.h"
#include "render/jln-svg-renderer.h"

G_DEFINE_QUARK (jln-certificate-error-quark, jln_certificate_error)

/* Everything is laid out in A4 points and scaled to the real page. */
#define PAGE_W JLN_CERTIFICATE_A4_WIDTH_PT
#define PAGE_H JLN_CERTIFICATE_A4_HEIGHT_PT

#define FRAME_OUTER 24.0
#define FRAME_INNER 29.0
#define MARGIN_X    70.0
#define CONTENT_W   (PAGE_W - 2 * MARGIN_X)
#define HEADER_TOP  66.0
#define FOOTER_BOTTOM (PAGE_H - 62.0)

#define IMAGE_SIZE     170.0 /* 60 mm */
#define IMAGE_MIN_SIZE 99.0  /* 35 mm */
#define QR_SIZE        76.0  /* 27 mm: scans easily from paper */
#define CHECK_INDENT   20.0
#define NARROW_CELL    90.0  /* cover thumbnails narrower than this lose their date */

/* Pango picks the first family installed; the generic names at the end
 * always resolve. */
#define SERIF "P052, Palatino Linotype, Noto Serif, DejaVu Serif, Serif"
#define SANS  "Cantarell, Noto Sans, DejaVu Sans, Sans"
#define MONO  "DejaVu Sans Mono, Noto Sans Mono, Monospace"

/* Greys only: the page must print the same on any office printer. */
#define INK        0.11
#define INK_SOFT   0.36
#define INK_RULE   0.55

/* ---- data ---- */

JlnCertificateData *
jln_certificate_data_new (void)
{
  return g_new0 (JlnCertificateData, 1);
}

JlnCertificateData *
jln_certificate_data_copy (const JlnCertificateData *data)
{
  JlnCertificateData *copy;

  g_return_val_if_fail (data != NULL, NULL);

  copy = jln_certificate_data_new ();
  copy->participant_name = g_strdup (data->participant_name);
  copy->badge_name = g_strdup (data->badge_name);
  copy->easy_text = g_strdup (data->easy_text);
  copy->image_svg = g_strdup (data->image_svg);
  copy->kind = g_strdup (data->kind);
  copy->theme = g_strdup (data->theme);
  copy->awarded_on = data->awarded_on ? g_date_time_ref (data->awarded_on) : NULL;
  copy->coach_name = g_strdup (data->coach_name);
  copy->organisation_name = g_strdup (data->organisation_name);
  copy->criteria_met = g_strdupv (data->criteria_met);
  copy->public_url = g_strdup (data->public_url);
  copy->credential_id = g_strdup (data->credential_id);
  copy->revoked = data->revoked;

  return copy;
}

void
jln_certificate_data_free (JlnCertificateData *data)
{
  if (data == NULL)
    return;

  g_free (data->participant_name);
  g_free (data->badge_name);
  g_free (data->easy_text);
  g_free (data->image_svg);
  g_free (data->kind);
  g_free (data->theme);
  g_clear_pointer (&data->awarded_on, g_date_time_unref);
  g_free (data->coach_name);
  g_free (data->organisation_name);
  g_strfreev (data->criteria_met);
  g_free (data->public_url);
  g_free (data->credential_id);
  g_free (data);
}

static char *
dup_nonempty (const char *s)
{
  g_autofree char *copy = NULL;

  if (s == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (s));
  return *copy ? g_steal_pointer (&copy) : NULL;
}

char *
jln_certificate_public_url (const char *public_base,
                            const char *credential_id)
{
  g_autofree char *base = NULL;
  const char *uuid;
  gsize len;

  if (public_base == NULL || credential_id == NULL)
    return NULL;

  base = g_strstrip (g_strdup (public_base));
  len = strlen (base);
  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';
  if (len == 0)
    return NULL;

  uuid = g_str_has_prefix (credential_id, "urn:uuid:")
         ? credential_id + strlen ("urn:uuid:") : credential_id;
  if (*uuid == '\0')
    return NULL;

  return g_strdup_printf ("%s/badges/%s", base, uuid);
}

JlnCertificateData *
jln_certificate_data_new_for_award (JlnParticipant *participant,
                                    JlnBadge       *badge,
                                    JlnAward       *award,
                                    const char     *organisation_name,
                                    const char     *public_base)
{
  JlnCertificateData *data;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  const char * const *criteria;

  g_return_val_if_fail (JLN_IS_PARTICIPANT (participant), NULL);
  g_return_val_if_fail (JLN_IS_BADGE (badge), NULL);
  g_return_val_if_fail (JLN_IS_AWARD (award), NULL);

  data = jln_certificate_data_new ();

  /* A certificate carries the full name, unlike the kiosk's "Amina K.". */
  first = dup_nonempty (jln_participant_get_first_name (participant));
  last = dup_nonempty (jln_participant_get_last_name (participant));
  if (first && last)
    data->participant_name = g_strdup_printf ("%s %s", first, last);
  else
    data->participant_name = g_strdup (first ? first : last);

  data->badge_name = dup_nonempty (jln_badge_get_name (badge));
  if (data->badge_name == NULL)
    data->badge_name = dup_nonempty (jln_award_get_badge_name (award));
  data->easy_text = dup_nonempty (jln_badge_get_easy_text (badge));
  data->image_svg = g_strdup (jln_badge_get_image_svg (badge));
  data->kind = dup_nonempty (jln_badge_kind_get_display_name (jln_badge_get_kind (badge)));
  data->theme = dup_nonempty (jln_badge_get_theme (badge));

  if (jln_award_get_awarded_on (award))
    data->awarded_on = g_date_time_ref (jln_award_get_awarded_on (award));
  data->coach_name = dup_nonempty (jln_award_get_coach_name (award));
  if (data->coach_name == NULL)
    data->coach_name = dup_nonempty (jln_participant_get_coach_name (participant));

  data->organisation_name = dup_nonempty (organisation_name);

  criteria = jln_award_get_criteria_met (award);
  if (criteria && criteria[0])
    data->criteria_met = g_strdupv ((char **) criteria);

  data->credential_id = dup_nonempty (jln_award_get_credential_id (award));
  /* A QR code on paper points at a public page: only with the person's
   * agreement to online publication. */
  if (jln_participant_get_consent_online (participant))
    data->public_url = jln_certificate_public_url (public_base, data->credential_id);

  data->revoked = jln_award_get_status (award) == JLN_AWARD_STATUS_REVOKED;

  return data;
}

gboolean
jln_certificate_check_consent (JlnParticipant *participant,
                               GError        **error)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT (participant), FALSE);

  if (jln_participant_get_consent_print (participant))
    return TRUE;

  g_set_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_NO_CONSENT,
               /* Translators: %s is the participant's name, "Amina K." */
               _("%s has not agreed to printed certificates. Change this in their file first."),
               jln_participant_get_display_name (participant));
  return FALSE;
}

/* ---- dates ---- */

static const char * const month_names[12] = {
  NC_("month name", "January"),
  NC_("month name", "February"),
  NC_("month name", "March"),
  NC_("month name", "April"),
  NC_("month name", "May"),
  NC_("month name", "June"),
  NC_("month name", "July"),
  NC_("month name", "August"),
  NC_("month name", "September"),
  NC_("month name", "October"),
  NC_("month name", "November"),
  NC_("month name", "December"),
};

char *
jln_certificate_format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GString) format = NULL;
  const char *month;
  int m;

  g_return_val_if_fail (date != NULL, NULL);

  local = g_date_time_to_local (date);
  m = g_date_time_get_month (local);
  month = g_dpgettext2 (NULL, "month name", month_names[CLAMP (m, 1, 12) - 1]);

  /* The month comes from our own table, not from %B: %B needs the C
   * library's locale for the language, which many systems lack. */
  if (g_date_time_get_day_of_month (local) == 1)
    /* Translators: a date on a printed certificate when the day is the 1st
     * (French writes "1er mars 2026"). %B is replaced by the month name;
     * the rest are g_date_time_format() codes.
     * xgettext:no-c-format */
    format = g_string_new (C_("certificate date, first day", "%B %-d, %Y"));
  else
    /* Translators: a date on a printed certificate ("14 mars 2026" in
     * French). %B is replaced by the month name; the rest are
     * g_date_time_format() codes.
     * xgettext:no-c-format */
    format = g_string_new (C_("certificate date", "%B %-d, %Y"));
  g_string_replace (format, "%B", month, 0);

  return g_date_time_format (local, format->str);
}

/* ---- text helpers ---- */

static PangoLayout *
new_layout (PangoContext *ctx,
            const char   *family,
            double        size_pt,
            PangoWeight   weight,
            PangoStyle    style,
            double        width)
{
  PangoLayout *layout = pango_layout_new (ctx);
  g_autoptr(PangoFontDescription) desc = pango_font_description_new ();

  pango_font_description_set_family (desc, family);
  pango_font_description_set_absolute_size (desc, size_pt * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_style (desc, style);
  pango_layout_set_font_description (layout, desc);

  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);

  return layout;
}

/* Bounds a text the coach typed, so an absurdly long one ends in "…"
 * instead of running over the rest of the page. */
static void
clamp_lines (PangoLayout *layout,
             int          max_lines)
{
  pango_layout_set_height (layout, -max_lines);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
layout_natural_width (PangoLayout *layout)
{
  PangoRectangle logical;
  int saved = pango_layout_get_width (layout);

  pango_layout_set_width (layout, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  pango_layout_set_width (layout, saved);
  return (double) logical.width / PANGO_SCALE;
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             double       grey)
{
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
hairline (cairo_t *cr,
          double   x1,
          double   x2,
          double   y,
          double   width)
{
  cairo_set_source_rgb (cr, INK_RULE, INK_RULE, INK_RULE);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x1, y);
  cairo_line_to (cr, x2, y);
  cairo_stroke (cr);
}

static PangoContext *
new_print_context (cairo_t *cr)
{
  PangoContext *ctx = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Printed output: outlines at their true size, no screen hinting. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (ctx, options);
  cairo_font_options_destroy (options);

  return ctx;
}

/* ---- badge image ---- */

/* Draws the badge image fitted in the square, as vectors; FALSE when it
 * cannot be drawn (the renderer refuses external references). */
static gboolean
draw_svg (cairo_t    *cr,
          const char *svg,
          double      x,
          double      y,
          double      size)
{
  g_autoptr(GError) error = NULL;

  if (svg == NULL)
    return FALSE;

  if (!jln_svg_draw (cr, svg, -1, x, y, size, size, &error))
    {
      g_debug ("Badge image not drawn: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Stands in for a badge image that cannot be drawn: a sober double ring,
 * so the page still looks finished. */
static void
draw_seal (cairo_t *cr,
           double   x,
           double   y,
           double   size)
{
  double cx = x + size / 2, cy = y + size / 2;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_source_rgb (cr, INK_RULE, INK_RULE, INK_RULE);
  cairo_set_line_width (cr, 2.0);
  cairo_arc (cr, cx, cy, size * 0.46, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 0.6);
  cairo_arc (cr, cx, cy, size * 0.40, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_badge_image (cairo_t    *cr,
                  const char *svg,
                  double      x,
                  double      y,
                  double      size)
{
  if (!draw_svg (cr, svg, x, y, size))
    draw_seal (cr, x, y, size);
}

/* ---- page furniture ---- */

static void
draw_frame (cairo_t *cr)
{
  cairo_set_source_rgb (cr, INK_SOFT, INK_SOFT, INK_SOFT);
  cairo_set_line_width (cr, 1.4);
  cairo_rectangle (cr, FRAME_OUTER, FRAME_OUTER,
                   PAGE_W - 2 * FRAME_OUTER, PAGE_H - 2 * FRAME_OUTER);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 0.4);
  cairo_rectangle (cr, FRAME_INNER, FRAME_INNER,
                   PAGE_W - 2 * FRAME_INNER, PAGE_H - 2 * FRAME_INNER);
  cairo_stroke (cr);
}

/* Organisation name, letter-spaced capitals, with a short rule under it.
 * Returns the y where the page body may start. */
static double
draw_header (cairo_t      *cr,
             PangoContext *ctx,
             const char   *organisation)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *upper = NULL;
  double y = HEADER_TOP;

  if (organisation == NULL || *organisation == '\0')
    return y;

  upper = g_utf8_strup (organisation, -1);
  layout = new_layout (ctx, SANS, 9.5, PANGO_WEIGHT_SEMIBOLD, PANGO_STYLE_NORMAL,
                       CONTENT_W);
  pango_layout_set_text (layout, upper, -1);
  show_layout (cr, layout, MARGIN_X, y, INK_SOFT);
  y += layout_height (layout) + 9;
  hairline (cr, PAGE_W / 2 - 22, PAGE_W / 2 + 22, y, 0.8);

  return y + 6;
}

/* ---- certificate page ---- */

typedef struct {
  PangoLayout *layout;
  PangoLayout *mark;   /* "✓" beside a criterion, else NULL */
  double       x;      /* from the left page edge */
  double       gap;    /* space above */
  double       grey;
  gboolean     flex;   /* the gap may grow when the page has room */
} Block;

static void
block_clear (gpointer p)
{
  Block *b = p;

  g_clear_object (&b->layout);
  g_clear_object (&b->mark);
}

static double
blocks_height (GArray *blocks)
{
  double h = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *b = &g_array_index (blocks, Block, i);

      h += b->gap + layout_height (b->layout);
    }
  return h;
}

static void
add_block (GArray      *blocks,
           PangoLayout *layout,
           double       gap,
           double       grey)
{
  Block b = { layout, NULL, MARGIN_X, gap, grey, FALSE };

  g_array_append_val (blocks, b);
}

/* Lays out the text under the badge image at @scale (1 = designed sizes),
 * showing at most @max_criteria criteria. */
static GArray *
build_body (PangoContext             *ctx,
            const JlnCertificateData *data,
            double                    scale,
            guint                     max_criteria)
{
  GArray *blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  PangoLayout *l;
  g_autofree char *kicker = NULL;
  guint n_criteria;

  g_array_set_clear_func (blocks, block_clear);

  /* Translators: heading of a printed certificate, shown in capitals */
  kicker = g_utf8_strup (C_("certificate heading", "Certificate"), -1);
  l = new_layout (ctx, SERIF, 14 * scale, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                  CONTENT_W);
  pango_layout_set_text (l, kicker, -1);
  add_block (blocks, l, 0, INK_SOFT);
  g_array_index (blocks, Block, blocks->len - 1).flex = TRUE;

  if (data->participant_name)
    {
      l = new_layout (ctx, SERIF, 38 * scale, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                      CONTENT_W);
      pango_layout_set_text (l, data->participant_name, -1);
      clamp_lines (l, 3);
      add_block (blocks, l, 8 * scale, INK);
    }

  l = new_layout (ctx, SERIF, 12.5 * scale, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC,
                  CONTENT_W);
  /* Translators: on a certificate, between the person's name and the badge name */
  pango_layout_set_text (l, _("has earned the badge"), -1);
  add_block (blocks, l, 6 * scale, INK_SOFT);

  if (data->badge_name)
    {
      l = new_layout (ctx, SERIF, 24 * scale, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                      CONTENT_W);
      pango_layout_set_text (l, data->badge_name, -1);
      clamp_lines (l, 3);
      add_block (blocks, l, 8 * scale, INK);
    }

  if (data->kind || data->theme)
    {
      g_autofree char *words = NULL;
      g_autofree char *upper = NULL;

      if (data->kind && data->theme
          && g_utf8_collate (data->kind, data->theme) != 0)
        words = g_strdup_printf ("%s  ·  %s", data->kind, data->theme);
      else
        words = g_strdup (data->kind ? data->kind : data->theme);
      upper = g_utf8_strup (words, -1);
      l = new_layout (ctx, SANS, 8.5 * scale, PANGO_WEIGHT_SEMIBOLD, PANGO_STYLE_NORMAL,
                      CONTENT_W);
      pango_layout_set_text (l, upper, -1);
      add_block (blocks, l, 9 * scale, INK_SOFT);
    }

  if (data->easy_text)
    {
      l = new_layout (ctx, SANS, 12.5 * scale, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                      MIN (CONTENT_W, 380));
      pango_layout_set_text (l, data->easy_text, -1);
      clamp_lines (l, 6);
      pango_layout_set_spacing (l, (int) (3 * scale * PANGO_SCALE));
      add_block (blocks, l, 16 * scale, INK);
      g_array_index (blocks, Block, blocks->len - 1).x = (PAGE_W - MIN (CONTENT_W, 380)) / 2;
    }

  n_criteria = data->criteria_met ? g_strv_length (data->criteria_met) : 0;
  if (n_criteria > 0)
    {
      g_autofree char *heading = g_utf8_strup (_("Criteria met"), -1);
      double list_w = 0, list_x;
      guint first_row;
      guint shown = MIN (n_criteria, max_criteria);

      l = new_layout (ctx, SANS, 8.5 * scale, PANGO_WEIGHT_SEMIBOLD, PANGO_STYLE_NORMAL,
                      CONTENT_W);
      pango_layout_set_text (l, heading, -1);
      add_block (blocks, l, 22 * scale, INK_SOFT);
      g_array_index (blocks, Block, blocks->len - 1).flex = TRUE;

      /* A left-aligned list, centred as a whole on its widest line. */
      first_row = blocks->len;
      for (guint i = 0; i < shown + (shown < n_criteria ? 1 : 0); i++)
        {
          Block b = { 0, };
          double max_text_w = MIN (CONTENT_W, 400) - CHECK_INDENT * scale;

          b.layout = new_layout (ctx, SANS, 11 * scale, PANGO_WEIGHT_NORMAL,
                                 PANGO_STYLE_NORMAL, max_text_w);
          pango_layout_set_alignment (b.layout, PANGO_ALIGN_LEFT);
          if (i < shown)
            {
              pango_layout_set_text (b.layout, data->criteria_met[i], -1);
              clamp_lines (b.layout, 3);
              b.mark = new_layout (ctx, SANS, 11 * scale, PANGO_WEIGHT_BOLD,
                                   PANGO_STYLE_NORMAL, -1);
              pango_layout_set_alignment (b.mark, PANGO_ALIGN_LEFT);
              pango_layout_set_text (b.mark, "✓", -1);
            }
          else
            {
              g_autofree char *more = g_strdup_printf (
                g_dngettext (NULL, "and %u more criterion", "and %u more criteria",
                             n_criteria - shown),
                n_criteria - shown);
              pango_layout_set_text (b.layout, more, -1);
            }
          b.gap = 5 * scale;
          b.grey = INK;
          list_w = MAX (list_w, MIN (layout_natural_width (b.layout), max_text_w));
          g_array_append_val (blocks, b);
        }

      list_w += CHECK_INDENT * scale;
      list_x = (PAGE_W - list_w) / 2;
      for (guint i = first_row; i < blocks->len; i++)
        g_array_index (blocks, Block, i).x = list_x + CHECK_INDENT * scale;
      g_array_index (blocks, Block, first_row).gap = 8 * scale;
    }

  return blocks;
}

static void
draw_blocks (cairo_t *cr,
             GArray  *blocks,
             double   y)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      Block *b = &g_array_index (blocks, Block, i);

      y += b->gap;
      if (b->mark)
        show_layout (cr, b->mark, b->x - CHECK_INDENT * 0.9, y, INK);
      show_layout (cr, b->layout, b->x, y, b->grey);
      y += layout_height (b->layout);
    }
}

/* The credential as a reader copies it: "urn:uuid:e186c0c5-a76b-…" broke
 * into fragments on paper. The first twelve hex digits of its UUID, in
 * capitals and groups of four ("E186-C0C5-A76B"), tell it apart from the
 * organisation's other badges (48 bits) and can be read over the phone;
 * the full id stays in the badge file and behind the QR code. An id that
 * is not a UUID is printed as it is. */
static char *
short_reference (const char *id)
{
  const char *uuid = g_str_has_prefix (id, "urn:uuid:") ? id + strlen ("urn:uuid:") : id;
  GString *out = g_string_new (NULL);
  guint digits = 0;

  for (const char *p = uuid; *p != '\0' && digits < 12; p++)
    {
      if (*p == '-')
        continue;
      if (!g_ascii_isxdigit (*p))
        {
          g_string_free (out, TRUE);
          return g_strdup (id);
        }
      if (digits > 0 && digits % 4 == 0)
        g_string_append_c (out, '-');
      g_string_append_c (out, g_ascii_toupper (*p));
      digits++;
    }
  if (digits < 12)
    {
      g_string_free (out, TRUE);
      return g_strdup (id);
    }
  return g_string_free (out, FALSE);
}

/* Bottom of the page: date, coach and a line to sign on the left; how to
 * check the badge on the right. Returns the footer's top y. */
static double
draw_footer (cairo_t                  *cr,
             PangoContext             *ctx,
             const JlnCertificateData *data)
{
  const double col_gap = 28;
  const double right_w = 240;
  const double left_w = CONTENT_W - right_w - col_gap;
  const double right_x = MARGIN_X + CONTENT_W - right_w;
  g_autoptr(PangoLayout) when = NULL;
  g_autoptr(PangoLayout) sign = NULL;
  g_autoptr(PangoLayout) caption = NULL;
  g_autoptr(PangoLayout) address = NULL;
  g_autoptr(GError) qr_error = NULL;
  double left_h, right_h, top, y;
  gboolean with_qr = FALSE;

  /* Left column. */
  when = new_layout (ctx, SERIF, 12, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, left_w);
  pango_layout_set_alignment (when, PANGO_ALIGN_LEFT);
  pango_layout_set_spacing (when, 2 * PANGO_SCALE);
  if (data->awarded_on)
    {
      g_autofree char *date = jln_certificate_format_date (data->awarded_on);
      g_autofree char *text = NULL;

      if (data->coach_name)
        /* Translators: on a certificate, over two lines; %1$s is a date
         * ("14 mars 2026"), %2$s the coach's name */
        text = g_strdup_printf (_("Earned on %1$s\nwith %2$s"), date, data->coach_name);
      else
        /* Translators: on a certificate; %s is a date ("14 mars 2026") */
        text = g_strdup_printf (_("Earned on %s"), date);
      pango_layout_set_text (when, text, -1);
    }
  else if (data->coach_name)
    {
      /* Translators: on a certificate; %s is the coach's name */
      g_autofree char *text = g_strdup_printf (_("Earned with %s"), data->coach_name);
      pango_layout_set_text (when, text, -1);
    }

  sign = new_layout (ctx, SANS, 8, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, left_w);
  pango_layout_set_alignment (sign, PANGO_ALIGN_LEFT);
  /* Translators: caption under the line where the coach signs a printed certificate */
  pango_layout_set_text (sign, _("Signature"), -1);
  left_h = layout_height (when) + 44 + layout_height (sign);

  /* Right column. */
  caption = new_layout (ctx, SANS, 8, PANGO_WEIGHT_SEMIBOLD, PANGO_STYLE_NORMAL, right_w);
  pango_layout_set_alignment (caption, PANGO_ALIGN_RIGHT);
  address = new_layout (ctx, MONO, 8, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, right_w);
  pango_layout_set_alignment (address, PANGO_ALIGN_RIGHT);

  if (data->public_url && jln_qr_is_available ())
    {
      with_qr = TRUE;
      pango_layout_set_text (caption, _("Scan to check this badge"), -1);
      pango_layout_set_text (address, data->public_url, -1);
      right_h = QR_SIZE + 4 + layout_height (address) + 3 + layout_height (caption);
    }
  else if (data->public_url || data->credential_id)
    {
      if (data->public_url)
        {
          pango_layout_set_text (caption, _("Check this badge at"), -1);
          pango_layout_set_text (address, data->public_url, -1);
        }
      else
        {
          g_autofree char *reference = short_reference (data->credential_id);

          /* Translators: label above the badge's short reference
           * ("E186-C0C5-A76B") on a certificate */
          pango_layout_set_text (caption, _("Badge reference"), -1);
          pango_layout_set_text (address, reference, -1);
        }
      right_h = layout_height (caption) + 5 + layout_height (address);
    }
  else
    right_h = 0;

  top = FOOTER_BOTTOM - MAX (left_h, right_h);
  hairline (cr, MARGIN_X, MARGIN_X + CONTENT_W, top - 20, 0.5);

  /* Both columns sit on the same baseline at the bottom. */
  y = FOOTER_BOTTOM - left_h;
  show_layout (cr, when, MARGIN_X, y, INK);
  y += layout_height (when) + 40;
  hairline (cr, MARGIN_X, MARGIN_X + 150, y, 0.5);
  show_layout (cr, sign, MARGIN_X, y + 4, INK_SOFT);

  y = FOOTER_BOTTOM - right_h;
  if (with_qr)
    {
      if (jln_qr_draw (cr, data->public_url, MARGIN_X + CONTENT_W - QR_SIZE, y,
                       QR_SIZE, &qr_error))
        y += QR_SIZE + 4;
      else
        g_debug ("QR code not drawn: %s", qr_error->message);
      show_layout (cr, address, right_x, y, INK);
      y += layout_height (address) + 3;
      show_layout (cr, caption, right_x, y, INK_SOFT);
    }
  else if (right_h > 0)
    {
      show_layout (cr, caption, right_x, y, INK_SOFT);
      y += layout_height (caption) + 5;
      show_layout (cr, address, right_x, y, INK);
    }

  return top - 20;
}

static gboolean
check_printable (const JlnCertificateData *data,
                 GError                  **error)
{
  if (data->revoked)
    {
      g_set_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_REVOKED,
                   /* Translators: %s is a badge name */
                   _("The badge “%s” was withdrawn: its certificate cannot be printed."),
                   data->badge_name ? data->badge_name : "");
      return FALSE;
    }
  return TRUE;
}

/* Sets up a page of any size to be drawn in A4 points, centred. */
static void
enter_page (cairo_t *cr,
            double   width_pt,
            double   height_pt)
{
  double scale = MIN (width_pt / PAGE_W, height_pt / PAGE_H);

  cairo_translate (cr, (width_pt - PAGE_W * scale) / 2, (height_pt - PAGE_H * scale) / 2);
  cairo_scale (cr, scale, scale);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, PAGE_W, PAGE_H);
  cairo_fill (cr);
}

static gboolean
check_cairo (cairo_t *cr,
             GError **error)
{
  cairo_status_t status = cairo_status (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_RENDER,
               _("The certificate could not be drawn: %s"),
               cairo_status_to_string (status));
  return FALSE;
}

gboolean
jln_certificate_render_page (cairo_t                  *cr,
                             double                    width_pt,
                             double                    height_pt,
                             const JlnCertificateData *data,
                             GError                  **error)
{
  PangoContext *ctx;
  g_autoptr(GArray) blocks = NULL;
  double top, bottom, avail, body_h, image, scale = 1.0, y, spare;
  guint max_criteria = G_MAXUINT;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (width_pt > 0 && height_pt > 0, FALSE);

  if (!check_printable (data, error))
    return FALSE;

  cairo_save (cr);
  enter_page (cr, width_pt, height_pt);
  ctx = new_print_context (cr);

  draw_frame (cr);
  top = draw_header (cr, ctx, data->organisation_name) + 14;
  bottom = draw_footer (cr, ctx, data) - 18;
  avail = bottom - top;

  /* Fit everything between header and footer: first shrink the image down
   * to 35 mm, then the type, and only then leave criteria out. */
  image = IMAGE_SIZE;
  for (;;)
    {
      g_clear_pointer (&blocks, g_array_unref);
      blocks = build_body (ctx, data, scale, max_criteria);
      body_h = blocks_height (blocks);

      if (image + 26 + body_h <= avail)
        break;
      if (image > IMAGE_MIN_SIZE)
        image = MAX (IMAGE_MIN_SIZE, avail - 26 - body_h);
      else if (scale > 0.75)
        scale -= 0.05;
      else if (max_criteria > 1 && data->criteria_met)
        max_criteria = MIN (max_criteria, g_strv_length (data->criteria_met)) - 1;
      else
        break;
    }

  /* Room left over first opens up the sections (image / text / criteria)
   * a little, then goes around the body, slightly more below than above,
   * which reads as balanced. */
  spare = MAX (0, avail - (image + 26 + body_h));
  for (guint i = 0; i < blocks->len; i++)
    {
      Block *b = &g_array_index (blocks, Block, i);

      if (b->flex)
        {
          double extra = MIN (30, spare * 0.2);

          b->gap += extra;
          spare -= extra;
        }
    }
  y = top + spare * 0.45;
  draw_badge_image (cr, data->image_svg, (PAGE_W - image) / 2, y, image);
  draw_blocks (cr, blocks, y + image + 26);

  g_clear_pointer (&blocks, g_array_unref);
  g_object_unref (ctx);
  cairo_restore (cr);

  return check_cairo (cr, error);
}

/* ---- passport booklet ---- */

static gboolean
same_person (GPtrArray *certs)
{
  const JlnCertificateData *first = g_ptr_array_index (certs, 0);

  for (guint i = 1; i < certs->len; i++)
    {
      const JlnCertificateData *d = g_ptr_array_index (certs, i);

      if (g_strcmp0 (first->participant_name, d->participant_name) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_cover (GPtrArray *certs)
{
  return certs->len > 1 && same_person (certs);
}

guint
jln_certificate_count_pages (GPtrArray *certs)
{
  g_return_val_if_fail (certs != NULL, 0);

  return certs->len + (has_cover (certs) ? 1 : 0);
}

static void
date_range (GPtrArray  *certs,
            GDateTime **first,
            GDateTime **last)
{
  *first = *last = NULL;
  for (guint i = 0; i < certs->len; i++)
    {
      const JlnCertificateData *d = g_ptr_array_index (certs, i);

      if (d->awarded_on == NULL)
        continue;
      if (*first == NULL || g_date_time_compare (d->awarded_on, *first) < 0)
        *first = d->awarded_on;
      if (*last == NULL || g_date_time_compare (d->awarded_on, *last) > 0)
        *last = d->awarded_on;
    }
}

static gboolean
render_cover (cairo_t   *cr,
              double     width_pt,
              double     height_pt,
              GPtrArray *certs,
              GError   **error)
{
  const JlnCertificateData *first = g_ptr_array_index (certs, 0);
  PangoContext *ctx;
  g_autoptr(PangoLayout) kicker = NULL;
  g_autoptr(PangoLayout) name = NULL;
  g_autoptr(PangoLayout) count = NULL;
  g_autoptr(PangoLayout) dates = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *count_text = NULL;
  GDateTime *since, *until;
  double y, grid_top, grid_h, cell_w = 0, cell_h = 0, thumb = 0;
  guint cols = 0, shown = certs->len;

  cairo_save (cr);
  enter_page (cr, width_pt, height_pt);
  ctx = new_print_context (cr);

  draw_frame (cr);
  y = draw_header (cr, ctx, first->organisation_name) + 48;

  /* Translators: title of the booklet gathering all of a person's badges,
   * shown in capitals on its cover */
  upper = g_utf8_strup (_("My path"), -1);
  kicker = new_layout (ctx, SERIF, 14, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, CONTENT_W);
  pango_layout_set_text (kicker, upper, -1);

  name = new_layout (ctx, SERIF, 36, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, CONTENT_W);
  pango_layout_set_text (name, first->participant_name ? first->participant_name : "", -1);

  count_text = g_strdup_printf (g_dngettext (NULL, "%u badge", "%u badges", certs->len),
                                certs->len);
  count = new_layout (ctx, SANS, 12, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, CONTENT_W);
  pango_layout_set_text (count, count_text, -1);

  dates = new_layout (ctx, SERIF, 12, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, CONTENT_W);
  date_range (certs, &since, &until);
  if (since && until)
    {
      g_autofree char *a = jln_certificate_format_date (since);
      g_autofree char *b = jln_certificate_format_date (until);
      g_autofree char *text = NULL;

      if (g_strcmp0 (a, b) == 0)
        /* Translators: on the booklet's cover; %s is a date */
        text = g_strdup_printf (_("Earned on %s"), a);
      else
        /* Translators: on the booklet's cover; two dates ("Du 3 janvier 2026 au 14 mars 2026") */
        text = g_strdup_printf (_("From %1$s to %2$s"), a, b);
      pango_layout_set_text (dates, text, -1);
    }

  show_layout (cr, kicker, MARGIN_X, y, INK_SOFT);
  y += layout_height (kicker) + 12;
  show_layout (cr, name, MARGIN_X, y, INK);
  y += layout_height (name) + 12;
  hairline (cr, PAGE_W / 2 - 40, PAGE_W / 2 + 40, y, 0.6);
  y += 14;
  show_layout (cr, count, MARGIN_X, y, INK);
  y += layout_height (count) + 4;
  show_layout (cr, dates, MARGIN_X, y, INK_SOFT);
  y += layout_height (dates) + 48;

  /* The badges as a grid of thumbnails with their names: as many columns
   * as it takes to fit; past eight columns, the rest is summed up. */
  grid_top = y;
  grid_h = FOOTER_BOTTOM - grid_top;
  for (cols = MIN (certs->len, certs->len <= 4 ? 2u : 3u); cols <= 8; cols++)
    {
      guint rows = (certs->len + cols - 1) / cols;

      cell_w = CONTENT_W / cols;
      thumb = MIN (130, cell_w * 0.62);
      cell_h = thumb + (cell_w < NARROW_CELL ? 36 : 58);
      if (rows * cell_h <= grid_h)
        break;
    }
  if (cols > 8)
    {
      cols = 8;
      cell_w = CONTENT_W / cols;
      thumb = cell_w * 0.62;
      cell_h = thumb + 36;
      shown = MIN (certs->len, cols * (guint) (grid_h / cell_h)) - 1;
    }

  {
    guint rows = (shown + cols - 1) / cols;
    double used_h = rows * cell_h;

    y = grid_top + MAX (0, (grid_h - used_h) * 0.4);
    for (guint i = 0; i < shown; i++)
      {
        const JlnCertificateData *d = g_ptr_array_index (certs, i);
        guint row = i / cols, col = i % cols;
        guint in_row = MIN (cols, shown - row * cols);
        double row_x = MARGIN_X + (CONTENT_W - in_row * cell_w) / 2;
        double cx = row_x + col * cell_w;
        double cy = y + row * cell_h;
        g_autoptr(PangoLayout) label = NULL;

        draw_badge_image (cr, d->image_svg, cx + (cell_w - thumb) / 2, cy, thumb);
        label = new_layout (ctx, SANS, cell_w < NARROW_CELL ? 7.5 : 9,
                            PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, cell_w - 8);
        pango_layout_set_height (label, -2);
        pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
        pango_layout_set_text (label, d->badge_name ? d->badge_name : "", -1);
        show_layout (cr, label, cx + 4, cy + thumb + 8, INK);
        if (d->awarded_on && cell_w >= NARROW_CELL)
          {
            g_autoptr(PangoLayout) when = NULL;
            g_autofree char *date = jln_certificate_format_date (d->awarded_on);

            when = new_layout (ctx, SANS, 8, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                               cell_w - 12);
            pango_layout_set_text (when, date, -1);
            show_layout (cr, when, cx + 6, cy + thumb + 10 + layout_height (label), INK_SOFT);
          }
      }

    if (shown < certs->len)
      {
        g_autoptr(PangoLayout) more = NULL;
        g_autofree char *text = g_strdup_printf (
          g_dngettext (NULL, "and %u more badge", "and %u more badges", certs->len - shown),
          certs->len - shown);

        more = new_layout (ctx, SANS, 10, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, CONTENT_W);
        pango_layout_set_text (more, text, -1);
        show_layout (cr, more, MARGIN_X, y + rows * cell_h, INK_SOFT);
      }
  }

  g_clear_object (&kicker);
  g_clear_object (&name);
  g_clear_object (&count);
  g_clear_object (&dates);
  g_object_unref (ctx);
  cairo_restore (cr);

  return check_cairo (cr, error);
}

gboolean
jln_certificate_render_nth_page (cairo_t   *cr,
                                 double     width_pt,
                                 double     height_pt,
                                 GPtrArray *certs,
                                 guint      page_nr,
                                 GError   **error)
{
  g_return_val_if_fail (certs != NULL, FALSE);
  g_return_val_if_fail (page_nr < jln_certificate_count_pages (certs), FALSE);

  if (has_cover (certs))
    {
      if (page_nr == 0)
        return render_cover (cr, width_pt, height_pt, certs, error);
      page_nr--;
    }

  return jln_certificate_render_page (cr, width_pt, height_pt,
                                      g_ptr_array_index (certs, page_nr), error);
}

gboolean
jln_certificate_check_batch (GPtrArray *certs,
                             GError   **error)
{
  if (certs == NULL || certs->len == 0)
    {
      g_set_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_EMPTY,
                   _("There is no certificate to print."));
      return FALSE;
    }

  for (guint i = 0; i < certs->len; i++)
    if (!check_printable (g_ptr_array_index (certs, i), error))
      return FALSE;

  return TRUE;
}

