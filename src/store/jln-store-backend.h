/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The seam between JlnStore (the facade: live models, signals, domain
 * rules, audit wording) and one database engine. Private to src/store.
 *
 * A backend only stores and fetches: it never decides (one active award per
 * version, versioning, status-list allocation, URNs and the seal all live
 * in jln-store.c). Only plain C types, GLib types, model GObjects and
 * GError cross it, so a PostgreSQL backend can implement the same vfuncs.
 *
 * Errors are JLN_STORE_ERROR codes. JLN_STORE_ERROR_BUSY means "retryable":
 * the lock was held too long (SQLite) or the transaction lost a
 * serialization race (PostgreSQL 40001/40P01). The facade rolls back and
 * runs the whole transaction again a bounded number of times.
 *
 * Transactions: begin() opens one (or, nested, a savepoint), commit() and
 * rollback() close the innermost. Every write vfunc runs inside one. */

#include "store/jln-store.h"
#include "store/jln-audit-chain.h"

G_BEGIN_DECLS

/* What changed outside this connection ("changed-elsewhere" signal). A
 * backend that cannot tell sends JLN_STORE_AGGREGATE_ALL. */
typedef enum {
  JLN_STORE_AGGREGATE_ORGANISATION = 1 << 0, /* organisation, territories, coaches */
  JLN_STORE_AGGREGATE_PARTICIPANTS = 1 << 1,
  JLN_STORE_AGGREGATE_BADGES       = 1 << 2, /* badges, versions, criteria */
  JLN_STORE_AGGREGATE_AWARDS       = 1 << 3,
  JLN_STORE_AGGREGATE_AUDIT        = 1 << 4,
  JLN_STORE_AGGREGATE_ALL          = 0x1f,
} JlnStoreAggregate;

typedef enum {
  JLN_STORE_TX_WRITE, /* takes the write lock up front */
  JLN_STORE_TX_READ,  /* one consistent snapshot for several reads */
  JLN_STORE_TX_BULK,  /* a long write (demo, import): the engine may size caches for it */
} JlnStoreTxKind;

/* Where another row points to, for plain-words checks before writing. */
typedef enum {
  JLN_STORE_REF_TERRITORY,
  JLN_STORE_REF_COACH,
} JlnStoreRef;

/* What an award points to, read in one go before awarding. */
typedef struct {
  char   *first_name;  /* NULL: no such participant */
  char   *last_name;
  gboolean erased;     /* their personal data was erased */
  gint64  badge_id;    /* 0: no such badge version */
  guint   version;
  char   *badge_name;
} JlnAwardTarget;

void jln_award_target_clear (JlnAwardTarget *target);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JlnAwardTarget, jln_award_target_clear)

/* One journal row as stored, handed to the facade that checks it; valid
 * only during the callback. The hashes are whatever the columns hold (NULL
 * when empty, any length): the facade judges them. */
typedef struct {
  gint64        id;
  GDateTime    *at;            /* NULL: the stored time does not parse */
  const char   *actor;
  const char   *action;
  const char   *subject;
  const char   *detail;
  const guint8 *prev_hash;
  gsize         prev_hash_len;
  const guint8 *hash;
  gsize         hash_len;
} JlnAuditRow;

/* Returns FALSE to stop the walk early (not an error). */
typedef gboolean (*JlnAuditRowFunc) (const JlnAuditRow *row,
                                     gpointer           user_data);

#define JLN_TYPE_STORE_BACKEND (jln_store_backend_get_type ())
G_DECLARE_INTERFACE (JlnStoreBackend, jln_store_backend, JLN, STORE_BACKEND, GObject)

/* Schema steps that need the facade's rules (the audit chain's keyed
 * hashes) rather than plain SQL: the backend calls it inside the migration
 * to @version, after that migration's SQL and before it commits, and rolls
 * the whole migration back when it fails. */
typedef gboolean (*JlnStoreUpgradeFunc) (JlnStoreBackend  *backend,
                                         int               version,
                                         gpointer          user_data,
                                         GError          **error);

struct _JlnStoreBackendInterface
{
  GTypeInterface parent_iface;

  /* ---- connection ---- */
  int         (*get_schema_version) (JlnStoreBackend *self);
  const char *(*get_backup_path)    (JlnStoreBackend *self);
  void        (*set_busy_timeout)   (JlnStoreBackend *self, guint timeout_ms);
  gboolean    (*begin)              (JlnStoreBackend *self, JlnStoreTxKind kind, GError **error);
  gboolean    (*commit)             (JlnStoreBackend *self, GError **error);
  void        (*rollback)           (JlnStoreBackend *self);
  /* Looks whether another connection committed since the last call; if so
   * emits "changed-elsewhere" and returns TRUE. */
  gboolean    (*poll_changes)       (JlnStoreBackend *self, GError **error);

