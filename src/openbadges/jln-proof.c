/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include <glib/gi18n.h>
#include <string.h>

#include "jln-jsonld.h"
#include "jln-multibase.h"
#include "jln-ob-date.h"
#include "jln-ob-error.h"
#include "jln-ob-json.h"
#include "jln-proof.h"
#include "jln-rdfc.h"

void
jln_proof_result_free (JlnProofResult *result)
{
  if (result == NULL)
    return;
  g_free (result->suite);
  g_free (result->verification_method);
  g_free (result->created);
  g_free (result->message);
  g_free (result->controller);
  g_free (result);
}

void
jln_proof_key_info_clear (JlnProofKeyInfo *info)
{
  if (info == NULL)
    return;
  g_clear_pointer (&info->controller, g_free);
  g_clear_pointer (&info->assertion_method, g_strfreev);
}

/* "#key-1" in the document @base_id is "did:web:example.org#key-1". */
static char *
absolute_id (const char *id, const char *base_id)
{
  const char *hash;

  if (id[0] != '#' || base_id == NULL)
    return g_strdup (id);
  hash = strchr (base_id, '#');
  if (hash != NULL)
    {
      g_autofree char *base = g_strndup (base_id, hash - base_id);

      return g_strconcat (base, id, NULL);
    }
  return g_strconcat (base_id, id, NULL);
}

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}


/* The members of @node (a string, an object with "id", or a list of them),
 * as absolute ids. */
static GPtrArray *
collect_ids (JsonNode *node, const char *base_id)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonArray) array = NULL;

  if (node == NULL)
    return ids;
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
      const char *id = node_string (e);

      if (id == NULL && JSON_NODE_HOLDS_OBJECT (e))
        id = jln_ob_json_get_string (json_node_get_object (e), "id");
      if (id != NULL)
        g_ptr_array_add (ids, absolute_id (id, base_id));
    }
  return ids;
}

gboolean
jln_proof_key_info_from_document (JsonNode        *controller_document,
                                  const char      *verification_method,
                                  JlnProofKeyInfo *info,
                                  GError         **error)
{
  JsonObject *document, *method = NULL;
  const char *doc_id, *multikey = NULL;
  g_autoptr(GPtrArray) asserted = NULL;
  JsonNode *methods;

  g_return_val_if_fail (controller_document != NULL, FALSE);
  g_return_val_if_fail (verification_method != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  doc_id = JSON_NODE_HOLDS_OBJECT (controller_document)
           ? jln_ob_json_get_string (json_node_get_object (controller_document), "id") : NULL;
  if (doc_id == NULL)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                   _("The document that should describe the key “%s” has no “id”."),
                   verification_method);
      return FALSE;
    }
  document = json_node_get_object (controller_document);

  /* The method itself: embedded in verificationMethod (or, less often,
   * directly in assertionMethod). */
  for (guint pass = 0; pass < 2 && method == NULL; pass++)
    {
      g_autoptr(JsonArray) array = NULL;

      methods = json_object_get_member (document, pass == 0 ? "verificationMethod" : "assertionMethod");
      if (methods == NULL)
        continue;
      if (JSON_NODE_HOLDS_ARRAY (methods))
        array = json_array_ref (json_node_get_array (methods));
      else
        {
          array = json_array_new ();
          json_array_add_element (array, json_node_copy (methods));
        }
      for (guint i = 0; i < json_array_get_length (array) && method == NULL; i++)
        {
          JsonNode *e = json_array_get_element (array, i);
          const char *id;
          g_autofree char *absolute = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (e))
            continue;
          id = jln_ob_json_get_string (json_node_get_object (e), "id");
          if (id == NULL)
            continue;
          absolute = absolute_id (id, doc_id);
          if (g_str_equal (absolute, verification_method))
            method = json_node_get_object (e);
        }
    }
  if (method != NULL)
    multikey = jln_ob_json_get_string (method, "publicKeyMultibase");
  if (method == NULL || multikey == NULL)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                   _("The key “%s” is not described in its issuer’s document."),
                   verification_method);
      return FALSE;
    }
  if (!jln_ob_multikey_decode (multikey, info->public_key, error))
    return FALSE;

  asserted = collect_ids (json_object_get_member (document, "assertionMethod"), doc_id);
  g_ptr_array_add (asserted, NULL);
  g_clear_pointer (&info->controller, g_free);
  g_clear_pointer (&info->assertion_method, g_strfreev);
  info->controller = g_strdup (doc_id);
  info->assertion_method = (GStrv) g_ptr_array_free (g_steal_pointer (&asserted), FALSE);
  return TRUE;
}

