/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-service"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "service/jln-access-export.h"
#include "service/jln-session.h"
#include "service/jln-group-award.h"

struct _JlnSession
{
  GObject      parent_instance;

  JlnStore    *store;
  JlnIssuer   *issuer;
  JlnExporter *exporter;
  GSettings   *settings;
  gboolean     settings_have_coach;
  gboolean     settings_have_backups;
  gboolean     settings_have_retention;
  GError      *scheduled_backup_error;
  GError      *status_list_error;  /* the last failed publish, until one works */
  char        *scheduled_backup_path;

  JlnCoach    *coach;
  char        *desk_name;
  char        *actor;

  /* Accounts (see jln-session.h): once protected, @keys while signed in. */
  gboolean      protected;
  JlnVaultKeys *keys;
  JlnRole       role;
};

G_DEFINE_QUARK (jln-session-error-quark, jln_session_error)

static void retry_status_list (JlnSession *self);

static void jln_session_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JlnSession, jln_session, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      jln_session_initable_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_ISSUER,
  PROP_SETTINGS,
  PROP_COACH,
  PROP_DESK_NAME,
  PROP_ACTOR,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* who is at the desk                                                 */

static gboolean
present (const char *s)
{
  return s != NULL && *s != '\0';
}

/* The computer account's full name, else its login: a person, never a
 * placeholder such as "coach" or "system". */
static char *
dup_account_name (void)
{
  const char *real = g_get_real_name ();

  if (present (real) && g_strcmp0 (real, "Unknown") != 0)
    return g_strdup (real);
  return g_strdup (g_get_user_name ());
}

/* People by id, never by name (the journal keeps no personal data): the
 * coach at the desk as "coach:<id>", else the computer account as
 * "account:<uid>" (a number, where its login or full name would name
 * someone). Coach accounts with sign-in will replace the second form. */
static char *
dup_actor (JlnSession *self)
{
  if (self->coach != NULL && jln_coach_get_id (self->coach) > 0)
    return g_strdup_printf ("coach:%" G_GINT64_FORMAT, jln_coach_get_id (self->coach));
  return g_strdup_printf ("account:%lu", (unsigned long) getuid ());
}

static void
update_actor (JlnSession *self)
{
  g_autofree char *actor = dup_actor (self);

  if (g_strcmp0 (self->actor, actor) == 0)
    return;
  g_free (self->actor);
  self->actor = g_steal_pointer (&actor);
  /* The issuer journals its own entries (consent answers) under it too. */
  if (self->issuer != NULL)
    jln_issuer_set_actor (self->issuer, self->actor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}

static void
load_coach_from_settings (JlnSession *self)
{
  gint64 coach_id;
  JlnCoach *coach = NULL;

  /* Once protected, the coach is whoever signed in. */
  if (!self->settings_have_coach || self->protected)
    return;
  coach_id = g_settings_get_int64 (self->settings, JLN_SESSION_COACH_KEY);
  /* Our own write coming back, or nothing to change. */
  if (self->coach != NULL ? jln_coach_get_id (self->coach) == coach_id : coach_id <= 0)
    return;
  if (coach_id > 0)
    coach = jln_store_lookup_coach (self->store, coach_id);
  if (!g_set_object (&self->coach, coach))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COACH]);
  update_actor (self);
}

static void
on_coach_key_changed (GSettings  *settings,
                      const char *key,
                      JlnSession *self)
{
  load_coach_from_settings (self);
}

JlnCoach *
jln_session_get_coach (JlnSession *self)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);

  return self->coach;
}

void
jln_session_set_coach (JlnSession *self,
                       JlnCoach   *coach)
{
  g_return_if_fail (JLN_IS_SESSION (self));
  g_return_if_fail (coach == NULL || JLN_IS_COACH (coach));

  /* Signing in is the only way to become the coach of a protected desk. */
  if (self->protected)
    return;
  if (!g_set_object (&self->coach, coach))
    return;
  /* Remembered for the next start; our own "changed" finds the same coach. */
  if (self->settings_have_coach)
    g_settings_set_int64 (self->settings, JLN_SESSION_COACH_KEY,
                          coach != NULL ? jln_coach_get_id (coach) : 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COACH]);
  update_actor (self);
}

const char *
jln_session_get_desk_name (JlnSession *self)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);

  return self->desk_name;
}

void
jln_session_set_desk_name (JlnSession *self,
                           const char *name)
{
  g_autofree char *fallback = NULL;

  g_return_if_fail (JLN_IS_SESSION (self));

  if (!present (name))
    name = fallback = dup_account_name ();
  if (g_strcmp0 (self->desk_name, name) == 0)
    return;
  g_free (self->desk_name);
  self->desk_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESK_NAME]);
  update_actor (self);
}

const char *
jln_session_get_actor (JlnSession *self)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);

  return self->actor;
}

/* ------------------------------------------------------------------ */
/* accounts and signing in                                            */

gboolean
jln_session_is_protected (JlnSession *self)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);

  return self->protected;
}

JlnRole
jln_session_get_role (JlnSession *self)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), JLN_ROLE_NONE);

  if (!self->protected)
    return JLN_ROLE_ADMIN;
  return self->keys != NULL ? self->role : JLN_ROLE_NONE;
}

/* The one gate every use case passes: @min or better, with @what saying
 * what was refused. */
static gboolean
require_role (JlnSession  *self,
              JlnRole      min,
              GError     **error)
{
  JlnRole role = jln_session_get_role (self);

  if (role >= min)
    return TRUE;
  if (role == JLN_ROLE_NONE)
    {
      g_set_error_literal (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_NOT_SIGNED_IN,
                           _("Nobody is signed in. Sign in first."));
      return FALSE;
    }
  switch (min)
    {
    case JLN_ROLE_LEAD:
      g_set_error_literal (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN,
                           _("Only a programme lead or an administrator can do this."));
      break;
    case JLN_ROLE_ADMIN:
    default:
      g_set_error_literal (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN,
                           _("Only an administrator can do this."));
      break;
    }
  return FALSE;
}

/* A coach acts for their own participants (and those nobody follows); a
 * lead or an administrator for everyone. */
