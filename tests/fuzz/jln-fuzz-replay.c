/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-fuzz"

/* Replays every committed input of one fuzz target through its
 * LLVMFuzzerTestOneInput(), in the normal test suite (any compiler, no
 * libFuzzer): tests/fuzz/crashers/<target>/ (inputs that once crashed: a
 * fixed crash stays fixed) and tests/fuzz/corpus/<target>/ (the seeds).
 * A crash, a sanitizer report or a failed assertion in the target fails the
 * test; so does an empty corpus, which would make the fuzzer start blind.
 *
 * crashers/OPEN lists the crashers whose fix is still to land (in a file
 * someone else owns): "<target>/<file>  reason". Those are skipped, loudly,
 * so that committing a reproducer does not break everyone's suite; the line
 * goes when the fix lands, and from then on the crash stays fixed. */

#include <string.h>

#include <gio/gio.h>

#include "jln-fuzz.h"

static GHashTable *open_crashers;   /* "<target>/<file>" -> reason */

static void
load_open_crashers (void)
{
  g_autofree char *path = g_build_filename (JLN_FUZZ_DIR, "crashers", "OPEN", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  open_crashers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *space;

      if (*line == '\0' || *line == '#')
        continue;
      space = strpbrk (line, " \t");
      if (space != NULL)
        *space++ = '\0';
      g_hash_table_insert (open_crashers, g_strdup (line),
                           g_strdup (space != NULL ? g_strstrip (space) : ""));
    }
}

static void
skip_open (gconstpointer user_data)
{
  g_autofree char *msg = g_strdup_printf ("open crasher, fix pending: %s",
                                          (const char *) user_data);
  g_test_skip (msg);
}

static void
replay_file (gconstpointer user_data)
{
  const char *path = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  uint8_t *copy;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  /* An exact-size heap copy, so that ASan sees a read one past the end, as
   * under libFuzzer. */
  copy = g_memdup2 (contents, len);
  LLVMFuzzerTestOneInput (copy, len);
  g_free (copy);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  /* g_ptr_array_sort() hands pointers to the elements. */
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static guint
add_dir (const char *kind,
         GPtrArray  *keep)
{
  g_autofree char *dir = g_build_filename (JLN_FUZZ_DIR, kind, JLN_FUZZ_TARGET, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *test = g_strdup_printf ("/fuzz/%s/%s/%s", JLN_FUZZ_TARGET, kind,
                                               (char *) g_ptr_array_index (names, i));

      g_autofree char *key = g_strdup_printf ("%s/%s", JLN_FUZZ_TARGET,
                                              (char *) g_ptr_array_index (names, i));
      const char *reason = NULL;

      g_ptr_array_add (keep, path);
      if (strcmp (kind, "crashers") == 0
          && (reason = g_hash_table_lookup (open_crashers, key)) != NULL)
        g_test_add_data_func (test, reason, skip_open);
      else
        g_test_add_data_func (test, path, replay_file);
    }
  return names->len;
}

static void
corpus_not_empty (gconstpointer user_data)
{
  g_assert_cmpuint (GPOINTER_TO_UINT (user_data), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  guint n_corpus;
  int ret;

  g_test_init (&argc, &argv, NULL);
  jln_fuzz_init ();
  load_open_crashers ();
  add_dir ("crashers", keep);
  n_corpus = add_dir ("corpus", keep);
  g_test_add_data_func ("/fuzz/" JLN_FUZZ_TARGET "/corpus-not-empty",
                        GUINT_TO_POINTER (n_corpus), corpus_not_empty);
  ret = g_test_run ();
  g_hash_table_unref (open_crashers);
  return ret;
}
