/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-cli"

/* The pure Open Badges verbs: verify, bake, extract, canon. They need no
 * store; --database is accepted (every verb takes it) and ignored. */

#include <glib/gi18n.h>
#include <stdio.h>

#include "cli/jln-cli.h"
#include "openbadges/jln-bake.h"
#include "openbadges/jln-credential-reader.h"
#include "openbadges/jln-jsonld.h"
#include "openbadges/jln-ob-error.h"
#include "openbadges/jln-ob-json.h"
#include "openbadges/jln-proof.h"
#include "openbadges/jln-rdfc.h"
#include "openbadges/jln-verify.h"

/* Every file a verb reads: a regular file, bounded before it is read. */
static GBytes *
read_file (const char *path, GError **error)
{
  return jln_cli_read_input (path, error);
}

static JsonNode *
read_json_file (const char *path, GError **error)
{
  g_autoptr(GBytes) bytes = read_file (path, error);
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  if (bytes == NULL)
    return NULL;
  node = jln_ob_parse_json (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local_error);
  if (node == NULL)
    g_set_error (error, local_error->domain, local_error->code, "%s: %s", path, local_error->message);
  return node;
}

static void
add_detail (JsonObject *object, const char *name, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
}

/* What the badge says of itself, from the one credential reader, next to
 * the report that says whether to believe it. */
static void
add_credential_details (JsonObject *report, GBytes *bytes)
{
  g_autoptr(JlnBakedCredential) baked = jln_bake_extract (bytes, NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JlnCredentialDetails) d = NULL;
  JsonObject *out;

  if (baked == NULL || baked->ob_version != 3 || jln_baked_credential_is_url (baked))
    return;
  node = jln_ob_parse_json (baked->payload, -1, NULL);
  d = jln_credential_read_details (node);
  if (d == NULL)
    return;
  out = json_object_new ();
  add_detail (out, "name", d->name);
  add_detail (out, "achievementName", d->achievement_name);
  add_detail (out, "achievementDescription", d->achievement_description);
  add_detail (out, "criteria", d->criteria_narrative);
  add_detail (out, "issuerId", d->issuer_id);
  add_detail (out, "issuerName", d->issuer_name);
  add_detail (out, "validFrom", d->valid_from);
  add_detail (out, "validUntil", d->valid_until);
  json_object_set_int_member (out, "evidence", d->evidence->len);
  json_object_set_object_member (report, "credential", out);
}

int
jln_cli_verify (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *email = NULL;
  g_autofree char *status_path = NULL;
  g_autofree char *now_text = NULL;
  g_auto(GStrv) files = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database (accepted, not used)"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the full reports as a JSON array"), NULL },
    { "recipient", 0, 0, G_OPTION_ARG_STRING, &email, N_("Check that the badge was awarded to this e-mail address"), N_("EMAIL") },
    { "email", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &email, N_("Same as --recipient"), N_("ADDRESS") },
    { "status-list", 0, 0, G_OPTION_ARG_FILENAME, &status_path, N_("Status list credential to check revocation against"), N_("FILE") },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text, N_("Check the dates against this moment (ISO 8601) instead of now"), N_("DATE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr(JsonNode) status_list = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonArray) reports = json_array_new ();
  g_autoptr(GError) error = NULL;
  JlnVerifyOptions options = { 0 };
  gboolean all_valid = TRUE;

  if (!jln_cli_parse_options ("verify", N_("FILE…"), _("Verify badge files (PNG, SVG, JSON) offline."),
                      entries, &argc, &argv))
    return 2;
  if (files == NULL || files[0] == NULL)
    {
      jln_cli_usage_error ("verify", _("no file given"));
      return 2;
    }
  if (now_text != NULL && (now = g_date_time_new_from_iso8601 (now_text, NULL)) == NULL)
    {
      jln_cli_usage_error ("verify", _("--now needs a date like 2025-01-31T12:00:00Z"));
      return 2;
    }
  if (status_path != NULL && (status_list = read_json_file (status_path, &error)) == NULL)
    {
      jln_cli_print_error (error);
      return 1;
    }

  options.now = now;
  options.email = email;
  options.status_list = status_list;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JlnVerifyReport) report = NULL;
      g_autoptr(GError) file_error = NULL;

      bytes = read_file (files[i], &file_error);
      if (bytes == NULL)
        {
          report = jln_verify_report_new ();
          report->error = g_strdup (file_error->message);
          jln_verify_report_finish (report);
        }
      else
        report = jln_verify_bytes (bytes, &options);

      if (report->verdict != JLN_VERIFY_VALID)
        all_valid = FALSE;
      if (as_json)
        {
          JsonNode *node = jln_verify_report_to_json (report);

          json_object_set_string_member (json_node_get_object (node), "file", files[i]);
          if (bytes != NULL)
            add_credential_details (json_node_get_object (node), bytes);
          json_array_add_element (reports, node);
        }
      else
        {
          g_autofree char *line = jln_verify_report_to_line (report);
          g_autofree char *safe_file = jln_cli_sanitize_for_terminal (files[i]);
          g_autofree char *safe_line = jln_cli_sanitize_for_terminal (line);

          /* The line quotes the badge (issuer name, errors): untrusted. */
          printf ("%s: %s\n", safe_file, safe_line);
        }
    }

  if (as_json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *text = NULL;

      json_node_set_array (root, reports);
      text = jln_ob_json_to_string (root, TRUE);
      printf ("%s\n", text);
    }
  return all_valid ? 0 : 1;
}

