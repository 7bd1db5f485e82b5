/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include <glib/gi18n.h>

#include "jln-sqlite-private.h"

/* Badges: the badge row (slug, status, current version), its versions
 * (what a coach edits; awards point to one) and each version's criteria.
 *
 * A version's edited fields are listed once (VERSION_FIELDS): the INSERT
 * and the in-place UPDATE use the list, bind_version_fields() binds it in
 * that order and fill_badge() reads it. To add a field: the list (and one
 * "?" in VERSION_PARAMS), one line in each function, a migration. */

#define VERSION_FIELDS "name, easy_text, description, theme, kind, image_svg"
#define VERSION_PARAMS "?, ?, ?, ?, ?, ?"
#define N_VERSION_FIELDS 6

#define BADGE_SELECT \
  "SELECT b.id, b.slug, b.status, v.id, v.version, v.created_at, " \
  "v.name, v.easy_text, v.description, v.theme, v.kind, v.image_svg FROM badges b "
/* Column of the first VERSION_FIELDS entry in BADGE_SELECT. */
#define FIRST_FIELD_COLUMN 6

static void
bind_version_fields (sqlite3_stmt *stmt,
                     int           first,
                     JlnBadge     *badge)
{
  jln_sqlite_bind_text0 (stmt, first + 0, jln_badge_get_name (badge));
  jln_sqlite_bind_text0 (stmt, first + 1, jln_badge_get_easy_text (badge));
  jln_sqlite_bind_text0 (stmt, first + 2, jln_badge_get_description (badge));
  jln_sqlite_bind_text0 (stmt, first + 3, jln_badge_get_theme (badge));
  jln_sqlite_bind_text0 (stmt, first + 4, jln_badge_kind_to_string (jln_badge_get_kind (badge)));
  jln_sqlite_bind_text0 (stmt, first + 5, jln_badge_get_image_svg (badge));
}

static void
fill_badge (JlnBadge     *badge,
            sqlite3_stmt *stmt)
{
  const int f = FIRST_FIELD_COLUMN;
  JlnBadgeStatus status = JLN_BADGE_STATUS_DRAFT;
  JlnBadgeKind kind = JLN_BADGE_KIND_SAVOIR_FAIRE;
  g_autoptr(GDateTime) created_at = jln_sqlite_parse_timestamp (jln_sqlite_column_text (stmt, 5));

  jln_badge_status_from_string (jln_sqlite_column_text (stmt, 2), &status);
  jln_badge_kind_from_string (jln_sqlite_column_text (stmt, f + 4), &kind);
  jln_badge_set_id (badge, sqlite3_column_int64 (stmt, 0));
  jln_badge_set_slug (badge, jln_sqlite_column_text (stmt, 1));
  jln_badge_set_status (badge, status);
  jln_badge_set_version_id (badge, sqlite3_column_int64 (stmt, 3));
  jln_badge_set_version (badge, sqlite3_column_int (stmt, 4));
  jln_badge_set_created_at (badge, created_at);
  jln_badge_set_name (badge, jln_sqlite_column_text (stmt, f + 0));
  jln_badge_set_easy_text (badge, jln_sqlite_column_text (stmt, f + 1));
  jln_badge_set_description (badge, jln_sqlite_column_text (stmt, f + 2));
  jln_badge_set_theme (badge, jln_sqlite_column_text (stmt, f + 3));
  jln_badge_set_kind (badge, kind);
  jln_badge_set_image_svg (badge, jln_sqlite_column_text (stmt, f + 5));
}

