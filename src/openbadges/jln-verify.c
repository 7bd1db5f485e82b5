#define G_LOG_DOMAIN "jln-ob"

#include <glib/gi18n.h>
#include <string.h>

#include "jln-bake.h"
#include "jln-credential.h"
#include "jln-multibase.h"
#include "jln-ob-error.h"
#include "jln-status-list.h"
#include "jln-verify.h"

#define MAX_JSON_DEPTH JLN_OB_JSON_MAX_DEPTH

void
jln_verify_report_free (JlnVerifyReport *report)
{
  if (report == NULL)
    return;
  g_free (report->error);
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->proof, jln_proof_result_free);
  g_free (report->valid_from);
  g_free (report->valid_until);
  g_free (report->status_message);
  g_free (report->issuer_id);
  g_free (report->issuer_name);
  g_free (report->credential_id);
  g_free (report->achievement_name);
  g_free (report);
}

static JlnVerifyReport *
report_new (void)
{
  JlnVerifyReport *report = g_new0 (JlnVerifyReport, 1);

  report->problems = g_ptr_array_new_with_free_func (g_free);
  report->verdict = JLN_VERIFY_INVALID;
  report->dates = JLN_VERIFY_DATES_INVALID;
  return report;
}

static const char *
str_member (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
obj_member (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* "type" may be a string or an array of strings. */
static gboolean
has_type (JsonObject *object, const char *type)
{
  JsonNode *node = object ? json_object_get_member (object, "type") : NULL;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_str_equal (json_node_get_string (node), type);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING &&
              g_str_equal (json_node_get_string (e), type))
            return TRUE;
        }
    }
  return FALSE;
}

static void
problem (JlnVerifyReport *report, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
problem (JlnVerifyReport *report, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (report->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static gboolean
has_null (JsonNode *node, int depth)
{
  if (node == NULL || depth > MAX_JSON_DEPTH)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        if (has_null (value, depth + 1))
          return TRUE;
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (has_null (json_array_get_element (array, i), depth + 1))
          return TRUE;
    }
  return FALSE;
}

static int
guess_version (JsonObject *credential)
{
  JsonNode *context = json_object_get_member (credential, "@context");
  JsonArray *array;

  if (context && JSON_NODE_HOLDS_VALUE (context) &&
      json_node_get_value_type (context) == G_TYPE_STRING)
    {
      const char *c = json_node_get_string (context);

      if (g_str_equal (c, "https://w3id.org/openbadges/v2") ||
          g_str_equal (c, "https://openbadgespec.org/v2/context.json"))
        return 2;
    }
  if (has_type (credential, "Assertion"))
    return 2;
  if (context && JSON_NODE_HOLDS_ARRAY (context))
    {
      array = json_node_get_array (context);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING &&
              g_str_equal (json_node_get_string (e), "https://w3id.org/openbadges/v2"))
            return 2;
        }
    }
  return 3;
}

