/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A badge awarded to a group after a collective session: the shared and
 * per-person choices, the sentences that say what is missing, and the one
 * transaction (all or nothing, one Undo). */
#include <glib/gi18n.h>

#include "service-fixture.h"
#include "openbadges/jln-verify.h"

/* Up to @max participants who do not hold the fixture's badge. */
static GPtrArray *
people_without_badge (Fixture *f, guint max)
{
  GListModel *people = jln_store_get_participants (f->store);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (people) && found->len < max; i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (people, i);

      if (!fixture_holds (f, p, jln_badge_get_id (f->badge)))
        g_ptr_array_add (found, g_steal_pointer (&p));
    }
  return found;
}

static gint
first_required (JlnBadge *badge)
{
  GListModel *criteria = jln_badge_get_criteria (badge);

  for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);

      if (jln_criterion_get_required (c))
        return (gint) i;
    }
  return -1;
}

static guint
count_required (JlnBadge *badge)
{
  GListModel *criteria = jln_badge_get_criteria (badge);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);

      n += jln_criterion_get_required (c) ? 1 : 0;
    }
  return n;
}

static JlnGroupAward *
new_group (Fixture *f, GPtrArray *people)
{
  g_autoptr(GError) error = NULL;
  JlnGroupAward *group = jln_session_new_group_award (f->session, jln_badge_get_id (f->badge), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < people->len; i++)
    {
      g_assert_true (jln_session_group_award_add (f->session, group,
                                                  jln_participant_get_id (g_ptr_array_index (people, i)), &error));
      g_assert_no_error (error);
    }
  return group;
}

static gboolean
strv_has_prefix (const char * const *strv, const char *prefix)
{
  for (guint i = 0; strv[i] != NULL; i++)
    if (g_str_has_prefix (strv[i], prefix))
      return TRUE;
  return FALSE;
}

