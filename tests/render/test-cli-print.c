/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-print"

/* jalons-cli print on a demo database: the PDF holds the person's and the
 * badges' names, in French by default, one page per badge plus the cover
 * for a booklet; bad requests say why, exit non-zero and leave no file.
 * Needs pdfinfo and pdftotext (poppler-utils); skips without them. */

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/jln-store.h"

typedef struct {
  char *dir;
  char *db;
  char *out;
  /* The participant with the most badges, and what the PDF should show. */
  gint64     id;
  char      *full_name;
  GPtrArray *badge_names;   /* active awards, oldest first */
  gint64     first_award;
  char      *first_slug;
  gint64     revoked_award; /* 0 when the demo revoked none of theirs */
  gint64     no_badge_id;   /* a participant added without any badge */
} Fixture;

static const char *
cli_path (void)
{
  const char *cli = g_getenv ("JALONS_CLI");

  g_assert_nonnull (cli);
  return cli;
}

static void
require_poppler (void)
{
  g_autofree char *info = g_find_program_in_path ("pdfinfo");
  g_autofree char *text = g_find_program_in_path ("pdftotext");

  /* poppler-utils is installed by build-aux/dev.sh: missing tools fail
   * the test rather than let it pass unchecked. */
  g_assert_nonnull (info);
  g_assert_nonnull (text);
}

/* Runs jalons-cli with @args (NULL-terminated) and @language (NULL: unset);
 * returns the exit status, stderr in @err. */
static int
run_cli (const char  *language,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;
  int status = 0;

  g_ptr_array_add (argv, (char *) cli_path ());
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "LANGUAGE");
  if (language)
    env = g_environ_setenv (env, "LANGUAGE", language, TRUE);
  env = g_environ_setenv (env, "LANG", "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "LC_ALL");
  env = g_environ_unsetenv (env, "LC_MESSAGES");

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status))
    g_error ("jalons-cli did not exit normally");
  return WEXITSTATUS (status);
}

static char *
squash_spaces (const char *text)
{
  g_auto(GStrv) words = g_regex_split_simple ("\\s+", text, 0, 0);
  g_autofree char *joined = g_strjoinv (" ", words);

  return g_strstrip (g_steal_pointer (&joined));
}

/* The PDF's text with every run of white space made one space. */
static char *
pdf_text (const char *path)
{
  g_autofree char *exe = g_find_program_in_path ("pdftotext");
  const char *argv[] = { exe, path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return squash_spaces (out);
}

static int
pdf_pages (const char *path)
{
  g_autofree char *exe = g_find_program_in_path ("pdfinfo");
  const char *argv[] = { exe, path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *line;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "(A4)"));
  line = strstr (out, "\nPages:");
  g_assert_nonnull (line);
  return atoi (line + strlen ("\nPages:"));
}

#define assert_contains(hay, needle) \
  G_STMT_START { \
    g_autofree char *n_ = squash_spaces (needle); \
    if (strstr ((hay), n_) == NULL) \
      g_error ("“%s” not found in: %.3000s", n_, (hay)); \
  } G_STMT_END

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

/* Keeps a copy to look at when JALONS_CERTIFICATE_SAMPLES_DIR is set. */
static void
keep_sample (const char *path,
             const char *name)
{
  const char *keep = g_getenv ("JALONS_CERTIFICATE_SAMPLES_DIR");
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  gsize len;

  if (keep == NULL)
    return;
  copy = g_build_filename (keep, name, NULL);
  if (g_file_get_contents (path, &contents, &len, NULL))
    g_file_set_contents (copy, contents, len, NULL);
}

