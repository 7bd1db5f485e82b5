/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "core/jln-participant-private.h"
#include "jln-store.h"
#include "jln-store-private.h"
#include "openbadges/jln-ob-key.h"
#include "jln-store-backend.h"
#include "jln-store-audit.h"
#include "sqlite/jln-sqlite-backend.h"

/* JlnStore, the facade: live models, signals, the domain rules (one active
 * award per version, versioning, status-list indices, URNs, the seal inside
 * the award's transaction) and the journal's wording. Every SQL statement
 * lives in sqlite/, behind JlnStoreBackend (jln-store-backend.h). */

struct _JlnStore
{
  GObject parent_instance;

  char *path;
  JlnStoreBackend *backend;

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

  JlnStoreRetryHook retry_hook;
  gpointer retry_hook_data;

  /* The journal's key, read once (audit_key()) or given by a signed-in
   * coach (jln_store_unlock_audit()); in locked memory (sodium_malloc). */
  guint8 *audit_key;
  gboolean audit_key_loaded;
  /* Set when the integrity check at open failed: why every write is
   * refused (it names the latest good backup, looked for once). The check
   * runs while the lists load; damage_known once its verdict is in. */
  GError *damage_error;
  gboolean damage_known;
};

G_DEFINE_FINAL_TYPE (JlnStore, jln_store, G_TYPE_OBJECT)

enum {
  PARTICIPANT_CHANGED,
  AWARD_CHANGED,
  BADGE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The backend's vfuncs, on this store's backend. */
#define BACKEND(self, vfunc, ...) JLN_STORE_BACKEND_CALL ((self)->backend, vfunc, ##__VA_ARGS__)

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

void
jln_account_free (JlnAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->secret_hash);
  g_clear_pointer (&account->locked_until, g_date_time_unref);
  g_clear_pointer (&account->slot_salt, g_bytes_unref);
  g_clear_pointer (&account->slot_nonce, g_bytes_unref);
  g_clear_pointer (&account->slot_wrapped, g_bytes_unref);
  g_free (account);
}

void
jln_key_vault_free (JlnKeyVault *vault)
{
  if (vault == NULL)
    return;
  g_clear_pointer (&vault->public_key, g_bytes_unref);
  g_clear_pointer (&vault->nonce, g_bytes_unref);
  g_clear_pointer (&vault->sealed, g_bytes_unref);
  g_free (vault);
}

/* Now, to the second: what the columns keep, so the object matches a
 * reload. */
static GDateTime *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                              g_date_time_get_day_of_month (now), g_date_time_get_hour (now),
                              g_date_time_get_minute (now), g_date_time_get_second (now));
}

/* ------------------------------------------------------------------ */
/* transactions                                                       */

typedef JlnStoreWriteFunc WriteFunc;

/* Runs @body in one write transaction. On a retryable error (busy lock,
 * serialization failure) the whole transaction runs again, at most
 * JLN_STORE_MAX_ATTEMPTS times: a body must therefore decide everything
 * afresh (it may run twice) and keep its effects on objects for after the
 * commit. Inside a bulk change the body is a savepoint of the caller's
 * transaction, which a retry could not replay: the error goes up. */
static gboolean
run_write (JlnStore  *self,
           WriteFunc  body,
           gpointer   data,
           GError   **error)
{
  if (!jln_store_check_writable (self, error))
    return FALSE;
  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      if (BACKEND (self, begin, JLN_STORE_TX_WRITE, &local_error))
        {
          if (body (self, data, &local_error)
              && BACKEND (self, commit, &local_error))
            return TRUE;
          BACKEND (self, rollback);
        }
      if (!g_error_matches (local_error, JLN_STORE_ERROR, JLN_STORE_ERROR_BUSY)
          || self->bulk_depth > 0
          || attempt >= JLN_STORE_MAX_ATTEMPTS)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_debug ("Write attempt %u was refused (%s); trying again", attempt, local_error->message);
      if (self->retry_hook != NULL)
        self->retry_hook (self, attempt, self->retry_hook_data);
    }
}

void
jln_store_set_retry_hook (JlnStore          *self,
                          JlnStoreRetryHook  hook,
                          gpointer           user_data)
{
  g_return_if_fail (JLN_IS_STORE (self));

  self->retry_hook = hook;
  self->retry_hook_data = user_data;
}

/* The one place that reads the journal's secret. It is kept with the
 * signing seed; when both are encrypted at rest, unlocking goes here. */
static const guint8 *
audit_key (JlnStore  *self,
           GError   **error)
{
  g_autoptr(GBytes) secret = NULL;

  if (self->audit_key_loaded)
    return self->audit_key;
  if (!BACKEND (self, get_audit_secret, &secret, error))
    return NULL;
  if (secret == NULL)
    {
      g_autoptr(JlnKeyVault) vault = NULL;

      /* Protected (schema 8): only a signed-in coach brings the secret. */
      if (!BACKEND (self, get_key_vault, &vault, error))
        return NULL;
      if (vault != NULL)
        {
          g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_LOCKED,
                               _("Nobody is signed in, so nothing can be changed. Sign in first."));
          return NULL;
        }
    }
  if (secret == NULL || g_bytes_get_size (secret) != JLN_AUDIT_KEY_BYTES)
    {
      g_set_error_literal (error, JLN_AUDIT_ERROR, JLN_AUDIT_ERROR_NO_KEY,
                           _("The audit journal’s key is missing from the database, so the journal "
                             "can neither be checked nor continued. Restore a backup."));
      return NULL;
    }
  memcpy (self->audit_key, g_bytes_get_data (secret, NULL), JLN_AUDIT_KEY_BYTES);
  self->audit_key_loaded = TRUE;
  return self->audit_key;
}

/* Appends to the chain inside the caller's transaction, so the event
 * commits or rolls back with the write it records. @actor names a person
 * by id ("coach:12"); NULL means nobody (the demo, a migration): "system".
 * Subjects and details name people by id only, never by name. */
static gboolean
write_audit (JlnStore    *self,
             const char  *actor,
             const char  *action,
             const char  *subject,
             const char  *detail,
             GError     **error)
{
  g_autoptr(GDateTime) at = now_utc ();
  const guint8 *key = audit_key (self, error);

  if (key == NULL)
    return FALSE;
  return jln_store_audit_append (self->backend, key, at, actor && *actor ? actor : "system",
                                 action, subject, detail, error);
}

gboolean
jln_store_run_write (JlnStore           *self,
                     JlnStoreWriteFunc   body,
                     gpointer            data,
                     GError            **error)
{
  return run_write (self, body, data, error);
}

gboolean
jln_store_write_audit (JlnStore    *self,
                       const char  *actor,
                       const char  *action,
                       const char  *subject,
                       const char  *detail,
                       GError     **error)
{
  return write_audit (self, actor, action, subject, detail, error);
}

const guint8 *
jln_store_get_audit_key (JlnStore  *self,
                         GError   **error)
{
  return audit_key (self, error);
}

void
jln_store_unlock_audit (JlnStore *self,
                        GBytes   *secret)
{
  g_return_if_fail (JLN_IS_STORE (self));
  g_return_if_fail (secret != NULL && g_bytes_get_size (secret) == JLN_AUDIT_KEY_BYTES);

  memcpy (self->audit_key, g_bytes_get_data (secret, NULL), JLN_AUDIT_KEY_BYTES);
  self->audit_key_loaded = TRUE;
}

