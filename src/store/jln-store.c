#define G_LOG_DOMAIN "jln-store"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "jln-store.h"
#include "jln-store-private.h"
#include "core/jln-participant-private.h"

#define DEFAULT_BUSY_TIMEOUT_MS 3000

struct _JlnStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  int schema_version;
  char *backup_path;

  /* Prepared once, reset after each use: SQL text (static) -> sqlite3_stmt */
  GHashTable *stmts;

  /* > 0 between jln_store_begin() and commit/rollback: writes then skip
   * the live models, which are reloaded once at the end. */
  guint bulk_depth;
  gboolean bulk_dirty;

  GListStore *territories;
  GListStore *coaches;
  GListStore *participants;
  GListStore *badges;
  /* gint64 id -> borrowed object (the list stores hold the refs) */
  GHashTable *territory_by_id;
  GHashTable *coach_by_id;
  GHashTable *participant_by_id;
  GHashTable *badge_by_id;
  /* badge_versions.id -> badge_id, for counting holders */
  GHashTable *badge_of_version;
};

G_DEFINE_FINAL_TYPE (JlnStore, jln_store, G_TYPE_OBJECT)

enum {
  PARTICIPANT_CHANGED,
  AWARD_CHANGED,
  BADGE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef sqlite3_stmt JlnCachedStmt;

static void
cached_stmt_release (JlnCachedStmt *stmt)
{
  /* A statement left mid-step keeps a read snapshot open. */
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnCachedStmt, cached_stmt_release)

void
jln_organisation_free (JlnOrganisation *org)
{
  if (org == NULL)
    return;
  g_free (org->name);
  g_free (org->url);
  g_free (org->email);
  g_free (org->public_base);
  g_clear_pointer (&org->signing_seed, g_bytes_unref);
  g_free (org);
}

/* ------------------------------------------------------------------ */
/* errors                                                             */

static void
set_sqlite_error (JlnStore   *self,
                  int         rc,
                  GError    **error)
{
  int primary = rc & 0xff;

  switch (primary)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_BUSY,
                           _("Another Jalons window is saving: try again in a moment."));
      break;
    case SQLITE_CONSTRAINT:
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This change conflicts with what is already saved, so it was not saved."));
      break;
    case SQLITE_FULL:
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                           _("The disk is full: free some space, then try again."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("Jalons cannot write its database file (%s)."),
                   self && self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_DATABASE,
                   _("The database “%s” is damaged: Jalons left it untouched. Restore a backup."),
                   self && self->path ? self->path : "");
      break;
    default:
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_FAILED,
                   _("Saving failed (%s)."),
                   self && self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
    }
}

static gboolean
exec (JlnStore    *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  return TRUE;
}

static JlnCachedStmt *
prepare (JlnStore    *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_warning ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->stmts, (gpointer) sql, stmt);
  return stmt;
}

/* Runs a statement that returns no rows. */
static gboolean
step_done (JlnStore      *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
bind_text0 (sqlite3_stmt *stmt,
            int           index,
            const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static void
bind_id0 (sqlite3_stmt *stmt,
          int           index,
          gint64        id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

/* ------------------------------------------------------------------ */
/* time                                                               */

static char *
format_timestamp (GDateTime *when)
{
  g_autoptr(GDateTime) utc = NULL;

  if (when == NULL)
    return NULL;
  utc = g_date_time_to_utc (when);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
format_date (GDateTime *when)
{
  g_autoptr(GDateTime) utc = NULL;

  if (when == NULL)
    return NULL;
  utc = g_date_time_to_utc (when);
  return g_date_time_format (utc, "%Y-%m-%d");
}

static char *
now_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return format_timestamp (now);
}

/* Parses what format_timestamp()/format_date() wrote, quickly: thousands of
 * rows go through here at startup. */
static GDateTime *
parse_timestamp (const char *text)
{
  int y, mo, d, h = 0, mi = 0, s = 0;

  if (text == NULL)
    return NULL;
  if (sscanf (text, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &s) == 6
      || sscanf (text, "%4d-%2d-%2d", &y, &mo, &d) == 3)
    return g_date_time_new_utc (y, mo, d, h, mi, s);
  return g_date_time_new_from_iso8601 (text, NULL);
}

/* ------------------------------------------------------------------ */
/* JSON text columns                                                  */

static char *
strv_to_json (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char **
json_to_strv (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL)
      && (root = json_parser_get_root (parser)) != NULL
      && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *s = json_array_get_string_element (array, i);
          if (s != NULL)
            g_strv_builder_add (builder, s);
        }
    }
  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------------ */
/* transactions                                                       */

static gboolean
write_begin (JlnStore  *self,
             GError   **error)
{
  /* Inside a bulk transaction each write is a savepoint, so a failed write
   * leaves the earlier ones of the batch intact until the caller decides. */
  if (self->bulk_depth > 0)
    return exec (self, "SAVEPOINT jln_write", error);
  /* IMMEDIATE takes the write lock now (waiting up to the busy timeout),
   * instead of failing half-way through with a deadlock. */
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
write_commit (JlnStore  *self,
              GError   **error)
{
  if (self->bulk_depth > 0)
    return exec (self, "RELEASE jln_write", error);
  if (!exec (self, "COMMIT", error))
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static void
write_rollback (JlnStore *self)
{
  if (self->bulk_depth > 0)
    {
      sqlite3_exec (self->db, "ROLLBACK TO jln_write", NULL, NULL, NULL);
      sqlite3_exec (self->db, "RELEASE jln_write", NULL, NULL, NULL);
    }
  else if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
write_audit (JlnStore    *self,
             const char  *actor,
             const char  *action,
             const char  *subject,
             const char  *detail,
             GError     **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autofree char *at = now_timestamp ();

  stmt = prepare (self, "INSERT INTO audit_events (at, actor, action, subject, detail) "
                        "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, actor && *actor ? actor : "system", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_STATIC);
  bind_text0 (stmt, 4, subject);
  bind_text0 (stmt, 5, detail);
  return step_done (self, stmt, error);
}

/* ------------------------------------------------------------------ */
/* sorting                                                            */

static int
compare_territories (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  return g_utf8_collate (jln_territory_get_name ((JlnTerritory *) a),
                         jln_territory_get_name ((JlnTerritory *) b));
}

static int
compare_coaches (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_utf8_collate (jln_coach_get_name ((JlnCoach *) a),
                         jln_coach_get_name ((JlnCoach *) b));
}

static int
compare_participants (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  JlnParticipant *pa = (JlnParticipant *) a;
  JlnParticipant *pb = (JlnParticipant *) b;
  int cmp;
  gint64 ia, ib;

  /* Folded keys: "Émilie" sorts with "emilie", and no collation cost. */
  cmp = strcmp (jln_participant_get_sort_key (pa), jln_participant_get_sort_key (pb));
  if (cmp != 0)
    return cmp;
  ia = jln_participant_get_id (pa);
  ib = jln_participant_get_id (pb);
  return (ia > ib) - (ia < ib);
}

static int
compare_participants_ptr (gconstpointer a,
                          gconstpointer b)
{
  return compare_participants (*(gpointer *) a, *(gpointer *) b, NULL);
}

static int
compare_badges (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  JlnBadge *ba = (JlnBadge *) a;
  JlnBadge *bb = (JlnBadge *) b;
  const char *ta = jln_badge_get_theme (ba);
  const char *tb = jln_badge_get_theme (bb);
  int cmp = g_utf8_collate (ta ? ta : "", tb ? tb : "");

  if (cmp != 0)
    return cmp;
  return g_utf8_collate (jln_badge_get_name (ba), jln_badge_get_name (bb));
}

static int
compare_badges_ptr (gconstpointer a,
                    gconstpointer b)
{
  return compare_badges (*(gpointer *) a, *(gpointer *) b, NULL);
}

static int
compare_territories_ptr (gconstpointer a,
                         gconstpointer b)
{
  return compare_territories (*(gpointer *) a, *(gpointer *) b, NULL);
}

static int
compare_coaches_ptr (gconstpointer a,
                     gconstpointer b)
{
  return compare_coaches (*(gpointer *) a, *(gpointer *) b, NULL);
}

/* Moves @item to its sorted place after a change of its sort key. */
static void
resort_item (GListStore       *store,
             gpointer          item,
             GCompareDataFunc  compare)
{
  guint position;

  if (!g_list_store_find (store, item, &position))
    return;
  g_object_ref (item);
  g_list_store_remove (store, position);
  g_list_store_insert_sorted (store, item, compare, NULL);
  g_object_unref (item);
}

static gint64 *
id_key (gint64 id)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  return key;
}

/* ------------------------------------------------------------------ */
/* loading                                                            */

static gboolean
load_territories (JlnStore  *self,
                  GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = prepare (self, "SELECT id, name FROM territories", error);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_remove_all (self->territory_by_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JlnTerritory *t = jln_territory_new (column_text (stmt, 1));

      jln_territory_set_id (t, sqlite3_column_int64 (stmt, 0));
      g_hash_table_insert (self->territory_by_id, id_key (jln_territory_get_id (t)), t);
      g_ptr_array_add (items, t);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return FALSE;
    }
  g_ptr_array_sort (items, compare_territories_ptr);
  g_list_store_splice (self->territories, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->territories)),
                       items->pdata, items->len);
  return TRUE;
}

static gboolean
load_coaches (JlnStore  *self,
              GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = prepare (self, "SELECT id, name, territory_id, email FROM coaches", error);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_remove_all (self->coach_by_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JlnCoach *c = jln_coach_new (column_text (stmt, 1));

      jln_coach_set_id (c, sqlite3_column_int64 (stmt, 0));
      jln_coach_set_territory_id (c, sqlite3_column_int64 (stmt, 2));
      jln_coach_set_email (c, column_text (stmt, 3));
      g_hash_table_insert (self->coach_by_id, id_key (jln_coach_get_id (c)), c);
      g_ptr_array_add (items, c);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return FALSE;
    }
  g_ptr_array_sort (items, compare_coaches_ptr);
  g_list_store_splice (self->coaches, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->coaches)),
                       items->pdata, items->len);
  return TRUE;
}

/* Territory and coach names come from the live lookup tables. */
static void
refresh_participant_caches (JlnStore       *self,
                            JlnParticipant *p)
{
  gint64 territory_id = jln_participant_get_territory_id (p);
  gint64 coach_id = jln_participant_get_coach_id (p);
  JlnTerritory *territory = g_hash_table_lookup (self->territory_by_id, &territory_id);
  JlnCoach *coach = g_hash_table_lookup (self->coach_by_id, &coach_id);

  jln_participant_set_territory_name (p, territory ? jln_territory_get_name (territory) : NULL);
  jln_participant_set_coach_name (p, coach ? jln_coach_get_name (coach) : NULL);
}

#define PARTICIPANT_COLUMNS \
  "id, first_name, last_name, photo_path, territory_id, coach_id, entry_date, email, " \
  "consent_internal, consent_kiosk, consent_print, consent_online, archived, recipient_salt, " \
  "badge_count"

static void
fill_participant (JlnStore       *self,
                  JlnParticipant *p,
                  sqlite3_stmt   *stmt)
{
  g_autoptr(GDateTime) entry = parse_timestamp (column_text (stmt, 6));

  jln_participant_set_id (p, sqlite3_column_int64 (stmt, 0));
  jln_participant_set_first_name (p, column_text (stmt, 1));
  jln_participant_set_last_name (p, column_text (stmt, 2));
  jln_participant_set_photo_path (p, column_text (stmt, 3));
  jln_participant_set_territory_id (p, sqlite3_column_int64 (stmt, 4));
  jln_participant_set_coach_id (p, sqlite3_column_int64 (stmt, 5));
  refresh_participant_caches (self, p);
  jln_participant_set_entry_date (p, entry);
  jln_participant_set_email (p, column_text (stmt, 7));
  jln_participant_set_consent_internal (p, sqlite3_column_int (stmt, 8));
  jln_participant_set_consent_kiosk (p, sqlite3_column_int (stmt, 9));
  jln_participant_set_consent_print (p, sqlite3_column_int (stmt, 10));
  jln_participant_set_consent_online (p, sqlite3_column_int (stmt, 11));
  jln_participant_set_archived (p, sqlite3_column_int (stmt, 12));
  jln_participant_set_recipient_salt (p, column_text (stmt, 13));
  jln_participant_set_badge_count (p, sqlite3_column_int (stmt, 14));
}

static gboolean
load_participants (JlnStore  *self,
                   GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  /* badge_count is kept by triggers (migration 3): no per-person query. */
  stmt = prepare (self, "SELECT " PARTICIPANT_COLUMNS " FROM participants WHERE archived = 0", error);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_remove_all (self->participant_by_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JlnParticipant *p = g_object_new (JLN_TYPE_PARTICIPANT, NULL);

      /* Filled before anyone can listen: no notify reaches a handler. */
      fill_participant (self, p, stmt);
      g_hash_table_insert (self->participant_by_id, id_key (jln_participant_get_id (p)), p);
      g_ptr_array_add (items, p);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return FALSE;
    }

  g_ptr_array_sort (items, compare_participants_ptr);
  g_list_store_splice (self->participants, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->participants)),
                       items->pdata, items->len);
  return TRUE;
}

