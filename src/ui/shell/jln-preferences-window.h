/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"

G_BEGIN_DECLS

#define JLN_TYPE_PREFERENCES_WINDOW (jln_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (JlnPreferencesWindow, jln_preferences_window, JLN, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @session (nullable) lists the coaches to choose the desk's coach from,
 * holds the organisation's details (the "Organisation" page, saved with
 * jln_session_set_organisation_details()) and its issuer identifier
 * (jln_session_get_issuer_id()). */
JlnPreferencesWindow *jln_preferences_window_new (JlnSession *session);

typedef enum {
  JLN_ORGANISATION_FIELD_NAME,
  JLN_ORGANISATION_FIELD_URL,
  JLN_ORGANISATION_FIELD_EMAIL,
  JLN_ORGANISATION_FIELD_PUBLIC_BASE,
} JlnOrganisationField;

/* Types @text into a field of the Organisation page (as a person would). */
void        jln_preferences_window_set_organisation_text  (JlnPreferencesWindow *self,
                                                           JlnOrganisationField  field,
                                                           const char           *text);
/* Checks the fields and saves the valid ones (the signing key is never
 * touched); invalid ones show their error and keep what was saved. Returns
 * TRUE when every field was valid and saved. Also runs on apply and when a
 * field loses focus. */
gboolean    jln_preferences_window_apply_organisation     (JlnPreferencesWindow *self);
/* The error shown for @field, or NULL. */
const char *jln_preferences_window_get_organisation_error  (JlnPreferencesWindow *self,
                                                           JlnOrganisationField  field);
/* "did:key:z6Mk…", or NULL while no badge has been signed yet. */
const char *jln_preferences_window_get_issuer_id          (JlnPreferencesWindow *self);

/* TRUE for an https:// address with a host (http://localhost and
 * http://127.0.0.1 are accepted for tests). */
gboolean    jln_organisation_url_is_valid   (const char *url);
/* TRUE for something shaped like name@domain.tld. */
gboolean    jln_organisation_email_is_valid (const char *email);

G_END_DECLS
