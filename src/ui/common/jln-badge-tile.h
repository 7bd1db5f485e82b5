/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/jln-badge.h"

G_BEGIN_DECLS

#define JLN_TYPE_BADGE_TILE (jln_badge_tile_get_type ())
G_DECLARE_FINAL_TYPE (JlnBadgeTile, jln_badge_tile, JLN, BADGE_TILE, GtkWidget)

/* A badge in the catalogue grid: its image, name, theme and kind in words.
 * With "large" set the image grows and only the name stays. */
GtkWidget  *jln_badge_tile_new       (void);
JlnBadge   *jln_badge_tile_get_badge (JlnBadgeTile *self);
void        jln_badge_tile_set_badge (JlnBadgeTile *self,
                                      JlnBadge     *badge);
gboolean    jln_badge_tile_get_large (JlnBadgeTile *self);
void        jln_badge_tile_set_large (JlnBadgeTile *self,
                                      gboolean      large);

G_END_DECLS
