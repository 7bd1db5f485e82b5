/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "render/jln-certificate.h"
#include "ui/common/jln-toast.h"
#include "ui/shell/jln-backups-page.h"
#include "ui/shell/jln-ui-resources.h"

struct _JlnBackupsPage
{
  AdwPreferencesPage parent_instance;

  JlnSession *session;
  GPtrArray  *backups;   /* paths shown, newest first */

  /* template children */
  AdwActionRow  *interval_row;
  AdwActionRow  *kept_row;
  GtkSpinButton *interval_spin;
  GtkSpinButton *kept_spin;
  AdwPreferencesGroup *list_group;
  GtkWidget     *back_up_button;
  GtkListBox    *list_box;
  AdwActionRow  *file_row;
};

G_DEFINE_FINAL_TYPE (JlnBackupsPage, jln_backups_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void ask_restore (JlnBackupsPage *self, const char *path, const char *when);

/* Where a message goes: the preferences window's own toasts. */
static void
say (JlnBackupsPage *self,
     const char     *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (escaped));
    }
  else
    jln_toast_show_text (GTK_WIDGET (self), text);
}

/* "2 December 2026, 07:30", in the desk's time. */
static char *
describe_time (JlnBackupsPage *self,
               const char     *path)
{
  g_autoptr(GDateTime) utc = jln_store_get_backup_time (jln_session_get_store (self->session), path);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_path_get_basename (path);
  local = g_date_time_to_local (utc);
  {
    /* The app's one date wording (month names translated), then the time. */
    g_autofree char *day = jln_certificate_format_date (local);
    g_autofree char *time = g_date_time_format (local, "%H:%M:%S");

    /* Translators: when a backup was made: "2 décembre 2026, 07:26:05" */
    return g_strdup_printf (_("%1$s, %2$s"), day, time);
  }
}

static void
on_restore_clicked (GtkButton      *button,
                    JlnBackupsPage *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "jln-backup-path");
  const char *when = g_object_get_data (G_OBJECT (button), "jln-backup-when");

  ask_restore (self, path, when);
}

static GtkWidget *
backup_row (JlnBackupsPage *self,
            const char     *path)
{
  g_autofree char *when = describe_time (self, path);
  g_autofree char *label = NULL;
  g_autofree char *size = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Restore…"));
  GStatBuf st;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  if (g_stat (path, &st) == 0)
    size = g_format_size ((guint64) st.st_size);
  if (size != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: accessible name of a Restore button; %s is when the backup was made */
  label = g_strdup_printf (_("Restore the backup of %s"), when);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "jln-backup-path", g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (button), "jln-backup-when", g_strdup (when), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_restore_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
refresh (JlnBackupsPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_clear_pointer (&self->backups, g_ptr_array_unref);

  if (self->session == NULL)
    return;
  self->backups = jln_session_list_backups (self->session, &error);
  if (self->backups == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The backups cannot be listed"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_list_box_append (self->list_box, row);
      return;
    }
  if (self->backups->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No backup yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Back up now to keep a copy of today’s work."));
      gtk_list_box_append (self->list_box, row);
    }
  for (guint i = 0; i < self->backups->len; i++)
    gtk_list_box_append (self->list_box, backup_row (self, g_ptr_array_index (self->backups, i)));
}

gboolean
jln_backups_page_back_up_now (JlnBackupsPage  *self,
                              GError         **error)
{
  g_return_val_if_fail (JLN_IS_BACKUPS_PAGE (self), FALSE);

  if (self->session == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No database is open."));
      return FALSE;
    }
  if (!jln_session_backup_now (self->session, NULL, error))
    return FALSE;
  refresh (self);
  return TRUE;
}

static void
on_back_up_clicked (JlnBackupsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (jln_backups_page_back_up_now (self, &error))
    say (self, _("Backup made"));
  else
    say (self, error->message);
}

gboolean
jln_backups_page_restore (JlnBackupsPage  *self,
                          const char      *path,
                          GError         **error)
{
  g_autofree char *kept = NULL;

  g_return_val_if_fail (JLN_IS_BACKUPS_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->session == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No database is open."));
      return FALSE;
    }
  if (!jln_session_restore_backup (self->session, path, &kept, error))
    return FALSE;
  refresh (self);
  return TRUE;
}

static void
on_restore_response (AdwMessageDialog *dialog,
                     const char       *response,
                     JlnBackupsPage   *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "jln-backup-path");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "restore") != 0)
    return;
  if (jln_backups_page_restore (self, path, &error))
    say (self, _("Restored. The database as it was just before is kept among the backups."));
  else
    say (self, error->message);
}

