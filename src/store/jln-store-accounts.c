/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include <glib/gi18n.h>

#include "jln-store-private.h"
#include "jln-store-audit.h"

/* Accounts and the key vault: what is stored, in which transaction, and
 * what the journal says. The cryptography (hashing passphrases, wrapping
 * the vault key, sealing the seed) is the session's: only bytes cross. */

#define BACKEND(self, vfunc, ...) \
  JLN_STORE_BACKEND_CALL (jln_store_get_backend (self), vfunc, ##__VA_ARGS__)

static char *
coach_subject (gint64 coach_id)
{
  return g_strdup_printf ("coach:%" G_GINT64_FORMAT, coach_id);
}

static gboolean
check_account_fields (const JlnAccount  *account,
                      GError           **error)
{
  if (account->role == JLN_ROLE_NONE
      || account->secret_hash == NULL || *account->secret_hash == '\0'
      || account->slot_salt == NULL || account->slot_nonce == NULL || account->slot_wrapped == NULL)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("An account needs a role and a passphrase."));
      return FALSE;
    }
  return TRUE;
}

gboolean
jln_store_get_key_vault (JlnStore     *self,
                         JlnKeyVault **out_vault,
                         GError      **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_vault != NULL, FALSE);

  return BACKEND (self, get_key_vault, out_vault, error);
}

GPtrArray *
jln_store_list_accounts (JlnStore  *self,
                         GError   **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) jln_account_free);

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  if (!BACKEND (self, list_accounts, accounts, error))
    return NULL;
  return g_steal_pointer (&accounts);
}

JlnAccount *
jln_store_get_account (JlnStore  *self,
                       gint64     coach_id,
                       GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  return BACKEND (self, get_account, coach_id, error);
}

GBytes *
jln_store_dup_audit_secret (JlnStore  *self,
                            GError   **error)
{
  const guint8 *key;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  if ((key = jln_store_get_audit_key (self, error)) == NULL)
    return NULL;
  return g_bytes_new (key, JLN_AUDIT_KEY_BYTES);
}

/* ---- the first administrator and the vault ---- */

typedef struct {
  JlnCoach *coach;
  JlnAccount *account;
  const JlnKeyVault *vault;
  gint64 new_coach_id;
} ProtectOp;

/* Inserts @coach when new and gives it @account, journalled under the
 * account itself when @actor is NULL (the first administrator creates
 * themselves). */
static gboolean
insert_account_tx (JlnStore    *self,
                   JlnCoach    *coach,
                   JlnAccount  *account,
                   const char  *actor,
                   gint64      *out_new_coach_id,
                   GError     **error)
{
  g_autofree char *subject = NULL;
  g_autofree char *self_actor = NULL;
  gint64 coach_id = jln_coach_get_id (coach);

  *out_new_coach_id = 0;
  if (coach_id == 0)
    {
      /* The coach's own id is known only once inserted: journal that
       * step as the system, then the account under its owner. */
      if (!jln_store_insert_coach_tx (self, coach, actor, &coach_id, error))
        return FALSE;
      *out_new_coach_id = coach_id;
    }
  account->coach_id = coach_id;
  if (!BACKEND (self, insert_account, account, error))
    {
      if (g_error_matches (*error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT))
        {
          g_clear_error (error);
          g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                               _("This coach already has an account."));
        }
      return FALSE;
    }
  subject = coach_subject (coach_id);
  if (actor == NULL)
    actor = self_actor = coach_subject (coach_id);
  return jln_store_write_audit (self, actor, "account.create", subject,
                                jln_role_to_string (account->role), error);
}

static gboolean
protect_tx (JlnStore  *self,
            gpointer   data,
            GError   **error)
{
  ProtectOp *op = data;
  g_autoptr(JlnKeyVault) existing = NULL;
  g_autofree char *actor = NULL;

  if (!BACKEND (self, get_key_vault, &existing, error))
    return FALSE;
  if (existing != NULL)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("The signing key is already protected: an administrator exists."));
      return FALSE;
    }
  /* The journal's key is read from its clear column before the vault
   * takes it away; it stays loaded, it is the same secret. */
  if (jln_store_get_audit_key (self, error) == NULL)
    return FALSE;
  if (!insert_account_tx (self, op->coach, op->account, NULL, &op->new_coach_id, error))
    return FALSE;
  actor = coach_subject (op->account->coach_id);
  if (!BACKEND (self, store_key_vault, op->vault, error))
    return FALSE;
  return jln_store_write_audit (self, actor, "organisation.key", "organisation",
                                "signing key protected", error);
}