void
jln_store_lock_audit (JlnStore *self)
{
  g_return_if_fail (JLN_IS_STORE (self));

  sodium_memzero (self->audit_key, JLN_AUDIT_KEY_BYTES);
  self->audit_key_loaded = FALSE;
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

/* g_ptr_array_sort() hands pointers to the elements. */
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

static int
compare_participants_ptr (gconstpointer a,
                          gconstpointer b)
{
  return compare_participants (*(gpointer *) a, *(gpointer *) b, NULL);
}

static int
compare_badges_ptr (gconstpointer a,
                    gconstpointer b)
{
  return compare_badges (*(gpointer *) a, *(gpointer *) b, NULL);
}

/* Sorts @items and puts them in place of everything in @store. */
static void
replace_all (GListStore   *store,
             GPtrArray    *items,
             GCompareFunc  compare_ptr)
{
  g_ptr_array_sort (items, compare_ptr);
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

/* ------------------------------------------------------------------ */
/* loading                                                            */

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

static gboolean
load_territories (JlnStore  *self,
                  GError   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (!BACKEND (self, load_territories, items, error))
    return FALSE;
  g_hash_table_remove_all (self->territory_by_id);
  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (self->territory_by_id,
                         id_key (jln_territory_get_id (items->pdata[i])), items->pdata[i]);
  replace_all (self->territories, items, compare_territories_ptr);
  return TRUE;
}

static gboolean
load_coaches (JlnStore  *self,
              GError   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (!BACKEND (self, load_coaches, items, error))
    return FALSE;
  g_hash_table_remove_all (self->coach_by_id);
  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (self->coach_by_id,
                         id_key (jln_coach_get_id (items->pdata[i])), items->pdata[i]);
  replace_all (self->coaches, items, compare_coaches_ptr);
  return TRUE;
}

static gboolean
load_participants (JlnStore  *self,
                   GError   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (!BACKEND (self, load_participants, items, error))
    return FALSE;
  g_hash_table_remove_all (self->participant_by_id);
  for (guint i = 0; i < items->len; i++)
    {
      JlnParticipant *p = items->pdata[i];

      refresh_participant_caches (self, p);
      g_hash_table_insert (self->participant_by_id, id_key (jln_participant_get_id (p)), p);
    }
  replace_all (self->participants, items, compare_participants_ptr);
  return TRUE;
}

static gboolean
load_badges (JlnStore  *self,
             GError   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_hash_table_remove_all (self->badge_of_version);
  if (!BACKEND (self, load_badges, items, self->badge_of_version, error))
    return FALSE;
  g_hash_table_remove_all (self->badge_by_id);
  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (self->badge_by_id,
                         id_key (jln_badge_get_id (items->pdata[i])), items->pdata[i]);
  replace_all (self->badges, items, compare_badges_ptr);
  return TRUE;
}

static gboolean
load_models (JlnStore  *self,
             GError   **error)
{
  gboolean ok;

  /* One read snapshot for the whole load, so counts match the rows. */
  if (!BACKEND (self, begin, JLN_STORE_TX_READ, error))
    return FALSE;
  ok = load_territories (self, error)
       && load_coaches (self, error)
       && load_participants (self, error)
       && load_badges (self, error);
  if (ok)
    ok = BACKEND (self, commit, error);
  else
    BACKEND (self, rollback);
  return ok;
}

/* Another process (a second window, the CLI) committed: the live models
 * are rebuilt from the database. */
static void
on_changed_elsewhere (JlnStoreBackend *backend,
                      guint            aggregates,
                      JlnStore        *self)
{
  g_autoptr(GError) error = NULL;

  if (self->bulk_depth > 0)
    {
      self->bulk_dirty = TRUE;
      return;
    }
  if (!load_models (self, &error))
    g_warning ("Reloading the lists after a change elsewhere failed: %s", error->message);
}

/* ------------------------------------------------------------------ */
/* object                                                             */

static void
jln_store_dispose (GObject *object)
{
  JlnStore *self = (JlnStore *) object;

  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_data (self->backend, self);
  g_clear_object (&self->backend);
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

  g_free (self->path);
  sodium_free (self->audit_key);
  g_clear_error (&self->damage_error);

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
  self->territories = g_list_store_new (JLN_TYPE_TERRITORY);
  self->coaches = g_list_store_new (JLN_TYPE_COACH);
  self->participants = g_list_store_new (JLN_TYPE_PARTICIPANT);
  self->badges = g_list_store_new (JLN_TYPE_BADGE);
  self->territory_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->coach_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->participant_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->badge_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->badge_of_version = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  jln_ob_crypto_init ();
  self->audit_key = sodium_malloc (JLN_AUDIT_KEY_BYTES);
  if (self->audit_key == NULL)
    g_error ("no memory for the journal key");
}

/* ------------------------------------------------------------------ */
/* opening                                                            */

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
  return jln_sqlite_latest_schema_version ();
}

/* Steps of a migration that need the facade (JlnStoreUpgradeFunc). */
static gboolean
upgrade_schema (JlnStoreBackend  *backend,
                int               version,
                gpointer          user_data,
                GError          **error)
{
  switch (version)
    {
    case 4:
      return jln_store_audit_start_chain (backend, error);
    default:
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_MIGRATION,
                   _("Jalons could not prepare the database to format %d (%s)."),
                   version, "unknown upgrade step");
      return FALSE;
    }
}

JlnStore *
jln_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(JlnStore) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (JLN_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->backend = jln_sqlite_backend_open (path, upgrade_schema, self, error);
  if (self->backend == NULL)
    return NULL;
  g_signal_connect (self->backend, "changed-elsewhere", G_CALLBACK (on_changed_elsewhere), self);

  /* An older schema is left only in a damaged file (it cannot be
   * updated), and cannot be read. */
  if (BACKEND (self, get_schema_version) < jln_store_latest_schema_version ()
      && !jln_store_check_writable (self, error))
    return NULL;

  if (!load_models (self, &local_error))
    {
      /* Damage explains a failed load better than the load's own error. */
      if (!jln_store_check_writable (self, error))
        return NULL;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&self);
}

gboolean
jln_store_restore_backup_at (const char  *path,
                             const char  *backup_path,
                             const char  *actor,
                             char       **out_kept_path,
                             GError     **error)
{
  g_autoptr(JlnStore) self = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  /* Opened as jln_store_open() does, minus the lists: they are what a
   * damaged file may fail to give, and the restore reloads them. */
  self = g_object_new (JLN_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->backend = jln_sqlite_backend_open (path, upgrade_schema, self, error);
  if (self->backend == NULL)
    return FALSE;
  g_signal_connect (self->backend, "changed-elsewhere", G_CALLBACK (on_changed_elsewhere), self);
  return jln_store_restore_backup (self, backup_path, actor, out_kept_path, error);
}

gboolean
jln_store_check_writable (JlnStore  *self,
                          GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!self->damage_known)
    {
      self->damage_known = TRUE;
      if (BACKEND (self, get_damage) != NULL)
        self->damage_error = jln_store_new_damage_error (self);
    }
  if (self->damage_error == NULL)
    return TRUE;
  g_propagate_error (error, g_error_copy (self->damage_error));
  return FALSE;
}

JlnStoreBackend *
jln_store_get_backend (JlnStore *self)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  return self->backend;
}

gboolean
jln_store_reload_after_restore (JlnStore  *self,
                                GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  g_clear_error (&self->damage_error);
  self->damage_known = FALSE;
  /* The restored file has its own journal key (and maybe its own vault:
   * whoever restores signs in again). */
  jln_store_lock_audit (self);
  return load_models (self, error);
}

void
jln_store_set_busy_timeout (JlnStore *self,
                            guint     timeout_ms)
{
  g_return_if_fail (JLN_IS_STORE (self));

  BACKEND (self, set_busy_timeout, timeout_ms);
}

const char *
jln_store_get_backup_path (JlnStore *self)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  return JLN_STORE_BACKEND_GET_IFACE (self->backend)->get_backup_path (self->backend);
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

  return JLN_STORE_BACKEND_GET_IFACE (self->backend)->get_schema_version (self->backend);
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

gboolean
jln_store_poll_changes (JlnStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  /* The backend emits changed-elsewhere, which reloads (on_changed_elsewhere). */
  return JLN_STORE_BACKEND_GET_IFACE (self->backend)->poll_changes (self->backend, error);
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
/* rules shared by the writes                                         */

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

/* Replaces the backend's generic constraint message with @message. */
static gboolean
reword_constraint (GError     **error,
                   const char  *message)
{
  if (error != NULL && g_error_matches (*error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT))
    {
      g_clear_error (error);
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT, message);
    }
  return FALSE;
}

