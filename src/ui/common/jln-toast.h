/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast (taken) in the toast overlay @widget sits in: the main
 * window's, for the views. A widget outside any overlay (a dialog of its
 * own, a test) logs the toast's title instead. */
void jln_toast_show      (GtkWidget  *widget,
                          AdwToast   *toast);
/* The same with a plain-text title (escaped: toast titles are markup). */
void jln_toast_show_text (GtkWidget  *widget,
                          const char *text);

G_END_DECLS
