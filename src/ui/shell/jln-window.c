/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>

#include "ui/common/jln-a11y.h"
#include "ui/common/jln-large-icons.h"
#include "ui/common/jln-view.h"
#include "ui/shell/jln-ui-resources.h"
#include "ui/shell/jln-window-private.h"
#include "ui/badges/jln-badges-view.h"
#include "ui/accounts/jln-welcome-dialog.h"

G_DEFINE_FINAL_TYPE (JlnWindow, jln_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SETTINGS,
  PROP_LARGE_ICONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const view_names[] = {
  "participants", "badges", NULL
};

static gboolean
is_view_name (const char *name)
{
  return name != NULL && g_strv_contains (view_names, name);
}

/* Every page of the view stack is a JlnView: @func on each. */
static void
foreach_view (JlnWindow *self,
              void     (*func) (JlnWindow *, JlnView *))
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->view_stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (JLN_IS_VIEW (child))
      func (self, JLN_VIEW (child));
}

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
      case JLN_STORE_ERROR_READ_ONLY:
        return _("The Database Cannot Be Changed Here");
      case JLN_STORE_ERROR_DAMAGED:
        return _("The Database Is Damaged");
      case JLN_STORE_ERROR_NOT_A_BACKUP:
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
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     JlnWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      /* The application owns the session: it opens the file. A window
       * without one (tests) opens it itself. */
      if (path != NULL
          && !gtk_widget_activate_action (GTK_WIDGET (self), "app.open-database", "s", path))
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

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (jln_window_parent_class)->close_request (window);
}

static void
set_large_icons (JlnWindow *self,
                 gboolean   large_icons)
{
  large_icons = !!large_icons;
  if (self->large_icons == large_icons)
    return;
  self->large_icons = large_icons;
  /* win.large-icons toggles the property; the setting is the switch, and
   * jln_large_icons_bind() brings every widget (this one too) in step. */
  if (self->settings != NULL && g_settings_get_boolean (self->settings, "large-icons") != large_icons)
    g_settings_set_boolean (self->settings, "large-icons", large_icons);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE_ICONS]);
}

static void
follow_large_icons (JlnWindow *self,
                    JlnView   *view)
{
  jln_large_icons_bind (GTK_WIDGET (view), self->settings);
}

/* The switcher shows what each view says it is. */
static void
name_view (JlnWindow *self,
           JlnView   *view)
{
  AdwViewStackPage *page = adw_view_stack_get_page (self->view_stack, GTK_WIDGET (view));

  adw_view_stack_page_set_title (page, jln_view_get_title (view));
  adw_view_stack_page_set_icon_name (page, jln_view_get_icon_name (view));
}

/* One alert under the header bar: an icon, the words (never colour
 * alone) and, when there is something to do, a button. */
static void
add_alert (JlnWindow  *self,
           const char *text,
           const char *button_label,
           const char *action_name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (box, "jln-alert");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"), -1);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  if (button_label != NULL)
    {
      GtkWidget *button = gtk_button_new_with_label (button_label);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_box_append (self->alerts_box, box);
  gtk_widget_set_visible (GTK_WIDGET (self->alerts_box), TRUE);
}

static void
clear_alerts (JlnWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->alerts_box))) != NULL)
    gtk_box_remove (self->alerts_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->alerts_box), FALSE);
}

/* The journal is checked once the window is up: on a large database it
 * takes a moment, and the desk should see the window first. */