static gboolean
require_own_participant (JlnSession  *self,
                         gint64       participant_id,
                         GError     **error)
{
  g_autoptr(JlnParticipant) participant = NULL;
  gint64 coach_id;

  if (!require_role (self, JLN_ROLE_COACH, error))
    return FALSE;
  if (jln_session_get_role (self) >= JLN_ROLE_LEAD)
    return TRUE;
  if ((participant = jln_store_get_participant (self->store, participant_id, error)) == NULL)
    return FALSE;
  coach_id = jln_participant_get_coach_id (participant);
  if (coach_id == 0 || (self->coach != NULL && coach_id == jln_coach_get_id (self->coach)))
    return TRUE;
  g_set_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN,
               _("%s is followed by another coach: only their coach or a programme lead can do this."),
               jln_participant_get_first_name (participant));
  return FALSE;
}

static gboolean
require_own_award (JlnSession  *self,
                   gint64       award_id,
                   GError     **error)
{
  g_autoptr(JlnAward) award = NULL;

  if (!require_role (self, JLN_ROLE_COACH, error))
    return FALSE;
  if (jln_session_get_role (self) >= JLN_ROLE_LEAD)
    return TRUE;
  if ((award = jln_store_get_award (self->store, award_id, error)) == NULL)
    return FALSE;
  return require_own_participant (self, jln_award_get_participant_id (award), error);
}

/* A coach proposes badges: drafts only; a lead edits the catalogue. */
static gboolean
require_badge_edit (JlnSession  *self,
                    JlnBadge    *badge,
                    GError     **error)
{
  if (!require_role (self, JLN_ROLE_COACH, error))
    return FALSE;
  if (jln_session_get_role (self) >= JLN_ROLE_LEAD)
    return TRUE;
  if (jln_badge_get_status (badge) == JLN_BADGE_STATUS_DRAFT)
    {
      JlnBadge *stored = jln_badge_get_id (badge) != 0
                         ? jln_store_lookup_badge (self->store, jln_badge_get_id (badge)) : NULL;

      /* Their proposal stays theirs to word until a lead publishes it. */
      if (stored == NULL || jln_badge_get_status (stored) == JLN_BADGE_STATUS_DRAFT)
        return TRUE;
    }
  g_set_error_literal (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_FORBIDDEN,
                       _("A coach proposes badges as drafts: a programme lead edits and publishes "
                         "the catalogue."));
  return FALSE;
}

static void
notify_who (JlnSession *self,
            JlnRole     role_before)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COACH]);
  update_actor (self);
  if (jln_session_get_role (self) != role_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

/* Hands the opened keys to the issuer and the store's journal. */
static gboolean
take_keys (JlnSession    *self,
           JlnVaultKeys  *keys,
           JlnCoach      *coach,
           JlnRole        role,
           GError       **error)
{
  g_autoptr(JlnObKey) key = NULL;
  g_autoptr(GBytes) audit_secret = NULL;
  JlnRole before = jln_session_get_role (self);

  key = jln_ob_key_new_from_seed (jln_vault_keys_get_seed (keys), JLN_OB_KEY_SEED_SIZE, error);
  if (key == NULL || !jln_issuer_set_signing_key (self->issuer, key, error))
    {
      jln_vault_keys_free (keys);
      return FALSE;
    }
  audit_secret = jln_vault_keys_dup_audit_secret (keys);
  jln_store_unlock_audit (self->store, audit_secret);
  g_clear_pointer (&self->keys, jln_vault_keys_free);
  self->keys = keys;
  self->role = role;
  g_set_object (&self->coach, coach);
  notify_who (self, before);
  return TRUE;
}

static gboolean
check_new_coach (JlnSession  *self,
                 JlnCoach    *coach,
                 GError     **error)
{
  if (jln_coach_get_id (coach) != 0 && jln_store_lookup_coach (self->store, jln_coach_get_id (coach)) == NULL)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("This coach is not in the database."));
      return FALSE;
    }
  return TRUE;
}

/* The first administrator over @seed: the database's own (NULL), or one
 * imported from another desk's key file. */
static gboolean
protect (JlnSession  *self,
         JlnCoach    *coach,
         const char  *secret,
         GBytes      *imported_seed,
         GError     **error)
{
  g_autoptr(JlnOrganisation) org = NULL;
  g_autoptr(JlnAccount) account = g_new0 (JlnAccount, 1);
  g_autoptr(JlnKeyVault) vault = NULL;
  g_autoptr(JlnObKey) key = NULL;
  g_autoptr(GBytes) audit_secret = NULL;
  GBytes *seed;
  JlnVaultKeys *keys;
  JlnCoach *live;

  if (self->protected)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("The signing key is already protected: an administrator exists."));
      return FALSE;
    }
  if (!jln_store_check_writable (self->store, error) || !check_new_coach (self, coach, error)
      || !jln_vault_check_secret_strength (secret, error))
    return FALSE;
  if ((org = jln_store_get_organisation (self->store, error)) == NULL)
    return FALSE;
  seed = imported_seed != NULL ? imported_seed : org->signing_seed;
  if (seed == NULL
      || (key = jln_ob_key_new_from_seed (g_bytes_get_data (seed, NULL), g_bytes_get_size (seed), error)) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_FAILED,
                             _("The organisation has no signing key yet."));
      return FALSE;
    }
  /* The journal's secret, still in clear: it moves into the vault too
   * (this database's own, also when the signing key comes from elsewhere:
   * the journal is this file's). */
  audit_secret = jln_store_dup_audit_secret (self->store, error);
  if (audit_secret == NULL)
    return FALSE;
  keys = jln_vault_keys_new (seed, audit_secret);
  account->role = JLN_ROLE_ADMIN;
  if (!jln_vault_keys_fill_slot (keys, secret, account, error))
    {
      jln_vault_keys_free (keys);
      return FALSE;
    }
  vault = jln_vault_keys_seal (keys, jln_ob_key_get_public_key (key));
  if (!jln_store_protect_key (self->store, coach, account, vault, error))
    {
      jln_vault_keys_free (keys);
      return FALSE;
    }
  self->protected = TRUE;
  if (imported_seed != NULL)
    {
      g_autoptr(JlnIssuer) issuer = NULL;

      /* Another key, another did:key: the issuer is built anew from the
       * vault's public key. */
      if ((issuer = jln_issuer_new (self->store, self->actor, error)) == NULL)
        {
          jln_vault_keys_free (keys);
          return FALSE;
        }
      g_clear_object (&self->exporter);
      g_set_object (&self->issuer, issuer);
      self->exporter = jln_exporter_new (self->issuer);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ISSUER]);
    }
  live = jln_store_lookup_coach (self->store, account->coach_id);
  if (!take_keys (self, keys, live != NULL ? live : coach, JLN_ROLE_ADMIN, error))
    return FALSE;
  if (imported_seed != NULL
      && !jln_store_append_audit (self->store, self->actor, "organisation.key", "organisation",
                                  "signing key imported", error))
    return FALSE;
  return TRUE;
}

