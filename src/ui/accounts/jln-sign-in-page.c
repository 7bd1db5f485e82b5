/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>

#include "ui/accounts/jln-sign-in-page.h"
#include "ui/shell/jln-ui-resources.h"

struct _JlnSignInPage
{
  AdwBin parent_instance;

  JlnSession *session;
  GtkFilterListModel *accounts;

  /* template children */
  AdwComboRow *account_row;
  AdwPasswordEntryRow *secret_row;
  GtkBox *problem_box;
  GtkLabel *problem_label;
};

G_DEFINE_FINAL_TYPE (JlnSignInPage, jln_sign_in_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
has_account (gpointer item,
             gpointer user_data)
{
  return jln_coach_get_role (JLN_COACH (item)) != JLN_ROLE_NONE;
}

static void
say (JlnSignInPage *self,
     const char    *problem)
{
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_box), problem != NULL);
}

static void
on_sign_in (JlnSignInPage *self)
{
  g_autoptr(GError) error = NULL;
  JlnCoach *coach;

  if (self->session == NULL)
    return;
  coach = adw_combo_row_get_selected_item (self->account_row);
  if (coach == NULL)
    {
      say (self, _("Choose your name first."));
      return;
    }
  if (!jln_session_sign_in (self->session, jln_coach_get_id (coach),
                            gtk_editable_get_text (GTK_EDITABLE (self->secret_row)), &error))
    {
      say (self, error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->secret_row));
      return;
    }
  /* Nothing of the passphrase stays on screen for the next person. */
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  say (self, NULL);
}

const char *
jln_sign_in_page_try (JlnSignInPage *self,
                      gint64         coach_id,
                      const char    *secret)
{
  GListModel *model = G_LIST_MODEL (self->accounts);

  g_return_val_if_fail (JLN_IS_SIGN_IN_PAGE (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JlnCoach) coach = g_list_model_get_item (model, i);

      if (jln_coach_get_id (coach) == coach_id)
        adw_combo_row_set_selected (self->account_row, i);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), secret);
  on_sign_in (self);
  return gtk_widget_get_visible (GTK_WIDGET (self->problem_box))
         ? gtk_label_get_text (self->problem_label) : NULL;
}

JlnSession *
jln_sign_in_page_get_session (JlnSignInPage *self)
{
  g_return_val_if_fail (JLN_IS_SIGN_IN_PAGE (self), NULL);

  return self->session;
}

void
jln_sign_in_page_set_session (JlnSignInPage *self,
                              JlnSession    *session)
{
  g_return_if_fail (JLN_IS_SIGN_IN_PAGE (self));

  if (!g_set_object (&self->session, session))
    return;
  gtk_filter_list_model_set_model (self->accounts,
                                   session != NULL
                                   ? jln_store_get_coaches (jln_session_get_store (session)) : NULL);
  say (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
jln_sign_in_page_dispose (GObject *object)
{
  JlnSignInPage *self = JLN_SIGN_IN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_SIGN_IN_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->accounts);
  G_OBJECT_CLASS (jln_sign_in_page_parent_class)->dispose (object);
}

static void
jln_sign_in_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JlnSignInPage *self = JLN_SIGN_IN_PAGE (object);

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
jln_sign_in_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  JlnSignInPage *self = JLN_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      jln_sign_in_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_sign_in_page_class_init (JlnSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_sign_in_page_dispose;
  object_class->get_property = jln_sign_in_page_get_property;
  object_class->set_property = jln_sign_in_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, JLN_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/jalons/Jalons/accounts/jln-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnSignInPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, JlnSignInPage, secret_row);
  gtk_widget_class_bind_template_child (widget_class, JlnSignInPage, problem_box);
  gtk_widget_class_bind_template_child (widget_class, JlnSignInPage, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in);
}

static void
jln_sign_in_page_init (JlnSignInPage *self)
{
  g_autoptr(GtkExpression) name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->accounts = gtk_filter_list_model_new (NULL, GTK_FILTER (gtk_custom_filter_new (has_account, NULL, NULL)));
  name = gtk_property_expression_new (JLN_TYPE_COACH, NULL, "name");
  adw_combo_row_set_expression (self->account_row, name);
  adw_combo_row_set_model (self->account_row, G_LIST_MODEL (self->accounts));
}

GtkWidget *
jln_sign_in_page_new (void)
{
  return g_object_new (JLN_TYPE_SIGN_IN_PAGE, NULL);
}