static gboolean
require_ref (JlnStore     *self,
             JlnStoreRef   ref,
             gint64        id,
             const char   *message,
             GError      **error)
{
  gboolean found;

  if (id <= 0)
    return TRUE;
  if (!BACKEND (self, ref_exists, ref, id, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT, message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* territories, coaches                                               */

typedef struct {
  gpointer object; /* JlnTerritory or JlnCoach */
  const char *actor;
  gint64 id;
} AddNamed;

static gboolean
add_territory_tx (JlnStore  *self,
                  gpointer   data,
                  GError   **error)
{
  AddNamed *op = data;
  g_autofree char *subject = NULL;
  g_autofree char *message = NULL;

  if (!BACKEND (self, insert_territory, op->object, &op->id, error))
    {
      message = g_strdup_printf (_("There is already a territory called “%s”."),
                                 jln_territory_get_name (op->object));
      return reword_constraint (error, message);
    }
  subject = g_strdup_printf ("territory:%" G_GINT64_FORMAT, op->id);
  /* A place, not a person: its name may stay in the journal. */
  return write_audit (self, op->actor, "territory.create", subject,
                      jln_territory_get_name (op->object), error);
}

gboolean
jln_store_add_territory (JlnStore      *self,
                         JlnTerritory  *territory,
                         const char    *actor,
                         GError       **error)
{
  AddNamed op = { territory, actor, 0 };

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (JLN_IS_TERRITORY (territory), FALSE);

  if (!require_text (jln_territory_get_name (territory), _("A territory needs a name."), error))
    return FALSE;
  if (!run_write (self, add_territory_tx, &op, error))
    return FALSE;

  jln_territory_set_id (territory, op.id);
  if (live (self))
    {
      g_hash_table_insert (self->territory_by_id, id_key (op.id), territory);
      g_list_store_insert_sorted (self->territories, territory, compare_territories, NULL);
    }
  return TRUE;
}

gboolean
jln_store_insert_coach_tx (JlnStore    *self,
                           JlnCoach    *coach,
                           const char  *actor,
                           gint64      *out_id,
                           GError     **error)
{
  g_autofree char *subject = NULL;

  if (!require_text (jln_coach_get_name (coach), _("A coach needs a name."), error))
    return FALSE;
  if (!BACKEND (self, insert_coach, coach, out_id, error))
    return reword_constraint (error, _("This coach’s territory does not exist any more."));
  subject = g_strdup_printf ("coach:%" G_GINT64_FORMAT, *out_id);
  /* The coach's name stays in their record, out of the journal. */
  return write_audit (self, actor, "coach.create", subject, NULL, error);
}

static gboolean
add_coach_tx (JlnStore  *self,
              gpointer   data,
              GError   **error)
{
  AddNamed *op = data;

  return jln_store_insert_coach_tx (self, op->object, op->actor, &op->id, error);
}

void
jln_store_add_coach_to_models (JlnStore *self,
                               JlnCoach *coach)
{
  if (live (self))
    {
      g_hash_table_insert (self->coach_by_id, id_key (jln_coach_get_id (coach)), coach);
      g_list_store_insert_sorted (self->coaches, coach, compare_coaches, NULL);
    }
}

gboolean
jln_store_add_coach (JlnStore    *self,
                     JlnCoach    *coach,
                     const char  *actor,
                     GError     **error)
{
  AddNamed op = { coach, actor, 0 };

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (JLN_IS_COACH (coach), FALSE);

  if (!require_text (jln_coach_get_name (coach), _("A coach needs a name."), error))
    return FALSE;
  if (!run_write (self, add_coach_tx, &op, error))
    return FALSE;

  jln_coach_set_id (coach, op.id);
  jln_store_add_coach_to_models (self, coach);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* participants                                                       */

/* 128 bits from the system's generator, in hex. The salt is what keeps
 * a person's identity hash from being recomputed from their e-mail, so it
 * must not come from g_random (a Mersenne Twister whose output can be
 * predicted from earlier outputs). */
static char *
random_salt (void)
{
  guint8 bytes[16];
  char hex[sizeof bytes * 2 + 1];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2hex (hex, sizeof hex, bytes, sizeof bytes);
  return g_strdup (hex);
}

static gboolean
validate_participant (JlnStore        *self,
                      JlnParticipant  *participant,
                      GError         **error)
{
  return require_text (jln_participant_get_first_name (participant),
                       _("A participant needs a first name."), error)
         && require_ref (self, JLN_STORE_REF_TERRITORY, jln_participant_get_territory_id (participant),
                         _("The participant’s territory does not exist any more."), error)
         && require_ref (self, JLN_STORE_REF_COACH, jln_participant_get_coach_id (participant),
                         _("The participant’s coach does not exist any more."), error);
}

/* The fields a coach edits, from @src to @dst (the live object). A new
 * participant field is copied here too. */
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
  jln_participant_set_consents_answered_on (dst, jln_participant_get_consents_answered_on (src));
  jln_participant_set_archived (dst, jln_participant_get_archived (src));
}

typedef struct {
  JlnParticipant *participant;
  const char *actor;
  const char *salt;
  gint64 id;
} ParticipantOp;

static gboolean
add_participant_tx (JlnStore  *self,
                    gpointer   data,
                    GError   **error)
{
  ParticipantOp *op = data;
  g_autofree char *subject = NULL;

  if (!validate_participant (self, op->participant, error)
      || !BACKEND (self, insert_participant, op->participant, op->salt, &op->id, error))
    return FALSE;
  subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT, op->id);
  return write_audit (self, op->actor, "participant.create", subject, NULL, error);
}

gboolean
jln_store_add_participant (JlnStore        *self,
                           JlnParticipant  *participant,
                           const char      *actor,
                           GError         **error)
{
  g_autofree char *salt = NULL;
  ParticipantOp op = { participant, actor, NULL, 0 };

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (JLN_IS_PARTICIPANT (participant), FALSE);

  if (jln_participant_get_id (participant) != 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This participant is already saved."));
      return FALSE;
    }

  /* A salt given by the caller (the demo, an import) is kept, so the
   * recipient hash of already-issued badges stays valid. */
  salt = g_strdup (jln_participant_get_recipient_salt (participant));
  if (salt == NULL || *salt == '\0')
    {
      g_free (salt);
      salt = random_salt ();
    }
  op.salt = salt;
  if (!run_write (self, add_participant_tx, &op, error))
    return FALSE;

  jln_participant_set_id (participant, op.id);
  jln_participant_set_recipient_salt (participant, salt);
  if (live (self))
    {
      refresh_participant_caches (self, participant);
      if (!jln_participant_get_archived (participant))
        {
          g_hash_table_insert (self->participant_by_id, id_key (op.id), participant);
          g_list_store_insert_sorted (self->participants, participant, compare_participants, NULL);
        }
      g_signal_emit (self, signals[PARTICIPANT_CHANGED], 0, op.id);
    }
  return TRUE;
}

/* Puts the live object back as the database has it (after a failed save of
 * an object the UI edited in place). */
static void
restore_participant (JlnStore *self,
                     gint64    id)
{
  JlnParticipant *live_p = g_hash_table_lookup (self->participant_by_id, &id);
  g_autoptr(JlnParticipant) stored = NULL;

  if (live_p == NULL)
    return;
  stored = BACKEND (self, get_participant, id, NULL);
  if (stored == NULL)
    return;
  copy_participant (live_p, stored);
  refresh_participant_caches (self, live_p);
}

/* "internal:1 kiosk:0 print:1 online:0", the consents @now holds, or NULL
 * when none differs from @before. */
static char *
describe_consent_change (JlnParticipant *before,
                         JlnParticipant *now)
{
  if (jln_participant_get_consent_internal (before) == jln_participant_get_consent_internal (now)
      && jln_participant_get_consent_kiosk (before) == jln_participant_get_consent_kiosk (now)
      && jln_participant_get_consent_print (before) == jln_participant_get_consent_print (now)
      && jln_participant_get_consent_online (before) == jln_participant_get_consent_online (now))
    return NULL;
  return g_strdup_printf ("internal:%d kiosk:%d print:%d online:%d",
                          jln_participant_get_consent_internal (now) ? 1 : 0,
                          jln_participant_get_consent_kiosk (now) ? 1 : 0,
                          jln_participant_get_consent_print (now) ? 1 : 0,
                          jln_participant_get_consent_online (now) ? 1 : 0);
}

static gboolean
update_participant_tx (JlnStore  *self,
                       gpointer   data,
                       GError   **error)
{
  ParticipantOp *op = data;
  g_autoptr(JlnParticipant) stored = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *consents = NULL;

  if (!validate_participant (self, op->participant, error))
    return FALSE;
  /* The consents as saved until now, to journal a change of them. */
  if ((stored = BACKEND (self, get_participant, op->id, error)) == NULL)
    return FALSE;
  /* Writing names back into an erased file would undo the erasure. */
  if (jln_participant_get_erased (stored))
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This participant’s personal data was erased: their file can no longer be edited."));
      return FALSE;
    }
  if (!BACKEND (self, update_participant, op->participant, error))
    return FALSE;
  subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT, op->id);
  if (!write_audit (self, op->actor, "participant.update", subject, NULL, error))
    return FALSE;
  consents = describe_consent_change (stored, op->participant);
  return consents == NULL
         || write_audit (self, op->actor, "consent.update", subject, consents, error);
}

gboolean
jln_store_update_participant (JlnStore        *self,
                              JlnParticipant  *participant,
                              const char      *actor,
                              GError         **error)
{
  ParticipantOp op = { participant, actor, NULL, 0 };
  JlnParticipant *live_p;
  gint64 id;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (JLN_IS_PARTICIPANT (participant), FALSE);

  id = op.id = jln_participant_get_id (participant);
  if (!run_write (self, update_participant_tx, &op, error))
    {
      restore_participant (self, id);
      return FALSE;
    }

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
}

static gboolean
archive_participant_tx (JlnStore  *self,
                        gpointer   data,
                        GError   **error)
{
  ParticipantOp *op = data;
  g_autofree char *subject = NULL;

  if (!BACKEND (self, archive_participant, op->id, error))
    return FALSE;
  subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT, op->id);
  return write_audit (self, op->actor, "participant.archive", subject, NULL, error);
}

static gboolean
restore_participant_tx (JlnStore  *self,
                        gpointer   data,
                        GError   **error)
{
  ParticipantOp *op = data;
  g_autofree char *subject = NULL;

  if (!BACKEND (self, unarchive_participant, op->id, error))
    return FALSE;
  subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT, op->id);
  return write_audit (self, op->actor, "participant.restore", subject, NULL, error);
}

