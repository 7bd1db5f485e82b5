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

/* Renders @svg into a @size × @size texture (device pixels). Textures are
 * cached: the same badge in many tiles is rendered once. NULL when the
 * document cannot be read. */
GdkTexture *jln_badge_image_render_texture (const char *svg,
                                            int         size,
                                            GError    **error);

G_END_DECLS
