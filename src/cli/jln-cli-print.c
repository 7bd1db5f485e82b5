/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-cli"

/* jalons-cli print: the certificate of one award, or the booklet of all of
 * a participant's badges, written as a PDF by the render library, the same
 * pages the app prints. It opens a session like the other verbs and only
 * reads the store through it. */

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli/jln-cli.h"
#include "cli/jln-cli-print.h"
#include "render/jln-certificate.h"

#define VERB "print"

/* The certificates are French documents first, like the app: French unless
 * LANGUAGE asks for something else. glibc ignores LANGUAGE under the "C"
 * locale, hence C.UTF-8 for messages then. */
static void
default_to_french (void)
{
  const char *language = g_getenv ("LANGUAGE");
  const char *messages;

  if (language != NULL && *language != '\0')
    return;

  g_setenv ("LANGUAGE", "fr", TRUE);
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    setlocale (LC_MESSAGES, "C.UTF-8");
}

static gboolean
parse_id (const char *option,
          const char *text,
          gint64     *out)
{
  g_autofree char *message = NULL;

  if (g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, out, NULL))
    return TRUE;

  message = g_strdup_printf (_("%s expects a number such as 12, not “%s”"), option, text);
  jln_cli_usage_error (VERB, message);
  return FALSE;
}

/* The badge version the award was made under (what the person earned),
 * else the badge's current version. */
static JlnBadge *
dup_badge_of_award (JlnStore *store,
                    JlnAward *award)
{
  g_autoptr(GListModel) versions = NULL;
  JlnBadge *current;

  versions = jln_store_list_badge_versions (store, jln_award_get_badge_id (award), NULL);
  for (guint i = 0; versions && i < g_list_model_get_n_items (versions); i++)
    {
      g_autoptr(JlnBadge) badge = g_list_model_get_item (versions, i);

      if (jln_badge_get_version_id (badge) == jln_award_get_badge_version_id (award))
        return g_steal_pointer (&badge);
    }
  current = jln_store_lookup_badge (store, jln_award_get_badge_id (award));
  return current ? g_object_ref (current) : NULL;
}

/* The certificates to print, oldest first: the award @award_id (0: any),
 * of the badge @slug (NULL: any). Without @award_id, only badges still
 * held; a revoked award asked by number is kept, so that the PDF export
 * refuses it with its own message. */
static GPtrArray *
collect_certificates (JlnStore       *store,
                      JlnParticipant *participant,
                      gint64          award_id,
                      const char     *award_text,
                      const char     *slug,
                      GError        **error)
{
  g_autoptr(GPtrArray) certs = g_ptr_array_new_with_free_func ((GDestroyNotify) jln_certificate_data_free);
  g_autoptr(JlnOrganisation) org = jln_store_get_organisation (store, NULL);
  g_autoptr(GListModel) awards = NULL;
  const char *name = jln_participant_get_display_name (participant);

  awards = jln_store_list_awards_for_participant (store, jln_participant_get_id (participant), error);
  if (awards == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (awards); i++)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (awards, i);
      g_autoptr(JlnBadge) badge = NULL;

      if (award_id != 0 && jln_award_get_id (award) != award_id)
        continue;
      if (award_id == 0 && jln_award_get_status (award) != JLN_AWARD_STATUS_ACTIVE)
        continue;
      badge = dup_badge_of_award (store, award);
      if (badge == NULL)
        continue;
      if (slug != NULL && g_strcmp0 (jln_badge_get_slug (badge), slug) != 0)
        continue;
      g_ptr_array_add (certs, jln_certificate_data_new_for_award (participant, badge, award,
                                                                  org ? org->name : NULL,
                                                                  org ? org->public_base : NULL));
    }

  if (certs->len > 0)
    return g_steal_pointer (&certs);

  if (award_id != 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 /* Translators: %1$s is an award number, %2$s the participant ("Amina K.") */
                 _("Award %1$s is not one of %2$s’s badges: “jalons-cli print --participant ID” "
                   "prints all of them."),
                 award_text, name);
  else if (slug != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 /* Translators: %1$s is the participant ("Amina K."), %2$s a badge's short name */
                 _("%1$s does not hold the badge “%2$s”."),
                 name, slug);
  else
    g_set_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_EMPTY,
                 /* Translators: %s is the participant ("Amina K.") */
                 _("%s has no badge to print yet."),
                 name);
  return NULL;
}

int
jln_cli_print (int    argc,
               char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *participant_text = NULL;
  g_autofree char *award_text = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "participant", 0, 0, G_OPTION_ARG_STRING, &participant_text,
      N_("Whose certificates to print (their number)"), N_("ID") },
    { "badge", 0, 0, G_OPTION_ARG_STRING, &slug,
      N_("Only the certificate of this badge (its short name)"), N_("SLUG") },
    { "award", 0, 0, G_OPTION_ARG_STRING, &award_text,
      N_("Only the certificate of this award (its number)"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("PDF file to write"), N_("FILE") },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database file"), N_("PATH") },
    { NULL }
  };
  g_autoptr(JlnSession) session = NULL;
  JlnStore *store;
  g_autoptr(JlnParticipant) participant = NULL;
  g_autoptr(GPtrArray) certs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 participant_id = 0;
  gint64 award_id = 0;
  guint n_pages;

  default_to_french ();

  if (!jln_cli_parse_options (VERB, NULL,
                              _("Write a participant’s certificate (one badge) or booklet (all their badges) "
                                "as a PDF, as the app prints it."),
                              entries, &argc, &argv))
    return 2;
  if (argc > 1)
    {
      fprintf (stderr, _("jalons-cli %s: unexpected argument “%s”"), VERB, argv[1]);
      fputc ('\n', stderr);
      return 2;
    }
  if (participant_text == NULL)
    {
      jln_cli_usage_error (VERB, _("say whose certificates to print with --participant ID"));
      return 2;
    }
  if (output == NULL || *output == '\0')
    {
      jln_cli_usage_error (VERB, _("say where to write the PDF with -o FILE.pdf"));
      return 2;
    }
  if (slug != NULL && award_text != NULL)
    {
      jln_cli_usage_error (VERB, _("choose one certificate with --badge or --award, not both"));
      return 2;
    }
  if (!parse_id ("--participant", participant_text, &participant_id)
      || (award_text != NULL && !parse_id ("--award", award_text, &award_id)))
    return 2;

  if ((session = jln_cli_open_session (database, &error)) == NULL)
    {
      jln_cli_print_error (error);
      return 1;
    }
  store = jln_session_get_store (session);

  participant = jln_store_get_participant (store, participant_id, NULL);
  if (participant == NULL)
    {
      fprintf (stderr, "jalons-cli: ");
      /* Translators: %s is the number given with --participant */
      fprintf (stderr, _("There is no participant number %s in this database."), participant_text);
      fputc ('\n', stderr);
      return 1;
    }

  if (!jln_certificate_check_consent (participant, &error)
      || (certs = collect_certificates (store, participant, award_id, award_text,
                                        slug, &error)) == NULL
      || !jln_certificate_export_pdf (certs, output, &error))
    {
      jln_cli_print_error (error);
      return 1;
    }

  n_pages = jln_certificate_count_pages (certs);
  printf (g_dngettext (NULL, "%s written (%u page).", "%s written (%u pages).", n_pages),
          output, n_pages);
  putchar ('\n');
  return 0;
}
