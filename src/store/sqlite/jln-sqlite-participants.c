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
  "consent_internal, consent_kiosk, consent_print, consent_online, archived, consents_answered_on"
#define PARTICIPANT_PARAMS "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
#define N_PARTICIPANT_FIELDS 13

/* Read-only columns after the fields: kept by the store (salt, erased_at)
 * and by triggers (badge_count, migration 3). */
#define PARTICIPANT_SELECT \
  "SELECT id, " PARTICIPANT_FIELDS ", recipient_salt, badge_count, erased_at IS NOT NULL FROM participants "

static void
bind_fields (sqlite3_stmt   *stmt,
             JlnParticipant *p)
{
  g_autofree char *entry = jln_sqlite_format_date (jln_participant_get_entry_date (p));
  GDateTime *answered_on = jln_participant_get_consents_answered_on (p);
  g_autofree char *answered = answered_on != NULL ? jln_sqlite_format_date (answered_on) : NULL;
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
  jln_sqlite_bind_text0 (stmt, 13, answered);
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
  {
    const char *answered_text = jln_sqlite_column_text (stmt, 13);
    g_autoptr(GDateTime) answered = answered_text != NULL ? jln_sqlite_parse_timestamp (answered_text) : NULL;

    jln_participant_set_consents_answered_on (p, answered);
  }
  jln_participant_set_recipient_salt (p, jln_sqlite_column_text (stmt, N_PARTICIPANT_FIELDS + 1));
  jln_participant_set_badge_count (p, sqlite3_column_int (stmt, N_PARTICIPANT_FIELDS + 2));
  jln_participant_set_erased (p, sqlite3_column_int (stmt, N_PARTICIPANT_FIELDS + 3));
}

static gboolean
load_where (JlnSqliteBackend  *self,
            const char        *sql,
            GPtrArray         *out,
            GError           **error)
{
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  stmt = jln_sqlite_prepare (self, sql, error);
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

static gboolean
load_participants (JlnStoreBackend  *backend,
                   GPtrArray        *out,
                   GError          **error)
{
  return load_where (JLN_SQLITE_BACKEND (backend), PARTICIPANT_SELECT "WHERE archived = 0", out, error);
}

/* Archived and not erased: those a coach may bring back. */
static gboolean
load_archived_participants (JlnStoreBackend  *backend,
                            GPtrArray        *out,
                            GError          **error)
{
  return load_where (JLN_SQLITE_BACKEND (backend),
                     PARTICIPANT_SELECT "WHERE archived = 1 AND erased_at IS NULL", out, error);
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
                       _("There is no such participant in the database."));
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
unarchive_participant (JlnStoreBackend  *backend,
                       gint64            id,
                       GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, "UPDATE participants SET archived = 0 "
                                   "WHERE id = ? AND archived = 1 AND erased_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (jln_sqlite_changes (self) == 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("This participant is not archived, or their data was erased."));
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

/* The SQL half of jln_store_erase_participant(), whose comment says which
 * field goes and which stays and why. secure_delete makes SQLite overwrite
 * what these UPDATEs free with zeros instead of leaving it in free pages;
 * it stays raised for this connection until compact() has rewritten the
 * file. */
static gboolean
erase_participant (JlnStoreBackend  *backend,
                   gint64            id,
                   const char       *placeholder_name,
                   GDateTime        *when,
                   GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  g_autoptr(JlnSqliteStmt) awards = NULL;
  g_autofree char *when_text = jln_sqlite_format_timestamp (when);

  if (!jln_sqlite_raise_secure_delete (self, error))
    return FALSE;

  stmt = jln_sqlite_prepare (self, "UPDATE participants SET first_name = ?, last_name = '', "
                                   "photo_path = NULL, email = NULL, "
                                   "entry_date = substr (entry_date, 1, 7) || '-01', "
                                   "consent_internal = 0, consent_kiosk = 0, consent_print = 0, consents_answered_on = NULL, "
                                   "consent_online = 0, archived = 1, recipient_salt = '', "
                                   "erased_at = ? "
                                   "WHERE id = ? AND erased_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  jln_sqlite_bind_text0 (stmt, 1, placeholder_name);
  jln_sqlite_bind_text0 (stmt, 2, when_text);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (jln_sqlite_changes (self) == 0)
    {
      set_gone (error);
      return FALSE;
    }

  /* Criteria met stay only as the badge version's own wording (catalogue
   * text, not about the person); anything else written there goes. */
  awards = jln_sqlite_prepare (self, "UPDATE awards SET evidence_note = NULL, evidence_files = '[]', "
                                     "evidence_note_shared = 0, evidence_files_shared = '[]', "
                                     "revoke_reason = NULL, credential = NULL, "
                                     "criteria_met = (SELECT coalesce (json_group_array (j.value), '[]') "
                                     "  FROM json_each (CASE WHEN json_valid (awards.criteria_met) "
                                     "                  THEN awards.criteria_met ELSE '[]' END) j "
                                     "  WHERE j.type = 'text' AND j.value IN "
                                     "    (SELECT c.text FROM criteria c "
                                     "     WHERE c.badge_version_id = awards.badge_version_id)) "
                                     "WHERE participant_id = ?", error);
  if (awards == NULL)
    return FALSE;
  sqlite3_bind_int64 (awards, 1, id);
  return jln_sqlite_step_done (self, awards, error);
}

/* Latest activity per participant, from what the database records: the
 * entry date, each award's date and revocation date, and every journal
 * event about them (its subject, or an award event's detail, starts with
 * "participant:<id>": created, edited, consents, archived, exported,
 * awards made or undone). Participants with no date at all are not
 * proposed: nothing says how long they have been quiet. */
static gboolean
list_inactive_participants (JlnStoreBackend  *backend,
                            GDateTime        *cutoff,
                            GArray           *out,
                            GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  g_autofree char *cutoff_text = jln_sqlite_format_timestamp (cutoff);
  int rc;

  stmt = jln_sqlite_prepare (self,
    "WITH activity (participant_id, at) AS ("
    "  SELECT id, entry_date FROM participants"
    "  UNION ALL SELECT participant_id, awarded_on FROM awards"
    "  UNION ALL SELECT participant_id, revoked_on FROM awards WHERE revoked_on IS NOT NULL"
    "  UNION ALL SELECT CAST (substr (subject, 13) AS INTEGER), at FROM audit_events"
    "            WHERE subject LIKE 'participant:%'"
    "  UNION ALL SELECT CAST (substr (detail, 13) AS INTEGER), at FROM audit_events"
    "            WHERE detail LIKE 'participant:%'"
    ") "
    "SELECT p.id FROM participants p JOIN activity a ON a.participant_id = p.id "
    "WHERE p.erased_at IS NULL "
    "GROUP BY p.id HAVING max (a.at) < ? ORDER BY p.id", error);
  if (stmt == NULL)
    return FALSE;
  jln_sqlite_bind_text0 (stmt, 1, cutoff_text);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (out, id);
    }
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
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
  iface->unarchive_participant = unarchive_participant;
  iface->load_archived_participants = load_archived_participants;
  iface->erase_participant = erase_participant;
  iface->list_inactive_participants = list_inactive_participants;
}
