/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include "jln-store-error.h"
#include "core/jln-territory.h"
#include "core/jln-coach.h"
#include "core/jln-participant.h"
#include "core/jln-badge.h"
#include "core/jln-criterion.h"
#include "core/jln-award.h"
#include "core/jln-audit-event.h"

G_BEGIN_DECLS

#define JLN_TYPE_STORE (jln_store_get_type ())
G_DECLARE_FINAL_TYPE (JlnStore, jln_store, JLN, STORE, GObject)

/* Environment variable that overrides the default database path (tests). */
#define JLN_DATABASE_ENV "JALONS_DATABASE"

/* The organisation that issues badges (one per database). */
typedef struct {
  char *name;
  char *url;            /* nullable */
  char *email;          /* nullable */
  char *public_base;    /* nullable: public address where badges are published */
  GBytes *signing_seed; /* 32-byte Ed25519 seed; nullable until created */
} JlnOrganisation;
void jln_organisation_free (JlnOrganisation *org);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnOrganisation, jln_organisation_free)

/* A coach's account as stored. The passphrase is kept only as a libsodium
 * crypto_pwhash_str string; the key slot is the vault key wrapped
 * (crypto_secretbox) under a key derived from the passphrase with
 * crypto_pwhash over slot_salt and the two limits. The store keeps these
 * bytes; the service layer (JlnSession) does the cryptography. */
typedef struct {
  gint64     coach_id;
  JlnRole    role;
  char      *secret_hash;
  guint      failed_sign_ins;
  GDateTime *locked_until;    /* nullable: not locked */
  GBytes    *slot_salt;
  guint64    slot_opslimit;
  guint64    slot_memlimit;
  GBytes    *slot_nonce;
  GBytes    *slot_wrapped;
} JlnAccount;
void jln_account_free (JlnAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnAccount, jln_account_free)

/* The signing seed and the journal's secret, sealed together under the
 * vault key; the public key stays readable so the issuer's did:key is
 * known while nobody is signed in. */
typedef struct {
  GBytes *public_key; /* 32 bytes, Ed25519 */
  GBytes *nonce;
  GBytes *sealed;
} JlnKeyVault;
void jln_key_vault_free (JlnKeyVault *vault);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnKeyVault, jln_key_vault_free)

/* Called by jln_store_add_award() *inside* the award's transaction, once the
 * award has its id, credential-id and status-index: returns the signed
 * credential (the app plugs the Open Badges engine in here; core knows
 * nothing of it). Returning NULL with @error set rolls the award back. */
typedef GBytes *(*JlnAwardSealFunc) (JlnAward   *award,
                                     gpointer    user_data,
                                     GError    **error);

/* Default path: $JALONS_DATABASE, else $XDG_DATA_HOME/jalons/jalons.db. */
char          *jln_store_default_path (void);

/* Opens (creating if missing) and migrates. An existing file that is not a
 * Jalons/SQLite database is refused with JLN_STORE_ERROR_NOT_A_DATABASE and
 * never touched. Before migrating an existing file, an online backup is
 * written beside it ("jalons.db.bak-v<old>-<timestamp>"). A new file is
 * created 0600 (its -wal and -shm follow) in a folder made 0700. A file or
 * folder that cannot be written gives JLN_STORE_ERROR_READ_ONLY. Every
 * open runs PRAGMA quick_check: a damaged file opens for reading only
 * (jln_store_check_writable()), or fails with JLN_STORE_ERROR_DAMAGED when
 * even its lists cannot be read or its format is older than this build's. */
JlnStore      *jln_store_open (const char *path, GError **error);

const char    *jln_store_get_path           (JlnStore *self);
int            jln_store_get_schema_version (JlnStore *self);
int            jln_store_latest_schema_version (void);
/* How long a write waits for another process's lock before failing with
 * JLN_STORE_ERROR_BUSY (default 3000 ms). */
