/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-cli"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "cli/jln-cli.h"
#include "core/jln-file-read.h"

JlnStore *
jln_cli_open_store (const char *path, GError **error)
{
  g_autofree char *default_path = NULL;

  if (path == NULL)
    path = default_path = jln_store_default_path ();
  return jln_store_open (path, error);
}

/* --as and --secret-file, taken out of argv before the verb parses it. */
static gint64 account_id;
static char *secret_file;

gboolean
jln_cli_take_account_options (int    *argc,
                              char  **argv)
{
  int out = 1;

  for (int i = 1; i < *argc; i++)
    {
      const char *arg = argv[i];
      const char *value = NULL;
      gboolean is_as = g_str_equal (arg, "--as") || g_str_has_prefix (arg, "--as=");
      gboolean is_file = g_str_equal (arg, "--secret-file") || g_str_has_prefix (arg, "--secret-file=");

      if (g_str_equal (arg, "--"))
        {
          for (; i < *argc; i++)
            argv[out++] = argv[i];
          break;
        }
      if (!is_as && !is_file)
        {
          argv[out++] = argv[i];
          continue;
        }
      if (strchr (arg, '=') != NULL)
        value = strchr (arg, '=') + 1;
      else if (i + 1 < *argc)
        value = argv[++i];
      if (value == NULL || *value == '\0')
        {
          fprintf (stderr, _("jalons-cli: %s needs a value."), is_as ? "--as" : "--secret-file");
          fputc ('\n', stderr);
          return FALSE;
        }
      if (is_as)
        {
          guint64 id;

          if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT64, &id, NULL))
            {
              fprintf (stderr, _("jalons-cli: --as expects a coach’s number, not “%s”."), value);
              fputc ('\n', stderr);
              return FALSE;
            }
          account_id = (gint64) id;
        }
      else
        {
          g_free (secret_file);
          secret_file = g_strdup (value);
        }
    }
  argv[out] = NULL;
  *argc = out;
  if ((account_id != 0) != (secret_file != NULL))
    {
      fputs (_("jalons-cli: --as and --secret-file go together: who you are, and the file holding "
               "your passphrase."), stderr);
      fputc ('\n', stderr);
      return FALSE;
    }
  return TRUE;
}