/* Criteria ticked once for all, one person's edited; award; Undo. */
static void
test_award_and_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = people_without_badge (f, 4);
  g_autoptr(JlnGroupAward) group = NULL;
  g_autoptr(GPtrArray) awards = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *required_sentence = NULL;
  g_autoptr(JlnCriterion) required = NULL;
  JlnAwardDraft *one;
  gint req = first_required (f->badge);
  guint before = fixture_count_awards (f);
  guint audit_before = fixture_count_audit (f);

  g_assert_cmpuint (people->len, ==, 4);
  g_assert_cmpint (req, >=, 0);
  required = g_list_model_get_item (jln_badge_get_criteria (f->badge), req);
  required_sentence = jln_award_draft_describe_missing (required);

  group = new_group (f, people);
  g_assert_cmpuint (jln_group_award_get_n_members (group), ==, 4);
  /* Nothing ticked: each required criterion is said once, for everyone
   * (not once per person). */
  g_assert_false (jln_group_award_get_can_confirm (group));
  g_assert_cmpstr (jln_group_award_get_problem (group), ==, required_sentence);
  g_assert_cmpuint (g_strv_length ((char **) jln_group_award_get_problems (group)), ==, count_required (f->badge));

  jln_group_award_set_all_criteria_met (group);
  jln_group_award_set_note (group, "Atelier budget du mardi, en groupe.");
  g_assert_true (jln_group_award_get_can_confirm (group));
  for (guint c = 0; c < jln_group_award_get_n_criteria (group); c++)
    g_assert_true (jln_group_award_get_criterion_met (group, c));

  /* One person did not show the required criterion: named, blocked. */
  one = jln_group_award_find_member (group, jln_participant_get_id (g_ptr_array_index (people, 1)));
  g_assert_nonnull (one);
  jln_award_draft_set_criterion_met (one, req, FALSE);
  g_assert_false (jln_group_award_get_can_confirm (group));
  g_assert_false (jln_group_award_get_criterion_met (group, req));
  g_assert_nonnull (strstr (jln_group_award_get_problem (group),
                            jln_participant_get_display_name (g_ptr_array_index (people, 1))));
  g_assert_null (strstr (jln_group_award_get_problem (group),
                         jln_participant_get_display_name (g_ptr_array_index (people, 0))));
  g_assert_null (jln_session_award_group (f->session, group, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (fixture_count_awards (f), ==, before);

  /* Taken out of the group, the others can receive it. */
  jln_group_award_remove_member (group, jln_participant_get_id (g_ptr_array_index (people, 1)));
  g_assert_cmpuint (jln_group_award_get_n_members (group), ==, 3);
  g_assert_true (jln_group_award_get_can_confirm (group));

  awards = jln_session_award_group (f->session, group, &error);
  g_assert_no_error (error);
  g_assert_nonnull (awards);
  g_assert_cmpuint (awards->len, ==, 3);
  g_assert_cmpuint (fixture_count_awards (f), ==, before + 3);
  for (guint i = 0; i < awards->len; i++)
    {
      JlnAward *award = g_ptr_array_index (awards, i);
      g_autoptr(JlnAward) stored = jln_store_get_award (f->store, jln_award_get_id (award), &error);
      g_autoptr(JlnVerifyReport) report = NULL;
      gint64 id = jln_award_get_id (award);

      g_assert_no_error (error);
      g_assert_cmpint (jln_award_get_coach_id (stored), ==, jln_coach_get_id (f->coach));
      g_assert_cmpstr (jln_award_get_evidence_note (stored), ==, "Atelier budget du mardi, en groupe.");
      g_assert_nonnull (jln_award_get_credential (stored));
      report = jln_verify_bytes (jln_award_get_credential (stored), NULL);
      g_assert_cmpint (report->verdict, ==, JLN_VERIFY_VALID);
      g_array_append_val (ids, id);
    }
  /* Each award journalled (created and issued). */
  g_assert_cmpuint (fixture_count_audit (f), >=, audit_before + 3);
  g_assert_true (jln_session_verify_audit (f->session, NULL, NULL, &error));
  g_assert_no_error (error);

  /* One Undo removes them all. */
  g_assert_true (jln_session_undo_awards (f->session, (const gint64 *) ids->data, ids->len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture_count_awards (f), ==, before);
  for (guint i = 0; i < people->len; i++)
    g_assert_false (fixture_holds (f, g_ptr_array_index (people, i), jln_badge_get_id (f->badge)));
}

/* Another desk awards one member in the meantime: the store refuses that
 * one inside the transaction, so nobody gets the badge and the evidence
 * copied for the first person is removed. */
static void
test_all_or_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = people_without_badge (f, 4);
  g_autoptr(JlnGroupAward) group = new_group (f, people);
  g_autoptr(JlnAward) racing = NULL;
  g_autofree char *evidence = fixture_write_file (f, "feuille-presence.txt", "présents : 4");
  g_autoptr(GFile) file = g_file_new_for_path (evidence);
  JlnAwardDraft *first;
  JlnParticipant *third = g_ptr_array_index (people, 2);
  guint files_before, before, audit_before;

  jln_group_award_set_all_criteria_met (group);
  first = jln_group_award_find_member (group, jln_participant_get_id (g_ptr_array_index (people, 0)));
  g_assert_true (jln_award_draft_add_evidence_file (first, file, &error));
  g_assert_no_error (error);
  g_assert_true (jln_group_award_get_can_confirm (group));

  racing = jln_award_new (jln_participant_get_id (third), jln_badge_get_version_id (f->badge), 0);
  g_assert_true (jln_store_add_award (f->store, racing, "test", NULL, NULL, &error));
  g_assert_no_error (error);
  before = fixture_count_awards (f);
  audit_before = fixture_count_audit (f);
  files_before = fixture_count_files (f->evidence_dir);

  g_assert_null (jln_session_award_group (f->session, group, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_ALREADY_AWARDED);
  g_clear_error (&error);
  g_assert_cmpuint (fixture_count_awards (f), ==, before);
  g_assert_cmpuint (fixture_count_audit (f), ==, audit_before);
  g_assert_cmpuint (fixture_count_files (f->evidence_dir), ==, files_before);
  for (guint i = 0; i < people->len; i++)
    if (g_ptr_array_index (people, i) != third)
      g_assert_false (fixture_holds (f, g_ptr_array_index (people, i), jln_badge_get_id (f->badge)));
  /* The group says why, until the next change. */
  g_assert_nonnull (jln_group_award_get_problem (group));

  /* Without that person, the others receive it, the evidence with them. */
  jln_group_award_remove_member (group, jln_participant_get_id (third));
  {
    g_autoptr(GPtrArray) awards = jln_session_award_group (f->session, group, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (awards->len, ==, 3);
    g_assert_cmpuint (fixture_count_awards (f), ==, before + 3);
    g_assert_cmpuint (fixture_count_files (f->evidence_dir), ==, files_before + 1);
  }
}

/* What cannot join a group, each refused with a sentence, the group left
 * as it was. */
static void
test_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = people_without_badge (f, 2);
  g_autoptr(JlnGroupAward) group = new_group (f, people);
  GListModel *all = jln_store_get_participants (f->store);
  g_autoptr(JlnParticipant) holder = NULL;
  gint64 id = jln_participant_get_id (g_ptr_array_index (people, 0));

  g_assert_false (jln_session_group_award_add (f->session, group, id, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (jln_session_group_award_add (f->session, group, 987654, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  for (guint i = 0; i < g_list_model_get_n_items (all) && holder == NULL; i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (all, i);
      g_autoptr(JlnAwardDraft) d = jln_session_new_award_draft (f->session, jln_participant_get_id (p), NULL);

      if (d != NULL && jln_award_draft_is_held (d, f->badge))
        holder = g_steal_pointer (&p);
    }
  if (holder == NULL)
    {
      g_autoptr(JlnAward) a = jln_award_new (jln_participant_get_id (g_ptr_array_index (people, 1)),
                                             jln_badge_get_version_id (f->badge), 0);
      g_autoptr(JlnGroupAward) other = NULL;

      g_assert_true (jln_store_add_award (f->store, a, "test", NULL, NULL, &error));
      holder = g_object_ref (g_ptr_array_index (people, 1));
      other = jln_session_new_group_award (f->session, jln_badge_get_id (f->badge), &error);
      g_assert_false (jln_session_group_award_add (f->session, other, jln_participant_get_id (holder), &error));
    }
  else
    g_assert_false (jln_session_group_award_add (f->session, group, jln_participant_get_id (holder), &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_ALREADY_AWARDED);
  g_clear_error (&error);
  g_assert_cmpuint (jln_group_award_get_n_members (group), ==, 2);

  /* An unpublished or unknown badge has no group award. */
  g_assert_null (jln_session_new_group_award (f->session, 987654, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* No one ticked: a sentence, not an empty transaction. */
  {
    g_autoptr(JlnGroupAward) empty = jln_session_new_group_award (f->session, jln_badge_get_id (f->badge), &error);

    g_assert_no_error (error);
    g_assert_false (jln_group_award_get_can_confirm (empty));
    g_assert_cmpstr (jln_group_award_get_problem (empty), ==, _("Tick the participants who were there."));
    g_assert_null (jln_session_award_group (f->session, empty, &error));
    g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
    g_clear_error (&error);
  }
}

/* Thirty at most; the date and the coach are said once for everyone. */
static void
test_limit_and_shared (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnBadge) badge = jln_badge_new ("atelier-cv", "Écrire son CV");
  g_autoptr(JlnGroupAward) group = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(JlnParticipant) extra = jln_participant_new ("Trente", "Et-un");
  g_autoptr(JlnAwardDraft) extra_draft = NULL;
  const char * const *problems;

  jln_badge_add_criterion (badge, "Relire son CV avec le groupe", FALSE);
  jln_badge_set_id (badge, 7);
  group = jln_group_award_new (badge);
  for (guint i = 0; i < JLN_GROUP_AWARD_MAX_MEMBERS; i++)
    {
      g_autofree char *first = g_strdup_printf ("Personne%u", i + 1);
      g_autoptr(JlnParticipant) p = jln_participant_new (first, "Essai");
      g_autoptr(JlnAwardDraft) d = NULL;

      jln_participant_set_id (p, 100 + i);
      d = jln_award_draft_new (p, NULL);
      g_assert_true (jln_group_award_add_member (group, d, &error));
      g_assert_no_error (error);
    }
  jln_participant_set_id (extra, 999);
  extra_draft = jln_award_draft_new (extra, NULL);
  g_assert_false (jln_group_award_add_member (group, extra_draft, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (jln_group_award_get_n_members (group), ==, JLN_GROUP_AWARD_MAX_MEMBERS);
  g_assert_true (jln_group_award_get_can_confirm (group));

  /* A date in the future and no coach chosen: once each, not 30 times. */
  jln_group_award_set_date (group, tomorrow);
  jln_group_award_set_needs_coach (group, TRUE);
  problems = jln_group_award_get_problems (group);
  g_assert_cmpuint (g_strv_length ((char **) problems), ==, 2);
  g_assert_true (strv_has_prefix (problems, _("The date is in the future.")));
  g_assert_cmpstr (problems[1], ==, _("Say which coach awards this badge."));
  jln_group_award_set_coach_id (group, 3);
  jln_group_award_set_date (group, now);
  g_assert_true (jln_group_award_get_can_confirm (group));
  for (guint i = 0; i < JLN_GROUP_AWARD_MAX_MEMBERS; i++)
    {
      g_autoptr(JlnAwardDraft) d = g_list_model_get_item (jln_group_award_get_members (group), i);

      g_assert_cmpint (jln_award_draft_get_coach_id (d), ==, 3);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/service/group/award-and-undo", test_award_and_undo);
  ADD ("/service/group/all-or-nothing", test_all_or_nothing);
  ADD ("/service/group/refusals", test_refusals);
#undef ADD
  g_test_add_func ("/service/group/limit-and-shared", test_limit_and_shared);
  return g_test_run ();
}