void           jln_store_set_busy_timeout   (JlnStore *self, guint timeout_ms);
/* The backup written before the last migration by jln_store_open(), or NULL. */
const char    *jln_store_get_backup_path    (JlnStore *self);
/* Directory beside the database for photos and evidence files. */
char          *jln_store_dup_files_dir      (JlnStore *self);
/* Looks whether another process (a second window, jalons-cli) changed the
 * database since the last look; if so the live models are reloaded (their
 * items are new objects) and TRUE is returned. Cheap: call it when a
 * window gets the focus or on an idle tick. */
gboolean       jln_store_poll_changes       (JlnStore *self, GError **error);

/* Whether writes are allowed: FALSE with JLN_STORE_ERROR_DAMAGED (naming
 * the latest good backup) when the integrity check at open failed; the
 * database is then open for reading only and every write gets this error. */
gboolean       jln_store_check_writable     (JlnStore *self, GError **error);

/* ---- backups: consistent copies made by the database engine while the
 *      app runs, kept in "<name>-files/backups/" (0700) as
 *      "<name>-YYYYMMDDTHHMMSS.ffffffZ.db" (UTC: names sort by time),
 *      each 0600. A failed backup leaves nothing under its name. */
char          *jln_store_dup_backups_dir    (JlnStore *self);
/* Writes a new backup (*out_path, nullable: where), then deletes the
 * oldest of ours beyond the @keep newest (0: keep all). A damaged database
 * is not backed up (JLN_STORE_ERROR_DAMAGED); a read-only folder gives
 * JLN_STORE_ERROR_READ_ONLY, a full disk JLN_STORE_ERROR_IO. */
gboolean       jln_store_backup             (JlnStore *self, guint keep, char **out_path, GError **error);
/* Our backups (full paths, owned strings), newest first; other files in
 * the folder are ignored. Empty when none was made. */
GPtrArray     *jln_store_list_backups       (JlnStore *self, GError **error);
/* When the backup at @path was made (from its name), or NULL when the
 * name is not one of this database's backups. */
GDateTime     *jln_store_get_backup_time    (JlnStore *self, const char *path);
/* TRUE when no backup is younger than @interval at @now (also when the
 * newest one is dated in the future: the clock was set back). @interval
 * <= 0: never due. */
gboolean       jln_store_backup_is_due      (JlnStore *self, GTimeSpan interval, GDateTime *now, GError **error);
/* Whether @path holds a backup jln_store_restore_backup() would take:
 * JLN_STORE_ERROR_NOT_A_BACKUP (not SQLite, empty, truncated, another
 * application's, failing PRAGMA integrity_check), _TOO_NEW, _NOT_FOUND. */
gboolean       jln_store_check_backup       (JlnStore *self, const char *path, GError **error);
/* Replaces the database's whole content by @path's (checked first as
 * above; on refusal nothing changes). The current content is kept first as
 * a new backup (*out_kept_path, nullable), the restored copy is brought to
 * the current schema, the swap is one transaction, the live models reload
 * and the journal records "database.restore" under @actor. Also the way
 * out of a damaged database. */
gboolean       jln_store_restore_backup     (JlnStore *self, const char *path, const char *actor,
                                             char **out_kept_path, GError **error);

/* The same for the database at @path with no store open: the way out when
 * jln_store_open() fails with JLN_STORE_ERROR_DAMAGED because even the
 * lists cannot be read. */
gboolean       jln_store_restore_backup_at  (const char *path, const char *backup_path, const char *actor,
                                             char **out_kept_path, GError **error);

/* ---- attachments: photos and evidence files, kept by the store in its
 *      files folder under neutral names (no personal name in the folder),
 *      written atomically and readable by the user only (0600). The stored
 *      name (e.g. "1b4e…-….png") is what a participant or award records. */
gboolean       jln_store_add_attachment      (JlnStore *self, GBytes *bytes, const char *suggested_name,
                                              char **out_stored_name, GError **error);
/* A missing or unreadable @source is refused (JLN_STORE_ERROR_IO); a copy
 * that fails half-way leaves nothing. @suggested_name NULL: @source's name
 * (only its extension is kept). */
