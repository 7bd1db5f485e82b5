/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"

G_BEGIN_DECLS

#define JLN_TYPE_PARTICIPANT_PAGE (jln_participant_page_get_type ())
G_DECLARE_FINAL_TYPE (JlnParticipantPage, jln_participant_page, JLN, PARTICIPANT_PAGE, GtkWidget)

/* One participant's file at the coach desk: who they are, their path
 * (badges earned in order, badges still ahead with what they ask for, a
 * count in words and a bar), the history of awards (revoked ones struck
 * through and labelled), and the actions Edit, Award, Print, Export and
 * Archive. Follows the store live: awards given, undone or revoked
 * anywhere show up at once.
 *
 * Actions (widget actions, for buttons and shortcuts): participant.edit,
 * participant.award, participant.print, participant.save-pdf,
 * participant.export, participant.archive; per award (parameter "x", the
 * award id): participant.print-award, participant.save-award-pdf,
 * participant.revoke.
 *
 * Signals: "back" (the coach wants the list), "archived" (the participant
 * left the list), "award-requested" (the Award action, for the window to
 * open the award dialog). */

GtkWidget      *jln_participant_page_new             (void);
JlnSession     *jln_participant_page_get_session     (JlnParticipantPage *self);
void            jln_participant_page_set_session     (JlnParticipantPage *self,
                                                      JlnSession         *session);
JlnParticipant *jln_participant_page_get_participant (JlnParticipantPage *self);
void            jln_participant_page_set_participant (JlnParticipantPage *self,
                                                      JlnParticipant     *participant);
gboolean        jln_participant_page_get_large_icons (JlnParticipantPage *self);
void            jln_participant_page_set_large_icons (JlnParticipantPage *self,
                                                      gboolean            large_icons);

/* What the page shows, for tests and assistive checks. */
const char     *jln_participant_page_get_count_text  (JlnParticipantPage *self); /* "4 badges": as the list counts them */
guint           jln_participant_page_get_n_earned    (JlnParticipantPage *self); /* earned tiles */
guint           jln_participant_page_get_n_ahead     (JlnParticipantPage *self); /* greyed tiles */
/* The tile at @index among the earned (@earned) or the still-ahead ones. */
GtkWidget      *jln_participant_page_get_tile        (JlnParticipantPage *self,
                                                      gboolean            earned,
                                                      guint               index);
/* The status line of the award's history row ("Awarded", "Revoked: …"),
 * NULL when the award is not in the history; whether its title is struck
 * through in @struck. */
const char     *jln_participant_page_get_award_status (JlnParticipantPage *self,
                                                       gint64              award_id,
                                                       gboolean           *struck);

/* The work behind the actions, without dialogs. */
gboolean        jln_participant_page_revoke_award    (JlnParticipantPage *self,
                                                      gint64              award_id,
                                                      const char         *reason,
                                                      GError            **error);
/* Prints @award_id (0: every active badge, as a booklet by date) with the
 * print dialog, or writes the PDF at @export_path without one. Refused with
 * JLN_CERTIFICATE_ERROR_NO_CONSENT when the participant refused printed
 * certificates. Cancelling the dialog gives G_IO_ERROR_CANCELLED. */
void            jln_participant_page_print           (JlnParticipantPage *self,
                                                      gint64              award_id,
                                                      const char         *export_path,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
gboolean        jln_participant_page_print_finish    (JlnParticipantPage *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);
/* Exports every active award as "png", "svg" or "json" into @dir (a folder
 * that must exist and be writable). @consent_confirmed: the participant
 * agreed to online sharing just now (asked when their file says no). */
gboolean        jln_participant_page_export          (JlnParticipantPage *self,
                                                      const char         *dir,
                                                      const char         *format,
                                                      gboolean            consent_confirmed,
                                                      guint              *n_exported,
                                                      GError            **error);
/* "Export All Their Data": everything held about the participant (their
 * right of access) in a new folder inside @dir; @out_dir the folder made. */
gboolean        jln_participant_page_export_data     (JlnParticipantPage *self,
                                                      const char         *dir,
                                                      char              **out_dir,
                                                      GError            **error);
gboolean        jln_participant_page_archive         (JlnParticipantPage *self,
                                                      GError            **error);

/* Erases the shown participant's personal data (jln_session_erase_participant()). */
gboolean        jln_participant_page_erase (JlnParticipantPage *self, GError **error);
/* The answer "No" to sharing badges online: nothing is exported or
 * recorded; returns (owned) what the page says. */
char           *jln_participant_page_decline_export (JlnParticipantPage *self);
/* The toast that says a participant was archived, with Undo. */
AdwToast       *jln_participant_archive_toast_new (JlnSession     *session,
                                                   JlnParticipant *participant);

G_END_DECLS
