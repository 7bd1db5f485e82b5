/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-test"

/* JSON-LD 1.1: offline document loader, bad input, and the W3C expand and
 * toRdf conformance suites (vendored in tests/conformance/json-ld-api/tests). */

#include <string.h>

#include <glib/gstdio.h>

#include "openbadges/jln-document-loader.h"
#include "openbadges/jln-jsonld.h"
#include "openbadges/jln-ob-error.h"
#include "openbadges/jln-rdf.h"
#include "openbadges/jln-rdfc.h"

#define SUITE_BASE "https://w3c.github.io/json-ld-api/tests/"

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

static JsonNode *
parse_file (const char *path,
            GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  return json_parser_steal_root (parser);
}

/* ------------------------------------------------------------ loader */

static void
test_loader_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) doc = jln_document_loader_load ("https://www.w3.org/ns/credentials/v2", &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (doc));
  g_assert_true (json_object_has_member (json_node_get_object (doc), "@context"));

  g_clear_pointer (&doc, json_node_unref);
  doc = jln_document_loader_load ("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (json_node_get_object (doc), "@context"));
}

static void
test_loader_unknown (void)
{
  g_autoptr(GError) error = NULL;
  JsonNode *doc = jln_document_loader_load ("https://example.org/unknown-context.jsonld", &error);

  g_assert_null (doc);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_LOADING_DOCUMENT);
  g_assert_nonnull (strstr (error->message, "https://example.org/unknown-context.jsonld"));
  g_assert_nonnull (strstr (error->message, "not available offline"));
}

static void
test_loader_cache (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) a = jln_document_loader_load ("https://www.w3.org/2018/credentials/v1", &error);
  g_autoptr(JsonNode) b = NULL;
  guint parsed;

  g_assert_no_error (error);
  parsed = jln_document_loader_get_n_parsed ();
  b = jln_document_loader_load ("https://www.w3.org/2018/credentials/v1", &error);
  g_assert_no_error (error);
  g_assert_true (a == b);
  g_assert_cmpuint (jln_document_loader_get_n_parsed (), ==, parsed);
}

static void
test_loader_mapping (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jln-jsonld-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(JsonNode) bad = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "ctx.jsonld", NULL);
  g_file_set_contents (path, "{\"@context\": {\"x\": \"http://example.org/x\"}}", -1, &error);
  g_assert_no_error (error);
  jln_document_loader_add_file ("https://example.test/mapped.jsonld", path);
  doc = jln_document_loader_load ("https://example.test/mapped.jsonld", &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (doc));

  /* A mapped prefix never serves files outside its folder. */
  jln_document_loader_add_prefix ("https://example.test/dir/", dir);
  bad = jln_document_loader_load ("https://example.test/dir/../../etc/passwd", &error);
  g_assert_null (bad);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_LOADING_DOCUMENT);

  g_unlink (path);
  g_rmdir (dir);
}

/* --------------------------------------------------------- bad input */

static void
expect_error (const char *json,
              GQuark      domain,
              int         code,
              const char *jsonld_code)
{
  g_autoptr(JsonNode) input = parse_json (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnRdfDataset) ds = jln_jsonld_to_rdf (input, NULL, &error);

  g_assert_null (ds);
  g_assert_error (error, domain, code);
  if (jsonld_code != NULL)
    {
      g_autofree char *tag = g_strdup_printf ("[%s]", jsonld_code);

      if (strstr (error->message, tag) == NULL)
        g_error ("expected %s in “%s”", tag, error->message);
    }
}

static void
test_bad_not_object (void)
{
  expect_error ("\"just a string\"", JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON, NULL);
  expect_error ("42", JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON, NULL);
  expect_error ("null", JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON, NULL);
}

static void
test_bad_deep (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *cur = json_object_new ();
  g_autoptr(JlnRdfDataset) ds = NULL;
  g_autoptr(JsonNode) expanded = NULL;

  /* Built without the parser so the depth is exactly what we ask for. */
  json_node_take_object (root, cur);
  json_object_set_string_member (cur, "@context", "https://www.w3.org/ns/credentials/v2");
  for (guint i = 0; i < 10000; i++)
    {
      JsonObject *next = json_object_new ();

      json_object_set_object_member (cur, "https://example.org/p", next);
      cur = next;
    }
  ds = jln_jsonld_to_rdf (root, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON);
  g_clear_error (&error);

  expanded = jln_jsonld_expand (root, NULL, &error);
  g_assert_null (expanded);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON);
}

