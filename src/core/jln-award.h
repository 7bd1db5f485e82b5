/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include "jln-enums.h"

G_BEGIN_DECLS

#define JLN_TYPE_AWARD (jln_award_get_type ())
G_DECLARE_FINAL_TYPE (JlnAward, jln_award, JLN, AWARD, GObject)

/* One badge version awarded to one participant.
 * Properties: "id" gint64, "participant-id" gint64, "badge-id" gint64,
 *  "badge-version-id" gint64, "badge-version" guint, "badge-name" (cache),
 *  "coach-id" gint64, "coach-name" (cache), "awarded-on" GDateTime,
 *  "criteria-met" GStrv (texts of the criteria ticked),
 *  "evidence-note" (nullable), "evidence-files" GStrv (absolute paths inside
 *  the app's data dir), "status" JlnAwardStatus, "revoke-reason" (nullable),
 *  "revoked-on" GDateTime (nullable), "credential-id" (urn:uuid:…, set on insert),
 *  "status-index" guint (position in the revocation bitstring, set on insert),
 *  "credential" GBytes (signed OB 3.0 JSON, nullable until issued). */
JlnAward      *jln_award_new (gint64 participant_id, gint64 badge_version_id, gint64 coach_id);

gint64         jln_award_get_id               (JlnAward *self);
void           jln_award_set_id               (JlnAward *self, gint64 id);
gint64         jln_award_get_participant_id   (JlnAward *self);
void           jln_award_set_participant_id   (JlnAward *self, gint64 id);
gint64         jln_award_get_badge_id         (JlnAward *self);
void           jln_award_set_badge_id         (JlnAward *self, gint64 id);
gint64         jln_award_get_badge_version_id (JlnAward *self);
void           jln_award_set_badge_version_id (JlnAward *self, gint64 id);
guint          jln_award_get_badge_version    (JlnAward *self);
void           jln_award_set_badge_version    (JlnAward *self, guint version);
const char    *jln_award_get_badge_name       (JlnAward *self);
void           jln_award_set_badge_name       (JlnAward *self, const char *name);
gint64         jln_award_get_coach_id         (JlnAward *self);
void           jln_award_set_coach_id         (JlnAward *self, gint64 id);
const char    *jln_award_get_coach_name       (JlnAward *self);
void           jln_award_set_coach_name       (JlnAward *self, const char *name);
GDateTime     *jln_award_get_awarded_on       (JlnAward *self);
void           jln_award_set_awarded_on       (JlnAward *self, GDateTime *when);
const char * const *jln_award_get_criteria_met (JlnAward *self);
void           jln_award_set_criteria_met     (JlnAward *self, const char * const *texts);
const char    *jln_award_get_evidence_note    (JlnAward *self);
void           jln_award_set_evidence_note    (JlnAward *self, const char *note);
const char * const *jln_award_get_evidence_files (JlnAward *self);
void           jln_award_set_evidence_files   (JlnAward *self, const char * const *paths);
/* The neutral name evidence file @index goes by in the badge and on screen
 * ("evidence-1.jpg", "preuve-1.jpg" in French): its position and its
 * extension, never the name it had on the coach's disk. NULL past the end. */
char          *jln_award_dup_evidence_label   (JlnAward *self, guint index);
/* What goes into the badge: the note when ticked, the files marked (a
 * subset of the evidence files); the rest stays at the desk. */
gboolean       jln_award_get_evidence_note_shared  (JlnAward *self);
void           jln_award_set_evidence_note_shared  (JlnAward *self, gboolean shared);
const char * const *jln_award_get_evidence_files_shared (JlnAward *self);
void           jln_award_set_evidence_files_shared (JlnAward *self, const char * const *paths);
gboolean       jln_award_is_evidence_file_shared   (JlnAward *self, guint index);
JlnAwardStatus jln_award_get_status           (JlnAward *self);
void           jln_award_set_status           (JlnAward *self, JlnAwardStatus status);
const char    *jln_award_get_revoke_reason    (JlnAward *self);
void           jln_award_set_revoke_reason    (JlnAward *self, const char *reason);
GDateTime     *jln_award_get_revoked_on       (JlnAward *self);
void           jln_award_set_revoked_on       (JlnAward *self, GDateTime *when);
const char    *jln_award_get_credential_id    (JlnAward *self);
void           jln_award_set_credential_id    (JlnAward *self, const char *urn);
guint          jln_award_get_status_index     (JlnAward *self);
void           jln_award_set_status_index     (JlnAward *self, guint index);
GBytes        *jln_award_get_credential       (JlnAward *self);
void           jln_award_set_credential       (JlnAward *self, GBytes *credential);

G_END_DECLS