  /* ---- soundness and backups (jln-*-backup.c) ---- */
  /* What the integrity check at open found (NULL: sound). A damaged
   * database is open for reading only: the facade refuses every write. */
  const char *(*get_damage)         (JlnStoreBackend *self);
  /* A complete, consistent copy of the database at @dest_path (which must
   * not exist), made by the engine while others keep writing: written
   * under a temporary name in @dest_path's folder, synced, renamed, the
   * folder synced, readable by the user only. On failure nothing is left
   * under @dest_path nor under the temporary name. */
  gboolean    (*write_backup)       (JlnStoreBackend *self, const char *dest_path, GError **error);
  /* The database file's bytes as they are, for keeping a damaged database
   * the engine cannot copy page by page (same guarantees as above). */
  gboolean    (*copy_file)          (JlnStoreBackend *self, const char *dest_path, GError **error);
  /* Checks that @path holds a sound backup this build can restore, working
   * on a private copy in @work_dir (never writing beside @path):
   * NOT_A_BACKUP (empty, truncated, foreign, failing the full integrity
   * check) or TOO_NEW. *out_version (nullable): its schema version. */
  gboolean    (*check_backup)       (JlnStoreBackend *self, const char *path, const char *work_dir,
                                     int *out_version, GError **error);
  /* Checks @path as check_backup() does, brings the copy to the current
   * schema, then replaces the whole database by it in one transaction:
   * other connections see either the old or the new content. */
  gboolean    (*restore_backup)     (JlnStoreBackend *self, const char *path, const char *work_dir, GError **error);

  /* ---- organisation, territories, coaches (jln-*-organisation.c) ---- */
  gboolean    (*load_territories)   (JlnStoreBackend *self, GPtrArray *out, GError **error);
  gboolean    (*load_coaches)       (JlnStoreBackend *self, GPtrArray *out, GError **error);
  gboolean    (*insert_territory)   (JlnStoreBackend *self, JlnTerritory *territory, gint64 *out_id, GError **error);
  gboolean    (*insert_coach)       (JlnStoreBackend *self, JlnCoach *coach, gint64 *out_id, GError **error);
  gboolean    (*ref_exists)         (JlnStoreBackend *self, JlnStoreRef ref, gint64 id, gboolean *out_exists, GError **error);
  JlnOrganisation *(*get_organisation) (JlnStoreBackend *self, GError **error);
  /* @with_seed FALSE leaves the stored seed alone. NOT_FOUND without the row. */
  gboolean    (*set_organisation)   (JlnStoreBackend *self, const JlnOrganisation *org, gboolean with_seed, GError **error);
  /* Stores @seed only where none is stored; *out_stored says whether it did. */
  gboolean    (*store_seed_if_missing) (JlnStoreBackend *self, GBytes *seed, gboolean *out_stored, GError **error);
  /* Returns the status-list counter and moves it one forward. */
  gboolean    (*take_status_index)  (JlnStoreBackend *self, guint *out_index, GError **error);

  /* ---- participants (jln-*-participants.c) ---- */
  gboolean    (*load_participants)  (JlnStoreBackend *self, GPtrArray *out, GError **error); /* not archived */
  JlnParticipant *(*get_participant) (JlnStoreBackend *self, gint64 id, GError **error); /* NOT_FOUND */
  gboolean    (*insert_participant) (JlnStoreBackend *self, JlnParticipant *p, const char *salt, gint64 *out_id, GError **error);
  gboolean    (*update_participant) (JlnStoreBackend *self, JlnParticipant *p, GError **error); /* NOT_FOUND */
  gboolean    (*archive_participant) (JlnStoreBackend *self, gint64 id, GError **error); /* NOT_FOUND */
  /* NOT_FOUND unless archived and not erased. */
  gboolean    (*unarchive_participant) (JlnStoreBackend *self, gint64 id, GError **error);
  gboolean    (*load_archived_participants) (JlnStoreBackend *self, GPtrArray *out, GError **error);
  /* Erasure, inside the caller's transaction: @id's personal fields and
   * those of their awards are overwritten as jln_store_erase_participant()
   * says, the row named @placeholder_name, archived and marked erased at
   * @when. NOT_FOUND when there is no such row not yet erased. The engine
   * overwrites the space this frees (SQLite: secure_delete) from now on,
   * until compact(). */
  gboolean    (*erase_participant)  (JlnStoreBackend *self, gint64 id, const char *placeholder_name,
                                     GDateTime *when, GError **error);
  /* Ids (gint64, ascending) of participants not erased whose latest
   * recorded activity is before @cutoff. */
  gboolean    (*list_inactive_participants) (JlnStoreBackend *self, GDateTime *cutoff, GArray *out,
                                             GError **error);
  /* Outside any transaction: rewrites the database's files so that
   * nothing deleted or overwritten survives in them (SQLite: WAL
   * checkpoint, VACUUM, checkpoint, the WAL truncated). BUSY when another
   * connection's open read keeps old pages alive; the data is then still
   * erased from the tables, and compacting again later finishes. */
  gboolean    (*compact)            (JlnStoreBackend *self, GError **error);

