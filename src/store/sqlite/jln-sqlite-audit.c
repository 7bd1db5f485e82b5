/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include <string.h>

#include <glib/gi18n.h>

#include "jln-sqlite-private.h"

/* The journal: append-only (migration triggers refuse UPDATE and DELETE),
 * its chain columns, its tip and the secret that keys them. What the
 * hashes mean is the facade's business (jln-audit-chain.h): this file
 * only keeps and hands back bytes. */

#define SELF(backend) JLN_SQLITE_BACKEND (backend)

static gboolean
append_audit (JlnStoreBackend  *backend,
              gint64            id,
              GDateTime        *at,
              const char       *actor,
              const char       *action,
              const char       *subject,
              const char       *detail,
              const guint8     *prev_hash,
              const guint8     *hash,
              GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  g_autofree char *at_text = jln_sqlite_format_timestamp (at);

  stmt = jln_sqlite_prepare (self, "INSERT INTO audit_events (id, at, actor, action, subject, detail, "
                                   "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  jln_sqlite_bind_text0 (stmt, 2, at_text);
  jln_sqlite_bind_text0 (stmt, 3, actor);
  jln_sqlite_bind_text0 (stmt, 4, action);
  jln_sqlite_bind_text0 (stmt, 5, subject);
  jln_sqlite_bind_text0 (stmt, 6, detail);
  sqlite3_bind_blob (stmt, 7, prev_hash, JLN_AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 8, hash, JLN_AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
  return jln_sqlite_step_done (self, stmt, error);
}

static gboolean
list_audit_events (JlnStoreBackend  *backend,
                   guint             limit,
                   GPtrArray        *out,
                   GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  stmt = jln_sqlite_prepare (self, "SELECT id, at, actor, action, subject, detail FROM audit_events "
                                   "ORDER BY id DESC LIMIT ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, limit == 0 ? -1 : (gint64) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) at = jln_sqlite_parse_timestamp (jln_sqlite_column_text (stmt, 1));

      g_ptr_array_add (out, jln_audit_event_new (sqlite3_column_int64 (stmt, 0), at,
                                                 jln_sqlite_column_text (stmt, 2),
                                                 jln_sqlite_column_text (stmt, 3),
                                                 jln_sqlite_column_text (stmt, 4),
                                                 jln_sqlite_column_text (stmt, 5)));
    }
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Text as stored: a column an attacker turned into a number or a blob is
 * read as its text form, and NULL stays NULL. */
static const char *
column_text_or_null (sqlite3_stmt *stmt,
                     int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;
  return jln_sqlite_column_text (stmt, col);
}

static gboolean
foreach_audit_row (JlnStoreBackend  *backend,
                   gint64            after_id,
                   JlnAuditRowFunc   func,
                   gpointer          user_data,
                   GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  stmt = jln_sqlite_prepare (self, "SELECT id, at, actor, action, subject, detail, prev_hash, hash "
                                   "FROM audit_events WHERE id > ? ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *at_text = column_text_or_null (stmt, 1);
      g_autoptr(GDateTime) at = NULL;
      JlnAuditRow row = { 0 };

      /* Only the exact form the store writes counts as a time: anything
       * else an editor typed in hashes as "no time" and fails the check. */
      if (at_text != NULL && strlen (at_text) == 20 && at_text[10] == 'T' && at_text[19] == 'Z')
        at = jln_sqlite_parse_timestamp (at_text);
      row.id = sqlite3_column_int64 (stmt, 0);
      row.at = at;
      row.actor = column_text_or_null (stmt, 2);
      row.action = column_text_or_null (stmt, 3);
      row.subject = column_text_or_null (stmt, 4);
      row.detail = column_text_or_null (stmt, 5);
      row.prev_hash = sqlite3_column_blob (stmt, 6);
      row.prev_hash_len = sqlite3_column_bytes (stmt, 6);
      row.hash = sqlite3_column_blob (stmt, 7);
      row.hash_len = sqlite3_column_bytes (stmt, 7);
      if (!func (&row, user_data))
        return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Copies a hash column when it has the right size; otherwise @fallback. */
static void
copy_hash (sqlite3_stmt *stmt,
           int           col,
           const guint8 *fallback,
           guint8        out[JLN_AUDIT_HASH_BYTES])
{
  if (sqlite3_column_type (stmt, col) == SQLITE_BLOB
      && sqlite3_column_bytes (stmt, col) == JLN_AUDIT_HASH_BYTES)
    memcpy (out, sqlite3_column_blob (stmt, col), JLN_AUDIT_HASH_BYTES);
  else
    memcpy (out, fallback, JLN_AUDIT_HASH_BYTES);
}

static gboolean
get_audit_last (JlnStoreBackend  *backend,
                gint64           *out_id,
                guint8            out_hash[JLN_AUDIT_HASH_BYTES],
                GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  stmt = jln_sqlite_prepare (self, "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      copy_hash (stmt, 1, JLN_AUDIT_GENESIS, out_hash);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  *out_id = 0;
  memcpy (out_hash, JLN_AUDIT_GENESIS, JLN_AUDIT_HASH_BYTES);
  return TRUE;
}

static gboolean
get_audit_tip (JlnStoreBackend  *backend,
               JlnAuditTip      *out,
               gboolean         *out_found,
               GError          **error)
{
  static const guint8 zeros[JLN_AUDIT_HASH_BYTES] = { 0 };
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  memset (out, 0, sizeof *out);
  stmt = jln_sqlite_prepare (self, "SELECT n_events, last_id, last_hash, mac FROM audit_tip WHERE id = 1",
                             error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      *out_found = FALSE;
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  *out_found = TRUE;
  out->n_events = (guint64) sqlite3_column_int64 (stmt, 0);
  out->last_id = sqlite3_column_int64 (stmt, 1);
  copy_hash (stmt, 2, zeros, out->last_hash);
  copy_hash (stmt, 3, zeros, out->mac);
  return TRUE;
}

static gboolean
set_audit_tip (JlnStoreBackend    *backend,
               const JlnAuditTip  *tip,
               GError            **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, "INSERT OR REPLACE INTO audit_tip (id, n_events, last_id, last_hash, mac) "
                                   "VALUES (1, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, (gint64) tip->n_events);
  sqlite3_bind_int64 (stmt, 2, tip->last_id);
  sqlite3_bind_blob (stmt, 3, tip->last_hash, JLN_AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 4, tip->mac, JLN_AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
  return jln_sqlite_step_done (self, stmt, error);
}

/* The secret lives in the organisation row, beside the signing seed. */
static gboolean
get_audit_secret (JlnStoreBackend  *backend,
                  GBytes          **out_secret,
                  GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  *out_secret = NULL;
  stmt = jln_sqlite_prepare (self, "SELECT audit_secret FROM organisation WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_secret = jln_sqlite_column_bytes0 (stmt, 0);
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
set_audit_secret (JlnStoreBackend  *backend,
                  GBytes           *secret,
                  GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, "UPDATE organisation SET audit_secret = ? WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  jln_sqlite_bind_bytes0 (stmt, 1, secret);
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (jln_sqlite_changes (self) == 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("The organisation details are missing from the database."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_audit_link (JlnStoreBackend  *backend,
                gint64            id,
                const guint8     *prev_hash,
                const guint8     *hash,
                GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, "UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, prev_hash, JLN_AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 2, hash, JLN_AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  return jln_sqlite_step_done (self, stmt, error);
}

void
jln_sqlite_audit_init_iface (JlnStoreBackendInterface *iface)
{
  iface->append_audit = append_audit;
  iface->list_audit_events = list_audit_events;
  iface->foreach_audit_row = foreach_audit_row;
  iface->get_audit_last = get_audit_last;
  iface->get_audit_tip = get_audit_tip;
  iface->set_audit_tip = set_audit_tip;
  iface->get_audit_secret = get_audit_secret;
  iface->set_audit_secret = set_audit_secret;
  iface->set_audit_link = set_audit_link;
}
