/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-cli"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/jln-cli.h"

/* "bench startup" and "bench ob" live in their own files. */
int
jln_cli_bench (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "startup"))
    return jln_cli_bench_startup (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "ob"))
    return jln_cli_bench_ob (argc - 1, argv + 1);
  fprintf (stderr, "%s\n", _("Usage: jalons-cli bench startup|ob [--database PATH]"));
  return 2;
}
