/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-certificate"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ui/print/jln-certificate.h"
#include "render/jln-qr.h"

#define CREDENTIAL_ID "urn:uuid:3f2a91c4-7b1e-4c3d-9a8b-1c2d3e4f5a6b"
#define PUBLIC_BASE   "https://badges.tremplin.example/"
#define PUBLIC_URL    "https://badges.tremplin.example/badges/3f2a91c4-7b1e-4c3d-9a8b-1c2d3e4f5a6b"

static gboolean have_display;

static const char simple_svg[] =
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 256 256'>"
  "<circle cx='128' cy='128' r='120' fill='#1c71d8'/>"
  "<circle cx='128' cy='128' r='96' fill='none' stroke='#ffffff' stroke-width='8'/>"
  "</svg>";

/* ---- fixtures ---- */

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("jalons-certificate-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir)
    {
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            {
              g_chmod (child, 0755);
              remove_tree (child);
            }
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir))
    n++;
  return n;
}

static JlnParticipant *
make_participant (void)
{
  JlnParticipant *p = jln_participant_new ("Amina", "Kaci");

  jln_participant_set_consent_print (p, TRUE);
  return p;
}

static JlnBadge *
make_badge (const char *name,
            const char *svg)
{
  JlnBadge *b = jln_badge_new ("sante-prendre-rdv", name);

  jln_badge_set_easy_text (b, "Je sais prendre un rendez-vous chez le médecin, "
                              "par téléphone ou sur internet.");
  jln_badge_set_theme (b, "Santé");
  jln_badge_set_kind (b, JLN_BADGE_KIND_SAVOIR_FAIRE);
  jln_badge_set_image_svg (b, svg);
  return b;
}

static JlnAward *
make_award (int         month,
            int         day,
            const char *credential_id)
{
  static const char * const criteria[] = {
    "Trouver le numéro du cabinet",
    "Appeler et donner son nom",
    "Noter la date et l’heure du rendez-vous",
    NULL
  };
  JlnAward *a = jln_award_new (1, 1, 1);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, month, day, 12, 0, 0);

  jln_award_set_awarded_on (a, when);
  jln_award_set_coach_name (a, "Sophie Martin");
  jln_award_set_criteria_met (a, criteria);
  jln_award_set_credential_id (a, credential_id);
  return a;
}

static JlnCertificateData *
make_data (const char *badge_name,
           const char *svg,
           gboolean    publish)
{
  g_autoptr(JlnParticipant) p = make_participant ();
  g_autoptr(JlnBadge) b = make_badge (badge_name, svg);
  g_autoptr(JlnAward) a = make_award (3, 14, CREDENTIAL_ID);
  JlnOrganisation org = { (char *) "Association Tremplin", NULL, NULL,
                          publish ? (char *) PUBLIC_BASE : NULL, NULL };

  jln_participant_set_consent_online (p, publish);
  return jln_certificate_data_new_from_award (p, b, a, &org);
}

static GPtrArray *
certs_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) jln_certificate_data_free);
}

/* ---- poppler-utils ---- */

#define assert_contains(hay, needle) \
  G_STMT_START { \
    if (strstr ((hay), (needle)) == NULL) \
      g_error ("“%s” not found in: %.2000s", (needle), (hay)); \
  } G_STMT_END

static gboolean
run_tool (const char  *tool,
          const char  *path,
          char       **out)
{
  g_autofree char *exe = g_find_program_in_path (tool);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { tool, path, "-", NULL };
  int status = 0;

  if (exe == NULL)
    return FALSE;
  if (g_str_equal (tool, "pdfinfo"))
    argv[2] = NULL;
  argv[0] = exe;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return TRUE;
}

/* Page count; also checks every PDF is A4 and, when
 * JALONS_CERTIFICATE_SAMPLES_DIR is set, keeps a copy there to look at
 * (pdftoppm -png -r 60 …). */
