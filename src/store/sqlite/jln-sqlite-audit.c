/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include "jln-sqlite-private.h"

/* The journal: append-only (migration triggers refuse UPDATE and DELETE). */

static gboolean
append_audit (JlnStoreBackend  *backend,
              GDateTime        *at,
              const char       *actor,
              const char       *action,
              const char       *subject,
              const char       *detail,
              GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  g_autofree char *at_text = jln_sqlite_format_timestamp (at);

  stmt = jln_sqlite_prepare (self, "INSERT INTO audit_events (at, actor, action, subject, detail) "
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
list_audit_events (JlnStoreBackend  *backend,
                   guint             limit,
                   GPtrArray        *out,
                   GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
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

void
jln_sqlite_audit_init_iface (JlnStoreBackendInterface *iface)
{
  iface->append_audit = append_audit;
  iface->list_audit_events = list_audit_events;
}
