/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-test"

#include <glib.h>
#include <string.h>

#include "openbadges/jln-ob-error.h"
#include "openbadges/jln-rdf.h"

/* RDF terms, datasets and the N-Quads reader/writer. */

static char *
literal_nquads (const char *lexical,
                const char *datatype,
                const char *language)
{
  g_autoptr(JlnRdfTerm) term = jln_rdf_term_new_literal (lexical, datatype, language);

  return jln_rdf_term_to_nquads (term);
}

static void
test_literal_escapes (void)
{
  g_autofree char *all = NULL;
  g_autofree char *controls = NULL;
  g_autofree char *unicode = NULL;
  g_autofree char *nul = NULL;

  /* The canonical N-Quads escapes: short forms for \b \t \n \f \r " \,
   * \uXXXX (upper-case) for the other C0 controls and DEL, nothing else. */
  all = literal_nquads ("a\\b\"c\nd\re\tf\bg\fh'i", NULL, NULL);
  g_assert_cmpstr (all, ==, "\"a\\\\b\\\"c\\nd\\re\\tf\\bg\\fh'i\"");

  controls = literal_nquads ("\x01\x0b\x1f\x7f ~", NULL, NULL);
  g_assert_cmpstr (controls, ==, "\"\\u0001\\u000B\\u001F\\u007F ~\"");

  unicode = literal_nquads ("é∞🌃\xc2\x80 <>{}", NULL, NULL);
  g_assert_cmpstr (unicode, ==, "\"é∞🌃\xc2\x80 <>{}\"");

  /* U+0000 travels as C0 80 inside the C string. */
  nul = literal_nquads ("x\xc0\x80y", NULL, NULL);
  g_assert_cmpstr (nul, ==, "\"x\\u0000y\"");
}

static void
test_literal_forms (void)
{
  g_autofree char *plain = literal_nquads ("v", NULL, NULL);
  g_autofree char *xsd = literal_nquads ("v", "http://www.w3.org/2001/XMLSchema#string", NULL);
  g_autofree char *typed = literal_nquads ("1", "http://www.w3.org/2001/XMLSchema#integer", NULL);
  g_autofree char *lang = literal_nquads ("v", NULL, "fr-BE");
  g_autofree char *lang_dt = literal_nquads ("v", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "en");
  g_autoptr(JlnRdfTerm) a = jln_rdf_term_new_literal ("v", NULL, NULL);
  g_autoptr(JlnRdfTerm) b = jln_rdf_term_new_literal ("v", "http://www.w3.org/2001/XMLSchema#string", NULL);
  g_autoptr(JlnRdfTerm) c = jln_rdf_term_new_literal ("v", NULL, "en");
  g_autoptr(JlnRdfTerm) iri = jln_rdf_term_new_iri ("urn:ex:v");
  g_autoptr(JlnRdfTerm) blank = jln_rdf_term_new_blank ("_:b0");
  g_autoptr(JlnRdfTerm) copy = jln_rdf_term_copy (c);
  g_autofree char *iri_s = jln_rdf_term_to_nquads (iri);
  g_autofree char *blank_s = jln_rdf_term_to_nquads (blank);

  g_assert_cmpstr (plain, ==, "\"v\"");
  g_assert_cmpstr (xsd, ==, "\"v\"");
  g_assert_cmpstr (typed, ==, "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>");
  g_assert_cmpstr (lang, ==, "\"v\"@fr-BE");
  g_assert_cmpstr (lang_dt, ==, "\"v\"@en");
  g_assert_cmpstr (iri_s, ==, "<urn:ex:v>");
  g_assert_cmpstr (blank_s, ==, "_:b0");

  g_assert_true (jln_rdf_term_equal (a, b));
  g_assert_false (jln_rdf_term_equal (a, c));
  g_assert_true (jln_rdf_term_equal (c, copy));
  g_assert_false (jln_rdf_term_equal (a, NULL));
}

