/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"

G_BEGIN_DECLS

#define JLN_TYPE_BADGES_VIEW (jln_badges_view_get_type ())
G_DECLARE_FINAL_TYPE (JlnBadgesView, jln_badges_view, JLN, BADGES_VIEW, AdwBin)

/* The badge catalogue as a grid of tiles. A JlnView ("session",
 * "large-icons"). */
JlnSession *jln_badges_view_get_session (JlnBadgesView *self);
void        jln_badges_view_set_session (JlnBadgesView *self,
                                         JlnSession    *session);
GListModel *jln_badges_view_get_model (JlnBadgesView *self);
/* Opens the badge page over the grid (back returns to the grid). */
void        jln_badges_view_show_badge (JlnBadgesView *self,
                                        JlnBadge      *badge);

G_END_DECLS
