/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "store/jln-store.h"
#include "service/jln-award-draft.h"
#include "service/jln-group-award.h"
#include "service/jln-exporter.h"
#include "service/jln-issuer.h"
#include "service/jln-vault.h"

G_BEGIN_DECLS

/* The one front door of the app (and of jalons-cli): the open store, the
 * organisation as an issuer, who is at the desk, and the app's one
 * GSettings. The application owns one session; windows, views and dialogs
 * get it as a "session" property and never ask the window for services.
 *
 * Reads go to the store directly (jln_session_get_store(): live models,
 * lookups). Every write goes through a use case below, so that the issuer
 * always signs and publishes, nothing is written around it, and every
 * journal entry names the coach at the desk (jln_session_get_actor()).
 * Each use case is one transaction: on error nothing is written and the
 * GError (JLN_STORE_ERROR, JLN_ISSUER_ERROR or G_IO_ERROR) says what the
 * coach can do.
 *
 * Properties (notify on change only):
 *  "store"     JlnStore, construct-only
 *  "issuer"    JlnIssuer, read-only (built with the session)
 *  "settings"  GSettings, construct-only, nullable (no settings: the desk
 *              coach is not remembered)
 *  "coach"     JlnCoach, nullable, read-write: the coach at the desk; kept
 *              in the "current-coach" key of the settings, and followed
 *              when that key changes
 *  "desk-name" string, read-write: what to call the desk while no coach is
 *              chosen (default: the computer account's full name); shown
 *              to people, never journalled
 *  "actor"     string, read-only: who the journal names, by id: "coach:<id>"
 *              for the desk coach, else "account:<uid>" (the computer
 *              account's number)
 *  "role"      JlnRole, read-only: what the session may do now (below)
 *
 * Accounts. A database starts open: no accounts, the signing key in clear,
 * every use case allowed, the desk coach chosen in the preferences (role
 * ADMIN). jln_session_create_administrator() ends that for good: the key
 * goes into a vault only accounts open, and from then on "coach" is the
 * signed-in coach (the settings key is ignored), "role" their account's,
 * and nothing is written, signed or journalled while nobody is signed in
 * (role NONE). Every use case checks the role here, not in the UI:
 *   COACH  award, undo, revoke, edit and export for their own
 *          participants (or those without a coach), add participants,
 *          propose badges (as drafts);
 *   LEAD   the same for every participant, the catalogue (edit, publish,
 *          archive), access exports, erasure;
 *   ADMIN  accounts, the signing key, backups and restore, the
 *          organisation's details.
 * A refusal is JLN_SESSION_ERROR_FORBIDDEN (or _NOT_SIGNED_IN).
 */

#define JLN_SESSION_ERROR (jln_session_error_quark ())

typedef enum {
  JLN_SESSION_ERROR_NOT_SIGNED_IN, /* accounts exist and nobody is signed in */
  JLN_SESSION_ERROR_FORBIDDEN,     /* the signed-in role may not do this */
  JLN_SESSION_ERROR_WRONG_SECRET,  /* sign-in refused: the passphrase does not match */
  JLN_SESSION_ERROR_LOCKED_OUT,    /* too many failures: the account waits a while */
  JLN_SESSION_ERROR_NO_ACCOUNTS,   /* no administrator exists yet */
} JlnSessionError;

GQuark jln_session_error_quark (void);

/* Failed sign-ins in a row that lock an account, and for how long. */
#define JLN_SESSION_MAX_SIGN_IN_FAILURES 5
#define JLN_SESSION_LOCKOUT_MINUTES      5

/* GSettings key (type "u", minutes; 0: never): the app locks the session
 * after that long without input. */
#define JLN_SESSION_AUTO_LOCK_KEY "auto-lock-minutes"

#define JLN_TYPE_SESSION (jln_session_get_type ())
G_DECLARE_FINAL_TYPE (JlnSession, jln_session, JLN, SESSION, GObject)

/* The GSettings key that remembers the desk coach (type "x", 0 = none). */
#define JLN_SESSION_COACH_KEY "current-coach"

/* GSettings keys of the backups (type "u"): hours between scheduled
 * backups (0: none) and how many backups are kept. */
#define JLN_SESSION_BACKUP_INTERVAL_KEY "backup-interval-hours"
#define JLN_SESSION_BACKUPS_KEPT_KEY    "backups-kept"
/* Without settings (or those keys): backups on demand keep this many. */
#define JLN_SESSION_DEFAULT_BACKUPS_KEPT 10

