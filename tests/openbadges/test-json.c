/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-json"

#include <math.h>
#include <string.h>

#include "openbadges/jln-bake.h"
#include "openbadges/jln-credential.h"
#include "openbadges/jln-ob-error.h"
#include "openbadges/jln-ob-json.h"
#include "openbadges/jln-ob-key.h"
#include "openbadges/jln-verify.h"

/* ------------------------------------------------------------ reader */

typedef struct {
  const char *text;
  gssize      len;        /* -1: NUL-terminated */
  const char *fragment;   /* expected in the error message; NULL: accepted */
} Case;

#define NUL_MSG "NUL character"
#define CONTROL_MSG "control character"
#define SURROGATE_MSG "surrogate"
#define UTF8_MSG "not valid UTF-8"
#define NONCHAR_MSG "noncharacter"
#define TWICE_MSG "twice in one object"
#define LARGE_MSG "number too large to be checked exactly"
#define SMALL_MSG "number too small to be checked exactly"
#define SYNTAX_MSG "is not valid JSON"
#define EMPTY_MSG "is empty"
#define DEEP_MSG "nested too deeply"

static const Case cases[] = {
  /* accepted, exactly as written */
  { "{\"a\":\"x\\u0001y\\u001f\"}", -1, NULL },
  { "[\"\\ud83d\\ude00\", \"\\uD83D\\uDE00\"]", -1, NULL },
  { "[9007199254740992, -9007199254740992, 0, -0, 10]", -1, NULL },
  { "[-0.0, 0.5e-3, 1E+2, 1e308, 5e-324, 0.0e999, 0e-999]", -1, NULL },
  { "\xef\xbb\xbf[1]", -1, NULL },
  { " \t\r\n{\"a\" : [ ] , \"b\":{} , \"c\":[true,false,null]}\r\n", -1, NULL },
  { "{\"a\":1,\"A\":2,\"b\":{\"a\":1},\"c\":[{\"a\":1},{\"a\":2}]}", -1, NULL },
  { "[\"a\x7f\\u007f \\\"\\\\\\/\\b\\f\\n\\r\\t\"]", -1, NULL },
  { "[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbd\xf4\x8f\xbf\xbd\"]", -1, NULL },
  { "\"just a string\"", -1, NULL },
  { "42", -1, NULL },

  /* NUL, escaped and raw: json-glib cuts the string there */
  { "[\"a\\u0000b\"]", -1, NUL_MSG },
  { "{\"a\\u0000b\":1}", -1, NUL_MSG },
  { "[\"a\0b\"]", 7, NUL_MSG },
  /* raw control characters */
  { "[\"a\tb\"]", -1, CONTROL_MSG },
  { "[\"a\nb\"]", -1, CONTROL_MSG },
  { "[\"a\x01" "b\"]", -1, CONTROL_MSG },
  { "[\"a\x1f" "b\"]", -1, CONTROL_MSG },
  /* lone surrogates: json-glib writes them as invalid UTF-8 */
  { "[\"\\ud800\"]", -1, SURROGATE_MSG },
  { "[\"\\ud800x\"]", -1, SURROGATE_MSG },
  { "[\"\\udbff\\u0041\"]", -1, SURROGATE_MSG },
  { "[\"\\ud800\\ud800\"]", -1, SURROGATE_MSG },
  { "[\"\\udc00\"]", -1, SURROGATE_MSG },
  { "[\"\\ude00\\ud83d\"]", -1, SURROGATE_MSG },
  /* invalid UTF-8, overlong forms, encoded surrogates, beyond U+10FFFF */
  { "[\"\xff\"]", -1, UTF8_MSG },
  { "[\"\x80\"]", -1, UTF8_MSG },
  { "[\"\xc3\"]", -1, UTF8_MSG },
  { "[\"\xc3(\"]", -1, UTF8_MSG },
  { "[\"\xe2\x82\"]", -1, UTF8_MSG },
  { "[\"\xc0\xaf\"]", -1, UTF8_MSG },
  { "[\"\xc1\xbf\"]", -1, UTF8_MSG },
  { "[\"\xe0\x80\xaf\"]", -1, UTF8_MSG },
  { "[\"\xf0\x80\x80\xaf\"]", -1, UTF8_MSG },
  { "[\"\xed\xa0\x80\"]", -1, UTF8_MSG },
  { "[\"\xed\xbf\xbf\"]", -1, UTF8_MSG },
  { "[\"\xf4\x90\x80\x80\"]", -1, UTF8_MSG },
  { "[\"\xf5\x80\x80\x80\"]", -1, UTF8_MSG },
  /* noncharacters (I-JSON) */
  { "[\"\\uFFFE\"]", -1, NONCHAR_MSG },
  { "[\"\\ufdd0\"]", -1, NONCHAR_MSG },
  { "[\"\xef\xbf\xbf\"]", -1, NONCHAR_MSG },
  { "[\"\\udbff\\udfff\"]", -1, NONCHAR_MSG },
  /* duplicate member names, compared unescaped (I-JSON) */
  { "{\"a\":1,\"a\":2}", -1, TWICE_MSG },
  { "{\"a\":1,\"b\":2,\"a\":3}", -1, TWICE_MSG },
  { "{\"\xc3\xa9\":1,\"\\u00e9\":2}", -1, TWICE_MSG },
  { "[{\"x\":{\"n\":1,\"n\":1}}]", -1, TWICE_MSG },
  /* numbers a double cannot hold exactly */
  { "[9007199254740993]", -1, LARGE_MSG },
  { "[-9007199254740993]", -1, LARGE_MSG },
  { "[18446744073709551616]", -1, LARGE_MSG },
  { "[-9223372036854775809]", -1, LARGE_MSG },
  { "[9223372036854775807]", -1, LARGE_MSG },
  { "[123456789012345678901234567890]", -1, LARGE_MSG },
  { "[1e999]", -1, LARGE_MSG },
  { "[-1e999]", -1, LARGE_MSG },
  { "[1.8e308]", -1, LARGE_MSG },
  { "[1e-999]", -1, SMALL_MSG },
  { "[-0.001e-400]", -1, SMALL_MSG },
  /* not RFC 8259, though json-glib takes some of them */
  { "[01]", -1, SYNTAX_MSG },
  { "[-01]", -1, SYNTAX_MSG },
  { "[.5]", -1, SYNTAX_MSG },
  { "[1.]", -1, SYNTAX_MSG },
  { "[0x10]", -1, SYNTAX_MSG },
  { "[+1]", -1, SYNTAX_MSG },
  { "[-]", -1, SYNTAX_MSG },
  { "[1e]", -1, SYNTAX_MSG },
  { "[1e+]", -1, SYNTAX_MSG },
  { "[NaN]", -1, SYNTAX_MSG },
  { "[Infinity]", -1, SYNTAX_MSG },
  { "['a']", -1, SYNTAX_MSG },
  { "/* c */ [1]", -1, SYNTAX_MSG },
  { "[1] // c", -1, SYNTAX_MSG },
  { "[1,]", -1, SYNTAX_MSG },
  { "{\"a\":1,}", -1, SYNTAX_MSG },
  { "[,1]", -1, SYNTAX_MSG },
  { "{,}", -1, SYNTAX_MSG },
  { "[\"\\x41\"]", -1, SYNTAX_MSG },
  { "[\"\\'\"]", -1, SYNTAX_MSG },
  { "[\"\\U0041\"]", -1, SYNTAX_MSG },
  { "[\"\\u12\"]", -1, SYNTAX_MSG },
  { "[\"\\u12g4\"]", -1, SYNTAX_MSG },
  { "[1]x", -1, SYNTAX_MSG },
  { "[1][2]", -1, SYNTAX_MSG },
  { "{a:1}", -1, SYNTAX_MSG },
  { "{\"a\"}", -1, SYNTAX_MSG },
  { "{\"a\":}", -1, SYNTAX_MSG },
  { "{\"a\" 1}", -1, SYNTAX_MSG },
  { "{1:1}", -1, SYNTAX_MSG },
  { "[1 2]", -1, SYNTAX_MSG },
  { "[tru]", -1, SYNTAX_MSG },
  { "[True]", -1, SYNTAX_MSG },
  { "[nul]", -1, SYNTAX_MSG },
  { "\f[1]", -1, SYNTAX_MSG },
  { "[1]\v", -1, SYNTAX_MSG },
  { "[1]\0", 4, SYNTAX_MSG },
  { "\xc2\xa0[1]", -1, SYNTAX_MSG },
  { "[", -1, SYNTAX_MSG },
  { "[\"abc", -1, SYNTAX_MSG },
  { "[\"abc\\", -1, SYNTAX_MSG },
  { "{\"a\":1", -1, SYNTAX_MSG },
  { "]", -1, SYNTAX_MSG },
  { "[}", -1, SYNTAX_MSG },
  { "{]", -1, SYNTAX_MSG },
  { "", -1, EMPTY_MSG },
  { " \n ", -1, EMPTY_MSG },
  { "\xef\xbb\xbf", -1, EMPTY_MSG },
};

