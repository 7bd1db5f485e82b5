/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-json"

#include <string.h>

#include "openbadges/jln-ob-error.h"
#include "openbadges/jln-ob-json.h"

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/getters", test_getters);
  g_test_add_func ("/json/has-type-string", test_has_type_string);

  return g_test_run ();
}