gboolean
jln_session_create_administrator (JlnSession  *self,
                                  JlnCoach    *coach,
                                  const char  *secret,
                                  GError     **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);
  g_return_val_if_fail (JLN_IS_COACH (coach), FALSE);

  return protect (self, coach, secret, NULL, error);
}

gboolean
jln_session_create_administrator_with_key (JlnSession  *self,
                                           JlnCoach    *coach,
                                           const char  *secret,
                                           GBytes      *key_file,
                                           const char  *key_passphrase,
                                           GError     **error)
{
  g_autoptr(JlnVaultKeys) imported = NULL;
  g_autoptr(GArray) awards = NULL;
  g_autoptr(GBytes) seed = NULL;

  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);
  g_return_val_if_fail (JLN_IS_COACH (coach), FALSE);
  g_return_val_if_fail (key_file != NULL && key_passphrase != NULL, FALSE);

  if ((awards = jln_store_list_award_ids (self->store, error)) == NULL)
    return FALSE;
  /* Badges already signed here name this database's own key: another
   * key from now on would leave them an issuer nobody knows. */
  if (awards->len > 0)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("This database already holds awards signed with its own key. Import "
                             "the key into a new database."));
      return FALSE;
    }
  if ((imported = jln_vault_keys_import (key_file, key_passphrase, error)) == NULL)
    return FALSE;
  seed = g_bytes_new (jln_vault_keys_get_seed (imported), JLN_OB_KEY_SEED_SIZE);
  return protect (self, coach, secret, seed, error);
}

static char *
format_time_of_day (GDateTime *utc)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%H:%M");
}

gboolean
jln_session_sign_in (JlnSession  *self,
                     gint64       coach_id,
                     const char  *secret,
                     GError     **error)
{
  g_autoptr(JlnKeyVault) vault = NULL;
  g_autoptr(JlnAccount) account = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) local_error = NULL;
  JlnVaultKeys *keys;
  JlnCoach *coach;

  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);

  if (!jln_store_get_key_vault (self->store, &vault, error))
    return FALSE;
  if (vault == NULL)
    {
      g_set_error_literal (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_NO_ACCOUNTS,
                           _("There are no accounts yet: create the administrator first."));
      return FALSE;
    }
  if ((account = jln_store_get_account (self->store, coach_id, error)) == NULL)
    return FALSE;
  if (account->locked_until != NULL && g_date_time_compare (account->locked_until, now) > 0)
    {
      g_autofree char *until = format_time_of_day (account->locked_until);

      g_set_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_LOCKED_OUT,
                   _("Too many wrong passphrases: this account is locked until %s. "
                     "Another coach or the administrator can help meanwhile."), until);
      return FALSE;
    }
  if (secret == NULL || !jln_vault_secret_matches (account->secret_hash, secret))
    {
      g_autoptr(GDateTime) locked_until = NULL;
      guint left;

      if (!jln_store_record_sign_in_failure (self->store, coach_id, JLN_SESSION_MAX_SIGN_IN_FAILURES,
                                             JLN_SESSION_LOCKOUT_MINUTES * G_TIME_SPAN_MINUTE, now,
                                             &locked_until, error))
        return FALSE;
      if (locked_until != NULL)
        {
          g_autofree char *until = format_time_of_day (locked_until);

          g_set_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_LOCKED_OUT,
                       _("Too many wrong passphrases: this account is locked until %s. "
                         "Another coach or the administrator can help meanwhile."), until);
          return FALSE;
        }
      left = JLN_SESSION_MAX_SIGN_IN_FAILURES - MIN (account->failed_sign_ins + 1,
                                                    JLN_SESSION_MAX_SIGN_IN_FAILURES - 1);
      g_set_error (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_WRONG_SECRET,
                   g_dngettext (GETTEXT_PACKAGE,
                                "This is not the passphrase. %u more wrong try locks the account for a while.",
                                "This is not the passphrase. %u more wrong tries lock the account for a while.",
                                left),
                   left);
      return FALSE;
    }
  if ((keys = jln_vault_open (vault, account, secret, error)) == NULL)
    return FALSE;
  coach = jln_store_lookup_coach (self->store, coach_id);
  if (coach == NULL)
    {
      jln_vault_keys_free (keys);
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("This coach is not in the database."));
      return FALSE;
    }
  if (!take_keys (self, keys, coach, account->role, error))
    return FALSE;
  /* The failures waiting since the last sign-in join the chain now. */
  if (!jln_store_record_sign_in (self->store, coach_id, &local_error))
    g_message ("The sign-in could not be journalled: %s", local_error->message);
  retry_status_list (self);
  return TRUE;
}

void
jln_session_lock (JlnSession *self)
{
  JlnRole before;

  g_return_if_fail (JLN_IS_SESSION (self));

  if (!self->protected)
    return;
  before = jln_session_get_role (self);
  jln_issuer_set_signing_key (self->issuer, NULL, NULL);
  jln_store_lock_audit (self->store);
  g_clear_pointer (&self->keys, jln_vault_keys_free);
  self->role = JLN_ROLE_NONE;
  if (self->coach == NULL && before == JLN_ROLE_NONE)
    return;
  g_clear_object (&self->coach);
  notify_who (self, before);
}

guint
jln_session_get_auto_lock_minutes (JlnSession *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_val_if_fail (JLN_IS_SESSION (self), 0);

  if (self->settings == NULL)
    return 0;
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, JLN_SESSION_AUTO_LOCK_KEY))
    return 0;
  return g_settings_get_uint (self->settings, JLN_SESSION_AUTO_LOCK_KEY);
}

gboolean
jln_session_add_account (JlnSession  *self,
                         JlnCoach    *coach,
                         JlnRole      role,
                         const char  *secret,
                         GError     **error)
{
  g_autoptr(JlnAccount) account = g_new0 (JlnAccount, 1);

  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);
  g_return_val_if_fail (JLN_IS_COACH (coach), FALSE);
  g_return_val_if_fail (role != JLN_ROLE_NONE, FALSE);

  if (!self->protected)
    {
      g_set_error_literal (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_NO_ACCOUNTS,
                           _("There are no accounts yet: create the administrator first."));
      return FALSE;
    }
  if (!require_role (self, JLN_ROLE_ADMIN, error) || !check_new_coach (self, coach, error))
    return FALSE;
  account->role = role;
  account->coach_id = jln_coach_get_id (coach);
  return jln_vault_keys_fill_slot (self->keys, secret, account, error)
         && jln_store_add_account (self->store, coach, account, self->actor, error);
}