gboolean
jln_store_restore_participant (JlnStore    *self,
                               gint64       participant_id,
                               const char  *actor,
                               GError     **error)
{
  ParticipantOp op = { NULL, actor, NULL, participant_id };

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!run_write (self, restore_participant_tx, &op, error))
    return FALSE;
  if (live (self) && g_hash_table_lookup (self->participant_by_id, &participant_id) == NULL)
    {
      g_autoptr(JlnParticipant) p = BACKEND (self, get_participant, participant_id, NULL);

      if (p != NULL)
        {
          refresh_participant_caches (self, p);
          g_hash_table_insert (self->participant_by_id, id_key (participant_id), p);
          g_list_store_insert_sorted (self->participants, p, compare_participants, NULL);
        }
    }
  if (live (self))
    g_signal_emit (self, signals[PARTICIPANT_CHANGED], 0, participant_id);
  return TRUE;
}

static GListModel *to_list (GType type, GPtrArray *items);

static int
compare_badge_names_ptr (gconstpointer a,
                         gconstpointer b)
{
  return g_utf8_collate (jln_badge_get_name (*(JlnBadge **) a), jln_badge_get_name (*(JlnBadge **) b));
}

GListModel *
jln_store_list_archived_badges (JlnStore  *self,
                                GError   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  if (!BACKEND (self, load_archived_badges, items, error))
    return NULL;
  g_ptr_array_sort (items, compare_badge_names_ptr);
  return to_list (JLN_TYPE_BADGE, items);
}

GListModel *
jln_store_list_archived_participants (JlnStore  *self,
                                      GError   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  if (!BACKEND (self, load_archived_participants, items, error))
    return NULL;
  g_ptr_array_sort (items, compare_participants_ptr);
  return to_list (JLN_TYPE_PARTICIPANT, items);
}

gboolean
jln_store_archive_participant (JlnStore    *self,
                               gint64       participant_id,
                               const char  *actor,
                               GError     **error)
{
  ParticipantOp op = { NULL, actor, NULL, participant_id };

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!run_write (self, archive_participant_tx, &op, error))
    return FALSE;

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
}

/* ------------------------------------------------------------------ */
/* erasure and retention                                              */

typedef struct {
  gint64 id;
  const char *actor;
  /* read by the transaction: the files the erased rows pointed to */
  GPtrArray *files;
} EraseOp;

static void
set_no_such_participant (gint64   id,
                         GError **error)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  /* TRANSLATORS: %s is a participant's number */
  g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
               _("There is no participant number %s, so nothing was erased."), number);
}

/* What is erased and what is kept, field by field (the SQL is the
 * backend's erase_participant()):
 *
 * participant
 *   first and last name   erased; the row is named "#<id>" (the schema
 *                         needs a first name; the UI shows "Personal data
 *                         erased" from the "erased" property instead)
 *   e-mail, photo         erased (the photo file deleted)
 *   recipient salt        erased: with the e-mail it would let anyone
 *                         recompute the credentials' identity hash
 *   consents              withdrawn (nobody is left to consent)
 *   entry date            kept as its month only (reports: time to first
 *                         badge, entries per month)
 *   territory, coach      kept (reports per territory and coach)
 *   archived              set; erased_at records when
 * each award
 *   badge version, coach, date, status, revocation date
 *                         kept (reports, the person's history in numbers)
 *   credential id, status-list index
 *                         kept, so the published revocation list still
 *                         says which issued credentials are revoked
 *   evidence note, evidence files
 *                         erased (the files deleted)
 *   revoke reason         erased: a coach's free text, may name the person
 *   criteria met          kept only where it is the badge version's own
 *                         criterion text (catalogue wording, not personal)
 *   signed credential     erased: it holds the salted identity hash, the
 *                         evidence and the shared notes; the person keeps
 *                         the copies they were given, which still verify
 *                         (the revocation list stays published)
 *
 * The journal keeps its rows (the chain cannot be rewritten) and gets
 * "participant.erase": no erased value in it. */
static gboolean
erase_participant_tx (JlnStore  *self,
                      gpointer   data,
                      GError   **error)
{
  EraseOp *op = data;
  g_autoptr(JlnParticipant) stored = NULL;
  g_autoptr(GPtrArray) awards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = now_utc ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *placeholder = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *detail = NULL;

  /* A retry starts afresh. */
  g_ptr_array_set_size (op->files, 0);

  stored = BACKEND (self, get_participant, op->id, &local_error);
  if (stored == NULL)
    {
      if (g_error_matches (local_error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND))
        set_no_such_participant (op->id, error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (jln_participant_get_erased (stored))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, op->id);

      /* TRANSLATORS: %s is a participant's number */
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                   _("The personal data of participant number %s was already erased."), number);
      return FALSE;
    }
  if (!BACKEND (self, list_awards_for_participant, op->id, awards, error))
    return FALSE;

  if (jln_participant_get_photo_path (stored) != NULL && *jln_participant_get_photo_path (stored) != '\0')
    g_ptr_array_add (op->files, g_strdup (jln_participant_get_photo_path (stored)));
  for (guint i = 0; i < awards->len; i++)
    {
      const char * const *files = jln_award_get_evidence_files (g_ptr_array_index (awards, i));

      for (guint j = 0; files != NULL && files[j] != NULL; j++)
        g_ptr_array_add (op->files, g_strdup (files[j]));
    }

  placeholder = g_strdup_printf ("#%" G_GINT64_FORMAT, op->id);
  if (!BACKEND (self, erase_participant, op->id, placeholder, now, error))
    return FALSE;
  subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT, op->id);
  /* Counts only: what was erased must not reappear here. */
  detail = g_strdup_printf ("awards:%u files:%u", awards->len, op->files->len);
  return write_audit (self, op->actor, "participant.erase", subject, detail, error);
}

/* After the commit: the live object, if any, shows the erased file and
 * leaves the list (an erased participant is archived). */
static void
forget_live_participant (JlnStore *self,
                         gint64    id)
{
  JlnParticipant *live_p = g_hash_table_lookup (self->participant_by_id, &id);
  g_autoptr(JlnParticipant) stored = NULL;
  guint position;

  if (live_p == NULL)
    return;
  g_object_ref (live_p);
  if ((stored = BACKEND (self, get_participant, id, NULL)) != NULL)
    {
      copy_participant (live_p, stored);
      jln_participant_set_recipient_salt (live_p, jln_participant_get_recipient_salt (stored));
      jln_participant_set_erased (live_p, TRUE);
      refresh_participant_caches (self, live_p);
    }
  if (g_list_store_find (self->participants, live_p, &position))
    g_list_store_remove (self->participants, position);
  g_hash_table_remove (self->participant_by_id, &id);
  g_object_unref (live_p);
}

/* Deletes the attachments behind @paths; says how many could not go. */
static gboolean
remove_erased_files (JlnStore   *self,
                     GPtrArray  *paths,
                     GError    **error)
{
  g_autoptr(GError) first_error = NULL;
  guint n_failed = 0;
  guint n_foreign = 0;

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *name = jln_store_dup_attachment_name (self, path);
      g_autoptr(GError) local_error = NULL;

      if (name == NULL)
        n_foreign++;
      else if (!jln_store_remove_attachment (self, name, &local_error))
        {
          n_failed++;
          if (first_error == NULL)
            first_error = g_steal_pointer (&local_error);
        }
    }
  if (n_failed > 0)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The personal data was erased from the database, but %u attached file "
                                "could not be deleted: %s",
                                "The personal data was erased from the database, but %u attached files "
                                "could not be deleted: %s", n_failed),
                   n_failed, first_error->message);
      return FALSE;
    }
  if (n_foreign > 0)
    {
      /* Not ours to delete (an older layout, a file picked elsewhere), but
       * the coach must know it still exists. */
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The personal data was erased from the database, but %u file it referred "
                                "to is outside Jalons’s folder and was left where it is: delete it by hand.",
                                "The personal data was erased from the database, but %u files it referred "
                                "to are outside Jalons’s folder and were left where they are: delete them by hand.",
                                n_foreign),
                   n_foreign);
      return FALSE;
    }
  return TRUE;
}

gboolean
jln_store_erase_participant (JlnStore    *self,
                             gint64       participant_id,
                             const char  *actor,
                             GError     **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) files_error = NULL;
  EraseOp op = { participant_id, actor, files };

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (participant_id <= 0)
    {
      set_no_such_participant (participant_id, error);
      return FALSE;
    }
  /* Compacting needs the file to itself, outside any transaction. */
  if (self->bulk_depth > 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_FAILED,
                           _("Personal data cannot be erased in the middle of an import."));
      return FALSE;
    }
  if (!run_write (self, erase_participant_tx, &op, error))
    return FALSE;

  forget_live_participant (self, participant_id);
  g_signal_emit (self, signals[PARTICIPANT_CHANGED], 0, participant_id);

  /* The rows are erased; now their traces: the files, then the old page
   * versions in the WAL and the free pages of the database file. Both
   * are tried whatever the other does, and both failures are told. */
  if (!remove_erased_files (self, files, &files_error))
    {
      g_autoptr(GError) compact_error = NULL;

      if (!BACKEND (self, compact, &compact_error))
        g_prefix_error (&files_error, "%s ", compact_error->message);
      g_propagate_error (error, g_steal_pointer (&files_error));
      return FALSE;
    }
  return BACKEND (self, compact, error);
}