gboolean       jln_store_add_attachment_file (JlnStore *self, GFile *source, const char *suggested_name,
                                              char **out_stored_name, GError **error);
/* The file behind a stored name; JLN_STORE_ERROR_NOT_FOUND when the name is
 * not one of ours or the file is gone. */
GFile         *jln_store_dup_attachment_file (JlnStore *self, const char *stored_name, GError **error);
/* Removing an attachment already gone is not an error. */
gboolean       jln_store_remove_attachment   (JlnStore *self, const char *stored_name, GError **error);
/* The stored name of the attachment at @path (what a participant's photo or
 * an award's evidence records), or NULL when @path is not one of ours. */
char          *jln_store_dup_attachment_name (JlnStore *self, const char *path);

/* ---- live models (GListModel; items update in place and emit
 *      items-changed when anything in the app changes them) ---- */
GListModel    *jln_store_get_territories   (JlnStore *self); /* JlnTerritory, by name */
GListModel    *jln_store_get_coaches       (JlnStore *self); /* JlnCoach, by name */
GListModel    *jln_store_get_participants  (JlnStore *self); /* JlnParticipant, not archived, by first name */
GListModel    *jln_store_get_badges        (JlnStore *self); /* JlnBadge current versions, not archived, by theme then name */

JlnTerritory  *jln_store_lookup_territory  (JlnStore *self, gint64 id); /* borrowed */
JlnCoach      *jln_store_lookup_coach      (JlnStore *self, gint64 id); /* borrowed */
JlnParticipant *jln_store_lookup_participant (JlnStore *self, gint64 id); /* borrowed, NULL if archived/missing */
JlnBadge      *jln_store_lookup_badge      (JlnStore *self, gint64 badge_id); /* borrowed, current version */

/* ---- writes: each one transaction; on error nothing changed ----
 *
 * Every write that journals takes @actor from its caller: who did it, as
 * a person's id ("coach:12"; JlnSession passes jln_session_get_actor()).
 * NULL is journalled as "system" and is for what no person does (the demo
 * generator, migrations). Subjects and details name people by id only
 * ("participant:345"), never by name, and carry no notes or e-mails. */
gboolean       jln_store_add_territory   (JlnStore *self, JlnTerritory *territory, const char *actor, GError **error);
gboolean       jln_store_add_coach       (JlnStore *self, JlnCoach *coach, const char *actor, GError **error);
gboolean       jln_store_add_participant (JlnStore *self, JlnParticipant *participant, const char *actor, GError **error);
/* Journals "participant.update", and "consent.update" (with the consents
 * now given) when a consent changed. */
gboolean       jln_store_update_participant (JlnStore *self, JlnParticipant *participant, const char *actor, GError **error);
gboolean       jln_store_archive_participant (JlnStore *self, gint64 participant_id, const char *actor, GError **error);
/* Archive undone: the participant is back in the live list, journalled
 * "participant.restore". NOT_FOUND when not archived or erased. */
gboolean       jln_store_restore_participant (JlnStore *self, gint64 participant_id, const char *actor, GError **error);
/* Archived participants whose data was not erased (fresh JlnParticipant
 * objects, by first name): those jln_store_restore_participant() takes. */
GListModel    *jln_store_list_archived_participants (JlnStore *self, GError **error);
/* Erasure (the right to be forgotten): the participant's personal data
 * (names, e-mail, photo, recipient salt, consents, evidence notes and
 * files, revocation reasons, signed credentials) is removed, while the
 * anonymous facts reports need stay (territory, coach, entry month; each
 * award's badge version, coach, dates, status, credential id and
 * status-list index, so the revocation list keeps saying which issued
 * credentials are revoked). The participant is archived and "erased";
 * the journal records "participant.erase" (counts only). Then the photo
 * and evidence files are deleted and the database's files are compacted
 * (jln_store_compact()) so no erased value survives in them.
 * Unknown participant: NOT_FOUND; already erased: CONSTRAINT; nothing
 * changed then. FALSE *after* the erasure committed only with
 * JLN_STORE_ERROR_IO (some files could not be deleted, or lie outside
 * the store's folder: the message says so) or JLN_STORE_ERROR_BUSY
 * (another connection was reading: compact again later).
 * Backups made before the erasure still hold the data, and so do the
 * copies of credentials handed to the person: neither is touched. */
