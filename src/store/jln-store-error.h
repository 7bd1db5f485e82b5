/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JLN_STORE_ERROR (jln_store_error_quark ())

/* Messages a coach can act on ("Another Jalons window is saving…"), never raw SQL. */
typedef enum {
  JLN_STORE_ERROR_NOT_A_DATABASE, /* file exists but is not SQLite / is corrupt: never overwritten */
  JLN_STORE_ERROR_TOO_NEW,        /* schema newer than this build knows */
  JLN_STORE_ERROR_MIGRATION,      /* a migration failed; file left as it was */
  JLN_STORE_ERROR_BUSY,           /* another process held the write lock past the timeout */
  JLN_STORE_ERROR_CONSTRAINT,     /* duplicate, missing reference, invalid value */
  JLN_STORE_ERROR_NOT_FOUND,
  JLN_STORE_ERROR_ALREADY_AWARDED,/* same badge version already held */
  JLN_STORE_ERROR_IO,             /* cannot create/read the file or its folder */
  JLN_STORE_ERROR_FAILED,
  JLN_STORE_ERROR_READ_ONLY,      /* the file or its folder cannot be written (permissions, read-only disk) */
  JLN_STORE_ERROR_DAMAGED,        /* opened, but PRAGMA quick_check failed: reads only, every write refused */
  JLN_STORE_ERROR_NOT_A_BACKUP,   /* a file offered for restore is not a sound Jalons backup: nothing changed */
  JLN_STORE_ERROR_LOCKED,         /* the key is protected and nobody is signed in: nothing can be journalled */
} JlnStoreError;

GQuark jln_store_error_quark (void);

#define JLN_AUDIT_ERROR (jln_audit_error_quark ())

/* Why the audit journal does not verify (jln_store_verify_audit()). */
typedef enum {
  JLN_AUDIT_ERROR_ALTERED,      /* an event's fields or hash changed after it was written */
  JLN_AUDIT_ERROR_MISSING,      /* events before the named one were deleted */
  JLN_AUDIT_ERROR_OUT_OF_ORDER, /* events were moved around */
  JLN_AUDIT_ERROR_TRUNCATED,    /* the last events were deleted */
  JLN_AUDIT_ERROR_SEAL,         /* the end seal (tip) was altered, removed or replaced */
  JLN_AUDIT_ERROR_NO_KEY,       /* the journal's secret is missing: nothing can be checked */
} JlnAuditError;

GQuark jln_audit_error_quark (void);

G_END_DECLS
