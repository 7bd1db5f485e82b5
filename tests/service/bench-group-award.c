/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `meson test --benchmark group-award`: a badge awarded to 30 people in
 * one go (the use case: drafts, one transaction, 30 signed credentials and
 * their journal entries), against two baselines measured in the same run:
 * signing the same 30 credentials without the store (jln_issuer_seal_award)
 * and 30 bare Ed25519 signatures of a credential's size. Figures are
 * printed, never asserted: a benchmark, not a test. */
#define G_LOG_DOMAIN "jln-bench"

#include <sodium.h>

#include "service-fixture.h"

#define ROUNDS 7
#define GROUP JLN_GROUP_AWARD_MAX_MEMBERS

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (TEST_SCHEMA_ID, backend);
  g_autofree char *dir = jln_test_make_tmp_dir ("jalons-bench-group");
  g_autofree char *path = g_build_filename (dir, "jalons.db", NULL);
  JlnDemoOptions options = JLN_DEMO_OPTIONS_INIT;
  g_autoptr(JlnStore) store = NULL;
  g_autoptr(JlnSession) session = NULL;
  GListModel *badges, *people;
  double use_case[ROUNDS], sealing[ROUNDS], signing[ROUNDS];
  guint8 pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
  gsize credential_size = 0;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  options.n_participants = GROUP * ROUNDS;
  options.n_awards = 0;
  store = jln_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (jln_demo_build (store, &options, &error));
  g_assert_no_error (error);
  session = jln_session_new (store, settings, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JlnCoach) coach = g_list_model_get_item (jln_store_get_coaches (store), 0);

    jln_session_set_coach (session, coach);
  }
  crypto_sign_keypair (pk, sk);

  badges = jln_store_get_badges (store);
  people = jln_store_get_participants (store);
  g_assert_cmpuint (g_list_model_get_n_items (people), >=, GROUP * ROUNDS);
  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(JlnBadge) badge = NULL;
      g_autoptr(JlnGroupAward) group = NULL;
      g_autoptr(GPtrArray) awards = NULL;
      g_autoptr(GBytes) message = NULL;
      gint64 start;

      for (guint i = 0; i < g_list_model_get_n_items (badges) && badge == NULL; i++)
        {
          g_autoptr(JlnBadge) b = g_list_model_get_item (badges, i);

          if (jln_badge_get_status (b) == JLN_BADGE_STATUS_ACTIVE)
            badge = g_steal_pointer (&b);
        }
      g_assert_nonnull (badge);

      /* The use case, as the dialog drives it: fill the group, confirm. */
      start = g_get_monotonic_time ();
      group = jln_session_new_group_award (session, jln_badge_get_id (badge), &error);
      g_assert_no_error (error);
      for (guint i = 0; i < GROUP; i++)
        {
          g_autoptr(JlnParticipant) p = g_list_model_get_item (people, round * GROUP + i);

          g_assert_true (jln_session_group_award_add (session, group, jln_participant_get_id (p), &error));
          g_assert_no_error (error);
        }
      jln_group_award_set_all_criteria_met (group);
      jln_group_award_set_note (group, "Atelier collectif");
      awards = jln_session_award_group (session, group, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (awards->len, ==, GROUP);
      use_case[round] = (g_get_monotonic_time () - start) / 1e6;

      /* Baseline 1: the same 30 credentials signed, no store. */
      start = g_get_monotonic_time ();
      for (guint i = 0; i < GROUP; i++)
        {
          g_autoptr(GBytes) credential = jln_issuer_seal_award (g_ptr_array_index (awards, i),
                                                                jln_session_get_issuer (session), &error);

          g_assert_no_error (error);
          credential_size = g_bytes_get_size (credential);
          if (i == 0)
            message = g_bytes_ref (credential);
        }
      sealing[round] = (g_get_monotonic_time () - start) / 1e6;

      /* Baseline 2: the primitive, 30 Ed25519 signatures of that size. */
      start = g_get_monotonic_time ();
      for (guint i = 0; i < GROUP; i++)
        crypto_sign_detached (sig, NULL, g_bytes_get_data (message, NULL), g_bytes_get_size (message), sk);
      signing[round] = (g_get_monotonic_time () - start) / 1e6;
    }

  {
    double u = median (use_case, ROUNDS), s = median (sealing, ROUNDS), p = median (signing, ROUNDS);

    g_print ("group award of %u people, median of %u rounds (credential %" G_GSIZE_FORMAT " bytes):\n",
             GROUP, ROUNDS, credential_size);
    g_print ("  use case (drafts, one transaction, 30 credentials): %.3f s\n", u);
    g_print ("  30 credentials signed without the store:           %.3f s (use case / this = %.2f)\n", s, u / s);
    g_print ("  30 bare Ed25519 signatures:                        %.5f s (use case / this = %.0f)\n", p, u / p);
  }
  jln_test_remove_tree (dir);
  return 0;
}
