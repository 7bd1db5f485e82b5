/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"

G_BEGIN_DECLS

#define JLN_TYPE_BACKUPS_PAGE (jln_backups_page_get_type ())
G_DECLARE_FINAL_TYPE (JlnBackupsPage, jln_backups_page, JLN, BACKUPS_PAGE, AdwPreferencesPage)

/* The "Backups" page of the preferences: how often backups are made and
 * how many are kept (the session's settings), "Back Up Now", the backups
 * there are, and restoring one (asked first). Property "session"
 * (construct-only, nullable: no database, the page is inert). */
GtkWidget *jln_backups_page_new          (JlnSession     *session);

/* What the page's buttons run, for tests and the screenshot hooks. */
gboolean   jln_backups_page_back_up_now  (JlnBackupsPage *self,
                                          GError        **error);
/* Restores @path without asking (the Restore buttons ask first). */
gboolean   jln_backups_page_restore      (JlnBackupsPage *self,
                                          const char     *path,
                                          GError        **error);
/* The backups listed, newest first. */
guint      jln_backups_page_get_n_backups (JlnBackupsPage *self);

G_END_DECLS