gboolean
jln_store_compact (JlnStore  *self,
                   GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!jln_store_check_writable (self, error))
    return FALSE;
  if (self->bulk_depth > 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_FAILED,
                           _("The database cannot be compacted in the middle of an import."));
      return FALSE;
    }
  return BACKEND (self, compact, error);
}

/* A hundred years: beyond it the date arithmetic would leave GDateTime's
 * range, and no retention period is that long. */
#define MAX_RETENTION_MONTHS 1200

GArray *
jln_store_list_erasure_candidates (JlnStore   *self,
                                   guint       months,
                                   GDateTime  *now,
                                   GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GDateTime) cutoff = NULL;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  /* 0: keep files for ever, nobody is proposed. */
  if (months == 0)
    return g_steal_pointer (&ids);
  if (months > MAX_RETENTION_MONTHS
      || (cutoff = g_date_time_add_months (now, -(int) months)) == NULL)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                   _("A retention period of %u months is too long: choose at most %u months, "
                     "or 0 to keep files without limit."), months, MAX_RETENTION_MONTHS);
      return NULL;
    }
  if (!BACKEND (self, list_inactive_participants, cutoff, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

JlnParticipant *
jln_store_get_participant (JlnStore  *self,
                           gint64     participant_id,
                           GError   **error)
{
  JlnParticipant *p;

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  p = BACKEND (self, get_participant, participant_id, error);
  if (p != NULL)
    refresh_participant_caches (self, p);
  return p;
}

/* ------------------------------------------------------------------ */
/* badges                                                             */

static gboolean
validate_badge (JlnStore  *self,
                JlnBadge  *badge,
                GError   **error)
{
  g_autofree char *clash = NULL;
  const char *slug = jln_badge_get_slug (badge);
  GListModel *criteria = jln_badge_get_criteria (badge);
  gboolean same_slug;

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

  if (!BACKEND (self, find_badge_clash, badge, &clash, &same_slug, error))
    return FALSE;
  if (clash != NULL)
    {
      if (same_slug)
        g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                     _("This badge identifier is already used by another badge (slug “%s”)."),
                     slug);
      else
        g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                     _("This badge name is already used by another badge (slug “%s”)."),
                     clash);
      return FALSE;
    }
  for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);

      if (!require_text (jln_criterion_get_text (c), _("A criterion cannot be empty."), error))
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  JlnBadge *badge;
  const char *actor;
  gboolean force_new_version;
  /* decided by the transaction */
  gint64 badge_id;
  gint64 version_id;
  gint64 new_version_id;
  guint version;
  GDateTime *created_at;
} BadgeOp;

static void
badge_op_clear (BadgeOp *op)
{
  g_clear_pointer (&op->created_at, g_date_time_unref);
}

static gboolean
add_badge_tx (JlnStore  *self,
              gpointer   data,
              GError   **error)
{
  BadgeOp *op = data;
  g_autofree char *subject = NULL;

  g_clear_pointer (&op->created_at, g_date_time_unref);
  op->created_at = now_utc ();
  if (!validate_badge (self, op->badge, error)
      || !BACKEND (self, insert_badge, op->badge, &op->badge_id, error)
      || !BACKEND (self, insert_badge_version, op->badge, op->badge_id, 1, op->created_at,
                   &op->version_id, error)
      || !BACKEND (self, update_badge_head, op->badge_id, NULL,
                   jln_badge_get_status (op->badge), op->version_id, error))
    return FALSE;
  subject = g_strdup_printf ("badge:%" G_GINT64_FORMAT, op->badge_id);
  if (!write_audit (self, op->actor, "badge.create", subject, jln_badge_get_name (op->badge), error))
    return FALSE;
  return jln_badge_get_status (op->badge) != JLN_BADGE_STATUS_ACTIVE
         || write_audit (self, op->actor, "badge.publish", subject,
                         jln_badge_status_to_string (JLN_BADGE_STATUS_ACTIVE), error);
}

gboolean
jln_store_add_badge (JlnStore    *self,
                     JlnBadge    *badge,
                     const char  *actor,
                     GError     **error)
{
  BadgeOp op = { badge, actor, FALSE, 0, 0, 0, 0, NULL };
  gboolean ok;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (JLN_IS_BADGE (badge), FALSE);

  if (jln_badge_get_id (badge) != 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This badge is already saved."));
      return FALSE;
    }
  ok = run_write (self, add_badge_tx, &op, error);
  if (ok)
    {
      jln_badge_set_id (badge, op.badge_id);
      jln_badge_set_version_id (badge, op.version_id);
      jln_badge_set_version (badge, 1);
      jln_badge_set_created_at (badge, op.created_at);
      for (guint i = 0; i < g_list_model_get_n_items (jln_badge_get_criteria (badge)); i++)
        {
          g_autoptr(JlnCriterion) c = g_list_model_get_item (jln_badge_get_criteria (badge), i);
          jln_criterion_set_position (c, i);
        }
      if (live (self))
        {
          g_hash_table_insert (self->badge_of_version, id_key (op.version_id),
                               g_memdup2 (&op.badge_id, sizeof op.badge_id));
          if (jln_badge_get_status (badge) != JLN_BADGE_STATUS_ARCHIVED)
            {
              g_hash_table_insert (self->badge_by_id, id_key (op.badge_id), badge);
              g_list_store_insert_sorted (self->badges, badge, compare_badges, NULL);
            }
          g_signal_emit (self, signals[BADGE_CHANGED], 0, op.badge_id);
        }
    }
  badge_op_clear (&op);
  return ok;
}

guint
jln_store_count_awards_of_version (JlnStore  *self,
                                   gint64     version_id,
                                   GError   **error)
{
  guint n = 0;

  g_return_val_if_fail (JLN_IS_STORE (self), 0);

  if (!BACKEND (self, count_awards_of_version, version_id, &n, error))
    return 0;
  return n;
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
  g_autoptr(JlnBadge) stored = NULL;

  if (badge == NULL)
    return;
  stored = BACKEND (self, get_current_badge, badge_id, NULL);
  if (stored != NULL)
    copy_badge (badge, stored);
}

static gboolean
update_badge_tx (JlnStore  *self,
                 gpointer   data,
                 GError   **error)
{
  BadgeOp *op = data;
  g_autoptr(JlnBadge) current = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *detail = NULL;
  guint n_awards = 0;

  op->new_version_id = 0;
  g_clear_pointer (&op->created_at, g_date_time_unref);
  if (!validate_badge (self, op->badge, error))
    return FALSE;

  /* The database, not the object, says which version is current: the UI
   * may hold an older copy. */
  current = BACKEND (self, get_current_badge, op->badge_id, error);
  if (current == NULL)
    return FALSE;
  op->version_id = jln_badge_get_version_id (current);
  op->version = jln_badge_get_version (current);
  if (!BACKEND (self, count_awards_of_version, op->version_id, &n_awards, error))
    return FALSE;

  if (n_awards > 0 || op->force_new_version)
    {
      /* Awarded people keep the version they earned; edits make a new one. */
      op->version += 1;
      op->created_at = now_utc ();
      if (!BACKEND (self, insert_badge_version, op->badge, op->badge_id, op->version,
                    op->created_at, &op->new_version_id, error))
        return FALSE;
      detail = g_strdup_printf ("version %u", op->version);
    }
  else
    {
      /* An edit in place keeps the version's date. */
      if (jln_badge_get_created_at (current) != NULL)
        op->created_at = g_date_time_ref (jln_badge_get_created_at (current));
      if (!BACKEND (self, update_badge_version, op->version_id, op->badge, error))
        return FALSE;
    }
  if (!BACKEND (self, update_badge_head, op->badge_id, jln_badge_get_slug (op->badge),
                jln_badge_get_status (op->badge), op->new_version_id, error))
    return FALSE;

  subject = g_strdup_printf ("badge:%" G_GINT64_FORMAT, op->badge_id);
  if (!write_audit (self, op->actor, op->new_version_id ? "badge.version" : "badge.update",
                    subject, detail ? detail : jln_badge_get_name (op->badge), error))
    return FALSE;
  return jln_badge_get_status (current) == JLN_BADGE_STATUS_ACTIVE
         || jln_badge_get_status (op->badge) != JLN_BADGE_STATUS_ACTIVE
         || write_audit (self, op->actor, "badge.publish", subject,
                         jln_badge_status_to_string (JLN_BADGE_STATUS_ACTIVE), error);
}

