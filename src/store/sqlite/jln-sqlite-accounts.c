/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include <glib/gi18n.h>

#include "jln-sqlite-private.h"

/* Coach accounts, the key vault and the journal events waiting for a
 * signed-in coach to chain them (schema 8). */

#define SELF(backend) JLN_SQLITE_BACKEND (backend)

#define ACCOUNT_COLUMNS \
  "coach_id, role, secret_hash, failed_sign_ins, locked_until, slot_salt, " \
  "slot_opslimit, slot_memlimit, slot_nonce, slot_wrapped"

static JlnAccount *
account_from_row (sqlite3_stmt *stmt)
{
  JlnAccount *account = g_new0 (JlnAccount, 1);
  const char *locked = jln_sqlite_column_text (stmt, 4);

  account->coach_id = sqlite3_column_int64 (stmt, 0);
  if (!jln_role_from_string (jln_sqlite_column_text (stmt, 1), &account->role))
    account->role = JLN_ROLE_NONE;
  account->secret_hash = g_strdup (jln_sqlite_column_text (stmt, 2));
  account->failed_sign_ins = (guint) CLAMP (sqlite3_column_int64 (stmt, 3), 0, G_MAXUINT);
  account->locked_until = locked != NULL ? jln_sqlite_parse_timestamp (locked) : NULL;
  account->slot_salt = jln_sqlite_column_bytes0 (stmt, 5);
  account->slot_opslimit = (guint64) MAX (sqlite3_column_int64 (stmt, 6), 0);
  account->slot_memlimit = (guint64) MAX (sqlite3_column_int64 (stmt, 7), 0);
  account->slot_nonce = jln_sqlite_column_bytes0 (stmt, 8);
  account->slot_wrapped = jln_sqlite_column_bytes0 (stmt, 9);
  return account;
}

static gboolean
list_accounts (JlnStoreBackend  *backend,
               GPtrArray        *out,
               GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  stmt = jln_sqlite_prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM accounts ORDER BY coach_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, account_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
set_no_account (GError **error)
{
  g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                       _("This coach has no account to sign in with."));
}

static JlnAccount *
get_account (JlnStoreBackend  *backend,
             gint64            coach_id,
             GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  stmt = jln_sqlite_prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE coach_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, coach_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return account_from_row (stmt);
  if (rc == SQLITE_DONE)
    set_no_account (error);
  else
    jln_sqlite_set_error (self, rc, error);
  return NULL;
}

static void
bind_slot (sqlite3_stmt     *stmt,
           int               first,
           const JlnAccount *account)
{
  jln_sqlite_bind_text0 (stmt, first, account->secret_hash);
  jln_sqlite_bind_bytes0 (stmt, first + 1, account->slot_salt);
  sqlite3_bind_int64 (stmt, first + 2, (sqlite3_int64) MIN (account->slot_opslimit, G_MAXINT64));
  sqlite3_bind_int64 (stmt, first + 3, (sqlite3_int64) MIN (account->slot_memlimit, G_MAXINT64));
  jln_sqlite_bind_bytes0 (stmt, first + 4, account->slot_nonce);
  jln_sqlite_bind_bytes0 (stmt, first + 5, account->slot_wrapped);
}

static gboolean
insert_account (JlnStoreBackend   *backend,
                const JlnAccount  *account,
                GError           **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, "INSERT INTO accounts (coach_id, role, secret_hash, slot_salt, "
                                   "slot_opslimit, slot_memlimit, slot_nonce, slot_wrapped) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account->coach_id);
  jln_sqlite_bind_text0 (stmt, 2, jln_role_to_string (account->role));
  bind_slot (stmt, 3, account);
  return jln_sqlite_step_done (self, stmt, error);
}