static void
add (JlnRdfDataset *dataset,
     const char    *s,
     const char    *o,
     const char    *g)
{
  jln_rdf_dataset_add (dataset,
                       s[0] == '_' ? jln_rdf_term_new_blank (s + 2) : jln_rdf_term_new_iri (s),
                       jln_rdf_term_new_iri ("urn:ex:p"),
                       jln_rdf_term_new_literal (o, NULL, NULL),
                       g ? jln_rdf_term_new_iri (g) : NULL);
}

static void
test_dataset_dedup (void)
{
  g_autoptr(JlnRdfDataset) dataset = jln_rdf_dataset_new ();
  g_autofree char *text = NULL;

  add (dataset, "urn:ex:s", "o", NULL);
  add (dataset, "urn:ex:s", "o", NULL);
  add (dataset, "urn:ex:s", "o", "urn:ex:g");
  add (dataset, "urn:ex:s", "o", "urn:ex:g");
  add (dataset, "_:b", "o", NULL);
  add (dataset, "_:b", "o", NULL);
  add (dataset, "urn:ex:s", "o2", NULL);

  g_assert_cmpuint (jln_rdf_dataset_get_n_quads (dataset), ==, 4);
  g_assert_true (jln_rdf_dataset_get_quad (dataset, 1)->graph != NULL);
  g_assert_cmpstr (jln_rdf_dataset_get_quad (dataset, 2)->subject->value, ==, "b");

  text = jln_rdf_dataset_to_nquads (dataset);
  g_assert_cmpstr (text, ==,
                   "<urn:ex:s> <urn:ex:p> \"o\" .\n"
                   "<urn:ex:s> <urn:ex:p> \"o\" <urn:ex:g> .\n"
                   "_:b <urn:ex:p> \"o\" .\n"
                   "<urn:ex:s> <urn:ex:p> \"o2\" .\n");
}

static void
test_parse_good (void)
{
  const char *input =
    "# a comment line\n"
    "\n"
    "  <urn:ex:s> <urn:ex:p> \"a\\tb\\u00E9\\U0001F303\\\"\" . # trailing comment\n"
    "_:b.1 <urn:ex:p> \"chat\"@fr-CA <urn:ex:g> .\r\n"
    "_:b.1\t<urn:ex:p>\t\"5\"^^<http://www.w3.org/2001/XMLSchema#integer>\t_:g0.\n"
    "<urn:ex:\\u0065x> <urn:ex:p> _:x0 _:g0 .\r"
    "<urn:ex:s> <urn:ex:p> \"a\\tb\\u00E9\\U0001F303\\\"\" .\n"   /* duplicate */
    "<urn:ex:s> <urn:ex:p> \"nul:\\u0000\" .";                    /* no final EOL */
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnRdfDataset) dataset = jln_rdf_dataset_parse_nquads (input, &error);
  g_autofree char *text = NULL;
  const JlnRdfQuad *quad;

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (jln_rdf_dataset_get_n_quads (dataset), ==, 5);

  quad = jln_rdf_dataset_get_quad (dataset, 1);
  g_assert_cmpint (quad->subject->kind, ==, JLN_RDF_BLANK);
  g_assert_cmpstr (quad->subject->value, ==, "b.1");
  g_assert_cmpstr (quad->object->language, ==, "fr-CA");
  g_assert_cmpstr (quad->graph->value, ==, "urn:ex:g");

  quad = jln_rdf_dataset_get_quad (dataset, 2);
  g_assert_cmpint (quad->graph->kind, ==, JLN_RDF_BLANK);
  g_assert_cmpstr (quad->graph->value, ==, "g0");

  text = jln_rdf_dataset_to_nquads (dataset);
  g_assert_cmpstr (text, ==,
                   "<urn:ex:s> <urn:ex:p> \"a\\tbé🌃\\\"\" .\n"
                   "_:b.1 <urn:ex:p> \"chat\"@fr-CA <urn:ex:g> .\n"
                   "_:b.1 <urn:ex:p> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> _:g0 .\n"
                   "<urn:ex:ex> <urn:ex:p> _:x0 _:g0 .\n"
                   "<urn:ex:s> <urn:ex:p> \"nul:\\u0000\" .\n");
}