static void
test_reader_cases (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) check_error = NULL;
      g_autoptr(JsonNode) node = jln_ob_parse_json (c->text, c->len, &error);
      gsize len = c->len < 0 ? strlen (c->text) : (gsize) c->len;
      gboolean checked = jln_ob_json_check (c->text, len, &check_error);
      g_autofree char *shown = g_strescape (c->text, NULL);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s -> %s", i, shown,
                      error ? error->message : "accepted");
      if (c->fragment == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (node);
          g_assert_true (checked);
        }
      else
        {
          g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON);
          g_assert_null (node);
          g_assert_false (checked);
          g_assert_error (check_error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON);
          if (strstr (error->message, c->fragment) == NULL)
            g_error ("case %" G_GSIZE_FORMAT " (%s): “%s” does not say “%s”",
                     i, shown, error->message, c->fragment);
        }
    }
}

/* What is accepted is held exactly: escapes decoded, pairs joined. */
static void
test_reader_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root =
    jln_ob_parse_json ("[\"x\\u0001y\\u001f\", \"\\ud83d\\ude00\", 9007199254740992,"
                       " -9007199254740992, -0, -0.0, 1e308, \"\\u00e9\"]", -1, &error);
  JsonArray *a;

  g_assert_no_error (error);
  a = json_node_get_array (root);
  g_assert_cmpstr (json_array_get_string_element (a, 0), ==, "x\001y\037");
  g_assert_cmpstr (json_array_get_string_element (a, 1), ==, "\xf0\x9f\x98\x80");
  g_assert_cmpint (json_array_get_int_element (a, 2), ==, G_GINT64_CONSTANT (9007199254740992));
  g_assert_cmpint (json_array_get_int_element (a, 3), ==, -G_GINT64_CONSTANT (9007199254740992));
  g_assert_cmpint (json_array_get_int_element (a, 4), ==, 0);
  g_assert_true (signbit (json_array_get_double_element (a, 5)));
  g_assert_cmpfloat (json_array_get_double_element (a, 6), ==, 1e308);
  g_assert_cmpstr (json_array_get_string_element (a, 7), ==, "\xc3\xa9");
}

