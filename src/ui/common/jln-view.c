/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>

#include "ui/common/jln-view.h"

G_DEFINE_INTERFACE (JlnView, jln_view, GTK_TYPE_WIDGET)

static void
jln_view_default_init (JlnViewInterface *iface)
{
  /* Implementations override these two (g_object_class_override_property)
   * and own their storage: the participants view hands both down to its
   * page, the badges view to its tiles. */
  g_object_interface_install_property (iface,
    g_param_spec_object ("session", NULL, NULL, JLN_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("large-icons", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

JlnSession *
jln_view_get_session (JlnView *self)
{
  JlnSession *session = NULL;

  g_return_val_if_fail (JLN_IS_VIEW (self), NULL);

  g_object_get (self, "session", &session, NULL);
  /* Borrowed: the view keeps its own reference. */
  if (session != NULL)
    g_object_unref (session);
  return session;
}

void
jln_view_set_session (JlnView    *self,
                      JlnSession *session)
{
  g_return_if_fail (JLN_IS_VIEW (self));
  g_return_if_fail (session == NULL || JLN_IS_SESSION (session));

  g_object_set (self, "session", session, NULL);
}

gboolean
jln_view_get_large_icons (JlnView *self)
{
  gboolean large_icons = FALSE;

  g_return_val_if_fail (JLN_IS_VIEW (self), FALSE);

  g_object_get (self, "large-icons", &large_icons, NULL);
  return large_icons;
}

void
jln_view_set_large_icons (JlnView  *self,
                          gboolean  large_icons)
{
  g_return_if_fail (JLN_IS_VIEW (self));

  g_object_set (self, "large-icons", !!large_icons, NULL);
}

const char *
jln_view_get_title (JlnView *self)
{
  JlnViewInterface *iface;

  g_return_val_if_fail (JLN_IS_VIEW (self), NULL);

  iface = JLN_VIEW_GET_IFACE (self);
  return iface->title != NULL ? _(iface->title) : NULL;
}

const char *
jln_view_get_icon_name (JlnView *self)
{
  g_return_val_if_fail (JLN_IS_VIEW (self), NULL);

  return JLN_VIEW_GET_IFACE (self)->icon_name;
}

gboolean
jln_view_focus_search (JlnView *self)
{
  JlnViewInterface *iface;

  g_return_val_if_fail (JLN_IS_VIEW (self), FALSE);

  iface = JLN_VIEW_GET_IFACE (self);
  return iface->focus_search != NULL && iface->focus_search (self);
}
