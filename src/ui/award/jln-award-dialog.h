/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"

G_BEGIN_DECLS

#define JLN_TYPE_AWARD_DIALOG (jln_award_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JlnAwardDialog, jln_award_dialog, JLN, AWARD_DIALOG, AdwWindow)

/* A modal window that awards one badge to @participant in three clicks:
 * choose the badge, check criteria / evidence / date, confirm.
 *
 * It shows a JlnAwardDraft of @session ("session" property) and hands each
 * click to it; Confirm is jln_session_award(): the credential is signed
 * in the award's transaction and the journal names the session's coach.
 * It follows the session's large-icon setting ("large-icons").
 *
 * On success the dialog emits "awarded" (JlnAward *award, the stored award
 * with its id) and then closes itself. On failure it stays open and says why;
 * nothing is written and no evidence file is left behind.
 *
 * Typical use from a view:
 *
 *   dialog = jln_award_dialog_new (GTK_WINDOW (root), session, p);
 *   g_signal_connect (dialog, "awarded", G_CALLBACK (on_awarded), view);
 *   gtk_window_present (GTK_WINDOW (dialog));
 *   …
 *   on_awarded: jln_toast_show (view, jln_award_undo_toast_new (session, award));
 */
JlnAwardDialog *jln_award_dialog_new           (GtkWindow      *parent,
                                                JlnSession     *session,
                                                JlnParticipant *participant);

/* The award being prepared (borrowed): what the dialog shows. */
JlnAwardDraft  *jln_award_dialog_get_draft     (JlnAwardDialog *self);

/* The dialog's own clicks, for tests and the screenshot hook (what is
 * ticked, typed or attached is set on the draft). Click 1: the tile of
 * the badge whose id is @badge_id; refused when it is not in the grid
 * (JLN_STORE_ERROR_NOT_FOUND) or already held in that version. */
gboolean        jln_award_dialog_choose_badge  (JlnAwardDialog *self,
                                                gint64          badge_id,
                                                GError        **error);
/* "choose" or "check". */
const char     *jln_award_dialog_get_step      (JlnAwardDialog *self);
/* Click 3 (jln_session_award()). On success emits "awarded" and closes
 * the dialog; on failure the draft shows why. */
gboolean        jln_award_dialog_confirm       (JlnAwardDialog *self,
                                                GError        **error);
/* Large-icon mode ("large-icons"; the session's setting by default). */
void            jln_award_dialog_set_large_icons (JlnAwardDialog *self,
                                                  gboolean        large_icons);
JlnParticipant *jln_award_dialog_get_participant (JlnAwardDialog *self);

/* A toast "Badge “X” awarded" with an Undo button for about 5 seconds.
 * Undo is jln_session_undo_award() (the award never existed; the audit
 * journal records "award.undo"; the evidence files copied for it go). The
 * toast holds references to @session and @award. */
AdwToast       *jln_award_undo_toast_new       (JlnSession     *session,
                                                JlnAward       *award);

/* What the Undo button does, for callers without a toast (and tests). */
gboolean        jln_award_undo                 (JlnSession     *session,
                                                JlnAward       *award,
                                                GError        **error);

G_END_DECLS
