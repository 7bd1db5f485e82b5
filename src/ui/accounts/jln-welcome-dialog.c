/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>

#include "ui/accounts/jln-welcome-dialog.h"
#include "ui/common/jln-large-icons.h"
#include "ui/shell/jln-ui-resources.h"

struct _JlnWelcomeDialog
{
  AdwWindow parent_instance;

  JlnSession *session;

  /* template children */
  AdwEntryRow *name_row;
  AdwPasswordEntryRow *secret_row;
  AdwPasswordEntryRow *again_row;
  GtkBox *problem_box;
  GtkLabel *problem_label;
  char *problem; /* what the dialog last said, for jln_welcome_dialog_try() */
};

G_DEFINE_FINAL_TYPE (JlnWelcomeDialog, jln_welcome_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
say (JlnWelcomeDialog *self,
     const char       *problem)
{
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_box), problem != NULL);
  g_free (self->problem);
  self->problem = g_strdup (problem);
}

static void
on_create (JlnWelcomeDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnCoach) coach = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));

  if (*name == '\0')
    {
      say (self, _("Type your full name: the journal and the badges you award name you."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }
  if (g_strcmp0 (secret, gtk_editable_get_text (GTK_EDITABLE (self->again_row))) != 0)
    {
      say (self, _("The two passphrases differ. Type the same one twice."));
      gtk_editable_set_text (GTK_EDITABLE (self->again_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->again_row));
      return;
    }
  coach = jln_coach_new (name);
  if (!jln_session_create_administrator (self->session, coach, secret, &error))
    {
      say (self, error->message);
      return;
    }
  say (self, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

const char *
jln_welcome_dialog_try (JlnWelcomeDialog *self,
                        const char       *name,
                        const char       *secret,
                        const char       *again)
{
  const char *problem;

  g_return_val_if_fail (JLN_IS_WELCOME_DIALOG (self), NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), secret);
  gtk_editable_set_text (GTK_EDITABLE (self->again_row), again);
  /* On success the dialog destroys itself: keep it alive to answer. */
  g_object_ref (self);
  on_create (self);
  problem = self->problem;
  g_object_unref (self);
  /* Non-NULL only when the dialog stayed open (and GTK still holds it). */
  return problem;
}

static void
jln_welcome_dialog_dispose (GObject *object)
{
  JlnWelcomeDialog *self = JLN_WELCOME_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_WELCOME_DIALOG);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (jln_welcome_dialog_parent_class)->dispose (object);
}

static void
jln_welcome_dialog_finalize (GObject *object)
{
  JlnWelcomeDialog *self = JLN_WELCOME_DIALOG (object);

  g_free (self->problem);
  G_OBJECT_CLASS (jln_welcome_dialog_parent_class)->finalize (object);
}

static void
jln_welcome_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  JlnWelcomeDialog *self = JLN_WELCOME_DIALOG (object);

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
jln_welcome_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  JlnWelcomeDialog *self = JLN_WELCOME_DIALOG (object);

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
jln_welcome_dialog_class_init (JlnWelcomeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_welcome_dialog_dispose;
  object_class->finalize = jln_welcome_dialog_finalize;
  object_class->get_property = jln_welcome_dialog_get_property;
  object_class->set_property = jln_welcome_dialog_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, JLN_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/accounts/jln-welcome-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnWelcomeDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, JlnWelcomeDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, JlnWelcomeDialog, again_row);
  gtk_widget_class_bind_template_child (widget_class, JlnWelcomeDialog, problem_box);
  gtk_widget_class_bind_template_child (widget_class, JlnWelcomeDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_create);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jln_welcome_dialog_init (JlnWelcomeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

JlnWelcomeDialog *
jln_welcome_dialog_new (JlnSession *session,
                        GtkWindow  *parent)
{
  JlnWelcomeDialog *self;
  GSettings *settings;

  g_return_val_if_fail (JLN_IS_SESSION (session), NULL);

  self = g_object_new (JLN_TYPE_WELCOME_DIALOG, "session", session, "transient-for", parent, NULL);
  settings = jln_session_get_settings (session);
  if (settings != NULL)
    jln_large_icons_bind (GTK_WIDGET (self), settings);
  return self;
}
