/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include <glib/gi18n.h>
#include <string.h>

#include "jln-bake.h"
#include "jln-credential.h"
#include "jln-multibase.h"
#include "jln-ob-date.h"
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
  g_free (report->binding_message);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_clear_pointer (&report->checks, g_ptr_array_unref);
  g_free (report);
}

static void
check_free (JlnVerifyCheck *check)
{
  g_free (check->message);
  g_free (check);
}

JlnVerifyReport *
jln_verify_report_new (void)
{
  JlnVerifyReport *report = g_new0 (JlnVerifyReport, 1);

  report->problems = g_ptr_array_new_with_free_func (g_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  report->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) check_free);
  report->verdict = JLN_VERIFY_INVALID;
  report->dates = JLN_VERIFY_DATES_NOT_CHECKED;
  return report;
}

#define report_new jln_verify_report_new

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

static void
warning (JlnVerifyReport *report, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
warning (JlnVerifyReport *report, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (report->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/* The issuer the credential names: issuer.id, or issuer when a string. */
static const char *
issuer_id_of (JsonObject *credential)
{
  JsonObject *issuer = jln_ob_json_get_object (credential, "issuer");

  return issuer ? jln_ob_json_get_string (issuer, "id") : jln_ob_json_get_string (credential, "issuer");
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
  if (jln_ob_json_has_type (credential, "Assertion"))
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

/* Each object in @node (an object or a list of them) must have @type. */
static void
check_member_types (JlnVerifyReport *report, JsonObject *holder, const char *member,
                    const char *path, const char *type)
{
  JsonNode *node = holder ? json_object_get_member (holder, member) : NULL;
  g_autoptr(JsonArray) array = NULL;

  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    array = json_array_ref (json_node_get_array (node));
  else
    {
      array = json_array_new ();
      json_array_add_element (array, json_node_copy (node));
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (e) || !jln_ob_json_has_type (json_node_get_object (e), type))
        {
          problem (report, _("Every “%s” must have the type %s."), path, type);
          return;
        }
    }
}

static void
check_shape (JlnVerifyReport *report, JsonObject *credential)
{
  JsonNode *context = json_object_get_member (credential, "@context");
  JsonObject *issuer, *subject, *achievement;
  gboolean ob_context = FALSE;
  gboolean endorsement;

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

  endorsement = jln_ob_json_has_type (credential, "EndorsementCredential");
  if (!jln_ob_json_has_type (credential, "VerifiableCredential"))
    problem (report, "%s", _("“type” must include VerifiableCredential."));
  if (!jln_ob_json_has_type (credential, "OpenBadgeCredential") && !jln_ob_json_has_type (credential, "AchievementCredential") &&
      !endorsement)
    problem (report, "%s", _("“type” must include OpenBadgeCredential."));
  if (jln_ob_json_get_string (credential, "id") == NULL)
    problem (report, "%s", _("The credential has no “id”."));
  /* The 1EdTech schema does not require names: a badge without one is
   * valid, but a coach should know. */
  if (jln_ob_json_get_string (credential, "name") == NULL)
    warning (report, "%s", _("The credential has no “name”."));

  issuer = jln_ob_json_get_object (credential, "issuer");
  if (issuer == NULL)
    problem (report, "%s", _("The issuer must be a profile with an id, a type and a name."));
  else
    {
      if (jln_ob_json_get_string (issuer, "id") == NULL)
        problem (report, "%s", _("The issuer has no “id”."));
      if (!jln_ob_json_has_type (issuer, "Profile"))
        problem (report, "%s", _("The issuer’s “type” must include Profile."));
      if (jln_ob_json_get_string (issuer, "name") == NULL)
        warning (report, "%s", _("The issuer has no “name”."));
    }

  subject = jln_ob_json_get_object (credential, "credentialSubject");
  if (subject == NULL)
    problem (report, "%s", _("The credential has no “credentialSubject”."));
  else if (endorsement)
    {
      if (!jln_ob_json_has_type (subject, "EndorsementSubject"))
        problem (report, "%s", _("The subject’s “type” must include EndorsementSubject."));
      if (jln_ob_json_get_string (subject, "id") == NULL)
        problem (report, "%s", _("The endorsement does not say what it endorses (its subject has no “id”)."));
    }
  else
    {
      if (!jln_ob_json_has_type (subject, "AchievementSubject"))
        problem (report, "%s", _("The subject’s “type” must include AchievementSubject."));
      achievement = jln_ob_json_get_object (subject, "achievement");
      if (achievement == NULL)
        problem (report, "%s", _("The subject has no “achievement”."));
      else
        {
          if (jln_ob_json_get_string (achievement, "id") == NULL)
            problem (report, "%s", _("The achievement has no “id”."));
          if (!jln_ob_json_has_type (achievement, "Achievement"))
            problem (report, "%s", _("The achievement’s “type” must include Achievement."));
          if (jln_ob_json_get_string (achievement, "name") == NULL)
            problem (report, "%s", _("The achievement has no “name”."));
          if (jln_ob_json_get_string (achievement, "description") == NULL)
            problem (report, "%s", _("The achievement has no “description”."));
          if (jln_ob_json_get_object (achievement, "criteria") == NULL)
            problem (report, "%s", _("The achievement has no “criteria”."));
        }
    }

  /* The typed parts the 1EdTech schema checks. */
  check_member_types (report, credential, "evidence", "evidence", "Evidence");
  check_member_types (report, issuer, "otherIdentifier", "issuer.otherIdentifier", "IdentifierEntry");
  check_member_types (report, issuer, "parentOrg", "issuer.parentOrg", "Profile");
  check_member_types (report, subject, "identifier", "credentialSubject.identifier", "IdentityObject");
  check_member_types (report, subject, "result", "credentialSubject.result", "Result");
  check_member_types (report, subject, "source", "credentialSubject.source", "Profile");
  check_member_types (report, jln_ob_json_get_object (subject, "achievement"), "resultDescription",
                      "credentialSubject.achievement.resultDescription", "ResultDescription");

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
  const char *from_text = jln_ob_json_get_string (credential, "validFrom");
  const char *until_text = jln_ob_json_get_string (credential, "validUntil");
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;

  if (from_text == NULL)
    from_text = jln_ob_json_get_string (credential, "issuanceDate");
  if (until_text == NULL)
    until_text = jln_ob_json_get_string (credential, "expirationDate");
  report->valid_from = g_strdup (from_text);
  report->valid_until = g_strdup (until_text);

  /* A VC-JWT may carry its dates only in claims we could not read. */
  if (report->shape_unchecked && from_text == NULL && until_text == NULL)
    {
      report->dates = JLN_VERIFY_DATES_NOT_CHECKED;
      return;
    }
  from = parse_date (from_text);
  until = parse_date (until_text);
  if (from == NULL || (until_text != NULL && until == NULL))
    {
      report->dates = JLN_VERIFY_DATES_INVALID;
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

/* Whether the key behind @proof is the issuer's own: its controller is
 * @issuer_id and lists it under assertionMethod. For a key that was not
 * resolved (a suite we cannot check, did:web offline) a DID-named key can
 * still be judged by its name. NULL when it holds; else why not. */
static JlnVerifyBinding
judge_binding (const JlnProofResult *proof, const char *issuer_id, char **message)
{
  const char *vm = proof ? proof->verification_method : NULL;

  *message = NULL;
  if (proof == NULL || vm == NULL)
    return JLN_VERIFY_BINDING_NOT_CHECKED;
  if (issuer_id == NULL)
    {
      *message = g_strdup (_("The badge names no issuer, so nobody can say whose key signed it."));
      return JLN_VERIFY_BINDING_MISMATCH;
    }
  if (proof->controller != NULL)
    {
      if (!g_str_equal (proof->controller, issuer_id))
        {
          *message = g_strdup_printf (_("This badge was signed by someone other than the issuer it names: the key belongs to %s, not to %s."),
                                      proof->controller, issuer_id);
          return JLN_VERIFY_BINDING_MISMATCH;
        }
      if (!proof->asserts)
        {
          *message = g_strdup_printf (_("This badge was signed by someone other than the issuer it names: %s does not list this key as one it issues badges with."),
                                      issuer_id);
          return JLN_VERIFY_BINDING_MISMATCH;
        }
      return JLN_VERIFY_BINDING_MATCH;
    }
  if (g_str_has_prefix (vm, "did:key:") || g_str_has_prefix (vm, "did:web:"))
    {
      const char *hash = strchr (vm, '#');
      g_autofree char *did = hash ? g_strndup (vm, hash - vm) : g_strdup (vm);

      /* A DID URL's controller document is the DID's own. */
      if (!g_str_equal (did, issuer_id))
        {
          *message = g_strdup_printf (_("This badge was signed by someone other than the issuer it names: the key belongs to %s, not to %s."),
                                      did, issuer_id);
          return JLN_VERIFY_BINDING_MISMATCH;
        }
      if (g_str_has_prefix (vm, "did:key:"))
        return JLN_VERIFY_BINDING_MATCH;
    }
  return JLN_VERIFY_BINDING_NOT_CHECKED;
}

static void
check_binding (JlnVerifyReport *report, JsonObject *credential)
{
  /* A broken signature proves nothing about who made it. */
  if (report->proof == NULL ||
      report->proof->status == JLN_PROOF_MISSING ||
      report->proof->status == JLN_PROOF_MALFORMED ||
      report->proof->status == JLN_PROOF_INVALID_SIGNATURE)
    {
      report->binding = JLN_VERIFY_BINDING_NOT_CHECKED;
      return;
    }
  report->binding = judge_binding (report->proof, issuer_id_of (credential), &report->binding_message);
}

static gboolean
in_date (JsonObject *object, GDateTime *now)
{
  const char *from_text = jln_ob_json_get_string (object, "validFrom");
  const char *until_text = jln_ob_json_get_string (object, "validUntil");
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;

  if (from_text == NULL)
    from_text = jln_ob_json_get_string (object, "issuanceDate");
  if (until_text == NULL)
    until_text = jln_ob_json_get_string (object, "expirationDate");
  from = parse_date (from_text);
  until = parse_date (until_text);
  if ((from_text != NULL && from == NULL) || (until_text != NULL && until == NULL))
    return FALSE;
  if (from != NULL && g_date_time_compare (now, from) < 0)
    return FALSE;
  return until == NULL || g_date_time_compare (now, until) <= 0;
}

static void
status_unknown (JlnVerifyReport *report, char *message)
{
  report->status = JLN_VERIFY_STATUS_UNKNOWN;
  g_free (report->status_message);
  report->status_message = message;
}

/* The status list decides only if it is the issuer's own, for this purpose,
 * in date: otherwise anyone could publish a list that says "active". */
static void
check_status (JlnVerifyReport        *report,
              JsonObject             *credential,
              const JlnVerifyOptions *options,
              GDateTime              *now)
{
  JsonObject *status = jln_ob_json_get_object (credential, "credentialStatus");
  const char *list_url, *index_text, *purpose, *list_purpose, *encoded, *list_id;
  const char *issuer_id = issuer_id_of (credential);
  g_autoptr(JlnProofResult) list_proof = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *binding_message = NULL;
  JsonObject *list, *subject;
  guint64 index;
  gboolean bit = FALSE;
  char *end = NULL;

  if (status == NULL)
    {
      report->status = JLN_VERIFY_STATUS_NONE;
      return;
    }
  list_url = jln_ob_json_get_string (status, "statusListCredential");
  index_text = jln_ob_json_get_string (status, "statusListIndex");
  purpose = jln_ob_json_get_string (status, "statusPurpose");
  if (!jln_ob_json_has_type (status, "BitstringStatusListEntry") || list_url == NULL || index_text == NULL)
    {
      status_unknown (report, g_strdup (_("The badge’s revocation status is of a kind that cannot be checked here.")));
      return;
    }
  index = g_ascii_strtoull (index_text, &end, 10);
  if (end == index_text || *end != '\0')
    {
      report->status = JLN_VERIFY_STATUS_ERROR;
      report->status_message = g_strdup (_("The badge’s position in the status list is not a number."));
      return;
    }
  if (options == NULL || options->status_list == NULL)
    {
      status_unknown (report, g_strdup (_("Revocation status unknown offline (no status list given).")));
      return;
    }

  /* From here on a list was given: if it cannot be trusted, say why. */
  report->status_list_refused = TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (options->status_list))
    {
      status_unknown (report, g_strdup (_("The status list given is not a credential.")));
      return;
    }
  list = json_node_get_object (options->status_list);
  list_id = jln_ob_json_get_string (list, "id");
  if (list_id == NULL || !g_str_equal (list_id, list_url))
    {
      status_unknown (report, g_strdup_printf (_("The status list given is not the one this badge refers to (%s)."),
                                               list_url));
      return;
    }
  if (!jln_ob_json_has_type (list, "BitstringStatusListCredential"))
    {
      status_unknown (report, g_strdup (_("The status list given is not a BitstringStatusListCredential.")));
      return;
    }
  if (issuer_id == NULL || g_strcmp0 (issuer_id_of (list), issuer_id) != 0)
    {
      status_unknown (report, g_strdup (_("The status list given was published by someone other than this badge’s issuer.")));
      return;
    }
  list_proof = jln_proof_verify (options->status_list, options->proof);
  if (list_proof->status != JLN_PROOF_VALID)
    {
      status_unknown (report, g_strdup_printf (_("The status list’s signature does not hold: %s"),
                                               list_proof->message ? list_proof->message : ""));
      return;
    }
  if (judge_binding (list_proof, issuer_id, &binding_message) != JLN_VERIFY_BINDING_MATCH)
    {
      g_debug ("status list binding: %s", binding_message ? binding_message : "?");
      status_unknown (report, g_strdup (_("The status list given was signed by someone other than this badge’s issuer.")));
      return;
    }
  if (!in_date (list, now))
    {
      status_unknown (report, g_strdup (_("The status list given is out of date (outside its own validity dates).")));
      return;
    }
  subject = jln_ob_json_get_object (list, "credentialSubject");
  list_purpose = jln_ob_json_get_string (subject, "statusPurpose");
  if (purpose == NULL || list_purpose == NULL || !g_str_equal (purpose, list_purpose))
    {
      status_unknown (report, g_strdup_printf (_("The status list given serves another purpose (%s) than this badge’s entry (%s)."),
                                               list_purpose ? list_purpose : "?", purpose ? purpose : "?"));
      return;
    }
  encoded = jln_ob_json_get_string (subject, "encodedList");
  if (encoded == NULL)
    {
      status_unknown (report, g_strdup (_("The status list has no encoded list.")));
      return;
    }
  if (!jln_verify_status_bit (encoded, index, &bit, &error))
    {
      status_unknown (report, g_strdup (error->message));
      return;
    }
  report->status_list_refused = FALSE;
  g_clear_pointer (&report->status_message, g_free);
  report->status = bit ? JLN_VERIFY_STATUS_REVOKED : JLN_VERIFY_STATUS_ACTIVE;
}

static void
check_recipient (JlnVerifyReport *report, JsonObject *credential, const char *email)
{
  JsonObject *subject = jln_ob_json_get_object (credential, "credentialSubject");
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
      hash = jln_ob_json_get_string (id, "identityHash");
      salt = jln_ob_json_get_string (id, "salt");
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
add_check (JlnVerifyReport *r, const char *id, JlnVerifyCheckOutcome outcome, char *message)
{
  JlnVerifyCheck *check = g_new0 (JlnVerifyCheck, 1);

  check->id = id;
  check->outcome = outcome;
  check->message = message;
  g_ptr_array_add (r->checks, check);
}

static char *
join_strings (GPtrArray *strings)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < strings->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, g_ptr_array_index (strings, i));
    }
  return g_string_free (text, FALSE);
}

static const char *format_name (JlnVerifyFormat format);

static void
add_proof_check (JlnVerifyReport *r)
{
  const JlnProofResult *p = r->proof;

  if (p == NULL)
    {
      if (r->ob_version == 2)
        add_check (r, JLN_VERIFY_CHECK_PROOF, JLN_VERIFY_CHECK_NOT_CHECKED,
                   g_strdup (_("An OB 2.0 badge is verified on its issuer’s server (hosted) or with a key published there (signed): this needs the network.")));
      else
        add_check (r, JLN_VERIFY_CHECK_PROOF, JLN_VERIFY_CHECK_NOT_CHECKED,
                   g_strdup (_("Not checked: the credential could not be read.")));
      return;
    }
  switch (p->status)
    {
    case JLN_PROOF_VALID:
      add_check (r, JLN_VERIFY_CHECK_PROOF, JLN_VERIFY_CHECK_PASSED,
                 g_strdup_printf (_("The signature (%s) holds: the badge is unchanged since it was signed."),
                                  p->suite ? p->suite : "?"));
      break;
    case JLN_PROOF_UNSUPPORTED:
    case JLN_PROOF_KEY_UNRESOLVABLE:
      add_check (r, JLN_VERIFY_CHECK_PROOF, JLN_VERIFY_CHECK_NOT_CHECKED,
                 g_strdup (p->message ? p->message : _("The signature cannot be checked here.")));
      break;
    case JLN_PROOF_MISSING:
    case JLN_PROOF_MALFORMED:
    case JLN_PROOF_INVALID_SIGNATURE:
    case JLN_PROOF_CANON_FAILED:
    default:
      add_check (r, JLN_VERIFY_CHECK_PROOF, JLN_VERIFY_CHECK_FAILED,
                 g_strdup (p->message ? p->message : _("The signature is not valid.")));
      break;
    }
}

static void
add_dates_check (JlnVerifyReport *r)
{
  switch (r->dates)
    {
    case JLN_VERIFY_DATES_OK:
      add_check (r, JLN_VERIFY_CHECK_DATES, JLN_VERIFY_CHECK_PASSED,
                 g_strdup (_("The badge is within its validity dates.")));
      break;
    case JLN_VERIFY_DATES_NOT_YET_VALID:
      add_check (r, JLN_VERIFY_CHECK_DATES, JLN_VERIFY_CHECK_FAILED,
                 g_strdup (_("The badge is not valid yet.")));
      break;
    case JLN_VERIFY_DATES_EXPIRED:
      add_check (r, JLN_VERIFY_CHECK_DATES, JLN_VERIFY_CHECK_FAILED,
                 g_strdup (_("The badge has expired.")));
      break;
    case JLN_VERIFY_DATES_INVALID:
      add_check (r, JLN_VERIFY_CHECK_DATES, JLN_VERIFY_CHECK_FAILED,
                 g_strdup (_("The validity dates are missing or not real dates.")));
      break;
    case JLN_VERIFY_DATES_NOT_CHECKED:
    default:
      add_check (r, JLN_VERIFY_CHECK_DATES, JLN_VERIFY_CHECK_NOT_CHECKED,
                 g_strdup (_("The dates could not be read.")));
      break;
    }
}

static void
add_status_check (JlnVerifyReport *r)
{
  /* OB 2.0 revocation is answered by the issuer's server. */
  if (r->ob_version == 2)
    {
      add_check (r, JLN_VERIFY_CHECK_STATUS, JLN_VERIFY_CHECK_NOT_CHECKED,
                 g_strdup (_("An OB 2.0 badge’s revocation is known only to its issuer’s server.")));
      return;
    }
  switch (r->status)
    {
    case JLN_VERIFY_STATUS_NONE:
      add_check (r, JLN_VERIFY_CHECK_STATUS, JLN_VERIFY_CHECK_PASSED,
                 g_strdup (_("The badge names no status list: its issuer cannot revoke it.")));
      break;
    case JLN_VERIFY_STATUS_ACTIVE:
      add_check (r, JLN_VERIFY_CHECK_STATUS, JLN_VERIFY_CHECK_PASSED,
                 g_strdup (_("The issuer’s signed status list says the badge is not revoked.")));
      break;
    case JLN_VERIFY_STATUS_REVOKED:
      add_check (r, JLN_VERIFY_CHECK_STATUS, JLN_VERIFY_CHECK_FAILED,
                 g_strdup (_("The issuer’s signed status list says the badge is revoked.")));
      break;
    case JLN_VERIFY_STATUS_ERROR:
      add_check (r, JLN_VERIFY_CHECK_STATUS, JLN_VERIFY_CHECK_FAILED,
                 g_strdup (r->status_message));
      break;
    case JLN_VERIFY_STATUS_UNKNOWN:
    default:
      add_check (r, JLN_VERIFY_CHECK_STATUS,
                 r->status_list_refused ? JLN_VERIFY_CHECK_WARNING : JLN_VERIFY_CHECK_NOT_CHECKED,
                 g_strdup (r->status_message ? r->status_message : _("Revocation status unknown.")));
      break;
    }
}

void
jln_verify_report_finish (JlnVerifyReport *r)
{
  const char *stage = r->error_check ? r->error_check : JLN_VERIFY_CHECK_FORMAT;
  gboolean read = r->error == NULL;
  gboolean failed = FALSE, open_question = FALSE;
  const char *not_read = _("Not checked: the badge could not be read.");

  g_return_if_fail (r != NULL);

  g_ptr_array_set_size (r->checks, 0);

  /* format, then JSON, then shape: the first that failed holds the error. */
  if (!read && g_str_equal (stage, JLN_VERIFY_CHECK_FORMAT))
    add_check (r, JLN_VERIFY_CHECK_FORMAT, JLN_VERIFY_CHECK_FAILED, g_strdup (r->error));
  else
    add_check (r, JLN_VERIFY_CHECK_FORMAT, JLN_VERIFY_CHECK_PASSED,
               r->ob_version == 2 ? g_strdup_printf (_("An OB 2.0 badge (%s)."), format_name (r->format))
               : r->ob_version == 3 ? g_strdup_printf (_("An OB 3.0 badge (%s)."), format_name (r->format))
               : g_strdup (format_name (r->format)));

  if (!read && g_str_equal (stage, JLN_VERIFY_CHECK_FORMAT))
    add_check (r, JLN_VERIFY_CHECK_JSON, JLN_VERIFY_CHECK_NOT_CHECKED, g_strdup (not_read));
  else if (!read && g_str_equal (stage, JLN_VERIFY_CHECK_JSON))
    add_check (r, JLN_VERIFY_CHECK_JSON, JLN_VERIFY_CHECK_FAILED, g_strdup (r->error));
  else if (r->json_unread)
    add_check (r, JLN_VERIFY_CHECK_JSON, JLN_VERIFY_CHECK_NOT_CHECKED,
               g_strdup (_("Only the badge’s web address is in the file.")));
  else
    add_check (r, JLN_VERIFY_CHECK_JSON, JLN_VERIFY_CHECK_PASSED,
               g_strdup (_("The credential is well-formed JSON.")));

  if (!read && g_str_equal (stage, JLN_VERIFY_CHECK_SHAPE))
    add_check (r, JLN_VERIFY_CHECK_SHAPE, JLN_VERIFY_CHECK_FAILED, g_strdup (r->error));
  else if (!read || r->json_unread || r->shape_unchecked)
    add_check (r, JLN_VERIFY_CHECK_SHAPE, JLN_VERIFY_CHECK_NOT_CHECKED,
               g_strdup (read && r->shape_unchecked
                         ? _("Not checked: this form of badge (VC-JWT) is not supported.")
                         : not_read));
  else if (r->problems->len > 0)
    add_check (r, JLN_VERIFY_CHECK_SHAPE, JLN_VERIFY_CHECK_FAILED, join_strings (r->problems));
  else if (r->warnings->len > 0)
    add_check (r, JLN_VERIFY_CHECK_SHAPE, JLN_VERIFY_CHECK_WARNING, join_strings (r->warnings));
  else
    add_check (r, JLN_VERIFY_CHECK_SHAPE, JLN_VERIFY_CHECK_PASSED,
               g_strdup (_("The credential has every part an Open Badge needs.")));

  if (!read)
    {
      add_check (r, JLN_VERIFY_CHECK_PROOF, JLN_VERIFY_CHECK_NOT_CHECKED, g_strdup (not_read));
      add_check (r, JLN_VERIFY_CHECK_ISSUER_KEY, JLN_VERIFY_CHECK_NOT_CHECKED, g_strdup (not_read));
      add_check (r, JLN_VERIFY_CHECK_DATES, JLN_VERIFY_CHECK_NOT_CHECKED, g_strdup (not_read));
      add_check (r, JLN_VERIFY_CHECK_STATUS, JLN_VERIFY_CHECK_NOT_CHECKED, g_strdup (not_read));
      add_check (r, JLN_VERIFY_CHECK_RECIPIENT, JLN_VERIFY_CHECK_NOT_CHECKED, g_strdup (not_read));
    }
  else
    {
      add_proof_check (r);
      if (r->binding == JLN_VERIFY_BINDING_MATCH)
        add_check (r, JLN_VERIFY_CHECK_ISSUER_KEY, JLN_VERIFY_CHECK_PASSED,
                   g_strdup_printf (_("The key that signed belongs to the issuer the badge names (%s)."),
                                    r->issuer_id ? r->issuer_id : "?"));
      else if (r->binding == JLN_VERIFY_BINDING_MISMATCH)
        add_check (r, JLN_VERIFY_CHECK_ISSUER_KEY, JLN_VERIFY_CHECK_FAILED,
                   g_strdup (r->binding_message ? r->binding_message
                             : _("This badge was signed by someone other than the issuer it names.")));
      else
        add_check (r, JLN_VERIFY_CHECK_ISSUER_KEY, JLN_VERIFY_CHECK_NOT_CHECKED,
                   g_strdup (_("Not checked: whose key signed cannot be told without the signature being checked.")));
      add_dates_check (r);
      add_status_check (r);
      if (r->recipient == JLN_VERIFY_RECIPIENT_MATCH)
        add_check (r, JLN_VERIFY_CHECK_RECIPIENT, JLN_VERIFY_CHECK_PASSED,
                   g_strdup (_("The badge was awarded to this e-mail address.")));
      else if (r->recipient == JLN_VERIFY_RECIPIENT_MISMATCH)
        add_check (r, JLN_VERIFY_CHECK_RECIPIENT, JLN_VERIFY_CHECK_FAILED,
                   g_strdup (_("The badge was not awarded to this e-mail address.")));
      else
        add_check (r, JLN_VERIFY_CHECK_RECIPIENT, JLN_VERIFY_CHECK_NOT_CHECKED,
                   g_strdup (_("No e-mail address was given to compare with.")));
    }

  if (r->status_list_refused && r->status_message != NULL &&
      !g_ptr_array_find_with_equal_func (r->warnings, r->status_message, g_str_equal, NULL))
    g_ptr_array_add (r->warnings, g_strdup (r->status_message));

  /* The verdict is the worst finding: one failure makes the badge invalid;
   * a signature or key that cannot be judged here leaves it unverifiable. */
  for (guint i = 0; i < r->checks->len; i++)
    {
      const JlnVerifyCheck *c = g_ptr_array_index (r->checks, i);

      if (c->outcome == JLN_VERIFY_CHECK_FAILED)
        failed = TRUE;
      else if (c->outcome == JLN_VERIFY_CHECK_NOT_CHECKED &&
               (g_str_equal (c->id, JLN_VERIFY_CHECK_PROOF) ||
                g_str_equal (c->id, JLN_VERIFY_CHECK_ISSUER_KEY) ||
                g_str_equal (c->id, JLN_VERIFY_CHECK_SHAPE)))
        open_question = TRUE;
    }
  r->verdict = failed ? JLN_VERIFY_INVALID : open_question ? JLN_VERIFY_UNVERIFIABLE : JLN_VERIFY_VALID;
}

#define decide jln_verify_report_finish

const JlnVerifyCheck *
jln_verify_report_get_check (const JlnVerifyReport *report, const char *id)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < report->checks->len; i++)
    {
      const JlnVerifyCheck *c = g_ptr_array_index (report->checks, i);

      if (g_str_equal (c->id, id))
        return c;
    }
  return NULL;
}

