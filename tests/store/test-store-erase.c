/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE /* memmem */
#define G_LOG_DOMAIN "jln-test"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "jln-test-common.h"
#include "store/jln-store.h"

/* Erasure and retention in the store: after jln_store_erase_participant()
 * no personal string survives in the database file or its WAL (read as
 * raw bytes), the anonymous facts stay, the journal verifies and says
 * "participant.erase", the attachments are gone; refusals change nothing;
 * retention candidates follow the rule at times the test chooses. */

/* Unique enough that no other byte sequence in the file holds them. */
#define FIRST_NAME     "Quixotelmina"
#define LAST_NAME      "Brazzavelonde"
#define EMAIL          "quixotelmina.brazza@exemple-unique.test"
#define EVIDENCE_NOTE  "Note sur Quixotelmina au foyer Orvanel"
#define REVOKE_REASON  "Retire car Brazzavelonde a demenage"
#define EVIDENCE_NAME  "attestation-quixotelmina-brazzavelonde.pdf"
#define EVIDENCE_BODY  "PDF body of Quixotelmina's attestation 8f1e2d"
#define PHOTO_BODY     "PNG bytes of Quixotelmina's face 77aa01"
#define PERSONAL_CRITERION "Quixotelmina a parle de sa sante"
#define BADGE_CRITERION "Presenter son parcours"

typedef struct {
  char *dir;
  char *path;
  JlnStore *store;
  JlnTerritory *territory;
  JlnCoach *coach;
  JlnBadge *badge;
  JlnBadge *badge2;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = jln_test_make_tmp_dir ("jalons-erase");
  f->path = g_build_filename (f->dir, "jalons.db", NULL);
  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);

  f->territory = jln_territory_new ("Lens");
  g_assert_true (jln_store_add_territory (f->store, f->territory, NULL, &error));
  f->coach = jln_coach_new ("Karim");
  jln_coach_set_territory_id (f->coach, jln_territory_get_id (f->territory));
  g_assert_true (jln_store_add_coach (f->store, f->coach, NULL, &error));
  f->badge = jln_badge_new ("cv", "Ecrire son CV");
  jln_badge_add_criterion (f->badge, BADGE_CRITERION, TRUE);
  g_assert_true (jln_store_add_badge (f->store, f->badge, NULL, &error));
  f->badge2 = jln_badge_new ("entretien", "Passer un entretien");
  jln_badge_add_criterion (f->badge2, "Se presenter", TRUE);
  g_assert_true (jln_store_add_badge (f->store, f->badge2, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->badge2);
  g_clear_object (&f->badge);
  g_clear_object (&f->coach);
  g_clear_object (&f->territory);
  g_clear_object (&f->store);
  jln_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* What a signed credential holds that names the person: the seal the app
 * plugs in writes the salted hash, the evidence and the notes. */
static GBytes *
personal_seal (JlnAward  *award,
               gpointer   user_data,
               GError   **error)
{
  JlnParticipant *p = user_data;
  g_autofree char *json = g_strdup_printf ("{\"id\":\"%s\",\"salt\":\"%s\",\"email\":\"%s\","
                                           "\"evidence\":\"%s\",\"note\":\"%s\"}",
                                           jln_award_get_credential_id (award),
                                           jln_participant_get_recipient_salt (p), EMAIL,
                                           EVIDENCE_NAME, EVIDENCE_NOTE);

  return g_bytes_new (json, strlen (json));
}

static char *
add_attachment (Fixture    *f,
                const char *body,
                const char *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (body, strlen (body));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *stored = NULL;

  g_assert_true (jln_store_add_attachment (f->store, bytes, name, &stored, &error));
  g_assert_no_error (error);
  file = jln_store_dup_attachment_file (f->store, stored, &error);
  g_assert_no_error (error);
  return g_file_get_path (file);
}

static gboolean
file_holds (const char *path,
            const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  return memmem (contents, len, needle, strlen (needle)) != NULL;
}

/* The database's bytes as they sit on disk: the file and its WAL. */
static void
assert_nowhere (Fixture    *f,
                const char *needle)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  g_assert_cmpuint (strlen (needle), >, 0);
  if (file_holds (f->path, needle))
    g_error ("“%s” is still in the database file", needle);
  if (file_holds (wal, needle))
    g_error ("“%s” is still in the WAL", needle);
}

