/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "store/jln-store-backend.h"

G_BEGIN_DECLS

#define JLN_TYPE_SQLITE_BACKEND (jln_sqlite_backend_get_type ())
G_DECLARE_FINAL_TYPE (JlnSqliteBackend, jln_sqlite_backend, JLN, SQLITE_BACKEND, GObject)

/* Opens (creating if missing) and migrates @path; see jln_store_open().
 * @upgrade runs the migrations' steps that need the facade (may be NULL
 * when @path is known to be at the latest version already). */
JlnStoreBackend *jln_sqlite_backend_open (const char           *path,
                                          JlnStoreUpgradeFunc   upgrade,
                                          gpointer              upgrade_data,
                                          GError              **error);

/* The latest schema version this build writes. */
int              jln_sqlite_latest_schema_version (void);

G_END_DECLS
