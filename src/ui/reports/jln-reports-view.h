#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JLN_TYPE_REPORTS_VIEW (jln_reports_view_get_type ())
G_DECLARE_FINAL_TYPE (JlnReportsView, jln_reports_view, JLN, REPORTS_VIEW, AdwBin)

G_END_DECLS