static GString *
nested (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, i % 2 ? "{\"a\":" : "[");
  g_string_append (s, "1");
  for (guint i = depth; i > 0; i--)
    g_string_append (s, (i - 1) % 2 ? "}" : "]");
  return s;
}

static void
test_reader_depth (void)
{
  g_autoptr(GString) ok = nested (JLN_OB_JSON_MAX_DEPTH);
  g_autoptr(GString) deep = nested (JLN_OB_JSON_MAX_DEPTH + 1);
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jln_ob_parse_json (ok->str, ok->len, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);

  g_assert_null (jln_ob_parse_json (deep->str, deep->len, &error));
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON);
  g_assert_nonnull (strstr (error->message, DEEP_MSG));
  g_clear_error (&error);

  /* A million brackets: refused without a deep stack anywhere. */
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (huge, '[');
  g_assert_null (jln_ob_parse_json (huge->str, huge->len, &error));
  g_assert_nonnull (strstr (error->message, DEEP_MSG));
  g_clear_error (&error);

  /* Brackets inside strings do not count. */
  g_string_assign (huge, "[\"");
  for (guint i = 0; i < 1000; i++)
    g_string_append (huge, "[{");
  g_string_append (huge, "\"]");
  g_assert_true (jln_ob_json_check (huge->str, huge->len, &error));
  g_assert_no_error (error);
}

