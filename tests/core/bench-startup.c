/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-bench"

#include "cli/jln-cli.h"

/* `meson test --benchmark` entry: the same figures as `jalons-cli bench startup`. */
int
main (int argc, char **argv)
{
  return jln_cli_bench_startup (argc, argv);
}
