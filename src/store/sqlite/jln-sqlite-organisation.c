/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include <glib/gi18n.h>

#include "jln-sqlite-private.h"

/* The organisation row (issuer details, signing seed, status-list counter),
 * territories and coaches. */

#define SELF(backend) JLN_SQLITE_BACKEND (backend)

static gboolean
load_territories (JlnStoreBackend  *backend,
                  GPtrArray        *out,
                  GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  stmt = jln_sqlite_prepare (self, "SELECT id, name FROM territories", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JlnTerritory *t = jln_territory_new (jln_sqlite_column_text (stmt, 1));

      jln_territory_set_id (t, sqlite3_column_int64 (stmt, 0));
      g_ptr_array_add (out, t);
    }
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_coaches (JlnStoreBackend  *backend,
              GPtrArray        *out,
              GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  stmt = jln_sqlite_prepare (self, "SELECT c.id, c.name, c.territory_id, c.email, a.role "
                                   "FROM coaches c LEFT JOIN accounts a ON a.coach_id = c.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JlnRole role;
      JlnCoach *c = jln_coach_new (jln_sqlite_column_text (stmt, 1));

      jln_coach_set_id (c, sqlite3_column_int64 (stmt, 0));
      jln_coach_set_territory_id (c, sqlite3_column_int64 (stmt, 2));
      jln_coach_set_email (c, jln_sqlite_column_text (stmt, 3));
      if (jln_role_from_string (jln_sqlite_column_text (stmt, 4), &role))
        jln_coach_set_role (c, role);
      g_ptr_array_add (out, c);
    }
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_territory (JlnStoreBackend  *backend,
                  JlnTerritory     *territory,
                  gint64           *out_id,
                  GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, "INSERT INTO territories (name) VALUES (?)", error);
  if (stmt == NULL)
    return FALSE;
  jln_sqlite_bind_text0 (stmt, 1, jln_territory_get_name (territory));
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  *out_id = jln_sqlite_last_id (self);
  return TRUE;
}

static gboolean
insert_coach (JlnStoreBackend  *backend,
              JlnCoach         *coach,
              gint64           *out_id,
              GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, "INSERT INTO coaches (name, territory_id, email) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  jln_sqlite_bind_text0 (stmt, 1, jln_coach_get_name (coach));
  jln_sqlite_bind_id0 (stmt, 2, jln_coach_get_territory_id (coach));
  jln_sqlite_bind_text0 (stmt, 3, jln_coach_get_email (coach));
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  *out_id = jln_sqlite_last_id (self);
  return TRUE;
}

static gboolean
ref_exists (JlnStoreBackend  *backend,
            JlnStoreRef       ref,
            gint64            id,
            gboolean         *out_exists,
            GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  switch (ref)
    {
    case JLN_STORE_REF_TERRITORY:
      stmt = jln_sqlite_prepare (self, "SELECT 1 FROM territories WHERE id = ?", error);
      break;
    case JLN_STORE_REF_COACH:
      stmt = jln_sqlite_prepare (self, "SELECT 1 FROM coaches WHERE id = ?", error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  *out_exists = (rc == SQLITE_ROW);
  return TRUE;
}

static void
set_missing_organisation (GError **error)
{
  g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                       _("The organisation details are missing from the database."));
}

static JlnOrganisation *
get_organisation (JlnStoreBackend  *backend,
                  GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  JlnOrganisation *org;
  int rc;

  stmt = jln_sqlite_prepare (self, "SELECT name, url, email, public_base, signing_seed FROM organisation "
                                   "WHERE id = 1", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        set_missing_organisation (error);
      else
        jln_sqlite_set_error (self, rc, error);
      return NULL;
    }
  org = g_new0 (JlnOrganisation, 1);
  org->name = g_strdup (jln_sqlite_column_text (stmt, 0));
  org->url = g_strdup (jln_sqlite_column_text (stmt, 1));
  org->email = g_strdup (jln_sqlite_column_text (stmt, 2));
  org->public_base = g_strdup (jln_sqlite_column_text (stmt, 3));
  org->signing_seed = jln_sqlite_column_bytes0 (stmt, 4);
  return org;
}

static gboolean
set_organisation (JlnStoreBackend        *backend,
                  const JlnOrganisation  *org,
                  gboolean                with_seed,
                  GError                **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  if (with_seed)
    stmt = jln_sqlite_prepare (self, "UPDATE organisation SET name = ?, url = ?, email = ?, public_base = ?, "
                                     "signing_seed = ? WHERE id = 1", error);
  else
    stmt = jln_sqlite_prepare (self, "UPDATE organisation SET name = ?, url = ?, email = ?, public_base = ? "
                                     "WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  jln_sqlite_bind_text0 (stmt, 1, org->name ? org->name : "");
  jln_sqlite_bind_text0 (stmt, 2, org->url);
  jln_sqlite_bind_text0 (stmt, 3, org->email);
  jln_sqlite_bind_text0 (stmt, 4, org->public_base);
  if (with_seed)
    jln_sqlite_bind_bytes0 (stmt, 5, org->signing_seed);
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (jln_sqlite_changes (self) == 0)
    {
      set_missing_organisation (error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
store_seed_if_missing (JlnStoreBackend  *backend,
                       GBytes           *seed,
                       gboolean         *out_stored,
                       GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, "UPDATE organisation SET signing_seed = ? "
                                   "WHERE id = 1 AND signing_seed IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  jln_sqlite_bind_bytes0 (stmt, 1, seed);
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  *out_stored = jln_sqlite_changes (self) > 0;
  return TRUE;
}

static gboolean
take_status_index (JlnStoreBackend  *backend,
                   guint            *out_index,
                   GError          **error)
{
  JlnSqliteBackend *self = SELF (backend);
  g_autoptr(JlnSqliteStmt) counter = NULL;
  g_autoptr(JlnSqliteStmt) bump = NULL;
  int rc;

  counter = jln_sqlite_prepare (self, "SELECT next_status_index FROM organisation WHERE id = 1", error);
  if (counter == NULL)
    return FALSE;
  rc = sqlite3_step (counter);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        set_missing_organisation (error);
      else
        jln_sqlite_set_last_error (self, error);
      return FALSE;
    }
  *out_index = sqlite3_column_int (counter, 0);
  bump = jln_sqlite_prepare (self, "UPDATE organisation SET next_status_index = next_status_index + 1 "
                                   "WHERE id = 1", error);
  return bump != NULL && jln_sqlite_step_done (self, bump, error);
}

void
jln_sqlite_organisation_init_iface (JlnStoreBackendInterface *iface)
{
  iface->load_territories = load_territories;
  iface->load_coaches = load_coaches;
  iface->insert_territory = insert_territory;
  iface->insert_coach = insert_coach;
  iface->ref_exists = ref_exists;
  iface->get_organisation = get_organisation;
  iface->set_organisation = set_organisation;
  iface->store_seed_if_missing = store_seed_if_missing;
  iface->take_status_index = take_status_index;
}