static gboolean
update_badge (JlnStore    *self,
              JlnBadge    *badge,
              gboolean     force_new_version,
              const char  *actor,
              GError     **error)
{
  BadgeOp op = { badge, actor, force_new_version, 0, 0, 0, 0, NULL };
  gint64 badge_id;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (JLN_IS_BADGE (badge), FALSE);

  badge_id = op.badge_id = jln_badge_get_id (badge);
  if (!run_write (self, update_badge_tx, &op, error))
    {
      badge_op_clear (&op);
      restore_badge (self, badge_id);
      return FALSE;
    }

  jln_badge_set_version_id (badge, op.new_version_id ? op.new_version_id : op.version_id);
  jln_badge_set_version (badge, op.version);
  jln_badge_set_created_at (badge, op.created_at);
  if (live (self))
    {
      JlnBadge *live_b = g_hash_table_lookup (self->badge_by_id, &badge_id);

      if (op.new_version_id)
        g_hash_table_insert (self->badge_of_version, id_key (op.new_version_id),
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
  badge_op_clear (&op);
  return TRUE;
}

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

typedef struct {
  gint64 badge_id;
  JlnBadgeStatus status;
  const char *actor;
} BadgeStatusOp;

static gboolean
set_badge_status_tx (JlnStore  *self,
                     gpointer   data,
                     GError   **error)
{
  BadgeStatusOp *op = data;
  g_autofree char *subject = NULL;

  if (!BACKEND (self, update_badge_head, op->badge_id, NULL, op->status, 0, error))
    return FALSE;
  subject = g_strdup_printf ("badge:%" G_GINT64_FORMAT, op->badge_id);
  /* Publishing (the badge can be awarded from now on) is its own event. */
  return write_audit (self, op->actor, op->status == JLN_BADGE_STATUS_ACTIVE ? "badge.publish" : "badge.status",
                      subject, jln_badge_status_to_string (op->status), error);
}

gboolean
jln_store_set_badge_status (JlnStore        *self,
                            gint64           badge_id,
                            JlnBadgeStatus   status,
                            const char      *actor,
                            GError         **error)
{
  BadgeStatusOp op = { badge_id, status, actor };

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!run_write (self, set_badge_status_tx, &op, error))
    return FALSE;

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
}

/* A GListStore of @type holding @items. */
static GListModel *
to_list (GType      type,
         GPtrArray *items)
{
  GListStore *list = g_list_store_new (type);

  g_list_store_splice (list, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (list);
}

GListModel *
jln_store_list_badge_versions (JlnStore  *self,
                               gint64     badge_id,
                               GError   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  if (!BACKEND (self, list_badge_versions, badge_id, items, error))
    return NULL;
  return to_list (JLN_TYPE_BADGE, items);
}

GHashTable *
jln_store_count_holders_by_territory (JlnStore  *self,
                                      gint64     badge_id,
                                      GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  return BACKEND (self, count_holders_by_territory, badge_id, error);
}

JlnBadge *
jln_store_get_badge_version (JlnStore  *self,
                             gint64     version_id,
                             GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  return BACKEND (self, get_badge_version, version_id, error);
}

/* ------------------------------------------------------------------ */
/* awards                                                             */

JlnAward *
jln_store_get_award (JlnStore  *self,
                     gint64     award_id,
                     GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  return BACKEND (self, get_award, award_id, error);
}

GListModel *
jln_store_list_awards_for_participant (JlnStore  *self,
                                       gint64     participant_id,
                                       GError   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  if (!BACKEND (self, list_awards_for_participant, participant_id, items, error))
    return NULL;
  return to_list (JLN_TYPE_AWARD, items);
}

/* Keeps the live counters in step with one award becoming active (+1) or
 * not (-1). A participant's count is of distinct badges (schema 9): a new
 * version of a badge they hold changes nothing, so it is read back. */
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
    {
      g_autoptr(JlnParticipant) stored = BACKEND (self, get_participant, participant_id, NULL);

      if (stored != NULL)
        jln_participant_set_badge_count (p, jln_participant_get_badge_count (stored));
    }
  if (badge != NULL)
    jln_badge_set_holder_count (badge, MAX (0, (int) jln_badge_get_holder_count (badge) + delta));
}

static char *
random_urn (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat ("urn:uuid:", uuid, NULL);
}

/* "Camille D.": how the journal and the refusals name a participant. */
static char *
short_name (const char *first_name,
            const char *last_name)
{
  g_autofree char *initial = g_utf8_substring (last_name ? last_name : "", 0, 1);

  return g_strconcat (first_name, " ", initial, ".", NULL);
}

typedef struct {
  JlnAward *award;
  const char *actor;
  JlnAwardSealFunc seal;
  gpointer seal_data;
  /* as the caller handed them, put back on failure */
  char *caller_urn;
  GDateTime *awarded_on;
  /* decided by the transaction */
  gint64 award_id;
  gboolean award_touched;
  GBytes *credential;
} AwardOp;

static void
award_op_clear (AwardOp *op)
{
  g_clear_pointer (&op->caller_urn, g_free);
  g_clear_pointer (&op->awarded_on, g_date_time_unref);
  g_clear_pointer (&op->credential, g_bytes_unref);
}

/* The award rules, in one transaction: the participant and the version
 * exist, the coach exists, the version is not already held (one active
 * award per version), a status-list index is taken (the counter only moves
 * forward, so an index is never reused), a URN is made unless the caller
 * brought one, the journal records it, and the seal signs it before the
 * commit. */
static gboolean
add_award_tx (JlnStore  *self,
              gpointer   data,
              GError   **error)
{
  AwardOp *op = data;
  JlnAward *award = op->award;
  g_auto(JlnAwardTarget) target = { 0 };
  g_autofree char *display_name = NULL;
  g_autofree char *coach_name = NULL;
  g_autofree char *urn = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *detail = NULL;
  gint64 participant_id = jln_award_get_participant_id (award);
  gint64 version_id = jln_award_get_badge_version_id (award);
  gint64 coach_id = jln_award_get_coach_id (award);
  guint status_index;
  gboolean held;

  g_clear_pointer (&op->credential, g_bytes_unref);

  /* Plain-words checks first; the schema's constraints stay the safety net. */
  if (!BACKEND (self, describe_award_target, participant_id, version_id, &target, error))
    return FALSE;
  if (target.first_name == NULL)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This participant does not exist any more, so the badge cannot be awarded."));
      return FALSE;
    }
  /* An award would bring personal facts back to a file emptied of them. */
  if (target.erased)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This participant’s personal data was erased, so no badge can be awarded to them."));
      return FALSE;
    }
  if (target.badge_id == 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This badge version does not exist, so it cannot be awarded."));
      return FALSE;
    }
  display_name = short_name (target.first_name, target.last_name);

  if (coach_id > 0)
    {
      JlnCoach *coach;

      if (!require_ref (self, JLN_STORE_REF_COACH, coach_id,
                        _("The coach awarding this badge does not exist any more."), error))
        return FALSE;
      coach = g_hash_table_lookup (self->coach_by_id, &coach_id);
      coach_name = g_strdup (coach ? jln_coach_get_name (coach) : NULL);
    }

  if (!BACKEND (self, has_active_award, participant_id, version_id, &held, error))
    return FALSE;
  if (held)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_ALREADY_AWARDED,
                   _("%s already holds this badge (version %u)."), display_name, target.version);
      return FALSE;
    }

  if (!BACKEND (self, take_status_index, &status_index, error))
    return FALSE;

  /* An id given by the caller (the demo, an import) is kept. */
  urn = g_strdup (op->caller_urn);
  if (urn == NULL || *urn == '\0')
    {
      g_free (urn);
      urn = random_urn ();
    }

  if (!BACKEND (self, insert_award, award, op->awarded_on, urn, status_index, &op->award_id, error))
    return FALSE;

  subject = g_strdup_printf ("award:%" G_GINT64_FORMAT, op->award_id);
  detail = g_strdup_printf ("participant:%" G_GINT64_FORMAT " badge:%" G_GINT64_FORMAT " version:%u",
                            participant_id, target.badge_id, target.version);
  if (!write_audit (self, op->actor, "award.create", subject, detail, error))
    return FALSE;

  /* The seal sees the award as it will be saved, but the object only keeps
   * these values if everything commits. */
  op->award_touched = TRUE;
  jln_award_set_id (award, op->award_id);
  jln_award_set_credential_id (award, urn);
  jln_award_set_status_index (award, status_index);
  jln_award_set_badge_id (award, target.badge_id);
  jln_award_set_badge_version (award, target.version);
  jln_award_set_badge_name (award, target.badge_name);
  jln_award_set_coach_name (award, coach_name);
  jln_award_set_awarded_on (award, op->awarded_on);
  jln_award_set_status (award, JLN_AWARD_STATUS_ACTIVE);

  if (op->seal != NULL)
    {
      gint64 ignored;

      op->credential = op->seal (award, op->seal_data, error);
      if (op->credential == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_FAILED,
                                 _("The badge could not be signed, so it was not awarded."));
          return FALSE;
        }
      if (!BACKEND (self, set_award_credential, op->award_id, op->credential, &ignored, error))
        return FALSE;
    }
  return TRUE;
}

