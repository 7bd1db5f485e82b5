/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JLN_OB_ERROR (jln_ob_error_quark ())

/* One error domain for the whole Open Badges engine. Messages are written
 * for a coach: they say what is wrong with the file, not how the code failed. */
typedef enum {
  JLN_OB_ERROR_INVALID_JSON,        /* not JSON, not an object, too deep */
  JLN_OB_ERROR_JSONLD,              /* a JSON-LD processing error */
  JLN_OB_ERROR_LOADING_DOCUMENT,    /* a context URL we do not have offline */
  JLN_OB_ERROR_CANON_LIMIT,         /* canonicalisation refused: too much work */
  JLN_OB_ERROR_CRYPTO,              /* key or signature problem */
  JLN_OB_ERROR_UNSUPPORTED,         /* algorithm, suite or format not supported */
  JLN_OB_ERROR_INVALID_CREDENTIAL,  /* shape of the credential is wrong */
  JLN_OB_ERROR_INVALID_IMAGE,       /* PNG/SVG malformed */
  JLN_OB_ERROR_NOT_FOUND,           /* no credential inside the file */
  JLN_OB_ERROR_TOO_LARGE,           /* input beyond a safety bound */
  JLN_OB_ERROR_DATA_LOSS,           /* JSON-LD would drop data (safe mode): unsigned content */
} JlnObError;

GQuark jln_ob_error_quark (void);

G_END_DECLS