/* GSettings key of the retention period (type "u", months; 0: never
 * propose an erasure). Without settings (or the key): this many. */
#define JLN_SESSION_RETENTION_MONTHS_KEY "retention-months"
#define JLN_SESSION_DEFAULT_RETENTION_MONTHS 24

/* Consents a participant gives (jln_session_update_consents()). */
typedef enum {
  JLN_CONSENT_NONE     = 0,
  JLN_CONSENT_INTERNAL = 1 << 0, /* the team may keep the file */
  JLN_CONSENT_KIOSK    = 1 << 1, /* shown at the kiosk */
  JLN_CONSENT_PRINT    = 1 << 2, /* printed certificates */
  JLN_CONSENT_ONLINE   = 1 << 3, /* badges shared online / exported */
} JlnConsentFlags;

/* ---- opening ---- */

/* Over an open store: builds the issuer (which names the organisation and
 * creates its signing key on first run). NULL with @error when the key
 * cannot be read or saved. @settings may be NULL. When the settings ask
 * for scheduled backups and one is due, it is made here (see
 * jln_session_make_scheduled_backup()); its failure does not stop the
 * session: jln_session_get_scheduled_backup_error() says why. */
JlnSession     *jln_session_new              (JlnStore   *store,
                                              GSettings  *settings,
                                              GError    **error);
/* Opens (creating, migrating) the database at @path (NULL: the default
 * path, jln_store_default_path()) and builds the issuer. */
JlnSession     *jln_session_open             (const char *path,
                                              GSettings  *settings,
                                              GError    **error);

/* ---- what the session holds (borrowed) ---- */

JlnStore       *jln_session_get_store        (JlnSession *self);
JlnIssuer      *jln_session_get_issuer       (JlnSession *self);
GSettings      *jln_session_get_settings     (JlnSession *self);
/* The organisation's did:key (jln_issuer_get_id()). */
const char     *jln_session_get_issuer_id    (JlnSession *self);

/* ---- who is at the desk ---- */

JlnCoach       *jln_session_get_coach        (JlnSession *self);
void            jln_session_set_coach        (JlnSession *self,
                                              JlnCoach   *coach);
const char     *jln_session_get_desk_name    (JlnSession *self);
void            jln_session_set_desk_name    (JlnSession *self,
                                              const char *name);
/* Who the journal names for this session's writes ("coach:12",
 * "account:1000"); never NULL or empty, never a name. */
const char     *jln_session_get_actor        (JlnSession *self);

/* ---- accounts and signing in (see the top of this file) ---- */

/* TRUE once an administrator exists: signing in is required. */
gboolean        jln_session_is_protected     (JlnSession *self);
/* What the session may do now: ADMIN on an open database, NONE while
 * nobody is signed in, else the signed-in account's role. */
JlnRole         jln_session_get_role         (JlnSession *self);
/* USE CASE first run: @coach (new when its id is 0, else an existing
 * coach) becomes the administrator with @secret (a passphrase or a long
 * PIN, checked for strength: JLN_VAULT_ERROR_WEAK_SECRET); the signing key
 * and the journal's secret move into the vault in one transaction, and
 * the session is signed in as them. CONSTRAINT once protected. */
gboolean        jln_session_create_administrator (JlnSession *self,
                                                  JlnCoach   *coach,
                                                  const char *secret,
                                                  GError    **error);
/* USE CASE a second desk: the same, but the signing key comes from
 * @key_file (written by jln_session_export_key() on the first desk,
 * opened with @key_passphrase: JLN_VAULT_ERROR_WRONG_SECRET, _DAMAGED), so
 * both desks sign as one organisation. Refused (CONSTRAINT) when this
 * database already holds awards signed with its own key. */
gboolean        jln_session_create_administrator_with_key (JlnSession *self,
                                                           JlnCoach   *coach,
                                                           const char *secret,
                                                           GBytes     *key_file,
                                                           const char *key_passphrase,
                                                           GError    **error);
/* USE CASE sign in: WRONG_SECRET (how many tries are left in the
 * message), LOCKED_OUT (until when), NO_ACCOUNTS, NOT_FOUND (no account
 * for @coach_id). Each failure is counted and journalled (pending until
 * the next sign-in); JLN_SESSION_MAX_SIGN_IN_FAILURES lock the account
 * for JLN_SESSION_LOCKOUT_MINUTES. Success opens the vault: the issuer
 * signs and the journal is written, under "coach:<id>". */
