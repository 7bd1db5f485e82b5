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
} JlnProofResult;

void jln_proof_result_free (JlnProofResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnProofResult, jln_proof_result_free)

/* Returns TRUE and fills @public_key when @verification_method is known. The
 * default (no resolver) knows did:key only. */
typedef gboolean (*JlnProofKeyResolver) (const char *verification_method,
                                         guint8      public_key[JLN_OB_KEY_PUBLIC_SIZE],
                                         gpointer    user_data,
                                         GError    **error);

typedef struct {
  JlnProofKeyResolver resolve_key;   /* NULL: did:key only */
  gpointer            user_data;
} JlnProofVerifyOptions;

/* JSON-LD toRdf (offline contexts) then RDFC-1.0: canonical N-Quads. */
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
