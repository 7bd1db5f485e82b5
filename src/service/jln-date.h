/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Calendar days as the award rules count them (service-private). */

/* Local midnight of @when's local day. */
GDateTime *jln_date_local_midnight (GDateTime *when);
/* yyyymmdd of @when's local day, comparable with < and >. */
int        jln_date_local_day      (GDateTime *when);
/* yyyymmdd of @when's UTC day: entry dates are stored as UTC midnight. */
int        jln_date_utc_day        (GDateTime *when);
/* "14 mars 2026" (the certificate's words). */
char      *jln_date_format_day     (GDateTime *when);

G_END_DECLS
