/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-test"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "openbadges/jln-ob-error.h"
#include "openbadges/jln-rdf.h"
#include "openbadges/jln-rdfc.h"

/* RDFC-1.0: the whole W3C test suite, plus the budget and a small benchmark. */

static char *
suite_dir (void)
{
  const char *base = g_getenv ("JALONS_CONFORMANCE_DIR");
  g_autofree char *dir = NULL;

  if (base == NULL)
    return NULL;
  dir = g_build_filename (base, "rdf-canon", "tests", NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_steal_pointer (&dir);
}

static JlnRdfDataset *
load_nquads (const char  *dir,
             const char  *relpath,
             GError     **error)
{
  g_autofree char *path = g_build_filename (dir, relpath, NULL);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  return jln_rdf_dataset_parse_nquads (text, error);
}

static gboolean
map_matches (GHashTable  *issued,
             JsonObject  *expected,
             char       **why)
{
  g_autoptr(GList) members = json_object_get_members (expected);

  if (g_hash_table_size (issued) != json_object_get_size (expected))
    {
      *why = g_strdup_printf ("map has %u entries, expected %u",
                              g_hash_table_size (issued),
                              json_object_get_size (expected));
      return FALSE;
    }
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *want = json_object_get_string_member (expected, l->data);
      const char *got = g_hash_table_lookup (issued, l->data);

      if (g_strcmp0 (want, got) != 0)
        {
          *why = g_strdup_printf ("%s -> %s, expected %s", (char *) l->data,
                                  got ? got : "(none)", want);
          return FALSE;
        }
    }
  return TRUE;
}

static void
test_w3c_suite (void)
{
  g_autofree char *dir = suite_dir ();
  g_autofree char *manifest_path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *entries;
  guint passed = 0, failed = 0, total;

  if (dir == NULL)
    {
      /* Vendored in tests/conformance: missing is a broken tree, not a skip. */
      g_test_fail_printf ("W3C RDFC-1.0 suite not found (JALONS_CONFORMANCE_DIR must hold rdf-canon/tests/)");
      return;
    }

  manifest_path = g_build_filename (dir, "manifest.jsonld", NULL);
  json_parser_load_from_file (parser, manifest_path, &error);
  g_assert_no_error (error);
  entries = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "entries");
  total = json_array_get_length (entries);

  for (guint i = 0; i < total; i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *id = json_object_get_string_member (entry, "id");
      const char *type = json_object_get_string_member (entry, "type");
      const char *action = json_object_get_string_member (entry, "action");
      const char *result = json_object_get_string_member_with_default (entry, "result", NULL);
      const char *algo = json_object_get_string_member_with_default (entry, "hashAlgorithm", "SHA256");
      GChecksumType hash_type = G_CHECKSUM_SHA256;
      g_autoptr(JlnRdfDataset) dataset = NULL;
      g_autoptr(GHashTable) issued = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *canon = NULL;
      g_autofree char *why = NULL;
      guint calls = 0;
      gint64 start;

      if (g_strcmp0 (algo, "SHA384") == 0)
        hash_type = G_CHECKSUM_SHA384;
      else if (g_strcmp0 (algo, "SHA256") != 0)
        why = g_strdup_printf ("unknown hash algorithm %s", algo);

      if (why == NULL)
        {
          dataset = load_nquads (dir, action, &local_error);
          if (dataset == NULL)
            why = g_strdup_printf ("input not parsed: %s", local_error->message);
        }

      if (why == NULL)
        {
          start = g_get_monotonic_time ();
          canon = jln_rdfc_canonicalize_full (dataset, NULL, hash_type, &issued,
                                              &calls, &local_error);
          if (g_test_verbose ())
            g_printerr ("%s: %u N-degree calls, %" G_GINT64_FORMAT " us\n", id, calls,
                        g_get_monotonic_time () - start);
        }

      if (why != NULL)
        ;
      else if (g_strcmp0 (type, "rdfc:RDFC10NegativeEvalTest") == 0)
        {
          if (canon != NULL)
            why = g_strdup ("expected a refusal, got a result");
          else if (!g_error_matches (local_error, JLN_OB_ERROR, JLN_OB_ERROR_CANON_LIMIT))
            why = g_strdup_printf ("wrong error: %s", local_error->message);
        }
      else if (canon == NULL)
        why = g_strdup_printf ("refused: %s", local_error->message);
      else if (g_strcmp0 (type, "rdfc:RDFC10EvalTest") == 0)
        {
          g_autofree char *path = g_build_filename (dir, result, NULL);
          g_autofree char *expected = NULL;

          if (!g_file_get_contents (path, &expected, NULL, NULL))
            why = g_strdup_printf ("cannot read %s", result);
          else if (strcmp (canon, expected) != 0)
            why = g_strdup_printf ("output differs:\n--- got\n%s--- expected\n%s", canon, expected);
        }
      else if (g_strcmp0 (type, "rdfc:RDFC10MapTest") == 0)
        {
          g_autofree char *path = g_build_filename (dir, result, NULL);
          g_autoptr(JsonParser) map_parser = json_parser_new ();

          if (!json_parser_load_from_file (map_parser, path, NULL))
            why = g_strdup_printf ("cannot read %s", result);
          else
            map_matches (issued, json_node_get_object (json_parser_get_root (map_parser)),
                         &why);
        }
      else
        why = g_strdup_printf ("unknown test type %s", type);

      if (why == NULL)
        passed++;
      else
        {
          failed++;
          g_printerr ("FAIL %s (%s): %s\n", id,
                      json_object_get_string_member (entry, "name"), why);
        }
    }

  g_printerr ("RDFC-1.0 W3C suite: %u/%u passed (%.1f %%), %u failed\n",
              passed, total, total ? 100.0 * passed / total : 0.0, failed);
  g_assert_cmpuint (failed, ==, 0);
}