#define BADGE_VERSION_COLUMNS \
  "b.id, b.slug, b.status, v.id, v.version, v.name, v.easy_text, v.description, " \
  "v.theme, v.kind, v.image_svg, v.created_at"

static void
fill_badge (JlnBadge     *badge,
            sqlite3_stmt *stmt)
{
  JlnBadgeStatus status = JLN_BADGE_STATUS_DRAFT;
  JlnBadgeKind kind = JLN_BADGE_KIND_SAVOIR_FAIRE;

  jln_badge_status_from_string (column_text (stmt, 2), &status);
  jln_badge_kind_from_string (column_text (stmt, 9), &kind);
  jln_badge_set_id (badge, sqlite3_column_int64 (stmt, 0));
  jln_badge_set_slug (badge, column_text (stmt, 1));
  jln_badge_set_status (badge, status);
  jln_badge_set_version_id (badge, sqlite3_column_int64 (stmt, 3));
  jln_badge_set_version (badge, sqlite3_column_int (stmt, 4));
  jln_badge_set_name (badge, column_text (stmt, 5));
  jln_badge_set_easy_text (badge, column_text (stmt, 6));
  jln_badge_set_description (badge, column_text (stmt, 7));
  jln_badge_set_theme (badge, column_text (stmt, 8));
  jln_badge_set_kind (badge, kind);
  jln_badge_set_image_svg (badge, column_text (stmt, 10));
  {
    g_autoptr(GDateTime) created_at = parse_timestamp (column_text (stmt, 11));

    jln_badge_set_created_at (badge, created_at);
  }
}

static gboolean
load_criteria (JlnStore  *self,
               JlnBadge  *badge,
               GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  int rc;

  stmt = prepare (self, "SELECT text, required FROM criteria WHERE badge_version_id = ? "
                        "ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, jln_badge_get_version_id (badge));
  jln_badge_clear_criteria (badge);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    jln_badge_add_criterion (badge, column_text (stmt, 0), sqlite3_column_int (stmt, 1));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_badge_versions_map (JlnStore  *self,
                         GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  int rc;

  stmt = prepare (self, "SELECT id, badge_id FROM badge_versions", error);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_remove_all (self->badge_of_version);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *badge_id = g_new (gint64, 1);

      *badge_id = sqlite3_column_int64 (stmt, 1);
      g_hash_table_insert (self->badge_of_version, id_key (sqlite3_column_int64 (stmt, 0)), badge_id);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_badges (JlnStore  *self,
             GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autoptr(JlnCachedStmt) counts = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (!load_badge_versions_map (self, error))
    return FALSE;

  stmt = prepare (self, "SELECT " BADGE_VERSION_COLUMNS " FROM badges b "
                        "JOIN badge_versions v ON v.id = b.current_version_id "
                        "WHERE b.status != 'archived'", error);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_remove_all (self->badge_by_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JlnBadge *badge = g_object_new (JLN_TYPE_BADGE, NULL);

      fill_badge (badge, stmt);
      g_hash_table_insert (self->badge_by_id, id_key (jln_badge_get_id (badge)), badge);
      g_ptr_array_add (items, badge);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return FALSE;
    }
  for (guint i = 0; i < items->len; i++)
    if (!load_criteria (self, items->pdata[i], error))
      return FALSE;

  counts = prepare (self, "SELECT badge_id, sum (holder_count) FROM badge_versions "
                          "GROUP BY badge_id", error);
  if (counts == NULL)
    return FALSE;
  while ((rc = sqlite3_step (counts)) == SQLITE_ROW)
    {
      gint64 badge_id = sqlite3_column_int64 (counts, 0);
      JlnBadge *badge = g_hash_table_lookup (self->badge_by_id, &badge_id);

      if (badge != NULL)
        jln_badge_set_holder_count (badge, sqlite3_column_int (counts, 1));
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return FALSE;
    }

  g_ptr_array_sort (items, compare_badges_ptr);
  g_list_store_splice (self->badges, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->badges)),
                       items->pdata, items->len);
  return TRUE;
}

static gboolean
load_models (JlnStore  *self,
             GError   **error)
{
  gboolean ok;

  /* One read snapshot for the whole load, so counts match the rows. */
  if (!exec (self, "BEGIN", error))
    return FALSE;
  ok = load_territories (self, error)
       && load_coaches (self, error)
       && load_participants (self, error)
       && load_badges (self, error);
  sqlite3_exec (self->db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

/* ------------------------------------------------------------------ */
/* object                                                             */

static void
jln_store_dispose (GObject *object)
{
  JlnStore *self = (JlnStore *) object;

  g_clear_pointer (&self->participant_by_id, g_hash_table_unref);
  g_clear_pointer (&self->territory_by_id, g_hash_table_unref);
  g_clear_pointer (&self->coach_by_id, g_hash_table_unref);
  g_clear_pointer (&self->badge_by_id, g_hash_table_unref);
  g_clear_pointer (&self->badge_of_version, g_hash_table_unref);
  g_clear_object (&self->territories);
  g_clear_object (&self->coaches);
  g_clear_object (&self->participants);
  g_clear_object (&self->badges);

  G_OBJECT_CLASS (jln_store_parent_class)->dispose (object);
}

static void
jln_store_finalize (GObject *object)
{
  JlnStore *self = (JlnStore *) object;

  if (self->stmts != NULL)
    {
      GHashTableIter iter;
      gpointer stmt;

      g_hash_table_iter_init (&iter, self->stmts);
      while (g_hash_table_iter_next (&iter, NULL, &stmt))
        sqlite3_finalize (stmt);
      g_hash_table_unref (self->stmts);
    }
  if (self->db != NULL)
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }
  g_free (self->path);
  g_free (self->backup_path);

  G_OBJECT_CLASS (jln_store_parent_class)->finalize (object);
}

static void
jln_store_class_init (JlnStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jln_store_dispose;
  object_class->finalize = jln_store_finalize;

  signals[PARTICIPANT_CHANGED] =
    g_signal_new ("participant-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[AWARD_CHANGED] =
    g_signal_new ("award-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[BADGE_CHANGED] =
    g_signal_new ("badge-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
jln_store_init (JlnStore *self)
{
  self->stmts = g_hash_table_new (g_str_hash, g_str_equal);
  self->territories = g_list_store_new (JLN_TYPE_TERRITORY);
  self->coaches = g_list_store_new (JLN_TYPE_COACH);
  self->participants = g_list_store_new (JLN_TYPE_PARTICIPANT);
  self->badges = g_list_store_new (JLN_TYPE_BADGE);
  self->territory_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->coach_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->participant_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->badge_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->badge_of_version = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

/* ------------------------------------------------------------------ */
/* opening and migrating                                              */

char *
jln_store_default_path (void)
{
  const char *env = g_getenv (JLN_DATABASE_ENV);

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "jalons", "jalons.db", NULL);
}

int
jln_store_latest_schema_version (void)
{
  guint n;
  const JlnStoreMigration *migrations = jln_store_get_migrations (&n);

  return migrations[n - 1].version;
}

/* Looks at the first bytes without SQLite, which would happily turn an
 * empty or foreign file into a database on the first write. */
static gboolean
check_header (const char  *path,
              gboolean    *out_empty,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16];
  FILE *file;
  size_t n;

  *out_empty = FALSE;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a file Jalons can use as its database."), path);
      return FALSE;
    }
  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("Cannot read the database “%s”: %s."), path, g_strerror (saved));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, file);
  fclose (file);
  if (n == 0)
    {
      *out_empty = TRUE;
      return TRUE;
    }
  if (n < sizeof header || memcmp (header, magic, sizeof header) != 0)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Jalons database: Jalons left it untouched."), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (JlnStore    *self,
           const char  *sql,
           int         *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  return TRUE;
}

/* Decides, reading only, whether an existing file is ours and at which version. */
static gboolean
inspect_existing (JlnStore    *self,
                  int         *out_version,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  int version = 0, app_id = 0, n_tables = 0;

  if (!query_int (self, "PRAGMA user_version", &version, &local_error)
      || !query_int (self, "PRAGMA application_id", &app_id, &local_error)
      || !query_int (self, "SELECT count(*) FROM sqlite_master "
                           "WHERE name NOT LIKE 'sqlite_%'", &n_tables, &local_error))
    {
      if (g_error_matches (local_error, JLN_STORE_ERROR, JLN_STORE_ERROR_BUSY))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_DATABASE,
                     _("The database “%s” is damaged: Jalons left it untouched. Restore a backup."),
                     self->path);
      return FALSE;
    }

  if ((version == 0 && n_tables > 0)
      || (version > 0 && app_id != JLN_STORE_APPLICATION_ID))
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” belongs to another application: Jalons left it untouched."),
                   self->path);
      return FALSE;
    }
  if (version > jln_store_latest_schema_version ())
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_TOO_NEW,
                   _("This database was saved by a newer Jalons (format %d; this version reads up to %d). Update Jalons to open it."),
                   version, jln_store_latest_schema_version ());
      return FALSE;
    }
  *out_version = version;
  return TRUE;
}

