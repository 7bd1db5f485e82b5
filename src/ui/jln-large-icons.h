/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ui/common/jln-large-icons.h"

G_BEGIN_DECLS

/* Moved to ui/common/jln-large-icons.h (jln_large_icons_bind(), with the
 * session's settings). This name stays until jln-verify-window.c, which
 * does not have the session yet, binds too: it follows the running
 * application's settings ("settings" property of JlnApplication), or its
 * own when there is no application (tests). */
void jln_large_icons_follow (GtkWidget *widget);

G_END_DECLS
