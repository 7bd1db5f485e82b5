/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "jln-credential.h"
#include "jln-multibase.h"
#include "jln-ob-date.h"
#include "jln-ob-error.h"
#include "jln-ob-json.h"
#include "jln-ob-key.h"
#include "jln-ob2.h"

/* ------------------------------------------------------------------ export */

static gboolean
key_is_safe (const char *key)
{
  if (key == NULL || key[0] == '\0' || strcmp (key, ".") == 0 || strcmp (key, "..") == 0)
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

char *
jln_ob2_url (const char *base_url, JlnOb2Kind kind, const char *key)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);

  if (!key_is_safe (key))
    return NULL;
  base = g_strdup (base_url);
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';

  switch (kind)
    {
    case JLN_OB2_ISSUER:
      return g_strdup_printf ("%s/issuers/%s.json", base, key);
    case JLN_OB2_BADGE_CLASS:
      return g_strdup_printf ("%s/badges/%s.json", base, key);
    case JLN_OB2_ASSERTION:
      return g_strdup_printf ("%s/assertions/%s.json", base, key);
    case JLN_OB2_REVOCATION_LIST:
      return g_strdup_printf ("%s/issuers/%s/revocations.json", base, key);
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
jln_ob2_hash_identity (const char *identity, const char *salt)
{
  g_autofree char *salted = NULL;
  g_autofree char *hex = NULL;

  g_return_val_if_fail (identity != NULL, NULL);

  salted = g_strconcat (identity, salt ? salt : "", NULL);
  hex = jln_ob_sha256_hex (salted);
  return g_strconcat ("sha256$", hex, NULL);
}

static gboolean
require (const char *value, const char *what, const char *field, GError **error)
{
  if (value != NULL && value[0] != '\0')
    return TRUE;
  g_debug ("OB 2.0 %s without %s", what, field);
  /* TRANSLATORS: %s is a JSON property name such as "url" or "image" */
  g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
               _("The Open Badges 2.0 export cannot be written: the “%s” field is missing."),
               field);
  return FALSE;
}

static char *
url_or_error (const char *base_url, JlnOb2Kind kind, const char *key, GError **error)
{
  char *url = jln_ob2_url (base_url, kind, key);

  if (url == NULL)
    g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                 _("“%s” cannot be used in a web address: use only letters, digits, “-”, “_” and “.”."),
                 key ? key : "");
  return url;
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_date (JsonBuilder *b, const char *name, GDateTime *when)
{
  g_autofree char *text = NULL;

  if (when == NULL)
    return;
  text = jln_ob_format_date_time (when);
  add_string (b, name, text);
}

static void
begin_document (JsonBuilder *b, const char *type, const char *id)
{
  json_builder_begin_object (b);
  add_string (b, "@context", JLN_OB2_CONTEXT);
  add_string (b, "type", type);
  add_string (b, "id", id);
}