static gboolean
load_criteria (JlnSqliteBackend  *self,
               JlnBadge          *badge,
               GError           **error)
{
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  stmt = jln_sqlite_prepare (self, "SELECT text, required FROM criteria WHERE badge_version_id = ? "
                                   "ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, jln_badge_get_version_id (badge));
  jln_badge_clear_criteria (badge);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    jln_badge_add_criterion (badge, jln_sqlite_column_text (stmt, 0), sqlite3_column_int (stmt, 1));
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_criteria (JlnSqliteBackend  *self,
                 gint64             version_id,
                 JlnBadge          *badge,
                 GError           **error)
{
  g_autoptr(JlnSqliteStmt) crit = NULL;
  GListModel *criteria = jln_badge_get_criteria (badge);

  crit = jln_sqlite_prepare (self, "INSERT INTO criteria (badge_version_id, position, text, required) "
                                   "VALUES (?, ?, ?, ?)", error);
  if (crit == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);

      sqlite3_bind_int64 (crit, 1, version_id);
      sqlite3_bind_int (crit, 2, i);
      jln_sqlite_bind_text0 (crit, 3, jln_criterion_get_text (c));
      sqlite3_bind_int (crit, 4, jln_criterion_get_required (c));
      if (!jln_sqlite_step_done (self, crit, error))
        return FALSE;
    }
  return TRUE;
}

/* Runs @stmt (bound by the caller) and collects badges with criteria. */
static gboolean
collect_badges (JlnSqliteBackend  *self,
                sqlite3_stmt      *stmt,
                GPtrArray         *out,
                GError           **error)
{
  guint first = out->len;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JlnBadge *badge = g_object_new (JLN_TYPE_BADGE, NULL);

      fill_badge (badge, stmt);
      g_ptr_array_add (out, badge);
    }
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  sqlite3_reset (stmt);
  for (guint i = first; i < out->len; i++)
    if (!load_criteria (self, out->pdata[i], error))
      return FALSE;
  return TRUE;
}

/* Archived badges' current versions (with their criteria, no counts):
 * what a lead may bring back. */
static gboolean
load_archived_badges (JlnStoreBackend  *backend,
                      GPtrArray        *out,
                      GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, BADGE_SELECT "JOIN badge_versions v ON v.id = b.current_version_id "
                                   "WHERE b.status = 'archived'", error);
  return stmt != NULL && collect_badges (self, stmt, out, error);
}

static gboolean
load_badges (JlnStoreBackend  *backend,
             GPtrArray        *out,
             GHashTable       *version_to_badge,
             GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) versions = NULL;
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  g_autoptr(JlnSqliteStmt) counts = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint first = out->len;
  int rc;

  versions = jln_sqlite_prepare (self, "SELECT id, badge_id FROM badge_versions", error);
  if (versions == NULL)
    return FALSE;
  while ((rc = sqlite3_step (versions)) == SQLITE_ROW)
    {
      gint64 *version_id = g_new (gint64, 1);
      gint64 *badge_id = g_new (gint64, 1);

      *version_id = sqlite3_column_int64 (versions, 0);
      *badge_id = sqlite3_column_int64 (versions, 1);
      g_hash_table_insert (version_to_badge, version_id, badge_id);
    }
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }

  stmt = jln_sqlite_prepare (self, BADGE_SELECT "JOIN badge_versions v ON v.id = b.current_version_id "
                                   "WHERE b.status != 'archived'", error);
  if (stmt == NULL || !collect_badges (self, stmt, out, error))
    return FALSE;

  for (guint i = first; i < out->len; i++)
    {
      JlnBadge *badge = out->pdata[i];
      gint64 *key = g_new (gint64, 1);

      *key = jln_badge_get_id (badge);
      g_hash_table_insert (by_id, key, badge);
    }
  /* holder_count is kept by triggers (migration 3). */
  counts = jln_sqlite_prepare (self, "SELECT badge_id, sum (holder_count) FROM badge_versions "
                                     "GROUP BY badge_id", error);
  if (counts == NULL)
    return FALSE;
  while ((rc = sqlite3_step (counts)) == SQLITE_ROW)
    {
      gint64 badge_id = sqlite3_column_int64 (counts, 0);
      JlnBadge *badge = g_hash_table_lookup (by_id, &badge_id);

      if (badge != NULL)
        jln_badge_set_holder_count (badge, sqlite3_column_int (counts, 1));
    }
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static JlnBadge *
one_badge (JlnSqliteBackend  *self,
           sqlite3_stmt      *stmt,
           const char        *missing,
           GError           **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);

  if (!collect_badges (self, stmt, found, error))
    return NULL;
  if (found->len == 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND, missing);
      return NULL;
    }
  return g_object_ref (found->pdata[0]);
}

