#define G_LOG_DOMAIN "jalons"

#include <string.h>
#include <glib/gi18n.h>

#include "ui/jln-window.h"
#include "ui/jln-a11y.h"
#include "ui/views/jln-badges-view.h"
#include "ui/views/jln-workshop-view.h"
#include "ui/views/jln-reports-view.h"
#include "service/jln-issuer.h"

struct _JlnWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  JlnStore  *store;
  JlnIssuer *issuer;
  char      *failed_path;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  JlnParticipantsView  *participants_view;
  JlnBadgesView        *badges_view;
  AdwStatusPage        *error_page;
};

G_DEFINE_FINAL_TYPE (JlnWindow, jln_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const view_names[] = {
  "participants", "badges", "workshop", "reports", NULL
};

static gboolean
is_view_name (const char *name)
{
  return name != NULL && g_strv_contains (view_names, name);
}

static void
update_large_icons (JlnWindow *self)
{
  if (g_settings_get_boolean (self->settings, "large-icons"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "large-icons");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large-icons");
}

static void
on_settings_changed (GSettings  *settings,
                     const char *key,
                     JlnWindow  *self)
{
  if (g_strcmp0 (key, "large-icons") == 0)
    update_large_icons (self);
}

static void
view_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  jln_window_set_view (JLN_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

static void
search_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  JlnWindow *self = JLN_WINDOW (user_data);

  if (jln_window_get_showing_error (self))
    return;
  jln_window_set_view (self, "participants");
  jln_participants_view_focus_search (self->participants_view);
}

static void
new_participant_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  JlnWindow *self = JLN_WINDOW (user_data);

  if (jln_window_get_showing_error (self) || self->store == NULL)
    return;
  jln_window_set_view (self, "participants");
  jln_participants_view_new_participant (self->participants_view);
}

/* Ctrl+E, Ctrl+P, Ctrl+Shift+A: they act on the participant page when it
 * is the one shown, and do nothing elsewhere. */
static void
page_action_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  JlnWindow *self = JLN_WINDOW (user_data);
  const char *name = g_action_get_name (G_ACTION (action));
  g_autofree char *page_action = NULL;

  if (jln_window_get_showing_error (self)
      || g_strcmp0 (jln_window_get_view (self), "participants") != 0
      || !jln_participants_view_get_showing_page (self->participants_view))
    return;
  /* "participant-edit" -> "participant.edit" */
  page_action = g_strdup (name);
  page_action[strlen ("participant")] = '.';
  gtk_widget_activate_action (GTK_WIDGET (jln_participants_view_get_page (self->participants_view)),
                              page_action, NULL);
}

static const GActionEntry win_actions[] = {
  { "view", view_activated, "s" },
  { "search", search_activated },
  { "new-participant", new_participant_activated },
  { "participant-edit", page_action_activated },
  { "participant-award", page_action_activated },
  { "participant-print", page_action_activated },
};

/* A title the coach understands for each way opening can fail; the store's
 * own message (already in plain words) goes underneath. */
static const char *
error_title (const GError *error)
{
  if (error->domain == JLN_STORE_ERROR)
    switch ((JlnStoreError) error->code)
      {
      case JLN_STORE_ERROR_NOT_A_DATABASE:
        return _("This File Is Not a Jalons Database");
      case JLN_STORE_ERROR_TOO_NEW:
        return _("This Database Needs a Newer Jalons");
      case JLN_STORE_ERROR_MIGRATION:
        return _("This Database Could Not Be Updated");
      case JLN_STORE_ERROR_BUSY:
        return _("The Database Is Busy");
      case JLN_STORE_ERROR_IO:
        return _("The Database Cannot Be Opened");
      case JLN_STORE_ERROR_CONSTRAINT:
      case JLN_STORE_ERROR_NOT_FOUND:
      case JLN_STORE_ERROR_ALREADY_AWARDED:
      case JLN_STORE_ERROR_FAILED:
      default:
        break;
      }
  return _("The Database Could Not Be Opened");
}

static void
set_view_actions_enabled (JlnWindow *self,
                          gboolean   enabled)
{
  static const char * const names[] = {
    "view", "search", "new-participant", "participant-edit", "participant-award",
    "participant-print",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), names[i]);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
    }
}

