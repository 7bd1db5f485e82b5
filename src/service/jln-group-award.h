/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "core/jln-badge.h"
#include "service/jln-award-draft.h"

G_BEGIN_DECLS

/* One badge awarded to the people present at a collective session (a CV
 * workshop, a budget session): a JlnAwardDraft per person, the criteria
 * ticked once for all and still editable for one person (through that
 * person's draft), one note, one date and one awarding coach for all.
 * No GTK, no store: JlnSession fills it (jln_session_new_group_award(),
 * jln_session_group_award_add()) and awards it in one transaction
 * (jln_session_award_group()). The note is shared; evidence files, when
 * any, are each person's (added to that person's draft).
 *
 * Properties (all notify on change only):
 *  "badge"        JlnBadge, construct-only: the version awarded
 *  "members"      GListModel of JlnAwardDraft, read-only (the list changes)
 *  "note"         string, nullable, read-write: the same for everyone
 *  "share-note"   gboolean, read-write
 *  "date"         GDateTime, read-write: the day of the session
 *  "coach-id"     gint64, read-write: who awards (see the draft's)
 *  "needs-coach"  gboolean, read-write: the desk asks each time
 *  "problems"     GStrv, read-only: why it cannot be confirmed, each
 *                 sentence once (a criterion unticked for some people
 *                 names them), then the last refusal; empty when all is well
 *  "can-confirm"  gboolean, read-only
 */

#define JLN_TYPE_GROUP_AWARD (jln_group_award_get_type ())
G_DECLARE_FINAL_TYPE (JlnGroupAward, jln_group_award, JLN, GROUP_AWARD, GObject)

/* The most people awarded in one go: a session's room, and what one
 * transaction signs well within a second. */
#define JLN_GROUP_AWARD_MAX_MEMBERS 30

JlnGroupAward  *jln_group_award_new                (JlnBadge      *badge);

JlnBadge       *jln_group_award_get_badge          (JlnGroupAward *self);
/* Borrowed; JlnAwardDraft items in the order added. */
GListModel     *jln_group_award_get_members        (JlnGroupAward *self);
guint           jln_group_award_get_n_members      (JlnGroupAward *self);
/* The member draft for @participant_id, or NULL (borrowed). */
JlnAwardDraft  *jln_group_award_find_member        (JlnGroupAward *self,
                                                    gint64         participant_id);
/* Adds @draft (a new draft of a participant not yet in the group): it is
 * given the badge, the criteria ticked for everyone, the note, date and
 * coach. Refuses a 31st person (JLN_STORE_ERROR_CONSTRAINT), someone
 * already in the group (JLN_STORE_ERROR_CONSTRAINT) and someone holding
 * this version (JLN_STORE_ERROR_ALREADY_AWARDED), leaving the group as it
 * was. */
gboolean        jln_group_award_add_member         (JlnGroupAward *self,
                                                    JlnAwardDraft *draft,
                                                    GError       **error);
/* Takes that person out of the group (no-op if not in it). */
void            jln_group_award_remove_member      (JlnGroupAward *self,
                                                    gint64         participant_id);

/* Criteria for everyone: set_criterion_met ticks or unticks @position for
 * every member (and for those added later); get_criterion_met says
 * whether it is ticked for everyone (FALSE with no member). */
guint           jln_group_award_get_n_criteria     (JlnGroupAward *self);
gboolean        jln_group_award_get_criterion_met  (JlnGroupAward *self,
                                                    guint          position);
void            jln_group_award_set_criterion_met  (JlnGroupAward *self,
                                                    guint          position,
                                                    gboolean       met);
void            jln_group_award_set_all_criteria_met (JlnGroupAward *self);

const char     *jln_group_award_get_note           (JlnGroupAward *self);
void            jln_group_award_set_note           (JlnGroupAward *self,
                                                    const char    *note);
gboolean        jln_group_award_get_share_note     (JlnGroupAward *self);
void            jln_group_award_set_share_note     (JlnGroupAward *self,
                                                    gboolean       share);
GDateTime      *jln_group_award_get_date           (JlnGroupAward *self);
void            jln_group_award_set_date           (JlnGroupAward *self,
                                                    GDateTime     *date);
gint64          jln_group_award_get_coach_id       (JlnGroupAward *self);
void            jln_group_award_set_coach_id       (JlnGroupAward *self,
                                                    gint64         coach_id);
gboolean        jln_group_award_get_needs_coach    (JlnGroupAward *self);
void            jln_group_award_set_needs_coach    (JlnGroupAward *self,
                                                    gboolean       needs_coach);

/* NULL-terminated, borrowed, never NULL. */
const char * const *jln_group_award_get_problems   (JlnGroupAward *self);
const char     *jln_group_award_get_problem        (JlnGroupAward *self);
gboolean        jln_group_award_get_can_confirm    (JlnGroupAward *self);
/* Records why the last attempt failed (NULL clears it). */
void            jln_group_award_set_failure        (JlnGroupAward *self,
                                                    const char    *message);

G_END_DECLS
