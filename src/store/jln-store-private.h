#pragma once

#include "jln-store.h"

G_BEGIN_DECLS

/* PRAGMA application_id of a Jalons database ("JLNS"): tells our files
 * apart from other applications' SQLite files. */
#define JLN_STORE_APPLICATION_ID 0x4A4C4E53

typedef struct {
  int         version;  /* PRAGMA user_version once applied */
  const char *summary;  /* for logs */
  const char *sql;      /* run inside one BEGIN IMMEDIATE transaction */
} JlnStoreMigration;

/* Ordered, oldest first; the last one's version is the latest schema. */
const JlnStoreMigration *jln_store_get_migrations (guint *n_migrations);

/* Saves @badge's fields as a new version (current version + 1) even when
 * nobody holds the current one: the demo uses it to show revised badges. */
gboolean jln_store_add_badge_version (JlnStore    *self,
                                      JlnBadge    *badge,
                                      const char  *actor,
                                      GError     **error);

G_END_DECLS
