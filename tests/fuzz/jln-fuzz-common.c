/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-fuzz"

#include <stdlib.h>
#include <string.h>

#include "jln-fuzz.h"

static void
quiet_log (const char     *log_domain,
           GLogLevelFlags  log_level,
           const char     *message,
           gpointer        user_data)
{
  /* Criticals and errors still reach the default handler, which aborts
   * (always_fatal below); everything else is noise for a fuzzer. */
  if (log_level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    g_log_default_handler (log_domain, log_level, message, user_data);
}

static gpointer
init_once (gpointer data)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
  g_log_set_default_handler (quiet_log, NULL);
  /* The engine reads no configuration from the environment, but the
   * messages it builds are translated: keep them in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  return NULL;
}

void
jln_fuzz_init (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_once, NULL);
}

char *
jln_fuzz_strndup (const uint8_t *data,
                  size_t         size)
{
  char *s = g_malloc (size + 1);

  if (size > 0)
    memcpy (s, data, size);
  s[size] = '\0';
  return s;
}
