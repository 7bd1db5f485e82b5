/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "core/jln-award.h"
#include "core/jln-badge.h"
#include "core/jln-criterion.h"
#include "core/jln-participant.h"

G_BEGIN_DECLS

/* An award being prepared for one participant: the chosen badge version,
 * which of its criteria were shown, a note, evidence files and the day it
 * was earned, with the rules that say whether it can be confirmed and, if
 * not, why (in sentences the coach reads). No GTK, no store: the award
 * dialog binds to it and JlnSession turns it into an award
 * (jln_session_award()). Get one with jln_session_new_award_draft(), which
 * knows which badges the participant already holds.
 *
 * Properties (all notify on change only):
 *  "participant"    JlnParticipant, construct-only
 *  "badge"          JlnBadge (the chosen version), nullable, read-write
 *  "criteria-met"   GStrv, read-only: texts of the ticked criteria, in order
 *  "note"           string, nullable, read-write (stripped when awarded)
 *  "share-note"     gboolean, read-write, FALSE by default: the note goes
 *                   into the public badge (else it stays at the desk)
 *  "evidence-files" GListModel of GFile, read-only (the list itself changes)
 *  "date"           GDateTime, read-write: local midnight of the chosen day
 *                   (today by default)
 *  "coach-id"       gint64, read-write: the coach who awards it, 0 when not
 *                   said (a desk with a coach at it credits that coach)
 *  "needs-coach"    gboolean, read-write: the desk asks each time, so
 *                   "coach-id" must be chosen before confirming
 *  "problems"       GStrv, read-only: why it cannot be confirmed (missing
 *                   required criteria, each named; date in the future or
 *                   before the participant joined; badge already held), then
 *                   the last refusal (file refused, award failed) until the
 *                   next change; empty when all is well
 *  "can-confirm"    gboolean, read-only
 */

#define JLN_TYPE_AWARD_DRAFT (jln_award_draft_get_type ())
G_DECLARE_FINAL_TYPE (JlnAwardDraft, jln_award_draft, JLN, AWARD_DRAFT, GObject)

/* Evidence files larger than this are refused when added. */
#define JLN_AWARD_DRAFT_EVIDENCE_MAX_SIZE ((goffset) 50 * 1024 * 1024)

/* @held_awards: the participant's awards (JlnAward items, revoked ones
 * included; only active ones count as held), or NULL for none. */
JlnAwardDraft  *jln_award_draft_new                 (JlnParticipant *participant,
                                                     GListModel     *held_awards);

JlnParticipant *jln_award_draft_get_participant     (JlnAwardDraft *self);

/* Whether the participant holds @badge's version (active award). */
gboolean        jln_award_draft_is_held             (JlnAwardDraft *self,
                                                     JlnBadge      *badge);
/* The highest version of badge @badge_id the participant holds, 0 if none. */
guint           jln_award_draft_get_held_version    (JlnAwardDraft *self,
                                                     gint64         badge_id);

JlnBadge       *jln_award_draft_get_badge           (JlnAwardDraft *self);
/* Chooses @badge (NULL: none). A different badge starts with none of its
 * criteria ticked and clears the note; the evidence files stay (they belong to the
 * award being prepared, not to a badge). */
void            jln_award_draft_set_badge           (JlnAwardDraft *self,
                                                     JlnBadge      *badge);
/* Like set_badge, but refuses a version already held
 * (JLN_STORE_ERROR_ALREADY_AWARDED), leaving the draft as it was. */
gboolean        jln_award_draft_choose_badge        (JlnAwardDraft *self,
                                                     JlnBadge      *badge,
                                                     GError       **error);
/* Chooses the badge of id @badge_id in @catalogue (a GListModel of
 * JlnBadge, the store's badges): refuses one that is not there or not
 * published (JLN_STORE_ERROR_NOT_FOUND: it cannot be awarded) and a version
 * already held, leaving the draft as it was. */
gboolean        jln_award_draft_choose_badge_id     (JlnAwardDraft *self,
                                                     GListModel    *catalogue,
                                                     gint64         badge_id,
                                                     GError       **error);

/* The chosen badge's criteria, by position (0-based); none ticked at
 * first: the coach ticks what was shown (required ones block confirming
 * until ticked). */
guint           jln_award_draft_get_n_criteria      (JlnAwardDraft *self);
gboolean        jln_award_draft_get_criterion_met   (JlnAwardDraft *self,
                                                     guint          position);
