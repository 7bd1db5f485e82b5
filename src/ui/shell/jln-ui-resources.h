/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the UI's GResource (templates, CSS, icons) once. Every widget
 * class with a template calls it from class_init, so tests and the app need
 * no setup of their own, and no template has to know the application. */
void jln_ui_register_resources (void);

G_END_DECLS
