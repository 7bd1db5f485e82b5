/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-verify-window"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <adwaita.h>
#include <cairo.h>

#include "store/jln-store.h"
#include "openbadges/jln-bake.h"
#include "openbadges/jln-credential.h"
#include "openbadges/jln-ob-json.h"
#include "openbadges/jln-ob-key.h"
#include "openbadges/jln-proof.h"
#include "openbadges/jln-status-list.h"
#include "service/jln-session.h"
#include "ui/shell/jln-preferences-window.h"
#include "ui/shell/jln-ui-resources.h"
#include "ui/verify/jln-verify-window.h"

#define WAIT_LIMIT_US (60 * G_USEC_PER_SEC)
#define EMAIL "lea.martin@example.org"
#define SALT "c0ffee5a17"
#define LIST_URL "https://badges.ml-est.example.org/status/revocation.json"

static const char badge_svg[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\" viewBox=\"0 0 256 256\">"
  "<circle cx=\"128\" cy=\"128\" r=\"120\" fill=\"#26a269\"/>"
  "<path d=\"M80 130 l32 32 l64 -72\" stroke=\"#fff\" stroke-width=\"20\" fill=\"none\"/></svg>\n";

typedef struct {
  char     *dir;
  JlnObKey *key;
} Fixture;

/* A safety net against hangs, not a timing assertion. */
static void
wait_for_results (JlnVerifyWindow *window)
{
  gint64 end = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (jln_verify_window_get_n_pending (window) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  /* Let the cards be laid out. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("jalons-test-verify-XXXXXX", &error);
  g_assert_no_error (error);
  f->key = jln_ob_key_generate ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  jln_ob_key_unref (f->key);
}

/* ---- making badges ---- */

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
make_png (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 96, 96);
  cairo_t *cr = cairo_create (surface);
  GByteArray *array = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
  cairo_arc (cr, 48, 48, 44, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_bytes, array), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (array);
}

/* A real signed OB 3.0 credential. @status_index < 0: no credentialStatus. */
static char *
issue (Fixture *f, const char *list_url, int status_index, GDateTime *valid_until)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = g_date_time_new_utc (2025, 3, 12, 10, 0, 0);
  g_autofree char *did = jln_ob_key_get_did (f->key);
  g_autofree char *hash = jln_credential_hash_identity (EMAIL, SALT);
  g_autofree char *image = NULL;
  g_autofree char *b64 = g_base64_encode ((const guchar *) badge_svg, sizeof badge_svg - 1);
  JlnCredentialInput input = { 0 };
  char *json;

  image = g_strconcat ("data:image/svg+xml;base64,", b64, NULL);
  input.issuer.id = did;
  input.issuer.name = "Mission Locale de l’Est";
  input.issuer.url = "https://ml-est.example.org";
  input.id = "urn:uuid:5d2c3b7e-8f1a-4c2b-9a7d-1e2f3a4b5c6d";
  input.name = "Accueil et orientation";
  input.valid_from = from;
  input.valid_until = valid_until;
  input.recipient.identity_hash = hash;
  input.recipient.salt = SALT;
  input.recipient.identity_type = "emailAddress";
  input.achievement.id = "https://ml-est.example.org/badges/accueil/1";
  input.achievement.name = "Accueil et orientation";
  input.achievement.description = "Sait se présenter et expliquer son projet.";
  input.achievement.criteria_narrative = "A mené un entretien d’accueil.";
  input.achievement.image.id = image;
  if (status_index >= 0)
    {
      input.status.list_credential = list_url;
      input.status.index = (guint64) status_index;
    }
  json = jln_credential_issue (&input, f->key, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json);
  return json;
}

/* Binary-safe search (a PNG holds NUL bytes). */
static char *
find_bytes (char *haystack, gsize len, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return haystack + i;
  return NULL;
}

static GFile *
write_file (Fixture *f, const char *name, const void *data, gsize len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  const char *samples = g_getenv ("JALONS_VERIFY_SAMPLES_DIR");

  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
  /* Kept for screenshots when asked. */
  if (samples != NULL)
    {
      g_autofree char *copy = g_build_filename (samples, name, NULL);

      g_mkdir_with_parents (samples, 0700);
      g_file_set_contents (copy, data, (gssize) len, NULL);
    }
  return g_file_new_for_path (path);
}

static GFile *
write_bytes (Fixture *f, const char *name, GBytes *bytes)
{
  return write_file (f, name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static GFile *
fixture_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "openbadges", "data", name, NULL);

  return g_file_new_for_path (path);
}

/* ---- reading cards ---- */

static void
collect_text (GtkWidget *widget, GString *out)
{
  /* The technical report is read as a person would: opened. */
  if (GTK_IS_EXPANDER (widget))
    gtk_expander_set_expanded (GTK_EXPANDER (widget), TRUE);
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      collect_text (child, out);
}

static char *
card_text (JlnVerifyWindow *window, guint index)
{
  GString *out = g_string_new (NULL);
  GtkWidget *card = jln_verify_window_get_result_card (window, index);

  g_assert_nonnull (card);
  collect_text (card, out);
  return g_string_free (out, FALSE);
}

static GtkWidget *
find_named (GtkWidget *widget, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
card_label (JlnVerifyWindow *window, guint index, const char *name)
{
  GtkWidget *label = find_named (jln_verify_window_get_result_card (window, index), name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

#define assert_has(haystack, needle) \
  G_STMT_START { \
    if (strstr ((haystack), (needle)) == NULL) \
      { \
        g_printerr ("missing \"%s\" in:\n%s\n", (needle), (haystack)); \
        g_assert_not_reached (); \
      } \
  } G_STMT_END

static JlnVerifyWindow *
open_window (JlnSession *session, GFile **files, guint n_files)
{
  JlnVerifyWindow *window = jln_verify_window_new (session, NULL);

  gtk_window_present (GTK_WINDOW (window));
  jln_verify_window_open_files (window, files, n_files);
  g_assert_cmpuint (jln_verify_window_get_n_results (window), ==, n_files);
  wait_for_results (window);
  return window;
}

/* ---- tests ---- */

static void
test_template (void)
{
  JlnVerifyWindow *window = jln_verify_window_new (NULL, NULL);

  g_assert_true (JLN_IS_VERIFY_WINDOW (window));
  g_assert_cmpuint (jln_verify_window_get_n_results (window), ==, 0);
  g_assert_null (jln_verify_window_get_result_card (window, 0));
  /* Nothing to open is not an error. */
  jln_verify_window_open_files (window, NULL, 0);
  g_assert_cmpuint (jln_verify_window_get_n_results (window), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_valid_badges (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = issue (f, NULL, -1, NULL);
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(GBytes) svg = g_bytes_new_static (badge_svg, sizeof badge_svg - 1);
  g_autoptr(GBytes) baked_png = jln_bake_png (png, json, &error);
  g_autoptr(GBytes) baked_svg = NULL;
  g_autofree char *did = jln_ob_key_get_did (f->key);
  GFile *files[3];
  JlnVerifyWindow *window;

  g_assert_no_error (error);
  baked_svg = jln_bake_svg (svg, json, &error);
  g_assert_no_error (error);
  files[0] = write_bytes (f, "valid.png", baked_png);
  files[1] = write_bytes (f, "valid.svg", baked_svg);
  files[2] = write_file (f, "valid.json", json, strlen (json));

  window = open_window (NULL, files, G_N_ELEMENTS (files));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *text = card_text (window, i);

      g_assert_cmpint (jln_verify_window_get_outcome (window, i), ==, JLN_VERIFY_OUTCOME_VALID);
      g_assert_cmpstr (card_label (window, i, "verdict"), ==, "Valid badge");
      assert_has (text, "Accueil et orientation");
      assert_has (text, "Sait se présenter et expliquer son projet.");
      assert_has (text, "Mission Locale de l’Est");
      assert_has (text, did);
      assert_has (text, "Valid signature (eddsa-rdfc-2022)");
      assert_has (text, "Cannot be revoked (no status list)");
      assert_has (text, "Hidden (hashed e-mail address)");
      assert_has (text, "2025-03-12");
      assert_has (text, "No end date");
      /* The technical report is there, in full. */
      assert_has (text, "\"verdict\" : \"valid\"");
      /* The recipient's address never appears. */
      g_assert_null (strstr (text, EMAIL));
    }
  /* No status list: it cannot be revoked, and the window does not claim
   * anybody checked that it was not. */
  g_assert_cmpstr (card_label (window, 1, "summary"), ==,
                   "Signed by Mission Locale de l’Est, unchanged since and in date. Its issuer cannot revoke it.");
  {
    g_autofree char *text = card_text (window, 0);

    /* Every check, with its word. */
    assert_has (text, "Checks");
    assert_has (text, "Issuer’s key");
    assert_has (text, "The key that signed belongs to the issuer the badge names");
    assert_has (text, "Passed");
    assert_has (text, "\"checks\"");
  }

  /* The hashed recipient, checked live. */
  g_assert_true (jln_verify_window_check_email (window, 0, "  Lea.Martin@Example.org "));
  {
    g_autofree char *text = card_text (window, 0);
    assert_has (text, "This badge belongs to this address");
  }
  g_assert_false (jln_verify_window_check_email (window, 0, "someone.else@example.org"));
  {
    g_autofree char *text = card_text (window, 0);
    assert_has (text, "This badge does not belong to this address");
    g_assert_null (strstr (text, "This badge belongs to this address"));
  }
  g_assert_true (jln_verify_window_check_email (window, 2, EMAIL));
  /* Out of range: no crash, no match. */
  g_assert_false (jln_verify_window_check_email (window, 7, EMAIL));

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

static void
test_tampered (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = issue (f, NULL, -1, NULL);
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(GBytes) svg = g_bytes_new_static (badge_svg, sizeof badge_svg - 1);
  g_autoptr(GBytes) baked_png = jln_bake_png (png, json, &error);
  g_autoptr(GBytes) baked_svg = jln_bake_svg (svg, json, &error);
  g_autoptr(GDateTime) past = g_date_time_new_utc (2025, 6, 30, 0, 0, 0);
  g_autofree char *expired = issue (f, NULL, -1, past);
  g_autofree char *png_data = NULL;
  g_autofree char *svg_data = NULL;
  g_autofree char *json_data = g_strdup (json);
  char *at;
  gsize png_len, svg_len;
  GFile *files[4];
  JlnVerifyWindow *window;

  g_assert_no_error (error);
  /* One byte changed in the baked credential of each. */
  png_data = g_memdup2 (g_bytes_get_data (baked_png, &png_len), g_bytes_get_size (baked_png));
  at = find_bytes (png_data, png_len, "Accueil et orientation");
  g_assert_nonnull (at);
  at[0] = 'a';
  svg_data = g_memdup2 (g_bytes_get_data (baked_svg, &svg_len), g_bytes_get_size (baked_svg));
  at = find_bytes (svg_data, svg_len, "Accueil et orientation");
  g_assert_nonnull (at);
  at[0] = 'a';
  at = strstr (json_data, "Sait se pr");
  g_assert_nonnull (at);
  at[0] = 'F';

  files[0] = write_file (f, "tampered.png", png_data, png_len);
  files[1] = write_file (f, "tampered.svg", svg_data, svg_len);
  files[2] = write_file (f, "tampered.json", json_data, strlen (json_data));
  files[3] = write_file (f, "expired.json", expired, strlen (expired));

  window = open_window (NULL, files, G_N_ELEMENTS (files));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *text = card_text (window, i);

      g_assert_cmpint (jln_verify_window_get_outcome (window, i), ==, JLN_VERIFY_OUTCOME_INVALID);
      g_assert_cmpstr (card_label (window, i, "verdict"), ==, "Not valid");
      /* The PNG's checksum breaks first: nothing could be read from it. */
      if (i == 0)
        assert_has (text, "damaged");
      else if (i < 3)
        assert_has (text, "Failed");
      assert_has (text, "Checks");
    }
  {
    g_autofree char *svg_text = card_text (window, 1);
    g_autofree char *json_text = card_text (window, 2);
    g_autofree char *expired_text = card_text (window, 3);

    assert_has (svg_text, "Invalid signature: the badge was changed after it was signed");
    assert_has (json_text, "Invalid signature: the badge was changed after it was signed");
    assert_has (expired_text, "(expired)");
    assert_has (expired_text, "This badge has expired.");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

static void
test_ob2 (Fixture *f, gconstpointer data)
{
  GFile *files[3] = {
    fixture_file ("ob2-badgr.png"),
    fixture_file ("ob2-moodle.svg"),
    fixture_file ("ob2-hosted-url.png"),
  };
  JlnVerifyWindow *window;

  /* The fixtures are in the tree: missing means a broken checkout. */
  g_assert_true (g_file_query_exists (files[0], NULL));
  window = open_window (NULL, files, G_N_ELEMENTS (files));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_assert_cmpint (jln_verify_window_get_outcome (window, i), ==, JLN_VERIFY_OUTCOME_OB2);
      g_assert_cmpstr (card_label (window, i, "verdict"), ==, "Cannot be verified offline");
      g_assert_cmpstr (card_label (window, i, "summary"), ==,
                       "OB 2.0 badge: its issuer’s server would be needed to verify it; shown for information.");
    }
  {
    g_autofree char *text = card_text (window, 0);

    assert_has (text, "Premiers secours citoyens");
    assert_has (text, "Association Relais Emploi Val-de-Loire");
    assert_has (text, "Hidden (hashed e-mail address)");
    assert_has (text, "2023-11-07");
    g_assert_false (jln_verify_window_check_email (window, 0, "nobody@example.org"));
  }
  {
    g_autofree char *text = card_text (window, 2);

    assert_has (text, "Only its web address is in the file");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

static void
test_bad_files (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = issue (f, NULL, -1, NULL);
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(GBytes) baked_png = jln_bake_png (png, json, &error);
  g_autofree char *big_path = g_build_filename (f->dir, "big.png", NULL);
  static const char garbage[] = "\x01\x02 this is not a badge at all \xff\xfe";
  GFile *files[7];
  JlnVerifyWindow *window;
  int fd;

  g_assert_no_error (error);
  files[0] = write_file (f, "garbage.png", garbage, sizeof garbage - 1);
  files[1] = write_file (f, "empty.png", "", 0);
  files[2] = write_file (f, "truncated.png", g_bytes_get_data (baked_png, NULL), g_bytes_get_size (baked_png) / 2);
  files[3] = write_bytes (f, "plain.png", png);
  /* 60 MB without writing 60 MB: a sparse file. */
  fd = g_open (big_path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 60 * 1024 * 1024), ==, 0);
  close (fd);
  files[4] = g_file_new_for_path (big_path);
  files[5] = g_file_new_build_filename (f->dir, "does-not-exist.png", NULL);
  files[6] = g_file_new_for_path (f->dir);

  window = open_window (NULL, files, G_N_ELEMENTS (files));
  {
    g_autofree char *garbage_text = card_text (window, 0);
    g_autofree char *empty_text = card_text (window, 1);
    g_autofree char *plain_text = card_text (window, 3);
    g_autofree char *big_text = card_text (window, 4);
    g_autofree char *missing_text = card_text (window, 5);
    g_autofree char *dir_text = card_text (window, 6);

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        const char *summary = card_label (window, i, "summary");

        g_assert_cmpstr (summary, !=, "");
        if (i == 2)
          continue;
        g_assert_cmpint (jln_verify_window_get_outcome (window, i), ==, JLN_VERIFY_OUTCOME_UNREADABLE);
        g_assert_cmpstr (card_label (window, i, "verdict"), ==, "No badge could be read");
      }
    assert_has (garbage_text, "garbage.png");
    assert_has (empty_text, "The file is empty.");
    g_assert_nonnull (plain_text);
    assert_has (big_text, "too large to be a badge");
    assert_has (missing_text, "cannot be opened");
    assert_has (dir_text, "not a file that can be checked");
  }
  /* A truncated badge is a damaged one. */
  g_assert_cmpint (jln_verify_window_get_outcome (window, 2), ==, JLN_VERIFY_OUTCOME_INVALID);

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

/* Our own published list is used for our badges only. */
static void
test_own_status_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (f->dir, "jalons.db", NULL);
  g_autoptr(JlnStore) store = jln_store_open (db, &error);
  g_autofree char *files_dir = NULL;
  g_autofree char *status_dir = NULL;
  g_autofree char *list_path = NULL;
  g_autofree char *list_text = NULL;
  g_autofree char *did = jln_ob_key_get_did (f->key);
  g_autoptr(JlnStatusList) list = jln_status_list_new (0);
  g_autoptr(JsonNode) signed_list = NULL;
  g_autofree char *revoked = issue (f, LIST_URL, 3, NULL);
  g_autofree char *active = issue (f, LIST_URL, 4, NULL);
  g_autofree char *elsewhere = issue (f, "https://other.example.net/status/1", 3, NULL);
  g_autoptr(JlnSession) session = NULL;
  GFile *files[3];
  JlnVerifyWindow *window;

  g_assert_no_error (error);
  session = jln_session_new (store, NULL, &error);
  g_assert_no_error (error);
  files[0] = write_file (f, "revoked.json", revoked, strlen (revoked));
  files[1] = write_file (f, "active.json", active, strlen (active));
  files[2] = write_file (f, "elsewhere.json", elsewhere, strlen (elsewhere));

  /* Without our list: status unknown offline, the badge still valid. */
  window = open_window (session, files, G_N_ELEMENTS (files));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *text = card_text (window, i);

      g_assert_cmpint (jln_verify_window_get_outcome (window, i), ==, JLN_VERIFY_OUTCOME_VALID);
      assert_has (text, "Unknown offline");
      /* Nobody trustworthy said "not revoked": the window does not either. */
      g_assert_null (strstr (text, "not revoked"));
      g_assert_null (strstr (text, "Not revoked"));
      assert_has (text, "Revocation not checked");
      /* Issue 10 (5): the headline does not claim more than was checked. */
      g_assert_cmpstr (card_label (window, i, "verdict"), ==, "Signed and unchanged");
      g_assert_null (strstr (text, "Valid badge"));
    }
  gtk_window_destroy (GTK_WINDOW (window));

  g_assert_true (jln_status_list_set (list, 3, TRUE));
  signed_list = jln_status_list_build_signed (LIST_URL, did, NULL, list, f->key, &error);
  g_assert_no_error (error);
  files_dir = jln_store_dup_files_dir (store);
  status_dir = g_build_filename (files_dir, "public", "status", NULL);
  g_assert_cmpint (g_mkdir_with_parents (status_dir, 0700), ==, 0);
  list_path = g_build_filename (status_dir, "revocation.json", NULL);
  list_text = json_to_string (signed_list, FALSE);
  g_file_set_contents (list_path, list_text, -1, &error);
  g_assert_no_error (error);

  window = open_window (session, files, G_N_ELEMENTS (files));
  {
    g_autofree char *revoked_text = card_text (window, 0);
    g_autofree char *active_text = card_text (window, 1);
    g_autofree char *elsewhere_text = card_text (window, 2);

    g_assert_cmpint (jln_verify_window_get_outcome (window, 0), ==, JLN_VERIFY_OUTCOME_INVALID);
    assert_has (revoked_text, "Revoked by its issuer");
    assert_has (revoked_text, "Its issuer has revoked this badge.");
    g_assert_cmpint (jln_verify_window_get_outcome (window, 1), ==, JLN_VERIFY_OUTCOME_VALID);
    assert_has (active_text, "Active: not revoked");
    g_assert_cmpstr (card_label (window, 1, "verdict"), ==, "Valid badge");
    /* Someone else's list is not ours to judge. */
    g_assert_cmpint (jln_verify_window_get_outcome (window, 2), ==, JLN_VERIFY_OUTCOME_VALID);
    assert_has (elsewhere_text, "Unknown offline");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

/* A badge naming our issuer but signed with someone else's key. */
static void
test_forged_issuer (Fixture *f, gconstpointer data)
{
  g_autoptr(JlnObKey) forger = jln_ob_key_generate ();
  g_autofree char *did = jln_ob_key_get_did (f->key);
  JlnObKey *real = f->key;
  g_autofree char *forged = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *credential;
  GFile *files[1];
  JlnVerifyWindow *window;

  /* Issued by the forger, renamed after our issuer and re-signed: the
   * signature holds, the key is not the issuer's. */
  f->key = forger;
  forged = issue (f, NULL, -1, NULL);
  f->key = real;
  node = jln_ob_parse_json (forged, -1, &error);
  g_assert_no_error (error);
  credential = json_node_get_object (node);
  json_object_set_string_member (json_object_get_object_member (credential, "issuer"), "id", did);
  json_object_remove_member (credential, "proof");
  g_assert_true (jln_proof_add (credential, forger, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&forged, g_free);
  forged = json_to_string (node, FALSE);
  files[0] = write_file (f, "forged.json", forged, strlen (forged));

  window = open_window (NULL, files, 1);
  text = card_text (window, 0);
  g_assert_cmpint (jln_verify_window_get_outcome (window, 0), ==, JLN_VERIFY_OUTCOME_INVALID);
  g_assert_cmpstr (card_label (window, 0, "summary"), ==,
                   "This badge was signed by someone other than the issuer it names.");
  assert_has (text, "Issuer’s key");
  assert_has (text, "Failed");
  g_assert_null (strstr (text, "Valid badge"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (files[0]);
}

/* ---- Preferences: Organisation ---- */

static gboolean
has_class (GtkWidget *widget, const char *css)
{
  return gtk_widget_has_css_class (widget, css);
}

static GtkWidget *
find_entry_row (GtkWidget *widget, const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_preferences_organisation (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (f->dir, "jalons.db", NULL);
  g_autoptr(JlnStore) store = jln_store_open (db, &error);
  g_autoptr(JlnOrganisation) org = NULL;
  g_autoptr(JlnOrganisation) after = NULL;
  g_autoptr(GBytes) seed = jln_ob_key_get_seed (f->key);
  g_autofree char *did = jln_ob_key_get_did (f->key);
  g_autoptr(JlnSession) session = NULL;
  JlnPreferencesWindow *prefs;
  GtkWidget *url_row;
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  org = jln_store_get_organisation (store, &error);
  g_assert_no_error (error);
  g_free (org->name);
  org->name = g_strdup ("Mission Locale de l’Est");
  g_free (org->url);
  org->url = g_strdup ("https://ml-est.example.org");
  g_clear_pointer (&org->signing_seed, g_bytes_unref);
  org->signing_seed = g_bytes_ref (seed);
  g_assert_true (jln_store_set_organisation (store, org, NULL, &error));
  g_assert_no_error (error);

  session = jln_session_new (store, NULL, &error);
  g_assert_no_error (error);
  /* The page shows the session's issuer: the did:key of the saved seed. */
  g_assert_cmpstr (jln_session_get_issuer_id (session), ==, did);
  prefs = jln_preferences_window_new (session);
  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_cmpstr (jln_preferences_window_get_issuer_id (prefs), ==, did);

  /* A new name is saved; the signing seed is left alone. */
  jln_preferences_window_set_organisation_text (prefs, JLN_ORGANISATION_FIELD_NAME, "  Mission Locale Est-Ouest ");
  jln_preferences_window_set_organisation_text (prefs, JLN_ORGANISATION_FIELD_EMAIL, "contact@ml-est.example.org");
  jln_preferences_window_set_organisation_text (prefs, JLN_ORGANISATION_FIELD_PUBLIC_BASE, "http://localhost:8080/badges/");
  g_assert_true (jln_preferences_window_apply_organisation (prefs));
  after = jln_store_get_organisation (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->name, ==, "Mission Locale Est-Ouest");
  g_assert_cmpstr (after->email, ==, "contact@ml-est.example.org");
  g_assert_cmpstr (after->public_base, ==, "http://localhost:8080/badges");
  g_assert_nonnull (after->signing_seed);
  g_assert_true (g_bytes_equal (after->signing_seed, seed));
  g_clear_pointer (&after, jln_organisation_free);

  /* An http:// website is refused: error shown (class and words), store untouched. */
  jln_preferences_window_set_organisation_text (prefs, JLN_ORGANISATION_FIELD_URL, "http://ml-est.example.org");
  jln_preferences_window_set_organisation_text (prefs, JLN_ORGANISATION_FIELD_EMAIL, "not an email");
  g_assert_false (jln_preferences_window_apply_organisation (prefs));
  g_assert_nonnull (jln_preferences_window_get_organisation_error (prefs, JLN_ORGANISATION_FIELD_URL));
  g_assert_nonnull (jln_preferences_window_get_organisation_error (prefs, JLN_ORGANISATION_FIELD_EMAIL));
  g_assert_null (jln_preferences_window_get_organisation_error (prefs, JLN_ORGANISATION_FIELD_NAME));
  url_row = find_entry_row (GTK_WIDGET (prefs), "Website");
  g_assert_nonnull (url_row);
  g_assert_true (has_class (url_row, "error"));
  collect_text (GTK_WIDGET (prefs), text);
  assert_has (text->str, "Website: enter an address that starts with https://");
  assert_has (text->str, "Contact email: enter an address like contact@example.org.");
  after = jln_store_get_organisation (store, &error);
  g_assert_cmpstr (after->url, ==, "https://ml-est.example.org");
  g_assert_cmpstr (after->email, ==, "contact@ml-est.example.org");
  g_assert_true (g_bytes_equal (after->signing_seed, seed));
  g_clear_pointer (&after, jln_organisation_free);

  /* An empty name is refused too. */
  jln_preferences_window_set_organisation_text (prefs, JLN_ORGANISATION_FIELD_NAME, "   ");
  g_assert_false (jln_preferences_window_apply_organisation (prefs));
  g_assert_nonnull (jln_preferences_window_get_organisation_error (prefs, JLN_ORGANISATION_FIELD_NAME));

  /* Fixed: the errors go away. */
  jln_preferences_window_set_organisation_text (prefs, JLN_ORGANISATION_FIELD_NAME, "Mission Locale Est-Ouest");
  jln_preferences_window_set_organisation_text (prefs, JLN_ORGANISATION_FIELD_URL, "https://ml-eo.example.org/");
  jln_preferences_window_set_organisation_text (prefs, JLN_ORGANISATION_FIELD_EMAIL, "");
  g_assert_true (jln_preferences_window_apply_organisation (prefs));
  g_assert_false (has_class (url_row, "error"));
  after = jln_store_get_organisation (store, &error);
  g_assert_cmpstr (after->url, ==, "https://ml-eo.example.org/");
  g_assert_null (after->email);
  g_assert_true (g_bytes_equal (after->signing_seed, seed));
  g_clear_pointer (&after, jln_organisation_free);
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* Without a database the page is there but inert, and says why. */
  prefs = jln_preferences_window_new (NULL);
  g_assert_false (jln_preferences_window_apply_organisation (prefs));
  g_assert_null (jln_preferences_window_get_issuer_id (prefs));
  g_string_truncate (text, 0);
  collect_text (GTK_WIDGET (prefs), text);
  assert_has (text->str, "Open a database to see its issuer identifier");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* ---- screenshots (only when JALONS_VERIFY_SCREENSHOT_DIR is set) ---- */

static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
save_png (GtkWidget *window, const char *dir, const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  int w, h;

  settle ();
  w = gtk_widget_get_width (window);
  h = gtk_widget_get_height (window);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_render_node_unref (node);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_printerr ("screenshot: %s\n", path);
}

static void
shoot_verify (GSettings *settings, const char *dir, const char *name, GFile **files, guint n, int height)
{
  JlnVerifyWindow *window = jln_verify_window_new (NULL, settings);

  gtk_window_set_default_size (GTK_WINDOW (window), 760, height);
  gtk_window_present (GTK_WINDOW (window));
  jln_verify_window_open_files (window, files, n);
  wait_for_results (window);
  save_png (GTK_WIDGET (window), dir, name);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_screenshots (Fixture *f, gconstpointer data)
{
  const char *dir = g_getenv ("JALONS_VERIFY_SCREENSHOT_DIR");
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) baked = NULL;
  g_autofree char *tampered = NULL;
  g_autofree char *tampered_svg = NULL;
  g_autoptr(GBytes) svg = g_bytes_new_static (badge_svg, sizeof badge_svg - 1);
  g_autoptr(GBytes) baked_svg = NULL;
  g_autofree char *db = NULL;
  gsize svg_len;
  gsize len;
  char *at;

  if (dir == NULL)
    {
      g_test_skip ("set JALONS_VERIFY_SCREENSHOT_DIR to take screenshots");
      return;
    }
  g_mkdir_with_parents (dir, 0700);
  settings = g_settings_new (APP_ID);
  {
    /* AdwApplication loads the app's style sheet; there is none here. */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    jln_ui_register_resources ();

    gtk_css_provider_load_from_resource (css, "/io/github/jalons/Jalons/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  json = issue (f, LIST_URL, 7, NULL);
  png = make_png ();
  baked = jln_bake_png (png, json, &error);
  g_assert_no_error (error);
  tampered = g_memdup2 (g_bytes_get_data (baked, &len), g_bytes_get_size (baked));
  at = find_bytes (tampered, len, "Accueil et orientation");
  at[0] = 'a';
  baked_svg = jln_bake_svg (svg, json, &error);
  g_assert_no_error (error);
  tampered_svg = g_memdup2 (g_bytes_get_data (baked_svg, &svg_len), g_bytes_get_size (baked_svg));
  at = find_bytes (tampered_svg, svg_len, "Accueil et orientation");
  at[0] = 'a';

  for (int large = 0; large <= 1; large++)
    {
      const char *suffix = large ? "-large" : "";
      g_autofree char *n_valid = g_strdup_printf ("verify-valid%s.png", suffix);
      g_autofree char *n_tampered = g_strdup_printf ("verify-tampered%s.png", suffix);
      g_autofree char *n_ob2 = g_strdup_printf ("verify-ob2%s.png", suffix);
      g_autofree char *n_bad = g_strdup_printf ("verify-bad%s.png", suffix);
      g_autofree char *n_prefs = g_strdup_printf ("preferences-organisation%s.png", suffix);
      g_autofree char *n_prefs_error = g_strdup_printf ("preferences-organisation-error%s.png", suffix);
      g_autofree char *n_backups = g_strdup_printf ("preferences-backups%s.png", suffix);
      GFile *valid = write_bytes (f, "badge-accueil.png", baked);
      GFile *bad_svg = write_file (f, "badge-modifie.svg", tampered_svg, svg_len);
      GFile *ob2 = fixture_file ("ob2-badgr.png");
      GFile *bad[3] = { write_file (f, "notes.png", "hello", 5), write_file (f, "vide.json", "", 0),
                        write_file (f, "badge-abime.png", tampered, len) };
      g_autoptr(JlnStore) store = NULL;
      g_autoptr(JlnSession) session = NULL;
      g_autoptr(JlnOrganisation) org = NULL;
      g_autoptr(GBytes) seed = jln_ob_key_get_seed (f->key);
      JlnPreferencesWindow *prefs;

      g_settings_set_boolean (settings, "large-icons", large);
      shoot_verify (settings, dir, n_valid, &valid, 1, 1180);
      shoot_verify (settings, dir, n_tampered, &bad_svg, 1, 1080);
      shoot_verify (settings, dir, n_ob2, &ob2, 1, 820);
      shoot_verify (settings, dir, n_bad, bad, 3, 760);

      db = g_build_filename (f->dir, large ? "large.db" : "normal.db", NULL);
      store = jln_store_open (db, &error);
      g_assert_no_error (error);
      org = jln_store_get_organisation (store, &error);
      g_assert_no_error (error);
      g_free (org->name);
      org->name = g_strdup ("Mission Locale de l’Est");
      g_free (org->url);
      org->url = g_strdup ("https://ml-est.example.org");
      g_free (org->email);
      org->email = g_strdup ("contact@ml-est.example.org");
      g_clear_pointer (&org->signing_seed, g_bytes_unref);
      org->signing_seed = g_bytes_ref (seed);
      g_assert_true (jln_store_set_organisation (store, org, NULL, &error));
      session = jln_session_new (store, settings, &error);
      g_assert_no_error (error);
      prefs = jln_preferences_window_new (session);
      gtk_window_set_default_size (GTK_WINDOW (prefs), 640, large ? 900 : 760);
      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "organisation");
      gtk_window_present (GTK_WINDOW (prefs));
      save_png (GTK_WIDGET (prefs), dir, n_prefs);
      jln_preferences_window_set_organisation_text (prefs, JLN_ORGANISATION_FIELD_URL, "http://ml-est.example.org");
      jln_preferences_window_set_organisation_text (prefs, JLN_ORGANISATION_FIELD_PUBLIC_BASE, "badges.ml-est.org");
      jln_preferences_window_apply_organisation (prefs);
      save_png (GTK_WIDGET (prefs), dir, n_prefs_error);
      g_assert_true (jln_session_backup_now (session, NULL, &error));
      g_assert_no_error (error);
      gtk_window_destroy (GTK_WINDOW (prefs));
      prefs = jln_preferences_window_new (session);
      gtk_window_set_default_size (GTK_WINDOW (prefs), 640, large ? 900 : 760);
      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "backups");
      gtk_window_present (GTK_WINDOW (prefs));
      save_png (GTK_WIDGET (prefs), dir, n_backups);
      gtk_window_destroy (GTK_WINDOW (prefs));
      g_clear_pointer (&db, g_free);

      g_object_unref (valid);
      g_object_unref (bad_svg);
      g_object_unref (ob2);
      for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
        g_object_unref (bad[i]);
    }
  g_settings_reset (settings, "large-icons");
}

static void
test_url_email_rules (void)
{
  g_assert_true (jln_organisation_url_is_valid ("https://example.org"));
  g_assert_true (jln_organisation_url_is_valid ("https://badges.example.org/ml-est"));
  g_assert_true (jln_organisation_url_is_valid ("http://localhost:8000"));
  g_assert_true (jln_organisation_url_is_valid ("http://127.0.0.1/x"));
  g_assert_false (jln_organisation_url_is_valid ("http://example.org"));
  g_assert_false (jln_organisation_url_is_valid ("example.org"));
  g_assert_false (jln_organisation_url_is_valid ("https://"));
  g_assert_false (jln_organisation_url_is_valid ("https://exa mple.org"));
  g_assert_false (jln_organisation_url_is_valid ("ftp://example.org"));
  g_assert_false (jln_organisation_url_is_valid (""));
  g_assert_true (jln_organisation_email_is_valid ("contact@example.org"));
  g_assert_false (jln_organisation_email_is_valid ("contact@example"));
  g_assert_false (jln_organisation_email_is_valid ("@example.org"));
  g_assert_false (jln_organisation_email_is_valid ("a@b@example.org"));
  g_assert_false (jln_organisation_email_is_valid ("a b@example.org"));
  g_assert_false (jln_organisation_email_is_valid ("contact@example."));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Screenshots are taken in the reader's language (run only
   * -p /verify-window/screenshots then); the checks read English strings,
   * and gtk_test_init() keeps the C locale for them. */
  if (g_getenv ("JALONS_VERIFY_SCREENSHOT_DIR") != NULL && g_getenv ("JALONS_LOCALEDIR") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("JALONS_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

#define ADD(name, func) \
  g_test_add ("/verify-window/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/verify-window/template", test_template);
  ADD ("valid", test_valid_badges);
  ADD ("tampered", test_tampered);
  ADD ("ob2", test_ob2);
  ADD ("bad-files", test_bad_files);
  ADD ("own-status-list", test_own_status_list);
  ADD ("forged-issuer", test_forged_issuer);
  ADD ("preferences-organisation", test_preferences_organisation);
  g_test_add_func ("/verify-window/url-email-rules", test_url_email_rules);
  /* Screenshots are taken on request, not counted as a test. */
  if (g_getenv ("JALONS_VERIFY_SCREENSHOT_DIR") != NULL)
    ADD ("screenshots", test_screenshots);

  return g_test_run ();
}
