/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include "ui/shell/jln-ui-resources.h"
#include "ui/jln-ui-gresources.h"

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