static gboolean
backup_before_migration (JlnStore    *self,
                         int          old_version,
                         GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *backup_path = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  backup_path = g_strdup_printf ("%s.bak-v%d-%s", self->path, old_version, stamp);
  for (guint i = 2; g_file_test (backup_path, G_FILE_TEST_EXISTS); i++)
    {
      g_free (backup_path);
      backup_path = g_strdup_printf ("%s.bak-v%d-%s-%u", self->path, old_version, stamp, i);
    }

  rc = sqlite3_open_v2 (backup_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = (rc == SQLITE_DONE) ? SQLITE_OK : rc;
        }
    }
  sqlite3_close_v2 (dest);
  if (rc != SQLITE_OK)
    {
      g_unlink (backup_path);
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("Jalons must update the database but could not save a backup copy first (%s), so it changed nothing."),
                   sqlite3_errstr (rc));
      return FALSE;
    }
  g_message ("Backup of schema version %d written to %s", old_version, backup_path);
  self->backup_path = g_steal_pointer (&backup_path);
  return TRUE;
}

static gboolean
migrate (JlnStore    *self,
         int          from_version,
         GError     **error)
{
  guint n;
  const JlnStoreMigration *migrations = jln_store_get_migrations (&n);
  int version = from_version;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *set_version = NULL;
      g_autoptr(GError) local_error = NULL;

      if (migrations[i].version <= version)
        continue;
      set_version = g_strdup_printf ("PRAGMA user_version = %d", migrations[i].version);
      if (!exec (self, "BEGIN IMMEDIATE", &local_error)
          || !exec (self, migrations[i].sql, &local_error)
          || !exec (self, set_version, &local_error)
          || !exec (self, "COMMIT", &local_error))
        {
          g_warning ("Migration to schema %d (%s) failed: %s",
                     migrations[i].version, migrations[i].summary, sqlite3_errmsg (self->db));
          if (!sqlite3_get_autocommit (self->db))
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          if (g_error_matches (local_error, JLN_STORE_ERROR, JLN_STORE_ERROR_BUSY))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else if (self->backup_path != NULL)
            g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_MIGRATION,
                         _("Jalons could not update the database to format %d; it stays at format %d and a backup is in “%s”."),
                         migrations[i].version, version, self->backup_path);
          else
            g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_MIGRATION,
                         _("Jalons could not prepare the database to format %d (%s)."),
                         migrations[i].version, local_error->message);
          self->schema_version = version;
          return FALSE;
        }
      version = migrations[i].version;
    }
  self->schema_version = version;
  return TRUE;
}

JlnStore *
jln_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(JlnStore) self = NULL;
  gboolean exists, empty = FALSE;
  int version = 0;
  int flags = SQLITE_OPEN_READWRITE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (JLN_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (exists)
    {
      if (!check_header (path, &empty, error))
        return NULL;
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                       _("Cannot create the folder “%s”: %s."), dir, g_strerror (saved));
          return NULL;
        }
      flags |= SQLITE_OPEN_CREATE;
    }

  rc = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("Cannot open the database “%s” (%s)."), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MS);

  if (exists && !empty && !inspect_existing (self, &version, error))
    return NULL;

  /* Only now that the file is known to be ours may anything write to it.
   * A full quick_check costs ~0.4 s on 200,000 awards, too much for every
   * start, but worth it before rewriting a file's schema. */
  if (version > 0 && version < jln_store_latest_schema_version ())
    {
      g_autofree char *check = NULL;
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK
          && sqlite3_step (stmt) == SQLITE_ROW)
        check = g_strdup (column_text (stmt, 0));
      sqlite3_finalize (stmt);
      if (g_strcmp0 (check, "ok") != 0)
        {
          g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_DATABASE,
                       _("The database “%s” is damaged: Jalons left it untouched. Restore a backup."),
                       path);
          return NULL;
        }
      if (!backup_before_migration (self, version, error))
        return NULL;
    }

  if (!exec (self, "PRAGMA journal_mode = WAL", error)
      || !exec (self, "PRAGMA synchronous = NORMAL", error)
      || !exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  if (!migrate (self, version, error))
    return NULL;

  if (!load_models (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
jln_store_set_busy_timeout (JlnStore *self,
                            guint     timeout_ms)
{
  g_return_if_fail (JLN_IS_STORE (self));

  sqlite3_busy_timeout (self->db, (int) MIN (timeout_ms, G_MAXINT));
}

const char *
jln_store_get_backup_path (JlnStore *self)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  return self->backup_path;
}

const char *
jln_store_get_path (JlnStore *self)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  return self->path;
}

int
jln_store_get_schema_version (JlnStore *self)
{
  g_return_val_if_fail (JLN_IS_STORE (self), 0);

  return self->schema_version;
}

char *
jln_store_dup_files_dir (JlnStore *self)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  char *dot;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  dir = g_path_get_dirname (self->path);
  base = g_path_get_basename (self->path);
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  name = g_strconcat (base, "-files", NULL);
  return g_build_filename (dir, name, NULL);
}

/* ------------------------------------------------------------------ */
/* models                                                             */

GListModel *
jln_store_get_territories (JlnStore *self)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->territories);
}

GListModel *
jln_store_get_coaches (JlnStore *self)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->coaches);
}

GListModel *
jln_store_get_participants (JlnStore *self)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->participants);
}

GListModel *
jln_store_get_badges (JlnStore *self)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->badges);
}

JlnTerritory *
jln_store_lookup_territory (JlnStore *self,
                            gint64    id)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  return g_hash_table_lookup (self->territory_by_id, &id);
}

JlnCoach *
jln_store_lookup_coach (JlnStore *self,
                        gint64    id)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  return g_hash_table_lookup (self->coach_by_id, &id);
}

JlnParticipant *
jln_store_lookup_participant (JlnStore *self,
                              gint64    id)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  return g_hash_table_lookup (self->participant_by_id, &id);
}

JlnBadge *
jln_store_lookup_badge (JlnStore *self,
                        gint64    badge_id)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  return g_hash_table_lookup (self->badge_by_id, &badge_id);
}

static gboolean
live (JlnStore *self)
{
  if (self->bulk_depth > 0)
    {
      self->bulk_dirty = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* territories, coaches                                               */

static gboolean
require_text (const char  *text,
              const char  *message,
              GError     **error)
{
  g_autofree char *stripped = NULL;

  if (text != NULL)
    stripped = g_strstrip (g_strdup (text));
  if (stripped == NULL || *stripped == '\0')
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT, message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
row_exists (JlnStore    *self,
            const char  *sql,
            gint64       id,
            gboolean    *out_exists,
            GError     **error)
{
  g_autoptr(JlnCachedStmt) stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return FALSE;
    }
  *out_exists = (rc == SQLITE_ROW);
  return TRUE;
}

gboolean
jln_store_add_territory (JlnStore      *self,
                         JlnTerritory  *territory,
                         GError       **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autofree char *subject = NULL;
  gint64 id;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (JLN_IS_TERRITORY (territory), FALSE);

  if (!require_text (jln_territory_get_name (territory), _("A territory needs a name."), error))
    return FALSE;
  if (!write_begin (self, error))
    return FALSE;
  stmt = prepare (self, "INSERT INTO territories (name) VALUES (?)", error);
  if (stmt == NULL)
    goto fail;
  bind_text0 (stmt, 1, jln_territory_get_name (territory));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if ((sqlite3_extended_errcode (self->db) & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                     _("There is already a territory called “%s”."),
                     jln_territory_get_name (territory));
      else
        set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      goto fail;
    }
  id = sqlite3_last_insert_rowid (self->db);
  subject = g_strdup_printf ("territory:%" G_GINT64_FORMAT, id);
  if (!write_audit (self, "system", "territory.create", subject,
                    jln_territory_get_name (territory), error)
      || !write_commit (self, error))
    goto fail;

  jln_territory_set_id (territory, id);
  if (live (self))
    {
      g_hash_table_insert (self->territory_by_id, id_key (id), territory);
      g_list_store_insert_sorted (self->territories, territory, compare_territories, NULL);
    }
  return TRUE;

fail:
  write_rollback (self);
  return FALSE;
}

gboolean
jln_store_add_coach (JlnStore  *self,
                     JlnCoach  *coach,
                     GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autofree char *subject = NULL;
  gint64 id;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (JLN_IS_COACH (coach), FALSE);

  if (!require_text (jln_coach_get_name (coach), _("A coach needs a name."), error))
    return FALSE;
  if (!write_begin (self, error))
    return FALSE;
  stmt = prepare (self, "INSERT INTO coaches (name, territory_id, email) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  bind_text0 (stmt, 1, jln_coach_get_name (coach));
  bind_id0 (stmt, 2, jln_coach_get_territory_id (coach));
  bind_text0 (stmt, 3, jln_coach_get_email (coach));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if ((sqlite3_extended_errcode (self->db) & 0xff) == SQLITE_CONSTRAINT)
        g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                             _("This coach’s territory does not exist any more."));
      else
        set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      goto fail;
    }
  id = sqlite3_last_insert_rowid (self->db);
  subject = g_strdup_printf ("coach:%" G_GINT64_FORMAT, id);
  if (!write_audit (self, "system", "coach.create", subject, jln_coach_get_name (coach), error)
      || !write_commit (self, error))
    goto fail;

  jln_coach_set_id (coach, id);
  if (live (self))
    {
      g_hash_table_insert (self->coach_by_id, id_key (id), coach);
      g_list_store_insert_sorted (self->coaches, coach, compare_coaches, NULL);
    }
  return TRUE;

fail:
  write_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* participants                                                       */

static char *
random_salt (void)
{
  GString *salt = g_string_sized_new (32);

  for (guint i = 0; i < 4; i++)
    g_string_append_printf (salt, "%08x", g_random_int ());
  return g_string_free (salt, FALSE);
}

static gboolean
validate_participant (JlnStore        *self,
                      JlnParticipant  *participant,
                      GError         **error)
{
  gboolean found;

  if (!require_text (jln_participant_get_first_name (participant),
                     _("A participant needs a first name."), error))
    return FALSE;
  if (jln_participant_get_territory_id (participant) > 0)
    {
      if (!row_exists (self, "SELECT 1 FROM territories WHERE id = ?",
                       jln_participant_get_territory_id (participant), &found, error))
        return FALSE;
      if (!found)
        {
          g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                               _("The participant’s territory does not exist any more."));
          return FALSE;
        }
    }
  if (jln_participant_get_coach_id (participant) > 0)
    {
      if (!row_exists (self, "SELECT 1 FROM coaches WHERE id = ?",
                       jln_participant_get_coach_id (participant), &found, error))
        return FALSE;
      if (!found)
        {
          g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                               _("The participant’s coach does not exist any more."));
          return FALSE;
        }
    }
  return TRUE;
}