gboolean
jln_session_set_account_secret (JlnSession  *self,
                                gint64       coach_id,
                                const char  *secret,
                                GError     **error)
{
  g_autoptr(JlnAccount) account = NULL;

  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);

  if (!require_role (self, JLN_ROLE_COACH, error))
    return FALSE;
  if (!self->protected)
    {
      g_set_error_literal (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_NO_ACCOUNTS,
                           _("There are no accounts yet: create the administrator first."));
      return FALSE;
    }
  if ((self->coach == NULL || jln_coach_get_id (self->coach) != coach_id)
      && !require_role (self, JLN_ROLE_ADMIN, error))
    return FALSE;
  if ((account = jln_store_get_account (self->store, coach_id, error)) == NULL)
    return FALSE;
  return jln_vault_keys_fill_slot (self->keys, secret, account, error)
         && jln_store_set_account_secret (self->store, account, self->actor, error);
}

GBytes *
jln_session_export_key (JlnSession  *self,
                        const char  *passphrase,
                        GError     **error)
{
  g_autoptr(GBytes) file = NULL;

  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);

  if (!require_role (self, JLN_ROLE_ADMIN, error))
    return NULL;
  if (!self->protected)
    {
      g_set_error_literal (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_NO_ACCOUNTS,
                           _("There are no accounts yet: create the administrator first."));
      return NULL;
    }
  if ((file = jln_vault_keys_export (self->keys, passphrase, error)) == NULL)
    return NULL;
  if (!jln_store_append_audit (self->store, self->actor, "organisation.key-export", "organisation",
                               NULL, error))
    return NULL;
  return g_steal_pointer (&file);
}

/* ------------------------------------------------------------------ */
/* object                                                             */

/* Publishes the revocation list when the database says it is behind;
 * keeps why it failed for the window (and clears it once it works). A
 * database that cannot be written is reported as such elsewhere. */
static void
retry_status_list (JlnSession *self)
{
  g_autoptr(GError) error = NULL;

  if (!jln_store_check_writable (self->store, NULL))
    return;
  g_clear_error (&self->status_list_error);
  if (!jln_issuer_publish_status_list_if_due (self->issuer, &error))
    {
      g_message ("The revocation list is due but could not be published: %s", error->message);
      self->status_list_error = g_steal_pointer (&error);
    }
}

static gboolean
jln_session_initable_init (GInitable     *initable,
                           GCancellable  *cancellable,
                           GError       **error)
{
  JlnSession *self = JLN_SESSION (initable);

  if (self->store == NULL)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_FAILED,
                           _("No database is open, so badges cannot be signed."));
      return FALSE;
    }
  if (self->settings != NULL)
    {
      g_autoptr(GSettingsSchema) schema = NULL;

      g_object_get (self->settings, "settings-schema", &schema, NULL);
      self->settings_have_coach = schema != NULL &&
                                  g_settings_schema_has_key (schema, JLN_SESSION_COACH_KEY);
      self->settings_have_retention = schema != NULL &&
                                      g_settings_schema_has_key (schema, JLN_SESSION_RETENTION_MONTHS_KEY);
      self->settings_have_backups = schema != NULL &&
                                    g_settings_schema_has_key (schema, JLN_SESSION_BACKUP_INTERVAL_KEY) &&
                                    g_settings_schema_has_key (schema, JLN_SESSION_BACKUPS_KEPT_KEY);
    }
  {
    g_autoptr(JlnKeyVault) vault = NULL;

    if (!jln_store_get_key_vault (self->store, &vault, error))
      return FALSE;
    self->protected = vault != NULL;
  }
  /* The coach first: the issuer's first-run writes (name, key) name them. */
  if (self->settings_have_coach)
    {
      g_signal_connect_object (self->settings, "changed::" JLN_SESSION_COACH_KEY,
                               G_CALLBACK (on_coach_key_changed), self, 0);
      load_coach_from_settings (self);
    }
  if ((self->issuer = jln_issuer_new (self->store, self->actor, error)) == NULL)
    return FALSE;
  self->exporter = jln_exporter_new (self->issuer);
  /* A revocation whose list never reached the file (a crash, a full
   * disk, another desk's lock) is published now (once someone signs in,
   * when the key is protected). */
  if (!self->protected)
    retry_status_list (self);

  /* Before the coach changes anything: the state the desk opened on. */
  if (self->settings_have_backups)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (!jln_session_make_scheduled_backup (self, now, NULL, &self->scheduled_backup_error))
        g_message ("The scheduled backup was not made: %s", self->scheduled_backup_error->message);
    }
  return TRUE;
}

static void
jln_session_initable_iface_init (GInitableIface *iface)
{
  iface->init = jln_session_initable_init;
}

static void
jln_session_dispose (GObject *object)
{
  JlnSession *self = JLN_SESSION (object);

  g_clear_object (&self->exporter);
  g_clear_object (&self->issuer);
  g_clear_object (&self->coach);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jln_session_parent_class)->dispose (object);
}

