/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ui/shell/jln-window.h"
#include "ui/participants/jln-participants-view.h"
#include "ui/accounts/jln-sign-in-page.h"

G_BEGIN_DECLS

/* JlnWindow spans jln-window.c (state, session, views) and
 * jln-window-actions.c (the win.* actions). */
struct _JlnWindow
{
  AdwApplicationWindow parent_instance;

  GSettings  *settings;     /* the session's (or, before one, the app's) */
  JlnSession *session;
  gboolean    large_icons;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  JlnParticipantsView  *participants_view;
  AdwStatusPage        *error_page;
  GtkBox               *alerts_box;
  AdwViewSwitcherTitle *switcher_title;
  JlnSignInPage        *sign_in_page;
  guint                 audit_check_id;   /* idle source: the journal check */

  /* The session's "role": signed in or not (the sign-in page). */
  GSignalGroup         *session_signals;
  /* Auto-lock: when the desk last had input, and the check's source. */
  gint64                last_input_us;
  guint                 idle_check_id;
};

void _jln_window_class_actions_init (JlnWindowClass *klass);
void _jln_window_actions_update     (JlnWindow      *self);
/* jln-window.c: the first-run dialog that creates the administrator. */
void _jln_window_show_welcome       (JlnWindow      *self);

G_END_DECLS