static void
bind_participant (sqlite3_stmt   *stmt,
                  JlnParticipant *p)
{
  g_autofree char *entry = format_date (jln_participant_get_entry_date (p));
  const char *last = jln_participant_get_last_name (p);

  bind_text0 (stmt, 1, jln_participant_get_first_name (p));
  bind_text0 (stmt, 2, last ? last : "");
  bind_text0 (stmt, 3, jln_participant_get_photo_path (p));
  bind_id0 (stmt, 4, jln_participant_get_territory_id (p));
  bind_id0 (stmt, 5, jln_participant_get_coach_id (p));
  bind_text0 (stmt, 6, entry);
  bind_text0 (stmt, 7, jln_participant_get_email (p));
  sqlite3_bind_int (stmt, 8, jln_participant_get_consent_internal (p));
  sqlite3_bind_int (stmt, 9, jln_participant_get_consent_kiosk (p));
  sqlite3_bind_int (stmt, 10, jln_participant_get_consent_print (p));
  sqlite3_bind_int (stmt, 11, jln_participant_get_consent_online (p));
  sqlite3_bind_int (stmt, 12, jln_participant_get_archived (p));
}

gboolean
jln_store_add_participant (JlnStore        *self,
                           JlnParticipant  *participant,
                           const char      *actor,
                           GError         **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autofree char *salt = NULL;
  g_autofree char *subject = NULL;
  gint64 id;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (JLN_IS_PARTICIPANT (participant), FALSE);

  if (jln_participant_get_id (participant) != 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This participant is already saved."));
      return FALSE;
    }
  if (!write_begin (self, error))
    return FALSE;
  if (!validate_participant (self, participant, error))
    goto fail;

  /* A salt given by the caller (the demo, an import) is kept, so the
   * recipient hash of already-issued badges stays valid. */
  salt = g_strdup (jln_participant_get_recipient_salt (participant));
  if (salt == NULL || *salt == '\0')
    {
      g_free (salt);
      salt = random_salt ();
    }

  stmt = prepare (self, "INSERT INTO participants (first_name, last_name, photo_path, "
                        "territory_id, coach_id, entry_date, email, consent_internal, "
                        "consent_kiosk, consent_print, consent_online, archived, recipient_salt) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  bind_participant (stmt, participant);
  sqlite3_bind_text (stmt, 13, salt, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT, id);
  if (!write_audit (self, actor, "participant.create", subject,
                    jln_participant_get_display_name (participant), error)
      || !write_commit (self, error))
    goto fail;

  jln_participant_set_id (participant, id);
  jln_participant_set_recipient_salt (participant, salt);
  if (live (self))
    {
      refresh_participant_caches (self, participant);
      if (!jln_participant_get_archived (participant))
        {
          g_hash_table_insert (self->participant_by_id, id_key (id), participant);
          g_list_store_insert_sorted (self->participants, participant, compare_participants, NULL);
        }
      g_signal_emit (self, signals[PARTICIPANT_CHANGED], 0, id);
    }
  return TRUE;

fail:
  write_rollback (self);
  return FALSE;
}

/* Puts the live object back as the database has it (after a failed save of
 * an object the UI edited in place). */
static void
restore_participant (JlnStore *self,
                     gint64    id)
{
  JlnParticipant *live_p = g_hash_table_lookup (self->participant_by_id, &id);
  g_autoptr(JlnCachedStmt) stmt = NULL;

  if (live_p == NULL)
    return;
  stmt = prepare (self, "SELECT " PARTICIPANT_COLUMNS " FROM participants WHERE id = ?", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    fill_participant (self, live_p, stmt);
}

static void
copy_participant (JlnParticipant *dst,
                  JlnParticipant *src)
{
  jln_participant_set_first_name (dst, jln_participant_get_first_name (src));
  jln_participant_set_last_name (dst, jln_participant_get_last_name (src));
  jln_participant_set_photo_path (dst, jln_participant_get_photo_path (src));
  jln_participant_set_territory_id (dst, jln_participant_get_territory_id (src));
  jln_participant_set_coach_id (dst, jln_participant_get_coach_id (src));
  jln_participant_set_entry_date (dst, jln_participant_get_entry_date (src));
  jln_participant_set_email (dst, jln_participant_get_email (src));
  jln_participant_set_consent_internal (dst, jln_participant_get_consent_internal (src));
  jln_participant_set_consent_kiosk (dst, jln_participant_get_consent_kiosk (src));
  jln_participant_set_consent_print (dst, jln_participant_get_consent_print (src));
  jln_participant_set_consent_online (dst, jln_participant_get_consent_online (src));
  jln_participant_set_archived (dst, jln_participant_get_archived (src));
}

gboolean
jln_store_update_participant (JlnStore        *self,
                              JlnParticipant  *participant,
                              const char      *actor,
                              GError         **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autofree char *subject = NULL;
  JlnParticipant *live_p;
  gint64 id;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (JLN_IS_PARTICIPANT (participant), FALSE);

  id = jln_participant_get_id (participant);
  if (!write_begin (self, error))
    return FALSE;
  if (!validate_participant (self, participant, error))
    goto fail;
  stmt = prepare (self, "UPDATE participants SET first_name = ?, last_name = ?, photo_path = ?, "
                        "territory_id = ?, coach_id = ?, entry_date = ?, email = ?, "
                        "consent_internal = ?, consent_kiosk = ?, consent_print = ?, "
                        "consent_online = ?, archived = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  bind_participant (stmt, participant);
  sqlite3_bind_int64 (stmt, 13, id);
  if (!step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("This participant no longer exists."));
      goto fail;
    }
  subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT, id);
  if (!write_audit (self, actor, "participant.update", subject,
                    jln_participant_get_display_name (participant), error)
      || !write_commit (self, error))
    goto fail;

  if (live (self))
    {
      live_p = g_hash_table_lookup (self->participant_by_id, &id);
      if (live_p != NULL && live_p != participant)
        copy_participant (live_p, participant);
      if (live_p != NULL)
        {
          refresh_participant_caches (self, live_p);
          if (jln_participant_get_archived (live_p))
            {
              guint position;

              if (g_list_store_find (self->participants, live_p, &position))
                g_list_store_remove (self->participants, position);
              g_hash_table_remove (self->participant_by_id, &id);
            }
          else
            resort_item (self->participants, live_p, compare_participants);
        }
      g_signal_emit (self, signals[PARTICIPANT_CHANGED], 0, id);
    }
  return TRUE;

fail:
  write_rollback (self);
  restore_participant (self, id);
  return FALSE;
}

gboolean
jln_store_archive_participant (JlnStore    *self,
                               gint64       participant_id,
                               const char  *actor,
                               GError     **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autofree char *subject = NULL;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!write_begin (self, error))
    return FALSE;
  stmt = prepare (self, "UPDATE participants SET archived = 1 WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  if (!step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("This participant no longer exists."));
      goto fail;
    }
  subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT, participant_id);
  if (!write_audit (self, actor, "participant.archive", subject, NULL, error)
      || !write_commit (self, error))
    goto fail;

  if (live (self))
    {
      JlnParticipant *p = g_hash_table_lookup (self->participant_by_id, &participant_id);

      if (p != NULL)
        {
          guint position;

          jln_participant_set_archived (p, TRUE);
          if (g_list_store_find (self->participants, p, &position))
            {
              g_object_ref (p);
              g_hash_table_remove (self->participant_by_id, &participant_id);
              g_list_store_remove (self->participants, position);
              g_object_unref (p);
            }
        }
      g_signal_emit (self, signals[PARTICIPANT_CHANGED], 0, participant_id);
    }
  return TRUE;

fail:
  write_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* badges                                                             */

static gboolean
validate_badge (JlnStore  *self,
                JlnBadge  *badge,
                GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  const char *slug = jln_badge_get_slug (badge);
  int rc;

  if (!require_text (jln_badge_get_name (badge), _("A badge needs a name."), error))
    return FALSE;
  if (!require_text (slug, _("A badge needs a short identifier (slug)."), error))
    return FALSE;
  for (const char *p = slug; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      {
        g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                     _("The badge identifier “%s” may only use lower-case letters without accents, digits and hyphens."),
                     slug);
        return FALSE;
      }

  stmt = prepare (self, "SELECT b.id, b.slug FROM badges b "
                        "JOIN badge_versions v ON v.id = b.current_version_id "
                        "WHERE (b.slug = ? OR v.name = ?) AND b.id != ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text0 (stmt, 1, slug);
  bind_text0 (stmt, 2, jln_badge_get_name (badge));
  sqlite3_bind_int64 (stmt, 3, jln_badge_get_id (badge));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (g_strcmp0 (column_text (stmt, 1), slug) == 0)
        g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                     _("This badge identifier is already used by another badge (slug “%s”)."),
                     slug);
      else
        g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                     _("This badge name is already used by another badge (slug “%s”)."),
                     column_text (stmt, 1));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Writes a badge_versions row and its criteria; returns the new row id and
 * (for the caller to set once committed) its creation time. */
static gint64
insert_badge_version (JlnStore    *self,
                      JlnBadge    *badge,
                      gint64       badge_id,
                      guint        version,
                      GDateTime  **out_created_at,
                      GError     **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autoptr(JlnCachedStmt) crit = NULL;
  g_autofree char *now = now_timestamp ();
  GListModel *criteria = jln_badge_get_criteria (badge);
  gint64 version_id;

  stmt = prepare (self, "INSERT INTO badge_versions (badge_id, version, name, easy_text, "
                        "description, theme, kind, image_svg, created_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, badge_id);
  sqlite3_bind_int (stmt, 2, version);
  bind_text0 (stmt, 3, jln_badge_get_name (badge));
  bind_text0 (stmt, 4, jln_badge_get_easy_text (badge));
  bind_text0 (stmt, 5, jln_badge_get_description (badge));
  bind_text0 (stmt, 6, jln_badge_get_theme (badge));
  bind_text0 (stmt, 7, jln_badge_kind_to_string (jln_badge_get_kind (badge)));
  bind_text0 (stmt, 8, jln_badge_get_image_svg (badge));
  bind_text0 (stmt, 9, now);
  if (!step_done (self, stmt, error))
    return 0;
  version_id = sqlite3_last_insert_rowid (self->db);
  *out_created_at = parse_timestamp (now);

  crit = prepare (self, "INSERT INTO criteria (badge_version_id, position, text, required) "
                        "VALUES (?, ?, ?, ?)", error);
  if (crit == NULL)
    return 0;
  for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);

      if (!require_text (jln_criterion_get_text (c), _("A criterion cannot be empty."), error))
        return 0;
      sqlite3_bind_int64 (crit, 1, version_id);
      sqlite3_bind_int (crit, 2, i);
      bind_text0 (crit, 3, jln_criterion_get_text (c));
      sqlite3_bind_int (crit, 4, jln_criterion_get_required (c));
      if (!step_done (self, crit, error))
        return 0;
    }
  return version_id;
}

