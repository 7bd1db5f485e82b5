/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "jln-ob-key.h"

G_BEGIN_DECLS

/* Data Integrity proofs: eddsa-rdfc-2022 (written and checked) and the legacy
 * Ed25519Signature2020 (checked). Both sign
 *   SHA-256(RDFC-1.0(proof options)) || SHA-256(RDFC-1.0(document))
 * where the proof options are the proof without proofValue, given the
 * document's @context, and the document is the credential without "proof". */

#define JLN_PROOF_CRYPTOSUITE "eddsa-rdfc-2022"

typedef enum {
  JLN_PROOF_VALID,
  JLN_PROOF_MISSING,              /* no proof at all */
  JLN_PROOF_MALFORMED,            /* proof present but incomplete or badly encoded */
  JLN_PROOF_INVALID_SIGNATURE,    /* the document or proof was changed, or the wrong key */
  JLN_PROOF_UNSUPPORTED,          /* suite or algorithm we cannot check (named in suite) */
  JLN_PROOF_KEY_UNRESOLVABLE,     /* the key needs the network (did:web, https…) */
  JLN_PROOF_CANON_FAILED,         /* the document cannot be canonicalised (unknown context…) */
} JlnProofStatus;

typedef struct {
  JlnProofStatus status;
  char *suite;                  /* "eddsa-rdfc-2022", "Ed25519Signature2020", "RS256"…; may be NULL */
  char *verification_method;    /* may be NULL */
  char *created;                /* may be NULL */
  char *message;                /* why, in a coach's words; NULL when valid */
  /* Who holds the key: the "id" of the controller document that lists the
   * verification method (for did:key, the DID before "#"). NULL when the key
   * was not resolved. Whether that controller is the issuer the credential
   * names is for the caller to decide (jln_verify does). */
  char *controller;
  /* The controller document lists the method under "assertionMethod". */
  gboolean asserts;
} JlnProofResult;

void jln_proof_result_free (JlnProofResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnProofResult, jln_proof_result_free)

/* What resolving a verification method tells: its key, and the controller
 * document it was found in. */
typedef struct {
  guint8  public_key[JLN_OB_KEY_PUBLIC_SIZE];
  char   *controller;         /* the controller document's "id" */
  GStrv   assertion_method;   /* the ids it lists under "assertionMethod"; may be NULL */
} JlnProofKeyInfo;

void      jln_proof_key_info_clear (JlnProofKeyInfo *info);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JlnProofKeyInfo, jln_proof_key_info_clear)

/* Returns TRUE and fills @info when @verification_method is known; FALSE
 * with an error otherwise (JLN_OB_ERROR_NOT_FOUND: it would need the
 * network). Without a resolver, or when it fails with NOT_FOUND, did:key is
 * resolved offline. */
typedef gboolean (*JlnProofKeyResolver) (const char      *verification_method,
                                         JlnProofKeyInfo *info,
                                         gpointer         user_data,
                                         GError         **error);

/* Fills @info from a controller document (a DID document, or any document
 * with "id", "verificationMethod" and "assertionMethod") that a resolver
 * fetched for @verification_method: the method is looked up by id (absolute
 * or "#fragment"), its key read from "publicKeyMultibase" (Multikey or
 * Ed25519VerificationKey2020). For resolvers, including offline ones. */
gboolean  jln_proof_key_info_from_document (JsonNode        *controller_document,
                                            const char      *verification_method,
                                            JlnProofKeyInfo *info,
                                            GError         **error);

typedef struct {
  JlnProofKeyResolver resolve_key;   /* NULL: did:key only */
  gpointer            user_data;
} JlnProofVerifyOptions;

/* JSON-LD toRdf (offline contexts) then RDFC-1.0: canonical N-Quads, as
 * Digital Bazaar's eddsa-rdfc-2022 makes them (jsonld.js safe mode,
 * rdfDirection "i18n-datatype"). A document JSON-LD would drop part of
 * (an undefined term, a relative IRI…) is refused with
 * JLN_OB_ERROR_DATA_LOSS naming it: that part would not be signed. */
char     *jln_proof_canonicalize (JsonNode *document, GError **error);

/* SHA-256(proof_canon) || SHA-256(document_canon), the 64 bytes signed. */
void      jln_proof_hash_data    (const char *proof_canonical,
                                  const char *document_canonical,
                                  guint8      data[2 * JLN_OB_SHA256_SIZE]);

/* Adds "proof": [ DataIntegrityProof eddsa-rdfc-2022 ] to @document (a JSON
 * object without a proof). @verification_method NULL: the key's did:key
 * method; @created NULL: now. On error the document is left unchanged. */
gboolean  jln_proof_add          (JsonObject  *document,
                                  JlnObKey    *key,
                                  const char  *verification_method,
                                  GDateTime   *created,
                                  GError     **error);

/* Checks every proof of @document (a JSON object, or a JSON string holding a
 * compact JWS, which is reported as unsupported). Never returns NULL. */
JlnProofResult *jln_proof_verify (JsonNode                    *document,
                                  const JlnProofVerifyOptions *options);

const char *jln_proof_status_to_string (JlnProofStatus status);

G_END_DECLS
