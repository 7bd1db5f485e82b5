/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The large-icon, low-text mode (the kiosk's) has one switch, the
 * "large-icons" key of the session's settings, and this one way to follow
 * it: for as long as @widget lives, its "large-icons" style class (what
 * style.css sizes) and, when it has one, its "large-icons" property (what
 * the widget lays out differently) are kept in step with the key. Calling
 * it again on the same widget does nothing; @settings NULL (a session
 * without settings, in tests) leaves the widget as it is. */
void jln_large_icons_bind   (GtkWidget *widget,
                             GSettings *settings);

G_END_DECLS