/* Syntax errors say where. */
static void
test_reader_position (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (jln_ob_json_check ("{\n  \"a\": 1,\n  \"b\": 01\n}", 24, &error));
  g_assert_nonnull (strstr (error->message, "line 3, column 9"));
}

/* ------------------------------------------------------------ writer */

static char *
write_compact (JsonNode *node)
{
  g_autoptr(GError) error = NULL;
  char *text = jln_ob_json_write (node, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static void
test_writer_strings (void)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new ("\"");
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  for (guint c = 1; c < 0x20; c++)
    g_string_append_c (all, (char) c);
  g_string_append (all, "\x7f\"\\/\xc3\xa9\xe2\x80\xa8\xe2\x80\xa9\xf0\x9f\x98\x80");

  g_string_append (expected, "\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n"
                             "\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014"
                             "\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d"
                             "\\u001e\\u001f\\u007f\\\"\\\\/\xc3\xa9\\u2028\\u2029\xf0\x9f\x98\x80\"");

  json_node_set_string (node, all->str);
  text = write_compact (node);
  g_assert_cmpstr (text, ==, expected->str);
  for (const char *p = text; *p; p++)
    g_assert_cmpint ((guchar) *p, >=, 0x20);

  back = jln_ob_parse_json (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (back), ==, all->str);
}

static void
test_writer_invalid_utf8 (void)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *text = NULL;

  json_node_set_string (node, "a\xff" "b\xed\xa0\x80" "c\xc3");
  text = write_compact (node);
  g_assert_cmpstr (text, ==, "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "c\xef\xbf\xbd\"");
  g_assert_true (jln_ob_json_check (text, strlen (text), NULL));
}

static void
test_writer_numbers (void)
{
  static const struct {
    double      value;
    const char *text;
  } doubles[] = {
    { 1e21, "1e+21" },
    { 0.1, "0.1" },
    { 1e-7, "1e-7" },
    { 0.000001, "0.000001" },
    { 9007199254740992.0, "9007199254740992" },
    { -9007199254740992.0, "-9007199254740992" },
    { 18014398509481984.0, "1.8014398509481984e+16" },
    { 1e20, "1e+20" },
    { -0.0, "-0.0" },
    { 0.0, "0" },
    { 1.0, "1" },
    { 100.0, "100" },
    { -1.5, "-1.5" },
    { 123.456, "123.456" },
    { 1.0 / 3.0, "0.3333333333333333" },
    { 2.0 / 3.0, "0.6666666666666666" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { 5e-324, "5e-324" },
    { 2.2250738585072014e-308, "2.2250738585072014e-308" },
    { -2.5e-10, "-2.5e-10" },
    { 4503599627370495.5, "4503599627370495.5" },
  };
  static const struct {
    gint64      value;
    const char *text;
  } ints[] = {
    { 0, "0" },
    { -1, "-1" },
    { G_MAXINT64, "9223372036854775807" },
    { G_MININT64, "-9223372036854775808" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (doubles); i++)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autoptr(JsonNode) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      double got;

      json_node_set_double (node, doubles[i].value);
      text = write_compact (node);
      g_assert_cmpstr (text, ==, doubles[i].text);

      /* Reads back, through the strict reader, as the very same double. */
      back = jln_ob_parse_json (text, -1, &error);
      g_assert_no_error (error);
      got = json_node_get_value_type (back) == G_TYPE_INT64
            ? (double) json_node_get_int (back) : json_node_get_double (back);
      g_assert_true (memcmp (&got, &doubles[i].value, sizeof got) == 0 ||
                     (got == 0.0 && doubles[i].value == 0.0 && !signbit (doubles[i].value)));
    }

  for (gsize i = 0; i < G_N_ELEMENTS (ints); i++)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autofree char *text = NULL;

      json_node_set_int (node, ints[i].value);
      text = write_compact (node);
      g_assert_cmpstr (text, ==, ints[i].text);
    }
}

