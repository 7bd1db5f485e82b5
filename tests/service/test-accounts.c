/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-accounts"

/* Accounts, roles and the signing key at rest, at the session: the layer
 * every window and jalons-cli verb goes through. */

#include "service-fixture.h"
#include "openbadges/jln-ob-key.h"

#define ADMIN_SECRET "la clé du bureau 2026"
#define COACH_SECRET "un sentier de jalons"
#define LEAD_SECRET  "49302817"

static GBytes *
read_file_or_empty (const char *path)
{
  char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return g_bytes_new (NULL, 0);
  return g_bytes_new_take (data, len);
}

static gboolean
bytes_contain (GBytes *hay, GBytes *needle)
{
  gsize hay_len, needle_len;
  const guint8 *h = g_bytes_get_data (hay, &hay_len);
  const guint8 *n = g_bytes_get_data (needle, &needle_len);

  if (needle_len == 0 || hay_len < needle_len)
    return FALSE;
  for (gsize i = 0; i + needle_len <= hay_len; i++)
    if (memcmp (h + i, n, needle_len) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @secret's bytes survive anywhere in the database's files. */
static gboolean
database_files_contain (Fixture *f, GBytes *secret)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->db_path, suffixes[i], NULL);
      g_autoptr(GBytes) bytes = read_file_or_empty (path);

      if (bytes_contain (bytes, secret))
        return TRUE;
    }
  return FALSE;
}

static JlnSession *
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  JlnSession *session = jln_session_open (f->db_path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static void
protect (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jln_session_create_administrator (f->session, f->coach, ADMIN_SECRET, &error));
  g_assert_no_error (error);
}

/* Some participant followed by @coach_id (0: by someone else than it). */
static JlnParticipant *
participant_of (JlnStore *store, gint64 coach_id, gboolean theirs)
{
  GListModel *people = jln_store_get_participants (store);

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (people, i);
      gint64 c = jln_participant_get_coach_id (p);

      if (theirs ? c == coach_id : (c != 0 && c != coach_id))
        return g_steal_pointer (&p);
    }
  return NULL;
}

/* Awards @participant_id some active badge they do not hold yet. */
static JlnAward *
award_any (JlnSession *session, gint64 participant_id, GError **error)
{
  g_autoptr(JlnAwardDraft) draft = jln_session_new_award_draft (session, participant_id, error);
  GListModel *badges;

  if (draft == NULL)
    return NULL;
  badges = jln_store_get_badges (jln_session_get_store (session));
  for (guint i = 0; i < g_list_model_get_n_items (badges); i++)
    {
      g_autoptr(JlnBadge) b = g_list_model_get_item (badges, i);

      if (jln_badge_get_status (b) != JLN_BADGE_STATUS_ACTIVE || jln_award_draft_is_held (draft, b))
        continue;
      jln_award_draft_set_badge (draft, b);
      jln_award_draft_set_all_criteria_met (draft);
      return jln_session_award (session, draft, error);
    }
  g_assert_not_reached ();
}

static gboolean
journal_has (JlnStore *store, const char *action, const char *subject)
{
  g_autoptr(GListModel) events = jln_store_list_audit_events (store, 0, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(JlnAuditEvent) e = g_list_model_get_item (events, i);

      if (g_strcmp0 (jln_audit_event_get_action (e), action) == 0
          && (subject == NULL || g_strcmp0 (jln_audit_event_get_subject (e), subject) == 0))
        return TRUE;
    }
  return FALSE;
}

static void
test_open_desk (Fixture *f, gconstpointer data)
{
  /* Before the first administrator: the desk as it always was. */
  g_assert_false (jln_session_is_protected (f->session));
  g_assert_cmpint (jln_session_get_role (f->session), ==, JLN_ROLE_ADMIN);
  g_assert_true (jln_issuer_can_sign (jln_session_get_issuer (f->session)));
}

