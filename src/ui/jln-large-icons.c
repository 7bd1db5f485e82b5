#define G_LOG_DOMAIN "jalons"

#include "ui/jln-large-icons.h"

#define SETTINGS_KEY "jln-large-icons-settings"

static void
apply (GSettings  *settings,
       const char *key,
       GtkWidget  *widget)
{
  if (g_settings_get_boolean (settings, "large-icons"))
    gtk_widget_add_css_class (widget, "large-icons");
  else
    gtk_widget_remove_css_class (widget, "large-icons");
}

void
jln_large_icons_follow (GtkWidget *widget)
{
  GSettings *settings;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_object_get_data (G_OBJECT (widget), SETTINGS_KEY) != NULL)
    return;
  /* The widget keeps the settings object alive; the handler goes away with
   * the widget (connect_object), so neither outlives the other. */
  settings = g_settings_new (APP_ID);
  g_object_set_data_full (G_OBJECT (widget), SETTINGS_KEY, settings, g_object_unref);
  g_signal_connect_object (settings, "changed::large-icons", G_CALLBACK (apply), widget, 0);
  apply (settings, "large-icons", widget);
}