/* The awards of one group, all in one transaction. */
typedef struct {
  AwardOp *ops;
  guint n_ops;
} AwardGroupOp;

static gboolean
add_award_group_tx (JlnStore  *self,
                    gpointer   data,
                    GError   **error)
{
  AwardGroupOp *group = data;

  for (guint i = 0; i < group->n_ops; i++)
    if (!add_award_tx (self, &group->ops[i], error))
      return FALSE;
  return TRUE;
}

gboolean
jln_store_add_award (JlnStore          *self,
                     JlnAward          *award,
                     const char        *actor,
                     JlnAwardSealFunc   seal,
                     gpointer           seal_data,
                     GError           **error)
{
  g_return_val_if_fail (JLN_IS_AWARD (award), FALSE);

  return jln_store_add_awards (self, &award, 1, actor, seal, seal_data, error);
}

gboolean
jln_store_add_awards (JlnStore          *self,
                      JlnAward * const  *awards,
                      guint              n_awards,
                      const char        *actor,
                      JlnAwardSealFunc   seal,
                      gpointer           seal_data,
                      GError           **error)
{
  g_autofree AwardOp *ops = NULL;
  AwardGroupOp group;
  gboolean ok;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (awards != NULL || n_awards == 0, FALSE);

  if (n_awards == 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("Choose at least one participant to award the badge to."));
      return FALSE;
    }
  for (guint i = 0; i < n_awards; i++)
    {
      g_return_val_if_fail (JLN_IS_AWARD (awards[i]), FALSE);
      if (jln_award_get_id (awards[i]) != 0)
        {
          g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                               _("This badge award is already saved."));
          return FALSE;
        }
    }

  ops = g_new0 (AwardOp, n_awards);
  for (guint i = 0; i < n_awards; i++)
    {
      JlnAward *award = awards[i];
      AwardOp *op = &ops[i];

      op->award = award;
      op->actor = actor;
      op->seal = seal;
      op->seal_data = seal_data;
      op->caller_urn = g_strdup (jln_award_get_credential_id (award));
      if (jln_award_get_awarded_on (award) != NULL)
        op->awarded_on = g_date_time_ref (jln_award_get_awarded_on (award));
      else
        op->awarded_on = g_date_time_new_now_utc ();
    }
  group.ops = ops;
  group.n_ops = n_awards;

  ok = run_write (self, add_award_group_tx, &group, error);
  for (guint i = 0; i < n_awards; i++)
    {
      JlnAward *award = awards[i];
      AwardOp *op = &ops[i];

      if (ok)
        {
          if (op->credential != NULL)
            jln_award_set_credential (award, op->credential);
          if (live (self))
            {
              gint64 participant_id = jln_award_get_participant_id (award);

              adjust_counts (self, participant_id, jln_award_get_badge_version_id (award), +1);
              g_signal_emit (self, signals[AWARD_CHANGED], 0, op->award_id, participant_id);
            }
        }
      else if (op->award_touched)
        {
          /* Back to unsaved, as the caller handed it: they may fix and retry. */
          jln_award_set_id (award, 0);
          jln_award_set_status_index (award, 0);
          jln_award_set_credential_id (award, op->caller_urn);
        }
      award_op_clear (op);
    }
  return ok;
}

typedef struct {
  gint64 award_id;
  const char *reason;
  const char *actor;
  /* read by the transaction */
  gint64 participant_id;
  gint64 version_id;
  gboolean was_active;
} AwardChangeOp;

static gboolean
undo_award_tx (JlnStore  *self,
               gpointer   data,
               GError   **error)
{
  AwardChangeOp *op = data;
  g_autoptr(JlnAward) stored = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *detail = NULL;

  stored = BACKEND (self, get_award, op->award_id, error);
  if (stored == NULL)
    return FALSE;
  op->participant_id = jln_award_get_participant_id (stored);
  op->version_id = jln_award_get_badge_version_id (stored);
  op->was_active = jln_award_get_status (stored) == JLN_AWARD_STATUS_ACTIVE;
  detail = g_strdup_printf ("participant:%" G_GINT64_FORMAT " badge_version:%" G_GINT64_FORMAT " %s",
                            op->participant_id, op->version_id,
                            jln_award_get_credential_id (stored));
  if (!BACKEND (self, delete_award, op->award_id, error))
    return FALSE;
  subject = g_strdup_printf ("award:%" G_GINT64_FORMAT, op->award_id);
  return write_audit (self, op->actor, "award.undo", subject, detail, error);
}

typedef struct {
  AwardChangeOp *ops;
  guint n_ops;
} AwardChangeGroupOp;

static gboolean
undo_award_group_tx (JlnStore  *self,
                     gpointer   data,
                     GError   **error)
{
  AwardChangeGroupOp *group = data;

  for (guint i = 0; i < group->n_ops; i++)
    if (!undo_award_tx (self, &group->ops[i], error))
      return FALSE;
  return TRUE;
}

gboolean
jln_store_undo_award (JlnStore    *self,
                      gint64       award_id,
                      const char  *actor,
                      GError     **error)
{
  return jln_store_undo_awards (self, &award_id, 1, actor, error);
}

gboolean
jln_store_undo_awards (JlnStore      *self,
                       const gint64  *award_ids,
                       guint          n_awards,
                       const char    *actor,
                       GError       **error)
{
  g_autofree AwardChangeOp *ops = NULL;
  AwardChangeGroupOp group;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (award_ids != NULL || n_awards == 0, FALSE);

  if (n_awards == 0)
    return TRUE;
  ops = g_new0 (AwardChangeOp, n_awards);
  for (guint i = 0; i < n_awards; i++)
    {
      ops[i].award_id = award_ids[i];
      ops[i].actor = actor;
    }
  group.ops = ops;
  group.n_ops = n_awards;
  if (!run_write (self, undo_award_group_tx, &group, error))
    return FALSE;

  if (live (self))
    for (guint i = 0; i < n_awards; i++)
      {
        if (ops[i].was_active)
          adjust_counts (self, ops[i].participant_id, ops[i].version_id, -1);
        g_signal_emit (self, signals[AWARD_CHANGED], 0, ops[i].award_id, ops[i].participant_id);
      }
  return TRUE;
}

static gboolean
revoke_award_tx (JlnStore  *self,
                 gpointer   data,
                 GError   **error)
{
  AwardChangeOp *op = data;
  g_autoptr(JlnAward) stored = NULL;
  g_autoptr(GDateTime) now = now_utc ();
  g_autofree char *subject = NULL;

  stored = BACKEND (self, get_award, op->award_id, error);
  if (stored == NULL)
    return FALSE;
  op->participant_id = jln_award_get_participant_id (stored);
  op->version_id = jln_award_get_badge_version_id (stored);
  if (jln_award_get_status (stored) == JLN_AWARD_STATUS_REVOKED)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This badge was already withdrawn."));
      return FALSE;
    }
  /* The revocation and "the list must be published again" commit
   * together: whatever happens to the file next, nothing is lost. */
  if (!BACKEND (self, revoke_award, op->award_id, op->reason, now, error)
      || !BACKEND (self, mark_status_list_due, error))
    return FALSE;
  subject = g_strdup_printf ("award:%" G_GINT64_FORMAT, op->award_id);
  /* The reason is the coach's free text (it may name someone): it stays
   * with the award, not in the journal. */
  return write_audit (self, op->actor, "award.revoke", subject, NULL, error);
}

gboolean
jln_store_revoke_award (JlnStore    *self,
                        gint64       award_id,
                        const char  *reason,
                        const char  *actor,
                        GError     **error)
{
  AwardChangeOp op = { award_id, reason, actor, 0, 0, FALSE };

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!require_text (reason, _("Say why the badge is withdrawn."), error))
    return FALSE;
  if (!run_write (self, revoke_award_tx, &op, error))
    return FALSE;

  if (live (self))
    {
      adjust_counts (self, op.participant_id, op.version_id, -1);
      g_signal_emit (self, signals[AWARD_CHANGED], 0, award_id, op.participant_id);
    }
  return TRUE;
}

typedef struct {
  gint64 award_id;
  GBytes *credential;
  const char *actor;
  gint64 participant_id;
} CredentialOp;

static gboolean
set_award_credential_tx (JlnStore  *self,
                         gpointer   data,
                         GError   **error)
{
  CredentialOp *op = data;
  g_autofree char *subject = NULL;

  if (!BACKEND (self, set_award_credential, op->award_id, op->credential, &op->participant_id, error))
    return FALSE;
  subject = g_strdup_printf ("award:%" G_GINT64_FORMAT, op->award_id);
  return write_audit (self, op->actor, "award.issue", subject, NULL, error);
}

gboolean
jln_store_set_award_credential (JlnStore    *self,
                                gint64       award_id,
                                GBytes      *credential,
                                const char  *actor,
                                GError     **error)
{
  CredentialOp op = { award_id, credential, actor, 0 };

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!run_write (self, set_award_credential_tx, &op, error))
    return FALSE;
  if (live (self))
    g_signal_emit (self, signals[AWARD_CHANGED], 0, award_id, op.participant_id);
  return TRUE;
}