gboolean       jln_store_erase_participant (JlnStore *self, gint64 participant_id, const char *actor, GError **error);
/* Rewrites the database's files so nothing deleted survives in them
 * (after an erasure another connection kept from finishing). BUSY while
 * another connection is reading. */
gboolean       jln_store_compact          (JlnStore *self, GError **error);
/* Retention: ids (gint64, ascending) of participants not yet erased,
 * archived or not, whose latest recorded activity is more than @months
 * months before @now. Activity: their entry date, an award's date or
 * revocation date, any journal event about them (created, edited,
 * consents, archived, exported, an award made or undone). Participants
 * without any such date are not proposed. @months 0: none (keep for
 * ever); above 1200: CONSTRAINT. */
GArray        *jln_store_list_erasure_candidates (JlnStore *self, guint months, GDateTime *now,
                                                  GError **error);

/* Inserts a badge (version 1) with its criteria. Duplicate slug -> CONSTRAINT. */
gboolean       jln_store_add_badge       (JlnStore *self, JlnBadge *badge, const char *actor, GError **error);
/* Saves edits: when the current version has awards, a new version row is
 * created (awards keep theirs); otherwise the version is updated in place. */
gboolean       jln_store_update_badge    (JlnStore *self, JlnBadge *badge, const char *actor, GError **error);
/* Making a badge active journals "badge.publish" (here, and in add/update). */
gboolean       jln_store_set_badge_status (JlnStore *self, gint64 badge_id, JlnBadgeStatus status, const char *actor, GError **error);
/* Archived badges (fresh JlnBadge current versions, by name): those
 * jln_store_set_badge_status() can bring back. */
GListModel    *jln_store_list_archived_badges (JlnStore *self, GError **error);
/* All versions of a badge, oldest first (JlnBadge items). */
GListModel    *jln_store_list_badge_versions (JlnStore *self, gint64 badge_id, GError **error);
/* Awards made under one badge version, revoked ones included: when it is
 * more than 0, jln_store_update_badge() makes a new version. 0 with @error
 * set on failure. */
guint          jln_store_count_awards_of_version (JlnStore *self, gint64 version_id, GError **error);
/* Holders of a badge per territory: GHashTable territory name -> GUINT_TO_POINTER(count). */
GHashTable    *jln_store_count_holders_by_territory (JlnStore *self, gint64 badge_id, GError **error);

/* Awards: one transaction writes the award, its audit event and (through
 * @seal, may be NULL) its signed credential. Same badge *version* already
 * held and active -> JLN_STORE_ERROR_ALREADY_AWARDED. */
gboolean       jln_store_add_award       (JlnStore *self, JlnAward *award, const char *actor,
                                          JlnAwardSealFunc seal, gpointer seal_data, GError **error);
/* A group award (after a collective session): the same rules for each of
 * @awards, all in one transaction: one refusal and none is saved (each
 * award is handed back unsaved). */
gboolean       jln_store_add_awards      (JlnStore *self, JlnAward * const *awards, guint n_awards,
                                          const char *actor, JlnAwardSealFunc seal, gpointer seal_data,
                                          GError **error);
/* Undo: the award row is deleted; the audit log records "award.undo". */
gboolean       jln_store_undo_award      (JlnStore *self, gint64 award_id, const char *actor, GError **error);
/* Undoes a group award: every one or none. */
gboolean       jln_store_undo_awards     (JlnStore *self, const gint64 *award_ids, guint n_awards,
                                          const char *actor, GError **error);