const char *
jln_verify_check_outcome_to_string (JlnVerifyCheckOutcome outcome)
{
  switch (outcome)
    {
    case JLN_VERIFY_CHECK_PASSED: return "passed";
    case JLN_VERIFY_CHECK_FAILED: return "failed";
    case JLN_VERIFY_CHECK_WARNING: return "warning";
    case JLN_VERIFY_CHECK_NOT_CHECKED:
    default: return "not-checked";
    }
}

/* OB 2.0: what can be checked without the issuer's server. */
static gboolean
ob2_date (JsonObject *object, const char *name, GDateTime **out)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *text;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = g_date_time_new_from_unix_utc (json_node_get_int (node));
      return *out != NULL;
    }
  text = jln_ob_json_get_string (object, name);
  if (text == NULL)
    return FALSE;
  *out = g_date_time_new_from_iso8601 (text, NULL);
  if (*out == NULL)
    {
      char *end = NULL;
      gint64 seconds = g_ascii_strtoll (text, &end, 10);

      if (end != text && *end == '\0')
        *out = g_date_time_new_from_unix_utc (seconds);
    }
  return *out != NULL;
}

static gboolean
ob2_context_ok (JsonObject *assertion)
{
  JsonNode *context = json_object_get_member (assertion, "@context");
  g_autoptr(JsonArray) array = NULL;

  if (context == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (context))
    array = json_array_ref (json_node_get_array (context));
  else
    {
      array = json_array_new ();
      json_array_add_element (array, json_node_copy (context));
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING &&
          (g_str_equal (json_node_get_string (e), "https://w3id.org/openbadges/v2") ||
           g_str_equal (json_node_get_string (e), "https://openbadgespec.org/v2/context.json")))
        return TRUE;
    }
  return FALSE;
}