gboolean        jln_session_sign_in          (JlnSession *self,
                                              gint64      coach_id,
                                              const char *secret,
                                              GError    **error);
/* Nobody is signed in any more: the unlocked keys are wiped. Nothing on
 * an open database. */
void            jln_session_lock             (JlnSession *self);
/* The "auto-lock-minutes" setting (0 without settings: never). */
guint           jln_session_get_auto_lock_minutes (JlnSession *self);
/* USE CASE (ADMIN) an account for @coach (new when its id is 0) with
 * @role (not NONE) and @secret; journalled "account.create". */
gboolean        jln_session_add_account      (JlnSession *self,
                                              JlnCoach   *coach,
                                              JlnRole     role,
                                              const char *secret,
                                              GError    **error);
/* USE CASE a new passphrase for @coach_id: their own, or anyone's for an
 * administrator (which also lifts a lockout). */
gboolean        jln_session_set_account_secret (JlnSession *self,
                                                gint64      coach_id,
                                                const char *secret,
                                                GError    **error);
/* USE CASE (ADMIN) the signing key and journal secret as a key file
 * sealed under @passphrase (see jln_vault_keys_export()), journalled
 * "organisation.key-export". */
GBytes         *jln_session_export_key       (JlnSession *self,
                                              const char *passphrase,
                                              GError    **error);

/* ==== use cases ==== */

/* -- awarding -- */

/* A draft to award a badge to @participant_id (knows what they hold).
 * Unknown or archived participant: JLN_STORE_ERROR_NOT_FOUND. */
JlnAwardDraft  *jln_session_new_award_draft  (JlnSession *self,
                                              gint64      participant_id,
                                              GError    **error);
/* Whether the desk asks who awards each badge (an open desk whose
 * preferences say "Ask each time"): the drafts of such a desk need their
 * "coach-id" chosen. */
gboolean        jln_session_asks_for_coach   (JlnSession *self);
/* USE CASE award: copies the draft's evidence files among the store's
 * attachments (jln_store_add_attachment_file(): neutral names, 0600),
 * writes the award, its journal entry and its signed credential in one
 * transaction. Returns the stored award (owned). The coach on the award is
 * the desk coach, else the draft's "coach-id" (none when it is 0). On failure nothing is
 * saved, no copy is left and the draft shows the error among its problems. */
JlnAward       *jln_session_award            (JlnSession    *self,
                                              JlnAwardDraft *draft,
                                              GError       **error);
/* A group award of badge @badge_id (published, else NOT_FOUND) after a
 * collective session; add the people present with
 * jln_session_group_award_add(). */
JlnGroupAward  *jln_session_new_group_award  (JlnSession *self,
                                              gint64      badge_id,
                                              GError    **error);
/* Adds @participant_id to @group: refused (FORBIDDEN) for someone this
 * desk may not award, NOT_FOUND for an unknown or archived person, and as
 * jln_group_award_add_member() refuses (31st person, already in the
 * group, version already held). */
gboolean        jln_session_group_award_add  (JlnSession    *self,
                                              JlnGroupAward *group,
                                              gint64         participant_id,
                                              GError       **error);
/* USE CASE award a group: as jln_session_award() for each member, all in
 * one transaction: every award, journal entry and signed credential, or
 * none (nothing saved, no evidence copy left, the group shows the error).
 * Returns the stored awards (JlnAward, owned), in the members' order. */
GPtrArray      *jln_session_award_group      (JlnSession    *self,
                                              JlnGroupAward *group,
                                              GError       **error);
/* USE CASE undo an award (the toast's Undo): the award never existed, the
 * journal says "award.undo", its evidence copies are deleted. */
gboolean        jln_session_undo_award       (JlnSession *self,
                                              gint64      award_id,
                                              GError    **error);
/* Undoes several awards (a group award's Undo): all or none. */
gboolean        jln_session_undo_awards      (JlnSession   *self,
                                              const gint64 *award_ids,
                                              guint         n_awards,
                                              GError      **error);
