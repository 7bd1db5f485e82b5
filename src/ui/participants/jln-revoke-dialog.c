/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>

#include "ui/participants/jln-revoke-dialog.h"
#include "ui/shell/jln-ui-resources.h"

struct _JlnRevokeDialog
{
  AdwMessageDialog parent_instance;

  JlnAward *award;

  /* template children */
  GtkCheckButton *mistake_check;
  GtkCheckButton *criteria_check;
  GtkCheckButton *requested_check;
  GtkCheckButton *other_check;
  GtkEntry       *other_entry;
};

G_DEFINE_FINAL_TYPE (JlnRevokeDialog, jln_revoke_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_AWARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_sensitivity (JlnRevokeDialog *self)
{
  g_autofree char *reason = jln_revoke_dialog_dup_reason (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->other_entry),
                            gtk_check_button_get_active (self->other_check));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "revoke", reason != NULL);
}

static void
jln_revoke_dialog_constructed (GObject *object)
{
  JlnRevokeDialog *self = JLN_REVOKE_DIALOG (object);
  g_autofree char *heading = NULL;

  G_OBJECT_CLASS (jln_revoke_dialog_parent_class)->constructed (object);

  /* Translators: %s is a badge name */
  heading = g_strdup_printf (_("Revoke “%s”?"),
                             self->award ? jln_award_get_badge_name (self->award) : "");
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
}

static void
jln_revoke_dialog_dispose (GObject *object)
{
  JlnRevokeDialog *self = JLN_REVOKE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_REVOKE_DIALOG);
  g_clear_object (&self->award);

  G_OBJECT_CLASS (jln_revoke_dialog_parent_class)->dispose (object);
}

static void
jln_revoke_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  JlnRevokeDialog *self = JLN_REVOKE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_AWARD:
      g_value_set_object (value, self->award);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_revoke_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  JlnRevokeDialog *self = JLN_REVOKE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_AWARD:
      self->award = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_revoke_dialog_class_init (JlnRevokeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->constructed = jln_revoke_dialog_constructed;
  object_class->dispose = jln_revoke_dialog_dispose;
  object_class->get_property = jln_revoke_dialog_get_property;
  object_class->set_property = jln_revoke_dialog_set_property;

  properties[PROP_AWARD] =
    g_param_spec_object ("award", NULL, NULL, JLN_TYPE_AWARD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/participants/jln-revoke-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnRevokeDialog, mistake_check);
  gtk_widget_class_bind_template_child (widget_class, JlnRevokeDialog, criteria_check);
  gtk_widget_class_bind_template_child (widget_class, JlnRevokeDialog, requested_check);
  gtk_widget_class_bind_template_child (widget_class, JlnRevokeDialog, other_check);
  gtk_widget_class_bind_template_child (widget_class, JlnRevokeDialog, other_entry);
  gtk_widget_class_bind_template_callback (widget_class, update_sensitivity);
}

static void
jln_revoke_dialog_init (JlnRevokeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

JlnRevokeDialog *
jln_revoke_dialog_new (GtkWindow *parent,
                       JlnAward  *award)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (JLN_IS_AWARD (award), NULL);

  return g_object_new (JLN_TYPE_REVOKE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "award", award,
                       NULL);
}

JlnAward *
jln_revoke_dialog_get_award (JlnRevokeDialog *self)
{
  g_return_val_if_fail (JLN_IS_REVOKE_DIALOG (self), NULL);

  return self->award;
}

char *
jln_revoke_dialog_dup_reason (JlnRevokeDialog *self)
{
  GtkCheckButton *reasons[] = { self->mistake_check, self->criteria_check, self->requested_check };

  g_return_val_if_fail (JLN_IS_REVOKE_DIALOG (self), NULL);

  /* The label shown is the reason kept: in the coach's language. */
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (gtk_check_button_get_active (reasons[i]))
      return g_strdup (gtk_check_button_get_label (reasons[i]));
  if (gtk_check_button_get_active (self->other_check))
    {
      g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->other_entry)));

      g_strstrip (text);
      return *text ? g_steal_pointer (&text) : NULL;
    }
  return NULL;
}
