/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include "store/jln-store.h"
#include "service/jln-session.h"

G_BEGIN_DECLS

/* Each verb parses its own arguments (argv[0] is the verb name) and returns
 * the process exit status. Every verb accepts --database PATH. */
int jln_cli_demo    (int argc, char **argv);
int jln_cli_bench   (int argc, char **argv);
int jln_cli_verify  (int argc, char **argv);
int jln_cli_bake    (int argc, char **argv);
int jln_cli_extract (int argc, char **argv);
int jln_cli_canon   (int argc, char **argv);
int jln_cli_issue   (int argc, char **argv);
int jln_cli_export  (int argc, char **argv);
int jln_cli_export_data (int argc, char **argv);
int jln_cli_status_list (int argc, char **argv); /* jln-cli-award.c */
int jln_cli_audit   (int argc, char **argv); /* jln-cli-audit.c: audit verify */
int jln_cli_backup  (int argc, char **argv); /* jln-cli-backup.c */
int jln_cli_erase   (int argc, char **argv); /* jln-cli-erase.c */
int jln_cli_award   (int argc, char **argv); /* jln-cli-desk.c */
int jln_cli_revoke  (int argc, char **argv); /* jln-cli-desk.c */
int jln_cli_account (int argc, char **argv); /* jln-cli-account.c */
int jln_cli_key     (int argc, char **argv); /* jln-cli-account.c */
int jln_cli_bench_startup (int argc, char **argv); /* jln-cli-bench-startup.c */
int jln_cli_bench_ob      (int argc, char **argv); /* jln-cli-bench-ob.c */

/* Opens the store at @path (NULL: the default path) and reports errors on
 * stderr in the user's words. */
JlnStore *jln_cli_open_store (const char *path, GError **error);
/* Opens a session over the database at @path (NULL: the default path):
 * store and issuer. The desk coach is the app's (its GSettings) when the
 * schema is installed; the journal otherwise names the account's owner. */
JlnSession *jln_cli_open_session (const char *path, GError **error);
/* Takes the options every verb shares out of @argv (argv[0] is the verb):
 * --as COACH-NUMBER and --secret-file FILE (the passphrase, one line).
 * FALSE (after saying why) on bad usage. */
gboolean  jln_cli_take_account_options (int *argc, char **argv);
/* With --as: the session is signed in as that account (its failures
 * count like the app's); without, a protected database is opened locked
 * and every write says how to sign in. */
JlnSession *jln_cli_open_session_locked (const char *path, GError **error);
/* A passphrase file: a regular file of at most 1 KiB, one line of text
 * (a final line end dropped). */
char     *jln_cli_read_secret_file (const char *path, GError **error);
/* Prints "jalons-cli: <message>" on stderr. */
void      jln_cli_print_error (const GError *error);
/* Parses @entries for @verb (@parameter: the positional part of the usage
 * line, or NULL); prints the error and the usage on bad usage. */
gboolean  jln_cli_parse_options (const char *verb, const char *parameter, const char *summary,
                                 GOptionEntry *entries, int *argc, char ***argv);
/* "jalons-cli VERB: MESSAGE" and a hint to --help, on stderr. */
void      jln_cli_usage_error (const char *verb, const char *message);
/* @text (from a badge, a file name, an error quoting either) made safe to
 * print on a terminal: C0 controls, DEL, C1 controls and the bidi overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069) written as \xNN or \uNNNN,
 * invalid UTF-8 bytes as \xNN, a backslash as \\. Never raw. */
char     *jln_cli_sanitize_for_terminal (const char *text);
/* Reads a file handed to a verb (a badge, a credential, an image, a status
 * list): a regular file of at most JLN_FILE_READ_MAX_BADGE bytes. */
GBytes   *jln_cli_read_input (const char *path, GError **error);
/* Writes @bytes to @path: a regular file (or a new one) is replaced
 * atomically; a character device (/dev/stdout) is written into. A full
 * disk is said as such. Nothing half-written is left. */
gboolean  jln_cli_write_output (const char *path, GBytes *bytes, GError **error);

G_END_DECLS
