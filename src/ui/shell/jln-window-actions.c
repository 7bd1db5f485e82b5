/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include "ui/common/jln-view.h"
#include "ui/shell/jln-window-private.h"
#include "ui/participants/jln-archived-dialog.h"

/* The win.* actions: one callback each. They act on the views through
 * JlnView, except the participant ones, which are the participants
 * view's (Ctrl+N, Ctrl+E, Ctrl+P, Ctrl+Shift+A work from anywhere). */

static JlnView *
visible_view (JlnWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->view_stack);

  return JLN_IS_VIEW (child) ? JLN_VIEW (child) : NULL;
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  jln_window_set_view (JLN_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JlnWindow *self = JLN_WINDOW (widget);
  JlnView *view = visible_view (self);

  /* The participants are what people search for: go there when the view
   * shown has no search of its own. */
  if (view == NULL || !jln_view_focus_search (view))
    {
      jln_window_set_view (self, "participants");
      jln_view_focus_search (JLN_VIEW (self->participants_view));
    }
}

static void
new_participant_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JlnWindow *self = JLN_WINDOW (widget);

  jln_window_set_view (self, "participants");
  jln_participants_view_new_participant (self->participants_view);
}

/* A badge page's "Who holds it" row: (badge id, territory id; 0 = no
 * territory). The participants view shows those people. */
static void
show_holders_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JlnWindow *self = JLN_WINDOW (widget);
  gint64 badge_id, territory_id;

  g_variant_get (parameter, "(xx)", &badge_id, &territory_id);
  if (badge_id <= 0)
    return;
  jln_window_set_view (self, "participants");
  jln_participants_view_show_holders (self->participants_view, badge_id, territory_id);
}

/* Ctrl+E, Ctrl+P, Ctrl+Shift+A: they act on the participant page when it
 * is the one shown, and do nothing elsewhere. */
static void
activate_on_page (JlnWindow  *self,
                  const char *page_action)
{
  if (g_strcmp0 (jln_window_get_view (self), "participants") != 0
      || !jln_participants_view_get_showing_page (self->participants_view))
    return;
  gtk_widget_activate_action (GTK_WIDGET (jln_participants_view_get_page (self->participants_view)),
                              page_action, NULL);
}

static void
participant_edit_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  activate_on_page (JLN_WINDOW (widget), "participant.edit");
}

static void
participant_award_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  activate_on_page (JLN_WINDOW (widget), "participant.award");
}

static void
participant_print_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  activate_on_page (JLN_WINDOW (widget), "participant.print");
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JlnWindow *self = JLN_WINDOW (widget);

  if (self->session != NULL)
    jln_session_lock (self->session);
}

static void
create_administrator_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  _jln_window_show_welcome (JLN_WINDOW (widget));
}

static void
show_archived_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JlnWindow *self = JLN_WINDOW (widget);

  if (self->session != NULL)
    gtk_window_present (GTK_WINDOW (jln_archived_dialog_new (self->session, GTK_WINDOW (self))));
}

static const char * const view_actions[] = {
  "win.view", "win.search", "win.new-participant", "win.participant-edit",
  "win.participant-award", "win.participant-print", "win.show-holders", "win.show-archived",
};

/* While the window says the database could not be opened, the views'
 * actions are off. */
void
_jln_window_actions_update (JlnWindow *self)
{
  gboolean signed_in = self->session != NULL && jln_session_get_role (self->session) != JLN_ROLE_NONE;
  gboolean protected = self->session != NULL && jln_session_is_protected (self->session);
  /* Nothing of the desk is reachable from the sign-in page either. */
  gboolean enabled = !jln_window_get_showing_error (self) && (self->session == NULL || signed_in);

  for (guint i = 0; i < G_N_ELEMENTS (view_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), view_actions[i], enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", protected && signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-administrator",
                                 self->session != NULL && !protected);
}

void
_jln_window_class_actions_init (JlnWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.show-archived", NULL, show_archived_action);
  gtk_widget_class_install_action (widget_class, "win.create-administrator", NULL, create_administrator_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.new-participant", NULL, new_participant_action);
  gtk_widget_class_install_action (widget_class, "win.show-holders", "(xx)", show_holders_action);
  gtk_widget_class_install_action (widget_class, "win.participant-edit", NULL, participant_edit_action);
  gtk_widget_class_install_action (widget_class, "win.participant-award", NULL, participant_award_action);
  gtk_widget_class_install_action (widget_class, "win.participant-print", NULL, participant_print_action);
  /* Stateful, so the header's toggle button shows the mode. */
  gtk_widget_class_install_property_action (widget_class, "win.large-icons", "large-icons");

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