static void
test_writer_not_finite (void)
{
  const double bad[] = { NAN, INFINITY, -INFINITY };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GBytes) bytes = NULL;

      json_array_add_int_element (array, 1);
      json_array_add_double_element (array, bad[i]);
      json_node_set_array (root, array);

      text = jln_ob_json_write (root, FALSE, &error);
      g_assert_null (text);
      g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON);
      g_clear_error (&error);

      bytes = jln_ob_json_to_bytes (root, TRUE, &error);
      g_assert_null (bytes);
      g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON);

      g_test_expect_message ("jln-ob", G_LOG_LEVEL_CRITICAL, "*not finite*");
      text = jln_ob_json_to_string (root, FALSE);
      g_test_assert_expected_messages ();
      g_assert_null (text);
    }
}

static JsonNode *
sample_tree (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "z");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "a");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "x\037y");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "b");
  json_builder_add_null_value (b);
  json_builder_set_member_name (b, "t");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);
  json_builder_add_double_value (b, 1e21);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "m");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "e");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
test_writer_tree (void)
{
  g_autoptr(JsonNode) root = sample_tree ();
  g_autofree char *compact = write_compact (root);
  g_autofree char *pretty = jln_ob_json_to_string (root, TRUE);
  g_autoptr(GBytes) bytes = jln_ob_json_to_bytes (root, FALSE, NULL);
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;

  g_assert_cmpstr (compact, ==,
                   "{\"z\":1,\"a\":[\"x\\u001fy\",{\"b\":null,\"t\":true},1e+21],\"m\":{},\"e\":[]}");
  g_assert_cmpstr (pretty, ==,
                   "{\n"
                   "  \"z\" : 1,\n"
                   "  \"a\" : [\n"
                   "    \"x\\u001fy\",\n"
                   "    {\n"
                   "      \"b\" : null,\n"
                   "      \"t\" : true\n"
                   "    },\n"
                   "    1e+21\n"
                   "  ],\n"
                   "  \"m\" : {},\n"
                   "  \"e\" : []\n"
                   "}");
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), compact, strlen (compact));

  /* Pretty and compact read back to the same tree, in the same order. */
  back = jln_ob_parse_json (pretty, -1, &error);
  g_assert_no_error (error);
  again = write_compact (back);
  g_assert_cmpstr (again, ==, compact);
}

/* Without special characters or doubles, the layout is json-glib's, so
 * readers of the old output (and tests that grep it) see no change. */
static void
test_writer_like_json_glib (void)
{
  g_autoptr(JsonNode) root =
    json_from_string ("{\"verdict\":\"valid\",\"obVersion\":3,\"checks\":[{\"id\":\"proof\","
                      "\"ok\":true},{\"id\":\"dates\",\"ok\":false,\"n\":null}],\"name\":\"\xc3\xa9t\xc3\xa9\"}",
                      NULL);
  g_autofree char *ours_pretty = jln_ob_json_to_string (root, TRUE);
  g_autofree char *theirs_pretty = json_to_string (root, TRUE);
  g_autofree char *ours = jln_ob_json_to_string (root, FALSE);
  g_autofree char *theirs = json_to_string (root, FALSE);

  g_assert_cmpstr (ours_pretty, ==, theirs_pretty);
  g_assert_cmpstr (ours, ==, theirs);
}