static void
pick_subject (Fixture  *f,
              JlnStore *store)
{
  GListModel *people = jln_store_get_participants (store);
  g_autoptr(JlnParticipant) best = NULL;
  g_autoptr(GError) error = NULL;
  guint best_n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (people, i);
      g_autoptr(GListModel) awards = jln_store_list_awards_for_participant (store, jln_participant_get_id (p), NULL);
      guint n = 0;

      for (guint k = 0; k < g_list_model_get_n_items (awards); k++)
        {
          g_autoptr(JlnAward) a = g_list_model_get_item (awards, k);

          if (jln_award_get_status (a) == JLN_AWARD_STATUS_ACTIVE)
            n++;
        }
      if (n > best_n)
        {
          g_set_object (&best, p);
          best_n = n;
        }
    }
  g_assert_nonnull (best);
  g_assert_cmpuint (best_n, >=, 2);

  /* The verb honours the consent like the app: give it. */
  jln_participant_set_consent_print (best, TRUE);
  g_assert_true (jln_store_update_participant (store, best, "test", &error));
  g_assert_no_error (error);

  f->id = jln_participant_get_id (best);
  f->full_name = g_strdup_printf ("%s %s", jln_participant_get_first_name (best),
                                  jln_participant_get_last_name (best));
  f->badge_names = g_ptr_array_new_with_free_func (g_free);
  {
    g_autoptr(GListModel) awards = jln_store_list_awards_for_participant (store, f->id, NULL);

    for (guint k = 0; k < g_list_model_get_n_items (awards); k++)
      {
        g_autoptr(JlnAward) a = g_list_model_get_item (awards, k);
        JlnBadge *badge = jln_store_lookup_badge (store, jln_award_get_badge_id (a));

        if (jln_award_get_status (a) != JLN_AWARD_STATUS_ACTIVE)
          {
            f->revoked_award = jln_award_get_id (a);
            continue;
          }
        g_assert_nonnull (badge);
        g_ptr_array_add (f->badge_names, g_strdup (jln_badge_get_name (badge)));
        if (f->first_award == 0)
          {
            f->first_award = jln_award_get_id (a);
            f->first_slug = g_strdup (jln_badge_get_slug (badge));
          }
      }
  }
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnStore) store = NULL;
  g_autoptr(JlnParticipant) nobody = NULL;
  g_autofree char *err = NULL;

  f->dir = g_dir_make_tmp ("jalons-cli-print-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "demo.db", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->out, 0755), ==, 0);

  g_assert_cmpint (run_cli (NULL, &err, "demo", "--participants", "12", "--awards", "40",
                            "--database", f->db, NULL), ==, 0);

  store = jln_store_open (f->db, &error);
  g_assert_no_error (error);
  pick_subject (f, store);

  nobody = jln_participant_new ("Zoé", "Sansbadge");
  jln_participant_set_consent_internal (nobody, TRUE);
  jln_participant_set_consent_print (nobody, TRUE);
  g_assert_true (jln_store_add_participant (store, nobody, "test", &error));
  g_assert_no_error (error);
  f->no_badge_id = jln_participant_get_id (nobody);
  g_assert_cmpint (f->no_badge_id, >, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->out);
  g_free (f->full_name);
  g_free (f->first_slug);
  g_clear_pointer (&f->badge_names, g_ptr_array_unref);
}

static void
test_booklet (Fixture      *f,
              gconstpointer data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->id);
  g_autofree char *pdf = g_build_filename (f->out, "parcours.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  require_poppler ();

  g_assert_cmpint (run_cli (NULL, &err, "print", "--participant", id, "-o", pdf,
                            "--database", f->db, NULL), ==, 0);
  keep_sample (pdf, "cli-booklet.pdf");

  /* A cover, then one page per badge still held. */
  g_assert_cmpint (pdf_pages (pdf), ==, (int) f->badge_names->len + 1);
  text = pdf_text (pdf);
  assert_contains (text, f->full_name);
  for (guint i = 0; i < f->badge_names->len; i++)
    assert_contains (text, g_ptr_array_index (f->badge_names, i));
  /* French by default, like the app. */
  assert_contains (text, "MON PARCOURS");
  assert_contains (text, "a obtenu le badge");
  /* Only the PDF: no temporary file left beside it. */
  g_assert_cmpuint (count_entries (f->out), ==, 1);
}

static void
test_one_award (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->id);
  g_autofree char *award = g_strdup_printf ("%" G_GINT64_FORMAT, f->first_award);
  g_autofree char *by_award = g_build_filename (f->out, "award.pdf", NULL);
  g_autofree char *by_badge = g_build_filename (f->out, "badge.pdf", NULL);
  g_autofree char *err = NULL;

  require_poppler ();

  g_assert_cmpint (run_cli (NULL, &err, "print", "--participant", id, "--award", award,
                            "-o", by_award, "--database", f->db, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "print", "--participant", id, "--badge", f->first_slug,
                            "-o", by_badge, "--database", f->db, NULL), ==, 0);
  keep_sample (by_award, "cli-certificate.pdf");

  for (guint i = 0; i < 2; i++)
    {
      const char *pdf = i == 0 ? by_award : by_badge;
      g_autofree char *text = NULL;

      g_assert_cmpint (pdf_pages (pdf), ==, 1);
      text = pdf_text (pdf);
      assert_contains (text, f->full_name);
      assert_contains (text, g_ptr_array_index (f->badge_names, 0));
      assert_contains (text, "ATTESTATION");
    }
}

