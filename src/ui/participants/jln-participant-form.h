/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"

G_BEGIN_DECLS

#define JLN_TYPE_PARTICIPANT_FORM (jln_participant_form_get_type ())
G_DECLARE_FINAL_TYPE (JlnParticipantForm, jln_participant_form, JLN, PARTICIPANT_FORM, AdwWindow)

/* Largest photo file accepted, before it is scaled down. */
#define JLN_PHOTO_MAX_BYTES (20 * 1024 * 1024)
/* Photos are kept as PNG, at most this many pixels on their longer side. */
#define JLN_PHOTO_MAX_SIDE 512

/* Creates (@participant NULL) or edits a participant's file: first name
 * (required), last name, photo, territory, referent coach, entry date,
 * optional email, and the four consents. Saving is @session's use case
 * (jln_session_add_participant / _update_participant), journalled under
 * the coach at the desk; nothing is half-saved: the photo is copied
 * into the app's data only once everything is valid, and removed again if
 * the database refuses. Emits "saved" (JlnParticipant, the live object)
 * and closes. */
GtkWidget      *jln_participant_form_new            (JlnSession         *session,
                                                     JlnParticipant     *participant);

/* Filling in the form without the pointer (tests, keyboard flows). */
void            jln_participant_form_set_first_name (JlnParticipantForm *self,
                                                     const char         *text);
void            jln_participant_form_set_last_name  (JlnParticipantForm *self,
                                                     const char         *text);
void            jln_participant_form_set_email      (JlnParticipantForm *self,
                                                     const char         *text);
gboolean        jln_participant_form_set_territory  (JlnParticipantForm *self,
                                                     gint64              territory_id);
gboolean        jln_participant_form_set_coach      (JlnParticipantForm *self,
                                                     gint64              coach_id);
void            jln_participant_form_set_entry_date (JlnParticipantForm *self,
                                                     GDateTime          *date);
void            jln_participant_form_set_consents   (JlnParticipantForm *self,
                                                     gboolean            internal,
                                                     gboolean            kiosk,
                                                     gboolean            print,
                                                     gboolean            online);
/* Checks and loads the photo now (size, that it is a picture); on error the
 * form shows why and keeps the previous photo. Nothing is copied yet. */
gboolean        jln_participant_form_set_photo_file (JlnParticipantForm *self,
                                                     const char         *path,
                                                     GError            **error);
void            jln_participant_form_clear_photo    (JlnParticipantForm *self);

/* Validates and saves (as the Save button does). On error, the message is
 * shown in the form and returned; nothing was written. */
gboolean        jln_participant_form_save           (JlnParticipantForm *self,
                                                     GError            **error);
/* The message shown in the form, or NULL. */
const char     *jln_participant_form_get_error_text (JlnParticipantForm *self);
/* The participant saved (the store's live object), or NULL before saving. */
JlnParticipant *jln_participant_form_get_saved      (JlnParticipantForm *self);

/* Loads @path as a photo: refuses files over JLN_PHOTO_MAX_BYTES and
 * anything that is not a picture, with a message a coach understands;
 * scales down to JLN_PHOTO_MAX_SIDE. */
GdkPixbuf      *jln_participant_photo_load          (const char         *path,
                                                     GError            **error);

G_END_DECLS
