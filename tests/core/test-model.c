/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-test"

#include "store/jln-store.h"
#include "core/jln-participant-private.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_territory_notify (void)
{
  g_autoptr(JlnTerritory) t = jln_territory_new ("Roubaix");
  guint n = 0;
  g_autofree char *name = NULL;

  g_signal_connect (t, "notify::name", G_CALLBACK (count_notify), &n);
  jln_territory_set_name (t, "Roubaix");
  g_assert_cmpuint (n, ==, 0);
  jln_territory_set_name (t, "Lens");
  g_assert_cmpuint (n, ==, 1);
  g_object_get (t, "name", &name, NULL);
  g_assert_cmpstr (name, ==, "Lens");
  g_object_set (t, "name", "Lens", NULL);
  g_assert_cmpuint (n, ==, 1);
}

static void
test_participant_names (void)
{
  g_autoptr(JlnParticipant) p = jln_participant_new ("Amina", "Kaci");
  guint n_display = 0, n_initials = 0, n_first = 0;

  g_assert_cmpstr (jln_participant_get_display_name (p), ==, "Amina K.");
  g_assert_cmpstr (jln_participant_get_initials (p), ==, "AK");

  g_signal_connect (p, "notify::display-name", G_CALLBACK (count_notify), &n_display);
  g_signal_connect (p, "notify::initials", G_CALLBACK (count_notify), &n_initials);
  g_signal_connect (p, "notify::first-name", G_CALLBACK (count_notify), &n_first);

  /* Same initial: display name unchanged, no notification. */
  jln_participant_set_last_name (p, "Kone");
  g_assert_cmpuint (n_display, ==, 0);
  jln_participant_set_first_name (p, "Amina");
  g_assert_cmpuint (n_first, ==, 0);

  jln_participant_set_first_name (p, "Émilie");
  g_assert_cmpuint (n_first, ==, 1);
  g_assert_cmpuint (n_display, ==, 1);
  g_assert_cmpuint (n_initials, ==, 1);
  g_assert_cmpstr (jln_participant_get_display_name (p), ==, "Émilie K.");
  g_assert_cmpstr (jln_participant_get_initials (p), ==, "ÉK");

  jln_participant_set_last_name (p, "élan");
  g_assert_cmpstr (jln_participant_get_display_name (p), ==, "Émilie É.");

  jln_participant_set_last_name (p, NULL);
  g_assert_cmpstr (jln_participant_get_display_name (p), ==, "Émilie");
  g_assert_cmpstr (jln_participant_get_initials (p), ==, "É");
}

static void
test_participant_properties (void)
{
  g_autoptr(JlnParticipant) p = jln_participant_new ("Yanis", "Martin");
  g_autoptr(GDateTime) d1 = g_date_time_new_utc (2025, 3, 1, 0, 0, 0);
  g_autoptr(GDateTime) d2 = g_date_time_new_utc (2025, 3, 1, 0, 0, 0);
  guint n_entry = 0, n_consent = 0, n_count = 0;
  gboolean consent;

  g_signal_connect (p, "notify::entry-date", G_CALLBACK (count_notify), &n_entry);
  g_signal_connect (p, "notify::consent-kiosk", G_CALLBACK (count_notify), &n_consent);
  g_signal_connect (p, "notify::badge-count", G_CALLBACK (count_notify), &n_count);

  jln_participant_set_entry_date (p, d1);
  jln_participant_set_entry_date (p, d2);  /* equal date: no notify */
  g_assert_cmpuint (n_entry, ==, 1);
  jln_participant_set_entry_date (p, NULL);
  g_assert_cmpuint (n_entry, ==, 2);

  jln_participant_set_consent_kiosk (p, TRUE);
  jln_participant_set_consent_kiosk (p, 5);  /* any true is TRUE */
  g_assert_cmpuint (n_consent, ==, 1);
  g_object_get (p, "consent-kiosk", &consent, NULL);
  g_assert_true (consent);

  jln_participant_set_badge_count (p, 3);
  jln_participant_set_badge_count (p, 3);
  g_assert_cmpuint (n_count, ==, 1);
  g_assert_cmpuint (jln_participant_get_badge_count (p), ==, 3);

  /* Read-only derived properties are not writable through GObject. */
  g_assert_false (g_object_class_find_property (G_OBJECT_GET_CLASS (p), "display-name")->flags
                  & G_PARAM_WRITABLE);
  g_assert_true (g_object_class_find_property (G_OBJECT_GET_CLASS (p), "first-name")->flags
                 & G_PARAM_EXPLICIT_NOTIFY);
}

