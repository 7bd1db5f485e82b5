/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"

G_BEGIN_DECLS

/* First run: the administrator's name and passphrase (typed twice), then
 * jln_session_create_administrator(): the signing key goes into the vault
 * and signing in is required from then on. Closes itself once done.
 *
 * Properties: "session" (JlnSession, construct-only). */

#define JLN_TYPE_WELCOME_DIALOG (jln_welcome_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JlnWelcomeDialog, jln_welcome_dialog, JLN, WELCOME_DIALOG, AdwWindow)

JlnWelcomeDialog *jln_welcome_dialog_new (JlnSession *session, GtkWindow *parent);
/* Tests: fill in and press Create; returns what the dialog says (NULL on
 * success). */
const char       *jln_welcome_dialog_try (JlnWelcomeDialog *self, const char *name,
                                          const char *secret, const char *again);

G_END_DECLS