static void
test_bad_recursive_context (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jln-jsonld-XXXXXX", &error);
  g_autofree char *self = g_build_filename (dir, "self.jsonld", NULL);
  g_autofree char *a = g_build_filename (dir, "a.jsonld", NULL);
  g_autofree char *b = g_build_filename (dir, "b.jsonld", NULL);

  g_assert_no_error (error);
  g_file_set_contents (self, "{\"@context\": {\"@import\": \"https://example.test/self.jsonld\"}}", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (a, "{\"@context\": [\"https://example.test/b.jsonld\", {\"a\": \"http://e.org/a\"}]}", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (b, "{\"@context\": \"https://example.test/a.jsonld\"}", -1, &error);
  g_assert_no_error (error);
  jln_document_loader_add_file ("https://example.test/self.jsonld", self);
  jln_document_loader_add_file ("https://example.test/a.jsonld", a);
  jln_document_loader_add_file ("https://example.test/b.jsonld", b);

  /* A context that imports itself. */
  expect_error ("{\"@context\": \"https://example.test/self.jsonld\", \"http://e.org/p\": 1}",
                JLN_OB_ERROR, JLN_OB_ERROR_JSONLD, "invalid context entry");
  /* Two contexts that include each other. */
  expect_error ("{\"@context\": \"https://example.test/a.jsonld\", \"a\": 1}",
                JLN_OB_ERROR, JLN_OB_ERROR_JSONLD, "context overflow");
  /* A scoped context that includes itself through a remote context. */
  expect_error ("{\"@context\": {\"t\": {\"@id\": \"http://e.org/t\", \"@context\": {\"u\": {\"@id\": \"http://e.org/u\", \"@context\": \"https://example.test/a.jsonld\"}}}}, \"t\": {\"u\": {}}}",
                JLN_OB_ERROR, JLN_OB_ERROR_JSONLD, NULL);

  g_unlink (self);
  g_unlink (a);
  g_unlink (b);
  g_rmdir (dir);
}

static void
test_bad_context_value (void)
{
  expect_error ("{\"@context\": 5, \"http://e.org/p\": 1}", JLN_OB_ERROR, JLN_OB_ERROR_JSONLD,
                "invalid local context");
  expect_error ("{\"@context\": {\"p\": 5}, \"p\": 1}", JLN_OB_ERROR, JLN_OB_ERROR_JSONLD,
                "invalid term definition");
  expect_error ("{\"@context\": \"https://example.org/not-bundled\", \"p\": 1}", JLN_OB_ERROR,
                JLN_OB_ERROR_LOADING_DOCUMENT, NULL);
  expect_error ("{\"@context\": {\"@vocab\": 5}, \"p\": 1}", JLN_OB_ERROR, JLN_OB_ERROR_JSONLD,
                "invalid vocab mapping");
}

/* ------------------------------------------------- Open Badges vector */

static char *
vector_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "openbadges", "vectors", name, NULL);
}

static void
test_ob_credential (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cpath = vector_path ("credential-unsigned.json");
  g_autofree char *npath = vector_path ("document-canon.nq");
  g_autoptr(JsonNode) cred = parse_file (cpath, &error);
  g_autoptr(JlnRdfDataset) ds = NULL;
  g_autofree char *canon = NULL;
  g_autofree char *expected = NULL;
  gint64 start, elapsed;
  const guint rounds = 2000;

  g_assert_no_error (error);
  ds = jln_jsonld_to_rdf (cred, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jln_rdf_dataset_get_n_quads (ds), >, 10);

  canon = jln_rdfc_canonicalize (ds, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (npath, &expected, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (canon, ==, expected);

  /* A figure, never an assertion on time. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(JlnRdfDataset) d = jln_jsonld_to_rdf (cred, NULL, NULL);

      g_assert_nonnull (d);
    }
  elapsed = g_get_monotonic_time () - start;
  g_printerr ("# toRdf of the Open Badges vector: %.1f us per credential (%u quads)\n",
              (double) elapsed / rounds, jln_rdf_dataset_get_n_quads (ds));
}

static gpointer
convert_many (gpointer data)
{
  JsonNode *cred = data;
  guint n = 0;

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(JlnRdfDataset) d = jln_jsonld_to_rdf (cred, NULL, NULL);

      if (d != NULL)
        n = jln_rdf_dataset_get_n_quads (d);
    }
  return GUINT_TO_POINTER (n);
}

/* Contexts and documents are cached process-wide: several threads must be
 * able to share them from a cold cache. */
static void
test_threads (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cpath = vector_path ("credential-unsigned.json");
  g_autoptr(JsonNode) cred = parse_file (cpath, &error);
  g_autoptr(JlnRdfDataset) ds = NULL;
  GThread *threads[4];

  g_assert_no_error (error);
  jln_jsonld_clear_context_cache ();
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("jsonld", convert_many, cred);
  ds = jln_jsonld_to_rdf (cred, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (threads[i])), ==, jln_rdf_dataset_get_n_quads (ds));
}

/* -------------------------------------------------------- W3C suites */

typedef struct {
  const char *name;
  guint run, passed, failed, skipped, expected_failures, fixed;
  GPtrArray *regressions;
} SuiteStats;

static GHashTable *
load_known_failures (void)
{
  GHashTable *known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "openbadges",
                                            "jsonld-known-failures.txt", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return known;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) cols = NULL;

      /* "suite #id  reason"; any other line is a comment. */
      if (!g_str_has_prefix (lines[i], "expand ") && !g_str_has_prefix (lines[i], "toRdf "))
        continue;
      cols = g_strsplit_set (lines[i], " \t", 3);
      if (cols[0] && cols[1])
        g_hash_table_add (known, g_strdup_printf ("%s %s", cols[0], cols[1]));
    }
  return known;
}

