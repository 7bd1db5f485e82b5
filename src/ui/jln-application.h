#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JLN_TYPE_APPLICATION (jln_application_get_type ())
G_DECLARE_FINAL_TYPE (JlnApplication, jln_application, JLN, APPLICATION, AdwApplication)

JlnApplication *jln_application_new (void);

G_END_DECLS
