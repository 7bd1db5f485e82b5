/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"
#include "ui/accounts/jln-sign-in-page.h"
#include "ui/participants/jln-participants-view.h"

G_BEGIN_DECLS

#define JLN_TYPE_WINDOW (jln_window_get_type ())
G_DECLARE_FINAL_TYPE (JlnWindow, jln_window, JLN, WINDOW, AdwApplicationWindow)

/* @app may be NULL (tests build windows without an application).
 * @settings: the app's one GSettings (the session's), for the window's
 * size, last view and the large-icon mode; NULL remembers nothing. */
JlnWindow          *jln_window_new             (GtkApplication *app,
                                                GSettings      *settings);

/* The session the views show and change ("session" property); NULL until
 * a database is open. The application owns it; the window hands it to
 * every view. */
JlnSession         *jln_window_get_session     (JlnWindow  *self);
void                jln_window_set_session     (JlnWindow  *self,
                                                JlnSession *session);
/* Shows why the database at @path could not be opened, in words a coach
 * can act on, with a way to choose another one. */
void                jln_window_show_error      (JlnWindow    *self,
                                                const char   *path,
                                                const GError *error);
/* Opens a session on the database at @path (with the window's settings)
 * and shows it, else shows why (jln_window_show_error()) and returns
 * FALSE. For windows without an application; the application opens its
 * own session (app.open-database). */
gboolean            jln_window_open_database   (JlnWindow  *self,
                                                const char *path);
/* "participants" or "badges". */
void                jln_window_set_view        (JlnWindow  *self,
                                                const char *name);
const char         *jln_window_get_view        (JlnWindow  *self);
gboolean            jln_window_get_showing_error (JlnWindow *self);
JlnParticipantsView *jln_window_get_participants_view (JlnWindow *self);

/* The alerts shown under the header bar (damaged or read-only database,
 * a journal changed outside Jalons, a backup that failed). */
guint           jln_window_get_n_alerts    (JlnWindow  *self);
/* Auto-lock, checked every 15 s: locks the session when the window had no
 * input for the "auto-lock-minutes" setting at @now_us (monotonic); TRUE
 * when it locked. Exposed for tests, which pass a time ahead. */
gboolean        jln_window_check_idle      (JlnWindow  *self,
                                            gint64      now_us);
/* The page shown while nobody is signed in (tests). */
JlnSignInPage  *jln_window_get_sign_in_page (JlnWindow *self);
/* "main", "sign-in" or "error": what the window shows. */
const char     *jln_window_get_page        (JlnWindow  *self);

G_END_DECLS
