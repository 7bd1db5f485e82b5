#define G_LOG_DOMAIN "jalons-cli"

/* Placeholder: being written. */
#include <stdio.h>
#include "cli/jln-cli.h"

int
jln_cli_verify (int argc, char **argv)
{
  fprintf (stderr, "jalons-cli: verify is not built yet\n");
  return 1;
}

int
jln_cli_bake (int argc, char **argv)
{
  fprintf (stderr, "jalons-cli: bake is not built yet\n");
  return 1;
}

int
jln_cli_extract (int argc, char **argv)
{
  fprintf (stderr, "jalons-cli: extract is not built yet\n");
  return 1;
}

int
jln_cli_canon (int argc, char **argv)
{
  fprintf (stderr, "jalons-cli: canon is not built yet\n");
  return 1;
}

int
jln_cli_issue (int argc, char **argv)
{
  fprintf (stderr, "jalons-cli: issue is not built yet\n");
  return 1;
}

int
jln_cli_export (int argc, char **argv)
{
  fprintf (stderr, "jalons-cli: export is not built yet\n");
  return 1;
}