static void
test_protect_key (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnOrganisation) before = jln_store_get_organisation (f->store, &error);
  g_autoptr(JlnOrganisation) after = NULL;
  g_autoptr(JlnKeyVault) vault = NULL;
  g_autoptr(GBytes) audit_secret = NULL;
  g_autoptr(JlnAward) award = NULL;
  g_autofree char *did = g_strdup (jln_session_get_issuer_id (f->session));
  g_autofree char *admin_actor = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (before->signing_seed);
  audit_secret = jln_store_dup_audit_secret (f->store, &error);
  g_assert_no_error (error);
  /* Both are in the file in clear today: the check below can fail. */
  g_assert_true (database_files_contain (f, before->signing_seed));

  /* Too short: refused, nothing protected. */
  g_assert_false (jln_session_create_administrator (f->session, f->coach, "court", &error));
  g_assert_error (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_WEAK_SECRET);
  g_clear_error (&error);
  g_assert_false (jln_session_create_administrator (f->session, f->coach, "1234567", &error));
  g_assert_error (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_WEAK_SECRET);
  g_clear_error (&error);
  g_assert_true (jln_store_get_key_vault (f->store, &vault, &error));
  g_assert_null (vault);
  g_assert_false (jln_session_is_protected (f->session));

  protect (f);
  g_assert_true (jln_session_is_protected (f->session));
  g_assert_cmpint (jln_session_get_role (f->session), ==, JLN_ROLE_ADMIN);
  g_assert_cmpint (jln_coach_get_id (jln_session_get_coach (f->session)), ==, jln_coach_get_id (f->coach));
  g_assert_cmpint (jln_coach_get_role (jln_store_lookup_coach (f->store, jln_coach_get_id (f->coach))), ==,
                   JLN_ROLE_ADMIN);
  admin_actor = g_strdup_printf ("coach:%" G_GINT64_FORMAT, jln_coach_get_id (f->coach));
  g_assert_cmpstr (jln_session_get_actor (f->session), ==, admin_actor);
  /* A second administrator-by-first-run is refused. */
  g_assert_false (jln_session_create_administrator (f->session, f->coach, ADMIN_SECRET, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* The seed and the journal's secret left the file, the did:key stayed. */
  after = jln_store_get_organisation (f->store, &error);
  g_assert_no_error (error);
  g_assert_null (after->signing_seed);
  g_assert_false (database_files_contain (f, before->signing_seed));
  g_assert_false (database_files_contain (f, audit_secret));
  g_assert_cmpstr (jln_session_get_issuer_id (f->session), ==, did);

  /* Still signing, still journalling, and the chain holds. */
  award = award_any (f->session, jln_participant_get_id (f->participant), &error);
  g_assert_no_error (error);
  g_assert_nonnull (award);
  g_assert_true (journal_has (f->store, "organisation.key", "organisation"));
  g_assert_true (jln_session_verify_audit (f->session, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_sign_in (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnSession) desk = NULL;
  g_autoptr(JlnParticipant) someone = jln_participant_new ("Nadia", "Haddad");
  g_autoptr(JlnTerritory) place = jln_territory_new ("Quartier Sud");
  g_autoptr(JlnAward) award = NULL;
  gint64 admin_id = jln_coach_get_id (f->coach);
  g_autofree char *subject = g_strdup_printf ("coach:%" G_GINT64_FORMAT, admin_id);

  protect (f);
  g_clear_object (&f->session);
  desk = reopen (f);
  f->store = jln_session_get_store (desk);

  /* Nobody signed in: nothing is written, signed or journalled. */
  g_assert_true (jln_session_is_protected (desk));
  g_assert_cmpint (jln_session_get_role (desk), ==, JLN_ROLE_NONE);
  g_assert_null (jln_session_get_coach (desk));
  g_assert_false (jln_issuer_can_sign (jln_session_get_issuer (desk)));
  g_assert_true (g_str_has_prefix (jln_session_get_issuer_id (desk), "did:key:z"));
  g_assert_false (jln_session_add_participant (desk, someone, &error));
  g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);
  g_assert_null (jln_session_new_award_draft (desk, jln_participant_get_id (f->participant), &error));
  g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);
  /* …not even around the session: the store has no journal key. */
  g_assert_false (jln_store_add_territory (f->store, place, "coach:1", &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_null (jln_issuer_issue_award (jln_session_get_issuer (desk), 1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Wrong passphrases: counted, then the account is locked, even for the
   * right passphrase, and says until when. */
  for (guint i = 1; i < JLN_SESSION_MAX_SIGN_IN_FAILURES; i++)
    {
      g_assert_false (jln_session_sign_in (desk, admin_id, "pas la bonne phrase", &error));
      g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_WRONG_SECRET);
      g_clear_error (&error);
    }
  g_assert_false (jln_session_sign_in (desk, admin_id, "pas la bonne phrase", &error));
  g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_LOCKED_OUT);
  g_clear_error (&error);
  g_assert_false (jln_session_sign_in (desk, admin_id, ADMIN_SECRET, &error));
  g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_LOCKED_OUT);
  g_clear_error (&error);
  g_assert_cmpint (jln_session_get_role (desk), ==, JLN_ROLE_NONE);
  /* No account for a coach without one; no such coach. */
  g_assert_false (jln_session_sign_in (desk, 999999, ADMIN_SECRET, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_pending_failures_journalled (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnSession) desk = NULL;
  g_autoptr(JlnCoach) other = jln_coach_new ("Lucie Perrin");
  g_autofree char *other_subject = NULL;
  g_autoptr(JlnAward) award = NULL;
  gint64 admin_id = jln_coach_get_id (f->coach);

  protect (f);
  g_assert_true (jln_session_add_account (f->session, other, JLN_ROLE_COACH, COACH_SECRET, &error));
  g_assert_no_error (error);
  other_subject = g_strdup_printf ("coach:%" G_GINT64_FORMAT, jln_coach_get_id (other));
  g_clear_object (&f->session);
  desk = reopen (f);
  f->store = jln_session_get_store (desk);

  /* Lucie is locked out at a desk where nobody is signed in… */
  for (guint i = 0; i < JLN_SESSION_MAX_SIGN_IN_FAILURES; i++)
    {
      g_assert_false (jln_session_sign_in (desk, jln_coach_get_id (other), "mauvaise phrase", &error));
      g_clear_error (&error);
    }
  /* …and the next one to sign in brings those events into the chain. */
  g_assert_true (jln_session_sign_in (desk, admin_id, ADMIN_SECRET, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jln_session_get_role (desk), ==, JLN_ROLE_ADMIN);
  g_assert_true (jln_issuer_can_sign (jln_session_get_issuer (desk)));
  g_assert_true (journal_has (f->store, "account.sign-in-failed", other_subject));
  g_assert_true (journal_has (f->store, "account.locked", other_subject));
  g_assert_true (journal_has (f->store, "account.sign-in", NULL));
  g_assert_true (jln_session_verify_audit (desk, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The administrator lifts the lock with a new passphrase. */
  g_assert_true (jln_session_set_account_secret (desk, jln_coach_get_id (other), "nouvelle phrase du jour", &error));
  g_assert_no_error (error);
  award = award_any (desk, jln_participant_get_id (f->participant), &error);
  g_assert_no_error (error);

  /* Locking wipes the keys: nothing signs any more. */
  jln_session_lock (desk);
  g_assert_cmpint (jln_session_get_role (desk), ==, JLN_ROLE_NONE);
  g_assert_null (jln_session_get_coach (desk));
  g_assert_false (jln_issuer_can_sign (jln_session_get_issuer (desk)));
  g_assert_true (jln_session_sign_in (desk, jln_coach_get_id (other), "nouvelle phrase du jour", &error));
  g_assert_no_error (error);
  g_assert_cmpint (jln_session_get_role (desk), ==, JLN_ROLE_COACH);
}

static void
test_roles (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnSession) desk = NULL;
  GListModel *coaches = jln_store_get_coaches (f->store);
  g_autoptr(JlnCoach) coach = NULL;
  g_autoptr(JlnCoach) lead = jln_coach_new ("Samir Benali");
  g_autoptr(JlnParticipant) theirs = NULL;
  g_autoptr(JlnParticipant) others = NULL;
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JlnBadge) proposal = NULL;
  g_autoptr(JlnCoach) sneaky = jln_coach_new ("Intrus");
  g_autofree char *path = NULL;
  gint64 coach_id = 0;

  protect (f);
  /* A coach who follows people, and someone followed by another coach. */
  for (guint i = 1; i < g_list_model_get_n_items (coaches) && theirs == NULL; i++)
    {
      g_autoptr(JlnCoach) c = g_list_model_get_item (coaches, i);
      g_autoptr(JlnParticipant) p = participant_of (f->store, jln_coach_get_id (c), TRUE);
      g_autoptr(JlnParticipant) o = participant_of (f->store, jln_coach_get_id (c), FALSE);

      if (p != NULL && o != NULL)
        {
          coach = g_steal_pointer (&c);
          theirs = g_steal_pointer (&p);
          others = g_steal_pointer (&o);
        }
    }
  g_assert_nonnull (coach);
  coach_id = jln_coach_get_id (coach);
  g_assert_true (jln_session_add_account (f->session, coach, JLN_ROLE_COACH, COACH_SECRET, &error));
  g_assert_no_error (error);
  g_assert_true (jln_session_add_account (f->session, lead, JLN_ROLE_LEAD, LEAD_SECRET, &error));
  g_assert_no_error (error);
  /* One account per coach. */
  g_assert_false (jln_session_add_account (f->session, coach, JLN_ROLE_LEAD, COACH_SECRET, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_clear_object (&f->session);
  desk = reopen (f);
  f->store = jln_session_get_store (desk);

  /* A coach: their own participants only, drafts only, no accounts. */
  g_assert_true (jln_session_sign_in (desk, coach_id, COACH_SECRET, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jln_session_get_role (desk), ==, JLN_ROLE_COACH);
  award = award_any (desk, jln_participant_get_id (theirs), &error);
  g_assert_no_error (error);
  g_assert_nonnull (award);
  g_assert_cmpint (jln_award_get_coach_id (award), ==, coach_id);
  g_assert_null (jln_session_new_award_draft (desk, jln_participant_get_id (others), &error));
  g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN);
  g_clear_error (&error);
  /* Nor in a group award: refused when the person is added. */
  {
    g_autoptr(JlnGroupAward) group = jln_session_new_group_award (desk, jln_badge_get_id (f->badge), &error);

    g_assert_no_error (error);
    g_assert_false (jln_session_group_award_add (desk, group, jln_participant_get_id (others), &error));
    g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN);
    g_clear_error (&error);
    g_assert_cmpuint (jln_group_award_get_n_members (group), ==, 0);
  }
  g_assert_false (jln_session_archive_participant (desk, jln_participant_get_id (others), &error));
  g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (jln_session_set_badge_status (desk, jln_badge_get_id (f->badge), JLN_BADGE_STATUS_ARCHIVED,
                                                &error));
  g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (jln_session_update_badge (desk, f->badge, &error));
  g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN);
  g_clear_error (&error);
  proposal = jln_badge_new ("proposition-cuisine", "Cuisiner pour quatre");
  g_assert_true (jln_session_add_badge (desk, proposal, &error));
  g_assert_no_error (error);
  g_assert_false (jln_session_erase_participant (desk, jln_participant_get_id (theirs), &error));
  g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (jln_session_backup_now (desk, NULL, &error));
  g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (jln_session_add_account (desk, sneaky, JLN_ROLE_ADMIN, COACH_SECRET, &error));
  g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_null (jln_session_export_key (desk, "une phrase pour la clé", &error));
  g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (jln_session_set_account_secret (desk, jln_coach_get_id (f->coach), "je prends sa place",
                                                  &error));
  g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* A programme lead: everyone's participants and the catalogue, not the
   * administration. */
  jln_session_lock (desk);
  g_assert_true (jln_session_sign_in (desk, jln_coach_get_id (lead), LEAD_SECRET, &error));
  g_assert_no_error (error);
  g_clear_object (&award);
  award = award_any (desk, jln_participant_get_id (others), &error);
  g_assert_no_error (error);
  g_assert_true (jln_session_set_badge_status (desk, jln_badge_get_id (proposal), JLN_BADGE_STATUS_ACTIVE,
                                               &error));
  g_assert_no_error (error);
  g_assert_false (jln_session_backup_now (desk, &path, &error));
  g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (jln_session_set_organisation_details (desk, "Autre", NULL, NULL, NULL, &error));
  g_assert_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* The journal names who did it, by id. */
  g_assert_true (jln_session_verify_audit (desk, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_vault_tampering (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnObKey) key = jln_ob_key_generate ();
  g_autoptr(GBytes) seed = jln_ob_key_get_seed (key);
  guint8 audit[32] = { 7 };
  g_autoptr(GBytes) audit_secret = g_bytes_new (audit, sizeof audit);
  g_autoptr(JlnVaultKeys) keys = jln_vault_keys_new (seed, audit_secret);
  g_autoptr(JlnAccount) account = g_new0 (JlnAccount, 1);
  g_autoptr(JlnKeyVault) vault = NULL;
  g_autoptr(JlnVaultKeys) opened = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(JlnVaultKeys) imported = NULL;
  g_autoptr(GBytes) opened_secret = NULL;
  guint8 *sealed;
  gsize len;

  account->role = JLN_ROLE_ADMIN;
  g_assert_true (jln_vault_keys_fill_slot (keys, ADMIN_SECRET, account, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (account->secret_hash, "$argon2id$"));
  g_assert_true (jln_vault_secret_matches (account->secret_hash, ADMIN_SECRET));
  g_assert_false (jln_vault_secret_matches (account->secret_hash, "autre chose encore"));
  g_assert_false (jln_vault_secret_matches ("pas un hachage", ADMIN_SECRET));
  vault = jln_vault_keys_seal (keys, jln_ob_key_get_public_key (key));

  opened = jln_vault_open (vault, account, ADMIN_SECRET, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (jln_vault_keys_get_seed (opened), 32, g_bytes_get_data (seed, NULL), 32);
  opened_secret = jln_vault_keys_dup_audit_secret (opened);
  g_assert_true (g_bytes_equal (opened_secret, audit_secret));
  g_clear_pointer (&opened, jln_vault_keys_free);

  g_assert_null (jln_vault_open (vault, account, "autre chose encore", &error));
  g_assert_error (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_WRONG_SECRET);
  g_clear_error (&error);

  /* One flipped bit in the sealed seed. */
  sealed = g_bytes_unref_to_data (g_steal_pointer (&vault->sealed), &len);
  sealed[len - 1] ^= 1;
  vault->sealed = g_bytes_new_take (sealed, len);
  g_assert_null (jln_vault_open (vault, account, ADMIN_SECRET, &error));
  g_assert_error (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_DAMAGED);
  g_clear_error (&error);
  g_clear_pointer (&vault, jln_key_vault_free);

  /* Someone else's public key beside our seed: not ours. */
  {
    g_autoptr(JlnObKey) stranger = jln_ob_key_generate ();

    vault = jln_vault_keys_seal (keys, jln_ob_key_get_public_key (stranger));
    g_assert_null (jln_vault_open (vault, account, ADMIN_SECRET, &error));
    g_assert_error (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_DAMAGED);
    g_clear_error (&error);
    g_clear_pointer (&vault, jln_key_vault_free);
  }

  /* A slot asking for absurd Argon2 limits is refused, not obeyed. */
  vault = jln_vault_keys_seal (keys, jln_ob_key_get_public_key (key));
  account->slot_memlimit = G_MAXUINT64;
  g_assert_null (jln_vault_open (vault, account, ADMIN_SECRET, &error));
  g_assert_error (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_DAMAGED);
  g_clear_error (&error);

  /* Key files for a second desk. */
  file = jln_vault_keys_export (keys, "phrase pour le second bureau", &error);
  g_assert_no_error (error);
  g_assert_false (bytes_contain (file, seed));
  g_assert_null (jln_vault_keys_import (file, "mauvaise phrase ici", &error));
  g_assert_error (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  imported = jln_vault_keys_import (file, "phrase pour le second bureau", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (jln_vault_keys_get_seed (imported), 32, g_bytes_get_data (seed, NULL), 32);
  {
    g_autoptr(GBytes) junk = g_bytes_new_static ("[Jalons signing key]\nformat=1\nsalt=AAAA\n", 41);

    g_assert_null (jln_vault_keys_import (junk, "phrase pour le second bureau", &error));
    g_assert_error (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_DAMAGED);
    g_clear_error (&error);
  }
}

static void
test_restore_locks (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;

  protect (f);
  g_assert_true (jln_session_backup_now (f->session, &backup, &error));
  g_assert_no_error (error);
  g_assert_true (jln_session_restore_backup (f->session, backup, NULL, &error));
  g_assert_no_error (error);
  /* The restored file has its own accounts: whoever restored signs in. */
  g_assert_true (jln_session_is_protected (f->session));
  g_assert_cmpint (jln_session_get_role (f->session), ==, JLN_ROLE_NONE);
  g_assert_false (jln_issuer_can_sign (jln_session_get_issuer (f->session)));
  g_assert_true (jln_session_sign_in (f->session, jln_coach_get_id (f->coach), ADMIN_SECRET, &error));
  g_assert_no_error (error);
  g_assert_true (jln_session_verify_audit (f->session, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_second_desk (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "second.db", NULL);
  g_autoptr(JlnSession) second = NULL;
  g_autoptr(JlnCoach) admin = jln_coach_new ("Paul Roux");
  g_autoptr(JlnCoach) other = jln_coach_new ("Inès Garnier");
  g_autoptr(GBytes) key_file = NULL;
  g_autofree char *first_did = NULL;
  g_autofree char *second_own_did = NULL;

  protect (f);
  first_did = g_strdup (jln_session_get_issuer_id (f->session));
  key_file = jln_session_export_key (f->session, "phrase du second bureau", &error);
  g_assert_no_error (error);
  g_assert_true (journal_has (f->store, "organisation.key-export", "organisation"));

  /* A new, empty database: its own key until it imports ours. */
  second = jln_session_open (path, NULL, &error);
  g_assert_no_error (error);
  second_own_did = g_strdup (jln_session_get_issuer_id (second));
  g_assert_cmpstr (second_own_did, !=, first_did);
  g_assert_false (jln_session_create_administrator_with_key (second, admin, ADMIN_SECRET, key_file,
                                                             "pas la bonne phrase", &error));
  g_assert_error (error, JLN_VAULT_ERROR, JLN_VAULT_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_assert_false (jln_session_is_protected (second));
  g_assert_cmpstr (jln_session_get_issuer_id (second), ==, second_own_did);

  g_assert_true (jln_session_create_administrator_with_key (second, admin, ADMIN_SECRET, key_file,
                                                            "phrase du second bureau", &error));
  g_assert_no_error (error);
  g_assert_true (jln_session_is_protected (second));
  g_assert_cmpstr (jln_session_get_issuer_id (second), ==, first_did);
  g_assert_true (jln_issuer_can_sign (jln_session_get_issuer (second)));
  g_assert_true (journal_has (jln_session_get_store (second), "organisation.key", "organisation"));
  g_assert_true (jln_session_verify_audit (second, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&second);

  /* Reopened and signed in, it is still our key. */
  second = jln_session_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jln_session_get_issuer_id (second), ==, first_did);

  /* A database that already signed badges keeps its own key. */
  g_clear_object (&second);
  {
    g_autoptr(JlnSession) open_desk = NULL;
    g_autofree char *third = g_build_filename (f->dir, "third.db", NULL);
    g_autoptr(JlnStore) store = jln_store_open (third, &error);
    JlnDemoOptions options = JLN_DEMO_OPTIONS_INIT;

    options.n_participants = 4;
    options.n_awards = 4;
    g_assert_true (jln_demo_build (store, &options, &error));
    open_desk = jln_session_new (store, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (jln_session_create_administrator_with_key (open_desk, other, ADMIN_SECRET, key_file,
                                                               "phrase du second bureau", &error));
    g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
    g_clear_error (&error);
    g_assert_false (jln_session_is_protected (open_desk));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("JALONS_DATABASE", "/nonexistent/never-used.db", TRUE);

  g_test_add_func ("/service/accounts/vault-tampering", test_vault_tampering);
#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/service/accounts/open-desk", test_open_desk);
  ADD ("/service/accounts/protect-key", test_protect_key);
  ADD ("/service/accounts/sign-in", test_sign_in);
  ADD ("/service/accounts/pending-failures-journalled", test_pending_failures_journalled);
  ADD ("/service/accounts/roles", test_roles);
  ADD ("/service/accounts/restore-locks", test_restore_locks);
  ADD ("/service/accounts/second-desk", test_second_desk);
#undef ADD
  return g_test_run ();
}
