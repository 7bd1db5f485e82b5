/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"

G_BEGIN_DECLS

/* The page a protected desk shows while nobody is signed in: choose your
 * name, type your passphrase, Sign In (jln_session_sign_in()). Wrong
 * passphrases and lockouts are said in words beside an icon. The window
 * shows it whenever the session's "role" is NONE.
 *
 * Properties: "session" (JlnSession). */

#define JLN_TYPE_SIGN_IN_PAGE (jln_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (JlnSignInPage, jln_sign_in_page, JLN, SIGN_IN_PAGE, AdwBin)

GtkWidget  *jln_sign_in_page_new         (void);
JlnSession *jln_sign_in_page_get_session (JlnSignInPage *self);
void        jln_sign_in_page_set_session (JlnSignInPage *self, JlnSession *session);
/* Tests: choose the account of @coach_id, type @secret, press Sign In;
 * returns what the page now says (NULL when signed in). */
const char *jln_sign_in_page_try         (JlnSignInPage *self, gint64 coach_id, const char *secret);

G_END_DECLS
