#pragma once

#include <adwaita.h>

#include "store/jln-store.h"

G_BEGIN_DECLS

/* Declared by service/jln-issuer.h; repeated here (as jln-window.h does) so
 * the dialog's users need not include the service layer. */
typedef struct _JlnIssuer JlnIssuer;

#define JLN_TYPE_AWARD_DIALOG (jln_award_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JlnAwardDialog, jln_award_dialog, JLN, AWARD_DIALOG, AdwWindow)

/* A modal window that awards one badge to @participant in three clicks:
 * choose the badge, check criteria / evidence / date, confirm.
 *
 * @issuer signs the credential inside the award's transaction
 * (jln_issuer_award()); when NULL the award is written unsigned
 * (jln_store_add_award() without a seal; tests). @actor names the coach in
 * the audit journal (NULL = "coach").
 *
 * On success the dialog emits "awarded" (JlnAward *award, the stored award
 * with its id) and then closes itself. On failure it stays open and says why;
 * nothing is written and no evidence file is left behind.
 *
 * Typical use from a page (window-specific bits stay with the caller):
 *
 *   dialog = jln_award_dialog_new (GTK_WINDOW (win), store, issuer, p, actor);
 *   g_signal_connect (dialog, "awarded", G_CALLBACK (on_awarded), win);
 *   gtk_window_present (GTK_WINDOW (dialog));
 *   …
 *   on_awarded: jln_window_add_toast (win, jln_award_undo_toast_new (store, award, actor));
 */
JlnAwardDialog *jln_award_dialog_new           (GtkWindow      *parent,
                                                JlnStore       *store,
                                                JlnIssuer      *issuer,
                                                JlnParticipant *participant,
                                                const char     *actor);

JlnParticipant *jln_award_dialog_get_participant (JlnAwardDialog *self);

/* A toast "Badge “X” awarded" with an Undo button for about 5 seconds.
 * Undo calls jln_store_undo_award() (the award never existed; the audit
 * journal records "award.undo") and deletes the evidence files copied for
 * that award. The toast holds references to @store and @award. */
AdwToast       *jln_award_undo_toast_new       (JlnStore       *store,
                                                JlnAward       *award,
                                                const char     *actor);

/* What the Undo button does, for callers without a toast (and tests):
 * undoes the award and removes its copied evidence files. */
gboolean        jln_award_undo                 (JlnStore       *store,
                                                JlnAward       *award,
                                                const char     *actor,
                                                GError        **error);

G_END_DECLS
