/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The one reader of an OB 3.0 credential for display: what views (the
 * verify window, the CLI, certificates) show of a badge, read leniently from
 * any credential — ours or someone else's — without judging it (that is
 * jln_verify's job). Every string may be NULL; URLs are kept as found, never
 * fetched. */

typedef struct {
  char *id;
  char *name;
  char *description;
  char *narrative;
  char *genre;
} JlnCredentialDetailsEvidence;

typedef struct {
  char      *id;                  /* the credential's id */
  char      *name;                /* the credential's name */
  char      *description;         /* the credential's own description */

  char      *issuer_id;           /* issuer.id, or issuer when it is a string */
  char      *issuer_name;
  char      *issuer_url;
  char      *issuer_email;

  char      *achievement_id;
  char      *achievement_name;
  char      *achievement_description;
  char      *achievement_type;    /* achievementType ("Badge", "Competency"…) */
  char      *criteria_id;
  char      *criteria_narrative;
  char      *image;               /* the achievement's image: URL or data: URI */

  char      *valid_from;          /* validFrom, or the VC 1.1 issuanceDate */
  char      *valid_until;         /* validUntil, or the VC 1.1 expirationDate */

  char      *status_list;         /* credentialStatus.statusListCredential */
  char      *status_index;
  char      *status_purpose;

  gboolean   has_recipient;       /* credentialSubject.identifier names someone */
  gboolean   recipient_hashed;
  char      *recipient_type;      /* identityType ("emailAddress"…) */
  char      *recipient_identity;  /* identityHash: the hash, or the identity itself when not hashed */
  char      *recipient_salt;

  GPtrArray *evidence;            /* JlnCredentialDetailsEvidence*, never NULL */
} JlnCredentialDetails;

void                  jln_credential_details_free (JlnCredentialDetails *details);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnCredentialDetails, jln_credential_details_free)

/* NULL when @credential is not a JSON object. */
JlnCredentialDetails *jln_credential_read_details (JsonNode *credential);

/* Whether @status_list (a status list credential) is the one the credential
 * refers to: same id as its credentialStatus.statusListCredential. (Whether
 * it can be trusted is jln_verify's question.) */
gboolean              jln_credential_details_uses_status_list (const JlnCredentialDetails *details,
                                                               JsonNode                   *status_list);

G_END_DECLS