/* USE CASE revoke: withdraws the award for @reason (required, journalled,
 * the list marked due in the same transaction) and republishes the
 * revocation list. Unknown award: NOT_FOUND; already revoked or empty
 * reason: CONSTRAINT. When only the list file fails the award stays
 * revoked, the list stays due (retried when a session opens and at every
 * revocation) and the error (JLN_ISSUER_ERROR_IO, also kept as
 * jln_session_get_status_list_error()) says so. */
gboolean        jln_session_revoke_award     (JlnSession *self,
                                              gint64      award_id,
                                              const char *reason,
                                              GError    **error);
/* Evidence is attached while the badge is awarded (the draft's files),
 * never afterwards: the signed credential lists it. */

/* -- handing badges out -- */

/* USE CASE export a participant's badges (see JlnExporter): files in @dir,
 * @out_paths (nullable) the files written. Without online consent:
 * JLN_ISSUER_ERROR_CONSENT_REQUIRED and nothing written; ask, then call
 * again with @consent_confirmed (journalled under the actor). */
gboolean        jln_session_export_participant (JlnSession      *self,
                                                gint64           participant_id,
                                                JlnExportFormat  format,
                                                const char      *dir,
                                                gboolean         consent_confirmed,
                                                GPtrArray      **out_paths,
                                                GError         **error);
/* USE CASE right of access: everything held about @participant_id in a
 * new folder inside @parent_dir (see jln_access_export_write()), journalled
 * as "participant.access-export". @out_dir (nullable): the folder made.
 * On any error nothing is left and nothing is journalled. */
gboolean        jln_session_export_personal_data (JlnSession  *self,
                                                  gint64       participant_id,
                                                  const char  *parent_dir,
                                                  char       **out_dir,
                                                  GError     **error);
/* USE CASE issue: the award's signed credential, signing and saving it first
 * when it has none (demo awards, imports). Revoked: JLN_ISSUER_ERROR_REVOKED. */
GBytes         *jln_session_issue_award      (JlnSession *self,
                                              gint64      award_id,
                                              GError    **error);
/* USE CASE publish the revocation list to @path (NULL: the app's copy,
 * jln_issuer_dup_status_list_path()); @out_path (nullable) where it went. */
gboolean        jln_session_publish_status_list (JlnSession  *self,
                                                 const char  *path,
                                                 char       **out_path,
                                                 GError     **error);

/* -- participants -- */

/* USE CASE add a participant (@participant gets its id). */
gboolean        jln_session_add_participant  (JlnSession     *self,
                                              JlnParticipant *participant,
                                              GError        **error);
/* USE CASE save edits to a participant's file; a photo of ours that the
 * edit replaces or removes is deleted. */
gboolean        jln_session_update_participant (JlnSession     *self,
                                                JlnParticipant *participant,
                                                GError        **error);
/* USE CASE keep a new photo (@png: PNG bytes) among the store's
 * attachments; returns its path for jln_participant_set_photo_path(), or
 * NULL with JLN_STORE_ERROR_IO. */
char           *jln_session_add_photo        (JlnSession     *self,
                                              GBytes         *png,
                                              GError        **error);
/* A photo from jln_session_add_photo() that no saved file uses after all
 * (the save failed): deleted. Paths not among the attachments are left. */
void            jln_session_discard_photo    (JlnSession     *self,
                                              const char     *path);
/* USE CASE archive (their badges stay theirs). */
gboolean        jln_session_archive_participant (JlnSession *self,
                                                 gint64      participant_id,
                                                 GError    **error);
/* USE CASE undo an archive (the toast's Undo, the Archived list's
 * Restore): back among the participants, journalled. NOT_FOUND when not
 * archived or erased. */
gboolean        jln_session_restore_participant (JlnSession *self,
                                                 gint64      participant_id,
                                                 GError    **error);
/* USE CASE erase a participant's personal data (right to be forgotten):
 * see jln_store_erase_participant() for what goes and what stays; the
 * journal records "participant.erase" under the actor, the photo and
 * evidence files are deleted and the database's files compacted. The
 * revocation list needs no new publication: statuses are kept.
 * Backups made before the erasure still hold the person's data until
 * they are rotated out (or deleted by hand); so do the badges already
 * handed to them, which stay theirs and still verify. */
gboolean        jln_session_erase_participant (JlnSession *self,
                                               gint64      participant_id,
                                               GError    **error);
/* Compacts the database's files after an erasure another window or
 * command kept from finishing (JLN_STORE_ERROR_BUSY). */
