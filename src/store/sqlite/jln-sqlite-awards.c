/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include <glib/gi18n.h>

#include "jln-sqlite-private.h"

/* Awards: one row per badge version awarded to a participant, with its
 * evidence, status-list index and signed credential. The schema keeps one
 * active award per participant and version (migration 2) as a safety net;
 * the facade checks it first to say so in plain words. */

#define AWARD_SELECT \
  "SELECT a.id, a.participant_id, v.badge_id, a.badge_version_id, v.version, v.name, " \
  "a.coach_id, c.name, a.awarded_on, a.criteria_met, a.evidence_note, a.evidence_files, " \
  "a.status, a.revoke_reason, a.revoked_on, a.credential_id, a.status_index, a.credential, " \
  "a.evidence_note_shared, a.evidence_files_shared " \
  "FROM awards a JOIN badge_versions v ON v.id = a.badge_version_id " \
  "LEFT JOIN coaches c ON c.id = a.coach_id "

static JlnAward *
award_from_row (sqlite3_stmt *stmt)
{
  JlnAward *award = jln_award_new (sqlite3_column_int64 (stmt, 1),
                                   sqlite3_column_int64 (stmt, 3),
                                   sqlite3_column_int64 (stmt, 6));
  g_autoptr(GDateTime) awarded_on = jln_sqlite_parse_timestamp (jln_sqlite_column_text (stmt, 8));
  g_autoptr(GDateTime) revoked_on = jln_sqlite_parse_timestamp (jln_sqlite_column_text (stmt, 14));
  g_auto(GStrv) criteria = jln_sqlite_json_to_strv (jln_sqlite_column_text (stmt, 9));
  g_auto(GStrv) files = jln_sqlite_json_to_strv (jln_sqlite_column_text (stmt, 11));
  g_autoptr(GBytes) credential = jln_sqlite_column_bytes0 (stmt, 17);
  g_auto(GStrv) shared = jln_sqlite_json_to_strv (jln_sqlite_column_text (stmt, 19));
  JlnAwardStatus status = JLN_AWARD_STATUS_ACTIVE;

  jln_award_status_from_string (jln_sqlite_column_text (stmt, 12), &status);
  jln_award_set_id (award, sqlite3_column_int64 (stmt, 0));
  jln_award_set_badge_id (award, sqlite3_column_int64 (stmt, 2));
  jln_award_set_badge_version (award, sqlite3_column_int (stmt, 4));
  jln_award_set_badge_name (award, jln_sqlite_column_text (stmt, 5));
  jln_award_set_coach_name (award, jln_sqlite_column_text (stmt, 7));
  jln_award_set_awarded_on (award, awarded_on);
  jln_award_set_criteria_met (award, (const char * const *) criteria);
  jln_award_set_evidence_note (award, jln_sqlite_column_text (stmt, 10));
  jln_award_set_evidence_files (award, (const char * const *) files);
  jln_award_set_evidence_note_shared (award, sqlite3_column_int (stmt, 18) != 0);
  jln_award_set_evidence_files_shared (award, (const char * const *) shared);
  jln_award_set_status (award, status);
  jln_award_set_revoke_reason (award, jln_sqlite_column_text (stmt, 13));
  jln_award_set_revoked_on (award, revoked_on);
  jln_award_set_credential_id (award, jln_sqlite_column_text (stmt, 15));
  jln_award_set_status_index (award, sqlite3_column_int (stmt, 16));
  if (credential != NULL)
    jln_award_set_credential (award, credential);
  return award;
}

static void
set_gone (GError **error)
{
  g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                       _("There is no such badge award in the database."));
}

