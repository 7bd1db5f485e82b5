/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-session"

/* JlnSession without a display (this binary links no GTK): award, undo and
 * revoke through the one front door, checked in the store, the journal
 * (the desk coach named), the signed credential and the status list; the
 * exporter; bad input for every use case. */

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "service-fixture.h"
#include "openbadges/jln-ob-json.h"
#include "openbadges/jln-proof.h"
#include "openbadges/jln-status-list.h"
#include "openbadges/jln-verify.h"

static JlnAuditEvent *
newest_with_action (Fixture *f, const char *action)
{
  g_autoptr(GListModel) events = jln_store_list_audit_events (f->store, 0, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(JlnAuditEvent) e = g_list_model_get_item (events, i);

      if (g_strcmp0 (jln_audit_event_get_action (e), action) == 0)
        return g_steal_pointer (&e);
    }
  return NULL;
}

static void
assert_newest_audit (Fixture *f, const char *action, const char *actor)
{
  g_autoptr(JlnAuditEvent) event = fixture_newest_audit (f);

  g_assert_cmpstr (jln_audit_event_get_action (event), ==, action);
  g_assert_cmpstr (jln_audit_event_get_actor (event), ==, actor);
}

static void
assert_verifies (GBytes *bytes)
{
  g_autoptr(JlnVerifyReport) report = jln_verify_bytes (bytes, NULL);

  if (report->verdict != JLN_VERIFY_VALID)
    {
      g_autofree char *line = jln_verify_report_to_line (report);

      g_printerr ("# %s\n", line);
    }
  g_assert_cmpint (report->verdict, ==, JLN_VERIFY_VALID);
}

static JsonNode *
read_json (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  JsonNode *node;

  g_assert_true (g_file_get_contents (path, &text, &len, &error));
  g_assert_no_error (error);
  node = jln_ob_parse_json (text, len, &error);
  g_assert_no_error (error);
  return node;
}

/* ---- opening, desk identity ---- */

static void
test_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = jln_test_make_tmp_dir ("jalons-session");
  g_autofree char *path = g_build_filename (dir, "jalons.db", NULL);
  g_autofree char *junk = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(JlnSession) refused = NULL;
  const char *actor;
  g_autofree char *account = NULL;

  session = jln_session_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_true (JLN_IS_STORE (jln_session_get_store (session)));
  g_assert_true (JLN_IS_ISSUER (jln_session_get_issuer (session)));
  g_assert_null (jln_session_get_settings (session));
  g_assert_true (g_str_has_prefix (jln_session_get_issuer_id (session), "did:key:z"));
  g_assert_cmpstr (jln_session_get_issuer_id (session), ==,
                   jln_issuer_get_id (jln_session_get_issuer (session)));
  /* No coach chosen: the computer account, by number, never by name nor
   * a placeholder; the desk's name is for people, not for the journal. */
  g_assert_null (jln_session_get_coach (session));
  actor = jln_session_get_actor (session);
  account = g_strdup_printf ("account:%lu", (unsigned long) getuid ());
  g_assert_cmpstr (actor, ==, account);
  g_assert_cmpstr (actor, !=, jln_session_get_desk_name (session));
  jln_session_set_desk_name (session, "Accueil Nord");
  g_assert_cmpstr (jln_session_get_actor (session), ==, account);
  g_assert_cmpstr (jln_issuer_get_actor (jln_session_get_issuer (session)), ==, account);
  g_clear_object (&session);

  /* Not a database: refused, and the file is left alone. */
  g_assert_true (g_file_set_contents (junk, "pas une base", -1, NULL));
  refused = jln_session_open (junk, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);
  {
    g_autofree char *content = NULL;

    g_assert_true (g_file_get_contents (junk, &content, NULL, NULL));
    g_assert_cmpstr (content, ==, "pas une base");
  }
  jln_test_remove_tree (dir);
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *n)
{
  (*n)++;
}

/* The desk coach is kept in the settings, followed when the key changes,
 * and notified only on change. */
static void
test_coach (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnSession) again = NULL;
  GListModel *coaches = jln_store_get_coaches (f->store);
  g_autoptr(JlnCoach) other = NULL;
  g_autofree char *other_actor = NULL;
  guint n_coach = 0, n_actor = 0;

  g_assert_true (jln_session_get_coach (f->session) == f->coach);
  g_assert_cmpstr (jln_session_get_actor (f->session), ==, f->coach_actor);
  g_assert_cmpint (g_settings_get_int64 (f->settings, JLN_SESSION_COACH_KEY), ==, jln_coach_get_id (f->coach));

  g_signal_connect (f->session, "notify::coach", G_CALLBACK (count_notify), &n_coach);
  g_signal_connect (f->session, "notify::actor", G_CALLBACK (count_notify), &n_actor);
  jln_session_set_coach (f->session, f->coach);
  g_assert_cmpuint (n_coach, ==, 0);
  g_assert_cmpuint (n_actor, ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (coaches), >, 1);
  other = g_list_model_get_item (coaches, 1);
  /* Changed elsewhere (another window, dconf): followed. */
  g_settings_set_int64 (f->settings, JLN_SESSION_COACH_KEY, jln_coach_get_id (other));
  g_assert_true (jln_session_get_coach (f->session) == other);
  g_assert_cmpuint (n_coach, ==, 1);
  g_assert_cmpuint (n_actor, ==, 1);
  other_actor = g_strdup_printf ("coach:%" G_GINT64_FORMAT, jln_coach_get_id (other));
  g_assert_cmpstr (jln_session_get_actor (f->session), ==, other_actor);

  /* A second start with the same settings: the same coach at the desk. */
  again = jln_session_new (f->store, f->settings, &error);
  g_assert_no_error (error);
  g_assert_true (jln_session_get_coach (again) == other);
  /* Same key, same signing key. */
  g_assert_cmpstr (jln_session_get_issuer_id (again), ==, jln_session_get_issuer_id (f->session));

  jln_session_set_coach (f->session, NULL);
  g_assert_cmpuint (n_coach, ==, 2);
  g_assert_cmpint (g_settings_get_int64 (f->settings, JLN_SESSION_COACH_KEY), ==, 0);
  g_assert_null (jln_session_get_coach (again));
  g_assert_true (g_str_has_prefix (jln_session_get_actor (f->session), "account:"));
}

/* "Ask each time" (no desk coach on an open desk): nobody is credited by
 * default, not even the participant's own coach; the coach chosen for the
 * award is the one in the award, the history and the journal. */