static gboolean
set_current_version (JlnStore  *self,
                     gint64     badge_id,
                     gint64     version_id,
                     GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;

  stmt = prepare (self, "UPDATE badges SET current_version_id = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version_id);
  sqlite3_bind_int64 (stmt, 2, badge_id);
  return step_done (self, stmt, error);
}

gboolean
jln_store_add_badge (JlnStore    *self,
                     JlnBadge    *badge,
                     const char  *actor,
                     GError     **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autofree char *subject = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  gint64 badge_id, version_id;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (JLN_IS_BADGE (badge), FALSE);

  if (jln_badge_get_id (badge) != 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This badge is already saved."));
      return FALSE;
    }
  if (!write_begin (self, error))
    return FALSE;
  if (!validate_badge (self, badge, error))
    goto fail;
  stmt = prepare (self, "INSERT INTO badges (slug, status) VALUES (?, ?)", error);
  if (stmt == NULL)
    goto fail;
  bind_text0 (stmt, 1, jln_badge_get_slug (badge));
  bind_text0 (stmt, 2, jln_badge_status_to_string (jln_badge_get_status (badge)));
  if (!step_done (self, stmt, error))
    goto fail;
  badge_id = sqlite3_last_insert_rowid (self->db);
  version_id = insert_badge_version (self, badge, badge_id, 1, &created_at, error);
  if (version_id == 0 || !set_current_version (self, badge_id, version_id, error))
    goto fail;
  subject = g_strdup_printf ("badge:%" G_GINT64_FORMAT, badge_id);
  if (!write_audit (self, actor, "badge.create", subject, jln_badge_get_name (badge), error)
      || !write_commit (self, error))
    goto fail;

  jln_badge_set_id (badge, badge_id);
  jln_badge_set_version_id (badge, version_id);
  jln_badge_set_version (badge, 1);
  jln_badge_set_created_at (badge, created_at);
  for (guint i = 0; i < g_list_model_get_n_items (jln_badge_get_criteria (badge)); i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (jln_badge_get_criteria (badge), i);
      jln_criterion_set_position (c, i);
    }
  if (live (self))
    {
      g_hash_table_insert (self->badge_of_version, id_key (version_id), g_memdup2 (&badge_id, sizeof badge_id));
      if (jln_badge_get_status (badge) != JLN_BADGE_STATUS_ARCHIVED)
        {
          g_hash_table_insert (self->badge_by_id, id_key (badge_id), badge);
          g_list_store_insert_sorted (self->badges, badge, compare_badges, NULL);
        }
      g_signal_emit (self, signals[BADGE_CHANGED], 0, badge_id);
    }
  return TRUE;

fail:
  write_rollback (self);
  return FALSE;
}

static gboolean
count_awards_of_version (JlnStore  *self,
                         gint64     version_id,
                         int       *out_count,
                         GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;

  stmt = prepare (self, "SELECT count(*) FROM awards WHERE badge_version_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  *out_count = sqlite3_column_int (stmt, 0);
  return TRUE;
}

guint
jln_store_count_awards_of_version (JlnStore  *self,
                                   gint64     version_id,
                                   GError   **error)
{
  int n = 0;

  g_return_val_if_fail (JLN_IS_STORE (self), 0);

  if (!count_awards_of_version (self, version_id, &n, error))
    return 0;
  return (guint) n;
}

static void
copy_badge (JlnBadge *dst,
            JlnBadge *src)
{
  GListModel *criteria = jln_badge_get_criteria (src);
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);

  jln_badge_set_version_id (dst, jln_badge_get_version_id (src));
  jln_badge_set_version (dst, jln_badge_get_version (src));
  jln_badge_set_slug (dst, jln_badge_get_slug (src));
  jln_badge_set_name (dst, jln_badge_get_name (src));
  jln_badge_set_easy_text (dst, jln_badge_get_easy_text (src));
  jln_badge_set_description (dst, jln_badge_get_description (src));
  jln_badge_set_theme (dst, jln_badge_get_theme (src));
  jln_badge_set_kind (dst, jln_badge_get_kind (src));
  jln_badge_set_image_svg (dst, jln_badge_get_image_svg (src));
  jln_badge_set_status (dst, jln_badge_get_status (src));
  jln_badge_set_created_at (dst, jln_badge_get_created_at (src));
  if (dst == src)
    return;
  /* Copy first: clearing dst's list must not drop src's items if shared. */
  for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);
      g_ptr_array_add (copies, g_strdup (jln_criterion_get_text (c)));
      g_ptr_array_add (copies, GINT_TO_POINTER (jln_criterion_get_required (c)));
    }
  g_ptr_array_set_free_func (copies, NULL);
  jln_badge_clear_criteria (dst);
  for (guint i = 0; i < copies->len; i += 2)
    {
      jln_badge_add_criterion (dst, copies->pdata[i], GPOINTER_TO_INT (copies->pdata[i + 1]));
      g_free (copies->pdata[i]);
    }
}

/* Reloads the live badge from the database (after a failed save). */
static void
restore_badge (JlnStore *self,
               gint64    badge_id)
{
  JlnBadge *badge = g_hash_table_lookup (self->badge_by_id, &badge_id);
  g_autoptr(JlnCachedStmt) stmt = NULL;

  if (badge == NULL)
    return;
  stmt = prepare (self, "SELECT " BADGE_VERSION_COLUMNS " FROM badges b "
                        "JOIN badge_versions v ON v.id = b.current_version_id WHERE b.id = ?", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, badge_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      fill_badge (badge, stmt);
      sqlite3_reset (stmt);
      load_criteria (self, badge, NULL);
    }
}

static gboolean update_badge (JlnStore    *self,
                              JlnBadge    *badge,
                              gboolean     force_new_version,
                              const char  *actor,
                              GError     **error);

gboolean
jln_store_update_badge (JlnStore    *self,
                        JlnBadge    *badge,
                        const char  *actor,
                        GError     **error)
{
  return update_badge (self, badge, FALSE, actor, error);
}

gboolean
jln_store_add_badge_version (JlnStore    *self,
                             JlnBadge    *badge,
                             const char  *actor,
                             GError     **error)
{
  return update_badge (self, badge, TRUE, actor, error);
}

static gboolean
update_badge (JlnStore    *self,
              JlnBadge    *badge,
              gboolean     force_new_version,
              const char  *actor,
              GError     **error)
{
  g_autoptr(JlnCachedStmt) cur = NULL;
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  gint64 badge_id, version_id, new_version_id = 0;
  guint version = 0;
  int n_awards = 0;
  int rc;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (JLN_IS_BADGE (badge), FALSE);

  badge_id = jln_badge_get_id (badge);
  if (!write_begin (self, error))
    return FALSE;
  if (!validate_badge (self, badge, error))
    goto fail;

  /* The database, not the object, says which version is current: the UI
   * may hold an older copy. */
  cur = prepare (self, "SELECT b.current_version_id, v.version, v.created_at FROM badges b "
                       "JOIN badge_versions v ON v.id = b.current_version_id WHERE b.id = ?", error);
  if (cur == NULL)
    goto fail;
  sqlite3_bind_int64 (cur, 1, badge_id);
  rc = sqlite3_step (cur);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                             _("This badge no longer exists."));
      else
        set_sqlite_error (self, rc, error);
      goto fail;
    }
  version_id = sqlite3_column_int64 (cur, 0);
  version = sqlite3_column_int (cur, 1);
  created_at = parse_timestamp (column_text (cur, 2));
  sqlite3_reset (cur);

  if (!count_awards_of_version (self, version_id, &n_awards, error))
    goto fail;

  stmt = prepare (self, "UPDATE badges SET slug = ?, status = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  bind_text0 (stmt, 1, jln_badge_get_slug (badge));
  bind_text0 (stmt, 2, jln_badge_status_to_string (jln_badge_get_status (badge)));
  sqlite3_bind_int64 (stmt, 3, badge_id);
  if (!step_done (self, stmt, error))
    goto fail;

  if (n_awards > 0 || force_new_version)
    {
      /* Awarded people keep the version they earned; edits make a new one. */
      g_clear_pointer (&created_at, g_date_time_unref);
      new_version_id = insert_badge_version (self, badge, badge_id, version + 1, &created_at, error);
      if (new_version_id == 0 || !set_current_version (self, badge_id, new_version_id, error))
        goto fail;
      version += 1;
      detail = g_strdup_printf ("version %u", version);
    }
  else
    {
      g_autoptr(JlnCachedStmt) upd = NULL;
      g_autoptr(JlnCachedStmt) del = NULL;
      g_autoptr(JlnCachedStmt) crit = NULL;
      GListModel *criteria = jln_badge_get_criteria (badge);

      upd = prepare (self, "UPDATE badge_versions SET name = ?, easy_text = ?, description = ?, "
                           "theme = ?, kind = ?, image_svg = ? WHERE id = ?", error);
      if (upd == NULL)
        goto fail;
      bind_text0 (upd, 1, jln_badge_get_name (badge));
      bind_text0 (upd, 2, jln_badge_get_easy_text (badge));
      bind_text0 (upd, 3, jln_badge_get_description (badge));
      bind_text0 (upd, 4, jln_badge_get_theme (badge));
      bind_text0 (upd, 5, jln_badge_kind_to_string (jln_badge_get_kind (badge)));
      bind_text0 (upd, 6, jln_badge_get_image_svg (badge));
      sqlite3_bind_int64 (upd, 7, version_id);
      if (!step_done (self, upd, error))
        goto fail;
      del = prepare (self, "DELETE FROM criteria WHERE badge_version_id = ?", error);
      if (del == NULL)
        goto fail;
      sqlite3_bind_int64 (del, 1, version_id);
      if (!step_done (self, del, error))
        goto fail;
      crit = prepare (self, "INSERT INTO criteria (badge_version_id, position, text, required) "
                            "VALUES (?, ?, ?, ?)", error);
      if (crit == NULL)
        goto fail;
      for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
        {
          g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);

          if (!require_text (jln_criterion_get_text (c), _("A criterion cannot be empty."), error))
            goto fail;
          sqlite3_bind_int64 (crit, 1, version_id);
          sqlite3_bind_int (crit, 2, i);
          bind_text0 (crit, 3, jln_criterion_get_text (c));
          sqlite3_bind_int (crit, 4, jln_criterion_get_required (c));
          if (!step_done (self, crit, error))
            goto fail;
        }
    }

  subject = g_strdup_printf ("badge:%" G_GINT64_FORMAT, badge_id);
  if (!write_audit (self, actor, new_version_id ? "badge.version" : "badge.update",
                    subject, detail ? detail : jln_badge_get_name (badge), error)
      || !write_commit (self, error))
    goto fail;

  jln_badge_set_version_id (badge, new_version_id ? new_version_id : version_id);
  jln_badge_set_version (badge, version);
  /* An edit in place keeps the version's date. */
  jln_badge_set_created_at (badge, created_at);
  if (live (self))
    {
      JlnBadge *live_b = g_hash_table_lookup (self->badge_by_id, &badge_id);

      if (new_version_id)
        g_hash_table_insert (self->badge_of_version, id_key (new_version_id),
                             g_memdup2 (&badge_id, sizeof badge_id));
      if (live_b != NULL)
        {
          copy_badge (live_b, badge);
          if (jln_badge_get_status (live_b) == JLN_BADGE_STATUS_ARCHIVED)
            {
              guint position;

              if (g_list_store_find (self->badges, live_b, &position))
                {
                  g_hash_table_remove (self->badge_by_id, &badge_id);
                  g_list_store_remove (self->badges, position);
                }
            }
          else
            resort_item (self->badges, live_b, compare_badges);
        }
      g_signal_emit (self, signals[BADGE_CHANGED], 0, badge_id);
    }
  return TRUE;

