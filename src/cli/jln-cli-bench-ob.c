#define G_LOG_DOMAIN "jalons-cli"

/* Placeholder: being written. */
#include <stdio.h>
#include "cli/jln-cli.h"

int
jln_cli_bench_ob (int argc, char **argv)
{
  fprintf (stderr, "jalons-cli: not built yet\n");
  return 1;
}