static void
test_ask_each_time (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAwardDraft) draft = NULL;
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JlnAward) stored = NULL;
  g_autoptr(JlnCoach) chosen = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *actor = NULL;
  GListModel *coaches = jln_store_get_coaches (f->store);
  gboolean journalled = FALSE;

  jln_session_set_coach (f->session, NULL);
  g_assert_true (jln_session_asks_for_coach (f->session));

  /* A coach who is not the participant's referent: the old default would
   * have credited the referent. */
  for (guint i = 0; i < g_list_model_get_n_items (coaches) && chosen == NULL; i++)
    {
      g_autoptr(JlnCoach) c = g_list_model_get_item (coaches, i);

      if (jln_coach_get_id (c) != jln_participant_get_coach_id (f->participant))
        chosen = g_steal_pointer (&c);
    }
  g_assert_nonnull (chosen);

  draft = fixture_new_draft (f);
  g_assert_true (jln_award_draft_get_needs_coach (draft));
  g_assert_false (jln_award_draft_get_can_confirm (draft));
  g_assert_cmpstr (jln_award_draft_get_problem (draft), ==, "Say which coach awards this badge.");
  g_assert_null (jln_session_award (f->session, draft, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (fixture_holds (f, f->participant, jln_badge_get_id (f->badge)));

  jln_award_draft_set_coach_id (draft, jln_coach_get_id (chosen));
  g_assert_true (jln_award_draft_get_can_confirm (draft));
  award = jln_session_award (f->session, draft, &error);
  g_assert_no_error (error);
  stored = jln_store_get_award (f->store, jln_award_get_id (award), &error);
  g_assert_no_error (error);
  g_assert_cmpint (jln_award_get_coach_id (stored), ==, jln_coach_get_id (chosen));
  g_assert_cmpstr (jln_award_get_coach_name (stored), ==, jln_coach_get_name (chosen));

  /* The journal names the computer account (nobody signed in), never the
   * referent: the award row says who awarded it. */
  subject = g_strdup_printf ("award:%" G_GINT64_FORMAT, jln_award_get_id (award));
  events = jln_store_list_audit_events (f->store, 0, NULL);
  g_assert_nonnull (events);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(JlnAuditEvent) e = g_list_model_get_item (events, i);

      if (g_str_equal (jln_audit_event_get_action (e), "award.create")
          && g_strcmp0 (jln_audit_event_get_subject (e), subject) == 0)
        {
          journalled = TRUE;
          g_assert_cmpstr (jln_audit_event_get_actor (e), ==, jln_session_get_actor (f->session));
        }
    }
  g_assert_true (journalled);

  /* A coach at the desk: no question, that coach is credited. */
  jln_session_set_coach (f->session, f->coach);
  g_assert_false (jln_session_asks_for_coach (f->session));
  g_clear_object (&draft);
  draft = jln_session_new_award_draft (f->session, jln_participant_get_id (f->participant), &error);
  g_assert_no_error (error);
  g_assert_false (jln_award_draft_get_needs_coach (draft));
}

/* ---- award, undo, revoke ---- */