/* ------------------------------------------------------------ getters */

static void
test_getters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root =
    jln_ob_parse_json ("{\"s\":\"x\",\"n\":1,\"o\":{\"a\":true},\"a\":[1],"
                       "\"type\":[\"A\",2,\"B\"]}", -1, &error);
  JsonObject *obj;

  g_assert_no_error (error);
  obj = json_node_get_object (root);

  g_assert_cmpstr (jln_ob_json_get_string (obj, "s"), ==, "x");
  g_assert_null (jln_ob_json_get_string (obj, "n"));
  g_assert_null (jln_ob_json_get_string (obj, "o"));
  g_assert_null (jln_ob_json_get_string (obj, "missing"));
  g_assert_null (jln_ob_json_get_string (NULL, "s"));

  g_assert_nonnull (jln_ob_json_get_object (obj, "o"));
  g_assert_null (jln_ob_json_get_object (obj, "a"));
  g_assert_null (jln_ob_json_get_object (NULL, "o"));

  g_assert_nonnull (jln_ob_json_get_array (obj, "a"));
  g_assert_cmpuint (json_array_get_length (jln_ob_json_get_array (obj, "a")), ==, 1);
  g_assert_null (jln_ob_json_get_array (obj, "o"));
  g_assert_null (jln_ob_json_get_array (NULL, "a"));

  g_assert_true (jln_ob_json_has_type (obj, "A"));
  g_assert_true (jln_ob_json_has_type (obj, "B"));
  g_assert_false (jln_ob_json_has_type (obj, "C"));
  g_assert_false (jln_ob_json_has_type (obj, "2"));
  g_assert_false (jln_ob_json_has_type (NULL, "A"));
  g_assert_true (jln_ob_json_has_type (jln_ob_json_get_object (obj, "o"), "A") == FALSE);
}

static void
test_has_type_string (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jln_ob_parse_json ("{\"type\":\"Profile\"}", -1, &error);

  g_assert_no_error (error);
  g_assert_true (jln_ob_json_has_type (json_node_get_object (root), "Profile"));
  g_assert_false (jln_ob_json_has_type (json_node_get_object (root), "Profil"));
}

/* ------------------------------------------------------------ through the verifier */

typedef struct {
  const char *from;        /* replaced, once, in the signed credential */
  const char *to;
  const char *fragment;    /* expected in the report's error */
  gboolean    container_may_refuse;  /* PNG/SVG may refuse it first, as not text */
} Attack;

#define NAME_MEMBER "\"name\":\"Prendre la parole\""

static const Attack attacks[] = {
  /* json-glib cut the name at the NUL: the signature held, the tail showed */
  { NAME_MEMBER, "\"name\":\"Prendre la parole\\u0000 et toucher 500 euros\"", NUL_MSG },
  /* json-glib kept the last "name": a first-wins reader shows the other one */
  { NAME_MEMBER, "\"name\":\"Diplome d'Etat\"," NAME_MEMBER, TWICE_MSG },
  { NAME_MEMBER, "\"name\":\"Prendre la parole\\ud800\"", SURROGATE_MSG },
  { NAME_MEMBER, "\"name\":\"Prendre la parole\\udc00\"", SURROGATE_MSG },
  { NAME_MEMBER, "\"name\":\"Prendre la parole\x1f\"", CONTROL_MSG, TRUE },
  { NAME_MEMBER, "\"name\":\"Prendre la parole\\uffff\"", NONCHAR_MSG },
  { NAME_MEMBER, "\"name\":9007199254740993", LARGE_MSG },
  { NAME_MEMBER, "\"name\":18446744073709551616", LARGE_MSG },
  { NAME_MEMBER, "\"name\":-9223372036854775809", LARGE_MSG },
  { NAME_MEMBER, "\"name\":1e999", LARGE_MSG },
  { NAME_MEMBER, "\"name\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", DEEP_MSG },
  { NAME_MEMBER, "\"name\":\"Prendre la parole\xc0\xaf\"", UTF8_MSG, TRUE },
};

