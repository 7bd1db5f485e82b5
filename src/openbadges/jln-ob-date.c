/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include "jln-ob-date.h"

/* Below both the credential and the proof code, which each write dates:
 * one writer, and no include running back up between them. */
char *
jln_ob_format_date_time (GDateTime *date)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  utc = g_date_time_to_utc (date);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}
