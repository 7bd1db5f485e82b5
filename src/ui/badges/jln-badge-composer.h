/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/jln-badge-art.h"

G_BEGIN_DECLS

#define JLN_TYPE_BADGE_COMPOSER (jln_badge_composer_get_type ())
G_DECLARE_FINAL_TYPE (JlnBadgeComposer, jln_badge_composer, JLN, BADGE_COMPOSER, GtkWidget)

/* The visual composer of the badge editor: shape, two colours from the
 * accessible palette (by id: "teal", …), a bundled pictogram and an optional
 * short label, previewed live. The document it produces is
 * jln_badge_art_render()'s SVG with the choices kept in a <metadata>
 * element, so editing the badge later starts from the same choices.
 *
 * Properties: "svg" (read-only; NULL while the choice cannot be drawn, e.g.
 * colours too close), "valid" (read-only), "problem" (read-only, a sentence
 * for the coach or NULL). Signal "changed" when the user (or a setter)
 * changes anything. */
GtkWidget     *jln_badge_composer_new           (void);

JlnBadgeShape  jln_badge_composer_get_shape     (JlnBadgeComposer *self);
void           jln_badge_composer_set_shape     (JlnBadgeComposer *self,
                                                 JlnBadgeShape     shape);
const char    *jln_badge_composer_get_primary   (JlnBadgeComposer *self);
void           jln_badge_composer_set_primary   (JlnBadgeComposer *self,
                                                 const char       *colour_id);
const char    *jln_badge_composer_get_secondary (JlnBadgeComposer *self);
void           jln_badge_composer_set_secondary (JlnBadgeComposer *self,
                                                 const char       *colour_id);
const char    *jln_badge_composer_get_pictogram (JlnBadgeComposer *self);
void           jln_badge_composer_set_pictogram (JlnBadgeComposer *self,
                                                 const char       *name);
const char    *jln_badge_composer_get_label     (JlnBadgeComposer *self);
void           jln_badge_composer_set_label     (JlnBadgeComposer *self,
                                                 const char       *label);

gboolean       jln_badge_composer_get_valid     (JlnBadgeComposer *self);
const char    *jln_badge_composer_get_problem   (JlnBadgeComposer *self);
/* The document to save: the original one given to load_svg() as long as
 * nothing was changed, else the freshly composed one; NULL when invalid. */
const char    *jln_badge_composer_get_svg       (JlnBadgeComposer *self);

/* What the preview shows: the current image, the new drawing, or the last
 * good drawing while the choice is invalid ("preview-svg" property). */
const char    *jln_badge_composer_get_preview_svg (JlnBadgeComposer *self);
/* The sentence under the preview: contrast, or why it cannot be drawn
 * ("status" property). */
const char    *jln_badge_composer_get_status    (JlnBadgeComposer *self);
/* An editor that keeps its own preview in view hides the built-in one. */
void           jln_badge_composer_set_show_preview (JlnBadgeComposer *self,
                                                    gboolean          show_preview);

/* Starts from an existing badge image: reads the choices kept in its
 * metadata when there are some; otherwise guesses the colours and shows the
 * image unchanged until the user changes something. NULL resets to the
 * defaults for a new badge. */
void           jln_badge_composer_load_svg      (JlnBadgeComposer *self,
                                                 const char       *svg);

/* TRUE while the composer shows an image it did not draw (imported from
 * a file, now or when the badge was last saved), untouched ("custom-image"
 * property). */
gboolean       jln_badge_composer_get_custom_image (JlnBadgeComposer *self);
/* Shows @svg (already checked by the caller) as the badge image, as is,
 * until a choice changes; the choices themselves are kept. Emits "changed". */
void           jln_badge_composer_use_image     (JlnBadgeComposer *self,
                                                 const char       *svg);
/* Leaves the image given to use_image()/load_svg() and draws from the
 * current choices. Emits "changed"; nothing to do when already drawing. */
void           jln_badge_composer_back_to_choices (JlnBadgeComposer *self);

/* The composer choices @svg was drawn from (jln_badge_art_read_choices()),
 * colours as palette ids. FALSE for an image drawn elsewhere. Out strings
 * are newly allocated. */
gboolean       jln_badge_composer_read_choices  (const char     *svg,
                                                  JlnBadgeShape  *shape,
                                                  char          **primary,
                                                  char          **secondary,
                                                  char          **pictogram,
                                                  char          **label);

G_END_DECLS