const char *
jln_proof_status_to_string (JlnProofStatus status)
{
  switch (status)
    {
    case JLN_PROOF_VALID: return "valid";
    case JLN_PROOF_MISSING: return "missing";
    case JLN_PROOF_MALFORMED: return "malformed";
    case JLN_PROOF_INVALID_SIGNATURE: return "invalid-signature";
    case JLN_PROOF_UNSUPPORTED: return "unsupported";
    case JLN_PROOF_KEY_UNRESOLVABLE: return "key-unresolvable";
    case JLN_PROOF_CANON_FAILED: return "canonicalization-failed";
    default: return "unknown";
    }
}

char *
jln_proof_canonicalize (JsonNode *document, GError **error)
{
  /* As Digital Bazaar's eddsa-rdfc-2022 canonicalises: safe mode (VC Data
   * Integrity 1.0, 2.4: what JSON-LD would drop is refused, not left
   * unsigned) and directions kept as i18n datatypes. */
  const JlnJsonLdOptions options = {
    .safe = TRUE,
    .rdf_direction = "i18n-datatype",
  };
  /* And rdf-canonize's default work bound, which those verifiers apply. */
  const JlnRdfcOptions rdfc_options = { .reference_work_factor = TRUE };
  g_autoptr(JlnRdfDataset) dataset = NULL;

  g_return_val_if_fail (document != NULL, NULL);

  dataset = jln_jsonld_to_rdf (document, &options, error);
  if (dataset == NULL)
    return NULL;
  return jln_rdfc_canonicalize (dataset, &rdfc_options, NULL, error);
}

void
jln_proof_hash_data (const char *proof_canonical,
                     const char *document_canonical,
                     guint8      data[2 * JLN_OB_SHA256_SIZE])
{
  jln_ob_sha256 (proof_canonical, strlen (proof_canonical), data);
  jln_ob_sha256 (document_canonical, strlen (document_canonical), data + JLN_OB_SHA256_SIZE);
}

/* A copy of @document without its "proof" member, members in the same order. */
static JsonNode *
unsecured_document (JsonObject *document)
{
  JsonObject *copy = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, document);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_str_equal (name, "proof"))
      json_object_set_member (copy, name, json_node_ref (value)); /* shared, read-only */
  json_node_take_object (node, copy);
  return node;
}

/* The proof options document: the document's @context, then the proof's
 * members except proofValue (and any @context of the proof's own). */
static JsonNode *
proof_options (JsonObject *document, JsonObject *proof)
{
  JsonObject *options = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonNode *context = json_object_get_member (document, "@context");
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  /* Nodes are shared, not copied: the options document is only read. */
  if (context != NULL)
    json_object_set_member (options, "@context", json_node_ref (context));
  json_object_iter_init (&iter, proof);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_str_equal (name, "proofValue") && !g_str_equal (name, "@context"))
      json_object_set_member (options, name, json_node_ref (value));
  json_node_take_object (node, options);
  return node;
}

static char *
format_created (GDateTime *created)
{
  g_autoptr(GDateTime) now = NULL;

  if (created == NULL)
    created = now = g_date_time_new_now_utc ();
  return jln_ob_format_date_time (created);
}