typedef struct {
  JlnObKey  *key;
  char      *did;
  char      *credential;
  GDateTime *now;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autofree char *hash = jln_credential_hash_identity ("alice@example.org", "s4lt");
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 ("2025-01-01T00:00:00Z", NULL);
  g_autoptr(GError) error = NULL;
  JlnCredentialInput in = { 0 };

  f->key = jln_ob_key_generate ();
  f->did = jln_ob_key_get_did (f->key);
  f->now = g_date_time_new_from_iso8601 ("2026-06-01T12:00:00Z", NULL);
  in.issuer.id = f->did;
  in.issuer.name = "Mission Locale Est";
  in.id = "urn:uuid:6f1c2a9e-3b7d-4e21-9a55-0c8e4d2b7f10";
  in.name = "Prendre la parole";
  in.valid_from = from;
  in.recipient.identity_hash = hash;
  in.recipient.salt = "s4lt";
  in.recipient.identity_type = "emailAddress";
  in.achievement.id = "https://ml-est.example.org/badges/oral/1";
  in.achievement.name = "Oral";
  in.achievement.description = "Sait prendre la parole en groupe.";
  in.achievement.criteria_narrative = "A pris la parole en réunion.";
  f->credential = jln_credential_issue (&in, f->key, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (f->credential, NAME_MEMBER));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  jln_ob_key_unref (f->key);
  g_free (f->did);
  g_free (f->credential);
  g_date_time_unref (f->now);
}

static void
append_be32 (GByteArray *a, guint32 v)
{
  const guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (a, b, sizeof b);
}

static void
append_chunk (GByteArray *png, const char *type, const void *data, gsize len)
{
  gsize start;

  append_be32 (png, len);
  start = png->len;
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (png, data, len);
  append_be32 (png, jln_png_crc32 (png->data + start, png->len - start));
}

/* A 1×1 grey PNG whose iTXt carries @json byte for byte: built here, not
 * with jln_bake_png(), so that nothing on the way cleans the payload. */
static GBytes *
png_with_itxt (const char *json)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 ihdr[13] = { 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0 };
  /* zlib, one stored block holding the scanline "filter 0, pixel 0x80" */
  static const guint8 idat[] = { 0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, 0x00, 0x80,
                                 0x00, 0x83, 0x00, 0x81 };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GByteArray) itxt = g_byte_array_new ();
  /* keyword, NUL, compression flag 0, method 0, empty language, NUL, empty translated keyword, NUL */
  static const guint8 itxt_head[] = { 0, 0, 0, 0, 0 };

  g_byte_array_append (itxt, (const guint8 *) JLN_BAKE_PNG_KEYWORD_OB3, strlen (JLN_BAKE_PNG_KEYWORD_OB3));
  g_byte_array_append (itxt, itxt_head, sizeof itxt_head);
  g_byte_array_append (itxt, (const guint8 *) json, strlen (json));

  g_byte_array_append (png, signature, sizeof signature);
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_chunk (png, "iTXt", itxt->data, itxt->len);
  append_chunk (png, "IDAT", idat, sizeof idat);
  append_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static GBytes *
svg_with_credential (const char *json)
{
  char *svg = g_strdup_printf ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:openbadges=\"%s\""
                               " width=\"10\" height=\"10\"><openbadges:credential><![CDATA[%s]]>"
                               "</openbadges:credential><circle r=\"4\"/></svg>",
                               JLN_BAKE_SVG_NAMESPACE_OB3, json);

  return g_bytes_new_take (svg, strlen (svg));
}