static void
test_language (Fixture      *f,
               gconstpointer data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->id);
  g_autofree char *award = g_strdup_printf ("%" G_GINT64_FORMAT, f->first_award);
  g_autofree char *pdf = g_build_filename (f->out, "en.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  require_poppler ();

  /* LANGUAGE still chooses, as for the app. */
  g_assert_cmpint (run_cli ("en", &err, "print", "--participant", id, "--award", award,
                            "-o", pdf, "--database", f->db, NULL), ==, 0);
  text = pdf_text (pdf);
  assert_contains (text, "has earned the badge");
}

/* Exit non-zero, a message naming the problem, and no file. */
static void
assert_refused (Fixture    *f,
                const char *pdf,
                const char *expected,
                int         status,
                const char *err)
{
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (err);
  if (strstr (err, expected) == NULL)
    g_error ("“%s” not in the error: %s", expected, err);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (f->out), ==, 0);
}

static void
test_bad_input (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->id);
  g_autofree char *nobody = g_strdup_printf ("%" G_GINT64_FORMAT, f->no_badge_id);
  g_autofree char *pdf = g_build_filename (f->out, "never.pdf", NULL);
  g_autofree char *missing_dir = g_build_filename (f->dir, "nowhere", "x.pdf", NULL);
  int status;

  {
    g_autofree char *err = NULL;

    status = run_cli (NULL, &err, "print", "--participant", "987654", "-o", pdf,
                      "--database", f->db, NULL);
    assert_refused (f, pdf, "987654", status, err);
    g_assert_nonnull (strstr (err, "participant"));
  }
  {
    g_autofree char *err = NULL;

    status = run_cli (NULL, &err, "print", "--participant", nobody, "-o", pdf,
                      "--database", f->db, NULL);
    assert_refused (f, pdf, "Zoé S.", status, err);
    g_assert_nonnull (strstr (err, "aucun badge"));
  }
  {
    g_autofree char *err = NULL;

    status = run_cli (NULL, &err, "print", "--participant", id, "--badge", "pas-un-badge",
                      "-o", pdf, "--database", f->db, NULL);
    assert_refused (f, pdf, "pas-un-badge", status, err);
  }
  {
    g_autofree char *err = NULL;

    /* Someone else's award. */
    status = run_cli (NULL, &err, "print", "--participant", nobody, "--award", "1",
                      "-o", pdf, "--database", f->db, NULL);
    assert_refused (f, pdf, "Zoé S.", status, err);
  }
  if (f->revoked_award != 0)
    {
      g_autofree char *err = NULL;
      g_autofree char *award = g_strdup_printf ("%" G_GINT64_FORMAT, f->revoked_award);

      status = run_cli (NULL, &err, "print", "--participant", id, "--award", award,
                        "-o", pdf, "--database", f->db, NULL);
      assert_refused (f, pdf, "retiré", status, err);
    }
  {
    g_autofree char *err = NULL;

    status = run_cli (NULL, &err, "print", "--participant", id, "-o", missing_dir,
                      "--database", f->db, NULL);
    assert_refused (f, missing_dir, "n’existe pas", status, err);
  }
  {
    g_autofree char *err = NULL;

    /* Usage errors: no output, both filters, not a number. */
    status = run_cli (NULL, &err, "print", "--participant", id, "--database", f->db, NULL);
    assert_refused (f, pdf, "-o", status, err);
  }
  {
    g_autofree char *err = NULL;

    status = run_cli (NULL, &err, "print", "--participant", id, "--award", "1", "--badge", "x",
                      "-o", pdf, "--database", f->db, NULL);
    assert_refused (f, pdf, "--badge", status, err);
  }
  {
    g_autofree char *err = NULL;

    status = run_cli (NULL, &err, "print", "--participant", "Amina", "-o", pdf,
                      "--database", f->db, NULL);
    assert_refused (f, pdf, "Amina", status, err);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/cli-print/booklet", test_booklet);
  ADD ("/cli-print/one-award", test_one_award);
  ADD ("/cli-print/language", test_language);
  ADD ("/cli-print/bad-input", test_bad_input);
#undef ADD

  return g_test_run ();
}
