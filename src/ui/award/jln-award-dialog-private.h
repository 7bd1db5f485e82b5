#pragma once

#include "ui/award/jln-award-dialog.h"

G_BEGIN_DECLS

/* The steps of the dialog as calls, for tests and the screenshot hook; each
 * does what the matching click does and reports refusals as the dialog
 * shows them. */

/* Evidence files larger than this are refused when added. */
#define JLN_AWARD_EVIDENCE_MAX_SIZE JLN_AWARD_DRAFT_EVIDENCE_MAX_SIZE

/* Click 1: the tile of the badge whose id is @badge_id. Refused when it is
 * not in the grid or already earned in its current version. */
gboolean     jln_award_dialog_choose_badge      (JlnAwardDialog *self,
                                                 gint64          badge_id,
                                                 GError        **error);
JlnBadge    *jln_award_dialog_get_chosen_badge  (JlnAwardDialog *self);
/* "choose" or "check". */
const char  *jln_award_dialog_get_step          (JlnAwardDialog *self);
/* Ticks/unticks the criterion at @position (0-based). */
void         jln_award_dialog_set_criterion_met (JlnAwardDialog *self,
                                                 guint           position,
                                                 gboolean        met);
void         jln_award_dialog_set_note          (JlnAwardDialog *self,
                                                 const char     *note);
/* A local date (the time of day is ignored). */
void         jln_award_dialog_set_date          (JlnAwardDialog *self,
                                                 GDateTime      *date);
/* Adds an evidence file as the file chooser would; refuses missing files,
 * folders and files over 50 MB (nothing is copied before Confirm). */
gboolean     jln_award_dialog_add_evidence_file (JlnAwardDialog *self,
                                                 GFile          *file,
                                                 GError        **error);
guint        jln_award_dialog_get_n_evidence_files (JlnAwardDialog *self);
gboolean     jln_award_dialog_get_can_confirm   (JlnAwardDialog *self);
/* What the dialog currently tells the coach (why Confirm is disabled, or
 * why the last action failed); NULL when all is well. */
const char  *jln_award_dialog_get_problem       (JlnAwardDialog *self);
/* Click 3. On success emits "awarded" and closes the dialog. */
gboolean     jln_award_dialog_confirm           (JlnAwardDialog *self,
                                                 GError        **error);
/* Large-icon mode; by default copied from the parent window's
 * "large-icons" style class. */
void         jln_award_dialog_set_large_icons   (JlnAwardDialog *self,
                                                 gboolean        large_icons);

G_END_DECLS