static void
check_ob2 (JlnVerifyReport *report, JsonObject *assertion, GDateTime *now)
{
  g_autoptr(GDateTime) issued = NULL;
  g_autoptr(GDateTime) expires = NULL;
  gboolean issued_ok, expires_ok;
  /* OB 1.0 assertions (older Moodle) have neither: their "uid" says what
   * they are. */
  gboolean ob1 = !json_object_has_member (assertion, "@context") &&
                 !json_object_has_member (assertion, "type") &&
                 json_object_has_member (assertion, "uid");

  if (!ob1 && !ob2_context_ok (assertion))
    problem (report, "%s", _("“@context” must be the Open Badges 2.0 context."));
  if (!ob1 && !jln_ob_json_has_type (assertion, "Assertion"))
    problem (report, "%s", _("“type” must be Assertion."));
  issued_ok = ob2_date (assertion, "issuedOn", &issued);
  expires_ok = ob2_date (assertion, "expires", &expires);
  report->valid_from = g_strdup (jln_ob_json_get_string (assertion, "issuedOn"));
  report->valid_until = g_strdup (jln_ob_json_get_string (assertion, "expires"));
  if (!issued_ok || issued == NULL || !expires_ok)
    {
      report->dates = JLN_VERIFY_DATES_INVALID;
      return;
    }
  if (expires != NULL && g_date_time_compare (expires, issued) < 0)
    {
      report->dates = JLN_VERIFY_DATES_INVALID;
      problem (report, "%s", _("The badge expires before it was issued."));
      return;
    }
  if (g_date_time_compare (now, issued) < 0)
    report->dates = JLN_VERIFY_DATES_NOT_YET_VALID;
  else if (expires != NULL && g_date_time_compare (now, expires) > 0)
    report->dates = JLN_VERIFY_DATES_EXPIRED;
  else
    report->dates = JLN_VERIFY_DATES_OK;
}