static gboolean
json_equal_unordered (JsonNode *a,
                      JsonNode *b,
                      gboolean  ordered);

static gboolean
json_equal_unordered (JsonNode *a,
                      JsonNode *b,
                      gboolean  ordered)
{
  if (json_node_get_node_type (a) != json_node_get_node_type (b))
    return FALSE;
  switch (json_node_get_node_type (a))
    {
    case JSON_NODE_NULL:
      return TRUE;
    case JSON_NODE_VALUE:
      {
        GType ta = json_node_get_value_type (a), tb = json_node_get_value_type (b);

        if ((ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE) && (tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE))
          return json_node_get_double (a) == json_node_get_double (b);
        if (ta != tb)
          return FALSE;
        if (ta == G_TYPE_BOOLEAN)
          return json_node_get_boolean (a) == json_node_get_boolean (b);
        return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
      }
    case JSON_NODE_OBJECT:
      {
        JsonObject *oa = json_node_get_object (a), *ob = json_node_get_object (b);
        JsonObjectIter iter;
        const char *name;
        JsonNode *m;

        if (json_object_get_size (oa) != json_object_get_size (ob))
          return FALSE;
        json_object_iter_init (&iter, oa);
        while (json_object_iter_next (&iter, &name, &m))
          {
            JsonNode *other = json_object_get_member (ob, name);

            if (other == NULL)
              return FALSE;
            /* @json literal values are compared as JSON, in order. */
            if (!json_equal_unordered (m, other, strcmp (name, "@list") == 0
                                       || (strcmp (name, "@value") == 0 && !JSON_NODE_HOLDS_VALUE (m))))
              return FALSE;
          }
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *aa = json_node_get_array (a), *ab = json_node_get_array (b);
        guint n = json_array_get_length (aa);
        g_autofree gboolean *used = NULL;

        if (n != json_array_get_length (ab))
          return FALSE;
        if (ordered)
          {
            for (guint i = 0; i < n; i++)
              if (!json_equal_unordered (json_array_get_element (aa, i), json_array_get_element (ab, i), FALSE))
                return FALSE;
            return TRUE;
          }
        used = g_new0 (gboolean, n);
        for (guint i = 0; i < n; i++)
          {
            gboolean found = FALSE;

            for (guint j = 0; j < n && !found; j++)
              if (!used[j] && json_equal_unordered (json_array_get_element (aa, i),
                                                     json_array_get_element (ab, j), FALSE))
                used[j] = found = TRUE;
            if (!found)
              return FALSE;
          }
        return TRUE;
      }
    }
  return FALSE;
}

static char *
canonical_nquads (const JlnRdfDataset *ds,
                  GError             **error)
{
  return jln_rdfc_canonicalize (ds, NULL, NULL, error);
}

