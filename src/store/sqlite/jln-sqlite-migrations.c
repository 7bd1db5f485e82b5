/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include "jln-sqlite-private.h"

/* Never edit a migration once released: databases in the field have run it.
 * Add a new one at the end instead (and a fixture at the old version). */

/* Version 1: the whole model. Kept identical to tests/core/fixtures/jalons-v1.sql. */
static const char migration_1[] =
  "PRAGMA application_id = 1246514771;\n"
  "CREATE TABLE territories (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0)\n"
  ");\n"
  "CREATE TABLE coaches (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),\n"
  "  territory_id INTEGER REFERENCES territories (id),\n"
  "  email TEXT\n"
  ");\n"
  "CREATE TABLE participants (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  first_name TEXT NOT NULL CHECK (length(trim(first_name)) > 0),\n"
  "  last_name TEXT NOT NULL DEFAULT '',\n"
  "  photo_path TEXT,\n"
  "  territory_id INTEGER REFERENCES territories (id),\n"
  "  coach_id INTEGER REFERENCES coaches (id),\n"
  "  entry_date TEXT,\n"
  "  email TEXT,\n"
  "  consent_internal INTEGER NOT NULL DEFAULT 0,\n"
  "  consent_kiosk INTEGER NOT NULL DEFAULT 0,\n"
  "  consent_print INTEGER NOT NULL DEFAULT 0,\n"
  "  consent_online INTEGER NOT NULL DEFAULT 0,\n"
  "  archived INTEGER NOT NULL DEFAULT 0,\n"
  "  recipient_salt TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE badges (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  slug TEXT NOT NULL UNIQUE CHECK (length(slug) > 0),\n"
  "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),\n"
  "  current_version_id INTEGER REFERENCES badge_versions (id) DEFERRABLE INITIALLY DEFERRED\n"
  ");\n"
  "CREATE TABLE badge_versions (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  badge_id INTEGER NOT NULL REFERENCES badges (id),\n"
  "  version INTEGER NOT NULL CHECK (version >= 1),\n"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),\n"
  "  easy_text TEXT,\n"
  "  description TEXT,\n"
  "  theme TEXT,\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('savoir', 'savoir-faire', 'savoir-etre')),\n"
  "  image_svg TEXT,\n"
  "  created_at TEXT NOT NULL,\n"
  "  UNIQUE (badge_id, version)\n"
  ");\n"
  "CREATE TABLE criteria (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  badge_version_id INTEGER NOT NULL REFERENCES badge_versions (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  text TEXT NOT NULL,\n"
  "  required INTEGER NOT NULL DEFAULT 1,\n"
  "  UNIQUE (badge_version_id, position)\n"
  ");\n"
  "CREATE TABLE awards (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  participant_id INTEGER NOT NULL REFERENCES participants (id),\n"
  "  badge_version_id INTEGER NOT NULL REFERENCES badge_versions (id),\n"
  "  coach_id INTEGER REFERENCES coaches (id),\n"
  "  awarded_on TEXT NOT NULL,\n"
  "  criteria_met TEXT NOT NULL DEFAULT '[]',\n"
  "  evidence_note TEXT,\n"
  "  evidence_files TEXT NOT NULL DEFAULT '[]',\n"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),\n"
  "  revoke_reason TEXT,\n"
  "  revoked_on TEXT,\n"
  "  credential_id TEXT NOT NULL UNIQUE,\n"
  "  status_index INTEGER NOT NULL UNIQUE,\n"
  "  credential BLOB\n"
  ");\n"
  "CREATE INDEX awards_participant ON awards (participant_id);\n"
  "CREATE INDEX awards_badge_version ON awards (badge_version_id);\n"
  "CREATE TABLE audit_events (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  at TEXT NOT NULL,\n"
  "  actor TEXT NOT NULL,\n"
  "  action TEXT NOT NULL,\n"
  "  subject TEXT,\n"
  "  detail TEXT\n"
  ");\n"
  "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events\n"
  "  BEGIN SELECT RAISE (ABORT, 'the audit journal is append-only'); END;\n"
  "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events\n"
  "  BEGIN SELECT RAISE (ABORT, 'the audit journal is append-only'); END;\n"
  "CREATE TABLE organisation (\n"
  "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
  "  name TEXT NOT NULL DEFAULT '',\n"
  "  url TEXT,\n"
  "  email TEXT,\n"
  "  public_base TEXT,\n"
  "  signing_seed BLOB\n"
  ");\n"
  "INSERT INTO organisation (id, name) VALUES (1, '');\n";

