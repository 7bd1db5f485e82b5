#pragma once

#include <adwaita.h>

#include "core/jln-store.h"

G_BEGIN_DECLS

#define JLN_TYPE_PREFERENCES_WINDOW (jln_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (JlnPreferencesWindow, jln_preferences_window, JLN, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @store (nullable) lists the coaches to choose the desk's coach from. */
JlnPreferencesWindow *jln_preferences_window_new (JlnStore *store);

G_END_DECLS