static gboolean
check_audit (gpointer data)
{
  JlnWindow *self = data;
  g_autoptr(GError) error = NULL;

  self->audit_check_id = 0;
  if (self->session != NULL && !jln_session_verify_audit (self->session, NULL, NULL, &error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s says which journal entry is wrong and how */
      text = g_strdup_printf (_("The journal of this database was changed outside Jalons: %s "
                                "Tell the administrator."), error->message);
      add_alert (self, text, NULL, NULL);
    }
  return G_SOURCE_REMOVE;
}

static void
refresh_alerts (JlnWindow *self)
{
  g_autoptr(GError) error = NULL;
  const GError *backup_error;
  const GError *status_list_error;

  clear_alerts (self);
  g_clear_handle_id (&self->audit_check_id, g_source_remove);
  if (self->session == NULL)
    return;
  if (!jln_store_check_writable (jln_session_get_store (self->session), &error))
    add_alert (self, error->message,
               error->code == JLN_STORE_ERROR_DAMAGED ? _("Backups…") : NULL, "app.backups");
  backup_error = jln_session_get_scheduled_backup_error (self->session);
  if (backup_error != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is why the backup failed */
      text = g_strdup_printf (_("No backup could be made when Jalons opened: %s"), backup_error->message);
      add_alert (self, text, _("Backups…"), "app.backups");
    }
  status_list_error = jln_session_get_status_list_error (self->session);
  if (status_list_error != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is why the file could not be written */
      text = g_strdup_printf (_("The revocation list could not be published, so verifiers may still "
                                "see withdrawn badges as valid: %s Jalons tries again each time it "
                                "opens and at the next withdrawal."),
                              status_list_error->message);
      add_alert (self, text, NULL, NULL);
    }
  if (!jln_session_is_protected (self->session) && jln_store_check_writable (jln_session_get_store (self->session), NULL))
    add_alert (self, _("Nobody signs in at this desk, so the organisation’s signing key is not "
                       "protected: anyone using this computer can sign badges in its name."),
               _("Protect…"), "win.create-administrator");
  /* The journal can only be checked with its secret: once signed in. */
  if (jln_session_get_role (self->session) != JLN_ROLE_NONE)
    self->audit_check_id = g_idle_add_full (G_PRIORITY_LOW, check_audit, self, NULL);
}

/* Who is signed in decides the page: the sign-in page while nobody is,
 * the desk otherwise; the header says who it is. */
static void
update_signed_in (JlnWindow *self)
{
  gboolean locked;
  JlnCoach *coach;
  g_autofree char *who = NULL;

  if (self->session == NULL || jln_window_get_showing_error (self))
    return;
  locked = jln_session_get_role (self->session) == JLN_ROLE_NONE;
  coach = jln_session_get_coach (self->session);
  if (jln_session_is_protected (self->session) && coach != NULL)
    /* Translators: who is signed in, in the header: "Nathalie Lefebvre, Administrator" */
    who = g_strdup_printf (_("%s, %s"), jln_coach_get_name (coach),
                           jln_role_get_display_name (jln_session_get_role (self->session)));
  adw_view_switcher_title_set_subtitle (self->switcher_title, who);
  gtk_stack_set_visible_child_name (self->main_stack, locked ? "sign-in" : "main");
  self->last_input_us = g_get_monotonic_time ();
  refresh_alerts (self);
  _jln_window_actions_update (self);
}

static void
on_role_changed (JlnWindow *self)
{
  update_signed_in (self);
}

/* Auto-lock: any key, click or pointer move counts as someone at the desk. */
static void
note_input (JlnWindow *self)
{
  self->last_input_us = g_get_monotonic_time ();
}

gboolean
jln_window_check_idle (JlnWindow *self,
                       gint64     now_us)
{
  guint minutes;

  g_return_val_if_fail (JLN_IS_WINDOW (self), FALSE);

  if (self->session == NULL || jln_session_get_role (self->session) == JLN_ROLE_NONE
      || !jln_session_is_protected (self->session))
    return FALSE;
  minutes = jln_session_get_auto_lock_minutes (self->session);
  if (minutes == 0 || now_us - self->last_input_us < (gint64) minutes * G_TIME_SPAN_MINUTE)
    return FALSE;
  jln_session_lock (self->session);
  return TRUE;
}

static gboolean
check_idle (gpointer data)
{
  jln_window_check_idle (JLN_WINDOW (data), g_get_monotonic_time ());
  return G_SOURCE_CONTINUE;
}

static void
on_welcome_destroyed (JlnWindow *self)
{
  update_signed_in (self);
}

void
_jln_window_show_welcome (JlnWindow *self)
{
  JlnWelcomeDialog *dialog;

  if (self->session == NULL || jln_session_is_protected (self->session))
    return;
  dialog = jln_welcome_dialog_new (self->session, GTK_WINDOW (self));
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_welcome_destroyed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

guint
jln_window_get_n_alerts (JlnWindow *self)
{
  guint n = 0;

  g_return_val_if_fail (JLN_IS_WINDOW (self), 0);

  /* The journal check waits for an idle moment; a caller asking now
   * gets its answer too. */
  if (self->audit_check_id != 0)
    {
      g_clear_handle_id (&self->audit_check_id, g_source_remove);
      check_audit (self);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->alerts_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static void
give_session (JlnWindow *self,
              JlnView   *view)
{
  jln_view_set_session (view, self->session);
}

static void
set_settings (JlnWindow *self,
              GSettings *settings)
{
  g_autofree char *last_view = NULL;

  if (settings == NULL)
    return;
  self->settings = g_object_ref (settings);

  jln_large_icons_bind (GTK_WIDGET (self), settings);
  foreach_view (self, follow_large_icons);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_view = g_settings_get_string (settings, "last-view");
  if (is_view_name (last_view))
    adw_view_stack_set_visible_child_name (self->view_stack, last_view);
  /* Only remember views once the window decided where to start. */
  g_settings_bind (settings, "last-view", self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_SET);
}

static void
jln_window_dispose (GObject *object)
{
  JlnWindow *self = JLN_WINDOW (object);

  g_clear_handle_id (&self->audit_check_id, g_source_remove);
  g_clear_handle_id (&self->idle_check_id, g_source_remove);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (jln_window_parent_class)->dispose (object);
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
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_LARGE_ICONS:
      g_value_set_boolean (value, self->large_icons);
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
    case PROP_SESSION:
      jln_window_set_session (self, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      set_settings (self, g_value_get_object (value));
      break;
    case PROP_LARGE_ICONS:
      set_large_icons (self, g_value_get_boolean (value));
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
  object_class->get_property = jln_window_get_property;
  object_class->set_property = jln_window_set_property;
  window_class->close_request = jln_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, JLN_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LARGE_ICONS] =
    g_param_spec_boolean ("large-icons", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (JLN_TYPE_PARTICIPANTS_VIEW);
  g_type_ensure (JLN_TYPE_BADGES_VIEW);
  g_type_ensure (JLN_TYPE_SIGN_IN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/jalons/Jalons/shell/jln-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JlnWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, JlnWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JlnWindow, participants_view);
  gtk_widget_class_bind_template_child (widget_class, JlnWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, JlnWindow, alerts_box);
  gtk_widget_class_bind_template_child (widget_class, JlnWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, JlnWindow, sign_in_page);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);

  _jln_window_class_actions_init (klass);
}

static void
jln_window_init (JlnWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  jln_a11y_hide_offscreen_pages (G_OBJECT (self->main_stack));
  jln_a11y_hide_offscreen_pages (G_OBJECT (self->view_stack));
  foreach_view (self, name_view);

  self->session_signals = g_signal_group_new (JLN_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::role", G_CALLBACK (on_role_changed),
                                 self, G_CONNECT_SWAPPED);
  /* Protecting an open desk keeps the role (ADMIN) but names the coach. */
  g_signal_group_connect_object (self->session_signals, "notify::coach", G_CALLBACK (on_role_changed),
                                 self, G_CONNECT_SWAPPED);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    GtkEventController *motion = gtk_event_controller_motion_new ();
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (note_input), self);
    g_signal_connect_swapped (motion, "motion", G_CALLBACK (note_input), self);
    g_signal_connect_swapped (click, "pressed", G_CALLBACK (note_input), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
    gtk_widget_add_controller (GTK_WIDGET (self), motion);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  }
  self->last_input_us = g_get_monotonic_time ();
  self->idle_check_id = g_timeout_add_seconds (15, check_idle, self);
  _jln_window_actions_update (self);
}

JlnWindow *
jln_window_new (GtkApplication *app,
                GSettings      *settings)
{
  g_return_val_if_fail (app == NULL || GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (JLN_TYPE_WINDOW,
                       "application", app,
                       "settings", settings,
                       NULL);
}

void
jln_window_show_error (JlnWindow    *self,
                       const char   *path,
                       const GError *error)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  g_return_if_fail (JLN_IS_WINDOW (self));
  g_return_if_fail (path != NULL && error != NULL);

  text = g_strdup_printf (_("File: %s\n\n%s\n\nJalons has not changed this file. "
                            "Choose another database, or ask the person who looks "
                            "after your computer."),
                          path, error->message);
  markup = g_markup_escape_text (text, -1);

  adw_status_page_set_title (self->error_page, error_title (error));
  adw_status_page_set_description (self->error_page, markup);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  _jln_window_actions_update (self);
}

gboolean
jln_window_open_database (JlnWindow  *self,
                          const char *path)
{
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (JLN_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  session = jln_session_open (path, self->settings, &error);
  if (session == NULL)
    {
      g_message ("Cannot open %s: %s", path, error->message);
      jln_window_show_error (self, path, error);
      return FALSE;
    }
  jln_window_set_session (self, session);
  return TRUE;
}

JlnSession *
jln_window_get_session (JlnWindow *self)
{
  g_return_val_if_fail (JLN_IS_WINDOW (self), NULL);

  return self->session;
}

void
jln_window_set_session (JlnWindow  *self,
                        JlnSession *session)
{
  g_return_if_fail (JLN_IS_WINDOW (self));
  g_return_if_fail (session == NULL || JLN_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  foreach_view (self, give_session);
  jln_sign_in_page_set_session (self->sign_in_page, session);
  g_signal_group_set_target (self->session_signals, session);
  if (session != NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "main");
  update_signed_in (self);
  if (session == NULL)
    refresh_alerts (self);
  _jln_window_actions_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
jln_window_set_view (JlnWindow  *self,
                     const char *name)
{
  g_return_if_fail (JLN_IS_WINDOW (self));

  if (!is_view_name (name))
    {
      g_warning ("Unknown view “%s”; expected participants or badges", name);
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

const char *
jln_window_get_page (JlnWindow *self)
{
  g_return_val_if_fail (JLN_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

JlnSignInPage *
jln_window_get_sign_in_page (JlnWindow *self)
{
  g_return_val_if_fail (JLN_IS_WINDOW (self), NULL);

  return self->sign_in_page;
}