static void
check_shape (JlnVerifyReport *report, JsonObject *credential)
{
  JsonNode *context = json_object_get_member (credential, "@context");
  JsonObject *issuer, *subject, *achievement;
  gboolean ob_context = FALSE;

  if (context == NULL || !JSON_NODE_HOLDS_ARRAY (context) ||
      json_array_get_length (json_node_get_array (context)) == 0)
    problem (report, "%s", _("“@context” must be a list starting with the Verifiable Credentials context."));
  else
    {
      JsonArray *array = json_node_get_array (context);
      const char *first = NULL;
      JsonNode *e0 = json_array_get_element (array, 0);

      if (JSON_NODE_HOLDS_VALUE (e0) && json_node_get_value_type (e0) == G_TYPE_STRING)
        first = json_node_get_string (e0);
      if (first == NULL || (!g_str_equal (first, JLN_CONTEXT_CREDENTIALS_V2) &&
                            !g_str_equal (first, "https://www.w3.org/2018/credentials/v1")))
        problem (report, "%s", _("“@context” must start with the Verifiable Credentials context."));
      for (guint i = 1; i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING &&
              g_str_has_prefix (json_node_get_string (e), "https://purl.imsglobal.org/spec/ob/v3p0/context"))
            ob_context = TRUE;
        }
      if (!ob_context)
        problem (report, "%s", _("“@context” does not include the Open Badges 3.0 context."));
    }

  if (!has_type (credential, "VerifiableCredential"))
    problem (report, "%s", _("“type” must include VerifiableCredential."));
  if (!has_type (credential, "OpenBadgeCredential") && !has_type (credential, "AchievementCredential"))
    problem (report, "%s", _("“type” must include OpenBadgeCredential."));
  if (str_member (credential, "id") == NULL)
    problem (report, "%s", _("The credential has no “id”."));
  if (str_member (credential, "name") == NULL)
    problem (report, "%s", _("The credential has no “name”."));

  issuer = obj_member (credential, "issuer");
  if (issuer == NULL)
    problem (report, "%s", _("The issuer must be a profile with an id, a type and a name."));
  else
    {
      if (str_member (issuer, "id") == NULL)
        problem (report, "%s", _("The issuer has no “id”."));
      if (!has_type (issuer, "Profile"))
        problem (report, "%s", _("The issuer’s “type” must include Profile."));
      if (str_member (issuer, "name") == NULL)
        problem (report, "%s", _("The issuer has no “name”."));
    }

  subject = obj_member (credential, "credentialSubject");
  if (subject == NULL)
    problem (report, "%s", _("The credential has no “credentialSubject”."));
  else
    {
      if (!has_type (subject, "AchievementSubject"))
        problem (report, "%s", _("The subject’s “type” must include AchievementSubject."));
      achievement = obj_member (subject, "achievement");
      if (achievement == NULL)
        problem (report, "%s", _("The subject has no “achievement”."));
      else
        {
          if (str_member (achievement, "id") == NULL)
            problem (report, "%s", _("The achievement has no “id”."));
          if (!has_type (achievement, "Achievement"))
            problem (report, "%s", _("The achievement’s “type” must include Achievement."));
          if (str_member (achievement, "name") == NULL)
            problem (report, "%s", _("The achievement has no “name”."));
          if (str_member (achievement, "description") == NULL)
            problem (report, "%s", _("The achievement has no “description”."));
          if (obj_member (achievement, "criteria") == NULL)
            problem (report, "%s", _("The achievement has no “criteria”."));
        }
    }

  if (has_null (json_object_get_member (credential, "credentialSubject"), 0) ||
      has_null (json_object_get_member (credential, "issuer"), 0))
    problem (report, "%s", _("The credential contains empty (null) values."));
}

static GDateTime *
parse_date (const char *text)
{
  if (text == NULL)
    return NULL;
  return g_date_time_new_from_iso8601 (text, NULL);
}

static void
check_dates (JlnVerifyReport *report, JsonObject *credential, GDateTime *now)
{
  const char *from_text = str_member (credential, "validFrom");
  const char *until_text = str_member (credential, "validUntil");
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;

  if (from_text == NULL)
    from_text = str_member (credential, "issuanceDate");
  if (until_text == NULL)
    until_text = str_member (credential, "expirationDate");
  report->valid_from = g_strdup (from_text);
  report->valid_until = g_strdup (until_text);

  from = parse_date (from_text);
  until = parse_date (until_text);
  if (from == NULL || (until_text != NULL && until == NULL))
    {
      report->dates = JLN_VERIFY_DATES_INVALID;
      problem (report, "%s", _("The validity dates are missing or not real dates."));
      return;
    }
  if (g_date_time_compare (now, from) < 0)
    report->dates = JLN_VERIFY_DATES_NOT_YET_VALID;
  else if (until != NULL && g_date_time_compare (now, until) > 0)
    report->dates = JLN_VERIFY_DATES_EXPIRED;
  else
    report->dates = JLN_VERIFY_DATES_OK;
}

gboolean
jln_verify_status_bit (const char *encoded_list, guint64 index,
                       gboolean *out_bit, GError **error)
{
  g_autoptr(JlnStatusList) list = jln_status_list_decode (encoded_list, error);

  if (list == NULL)
    return FALSE;
  if (index >= jln_status_list_get_n_bits (list))
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                   _("The status list is shorter than this badge’s position in it."));
      return FALSE;
    }
  *out_bit = jln_status_list_is_set (list, (guint) index);
  return TRUE;
}