void            jln_award_draft_set_criterion_met   (JlnAwardDraft *self,
                                                     guint          position,
                                                     gboolean       met);
/* Ticks every criterion: "all of it was shown", one explicit choice. */
void            jln_award_draft_set_all_criteria_met (JlnAwardDraft *self);
/* Owned, NULL-terminated. */
char          **jln_award_draft_dup_criteria_met    (JlnAwardDraft *self);

const char     *jln_award_draft_get_note            (JlnAwardDraft *self);
void            jln_award_draft_set_note            (JlnAwardDraft *self,
                                                     const char    *note);

gint64          jln_award_draft_get_coach_id        (JlnAwardDraft *self);
void            jln_award_draft_set_coach_id        (JlnAwardDraft *self,
                                                     gint64         coach_id);
gboolean        jln_award_draft_get_needs_coach     (JlnAwardDraft *self);
void            jln_award_draft_set_needs_coach     (JlnAwardDraft *self,
                                                     gboolean       needs_coach);
gboolean        jln_award_draft_get_share_note      (JlnAwardDraft *self);
void            jln_award_draft_set_share_note      (JlnAwardDraft *self,
                                                     gboolean       share);

GDateTime      *jln_award_draft_get_date            (JlnAwardDraft *self);
/* Any time of @date's local day: the draft keeps local midnight. */
void            jln_award_draft_set_date            (JlnAwardDraft *self,
                                                     GDateTime     *date);

/* Borrowed list of GFile, in the order added. */
GListModel     *jln_award_draft_get_evidence_files  (JlnAwardDraft *self);
/* Adds a file as the file chooser would: refuses missing files
 * (JLN_STORE_ERROR_NOT_FOUND), folders and unreadable files
 * (JLN_STORE_ERROR_IO), files over 50 MB (JLN_STORE_ERROR_CONSTRAINT); the
 * refusal is also the draft's last problem. The same file twice is added
 * once. Nothing is copied before the award is confirmed. */
gboolean        jln_award_draft_add_evidence_file   (JlnAwardDraft *self,
                                                     GFile         *file,
                                                     GError       **error);
void            jln_award_draft_remove_evidence_file (JlnAwardDraft *self,
                                                      GFile         *file);
/* Whether @file (one of the evidence files) goes into the public badge;
 * none does until the coach marks it (the rest stays at the desk). */
gboolean        jln_award_draft_get_evidence_file_shared (JlnAwardDraft *self,
                                                          GFile         *file);
void            jln_award_draft_set_evidence_file_shared (JlnAwardDraft *self,
                                                          GFile         *file,
                                                          gboolean       shared);
/* The checks of add_evidence_file on their own (also run again by the
 * session before copying, the file may have changed): its display name
 * and size. */
gboolean        jln_award_draft_check_evidence_file (GFile         *file,
                                                     char         **out_name,
                                                     goffset       *out_size,
                                                     GError       **error);

/* NULL-terminated, borrowed; never NULL (empty when all is well). */
const char * const *jln_award_draft_get_problems    (JlnAwardDraft *self);
/* The first problem, or NULL. */
const char     *jln_award_draft_get_problem         (JlnAwardDraft *self);
/* The problems but those about unticked required criteria (a group award
 * says those once for all the people they concern). */
const char * const *jln_award_draft_get_other_problems (JlnAwardDraft *self);
/* The sentence saying that @criterion, required, is not ticked yet. */
char           *jln_award_draft_describe_missing    (JlnCriterion *criterion);
gboolean        jln_award_draft_get_can_confirm     (JlnAwardDraft *self);

/* Records why the last action failed (shown among the problems until the
 * next change); NULL clears it. Used by the session when an award fails. */
void            jln_award_draft_set_failure         (JlnAwardDraft *self,
                                                     const char    *message);

/* The award the draft describes (participant, badge version, criteria met,
 * note, awarded-on; no coach, no evidence paths), or NULL with the first
 * problem as a JLN_STORE_ERROR_CONSTRAINT when it cannot be confirmed
 * (ALREADY_AWARDED when the version is held). "awarded-on" is now when the
 * day is today, else midday UTC of the chosen day. */
JlnAward       *jln_award_draft_build_award         (JlnAwardDraft *self,
                                                     GError       **error);

G_END_DECLS