static JlnAward *
get_award (JlnStoreBackend  *backend,
           gint64            award_id,
           GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  stmt = jln_sqlite_prepare (self, AWARD_SELECT "WHERE a.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, award_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return award_from_row (stmt);
  if (rc == SQLITE_DONE)
    set_gone (error);
  else
    jln_sqlite_set_error (self, rc, error);
  return NULL;
}

static gboolean
list_awards_for_participant (JlnStoreBackend  *backend,
                             gint64            participant_id,
                             GPtrArray        *out,
                             GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  stmt = jln_sqlite_prepare (self, AWARD_SELECT "WHERE a.participant_id = ? "
                                   "ORDER BY a.awarded_on, a.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, award_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
describe_award_target (JlnStoreBackend  *backend,
                       gint64            participant_id,
                       gint64            version_id,
                       JlnAwardTarget   *out,
                       GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  /* One statement: this runs once per award, 200,000 times in a big demo. */
  stmt = jln_sqlite_prepare (self, "SELECT (SELECT first_name FROM participants WHERE id = ?1), "
                                   "       (SELECT last_name FROM participants WHERE id = ?1), "
                                   "       (SELECT badge_id FROM badge_versions WHERE id = ?2), "
                                   "       (SELECT version FROM badge_versions WHERE id = ?2), "
                                   "       (SELECT name FROM badge_versions WHERE id = ?2), "
                                   "       (SELECT erased_at IS NOT NULL FROM participants WHERE id = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  sqlite3_bind_int64 (stmt, 2, version_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      jln_sqlite_set_last_error (self, error);
      return FALSE;
    }
  out->first_name = g_strdup (jln_sqlite_column_text (stmt, 0));
  out->last_name = g_strdup (jln_sqlite_column_text (stmt, 1));
  out->badge_id = sqlite3_column_int64 (stmt, 2);
  out->version = sqlite3_column_int (stmt, 3);
  out->badge_name = g_strdup (jln_sqlite_column_text (stmt, 4));
  out->erased = sqlite3_column_int (stmt, 5);
  return TRUE;
}

static gboolean
has_active_award (JlnStoreBackend  *backend,
                  gint64            participant_id,
                  gint64            version_id,
                  gboolean         *out_held,
                  GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  stmt = jln_sqlite_prepare (self, "SELECT 1 FROM awards WHERE participant_id = ? AND badge_version_id = ? "
                                   "AND status = 'active'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  sqlite3_bind_int64 (stmt, 2, version_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  *out_held = (rc == SQLITE_ROW);
  return TRUE;
}

static gboolean
insert_award (JlnStoreBackend  *backend,
              JlnAward         *award,
              GDateTime        *awarded_on,
              const char       *credential_id,
              guint             status_index,
              gint64           *out_id,
              GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  g_autofree char *awarded_text = jln_sqlite_format_timestamp (awarded_on);
  g_autofree char *criteria_json = jln_sqlite_strv_to_json (jln_award_get_criteria_met (award));
  g_autofree char *files_json = jln_sqlite_strv_to_json (jln_award_get_evidence_files (award));
  g_autofree char *shared_json = jln_sqlite_strv_to_json (jln_award_get_evidence_files_shared (award));

  stmt = jln_sqlite_prepare (self, "INSERT INTO awards (participant_id, badge_version_id, coach_id, "
                                   "awarded_on, criteria_met, evidence_note, evidence_files, status, "
                                   "credential_id, status_index, evidence_note_shared, evidence_files_shared) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, jln_award_get_participant_id (award));
  sqlite3_bind_int64 (stmt, 2, jln_award_get_badge_version_id (award));
  jln_sqlite_bind_id0 (stmt, 3, jln_award_get_coach_id (award));
  jln_sqlite_bind_text0 (stmt, 4, awarded_text);
  jln_sqlite_bind_text0 (stmt, 5, criteria_json);
  jln_sqlite_bind_text0 (stmt, 6, jln_award_get_evidence_note (award));
  jln_sqlite_bind_text0 (stmt, 7, files_json);
  jln_sqlite_bind_text0 (stmt, 8, credential_id);
  sqlite3_bind_int64 (stmt, 9, status_index);
  sqlite3_bind_int (stmt, 10, jln_award_get_evidence_note_shared (award) ? 1 : 0);
  jln_sqlite_bind_text0 (stmt, 11, shared_json);
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  *out_id = jln_sqlite_last_id (self);
  return TRUE;
}

static gboolean
set_award_credential (JlnStoreBackend  *backend,
                      gint64            award_id,
                      GBytes           *credential,
                      gint64           *out_participant_id,
                      GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  stmt = jln_sqlite_prepare (self, "UPDATE awards SET credential = ? WHERE id = ? "
                                   "RETURNING participant_id", error);
  if (stmt == NULL)
    return FALSE;
  jln_sqlite_bind_bytes0 (stmt, 1, credential);
  sqlite3_bind_int64 (stmt, 2, award_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        set_gone (error);
      else
        jln_sqlite_set_last_error (self, error);
      return FALSE;
    }
  *out_participant_id = sqlite3_column_int64 (stmt, 0);
  /* Step to the end so the UPDATE is complete before the commit. */
  return jln_sqlite_step_done (self, stmt, error);
}

static gboolean
revoke_award (JlnStoreBackend  *backend,
              gint64            award_id,
              const char       *reason,
              GDateTime        *when,
              GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  g_autofree char *when_text = jln_sqlite_format_timestamp (when);

  stmt = jln_sqlite_prepare (self, "UPDATE awards SET status = 'revoked', revoke_reason = ?, revoked_on = ? "
                                   "WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  jln_sqlite_bind_text0 (stmt, 1, reason);
  jln_sqlite_bind_text0 (stmt, 2, when_text);
  sqlite3_bind_int64 (stmt, 3, award_id);
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
delete_award (JlnStoreBackend  *backend,
              gint64            award_id,
              GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, "DELETE FROM awards WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, award_id);
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (jln_sqlite_changes (self) == 0)
    {
      set_gone (error);
      return FALSE;
    }
  return TRUE;
}

static GArray *
collect_ids (JlnSqliteBackend  *self,
             const char        *sql,
             gboolean           as_uint,
             GError           **error)
{
  g_autoptr(JlnSqliteStmt) stmt = jln_sqlite_prepare (self, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, as_uint ? sizeof (guint) : sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (as_uint)
        {
          guint v = sqlite3_column_int (stmt, 0);
          g_array_append_val (ids, v);
        }
      else
        {
          gint64 v = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, v);
        }
    }
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static GArray *
list_award_ids (JlnStoreBackend  *backend,
                GError          **error)
{
  return collect_ids (JLN_SQLITE_BACKEND (backend), "SELECT id FROM awards ORDER BY id", FALSE, error);
}

static GArray *
list_revoked_status_indices (JlnStoreBackend  *backend,
                             GError          **error)
{
  return collect_ids (JLN_SQLITE_BACKEND (backend),
                      "SELECT status_index FROM awards WHERE status = 'revoked' "
                      "ORDER BY status_index", TRUE, error);
}

static gboolean
mark_status_list_due (JlnStoreBackend  *backend,
                      GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, "UPDATE status_list_publication SET due = due + 1 WHERE id = 1", error);
  if (stmt == NULL || !jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  return TRUE;
}

static gboolean
get_status_list_generations (JlnStoreBackend  *backend,
                             gint64           *out_due,
                             gint64           *out_published,
                             GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  stmt = jln_sqlite_prepare (self, "SELECT due, published FROM status_list_publication WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_DAMAGED,
                             _("The database has lost the state of its revocation list."));
      else
        jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  *out_due = sqlite3_column_int64 (stmt, 0);
  *out_published = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

static gboolean
set_status_list_published (JlnStoreBackend  *backend,
                           gint64            generation,
                           GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  /* Never backwards: a slower publisher finishing last must not undo a
   * newer one's mark. */
  stmt = jln_sqlite_prepare (self, "UPDATE status_list_publication SET published = max (published, ?) "
                                   "WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, generation);
  return jln_sqlite_step_done (self, stmt, error);
}

void
jln_sqlite_awards_init_iface (JlnStoreBackendInterface *iface)
{
  iface->get_award = get_award;
  iface->list_awards_for_participant = list_awards_for_participant;
  iface->describe_award_target = describe_award_target;
  iface->has_active_award = has_active_award;
  iface->insert_award = insert_award;
  iface->set_award_credential = set_award_credential;
  iface->revoke_award = revoke_award;
  iface->delete_award = delete_award;
  iface->list_award_ids = list_award_ids;
  iface->list_revoked_status_indices = list_revoked_status_indices;
  iface->mark_status_list_due = mark_status_list_due;
  iface->get_status_list_generations = get_status_list_generations;
  iface->set_status_list_published = set_status_list_published;
}
