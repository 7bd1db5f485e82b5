/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "service/jln-session.h"

G_BEGIN_DECLS

/* What the window needs from each of its views (participants, badges,
 * and the rooms to come), so it drives them all the same way and knows none of
 * them in particular:
 *  "session"     JlnSession, nullable: what the view shows and changes;
 *  "large-icons" gboolean: the large-icon, low-text mode;
 *  "title", "icon-name": what the view switcher shows (class constants).
 * focus_search() puts the keyboard in the view's search entry; views
 * without one leave it NULL (jln_view_focus_search() then says FALSE). */

#define JLN_TYPE_VIEW (jln_view_get_type ())
G_DECLARE_INTERFACE (JlnView, jln_view, JLN, VIEW, GtkWidget)

struct _JlnViewInterface
{
  GTypeInterface parent_iface;

  const char *title;       /* translated when read */
  const char *icon_name;

  gboolean  (*focus_search) (JlnView *self);
};

JlnSession *jln_view_get_session     (JlnView    *self);
void        jln_view_set_session     (JlnView    *self,
                                      JlnSession *session);
gboolean    jln_view_get_large_icons (JlnView    *self);
void        jln_view_set_large_icons (JlnView    *self,
                                      gboolean    large_icons);
const char *jln_view_get_title       (JlnView    *self);
const char *jln_view_get_icon_name   (JlnView    *self);
gboolean    jln_view_focus_search    (JlnView    *self);

G_END_DECLS
