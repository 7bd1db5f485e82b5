/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/jln-award.h"
#include "core/jln-badge.h"

G_BEGIN_DECLS

#define JLN_TYPE_HISTORY_ROW (jln_history_row_get_type ())
G_DECLARE_FINAL_TYPE (JlnHistoryRow, jln_history_row, JLN, HISTORY_ROW, GtkListBoxRow)

/* One award in a participant's history: the badge's picture and name
 * (struck through, and said in words, when revoked), date and coach, the
 * note and evidence (not in large-icon mode), the status, and a menu
 * (print, save as PDF, revoke: "participant.*" actions of the page).
 * @badge is the version awarded (NULL when gone): its picture, and its
 * name when the award has none. Properties: "award", "badge",
 * "large-icons" (construct-only: the page rebuilds its rows). */
GtkWidget  *jln_history_row_new             (JlnAward      *award,
                                             JlnBadge      *badge,
                                             gboolean       large_icons);
JlnAward   *jln_history_row_get_award       (JlnHistoryRow *self);
/* "Awarded", "Revoked: reason"…, as shown; @struck: the name is struck. */
const char *jln_history_row_get_status_text (JlnHistoryRow *self,
                                             gboolean      *struck);
/* The line under the name: version (from 2 on), date, coach. */
const char *jln_history_row_get_meta_text   (JlnHistoryRow *self);

G_END_DECLS