  /* ---- badges, versions, criteria (jln-*-badges.c) ---- */
  /* Current versions of badges not archived, with criteria and holder
   * counts; @version_to_badge (gint64* -> gint64*) gets every version. */
  gboolean    (*load_badges)        (JlnStoreBackend *self, GPtrArray *out, GHashTable *version_to_badge, GError **error);
  gboolean    (*load_archived_badges) (JlnStoreBackend *self, GPtrArray *out, GError **error);
  JlnBadge   *(*get_current_badge)  (JlnStoreBackend *self, gint64 badge_id, GError **error); /* NOT_FOUND */
  JlnBadge   *(*get_badge_version)  (JlnStoreBackend *self, gint64 version_id, GError **error); /* NOT_FOUND */
  gboolean    (*list_badge_versions) (JlnStoreBackend *self, gint64 badge_id, GPtrArray *out, GError **error);
  /* Another badge (not @badge's id) with @badge's slug or name: its slug, or NULL. */
  gboolean    (*find_badge_clash)   (JlnStoreBackend *self, JlnBadge *badge, char **out_slug, gboolean *out_same_slug, GError **error);
  gboolean    (*insert_badge)       (JlnStoreBackend *self, JlnBadge *badge, gint64 *out_badge_id, GError **error);
  /* A version row from @badge's fields and its criteria. */
  gboolean    (*insert_badge_version) (JlnStoreBackend *self, JlnBadge *badge, gint64 badge_id, guint version,
                                       GDateTime *created_at, gint64 *out_version_id, GError **error);
  gboolean    (*update_badge_version) (JlnStoreBackend *self, gint64 version_id, JlnBadge *badge, GError **error);
  gboolean    (*update_badge_head)  (JlnStoreBackend *self, gint64 badge_id, const char *slug, JlnBadgeStatus status, gint64 current_version_id, GError **error); /* current 0: unchanged; NOT_FOUND */
  gboolean    (*count_awards_of_version) (JlnStoreBackend *self, gint64 version_id, guint *out_count, GError **error);
  GHashTable *(*count_holders_by_territory) (JlnStoreBackend *self, gint64 badge_id, GError **error);

  /* ---- awards (jln-*-awards.c) ---- */
  JlnAward   *(*get_award)          (JlnStoreBackend *self, gint64 award_id, GError **error); /* NOT_FOUND */
  gboolean    (*list_awards_for_participant) (JlnStoreBackend *self, gint64 participant_id, GPtrArray *out, GError **error);
  gboolean    (*describe_award_target) (JlnStoreBackend *self, gint64 participant_id, gint64 version_id,
                                        JlnAwardTarget *out, GError **error);
  gboolean    (*has_active_award)   (JlnStoreBackend *self, gint64 participant_id, gint64 version_id, gboolean *out_held, GError **error);
  /* An active award from @award's participant, version, coach, criteria and
   * evidence, with the values the facade decided. */
  gboolean    (*insert_award)       (JlnStoreBackend *self, JlnAward *award, GDateTime *awarded_on,
                                     const char *credential_id, guint status_index,
                                     gint64 *out_id, GError **error);
  gboolean    (*set_award_credential) (JlnStoreBackend *self, gint64 award_id, GBytes *credential,
                                       gint64 *out_participant_id, GError **error); /* NOT_FOUND */
  gboolean    (*revoke_award)       (JlnStoreBackend *self, gint64 award_id, const char *reason, GDateTime *when, GError **error);
  gboolean    (*delete_award)       (JlnStoreBackend *self, gint64 award_id, GError **error);
  GArray     *(*list_award_ids)     (JlnStoreBackend *self, GError **error); /* gint64 */
  GArray     *(*list_revoked_status_indices) (JlnStoreBackend *self, GError **error); /* guint */
  /* The revocation list's publication marks (see jln_store_get_status_list_generations). */
  gboolean    (*mark_status_list_due) (JlnStoreBackend *self, GError **error);
  gboolean    (*get_status_list_generations) (JlnStoreBackend *self, gint64 *out_due,
                                              gint64 *out_published, GError **error);
  gboolean    (*set_status_list_published) (JlnStoreBackend *self, gint64 generation, GError **error);