/* Version 2:
 * - a status-list counter that never goes back, so an undone award's
 *   index (maybe already published in a credential) is never reused;
 * - covering indexes so the startup counts are index-only scans;
 * - one *active* award per participant and badge version, enforced by
 *   the database itself. */
static const char migration_2[] =
  "ALTER TABLE organisation ADD COLUMN next_status_index INTEGER NOT NULL DEFAULT 0;\n"
  "UPDATE organisation SET next_status_index =\n"
  "  (SELECT coalesce (max (status_index) + 1, 0) FROM awards);\n"
  "DROP INDEX awards_participant;\n"
  "DROP INDEX awards_badge_version;\n"
  "CREATE INDEX awards_participant_status ON awards (participant_id, status);\n"
  "CREATE INDEX awards_badge_version_status ON awards (badge_version_id, status);\n"
  "CREATE UNIQUE INDEX awards_one_active ON awards (participant_id, badge_version_id)\n"
  "  WHERE status = 'active';\n"
  "CREATE INDEX badge_versions_badge ON badge_versions (badge_id);\n";

/* Version 3: active-award counters kept by triggers, so startup reads
 * 10,000 counts from the rows it loads anyway instead of grouping 200,000
 * awards, and the counts stay right whoever writes the awards. */
static const char migration_3[] =
  "ALTER TABLE participants ADD COLUMN badge_count INTEGER NOT NULL DEFAULT 0;\n"
  "ALTER TABLE badge_versions ADD COLUMN holder_count INTEGER NOT NULL DEFAULT 0;\n"
  "UPDATE participants SET badge_count =\n"
  "  (SELECT count(*) FROM awards a WHERE a.participant_id = participants.id AND a.status = 'active');\n"
  "UPDATE badge_versions SET holder_count =\n"
  "  (SELECT count(*) FROM awards a WHERE a.badge_version_id = badge_versions.id AND a.status = 'active');\n"
  "CREATE TRIGGER awards_count_insert AFTER INSERT ON awards WHEN NEW.status = 'active'\n"
  "BEGIN\n"
  "  UPDATE participants SET badge_count = badge_count + 1 WHERE id = NEW.participant_id;\n"
  "  UPDATE badge_versions SET holder_count = holder_count + 1 WHERE id = NEW.badge_version_id;\n"
  "END;\n"
  "CREATE TRIGGER awards_count_delete AFTER DELETE ON awards WHEN OLD.status = 'active'\n"
  "BEGIN\n"
  "  UPDATE participants SET badge_count = badge_count - 1 WHERE id = OLD.participant_id;\n"
  "  UPDATE badge_versions SET holder_count = holder_count - 1 WHERE id = OLD.badge_version_id;\n"
  "END;\n"
  "CREATE TRIGGER awards_count_update AFTER UPDATE OF status, participant_id, badge_version_id ON awards\n"
  "BEGIN\n"
  "  UPDATE participants SET badge_count = badge_count - (OLD.status = 'active') WHERE id = OLD.participant_id;\n"
  "  UPDATE badge_versions SET holder_count = holder_count - (OLD.status = 'active') WHERE id = OLD.badge_version_id;\n"
  "  UPDATE participants SET badge_count = badge_count + (NEW.status = 'active') WHERE id = NEW.participant_id;\n"
  "  UPDATE badge_versions SET holder_count = holder_count + (NEW.status = 'active') WHERE id = NEW.badge_version_id;\n"
  "END;\n";

/* Version 4: the tamper-evident journal.
 * - the audit secret (the chain's key) beside the signing seed, where the
 *   later at-rest encryption will find both;
 * - each event keeps its predecessor's hash and its own;
 * - the tip (count, last event, MAC) that makes a cut-off end visible.
 * Between this SQL and migration_4_after, the facade's upgrade step
 * creates the secret and chains the events already there: the history
 * written before this version becomes the start of the chain, vouched for
 * only from the moment of the migration (whoever could edit the file
 * before could have changed it unseen). UPDATE is allowed for that step
 * alone: the trigger is dropped here and put back right after.
 *
 * Before it is chained, the old history stops naming people (the journal
 * keeps people by id only): a coach's name as actor becomes "coach:<id>"
 * when exactly one coach has that name, any other name (a desk or account
 * name) "account:unknown", the demo's "demo" "system"; the details that
 * held a participant's or coach's name, or a revocation's free-text reason
 * (still kept with the award), are emptied. The original stays in the
 * backup written before migrating. */