gboolean       jln_store_revoke_award    (JlnStore *self, gint64 award_id, const char *reason, const char *actor, GError **error);
/* Journals "award.issue". */
gboolean       jln_store_set_award_credential (JlnStore *self, gint64 award_id, GBytes *credential,
                                               const char *actor, GError **error);
JlnAward      *jln_store_get_award       (JlnStore *self, gint64 award_id, GError **error); /* full */
/* A participant's awards, oldest first (JlnAward, including revoked). */
GListModel    *jln_store_list_awards_for_participant (JlnStore *self, gint64 participant_id, GError **error);
/* Every award id (for export --all / batch issuing). */
GArray        *jln_store_list_award_ids  (JlnStore *self, GError **error);
/* Status-list indices currently revoked (for the revocation bitstring). */
GArray        *jln_store_list_revoked_status_indices (JlnStore *self, GError **error);
/* The revocation list's publication state. @out_due grows in the same
 * transaction as every change the list must show (a revocation, a
 * restore); @out_published is the generation last written out. The list
 * must be published again while due > published: read the generation
 * first, then the indices, and mark that generation once the file is
 * written. */
gboolean       jln_store_get_status_list_generations (JlnStore *self, gint64 *out_due,
                                                      gint64 *out_published, GError **error);
/* Published := max (published, @generation). */
gboolean       jln_store_set_status_list_published (JlnStore *self, gint64 generation,
                                                    GError **error);

/* Reads used by the service layer (signing, exports): fresh objects, not
 * the live ones. A participant is returned even when archived (their badges
 * stay theirs); a badge version comes with its criteria. */
JlnParticipant *jln_store_get_participant  (JlnStore *self, gint64 participant_id, GError **error);
JlnBadge      *jln_store_get_badge_version (JlnStore *self, gint64 version_id, GError **error);
/* Records one journal row on its own (e.g. "export.consent-confirmed");
 * @action is required, the rest may be NULL (see the writes above for
 * what @actor, @subject and @detail may hold). */
gboolean       jln_store_append_audit    (JlnStore *self, const char *actor, const char *action,
                                          const char *subject, const char *detail, GError **error);

/* Organisation (issuer) details and signing key. */
JlnOrganisation *jln_store_get_organisation (JlnStore *self, GError **error);
/* Also journals "organisation.key": it replaces the signing seed. */
gboolean       jln_store_set_organisation (JlnStore *self, const JlnOrganisation *org, const char *actor,
                                           GError **error);
/* Stores @candidate (32 bytes) as the signing seed unless one exists, and
 * returns the seed now stored (the candidate or the older one). */
GBytes        *jln_store_ensure_signing_seed (JlnStore *self, GBytes *candidate, const char *actor,
                                              GError **error);
/* The details a coach edits (name required; blank optional fields are
 * stored as none), in one transaction, never touching the signing seed. */
gboolean       jln_store_update_organisation_details (JlnStore *self, const char *name, const char *url,
                                                      const char *email, const char *public_base,
                                                      const char *actor, GError **error);
/* The same, journalled as "system": only for the preferences window's
 * fallback without a session, until the UI writes through JlnSession. */
gboolean       jln_store_set_organisation_details (JlnStore *self, const char *name, const char *url,
                                                   const char *email, const char *public_base,
                                                   GError **error);

/* Audit journal, newest first, at most @limit rows (0 = all). */
GListModel    *jln_store_list_audit_events (JlnStore *self, guint limit, GError **error);
/* Checks the tamper-evident journal: every event's keyed hash against its
 * predecessor's, then the end seal (count and last event). TRUE when
 * intact (*@out_n_events events). Otherwise a JLN_AUDIT_ERROR says what is
 * wrong, naming the event (id, time, action), and
 * *@out_first_broken_event_id is:
 *   ALTERED, OUT_OF_ORDER  the event at which the chain breaks;
 *   MISSING                the first event after the gap;
 *   TRUNCATED              the first missing id (last one still there + 1);
 *   SEAL, NO_KEY           0 (no event is at fault).
 * Other errors (JLN_STORE_ERROR) mean the check could not run. Cannot see
 * a whole file put back to an older copy. Both out arguments nullable. */
