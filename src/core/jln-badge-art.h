/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Badge visuals composed from a shape, two colours, a pictogram and an
 * optional short label, as a standalone SVG document (viewBox 0 0 256 256).
 * Pure string work: no GTK, no rendering; the UI renders it with librsvg. */

typedef enum {
  JLN_BADGE_SHAPE_ROUND,
  JLN_BADGE_SHAPE_SHIELD,
  JLN_BADGE_SHAPE_HEXAGON,
  JLN_BADGE_SHAPE_RIBBON,
  JLN_BADGE_SHAPE_SQUARE,
  JLN_BADGE_SHAPE_STAR,
  JLN_BADGE_N_SHAPES
} JlnBadgeShape;

typedef struct {
  JlnBadgeShape shape;
  const char   *primary;    /* "#RRGGBB" background of the shape */
  const char   *secondary;  /* "#RRGGBB" rim, pictogram and label colour */
  const char   *pictogram;  /* name from jln_badge_art_list_pictograms() */
  const char   *label;      /* optional, at most 14 characters shown */
} JlnBadgeArtSpec;

typedef struct {
  const char *id;     /* stable key: "teal", "ink", … */
  const char *name;   /* translatable display name (N_()) */
  const char *hex;    /* "#RRGGBB" */
} JlnPaletteColour;

/* Returns a new SVG document; NULL with @error for an unknown pictogram,
 * bad colour or a pair whose contrast is below 3:1 (WCAG non-text). */
char        *jln_badge_art_render (const JlnBadgeArtSpec *spec, GError **error);

const JlnPaletteColour *jln_badge_art_palette (guint *n_colours);
/* WCAG 2.x contrast ratio between two "#RRGGBB" colours (1.0 … 21.0); -1 on bad input. */
double       jln_badge_art_contrast_ratio (const char *hex_a, const char *hex_b);
/* NULL-terminated, static: pictogram names ("heart", "house", "bus", …). */
const char * const *jln_badge_art_list_pictograms (void);
/* The pictogram alone as an SVG document (for kiosk buttons), or NULL. */
char        *jln_badge_art_pictogram_svg (const char *name, const char *colour);
const char  *jln_badge_shape_to_string (JlnBadgeShape shape);   /* "round", … */
gboolean     jln_badge_shape_from_string (const char *s, JlnBadgeShape *out);

/* --- Additions (art helper). Everything above is the contract the demo and
 * the badge editor were written against; only add below. */

#define JLN_BADGE_ART_ERROR (jln_badge_art_error_quark ())

typedef enum {
  JLN_BADGE_ART_ERROR_INVALID_COLOUR,     /* not "#RRGGBB", or missing */
  JLN_BADGE_ART_ERROR_LOW_CONTRAST,       /* primary/secondary below 3:1 */
  JLN_BADGE_ART_ERROR_UNKNOWN_PICTOGRAM,  /* not bundled, or missing */
  JLN_BADGE_ART_ERROR_INVALID_SHAPE,
  JLN_BADGE_ART_ERROR_SVG_TOO_LARGE,      /* over JLN_BADGE_ART_MAX_SVG_SIZE */
  JLN_BADGE_ART_ERROR_SVG_NOT_SVG,        /* not UTF-8 XML, or the root is not <svg> */
  JLN_BADGE_ART_ERROR_SVG_UNSAFE,         /* DOCTYPE/ENTITY, script, outside references… */
} JlnBadgeArtError;

GQuark       jln_badge_art_error_quark (void);

/* WCAG 2.x non-text contrast; also "large text" (the label is bold, >= 14 pt
 * at full size). */
#define JLN_BADGE_ART_MIN_CONTRAST 3.0
/* Longer labels are cut to this many characters, the last one being "…". */
#define JLN_BADGE_ART_LABEL_MAX_CHARS 14

/* TRUE if @hex is exactly "#RRGGBB" (hex digits, either case). */
gboolean     jln_badge_art_colour_is_valid (const char *hex);
/* The checks jln_badge_art_render() makes on the colours, for an editor that
 * wants to explain a choice before rendering. */
gboolean     jln_badge_art_check_colours (const char  *primary,
                                          const char  *secondary,
                                          GError     **error);
/* Palette entry by id ("teal", …), or NULL. Translate ->name with
 * g_dgettext (GETTEXT_PACKAGE, …) before showing it. */
const JlnPaletteColour *jln_badge_art_palette_lookup (const char *id);

gboolean     jln_badge_art_has_pictogram (const char *name);
/* Translated, speakable description of a pictogram ("Heart", "Bus", …) for
 * accessible names and read-aloud; NULL for an unknown name. */
const char  *jln_badge_art_pictogram_display_name (const char *name);
/* Translated shape name ("Round", "Shield", …); NULL if out of range. */
const char  *jln_badge_shape_get_display_name (JlnBadgeShape shape);

/* An SVG file drawn elsewhere, checked before it becomes a badge image. */
#define JLN_BADGE_ART_MAX_SVG_SIZE (1024 * 1024)

/* TRUE when @data (@len bytes, no NUL needed) is an SVG document Jalons
 * accepts as a badge image: at most JLN_BADGE_ART_MAX_SVG_SIZE bytes of
 * UTF-8, well-formed XML whose root is <svg>; no DOCTYPE or ENTITY
 * declaration at all (entity expansion bombs are refused outright); no
 * <script>, <foreignObject> or other embedded content, no on…= event
 * attributes; every href, xlink:href, src and url(…) points inside the
 * document ("#id") or is a data:image/… picture (not a nested SVG). Badges
 * travel to other people's screens: nothing in them may run or fetch.
 * Whether librsvg can draw it is the caller's check (core does not link
 * librsvg). Messages say what to fix. */
gboolean     jln_badge_art_validate_svg (const char  *data,
                                         gsize        len,
                                         GError     **error);

/* The choices a document drawn by jln_badge_art_render() was made from:
 * colours as "#RRGGBB" (in the case they were drawn in), label NULL when
 * there is none. */
typedef struct {
  JlnBadgeShape shape;
  char         *primary;
  char         *secondary;
  char         *pictogram;
  char         *label;
} JlnBadgeArtChoices;

void         jln_badge_art_choices_clear (JlnBadgeArtChoices *choices);
/* Reads back the choices of an image jln_badge_art_render() drew: from its
 * metadata when drawing those choices again gives this very image, else by
 * recognising the drawing itself (images made before the metadata was
 * written). FALSE for anything else (an image drawn elsewhere): *out is
 * then empty. Clear *out with jln_badge_art_choices_clear(). */
gboolean     jln_badge_art_read_choices (const char         *svg,
                                         JlnBadgeArtChoices *out);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JlnBadgeArtChoices, jln_badge_art_choices_clear)

G_END_DECLS