static const char migration_4[] =
  "DROP TRIGGER IF EXISTS audit_events_no_update;\n"
  "UPDATE audit_events SET detail = NULL\n"
  "  WHERE action IN ('participant.create', 'participant.update', 'coach.create', 'award.revoke');\n"
  "UPDATE audit_events SET actor = 'system' WHERE actor = 'demo';\n"
  "UPDATE audit_events SET actor = coalesce (\n"
  "    (SELECT CASE WHEN count(*) = 1 THEN 'coach:' || min (c.id) END\n"
  "     FROM coaches c WHERE c.name = audit_events.actor),\n"
  "    'account:unknown')\n"
  "  WHERE actor <> 'system' AND actor NOT LIKE 'coach:%';\n"
  "ALTER TABLE organisation ADD COLUMN audit_secret BLOB;\n"
  "ALTER TABLE audit_events ADD COLUMN prev_hash BLOB;\n"
  "ALTER TABLE audit_events ADD COLUMN hash BLOB;\n"
  "CREATE TABLE audit_tip (\n"
  "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
  "  n_events INTEGER NOT NULL,\n"
  "  last_id INTEGER NOT NULL,\n"
  "  last_hash BLOB NOT NULL,\n"
  "  mac BLOB NOT NULL\n"
  ");\n";

static const char migration_4_after[] =
  "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events\n"
  "  BEGIN SELECT RAISE (ABORT, 'the audit journal is append-only'); END;\n";

/* Version 5: what of an award's evidence its public badge carries. The
 * note is shared only when the coach ticks it, files only when marked
 * (a JSON list of the shared evidence paths). Existing awards share
 * nothing more than their already signed credentials say. */
static const char migration_5[] =
  "ALTER TABLE awards ADD COLUMN evidence_note_shared INTEGER NOT NULL DEFAULT 0;\n"
  "ALTER TABLE awards ADD COLUMN evidence_files_shared TEXT NOT NULL DEFAULT '[]';\n";

/* Version 6: erasure (right to be forgotten). When a participant's
 * personal data is erased the row stays, for the anonymous facts reports
 * count (territory, coach, entry month, awards) and so that their awards'
 * status-list indices stay published; erased_at says it happened (UTC
 * timestamp) and keeps the file from being edited again. */
static const char migration_6[] =
  "ALTER TABLE participants ADD COLUMN erased_at TEXT;\n";

/* Version 7: the revocation list is never left stale. "due" grows in the
 * very transaction that revokes (or restores), "published" records the
 * generation last written out; publishing compares the two, so a crash
 * between the commit and the file, or two desks revoking at once, leaves
 * the list marked as due instead of silently wrong. An existing database
 * with revocations publishes once after the upgrade: nothing says its
 * file was up to date. */
static const char migration_7[] =
  "CREATE TABLE status_list_publication (\n"
  "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
  "  due INTEGER NOT NULL,\n"
  "  published INTEGER NOT NULL\n"
  ");\n"
  "INSERT INTO status_list_publication (id, due, published)\n"
  "  SELECT 1, EXISTS (SELECT 1 FROM awards WHERE status = 'revoked'), 0;\n";

/* Version 8: coach accounts and the signing key protected at rest.
 * - accounts: a coach who signs in, their role, their passphrase as a
 *   libsodium crypto_pwhash_str string, the lockout counters, and their
 *   key slot: the vault key wrapped under a key derived from their
 *   passphrase (so any account can unlock signing, none holds it in clear);
 * - key_vault: the signing seed and the journal's secret sealed together
 *   under the vault key (crypto_secretbox), with the public key in clear so
 *   the organisation's did:key is known while nobody is signed in. Once it
 *   exists, organisation.signing_seed and .audit_secret stay NULL;
 * - audit_pending: what happens while nobody is signed in (failed
 *   sign-ins) cannot be chained without the secret: it waits here and is
 *   chained at the next sign-in. */
static const char migration_8[] =
  "CREATE TABLE accounts (\n"
  "  coach_id INTEGER PRIMARY KEY REFERENCES coaches (id),\n"
  "  role TEXT NOT NULL CHECK (role IN ('coach', 'lead', 'admin')),\n"
  "  secret_hash TEXT NOT NULL,\n"
  "  failed_sign_ins INTEGER NOT NULL DEFAULT 0,\n"
  "  locked_until TEXT,\n"
  "  slot_salt BLOB NOT NULL,\n"
  "  slot_opslimit INTEGER NOT NULL,\n"
  "  slot_memlimit INTEGER NOT NULL,\n"
  "  slot_nonce BLOB NOT NULL,\n"
  "  slot_wrapped BLOB NOT NULL\n"
  ");\n"
  "CREATE TABLE key_vault (\n"
  "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
  "  public_key BLOB NOT NULL,\n"
  "  nonce BLOB NOT NULL,\n"
  "  sealed BLOB NOT NULL\n"
  ");\n"
  "CREATE TABLE audit_pending (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  at TEXT NOT NULL,\n"
  "  actor TEXT NOT NULL,\n"
  "  action TEXT NOT NULL,\n"
  "  subject TEXT,\n"
  "  detail TEXT\n"
  ");\n";

