/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The dates credentials and proofs carry: xsd:dateTime in UTC with "Z",
 * whole seconds ("2026-03-14T09:30:00Z"). */
char *jln_ob_format_date_time (GDateTime *date);

G_END_DECLS
