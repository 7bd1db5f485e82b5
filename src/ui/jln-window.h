#pragma once

#include <adwaita.h>

#include "core/jln-store.h"
#include "ui/jln-application.h"
#include "ui/views/jln-participants-view.h"

G_BEGIN_DECLS

#define JLN_TYPE_WINDOW (jln_window_get_type ())
G_DECLARE_FINAL_TYPE (JlnWindow, jln_window, JLN, WINDOW, AdwApplicationWindow)

/* @app may be NULL (tests build windows without an application). */
JlnWindow          *jln_window_new             (JlnApplication *app);

/* Opens the database at @path and shows it; when it cannot be opened the
 * window shows why, in words a coach can act on, and returns FALSE. */
gboolean            jln_window_open_database   (JlnWindow  *self,
                                                const char *path);
JlnStore           *jln_window_get_store       (JlnWindow  *self);
void                jln_window_set_store       (JlnWindow  *self,
                                                JlnStore   *store);
/* "participants", "badges", "workshop" or "reports". */
void                jln_window_set_view        (JlnWindow  *self,
                                                const char *name);
const char         *jln_window_get_view        (JlnWindow  *self);
gboolean            jln_window_get_showing_error (JlnWindow *self);
JlnParticipantsView *jln_window_get_participants_view (JlnWindow *self);

G_END_DECLS
