/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-service"

#include "service/jln-date.h"
#include "render/jln-certificate.h"

GDateTime *
jln_date_local_midnight (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  return g_date_time_new_local (g_date_time_get_year (local),
                                g_date_time_get_month (local),
                                g_date_time_get_day_of_month (local),
                                0, 0, 0);
}

static int
day_number (GDateTime *when)
{
  return g_date_time_get_year (when) * 10000 + g_date_time_get_month (when) * 100 +
         g_date_time_get_day_of_month (when);
}

int
jln_date_local_day (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  return day_number (local);
}

int
jln_date_utc_day (GDateTime *when)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (when);

  return day_number (utc);
}

char *
jln_date_format_day (GDateTime *when)
{
  /* One date wording everywhere: the printed certificate's. */
  return jln_certificate_format_date (when);
}
