/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-cli"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "cli/jln-cli.h"
#include "cli/jln-cli-print.h"

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Verb;

static const Verb verbs[] = {
  { "demo",    jln_cli_demo,    N_("Build a deterministic demo database") },
  { "verify",  jln_cli_verify,  N_("Verify badge files (PNG, SVG, JSON)") },
  { "bake",    jln_cli_bake,    N_("Bake a credential into a PNG or SVG image") },
  { "extract", jln_cli_extract, N_("Print the credential baked into an image") },
  { "canon",   jln_cli_canon,   N_("Print the canonical N-Quads of a JSON-LD document") },
  { "issue",   jln_cli_issue,   N_("Sign the credential of an award") },
  { "export",  jln_cli_export,  N_("Export baked badges to a folder") },
  { "export-data", jln_cli_export_data, N_("Export all of a participant’s data (right of access)") },
  { "award",   jln_cli_award,   N_("Award a badge to a participant") },
  { "revoke",  jln_cli_revoke,  N_("Withdraw an awarded badge") },
  { "status-list", jln_cli_status_list, N_("Write the signed revocation list") },
  { "print",   jln_cli_print,   N_("Write a certificate or booklet as a PDF") },
  { "audit",   jln_cli_audit,   N_("Check the audit journal (audit verify)") },
  { "backup",  jln_cli_backup,  N_("Back up the database, list backups, restore one") },
  { "erase",   jln_cli_erase,   N_("Erase a participant’s personal data; list those proposed") },
  { "account", jln_cli_account, N_("Coach accounts: create the administrator, add, list, new passphrase") },
  { "key",     jln_cli_key,     N_("The signing key: export it for a second desk") },
  { "bench",   jln_cli_bench,   N_("Measure performance (startup, ob)") },
};

static void
usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: jalons-cli VERB [OPTIONS…] (every verb takes --database PATH)"));
  fprintf (out, "%s\n", _("On a database with accounts, writes need --as COACH-NUMBER --secret-file FILE."));
  for (gsize i = 0; i < G_N_ELEMENTS (verbs); i++)
    fprintf (out, "  %-8s %s\n", verbs[i].name, _(verbs[i].summary));
}

int
main (int argc, char **argv)
{
  const char *localedir;

  setlocale (LC_ALL, "");
  localedir = g_getenv ("JALONS_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_str_equal (argv[1], verbs[i].name))
      {
        int verb_argc = argc - 1;

        if (!jln_cli_take_account_options (&verb_argc, argv + 1))
          return 2;
        return verbs[i].run (verb_argc, argv + 1);
      }

  fprintf (stderr, _("jalons-cli: unknown verb “%s”"), argv[1]);
  fputc ('\n', stderr);
  usage (stderr);
  return 2;
}