static JlnAuditEvent *
newest_event (JlnStore *store)
{
  g_autoptr(GListModel) events = jln_store_list_audit_events (store, 1, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 1);
  return g_list_model_get_item (events, 0);
}

static guint
count_events (JlnStore *store)
{
  g_autoptr(GListModel) events = jln_store_list_audit_events (store, 0, NULL);

  return g_list_model_get_n_items (events);
}

static gboolean
array_has_uint (GArray *array,
                guint   value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, guint, i) == value)
      return TRUE;
  return FALSE;
}

/* A participant with every kind of personal data, two awards (one
 * revoked), evidence and a photo; returns the live participant. */
static JlnParticipant *
add_person (Fixture  *f,
            JlnAward **out_kept,
            JlnAward **out_revoked,
            char     **out_photo,
            char     **out_evidence)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnParticipant) p = jln_participant_new (FIRST_NAME, LAST_NAME);
  g_autoptr(GDateTime) entry = g_date_time_new_utc (2024, 3, 17, 0, 0, 0);
  g_autoptr(JlnAward) kept = NULL;
  g_autoptr(JlnAward) revoked = NULL;
  const char *criteria[] = { BADGE_CRITERION, PERSONAL_CRITERION, NULL };
  const char *files[2] = { NULL, NULL };

  *out_photo = add_attachment (f, PHOTO_BODY, "photo.png");
  *out_evidence = add_attachment (f, EVIDENCE_BODY, EVIDENCE_NAME);
  jln_participant_set_email (p, EMAIL);
  jln_participant_set_photo_path (p, *out_photo);
  jln_participant_set_entry_date (p, entry);
  jln_participant_set_territory_id (p, jln_territory_get_id (f->territory));
  jln_participant_set_coach_id (p, jln_coach_get_id (f->coach));
  jln_participant_set_consent_kiosk (p, TRUE);
  jln_participant_set_consent_online (p, TRUE);
  g_assert_true (jln_store_add_participant (f->store, p, "coach:1", &error));
  g_assert_no_error (error);

  kept = jln_award_new (jln_participant_get_id (p), jln_badge_get_version_id (f->badge),
                        jln_coach_get_id (f->coach));
  jln_award_set_evidence_note (kept, EVIDENCE_NOTE);
  files[0] = *out_evidence;
  jln_award_set_evidence_files (kept, files);
  jln_award_set_criteria_met (kept, criteria);
  g_assert_true (jln_store_add_award (f->store, kept, "coach:1", personal_seal, p, &error));
  g_assert_no_error (error);

  revoked = jln_award_new (jln_participant_get_id (p), jln_badge_get_version_id (f->badge2),
                           jln_coach_get_id (f->coach));
  jln_award_set_evidence_note (revoked, EVIDENCE_NOTE " (2)");
  g_assert_true (jln_store_add_award (f->store, revoked, "coach:1", personal_seal, p, &error));
  g_assert_no_error (error);
  g_assert_true (jln_store_revoke_award (f->store, jln_award_get_id (revoked), REVOKE_REASON,
                                         "coach:1", &error));
  g_assert_no_error (error);

  *out_kept = g_steal_pointer (&kept);
  *out_revoked = g_steal_pointer (&revoked);
  return jln_store_lookup_participant (f->store, jln_participant_get_id (p));
}