/* The payload of a compact JWS, or NULL. */
static JsonNode *
jws_payload (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ".", 4);
  g_autofree guint8 *payload = NULL;
  gsize len = 0;

  if (g_strv_length (parts) != 3 ||
      (payload = jln_base64url_decode (parts[1], &len, NULL)) == NULL ||
      memchr (payload, '\0', len) != NULL)
    return NULL;
  return jln_ob_parse_json ((const char *) payload, len, NULL);
}

static void verify_object (JlnVerifyReport *report, JsonNode *node, const JlnVerifyOptions *options,
                           JlnProofResult *proof);

/* A VC-JWT (or an OB 2.0 signed assertion): its algorithm is not supported,
 * but its dates and status are still read, so an unsupported signature does
 * not hide that the badge expired or was revoked. */
static void
verify_jws (JlnVerifyReport *report, JsonNode *node, const JlnVerifyOptions *options)
{
  JlnProofResult *proof = jln_proof_verify (node, options ? options->proof : NULL);
  g_autoptr(JsonNode) payload = jws_payload (json_node_get_string (node));
  g_autoptr(JsonNode) credential = NULL;
  JsonObject *claims;

  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    {
      report->ob_version = 3;
      report->proof = proof;
      report->shape_unchecked = TRUE;
      decide (report);
      return;
    }
  claims = json_node_get_object (payload);
  if (jln_ob_json_get_object (claims, "vc") != NULL)
    {
      /* VC-JWT 1.1: the credential is the "vc" claim; nbf/exp/iss stand for
       * its dates and issuer when it leaves them out. */
      JsonObject *vc;

      credential = json_node_copy (json_object_get_member (claims, "vc"));
      vc = json_node_get_object (credential);
      if (!json_object_has_member (vc, "issuanceDate") && !json_object_has_member (vc, "validFrom") &&
          json_object_has_member (claims, "nbf"))
        {
          g_autoptr(GDateTime) nbf = g_date_time_new_from_unix_utc (json_object_get_int_member (claims, "nbf"));

          g_autofree char *text = nbf ? jln_ob_format_date_time (nbf) : NULL;

          if (text != NULL)
            json_object_set_string_member (vc, "issuanceDate", text);
        }
      if (!json_object_has_member (vc, "expirationDate") && !json_object_has_member (vc, "validUntil") &&
          json_object_has_member (claims, "exp"))
        {
          g_autoptr(GDateTime) exp = g_date_time_new_from_unix_utc (json_object_get_int_member (claims, "exp"));

          g_autofree char *text = exp ? jln_ob_format_date_time (exp) : NULL;

          if (text != NULL)
            json_object_set_string_member (vc, "expirationDate", text);
        }
      if (!json_object_has_member (vc, "issuer") && jln_ob_json_get_string (claims, "iss") != NULL)
        json_object_set_string_member (vc, "issuer", jln_ob_json_get_string (claims, "iss"));
    }
  else
    credential = json_node_ref (payload);
  report->shape_unchecked = TRUE;
  verify_object (report, credential, options, proof);
}

