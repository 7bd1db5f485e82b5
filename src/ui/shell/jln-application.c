/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>

#include "ui/shell/jln-application-private.h"
#include "ui/common/jln-toast.h"

G_DEFINE_FINAL_TYPE (JlnApplication, jln_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the Jalons database at PATH"), N_("PATH") },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Start on a view: participants or badges"), N_("VIEW") },
  { "participant", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Start on the page of the participant with this number"), N_("ID") },
  { "large-icons", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Turn on the large-icon, low-text mode"), NULL },
  { "quit-after-first-frame", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Quit as soon as the window has been drawn (startup benchmark)"), NULL },
  { NULL }
};

static int
jln_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  JlnApplication *self = JLN_APPLICATION (app);
  g_autofree char *database = NULL;
  g_autofree char *view = NULL;
  gint64 participant = 0;

  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    {
      g_free (self->database_path);
      self->database_path = g_steal_pointer (&database);
    }
  if (g_variant_dict_lookup (options, "view", "s", &view))
    {
      g_free (self->initial_view);
      self->initial_view = g_steal_pointer (&view);
    }
  if (g_variant_dict_lookup (options, "participant", "x", &participant))
    {
      if (participant <= 0)
        {
          g_printerr (_("--participant expects a participant number, as shown by “jalons-cli”.\n"));
          return 1;
        }
      self->initial_participant = participant;
    }
  self->large_icons = g_variant_dict_contains (options, "large-icons");
  self->quit_after_first_frame = g_variant_dict_contains (options, "quit-after-first-frame");

  /* -1: carry on with the default handling (startup, activate). */
  return -1;
}

static void
on_after_paint (GdkFrameClock  *clock,
                JlnApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
  g_application_quit (G_APPLICATION (self));
}

/* --participant: the page opens over the participants view; an unknown
 * number is said in a toast rather than stopping the app. */
static void
show_initial_participant (JlnApplication *self,
                          JlnWindow      *window)
{
  g_autoptr(JlnParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;
  participant = jln_store_get_participant (jln_session_get_store (self->session),
                                           self->initial_participant, &error);
  if (participant == NULL)
    {
      g_autofree char *message = NULL;
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->initial_participant);

      /* Translators: %s are the participant's number and the reason. */
      message = g_strdup_printf (_("Participant %s cannot be shown: %s"), id, error->message);
      jln_toast_show_text (GTK_WIDGET (jln_window_get_participants_view (window)), message);
      return;
    }
  jln_window_set_view (window, "participants");
  jln_participants_view_show_participant (jln_window_get_participants_view (window),
                                          participant);
}

JlnWindow *
_jln_application_get_window (JlnApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (JLN_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* A brand-new database (first run): the administrator comes first, in
 * a dialog above the window (so after it is shown). */
static void
offer_welcome (JlnApplication *self,
               JlnWindow      *window)
{
  JlnStore *store;

  if (self->session == NULL || jln_session_is_protected (self->session))
    return;
  store = jln_session_get_store (self->session);
  if (g_list_model_get_n_items (jln_store_get_coaches (store)) == 0
      && g_list_model_get_n_items (jln_store_get_participants (store)) == 0)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.create-administrator", NULL);
}

static void
jln_application_activate (GApplication *app)
{
  JlnApplication *self = JLN_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      g_autofree char *path = NULL;

      if (self->large_icons)
        g_settings_set_boolean (self->settings, "large-icons", TRUE);

      path = self->database_path ? g_strdup (self->database_path)
                                 : jln_store_default_path ();
      window = GTK_WINDOW (jln_window_new (GTK_APPLICATION (self), self->settings));
      jln_application_open_database (self, path);
      if (self->initial_view != NULL)
        jln_window_set_view (JLN_WINDOW (window), self->initial_view);
      if (self->initial_participant > 0)
        show_initial_participant (self, JLN_WINDOW (window));
      gtk_window_present (window);
      offer_welcome (self, JLN_WINDOW (window));
    }

  gtk_window_present (window);

  if (self->quit_after_first_frame)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

      /* The benchmark measures up to the first frame actually painted. */
      if (clock != NULL)
        g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), self);
      else
        g_application_quit (app);
    }
}