/* "erased": FALSE until the store says so, read-only for everyone else,
 * notified once per change. */
static void
test_participant_erased (void)
{
  g_autoptr(JlnParticipant) p = jln_participant_new ("Yanis", "Martin");
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (p), "erased");
  guint n_erased = 0;
  gboolean erased = TRUE;

  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_READABLE);
  g_assert_false (pspec->flags & G_PARAM_WRITABLE);
  g_assert_false (jln_participant_get_erased (p));
  g_signal_connect (p, "notify::erased", G_CALLBACK (count_notify), &n_erased);
  jln_participant_set_erased (p, 7);
  jln_participant_set_erased (p, TRUE);
  g_assert_cmpuint (n_erased, ==, 1);
  g_object_get (p, "erased", &erased, NULL);
  g_assert_true (erased);
  jln_participant_set_erased (p, FALSE);
  g_assert_cmpuint (n_erased, ==, 2);
}

static void
test_fold_and_match (void)
{
  g_autoptr(JlnParticipant) p = jln_participant_new ("Émilie", "Lefèvre");
  g_autofree char *f1 = jln_fold_for_search ("Émilie");
  g_autofree char *f2 = jln_fold_for_search ("E\xcc\x81MILIE");  /* decomposed É */
  g_autofree char *f3 = jln_fold_for_search ("Naïma BENSAÏD");
  g_autofree char *f4 = jln_fold_for_search (NULL);
  g_autofree char *needle = NULL;

  g_assert_cmpstr (f1, ==, "emilie");
  g_assert_cmpstr (f2, ==, "emilie");
  g_assert_cmpstr (f3, ==, "naima bensaid");
  g_assert_cmpstr (f4, ==, "");

  /* The plain-ASCII shortcut gives what the Unicode path gives. */
  {
    static const char * const ascii[] = { "KeVin", "DYLAN N.", "Lille Sud", "O'Neil-Smith 2", "" };

    for (gsize i = 0; i < G_N_ELEMENTS (ascii); i++)
      {
        g_autofree char *fast = jln_fold_for_search (ascii[i]);
        /* U+00A0 forces the Unicode path; NFKD turns it into a space. */
        g_autofree char *slow_in = g_strconcat (ascii[i], "\xc2\xa0", NULL);
        g_autofree char *slow = jln_fold_for_search (slow_in);
        g_autofree char *expected = g_strconcat (fast, " ", NULL);

        g_assert_cmpstr (slow, ==, expected);
      }
  }

  jln_participant_set_territory_name (p, "Béthune");
  g_assert_true (jln_participant_matches (p, "emi"));
  g_assert_true (jln_participant_matches (p, "lefevre"));
  g_assert_true (jln_participant_matches (p, "emilie l"));
  g_assert_true (jln_participant_matches (p, "bethune"));
  g_assert_true (jln_participant_matches (p, ""));
  g_assert_false (jln_participant_matches (p, "roubaix"));

  /* Renaming invalidates the search key. */
  jln_participant_set_first_name (p, "Inès");
  g_assert_false (jln_participant_matches (p, "emi"));
  needle = jln_fold_for_search ("INES");
  g_assert_true (jln_participant_matches (p, needle));
  jln_participant_set_territory_name (p, "Roubaix");
  g_assert_true (jln_participant_matches (p, "roubaix"));
}