/* Version 9: one definition of "how many badges someone holds": distinct
 * badges, whatever their versions (two versions of "Tenir son budget"
 * are one badge held). badge_count was the number of active awards, so
 * the list said 24 where the participant's page said 15. The counters of
 * each version's holders stay per version. */
static const char migration_9[] =
  "DROP TRIGGER awards_count_insert;\n"
  "DROP TRIGGER awards_count_delete;\n"
  "DROP TRIGGER awards_count_update;\n"
  "UPDATE participants SET badge_count = (SELECT count(DISTINCT v.badge_id) FROM awards a\n"
  "    JOIN badge_versions v ON v.id = a.badge_version_id\n"
  "    WHERE a.participant_id = participants.id AND a.status = 'active');\n"
  "CREATE TRIGGER awards_count_insert AFTER INSERT ON awards WHEN NEW.status = 'active'\n"
  "BEGIN\n"
  "  UPDATE participants SET badge_count = (SELECT count(DISTINCT v.badge_id) FROM awards a\n"
  "    JOIN badge_versions v ON v.id = a.badge_version_id\n"
  "    WHERE a.participant_id = NEW.participant_id AND a.status = 'active') WHERE id = NEW.participant_id;\n"
  "  UPDATE badge_versions SET holder_count = holder_count + 1 WHERE id = NEW.badge_version_id;\n"
  "END;\n"
  "CREATE TRIGGER awards_count_delete AFTER DELETE ON awards WHEN OLD.status = 'active'\n"
  "BEGIN\n"
  "  UPDATE participants SET badge_count = (SELECT count(DISTINCT v.badge_id) FROM awards a\n"
  "    JOIN badge_versions v ON v.id = a.badge_version_id\n"
  "    WHERE a.participant_id = OLD.participant_id AND a.status = 'active') WHERE id = OLD.participant_id;\n"
  "  UPDATE badge_versions SET holder_count = holder_count - 1 WHERE id = OLD.badge_version_id;\n"
  "END;\n"
  "CREATE TRIGGER awards_count_update AFTER UPDATE OF status, participant_id, badge_version_id ON awards\n"
  "BEGIN\n"
  "  UPDATE participants SET badge_count = (SELECT count(DISTINCT v.badge_id) FROM awards a\n"
  "    JOIN badge_versions v ON v.id = a.badge_version_id\n"
  "    WHERE a.participant_id = OLD.participant_id AND a.status = 'active') WHERE id = OLD.participant_id;\n"
  "  UPDATE participants SET badge_count = (SELECT count(DISTINCT v.badge_id) FROM awards a\n"
  "    JOIN badge_versions v ON v.id = a.badge_version_id\n"
  "    WHERE a.participant_id = NEW.participant_id AND a.status = 'active') WHERE id = NEW.participant_id;\n"
  "  UPDATE badge_versions SET holder_count = holder_count - (OLD.status = 'active') WHERE id = OLD.badge_version_id;\n"
  "  UPDATE badge_versions SET holder_count = holder_count + (NEW.status = 'active') WHERE id = NEW.badge_version_id;\n"
  "END;\n";

/* Version 10: consents start undecided. The day a participant last
 * answered is kept; NULL means never asked (every consent then counts as
 * not given, and the form says so). Files made before do not say when
 * they were asked: they stay NULL, to be asked again. */
static const char migration_10[] =
  "ALTER TABLE participants ADD COLUMN consents_answered_on TEXT;\n";

static const JlnSqliteMigration migrations[] = {
  { 1, "initial schema", migration_1, FALSE, NULL },
  { 2, "status-list counter, covering indexes, one active award per version", migration_2, FALSE, NULL },
  { 3, "active-award counters maintained by triggers", migration_3, FALSE, NULL },
  { 4, "tamper-evident audit chain", migration_4, TRUE, migration_4_after },
  { 5, "evidence shared in the badge", migration_5, FALSE, NULL },
  { 6, "participant erasure", migration_6, FALSE, NULL },
  { 7, "revocation list publication marks", migration_7, FALSE, NULL },
  { 8, "coach accounts and the key vault", migration_8, FALSE, NULL },
  { 9, "badges held counted once whatever their versions", migration_9, FALSE, NULL },
  { 10, "the day consents were answered", migration_10, FALSE, NULL },
};

const JlnSqliteMigration *
jln_sqlite_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