gboolean
jln_proof_add (JsonObject  *document,
               JlnObKey    *key,
               const char  *verification_method,
               GDateTime   *created,
               GError     **error)
{
  g_autofree char *vm = NULL;
  g_autofree char *created_text = NULL;
  g_autofree char *doc_canon = NULL;
  g_autofree char *proof_canon = NULL;
  g_autofree char *proof_value = NULL;
  g_autoptr(JsonNode) doc_node = NULL;
  g_autoptr(JsonNode) options_node = NULL;
  guint8 data[2 * JLN_OB_SHA256_SIZE];
  guint8 signature[JLN_OB_SIGNATURE_SIZE];
  JsonObject *proof;
  JsonArray *proofs;

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (json_object_has_member (document, "proof"))
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                   _("This credential is already signed."));
      return FALSE;
    }
  if (!json_object_has_member (document, "@context"))
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                   _("This credential has no “@context”; it cannot be signed."));
      return FALSE;
    }

  vm = verification_method ? g_strdup (verification_method)
                           : jln_ob_key_get_verification_method (key);
  created_text = format_created (created);

  proof = json_object_new ();
  json_object_set_string_member (proof, "type", "DataIntegrityProof");
  json_object_set_string_member (proof, "created", created_text);
  json_object_set_string_member (proof, "verificationMethod", vm);
  json_object_set_string_member (proof, "cryptosuite", JLN_PROOF_CRYPTOSUITE);
  json_object_set_string_member (proof, "proofPurpose", "assertionMethod");

  doc_node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (doc_node, document);
  options_node = proof_options (document, proof);

  doc_canon = jln_proof_canonicalize (doc_node, error);
  if (doc_canon == NULL)
    {
      json_object_unref (proof);
      return FALSE;
    }
  proof_canon = jln_proof_canonicalize (options_node, error);
  if (proof_canon == NULL)
    {
      json_object_unref (proof);
      return FALSE;
    }

  jln_proof_hash_data (proof_canon, doc_canon, data);
  jln_ob_key_sign (key, data, sizeof data, signature);
  proof_value = jln_multibase_encode (JLN_MULTIBASE_BASE58BTC, signature, sizeof signature);
  json_object_set_string_member (proof, "proofValue", proof_value);

  proofs = json_array_new ();
  json_array_add_object_element (proofs, proof);
  json_object_set_array_member (document, "proof", proofs);
  return TRUE;
}

static JlnProofResult *
result_new (JlnProofStatus status, const char *suite, char *message)
{
  JlnProofResult *result = g_new0 (JlnProofResult, 1);

  result->status = status;
  result->suite = g_strdup (suite);
  result->message = message;
  return result;
}


/* A VC-JWT is a compact JWS "header.payload.signature": name its algorithm. */
static JlnProofResult *
verify_jws (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ".", 4);
  g_autofree guint8 *header = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *alg = NULL;
  gsize len = 0;

  if (g_strv_length (parts) != 3 ||
      (header = jln_base64url_decode (parts[0], &len, NULL)) == NULL)
    return result_new (JLN_PROOF_MALFORMED, NULL,
                       g_strdup (_("This is neither a JSON credential nor a signed token (JWT).")));

  /* The header is untrusted: through the strict front door. */
  root = jln_ob_parse_json ((const char *) header, len, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    alg = jln_ob_json_get_string (json_node_get_object (root), "alg");
  if (alg == NULL)
    return result_new (JLN_PROOF_MALFORMED, "VC-JWT",
                       g_strdup (_("This signed token (JWT) has no readable algorithm.")));
  return result_new (JLN_PROOF_UNSUPPORTED, alg,
                     g_strdup_printf (_("This badge is signed as a VC-JWT with the algorithm %s, which is not supported: it cannot be verified here."),
                                      alg));
}

/* did:key resolves offline: its DID document lists its one key under
 * assertionMethod, and its controller is the DID itself. */