static void
verify_object (JlnVerifyReport        *report,
               JsonNode               *node,
               const JlnVerifyOptions *options,
               JlnProofResult         *proof)
{
  g_autoptr(GDateTime) now = NULL;
  JsonObject *credential, *issuer, *subject;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_clear_pointer (&proof, jln_proof_result_free);
      report->error = g_strdup (_("The credential is not a JSON object."));
      report->error_check = JLN_VERIFY_CHECK_SHAPE;
      decide (report);
      return;
    }
  credential = json_node_get_object (node);
  now = options && options->now ? g_date_time_ref (options->now) : g_date_time_new_now_utc ();

  issuer = jln_ob_json_get_object (credential, "issuer");
  report->issuer_id = g_strdup (issuer_id_of (credential));
  report->issuer_name = g_strdup (jln_ob_json_get_string (issuer, "name"));
  report->credential_id = g_strdup (jln_ob_json_get_string (credential, "id"));
  subject = jln_ob_json_get_object (credential, "credentialSubject");
  report->achievement_name = g_strdup (jln_ob_json_get_string (jln_ob_json_get_object (subject, "achievement"), "name"));

  if (report->ob_version == 0)
    report->ob_version = guess_version (credential);
  if (report->ob_version == 2)
    {
      /* Hosted and signed OB 2.0 verification needs the issuer's server;
       * what can be checked here is. */
      g_clear_pointer (&proof, jln_proof_result_free);
      report->shape_unchecked = FALSE;
      check_ob2 (report, credential, now);
      decide (report);
      return;
    }

  if (!report->shape_unchecked)
    check_shape (report, credential);
  check_dates (report, credential, now);
  report->proof = proof ? proof : jln_proof_verify (node, options ? options->proof : NULL);
  check_binding (report, credential);
  check_status (report, credential, options, now);
  check_recipient (report, credential, options ? options->email : NULL);
  decide (report);
}

