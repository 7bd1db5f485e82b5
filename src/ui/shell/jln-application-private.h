/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ui/shell/jln-application.h"
#include "ui/verify/jln-verify-window.h"
#include "ui/shell/jln-window.h"

G_BEGIN_DECLS

/* JlnApplication spans jln-application.c (options, startup, the session)
 * and jln-application-actions.c (the app.* actions). */
struct _JlnApplication
{
  AdwApplication parent_instance;

  /* The app's one GSettings and its one session: every window, view and
   * dialog gets them from here. */
  GSettings  *settings;
  JlnSession *session;

  char     *database_path;
  char     *initial_view;
  gint64    initial_participant;   /* 0: none */
  gboolean  quit_after_first_frame;
  gboolean  large_icons;

  /* One verify window, reused: weak pointer, cleared when it is closed. */
  JlnVerifyWindow *verify_window;
};

void       _jln_application_actions_init (JlnApplication *self);
JlnWindow *_jln_application_get_window   (JlnApplication *self);
JlnVerifyWindow *_jln_application_ensure_verify_window (JlnApplication *self);

G_END_DECLS