fail:
  write_rollback (self);
  restore_badge (self, badge_id);
  return FALSE;
}

gboolean
jln_store_set_badge_status (JlnStore        *self,
                            gint64           badge_id,
                            JlnBadgeStatus   status,
                            const char      *actor,
                            GError         **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autofree char *subject = NULL;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!write_begin (self, error))
    return FALSE;
  stmt = prepare (self, "UPDATE badges SET status = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  bind_text0 (stmt, 1, jln_badge_status_to_string (status));
  sqlite3_bind_int64 (stmt, 2, badge_id);
  if (!step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("This badge no longer exists."));
      goto fail;
    }
  subject = g_strdup_printf ("badge:%" G_GINT64_FORMAT, badge_id);
  if (!write_audit (self, actor, "badge.status", subject, jln_badge_status_to_string (status), error)
      || !write_commit (self, error))
    goto fail;

  if (live (self))
    {
      JlnBadge *badge = g_hash_table_lookup (self->badge_by_id, &badge_id);

      if (badge != NULL && status == JLN_BADGE_STATUS_ARCHIVED)
        {
          guint position;

          jln_badge_set_status (badge, status);
          if (g_list_store_find (self->badges, badge, &position))
            {
              g_hash_table_remove (self->badge_by_id, &badge_id);
              g_list_store_remove (self->badges, position);
            }
        }
      else if (badge != NULL)
        jln_badge_set_status (badge, status);
      else if (status != JLN_BADGE_STATUS_ARCHIVED)
        {
          /* Back from the archive: reload so counts and criteria are right. */
          g_autoptr(GError) reload_error = NULL;
          if (!load_badges (self, &reload_error))
            g_warning ("Reloading badges failed: %s", reload_error->message);
        }
      g_signal_emit (self, signals[BADGE_CHANGED], 0, badge_id);
    }
  return TRUE;

fail:
  write_rollback (self);
  return FALSE;
}

GListModel *
jln_store_list_badge_versions (JlnStore  *self,
                               gint64     badge_id,
                               GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autoptr(GListStore) list = g_list_store_new (JLN_TYPE_BADGE);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT " BADGE_VERSION_COLUMNS " FROM badges b "
                        "JOIN badge_versions v ON v.badge_id = b.id WHERE b.id = ? "
                        "ORDER BY v.version", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, badge_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JlnBadge *badge = g_object_new (JLN_TYPE_BADGE, NULL);

      fill_badge (badge, stmt);
      g_ptr_array_add (items, badge);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < items->len; i++)
    if (!load_criteria (self, items->pdata[i], error))
      return NULL;
  g_list_store_splice (list, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

GHashTable *
jln_store_count_holders_by_territory (JlnStore  *self,
                                      gint64     badge_id,
                                      GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT coalesce (t.name, ''), count(DISTINCT a.participant_id) "
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
    g_hash_table_insert (counts, g_strdup (column_text (stmt, 0)),
                         GUINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&counts);
}

/* ------------------------------------------------------------------ */
/* awards                                                             */

#define AWARD_COLUMNS \
  "a.id, a.participant_id, v.badge_id, a.badge_version_id, v.version, v.name, " \
  "a.coach_id, c.name, a.awarded_on, a.criteria_met, a.evidence_note, a.evidence_files, " \
  "a.status, a.revoke_reason, a.revoked_on, a.credential_id, a.status_index, a.credential"
#define AWARD_FROM \
  " FROM awards a JOIN badge_versions v ON v.id = a.badge_version_id " \
  "LEFT JOIN coaches c ON c.id = a.coach_id "

static JlnAward *
award_from_row (sqlite3_stmt *stmt)
{
  JlnAward *award = jln_award_new (sqlite3_column_int64 (stmt, 1),
                                   sqlite3_column_int64 (stmt, 3),
                                   sqlite3_column_int64 (stmt, 6));
  g_autoptr(GDateTime) awarded_on = parse_timestamp (column_text (stmt, 8));
  g_autoptr(GDateTime) revoked_on = parse_timestamp (column_text (stmt, 14));
  g_auto(GStrv) criteria = json_to_strv (column_text (stmt, 9));
  g_auto(GStrv) files = json_to_strv (column_text (stmt, 11));
  JlnAwardStatus status = JLN_AWARD_STATUS_ACTIVE;

  jln_award_status_from_string (column_text (stmt, 12), &status);
  jln_award_set_id (award, sqlite3_column_int64 (stmt, 0));
  jln_award_set_badge_id (award, sqlite3_column_int64 (stmt, 2));
  jln_award_set_badge_version (award, sqlite3_column_int (stmt, 4));
  jln_award_set_badge_name (award, column_text (stmt, 5));
  jln_award_set_coach_name (award, column_text (stmt, 7));
  jln_award_set_awarded_on (award, awarded_on);
  jln_award_set_criteria_met (award, (const char * const *) criteria);
  jln_award_set_evidence_note (award, column_text (stmt, 10));
  jln_award_set_evidence_files (award, (const char * const *) files);
  jln_award_set_status (award, status);
  jln_award_set_revoke_reason (award, column_text (stmt, 13));
  jln_award_set_revoked_on (award, revoked_on);
  jln_award_set_credential_id (award, column_text (stmt, 15));
  jln_award_set_status_index (award, sqlite3_column_int (stmt, 16));
  if (sqlite3_column_type (stmt, 17) != SQLITE_NULL)
    {
      g_autoptr(GBytes) credential = g_bytes_new (sqlite3_column_blob (stmt, 17),
                                                  sqlite3_column_bytes (stmt, 17));
      jln_award_set_credential (award, credential);
    }
  return award;
}

JlnAward *
jln_store_get_award (JlnStore  *self,
                     gint64     award_id,
                     GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT " AWARD_COLUMNS AWARD_FROM "WHERE a.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, award_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return award_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                         _("This badge award no longer exists."));
  else
    set_sqlite_error (self, rc, error);
  return NULL;
}

