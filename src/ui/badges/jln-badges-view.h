/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"

G_BEGIN_DECLS

#define JLN_TYPE_BADGES_VIEW (jln_badges_view_get_type ())
G_DECLARE_FINAL_TYPE (JlnBadgesView, jln_badges_view, JLN, BADGES_VIEW, AdwBin)

/* The badge catalogue as a grid of tiles, searched by name, theme or
 * description (case and accents ignored) and filtered by kind. A JlnView
 * ("session", "large-icons"; its search entry takes the focus, Ctrl+F). */
JlnSession  *jln_badges_view_get_session (JlnBadgesView *self);
void         jln_badges_view_set_session (JlnBadgesView *self,
                                          JlnSession    *session);
/* The badges the grid shows (JlnBadge items): the catalogue, filtered. */
GListModel  *jln_badges_view_get_model   (JlnBadgesView *self);
GtkEditable *jln_badges_view_get_search_entry (JlnBadgesView *self);
/* Picks a JlnBadgeKind in the kind drop-down (-1: all kinds); FALSE for
 * an unknown kind. */
gboolean     jln_badges_view_select_kind (JlnBadgesView *self,
                                          int            kind);
/* TRUE while "No Badge Matches" is shown in place of the grid. */
gboolean     jln_badges_view_get_showing_no_match (JlnBadgesView *self);
/* Opens the badge page over the grid (back returns to the grid). */
void        jln_badges_view_show_badge (JlnBadgesView *self,
                                        JlnBadge      *badge);

G_END_DECLS