/* Returns NULL when the test passed, else why it failed. */
static char *
run_one (const char *suite,
         const char *tests_dir,
         JsonObject *t,
         gboolean    positive,
         gboolean    syntax_only)
{
  const char *input = json_object_get_string_member (t, "input");
  JsonObject *option = json_object_has_member (t, "option") ? json_object_get_object_member (t, "option") : NULL;
  g_autofree char *input_path = g_build_filename (tests_dir, input, NULL);
  g_autofree char *base = g_strconcat (SUITE_BASE, input, NULL);
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(JsonNode) expand_context = NULL;
  g_autoptr(GError) error = NULL;
  JlnJsonLdOptions opts = { 0 };
  g_autoptr(JsonNode) expanded = NULL;
  g_autoptr(JlnRdfDataset) ds = NULL;

  doc = parse_file (input_path, &error);
  if (doc == NULL)
    return g_strdup_printf ("cannot read input: %s", error->message);

  opts.base = base;
  if (option != NULL)
    {
      if (json_object_has_member (option, "base"))
        opts.base = json_object_get_string_member (option, "base");
      if (json_object_has_member (option, "processingMode"))
        opts.processing_mode = json_object_get_string_member (option, "processingMode");
      if (json_object_has_member (option, "produceGeneralizedRdf"))
        opts.produce_generalized_rdf = json_object_get_boolean_member (option, "produceGeneralizedRdf");
      if (json_object_has_member (option, "rdfDirection"))
        opts.rdf_direction = json_object_get_string_member (option, "rdfDirection");
      if (json_object_has_member (option, "expandContext"))
        {
          g_autofree char *cpath = g_build_filename (tests_dir, json_object_get_string_member (option, "expandContext"), NULL);

          expand_context = parse_file (cpath, &error);
          if (expand_context == NULL)
            return g_strdup_printf ("cannot read expandContext: %s", error->message);
          opts.expand_context = expand_context;
        }
    }

  if (strcmp (suite, "expand") == 0)
    expanded = jln_jsonld_expand (doc, &opts, &error);
  else
    ds = jln_jsonld_to_rdf (doc, &opts, &error);

  if (!positive)
    {
      const char *code = json_object_get_string_member (t, "expectErrorCode");
      g_autofree char *tag = g_strdup_printf ("[%s]", code);

      if (error == NULL)
        return g_strdup_printf ("expected error “%s”, got success", code);
      if (strcmp (code, "loading remote context failed") == 0 || strcmp (code, "loading document failed") == 0)
        {
          if (g_error_matches (error, JLN_OB_ERROR, JLN_OB_ERROR_LOADING_DOCUMENT))
            return NULL;
        }
      else if (g_error_matches (error, JLN_OB_ERROR, JLN_OB_ERROR_JSONLD) && strstr (error->message, tag))
        return NULL;
      return g_strdup_printf ("expected error “%s”, got: %s", code, error->message);
    }

  if (error != NULL)
    return g_strdup_printf ("unexpected error: %s", error->message);
  if (syntax_only)
    return NULL;

  {
    g_autofree char *expect_path = g_build_filename (tests_dir, json_object_get_string_member (t, "expect"), NULL);

    if (strcmp (suite, "expand") == 0)
      {
        g_autoptr(JsonNode) expected = parse_file (expect_path, &error);

        if (expected == NULL)
          return g_strdup_printf ("cannot read expected output: %s", error->message);
        if (!json_equal_unordered (expanded, expected, FALSE))
          {
            g_autofree char *got = json_to_string (expanded, FALSE);

            return g_strdup_printf ("output differs: %s", got);
          }
        return NULL;
      }
    else
      {
        g_autofree char *text = NULL;
        g_autoptr(JlnRdfDataset) expected = NULL;
        g_autofree char *ca = NULL;
        g_autofree char *cb = NULL;

        if (!g_file_get_contents (expect_path, &text, NULL, &error))
          return g_strdup_printf ("cannot read expected output: %s", error->message);
        expected = jln_rdf_dataset_parse_nquads (text, &error);
        if (expected == NULL)
          return g_strdup_printf ("cannot parse expected output: %s", error->message);
        ca = canonical_nquads (ds, &error);
        if (ca == NULL)
          return g_strdup_printf ("cannot canonicalise output: %s", error->message);
        cb = canonical_nquads (expected, &error);
        if (cb == NULL)
          return g_strdup_printf ("cannot canonicalise expected output: %s", error->message);
        if (strcmp (ca, cb) != 0)
          return g_strdup_printf ("output differs:\n%s---- expected:\n%s", ca, cb);
        return NULL;
      }
  }
}