static void
jln_session_finalize (GObject *object)
{
  JlnSession *self = JLN_SESSION (object);

  g_clear_pointer (&self->keys, jln_vault_keys_free);
  g_clear_pointer (&self->desk_name, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_error (&self->scheduled_backup_error);
  g_clear_error (&self->status_list_error);
  g_clear_pointer (&self->scheduled_backup_path, g_free);

  G_OBJECT_CLASS (jln_session_parent_class)->finalize (object);
}

static void
jln_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  JlnSession *self = JLN_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ISSUER:
      g_value_set_object (value, self->issuer);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_COACH:
      g_value_set_object (value, self->coach);
      break;
    case PROP_DESK_NAME:
      g_value_set_string (value, self->desk_name);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    case PROP_ROLE:
      g_value_set_enum (value, jln_session_get_role (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_session_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  JlnSession *self = JLN_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_COACH:
      jln_session_set_coach (self, g_value_get_object (value));
      break;
    case PROP_DESK_NAME:
      jln_session_set_desk_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_session_class_init (JlnSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jln_session_dispose;
  object_class->finalize = jln_session_finalize;
  object_class->get_property = jln_session_get_property;
  object_class->set_property = jln_session_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, JLN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ISSUER] =
    g_param_spec_object ("issuer", NULL, NULL, JLN_TYPE_ISSUER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COACH] =
    g_param_spec_object ("coach", NULL, NULL, JLN_TYPE_COACH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESK_NAME] =
    g_param_spec_string ("desk-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, JLN_TYPE_ROLE, JLN_ROLE_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jln_session_init (JlnSession *self)
{
  self->desk_name = dup_account_name ();
  self->actor = dup_actor (self);
}

JlnSession *
jln_session_new (JlnStore   *store,
                 GSettings  *settings,
                 GError    **error)
{
  g_return_val_if_fail (JLN_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_initable_new (JLN_TYPE_SESSION, NULL, error,
                         "store", store,
                         "settings", settings,
                         NULL);
}

JlnSession *
jln_session_open (const char  *path,
                  GSettings   *settings,
                  GError     **error)
{
  g_autofree char *default_path = NULL;
  g_autoptr(JlnStore) store = NULL;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  if (path == NULL)
    path = default_path = jln_store_default_path ();
  if ((store = jln_store_open (path, error)) == NULL)
    return NULL;
  return jln_session_new (store, settings, error);
}

JlnStore *
jln_session_get_store (JlnSession *self)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);

  return self->store;
}

JlnIssuer *
jln_session_get_issuer (JlnSession *self)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);

  return self->issuer;
}

GSettings *
jln_session_get_settings (JlnSession *self)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);

  return self->settings;
}

const char *
jln_session_get_issuer_id (JlnSession *self)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);

  return jln_issuer_get_id (self->issuer);
}

/* ------------------------------------------------------------------ */
/* attachments: evidence copies and photos                            */

/* Removes the store's attachment at @path; anything else (a file the
 * coach picked elsewhere, an older layout's copy) is left alone. */
static void
remove_own_file (JlnSession *self,
                 const char *path)
{
  g_autofree char *name = jln_store_dup_attachment_name (self->store, path);
  g_autoptr(GError) error = NULL;

  if (name != NULL && !jln_store_remove_attachment (self->store, name, &error))
    g_warning ("Could not remove %s: %s", path, error->message);
}

static void
delete_copies (JlnSession *self,
               GPtrArray  *paths)
{
  for (guint i = 0; i < paths->len; i++)
    remove_own_file (self, g_ptr_array_index (paths, i));
}

/* Copies @files among the store's attachments (neutral names, 0600), all
 * or nothing: on error the copies already made are removed. */
static gboolean
copy_evidence (JlnSession  *self,
               GListModel  *files,
               GPtrArray   *copies,
               GError     **error)
{
  guint n = g_list_model_get_n_items (files);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autoptr(GFile) copy = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *stored = NULL;

      /* The file may have changed since it was added. */
      if (!jln_award_draft_check_evidence_file (file, &name, NULL, error))
        {
          delete_copies (self, copies);
          return FALSE;
        }
      if (!jln_store_add_attachment_file (self->store, file, name, &stored, &local_error)
          || (copy = jln_store_dup_attachment_file (self->store, stored, &local_error)) == NULL)
        {
          delete_copies (self, copies);
          g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                       _("The file “%s” could not be copied (%s). Nothing was awarded."),
                       name, local_error->message);
          return FALSE;
        }
      g_ptr_array_add (copies, g_file_get_path (copy));
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* use cases: awarding                                                */

JlnAwardDraft *
jln_session_new_award_draft (JlnSession  *self,
                             gint64       participant_id,
                             GError     **error)
{
  JlnParticipant *participant;
  g_autoptr(GListModel) awards = NULL;
  JlnAwardDraft *draft;

  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);

  if (!require_own_participant (self, participant_id, error))
    return NULL;

  participant = jln_store_lookup_participant (self->store, participant_id);
  if (participant == NULL)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("There is no such participant in the database."));
      return NULL;
    }
  if ((awards = jln_store_list_awards_for_participant (self->store, participant_id, error)) == NULL)
    return NULL;
  draft = jln_award_draft_new (participant, awards);
  jln_award_draft_set_needs_coach (draft, jln_session_asks_for_coach (self));
  return draft;
}

gboolean
jln_session_asks_for_coach (JlnSession *self)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);

  /* A protected desk credits whoever signed in; an open one with no coach
   * chosen in the preferences ("Ask each time") asks at every award. */
  return !jln_session_is_protected (self) && self->coach == NULL && self->settings != NULL;
}

/* Who an award is credited to: the coach at the desk (signed in, or chosen
 * in the preferences), else the one chosen for this award. Never the
 * participant's own coach by default: the history and the certificate say
 * "with <coach>", and that must be whoever awarded it. */
static gint64
awarding_coach_id (JlnSession    *self,
                   JlnAwardDraft *draft)
{
  if (self->coach != NULL)
    return jln_coach_get_id (self->coach);
  return jln_award_draft_get_coach_id (draft);
}

/* The award @draft describes, with its coach and its evidence copied
 * among the attachments (their paths added to @copies, which the caller
 * deletes if the award is not saved). The draft is left as it was: the
 * caller shows the error. */
static JlnAward *
prepare_award (JlnSession     *self,
               JlnAwardDraft  *draft,
               GPtrArray      *copies,
               GError        **error)
{
  g_autoptr(JlnAward) award = NULL;
  JlnParticipant *participant = jln_award_draft_get_participant (draft);
  guint first = copies->len;
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func (g_free);

  if (!require_own_participant (self, jln_participant_get_id (participant), error))
    return NULL;
  if ((award = jln_award_draft_build_award (draft, error)) == NULL)
    return NULL;
  if (!copy_evidence (self, jln_award_draft_get_evidence_files (draft), own, error))
    return NULL;

  jln_award_set_coach_id (award, awarding_coach_id (self, draft));
  if (own->len > 0)
    {
      GListModel *files = jln_award_draft_get_evidence_files (draft);
      g_autoptr(GPtrArray) shared = g_ptr_array_new ();

      /* The copies are in the draft's order: the marks follow them. */
      for (guint i = 0; i < own->len; i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          if (jln_award_draft_get_evidence_file_shared (draft, file))
            g_ptr_array_add (shared, g_ptr_array_index (own, i));
        }
      g_ptr_array_add (shared, NULL);
      jln_award_set_evidence_files_shared (award, (const char * const *) shared->pdata);
      g_ptr_array_add (own, NULL);
      jln_award_set_evidence_files (award, (const char * const *) own->pdata);
      g_ptr_array_remove_index (own, own->len - 1);
    }
  g_assert (first == copies->len);
  for (guint i = 0; i < own->len; i++)
    g_ptr_array_add (copies, g_strdup (g_ptr_array_index (own, i)));
  return g_steal_pointer (&award);
}