GArray *
jln_store_list_award_ids (JlnStore  *self,
                          GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  return BACKEND (self, list_award_ids, error);
}

GArray *
jln_store_list_revoked_status_indices (JlnStore  *self,
                                       GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  return BACKEND (self, list_revoked_status_indices, error);
}

gboolean
jln_store_get_status_list_generations (JlnStore  *self,
                                       gint64    *out_due,
                                       gint64    *out_published,
                                       GError   **error)
{
  gint64 due = 0, published = 0;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!BACKEND (self, get_status_list_generations, &due, &published, error))
    return FALSE;
  if (out_due != NULL)
    *out_due = due;
  if (out_published != NULL)
    *out_published = published;
  return TRUE;
}

static gboolean
set_status_list_published_tx (JlnStore  *self,
                              gpointer   data,
                              GError   **error)
{
  return BACKEND (self, set_status_list_published, *(gint64 *) data, error);
}

gboolean
jln_store_set_status_list_published (JlnStore  *self,
                                     gint64     generation,
                                     GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  return run_write (self, set_status_list_published_tx, &generation, error);
}

static gboolean
mark_status_list_due_tx (JlnStore  *self,
                         gpointer   data,
                         GError   **error)
{
  return BACKEND (self, mark_status_list_due, error);
}

/* After a restore: the published file shows the database as it was. */
gboolean
jln_store_mark_status_list_due (JlnStore  *self,
                                GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  return run_write (self, mark_status_list_due_tx, NULL, error);
}

/* ------------------------------------------------------------------ */
/* organisation, audit                                                */

typedef struct {
  const char *actor;
  const char *action;
  const char *subject;
  const char *detail;
} AuditOp;

static gboolean
append_audit_tx (JlnStore  *self,
                 gpointer   data,
                 GError   **error)
{
  AuditOp *op = data;

  return write_audit (self, op->actor, op->action, op->subject, op->detail, error);
}

gboolean
jln_store_append_audit (JlnStore    *self,
                        const char  *actor,
                        const char  *action,
                        const char  *subject,
                        const char  *detail,
                        GError     **error)
{
  AuditOp op = { actor, action, subject, detail };

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!require_text (action, _("A journal entry needs an action."), error))
    return FALSE;
  return run_write (self, append_audit_tx, &op, error);
}

JlnOrganisation *
jln_store_get_organisation (JlnStore  *self,
                            GError   **error)
{
  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  return BACKEND (self, get_organisation, error);
}

typedef struct {
  const JlnOrganisation *org;
  gboolean with_seed;
  const char *actor;
} OrganisationOp;

static gboolean
set_organisation_tx (JlnStore  *self,
                     gpointer   data,
                     GError   **error)
{
  OrganisationOp *op = data;
  g_autoptr(JlnOrganisation) before = NULL;
  gboolean key_changed = FALSE;

  /* A key operation is journalled as such, but only when the seed does
   * change; the seed itself never goes to the journal. */
  if (op->with_seed)
    {
      if ((before = BACKEND (self, get_organisation, error)) == NULL)
        return FALSE;
      key_changed = (before->signing_seed == NULL) != (op->org->signing_seed == NULL)
                    || (before->signing_seed != NULL
                        && !g_bytes_equal (before->signing_seed, op->org->signing_seed));
    }
  return BACKEND (self, set_organisation, op->org, op->with_seed, error)
         && write_audit (self, op->actor, "organisation.update", "organisation", op->org->name, error)
         && (!key_changed
             || write_audit (self, op->actor, "organisation.key", "organisation",
                             op->org->signing_seed != NULL ? "signing key replaced" : "signing key removed",
                             error));
}

gboolean
jln_store_set_organisation (JlnStore               *self,
                            const JlnOrganisation  *org,
                            const char             *actor,
                            GError                **error)
{
  OrganisationOp op = { org, TRUE, actor };

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  if (org->signing_seed != NULL && g_bytes_get_size (org->signing_seed) != 32)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("The signing key must be 32 bytes long."));
      return FALSE;
    }
  return run_write (self, set_organisation_tx, &op, error);
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
jln_store_update_organisation_details (JlnStore    *self,
                                       const char  *name,
                                       const char  *url,
                                       const char  *email,
                                       const char  *public_base,
                                       const char  *actor,
                                       GError     **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_url = dup_optional (url);
  g_autofree char *clean_email = dup_optional (email);
  g_autofree char *clean_base = dup_optional (public_base);
  JlnOrganisation org = { 0 };
  /* The signing seed is left out on purpose: the issuer may be creating it
   * at this very moment, and the details never carry it. */
  OrganisationOp op = { &org, FALSE, actor };

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (!require_text (name, _("The organisation needs a name: it is shown on every badge."), error))
    return FALSE;
  clean_name = g_strstrip (g_strdup (name));
  org.name = clean_name;
  org.url = clean_url;
  org.email = clean_email;
  org.public_base = clean_base;
  return run_write (self, set_organisation_tx, &op, error);
}

gboolean
jln_store_set_organisation_details (JlnStore    *self,
                                    const char  *name,
                                    const char  *url,
                                    const char  *email,
                                    const char  *public_base,
                                    GError     **error)
{
  return jln_store_update_organisation_details (self, name, url, email, public_base, NULL, error);
}

typedef struct {
  GBytes *candidate;
  const char *actor;
  GBytes *stored;
} SeedOp;

static gboolean
ensure_seed_tx (JlnStore  *self,
                gpointer   data,
                GError   **error)
{
  SeedOp *op = data;
  g_autoptr(JlnOrganisation) org = NULL;
  gboolean stored;

  g_clear_pointer (&op->stored, g_bytes_unref);
  if (!BACKEND (self, store_seed_if_missing, op->candidate, &stored, error))
    return FALSE;
  if (stored && !write_audit (self, op->actor, "organisation.key", "organisation",
                              "signing key created", error))
    return FALSE;
  org = BACKEND (self, get_organisation, error);
  if (org == NULL)
    return FALSE;
  if (org->signing_seed == NULL || g_bytes_get_size (org->signing_seed) != 32)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("The organisation details are missing from the database."));
      return FALSE;
    }
  op->stored = g_steal_pointer (&org->signing_seed);
  return TRUE;
}

/* The seed is written only where none exists, inside one transaction, and
 * the stored one is read back: two processes creating a key at once end up
 * signing with the same key, and the organisation's details are never
 * touched. */
GBytes *
jln_store_ensure_signing_seed (JlnStore    *self,
                               GBytes      *candidate,
                               const char  *actor,
                               GError     **error)
{
  SeedOp op = { candidate, actor, NULL };

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);
  g_return_val_if_fail (candidate != NULL, NULL);

  if (g_bytes_get_size (candidate) != 32)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("The signing key must be 32 bytes long."));
      return NULL;
    }
  if (!run_write (self, ensure_seed_tx, &op, error))
    {
      g_clear_pointer (&op.stored, g_bytes_unref);
      return NULL;
    }
  return op.stored;
}

gboolean
jln_store_verify_audit (JlnStore  *self,
                        gint64    *out_first_broken_event_id,
                        guint64   *out_n_events,
                        GError   **error)
{
  const guint8 *key;
  gboolean ok;

  g_return_val_if_fail (JLN_IS_STORE (self), FALSE);

  if (out_first_broken_event_id != NULL)
    *out_first_broken_event_id = 0;
  if (out_n_events != NULL)
    *out_n_events = 0;
  /* One snapshot: the rows and the tip as one commit left them. */
  if (!BACKEND (self, begin, JLN_STORE_TX_READ, error))
    return FALSE;
  key = audit_key (self, error);
  ok = key != NULL
       && jln_store_audit_verify (self->backend, key, out_first_broken_event_id, out_n_events, error);
  BACKEND (self, rollback);
  return ok;
}

GListModel *
jln_store_list_audit_events (JlnStore  *self,
                             guint      limit,
                             GError   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (JLN_IS_STORE (self), NULL);

  if (!BACKEND (self, list_audit_events, limit, items, error))
    return NULL;
  return to_list (JLN_TYPE_AUDIT_EVENT, items);
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
  if (!jln_store_check_writable (self, error))
    return FALSE;
  if (!BACKEND (self, begin, JLN_STORE_TX_BULK, error))
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

  if (!BACKEND (self, commit, error))
    {
      jln_store_rollback (self);
      return FALSE;
    }
  self->bulk_depth = 0;
  reload_after_bulk (self);
  return TRUE;
}

void
jln_store_rollback (JlnStore *self)
{
  g_return_if_fail (JLN_IS_STORE (self));

  if (self->bulk_depth == 0)
    return;
  BACKEND (self, rollback);
  self->bulk_depth = 0;
  reload_after_bulk (self);
}