gboolean        jln_session_compact          (JlnSession *self,
                                              GError    **error);
/* Retention: participants proposed for erasure at @now (ids, gint64,
 * ascending): no activity for the "retention-months" setting's months
 * (see jln_store_list_erasure_candidates()); empty when it is 0. */
GArray         *jln_session_list_erasure_candidates (JlnSession  *self,
                                                     GDateTime   *now,
                                                     GError     **error);
/* The retention period in months the session applies (0: never). */
guint           jln_session_get_retention_months (JlnSession *self);
/* USE CASE record the consents @participant_id gives now (the flags not
 * given are withdrawn). */
gboolean        jln_session_update_consents  (JlnSession      *self,
                                              gint64           participant_id,
                                              JlnConsentFlags  consents,
                                              GError         **error);

/* -- badges -- */

/* USE CASE add a badge (version 1, with its criteria). */
gboolean        jln_session_add_badge        (JlnSession *self,
                                              JlnBadge   *badge,
                                              GError    **error);
/* USE CASE save a badge's edits (a new version when the current one has
 * awards). */
gboolean        jln_session_update_badge     (JlnSession *self,
                                              JlnBadge   *badge,
                                              GError    **error);
/* USE CASE publish, withdraw or archive a badge. */
gboolean        jln_session_set_badge_status (JlnSession     *self,
                                              gint64          badge_id,
                                              JlnBadgeStatus  status,
                                              GError        **error);

/* -- backups (preferences: back up now, list, restore) -- */

/* USE CASE back up now: a new backup in the backups folder
 * (jln_store_backup()), then rotation to the "backups-kept" setting.
 * @out_path (nullable): where it went. */
gboolean        jln_session_backup_now       (JlnSession  *self,
                                              char       **out_path,
                                              GError     **error);
/* Our backups, newest first (full paths; jln_store_get_backup_time() says
 * when each was made). */
GPtrArray      *jln_session_list_backups     (JlnSession  *self,
                                              GError     **error);
/* The scheduled backup: made when the "backup-interval-hours" setting is
 * above 0 and no backup is younger than that at @now; *out_made (nullable)
 * says whether one was made. Without settings nothing is scheduled. */
gboolean        jln_session_make_scheduled_backup (JlnSession  *self,
                                                   GDateTime   *now,
                                                   gboolean    *out_made,
                                                   GError     **error);
/* Why the revocation list, due since a revocation or a restore, could not
 * be published (at open or at the last revocation), or NULL once it is up
 * to date. The window shows it: verifiers still see the old list. */
const GError   *jln_session_get_status_list_error (JlnSession *self);
/* The last scheduled backup this session made, or NULL. */
const char     *jln_session_get_scheduled_backup_path (JlnSession *self);
/* Why the scheduled backup made when the session opened failed, or NULL
 * (the UI shows it: the coach must know that no backup is being made). */
const GError   *jln_session_get_scheduled_backup_error (JlnSession *self);
/* USE CASE restore: replaces the database by the backup at @path
 * (jln_store_restore_backup(): refused with nothing changed unless it is a
 * sound Jalons backup; the current content kept first, @out_kept_path
 * nullable), journalled under the actor; the issuer is rebuilt from the
 * restored organisation ("issuer" notifies). Also works on a damaged
 * database. */
gboolean        jln_session_restore_backup   (JlnSession  *self,
                                              const char  *path,
                                              char       **out_kept_path,
                                              GError     **error);

/* -- organisation (preferences) -- */

/* USE CASE the details a coach edits in the preferences (name required;
 * blank optional fields are stored as none); never touches the signing
 * key. Journalled. */
gboolean        jln_session_set_organisation_details (JlnSession *self,
                                                      const char *name,
                                                      const char *url,
                                                      const char *email,
                                                      const char *public_base,
                                                      GError    **error);

/* -- trust -- */

/* USE CASE check the tamper-evident journal (jln_store_verify_audit()):
 * TRUE when intact; otherwise a JLN_AUDIT_ERROR naming the first broken
 * event and what is wrong with it. The app calls it at start and warns
 * the administrator when it fails. */
gboolean        jln_session_verify_audit     (JlnSession *self,
                                              gint64     *out_first_broken_event_id,
                                              guint64    *out_n_events,
                                              GError    **error);

G_END_DECLS