static JlnBadge *
get_current_badge (JlnStoreBackend  *backend,
                   gint64            badge_id,
                   GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, BADGE_SELECT "JOIN badge_versions v ON v.id = b.current_version_id "
                                   "WHERE b.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, badge_id);
  return one_badge (self, stmt, _("There is no such badge in the database."), error);
}

static JlnBadge *
get_badge_version (JlnStoreBackend  *backend,
                   gint64            version_id,
                   GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, BADGE_SELECT "JOIN badge_versions v ON v.badge_id = b.id "
                                   "WHERE v.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, version_id);
  return one_badge (self, stmt, _("This badge version does not exist."), error);
}

static gboolean
list_badge_versions (JlnStoreBackend  *backend,
                     gint64            badge_id,
                     GPtrArray        *out,
                     GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, BADGE_SELECT "JOIN badge_versions v ON v.badge_id = b.id "
                                   "WHERE b.id = ? ORDER BY v.version", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, badge_id);
  return collect_badges (self, stmt, out, error);
}

static gboolean
find_badge_clash (JlnStoreBackend  *backend,
                  JlnBadge         *badge,
                  char            **out_slug,
                  gboolean         *out_same_slug,
                  GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  int rc;

  *out_slug = NULL;
  *out_same_slug = FALSE;
  stmt = jln_sqlite_prepare (self, "SELECT b.id, b.slug FROM badges b "
                                   "JOIN badge_versions v ON v.id = b.current_version_id "
                                   "WHERE (b.slug = ? OR v.name = ?) AND b.id != ?", error);
  if (stmt == NULL)
    return FALSE;
  jln_sqlite_bind_text0 (stmt, 1, jln_badge_get_slug (badge));
  jln_sqlite_bind_text0 (stmt, 2, jln_badge_get_name (badge));
  sqlite3_bind_int64 (stmt, 3, jln_badge_get_id (badge));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_slug = g_strdup (jln_sqlite_column_text (stmt, 1));
      *out_same_slug = g_strcmp0 (*out_slug, jln_badge_get_slug (badge)) == 0;
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
insert_badge (JlnStoreBackend  *backend,
              JlnBadge         *badge,
              gint64           *out_badge_id,
              GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, "INSERT INTO badges (slug, status) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  jln_sqlite_bind_text0 (stmt, 1, jln_badge_get_slug (badge));
  jln_sqlite_bind_text0 (stmt, 2, jln_badge_status_to_string (jln_badge_get_status (badge)));
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  *out_badge_id = jln_sqlite_last_id (self);
  return TRUE;
}

static gboolean
insert_badge_version (JlnStoreBackend  *backend,
                      JlnBadge         *badge,
                      gint64            badge_id,
                      guint             version,
                      GDateTime        *created_at,
                      gint64           *out_version_id,
                      GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  g_autofree char *created_text = jln_sqlite_format_timestamp (created_at);
  gint64 version_id;

  stmt = jln_sqlite_prepare (self, "INSERT INTO badge_versions (badge_id, version, created_at, "
                                   VERSION_FIELDS ") VALUES (?, ?, ?, " VERSION_PARAMS ")", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, badge_id);
  sqlite3_bind_int (stmt, 2, version);
  jln_sqlite_bind_text0 (stmt, 3, created_text);
  bind_version_fields (stmt, 4, badge);
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  version_id = jln_sqlite_last_id (self);
  if (!insert_criteria (self, version_id, badge, error))
    return FALSE;
  *out_version_id = version_id;
  return TRUE;
}

static gboolean
update_badge_version (JlnStoreBackend  *backend,
                      gint64            version_id,
                      JlnBadge         *badge,
                      GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) upd = NULL;
  g_autoptr(JlnSqliteStmt) del = NULL;

  upd = jln_sqlite_prepare (self, "UPDATE badge_versions SET (" VERSION_FIELDS ") = "
                                  "(" VERSION_PARAMS ") WHERE id = ?", error);
  if (upd == NULL)
    return FALSE;
  bind_version_fields (upd, 1, badge);
  sqlite3_bind_int64 (upd, N_VERSION_FIELDS + 1, version_id);
  if (!jln_sqlite_step_done (self, upd, error))
    return FALSE;
  del = jln_sqlite_prepare (self, "DELETE FROM criteria WHERE badge_version_id = ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, version_id);
  if (!jln_sqlite_step_done (self, del, error))
    return FALSE;
  return insert_criteria (self, version_id, badge, error);
}

static gboolean
update_badge_head (JlnStoreBackend  *backend,
                   gint64            badge_id,
                   const char       *slug,
                   JlnBadgeStatus    status,
                   gint64            current_version_id,
                   GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  /* NULL slug / 0 version keep what is stored. */
  stmt = jln_sqlite_prepare (self, "UPDATE badges SET slug = coalesce (?, slug), status = ?, "
                                   "current_version_id = coalesce (?, current_version_id) "
                                   "WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  jln_sqlite_bind_text0 (stmt, 1, slug);
  jln_sqlite_bind_text0 (stmt, 2, jln_badge_status_to_string (status));
  jln_sqlite_bind_id0 (stmt, 3, current_version_id);
  sqlite3_bind_int64 (stmt, 4, badge_id);
  if (!jln_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (jln_sqlite_changes (self) == 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("There is no such badge in the database."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
count_awards_of_version (JlnStoreBackend  *backend,
                         gint64            version_id,
                         guint            *out_count,
                         GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;

  stmt = jln_sqlite_prepare (self, "SELECT count(*) FROM awards WHERE badge_version_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      jln_sqlite_set_last_error (self, error);
      return FALSE;
    }
  *out_count = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static GHashTable *
count_holders_by_territory (JlnStoreBackend  *backend,
                            gint64            badge_id,
                            GError          **error)
{
  JlnSqliteBackend *self = JLN_SQLITE_BACKEND (backend);
  g_autoptr(JlnSqliteStmt) stmt = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  stmt = jln_sqlite_prepare (self, "SELECT coalesce (t.name, ''), count(DISTINCT a.participant_id) "
                                   "FROM awards a "
                                   "JOIN badge_versions v ON v.id = a.badge_version_id "
                                   "JOIN participants p ON p.id = a.participant_id "
                                   "LEFT JOIN territories t ON t.id = p.territory_id "
                                   "WHERE v.badge_id = ? AND a.status = 'active' "
                                   "GROUP BY t.name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, badge_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup (jln_sqlite_column_text (stmt, 0)),
                         GUINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      jln_sqlite_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&counts);
}

void
jln_sqlite_badges_init_iface (JlnStoreBackendInterface *iface)
{
  iface->load_badges = load_badges;
  iface->load_archived_badges = load_archived_badges;
  iface->get_current_badge = get_current_badge;
  iface->get_badge_version = get_badge_version;
  iface->list_badge_versions = list_badge_versions;
  iface->find_badge_clash = find_badge_clash;
  iface->insert_badge = insert_badge;
  iface->insert_badge_version = insert_badge_version;
  iface->update_badge_version = update_badge_version;
  iface->update_badge_head = update_badge_head;
  iface->count_awards_of_version = count_awards_of_version;
  iface->count_holders_by_territory = count_holders_by_territory;
}