GListModel *
jln_store_list_awards_for_participant (JlnStore  *self,
                                       gint64     participant_id,
                                       GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autoptr(GListStore) list = g_list_store_new (JLN_TYPE_AWARD);
  int rc;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT " AWARD_COLUMNS AWARD_FROM
                        "WHERE a.participant_id = ? ORDER BY a.awarded_on, a.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JlnAward) award = award_from_row (stmt);
      g_list_store_append (list, award);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* Keeps the live counters in step with one award becoming active (+1) or
 * not (-1). */
static void
adjust_counts (JlnStore *self,
               gint64    participant_id,
               gint64    badge_version_id,
               int       delta)
{
  JlnParticipant *p = g_hash_table_lookup (self->participant_by_id, &participant_id);
  gint64 *badge_id = g_hash_table_lookup (self->badge_of_version, &badge_version_id);
  JlnBadge *badge = badge_id ? g_hash_table_lookup (self->badge_by_id, badge_id) : NULL;

  if (p != NULL)
    jln_participant_set_badge_count (p, MAX (0, (int) jln_participant_get_badge_count (p) + delta));
  if (badge != NULL)
    jln_badge_set_holder_count (badge, MAX (0, (int) jln_badge_get_holder_count (badge) + delta));
}

static char *
random_urn (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat ("urn:uuid:", uuid, NULL);
}

gboolean
jln_store_add_award (JlnStore          *self,
                     JlnAward          *award,
                     const char        *actor,
                     JlnAwardSealFunc   seal,
                     gpointer           seal_data,
                     GError           **error)
{
  g_autoptr(JlnCachedStmt) info = NULL;
  g_autoptr(JlnCachedStmt) held = NULL;
  g_autoptr(JlnCachedStmt) counter = NULL;
  g_autoptr(JlnCachedStmt) bump = NULL;
  g_autoptr(JlnCachedStmt) insert = NULL;
  g_autoptr(JlnCachedStmt) store_cred = NULL;
  g_autoptr(GBytes) credential = NULL;
  g_autoptr(GDateTime) awarded_on = NULL;
  g_autofree char *awarded_text = NULL;
  g_autofree char *criteria_json = NULL;
  g_autofree char *files_json = NULL;
  g_autofree char *urn = NULL;
  g_autofree char *caller_urn = NULL;
  g_autofree char *badge_name = NULL;
  g_autofree char *coach_name = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *display_name = NULL;
  gint64 participant_id, version_id, coach_id, badge_id, award_id;
  guint version, status_index;
  gboolean found;
  int rc;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (JLN_IS_AWARD (award), FALSE);

  participant_id = jln_award_get_participant_id (award);
  version_id = jln_award_get_badge_version_id (award);
  coach_id = jln_award_get_coach_id (award);

  if (jln_award_get_id (award) != 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This badge award is already saved."));
      return FALSE;
    }
  if (!write_begin (self, error))
    return FALSE;

  /* Plain-words checks first; the schema's constraints stay the safety net. */
  info = prepare (self, "SELECT (SELECT first_name || ' ' || substr (last_name, 1, 1) || '.' "
                        "        FROM participants WHERE id = ?1), "
                        "       (SELECT badge_id FROM badge_versions WHERE id = ?2), "
                        "       (SELECT version FROM badge_versions WHERE id = ?2), "
                        "       (SELECT name FROM badge_versions WHERE id = ?2)", error);
  if (info == NULL)
    goto fail;
  sqlite3_bind_int64 (info, 1, participant_id);
  sqlite3_bind_int64 (info, 2, version_id);
  if (sqlite3_step (info) != SQLITE_ROW)
    {
      set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      goto fail;
    }
  if (sqlite3_column_type (info, 0) == SQLITE_NULL)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This participant does not exist any more, so the badge cannot be awarded."));
      goto fail;
    }
  if (sqlite3_column_type (info, 1) == SQLITE_NULL)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This badge version does not exist, so it cannot be awarded."));
      goto fail;
    }
  display_name = g_strdup (column_text (info, 0));
  badge_id = sqlite3_column_int64 (info, 1);
  version = sqlite3_column_int (info, 2);
  badge_name = g_strdup (column_text (info, 3));
  sqlite3_reset (info);

  if (coach_id > 0)
    {
      JlnCoach *coach;

      if (!row_exists (self, "SELECT 1 FROM coaches WHERE id = ?", coach_id, &found, error))
        goto fail;
      if (!found)
        {
          g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                               _("The coach awarding this badge does not exist any more."));
          goto fail;
        }
      coach = g_hash_table_lookup (self->coach_by_id, &coach_id);
      coach_name = g_strdup (coach ? jln_coach_get_name (coach) : NULL);
    }

  held = prepare (self, "SELECT 1 FROM awards WHERE participant_id = ? AND badge_version_id = ? "
                        "AND status = 'active'", error);
  if (held == NULL)
    goto fail;
  sqlite3_bind_int64 (held, 1, participant_id);
  sqlite3_bind_int64 (held, 2, version_id);
  rc = sqlite3_step (held);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_ALREADY_AWARDED,
                   _("%s already holds this badge (version %u)."), display_name, version);
      goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      goto fail;
    }
  sqlite3_reset (held);

  /* The status-list counter only moves forward (see migration 2). */
  counter = prepare (self, "SELECT next_status_index FROM organisation WHERE id = 1", error);
  if (counter == NULL)
    goto fail;
  if (sqlite3_step (counter) != SQLITE_ROW)
    {
      set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      goto fail;
    }
  status_index = sqlite3_column_int (counter, 0);
  sqlite3_reset (counter);
  bump = prepare (self, "UPDATE organisation SET next_status_index = next_status_index + 1 "
                        "WHERE id = 1", error);
  if (bump == NULL || !step_done (self, bump, error))
    goto fail;

  if (jln_award_get_awarded_on (award) != NULL)
    awarded_on = g_date_time_ref (jln_award_get_awarded_on (award));
  else
    awarded_on = g_date_time_new_now_utc ();
  awarded_text = format_timestamp (awarded_on);
  criteria_json = strv_to_json (jln_award_get_criteria_met (award));
  files_json = strv_to_json (jln_award_get_evidence_files (award));
  /* An id given by the caller (the demo, an import) is kept. */
  caller_urn = g_strdup (jln_award_get_credential_id (award));
  urn = g_strdup (caller_urn);
  if (urn == NULL || *urn == '\0')
    {
      g_free (urn);
      urn = random_urn ();
    }

  insert = prepare (self, "INSERT INTO awards (participant_id, badge_version_id, coach_id, "
                          "awarded_on, criteria_met, evidence_note, evidence_files, status, "
                          "credential_id, status_index) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)", error);
  if (insert == NULL)
    goto fail;
  sqlite3_bind_int64 (insert, 1, participant_id);
  sqlite3_bind_int64 (insert, 2, version_id);
  bind_id0 (insert, 3, coach_id);
  bind_text0 (insert, 4, awarded_text);
  bind_text0 (insert, 5, criteria_json);
  bind_text0 (insert, 6, jln_award_get_evidence_note (award));
  bind_text0 (insert, 7, files_json);
  bind_text0 (insert, 8, urn);
  sqlite3_bind_int64 (insert, 9, status_index);
  if (!step_done (self, insert, error))
    goto fail;
  award_id = sqlite3_last_insert_rowid (self->db);

  subject = g_strdup_printf ("award:%" G_GINT64_FORMAT, award_id);
  detail = g_strdup_printf ("participant:%" G_GINT64_FORMAT " badge:%" G_GINT64_FORMAT " version:%u",
                            participant_id, badge_id, version);
  if (!write_audit (self, actor, "award.create", subject, detail, error))
    goto fail;

  /* The seal sees the award as it will be saved, but the object only keeps
   * these values if everything commits. */
  jln_award_set_id (award, award_id);
  jln_award_set_credential_id (award, urn);
  jln_award_set_status_index (award, status_index);
  jln_award_set_badge_id (award, badge_id);
  jln_award_set_badge_version (award, version);
  jln_award_set_badge_name (award, badge_name);
  jln_award_set_coach_name (award, coach_name);
  jln_award_set_awarded_on (award, awarded_on);
  jln_award_set_status (award, JLN_AWARD_STATUS_ACTIVE);

  if (seal != NULL)
    {
      credential = seal (award, seal_data, error);
      if (credential == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_FAILED,
                                 _("The badge could not be signed, so it was not awarded."));
          goto fail_award;
        }
      store_cred = prepare (self, "UPDATE awards SET credential = ? WHERE id = ?", error);
      if (store_cred == NULL)
        goto fail_award;
      sqlite3_bind_blob (store_cred, 1, g_bytes_get_data (credential, NULL),
                         g_bytes_get_size (credential), SQLITE_TRANSIENT);
      sqlite3_bind_int64 (store_cred, 2, award_id);
      if (!step_done (self, store_cred, error))
        goto fail_award;
    }

  if (!write_commit (self, error))
    goto fail_award;

  if (credential != NULL)
    jln_award_set_credential (award, credential);

  if (live (self))
    {
      adjust_counts (self, participant_id, version_id, +1);
      g_signal_emit (self, signals[AWARD_CHANGED], 0, award_id, participant_id);
    }
  return TRUE;

fail_award:
  write_rollback (self);
  /* Back to unsaved, as the caller handed it: they may fix and retry. */
  jln_award_set_id (award, 0);
  jln_award_set_status_index (award, 0);
  jln_award_set_credential_id (award, caller_urn);
  return FALSE;

fail:
  write_rollback (self);
  return FALSE;
}

gboolean
jln_store_undo_award (JlnStore    *self,
                      gint64       award_id,
                      const char  *actor,
                      GError     **error)
{
  g_autoptr(JlnCachedStmt) info = NULL;
  g_autoptr(JlnCachedStmt) del = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *detail = NULL;
  gint64 participant_id, version_id;
  gboolean was_active;
  int rc;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!write_begin (self, error))
    return FALSE;
  info = prepare (self, "SELECT participant_id, badge_version_id, status, credential_id "
                        "FROM awards WHERE id = ?", error);
  if (info == NULL)
    goto fail;
  sqlite3_bind_int64 (info, 1, award_id);
  rc = sqlite3_step (info);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                             _("This badge award no longer exists."));
      else
        set_sqlite_error (self, rc, error);
      goto fail;
    }
  participant_id = sqlite3_column_int64 (info, 0);
  version_id = sqlite3_column_int64 (info, 1);
  was_active = g_strcmp0 (column_text (info, 2), "active") == 0;
  detail = g_strdup_printf ("participant:%" G_GINT64_FORMAT " badge_version:%" G_GINT64_FORMAT " %s",
                            participant_id, version_id, column_text (info, 3));
  sqlite3_reset (info);

  del = prepare (self, "DELETE FROM awards WHERE id = ?", error);
  if (del == NULL)
    goto fail;
  sqlite3_bind_int64 (del, 1, award_id);
  if (!step_done (self, del, error))
    goto fail;
  subject = g_strdup_printf ("award:%" G_GINT64_FORMAT, award_id);
  if (!write_audit (self, actor, "award.undo", subject, detail, error)
      || !write_commit (self, error))
    goto fail;

  if (live (self))
    {
      if (was_active)
        adjust_counts (self, participant_id, version_id, -1);
      g_signal_emit (self, signals[AWARD_CHANGED], 0, award_id, participant_id);
    }
  return TRUE;

fail:
  write_rollback (self);
  return FALSE;
}

gboolean
jln_store_revoke_award (JlnStore    *self,
                        gint64       award_id,
                        const char  *reason,
                        const char  *actor,
                        GError     **error)
{
  g_autoptr(JlnCachedStmt) info = NULL;
  g_autoptr(JlnCachedStmt) upd = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *now = now_timestamp ();
  gint64 participant_id, version_id;
  int rc;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!require_text (reason, _("Say why the badge is withdrawn."), error))
    return FALSE;
  if (!write_begin (self, error))
    return FALSE;
  info = prepare (self, "SELECT participant_id, badge_version_id, status FROM awards WHERE id = ?", error);
  if (info == NULL)
    goto fail;
  sqlite3_bind_int64 (info, 1, award_id);
  rc = sqlite3_step (info);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                             _("This badge award no longer exists."));
      else
        set_sqlite_error (self, rc, error);
      goto fail;
    }
  participant_id = sqlite3_column_int64 (info, 0);
  version_id = sqlite3_column_int64 (info, 1);
  if (g_strcmp0 (column_text (info, 2), "revoked") == 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This badge was already withdrawn."));
      goto fail;
    }
  sqlite3_reset (info);

  upd = prepare (self, "UPDATE awards SET status = 'revoked', revoke_reason = ?, revoked_on = ? "
                       "WHERE id = ?", error);
  if (upd == NULL)
    goto fail;
  bind_text0 (upd, 1, reason);
  bind_text0 (upd, 2, now);
  sqlite3_bind_int64 (upd, 3, award_id);
  if (!step_done (self, upd, error))
    goto fail;
  subject = g_strdup_printf ("award:%" G_GINT64_FORMAT, award_id);
  if (!write_audit (self, actor, "award.revoke", subject, reason, error)
      || !write_commit (self, error))
    goto fail;

  if (live (self))
    {
      adjust_counts (self, participant_id, version_id, -1);
      g_signal_emit (self, signals[AWARD_CHANGED], 0, award_id, participant_id);
    }
  return TRUE;

fail:
  write_rollback (self);
  return FALSE;
}