static void
after_account_added (JlnStore   *self,
                     JlnCoach   *coach,
                     gint64      new_coach_id,
                     JlnRole     role)
{
  JlnCoach *live;

  if (new_coach_id != 0)
    {
      jln_coach_set_id (coach, new_coach_id);
      jln_coach_set_role (coach, role);
      jln_store_add_coach_to_models (self, coach);
    }
  live = jln_store_lookup_coach (self, jln_coach_get_id (coach));
  if (live != NULL)
    jln_coach_set_role (live, role);
  jln_coach_set_role (coach, role);
}

gboolean
jln_store_protect_key (JlnStore           *self,
                       JlnCoach           *coach,
                       JlnAccount         *account,
                       const JlnKeyVault  *vault,
                       GError            **error)
{
  ProtectOp op = { coach, account, vault, 0 };
  g_autoptr(GError) compact_error = NULL;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (JLN_IS_COACH (coach), FALSE);
  g_return_val_if_fail (account != NULL && vault != NULL, FALSE);

  if (!check_account_fields (account, error))
    return FALSE;
  if (!jln_store_run_write (self, protect_tx, &op, error))
    return FALSE;
  after_account_added (self, coach, op.new_coach_id, account->role);
  /* The clear seed's old pages were zeroed (secure_delete); the WAL still
   * holds frames with it until checkpointed: compact now. Another reader
   * (BUSY) only delays it to the next compaction. */
  if (!jln_store_compact (self, &compact_error))
    g_warning ("The database could not be compacted after protecting the key: %s",
               compact_error->message);
  return TRUE;
}

/* ---- more accounts ---- */

typedef struct {
  JlnCoach *coach;
  JlnAccount *account;
  const char *actor;
  gint64 new_coach_id;
} AddAccountOp;

static gboolean
add_account_tx (JlnStore  *self,
                gpointer   data,
                GError   **error)
{
  AddAccountOp *op = data;

  return insert_account_tx (self, op->coach, op->account, op->actor, &op->new_coach_id, error);
}

gboolean
jln_store_add_account (JlnStore    *self,
                       JlnCoach    *coach,
                       JlnAccount  *account,
                       const char  *actor,
                       GError     **error)
{
  AddAccountOp op = { coach, account, actor, 0 };

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (JLN_IS_COACH (coach), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  if (!check_account_fields (account, error))
    return FALSE;
  if (jln_coach_get_id (coach) != 0 && jln_store_lookup_coach (self, jln_coach_get_id (coach)) == NULL)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("This coach is not in the database."));
      return FALSE;
    }
  if (!jln_store_run_write (self, add_account_tx, &op, error))
    return FALSE;
  after_account_added (self, coach, op.new_coach_id, account->role);
  return TRUE;
}

typedef struct {
  const JlnAccount *account;
  const char *actor;
} SecretOp;

static gboolean
set_secret_tx (JlnStore  *self,
               gpointer   data,
               GError   **error)
{
  SecretOp *op = data;
  g_autofree char *subject = coach_subject (op->account->coach_id);

  return BACKEND (self, update_account_secret, op->account, error)
         && jln_store_write_audit (self, op->actor, "account.secret", subject, NULL, error);
}

gboolean
jln_store_set_account_secret (JlnStore          *self,
                              const JlnAccount  *account,
                              const char        *actor,
                              GError           **error)
{
  SecretOp op = { account, actor };

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  if (account->secret_hash == NULL || account->slot_salt == NULL
      || account->slot_nonce == NULL || account->slot_wrapped == NULL)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("An account needs a role and a passphrase."));
      return FALSE;
    }
  return jln_store_run_write (self, set_secret_tx, &op, error);
}

/* ---- signing in ---- */

typedef struct {
  gint64 coach_id;
  guint max_failures;
  GTimeSpan lock_for;
  GDateTime *now;
  GDateTime *locked_until;
} FailureOp;