static void
test_badge_criteria (void)
{
  g_autoptr(JlnBadge) b = jln_badge_new ("budget-tenir", "Tenir son budget");
  GListModel *criteria = jln_badge_get_criteria (b);
  g_autoptr(JlnCriterion) c = NULL;
  g_autoptr(GListModel) from_prop = NULL;
  guint n_kind = 0;

  g_assert_cmpuint (jln_badge_get_version (b), ==, 1);
  jln_badge_add_criterion (b, "Noter ses ressources", TRUE);
  jln_badge_add_criterion (b, "Prévoir une dépense", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (criteria), ==, 2);
  c = g_list_model_get_item (criteria, 1);
  g_assert_cmpuint (jln_criterion_get_position (c), ==, 1);
  g_assert_false (jln_criterion_get_required (c));
  g_assert_cmpstr (jln_criterion_get_text (c), ==, "Prévoir une dépense");
  g_object_get (b, "criteria", &from_prop, NULL);
  g_assert_true (from_prop == criteria);
  jln_badge_clear_criteria (b);
  g_assert_cmpuint (g_list_model_get_n_items (criteria), ==, 0);

  g_signal_connect (b, "notify::kind", G_CALLBACK (count_notify), &n_kind);
  jln_badge_set_kind (b, JLN_BADGE_KIND_SAVOIR_ETRE);
  jln_badge_set_kind (b, JLN_BADGE_KIND_SAVOIR_ETRE);
  g_assert_cmpuint (n_kind, ==, 1);
}

static void
test_badge_created_at (void)
{
  g_autoptr(JlnBadge) b = jln_badge_new ("budget-tenir", "Tenir son budget");
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 3, 14, 9, 30, 0);
  g_autoptr(GDateTime) same = g_date_time_new_utc (2026, 3, 14, 9, 30, 0);
  g_autoptr(GDateTime) from_prop = NULL;
  guint n = 0;

  /* Unsaved: no date. */
  g_assert_null (jln_badge_get_created_at (b));
  g_signal_connect (b, "notify::created-at", G_CALLBACK (count_notify), &n);
  jln_badge_set_created_at (b, when);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (jln_badge_get_created_at (b) == when);
  /* An equal time is no change. */
  jln_badge_set_created_at (b, same);
  g_assert_cmpuint (n, ==, 1);
  g_object_get (b, "created-at", &from_prop, NULL);
  g_assert_true (g_date_time_equal (from_prop, when));
  g_object_set (b, "created-at", NULL, NULL);
  g_assert_cmpuint (n, ==, 2);
  g_assert_null (jln_badge_get_created_at (b));
}

static void
test_enums (void)
{
  JlnBadgeKind kind;
  JlnBadgeStatus status;
  JlnAwardStatus astatus;
  g_autoptr(GEnumClass) klass = g_type_class_ref (JLN_TYPE_BADGE_KIND);

  g_assert_cmpstr (jln_badge_kind_to_string (JLN_BADGE_KIND_SAVOIR_FAIRE), ==, "savoir-faire");
  g_assert_true (jln_badge_kind_from_string ("savoir-etre", &kind));
  g_assert_cmpint (kind, ==, JLN_BADGE_KIND_SAVOIR_ETRE);
  g_assert_false (jln_badge_kind_from_string ("savoir-vivre", &kind));
  g_assert_false (jln_badge_kind_from_string (NULL, &kind));
  g_assert_true (jln_badge_status_from_string ("archived", &status));
  g_assert_cmpint (status, ==, JLN_BADGE_STATUS_ARCHIVED);
  g_assert_cmpstr (jln_badge_status_to_string (JLN_BADGE_STATUS_DRAFT), ==, "draft");
  g_assert_true (jln_award_status_from_string ("revoked", &astatus));
  g_assert_cmpint (astatus, ==, JLN_AWARD_STATUS_REVOKED);
  g_assert_cmpuint (klass->n_values, ==, 3);
  g_assert_cmpstr (g_enum_get_value (klass, JLN_BADGE_KIND_SAVOIR)->value_nick, ==, "savoir");
}

/* One place gives the kind in words: every value has its own, and a value
 * out of range gives "" rather than NULL (it goes into printf). */
