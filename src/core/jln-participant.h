/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define JLN_TYPE_PARTICIPANT (jln_participant_get_type ())
G_DECLARE_FINAL_TYPE (JlnParticipant, jln_participant, JLN, PARTICIPANT, GObject)

/* Properties (all G_PARAM_EXPLICIT_NOTIFY; setters notify only on change):
 *  "id" gint64 (0 = not saved), "first-name", "last-name",
 *  "display-name" (read-only, derived: "Amina K." — first name + last-name initial),
 *  "initials" (read-only, "AK"), "photo-path" (nullable, absolute path),
 *  "territory-id" gint64, "territory-name" (read-only cache filled by the store),
 *  "coach-id" gint64, "coach-name" (read-only cache filled by the store),
 *  "entry-date" GDateTime (date of entry in the programme, UTC midnight),
 *  "email" (nullable; only ever used hashed for the credential recipient),
 *  "consent-internal", "consent-kiosk", "consent-print", "consent-online" gboolean,
 *  "consents-answered-on" GDateTime (nullable: the day they last answered,
 *  NULL while they were never asked; every consent is then undecided,
 *  and counts as not given),
 *  "archived" gboolean, "badge-count" guint (active awards, maintained by the store),
 *  "recipient-salt" (string, random per participant, set by the store on insert),
 *  "erased" gboolean (read-only: their personal data was erased; the file
 *  keeps only anonymous facts, see jln_store_erase_participant()). */
JlnParticipant *jln_participant_new (const char *first_name, const char *last_name);

gint64      jln_participant_get_id             (JlnParticipant *self);
void        jln_participant_set_id             (JlnParticipant *self, gint64 id);
const char *jln_participant_get_first_name     (JlnParticipant *self);
void        jln_participant_set_first_name     (JlnParticipant *self, const char *value);
const char *jln_participant_get_last_name      (JlnParticipant *self);
void        jln_participant_set_last_name      (JlnParticipant *self, const char *value);
const char *jln_participant_get_display_name   (JlnParticipant *self);
const char *jln_participant_get_initials       (JlnParticipant *self);
const char *jln_participant_get_photo_path     (JlnParticipant *self);
void        jln_participant_set_photo_path     (JlnParticipant *self, const char *value);
gint64      jln_participant_get_territory_id   (JlnParticipant *self);
void        jln_participant_set_territory_id   (JlnParticipant *self, gint64 value);
const char *jln_participant_get_territory_name (JlnParticipant *self);
void        jln_participant_set_territory_name (JlnParticipant *self, const char *value); /* store use */
gint64      jln_participant_get_coach_id       (JlnParticipant *self);
void        jln_participant_set_coach_id       (JlnParticipant *self, gint64 value);
const char *jln_participant_get_coach_name     (JlnParticipant *self);
void        jln_participant_set_coach_name     (JlnParticipant *self, const char *value);    /* store use */
GDateTime  *jln_participant_get_entry_date     (JlnParticipant *self);
void        jln_participant_set_entry_date     (JlnParticipant *self, GDateTime *value);
const char *jln_participant_get_email          (JlnParticipant *self);
void        jln_participant_set_email          (JlnParticipant *self, const char *value);
gboolean    jln_participant_get_consent_internal (JlnParticipant *self);
void        jln_participant_set_consent_internal (JlnParticipant *self, gboolean value);
gboolean    jln_participant_get_consent_kiosk  (JlnParticipant *self);
void        jln_participant_set_consent_kiosk  (JlnParticipant *self, gboolean value);
gboolean    jln_participant_get_consent_print  (JlnParticipant *self);
void        jln_participant_set_consent_print  (JlnParticipant *self, gboolean value);
gboolean    jln_participant_get_consent_online (JlnParticipant *self);
GDateTime  *jln_participant_get_consents_answered_on (JlnParticipant *self);
void        jln_participant_set_consents_answered_on (JlnParticipant *self, GDateTime *value);
void        jln_participant_set_consent_online (JlnParticipant *self, gboolean value);
gboolean    jln_participant_get_archived       (JlnParticipant *self);
void        jln_participant_set_archived       (JlnParticipant *self, gboolean value);
guint       jln_participant_get_badge_count    (JlnParticipant *self);
void        jln_participant_set_badge_count    (JlnParticipant *self, guint value);           /* store use */
const char *jln_participant_get_recipient_salt (JlnParticipant *self);
void        jln_participant_set_recipient_salt (JlnParticipant *self, const char *value);     /* store use */
gboolean    jln_participant_get_erased         (JlnParticipant *self);

/* Case- and accent-insensitive match of @needle (already folded with
 * jln_fold_for_search()) against first name, last name and territory. */
gboolean    jln_participant_matches (JlnParticipant *self, const char *folded_needle);

/* Lower-case, strip accents ("Émilie" -> "emilie"); caller frees. */
char       *jln_fold_for_search (const char *text);

G_END_DECLS
