#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JLN_TYPE_WORKSHOP_VIEW (jln_workshop_view_get_type ())
G_DECLARE_FINAL_TYPE (JlnWorkshopView, jln_workshop_view, JLN, WORKSHOP_VIEW, AdwBin)

G_END_DECLS
