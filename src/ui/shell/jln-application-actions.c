/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>

#include "ui/shell/jln-preferences-window.h"
#include "ui/shell/jln-application-private.h"

/* The app.* actions, one callback each. */

static void
open_database_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  jln_application_open_database (JLN_APPLICATION (user_data),
                                 g_variant_get_string (parameter, NULL));
}

static void
verify_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  JlnVerifyWindow *window = _jln_application_ensure_verify_window (JLN_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  jln_verify_window_choose_files (window);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  JlnApplication *self = JLN_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  JlnPreferencesWindow *prefs;

  prefs = jln_preferences_window_new (self->session);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

/* The window's alerts (damage, no backup) lead straight to the backups. */
static void
backups_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  JlnApplication *self = JLN_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  JlnPreferencesWindow *prefs;

  prefs = jln_preferences_window_new (self->session);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "backups");
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "Jalons developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Jalons"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("Jalons developers"),
                        "developers", developers,
                        "comments", _("Award, show and print Open Badges along each participant's path"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Close windows rather than quitting outright so they save their size. */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;
      windows = windows->next;
      gtk_window_close (window);
    }
}

static const GActionEntry app_actions[] = {
  { "open-database", open_database_activated, "s" },
  { "preferences", preferences_activated },
  { "backups", backups_activated },
  { "verify", verify_activated },
  { "about", about_activated },
  { "quit", quit_activated },
};

void
_jln_application_actions_init (JlnApplication *self)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.verify", { "<Control>o", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.large-icons", { "<Control><Shift>l", NULL } },
    { "win.view::participants", { "<Alt>1", NULL } },
    { "win.view::badges", { "<Alt>2", NULL } },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
}