static void
run_suite (const char *suite)
{
  const char *conf = g_getenv ("JALONS_CONFORMANCE_DIR");
  g_autofree char *tests_dir = NULL;
  g_autofree char *manifest_path = NULL;
  g_autoptr(JsonNode) manifest = NULL;
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) regressions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) skipped_ids = g_string_new (NULL);
  JsonArray *seq;
  guint run = 0, passed = 0, skipped = 0, known_failed = 0, fixed = 0;
  gboolean verbose = g_getenv ("JALONS_JSONLD_VERBOSE") != NULL;

  if (conf == NULL || !g_file_test (conf, G_FILE_TEST_IS_DIR))
    {
      /* The suites are vendored in tests/conformance: missing is a broken tree. */
      g_test_fail_printf ("JALONS_CONFORMANCE_DIR (%s) is not a folder: W3C JSON-LD suites not run",
                          conf ? conf : "unset");
      return;
    }
  tests_dir = g_build_filename (conf, "json-ld-api", "tests", NULL);
  manifest_path = g_strdup_printf ("%s/%s-manifest.jsonld", tests_dir, suite);
  if (!g_file_test (manifest_path, G_FILE_TEST_EXISTS))
    {
      g_test_fail_printf ("%s is missing: the W3C JSON-LD suite is not vendored", manifest_path);
      return;
    }
  jln_document_loader_add_prefix (SUITE_BASE, tests_dir);
  known = load_known_failures ();

  manifest = parse_file (manifest_path, &error);
  g_assert_no_error (error);
  seq = json_object_get_array_member (json_node_get_object (manifest), "sequence");

  for (guint i = 0; i < json_array_get_length (seq); i++)
    {
      JsonObject *t = json_array_get_object_element (seq, i);
      const char *id = json_object_get_string_member (t, "@id");
      JsonArray *types = json_object_get_array_member (t, "@type");
      JsonObject *option = json_object_has_member (t, "option") ? json_object_get_object_member (t, "option") : NULL;
      gboolean positive = FALSE, negative = FALSE, syntax = FALSE;
      g_autofree char *key = g_strdup_printf ("%s %s", suite, id);
      g_autofree char *why = NULL;

      for (guint j = 0; j < json_array_get_length (types); j++)
        {
          const char *ty = json_array_get_string_element (types, j);

          positive |= strcmp (ty, "jld:PositiveEvaluationTest") == 0;
          negative |= strcmp (ty, "jld:NegativeEvaluationTest") == 0;
          syntax |= strcmp (ty, "jld:PositiveSyntaxTest") == 0;
        }
      /* JSON-LD 1.0-only behaviour is not ours to reproduce; HTML and
       * network tests are not in these manifests. */
      if ((option != NULL && json_object_has_member (option, "specVersion")
           && strcmp (json_object_get_string_member (option, "specVersion"), "json-ld-1.0") == 0)
          || (!positive && !negative && !syntax)
          || g_str_has_suffix (json_object_get_string_member (t, "input"), ".html"))
        {
          skipped++;
          g_string_append_printf (skipped_ids, " %s", id);
          continue;
        }

      run++;
      why = run_one (suite, tests_dir, t, positive || syntax, syntax);
      if (why == NULL)
        {
          passed++;
          if (g_hash_table_contains (known, key))
            {
              fixed++;
              g_printerr ("# %s: listed as a known failure but now passes\n", key);
            }
        }
      else if (g_hash_table_contains (known, key))
        {
          known_failed++;
          if (verbose)
            g_printerr ("# known failure %s (%s): %s\n", key,
                        json_object_get_string_member (t, "name"), why);
        }
      else
        {
          g_printerr ("# FAIL %s (%s): %s\n", key, json_object_get_string_member (t, "name"), why);
          g_ptr_array_add (regressions, g_steal_pointer (&key));
        }
    }

  g_printerr ("# JSON-LD %s: %u run, %u passed (%.1f %%), %u known failures, %u new failures, "
              "%u skipped (JSON-LD 1.0 only:%s)\n",
              suite, run, passed, run ? 100.0 * passed / run : 0.0, known_failed,
              regressions->len, skipped, skipped_ids->str);
  if (fixed > 0)
    g_printerr ("# %u known failures now pass: remove them from jsonld-known-failures.txt\n", fixed);
  g_assert_cmpuint (regressions->len, ==, 0);
}

static void
test_suite_expand (void)
{
  run_suite ("expand");
}

static void
test_suite_to_rdf (void)
{
  run_suite ("toRdf");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jsonld/loader/bundled", test_loader_bundled);
  g_test_add_func ("/jsonld/loader/unknown", test_loader_unknown);
  g_test_add_func ("/jsonld/loader/cache", test_loader_cache);
  g_test_add_func ("/jsonld/loader/mapping", test_loader_mapping);
  g_test_add_func ("/jsonld/bad/not-object", test_bad_not_object);
  g_test_add_func ("/jsonld/bad/deep", test_bad_deep);
  g_test_add_func ("/jsonld/bad/recursive-context", test_bad_recursive_context);
  g_test_add_func ("/jsonld/bad/context-value", test_bad_context_value);
  g_test_add_func ("/jsonld/ob/credential", test_ob_credential);
  g_test_add_func ("/jsonld/ob/threads", test_threads);
  g_test_add_func ("/jsonld/w3c/expand", test_suite_expand);
  g_test_add_func ("/jsonld/w3c/toRdf", test_suite_to_rdf);

  return g_test_run ();
}
