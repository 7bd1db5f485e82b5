#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Keeps @widget's "large-icons" style class in step with the setting of the
 * same name (the kiosk's large-icon mode) for as long as @widget lives. Every
 * window of the app calls it once, so they all grow together. */
void jln_large_icons_follow (GtkWidget *widget);

G_END_DECLS