static void
test_nothing_personal_remains (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAward) kept = NULL;
  g_autoptr(JlnAward) revoked = NULL;
  g_autoptr(JlnParticipant) live_p = NULL;
  g_autoptr(JlnParticipant) stored = NULL;
  g_autoptr(JlnAward) kept_after = NULL;
  g_autoptr(JlnAward) revoked_after = NULL;
  g_autoptr(JlnAuditEvent) event = NULL;
  g_autoptr(GArray) revoked_indices = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *photo_name = NULL;
  g_autofree char *evidence_name = NULL;
  g_autofree char *salt = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  const char * const *criteria;
  guint64 n_events = 0;
  gint64 id;

  live_p = g_object_ref (add_person (f, &kept, &revoked, &photo, &evidence));
  id = jln_participant_get_id (live_p);
  salt = g_strdup (jln_participant_get_recipient_salt (live_p));
  photo_name = g_path_get_basename (photo);
  evidence_name = g_path_get_basename (evidence);
  g_assert_cmpuint (strlen (salt), >=, 16);
  /* The test would prove nothing if the strings were never written. */
  g_assert_true (file_holds (f->path, FIRST_NAME) || file_holds (wal, FIRST_NAME));
  g_assert_true (file_holds (f->path, salt) || file_holds (wal, salt));
  g_assert_true (file_holds (f->path, REVOKE_REASON) || file_holds (wal, REVOKE_REASON));

  g_assert_true (jln_store_erase_participant (f->store, id, "coach:1", &error));
  g_assert_no_error (error);

  /* Raw bytes: not one personal string, nor the salt, nor the files' names. */
  assert_nowhere (f, FIRST_NAME);
  assert_nowhere (f, LAST_NAME);
  assert_nowhere (f, EMAIL);
  assert_nowhere (f, EVIDENCE_NOTE);
  assert_nowhere (f, REVOKE_REASON);
  assert_nowhere (f, EVIDENCE_NAME);
  assert_nowhere (f, EVIDENCE_BODY);
  assert_nowhere (f, PHOTO_BODY);
  assert_nowhere (f, PERSONAL_CRITERION);
  assert_nowhere (f, salt);
  assert_nowhere (f, photo_name);
  assert_nowhere (f, evidence_name);

  /* The files are gone from the attachments folder. */
  g_assert_false (g_file_test (photo, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (evidence, G_FILE_TEST_EXISTS));

  /* The live object shows it and left the list. */
  g_assert_true (jln_participant_get_erased (live_p));
  g_assert_cmpstr (jln_participant_get_email (live_p), ==, NULL);
  g_assert_null (strstr (jln_participant_get_first_name (live_p), FIRST_NAME));
  g_assert_null (jln_store_lookup_participant (f->store, id));

  /* What stays: territory, coach, entry month, the awards' facts. */
  stored = jln_store_get_participant (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (jln_participant_get_erased (stored));
  g_assert_true (jln_participant_get_archived (stored));
  g_assert_cmpstr (jln_participant_get_last_name (stored), ==, "");
  g_assert_null (jln_participant_get_photo_path (stored));
  g_assert_cmpstr (jln_participant_get_recipient_salt (stored), ==, "");
  g_assert_false (jln_participant_get_consent_kiosk (stored));
  g_assert_false (jln_participant_get_consent_online (stored));
  g_assert_cmpint (jln_participant_get_territory_id (stored), ==, jln_territory_get_id (f->territory));
  g_assert_cmpint (jln_participant_get_coach_id (stored), ==, jln_coach_get_id (f->coach));
  g_assert_cmpint (g_date_time_get_year (jln_participant_get_entry_date (stored)), ==, 2024);
  g_assert_cmpint (g_date_time_get_month (jln_participant_get_entry_date (stored)), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (jln_participant_get_entry_date (stored)), ==, 1);

  kept_after = jln_store_get_award (f->store, jln_award_get_id (kept), &error);
  g_assert_no_error (error);
  g_assert_cmpint (jln_award_get_participant_id (kept_after), ==, id);
  g_assert_cmpint (jln_award_get_badge_version_id (kept_after), ==, jln_badge_get_version_id (f->badge));
  g_assert_cmpint (jln_award_get_coach_id (kept_after), ==, jln_coach_get_id (f->coach));
  g_assert_cmpint (jln_award_get_status (kept_after), ==, JLN_AWARD_STATUS_ACTIVE);
  g_assert_cmpstr (jln_award_get_credential_id (kept_after), ==, jln_award_get_credential_id (kept));
  g_assert_cmpuint (jln_award_get_status_index (kept_after), ==, jln_award_get_status_index (kept));
  g_assert_nonnull (jln_award_get_awarded_on (kept_after));
  g_assert_null (jln_award_get_evidence_note (kept_after));
  g_assert_null (jln_award_get_credential (kept_after));
  g_assert_true (jln_award_get_evidence_files (kept_after) == NULL
                 || jln_award_get_evidence_files (kept_after)[0] == NULL);
  criteria = jln_award_get_criteria_met (kept_after);
  g_assert_nonnull (criteria);
  g_assert_cmpstr (criteria[0], ==, BADGE_CRITERION);
  g_assert_null (criteria[1]);

  revoked_after = jln_store_get_award (f->store, jln_award_get_id (revoked), &error);
  g_assert_no_error (error);
  g_assert_cmpint (jln_award_get_status (revoked_after), ==, JLN_AWARD_STATUS_REVOKED);
  g_assert_nonnull (jln_award_get_revoked_on (revoked_after));
  g_assert_null (jln_award_get_revoke_reason (revoked_after));
  g_assert_cmpuint (jln_award_get_status_index (revoked_after), ==, jln_award_get_status_index (revoked));
  revoked_indices = jln_store_list_revoked_status_indices (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (array_has_uint (revoked_indices, jln_award_get_status_index (revoked)));
  g_assert_false (array_has_uint (revoked_indices, jln_award_get_status_index (kept)));

  /* The journal: intact, and it says what happened without the data. */
  g_assert_true (jln_store_verify_audit (f->store, NULL, &n_events, &error));
  g_assert_no_error (error);
  event = newest_event (f->store);
  subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT, id);
  g_assert_cmpstr (jln_audit_event_get_action (event), ==, "participant.erase");
  g_assert_cmpstr (jln_audit_event_get_subject (event), ==, subject);
  g_assert_cmpstr (jln_audit_event_get_actor (event), ==, "coach:1");
  g_assert_cmpstr (jln_audit_event_get_detail (event), ==, "awards:2 files:2");

  /* Read back from the file by a new connection: still erased. */
  g_clear_object (&stored);
  g_clear_object (&f->store);
  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);
  stored = jln_store_get_participant (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (jln_participant_get_erased (stored));
  g_assert_true (jln_store_verify_audit (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAward) kept = NULL;
  g_autoptr(JlnAward) revoked = NULL;
  g_autoptr(JlnParticipant) copy = NULL;
  g_autoptr(JlnParticipant) other = jln_participant_new ("Lina", "Morel");
  g_autofree char *photo = NULL;
  g_autofree char *evidence = NULL;
  JlnParticipant *p;
  gint64 id;
  guint n_events;

  p = add_person (f, &kept, &revoked, &photo, &evidence);
  id = jln_participant_get_id (p);
  g_assert_true (jln_store_add_participant (f->store, other, "coach:1", &error));
  g_assert_no_error (error);

  /* Unknown ids: a clear error, nothing journalled, nobody touched. */
  n_events = count_events (f->store);
  g_assert_false (jln_store_erase_participant (f->store, 987654, "coach:1", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "987654"));
  g_clear_error (&error);
  g_assert_false (jln_store_erase_participant (f->store, 0, "coach:1", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (jln_store_erase_participant (f->store, -3, "coach:1", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_events (f->store), ==, n_events);
  g_assert_true (g_file_test (photo, G_FILE_TEST_EXISTS));

  g_assert_true (jln_store_erase_participant (f->store, id, "coach:1", &error));
  g_assert_no_error (error);
  n_events = count_events (f->store);

  /* Twice: refused in words, no second event. */
  g_assert_false (jln_store_erase_participant (f->store, id, "coach:1", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "already erased"));
  g_clear_error (&error);
  g_assert_cmpuint (count_events (f->store), ==, n_events);

  /* An erased file cannot be filled in again. */
  copy = jln_store_get_participant (f->store, id, &error);
  g_assert_no_error (error);
  jln_participant_set_first_name (copy, FIRST_NAME);
  jln_participant_set_archived (copy, FALSE);
  g_assert_false (jln_store_update_participant (f->store, copy, "coach:1", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (count_events (f->store), ==, n_events);
  assert_nowhere (f, FIRST_NAME);

  /* Nor can a badge be awarded to them (even with no seal). */
  {
    g_autoptr(JlnAward) late = jln_award_new (id, jln_badge_get_version_id (f->badge2), 0);

    g_assert_false (jln_store_add_award (f->store, late, "coach:1", NULL, NULL, &error));
    g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
    g_clear_error (&error);
    g_assert_cmpuint (count_events (f->store), ==, n_events);
  }

  /* The other participant is untouched. */
  g_assert_nonnull (jln_store_lookup_participant (f->store, jln_participant_get_id (other)));
  g_assert_cmpstr (jln_participant_get_first_name (jln_store_lookup_participant (f->store, jln_participant_get_id (other))),
                   ==, "Lina");
}

/* A file that points to a photo outside the store's folder: the rows are
 * erased, the foreign file left where it is, and the error says so. */
static void
test_foreign_file_reported (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnParticipant) p = jln_participant_new (FIRST_NAME, LAST_NAME);
  g_autoptr(JlnParticipant) stored = NULL;
  g_autofree char *outside = g_build_filename (f->dir, "photo-elsewhere.png", NULL);

  g_assert_true (g_file_set_contents (outside, PHOTO_BODY, -1, &error));
  jln_participant_set_photo_path (p, outside);
  g_assert_true (jln_store_add_participant (f->store, p, "coach:1", &error));
  g_assert_no_error (error);

  g_assert_false (jln_store_erase_participant (f->store, jln_participant_get_id (p), "coach:1", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "outside"));
  g_clear_error (&error);
  g_assert_true (g_file_test (outside, G_FILE_TEST_EXISTS));
  stored = jln_store_get_participant (f->store, jln_participant_get_id (p), &error);
  g_assert_no_error (error);
  g_assert_true (jln_participant_get_erased (stored));
  assert_nowhere (f, FIRST_NAME);
  assert_nowhere (f, outside);
}

/* Another connection reading (a second window) keeps the WAL's old pages
 * alive: the rows are erased, the error says the file is not compacted
 * yet, and compacting once the reader is gone removes the last traces. */
static void
test_compact_when_a_reader_leaves (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAward) kept = NULL;
  g_autoptr(JlnAward) revoked = NULL;
  g_autoptr(JlnParticipant) stored = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  sqlite3 *reader = NULL;
  gint64 id;

  id = jln_participant_get_id (add_person (f, &kept, &revoked, &photo, &evidence));
  g_assert_cmpint (sqlite3_open (f->path, &reader), ==, SQLITE_OK);
  /* A read transaction left open, as a window between two reads. */
  g_assert_cmpint (sqlite3_exec (reader, "BEGIN; SELECT count(*) FROM participants;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  jln_store_set_busy_timeout (f->store, 50);

  g_assert_false (jln_store_erase_participant (f->store, id, "coach:1", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "erase --compact"));
  g_clear_error (&error);
  stored = jln_store_get_participant (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (jln_participant_get_erased (stored));
  g_assert_false (g_file_test (photo, G_FILE_TEST_EXISTS));
  /* Still there in the old frames: what the error warned about. */
  g_assert_true (file_holds (wal, FIRST_NAME) || file_holds (f->path, FIRST_NAME));

  /* While it reads, compacting is refused the same way. */
  g_assert_false (jln_store_compact (f->store, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_BUSY);
  g_clear_error (&error);
  sqlite3_exec (reader, "COMMIT;", NULL, NULL, NULL);
  sqlite3_close (reader);

  g_assert_true (jln_store_compact (f->store, &error));
  g_assert_no_error (error);
  assert_nowhere (f, FIRST_NAME);
  assert_nowhere (f, EMAIL);
  assert_nowhere (f, REVOKE_REASON);
}

static gboolean
array_has_id (GArray *array,
              gint64  id)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Retention: the times come from the test (and from the journal's own
 * stamps, read back), never from asserting the clock. */
static void
test_candidates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnParticipant) quiet = jln_participant_new ("Ana", "Quiet");
  g_autoptr(JlnParticipant) archived = jln_participant_new ("Bo", "Archived");
  g_autoptr(JlnParticipant) late_award = jln_participant_new ("Cy", "Award");
  g_autoptr(JlnParticipant) late_entry = jln_participant_new ("Di", "Entry");
  g_autoptr(JlnParticipant) erased = jln_participant_new ("Ed", "Erased");
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JlnAuditEvent) last = NULL;
  g_autoptr(GDateTime) t = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GArray) ids = NULL;

  g_assert_true (jln_store_add_participant (f->store, quiet, "coach:1", &error));
  g_assert_true (jln_store_add_participant (f->store, archived, "coach:1", &error));
  g_assert_true (jln_store_add_participant (f->store, late_award, "coach:1", &error));
  g_assert_true (jln_store_add_participant (f->store, erased, "coach:1", &error));
  g_assert_true (jln_store_archive_participant (f->store, jln_participant_get_id (archived), "coach:1", &error));
  g_assert_no_error (error);

  /* T: when the journal stamped those writes (the store's clock). */
  last = newest_event (f->store);
  t = g_date_time_ref (jln_audit_event_get_at (last));
  later = g_date_time_add_months (t, 13);

  /* An award dated 13 months after T, an entry 13 months after T. */
  award = jln_award_new (jln_participant_get_id (late_award), jln_badge_get_version_id (f->badge), 0);
  jln_award_set_awarded_on (award, later);
  g_assert_true (jln_store_add_award (f->store, award, "coach:1", NULL, NULL, &error));
  g_assert_no_error (error);
  jln_participant_set_entry_date (late_entry, later);
  g_assert_true (jln_store_add_participant (f->store, late_entry, "coach:1", &error));
  g_assert_no_error (error);
  g_assert_true (jln_store_erase_participant (f->store, jln_participant_get_id (erased), "coach:1", &error));
  g_assert_no_error (error);
  g_clear_object (&last);
  last = newest_event (f->store);
  g_clear_pointer (&t, g_date_time_unref);
  /* The latest stamp of all (late_entry's creation, the erasure). */
  t = g_date_time_ref (jln_audit_event_get_at (last));

  /* 24 months after T plus a day: quiet and archived are proposed, the
   * ones active 13 months after T are not, the erased one never. */
  {
    g_autoptr(GDateTime) plus = g_date_time_add_months (t, 24);
    now = g_date_time_add_days (plus, 1);
  }
  ids = jln_store_list_erasure_candidates (f->store, 24, now, &error);
  g_assert_no_error (error);
  g_assert_true (array_has_id (ids, jln_participant_get_id (quiet)));
  g_assert_true (array_has_id (ids, jln_participant_get_id (archived)));
  g_assert_false (array_has_id (ids, jln_participant_get_id (late_award)));
  g_assert_false (array_has_id (ids, jln_participant_get_id (late_entry)));
  g_assert_false (array_has_id (ids, jln_participant_get_id (erased)));
  g_assert_cmpuint (ids->len, ==, 2);
  for (guint i = 1; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i - 1), <, g_array_index (ids, gint64, i));
  g_clear_pointer (&ids, g_array_unref);

  /* 10 months back from @now is T + 14 months and a day: after the award
   * and the entry dated T + 13 months, so all four are proposed. */
  ids = jln_store_list_erasure_candidates (f->store, 10, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 4);
  g_assert_true (array_has_id (ids, jln_participant_get_id (late_award)));
  g_assert_true (array_has_id (ids, jln_participant_get_id (late_entry)));
  g_clear_pointer (&ids, g_array_unref);

  /* A day before the 24 months have passed since T: nobody with T's stamp. */
  {
    g_autoptr(GDateTime) plus = g_date_time_add_months (t, 24);
    before = g_date_time_add_days (plus, -1);
  }
  ids = jln_store_list_erasure_candidates (f->store, 24, before, &error);
  g_assert_no_error (error);
  g_assert_false (array_has_id (ids, jln_participant_get_id (late_entry)));
  g_assert_false (array_has_id (ids, jln_participant_get_id (late_award)));
  g_clear_pointer (&ids, g_array_unref);

  /* 0 = never; an absurd period is refused in words. */
  ids = jln_store_list_erasure_candidates (f->store, 0, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  ids = jln_store_list_erasure_candidates (f->store, 100000, now, &error);
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_assert_null (ids);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store-erase/nothing-personal-remains", test_nothing_personal_remains);
  ADD ("/store-erase/refusals", test_refusals);
  ADD ("/store-erase/foreign-file-reported", test_foreign_file_reported);
  ADD ("/store-erase/compact-when-a-reader-leaves", test_compact_when_a_reader_leaves);
  ADD ("/store-erase/candidates", test_candidates);
#undef ADD

  return g_test_run ();
}