static void
test_parse_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnRdfDataset) dataset = jln_rdf_dataset_parse_nquads ("# nothing\n\n   \n", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (jln_rdf_dataset_get_n_quads (dataset), ==, 0);
}

typedef struct
{
  const char *input;
  guint       line;
  const char *reason;   /* a fragment of the message */
} BadCase;

static const BadCase bad_cases[] = {
  { "<urn:ex:s> <urn:ex:p> \"unterminated .\n", 1, "not closed with a quote" },
  { "<urn:ex:s> <urn:ex:p> <urn:ex:o> .\n<urn:ex:s> <urn:ex:p> \"x\n\" .\n", 2, "not closed with a quote" },
  { "<urn:ex:s> <urn:ex:p> <urn:ex:o .\n", 1, "IRI" },
  { "<urn:ex:s> <urn:ex:p> <urn:ex:o> <urn:ex:g\n", 1, "not closed" },
  { "<urn ex:s> <urn:ex:p> <urn:ex:o> .\n", 1, "not allowed" },
  { "<relative/path> <urn:ex:p> <urn:ex:o> .\n", 1, "not absolute" },
  { "<urn:ex:\\u0020> <urn:ex:p> <urn:ex:o> .\n", 1, "not allowed" },
  { "<urn:ex:\\n> <urn:ex:p> <urn:ex:o> .\n", 1, "backslash" },
  { "\n\n# c\ngarbage here\n", 4, "expected a subject" },
  { "\"lit\" <urn:ex:p> <urn:ex:o> .\n", 1, "expected a subject" },
  { "<urn:ex:s> _:p <urn:ex:o> .\n", 1, "expected a predicate" },
  { "<urn:ex:s> <urn:ex:p> 42 .\n", 1, "expected an object" },
  { "<urn:ex:s> <urn:ex:p> <urn:ex:o>\n", 1, "expected “.”" },
  { "<urn:ex:s> <urn:ex:p> <urn:ex:o> <urn:ex:g> <urn:ex:h> .\n", 1, "expected “.”" },
  { "<urn:ex:s> <urn:ex:p> <urn:ex:o> . extra\n", 1, "unexpected text" },
  { "<urn:ex:s> <urn:ex:p> \"\\q\" .\n", 1, "unknown escape" },
  { "<urn:ex:s> <urn:ex:p> \"\\u12\" .\n", 1, "escape sequence" },
  { "<urn:ex:s> <urn:ex:p> \"\\uD800\" .\n", 1, "does not exist" },
  { "<urn:ex:s> <urn:ex:p> \"\\U00110000\" .\n", 1, "does not exist" },
  { "<urn:ex:s> <urn:ex:p> \"x\"@ .\n", 1, "language tag" },
  { "<urn:ex:s> <urn:ex:p> \"x\"@en- .\n", 1, "language tag" },
  { "<urn:ex:s> <urn:ex:p> \"x\"^^\"y\" .\n", 1, "datatype" },
  { "_: <urn:ex:p> <urn:ex:o> .\n", 1, "blank node" },
  { "_:-a <urn:ex:p> <urn:ex:o> .\n", 1, "blank node" },
  { "_x <urn:ex:p> <urn:ex:o> .\n", 1, "_:" },
  { "<urn:ex:s> <urn:ex:p> \"\xff\xfe\" .\n", 1, "UTF-8" },
  { "<urn:ex:s> <urn:ex:p> <urn:ex:o> .\n\n<urn:ex:s> <urn:ex:p> \"\xc0\x80\" .\n", 3, "UTF-8" },
};

static void
test_parse_bad (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(JlnRdfDataset) dataset = NULL;
      g_autofree char *where = g_strdup_printf ("Line %u ", c->line);

      dataset = jln_rdf_dataset_parse_nquads (c->input, &error);
      if (dataset != NULL || error == NULL ||
          !g_error_matches (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED) ||
          !g_str_has_prefix (error->message, where) ||
          strstr (error->message, c->reason) == NULL)
        g_error ("bad case %u (%s): got %s", i, c->input,
                 error ? error->message : "success");
    }
}

