/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "jln-store.h"
#include "jln-store-backend.h"

G_BEGIN_DECLS

/* How many times one write transaction runs when the backend reports a
 * retryable JLN_STORE_ERROR_BUSY (lock held, serialization failure). */
#define JLN_STORE_MAX_ATTEMPTS 3

/* Saves @badge's fields as a new version (current version + 1) even when
 * nobody holds the current one: the demo uses it to show revised badges. */
gboolean jln_store_add_badge_version (JlnStore    *self,
                                      JlnBadge    *badge,
                                      const char  *actor,
                                      GError     **error);

/* Tests: called after a failed attempt, before the next one (@attempt is
 * the 1-based number of the attempt that failed). */
typedef void (*JlnStoreRetryHook) (JlnStore *self,
                                   guint     attempt,
                                   gpointer  user_data);
void     jln_store_set_retry_hook    (JlnStore          *self,
                                      JlnStoreRetryHook  hook,
                                      gpointer           user_data);

/* Writes @source's bytes under a neutral name; see jln_store_add_attachment().
 * A stream that fails half-way leaves nothing behind. */
gboolean jln_store_add_attachment_from_stream (JlnStore      *self,
                                               GInputStream  *source,
                                               const char    *suggested_name,
                                               char         **out_stored_name,
                                               GError       **error);

/* For the facade's other files (jln-store-accounts.c): one write
 * transaction as jln-store.c runs them (retried on BUSY: @body decides
 * everything afresh), a journal entry inside it, the journal's key. */
typedef gboolean (*JlnStoreWriteFunc) (JlnStore  *self,
                                       gpointer   data,
                                       GError   **error);
gboolean jln_store_run_write   (JlnStore *self, JlnStoreWriteFunc body, gpointer data, GError **error);
gboolean jln_store_write_audit (JlnStore *self, const char *actor, const char *action,
                                const char *subject, const char *detail, GError **error);
const guint8 *jln_store_get_audit_key (JlnStore *self, GError **error);
/* Adds @coach inside the caller's transaction (its id set), journalled
 * "coach.create" under @actor; for jln-store-accounts.c. */
gboolean jln_store_insert_coach_tx (JlnStore *self, JlnCoach *coach, const char *actor, gint64 *out_id,
                                    GError **error);
/* After a commit that added @coach: the live list and index get it. */
void     jln_store_add_coach_to_models (JlnStore *self, JlnCoach *coach);

/* jln-store-accounts.c: journals now, or, when the journal is locked (a
 * protected database nobody signed in to, such as a restored one), keeps
 * the event pending until the next sign-in chains it. */
gboolean jln_store_append_audit_or_pending (JlnStore *self, const char *actor, const char *action,
                                            const char *subject, const char *detail, GError **error);

/* The backend behind the facade, for the facade's other files
 * (jln-store-backups.c). */
JlnStoreBackend *jln_store_get_backend (JlnStore *self);

/* jln-store-backups.c: the JLN_STORE_ERROR_DAMAGED error every write gets
 * once the integrity check at open failed, naming the newest backup that
 * passes the full check. */
GError  *jln_store_new_damage_error (JlnStore *self);
/* After the backend replaced the database's content: the damage verdict
 * afresh and the live models reloaded. */
gboolean jln_store_reload_after_restore (JlnStore *self, GError **error);
/* jln-store.c: the revocation list must be published again (a restore). */
gboolean jln_store_mark_status_list_due (JlnStore *self, GError **error);

G_END_DECLS