static void
test_budget_refusal (void)
{
  g_autofree char *dir = suite_dir ();
  g_autoptr(JlnRdfDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) issued = NULL;
  JlnRdfcOptions tight = { .max_ndegree_calls = 3 };
  char *canon;

  if (dir == NULL)
    {
      g_test_fail_printf ("W3C RDFC-1.0 suite not found (JALONS_CONFORMANCE_DIR)");
      return;
    }

  /* "poison – evil (1)" passes with the default budget (see the suite);
   * with a tiny one it must be refused cleanly, leaving nothing behind. */
  dataset = load_nquads (dir, "rdfc10/test044-in.nq", &error);
  g_assert_no_error (error);
  canon = jln_rdfc_canonicalize (dataset, &tight, &issued, &error);
  g_assert_null (canon);
  g_assert_null (issued);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CANON_LIMIT);
  g_assert_nonnull (strstr (error->message, "too complex to canonicalise safely"));
}

/* A clique of blank nodes: every node is interchangeable with every other,
 * the textbook way to make N-degree hashing explode. */
static JlnRdfDataset *
make_clique (guint n)
{
  JlnRdfDataset *dataset = jln_rdf_dataset_new ();

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      if (i != j)
        {
          g_autofree char *a = g_strdup_printf ("n%u", i);
          g_autofree char *b = g_strdup_printf ("n%u", j);

          jln_rdf_dataset_add (dataset, jln_rdf_term_new_blank (a),
                               jln_rdf_term_new_iri ("urn:ex:p"),
                               jln_rdf_term_new_blank (b), NULL);
        }
  return dataset;
}

static void
test_clique_refused (void)
{
  g_autoptr(JlnRdfDataset) dataset = make_clique (12);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  char *canon;

  canon = jln_rdfc_canonicalize (dataset, NULL, NULL, &error);
  g_assert_null (canon);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CANON_LIMIT);
  g_printerr ("12-node clique refused after %" G_GINT64_FORMAT " us\n",
              g_get_monotonic_time () - start);
}

static void
test_wide_group_refused (void)
{
  g_autoptr(JlnRdfDataset) dataset = jln_rdf_dataset_new ();
  g_autoptr(GError) error = NULL;
  char *canon;

  /* Two interchangeable parents sharing 12 interchangeable blank children:
   * 12! orderings of one group, each with deep recursion. Whichever budget
   * (N-degree calls or permutations) bites first, it must be refused. */
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *b = g_strdup_printf ("k%u", i);

      jln_rdf_dataset_add (dataset, jln_rdf_term_new_blank ("root"),
                           jln_rdf_term_new_iri ("urn:ex:child"),
                           jln_rdf_term_new_blank (b), NULL);
      jln_rdf_dataset_add (dataset, jln_rdf_term_new_blank ("root2"),
                           jln_rdf_term_new_iri ("urn:ex:child"),
                           jln_rdf_term_new_blank (b), NULL);
    }
  canon = jln_rdfc_canonicalize (dataset, NULL, NULL, &error);
  g_assert_null (canon);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CANON_LIMIT);
}

static void
test_unsupported_hash (void)
{
  g_autoptr(JlnRdfDataset) dataset = jln_rdf_dataset_new ();
  g_autoptr(GError) error = NULL;
  char *canon;

  canon = jln_rdfc_canonicalize_full (dataset, NULL, G_CHECKSUM_MD5, NULL, NULL, &error);
  g_assert_null (canon);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED);
}