static void
show_error (JlnWindow    *self,
            const char   *path,
            const GError *error)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  text = g_strdup_printf (_("File: %s\n\n%s\n\nJalons has not changed this file. "
                            "Choose another database, or ask the person who looks "
                            "after your computer."),
                          path, error->message);
  markup = g_markup_escape_text (text, -1);

  adw_status_page_set_title (self->error_page, error_title (error));
  adw_status_page_set_description (self->error_page, markup);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  set_view_actions_enabled (self, FALSE);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     JlnWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        jln_window_open_database (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_choose_clicked (JlnWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose a Jalons Database"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
jln_window_close_request (GtkWindow *window)
{
  JlnWindow *self = JLN_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (jln_window_parent_class)->close_request (window);
}

static void
jln_window_dispose (GObject *object)
{
  JlnWindow *self = JLN_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  /* GtkApplicationWindow's action group can outlive the window; an action
   * left in it would keep reporting changes of the shared setting to a
   * window that is gone. */
  g_action_map_remove_action (G_ACTION_MAP (self), "large-icons");
  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_WINDOW);
  g_clear_object (&self->issuer);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (jln_window_parent_class)->dispose (object);
}

static void
jln_window_finalize (GObject *object)
{
  JlnWindow *self = JLN_WINDOW (object);

  g_free (self->failed_path);

  G_OBJECT_CLASS (jln_window_parent_class)->finalize (object);
}

static void
jln_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  JlnWindow *self = JLN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  JlnWindow *self = JLN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      jln_window_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_window_class_init (JlnWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_window_dispose;
  object_class->finalize = jln_window_finalize;
  object_class->get_property = jln_window_get_property;
  object_class->set_property = jln_window_set_property;
  window_class->close_request = jln_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, JLN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (JLN_TYPE_PARTICIPANTS_VIEW);
  g_type_ensure (JLN_TYPE_BADGES_VIEW);
  g_type_ensure (JLN_TYPE_WORKSHOP_VIEW);
  g_type_ensure (JLN_TYPE_REPORTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/jalons/Jalons/jln-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JlnWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, JlnWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JlnWindow, participants_view);
  gtk_widget_class_bind_template_child (widget_class, JlnWindow, badges_view);
  gtk_widget_class_bind_template_child (widget_class, JlnWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);

  /* Class bindings, not application accelerators: they work in windows
   * built without an application (tests) and are listed in the shortcuts
   * window (gtk/help-overlay.ui). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-participant", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.participant-edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.participant-print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.participant-award", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.participant-award", NULL);
}

static void
jln_window_init (JlnWindow *self)
{
  g_autoptr(GAction) large_icons = NULL;
  g_autofree char *last_view = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  jln_a11y_hide_offscreen_pages (G_OBJECT (self->main_stack));
  jln_a11y_hide_offscreen_pages (G_OBJECT (self->view_stack));

  self->settings = g_settings_new (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
  large_icons = g_settings_create_action (self->settings, "large-icons");
  g_action_map_add_action (G_ACTION_MAP (self), large_icons);

  g_signal_connect (self->settings, "changed", G_CALLBACK (on_settings_changed), self);
  update_large_icons (self);
  g_settings_bind (self->settings, "large-icons", self->participants_view, "large-icons",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "large-icons", self->badges_view, "large-icons",
                   G_SETTINGS_BIND_GET);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_view = g_settings_get_string (self->settings, "last-view");
  if (is_view_name (last_view))
    adw_view_stack_set_visible_child_name (self->view_stack, last_view);
  /* Only remember views once the window decided where to start. */
  g_settings_bind (self->settings, "last-view", self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_SET);
}

JlnWindow *
jln_window_new (JlnApplication *app)
{
  return g_object_new (JLN_TYPE_WINDOW, "application", app, NULL);
}

gboolean
jln_window_open_database (JlnWindow  *self,
                          const char *path)
{
  g_autoptr(JlnStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (JLN_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  store = jln_store_open (path, &error);
  if (store == NULL)
    {
      g_message ("Cannot open %s: %s", path, error->message);
      show_error (self, path, error);
      return FALSE;
    }

  jln_window_set_store (self, store);
  return TRUE;
}

JlnStore *
jln_window_get_store (JlnWindow *self)
{
  g_return_val_if_fail (JLN_IS_WINDOW (self), NULL);

  return self->store;
}

void
jln_window_set_store (JlnWindow *self,
                      JlnStore  *store)
{
  g_return_if_fail (JLN_IS_WINDOW (self));
  g_return_if_fail (store == NULL || JLN_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_clear_object (&self->issuer);
  if (store != NULL)
    {
      g_autoptr(GError) error = NULL;

      self->issuer = jln_issuer_new (store, &error);
      if (self->issuer == NULL)
        {
          g_autofree char *text = NULL;

          g_warning ("No issuer: %s", error->message);
          /* The files stay usable; only signing and exports need it. */
          text = g_strdup_printf (_("Badges cannot be signed or exported: %s"), error->message);
          jln_window_add_toast (self, adw_toast_new (text));
        }
    }

  jln_participants_view_set_store (self->participants_view, store);
  jln_badges_view_set_store (self->badges_view, store);

  if (store != NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "main");
      set_view_actions_enabled (self, TRUE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
jln_window_set_view (JlnWindow  *self,
                     const char *name)
{
  g_return_if_fail (JLN_IS_WINDOW (self));

  if (!is_view_name (name))
    {
      g_warning ("Unknown view “%s”; expected participants, badges, workshop or reports", name);
      return;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
jln_window_get_view (JlnWindow *self)
{
  g_return_val_if_fail (JLN_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

gboolean
jln_window_get_showing_error (JlnWindow *self)
{
  g_return_val_if_fail (JLN_IS_WINDOW (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "error") == 0;
}

JlnParticipantsView *
jln_window_get_participants_view (JlnWindow *self)
{
  g_return_val_if_fail (JLN_IS_WINDOW (self), NULL);

  return self->participants_view;
}

void
jln_window_add_toast (JlnWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (JLN_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

JlnIssuer *
jln_window_get_issuer (JlnWindow *self)
{
  g_return_val_if_fail (JLN_IS_WINDOW (self), NULL);

  return self->issuer;
}

char *
jln_window_dup_actor (JlnWindow *self)
{
  gint64 coach_id;
  JlnCoach *coach = NULL;

  g_return_val_if_fail (JLN_IS_WINDOW (self), NULL);

  coach_id = g_settings_get_int64 (self->settings, "current-coach");
  if (self->store != NULL && coach_id > 0)
    coach = jln_store_lookup_coach (self->store, coach_id);
  if (coach != NULL && jln_coach_get_name (coach) != NULL)
    return g_strdup (jln_coach_get_name (coach));
  return g_strdup ("coach");
}