JsonNode *
jln_ob2_build_issuer (const char          *base_url,
                      const JlnOb2Issuer  *issuer,
                      GError             **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *id = NULL, *revocations = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (issuer != NULL, NULL);

  if (!require (issuer->name, "issuer", "name", error)
      || !require (issuer->url, "issuer", "url", error))
    return NULL;
  if ((id = url_or_error (base_url, JLN_OB2_ISSUER, issuer->key, error)) == NULL)
    return NULL;
  revocations = jln_ob2_url (base_url, JLN_OB2_REVOCATION_LIST, issuer->key);

  begin_document (b, "Issuer", id);
  add_string (b, "name", issuer->name);
  add_string (b, "url", issuer->url);
  add_string (b, "email", issuer->email);
  add_string (b, "description", issuer->description);
  add_string (b, "image", issuer->image);
  add_string (b, "revocationList", revocations);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
jln_ob2_build_badge_class (const char              *base_url,
                           const JlnOb2BadgeClass  *badge,
                           const JlnOb2Issuer      *issuer,
                           GError                 **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *id = NULL, *issuer_id = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (badge != NULL, NULL);
  g_return_val_if_fail (issuer != NULL, NULL);

  if (!require (badge->name, "badge", "name", error)
      || !require (badge->description, "badge", "description", error)
      || !require (badge->image, "badge", "image", error))
    return NULL;
  if ((badge->criteria_narrative == NULL || badge->criteria_narrative[0] == '\0')
      && !require (badge->criteria_url, "badge", "criteria", error))
    return NULL;
  if ((id = url_or_error (base_url, JLN_OB2_BADGE_CLASS, badge->key, error)) == NULL
      || (issuer_id = url_or_error (base_url, JLN_OB2_ISSUER, issuer->key, error)) == NULL)
    return NULL;

  begin_document (b, "BadgeClass", id);
  add_string (b, "name", badge->name);
  add_string (b, "description", badge->description);
  add_string (b, "image", badge->image);
  json_builder_set_member_name (b, "criteria");
  json_builder_begin_object (b);
  add_string (b, "id", badge->criteria_url);
  add_string (b, "narrative", badge->criteria_narrative);
  json_builder_end_object (b);
  add_string (b, "issuer", issuer_id);
  if (badge->tags != NULL && badge->tags[0] != NULL)
    {
      json_builder_set_member_name (b, "tags");
      json_builder_begin_array (b);
      for (guint i = 0; badge->tags[i]; i++)
        json_builder_add_string_value (b, badge->tags[i]);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
jln_ob2_build_assertion (const char              *base_url,
                         const JlnOb2Assertion   *assertion,
                         const JlnOb2BadgeClass  *badge,
                         GError                 **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *id = NULL, *badge_id = NULL, *salt = NULL, *hash = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (assertion != NULL, NULL);
  g_return_val_if_fail (badge != NULL, NULL);

  if (!require (assertion->recipient, "assertion", "recipient", error))
    return NULL;
  if (assertion->issued_on == NULL)
    {
      require (NULL, "assertion", "issuedOn", error);
      return NULL;
    }
  if ((id = url_or_error (base_url, JLN_OB2_ASSERTION, assertion->key, error)) == NULL
      || (badge_id = url_or_error (base_url, JLN_OB2_BADGE_CLASS, badge->key, error)) == NULL)
    return NULL;

  if (assertion->salt != NULL)
    salt = g_strdup (assertion->salt);
  else
    {
      guint8 random[16];

      /* The salt keeps the hash from being matched against a list of
       * known addresses, so it must not be guessable. */
      jln_ob_crypto_init ();
      randombytes_buf (random, sizeof random);
      salt = jln_hex_encode (random, sizeof random);
    }
  hash = jln_ob2_hash_identity (assertion->recipient, salt);

  begin_document (b, "Assertion", id);
  json_builder_set_member_name (b, "recipient");
  json_builder_begin_object (b);
  add_string (b, "type", assertion->recipient_type ? assertion->recipient_type : "email");
  json_builder_set_member_name (b, "hashed");
  json_builder_add_boolean_value (b, TRUE);
  add_string (b, "salt", salt);
  add_string (b, "identity", hash);
  json_builder_end_object (b);
  add_string (b, "badge", badge_id);
  json_builder_set_member_name (b, "verification");
  json_builder_begin_object (b);
  add_string (b, "type", "hosted");
  json_builder_end_object (b);
  add_date (b, "issuedOn", assertion->issued_on);
  add_date (b, "expires", assertion->expires);
  add_string (b, "image", assertion->image);
  add_string (b, "narrative", assertion->narrative);
  if (assertion->evidence_url != NULL && assertion->evidence_url[0] != '\0')
    {
      json_builder_set_member_name (b, "evidence");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      add_string (b, "type", "Evidence");
      add_string (b, "id", assertion->evidence_url);
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
jln_ob2_build_revocation_list (const char              *base_url,
                               const JlnOb2Issuer      *issuer,
                               const JlnOb2Revocation  *revoked,
                               gsize                    n_revoked,
                               GError                 **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *id = NULL, *issuer_id = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (issuer != NULL, NULL);
  g_return_val_if_fail (revoked != NULL || n_revoked == 0, NULL);

  if ((id = url_or_error (base_url, JLN_OB2_REVOCATION_LIST, issuer->key, error)) == NULL
      || (issuer_id = url_or_error (base_url, JLN_OB2_ISSUER, issuer->key, error)) == NULL)
    return NULL;

  begin_document (b, "RevocationList", id);
  add_string (b, "issuer", issuer_id);
  json_builder_set_member_name (b, "revokedAssertions");
  json_builder_begin_array (b);
  for (gsize i = 0; i < n_revoked; i++)
    {
      g_autofree char *aid = url_or_error (base_url, JLN_OB2_ASSERTION,
                                           revoked[i].assertion_key, error);

      if (aid == NULL)
        return NULL;
      json_builder_begin_object (b);
      add_string (b, "id", aid);
      add_string (b, "revocationReason", revoked[i].reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ------------------------------------------------------------------ import */

void
jln_ob2_import_free (JlnOb2Import *import)
{
  if (import == NULL)
    return;
  g_free (import->assertion_id);
  g_free (import->badge_id);
  g_free (import->badge_name);
  g_free (import->badge_description);
  g_free (import->badge_image);
  g_free (import->criteria_url);
  g_free (import->criteria_narrative);
  g_free (import->issuer_id);
  g_free (import->issuer_name);
  g_free (import->issuer_url);
  g_free (import->issued_on);
  g_clear_pointer (&import->issued_on_date, g_date_time_unref);
  g_free (import->expires);
  g_free (import->recipient_type);
  g_free (import->recipient_identity);
  g_free (import->verification_type);
  g_free (import);
}

static char *
dup_string (JsonObject *obj, const char *name)
{
  return g_strdup (jln_ob_json_get_string (obj, name));
}

/* A property that is either an IRI or an object with an "id" (image,
 * criteria, badge, issuer…): returns the IRI, and the object if any. */
static const char *
get_ref (JsonObject *obj, const char *name, JsonObject **out_object)
{
  JsonObject *inner = jln_ob_json_get_object (obj, name);

  if (out_object)
    *out_object = inner;
  if (inner != NULL)
    return jln_ob_json_get_string (inner, "id");
  return jln_ob_json_get_string (obj, name);
}


static GDateTime *
parse_date (JsonObject *obj, const char *name, char **out_text)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *text;
  gint64 unix_time;
  char *end;

  *out_text = NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      unix_time = json_node_get_int (node);
      *out_text = g_strdup_printf ("%" G_GINT64_FORMAT, unix_time);
      return g_date_time_new_from_unix_utc (unix_time);
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  *out_text = g_strdup (text);

  /* OB 1.0 (older Moodle) wrote Unix times, sometimes as strings. */
  unix_time = g_ascii_strtoll (text, &end, 10);
  if (text[0] != '\0' && *end == '\0')
    return g_date_time_new_from_unix_utc (unix_time);
  if (strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);

      return g_date_time_new_from_iso8601 (midnight, utc);
    }
  return g_date_time_new_from_iso8601 (text, utc);
}

JlnOb2Import *
jln_ob2_import_assertion (JsonNode *assertion, GError **error)
{
  g_autoptr(JlnOb2Import) import = NULL;
  JsonObject *obj, *badge, *issuer, *criteria, *verification, *recipient;
  JsonNode *recipient_node, *revoked;
  g_autoptr(GDateTime) expires = NULL;
  const char *s;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (assertion == NULL || !JSON_NODE_HOLDS_OBJECT (assertion))
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
                           _("This Open Badges 2.0 assertion is not a JSON object."));
      return NULL;
    }
  obj = json_node_get_object (assertion);

  /* 2.0 says type "Assertion"; 1.0 had no type but a "uid" and "verify". */
  if (!jln_ob_json_has_type (obj, "Assertion")
      && g_strcmp0 (jln_ob_json_get_string (obj, "@type"), "Assertion") != 0
      && !(json_object_has_member (obj, "uid") && json_object_has_member (obj, "badge")))
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                           _("This is not an Open Badges 2.0 assertion (its type is not “Assertion”)."));
      return NULL;
    }
  if (!json_object_has_member (obj, "badge"))
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                           _("This Open Badges 2.0 assertion does not say which badge it awards."));
      return NULL;
    }

  import = g_new0 (JlnOb2Import, 1);

  verification = jln_ob_json_get_object (obj, "verification");
  if (verification == NULL)
    verification = jln_ob_json_get_object (obj, "verify");
  import->verification_type = dup_string (verification, "type");
  s = jln_ob_json_get_string (obj, "id");
  if (s == NULL)
    s = jln_ob_json_get_string (verification, "url");
  import->assertion_id = g_strdup (s);

  import->issued_on_date = parse_date (obj, "issuedOn", &import->issued_on);
  /* Only the text of "expires" is shown. */
  g_clear_pointer (&expires, g_date_time_unref);
  expires = parse_date (obj, "expires", &import->expires);

  recipient_node = json_object_get_member (obj, "recipient");
  recipient = jln_ob_json_get_object (obj, "recipient");
  if (recipient != NULL)
    {
      JsonNode *hashed = json_object_get_member (recipient, "hashed");

      import->recipient_type = dup_string (recipient, "type");
      import->recipient_identity = dup_string (recipient, "identity");
      import->recipient_hashed = hashed != NULL && JSON_NODE_HOLDS_VALUE (hashed)
                                 && json_node_get_value_type (hashed) == G_TYPE_BOOLEAN
                                 && json_node_get_boolean (hashed);
    }
  else if (recipient_node != NULL && JSON_NODE_HOLDS_VALUE (recipient_node)
           && json_node_get_value_type (recipient_node) == G_TYPE_STRING)
    {
      /* 0.5/1.0: a bare "sha256$…" or an address */
      s = json_node_get_string (recipient_node);
      import->recipient_identity = g_strdup (s);
      import->recipient_hashed = g_str_has_prefix (s, "sha256$") || g_str_has_prefix (s, "md5$");
    }
  if (import->recipient_identity != NULL && !import->recipient_hashed
      && (g_str_has_prefix (import->recipient_identity, "sha256$")
          || g_str_has_prefix (import->recipient_identity, "md5$")))
    import->recipient_hashed = TRUE;

  revoked = json_object_get_member (obj, "revoked");
  import->revoked = revoked != NULL && JSON_NODE_HOLDS_VALUE (revoked)
                    && json_node_get_value_type (revoked) == G_TYPE_BOOLEAN
                    && json_node_get_boolean (revoked);

  import->badge_id = g_strdup (get_ref (obj, "badge", &badge));
  if (badge != NULL)
    {
      import->badge_name = dup_string (badge, "name");
      import->badge_description = dup_string (badge, "description");
      import->badge_image = g_strdup (get_ref (badge, "image", NULL));
      import->criteria_url = g_strdup (get_ref (badge, "criteria", &criteria));
      import->criteria_narrative = dup_string (criteria, "narrative");
      import->issuer_id = g_strdup (get_ref (badge, "issuer", &issuer));
      import->issuer_name = dup_string (issuer, "name");
      import->issuer_url = dup_string (issuer, "url");
    }
  /* The baked image is the assertion's own image when the badge is remote. */
  s = get_ref (obj, "image", NULL);
  if (s != NULL && import->badge_image == NULL)
    import->badge_image = g_strdup (s);

  return g_steal_pointer (&import);
}

JlnOb2Import *
jln_ob2_import_baked (const JlnBakedCredential *baked, GError **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (baked != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (jln_baked_credential_is_url (baked))
    {
      JlnOb2Import *import = g_new0 (JlnOb2Import, 1);

      import->assertion_id = g_strstrip (g_strdup (baked->payload));
      import->verification_type = g_strdup ("hosted");
      import->needs_network = TRUE;
      return import;
    }

  /* The payload comes from an image anyone can hand over: through the strict
   * front door, which refuses what json-glib would not hold exactly. */
  root = jln_ob_parse_json (baked->payload, -1, error);
  if (root == NULL)
    return NULL;
  return jln_ob2_import_assertion (root, error);
}