static int
pdf_pages (const char *path)
{
  g_autofree char *info = NULL;
  const char *line;
  const char *keep = g_getenv ("JALONS_CERTIFICATE_SAMPLES_DIR");

  if (!run_tool ("pdfinfo", path, &info))
    return -1;
  assert_contains (info, "(A4)");

  if (keep)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *copy = g_build_filename (keep, base, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_get_contents (path, &contents, &len, NULL))
        g_file_set_contents (copy, contents, len, NULL);
    }

  line = strstr (info, "\nPages:");
  g_assert_nonnull (line);
  return atoi (line + strlen ("\nPages:"));
}

/* Text of the PDF with every run of white space made one space, so line
 * breaks chosen by the layout do not matter. */
static char *
pdf_text (const char *path)
{
  g_autofree char *raw = NULL;
  GString *out;
  gboolean space = FALSE;

  if (!run_tool ("pdftotext", path, &raw))
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = raw; *p; p++)
    {
      if (g_ascii_isspace (*p) || *p == '\f')
        space = TRUE;
      else
        {
          if (space && out->len)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
strip_spaces (const char *s)
{
  GString *out = g_string_new (NULL);

  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      g_string_append_c (out, *s);
  return g_string_free (out, FALSE);
}

/* Word boxes from pdftotext -bbox, in points from the top of the page. */
static double
word_extreme (const char *path,
              const char *word,
              gboolean    want_top)
{
  g_autofree char *exe = g_find_program_in_path ("pdftotext");
  g_autofree char *html = NULL;
  g_autofree char *pattern = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { exe, "-bbox", path, "-", NULL };
  double result = want_top ? G_MAXDOUBLE : -1;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &html, NULL, &status, &error);
  g_assert_no_error (error);

  pattern = g_strdup_printf ("yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" yMax=\"([0-9.]+)\">%s</word>",
                             word);
  regex = g_regex_new (pattern, 0, 0, &error);
  g_assert_no_error (error);
  g_regex_match (regex, html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *top = g_match_info_fetch (match, 1);
      g_autofree char *bottom = g_match_info_fetch (match, 2);

      if (want_top)
        result = MIN (result, g_ascii_strtod (top, NULL));
      else
        result = MAX (result, g_ascii_strtod (bottom, NULL));
      g_match_info_next (match, NULL);
    }
  g_assert_cmpfloat (result, >=, 0);
  g_assert_cmpfloat (result, <, G_MAXDOUBLE);
  return result;
}

static double
lowest_word_bottom (const char *path, const char *word)
{
  return word_extreme (path, word, FALSE);
}

static double
word_top (const char *path, const char *word)
{
  return word_extreme (path, word, TRUE);
}

static gboolean
need_poppler (void)
{
  g_autofree char *a = g_find_program_in_path ("pdfinfo");
  g_autofree char *b = g_find_program_in_path ("pdftotext");

  /* poppler-utils is one of the packages build-aux/dev.sh installs:
   * without it the print checks would pass untested. */
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  return TRUE;
}


/* ---- tests ---- */

static void
test_date_french (void)
{
  g_autoptr(GDateTime) d1 = g_date_time_new_utc (2026, 3, 14, 12, 0, 0);
  g_autoptr(GDateTime) d2 = g_date_time_new_utc (2026, 5, 1, 12, 0, 0);
  g_autoptr(GDateTime) d3 = g_date_time_new_utc (2025, 12, 9, 12, 0, 0);
  g_autofree char *s1 = jln_certificate_format_date (d1);
  g_autofree char *s2 = jln_certificate_format_date (d2);
  g_autofree char *s3 = jln_certificate_format_date (d3);

  g_assert_cmpstr (s1, ==, "14 mars 2026");
  g_assert_cmpstr (s2, ==, "1er mai 2026");
  g_assert_cmpstr (s3, ==, "9 décembre 2025");
}

static void
test_data_from_award (void)
{
  g_autoptr(JlnParticipant) p = make_participant ();
  g_autoptr(JlnBadge) b = make_badge ("Prendre un rendez-vous médical", simple_svg);
  g_autoptr(JlnAward) a = make_award (3, 14, CREDENTIAL_ID);
  JlnOrganisation org = { (char *) "Association Tremplin", NULL, NULL,
                          (char *) PUBLIC_BASE, NULL };
  g_autoptr(JlnCertificateData) d = NULL;
  g_autoptr(JlnCertificateData) published = NULL;
  g_autoptr(JlnCertificateData) copy = NULL;
  g_autoptr(JlnCertificateData) revoked = NULL;

  d = jln_certificate_data_new_from_award (p, b, a, &org);
  g_assert_cmpstr (d->participant_name, ==, "Amina Kaci");
  g_assert_cmpstr (d->badge_name, ==, "Prendre un rendez-vous médical");
  g_assert_cmpstr (d->kind, ==, "Savoir-faire");
  g_assert_cmpstr (d->theme, ==, "Santé");
  g_assert_cmpstr (d->coach_name, ==, "Sophie Martin");
  g_assert_cmpstr (d->organisation_name, ==, "Association Tremplin");
  g_assert_cmpstr (d->credential_id, ==, CREDENTIAL_ID);
  g_assert_cmpuint (g_strv_length (d->criteria_met), ==, 3);
  g_assert_false (d->revoked);
  /* No online consent: no public address on paper. */
  g_assert_null (d->public_url);

  jln_participant_set_consent_online (p, TRUE);
  published = jln_certificate_data_new_from_award (p, b, a, &org);
  g_assert_cmpstr (published->public_url, ==, PUBLIC_URL);

  copy = jln_certificate_data_copy (published);
  g_assert_cmpstr (copy->public_url, ==, PUBLIC_URL);
  g_assert_true (g_date_time_equal (copy->awarded_on, published->awarded_on));

  jln_award_set_status (a, JLN_AWARD_STATUS_REVOKED);
  revoked = jln_certificate_data_new_from_award (p, b, a, NULL);
  g_assert_true (revoked->revoked);
  g_assert_null (revoked->organisation_name);

  g_assert_null (jln_certificate_public_url (NULL, CREDENTIAL_ID));
  g_assert_null (jln_certificate_public_url ("  ", CREDENTIAL_ID));
  g_assert_null (jln_certificate_public_url (PUBLIC_BASE, NULL));
}

static void
test_consent (void)
{
  g_autoptr(JlnParticipant) p = make_participant ();
  g_autoptr(GError) error = NULL;

  g_assert_true (jln_certificate_check_consent (p, &error));
  g_assert_no_error (error);

  jln_participant_set_consent_print (p, FALSE);
  g_assert_false (jln_certificate_check_consent (p, &error));
  g_assert_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_NO_CONSENT);
  assert_contains (error->message, "Amina K.");
  assert_contains (error->message, "n’a pas accepté");
}