JlnAward *
jln_session_award (JlnSession     *self,
                   JlnAwardDraft  *draft,
                   GError        **error)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);
  g_return_val_if_fail (JLN_IS_AWARD_DRAFT (draft), NULL);

  if (!require_own_participant (self, jln_participant_get_id (jln_award_draft_get_participant (draft)),
                                &local_error))
    {
      jln_award_draft_set_failure (draft, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* A draft that cannot be confirmed already shows why. */
  if (!jln_award_draft_get_can_confirm (draft))
    return jln_award_draft_build_award (draft, error);
  if ((award = prepare_award (self, draft, copies, &local_error)) == NULL
      || !jln_issuer_award (self->issuer, award, self->actor, &local_error))
    {
      delete_copies (self, copies);
      jln_award_draft_set_failure (draft, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&award);
}

JlnGroupAward *
jln_session_new_group_award (JlnSession  *self,
                             gint64       badge_id,
                             GError     **error)
{
  GListModel *catalogue;
  JlnGroupAward *group;

  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);

  if (!require_role (self, JLN_ROLE_COACH, error))
    return NULL;
  catalogue = jln_store_get_badges (self->store);
  for (guint i = 0; i < g_list_model_get_n_items (catalogue); i++)
    {
      g_autoptr(JlnBadge) badge = g_list_model_get_item (catalogue, i);

      if (jln_badge_get_id (badge) != badge_id)
        continue;
      if (jln_badge_get_status (badge) != JLN_BADGE_STATUS_ACTIVE)
        break;
      group = jln_group_award_new (badge);
      jln_group_award_set_needs_coach (group, jln_session_asks_for_coach (self));
      return group;
    }
  g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                       _("This badge is not published, so it cannot be awarded."));
  return NULL;
}

gboolean
jln_session_group_award_add (JlnSession     *self,
                             JlnGroupAward  *group,
                             gint64          participant_id,
                             GError        **error)
{
  g_autoptr(JlnAwardDraft) draft = NULL;

  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);
  g_return_val_if_fail (JLN_IS_GROUP_AWARD (group), FALSE);

  /* Refused here, before the coach ticks anything for that person. */
  if (!require_own_participant (self, participant_id, error))
    return FALSE;
  if ((draft = jln_session_new_award_draft (self, participant_id, error)) == NULL)
    return FALSE;
  return jln_group_award_add_member (group, draft, error);
}

GPtrArray *
jln_session_award_group (JlnSession     *self,
                         JlnGroupAward  *group,
                         GError        **error)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) awards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  GListModel *members;
  guint n;

  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);
  g_return_val_if_fail (JLN_IS_GROUP_AWARD (group), NULL);

  if (!jln_group_award_get_can_confirm (group))
    {
      const char *problem = jln_group_award_get_problem (group);

      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           problem != NULL ? problem : _("This group award cannot be confirmed yet."));
      return NULL;
    }

  members = jln_group_award_get_members (group);
  n = g_list_model_get_n_items (members);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnAwardDraft) draft = g_list_model_get_item (members, i);
      JlnAward *award = prepare_award (self, draft, copies, &local_error);

      if (award == NULL)
        goto fail;
      g_ptr_array_add (awards, award);
    }
  /* One transaction: every credential signed and saved, or none. */
  if (!jln_issuer_award_group (self->issuer, (JlnAward * const *) awards->pdata, awards->len,
                               self->actor, &local_error))
    goto fail;
  return g_steal_pointer (&awards);

fail:
  delete_copies (self, copies);
  jln_group_award_set_failure (group, local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

gboolean
jln_session_undo_award (JlnSession  *self,
                        gint64       award_id,
                        GError     **error)
{
  return jln_session_undo_awards (self, &award_id, 1, error);
}

gboolean
jln_session_undo_awards (JlnSession    *self,
                         const gint64  *award_ids,
                         guint          n_awards,
                         GError       **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);
  g_return_val_if_fail (award_ids != NULL || n_awards == 0, FALSE);

  for (guint i = 0; i < n_awards; i++)
    {
      g_autoptr(JlnAward) award = NULL;
      const char * const *evidence;

      if ((award = jln_store_get_award (self->store, award_ids[i], error)) == NULL
          || !require_own_participant (self, jln_award_get_participant_id (award), error))
        return FALSE;
      evidence = jln_award_get_evidence_files (award);
      for (guint j = 0; evidence != NULL && evidence[j] != NULL; j++)
        g_ptr_array_add (files, g_strdup (evidence[j]));
    }
  if (!jln_store_undo_awards (self->store, award_ids, n_awards, self->actor, error))
    return FALSE;

  /* The awards never existed: neither do the copies made for them. Only
   * the store's own attachments are touched. */
  delete_copies (self, files);
  return TRUE;
}

gboolean
jln_session_revoke_award (JlnSession  *self,
                          gint64       award_id,
                          const char  *reason,
                          GError     **error)
{
  g_autofree char *clean = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);

  if (!require_own_award (self, award_id, error))
    return FALSE;
  clean = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  if (*clean == '\0')
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("Say why the badge is revoked: the reason is kept in the history."));
      return FALSE;
    }
  /* The store refuses unknown and already revoked awards; the issuer then
   * republishes the list verifiers read (with any earlier pending change). */
  if (!jln_issuer_revoke_award (self->issuer, award_id, clean, self->actor, &local_error))
    {
      if (g_error_matches (local_error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_IO))
        {
          g_clear_error (&self->status_list_error);
          self->status_list_error = g_error_copy (local_error);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&self->status_list_error);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* use cases: handing badges out                                      */

gboolean
jln_session_export_participant (JlnSession       *self,
                                gint64            participant_id,
                                JlnExportFormat   format,
                                const char       *dir,
                                gboolean          consent_confirmed,
                                GPtrArray       **out_paths,
                                GError          **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (!require_own_participant (self, participant_id, error))
    return FALSE;

  return jln_exporter_export_participant (self->exporter, participant_id, format, dir,
                                          consent_confirmed, out_paths, NULL, error);
}

gboolean
jln_session_export_personal_data (JlnSession  *self,
                                  gint64       participant_id,
                                  const char  *parent_dir,
                                  char       **out_dir,
                                  GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *subject = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);
  g_return_val_if_fail (parent_dir != NULL, FALSE);

  if (!require_role (self, JLN_ROLE_LEAD, error))
    return FALSE;

  if (!jln_access_export_write (self->issuer, participant_id, parent_dir, &dir, error))
    return FALSE;
  /* Personal data left the app: on record, or not at all. */
  subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT, participant_id);
  if (!jln_store_append_audit (self->store, self->actor, "participant.access-export",
                               subject, NULL, &local_error))
    {
      jln_access_export_discard (dir);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (out_dir != NULL)
    *out_dir = g_steal_pointer (&dir);
  return TRUE;
}