static void
test_empty_and_ground (void)
{
  g_autoptr(JlnRdfDataset) dataset = jln_rdf_dataset_new ();
  g_autoptr(GHashTable) issued = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *ground = NULL;

  empty = jln_rdfc_canonicalize (dataset, NULL, &issued, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpuint (g_hash_table_size (issued), ==, 0);
  g_clear_pointer (&issued, g_hash_table_unref);

  jln_rdf_dataset_add (dataset, jln_rdf_term_new_iri ("urn:ex:z"),
                       jln_rdf_term_new_iri ("urn:ex:p"),
                       jln_rdf_term_new_literal ("b", NULL, NULL), NULL);
  jln_rdf_dataset_add (dataset, jln_rdf_term_new_iri ("urn:ex:a"),
                       jln_rdf_term_new_iri ("urn:ex:p"),
                       jln_rdf_term_new_literal ("a", NULL, "fr"),
                       jln_rdf_term_new_iri ("urn:ex:g"));
  ground = jln_rdfc_canonicalize (dataset, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ground, ==,
                   "<urn:ex:a> <urn:ex:p> \"a\"@fr <urn:ex:g> .\n"
                   "<urn:ex:z> <urn:ex:p> \"b\" .\n");
}

/* Shaped like a signed Open Badges 3.0 credential after toRdf: one IRI
 * node with its properties, a handful of blank nodes (subject, criteria,
 * image, proof graph and proof node), ~60 quads. */
static JlnRdfDataset *
make_credential_like (void)
{
  JlnRdfDataset *dataset = jln_rdf_dataset_new ();
  const char *blanks[] = { "subject", "criteria", "image", "proofgraph", "proof" };
  guint q = 0;

  for (guint i = 0; q < 60; i++)
    {
      g_autofree char *pred = g_strdup_printf ("https://purl.imsglobal.org/spec/vc/ob/vocab.html#p%u", i % 13);
      g_autofree char *lit = g_strdup_printf ("Valeur n° %u, avec « guillemets »\n", i);
      const char *b = blanks[i % G_N_ELEMENTS (blanks)];
      JlnRdfTerm *graph = (i % 7 == 0) ? jln_rdf_term_new_blank ("proofgraph") : NULL;

      if (strcmp (b, "proofgraph") == 0)
        b = "proof";
      if (i % 3 == 0)
        jln_rdf_dataset_add (dataset,
                             jln_rdf_term_new_iri ("urn:uuid:2f6b1c0e-1111-4a3b-9c2d-000000000001"),
                             jln_rdf_term_new_iri (pred),
                             jln_rdf_term_new_literal (lit, "http://www.w3.org/2001/XMLSchema#dateTime", NULL),
                             graph);
      else if (i % 3 == 1)
        jln_rdf_dataset_add (dataset, jln_rdf_term_new_blank (b),
                             jln_rdf_term_new_iri (pred),
                             jln_rdf_term_new_literal (lit, NULL, i % 2 ? "fr" : NULL),
                             graph);
      else
        jln_rdf_dataset_add (dataset,
                             jln_rdf_term_new_iri ("https://example.org/issuers/42"),
                             jln_rdf_term_new_iri (pred),
                             jln_rdf_term_new_blank (b),
                             graph);
      q = jln_rdf_dataset_get_n_quads (dataset);
    }
  return dataset;
}

static void
test_bench_credential (void)
{
  g_autoptr(JlnRdfDataset) dataset = make_credential_like ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  const guint rounds = 2000;
  gint64 start;

  first = jln_rdfc_canonicalize (dataset, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (first, "_:c14n4"));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < rounds; i++)
    {
      g_autofree char *canon = jln_rdfc_canonicalize (dataset, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (canon, ==, first);
    }
  g_printerr ("RDFC-1.0 of a %u-quad, 5-blank-node dataset: %.1f us each (%u rounds)\n",
              jln_rdf_dataset_get_n_quads (dataset),
              (double) (g_get_monotonic_time () - start) / rounds, rounds);
}

static void
test_relabel_invariance (void)
{
  g_autoptr(JlnRdfDataset) a = jln_rdf_dataset_parse_nquads (
    "_:x <urn:ex:p> _:y .\n_:y <urn:ex:p> _:z .\n_:z <urn:ex:p> _:x .\n_:x <urn:ex:q> \"1\" .\n", NULL);
  g_autoptr(JlnRdfDataset) b = jln_rdf_dataset_parse_nquads (
    "_:m <urn:ex:q> \"1\" .\n_:k <urn:ex:p> _:m .\n_:l <urn:ex:p> _:k .\n_:m <urn:ex:p> _:l .\n", NULL);
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  ca = jln_rdfc_canonicalize (a, NULL, NULL, NULL);
  cb = jln_rdfc_canonicalize (b, NULL, NULL, NULL);
  g_assert_cmpstr (ca, ==, cb);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rdfc/w3c-suite", test_w3c_suite);
  g_test_add_func ("/rdfc/budget-refusal", test_budget_refusal);
  g_test_add_func ("/rdfc/clique-refused", test_clique_refused);
  g_test_add_func ("/rdfc/wide-group-refused", test_wide_group_refused);
  g_test_add_func ("/rdfc/unsupported-hash", test_unsupported_hash);
  g_test_add_func ("/rdfc/empty-and-ground", test_empty_and_ground);
  g_test_add_func ("/rdfc/relabel-invariance", test_relabel_invariance);
  g_test_add_func ("/rdfc/bench-credential", test_bench_credential);

  return g_test_run ();
}
