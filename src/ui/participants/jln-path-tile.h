/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/jln-badge.h"
#include "core/jln-award.h"

G_BEGIN_DECLS

#define JLN_TYPE_PATH_TILE (jln_path_tile_get_type ())
G_DECLARE_FINAL_TYPE (JlnPathTile, jln_path_tile, JLN, PATH_TILE, GtkWidget)

/* One step of a participant's path: a badge as a large tile. Earned (an
 * @award is given): image, name and the date it was earned. Still ahead
 * (@award NULL): greyed image, a "To do" label in words and what the badge
 * asks for (its criteria). With @large, only the image and the name stay. */
GtkWidget  *jln_path_tile_new          (JlnBadge    *badge,
                                        JlnAward    *award,
                                        gboolean     large);
JlnBadge   *jln_path_tile_get_badge    (JlnPathTile *self);
JlnAward   *jln_path_tile_get_award    (JlnPathTile *self);
gboolean    jln_path_tile_get_earned   (JlnPathTile *self);
/* What the tile says under the name ("14 mars 2026" or "To do"). */
const char *jln_path_tile_get_status_text (JlnPathTile *self);

/* The badge's criteria as one short sentence list ("Prendre rendez-vous ·
 * Venir à l’heure"); NULL when it has none. */
char       *jln_badge_dup_criteria_summary (JlnBadge *badge);

G_END_DECLS