static void
check_status (JlnVerifyReport *report, JsonObject *credential, const JlnVerifyOptions *options)
{
  JsonObject *status = obj_member (credential, "credentialStatus");
  const char *list_url, *index_text, *purpose, *encoded, *list_id;
  g_autoptr(JlnProofResult) list_proof = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *list, *subject;
  guint64 index;
  gboolean bit = FALSE;
  char *end = NULL;

  if (status == NULL)
    {
      report->status = JLN_VERIFY_STATUS_NONE;
      return;
    }
  list_url = str_member (status, "statusListCredential");
  index_text = str_member (status, "statusListIndex");
  purpose = str_member (status, "statusPurpose");
  if (!has_type (status, "BitstringStatusListEntry") || list_url == NULL || index_text == NULL)
    {
      report->status = JLN_VERIFY_STATUS_UNKNOWN;
      report->status_message = g_strdup (_("The badge’s revocation status is of a kind that cannot be checked here."));
      return;
    }
  if (options == NULL || options->status_list == NULL)
    {
      report->status = JLN_VERIFY_STATUS_UNKNOWN;
      report->status_message = g_strdup (_("Revocation status unknown offline (no status list given)."));
      return;
    }

  report->status = JLN_VERIFY_STATUS_ERROR;
  index = g_ascii_strtoull (index_text, &end, 10);
  if (end == index_text || *end != '\0')
    {
      report->status_message = g_strdup (_("The badge’s position in the status list is not a number."));
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (options->status_list))
    {
      report->status_message = g_strdup (_("The status list given is not a credential."));
      return;
    }
  list = json_node_get_object (options->status_list);
  list_id = str_member (list, "id");
  if (list_id == NULL || !g_str_equal (list_id, list_url))
    {
      report->status_message = g_strdup_printf (_("The status list given is not the one this badge refers to (%s)."),
                                                list_url);
      return;
    }
  list_proof = jln_proof_verify (options->status_list, options->proof);
  if (list_proof->status != JLN_PROOF_VALID)
    {
      report->status_message = g_strdup_printf (_("The status list’s signature does not hold: %s"),
                                                list_proof->message ? list_proof->message : "");
      return;
    }
  subject = obj_member (list, "credentialSubject");
  encoded = str_member (subject, "encodedList");
  if (encoded == NULL)
    {
      report->status_message = g_strdup (_("The status list has no encoded list."));
      return;
    }
  if (purpose != NULL && str_member (subject, "statusPurpose") != NULL &&
      !g_str_equal (purpose, str_member (subject, "statusPurpose")))
    {
      report->status_message = g_strdup (_("The status list given serves another purpose than revocation."));
      return;
    }
  if (!jln_verify_status_bit (encoded, index, &bit, &error))
    {
      report->status_message = g_strdup (error->message);
      return;
    }
  report->status = bit ? JLN_VERIFY_STATUS_REVOKED : JLN_VERIFY_STATUS_ACTIVE;
}

static void
check_recipient (JlnVerifyReport *report, JsonObject *credential, const char *email)
{
  JsonObject *subject = obj_member (credential, "credentialSubject");
  JsonNode *identifiers = subject ? json_object_get_member (subject, "identifier") : NULL;
  JsonArray *array;

  if (email == NULL)
    {
      report->recipient = JLN_VERIFY_RECIPIENT_NOT_CHECKED;
      return;
    }
  report->recipient = JLN_VERIFY_RECIPIENT_MISMATCH;
  if (identifiers == NULL)
    return;
  if (JSON_NODE_HOLDS_OBJECT (identifiers))
    {
      array = json_array_new ();
      json_array_add_element (array, json_node_copy (identifiers));
    }
  else if (JSON_NODE_HOLDS_ARRAY (identifiers))
    array = json_array_ref (json_node_get_array (identifiers));
  else
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      JsonObject *id;
      const char *hash, *salt;
      g_autofree char *expected = NULL;
      g_autofree char *plain = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        continue;
      id = json_node_get_object (e);
      hash = str_member (id, "identityHash");
      salt = str_member (id, "salt");
      if (hash == NULL)
        continue;
      expected = jln_credential_hash_identity (email, salt);
      plain = g_ascii_strdown (email, -1);
      g_strstrip (plain);
      if (g_ascii_strcasecmp (hash, expected) == 0 || g_ascii_strcasecmp (hash, plain) == 0)
        {
          report->recipient = JLN_VERIFY_RECIPIENT_MATCH;
          break;
        }
    }
  json_array_unref (array);
}

