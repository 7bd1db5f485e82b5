/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "jln-credential.h"
#include "jln-ob-error.h"
#include "jln-multibase.h"
#include "jln-ob-date.h"
#include "jln-ob-json.h"
#include "jln-ob-key.h"
#include "jln-proof.h"

static gboolean
present (const char *s)
{
  return s != NULL && s[0] != '\0';
}

static void
set_opt (JsonBuilder *b, const char *name, const char *value)
{
  if (!present (value))
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
set_str (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
set_type_array (JsonBuilder *b, const char *first, ...)
{
  va_list args;
  const char *t;

  json_builder_set_member_name (b, "type");
  json_builder_begin_array (b);
  va_start (args, first);
  for (t = first; t != NULL; t = va_arg (args, const char *))
    json_builder_add_string_value (b, t);
  va_end (args);
  json_builder_end_array (b);
}

static void
add_image (JsonBuilder *b, const JlnCredentialImage *image)
{
  if (!present (image->id))
    return;
  json_builder_set_member_name (b, "image");
  json_builder_begin_object (b);
  set_str (b, "id", image->id);
  /* "type": "Image" brings the scoped context that defines "caption". */
  set_str (b, "type", "Image");
  set_opt (b, "caption", image->caption);
  json_builder_end_object (b);
}

char *
jln_credential_new_salt (void)
{
  guint8 random[16];

  /* Not guessable: the salt is what keeps the hash from being matched
   * against a list of known addresses. */
  jln_ob_crypto_init ();
  randombytes_buf (random, sizeof random);
  return jln_hex_encode (random, sizeof random);
}

char *
jln_credential_hash_identity (const char *identity, const char *salt)
{
  g_autofree char *normalised = NULL;
  g_autofree char *salted = NULL;
  g_autofree char *hex = NULL;

  g_return_val_if_fail (identity != NULL, NULL);

  normalised = g_strstrip (g_strdup (identity));
  /* E-mail addresses are compared case-insensitively by people; hashing the
   * lower-cased form lets a verifier match what the participant types. */
  if (strchr (normalised, '@') != NULL)
    {
      char *lower = g_ascii_strdown (normalised, -1);

      g_free (normalised);
      normalised = lower;
    }
  salted = g_strconcat (normalised, salt ? salt : "", NULL);
  hex = jln_ob_sha256_hex (salted);
  return g_strconcat ("sha256$", hex, NULL);
}

static gboolean
require (const char *value, const char *field, GError **error)
{
  if (present (value))
    return TRUE;
  g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
               _("The badge cannot be issued: “%s” is missing."), field);
  return FALSE;
}

JsonNode *
jln_credential_build (const JlnCredentialInput *in, GError **error)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *valid_from = NULL;
  g_autofree char *valid_until = NULL;

  g_return_val_if_fail (in != NULL, NULL);

  if (!require (in->id, "id", error) ||
      !require (in->name, "name", error) ||
      !require (in->issuer.id, "issuer.id", error) ||
      !require (in->issuer.name, "issuer.name", error) ||
      !require (in->recipient.identity_hash, "recipient.identityHash", error) ||
      !require (in->recipient.identity_type, "recipient.identityType", error) ||
      !require (in->achievement.id, "achievement.id", error) ||
      !require (in->achievement.name, "achievement.name", error) ||
      !require (in->achievement.description, "achievement.description", error) ||
      !require (in->achievement.criteria_narrative, "achievement.criteria.narrative", error))
    return NULL;
  if (in->valid_from == NULL)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                   _("The badge cannot be issued: “%s” is missing."), "validFrom");
      return NULL;
    }
  if (!g_str_has_prefix (in->recipient.identity_hash, "sha256$"))
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                   _("The badge cannot be issued: the recipient’s identity must be hashed (sha256$…)."));
      return NULL;
    }
  if (in->valid_until != NULL && g_date_time_compare (in->valid_until, in->valid_from) < 0)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                   _("The badge cannot be issued: it would expire before it becomes valid."));
      return NULL;
    }
  for (gsize i = 0; i < in->achievement.n_alignments; i++)
    if (!require (in->achievement.alignments[i].target_name, "alignment.targetName", error) ||
        !require (in->achievement.alignments[i].target_url, "alignment.targetUrl", error))
      return NULL;
  for (gsize i = 0; i < in->n_evidence; i++)
    if (!present (in->evidence[i].narrative) && !present (in->evidence[i].name) &&
        !present (in->evidence[i].id))
      {
        g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                     _("The badge cannot be issued: a piece of evidence is empty."));
        return NULL;
      }

  valid_from = jln_ob_format_date_time (in->valid_from);
  if (in->valid_until)
    valid_until = jln_ob_format_date_time (in->valid_until);

  b = json_builder_new ();
  json_builder_begin_object (b);

  json_builder_set_member_name (b, "@context");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, JLN_CONTEXT_CREDENTIALS_V2);
  json_builder_add_string_value (b, JLN_CONTEXT_OB_V3P0);
  json_builder_end_array (b);

  set_str (b, "id", in->id);
  set_type_array (b, "VerifiableCredential", "OpenBadgeCredential", NULL);

  json_builder_set_member_name (b, "issuer");
  json_builder_begin_object (b);
  set_str (b, "id", in->issuer.id);
  set_type_array (b, "Profile", NULL);
  set_str (b, "name", in->issuer.name);
  set_opt (b, "url", in->issuer.url);
  set_opt (b, "email", in->issuer.email);
  add_image (b, &in->issuer.image);
  json_builder_end_object (b);

  set_str (b, "validFrom", valid_from);
  set_opt (b, "validUntil", valid_until);
  set_str (b, "name", in->name);

  json_builder_set_member_name (b, "credentialSubject");
  json_builder_begin_object (b);
  set_type_array (b, "AchievementSubject", NULL);

  json_builder_set_member_name (b, "identifier");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  set_str (b, "type", "IdentityObject");
  json_builder_set_member_name (b, "hashed");
  json_builder_add_boolean_value (b, TRUE);
  set_str (b, "identityHash", in->recipient.identity_hash);
  set_str (b, "identityType", in->recipient.identity_type);
  set_opt (b, "salt", in->recipient.salt);
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "achievement");
  json_builder_begin_object (b);
  set_str (b, "id", in->achievement.id);
  set_type_array (b, "Achievement", NULL);
  set_str (b, "achievementType", "Badge");
  set_str (b, "name", in->achievement.name);
  set_str (b, "description", in->achievement.description);
  json_builder_set_member_name (b, "criteria");
  json_builder_begin_object (b);
  set_str (b, "narrative", in->achievement.criteria_narrative);
  json_builder_end_object (b);
  add_image (b, &in->achievement.image);
  set_opt (b, "inLanguage", in->achievement.in_language);
  set_opt (b, "version", in->achievement.version);
  if (in->achievement.tags != NULL)
    {
      gboolean any = FALSE;

      for (gsize i = 0; in->achievement.tags[i] != NULL; i++)
        {
          if (!present (in->achievement.tags[i]))
            continue;
          if (!any)
            {
              json_builder_set_member_name (b, "tag");
              json_builder_begin_array (b);
              any = TRUE;
            }
          json_builder_add_string_value (b, in->achievement.tags[i]);
        }
      if (any)
        json_builder_end_array (b);
    }
  if (in->achievement.n_alignments > 0)
    {
      json_builder_set_member_name (b, "alignment");
      json_builder_begin_array (b);
      for (gsize i = 0; i < in->achievement.n_alignments; i++)
        {
          const JlnCredentialAlignment *a = &in->achievement.alignments[i];

          json_builder_begin_object (b);
          set_type_array (b, "Alignment", NULL);
          set_str (b, "targetName", a->target_name);
          set_str (b, "targetUrl", a->target_url);
          set_opt (b, "targetDescription", a->target_description);
          set_opt (b, "targetFramework", a->target_framework);
          set_opt (b, "targetCode", a->target_code);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b); /* achievement */
  json_builder_end_object (b); /* credentialSubject */

  if (in->n_evidence > 0)
    {
      json_builder_set_member_name (b, "evidence");
      json_builder_begin_array (b);
      for (gsize i = 0; i < in->n_evidence; i++)
        {
          json_builder_begin_object (b);
          set_opt (b, "id", in->evidence[i].id);
          set_type_array (b, "Evidence", NULL);
          set_opt (b, "name", in->evidence[i].name);
          set_opt (b, "narrative", in->evidence[i].narrative);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  if (present (in->status.list_credential))
    {
      g_autofree char *index = g_strdup_printf ("%" G_GUINT64_FORMAT, in->status.index);
      g_autofree char *id = g_strdup_printf ("%s#%s", in->status.list_credential, index);

      json_builder_set_member_name (b, "credentialStatus");
      json_builder_begin_object (b);
      set_str (b, "id", id);
      set_str (b, "type", "BitstringStatusListEntry");
      set_str (b, "statusPurpose", "revocation");
      set_str (b, "statusListIndex", index);
      set_str (b, "statusListCredential", in->status.list_credential);
      json_builder_end_object (b);
    }

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
jln_credential_issue (const JlnCredentialInput *input,
                      JlnObKey                 *key,
                      const char               *verification_method,
                      GDateTime                *created,
                      GError                  **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  root = jln_credential_build (input, error);
  if (root == NULL)
    return NULL;
  if (!jln_proof_add (json_node_get_object (root), key, verification_method, created, error))
    return NULL;

  return jln_ob_json_write (root, FALSE, error);
}
