/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-award-draft"

/* The award draft's rules, without a display: what the award dialog used
 * to decide itself (ported from tests/ui/test-award.c, same assertions),
 * driven through the session that turns a draft into an award. */

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "service-fixture.h"

typedef struct {
  guint problems;
  guint can_confirm;
  guint criteria_met;
} Notifications;

static void
on_notify (GObject *object, GParamSpec *pspec, Notifications *n)
{
  if (g_str_equal (pspec->name, "problems"))
    n->problems++;
  else if (g_str_equal (pspec->name, "can-confirm"))
    n->can_confirm++;
  else if (g_str_equal (pspec->name, "criteria-met"))
    n->criteria_met++;
}

static guint
first_required (JlnBadge *badge, gboolean required)
{
  GListModel *criteria = jln_badge_get_criteria (badge);

  for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);

      if (jln_criterion_get_required (c) == required)
        return i;
    }
  g_assert_not_reached ();
}

/* Nothing chosen: not confirmable, and no problem to show yet. Chosen: every
 * criterion ticked, confirmable straight away. */
static void
test_defaults (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAwardDraft) draft = jln_session_new_award_draft (f->session, jln_participant_get_id (f->participant), &error);
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_auto(GStrv) met = NULL;
  GListModel *criteria = jln_badge_get_criteria (f->badge);

  g_assert_no_error (error);
  g_assert_true (jln_award_draft_get_participant (draft) == f->participant);
  g_assert_false (jln_award_draft_get_can_confirm (draft));
  g_assert_null (jln_award_draft_get_problem (draft));
  g_assert_cmpuint (g_strv_length ((char **) jln_award_draft_get_problems (draft)), ==, 0);
  /* Today, at local midnight. */
  g_assert_cmpint (g_date_time_get_day_of_year (jln_award_draft_get_date (draft)), ==, g_date_time_get_day_of_year (now));
  g_assert_cmpint (g_date_time_get_hour (jln_award_draft_get_date (draft)), ==, 0);

  award = jln_award_draft_build_award (draft, &error);
  g_assert_null (award);
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_null (jln_session_award (f->session, draft, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_true (jln_award_draft_choose_badge (draft, f->badge, &error));
  g_assert_no_error (error);
  g_assert_true (jln_award_draft_get_badge (draft) == f->badge);
  g_assert_cmpuint (jln_award_draft_get_n_criteria (draft), ==, g_list_model_get_n_items (criteria));
  /* Issue 10 (3): nothing ticked at first; the required criteria block
   * confirming, each named. */
  for (guint i = 0; i < jln_award_draft_get_n_criteria (draft); i++)
    g_assert_false (jln_award_draft_get_criterion_met (draft, i));
  g_assert_false (jln_award_draft_get_can_confirm (draft));
  {
    g_autoptr(JlnCriterion) req = g_list_model_get_item (criteria, first_required (f->badge, TRUE));

    g_assert_nonnull (jln_award_draft_get_problem (draft));
    g_assert_nonnull (strstr (jln_award_draft_get_problem (draft), jln_criterion_get_text (req)));
  }
  met = jln_award_draft_dup_criteria_met (draft);
  g_assert_cmpuint (g_strv_length (met), ==, 0);
  g_clear_pointer (&met, g_strfreev);
  g_assert_null (jln_session_award (f->session, draft, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* "All met" is one explicit choice. */
  jln_award_draft_set_all_criteria_met (draft);
  for (guint i = 0; i < jln_award_draft_get_n_criteria (draft); i++)
    g_assert_true (jln_award_draft_get_criterion_met (draft, i));
  g_assert_true (jln_award_draft_get_can_confirm (draft));
  g_assert_null (jln_award_draft_get_problem (draft));
  met = jln_award_draft_dup_criteria_met (draft);
  g_assert_cmpuint (g_strv_length (met), ==, g_list_model_get_n_items (criteria));
}

/* A required criterion unticked: not confirmable, the problem names it; an
 * optional one does not block; only the ticked ones are recorded. Every
 * missing criterion is named, each in its own sentence. */
static void
test_required_criterion (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAwardDraft) draft = fixture_new_draft (f);
  g_autoptr(JlnAward) award = NULL;
  GListModel *criteria = jln_badge_get_criteria (f->badge);
  guint required = first_required (f->badge, TRUE);
  guint optional = first_required (f->badge, FALSE);
  g_autoptr(JlnCriterion) req = g_list_model_get_item (criteria, required);
  Notifications n = { 0 };
  guint before = fixture_count_awards (f);
  guint n_required = 0;
  const char * const *met;

  g_signal_connect (draft, "notify", G_CALLBACK (on_notify), &n);
  jln_award_draft_set_criterion_met (draft, required, FALSE);
  g_assert_cmpuint (n.criteria_met, ==, 1);
  g_assert_cmpuint (n.can_confirm, ==, 1);
  g_assert_cmpuint (n.problems, ==, 1);
  /* Same value again: no change, no notification. */
  jln_award_draft_set_criterion_met (draft, required, FALSE);
  g_assert_cmpuint (n.criteria_met, ==, 1);
  g_assert_cmpuint (n.problems, ==, 1);

  g_assert_false (jln_award_draft_get_can_confirm (draft));
  g_assert_nonnull (jln_award_draft_get_problem (draft));
  g_assert_nonnull (strstr (jln_award_draft_get_problem (draft), jln_criterion_get_text (req)));
  /* French when the translations are built: plain words, French quotes. */
  if (g_strcmp0 (_("Required"), "Required") != 0)
    g_assert_nonnull (strstr (jln_award_draft_get_problem (draft), "« "));
  g_assert_null (jln_session_award (f->session, draft, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (fixture_count_awards (f), ==, before);

  /* No criterion ticked at all: one sentence per required one. */
  for (guint i = 0; i < jln_award_draft_get_n_criteria (draft); i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);

      jln_award_draft_set_criterion_met (draft, i, FALSE);
      n_required += jln_criterion_get_required (c);
    }
  g_assert_cmpuint (g_strv_length ((char **) jln_award_draft_get_problems (draft)), ==, n_required);
  for (guint i = 0, k = 0; i < jln_award_draft_get_n_criteria (draft); i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);

      if (!jln_criterion_get_required (c))
        continue;
      g_assert_nonnull (strstr (jln_award_draft_get_problems (draft)[k++], jln_criterion_get_text (c)));
    }
  for (guint i = 0; i < jln_award_draft_get_n_criteria (draft); i++)
    jln_award_draft_set_criterion_met (draft, i, TRUE);

  jln_award_draft_set_criterion_met (draft, optional, FALSE);
  g_assert_true (jln_award_draft_get_can_confirm (draft));
  g_assert_null (jln_award_draft_get_problem (draft));
  award = jln_session_award (f->session, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (award);
  met = jln_award_get_criteria_met (award);
  g_assert_cmpuint (g_strv_length ((char **) met), ==, g_list_model_get_n_items (criteria) - 1);
  g_assert_false (g_strv_contains (met, "")); /* keeps the strings whole */
}

/* Dates: not in the future, not before the participant joined; a past
 * date within the range is the award's date. */
static void
test_dates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAwardDraft) draft = fixture_new_draft (f);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  GDateTime *entry = jln_participant_get_entry_date (f->participant);
  g_autoptr(GDateTime) entry_local = NULL;
  g_autoptr(GDateTime) before_entry = NULL;
  g_autoptr(GDateTime) awarded_local = NULL;
  g_autoptr(JlnAward) award = NULL;
  guint before = fixture_count_awards (f);

  g_assert_nonnull (entry);
  entry_local = g_date_time_new_local (g_date_time_get_year (entry), g_date_time_get_month (entry),
                                       g_date_time_get_day_of_month (entry), 12, 0, 0);
  before_entry = g_date_time_add_days (entry_local, -1);

  jln_award_draft_set_date (draft, tomorrow);
  g_assert_false (jln_award_draft_get_can_confirm (draft));
  g_assert_nonnull (jln_award_draft_get_problem (draft));
  g_assert_null (jln_session_award (f->session, draft, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, jln_award_draft_get_problem (draft));
  g_clear_error (&error);

  jln_award_draft_set_date (draft, before_entry);
  g_assert_false (jln_award_draft_get_can_confirm (draft));
  g_assert_nonnull (strstr (jln_award_draft_get_problem (draft),
                            jln_participant_get_display_name (f->participant)));
  g_assert_cmpuint (fixture_count_awards (f), ==, before);

  /* The entry day itself is fine. */
  jln_award_draft_set_date (draft, entry_local);
  g_assert_true (jln_award_draft_get_can_confirm (draft));
  /* Kept as local midnight of the day. */
  g_assert_cmpint (g_date_time_get_hour (jln_award_draft_get_date (draft)), ==, 0);

  jln_award_draft_set_date (draft, yesterday);
  g_assert_true (jln_award_draft_get_can_confirm (draft));
  award = jln_session_award (f->session, draft, &error);
  g_assert_no_error (error);
  awarded_local = g_date_time_to_local (jln_award_get_awarded_on (award));
  g_assert_cmpint (g_date_time_get_day_of_year (awarded_local), ==, g_date_time_get_day_of_year (yesterday));
}

/* Bad evidence: too large (sparse file), missing, a folder; a file that
 * grows past the limit before the award: nothing written, no copy left. */
static void
test_bad_evidence (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAwardDraft) draft = fixture_new_draft (f);
  g_autofree char *big = fixture_write_sparse (f, "video.mp4", JLN_AWARD_DRAFT_EVIDENCE_MAX_SIZE + 1);
  g_autofree char *limit = fixture_write_sparse (f, "exact.bin", JLN_AWARD_DRAFT_EVIDENCE_MAX_SIZE);
  g_autofree char *small = fixture_write_file (f, "note.txt", "ok");
  g_autofree char *growing = fixture_write_file (f, "grows.bin", "x");
  g_autofree char *missing = g_build_filename (f->dir, "nowhere.pdf", NULL);
  g_autoptr(GFile) big_file = g_file_new_for_path (big);
  g_autoptr(GFile) limit_file = g_file_new_for_path (limit);
  g_autoptr(GFile) small_file = g_file_new_for_path (small);
  g_autoptr(GFile) growing_file = g_file_new_for_path (growing);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  GListModel *files = jln_award_draft_get_evidence_files (draft);
  guint before = fixture_count_awards (f);
  guint audit_before = fixture_count_audit (f);
  int fd;

  g_assert_false (jln_award_draft_add_evidence_file (draft, big_file, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "video.mp4"));
  g_assert_nonnull (strstr (error->message, "50"));
  g_assert_cmpstr (jln_award_draft_get_problem (draft), ==, error->message);
  g_clear_error (&error);

  g_assert_false (jln_award_draft_add_evidence_file (draft, missing_file, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nowhere.pdf"));
  g_clear_error (&error);

  g_assert_false (jln_award_draft_add_evidence_file (draft, folder, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 0);
  /* A refusal is information, not a block. */
  g_assert_true (jln_award_draft_get_can_confirm (draft));

  /* Exactly 50 MB is allowed; the same file twice is one piece of evidence. */
  g_assert_true (jln_award_draft_add_evidence_file (draft, limit_file, &error));
  g_assert_no_error (error);
  g_assert_null (jln_award_draft_get_problem (draft));
  g_assert_true (jln_award_draft_add_evidence_file (draft, small_file, &error));
  g_assert_true (jln_award_draft_add_evidence_file (draft, small_file, &error));
  g_assert_true (jln_award_draft_add_evidence_file (draft, growing_file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 3);
  /* Nothing copied before the award. */
  g_assert_cmpuint (fixture_count_files (f->evidence_dir), ==, 0);

  /* The last file grows past the limit before the award: the first two
   * were already copied and must not stay behind. */
  fd = g_open (growing, O_WRONLY, 0);
  g_assert_cmpint (ftruncate (fd, JLN_AWARD_DRAFT_EVIDENCE_MAX_SIZE + 1), ==, 0);
  close (fd);
  g_assert_null (jln_session_award (f->session, draft, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (jln_award_draft_get_problem (draft), ==, error->message);
  g_clear_error (&error);
  g_assert_cmpuint (fixture_count_awards (f), ==, before);
  g_assert_cmpuint (fixture_count_audit (f), ==, audit_before);
  g_assert_cmpuint (fixture_count_files (f->evidence_dir), ==, 0);

  /* Removed from disk after being added: refused, same clean-up. */
  g_assert_cmpint (g_unlink (growing), ==, 0);
  g_assert_null (jln_session_award (f->session, draft, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (fixture_count_files (f->evidence_dir), ==, 0);
  g_assert_cmpuint (fixture_count_awards (f), ==, before);

  /* Taken out of the draft, the rest goes through. */
  jln_award_draft_remove_evidence_file (draft, growing_file);
  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 2);
  g_assert_null (jln_award_draft_get_problem (draft));
  {
    g_autoptr(JlnAward) award = jln_session_award (f->session, draft, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length ((char **) jln_award_get_evidence_files (award)), ==, 2);
    g_assert_cmpuint (fixture_count_files (f->evidence_dir), ==, 2);
  }
}

/* Same version held: choosing it is refused; a race (held meanwhile) is
 * refused by the store with its message; nothing written, no copies left. */
static void
test_already_held (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAward) direct = jln_award_new (jln_participant_get_id (f->participant),
                                              jln_badge_get_version_id (f->badge), 0);
  g_autofree char *evidence = fixture_write_file (f, "preuve.jpg", "jpeg");
  g_autoptr(GFile) file = g_file_new_for_path (evidence);
  g_autoptr(JlnAwardDraft) racing = fixture_new_draft (f);
  g_autoptr(JlnAwardDraft) later = NULL;
  guint before;

  g_assert_true (jln_award_draft_add_evidence_file (racing, file, &error));
  g_assert_true (jln_store_add_award (f->store, direct, "test", NULL, NULL, &error));
  g_assert_no_error (error);
  before = fixture_count_awards (f);

  /* A new draft knows the badge is held and will not choose it. */
  later = jln_session_new_award_draft (f->session, jln_participant_get_id (f->participant), &error);
  g_assert_no_error (error);
  g_assert_true (jln_award_draft_is_held (later, f->badge));
  g_assert_cmpuint (jln_award_draft_get_held_version (later, jln_badge_get_id (f->badge)), ==,
                    jln_badge_get_version (f->badge));
  g_assert_false (jln_award_draft_choose_badge (later, f->badge, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_ALREADY_AWARDED);
  g_assert_nonnull (strstr (error->message, jln_participant_get_display_name (f->participant)));
  g_clear_error (&error);
  g_assert_null (jln_award_draft_get_badge (later));
  /* Set anyway (a binding): not confirmable, and it says why. */
  jln_award_draft_set_badge (later, f->badge);
  g_assert_false (jln_award_draft_get_can_confirm (later));
  g_assert_nonnull (strstr (jln_award_draft_get_problem (later), jln_participant_get_display_name (f->participant)));
  g_assert_null (jln_session_award (f->session, later, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_ALREADY_AWARDED);
  g_clear_error (&error);

  /* The racing draft: the store's refusal is shown. */
  g_assert_null (jln_session_award (f->session, racing, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_ALREADY_AWARDED);
  g_assert_cmpstr (jln_award_draft_get_problem (racing), ==, error->message);
  g_clear_error (&error);
  g_assert_cmpuint (fixture_count_awards (f), ==, before);
  g_assert_cmpuint (fixture_count_files (f->evidence_dir), ==, 0);

  /* Any change clears the refusal. */
  jln_award_draft_set_note (racing, "Essai");
  g_assert_null (jln_award_draft_get_problem (racing));
}

/* A newer version of a held badge can be awarded. */
static void
test_newer_version (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAward) first = jln_award_new (jln_participant_get_id (f->participant),
                                             jln_badge_get_version_id (f->badge), 0);
  g_autoptr(JlnBadge) edit = NULL;
  g_autoptr(JlnAwardDraft) draft = NULL;
  g_autoptr(JlnAward) award = NULL;
  gint64 v1 = jln_badge_get_version_id (f->badge);
  guint version = jln_badge_get_version (f->badge);
  JlnBadge *current;

  g_assert_true (jln_store_add_award (f->store, first, "test", NULL, NULL, &error));
  g_assert_no_error (error);
  edit = jln_store_get_badge_version (f->store, v1, &error);
  g_assert_no_error (error);
  jln_badge_set_easy_text (edit, "Je prends un rendez-vous toute seule, version révisée.");
  g_assert_true (jln_session_update_badge (f->session, edit, &error));
  g_assert_no_error (error);
  current = jln_store_lookup_badge (f->store, jln_badge_get_id (f->badge));
  g_assert_cmpint (jln_badge_get_version_id (current), !=, v1);

  draft = jln_session_new_award_draft (f->session, jln_participant_get_id (f->participant), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jln_award_draft_get_held_version (draft, jln_badge_get_id (f->badge)), ==, version);
  g_assert_false (jln_award_draft_is_held (draft, current));
  g_assert_true (jln_award_draft_choose_badge (draft, current, &error));
  g_assert_no_error (error);
  jln_award_draft_set_all_criteria_met (draft);
  award = jln_session_award (f->session, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jln_award_get_badge_version (award), ==, version + 1);
  g_assert_nonnull (jln_award_get_credential (award));
}

/* Another badge ticks its own criteria again and forgets the note; the
 * evidence stays with the award being prepared. The note is stripped. */
static void
test_change_badge (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAwardDraft) draft = fixture_new_draft (f);
  g_autofree char *evidence = fixture_write_file (f, "photo.txt", "preuve");
  g_autoptr(GFile) file = g_file_new_for_path (evidence);
  g_autoptr(JlnAward) award = NULL;
  GListModel *badges = jln_store_get_badges (f->store);
  JlnBadge *other = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (badges) && other == NULL; i++)
    {
      g_autoptr(JlnBadge) b = g_list_model_get_item (badges, i);

      if (b != f->badge && !jln_award_draft_is_held (draft, b) &&
          jln_badge_get_status (b) == JLN_BADGE_STATUS_ACTIVE)
        other = b;
    }
  g_assert_nonnull (other);

  jln_award_draft_set_note (draft, "  A pris rendez-vous seule au centre de santé.  ");
  g_assert_true (jln_award_draft_add_evidence_file (draft, file, &error));
  jln_award_draft_set_criterion_met (draft, 0, TRUE);

  /* Another badge: its criteria start unticked too (ticks were about the
   * first one). */
  g_assert_true (jln_award_draft_choose_badge (draft, other, &error));
  g_assert_null (jln_award_draft_get_note (draft));
  g_assert_cmpuint (g_list_model_get_n_items (jln_award_draft_get_evidence_files (draft)), ==, 1);
  for (guint i = 0; i < jln_award_draft_get_n_criteria (draft); i++)
    g_assert_false (jln_award_draft_get_criterion_met (draft, i));

  g_assert_true (jln_award_draft_choose_badge (draft, f->badge, &error));
  jln_award_draft_set_all_criteria_met (draft);
  jln_award_draft_set_note (draft, "  A pris rendez-vous seule au centre de santé.  ");
  award = jln_session_award (f->session, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jln_award_get_evidence_note (award), ==, "A pris rendez-vous seule au centre de santé.");
  g_assert_cmpint (jln_award_get_badge_version_id (award), ==, jln_badge_get_version_id (f->badge));
}

/* Choosing by id in the catalogue: unknown and unpublished ids are
 * refused and leave the draft as it was; a published one is chosen. */
static void
test_choose_by_id (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAwardDraft) draft = jln_session_new_award_draft (f->session, jln_participant_get_id (f->participant), &error);
  GListModel *catalogue = jln_store_get_badges (f->store);
  gint64 unpublished = 0;

  g_assert_false (jln_award_draft_choose_badge_id (draft, catalogue, G_MAXINT64, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (jln_award_draft_get_badge (draft));

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (catalogue) && unpublished == 0; i++)
    {
      g_autoptr(JlnBadge) b = g_list_model_get_item (catalogue, i);

      if (b != f->badge && !jln_award_draft_is_held (draft, b))
        unpublished = jln_badge_get_id (b);
    }
  g_assert_cmpint (unpublished, >, 0);
  g_assert_true (jln_session_set_badge_status (f->session, unpublished,
                                               JLN_BADGE_STATUS_DRAFT, &error));
  g_assert_no_error (error);
  g_assert_false (jln_award_draft_choose_badge_id (draft, catalogue, unpublished, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (jln_award_draft_get_badge (draft));

  g_assert_true (jln_award_draft_choose_badge_id (draft, catalogue, jln_badge_get_id (f->badge), &error));
  g_assert_no_error (error);
  g_assert_true (jln_award_draft_get_badge (draft) == f->badge);
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("JALONS_LOCALEDIR");

  /* In French, as at the desk (messages are checked by their content). */
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  g_setenv ("JALONS_DATABASE", "/nonexistent/never-used.db", TRUE);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/service/award-draft/defaults", test_defaults);
  ADD ("/service/award-draft/required-criterion", test_required_criterion);
  ADD ("/service/award-draft/dates", test_dates);
  ADD ("/service/award-draft/bad-evidence", test_bad_evidence);
  ADD ("/service/award-draft/already-held", test_already_held);
  ADD ("/service/award-draft/newer-version", test_newer_version);
  ADD ("/service/award-draft/change-badge", test_change_badge);
  ADD ("/service/award-draft/choose-by-id", test_choose_by_id);
#undef ADD
  return g_test_run ();
}