int
jln_cli_bake (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *credential_path = NULL;
  g_autofree char *image_path = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database (accepted, not used)"), N_("PATH") },
    { "credential", 'c', 0, G_OPTION_ARG_FILENAME, &credential_path, N_("Signed credential (JSON)"), N_("FILE") },
    { "image", 'i', 0, G_OPTION_ARG_FILENAME, &image_path, N_("Badge image (PNG or SVG)"), N_("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Baked image to write"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GBytes) credential = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GBytes) baked = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!jln_cli_parse_options ("bake", "", _("Bake a signed credential into a PNG or SVG image."),
                      entries, &argc, &argv))
    return 2;
  if (credential_path == NULL || image_path == NULL || output == NULL)
    {
      jln_cli_usage_error ("bake", _("--credential, --image and --output are all needed"));
      return 2;
    }
  if (argc > 1)
    {
      jln_cli_usage_error ("bake", _("unexpected argument"));
      return 2;
    }

  if ((credential = read_file (credential_path, &error)) == NULL ||
      (image = read_file (image_path, &error)) == NULL)
    {
      jln_cli_print_error (error);
      return 1;
    }
  text = g_strndup (g_bytes_get_data (credential, NULL), g_bytes_get_size (credential));
  node = jln_ob_parse_json (text, -1, &error);
  if (node == NULL)
    {
      jln_cli_print_error (error);
      return 1;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fprintf (stderr, "jalons-cli: %s\n", _("The credential is not a JSON object."));
      return 1;
    }
  g_strstrip (text);
  baked = jln_bake (image, text, &error);
  /* Written atomically: a failed bake never leaves a half-written file. */
  if (baked == NULL || !jln_cli_write_output (output, baked, &error))
    {
      jln_cli_print_error (error);
      return 1;
    }
  return 0;
}

int
jln_cli_extract (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_auto(GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database (accepted, not used)"), N_("PATH") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JlnBakedCredential) baked = NULL;
  g_autoptr(GError) error = NULL;
  JlnBakedFormat format;

  if (!jln_cli_parse_options ("extract", N_("FILE"), _("Print the credential baked into a PNG or SVG image."),
                      entries, &argc, &argv))
    return 2;
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      jln_cli_usage_error ("extract", _("give exactly one file"));
      return 2;
    }
  if ((bytes = read_file (files[0], &error)) == NULL)
    {
      jln_cli_print_error (error);
      return 1;
    }
  /* A JSON file goes through the bounded parser first: hostile nesting must
   * be refused before any recursive parser sees it. */
  if (jln_bake_sniff (bytes, &format) && format == JLN_BAKED_FORMAT_JSON)
    {
      g_autoptr(JsonNode) node = jln_ob_parse_json (g_bytes_get_data (bytes, NULL),
                                                    g_bytes_get_size (bytes), &error);
      if (node == NULL)
        {
          jln_cli_print_error (error);
          return 1;
        }
    }
  if ((baked = jln_bake_extract (bytes, &error)) == NULL)
    {
      jln_cli_print_error (error);
      return 1;
    }
  printf ("%s\n", baked->payload);
  return 0;
}

int
jln_cli_canon (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_auto(GStrv) files = NULL;
  gboolean signing = FALSE;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database (accepted, not used)"), N_("PATH") },
    { "signing", 0, 0, G_OPTION_ARG_NONE, &signing, N_("Canonicalise as signing does (safe mode: refuse what JSON-LD would drop; text directions as i18n datatypes)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnRdfDataset) dataset = NULL;
  g_autofree char *canon = NULL;

  if (!jln_cli_parse_options ("canon", N_("FILE"), _("Print the canonical N-Quads (RDFC-1.0) of a JSON-LD document."),
                      entries, &argc, &argv))
    return 2;
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      jln_cli_usage_error ("canon", _("give exactly one file"));
      return 2;
    }
  /* Without --signing: plain JSON-LD toRdf, which drops what it cannot map. */
  if ((node = read_json_file (files[0], &error)) == NULL ||
      (signing ? (canon = jln_proof_canonicalize (node, &error)) == NULL
               : ((dataset = jln_jsonld_to_rdf (node, NULL, &error)) == NULL ||
                  (canon = jln_rdfc_canonicalize (dataset, NULL, NULL, &error)) == NULL)))
    {
      jln_cli_print_error (error);
      return 1;
    }
  fputs (canon, stdout);
  return 0;
}