/* The verify window checks our own revocations through the session's
 * store, and stays above the main window. */
JlnVerifyWindow *
_jln_application_ensure_verify_window (JlnApplication *self)
{
  GtkWindow *parent;

  if (self->verify_window != NULL)
    return self->verify_window;

  parent = GTK_WINDOW (_jln_application_get_window (self));
  self->verify_window = jln_verify_window_new (self->session, self->settings);
  g_object_add_weak_pointer (G_OBJECT (self->verify_window), (gpointer *) &self->verify_window);
  gtk_window_set_application (GTK_WINDOW (self->verify_window), GTK_APPLICATION (self));
  gtk_window_set_transient_for (GTK_WINDOW (self->verify_window), parent);
  return self->verify_window;
}

/* `jalons FILE…`, or "Open With Jalons" in the file manager: verify. */
static void
jln_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  JlnApplication *self = JLN_APPLICATION (app);
  JlnVerifyWindow *window;

  /* The main window first, so its database tells our own revocations. */
  if (gtk_application_get_active_window (GTK_APPLICATION (app)) == NULL)
    g_application_activate (app);
  window = _jln_application_ensure_verify_window (self);
  gtk_window_present (GTK_WINDOW (window));
  jln_verify_window_open_files (window, files, (guint) n_files);
}

static void
jln_application_startup (GApplication *app)
{
  JlnApplication *self = JLN_APPLICATION (app);

  jln_ui_register_resources ();

  G_APPLICATION_CLASS (jln_application_parent_class)->startup (app);

  /* The one GSettings of the app; the session and every window use it. */
  self->settings = g_settings_new (APP_ID);
  _jln_application_actions_init (self);
}

static void
jln_application_dispose (GObject *object)
{
  JlnApplication *self = JLN_APPLICATION (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (jln_application_parent_class)->dispose (object);
}

static void
jln_application_finalize (GObject *object)
{
  JlnApplication *self = JLN_APPLICATION (object);

  if (self->verify_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->verify_window), (gpointer *) &self->verify_window);
  g_free (self->database_path);
  g_free (self->initial_view);

  G_OBJECT_CLASS (jln_application_parent_class)->finalize (object);
}

static void
jln_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JlnApplication *self = JLN_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_application_class_init (JlnApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = jln_application_dispose;
  object_class->finalize = jln_application_finalize;
  object_class->get_property = jln_application_get_property;
  app_class->handle_local_options = jln_application_handle_local_options;
  app_class->startup = jln_application_startup;
  app_class->activate = jln_application_activate;
  app_class->open = jln_application_open;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, JLN_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The app's one GSettings (the session's), set at startup. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jln_application_init (JlnApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Open Badges for insertion programmes"));
}

JlnApplication *
jln_application_new (void)
{
  /* Non-unique: benchmarks and tests start several instances side by side,
   * each on its own database. */
  return g_object_new (JLN_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/jalons/Jalons",
                       NULL);
}

JlnSession *
jln_application_get_session (JlnApplication *self)
{
  g_return_val_if_fail (JLN_IS_APPLICATION (self), NULL);

  return self->session;
}

gboolean
jln_application_open_database (JlnApplication *self,
                               const char     *path)
{
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(GError) error = NULL;
  JlnWindow *window;

  g_return_val_if_fail (JLN_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  window = _jln_application_get_window (self);
  session = jln_session_open (path, self->settings, &error);
  if (session == NULL)
    {
      g_message ("Cannot open %s: %s", path, error->message);
      if (window != NULL)
        jln_window_show_error (window, path, error);
      return FALSE;
    }

  g_set_object (&self->session, session);
  if (window != NULL)
    jln_window_set_session (window, session);
  if (window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)))
    offer_welcome (self, window);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  return TRUE;
}
