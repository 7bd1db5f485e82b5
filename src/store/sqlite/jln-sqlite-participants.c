/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include <glib/gi18n.h>

#include "core/jln-participant-private.h"
#include "jln-sqlite-private.h"

/* Participants. The columns a coach edits are listed once, here: the
 * INSERT, the UPDATE and the SELECT use the list, bind_fields() binds it in
 * that order and fill_fields() reads it in that order. To add a field, add
 * the column to PARTICIPANT_FIELDS (and one "?" to PARTICIPANT_PARAMS), one
 * line to each of the two functions, and a migration. */

#define PARTICIPANT_FIELDS \
  "first_name, last_name, photo_path, territory_id, coach_id, entry_date, email, " \
  "consent_internal, consent_kiosk, consent_print, consent_online, archived"
#define PARTICIPANT_PARAMS "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
#define N_PARTICIPANT_FIELDS 12

/* Read-only columns after the fields: kept by the store (salt) and by
 * triggers (badge_count, migration 3). */
#define PARTICIPANT_SELECT \
  "SELECT id, " PARTICIPANT_FIELDS ", recipient_salt, badge_count FROM participants "

static void
bind_fields (sqlite3_stmt   *stmt,
             JlnParticipant *p)
{
  g_autofree char *entry = jln_sqlite_format_date (jln_participant_get_entry_date (p));
  const char *last = jln_participant_get_last_name (p);

  jln_sqlite_bind_text0 (stmt, 1, jln_participant_get_first_name (p));
  jln_sqlite_bind_text0 (stmt, 2, last ? last : "");
  jln_sqlite_bind_text0 (stmt, 3, jln_participant_get_photo_path (p));
  jln_sqlite_bind_id0 (stmt, 4, jln_participant_get_territory_id (p));
  jln_sqlite_bind_id0 (stmt, 5, jln_participant_get_coach_id (p));
  jln_sqlite_bind_text0 (stmt, 6, entry);
  jln_sqlite_bind_text0 (stmt, 7, jln_participant_get_email (p));
  sqlite3_bind_int (stmt, 8, jln_participant_get_consent_internal (p));
  sqlite3_bind_int (stmt, 9, jln_participant_get_consent_kiosk (p));
  sqlite3_bind_int (stmt, 10, jln_participant_get_consent_print (p));
  sqlite3_bind_int (stmt, 11, jln_participant_get_consent_online (p));
  sqlite3_bind_int (stmt, 12, jln_participant_get_archived (p));
}

/* Column 0 is the id; the fields follow in PARTICIPANT_FIELDS order. */
static void
fill_fields (JlnParticipant *p,
             sqlite3_stmt   *stmt)
{
  g_autoptr(GDateTime) entry = jln_sqlite_parse_timestamp (jln_sqlite_column_text (stmt, 6));

  jln_participant_set_id (p, sqlite3_column_int64 (stmt, 0));
  jln_participant_set_first_name (p, jln_sqlite_column_text (stmt, 1));
  jln_participant_set_last_name (p, jln_sqlite_column_text (stmt, 2));
  jln_participant_set_photo_path (p, jln_sqlite_column_text (stmt, 3));
  jln_participant_set_territory_id (p, sqlite3_column_int64 (stmt, 4));
  jln_participant_set_coach_id (p, sqlite3_column_int64 (stmt, 5));
  jln_participant_set_entry_date (p, entry);
  jln_participant_set_email (p, jln_sqlite_column_text (stmt, 7));
  jln_participant_set_consent_internal (p, sqlite3_column_int (stmt, 8));
  jln_participant_set_consent_kiosk (p, sqlite3_column_int (stmt, 9));
  jln_participant_set_consent_print (p, sqlite3_column_int (stmt, 10));
  jln_participant_set_consent_online (p, sqlite3_column_int (stmt, 11));
  jln_participant_set_archived (p, sqlite3_column_int (stmt, 12));
  jln_participant_set_recipient_salt (p, jln_sqlite_column_text (stmt, N_PARTICIPANT_FIELDS + 1));
  jln_participant_set_badge_count (p, sqlite3_column_int (stmt, N_PARTICIPANT_FIELDS + 2));
}

static gboolean
load_participants (JlnStoreBackend  *backend,
                   GPtrArray        *out,
                   GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  stmt = jln_sqlite_prepare (self, PARTICIPANT_SELECT "WHERE archived = 0", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JlnParticipant *p = g_object_new (JLN_TYPE_PARTICIPANT, NULL);

      /* Filled before anyone can listen: no notify reaches a handler. */
      fill_fields (p, stmt);
      g_ptr_array_add (out, p);
    }
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static JlnParticipant *
get_participant (JlnStoreBackend  *backend,
                 gint64            id,
                 GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  JlnParticipant *p;
  int rc;

  stmt = jln_sqlite_prepare (self, PARTICIPANT_SELECT "WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                             _("This participant does not exist any more."));
      else
        jln_sqlite_set_error (self, rc, error);
      return NULL;
    }
  p = g_object_new (JLN_TYPE_PARTICIPANT, NULL);
  fill_fields (p, stmt);
  return p;
}

static gboolean
insert_participant (JlnStoreBackend  *backend,
                    JlnParticipant   *p,
                    const char       *salt,
                    gint64           *out_id,
                    GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, "INSERT INTO participants (" PARTICIPANT_FIELDS ", recipient_salt) "
                                   "VALUES (" PARTICIPANT_PARAMS ", ?)", error);
  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, p);
  jln_sqlite_bind_text0 (stmt, N_PARTICIPANT_FIELDS + 1, salt);
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  *out_id = jln_sqlite_last_id (self);
  return TRUE;
}

static void
set_gone (GError **error)
{
  g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                       _("This participant no longer exists."));
}

static gboolean
update_participant (JlnStoreBackend  *backend,
                    JlnParticipant   *p,
                    GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  /* Row-value UPDATE: the same column list as the INSERT. */
  stmt = jln_sqlite_prepare (self, "UPDATE participants SET (" PARTICIPANT_FIELDS ") = "
                                   "(" PARTICIPANT_PARAMS ") WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, p);
  sqlite3_bind_int64 (stmt, N_PARTICIPANT_FIELDS + 1, jln_participant_get_id (p));
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (jln_sqlite_changes (self) == 0)
    {
      set_gone (error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
archive_participant (JlnStoreBackend  *backend,
                     gint64            id,
                     GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, "UPDATE participants SET archived = 1 WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (jln_sqlite_changes (self) == 0)
    {
      set_gone (error);
      return FALSE;
    }
  return TRUE;
}

void
jln_sqlite_participants_init_iface (JlnStoreBackendInterface *iface)
{
  iface->load_participants = load_participants;
  iface->get_participant = get_participant;
  iface->insert_participant = insert_participant;
  iface->update_participant = update_participant;
  iface->archive_participant = archive_participant;
}