static JlnVerifyReport *
verify (Fixture *f, GBytes *file)
{
  JlnVerifyOptions options = { f->now, NULL, NULL, NULL };

  return jln_verify_bytes (file, &options);
}

static void
test_verify_untouched (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) json = g_bytes_new (f->credential, strlen (f->credential));
  g_autoptr(GBytes) png = png_with_itxt (f->credential);
  g_autoptr(GBytes) svg = svg_with_credential (f->credential);
  GBytes *files[] = { json, png, svg };

  /* The carriers themselves are fine: only the attacks below are refused. */
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(JlnVerifyReport) r = verify (f, files[i]);

      g_assert_null (r->error);
      g_assert_cmpint (r->verdict, ==, JLN_VERIFY_VALID);
    }
}

static void
test_verify_attacks (Fixture *f, gconstpointer data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (attacks); i++)
    {
      const char *at = strstr (f->credential, attacks[i].from);
      g_autoptr(GString) hostile = g_string_new (f->credential);
      g_autoptr(GBytes) json = NULL;
      g_autoptr(GBytes) png = NULL;
      g_autoptr(GBytes) svg = NULL;
      GBytes *files[3];
      const char *carrier[] = { "JSON", "PNG", "SVG" };

      g_assert_nonnull (at);
      g_string_erase (hostile, at - f->credential, strlen (attacks[i].from));
      g_string_insert (hostile, at - f->credential, attacks[i].to);
      json = g_bytes_new (hostile->str, hostile->len);
      png = png_with_itxt (hostile->str);
      svg = svg_with_credential (hostile->str);
      files[0] = json;
      files[1] = png;
      files[2] = svg;

      for (gsize j = 0; j < G_N_ELEMENTS (files); j++)
        {
          g_autoptr(JlnVerifyReport) r = verify (f, files[j]);

          g_test_message ("attack %" G_GSIZE_FORMAT " in %s: %s", i, carrier[j],
                          r->error ? r->error : "(no error)");
          g_assert_cmpint (r->verdict, !=, JLN_VERIFY_VALID);
          g_assert_nonnull (r->error);
          /* The baked image refuses raw control characters and broken
           * UTF-8 itself, as not being text: that is fine too. */
          if ((j == 1 || j == 2) && attacks[i].container_may_refuse &&
              strstr (r->error, attacks[i].fragment) == NULL)
            continue;
          if (strstr (r->error, attacks[i].fragment) == NULL)
            g_error ("attack %" G_GSIZE_FORMAT " in %s: “%s” does not say “%s”",
                     i, carrier[j], r->error, attacks[i].fragment);
        }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/reader/cases", test_reader_cases);
  g_test_add_func ("/json/reader/values", test_reader_values);
  g_test_add_func ("/json/reader/depth", test_reader_depth);
  g_test_add_func ("/json/reader/position", test_reader_position);
  g_test_add_func ("/json/writer/strings", test_writer_strings);
  g_test_add_func ("/json/writer/invalid-utf8", test_writer_invalid_utf8);
  g_test_add_func ("/json/writer/numbers", test_writer_numbers);
  g_test_add_func ("/json/writer/not-finite", test_writer_not_finite);
  g_test_add_func ("/json/writer/tree", test_writer_tree);
  g_test_add_func ("/json/writer/like-json-glib", test_writer_like_json_glib);
  g_test_add_func ("/json/getters", test_getters);
  g_test_add_func ("/json/has-type-string", test_has_type_string);
  g_test_add ("/json/verify/untouched", Fixture, NULL, fixture_setup, test_verify_untouched, fixture_teardown);
  g_test_add ("/json/verify/attacks", Fixture, NULL, fixture_setup, test_verify_attacks, fixture_teardown);

  return g_test_run ();
}
