/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of the SQLite backend, and nothing else: SQLite types
 * stop here. */

#include <sqlite3.h>

#include "jln-sqlite-backend.h"

G_BEGIN_DECLS

/* PRAGMA application_id of a Jalons database ("JLNS"): tells our files
 * apart from other applications' SQLite files. */
#define JLN_SQLITE_APPLICATION_ID 0x4A4C4E53

typedef struct {
  int         version;  /* PRAGMA user_version once applied */
  const char *summary;  /* for logs */
  const char *sql;      /* run inside one BEGIN IMMEDIATE transaction */
  gboolean    upgrade;  /* then the facade's JlnStoreUpgradeFunc, same transaction */
  const char *sql_after; /* nullable: then this, still in the transaction */
} JlnSqliteMigration;

/* Ordered, oldest first; the last one's version is the latest schema. */
const JlnSqliteMigration *jln_sqlite_get_migrations (guint *n_migrations);

struct _JlnSqliteBackend
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  int schema_version;
  char *backup_path;
  /* PRAGMA quick_check's complaint at open, NULL when sound; known once
   * check_thread (running it at open) is joined. */
  char *damage;
  GThread *check_thread;
  /* Prepared once, reset after each use: SQL text (static) -> sqlite3_stmt */
  GHashTable *stmts;
  /* Open transactions: 1 = BEGIN, more = savepoints inside it. */
  guint tx_depth;
  gboolean tx_bulk;
  /* PRAGMA data_version when last looked at (changed-elsewhere feed). */
  gint64 data_version;
  /* The facade's migration steps (jln_sqlite_backend_open()), kept for the
   * backups a restore brings up to date. */
  JlnStoreUpgradeFunc upgrade;
  gpointer upgrade_data;
  /* PRAGMA secure_delete raised by an erasure until compact() (and what
   * it was before). */
  gboolean secure_delete_raised;
  int secure_delete_before;
};

/* A cached statement: g_autoptr() resets it and clears its bindings. */
typedef sqlite3_stmt JlnSqliteStmt;
void jln_sqlite_stmt_release (JlnSqliteStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JlnSqliteStmt, jln_sqlite_stmt_release)

/* @sql must be a static string (it is the cache key). */
JlnSqliteStmt *jln_sqlite_prepare   (JlnSqliteBackend *self, const char *sql, GError **error);
/* Runs a statement that returns no row (or whose rows are ignored). */
gboolean       jln_sqlite_step_done (JlnSqliteBackend *self, sqlite3_stmt *stmt, GError **error);
gboolean       jln_sqlite_exec      (JlnSqliteBackend *self, const char *sql, GError **error);
/* Maps an SQLite result code to a JLN_STORE_ERROR a coach can act on. */
void           jln_sqlite_set_error (JlnSqliteBackend *self, int rc, GError **error);
/* After a failed step: sets @error from the connection's last error. */
void           jln_sqlite_set_last_error (JlnSqliteBackend *self, GError **error);
/* Number of rows the last UPDATE/DELETE touched. */
int            jln_sqlite_changes   (JlnSqliteBackend *self);
gint64         jln_sqlite_last_id   (JlnSqliteBackend *self);

void           jln_sqlite_bind_text0 (sqlite3_stmt *stmt, int index, const char *text); /* NULL -> NULL */
void           jln_sqlite_bind_id0   (sqlite3_stmt *stmt, int index, gint64 id);        /* <= 0 -> NULL */
void           jln_sqlite_bind_bytes0 (sqlite3_stmt *stmt, int index, GBytes *bytes);   /* NULL -> NULL */
const char    *jln_sqlite_column_text (sqlite3_stmt *stmt, int col);
GBytes        *jln_sqlite_column_bytes0 (sqlite3_stmt *stmt, int col);                  /* NULL -> NULL */

/* Text forms of dates in the columns: "YYYY-MM-DDTHH:MM:SSZ", "YYYY-MM-DD". */
char          *jln_sqlite_format_timestamp (GDateTime *when);
char          *jln_sqlite_format_date      (GDateTime *when);
GDateTime     *jln_sqlite_parse_timestamp  (const char *text);
/* JSON array-of-strings text columns. */
char          *jln_sqlite_strv_to_json     (const char * const *strv);
char         **jln_sqlite_json_to_strv     (const char *text);

/* Reading only: whether the open file is a Jalons database this build
 * reads, and at which schema version (0: empty). */
gboolean       jln_sqlite_inspect (JlnSqliteBackend *self, int *out_version, GError **error);
/* Waits for the integrity check started at open, if still running, and
 * records its verdict in self->damage. */
void           jln_sqlite_finish_check (JlnSqliteBackend *self);
/* Applies the migrations after @from_version, one transaction each. */
gboolean       jln_sqlite_migrate (JlnSqliteBackend *self, int from_version, GError **error);

/* Until compact(): SQLite overwrites the space deleted or replaced values
 * free (erasure, the signing seed leaving the clear column). */
gboolean       jln_sqlite_raise_secure_delete (JlnSqliteBackend *self, GError **error);

/* Each aggregate file fills its part of the interface. */
void jln_sqlite_organisation_init_iface (JlnStoreBackendInterface *iface);
void jln_sqlite_participants_init_iface (JlnStoreBackendInterface *iface);
void jln_sqlite_badges_init_iface       (JlnStoreBackendInterface *iface);
void jln_sqlite_awards_init_iface       (JlnStoreBackendInterface *iface);
void jln_sqlite_audit_init_iface        (JlnStoreBackendInterface *iface);
void jln_sqlite_backup_init_iface       (JlnStoreBackendInterface *iface); /* jln-sqlite-backup.c */
void jln_sqlite_accounts_init_iface     (JlnStoreBackendInterface *iface);

G_END_DECLS
