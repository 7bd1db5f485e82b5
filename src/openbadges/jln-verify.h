#pragma once

#include <json-glib/json-glib.h>

#include "jln-ob-json.h"
#include "jln-proof.h"

G_BEGIN_DECLS

/* Verification of a badge file (PNG, SVG, JSON) or credential, offline, into
 * a report a coach can read. */

typedef enum {
  JLN_VERIFY_VALID,          /* signed, intact, in date, not revoked, right recipient */
  JLN_VERIFY_INVALID,        /* something is wrong: see the report */
  JLN_VERIFY_UNVERIFIABLE,   /* cannot be checked offline (OB 2.0, did:web, other suite) */
} JlnVerifyVerdict;

typedef enum {
  JLN_VERIFY_FORMAT_UNKNOWN,
  JLN_VERIFY_FORMAT_PNG,
  JLN_VERIFY_FORMAT_SVG,
  JLN_VERIFY_FORMAT_JSON,
} JlnVerifyFormat;

typedef enum {
  JLN_VERIFY_DATES_OK,
  JLN_VERIFY_DATES_NOT_YET_VALID,
  JLN_VERIFY_DATES_EXPIRED,
  JLN_VERIFY_DATES_INVALID,      /* missing or not an xsd:dateTime */
} JlnVerifyDates;

typedef enum {
  JLN_VERIFY_STATUS_NONE,        /* the credential declares no status */
  JLN_VERIFY_STATUS_UNKNOWN,     /* declared, but no status list supplied (offline) */
  JLN_VERIFY_STATUS_ACTIVE,
  JLN_VERIFY_STATUS_REVOKED,
  JLN_VERIFY_STATUS_ERROR,       /* the supplied list does not fit or is damaged */
} JlnVerifyStatus;

typedef enum {
  JLN_VERIFY_RECIPIENT_NOT_CHECKED,
  JLN_VERIFY_RECIPIENT_MATCH,
  JLN_VERIFY_RECIPIENT_MISMATCH,
} JlnVerifyRecipient;

typedef struct {
  JlnVerifyVerdict   verdict;
  JlnVerifyFormat    format;
  int                ob_version;     /* 0 unknown, 2 or 3 */
  char              *error;          /* the file itself could not be read; NULL otherwise */
  GPtrArray         *problems;       /* char*: shape problems of the credential */
  JlnProofResult    *proof;          /* NULL when not checked (OB 2.0, unreadable) */
  JlnVerifyDates     dates;
  char              *valid_from;
  char              *valid_until;
  JlnVerifyStatus    status;
  char              *status_message;
  char              *issuer_id;
  char              *issuer_name;
  char              *credential_id;
  char              *achievement_name;
  JlnVerifyRecipient recipient;
} JlnVerifyReport;

typedef struct {
  GDateTime                   *now;          /* NULL: the current time */
  const char                  *email;        /* NULL: recipient not checked */
  JsonNode                    *status_list;  /* a BitstringStatusListCredential; NULL: offline */
  const JlnProofVerifyOptions *proof;        /* NULL: did:key only */
} JlnVerifyOptions;

void             jln_verify_report_free (JlnVerifyReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnVerifyReport, jln_verify_report_free)

/* Never return NULL; @options may be NULL. */
JlnVerifyReport *jln_verify_bytes (GBytes *file, const JlnVerifyOptions *options);
JlnVerifyReport *jln_verify_json  (JsonNode *credential, const JlnVerifyOptions *options);

/* One translated line, e.g. "valid — OB 3.0 PNG, signed by … (did:key:z6Mk…)". */
char            *jln_verify_report_to_line (const JlnVerifyReport *report);
/* The whole report as a JSON object (stable English keys and codes). */
JsonNode        *jln_verify_report_to_json (const JlnVerifyReport *report);


/* Reads bit @index of a BitstringStatusList "encodedList" (multibase 'u' or
 * bare base64url of GZIP data). */
gboolean         jln_verify_status_bit (const char *encoded_list, guint64 index,
                                        gboolean *out_bit, GError **error);

G_END_DECLS