static void
test_badge_kind_display_name (void)
{
  g_assert_cmpstr (jln_badge_kind_get_display_name (JLN_BADGE_KIND_SAVOIR), ==, "Knowledge");
  g_assert_cmpstr (jln_badge_kind_get_display_name (JLN_BADGE_KIND_SAVOIR_FAIRE), ==, "Skill");
  g_assert_cmpstr (jln_badge_kind_get_display_name (JLN_BADGE_KIND_SAVOIR_ETRE), ==, "Attitude");
  g_assert_cmpstr (jln_badge_kind_get_display_name ((JlnBadgeKind) 42), ==, "");
}

static void
test_award_properties (void)
{
  g_autoptr(JlnAward) a = jln_award_new (1, 2, 3);
  const char *texts[] = { "Un", "Deux", NULL };
  const char *same[] = { "Un", "Deux", NULL };
  const char *empty[] = { NULL };
  g_autoptr(GBytes) cred = g_bytes_new_static ("{}", 2);
  g_autoptr(GBytes) cred2 = g_bytes_new_static ("{}", 2);
  guint n_met = 0, n_cred = 0, n_status = 0;

  g_assert_cmpint (jln_award_get_participant_id (a), ==, 1);
  g_assert_cmpint (jln_award_get_badge_version_id (a), ==, 2);
  g_assert_cmpint (jln_award_get_coach_id (a), ==, 3);
  g_assert_cmpint (jln_award_get_status (a), ==, JLN_AWARD_STATUS_ACTIVE);

  g_signal_connect (a, "notify::criteria-met", G_CALLBACK (count_notify), &n_met);
  g_signal_connect (a, "notify::credential", G_CALLBACK (count_notify), &n_cred);
  g_signal_connect (a, "notify::status", G_CALLBACK (count_notify), &n_status);
  jln_award_set_criteria_met (a, empty);  /* empty == NULL: no change */
  g_assert_cmpuint (n_met, ==, 0);
  jln_award_set_criteria_met (a, texts);
  jln_award_set_criteria_met (a, same);
  g_assert_cmpuint (n_met, ==, 1);
  g_assert_cmpstr (jln_award_get_criteria_met (a)[1], ==, "Deux");
  jln_award_set_credential (a, cred);
  jln_award_set_credential (a, cred2);
  g_assert_cmpuint (n_cred, ==, 1);
  jln_award_set_status (a, JLN_AWARD_STATUS_REVOKED);
  g_assert_cmpuint (n_status, ==, 1);
}

static void
test_audit_event (void)
{
  g_autoptr(GDateTime) at = g_date_time_new_utc (2025, 5, 2, 10, 0, 0);
  g_autoptr(JlnAuditEvent) e = jln_audit_event_new (4, at, "Karim", "award.create", "award:1", "detail");
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (e), "action");

  g_assert_cmpint (jln_audit_event_get_id (e), ==, 4);
  g_assert_true (g_date_time_equal (jln_audit_event_get_at (e), at));
  g_assert_cmpstr (jln_audit_event_get_actor (e), ==, "Karim");
  g_assert_cmpstr (jln_audit_event_get_action (e), ==, "award.create");
  g_assert_cmpstr (jln_audit_event_get_subject (e), ==, "award:1");
  g_assert_cmpstr (jln_audit_event_get_detail (e), ==, "detail");
  g_assert_true (pspec->flags & G_PARAM_CONSTRUCT_ONLY);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/territory/notify", test_territory_notify);
  g_test_add_func ("/model/participant/names", test_participant_names);
  g_test_add_func ("/model/participant/properties", test_participant_properties);
  g_test_add_func ("/model/participant/erased", test_participant_erased);
  g_test_add_func ("/model/participant/fold-and-match", test_fold_and_match);
  g_test_add_func ("/model/badge/criteria", test_badge_criteria);
  g_test_add_func ("/model/badge/created-at", test_badge_created_at);
  g_test_add_func ("/model/enums", test_enums);
  g_test_add_func ("/model/enums/kind-display-name", test_badge_kind_display_name);
  g_test_add_func ("/model/award/properties", test_award_properties);
  g_test_add_func ("/model/audit-event", test_audit_event);

  return g_test_run ();
}