static void
test_parse_huge_line (void)
{
  const gsize size = 9 * 1024 * 1024;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnRdfDataset) dataset = NULL;
  GString *text = g_string_sized_new (size + 64);

  g_string_append (text, "<urn:ex:s> <urn:ex:p> \"ok\" .\n<urn:ex:s> <urn:ex:p> \"");
  while (text->len < size)
    g_string_append (text, "xxxxxxxxxxxxxxxx");
  g_string_append (text, "\" .\n");

  dataset = jln_rdf_dataset_parse_nquads (text->str, &error);
  g_assert_null (dataset);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "Line 2 "));
  g_string_free (text, TRUE);
}

static void
test_roundtrip (void)
{
  g_autoptr(JlnRdfDataset) dataset = jln_rdf_dataset_new ();
  g_autoptr(JlnRdfDataset) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  jln_rdf_dataset_add (dataset, jln_rdf_term_new_blank ("a"),
                       jln_rdf_term_new_iri ("https://example.org/p#x"),
                       jln_rdf_term_new_literal ("tab\tnl\nquote\"bs\\ \x01\x7f \xc0\x80 « é »",
                                                 NULL, NULL),
                       jln_rdf_term_new_blank ("g"));
  jln_rdf_dataset_add (dataset, jln_rdf_term_new_iri ("urn:ex:s"),
                       jln_rdf_term_new_iri ("urn:ex:p"),
                       jln_rdf_term_new_literal ("2024-01-01T00:00:00Z",
                                                 "http://www.w3.org/2001/XMLSchema#dateTime", NULL),
                       NULL);

  first = jln_rdf_dataset_to_nquads (dataset);
  again = jln_rdf_dataset_parse_nquads (first, &error);
  g_assert_no_error (error);
  second = jln_rdf_dataset_to_nquads (again);
  g_assert_cmpstr (first, ==, second);
  g_assert_true (jln_rdf_term_equal (jln_rdf_dataset_get_quad (dataset, 0)->object,
                                     jln_rdf_dataset_get_quad (again, 0)->object));
}

/* What N-Quads cannot hold in an IRI is written \uXXXX, as rdf-canonize
 * does (safe-mode JSON-LD keeps such IRIs, as jsonld.js does). */
static void
test_iri_escapes (void)
{
  g_autoptr(JlnRdfTerm) iri = jln_rdf_term_new_iri ("https://ex.org/a<b>\x1f {x}|^`\\\"é#1#2");
  g_autoptr(JlnRdfTerm) typed = jln_rdf_term_new_literal ("v", "https://ex.org/dt<1>", NULL);
  g_autofree char *a = jln_rdf_term_to_nquads (iri);
  g_autofree char *b = jln_rdf_term_to_nquads (typed);

  g_assert_cmpstr (a, ==, "<https://ex.org/a\\u003Cb\\u003E\\u001F\\u0020\\u007Bx\\u007D\\u007C\\u005E\\u0060\\u005C\\u0022é#1#2>");
  g_assert_cmpstr (b, ==, "\"v\"^^<https://ex.org/dt\\u003C1\\u003E>");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rdf/literal-escapes", test_literal_escapes);
  g_test_add_func ("/rdf/iri-escapes", test_iri_escapes);
  g_test_add_func ("/rdf/literal-forms", test_literal_forms);
  g_test_add_func ("/rdf/dataset-dedup", test_dataset_dedup);
  g_test_add_func ("/rdf/parse-good", test_parse_good);
  g_test_add_func ("/rdf/parse-empty", test_parse_empty);
  g_test_add_func ("/rdf/parse-bad", test_parse_bad);
  g_test_add_func ("/rdf/parse-huge-line", test_parse_huge_line);
  g_test_add_func ("/rdf/roundtrip", test_roundtrip);

  return g_test_run ();
}