static void
test_qr_encode (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *m = NULL;
  g_autofree char *too_long = g_strnfill (5000, 'a');
  guint width = 0;

  if (!jln_qr_is_available ())
    {
      g_test_skip ("built without libqrencode");
      return;
    }

  m = jln_qr_encode (PUBLIC_URL, &width, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m);
  g_assert_cmpuint (width, >=, 21);
  g_assert_cmpuint ((width - 17) % 4, ==, 0);
  /* Finder pattern in the top-left corner: a 7-module dark edge, then the
   * light separator. */
  for (guint i = 0; i < 7; i++)
    {
      g_assert_cmpuint (m[i], ==, 1);
      g_assert_cmpuint (m[i * width], ==, 1);
    }
  g_assert_cmpuint (m[7], ==, 0);
  g_assert_cmpuint (m[width + 1], ==, 0);

  g_assert_null (jln_qr_encode ("", &width, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (jln_qr_encode (too_long, &width, &error));
  g_assert_nonnull (error);
}

static void
test_pdf_single (Fixture      *f,
                 gconstpointer unused)
{
  g_autoptr(GPtrArray) certs = certs_new ();
  g_autofree char *path = g_build_filename (f->dir, "certificat.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_poppler ())
    return;

  g_ptr_array_add (certs, make_data ("Prendre un rendez-vous médical", simple_svg, FALSE));
  g_assert_cmpuint (jln_certificate_count_pages (certs), ==, 1);
  g_assert_true (jln_certificate_export_pdf (certs, path, &error));
  g_assert_no_error (error);

  g_assert_cmpint (pdf_pages (path), ==, 1);
  /* Only the PDF: the temporary file was renamed, not left beside it. */
  g_assert_cmpuint (count_entries (f->dir), ==, 1);

  text = pdf_text (path);
  /* Issue 10 (11): the paper says what the app says. */
  assert_contains (text, "ATTESTATION");
  g_assert_null (strstr (text, "CERTIFICAT"));
  assert_contains (text, "Amina Kaci");
  assert_contains (text, "a obtenu le badge");
  assert_contains (text, "Prendre un rendez-vous médical");
  assert_contains (text, "Je sais prendre un rendez-vous");
  assert_contains (text, "SAVOIR-FAIRE · SANTÉ");
  assert_contains (text, "Obtenu le 14 mars 2026 avec Sophie Martin");
  assert_contains (text, "CRITÈRES REMPLIS");
  assert_contains (text, "✓ Trouver le numéro du cabinet");
  assert_contains (text, "Noter la date et l’heure du rendez-vous");
  assert_contains (text, "ASSOCIATION TREMPLIN");
  /* No public address: a short reference to read out instead of the
   * credential's full URN, which broke into fragments on paper. */
  assert_contains (text, "Référence du badge");
  assert_contains (text, "3F2A-91C4-7B1E");
  flat = strip_spaces (text);
  g_assert_null (strstr (flat, "urn:uuid"));
  g_assert_null (strstr (flat, "https://"));
}

static void
test_pdf_qr (Fixture      *f,
             gconstpointer unused)
{
  g_autoptr(GPtrArray) certs = certs_new ();
  g_autofree char *path = g_build_filename (f->dir, "certificat-qr.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_poppler ())
    return;

  g_ptr_array_add (certs, make_data ("Prendre un rendez-vous médical", simple_svg, TRUE));
  g_assert_true (jln_certificate_export_pdf (certs, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pdf_pages (path), ==, 1);

  text = pdf_text (path);
  flat = strip_spaces (text);
  assert_contains (flat, PUBLIC_URL);
  if (jln_qr_is_available ())
    assert_contains (text, "Scannez pour vérifier ce badge");
  g_assert_null (strstr (text, "Référence du badge"));
}

static void
test_pdf_passport (Fixture      *f,
                   gconstpointer unused)
{
  g_autoptr(GPtrArray) certs = certs_new ();
  g_autofree char *path = g_build_filename (f->dir, "parcours.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_poppler ())
    return;

  g_ptr_array_add (certs, make_data ("Prendre un rendez-vous médical", simple_svg, FALSE));
  g_ptr_array_add (certs, make_data ("Se déplacer en bus", simple_svg, FALSE));
  g_ptr_array_add (certs, make_data ("Être à l’heure", simple_svg, FALSE));
  g_assert_cmpuint (jln_certificate_count_pages (certs), ==, 4);

  g_assert_true (jln_certificate_export_pdf (certs, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pdf_pages (path), ==, 4);
  g_assert_cmpuint (count_entries (f->dir), ==, 1);

  text = pdf_text (path);
  assert_contains (text, "MON PARCOURS");
  assert_contains (text, "3 badges");
  assert_contains (text, "Se déplacer en bus");
  assert_contains (text, "Être à l’heure");
  assert_contains (text, "Amina Kaci");
}

static void
test_pdf_different_people (Fixture      *f,
                           gconstpointer unused)
{
  g_autoptr(GPtrArray) certs = certs_new ();
  JlnCertificateData *other;
  g_autofree char *path = g_build_filename (f->dir, "lot.pdf", NULL);
  g_autoptr(GError) error = NULL;

  if (!need_poppler ())
    return;

  /* Several people at once: no "My path" cover, one page each. */
  g_ptr_array_add (certs, make_data ("Se déplacer en bus", simple_svg, FALSE));
  other = make_data ("Se déplacer en bus", simple_svg, FALSE);
  g_free (other->participant_name);
  other->participant_name = g_strdup ("Jean Dupont");
  g_ptr_array_add (certs, other);

  g_assert_cmpuint (jln_certificate_count_pages (certs), ==, 2);
  g_assert_true (jln_certificate_export_pdf (certs, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pdf_pages (path), ==, 2);
}

static void
test_pdf_crowded (Fixture      *f,
                  gconstpointer unused)
{
  g_autoptr(GPtrArray) certs = certs_new ();
  g_autoptr(GPtrArray) many = certs_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JlnCertificateData *d;
  g_autofree char *path = g_build_filename (f->dir, "long.pdf", NULL);
  g_autofree char *many_path = g_build_filename (f->dir, "many.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_poppler ())
    return;

  /* Long texts and many criteria still make one page, never two. */
  d = make_data ("Organiser ses démarches administratives auprès des services "
                 "publics et des organismes sociaux", simple_svg, FALSE);
  g_free (d->participant_name);
  d->participant_name = g_strdup ("Marie-Christine Kouassi-N’Guessan de la Roche");
  for (guint i = 0; i < 25; i++)
    g_strv_builder_add (builder, "Remplir un formulaire en ligne avec ses identifiants "
                                 "et garder une copie de la demande");
  g_strfreev (d->criteria_met);
  d->criteria_met = g_strv_builder_end (builder);
  g_ptr_array_add (certs, d);

  g_assert_true (jln_certificate_export_pdf (certs, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pdf_pages (path), ==, 1);
  text = pdf_text (path);
  assert_contains (text, "Marie-Christine");
  assert_contains (text, "Obtenu le 14 mars 2026");
  /* The criteria that do not fit are counted, not silently dropped. */
  assert_contains (text, "autres critères");

  /* Absurdly long texts are cut short with "…", never spill over: the
   * footer is still there, on the same single page. */
  {
    g_autoptr(GPtrArray) absurd = certs_new ();
    g_autofree char *absurd_path = g_build_filename (f->dir, "absurd.pdf", NULL);
    g_autoptr(GString) essay = g_string_new (NULL);
    g_autofree char *absurd_text = NULL;

    for (guint i = 0; i < 400; i++)
      g_string_append (essay, "Je sais faire beaucoup de choses. ");
    d = make_data (essay->str, simple_svg, FALSE);
    g_free (d->easy_text);
    d->easy_text = g_strdup (essay->str);
    g_ptr_array_add (absurd, d);
    g_assert_true (jln_certificate_export_pdf (absurd, absurd_path, &error));
    g_assert_no_error (error);
    g_assert_cmpint (pdf_pages (absurd_path), ==, 1);
    absurd_text = pdf_text (absurd_path);
    assert_contains (absurd_text, "Obtenu le 14 mars 2026 avec Sophie Martin");
    g_assert_cmpfloat (lowest_word_bottom (absurd_path, "beaucoup"), <,
                       word_top (absurd_path, "Obtenu"));
  }

  /* A booklet with many badges keeps its cover on one page. */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Badge numéro %u", i + 1);

      g_ptr_array_add (many, make_data (name, simple_svg, FALSE));
    }
  g_assert_true (jln_certificate_export_pdf (many, many_path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pdf_pages (many_path), ==, 41);
}

/* access() says yes to root everywhere: try for real. */
static gboolean
sys_takes_files (void)
{
  const char *probe = "/sys/jalons-certificate-probe";
  int fd = g_open (probe, O_WRONLY | O_CREAT | O_EXCL, 0644);

  if (fd < 0)
    return FALSE;
  close (fd);
  g_unlink (probe);
  return TRUE;
}

static void
test_unwritable (Fixture      *f,
                 gconstpointer unused)
{
  g_autoptr(GPtrArray) certs = certs_new ();
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "c.pdf", NULL);
  g_autofree char *ro_dir = g_build_filename (f->dir, "read-only", NULL);
  g_autofree char *ro_path = g_build_filename (ro_dir, "c.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (certs, make_data ("Se déplacer en bus", simple_svg, FALSE));

  g_assert_false (jln_certificate_export_pdf (certs, missing, &error));
  g_assert_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_WRITE);
  assert_contains (error->message, "n’existe pas");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A "folder" that is a file. */
  {
    g_autofree char *file = g_build_filename (f->dir, "plain-file", NULL);
    g_autofree char *under_file = g_build_filename (file, "c.pdf", NULL);

    g_assert_true (g_file_set_contents (file, "x", 1, NULL));
    g_assert_false (jln_certificate_export_pdf (certs, under_file, &error));
    g_assert_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_WRITE);
    g_clear_error (&error);
    g_unlink (file);
  }

  g_assert_cmpint (g_mkdir (ro_dir, 0555), ==, 0);
  if (access (ro_dir, W_OK) == 0)
    {
      /* Running as root, which ignores permissions: /sys refuses new files
       * even to root. */
      g_test_message ("read-only folder is writable here (root): trying /sys");
      g_free (ro_path);
      ro_path = g_strdup ("/sys/jalons-certificate-test.pdf");
      g_free (ro_dir);
      ro_dir = g_strdup ("/sys");
      if (!g_file_test (ro_dir, G_FILE_TEST_IS_DIR) || sys_takes_files ())
        {
          g_test_message ("no read-only folder available: part skipped");
          return;
        }
    }
  g_assert_false (jln_certificate_export_pdf (certs, ro_path, &error));
  g_assert_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_WRITE);
  assert_contains (error->message, "pas le droit d’écrire");
  g_assert_false (g_file_test (ro_path, G_FILE_TEST_EXISTS));
}

static void
test_revoked (Fixture      *f,
              gconstpointer unused)
{
  g_autoptr(GPtrArray) certs = certs_new ();
  g_autofree char *path = g_build_filename (f->dir, "retire.pdf", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  JlnCertificateData *revoked;

  g_ptr_array_add (certs, make_data ("Prendre un rendez-vous médical", simple_svg, FALSE));
  revoked = make_data ("Se déplacer en bus", simple_svg, FALSE);
  revoked->revoked = TRUE;
  g_ptr_array_add (certs, revoked);

  /* One revoked badge refuses the whole booklet, before any file exists. */
  g_assert_false (jln_certificate_export_pdf (certs, path, &error));
  g_assert_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_REVOKED);
  assert_contains (error->message, "«\u00a0Se déplacer en bus\u00a0» a été retiré");
  g_assert_cmpuint (count_entries (f->dir), ==, 0);
  g_clear_error (&error);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 60, 85);
  cr = cairo_create (surface);
  g_assert_false (jln_certificate_render_page (cr, 60, 85, revoked, &error));
  g_assert_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_REVOKED);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_empty (Fixture      *f,
            gconstpointer unused)
{
  g_autoptr(GPtrArray) certs = certs_new ();
  g_autofree char *path = g_build_filename (f->dir, "vide.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (jln_certificate_export_pdf (certs, path, &error));
  g_assert_error (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_EMPTY);
  g_assert_cmpuint (count_entries (f->dir), ==, 0);
}

static const char malformed_svg[] =
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'><circle r='";

static const char external_svg[] =
  "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' "
  "viewBox='0 0 256 256'>"
  "<image x='0' y='0' width='256' height='256' xlink:href='file:///etc/passwd'/>"
  "<image x='0' y='0' width='256' height='256' href='https://tracker.example/pixel.png'/>"
  "<use xlink:href='file:///usr/share/icons/foo.svg#bar'/>"
  "<circle cx='128' cy='128' r='60' fill='#333'/>"
  "</svg>";

static const char billion_laughs_svg[] =
  "<?xml version='1.0'?>\n"
  "<!DOCTYPE svg [\n"
  " <!ENTITY a0 'ha'>\n"
  " <!ENTITY a1 '&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;'>\n"
  " <!ENTITY a2 '&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;'>\n"
  " <!ENTITY a3 '&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;&a2;'>\n"
  " <!ENTITY a4 '&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;&a3;'>\n"
  " <!ENTITY a5 '&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;&a4;'>\n"
  " <!ENTITY a6 '&a5;&a5;&a5;&a5;&a5;&a5;&a5;&a5;&a5;&a5;'>\n"
  " <!ENTITY a7 '&a6;&a6;&a6;&a6;&a6;&a6;&a6;&a6;&a6;&a6;'>\n"
  " <!ENTITY a8 '&a7;&a7;&a7;&a7;&a7;&a7;&a7;&a7;&a7;&a7;'>\n"
  " <!ENTITY a9 '&a8;&a8;&a8;&a8;&a8;&a8;&a8;&a8;&a8;&a8;'>\n"
  "]>\n"
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 256 256'>"
  "<text x='10' y='20'>&a9;</text></svg>";

static void
export_with_svg (Fixture    *f,
                 const char *label,
                 const char *svg)
{
  g_autoptr(GPtrArray) certs = certs_new ();
  g_autofree char *name = g_strdup_printf ("%s.pdf", label);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_ptr_array_add (certs, make_data ("Se déplacer en bus", svg, FALSE));
  g_assert_true (jln_certificate_export_pdf (certs, path, &error));
  g_assert_no_error (error);
  g_printerr ("# %s badge image: PDF written in %.1f ms\n", label,
              (g_get_monotonic_time () - start) / 1000.0);

  if (!need_poppler ())
    return;
  /* The certificate is still whole, only the image is left out. */
  g_assert_cmpint (pdf_pages (path), ==, 1);
  text = pdf_text (path);
  assert_contains (text, "Se déplacer en bus");
  assert_contains (text, "Amina Kaci");
  g_assert_null (strstr (text, "hahaha"));
  g_assert_null (strstr (text, "root:"));
}

static void
test_bad_svg (Fixture      *f,
              gconstpointer unused)
{
  g_autofree char *huge = NULL;
  g_autofree char *padding = g_strnfill (5 * 1024 * 1024, ' ');

  export_with_svg (f, "malformed", malformed_svg);
  export_with_svg (f, "not-svg", "this is not an image");
  export_with_svg (f, "empty", "");
  export_with_svg (f, "external", external_svg);
  export_with_svg (f, "billion-laughs", billion_laughs_svg);
  huge = g_strconcat ("<svg xmlns='http://www.w3.org/2000/svg'>", padding, "</svg>", NULL);
  export_with_svg (f, "oversized", huge);
}

static guint
count_red (const JlnCertificateData *d)
{
  g_autoptr(GError) error = NULL;
  int w = 210, h = 297;
  cairo_surface_t *page = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (page);
  guint red_pixels = 0;

  g_assert_true (jln_certificate_render_page (cr, w, h, d, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (page);

  for (int y = 0; y < h; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (page)
                                              + y * cairo_image_surface_get_stride (page));
      for (int x = 0; x < w; x++)
        if ((row[x] & 0xffffff) == 0xff0000)
          red_pixels++;
    }
  cairo_surface_destroy (page);
  return red_pixels;
}

/* An image the badge points at on disk must not be drawn: the page keeps
 * no trace of its colour. */
static void
test_svg_external_not_loaded (Fixture      *f,
                              gconstpointer unused)
{
  g_autofree char *png = g_build_filename (f->dir, "red.png", NULL);
  g_autofree char *svg = NULL;
  g_autoptr(JlnCertificateData) d = NULL;
  g_autoptr(JlnCertificateData) inline_d = NULL;
  g_autofree char *png_data = NULL;
  g_autofree char *b64 = NULL;
  g_autofree char *inline_svg = NULL;
  gsize png_len = 0;
  cairo_surface_t *red;
  cairo_t *cr;

  red = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 16, 16);
  cr = cairo_create (red);
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (red, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (red);

  svg = g_strdup_printf ("<svg xmlns='http://www.w3.org/2000/svg' "
                         "xmlns:xlink='http://www.w3.org/1999/xlink' viewBox='0 0 256 256'>"
                         "<image width='256' height='256' xlink:href='file://%s'/>"
                         "<image width='256' height='256' xlink:href='red.png'/>"
                         "</svg>", png);
  d = make_data ("Se déplacer en bus", svg, FALSE);

  g_assert_cmpuint (count_red (d), ==, 0);

  /* Control: the same picture inline (data: URL) is drawn, so the count
   * above would see it. */
  g_assert_true (g_file_get_contents (png, &png_data, &png_len, NULL));
  b64 = g_base64_encode ((const guchar *) png_data, png_len);
  inline_svg = g_strdup_printf ("<svg xmlns='http://www.w3.org/2000/svg' "
                                "xmlns:xlink='http://www.w3.org/1999/xlink' viewBox='0 0 256 256'>"
                                "<image width='256' height='256' xlink:href='data:image/png;base64,%s'/>"
                                "</svg>", b64);
  inline_d = make_data ("Se déplacer en bus", inline_svg, FALSE);
  g_assert_cmpuint (count_red (inline_d), >, 100);
}

/* ---- print operation (export action, no dialog) ---- */

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} PrintResult;

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PrintResult *r = user_data;

  r->ok = jln_certificate_print_finish (result, &r->error);
  r->done = TRUE;
  g_main_context_wakeup (NULL);
}

static void
run_print (GPtrArray   *certs,
           const char  *path,
           PrintResult *r)
{
  jln_certificate_print (NULL, certs, path, NULL, on_printed, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_print_export (Fixture      *f,
                   gconstpointer unused)
{
  g_autoptr(GPtrArray) certs = certs_new ();
  g_autoptr(GPtrArray) revoked = certs_new ();
  JlnCertificateData *r_data;
  g_autofree char *path = g_build_filename (f->dir, "imprime.pdf", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "nope", "imprime.pdf", NULL);
  g_autofree char *text = NULL;
  PrintResult r = { 0, };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  if (!need_poppler ())
    return;

  g_ptr_array_add (certs, make_data ("Prendre un rendez-vous médical", simple_svg, FALSE));
  g_ptr_array_add (certs, make_data ("Se déplacer en bus", simple_svg, TRUE));
  run_print (certs, path, &r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpint (pdf_pages (path), ==, 3);
  g_assert_cmpuint (count_entries (f->dir), ==, 1);
  text = pdf_text (path);
  assert_contains (text, "MON PARCOURS");
  assert_contains (text, "Obtenu le 14 mars 2026 avec Sophie Martin");

  /* Errors come back through the callback, nothing left behind. */
  memset (&r, 0, sizeof r);
  run_print (certs, missing, &r);
  g_assert_false (r.ok);
  g_assert_error (r.error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_WRITE);
  g_clear_error (&r.error);

  r_data = make_data ("Se déplacer en bus", simple_svg, FALSE);
  r_data->revoked = TRUE;
  g_ptr_array_add (revoked, r_data);
  memset (&r, 0, sizeof r);
  run_print (revoked, path, &r);
  g_assert_false (r.ok);
  g_assert_error (r.error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_REVOKED);
  g_clear_error (&r.error);
  g_assert_cmpuint (count_entries (f->dir), ==, 1);
}

int
main (int argc, char **argv)
{
  const char *localedir;

  /* French before anything is translated: gettext reads these once. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "");
  localedir = g_getenv ("JALONS_LOCALEDIR");
  /* meson test sets it (tests/meson.build): no build path is compiled in. */
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();

  g_test_add_func ("/certificate/date-french", test_date_french);
  g_test_add_func ("/certificate/data-from-award", test_data_from_award);
  g_test_add_func ("/certificate/consent", test_consent);
  g_test_add_func ("/certificate/qr-encode", test_qr_encode);
#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/certificate/pdf-single", test_pdf_single);
  ADD ("/certificate/pdf-qr", test_pdf_qr);
  ADD ("/certificate/pdf-passport", test_pdf_passport);
  ADD ("/certificate/pdf-different-people", test_pdf_different_people);
  ADD ("/certificate/pdf-crowded", test_pdf_crowded);
  ADD ("/certificate/unwritable", test_unwritable);
  ADD ("/certificate/revoked", test_revoked);
  ADD ("/certificate/empty", test_empty);
  ADD ("/certificate/bad-svg", test_bad_svg);
  ADD ("/certificate/svg-external-not-loaded", test_svg_external_not_loaded);
  ADD ("/certificate/print-export", test_print_export);
#undef ADD

  return g_test_run ();
}
