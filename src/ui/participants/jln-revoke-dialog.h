/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/jln-award.h"

G_BEGIN_DECLS

#define JLN_TYPE_REVOKE_DIALOG (jln_revoke_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JlnRevokeDialog, jln_revoke_dialog, JLN, REVOKE_DIALOG, AdwMessageDialog)

/* "Revoke “badge”?": asks why (three usual reasons or the coach's own
 * words) and answers "revoke" (enabled once there is a reason) or
 * "cancel". It writes nothing: the caller revokes with
 * jln_revoke_dialog_dup_reason(). Property: "award" (construct-only). */
JlnRevokeDialog *jln_revoke_dialog_new        (GtkWindow       *parent,
                                               JlnAward        *award);
JlnAward        *jln_revoke_dialog_get_award  (JlnRevokeDialog *self);
/* The reason chosen or typed (stripped), or NULL while there is none. */
char            *jln_revoke_dialog_dup_reason (JlnRevokeDialog *self);

G_END_DECLS
