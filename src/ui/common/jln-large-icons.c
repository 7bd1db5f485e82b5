/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include "ui/common/jln-large-icons.h"

#define LARGE_ICONS_KEY "large-icons"
#define FOLLOWING_KEY "jln-large-icons-settings"

static void
apply (GSettings  *settings,
       const char *key,
       GtkWidget  *widget)
{
  if (g_settings_get_boolean (settings, LARGE_ICONS_KEY))
    gtk_widget_add_css_class (widget, "large-icons");
  else
    gtk_widget_remove_css_class (widget, "large-icons");
}

void
jln_large_icons_bind (GtkWidget *widget,
                      GSettings *settings)
{
  GParamSpec *pspec;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (settings == NULL || g_object_get_data (G_OBJECT (widget), FOLLOWING_KEY) != NULL)
    return;
  /* The widget keeps the settings alive; the handler goes away with the
   * widget (connect_object), so neither outlives the other. */
  g_object_set_data_full (G_OBJECT (widget), FOLLOWING_KEY, g_object_ref (settings), g_object_unref);
  g_signal_connect_object (settings, "changed::" LARGE_ICONS_KEY, G_CALLBACK (apply), widget, 0);
  apply (settings, LARGE_ICONS_KEY, widget);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (widget), LARGE_ICONS_KEY);
  if (pspec != NULL && pspec->value_type == G_TYPE_BOOLEAN && (pspec->flags & G_PARAM_WRITABLE))
    g_settings_bind (settings, LARGE_ICONS_KEY, widget, LARGE_ICONS_KEY, G_SETTINGS_BIND_GET);
}