static void
decide (JlnVerifyReport *report)
{
  if (report->error != NULL || report->problems->len > 0)
    report->verdict = JLN_VERIFY_INVALID;
  else if (report->ob_version == 2)
    report->verdict = JLN_VERIFY_UNVERIFIABLE;
  else if (report->proof == NULL)
    report->verdict = JLN_VERIFY_INVALID;
  else if (report->proof->status == JLN_PROOF_UNSUPPORTED ||
           report->proof->status == JLN_PROOF_KEY_UNRESOLVABLE)
    report->verdict = JLN_VERIFY_UNVERIFIABLE;
  else if (report->proof->status != JLN_PROOF_VALID ||
           report->dates != JLN_VERIFY_DATES_OK ||
           report->status == JLN_VERIFY_STATUS_REVOKED ||
           report->status == JLN_VERIFY_STATUS_ERROR ||
           report->recipient == JLN_VERIFY_RECIPIENT_MISMATCH)
    report->verdict = JLN_VERIFY_INVALID;
  else
    report->verdict = JLN_VERIFY_VALID;
}

static void
verify_credential (JlnVerifyReport *report, JsonNode *node, const JlnVerifyOptions *options)
{
  g_autoptr(GDateTime) now = NULL;
  JsonObject *credential, *issuer, *subject;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      /* A VC-JWT: name its algorithm, never call it valid. */
      report->ob_version = 3;
      report->proof = jln_proof_verify (node, options ? options->proof : NULL);
      report->dates = JLN_VERIFY_DATES_OK;
      decide (report);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      report->error = g_strdup (_("The credential is not a JSON object."));
      decide (report);
      return;
    }
  credential = json_node_get_object (node);

  issuer = obj_member (credential, "issuer");
  report->issuer_id = g_strdup (issuer ? str_member (issuer, "id") : str_member (credential, "issuer"));
  report->issuer_name = g_strdup (str_member (issuer, "name"));
  report->credential_id = g_strdup (str_member (credential, "id"));
  subject = obj_member (credential, "credentialSubject");
  report->achievement_name = g_strdup (str_member (obj_member (subject, "achievement"), "name"));

  if (report->ob_version == 0)
    report->ob_version = guess_version (credential);
  if (report->ob_version == 2)
    {
      /* Hosted and signed OB 2.0 verification needs the issuer's server. */
      report->dates = JLN_VERIFY_DATES_OK;
      decide (report);
      return;
    }

  check_shape (report, credential);
  now = options && options->now ? g_date_time_ref (options->now) : g_date_time_new_now_utc ();
  check_dates (report, credential, now);
  report->proof = jln_proof_verify (node, options ? options->proof : NULL);
  check_status (report, credential, options);
  check_recipient (report, credential, options ? options->email : NULL);
  decide (report);
}

JlnVerifyReport *
jln_verify_json (JsonNode *credential, const JlnVerifyOptions *options)
{
  JlnVerifyReport *report = report_new ();

  report->format = JLN_VERIFY_FORMAT_JSON;
  if (credential == NULL)
    {
      report->error = g_strdup (_("There is no credential to check."));
      decide (report);
      return report;
    }
  verify_credential (report, credential, options);
  return report;
}

static gboolean
looks_like_jws (const char *text)
{
  guint dots = 0;

  for (const char *p = text; *p; p++)
    {
      if (*p == '.')
        dots++;
      else if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '=')
        return FALSE;
    }
  return dots == 2;
}

static JlnVerifyFormat
verify_format (JlnBakedFormat format)
{
  switch (format)
    {
    case JLN_BAKED_FORMAT_PNG:
      return JLN_VERIFY_FORMAT_PNG;
    case JLN_BAKED_FORMAT_SVG:
      return JLN_VERIFY_FORMAT_SVG;
    default:
      return JLN_VERIFY_FORMAT_JSON;
    }
}

