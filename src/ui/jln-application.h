#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JLN_TYPE_APPLICATION (jln_application_get_type ())
G_DECLARE_FINAL_TYPE (JlnApplication, jln_application, JLN, APPLICATION, AdwApplication)

JlnApplication *jln_application_new (void);

/* Registers the UI's GResource (templates, CSS, icons) once. Every widget
 * class with a template calls it from class_init, so tests and the app need
 * no setup of their own. */
void            jln_ui_register_resources (void);

G_END_DECLS