gboolean       jln_store_verify_audit      (JlnStore *self, gint64 *out_first_broken_event_id,
                                            guint64 *out_n_events, GError **error);

/* ---- accounts and the key vault (jln-store-accounts.c) ----
 *
 * A database starts without accounts: its seed and journal secret are in
 * clear, as before schema 8. jln_store_protect_key() creates the first
 * account and the vault in one transaction and clears both from the
 * organisation row (the freed space overwritten, the files compacted).
 * From then on the journal can be written only once jln_store_unlock_audit()
 * was given its secret (a signed-in coach): every journalled write fails
 * with JLN_STORE_ERROR_LOCKED until then. */

/* *@out_vault NULL when the key is not protected yet (no accounts). */
gboolean       jln_store_get_key_vault     (JlnStore *self, JlnKeyVault **out_vault, GError **error);
/* Every account (JlnAccount, by coach id). */
GPtrArray     *jln_store_list_accounts     (JlnStore *self, GError **error);
/* NOT_FOUND when @coach_id has no account. */
JlnAccount    *jln_store_get_account       (JlnStore *self, gint64 coach_id, GError **error);
/* The first administrator: @coach (added when its id is 0) gets @account
 * (its coach_id is filled in), @vault is stored and the clear seed and
 * secret are removed, all in one transaction journalled under the new
 * account. CONSTRAINT when a vault already exists. */
gboolean       jln_store_protect_key       (JlnStore *self, JlnCoach *coach, JlnAccount *account,
                                            const JlnKeyVault *vault, GError **error);
/* Another account: for @coach (added when its id is 0). CONSTRAINT when
 * that coach already has one. Journalled "account.create". */
gboolean       jln_store_add_account       (JlnStore *self, JlnCoach *coach, JlnAccount *account,
                                            const char *actor, GError **error);
/* A new passphrase (hash and key slot from @account; role and counters
 * kept, the lock lifted). Journalled "account.secret". */
gboolean       jln_store_set_account_secret (JlnStore *self, const JlnAccount *account,
                                             const char *actor, GError **error);
/* A failed sign-in at @now: the count grows and, at @max_failures, the
 * account is locked for @lock_for. Recorded among the pending journal
 * events ("account.sign-in-failed", "account.locked"), chained at the next
 * sign-in: nobody holds the journal's secret now. *@out_locked_until
 * (nullable, owned) set when the account is locked now. */
gboolean       jln_store_record_sign_in_failure (JlnStore *self, gint64 coach_id, guint max_failures,
                                                 GTimeSpan lock_for, GDateTime *now,
                                                 GDateTime **out_locked_until, GError **error);
/* A successful sign-in (call after jln_store_unlock_audit()): the counters
 * reset, the pending events chained into the journal, "account.sign-in". */
gboolean       jln_store_record_sign_in    (JlnStore *self, gint64 coach_id, GError **error);
/* The journal's secret while it is still in clear (before the vault), to
 * seal it: LOCKED once protected (unless unlocked). */
GBytes        *jln_store_dup_audit_secret  (JlnStore *self, GError **error);
/* The journal's secret (32 bytes) from the opened vault; copied into
 * locked memory. jln_store_lock_audit() wipes it. */
void           jln_store_unlock_audit      (JlnStore *self, GBytes *secret);
void           jln_store_lock_audit        (JlnStore *self);

/* Bulk loading for the demo and imports: everything between begin and
 * commit is one transaction; rollback on any error. */
gboolean       jln_store_begin   (JlnStore *self, GError **error);
gboolean       jln_store_commit  (JlnStore *self, GError **error);
void           jln_store_rollback (JlnStore *self);

/* Signals: "participant-changed" (gint64 id), "award-changed" (gint64 award_id,
 * gint64 participant_id), "badge-changed" (gint64 badge_id). */

G_END_DECLS
