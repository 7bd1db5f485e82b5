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

G_END_DECLS
