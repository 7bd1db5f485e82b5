/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define JLN_TYPE_AUDIT_EVENT (jln_audit_event_get_type ())
G_DECLARE_FINAL_TYPE (JlnAuditEvent, jln_audit_event, JLN, AUDIT_EVENT, GObject)

/* Append-only journal row. Properties (construct-only, read-only after):
 *  "id" gint64, "at" GDateTime, "actor" (a person by id: "coach:12",
 *  "account:1000"; "system" for the demo generator and migrations),
 *  "action" ("participant.create", "award.create", "award.undo",
 *  "award.revoke", "badge.create", "badge.version", …),
 *  "subject" ("participant:12", "award:40", …), "detail" (short facts, never a
 *  person's name, a note or an e-mail). */
JlnAuditEvent *jln_audit_event_new (gint64 id, GDateTime *at, const char *actor,
                                    const char *action, const char *subject,
                                    const char *detail);
gint64      jln_audit_event_get_id      (JlnAuditEvent *self);
GDateTime  *jln_audit_event_get_at      (JlnAuditEvent *self);
const char *jln_audit_event_get_actor   (JlnAuditEvent *self);
const char *jln_audit_event_get_action  (JlnAuditEvent *self);
const char *jln_audit_event_get_subject (JlnAuditEvent *self);
const char *jln_audit_event_get_detail  (JlnAuditEvent *self);

G_END_DECLS