static gboolean
resolve_did_key (const char *vm, JlnProofKeyInfo *info, GError **error)
{
  const char *hash = strchr (vm, '#');
  g_autofree char *did = hash ? g_strndup (vm, hash - vm) : g_strdup (vm);
  g_autofree char *method_id = NULL;

  if (!jln_ob_did_key_resolve (vm, info->public_key, error))
    return FALSE;
  method_id = hash ? g_strdup (vm) : g_strconcat (did, "#", did + strlen ("did:key:"), NULL);
  g_clear_pointer (&info->controller, g_free);
  g_clear_pointer (&info->assertion_method, g_strfreev);
  info->controller = g_steal_pointer (&did);
  info->assertion_method = g_new0 (char *, 2);
  info->assertion_method[0] = g_steal_pointer (&method_id);
  return TRUE;
}

/* Sorts a verification method into what it is before anyone resolves it:
 * a malformed one (no scheme, an unknown scheme or DID method) is an error
 * in the badge, not a key that needs the network. */
static JlnProofStatus
classify_method (const char *vm, char **message)
{
  g_autofree char *scheme = g_uri_parse_scheme (vm);

  if (scheme == NULL)
    {
      *message = g_strdup_printf (_("The signature’s key “%s” is not an address (it should start with did: or https:)."), vm);
      return JLN_PROOF_MALFORMED;
    }
  if (g_ascii_strcasecmp (scheme, "did") == 0)
    {
      if (g_str_has_prefix (vm, "did:key:"))
        return JLN_PROOF_VALID;
      if (g_str_has_prefix (vm, "did:web:"))
        {
          *message = g_strdup_printf (_("The issuer’s key “%s” can only be fetched over the network; it cannot be checked offline."), vm);
          return JLN_PROOF_KEY_UNRESOLVABLE;
        }
      *message = g_strdup_printf (_("The signature’s key “%s” uses a kind of DID that does not exist or is not supported."), vm);
      return JLN_PROOF_MALFORMED;
    }
  if (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0)
    {
      *message = g_strdup_printf (_("The issuer’s key “%s” can only be fetched over the network; it cannot be checked offline."), vm);
      return JLN_PROOF_KEY_UNRESOLVABLE;
    }
  *message = g_strdup_printf (_("The signature’s key “%s” has an unknown kind of address (%s:)."), vm, scheme);
  return JLN_PROOF_MALFORMED;
}

/* JLN_PROOF_VALID with @info filled, or the status and why not. */
static JlnProofStatus
resolve_key (const JlnProofVerifyOptions *options,
             const char                  *vm,
             JlnProofKeyInfo             *info,
             char                       **message)
{
  g_autoptr(GError) error = NULL;
  JlnProofStatus kind;
  g_autofree char *kind_message = NULL;

  kind = classify_method (vm, &kind_message);
  if (kind == JLN_PROOF_MALFORMED)
    {
      *message = g_steal_pointer (&kind_message);
      return kind;
    }
  if (options != NULL && options->resolve_key != NULL)
    {
      if (options->resolve_key (vm, info, options->user_data, &error))
        {
          if (info->controller == NULL)
            {
              *message = g_strdup_printf (_("Nobody is named as the holder of the key “%s”."), vm);
              return JLN_PROOF_MALFORMED;
            }
          return JLN_PROOF_VALID;
        }
      if (error != NULL && !g_error_matches (error, JLN_OB_ERROR, JLN_OB_ERROR_NOT_FOUND))
        {
          *message = g_strdup (error->message);
          return g_error_matches (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED)
                 ? JLN_PROOF_UNSUPPORTED : JLN_PROOF_MALFORMED;
        }
      g_clear_error (&error);
    }
  if (kind == JLN_PROOF_KEY_UNRESOLVABLE)
    {
      *message = g_steal_pointer (&kind_message);
      return kind;
    }
  if (resolve_did_key (vm, info, &error))
    return JLN_PROOF_VALID;
  *message = g_strdup (error->message);
  return g_error_matches (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED)
         ? JLN_PROOF_UNSUPPORTED : JLN_PROOF_MALFORMED;
}

