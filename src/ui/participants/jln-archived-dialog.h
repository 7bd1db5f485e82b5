/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"

G_BEGIN_DECLS

/* What was archived, each with a Restore button: participants (and not
 * erased; jln_session_restore_participant()) and badges (published
 * again): archiving is never one-way. Properties: "session" (JlnSession, construct-only). */

#define JLN_TYPE_ARCHIVED_DIALOG (jln_archived_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JlnArchivedDialog, jln_archived_dialog, JLN, ARCHIVED_DIALOG, AdwWindow)

JlnArchivedDialog *jln_archived_dialog_new         (JlnSession *session, GtkWindow *parent);
/* Participants listed now (tests). */
guint              jln_archived_dialog_get_n_rows  (JlnArchivedDialog *self);
/* Presses the Restore button of the archived badge @badge_id (tests). */
gboolean           jln_archived_dialog_restore_badge (JlnArchivedDialog *self, gint64 badge_id);
/* Presses the Restore button of the row of @participant_id (tests);
 * FALSE when there is no such row or the restore failed (said in the
 * dialog). */
gboolean           jln_archived_dialog_restore     (JlnArchivedDialog *self, gint64 participant_id);

G_END_DECLS