GBytes *
jln_session_issue_award (JlnSession  *self,
                         gint64       award_id,
                         GError     **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);

  if (!require_role (self, JLN_ROLE_COACH, error))
    return NULL;

  return jln_issuer_issue_award (self->issuer, award_id, error);
}

gboolean
jln_session_publish_status_list (JlnSession  *self,
                                 const char  *path,
                                 char       **out_path,
                                 GError     **error)
{
  g_autofree char *default_path = NULL;

  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);

  if (!require_role (self, JLN_ROLE_COACH, error))
    return FALSE;

  if (path == NULL)
    path = default_path = jln_issuer_dup_status_list_path (self->issuer);
  if (!jln_issuer_publish_status_list (self->issuer, path, error))
    return FALSE;
  if (default_path != NULL)
    g_clear_error (&self->status_list_error);
  if (out_path != NULL)
    *out_path = g_strdup (path);
  return TRUE;
}

const GError *
jln_session_get_status_list_error (JlnSession *self)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);

  return self->status_list_error;
}

/* ------------------------------------------------------------------ */
/* use cases: participants, badges, organisation                      */

gboolean
jln_session_add_participant (JlnSession      *self,
                             JlnParticipant  *participant,
                             GError         **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);
  g_return_val_if_fail (JLN_IS_PARTICIPANT (participant), FALSE);

  if (!require_role (self, JLN_ROLE_COACH, error))
    return FALSE;

  return jln_store_add_participant (self->store, participant, self->actor, error);
}

gboolean
jln_session_update_participant (JlnSession      *self,
                                JlnParticipant  *participant,
                                GError         **error)
{
  g_autoptr(JlnParticipant) before = NULL;
  g_autofree char *old_photo = NULL;

  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);
  g_return_val_if_fail (JLN_IS_PARTICIPANT (participant), FALSE);

  if (!require_own_participant (self, jln_participant_get_id (participant), error))
    return FALSE;

  /* Read before the write: the live object changes with it. */
  before = jln_store_get_participant (self->store, jln_participant_get_id (participant), NULL);
  old_photo = g_strdup (before ? jln_participant_get_photo_path (before) : NULL);
  if (!jln_store_update_participant (self->store, participant, self->actor, error))
    return FALSE;
  /* A replaced or removed photo of ours would only take room (and keep a
   * face the coach meant to drop). */
  if (old_photo != NULL && g_strcmp0 (old_photo, jln_participant_get_photo_path (participant)) != 0)
    remove_own_file (self, old_photo);
  return TRUE;
}

char *
jln_session_add_photo (JlnSession  *self,
                       GBytes      *png,
                       GError     **error)
{
  g_autofree char *stored = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);
  g_return_val_if_fail (png != NULL, NULL);

  if (!require_role (self, JLN_ROLE_COACH, error))
    return NULL;

  if (!jln_store_add_attachment (self->store, png, "photo.png", &stored, error)
      || (file = jln_store_dup_attachment_file (self->store, stored, error)) == NULL)
    return NULL;
  return g_file_get_path (file);
}

void
jln_session_discard_photo (JlnSession *self,
                           const char *path)
{
  g_return_if_fail (JLN_IS_SESSION (self));

  remove_own_file (self, path);
}

gboolean
jln_session_archive_participant (JlnSession  *self,
                                 gint64       participant_id,
                                 GError     **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);

  if (!require_own_participant (self, participant_id, error))
    return FALSE;

  return jln_store_archive_participant (self->store, participant_id, self->actor, error);
}

gboolean
jln_session_restore_participant (JlnSession  *self,
                                 gint64       participant_id,
                                 GError     **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);

  if (!require_own_participant (self, participant_id, error))
    return FALSE;
  return jln_store_restore_participant (self->store, participant_id, self->actor, error);
}

gboolean
jln_session_erase_participant (JlnSession  *self,
                               gint64       participant_id,
                               GError     **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);

  if (!require_role (self, JLN_ROLE_LEAD, error))
    return FALSE;

  return jln_store_erase_participant (self->store, participant_id, self->actor, error);
}

gboolean
jln_session_compact (JlnSession  *self,
                     GError     **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);

  if (!require_role (self, JLN_ROLE_COACH, error))
    return FALSE;

  return jln_store_compact (self->store, error);
}

GArray *
jln_session_list_erasure_candidates (JlnSession  *self,
                                     GDateTime   *now,
                                     GError     **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  return jln_store_list_erasure_candidates (self->store, jln_session_get_retention_months (self),
                                            now, error);
}

guint
jln_session_get_retention_months (JlnSession *self)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), 0);

  if (!self->settings_have_retention)
    return JLN_SESSION_DEFAULT_RETENTION_MONTHS;
  return g_settings_get_uint (self->settings, JLN_SESSION_RETENTION_MONTHS_KEY);
}

gboolean
jln_session_update_consents (JlnSession       *self,
                             gint64            participant_id,
                             JlnConsentFlags   consents,
                             GError          **error)
{
  g_autoptr(JlnParticipant) copy = NULL;

  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);

  if (!require_own_participant (self, participant_id, error))
    return FALSE;

  /* A fresh copy: the live object changes only once the file is saved. */
  if ((copy = jln_store_get_participant (self->store, participant_id, error)) == NULL)
    return FALSE;
  if (jln_participant_get_archived (copy))
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("There is no such participant in the database."));
      return FALSE;
    }
  jln_participant_set_consent_internal (copy, (consents & JLN_CONSENT_INTERNAL) != 0);
  jln_participant_set_consent_kiosk (copy, (consents & JLN_CONSENT_KIOSK) != 0);
  jln_participant_set_consent_print (copy, (consents & JLN_CONSENT_PRINT) != 0);
  jln_participant_set_consent_online (copy, (consents & JLN_CONSENT_ONLINE) != 0);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) today = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);

    /* They answered today: the choice is dated. */
    jln_participant_set_consents_answered_on (copy, today);
  }
  return jln_store_update_participant (self->store, copy, self->actor, error);
}