JlnVerifyReport *
jln_verify_bytes (GBytes *file, const JlnVerifyOptions *options)
{
  JlnVerifyReport *report = report_new ();
  g_autoptr(JlnBakedCredential) baked = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JlnBakedFormat format;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (file != NULL, report);

  if (g_bytes_get_size (file) == 0)
    {
      report->error = g_strdup (_("The file is empty."));
      decide (report);
      return report;
    }
  if (jln_bake_sniff (file, &format))
    {
      report->format = verify_format (format);
      /* Refuse hostile nesting before any parser sees the file. */
      if (format == JLN_BAKED_FORMAT_JSON &&
          !jln_ob_json_check_depth (g_bytes_get_data (file, NULL), g_bytes_get_size (file), &error))
        {
          report->error = g_strdup (error->message);
          decide (report);
          return report;
        }
    }
  else
    {
      gsize size = 0;
      const char *data = g_bytes_get_data (file, &size);

      /* A bare VC-JWT file. */
      stripped = g_strstrip (g_strndup (data, size));
      if (memchr (data, '\0', size) == NULL && looks_like_jws (stripped))
        {
          g_autoptr(JsonNode) jws = json_node_new (JSON_NODE_VALUE);

          json_node_set_string (jws, stripped);
          report->format = JLN_VERIFY_FORMAT_JSON;
          verify_credential (report, jws, options);
          return report;
        }
    }

  baked = jln_bake_extract (file, &error);
  if (baked == NULL)
    {
      report->error = g_strdup (error->message);
      decide (report);
      return report;
    }
  report->format = verify_format (baked->format);
  report->ob_version = baked->ob_version;

  if (baked->ob_version == 2 && jln_baked_credential_is_url (baked))
    {
      report->dates = JLN_VERIFY_DATES_OK;
      report->credential_id = g_strdup (baked->payload);
      decide (report);
      return report;
    }

  if (looks_like_jws (baked->payload))
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, baked->payload);
    }
  else
    node = jln_ob_parse_json (baked->payload, -1, &error);
  if (node == NULL)
    {
      report->error = g_strdup (error->message);
      decide (report);
      return report;
    }
  verify_credential (report, node, options);
  return report;
}

static const char *
format_name (JlnVerifyFormat format)
{
  switch (format)
    {
    case JLN_VERIFY_FORMAT_PNG: return "PNG";
    case JLN_VERIFY_FORMAT_SVG: return "SVG";
    case JLN_VERIFY_FORMAT_JSON: return "JSON";
    case JLN_VERIFY_FORMAT_UNKNOWN:
    default: return "?";
    }
}

static const char *
verdict_name (JlnVerifyVerdict verdict)
{
  switch (verdict)
    {
    case JLN_VERIFY_VALID: return "valid";
    case JLN_VERIFY_INVALID: return "invalid";
    case JLN_VERIFY_UNVERIFIABLE: return "unverifiable";
    default: return "invalid";
    }
}

static const char *
dates_name (JlnVerifyDates dates)
{
  switch (dates)
    {
    case JLN_VERIFY_DATES_OK: return "ok";
    case JLN_VERIFY_DATES_NOT_YET_VALID: return "not-yet-valid";
    case JLN_VERIFY_DATES_EXPIRED: return "expired";
    case JLN_VERIFY_DATES_INVALID:
    default: return "invalid";
    }
}

static const char *
status_name (JlnVerifyStatus status)
{
  switch (status)
    {
    case JLN_VERIFY_STATUS_NONE: return "none";
    case JLN_VERIFY_STATUS_UNKNOWN: return "unknown";
    case JLN_VERIFY_STATUS_ACTIVE: return "active";
    case JLN_VERIFY_STATUS_REVOKED: return "revoked";
    case JLN_VERIFY_STATUS_ERROR:
    default: return "error";
    }
}

static const char *
recipient_name (JlnVerifyRecipient recipient)
{
  switch (recipient)
    {
    case JLN_VERIFY_RECIPIENT_MATCH: return "match";
    case JLN_VERIFY_RECIPIENT_MISMATCH: return "mismatch";
    case JLN_VERIFY_RECIPIENT_NOT_CHECKED:
    default: return "not-checked";
    }
}