static JlnProofResult *
verify_one_proof (JsonObject                  *document,
                  JsonNode                    *proof_node,
                  char                       **doc_canon,
                  const JlnProofVerifyOptions *options)
{
  g_autoptr(JlnProofResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) options_node = NULL;
  g_autofree guint8 *signature = NULL;
  g_autofree char *proof_canon = NULL;
  g_auto(JlnProofKeyInfo) key_info = { { 0 } };
  guint8 data[2 * JLN_OB_SHA256_SIZE];
  JsonObject *proof;
  const char *type, *suite, *value, *vm, *purpose;
  gsize sig_len = 0;

  if (!JSON_NODE_HOLDS_OBJECT (proof_node))
    return result_new (JLN_PROOF_MALFORMED, NULL,
                       g_strdup (_("The signature (“proof”) is not a JSON object.")));
  proof = json_node_get_object (proof_node);

  type = jln_ob_json_get_string (proof, "type");
  if (type == NULL)
    return result_new (JLN_PROOF_MALFORMED, NULL,
                       g_strdup (_("The signature (“proof”) has no type.")));
  if (g_str_equal (type, "DataIntegrityProof"))
    {
      suite = jln_ob_json_get_string (proof, "cryptosuite");
      if (suite == NULL)
        return result_new (JLN_PROOF_MALFORMED, type,
                           g_strdup (_("The signature (“proof”) names no cryptosuite.")));
      if (!g_str_equal (suite, JLN_PROOF_CRYPTOSUITE))
        return result_new (JLN_PROOF_UNSUPPORTED, suite,
                           g_strdup_printf (_("The signature uses the cryptosuite “%s”, which is not supported (only eddsa-rdfc-2022 and Ed25519Signature2020 are)."),
                                            suite));
    }
  else if (g_str_equal (type, "Ed25519Signature2020"))
    suite = type;
  else
    return result_new (JLN_PROOF_UNSUPPORTED, type,
                       g_strdup_printf (_("The signature is of type “%s”, which is not supported (only eddsa-rdfc-2022 and Ed25519Signature2020 are)."),
                                        type));

  result = result_new (JLN_PROOF_VALID, suite, NULL);
  vm = jln_ob_json_get_string (proof, "verificationMethod");
  result->verification_method = g_strdup (vm);
  result->created = g_strdup (jln_ob_json_get_string (proof, "created"));

  value = jln_ob_json_get_string (proof, "proofValue");
  purpose = jln_ob_json_get_string (proof, "proofPurpose");
  if (value == NULL || vm == NULL || purpose == NULL)
    {
      result->status = JLN_PROOF_MALFORMED;
      result->message = g_strdup (_("The signature is incomplete (it needs a proofValue, a verificationMethod and a proofPurpose)."));
      return g_steal_pointer (&result);
    }
  if (!g_str_equal (purpose, "assertionMethod"))
    {
      result->status = JLN_PROOF_MALFORMED;
      result->message = g_strdup_printf (_("The signature’s purpose is “%s”; a badge must be signed for “assertionMethod”."),
                                         purpose);
      return g_steal_pointer (&result);
    }
  if (value[0] != 'z')
    {
      result->status = JLN_PROOF_MALFORMED;
      result->message = g_strdup (_("The signature value is not written in base58 (it must start with “z”)."));
      return g_steal_pointer (&result);
    }
  signature = jln_multibase_decode (value, &sig_len, &error);
  if (signature == NULL || sig_len != JLN_OB_SIGNATURE_SIZE)
    {
      result->status = JLN_PROOF_MALFORMED;
      result->message = error ? g_strdup (error->message)
                              : g_strdup (_("The signature value has the wrong length: it is truncated or damaged."));
      return g_steal_pointer (&result);
    }

  result->status = resolve_key (options, vm, &key_info, &result->message);
  if (result->status != JLN_PROOF_VALID)
    return g_steal_pointer (&result);
  result->controller = g_strdup (key_info.controller);
  result->asserts = key_info.assertion_method != NULL &&
                    g_strv_contains ((const char * const *) key_info.assertion_method, vm);

  if (*doc_canon == NULL)
    {
      g_autoptr(JsonNode) doc_node = unsecured_document (document);

      *doc_canon = jln_proof_canonicalize (doc_node, &error);
      if (*doc_canon == NULL)
        {
          result->status = JLN_PROOF_CANON_FAILED;
          result->message = g_strdup (error->message);
          return g_steal_pointer (&result);
        }
    }
  options_node = proof_options (document, proof);
  proof_canon = jln_proof_canonicalize (options_node, &error);
  if (proof_canon == NULL)
    {
      result->status = JLN_PROOF_CANON_FAILED;
      result->message = g_strdup (error->message);
      return g_steal_pointer (&result);
    }

  jln_proof_hash_data (proof_canon, *doc_canon, data);
  if (!jln_ob_ed25519_verify (key_info.public_key, data, sizeof data, signature, sig_len))
    {
      result->status = JLN_PROOF_INVALID_SIGNATURE;
      result->message = g_strdup (_("The signature does not match: the badge was changed after it was signed, or it was not signed by this key."));
    }
  return g_steal_pointer (&result);
}

