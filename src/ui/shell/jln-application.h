/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "service/jln-session.h"

/* Still here for the files that reach the registration through the
 * application header (jln-verify-window.c): include it directly. */
#include "ui/shell/jln-ui-resources.h"

G_BEGIN_DECLS

#define JLN_TYPE_APPLICATION (jln_application_get_type ())
G_DECLARE_FINAL_TYPE (JlnApplication, jln_application, JLN, APPLICATION, AdwApplication)

JlnApplication *jln_application_new           (void);

/* The session over the open database ("session" property), NULL until one
 * is open: the application owns it and hands it to its window, which hands
 * it to every view. */
JlnSession     *jln_application_get_session   (JlnApplication *self);
/* Opens the database at @path as the app's session (app.open-database);
 * when it cannot be opened the window says why and FALSE is returned. */
gboolean        jln_application_open_database (JlnApplication *self,
                                               const char     *path);

G_END_DECLS
