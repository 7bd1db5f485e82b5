/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "jln-bake.h"

G_BEGIN_DECLS

/* Open Badges 2.0, for platforms that do not read 3.0 yet (Moodle, older
 * Badgr/Open Badge Passport): hosted verification, i.e. the JSON files are
 * published under a public base URL and the verifier fetches them.
 *
 * Export: JSON-LD builders from plain structs (strings are borrowed; NULL
 * means "leave the property out"). Ids are derived from @base_url and each
 * object's @key (letters, digits, '-', '_', '.'), see jln_ob2_url().
 *
 * Import: reads a third-party OB 2.0 assertion (embedded or by URL badge and
 * issuer) into JlnOb2Import for display. Nothing is fetched: URLs are kept. */

#define JLN_OB2_CONTEXT "https://w3id.org/openbadges/v2"

typedef enum {
  JLN_OB2_ISSUER,
  JLN_OB2_BADGE_CLASS,
  JLN_OB2_ASSERTION,
  JLN_OB2_REVOCATION_LIST,
} JlnOb2Kind;

typedef struct {
  const char *key;            /* required */
  const char *name;           /* required */
  const char *url;            /* required: the programme's web page */
  const char *email;
  const char *description;
  const char *image;          /* URL or data: URI */
} JlnOb2Issuer;

typedef struct {
  const char  *key;           /* required */
  const char  *name;          /* required */
  const char  *description;   /* required */
  const char  *image;         /* required: URL or data: URI */
  const char  *criteria_narrative;  /* markdown; at least one of narrative/url */
  const char  *criteria_url;
  const char *const *tags;    /* NULL-terminated, may be NULL */
} JlnOb2BadgeClass;

typedef struct {
  const char *key;            /* required */
  const char *recipient;      /* required: e-mail address (or url/telephone per recipient_type) */
  const char *recipient_type; /* NULL: "email" */
  const char *salt;           /* NULL: a random salt is made */
  GDateTime  *issued_on;      /* required */
  GDateTime  *expires;
  const char *image;          /* the baked image's URL */
  const char *evidence_url;
  const char *narrative;
} JlnOb2Assertion;

typedef struct {
  const char *assertion_key;  /* required */
  const char *reason;         /* may be NULL */
} JlnOb2Revocation;

/* "{base_url}/issuers/{key}.json", "…/badges/{key}.json",
 * "…/assertions/{key}.json", "…/issuers/{key}/revocations.json" (key is the
 * issuer's). NULL if @key has characters outside [A-Za-z0-9._-]. */
char     *jln_ob2_url                      (const char *base_url,
                                            JlnOb2Kind  kind,
                                            const char *key);

/* "sha256$" + hex(SHA-256(identity || salt)), as OB 2.0 specifies. */
char     *jln_ob2_hash_identity            (const char *identity,
                                            const char *salt);

/* Each returns a JSON object node, or NULL with JLN_OB_ERROR_INVALID_CREDENTIAL
 * naming the missing required field. */
JsonNode *jln_ob2_build_issuer             (const char          *base_url,
                                            const JlnOb2Issuer  *issuer,
                                            GError             **error);
JsonNode *jln_ob2_build_badge_class        (const char              *base_url,
                                            const JlnOb2BadgeClass  *badge,
                                            const JlnOb2Issuer      *issuer,
                                            GError                 **error);
JsonNode *jln_ob2_build_assertion          (const char              *base_url,
                                            const JlnOb2Assertion   *assertion,
                                            const JlnOb2BadgeClass  *badge,
                                            GError                 **error);
JsonNode *jln_ob2_build_revocation_list    (const char              *base_url,
                                            const JlnOb2Issuer      *issuer,
                                            const JlnOb2Revocation  *revoked,
                                            gsize                    n_revoked,
                                            GError                 **error);

/* What a coach or participant sees of someone else's OB 2.0 badge. Every
 * string may be NULL; *_url fields are kept as found, never fetched. */
typedef struct {
  char      *assertion_id;       /* the assertion's URL (hosted) or urn */
  char      *badge_id;
  char      *badge_name;         /* NULL when the badge is only a URL */
  char      *badge_description;
  char      *badge_image;        /* URL or data: URI */
  char      *criteria_url;
  char      *criteria_narrative;
  char      *issuer_id;
  char      *issuer_name;
  char      *issuer_url;
  char      *issued_on;          /* as written (ISO 8601 or Unix time) */
  GDateTime *issued_on_date;     /* parsed, NULL if unparsable */
  char      *expires;
  gboolean   recipient_hashed;
  char      *recipient_type;     /* "email", "url", … */
  char      *recipient_identity; /* plain identity when not hashed, else the hash */
  char      *verification_type;  /* "hosted", "signed" */
  gboolean   revoked;            /* an OB 1.x/2.0 "revoked": true in the assertion */
  gboolean   needs_network;      /* only a URL was baked: nothing else is known */
} JlnOb2Import;

void          jln_ob2_import_free   (JlnOb2Import *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnOb2Import, jln_ob2_import_free)

/* Reads an assertion (JSON object). Fails with JLN_OB_ERROR_INVALID_CREDENTIAL
 * when it is not an OB 2.0 assertion. */
JlnOb2Import *jln_ob2_import_assertion (JsonNode *assertion, GError **error);

/* Reads an extracted OB 2.0 payload: JSON text, or a URL (then only
 * assertion_id is set and needs_network is TRUE). */
JlnOb2Import *jln_ob2_import_baked     (const JlnBakedCredential *baked, GError **error);

G_END_DECLS