gboolean
jln_session_add_badge (JlnSession  *self,
                       JlnBadge    *badge,
                       GError     **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);
  g_return_val_if_fail (JLN_IS_BADGE (badge), FALSE);

  if (!require_badge_edit (self, badge, error))
    return FALSE;

  return jln_store_add_badge (self->store, badge, self->actor, error);
}

gboolean
jln_session_update_badge (JlnSession  *self,
                          JlnBadge    *badge,
                          GError     **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);
  g_return_val_if_fail (JLN_IS_BADGE (badge), FALSE);

  if (!require_badge_edit (self, badge, error))
    return FALSE;

  return jln_store_update_badge (self->store, badge, self->actor, error);
}

gboolean
jln_session_set_badge_status (JlnSession      *self,
                              gint64           badge_id,
                              JlnBadgeStatus   status,
                              GError         **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);

  if (!require_role (self, JLN_ROLE_LEAD, error))
    return FALSE;

  return jln_store_set_badge_status (self->store, badge_id, status, self->actor, error);
}

gboolean
jln_session_set_organisation_details (JlnSession  *self,
                                      const char  *name,
                                      const char  *url,
                                      const char  *email,
                                      const char  *public_base,
                                      GError     **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);

  if (!require_role (self, JLN_ROLE_ADMIN, error))
    return FALSE;

  return jln_store_update_organisation_details (self->store, name, url, email, public_base,
                                                self->actor, error);
}

/* ------------------------------------------------------------------ */
/* use cases: trust                                                   */

gboolean
jln_session_verify_audit (JlnSession  *self,
                          gint64      *out_first_broken_event_id,
                          guint64     *out_n_events,
                          GError     **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);

  return jln_store_verify_audit (self->store, out_first_broken_event_id, out_n_events, error);
}

/* ------------------------------------------------------------------ */
/* backups                                                            */

static guint
backups_kept (JlnSession *self)
{
  if (!self->settings_have_backups)
    return JLN_SESSION_DEFAULT_BACKUPS_KEPT;
  return MAX (1, g_settings_get_uint (self->settings, JLN_SESSION_BACKUPS_KEPT_KEY));
}

gboolean
jln_session_backup_now (JlnSession  *self,
                        char       **out_path,
                        GError     **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);

  if (!require_role (self, JLN_ROLE_ADMIN, error))
    return FALSE;

  return jln_store_backup (self->store, backups_kept (self), out_path, error);
}

GPtrArray *
jln_session_list_backups (JlnSession  *self,
                          GError     **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);

  return jln_store_list_backups (self->store, error);
}

gboolean
jln_session_make_scheduled_backup (JlnSession  *self,
                                   GDateTime   *now,
                                   gboolean    *out_made,
                                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  GTimeSpan interval;
  gboolean due;

  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (out_made != NULL)
    *out_made = FALSE;
  if (!self->settings_have_backups)
    return TRUE;
  interval = (GTimeSpan) g_settings_get_uint (self->settings, JLN_SESSION_BACKUP_INTERVAL_KEY)
             * G_TIME_SPAN_HOUR;
  if (interval <= 0)
    return TRUE;
  due = jln_store_backup_is_due (self->store, interval, now, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!due)
    return TRUE;
  /* A damaged database is not copied over a good backup's place: its
   * message (naming that backup) is what the coach gets. Asked only when
   * due: the answer waits for the integrity check started at open. */
  if (!jln_store_check_writable (self->store, error))
    return FALSE;
  if (!jln_store_backup (self->store, backups_kept (self), &path, error))
    return FALSE;
  g_free (self->scheduled_backup_path);
  self->scheduled_backup_path = g_steal_pointer (&path);
  if (out_made != NULL)
    *out_made = TRUE;
  return TRUE;
}

const char *
jln_session_get_scheduled_backup_path (JlnSession *self)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);

  return self->scheduled_backup_path;
}

const GError *
jln_session_get_scheduled_backup_error (JlnSession *self)
{
  g_return_val_if_fail (JLN_IS_SESSION (self), NULL);

  return self->scheduled_backup_error;
}

gboolean
jln_session_restore_backup (JlnSession  *self,
                            const char  *path,
                            char       **out_kept_path,
                            GError     **error)
{
  g_autoptr(JlnIssuer) issuer = NULL;

  g_return_val_if_fail (JLN_IS_SESSION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!require_role (self, JLN_ROLE_ADMIN, error))
    return FALSE;

  if (!jln_store_restore_backup (self->store, path, self->actor, out_kept_path, error))
    return FALSE;

  /* The organisation, its key and its accounts are the backup's now:
   * whoever restored signs in again if it has accounts. */
  {
    g_autoptr(JlnKeyVault) vault = NULL;
    JlnRole before = jln_session_get_role (self);

    if (!jln_store_get_key_vault (self->store, &vault, error))
      return FALSE;
    g_clear_pointer (&self->keys, jln_vault_keys_free);
    self->role = JLN_ROLE_NONE;
    self->protected = vault != NULL;
    if (self->protected)
      g_clear_object (&self->coach);
    if (jln_session_get_role (self) != before)
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
  }
  if ((issuer = jln_issuer_new (self->store, self->actor, error)) == NULL)
    return FALSE;
  jln_issuer_set_actor (issuer, self->actor);
  g_clear_object (&self->exporter);
  g_set_object (&self->issuer, issuer);
  self->exporter = jln_exporter_new (self->issuer);
  g_clear_error (&self->scheduled_backup_error);
  /* The store marked the list due: it now shows the restored file. */
  retry_status_list (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ISSUER]);

  /* The desk coach may not exist in the restored file. */
  if (self->coach != NULL
      && jln_store_lookup_coach (self->store, jln_coach_get_id (self->coach)) == NULL)
    jln_session_set_coach (self, NULL);
  else if (self->coach != NULL)
    {
      g_autoptr(JlnCoach) coach = NULL;

      /* The live objects were rebuilt: hold the new one. */
      coach = g_object_ref (jln_store_lookup_coach (self->store, jln_coach_get_id (self->coach)));
      g_set_object (&self->coach, coach);
      update_actor (self);
    }
  return TRUE;
}
