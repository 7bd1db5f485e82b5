/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include "ui/common/jln-a11y.h"

static void
sync_pages (GObject *container)
{
  g_autoptr(GListModel) pages = NULL;
  g_autoptr(GtkWidget) visible = NULL;
  guint n;

  g_object_get (container, "pages", &pages, "visible-child", &visible, NULL);
  if (pages == NULL)
    return;
  n = g_list_model_get_n_items (pages);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) page = g_list_model_get_item (pages, i);
      g_autoptr(GtkWidget) child = NULL;

      g_object_get (page, "child", &child, NULL);
      if (child != NULL)
        gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                     GTK_ACCESSIBLE_STATE_HIDDEN, child != visible,
                                     -1);
    }
}

void
jln_a11y_hide_offscreen_pages (GObject *container)
{
  g_return_if_fail (G_IS_OBJECT (container));
  g_return_if_fail (g_object_class_find_property (G_OBJECT_GET_CLASS (container), "pages") != NULL);
  g_return_if_fail (g_object_class_find_property (G_OBJECT_GET_CLASS (container), "visible-child") != NULL);

  /* Pages added later are hidden at the next switch; until then GTK has
   * not allocated them, and AT-SPI clients see them as 0×0. */
  g_signal_connect (container, "notify::visible-child", G_CALLBACK (sync_pages), NULL);
  sync_pages (container);
}
