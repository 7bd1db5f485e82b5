/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JLN_TYPE_BADGE_IMAGE (jln_badge_image_get_type ())
G_DECLARE_FINAL_TYPE (JlnBadgeImage, jln_badge_image, JLN, BADGE_IMAGE, GtkWidget)

/* Shows a badge's SVG document at a square size in logical pixels, rendered
 * with librsvg at the display's scale so it stays sharp. */
GtkWidget  *jln_badge_image_new            (void);
const char *jln_badge_image_get_svg        (JlnBadgeImage *self);
void        jln_badge_image_set_svg        (JlnBadgeImage *self,
                                            const char    *svg);
int         jln_badge_image_get_pixel_size (JlnBadgeImage *self);
void        jln_badge_image_set_pixel_size (JlnBadgeImage *self,
                                            int            pixel_size);

/* Renders @svg into a @size × @size texture (device pixels) with the render
 * library's SVG renderer (no external references). The same badge at the
 * same size gives the same texture while the renderer's bounded cache
 * keeps it. NULL with a JLN_SVG_ERROR when the document cannot be drawn. */
GdkTexture *jln_badge_image_render_texture          (const char *svg,
                                                     int         size,
                                                     GError    **error);
/* The same for @len bytes that need not end in a NUL (an image read from
 * a file or a credential). Safe to call from any thread. */
GdkTexture *jln_badge_image_render_texture_for_data (const char *svg,
                                                     gsize       len,
                                                     int         size,
                                                     GError    **error);

G_END_DECLS