/* Every result names the key it was about, even a suite we cannot check:
 * the issuer binding can still be judged from a did:key's name. */
static JlnProofResult *
verify_one (JsonObject                  *document,
            JsonNode                    *proof_node,
            char                       **doc_canon,
            const JlnProofVerifyOptions *options)
{
  JlnProofResult *result = verify_one_proof (document, proof_node, doc_canon, options);

  if (result->verification_method == NULL && JSON_NODE_HOLDS_OBJECT (proof_node))
    result->verification_method = g_strdup (jln_ob_json_get_string (json_node_get_object (proof_node),
                                                           "verificationMethod"));
  return result;
}

JlnProofResult *
jln_proof_verify (JsonNode                    *document,
                  const JlnProofVerifyOptions *options)
{
  g_autofree char *doc_canon = NULL;
  JlnProofResult *first = NULL;
  JsonObject *object;
  JsonNode *proof;

  if (document == NULL)
    return result_new (JLN_PROOF_MISSING, NULL, g_strdup (_("There is no credential to check.")));

  if (JSON_NODE_HOLDS_VALUE (document) &&
      json_node_get_value_type (document) == G_TYPE_STRING)
    return verify_jws (json_node_get_string (document));

  if (!JSON_NODE_HOLDS_OBJECT (document))
    return result_new (JLN_PROOF_MALFORMED, NULL,
                       g_strdup (_("The credential is not a JSON object.")));

  object = json_node_get_object (document);
  proof = json_object_get_member (object, "proof");
  if (proof == NULL || JSON_NODE_HOLDS_NULL (proof) ||
      (JSON_NODE_HOLDS_ARRAY (proof) && json_array_get_length (json_node_get_array (proof)) == 0))
    return result_new (JLN_PROOF_MISSING, NULL,
                       g_strdup (_("This badge is not signed (it has no “proof”).")));

  if (JSON_NODE_HOLDS_ARRAY (proof))
    {
      JsonArray *proofs = json_node_get_array (proof);

      /* Every proof must hold: an extra proof we cannot check is reported,
       * not silently skipped. */
      for (guint i = 0; i < json_array_get_length (proofs); i++)
        {
          JlnProofResult *result = verify_one (object, json_array_get_element (proofs, i),
                                               &doc_canon, options);

          if (result->status != JLN_PROOF_VALID)
            {
              jln_proof_result_free (first);
              return result;
            }
          if (first == NULL)
            first = result;
          else
            jln_proof_result_free (result);
        }
      return first;
    }

  return verify_one (object, proof, &doc_canon, options);
}
