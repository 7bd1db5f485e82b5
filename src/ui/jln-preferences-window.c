#define G_LOG_DOMAIN "jalons"

#include <glib/gi18n.h>

#include "ui/jln-application.h"
#include "ui/jln-preferences-window.h"

struct _JlnPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  JlnStore  *store;
  GArray    *coach_ids;   /* gint64 per combo row entry; 0 = ask */
  gboolean   filling;

  GtkSwitch   *large_icons_switch;
  AdwComboRow *coach_row;
};

G_DEFINE_FINAL_TYPE (JlnPreferencesWindow, jln_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
on_coach_selected (JlnPreferencesWindow *self)
{
  guint pos = adw_combo_row_get_selected (self->coach_row);

  if (self->filling || pos == GTK_INVALID_LIST_POSITION || pos >= self->coach_ids->len)
    return;
  g_settings_set_int64 (self->settings, "current-coach",
                        g_array_index (self->coach_ids, gint64, pos));
}

static void
fill_coaches (JlnPreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *coaches = self->store ? jln_store_get_coaches (self->store) : NULL;
  gint64 current = g_settings_get_int64 (self->settings, "current-coach");
  guint n = coaches ? g_list_model_get_n_items (coaches) : 0;
  guint selected = 0;
  gint64 none = 0;

  g_array_set_size (self->coach_ids, 0);
  gtk_string_list_append (names, _("Ask each time"));
  g_array_append_val (self->coach_ids, none);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnCoach) coach = g_list_model_get_item (coaches, i);
      gint64 id = jln_coach_get_id (coach);

      gtk_string_list_append (names, jln_coach_get_name (coach));
      g_array_append_val (self->coach_ids, id);
      if (id == current)
        selected = i + 1;
    }

  self->filling = TRUE;
  adw_combo_row_set_model (self->coach_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->coach_row, selected);
  self->filling = FALSE;
}

static void
jln_preferences_window_dispose (GObject *object)
{
  JlnPreferencesWindow *self = JLN_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jln_preferences_window_parent_class)->dispose (object);
}

static void
jln_preferences_window_finalize (GObject *object)
{
  JlnPreferencesWindow *self = JLN_PREFERENCES_WINDOW (object);

  g_array_unref (self->coach_ids);

  G_OBJECT_CLASS (jln_preferences_window_parent_class)->finalize (object);
}

static void
jln_preferences_window_class_init (JlnPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_preferences_window_dispose;
  object_class->finalize = jln_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/jln-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnPreferencesWindow, large_icons_switch);
  gtk_widget_class_bind_template_child (widget_class, JlnPreferencesWindow, coach_row);
  gtk_widget_class_bind_template_callback (widget_class, on_coach_selected);
}

static void
jln_preferences_window_init (JlnPreferencesWindow *self)
{
  self->coach_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->settings = g_settings_new (APP_ID);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_settings_bind (self->settings, "large-icons", self->large_icons_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

JlnPreferencesWindow *
jln_preferences_window_new (JlnStore *store)
{
  JlnPreferencesWindow *self;

  g_return_val_if_fail (store == NULL || JLN_IS_STORE (store), NULL);

  self = g_object_new (JLN_TYPE_PREFERENCES_WINDOW, NULL);
  g_set_object (&self->store, store);
  fill_coaches (self);
  return self;
}
