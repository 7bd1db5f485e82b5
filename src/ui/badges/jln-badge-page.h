/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"

G_BEGIN_DECLS

#define JLN_TYPE_BADGE_PAGE (jln_badge_page_get_type ())
G_DECLARE_FINAL_TYPE (JlnBadgePage, jln_badge_page, JLN, BADGE_PAGE, GtkWidget)

/* A badge in full for coaches: image, name, easy-to-read text, criteria,
 * kind and theme, versions, holders per territory, status; with Edit,
 * Archive (after confirmation) and Restore.
 * Actions: "badge.back" (Alt+Left; emits "back"), "badge.edit",
 * "badge.archive", "badge.restore". Each "Who holds it" row activates the
 * window's "win.show-holders" (badge id, territory id; 0 = no territory).
 * It follows the store: edits, new versions and awards show up as they
 * happen. */
GtkWidget  *jln_badge_page_new             (void);
JlnSession *jln_badge_page_get_session     (JlnBadgePage *self);
void        jln_badge_page_set_session     (JlnBadgePage *self,
                                            JlnSession   *session);
JlnBadge   *jln_badge_page_get_badge       (JlnBadgePage *self);
void        jln_badge_page_set_badge       (JlnBadgePage *self,
                                            JlnBadge     *badge);
gboolean    jln_badge_page_get_large_icons (JlnBadgePage *self);
void        jln_badge_page_set_large_icons (JlnBadgePage *self,
                                            gboolean      large_icons);

/* Archives (no new awards; existing ones stay valid) or restores the badge
 * without asking; "badge.archive" asks first. */
gboolean    jln_badge_page_set_archived    (JlnBadgePage *self,
                                            gboolean      archived,
                                            GError      **error);

/* "34 people hold this badge" / "Nobody holds this badge yet", as shown. */
const char *jln_badge_page_get_holders_summary (JlnBadgePage *self);

G_END_DECLS