static void
ask_restore (JlnBackupsPage *self,
             const char     *path,
             const char     *when)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: %s is when the backup was made, or a file name */
  heading = g_strdup_printf (_("Go Back to the Backup of %s?"), when);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Everything done since then disappears from the database. "
                                     "The database as it is now is kept among the backups, so this can be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "jln-backup-path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_file_response (GtkNativeDialog *chooser,
                  int              response,
                  JlnBackupsPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autofree char *name = file ? g_file_get_basename (file) : NULL;

      if (path == NULL)
        say (self, _("This file is not on this computer. Copy it here first."));
      else
        ask_restore (self, path, name);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_file_row_activated (JlnBackupsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose a Jalons Backup"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Restore"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

guint
jln_backups_page_get_n_backups (JlnBackupsPage *self)
{
  g_return_val_if_fail (JLN_IS_BACKUPS_PAGE (self), 0);

  return self->backups ? self->backups->len : 0;
}

static void
jln_backups_page_constructed (GObject *object)
{
  JlnBackupsPage *self = JLN_BACKUPS_PAGE (object);
  GSettings *settings = self->session ? jln_session_get_settings (self->session) : NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  G_OBJECT_CLASS (jln_backups_page_parent_class)->constructed (object);

  if (settings != NULL)
    g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema != NULL && g_settings_schema_has_key (schema, JLN_SESSION_BACKUP_INTERVAL_KEY)
      && g_settings_schema_has_key (schema, JLN_SESSION_BACKUPS_KEPT_KEY))
    {
      g_settings_bind (settings, JLN_SESSION_BACKUP_INTERVAL_KEY,
                       gtk_spin_button_get_adjustment (self->interval_spin), "value", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, JLN_SESSION_BACKUPS_KEPT_KEY,
                       gtk_spin_button_get_adjustment (self->kept_spin), "value", G_SETTINGS_BIND_DEFAULT);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->interval_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->kept_row), FALSE);
    }
  if (self->session != NULL)
    {
      g_autofree char *dir = jln_store_dup_backups_dir (jln_session_get_store (self->session));
      g_autofree char *description = NULL;

      /* Translators: %s is a folder */
      description = g_strdup_printf (_("Kept in %s"), dir);
      adw_preferences_group_set_description (self->list_group, description);
    }
  gtk_widget_set_sensitive (self->back_up_button, self->session != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->file_row), self->session != NULL);
  refresh (self);
}

static void
jln_backups_page_dispose (GObject *object)
{
  JlnBackupsPage *self = JLN_BACKUPS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_BACKUPS_PAGE);
  g_clear_object (&self->session);
  g_clear_pointer (&self->backups, g_ptr_array_unref);

  G_OBJECT_CLASS (jln_backups_page_parent_class)->dispose (object);
}

static void
jln_backups_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JlnBackupsPage *self = JLN_BACKUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_backups_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  JlnBackupsPage *self = JLN_BACKUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_backups_page_class_init (JlnBackupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->constructed = jln_backups_page_constructed;
  object_class->dispose = jln_backups_page_dispose;
  object_class->get_property = jln_backups_page_get_property;
  object_class->set_property = jln_backups_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, JLN_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/shell/jln-backups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnBackupsPage, interval_row);
  gtk_widget_class_bind_template_child (widget_class, JlnBackupsPage, kept_row);
  gtk_widget_class_bind_template_child (widget_class, JlnBackupsPage, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, JlnBackupsPage, kept_spin);
  gtk_widget_class_bind_template_child (widget_class, JlnBackupsPage, list_group);
  gtk_widget_class_bind_template_child (widget_class, JlnBackupsPage, back_up_button);
  gtk_widget_class_bind_template_child (widget_class, JlnBackupsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, JlnBackupsPage, file_row);
  gtk_widget_class_bind_template_callback (widget_class, on_back_up_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_file_row_activated);
}

static void
jln_backups_page_init (JlnBackupsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jln_backups_page_new (JlnSession *session)
{
  g_return_val_if_fail (session == NULL || JLN_IS_SESSION (session), NULL);

  return g_object_new (JLN_TYPE_BACKUPS_PAGE, "session", session, NULL);
}