/* The first reason the badge is not valid, in a coach's words. */
static const char *
main_reason (const JlnVerifyReport *r)
{
  if (r->error)
    return r->error;
  if (r->problems->len > 0)
    return g_ptr_array_index (r->problems, 0);
  if (r->proof && r->proof->status != JLN_PROOF_VALID)
    return r->proof->message ? r->proof->message : _("The signature is not valid.");
  if (r->dates == JLN_VERIFY_DATES_NOT_YET_VALID)
    return _("not valid yet");
  if (r->dates == JLN_VERIFY_DATES_EXPIRED)
    return _("expired");
  if (r->status == JLN_VERIFY_STATUS_REVOKED)
    return _("revoked by its issuer");
  if (r->status == JLN_VERIFY_STATUS_ERROR)
    return r->status_message;
  if (r->recipient == JLN_VERIFY_RECIPIENT_MISMATCH)
    return _("it was not awarded to this e-mail address");
  return NULL;
}

char *
jln_verify_report_to_line (const JlnVerifyReport *r)
{
  GString *line = g_string_new (NULL);
  const char *verdict;
  const char *reason;

  g_return_val_if_fail (r != NULL, NULL);

  verdict = r->verdict == JLN_VERIFY_VALID ? _("valid") :
            r->verdict == JLN_VERIFY_UNVERIFIABLE ? _("not verifiable offline") : _("invalid");
  g_string_append (line, verdict);
  g_string_append (line, " — ");

  if (r->ob_version == 2)
    {
      g_string_append_printf (line, _("OB 2.0 %s (hosted/signed verification needs the issuer’s server: not verified offline)"),
                              format_name (r->format));
      return g_string_free (line, FALSE);
    }
  if (r->ob_version == 3)
    g_string_append_printf (line, "OB 3.0 %s", format_name (r->format));
  else
    g_string_append (line, format_name (r->format));

  if (r->verdict == JLN_VERIFY_VALID)
    {
      g_string_append_printf (line, _(", signed by %s (%s)"),
                              r->issuer_name ? r->issuer_name : "?",
                              r->issuer_id ? r->issuer_id : "?");
      if (r->recipient == JLN_VERIFY_RECIPIENT_MATCH)
        g_string_append_printf (line, "; %s", _("recipient matches"));
      if (r->status == JLN_VERIFY_STATUS_UNKNOWN)
        g_string_append_printf (line, "; %s", _("revocation status unknown offline"));
      return g_string_free (line, FALSE);
    }

  reason = main_reason (r);
  g_string_append_printf (line, ": %s", reason ? reason : _("not verified"));
  return g_string_free (line, FALSE);
}

static void
add_opt (JsonBuilder *b, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

JsonNode *
jln_verify_report_to_json (const JlnVerifyReport *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *line = jln_verify_report_to_line (r);

  json_builder_begin_object (b);
  add_opt (b, "verdict", verdict_name (r->verdict));
  add_opt (b, "summary", line);
  add_opt (b, "format", format_name (r->format));
  json_builder_set_member_name (b, "obVersion");
  json_builder_add_int_value (b, r->ob_version);
  add_opt (b, "error", r->error);
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->problems->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (r->problems, i));
  json_builder_end_array (b);
  if (r->proof)
    {
      json_builder_set_member_name (b, "proof");
      json_builder_begin_object (b);
      add_opt (b, "status", jln_proof_status_to_string (r->proof->status));
      add_opt (b, "suite", r->proof->suite);
      add_opt (b, "verificationMethod", r->proof->verification_method);
      add_opt (b, "created", r->proof->created);
      add_opt (b, "message", r->proof->message);
      json_builder_end_object (b);
    }
  add_opt (b, "dates", dates_name (r->dates));
  add_opt (b, "validFrom", r->valid_from);
  add_opt (b, "validUntil", r->valid_until);
  add_opt (b, "status", status_name (r->status));
  add_opt (b, "statusMessage", r->status_message);
  add_opt (b, "issuerId", r->issuer_id);
  add_opt (b, "issuerName", r->issuer_name);
  add_opt (b, "credentialId", r->credential_id);
  add_opt (b, "achievementName", r->achievement_name);
  add_opt (b, "recipient", recipient_name (r->recipient));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