char *
jln_cli_read_secret_file (const char  *path,
                          GError     **error)
{
  g_autoptr(GBytes) bytes = jln_file_read_regular (path, 1024, error);
  gsize len;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  /* One trailing line end is the editor's, not the passphrase's. */
  if (len > 0 && data[len - 1] == '\n')
    len--;
  if (len > 0 && data[len - 1] == '\r')
    len--;
  if (len == 0 || memchr (data, '\0', len) != NULL || !g_utf8_validate_len (data, len, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” does not hold a passphrase (one line of text)."), path);
      return NULL;
    }
  return g_strndup (data, len);
}

static gboolean
sign_in (JlnSession  *session,
         GError     **error)
{
  g_autofree char *secret = NULL;
  gboolean ok;

  if (account_id == 0)
    return TRUE;
  if (!jln_session_is_protected (session))
    {
      g_set_error_literal (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_NO_ACCOUNTS,
                           _("This database has no accounts yet: leave out --as and --secret-file, "
                             "or create the administrator with “jalons-cli account create-admin”."));
      return FALSE;
    }
  if ((secret = jln_cli_read_secret_file (secret_file, error)) == NULL)
    return FALSE;
  ok = jln_session_sign_in (session, account_id, secret, error);
  sodium_memzero (secret, strlen (secret));
  return ok;
}

JlnSession *
jln_cli_open_session (const char *path, GError **error)
{
  g_autoptr(JlnSession) session = jln_cli_open_session_locked (path, error);

  if (session == NULL || !sign_in (session, error))
    return NULL;
  return g_steal_pointer (&session);
}

JlnSession *
jln_cli_open_session_locked (const char *path, GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  /* The CLI runs where the app may not be installed: no schema, no settings
   * (g_settings_new() would abort). */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    settings = g_settings_new_full (schema, NULL, NULL);
  return jln_session_open (path, settings, error);
}

void
jln_cli_print_error (const GError *error)
{
  g_autofree char *message = jln_cli_sanitize_for_terminal (error->message);

  /* Messages quote badges and file names: untrusted text. */
  fprintf (stderr, "jalons-cli: %s\n", message);
  if (g_error_matches (error, JLN_SESSION_ERROR, JLN_SESSION_ERROR_NOT_SIGNED_IN)
      || g_error_matches (error, JLN_STORE_ERROR, JLN_STORE_ERROR_LOCKED)
      || g_error_matches (error, JLN_ISSUER_ERROR, JLN_ISSUER_ERROR_LOCKED))
    fprintf (stderr, "jalons-cli: %s\n",
             _("This database has accounts: say who you are with --as COACH-NUMBER and "
               "--secret-file FILE (a file holding your passphrase)."));
}

static gboolean
unsafe_on_terminal (gunichar c)
{
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

char *
jln_cli_sanitize_for_terminal (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  for (p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: the byte itself, visibly. */
          g_string_append_printf (out, "\\x%02x", (guint) (guchar) *p);
          p++;
          continue;
        }
      if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c < 0x80 && unsafe_on_terminal (c))
        g_string_append_printf (out, "\\x%02x", c);
      else if (unsafe_on_terminal (c))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

GBytes *
jln_cli_read_input (const char  *path,
                    GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autofree char *local = g_file_get_path (file);

  if (local == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a file on this computer: download it first."), path);
      return NULL;
    }
  return jln_file_read_regular (local, JLN_FILE_READ_MAX_BADGE, error);
}

static void
set_write_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("The disk is full: “%s” was not written. Free some space and try again."), display);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Cannot write “%s”: %s."), display, g_strerror (saved_errno));
}

/* Straight into a device such as /dev/stdout: there is no file to replace. */
static gboolean
write_into_device (const char  *path,
                   GBytes      *bytes,
                   GError     **error)
{
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  gsize len = g_bytes_get_size (bytes), done = 0;
  int fd = g_open (path, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      set_write_error (error, errno, path);
      return FALSE;
    }
  while (done < len)
    {
      gssize n = write (fd, data + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved_errno = n < 0 ? errno : ENOSPC;

          close (fd);
          set_write_error (error, saved_errno, path);
          return FALSE;
        }
      done += n;
    }
  if (close (fd) != 0)
    {
      set_write_error (error, errno, path);
      return FALSE;
    }
  return TRUE;
}

gboolean
jln_cli_write_output (const char  *path,
                      GBytes      *bytes,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;

  /* Renaming a temporary file over a device node would replace the device
   * itself (as root, /dev/full would become a plain file). */
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      if (S_ISCHR (st.st_mode))
        return write_into_device (path, bytes, error);
      g_set_error (error, G_IO_ERROR, S_ISDIR (st.st_mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file: give the name of the image to write."), display);
      return FALSE;
    }
  /* A temporary file renamed over @path: a failure leaves nothing behind. */
  if (g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    return TRUE;
  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
    {
      set_write_error (error, ENOSPC, path);
      return FALSE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Parses @entries for @verb; prints the error and usage on bad usage. */
gboolean
jln_cli_parse_options (const char *verb, const char *parameter, const char *summary,
                       GOptionEntry *entries, int *argc, char ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("jalons-cli %s", verb);

  g_set_prgname (prgname);
  context = g_option_context_new (parameter);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      fprintf (stderr, "jalons-cli %s: %s\n\n%s", verb, error->message, help);
      return FALSE;
    }
  return TRUE;
}

void
jln_cli_usage_error (const char *verb, const char *message)
{
  fprintf (stderr, "jalons-cli %s: %s\n", verb, message);
  fprintf (stderr, _("Try “jalons-cli %s --help”."), verb);
  fputc ('\n', stderr);
}