static void
verify_credential (JlnVerifyReport *report, JsonNode *node, const JlnVerifyOptions *options)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    verify_jws (report, node, options);
  else
    verify_object (report, node, options, NULL);
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
          report->error_check = JLN_VERIFY_CHECK_JSON;
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
          report->format = JLN_VERIFY_FORMAT_JWT;
          verify_credential (report, jws, options);
          return report;
        }
    }

  baked = jln_bake_extract (file, &error);
  if (baked == NULL)
    {
      report->error = g_strdup (error->message);
      if (g_error_matches (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON))
        report->error_check = JLN_VERIFY_CHECK_JSON;
      decide (report);
      return report;
    }
  report->format = verify_format (baked->format);
  report->ob_version = baked->ob_version;

  if (baked->ob_version == 2 && jln_baked_credential_is_url (baked))
    {
      report->json_unread = TRUE;
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
      report->error_check = JLN_VERIFY_CHECK_JSON;
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
    case JLN_VERIFY_FORMAT_JWT: return "JWT";
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
    case JLN_VERIFY_DATES_NOT_CHECKED: return "not-checked";
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
  if (r->binding == JLN_VERIFY_BINDING_MISMATCH && r->binding_message)
    return r->binding_message;
  if (r->proof && r->proof->status != JLN_PROOF_VALID &&
      r->proof->status != JLN_PROOF_UNSUPPORTED && r->proof->status != JLN_PROOF_KEY_UNRESOLVABLE)
    return r->proof->message ? r->proof->message : _("The signature is not valid.");
  if (r->dates == JLN_VERIFY_DATES_NOT_YET_VALID)
    return _("not valid yet");
  if (r->dates == JLN_VERIFY_DATES_EXPIRED)
    return _("expired");
  if (r->dates == JLN_VERIFY_DATES_INVALID)
    return _("The validity dates are missing or not real dates.");
  if (r->status == JLN_VERIFY_STATUS_REVOKED)
    return _("revoked by its issuer");
  if (r->status == JLN_VERIFY_STATUS_ERROR)
    return r->status_message;
  if (r->recipient == JLN_VERIFY_RECIPIENT_MISMATCH)
    return _("it was not awarded to this e-mail address");
  if (r->proof && r->proof->message)
    return r->proof->message;
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

  if (r->ob_version == 2 && r->verdict == JLN_VERIFY_UNVERIFIABLE)
    {
      g_string_append_printf (line, _("OB 2.0 %s (hosted/signed verification needs the issuer’s server: not verified offline)"),
                              format_name (r->format));
      return g_string_free (line, FALSE);
    }
  if (r->ob_version == 2)
    g_string_append_printf (line, "OB 2.0 %s", format_name (r->format));
  else if (r->ob_version == 3)
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
      for (guint i = 0; i < r->warnings->len; i++)
        g_string_append_printf (line, "; %s %s", _("warning:"), (const char *) g_ptr_array_index (r->warnings, i));
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
  add_opt (b, "issuerKey", r->binding == JLN_VERIFY_BINDING_MATCH ? "match"
                           : r->binding == JLN_VERIFY_BINDING_MISMATCH ? "mismatch" : "not-checked");
  if (r->proof && r->proof->controller)
    add_opt (b, "keyController", r->proof->controller);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (r->warnings, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "checks");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->checks->len; i++)
    {
      const JlnVerifyCheck *c = g_ptr_array_index (r->checks, i);

      json_builder_begin_object (b);
      add_opt (b, "id", c->id);
      add_opt (b, "outcome", jln_verify_check_outcome_to_string (c->outcome));
      add_opt (b, "message", c->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