  /* ---- audit (jln-*-audit.c) ---- */
  /* The row with the id, chain link and hash the facade computed. */
  gboolean    (*append_audit)       (JlnStoreBackend *self, gint64 id, GDateTime *at, const char *actor,
                                     const char *action, const char *subject, const char *detail,
                                     const guint8 *prev_hash, const guint8 *hash, GError **error);
  gboolean    (*list_audit_events)  (JlnStoreBackend *self, guint limit, GPtrArray *out, GError **error);
  /* Every row with an id above @after_id, in id order, until @func says stop. */
  gboolean    (*foreach_audit_row)  (JlnStoreBackend *self, gint64 after_id, JlnAuditRowFunc func,
                                     gpointer user_data, GError **error);
  /* The row with the highest id: *out_id 0 without any; @out_hash gets its
   * hash, or JLN_AUDIT_GENESIS when there is none of the right length. */
  gboolean    (*get_audit_last)     (JlnStoreBackend *self, gint64 *out_id,
                                     guint8 out_hash[JLN_AUDIT_HASH_BYTES], GError **error);
  /* *out_found FALSE when no tip is stored; a stored tip of the wrong shape
   * comes back zero-filled (its MAC then fails). */
  gboolean    (*get_audit_tip)      (JlnStoreBackend *self, JlnAuditTip *out, gboolean *out_found, GError **error);
  gboolean    (*set_audit_tip)      (JlnStoreBackend *self, const JlnAuditTip *tip, GError **error);
  /* Kept with the signing seed. *out_secret NULL when none is stored. */
  gboolean    (*get_audit_secret)   (JlnStoreBackend *self, GBytes **out_secret, GError **error);
  /* Only for the upgrade that starts the chain (JlnStoreUpgradeFunc): the
   * journal is append-only otherwise. */
  gboolean    (*set_audit_secret)   (JlnStoreBackend *self, GBytes *secret, GError **error);
  gboolean    (*set_audit_link)     (JlnStoreBackend *self, gint64 id, const guint8 *prev_hash,
                                     const guint8 *hash, GError **error);

  /* ---- accounts, key vault, pending journal events (jln-*-accounts.c) ---- */
  /* Fills @out with JlnAccount pointers (owned by the array's free func). */
  gboolean    (*list_accounts)      (JlnStoreBackend *self, GPtrArray *out, GError **error);
  JlnAccount *(*get_account)        (JlnStoreBackend *self, gint64 coach_id, GError **error); /* NOT_FOUND */
  /* CONSTRAINT when @account->coach_id already has one or is no coach. */
  gboolean    (*insert_account)     (JlnStoreBackend *self, const JlnAccount *account, GError **error);
  /* The hash and slot fields of @account; the counters cleared. NOT_FOUND. */
  gboolean    (*update_account_secret) (JlnStoreBackend *self, const JlnAccount *account, GError **error);
  gboolean    (*set_account_failures) (JlnStoreBackend *self, gint64 coach_id, guint failed,
                                       GDateTime *locked_until, GError **error); /* NOT_FOUND */
  /* *out_vault NULL when none is stored. */
  gboolean    (*get_key_vault)      (JlnStoreBackend *self, JlnKeyVault **out_vault, GError **error);
  /* Stores the vault (CONSTRAINT when one exists) and clears the clear
   * seed and journal secret, overwriting the space they used until
   * compact(). */
  gboolean    (*store_key_vault)    (JlnStoreBackend *self, const JlnKeyVault *vault, GError **error);
  gboolean    (*insert_pending_audit) (JlnStoreBackend *self, GDateTime *at, const char *actor,
                                       const char *action, const char *subject, const char *detail,
                                       GError **error);
  /* Each pending event, oldest first (row.id is the pending row's id;
   * no hashes), then every one deleted. */
  gboolean    (*take_pending_audit) (JlnStoreBackend *self, JlnAuditRowFunc func, gpointer user_data,
                                     GError **error);
};

/* The vfuncs are called through this (the seam is private: no wrapper per
 * vfunc). */
#define JLN_STORE_BACKEND_CALL(backend, vfunc, ...) \
  (JLN_STORE_BACKEND_GET_IFACE (backend)->vfunc ((backend), ##__VA_ARGS__))

/* For backends: emits "changed-elsewhere" (guint JlnStoreAggregate flags). */
void jln_store_backend_emit_changed_elsewhere (JlnStoreBackend   *self,
                                               JlnStoreAggregate  aggregates);

G_END_DECLS
