#pragma once

#include <adwaita.h>

#include "store/jln-store.h"
#include "ui/jln-application.h"
#include "ui/views/jln-participants-view.h"

G_BEGIN_DECLS

/* Declared by service/jln-issuer.h; repeated here so the window's users need
 * not include the service layer. */
typedef struct _JlnIssuer JlnIssuer;

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

/* Shows @toast over the window's content (takes ownership, like
 * adw_toast_overlay_add_toast()). */
void                jln_window_add_toast       (JlnWindow  *self,
                                                AdwToast   *toast);
/* The issuer over the open store (signs, revokes, exports), created when the
 * store is set; NULL without a store or when it could not be created (the
 * window has then said why in a toast). */
JlnIssuer          *jln_window_get_issuer      (JlnWindow  *self);
/* Who is at this desk, for the audit journal: the "current-coach" setting's
 * name, else "coach". */
char               *jln_window_dup_actor       (JlnWindow  *self);

G_END_DECLS