gboolean
jln_store_set_award_credential (JlnStore  *self,
                                gint64     award_id,
                                GBytes    *credential,
                                GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autofree char *subject = NULL;
  gint64 participant_id = 0;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!write_begin (self, error))
    return FALSE;
  stmt = prepare (self, "UPDATE awards SET credential = ? WHERE id = ? RETURNING participant_id", error);
  if (stmt == NULL)
    goto fail;
  if (credential != NULL)
    sqlite3_bind_blob (stmt, 1, g_bytes_get_data (credential, NULL),
                       g_bytes_get_size (credential), SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, award_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (sqlite3_errcode (self->db) == SQLITE_DONE || sqlite3_errcode (self->db) == SQLITE_OK)
        g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                             _("This badge award no longer exists."));
      else
        set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      goto fail;
    }
  participant_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  subject = g_strdup_printf ("award:%" G_GINT64_FORMAT, award_id);
  if (!write_audit (self, "system", "award.issue", subject, NULL, error)
      || !write_commit (self, error))
    goto fail;
  if (live (self))
    g_signal_emit (self, signals[AWARD_CHANGED], 0, award_id, participant_id);
  return TRUE;

fail:
  write_rollback (self);
  return FALSE;
}

static GArray *
collect_ids (JlnStore    *self,
             const char  *sql,
             gboolean     as_uint,
             GError     **error)
{
  g_autoptr(JlnCachedStmt) stmt = prepare (self, sql, error);
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
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GArray *
jln_store_list_award_ids (JlnStore  *self,
                          GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  return collect_ids (self, "SELECT id FROM awards ORDER BY id", FALSE, error);
}

GArray *
jln_store_list_revoked_status_indices (JlnStore  *self,
                                       GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  return collect_ids (self, "SELECT status_index FROM awards WHERE status = 'revoked' "
                            "ORDER BY status_index", TRUE, error);
}

/* ------------------------------------------------------------------ */
/* reads for the service layer                                        */

JlnParticipant *
jln_store_get_participant (JlnStore  *self,
                           gint64     participant_id,
                           GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  JlnParticipant *p;
  int rc;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT " PARTICIPANT_COLUMNS " FROM participants WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                             _("This participant does not exist any more."));
      else
        set_sqlite_error (self, rc, error);
      return NULL;
    }
  p = g_object_new (JLN_TYPE_PARTICIPANT, NULL);
  fill_participant (self, p, stmt);
  return p;
}

JlnBadge *
jln_store_get_badge_version (JlnStore  *self,
                             gint64     version_id,
                             GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autoptr(JlnBadge) badge = NULL;
  int rc;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT " BADGE_VERSION_COLUMNS " FROM badges b "
                        "JOIN badge_versions v ON v.badge_id = b.id WHERE v.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, version_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                             _("This badge version does not exist."));
      else
        set_sqlite_error (self, rc, error);
      return NULL;
    }
  badge = g_object_new (JLN_TYPE_BADGE, NULL);
  fill_badge (badge, stmt);
  sqlite3_reset (stmt);
  if (!load_criteria (self, badge, error))
    return NULL;
  return g_steal_pointer (&badge);
}

gboolean
jln_store_append_audit (JlnStore    *self,
                        const char  *actor,
                        const char  *action,
                        const char  *subject,
                        const char  *detail,
                        GError     **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!require_text (action, _("A journal entry needs an action."), error))
    return FALSE;
  if (!write_begin (self, error))
    return FALSE;
  if (!write_audit (self, actor, action, subject, detail, error)
      || !write_commit (self, error))
    {
      write_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* organisation, audit                                                */

JlnOrganisation *
jln_store_get_organisation (JlnStore  *self,
                            GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  JlnOrganisation *org;
  int rc;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT name, url, email, public_base, signing_seed FROM organisation "
                        "WHERE id = 1", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                             _("The organisation details are missing from the database."));
      else
        set_sqlite_error (self, rc, error);
      return NULL;
    }
  org = g_new0 (JlnOrganisation, 1);
  org->name = g_strdup (column_text (stmt, 0));
  org->url = g_strdup (column_text (stmt, 1));
  org->email = g_strdup (column_text (stmt, 2));
  org->public_base = g_strdup (column_text (stmt, 3));
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    org->signing_seed = g_bytes_new (sqlite3_column_blob (stmt, 4), sqlite3_column_bytes (stmt, 4));
  return org;
}

gboolean
jln_store_set_organisation (JlnStore               *self,
                            const JlnOrganisation  *org,
                            GError                **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  if (org->signing_seed != NULL && g_bytes_get_size (org->signing_seed) != 32)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("The signing key must be 32 bytes long."));
      return FALSE;
    }
  if (!write_begin (self, error))
    return FALSE;
  stmt = prepare (self, "UPDATE organisation SET name = ?, url = ?, email = ?, public_base = ?, "
                        "signing_seed = ? WHERE id = 1", error);
  if (stmt == NULL)
    goto fail;
  bind_text0 (stmt, 1, org->name ? org->name : "");
  bind_text0 (stmt, 2, org->url);
  bind_text0 (stmt, 3, org->email);
  bind_text0 (stmt, 4, org->public_base);
  if (org->signing_seed != NULL)
    sqlite3_bind_blob (stmt, 5, g_bytes_get_data (org->signing_seed, NULL),
                       g_bytes_get_size (org->signing_seed), SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 5);
  if (!step_done (self, stmt, error))
    goto fail;
  /* The seed itself never goes to the journal. */
  if (!write_audit (self, "system", "organisation.update", "organisation", org->name, error)
      || !write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  write_rollback (self);
  return FALSE;
}

/* NULL for a missing or blank optional field, so "" never reaches the
 * credentials. */
static char *
dup_optional (const char *text)
{
  char *copy = text ? g_strstrip (g_strdup (text)) : NULL;

  if (copy != NULL && *copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

gboolean
jln_store_set_organisation_details (JlnStore    *self,
                                    const char  *name,
                                    const char  *url,
                                    const char  *email,
                                    const char  *public_base,
                                    GError     **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_url = dup_optional (url);
  g_autofree char *clean_email = dup_optional (email);
  g_autofree char *clean_base = dup_optional (public_base);

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!require_text (name, _("The organisation needs a name: it is shown on every badge."), error))
    return FALSE;
  clean_name = g_strstrip (g_strdup (name));
  if (!write_begin (self, error))
    return FALSE;
  /* signing_seed is left out on purpose: the issuer may be creating it at
   * this very moment, and the details never carry it. */
  stmt = prepare (self, "UPDATE organisation SET name = ?, url = ?, email = ?, public_base = ? "
                        "WHERE id = 1", error);
  if (stmt == NULL)
    goto fail;
  bind_text0 (stmt, 1, clean_name);
  bind_text0 (stmt, 2, clean_url);
  bind_text0 (stmt, 3, clean_email);
  bind_text0 (stmt, 4, clean_base);
  if (!step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("The organisation details are missing from the database."));
      goto fail;
    }
  if (!write_audit (self, "system", "organisation.update", "organisation", clean_name, error)
      || !write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  write_rollback (self);
  return FALSE;
}

/* The seed is written only where none exists, inside one transaction, and
 * the stored one is read back: two processes creating a key at once end up
 * signing with the same key, and the organisation's details are never
 * touched. */
GBytes *
jln_store_ensure_signing_seed (JlnStore  *self,
                               GBytes    *candidate,
                               GError   **error)
{
  g_autoptr(JlnCachedStmt) update = NULL;
  g_autoptr(JlnCachedStmt) select = NULL;
  g_autoptr(GBytes) stored = NULL;
  int rc;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  g_return_val_if_fail (candidate != NULL, NULL);

  if (g_bytes_get_size (candidate) != 32)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("The signing key must be 32 bytes long."));
      return NULL;
    }
  if (!write_begin (self, error))
    return NULL;
  update = prepare (self, "UPDATE organisation SET signing_seed = ? "
                          "WHERE id = 1 AND signing_seed IS NULL", error);
  if (update == NULL)
    goto fail;
  sqlite3_bind_blob (update, 1, g_bytes_get_data (candidate, NULL),
                     g_bytes_get_size (candidate), SQLITE_TRANSIENT);
  if (!step_done (self, update, error))
    goto fail;
  if (sqlite3_changes (self->db) > 0
      && !write_audit (self, "system", "organisation.key", "organisation",
                       "signing key created", error))
    goto fail;
  select = prepare (self, "SELECT signing_seed FROM organisation WHERE id = 1", error);
  if (select == NULL)
    goto fail;
  rc = sqlite3_step (select);
  if (rc != SQLITE_ROW || sqlite3_column_bytes (select, 0) != 32)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("The organisation details are missing from the database."));
      goto fail;
    }
  stored = g_bytes_new (sqlite3_column_blob (select, 0), 32);
  g_clear_pointer (&select, cached_stmt_release);
  if (!write_commit (self, error))
    goto fail;
  return g_steal_pointer (&stored);

fail:
  g_clear_pointer (&select, cached_stmt_release);
  write_rollback (self);
  return NULL;
}

GListModel *
jln_store_list_audit_events (JlnStore  *self,
                             guint      limit,
                             GError   **error)
{
  g_autoptr(JlnCachedStmt) stmt = NULL;
  g_autoptr(GListStore) list = g_list_store_new (JLN_TYPE_AUDIT_EVENT);
  int rc;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT id, at, actor, action, subject, detail FROM audit_events "
                        "ORDER BY id DESC LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit == 0 ? -1 : (gint64) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) at = parse_timestamp (column_text (stmt, 1));
      g_autoptr(JlnAuditEvent) event = jln_audit_event_new (sqlite3_column_int64 (stmt, 0), at,
                                                            column_text (stmt, 2),
                                                            column_text (stmt, 3),
                                                            column_text (stmt, 4),
                                                            column_text (stmt, 5));
      g_list_store_append (list, event);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* ------------------------------------------------------------------ */
/* bulk                                                               */

gboolean
jln_store_begin (JlnStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (self->bulk_depth > 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_FAILED,
                           _("A bulk change is already under way."));
      return FALSE;
    }
  /* A bulk load touches far more pages than the default 2 MB cache holds;
   * spilling them to the WAL mid-transaction costs more than the memory. */
  sqlite3_exec (self->db, "PRAGMA cache_size = -131072", NULL, NULL, NULL);
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->bulk_depth = 1;
  self->bulk_dirty = FALSE;
  return TRUE;
}

static void
reload_after_bulk (JlnStore *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->bulk_dirty)
    return;
  self->bulk_dirty = FALSE;
  if (!load_models (self, &error))
    g_warning ("Reloading the lists failed: %s", error->message);
}

gboolean
jln_store_commit (JlnStore  *self,
                  GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->bulk_depth > 0, FALSE);

  if (!exec (self, "COMMIT", error))
    {
      jln_store_rollback (self);
      return FALSE;
    }
  self->bulk_depth = 0;
  sqlite3_exec (self->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
  reload_after_bulk (self);
  return TRUE;
}

void
jln_store_rollback (JlnStore *self)
{
  g_return_if_fail (JLN_IS_STORE (self));

  if (self->bulk_depth == 0)
    return;
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->bulk_depth = 0;
  sqlite3_exec (self->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
  reload_after_bulk (self);
}
