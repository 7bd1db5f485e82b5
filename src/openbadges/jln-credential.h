/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "jln-ob-key.h"

G_BEGIN_DECLS

/* Builds OpenBadgeCredential (OB 3.0) documents from plain data. Every string
 * is borrowed; NULL or "" means "absent" (the JSON never holds nulls, empty
 * strings or empty arrays). */

#define JLN_CONTEXT_CREDENTIALS_V2 "https://www.w3.org/ns/credentials/v2"
#define JLN_CONTEXT_OB_V3P0        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

typedef struct {
  const char *id;          /* data: URI or URL; required for an image */
  const char *caption;
} JlnCredentialImage;

typedef struct {
  const char *target_name;         /* required for an alignment */
  const char *target_url;          /* required for an alignment */
  const char *target_description;
  const char *target_framework;
  const char *target_code;
} JlnCredentialAlignment;

typedef struct {
  const char *narrative;
  const char *name;
  const char *id;          /* optional URL of the evidence */
} JlnCredentialEvidence;

typedef struct {
  struct {
    const char *id;        /* required: did:key:… or URL */
    const char *name;      /* required */
    const char *url;
    const char *email;
    JlnCredentialImage image;
  } issuer;

  const char *id;          /* required: urn:uuid:… */
  const char *name;        /* required: the credential's name */
  GDateTime  *valid_from;  /* required */
  GDateTime  *valid_until; /* optional */

  struct {
    const char *identity_hash;   /* required: "sha256$…" (jln_credential_hash_identity) */
    const char *salt;
    const char *identity_type;   /* "emailAddress" or another identifier type */
  } recipient;

  struct {
    const char *id;              /* required, stable per badge version */
    const char *name;            /* required */
    const char *description;     /* required */
    const char *criteria_narrative; /* required, Markdown */
    JlnCredentialImage image;
    const char *in_language;
    const char *version;
    const char *const *tags;     /* NULL-terminated, may be NULL */
    const JlnCredentialAlignment *alignments;
    gsize n_alignments;
  } achievement;

  const JlnCredentialEvidence *evidence;
  gsize n_evidence;

  struct {
    const char *list_credential; /* URL of the status list credential; NULL: no status */
    guint64 index;
  } status;
} JlnCredentialInput;

/* "sha256$" + hex(sha256(identity || salt)); an e-mail address (identity
 * containing '@') is trimmed and lower-cased first. */
char     *jln_credential_hash_identity (const char *identity, const char *salt);
/* A fresh salt for one credential: 16 random bytes (libsodium), in hex.
 * One per credential, so two badges of one person carry unrelated hashes
 * and cannot be linked by them. */
char     *jln_credential_new_salt (void);

/* Unsigned credential, or NULL with JLN_OB_ERROR_INVALID_CREDENTIAL naming
 * the missing field. */
JsonNode *jln_credential_build (const JlnCredentialInput *input, GError **error);

/* Build + sign (eddsa-rdfc-2022). @verification_method NULL: the key's
 * did:key method (the issuer id should then be the key's DID); @created NULL:
 * now. Returns compact JSON text. */
char     *jln_credential_issue (const JlnCredentialInput *input,
                                JlnObKey                 *key,
                                const char               *verification_method,
                                GDateTime                *created,
                                GError                  **error);


G_END_DECLS