static void
test_award_undo_revoke (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *evidence = fixture_write_file (f, "atelier photo.txt", "preuve");
  g_autoptr(GFile) file = g_file_new_for_path (evidence);
  g_autoptr(JlnAwardDraft) draft = fixture_new_draft (f);
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JlnAward) stored = NULL;
  g_autoptr(JlnAward) again = NULL;
  g_autoptr(JlnAuditEvent) event = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JlnStatusList) bits = NULL;
  g_autoptr(JlnProofResult) proof = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *copy_base = NULL;
  g_autofree char *list_path = NULL;
  g_autofree char *published = NULL;
  const char *coach = f->coach_actor;
  guint before = fixture_count_awards (f);
  gint64 award_id;

  jln_award_draft_set_note (draft, "  A pris rendez-vous seule au centre de santé.  ");
  g_assert_true (jln_award_draft_add_evidence_file (draft, file, &error));
  g_assert_no_error (error);
  /* The coach puts both in the badge (see /service/session/evidence-sharing). */
  jln_award_draft_set_share_note (draft, TRUE);
  jln_award_draft_set_evidence_file_shared (draft, file, TRUE);

  award = jln_session_award (f->session, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (award);
  award_id = jln_award_get_id (award);
  g_assert_cmpint (award_id, >, 0);
  g_assert_cmpuint (fixture_count_awards (f), ==, before + 1);

  /* In the store, as the draft said, by the desk coach. */
  stored = jln_store_get_award (f->store, award_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jln_award_get_participant_id (stored), ==, jln_participant_get_id (f->participant));
  g_assert_cmpint (jln_award_get_badge_version_id (stored), ==, jln_badge_get_version_id (f->badge));
  g_assert_cmpint (jln_award_get_coach_id (stored), ==, jln_coach_get_id (f->coach));
  g_assert_cmpstr (jln_award_get_evidence_note (stored), ==, "A pris rendez-vous seule au centre de santé.");
  g_assert_cmpuint (g_strv_length ((char **) jln_award_get_criteria_met (stored)), ==,
                    g_list_model_get_n_items (jln_badge_get_criteria (f->badge)));
  g_assert_cmpint (jln_award_get_status (stored), ==, JLN_AWARD_STATUS_ACTIVE);

  /* The evidence was copied into the app's data folder. */
  g_assert_cmpuint (g_strv_length ((char **) jln_award_get_evidence_files (stored)), ==, 1);
  copy_path = g_strdup (jln_award_get_evidence_files (stored)[0]);
  copy_base = g_path_get_basename (copy_path);
  g_assert_true (g_str_has_prefix (copy_path, f->evidence_dir));
  /* Under a neutral name: nothing of the coach's file name is kept. */
  g_assert_true (g_str_has_suffix (copy_base, ".txt"));
  g_assert_null (strstr (copy_base, "atelier"));
  g_assert_true (g_file_test (copy_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (evidence, G_FILE_TEST_EXISTS));

  /* Signed by the session's issuer, journalled under the coach's name. */
  g_assert_nonnull (jln_award_get_credential (stored));
  assert_verifies (jln_award_get_credential (stored));
  /* The badge names its evidence neutrally, not by the coach's file name. */
  {
    g_autofree char *json = g_strndup (g_bytes_get_data (jln_award_get_credential (stored), NULL),
                                       g_bytes_get_size (jln_award_get_credential (stored)));

    g_assert_nonnull (strstr (json, "\"evidence-1.txt\""));
    g_assert_null (strstr (json, "atelier"));
  }
  subject = g_strdup_printf ("award:%" G_GINT64_FORMAT, award_id);
  event = fixture_newest_audit (f);
  g_assert_cmpstr (jln_audit_event_get_action (event), ==, "award.create");
  g_assert_cmpstr (jln_audit_event_get_subject (event), ==, subject);
  g_assert_cmpstr (jln_audit_event_get_actor (event), ==, coach);
  g_clear_object (&event);

  /* Undo: the award, its copy and nothing else go; journalled. */
  g_assert_true (jln_session_undo_award (f->session, award_id, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = jln_store_get_award (f->store, award_id, &error);
  g_assert_null (stored);
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (fixture_count_awards (f), ==, before);
  event = fixture_newest_audit (f);
  g_assert_cmpstr (jln_audit_event_get_action (event), ==, "award.undo");
  g_assert_cmpstr (jln_audit_event_get_subject (event), ==, subject);
  g_assert_cmpstr (jln_audit_event_get_actor (event), ==, coach);
  g_clear_object (&event);
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (fixture_count_files (f->evidence_dir), ==, 0);
  g_assert_true (g_file_test (evidence, G_FILE_TEST_EXISTS));

  /* Undo twice: refused with words. */
  g_assert_false (jln_session_undo_award (f->session, award_id, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Awarded again with the same draft, then revoked. */
  again = jln_session_award (f->session, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  award_id = jln_award_get_id (again);
  g_assert_true (jln_session_revoke_award (f->session, award_id, "  Attribué par erreur.  ", &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = jln_store_get_award (f->store, award_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jln_award_get_status (stored), ==, JLN_AWARD_STATUS_REVOKED);
  g_assert_cmpstr (jln_award_get_revoke_reason (stored), ==, "Attribué par erreur.");
  event = newest_with_action (f, "award.revoke");
  g_assert_nonnull (event);
  g_assert_cmpstr (jln_audit_event_get_actor (event), ==, coach);
  g_clear_object (&event);

  /* The app's revocation list: signed by the issuer, the award's bit set. */
  list_path = jln_issuer_dup_status_list_path (jln_session_get_issuer (f->session));
  g_assert_true (g_file_test (list_path, G_FILE_TEST_IS_REGULAR));
  list = read_json (list_path);
  proof = jln_proof_verify (list, NULL);
  g_assert_cmpint (proof->status, ==, JLN_PROOF_VALID);
  {
    JsonObject *cs = json_object_get_object_member (json_node_get_object (list), "credentialSubject");

    bits = jln_status_list_decode (json_object_get_string_member (cs, "encodedList"), &error);
    g_assert_no_error (error);
    g_assert_true (jln_status_list_is_set (bits, jln_award_get_status_index (stored)));
  }
  {
    JlnVerifyOptions options = { 0 };
    g_autoptr(JlnVerifyReport) report = NULL;

    options.status_list = list;
    report = jln_verify_bytes (jln_award_get_credential (stored), &options);
    g_assert_cmpint (report->status, ==, JLN_VERIFY_STATUS_REVOKED);
  }

  /* Published elsewhere too (the CLI's status-list verb). */
  {
    g_autofree char *elsewhere = g_build_filename (f->out, "revocation.json", NULL);

    g_assert_true (jln_session_publish_status_list (f->session, elsewhere, &published, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (published, ==, elsewhere);
    g_assert_true (g_file_test (elsewhere, G_FILE_TEST_IS_REGULAR));
  }

  /* Withdrawn: no (re)issue. */
  g_assert_null (jln_session_issue_award (f->session, award_id, &error));
  g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_REVOKED);
  g_clear_error (&error);
}

/* Every write the UI does goes through the session and names the coach. */
static void
test_writes_name_the_coach (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnParticipant) p = jln_participant_new ("Lina", "Benali");
  g_autoptr(JlnParticipant) fresh = NULL;
  g_autoptr(JlnBadge) badge = jln_badge_new ("cuisine-repas-simple", "Préparer un repas simple");
  g_autoptr(GDateTime) entry = g_date_time_new_utc (2026, 1, 5, 0, 0, 0);
  const char *coach = f->coach_actor;
  gint64 id;

  jln_participant_set_entry_date (p, entry);
  g_assert_true (jln_session_add_participant (f->session, p, &error));
  g_assert_no_error (error);
  id = jln_participant_get_id (p);
  g_assert_cmpint (id, >, 0);
  assert_newest_audit (f, "participant.create", coach);

  jln_participant_set_last_name (p, "Benali-Roux");
  g_assert_true (jln_session_update_participant (f->session, p, &error));
  g_assert_no_error (error);
  assert_newest_audit (f, "participant.update", coach);

  g_assert_true (jln_session_update_consents (f->session, id, JLN_CONSENT_INTERNAL | JLN_CONSENT_ONLINE, &error));
  g_assert_no_error (error);
  assert_newest_audit (f, "consent.update", coach);
  {
    g_autoptr(JlnAuditEvent) consent = fixture_newest_audit (f);

    g_assert_cmpstr (jln_audit_event_get_detail (consent), ==, "internal:1 kiosk:0 print:0 online:1");
  }
  fresh = jln_store_get_participant (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (jln_participant_get_consent_internal (fresh));
  g_assert_false (jln_participant_get_consent_kiosk (fresh));
  g_assert_false (jln_participant_get_consent_print (fresh));
  g_assert_true (jln_participant_get_consent_online (fresh));
  g_assert_cmpstr (jln_participant_get_last_name (fresh), ==, "Benali-Roux");

  g_assert_true (jln_session_archive_participant (f->session, id, &error));
  g_assert_no_error (error);
  assert_newest_audit (f, "participant.archive", coach);
  g_assert_null (jln_store_lookup_participant (f->store, id));

  jln_badge_set_theme (badge, "Cuisine");
  jln_badge_add_criterion (badge, "Suit une recette", TRUE);
  g_assert_true (jln_session_add_badge (f->session, badge, &error));
  g_assert_no_error (error);
  assert_newest_audit (f, "badge.create", coach);
  jln_badge_set_easy_text (badge, "Je prépare un repas simple.");
  g_assert_true (jln_session_update_badge (f->session, badge, &error));
  g_assert_no_error (error);
  assert_newest_audit (f, "badge.update", coach);
  g_assert_true (jln_session_set_badge_status (f->session, jln_badge_get_id (badge), JLN_BADGE_STATUS_ARCHIVED, &error));
  g_assert_no_error (error);
  assert_newest_audit (f, "badge.status", coach);

  g_assert_true (jln_session_set_organisation_details (f->session, "Mission locale Nord", "https://ml-nord.example",
                                                       NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JlnOrganisation) org = jln_store_get_organisation (f->store, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (org->name, ==, "Mission locale Nord");
    g_assert_null (org->email);
    /* The signing key is never touched. */
    g_assert_nonnull (org->signing_seed);
  }
}

/* Bad input gives a clear error and leaves nothing half-written. */
static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAwardDraft) draft = NULL;
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JlnParticipant) nameless = jln_participant_new ("", "");
  guint n_audit, n_awards;
  gint64 award_id;

  /* Unknown participant. */
  draft = jln_session_new_award_draft (f->session, 987654, &error);
  g_assert_null (draft);
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  draft = fixture_new_draft (f);
  award = jln_session_award (f->session, draft, &error);
  g_assert_no_error (error);
  award_id = jln_award_get_id (award);
  n_audit = fixture_count_audit (f);
  n_awards = fixture_count_awards (f);

  /* Revoke: empty reason, unknown award, twice. */
  g_assert_false (jln_session_revoke_award (f->session, award_id, "   ", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (jln_session_revoke_award (f->session, award_id, NULL, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (jln_session_revoke_award (f->session, 987654, "Erreur", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (fixture_count_audit (f), ==, n_audit);
  {
    g_autoptr(JlnAward) still = jln_store_get_award (f->store, award_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (jln_award_get_status (still), ==, JLN_AWARD_STATUS_ACTIVE);
  }
  g_assert_true (jln_session_revoke_award (f->session, award_id, "Erreur de saisie", &error));
  g_assert_no_error (error);
  n_audit = fixture_count_audit (f);
  g_assert_false (jln_session_revoke_award (f->session, award_id, "Encore", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (fixture_count_audit (f), ==, n_audit);

  /* Undo an unknown award. */
  g_assert_false (jln_session_undo_award (f->session, 987654, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);


  /* Issue an unknown award. */
  g_assert_null (jln_session_issue_award (f->session, 987654, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Participants: no name, unknown. */
  g_assert_false (jln_session_add_participant (f->session, nameless, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (jln_participant_get_id (nameless), ==, 0);
  g_assert_false (jln_session_archive_participant (f->session, 987654, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (jln_session_update_consents (f->session, 987654, JLN_CONSENT_ONLINE, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Badges and organisation. */
  g_assert_false (jln_session_set_badge_status (f->session, 987654, JLN_BADGE_STATUS_ARCHIVED, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (jln_session_set_organisation_details (f->session, "  ", NULL, NULL, NULL, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Export: unknown participant, nowhere to write. */
  g_assert_false (jln_session_export_participant (f->session, 987654, JLN_EXPORT_FORMAT_JSON, f->out,
                                                  TRUE, NULL, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (fixture_count_awards (f), ==, n_awards);
  g_assert_cmpuint (fixture_count_audit (f), ==, n_audit);
  g_assert_cmpuint (fixture_count_files (f->out), ==, 0);
}

/* ---- exporter ---- */

/* The fixture's participant with two fresh awards, consent as given. */
static void
award_two (Fixture *f, gboolean consent_online)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAwardDraft) draft = fixture_new_draft (f);
  g_autoptr(JlnAward) first = jln_session_award (f->session, draft, &error);
  JlnConsentFlags consents = JLN_CONSENT_INTERNAL | (consent_online ? JLN_CONSENT_ONLINE : 0);

  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (jln_session_update_consents (f->session, jln_participant_get_id (f->participant),
                                              consents, &error));
  g_assert_no_error (error);
}

static guint
count_active (Fixture *f, gint64 participant_id)
{
  g_autoptr(GListModel) awards = jln_store_list_awards_for_participant (f->store, participant_id, NULL);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (awards); i++)
    {
      g_autoptr(JlnAward) a = g_list_model_get_item (awards, i);

      n += jln_award_get_status (a) == JLN_AWARD_STATUS_ACTIVE;
    }
  return n;
}

static void
test_export_formats (Fixture *f, gconstpointer data)
{
  JlnExportFormat formats[] = { JLN_EXPORT_FORMAT_PNG, JLN_EXPORT_FORMAT_SVG, JLN_EXPORT_FORMAT_JSON };
  gint64 pid = jln_participant_get_id (f->participant);
  guint n_active;

  award_two (f, TRUE);
  n_active = count_active (f, pid);
  g_assert_cmpuint (n_active, >, 0);

  for (guint k = 0; k < G_N_ELEMENTS (formats); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) paths = NULL;
      g_autofree char *dir = g_build_filename (f->out, jln_export_format_to_extension (formats[k]), NULL);

      g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
      g_assert_true (jln_session_export_participant (f->session, pid, formats[k], dir, FALSE, &paths, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (paths->len, ==, n_active);
      g_assert_cmpuint (fixture_count_files (dir), ==, n_active);
      for (guint i = 0; i < paths->len; i++)
        {
          const char *path = g_ptr_array_index (paths, i);
          g_autofree char *content = NULL;
          gsize len = 0;
          g_autoptr(GBytes) bytes = NULL;

          g_assert_true (g_str_has_suffix (path, jln_export_format_to_extension (formats[k])));
          g_assert_true (g_file_get_contents (path, &content, &len, &error));
          g_assert_no_error (error);
          bytes = g_bytes_new_take (g_steal_pointer (&content), len);
          assert_verifies (bytes);
        }
    }
}

/* No online consent: nothing written until the coach says they agreed;
 * the answer is journalled under the coach's name. */
static void
test_export_consent (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(JlnAuditEvent) event = NULL;
  gint64 pid = jln_participant_get_id (f->participant);
  guint n_audit;

  award_two (f, FALSE);
  n_audit = fixture_count_audit (f);
  g_assert_false (jln_session_export_participant (f->session, pid, JLN_EXPORT_FORMAT_PNG, f->out, FALSE,
                                                  &paths, &error));
  g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_CONSENT_REQUIRED);
  g_assert_nonnull (strstr (error->message, jln_participant_get_display_name (f->participant)));
  g_clear_error (&error);
  g_assert_null (paths);
  g_assert_cmpuint (fixture_count_files (f->out), ==, 0);
  g_assert_cmpuint (fixture_count_audit (f), ==, n_audit);

  g_assert_true (jln_session_export_participant (f->session, pid, JLN_EXPORT_FORMAT_JSON, f->out, TRUE,
                                                 &paths, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (paths->len, ==, count_active (f, pid));
  event = newest_with_action (f, "export.consent-confirmed");
  g_assert_nonnull (event);
  g_assert_cmpstr (jln_audit_event_get_actor (event), ==, f->coach_actor);
}

/* Nothing to export, missing or unwritable folder, and a failure half way:
 * the files already written are removed. */
static void
test_export_failures (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(JlnExporter) exporter = jln_exporter_new (jln_session_get_issuer (f->session));
  g_autoptr(JlnParticipant) newcomer = jln_participant_new ("Sami", "Haddad");
  g_autoptr(JlnBadge) plain = jln_badge_new ("sans-image", "Sans image");
  g_autoptr(JlnAwardDraft) draft = NULL;
  g_autoptr(JlnAward) second = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "nowhere", NULL);
  gint64 pid = jln_participant_get_id (f->participant);
  guint skipped = 99;

  g_assert_true (jln_exporter_get_issuer (exporter) == jln_session_get_issuer (f->session));

  /* Nobody's badges yet. */
  g_assert_true (jln_session_add_participant (f->session, newcomer, &error));
  g_assert_no_error (error);
  g_assert_false (jln_exporter_export_participant (exporter, jln_participant_get_id (newcomer),
                                                   JLN_EXPORT_FORMAT_JSON, f->out, TRUE, &paths, &skipped, &error));
  g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_NOTHING_TO_EXPORT);
  g_clear_error (&error);
  g_assert_cmpuint (skipped, ==, 0);

  award_two (f, TRUE);
  g_assert_false (jln_exporter_export_participant (exporter, pid, JLN_EXPORT_FORMAT_JSON, missing, FALSE,
                                                   NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  if (geteuid () != 0)
    {
      g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);

      g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
      g_assert_false (jln_exporter_check_folder (locked, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_nonnull (strstr (error->message, "locked"));
      g_clear_error (&error);
    }

  /* A second badge without a picture, awarded after the first: its SVG
   * cannot be made, so the first file must not stay behind. */
  jln_badge_add_criterion (plain, "Fait", TRUE);
  g_assert_true (jln_session_add_badge (f->session, plain, &error));
  g_assert_no_error (error);
  draft = jln_session_new_award_draft (f->session, pid, &error);
  g_assert_no_error (error);
  g_assert_true (jln_award_draft_choose_badge (draft, jln_store_lookup_badge (f->store, jln_badge_get_id (plain)), &error));
  jln_award_draft_set_all_criteria_met (draft);
  second = jln_session_award (f->session, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_active (f, pid), >=, 2);
  g_assert_false (jln_exporter_export_participant (exporter, pid, JLN_EXPORT_FORMAT_SVG, f->out, FALSE,
                                                   &paths, &skipped, &error));
  g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_RENDER);
  g_clear_error (&error);
  g_assert_null (paths);
  g_assert_cmpuint (fixture_count_files (f->out), ==, 0);

  /* Revoked ones are left out, and counted. */
  g_assert_true (jln_session_revoke_award (f->session, jln_award_get_id (second), "Badge sans image", &error));
  g_assert_no_error (error);
  g_assert_true (jln_exporter_export_participant (exporter, pid, JLN_EXPORT_FORMAT_SVG, f->out, FALSE,
                                                  &paths, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (skipped, >=, 1);
  g_assert_cmpuint (paths->len, ==, count_active (f, pid));
  g_assert_cmpuint (fixture_count_files (f->out), ==, paths->len);
}

/* Photos are the store's attachments: neutral names, 0600, replaced ones
 * deleted, unused ones discarded, other files never touched. */
static void
test_photos (Fixture *f, gconstpointer data)
{
  static const char png_a[] = "\x89PNG\r\n\x1a\n first";
  static const char png_b[] = "\x89PNG\r\n\x1a\n second";
  g_autoptr(GBytes) a = g_bytes_new_static (png_a, sizeof png_a - 1);
  g_autoptr(GBytes) b = g_bytes_new_static (png_b, sizeof png_b - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnParticipant) edit = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *unused = NULL;
  g_autofree char *foreign = fixture_write_file (f, "portrait.png", "not ours");
  g_autofree char *contents = NULL;
  GStatBuf st;

  first = jln_session_add_photo (f->session, a, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (first, f->evidence_dir));
  g_assert_true (g_str_has_suffix (first, ".png"));
  g_assert_true (g_file_get_contents (first, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, png_a);
  g_assert_cmpint (g_stat (first, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Saved on the file, then replaced: the first one goes. */
  edit = jln_participant_new (jln_participant_get_first_name (f->participant),
                              jln_participant_get_last_name (f->participant));
  jln_participant_set_id (edit, jln_participant_get_id (f->participant));
  jln_participant_set_photo_path (edit, first);
  g_assert_true (jln_session_update_participant (f->session, edit, &error));
  g_assert_no_error (error);
  second = jln_session_add_photo (f->session, b, &error);
  g_assert_no_error (error);
  jln_participant_set_photo_path (edit, second);
  g_assert_true (jln_session_update_participant (f->session, edit, &error));
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));

  /* A photo not ours (an older path) is left when replaced. */
  jln_participant_set_photo_path (edit, foreign);
  g_assert_true (jln_session_update_participant (f->session, edit, &error));
  g_assert_false (g_file_test (second, G_FILE_TEST_EXISTS));
  jln_participant_set_photo_path (edit, NULL);
  g_assert_true (jln_session_update_participant (f->session, edit, &error));
  g_assert_true (g_file_test (foreign, G_FILE_TEST_IS_REGULAR));

  /* Discarded after a failed save; discarding a foreign path does nothing. */
  unused = jln_session_add_photo (f->session, a, &error);
  g_assert_no_error (error);
  jln_session_discard_photo (f->session, unused);
  g_assert_false (g_file_test (unused, G_FILE_TEST_EXISTS));
  jln_session_discard_photo (f->session, foreign);
  g_assert_true (g_file_test (foreign, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (fixture_count_files (f->evidence_dir), ==, 0);

  /* Nowhere to write (the folder is a file): a clear error, nothing left. */
  jln_test_remove_tree (f->evidence_dir);
  g_assert_true (g_file_set_contents (f->evidence_dir, "x", 1, NULL));
  g_assert_null (jln_session_add_photo (f->session, a, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO);
  g_assert_cmpstr (error->message, !=, "");
  g_unlink (f->evidence_dir);
}

static guint
count_entries (const char *dir, const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (prefix == NULL || g_str_has_prefix (name, prefix))
      n++;
  return n;
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  /* poppler-utils is installed by build-aux/dev.sh: missing it fails. */
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Right of access: the folder holds the file, every award, the journal
 * about them, verifiable badges, the evidence and the photo, and a PDF a
 * person can read; it is journalled. */
static void
test_access_export (Fixture *f, gconstpointer data)
{
  static const char png_bytes[] = "\x89PNG\r\n\x1a\n photo";
  g_autoptr(GBytes) png = g_bytes_new_static (png_bytes, sizeof png_bytes - 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *evidence = fixture_write_file (f, "Léa CV.txt", "preuve");
  g_autoptr(GFile) file = g_file_new_for_path (evidence);
  g_autoptr(JlnAwardDraft) draft = fixture_new_draft (f);
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JlnParticipant) edit = NULL;
  g_autoptr(GListModel) awards = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JlnAuditEvent) event = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *again = NULL;
  g_autofree char *data_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *evidence_copy = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *badges = NULL;
  JsonObject *root, *person;
  guint n_active = 0;

  g_assert_true (jln_award_draft_add_evidence_file (draft, file, &error));
  jln_award_draft_set_note (draft, "Est venue seule au rendez-vous.");
  award = jln_session_award (f->session, draft, &error);
  g_assert_no_error (error);
  photo = jln_session_add_photo (f->session, png, &error);
  g_assert_no_error (error);
  edit = jln_participant_new (jln_participant_get_first_name (f->participant),
                              jln_participant_get_last_name (f->participant));
  jln_participant_set_id (edit, jln_participant_get_id (f->participant));
  jln_participant_set_photo_path (edit, photo);
  g_assert_true (jln_session_update_participant (f->session, edit, &error));
  g_assert_no_error (error);

  g_assert_true (jln_session_export_personal_data (f->session, jln_participant_get_id (f->participant),
                                                   f->out, &dir, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (dir, f->out));
  g_assert_cmpuint (count_entries (f->out, ".jalons-export-"), ==, 0);

  /* data.json: the file and every award, revoked ones too. */
  data_path = g_build_filename (dir, "data.json", NULL);
  json = read_json (data_path);
  root = json_node_get_object (json);
  person = json_object_get_object_member (root, "participant");
  g_assert_cmpstr (json_object_get_string_member (person, "firstName"), ==,
                   jln_participant_get_first_name (f->participant));
  g_assert_cmpstr (json_object_get_string_member (person, "photo"), ==, "photo.png");
  awards = jln_store_list_awards_for_participant (f->store, jln_participant_get_id (f->participant), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "awards")), ==,
                    g_list_model_get_n_items (awards));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "journal")), >, 0);
  {
    g_autofree char *text = json_to_string (json, FALSE);

    g_assert_nonnull (strstr (text, "Est venue seule au rendez-vous."));
  }

  /* badges/: every active award, as a badge any verifier accepts. */
  badges = g_build_filename (dir, "badges", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (awards); i++)
    {
      g_autoptr(JlnAward) a = g_list_model_get_item (awards, i);
      g_autofree char *name = g_strdup_printf ("badge-%" G_GINT64_FORMAT ".png", jln_award_get_id (a));
      g_autofree char *path = g_build_filename (badges, name, NULL);

      if (jln_award_get_status (a) != JLN_AWARD_STATUS_ACTIVE)
        {
          g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
          continue;
        }
      n_active++;
      {
        g_autoptr(GBytes) baked = NULL;
        g_autofree char *bytes = NULL;
        gsize len = 0;

        g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
        baked = g_bytes_new (bytes, len);
        assert_verifies (baked);
      }
    }
  g_assert_cmpuint (count_entries (badges, NULL), ==, n_active);

  /* evidence/ under the badge's neutral names; the photo. */
  evidence_copy = g_strdup_printf ("%s/evidence/award-%" G_GINT64_FORMAT "-evidence-1.txt", dir, jln_award_get_id (award));
  g_assert_true (g_file_get_contents (evidence_copy, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "preuve");
  g_clear_pointer (&contents, g_free);
  contents = g_build_filename (dir, "photo.png", NULL);
  g_assert_true (g_file_test (contents, G_FILE_TEST_IS_REGULAR));

  /* summary.pdf: readable, names the person and the badge. */
  pdf_path = g_build_filename (dir, "summary.pdf", NULL);
  text = pdf_text (pdf_path);
  g_assert_nonnull (strstr (text, jln_participant_get_first_name (f->participant)));
  g_assert_nonnull (strstr (text, jln_award_get_badge_name (award)));
  g_assert_nonnull (strstr (text, "Est venue seule au rendez-vous."));

  /* Journalled, by id. */
  event = fixture_newest_audit (f);
  subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT, jln_participant_get_id (f->participant));
  g_assert_cmpstr (jln_audit_event_get_action (event), ==, "participant.access-export");
  g_assert_cmpstr (jln_audit_event_get_subject (event), ==, subject);

  /* Again: a new folder, the first one untouched. */
  g_assert_true (jln_session_export_personal_data (f->session, jln_participant_get_id (f->participant),
                                                   f->out, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (again, !=, dir);
  g_assert_true (g_file_test (data_path, G_FILE_TEST_IS_REGULAR));
}

/* A failed access export leaves no folder and no journal entry. */
static void
test_access_export_failures (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *evidence = fixture_write_file (f, "preuve.txt", "preuve");
  g_autoptr(GFile) file = g_file_new_for_path (evidence);
  g_autoptr(JlnAwardDraft) draft = fixture_new_draft (f);
  g_autoptr(JlnAward) award = NULL;
  g_autofree char *not_a_folder = fixture_write_file (f, "fichier", "x");
  g_autofree char *dir = NULL;
  gint64 id = jln_participant_get_id (f->participant);
  guint n_audit;

  g_assert_true (jln_award_draft_add_evidence_file (draft, file, &error));
  award = jln_session_award (f->session, draft, &error);
  g_assert_no_error (error);
  n_audit = fixture_count_audit (f);

  g_assert_false (jln_session_export_personal_data (f->session, 987654, f->out, &dir, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (jln_session_export_personal_data (f->session, id, not_a_folder, &dir, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  /* An evidence file gone from the data folder: said, not skipped. */
  g_assert_cmpint (g_unlink (jln_award_get_evidence_files (award)[0]), ==, 0);
  g_assert_false (jln_session_export_personal_data (f->session, id, f->out, &dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "evidence-1.txt"));
  g_clear_error (&error);
  g_assert_null (dir);
  g_assert_cmpuint (count_entries (f->out, NULL), ==, 0);
  /* Signing the demo's unsigned awards on the way is journalled; the
   * export is not. */
  g_assert_cmpuint (fixture_count_audit (f), >=, n_audit);
  {
    g_autoptr(JlnAuditEvent) event = fixture_newest_audit (f);

    g_assert_cmpstr (jln_audit_event_get_action (event), !=, "participant.access-export");
  }
}

/* The trust events the issue lists, journalled under the coach by id, in a
 * chain that still verifies; no name in any row. */
static void
test_trust_events (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnBadge) badge = jln_badge_new ("budget-courses", "Faire ses courses avec un budget");
  g_autoptr(GArray) ids = jln_store_list_award_ids (f->store, &error);
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(JlnAuditEvent) event = NULL;
  g_autofree char *subject = NULL;
  gint64 pid = jln_participant_get_id (f->participant);
  gint64 award_id = 0, broken = -1;
  guint64 n = 0;

  /* Publication. */
  jln_badge_add_criterion (badge, "Prépare une liste", TRUE);
  g_assert_true (jln_session_add_badge (f->session, badge, &error));
  g_assert_no_error (error);
  g_assert_true (jln_session_set_badge_status (f->session, jln_badge_get_id (badge),
                                               JLN_BADGE_STATUS_ACTIVE, &error));
  g_assert_no_error (error);
  assert_newest_audit (f, "badge.publish", f->coach_actor);

  /* Issuing a demo award (made without a credential). */
  for (guint i = 0; i < ids->len && award_id == 0; i++)
    {
      g_autoptr(JlnAward) a = jln_store_get_award (f->store, g_array_index (ids, gint64, i), NULL);

      if (a != NULL && jln_award_get_credential (a) == NULL
          && jln_award_get_status (a) == JLN_AWARD_STATUS_ACTIVE)
        award_id = jln_award_get_id (a);
    }
  g_assert_cmpint (award_id, >, 0);
  {
    g_autoptr(GBytes) credential = jln_session_issue_award (f->session, award_id, &error);

    g_assert_no_error (error);
    g_assert_nonnull (credential);
  }
  event = fixture_newest_audit (f);
  subject = g_strdup_printf ("award:%" G_GINT64_FORMAT, award_id);
  g_assert_cmpstr (jln_audit_event_get_action (event), ==, "award.issue");
  g_assert_cmpstr (jln_audit_event_get_actor (event), ==, f->coach_actor);
  g_assert_cmpstr (jln_audit_event_get_subject (event), ==, subject);
  g_clear_object (&event);
  g_clear_pointer (&subject, g_free);

  /* Export of personal data. */
  award_two (f, TRUE);
  g_assert_true (jln_session_export_participant (f->session, pid, JLN_EXPORT_FORMAT_JSON, f->out, FALSE,
                                                 &paths, &error));
  g_assert_no_error (error);
  event = newest_with_action (f, "participant.export");
  g_assert_nonnull (event);
  subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT, pid);
  g_assert_cmpstr (jln_audit_event_get_actor (event), ==, f->coach_actor);
  g_assert_cmpstr (jln_audit_event_get_subject (event), ==, subject);
  g_assert_true (g_str_has_prefix (jln_audit_event_get_detail (event), "format:json badges:"));

  g_assert_true (jln_session_verify_audit (f->session, &broken, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken, ==, 0);
  events = jln_store_list_audit_events (f->store, 0, &error);
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (events));
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(JlnAuditEvent) e = g_list_model_get_item (events, i);
      const char *fields[] = { jln_audit_event_get_actor (e), jln_audit_event_get_subject (e),
                               jln_audit_event_get_detail (e) };

      for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
        {
          if (fields[k] == NULL)
            continue;
          g_assert_null (strstr (fields[k], jln_participant_get_first_name (f->participant)));
          g_assert_null (strstr (fields[k], jln_coach_get_name (f->coach)));
        }
    }
}

/* Public badges carry only what the coach chose: nothing by default; the
 * note when ticked; the files marked, named neutrally. Everything stays in
 * the file at the desk either way. */
static void
test_evidence_sharing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept_path = fixture_write_file (f, "bilan médical.pdf", "confidentiel");
  g_autofree char *shown_path = fixture_write_file (f, "cv.pdf", "cv");
  g_autoptr(GFile) kept = g_file_new_for_path (kept_path);
  g_autoptr(GFile) shown = g_file_new_for_path (shown_path);
  g_autoptr(JlnAwardDraft) draft = fixture_new_draft (f);
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JlnAward) stored = NULL;
  g_autofree char *json = NULL;
  GBytes *credential;

  jln_award_draft_set_note (draft, "Suivi santé en cours.");
  g_assert_true (jln_award_draft_add_evidence_file (draft, kept, &error));
  g_assert_true (jln_award_draft_add_evidence_file (draft, shown, &error));
  g_assert_false (jln_award_draft_get_share_note (draft));
  g_assert_false (jln_award_draft_get_evidence_file_shared (draft, kept));
  jln_award_draft_set_evidence_file_shared (draft, shown, TRUE);
  /* A file not in the award cannot be marked. */
  {
    g_autoptr(GFile) stranger = g_file_new_for_path ("/nonexistent/other.pdf");

    jln_award_draft_set_evidence_file_shared (draft, stranger, TRUE);
    g_assert_false (jln_award_draft_get_evidence_file_shared (draft, stranger));
  }

  award = jln_session_award (f->session, draft, &error);
  g_assert_no_error (error);
  stored = jln_store_get_award (f->store, jln_award_get_id (award), &error);
  g_assert_no_error (error);
  /* At the desk: both files and the note, and what was shared. */
  g_assert_cmpuint (g_strv_length ((char **) jln_award_get_evidence_files (stored)), ==, 2);
  g_assert_cmpstr (jln_award_get_evidence_note (stored), ==, "Suivi santé en cours.");
  g_assert_false (jln_award_get_evidence_note_shared (stored));
  g_assert_false (jln_award_is_evidence_file_shared (stored, 0));
  g_assert_true (jln_award_is_evidence_file_shared (stored, 1));

  /* In the badge: only the second file, as "evidence-2.pdf"; no note. */
  credential = jln_award_get_credential (stored);
  json = g_strndup (g_bytes_get_data (credential, NULL), g_bytes_get_size (credential));
  g_assert_nonnull (strstr (json, "\"evidence-2.pdf\""));
  g_assert_null (strstr (json, "evidence-1"));
  g_assert_null (strstr (json, "Suivi santé"));
  g_assert_null (strstr (json, "bilan"));
  assert_verifies (credential);
}

/* ---- erasure and retention ---- */

/* Whether the file at @path holds @needle anywhere in its raw bytes. */
static gboolean
bytes_hold (const char *path,
            const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  gsize n = strlen (needle);

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  for (gsize i = 0; n > 0 && i + n <= len; i++)
    if (contents[i] == needle[0] && memcmp (contents + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_not_in_database (Fixture    *f,
                        const char *needle)
{
  g_autofree char *wal = g_strconcat (f->db_path, "-wal", NULL);

  if (bytes_hold (f->db_path, needle) || bytes_hold (wal, needle))
    g_error ("“%s” survived the erasure in the database or its WAL", needle);
}

/* Through the one front door with the real issuer: a signed badge with
 * evidence, revoked with a reason, then erased. Nothing personal stays in
 * the bytes; the revocation list still says the badge is revoked; the
 * erased person's badges are not signed again. */
static void
test_erase (Fixture *f, gconstpointer data)
{
  static const char png[] = "PNG face of Zoltanberthe 5c3a";
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnParticipant) edit = NULL;
  g_autoptr(JlnParticipant) stored = NULL;
  g_autoptr(GBytes) photo_bytes = g_bytes_new_static (png, sizeof png - 1);
  g_autofree char *evidence = fixture_write_file (f, "bilan-zoltanberthe-quarindel.txt",
                                                  "Evidence text about Zoltanberthe 91ce");
  g_autoptr(GFile) file = g_file_new_for_path (evidence);
  g_autoptr(JlnAwardDraft) draft = NULL;
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JlnAward) after = NULL;
  g_autoptr(JlnAuditEvent) event = NULL;
  g_autoptr(GListModel) awards = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JlnStatusList) bits = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *salt = NULL;
  g_autofree char *list_path = NULL;
  g_autofree char *subject = NULL;
  gint64 id = jln_participant_get_id (f->participant);
  gint64 active_id = 0;
  guint64 n_events = 0;

  photo = jln_session_add_photo (f->session, photo_bytes, &error);
  g_assert_no_error (error);
  edit = jln_store_get_participant (f->store, id, &error);
  g_assert_no_error (error);
  jln_participant_set_first_name (edit, "Zoltanberthe");
  jln_participant_set_last_name (edit, "Quarindel");
  jln_participant_set_email (edit, "zoltanberthe.quarindel@unique.test");
  jln_participant_set_photo_path (edit, photo);
  g_assert_true (jln_session_update_participant (f->session, edit, &error));
  g_assert_no_error (error);
  salt = g_strdup (jln_participant_get_recipient_salt (edit));
  g_assert_cmpuint (strlen (salt), >, 8);

  draft = fixture_new_draft (f);
  jln_award_draft_set_note (draft, "Zoltanberthe en parle avec sa soeur");
  g_assert_true (jln_award_draft_add_evidence_file (draft, file, &error));
  g_assert_no_error (error);
  award = jln_session_award (f->session, draft, &error);
  g_assert_no_error (error);
  copy = g_strdup (jln_award_get_evidence_files (award)[0]);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_true (jln_session_revoke_award (f->session, jln_award_get_id (award),
                                           "Quarindel a quitte le dispositif", &error));
  g_assert_no_error (error);

  /* An active badge of theirs, signed: its credential holds the salt. */
  awards = jln_store_list_awards_for_participant (f->store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (awards) && active_id == 0; i++)
    {
      g_autoptr(JlnAward) a = g_list_model_get_item (awards, i);

      if (jln_award_get_status (a) == JLN_AWARD_STATUS_ACTIVE)
        active_id = jln_award_get_id (a);
    }
  g_clear_object (&awards);
  if (active_id != 0)
    {
      g_autoptr(GBytes) credential = jln_session_issue_award (f->session, active_id, &error);

      g_assert_no_error (error);
      g_assert_nonnull (credential);
    }

  g_assert_true (jln_session_erase_participant (f->session, id, &error));
  g_assert_no_error (error);

  assert_not_in_database (f, "Zoltanberthe");
  assert_not_in_database (f, "Quarindel");
  assert_not_in_database (f, "zoltanberthe.quarindel@unique.test");
  assert_not_in_database (f, "en parle avec sa soeur");
  assert_not_in_database (f, "a quitte le dispositif");
  assert_not_in_database (f, "bilan-zoltanberthe");
  assert_not_in_database (f, "Evidence text about");
  assert_not_in_database (f, salt);
  g_assert_false (g_file_test (photo, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  /* The coach's own file is not the app's to delete. */
  g_assert_true (g_file_test (evidence, G_FILE_TEST_EXISTS));

  /* The award row, its status and index stay. */
  after = jln_store_get_award (f->store, jln_award_get_id (award), &error);
  g_assert_no_error (error);
  g_assert_cmpint (jln_award_get_status (after), ==, JLN_AWARD_STATUS_REVOKED);
  g_assert_cmpuint (jln_award_get_status_index (after), ==, jln_award_get_status_index (award));
  g_assert_cmpstr (jln_award_get_credential_id (after), ==, jln_award_get_credential_id (award));
  g_assert_null (jln_award_get_credential (after));

  /* The revocation list, published afresh, still says revoked. */
  g_assert_true (jln_session_publish_status_list (f->session, NULL, &list_path, &error));
  g_assert_no_error (error);
  list = read_json (list_path);
  {
    JsonObject *cs = json_object_get_object_member (json_node_get_object (list), "credentialSubject");

    bits = jln_status_list_decode (json_object_get_string_member (cs, "encodedList"), &error);
    g_assert_no_error (error);
    g_assert_true (jln_status_list_is_set (bits, jln_award_get_status_index (after)));
  }

  /* Their badges are not signed again (nor exported). */
  if (active_id != 0)
    {
      g_autoptr(GBytes) credential = jln_session_issue_award (f->session, active_id, &error);

      g_assert_null (credential);
      g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "erased"));
      g_clear_error (&error);
    }

  /* On record, by the desk coach, with no erased data; the chain holds. */
  event = newest_with_action (f, "participant.erase");
  g_assert_nonnull (event);
  subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT, id);
  g_assert_cmpstr (jln_audit_event_get_subject (event), ==, subject);
  g_assert_cmpstr (jln_audit_event_get_actor (event), ==, f->coach_actor);
  g_assert_true (jln_session_verify_audit (f->session, NULL, &n_events, &error));
  g_assert_no_error (error);

  /* Gone from the live list, erased when read. */
  g_assert_null (jln_store_lookup_participant (f->store, id));
  stored = jln_store_get_participant (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (jln_participant_get_erased (stored));

  /* Twice, or an unknown id: refused in words. */
  g_assert_false (jln_session_erase_participant (f->session, id, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (jln_session_erase_participant (f->session, 424242, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static gboolean
ids_have (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* The session applies the "retention-months" setting, at a time the test
 * gives (the journal's own latest stamp, read back). */
static void
test_retention (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAuditEvent) last = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 erased = jln_participant_get_id (f->participant);
  GListModel *people = jln_store_get_participants (f->store);
  g_autoptr(JlnParticipant) other = NULL;

  g_assert_cmpuint (jln_session_get_retention_months (f->session), ==, 24);
  g_assert_true (jln_session_erase_participant (f->session, erased, &error));
  g_assert_no_error (error);
  other = g_list_model_get_item (people, 0);
  g_assert_nonnull (other);
  last = fixture_newest_audit (f);
  /* Every demo participant was created (journalled) by then. */
  later = g_date_time_add_months (jln_audit_event_get_at (last), 30);

  /* 24 months, 30 months after the last write: the others are proposed,
   * the erased one never again. */
  ids = jln_session_list_erasure_candidates (f->session, later, &error);
  g_assert_no_error (error);
  g_assert_true (ids_have (ids, jln_participant_get_id (other)));
  g_assert_false (ids_have (ids, erased));
  g_clear_pointer (&ids, g_array_unref);

  /* At the last write itself: nobody has been quiet for 24 months. */
  ids = jln_session_list_erasure_candidates (f->session, jln_audit_event_get_at (last), &error);
  g_assert_no_error (error);
  g_assert_false (ids_have (ids, jln_participant_get_id (other)));
  g_clear_pointer (&ids, g_array_unref);

  /* 0: never. */
  g_settings_set_uint (f->settings, JLN_SESSION_RETENTION_MONTHS_KEY, 0);
  g_assert_cmpuint (jln_session_get_retention_months (f->session), ==, 0);
  ids = jln_session_list_erasure_candidates (f->session, later, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
}

/* Whether the app's published list has @index set. */
static gboolean
published_has (JlnSession *session,
               guint       index)
{
  g_autofree char *path = jln_issuer_dup_status_list_path (jln_session_get_issuer (session));
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JlnStatusList) bits = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *cs;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  list = read_json (path);
  cs = json_object_get_object_member (json_node_get_object (list), "credentialSubject");
  bits = jln_status_list_decode (json_object_get_string_member (cs, "encodedList"), &error);
  g_assert_no_error (error);
  return jln_status_list_is_set (bits, index);
}

static gboolean
list_due (JlnStore *store)
{
  gint64 due = -1, published = -1;
  g_autoptr(GError) error = NULL;

  g_assert_true (jln_store_get_status_list_generations (store, &due, &published, &error));
  g_assert_no_error (error);
  g_assert_cmpint (due, >=, 0);
  return due > published;
}

/* Issue 9: the revocation and "publish again" commit together; a crash
 * before the file, or a file that cannot be written, leaves the list due,
 * and the next session (or revocation) publishes it. */
static void
test_status_list_never_stale (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAwardDraft) first_draft = fixture_new_draft (f);
  g_autoptr(JlnAward) first = jln_session_award (f->session, first_draft, &error);
  g_autoptr(JlnSession) next = NULL;
  g_autoptr(JlnSession) third = NULL;
  g_autofree char *list_path = jln_issuer_dup_status_list_path (jln_session_get_issuer (f->session));
  g_autofree char *status_dir = g_path_get_dirname (list_path);
  g_autofree char *moved = g_strconcat (status_dir, ".moved", NULL);
  gint64 due = 0, published = 0;
  guint index;

  g_assert_no_error (error);
  index = jln_award_get_status_index (first);
  g_assert_false (list_due (f->store));

  /* A revocation committed by a process that died before the file (the
   * store alone, as a SIGKILL after the commit would leave it). */
  g_assert_true (jln_store_revoke_award (f->store, jln_award_get_id (first), "Erreur", f->coach_actor, &error));
  g_assert_no_error (error);
  g_assert_true (list_due (f->store));
  g_assert_false (published_has (f->session, index));
  /* The next session publishes it at open. */
  next = jln_session_new (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (jln_session_get_status_list_error (next));
  g_assert_false (list_due (f->store));
  g_assert_true (published_has (next, index));

  /* A marked generation never goes back (a slow publisher finishing last). */
  g_assert_true (jln_store_get_status_list_generations (f->store, &due, &published, &error));
  g_assert_true (jln_store_set_status_list_published (f->store, published - 1, &error));
  g_assert_no_error (error);
  g_assert_false (list_due (f->store));

  /* The file cannot be written: the revocation stands, the list stays due,
   * the session says why. */
  g_assert_cmpint (g_rename (status_dir, moved), ==, 0);
  g_assert_true (g_file_set_contents (status_dir, "not a folder", -1, NULL));
  {
    g_autoptr(JlnAwardDraft) draft = fixture_new_draft (f);
    g_autoptr(JlnAward) second = jln_session_award (f->session, draft, &error);

    g_assert_no_error (error);
    g_assert_false (jln_session_revoke_award (f->session, jln_award_get_id (second), "Erreur", &error));
    g_assert_error (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_IO);
    g_clear_error (&error);
    {
      g_autoptr(JlnAward) stored = jln_store_get_award (f->store, jln_award_get_id (second), NULL);

      g_assert_cmpint (jln_award_get_status (stored), ==, JLN_AWARD_STATUS_REVOKED);
    }
    g_assert_true (list_due (f->store));
    g_assert_nonnull (jln_session_get_status_list_error (f->session));

    /* A session opening meanwhile says so too… */
    third = jln_session_new (f->store, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (jln_session_get_status_list_error (third));
    g_clear_object (&third);

    /* …and once the folder is back, the next one publishes both. */
    g_assert_cmpint (g_remove (status_dir), ==, 0);
    g_assert_cmpint (g_rename (moved, status_dir), ==, 0);
    third = jln_session_new (f->store, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (jln_session_get_status_list_error (third));
    g_assert_false (list_due (f->store));
    g_assert_true (published_has (third, index));
    g_assert_true (published_has (third, jln_award_get_status_index (second)));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("JALONS_DATABASE", "/nonexistent/never-used.db", TRUE);

  g_test_add_func ("/service/session/open", test_open);
#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/service/session/coach", test_coach);
  ADD ("/service/session/award-undo-revoke", test_award_undo_revoke);
  ADD ("/service/session/ask-each-time", test_ask_each_time);
  ADD ("/service/session/writes-name-the-coach", test_writes_name_the_coach);
  ADD ("/service/session/bad-input", test_bad_input);
  ADD ("/service/session/photos", test_photos);
  ADD ("/service/session/evidence-sharing", test_evidence_sharing);
  ADD ("/service/session/access-export", test_access_export);
  ADD ("/service/session/access-export-failures", test_access_export_failures);
  ADD ("/service/exporter/formats", test_export_formats);
  ADD ("/service/exporter/consent", test_export_consent);
  ADD ("/service/exporter/failures", test_export_failures);
  ADD ("/service/session/trust-events", test_trust_events);
  ADD ("/service/session/erase", test_erase);
  ADD ("/service/session/retention", test_retention);
  ADD ("/service/session/status-list-never-stale", test_status_list_never_stale);
#undef ADD
  return g_test_run ();
}
