/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-json-files"

#include <string.h>

#include <glib/gstdio.h>

#include "jln-test-common.h"
#include "openbadges/jln-credential.h"
#include "openbadges/jln-ob-json.h"
#include "openbadges/jln-ob-key.h"
#include "openbadges/jln-status-list.h"
#include "service/jln-issuer.h"
#include "store/jln-demo.h"

/* Every JSON file Jalons writes, read back by a second, independent parser:
 * Python's json module refuses raw control characters in strings (strict
 * mode) and, with parse_constant, NaN and Infinity. json-glib's generator
 * failed both (U+001F as is, 1e21 as "1e+21.0"). */

#define PYTHON "/usr/bin/python3"
#define PYTHON_CHECK \
  "import json,sys; json.loads(open(sys.argv[1],encoding=\"utf-8\").read(), " \
  "parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))"

/* The credential's name: control characters, DEL, a quote and a backslash. */
#define HOSTILE_NAME "Prendre\001la\037parole\177 \"vraiment\" \\ ici"

typedef struct {
  char      *dir;
  JlnStore  *store;
  JlnIssuer *issuer;
  JlnObKey  *key;
  char      *did;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  JlnDemoOptions options = JLN_DEMO_OPTIONS_INIT;

  f->dir = jln_test_make_tmp_dir ("jalons-test-json-files");
  db = g_build_filename (f->dir, "jalons.db", NULL);
  f->store = jln_store_open (db, &error);
  g_assert_no_error (error);
  options.n_participants = 4;
  options.n_awards = 6;
  g_assert_true (jln_demo_build (f->store, &options, &error));
  g_assert_no_error (error);
  f->issuer = jln_issuer_new (f->store, NULL, &error);
  g_assert_no_error (error);
  f->key = jln_ob_key_generate ();
  f->did = jln_ob_key_get_did (f->key);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->issuer);
  g_clear_object (&f->store);
  jln_ob_key_unref (f->key);
  g_free (f->did);
  jln_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* TRUE when Python reads @path as strict JSON. */
static gboolean
python_accepts (const char *path)
{
  const char *argv[] = { PYTHON, "-c", PYTHON_CHECK, path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     NULL, &err, &status, &error))
    g_error ("%s cannot run: %s", PYTHON, error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("python refused %s: %s", path, err);
      return FALSE;
    }
  return TRUE;
}

static char *
write_file (Fixture *f, const char *name, const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

static char *
issue_hostile (Fixture *f)
{
  g_autofree char *hash = jln_credential_hash_identity ("alice@example.org", "s4lt");
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 ("2025-01-01T00:00:00Z", NULL);
  g_autoptr(GError) error = NULL;
  JlnCredentialInput in = { 0 };
  char *text;

  in.issuer.id = f->did;
  in.issuer.name = "Mission\037Locale";
  in.id = "urn:uuid:0d9f6a34-5e7b-4c1a-8f2e-3b6d9c0a1e57";
  in.name = HOSTILE_NAME;
  in.valid_from = from;
  in.recipient.identity_hash = hash;
  in.recipient.salt = "s4lt";
  in.recipient.identity_type = "emailAddress";
  in.achievement.id = "https://ml-est.example.org/badges/oral/1";
  in.achievement.name = "Oral\037";
  in.achievement.description = "Ligne 1\nLigne 2\tfin";
  in.achievement.criteria_narrative = "A pris la parole\r\n";
  in.status.list_credential = "https://ml-est.example.org/status/1";
  in.status.index = 4321;
  text = jln_credential_issue (&in, f->key, NULL, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The check itself must be able to say no, or the tests below prove nothing. */
static void
test_python_refuses_json_glib (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"n\":\"a\\u001fb\"}", NULL);
  g_autofree char *theirs = json_to_string (node, FALSE);
  g_autofree char *ours = jln_ob_json_to_string (node, FALSE);
  g_autofree char *bad = write_file (f, "json-glib.json", theirs);
  g_autofree char *nan = write_file (f, "nan.json", "[NaN]");
  g_autofree char *good = write_file (f, "ours.json", ours);

  g_assert_false (python_accepts (bad));
  g_assert_false (python_accepts (nan));
  g_assert_true (python_accepts (good));
}

static void
test_credential_file (Fixture *f, gconstpointer data)
{
  g_autofree char *text = issue_hostile (f);
  g_autofree char *path = write_file (f, "credential.json", text);
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(GError) error = NULL;

  for (const char *p = text; *p; p++)
    g_assert_cmpint ((guchar) *p, >=, 0x20);
  g_assert_nonnull (strstr (text, "\\u001f"));
  g_assert_true (python_accepts (path));

  /* And our own strict reader gets the very same name back. */
  back = jln_ob_parse_json (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (back), "name"), ==, HOSTILE_NAME);
}

static void
test_status_list_files (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *published = g_build_filename (f->dir, "status", "list.json", NULL);
  g_autofree char *built_path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JlnStatusList) list = jln_status_list_new (131072);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *subject;
  g_autoptr(JsonArray) numbers = json_array_new ();

  /* The list the issuer publishes, through its own call site. */
  g_assert_true (jln_issuer_publish_status_list (f->issuer, published, &error));
  g_assert_no_error (error);
  g_assert_true (python_accepts (published));

  /* A signed list with a hostile URL and numbers json-glib wrote wrongly. */
  jln_status_list_set (list, 7, TRUE);
  node = jln_status_list_build_signed ("https://ml-est.example.org/status/\0371", f->did, NULL, list, f->key, &error);
  g_assert_no_error (error);
  subject = json_object_get_object_member (json_node_get_object (node), "credentialSubject");
  json_array_add_double_element (numbers, 1e21);
  json_array_add_double_element (numbers, 0.1);
  json_array_add_double_element (numbers, 1e-7);
  json_array_add_double_element (numbers, -0.0);
  json_array_add_double_element (numbers, 9007199254740992.0);
  json_array_add_int_element (numbers, G_MAXINT64);
  json_object_set_array_member (subject, "numbers", g_steal_pointer (&numbers));
  text = jln_ob_json_to_string (node, TRUE);
  g_assert_nonnull (strstr (text, "1e+21"));
  built_path = write_file (f, "status-list.json", text);
  g_assert_true (python_accepts (built_path));
}

static void
test_cli_json_report (Fixture *f, gconstpointer data)
{
  const char *cli = g_getenv ("JALONS_CLI");
  g_autofree char *text = issue_hostile (f);
  /* The report names the file: give it a control character too. */
  g_autofree char *path = write_file (f, "badge\037name.json", text);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *report = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (cli);
  {
    const char *argv[] = { cli, "verify", "--json", path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  g_test_message ("jalons-cli verify --json: %s%s", out, err);
  g_assert_nonnull (strstr (out, "badge\\u001fname.json"));
  g_assert_nonnull (strstr (out, "\"obVersion\" : 3"));
  report = write_file (f, "report.json", out);
  g_assert_true (python_accepts (report));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/json-files/python-refuses-json-glib", Fixture, NULL,
              fixture_setup, test_python_refuses_json_glib, fixture_teardown);
  g_test_add ("/json-files/credential", Fixture, NULL,
              fixture_setup, test_credential_file, fixture_teardown);
  g_test_add ("/json-files/status-list", Fixture, NULL,
              fixture_setup, test_status_list_files, fixture_teardown);
  g_test_add ("/json-files/cli-json-report", Fixture, NULL,
              fixture_setup, test_cli_json_report, fixture_teardown);

  return g_test_run ();
}
