/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Hides the pages of @container (a GtkStack, AdwViewStack or AdwLeaflet:
 * anything with "pages" and "visible-child") that are not on screen from
 * assistive technologies, and keeps doing so as pages change, for as long
 * as @container lives. GTK 4.8 leaves a page it has shown once in the
 * accessibility tree after switching away, with its last position, so a
 * screen reader (or a test driving the app through AT-SPI) would find the
 * controls of a view nobody can see. */
void jln_a11y_hide_offscreen_pages (GObject *container);

G_END_DECLS
