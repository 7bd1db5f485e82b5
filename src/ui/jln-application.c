#define G_LOG_DOMAIN "jalons"

#include <glib/gi18n.h>

#include "ui/jln-application.h"
#include "ui/jln-window.h"
#include "ui/jln-preferences-window.h"
#include "ui/jln-verify-window.h"
#include "ui/jln-ui-resources.h"

struct _JlnApplication
{
  AdwApplication parent_instance;

  char     *database_path;
  char     *initial_view;
  gint64    initial_participant;   /* 0: none */
  gboolean  quit_after_first_frame;
  gboolean  large_icons;

  /* One verify window, reused: weak pointer, cleared when it is closed. */
  JlnVerifyWindow *verify_window;
};

G_DEFINE_FINAL_TYPE (JlnApplication, jln_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the Jalons database at PATH"), N_("PATH") },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Start on a view: participants, badges, workshop or reports"), N_("VIEW") },
  { "participant", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Start on the page of the participant with this number"), N_("ID") },
  { "large-icons", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Turn on the large-icon, low-text mode"), NULL },
  { "quit-after-first-frame", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Quit as soon as the window has been drawn (startup benchmark)"), NULL },
  { NULL }
};

void
jln_ui_register_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      /* Built with --manual-register: jln_ui_get_resource () is NULL until
       * this initialises the static resource (and registers it). */
      jln_ui_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

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
  JlnStore *store = jln_window_get_store (window);
  g_autoptr(JlnParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return;
  participant = jln_store_get_participant (store, self->initial_participant, &error);
  if (participant == NULL)
    {
      g_autofree char *message = NULL;
      g_autofree char *markup = NULL;
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->initial_participant);

      /* Translators: %s are the participant's number and the reason. */
      message = g_strdup_printf (_("Participant %s cannot be shown: %s"), id, error->message);
      /* Toast titles are markup. */
      markup = g_markup_escape_text (message, -1);
      jln_window_add_toast (window, adw_toast_new (markup));
      return;
    }
  jln_window_set_view (window, "participants");
  jln_participants_view_show_participant (jln_window_get_participants_view (window),
                                          participant);
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
        {
          g_autoptr(GSettings) settings = g_settings_new (APP_ID);
          g_settings_set_boolean (settings, "large-icons", TRUE);
        }

      path = self->database_path ? g_strdup (self->database_path)
                                 : jln_store_default_path ();
      window = GTK_WINDOW (jln_window_new (self));
      jln_window_open_database (JLN_WINDOW (window), path);
      if (self->initial_view != NULL)
        jln_window_set_view (JLN_WINDOW (window), self->initial_view);
      if (self->initial_participant > 0)
        show_initial_participant (self, JLN_WINDOW (window));
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

/* The verify window checks our own revocations through the main window's
 * store, and stays above it. */
static JlnVerifyWindow *
ensure_verify_window (JlnApplication *self)
{
  GtkWindow *parent = NULL;
  JlnStore *store = NULL;

  if (self->verify_window != NULL)
    return self->verify_window;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (JLN_IS_WINDOW (l->data))
      {
        parent = l->data;
        break;
      }
  if (parent != NULL)
    store = jln_window_get_store (JLN_WINDOW (parent));

  self->verify_window = jln_verify_window_new (store);
  g_object_add_weak_pointer (G_OBJECT (self->verify_window), (gpointer *) &self->verify_window);
  gtk_window_set_application (GTK_WINDOW (self->verify_window), GTK_APPLICATION (self));
  gtk_window_set_transient_for (GTK_WINDOW (self->verify_window), parent);
  return self->verify_window;
}

static void
verify_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  JlnApplication *self = JLN_APPLICATION (user_data);
  JlnVerifyWindow *window = ensure_verify_window (self);

  gtk_window_present (GTK_WINDOW (window));
  jln_verify_window_choose_files (window);
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
  window = ensure_verify_window (self);
  gtk_window_present (GTK_WINDOW (window));
  jln_verify_window_open_files (window, files, (guint) n_files);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  JlnStore *store = NULL;
  JlnPreferencesWindow *prefs;

  if (JLN_IS_WINDOW (parent))
    store = jln_window_get_store (JLN_WINDOW (parent));
  prefs = jln_preferences_window_new (store);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
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
  { "preferences", preferences_activated },
  { "verify", verify_activated },
  { "about", about_activated },
  { "quit", quit_activated },
};

static void
jln_application_startup (GApplication *app)
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
    { "win.view::workshop", { "<Alt>3", NULL } },
    { "win.view::reports", { "<Alt>4", NULL } },
  };

  jln_ui_register_resources ();

  G_APPLICATION_CLASS (jln_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accels[i].action, accels[i].accels);
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
jln_application_class_init (JlnApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = jln_application_finalize;
  app_class->handle_local_options = jln_application_handle_local_options;
  app_class->startup = jln_application_startup;
  app_class->activate = jln_application_activate;
  app_class->open = jln_application_open;
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