static gboolean
update_account_secret (JlnStoreBackend   *backend,
                       const JlnAccount  *account,
                       GError           **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, "UPDATE accounts SET secret_hash = ?, slot_salt = ?, slot_opslimit = ?, "
                                   "slot_memlimit = ?, slot_nonce = ?, slot_wrapped = ?, "
                                   "failed_sign_ins = 0, locked_until = NULL WHERE coach_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_slot (stmt, 1, account);
  sqlite3_bind_int64 (stmt, 7, account->coach_id);
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (jln_sqlite_changes (self) == 0)
    {
      set_no_account (error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_account_failures (JlnStoreBackend  *backend,
                      gint64            coach_id,
                      guint             failed,
                      GDateTime        *locked_until,
                      GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  g_autofree char *until = locked_until != NULL ? jln_sqlite_format_timestamp (locked_until) : NULL;

  stmt = jln_sqlite_prepare (self, "UPDATE accounts SET failed_sign_ins = ?, locked_until = ? "
                                   "WHERE coach_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, failed);
  jln_sqlite_bind_text0 (stmt, 2, until);
  sqlite3_bind_int64 (stmt, 3, coach_id);
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (jln_sqlite_changes (self) == 0)
    {
      set_no_account (error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_key_vault (JlnStoreBackend  *backend,
               JlnKeyVault     **out_vault,
               GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  *out_vault = NULL;
  stmt = jln_sqlite_prepare (self, "SELECT public_key, nonce, sealed FROM key_vault WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      JlnKeyVault *vault = g_new0 (JlnKeyVault, 1);

      vault->public_key = jln_sqlite_column_bytes0 (stmt, 0);
      vault->nonce = jln_sqlite_column_bytes0 (stmt, 1);
      vault->sealed = jln_sqlite_column_bytes0 (stmt, 2);
      *out_vault = vault;
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
store_key_vault (JlnStoreBackend    *backend,
                 const JlnKeyVault  *vault,
                 GError            **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) insert = NULL;
  g_autoptr(JlnSqliteStmt) clear = NULL;

  /* Raised first: the UPDATE below must zero the pages the clear seed and
   * secret leave, not just unlink them. */
  if (!jln_sqlite_raise_secure_delete (self, error))
    return FALSE;
  insert = jln_sqlite_prepare (self, "INSERT INTO key_vault (id, public_key, nonce, sealed) "
                                     "VALUES (1, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  jln_sqlite_bind_bytes0 (insert, 1, vault->public_key);
  jln_sqlite_bind_bytes0 (insert, 2, vault->nonce);
  jln_sqlite_bind_bytes0 (insert, 3, vault->sealed);
  if (!jln_sqlite_step_done (self, insert, error))
    return FALSE;
  clear = jln_sqlite_prepare (self, "UPDATE organisation SET signing_seed = NULL, audit_secret = NULL "
                                    "WHERE id = 1", error);
  return clear != NULL && jln_sqlite_step_done (self, clear, error);
}

static gboolean
insert_pending_audit (JlnStoreBackend  *backend,
                      GDateTime        *at,
                      const char       *actor,
                      const char       *action,
                      const char       *subject,
                      const char       *detail,
                      GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  g_autofree char *at_text = jln_sqlite_format_timestamp (at);

  stmt = jln_sqlite_prepare (self, "INSERT INTO audit_pending (at, actor, action, subject, detail) "
                                   "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  jln_sqlite_bind_text0 (stmt, 1, at_text);
  jln_sqlite_bind_text0 (stmt, 2, actor);
  jln_sqlite_bind_text0 (stmt, 3, action);
  jln_sqlite_bind_text0 (stmt, 4, subject);
  jln_sqlite_bind_text0 (stmt, 5, detail);
  return jln_sqlite_step_done (self, stmt, error);
}

static gboolean
take_pending_audit (JlnStoreBackend  *backend,
                    JlnAuditRowFunc   func,
                    gpointer          user_data,
                    GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(JlnSqliteStmt) del = NULL;
  int rc;

  /* Read everything first, then hand it on: the callback writes to the
   * journal, never under a running SELECT. */
  {
    g_autoptr(JlnSqliteStmt) stmt = jln_sqlite_prepare (self, "SELECT id, at, actor, action, subject, detail "
                                                             "FROM audit_pending ORDER BY id", error);

    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        char **row = g_new0 (char *, 7);

        for (int i = 0; i < 6; i++)
          row[i] = g_strdup (i == 0 ? (const char *) sqlite3_column_text (stmt, 0)
                                    : jln_sqlite_column_text (stmt, i));
        /* g_strfreev stops at the first NULL: keep NULL columns as "". */
        for (int i = 0; i < 6; i++)
          if (row[i] == NULL)
            row[i] = g_strdup ("");
        g_ptr_array_add (rows, row);
      }
    if (rc != SQLITE_DONE)
      {
        jln_sqlite_set_error (self, rc, error);
        return FALSE;
      }
  }
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr(GDateTime) at = jln_sqlite_parse_timestamp (row[1]);
      JlnAuditRow audit = {
        .id = g_ascii_strtoll (row[0], NULL, 10),
        .at = at,
        .actor = row[2],
        .action = row[3],
        .subject = *row[4] ? row[4] : NULL,
        .detail = *row[5] ? row[5] : NULL,
      };

      if (!func (&audit, user_data))
        {
          g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_FAILED,
                               _("A journal entry waiting to be recorded could not be recorded."));
          return FALSE;
        }
    }
  del = jln_sqlite_prepare (self, "DELETE FROM audit_pending", error);
  return del != NULL && jln_sqlite_step_done (self, del, error);
}

void
jln_sqlite_accounts_init_iface (JlnStoreBackendInterface *iface)
{
  iface->list_accounts = list_accounts;
  iface->get_account = get_account;
  iface->insert_account = insert_account;
  iface->update_account_secret = update_account_secret;
  iface->set_account_failures = set_account_failures;
  iface->get_key_vault = get_key_vault;
  iface->store_key_vault = store_key_vault;
  iface->insert_pending_audit = insert_pending_audit;
  iface->take_pending_audit = take_pending_audit;
}