static gboolean
failure_tx (JlnStore  *self,
            gpointer   data,
            GError   **error)
{
  FailureOp *op = data;
  g_autoptr(JlnAccount) account = NULL;
  g_autofree char *subject = coach_subject (op->coach_id);
  g_autofree char *count = NULL;
  guint failed;

  g_clear_pointer (&op->locked_until, g_date_time_unref);
  account = BACKEND (self, get_account, op->coach_id, error);
  if (account == NULL)
    return FALSE;
  failed = account->failed_sign_ins < G_MAXUINT ? account->failed_sign_ins + 1 : G_MAXUINT;
  if (failed >= op->max_failures)
    op->locked_until = g_date_time_add (op->now, op->lock_for);
  count = g_strdup_printf ("%u", failed);
  /* Nobody holds the journal's secret while signing in: these wait,
   * unchained, for the next coach who signs in. */
  return BACKEND (self, set_account_failures, op->coach_id, failed, op->locked_until, error)
         && BACKEND (self, insert_pending_audit, op->now, "system", "account.sign-in-failed",
                     subject, count, error)
         && (op->locked_until == NULL
             || BACKEND (self, insert_pending_audit, op->now, "system", "account.locked",
                         subject, count, error));
}

gboolean
jln_store_record_sign_in_failure (JlnStore    *self,
                                  gint64       coach_id,
                                  guint        max_failures,
                                  GTimeSpan    lock_for,
                                  GDateTime   *now,
                                  GDateTime  **out_locked_until,
                                  GError     **error)
{
  FailureOp op = { coach_id, MAX (max_failures, 1), lock_for, now, NULL };

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!jln_store_run_write (self, failure_tx, &op, error))
    {
      g_clear_pointer (&op.locked_until, g_date_time_unref);
      return FALSE;
    }
  if (out_locked_until != NULL)
    *out_locked_until = g_steal_pointer (&op.locked_until);
  g_clear_pointer (&op.locked_until, g_date_time_unref);
  return TRUE;
}

typedef struct {
  JlnStore *store;
  const guint8 *key;
  GError *error;
} ChainPending;

static gboolean
chain_pending_row (const JlnAuditRow *row,
                   gpointer           user_data)
{
  ChainPending *chain = user_data;
  g_autoptr(GDateTime) now = NULL;

  if (chain->error != NULL)
    return FALSE;
  /* A pending row whose time was tampered with keeps its place, dated now. */
  if (row->at == NULL)
    now = g_date_time_new_now_utc ();
  return jln_store_audit_append (jln_store_get_backend (chain->store), chain->key,
                                 row->at != NULL ? row->at : now, row->actor, row->action,
                                 row->subject, row->detail, &chain->error);
}

static gboolean
sign_in_tx (JlnStore  *self,
            gpointer   data,
            GError   **error)
{
  gint64 coach_id = *(gint64 *) data;
  g_autofree char *subject = coach_subject (coach_id);
  ChainPending chain = { self, NULL, NULL };

  chain.key = jln_store_get_audit_key (self, error);
  if (chain.key == NULL)
    return FALSE;
  if (!BACKEND (self, take_pending_audit, chain_pending_row, &chain, error))
    {
      if (chain.error != NULL)
        {
          g_clear_error (error);
          g_propagate_error (error, chain.error);
        }
      return FALSE;
    }
  return BACKEND (self, set_account_failures, coach_id, 0, NULL, error)
         && jln_store_write_audit (self, subject, "account.sign-in", subject, NULL, error);
}

gboolean
jln_store_record_sign_in (JlnStore  *self,
                          gint64     coach_id,
                          GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  return jln_store_run_write (self, sign_in_tx, &coach_id, error);
}

typedef struct {
  const char *actor;
  const char *action;
  const char *subject;
  const char *detail;
} PendingOp;

static gboolean
pending_tx (JlnStore  *self,
            gpointer   data,
            GError   **error)
{
  PendingOp *op = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return BACKEND (self, insert_pending_audit, now, op->actor ? op->actor : "system", op->action,
                  op->subject, op->detail, error);
}

gboolean
jln_store_append_audit_or_pending (JlnStore    *self,
                                   const char  *actor,
                                   const char  *action,
                                   const char  *subject,
                                   const char  *detail,
                                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  PendingOp op = { actor, action, subject, detail };

  if (jln_store_append_audit (self, actor, action, subject, detail, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, JLN_STORE_ERROR, JLN_STORE_ERROR_LOCKED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return jln_store_run_write (self, pending_tx, &op, error);
}
