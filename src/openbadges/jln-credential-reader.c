/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include "jln-credential-reader.h"
#include "jln-ob-json.h"

static void
evidence_free (JlnCredentialDetailsEvidence *evidence)
{
  g_free (evidence->id);
  g_free (evidence->name);
  g_free (evidence->description);
  g_free (evidence->narrative);
  g_free (evidence->genre);
  g_free (evidence);
}

void
jln_credential_details_free (JlnCredentialDetails *d)
{
  if (d == NULL)
    return;
  g_free (d->id);
  g_free (d->name);
  g_free (d->description);
  g_free (d->issuer_id);
  g_free (d->issuer_name);
  g_free (d->issuer_url);
  g_free (d->issuer_email);
  g_free (d->achievement_id);
  g_free (d->achievement_name);
  g_free (d->achievement_description);
  g_free (d->achievement_type);
  g_free (d->criteria_id);
  g_free (d->criteria_narrative);
  g_free (d->image);
  g_free (d->valid_from);
  g_free (d->valid_until);
  g_free (d->status_list);
  g_free (d->status_index);
  g_free (d->status_purpose);
  g_free (d->recipient_type);
  g_free (d->recipient_identity);
  g_free (d->recipient_salt);
  g_clear_pointer (&d->evidence, g_ptr_array_unref);
  g_free (d);
}

static char *
dup_member (JsonObject *object, const char *member)
{
  return g_strdup (jln_ob_json_get_string (object, member));
}

/* @member as an object, or the first object of a list of them. */
static JsonObject *
first_object (JsonObject *holder, const char *member)
{
  JsonObject *object = jln_ob_json_get_object (holder, member);
  JsonArray *array;

  if (object != NULL)
    return object;
  array = jln_ob_json_get_array (holder, member);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (e))
        return json_node_get_object (e);
    }
  return NULL;
}

/* "image" is an Image object with an id, or (older badges) a string. */
static char *
dup_image (JsonObject *holder)
{
  JsonObject *image = jln_ob_json_get_object (holder, "image");

  if (image != NULL)
    return dup_member (image, "id");
  return dup_member (holder, "image");
}

static void
read_recipient (JlnCredentialDetails *d, JsonObject *subject)
{
  JsonObject *identifier = first_object (subject, "identifier");
  JsonNode *hashed;

  if (identifier == NULL || jln_ob_json_get_string (identifier, "identityHash") == NULL)
    return;
  d->has_recipient = TRUE;
  d->recipient_identity = dup_member (identifier, "identityHash");
  d->recipient_type = dup_member (identifier, "identityType");
  d->recipient_salt = dup_member (identifier, "salt");
  /* Hashed unless it says, as a boolean, that it is not. */
  hashed = json_object_get_member (identifier, "hashed");
  d->recipient_hashed = hashed == NULL || !JSON_NODE_HOLDS_VALUE (hashed) ||
                        json_node_get_value_type (hashed) != G_TYPE_BOOLEAN ||
                        json_node_get_boolean (hashed);
}

static void
read_evidence (JlnCredentialDetails *d, JsonObject *credential)
{
  JsonArray *array = jln_ob_json_get_array (credential, "evidence");
  JsonObject *single = jln_ob_json_get_object (credential, "evidence");
  guint n = array ? json_array_get_length (array) : single ? 1 : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *e = single;
      JlnCredentialDetailsEvidence *evidence;

      if (array != NULL)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          e = json_node_get_object (node);
        }
      evidence = g_new0 (JlnCredentialDetailsEvidence, 1);
      evidence->id = dup_member (e, "id");
      evidence->name = dup_member (e, "name");
      evidence->description = dup_member (e, "description");
      evidence->narrative = dup_member (e, "narrative");
      evidence->genre = dup_member (e, "genre");
      g_ptr_array_add (d->evidence, evidence);
    }
}

JlnCredentialDetails *
jln_credential_read_details (JsonNode *node)
{
  JlnCredentialDetails *d;
  JsonObject *credential, *issuer, *subject, *achievement, *criteria, *status;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  credential = json_node_get_object (node);
  d = g_new0 (JlnCredentialDetails, 1);
  d->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) evidence_free);

  d->id = dup_member (credential, "id");
  d->name = dup_member (credential, "name");
  d->description = dup_member (credential, "description");

  issuer = jln_ob_json_get_object (credential, "issuer");
  d->issuer_id = issuer ? dup_member (issuer, "id") : dup_member (credential, "issuer");
  d->issuer_name = dup_member (issuer, "name");
  d->issuer_url = dup_member (issuer, "url");
  d->issuer_email = dup_member (issuer, "email");

  subject = first_object (credential, "credentialSubject");
  achievement = jln_ob_json_get_object (subject, "achievement");
  d->achievement_id = dup_member (achievement, "id");
  d->achievement_name = dup_member (achievement, "name");
  d->achievement_description = dup_member (achievement, "description");
  d->achievement_type = dup_member (achievement, "achievementType");
  criteria = jln_ob_json_get_object (achievement, "criteria");
  d->criteria_id = dup_member (criteria, "id");
  d->criteria_narrative = dup_member (criteria, "narrative");
  d->image = achievement ? dup_image (achievement) : NULL;
  if (d->image == NULL)
    d->image = dup_image (credential);

  d->valid_from = dup_member (credential, "validFrom");
  if (d->valid_from == NULL)
    d->valid_from = dup_member (credential, "issuanceDate");
  d->valid_until = dup_member (credential, "validUntil");
  if (d->valid_until == NULL)
    d->valid_until = dup_member (credential, "expirationDate");

  status = first_object (credential, "credentialStatus");
  d->status_list = dup_member (status, "statusListCredential");
  d->status_index = dup_member (status, "statusListIndex");
  d->status_purpose = dup_member (status, "statusPurpose");

  read_recipient (d, subject);
  read_evidence (d, credential);
  return d;
}

gboolean
jln_credential_details_uses_status_list (const JlnCredentialDetails *details,
                                         JsonNode                   *status_list)
{
  const char *id;

  if (details == NULL || details->status_list == NULL ||
      status_list == NULL || !JSON_NODE_HOLDS_OBJECT (status_list))
    return FALSE;
  id = jln_ob_json_get_string (json_node_get_object (status_list), "id");
  return id != NULL && g_str_equal (id, details->status_list);
}
