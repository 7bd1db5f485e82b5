/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "jln-ob-json.h"
#include "jln-proof.h"

G_BEGIN_DECLS

/* Verification of a badge file (PNG, SVG, JSON) or credential, offline, into
 * a report a coach can read. */

/* The worst finding of the report's checks; VALID may come with warnings. */
typedef enum {
  JLN_VERIFY_VALID,          /* signed by its issuer, intact, in date, not revoked, right recipient */
  JLN_VERIFY_INVALID,        /* something is wrong: see the report */
  JLN_VERIFY_UNVERIFIABLE,   /* cannot be checked offline (OB 2.0, did:web, other suite) */
} JlnVerifyVerdict;

typedef enum {
  JLN_VERIFY_FORMAT_UNKNOWN,
  JLN_VERIFY_FORMAT_PNG,
  JLN_VERIFY_FORMAT_SVG,
  JLN_VERIFY_FORMAT_JSON,
  JLN_VERIFY_FORMAT_JWT,     /* a bare compact JWS (VC-JWT) */
} JlnVerifyFormat;

typedef enum {
  JLN_VERIFY_DATES_OK,
  JLN_VERIFY_DATES_NOT_YET_VALID,
  JLN_VERIFY_DATES_EXPIRED,
  JLN_VERIFY_DATES_INVALID,      /* missing or not an xsd:dateTime */
  JLN_VERIFY_DATES_NOT_CHECKED,  /* nothing was read that carries dates */
} JlnVerifyDates;

typedef enum {
  JLN_VERIFY_STATUS_NONE,        /* the credential declares no status */
  /* Declared, but not known: no status list given (offline), or the one
   * given cannot be trusted for this badge (status_message says why: not
   * signed by the issuer, another purpose, out of date…). Never "active". */
  JLN_VERIFY_STATUS_UNKNOWN,
  JLN_VERIFY_STATUS_ACTIVE,
  JLN_VERIFY_STATUS_REVOKED,
  JLN_VERIFY_STATUS_ERROR,       /* the badge's own status entry is unusable */
} JlnVerifyStatus;

/* Whether the key that signed is the issuer's (its controller is the issuer
 * the credential names). */
typedef enum {
  JLN_VERIFY_BINDING_NOT_CHECKED,
  JLN_VERIFY_BINDING_MATCH,
  JLN_VERIFY_BINDING_MISMATCH,
} JlnVerifyBinding;

typedef enum {
  JLN_VERIFY_CHECK_PASSED,
  JLN_VERIFY_CHECK_FAILED,
  JLN_VERIFY_CHECK_WARNING,
  JLN_VERIFY_CHECK_NOT_CHECKED,
} JlnVerifyCheckOutcome;

/* Check ids, in report order. */
#define JLN_VERIFY_CHECK_FORMAT     "format"
#define JLN_VERIFY_CHECK_JSON       "json"
#define JLN_VERIFY_CHECK_SHAPE      "shape"
#define JLN_VERIFY_CHECK_PROOF      "proof"
#define JLN_VERIFY_CHECK_ISSUER_KEY "issuer-key"
#define JLN_VERIFY_CHECK_DATES      "dates"
#define JLN_VERIFY_CHECK_STATUS     "status"
#define JLN_VERIFY_CHECK_RECIPIENT  "recipient"

typedef struct {
  const char           *id;        /* one of JLN_VERIFY_CHECK_* (static) */
  JlnVerifyCheckOutcome outcome;
  char                 *message;   /* translated, a coach's words */
} JlnVerifyCheck;

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
  const char        *error_check;    /* the JLN_VERIFY_CHECK_* @error belongs to (NULL: format) */
  gboolean           json_unread;    /* only a URL was baked (hosted OB 2.0) */
  gboolean           shape_unchecked; /* a form whose shape is not checked (VC-JWT) */
  GPtrArray         *problems;       /* char*: shape problems of the credential */
  JlnProofResult    *proof;          /* NULL when not checked (OB 2.0, unreadable) */
  JlnVerifyDates     dates;
  char              *valid_from;
  char              *valid_until;
  JlnVerifyStatus    status;
  char              *status_message;
  gboolean           status_list_refused;  /* a list was given but could not be trusted */
  char              *issuer_id;
  char              *issuer_name;
  char              *credential_id;
  char              *achievement_name;
  JlnVerifyRecipient recipient;
  JlnVerifyBinding   binding;
  char              *binding_message;
  GPtrArray         *warnings;       /* char*: findings that do not make the badge invalid */
  GPtrArray         *checks;         /* JlnVerifyCheck*, every check in report order */
} JlnVerifyReport;

typedef struct {
  GDateTime                   *now;          /* NULL: the current time */
  const char                  *email;        /* NULL: recipient not checked */
  JsonNode                    *status_list;  /* a BitstringStatusListCredential; NULL: offline */
  const JlnProofVerifyOptions *proof;        /* NULL: did:key only */
} JlnVerifyOptions;

/* An empty report (verdict invalid), for callers that could not even read
 * the file: set error, then jln_verify_report_finish(). */
JlnVerifyReport *jln_verify_report_new  (void);
/* Decides the verdict and fills checks from the report's fields. */
void             jln_verify_report_finish (JlnVerifyReport *report);
void             jln_verify_report_free (JlnVerifyReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnVerifyReport, jln_verify_report_free)

/* Never return NULL; @options may be NULL. */
JlnVerifyReport *jln_verify_bytes (GBytes *file, const JlnVerifyOptions *options);
JlnVerifyReport *jln_verify_json  (JsonNode *credential, const JlnVerifyOptions *options);

/* One translated line, e.g. "valid — OB 3.0 PNG, signed by … (did:key:z6Mk…)". */
char            *jln_verify_report_to_line (const JlnVerifyReport *report);
/* The check @id (JLN_VERIFY_CHECK_*), or NULL. */
const JlnVerifyCheck *jln_verify_report_get_check (const JlnVerifyReport *report,
                                                   const char            *id);
const char      *jln_verify_check_outcome_to_string (JlnVerifyCheckOutcome outcome);
/* The whole report as a JSON object (stable English keys and codes), with
 * "checks": [{id, outcome: passed/failed/warning/not-checked, message}] and
 * "warnings": [text]. */
JsonNode        *jln_verify_report_to_json (const JlnVerifyReport *report);


/* Reads bit @index of a BitstringStatusList "encodedList" (multibase 'u' or
 * bare base64url of GZIP data). */
gboolean         jln_verify_status_bit (const char *encoded_list, guint64 index,
                                        gboolean *out_bit, GError **error);

G_END_DECLS
