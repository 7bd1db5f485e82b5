/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-test"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "store/jln-store.h"
#include "store/jln-store-private.h"
#include "store/jln-store-backend.h"
#include "store/sqlite/jln-sqlite-backend.h"

/* The store's seam (transactions, retries, the changed-elsewhere feed), the
 * attachments API, and a round trip of every participant field. */

typedef struct {
  char *dir;
  char *path;
  JlnStore *store;
} Fixture;

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        rm_rf (child);
      }
  g_remove (path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("jalons-test-backend-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "jalons.db", NULL);
  f->store = jln_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

/* ------------------------------------------------------------------ */
/* transactions                                                       */

/* Straight on the backend: a transaction that fails half-way (the second
 * insert breaks a constraint) and is rolled back leaves nothing. */
static void
test_backend_rollback (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnStoreBackend) backend = NULL;
  g_autoptr(JlnTerritory) first = jln_territory_new ("Lens");
  g_autoptr(JlnTerritory) twin = jln_territory_new ("Lens");
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  JlnStoreBackendInterface *iface;
  gint64 id = 0;

  g_clear_object (&f->store);
  backend = jln_sqlite_backend_open (f->path, NULL, NULL, &error);
  g_assert_no_error (error);
  iface = JLN_STORE_BACKEND_GET_IFACE (backend);

  g_assert_true (iface->begin (backend, JLN_STORE_TX_WRITE, &error));
  g_assert_true (iface->insert_territory (backend, first, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (iface->append_audit (backend, 1, now, "system", "territory.create", NULL, NULL,
                                      JLN_AUDIT_GENESIS, JLN_AUDIT_GENESIS, &error));
  g_assert_no_error (error);
  g_assert_false (iface->insert_territory (backend, twin, &id, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  iface->rollback (backend);

  g_assert_true (iface->load_territories (backend, found, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_ptr_array_set_size (found, 0);
  g_assert_true (iface->list_audit_events (backend, 0, found, &error));
  g_assert_cmpuint (found->len, ==, 0);
}

static GBytes *
failing_seal (JlnAward  *award,
              gpointer   user_data,
              GError   **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no key today");
  return NULL;
}

/* Through the facade: the award's row, its journal line and its status
 * index were written when the seal failed; none of them stays. */
static void
test_award_fails_midway (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnParticipant) p = jln_participant_new ("Amina", "Kaci");
  g_autoptr(JlnBadge) badge = jln_badge_new ("cv", "Écrire son CV");
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(JlnAward) again = NULL;
  g_autoptr(GListModel) journal = NULL;
  g_autoptr(GArray) ids = NULL;
  guint n_events;

  g_assert_true (jln_store_add_participant (f->store, p, "Karim", &error));
  g_assert_true (jln_store_add_badge (f->store, badge, "Karim", &error));
  g_assert_no_error (error);
  journal = jln_store_list_audit_events (f->store, 0, &error);
  n_events = n_items (journal);

  award = jln_award_new (jln_participant_get_id (p), jln_badge_get_version_id (badge), 0);
  g_assert_false (jln_store_add_award (f->store, award, "Karim", failing_seal, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (jln_award_get_id (award), ==, 0);

  ids = jln_store_list_award_ids (f->store, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_object (&journal);
  journal = jln_store_list_audit_events (f->store, 0, &error);
  g_assert_cmpuint (n_items (journal), ==, n_events);
  g_assert_cmpuint (jln_participant_get_badge_count (p), ==, 0);

  /* The index the failed award took was given back with it. */
  again = jln_award_new (jln_participant_get_id (p), jln_badge_get_version_id (badge), 0);
  g_assert_true (jln_store_add_award (f->store, again, "Karim", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_award_get_status_index (again), ==, 0);
}

typedef struct {
  JlnStore *holder;  /* holds the write lock in a bulk change */
  guint calls;
  gboolean release_on_first;
} RetryProbe;

static void
on_retry (JlnStore *store,
          guint     attempt,
          gpointer  user_data)
{
  RetryProbe *probe = user_data;
  g_autoptr(GError) error = NULL;

  probe->calls++;
  g_assert_cmpuint (attempt, ==, probe->calls);
  if (probe->release_on_first && probe->calls == 1)
    {
      g_assert_true (jln_store_commit (probe->holder, &error));
      g_assert_no_error (error);
    }
}

/* A second connection holds the write lock: the write is tried
 * JLN_STORE_MAX_ATTEMPTS times, then refused as busy with nothing saved;
 * when the lock goes between two attempts, the retry saves it. */
static void
test_busy_retried (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnStore) holder = jln_store_open (f->path, &error);
  g_autoptr(JlnTerritory) lens = jln_territory_new ("Lens");
  g_autoptr(JlnTerritory) arras = jln_territory_new ("Arras");
  RetryProbe probe = { holder, 0, FALSE };

  g_assert_no_error (error);
  jln_store_set_busy_timeout (f->store, 1);
  jln_store_set_retry_hook (f->store, on_retry, &probe);

  g_assert_true (jln_store_begin (holder, &error));
  g_assert_false (jln_store_add_territory (f->store, lens, NULL, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpuint (probe.calls, ==, JLN_STORE_MAX_ATTEMPTS - 1);
  g_assert_cmpint (jln_territory_get_id (lens), ==, 0);
  g_assert_cmpuint (n_items (jln_store_get_territories (f->store)), ==, 0);

  probe.calls = 0;
  probe.release_on_first = TRUE;
  g_assert_true (jln_store_add_territory (f->store, arras, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (probe.calls, ==, 1);
  g_assert_cmpuint (n_items (jln_store_get_territories (f->store)), ==, 1);
}

/* Other errors are not retried. */
static void
test_constraint_not_retried (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnTerritory) a = jln_territory_new ("Lens");
  g_autoptr(JlnTerritory) b = jln_territory_new ("Lens");
  RetryProbe probe = { NULL, 0, FALSE };

  jln_store_set_retry_hook (f->store, on_retry, &probe);
  g_assert_true (jln_store_add_territory (f->store, a, NULL, &error));
  g_assert_false (jln_store_add_territory (f->store, b, NULL, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "There is already a territory called “Lens”.");
  g_assert_cmpuint (probe.calls, ==, 0);
}

/* ------------------------------------------------------------------ */
/* changed elsewhere                                                  */

static void
test_changed_elsewhere (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnStore) other = jln_store_open (f->path, &error);
  g_autoptr(JlnParticipant) p = jln_participant_new ("Léa", "Martin");
  GListModel *participants = jln_store_get_participants (f->store);
  g_autoptr(JlnParticipant) seen = NULL;

  g_assert_no_error (error);
  /* Nothing happened yet. */
  g_assert_false (jln_store_poll_changes (f->store, &error));
  g_assert_no_error (error);

  g_assert_true (jln_store_add_participant (other, p, "Karim", &error));
  g_assert_no_error (error);
  /* The writer's own commit is not news to itself. */
  g_assert_false (jln_store_poll_changes (other, &error));
  g_assert_cmpuint (n_items (participants), ==, 0);

  g_assert_true (jln_store_poll_changes (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (participants), ==, 1);
  seen = g_list_model_get_item (participants, 0);
  g_assert_cmpstr (jln_participant_get_first_name (seen), ==, "Léa");
  g_assert_nonnull (jln_store_lookup_participant (f->store, jln_participant_get_id (p)));

  g_assert_false (jln_store_poll_changes (f->store, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------ */
/* attachments                                                        */

static char *
dup_attachments_dir (JlnStore *store)
{
  g_autofree char *files = jln_store_dup_files_dir (store);

  return g_build_filename (files, "attachments", NULL);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_attachment_bytes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x89PNG fake", 9);
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  gsize len;
  GStatBuf st;

  g_assert_true (jln_store_add_attachment (f->store, bytes, "Photo de Camille Durand.PNG", &name, &error));
  g_assert_no_error (error);
  /* Neutral: no trace of the person, only the extension, lower-cased. */
  g_assert_null (strstr (name, "Camille"));
  g_assert_null (strchr (name, '/'));
  g_assert_true (g_str_has_suffix (name, ".png"));
  g_assert_cmpuint (strlen (name), ==, 36 + 4);

  file = jln_store_dup_attachment_file (f->store, name, &error);
  g_assert_no_error (error);
  path = g_file_get_path (file);
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_cmpmem (contents, len, "\x89PNG fake", 9);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* No extension to keep. */
  g_clear_pointer (&name, g_free);
  g_assert_true (jln_store_add_attachment (f->store, bytes, "notes.tar.verylongext", &name, &error));
  g_assert_cmpuint (strlen (name), ==, 36);

  /* Names that are not ours are refused, not resolved. */
  g_clear_object (&file);
  file = jln_store_dup_attachment_file (f->store, "../jalons.db", &error);
  g_assert_null (file);
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (jln_store_remove_attachment (f->store, name, &error));
  g_assert_no_error (error);
  file = jln_store_dup_attachment_file (f->store, name, &error);
  g_assert_null (file);
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Already gone is fine. */
  g_assert_true (jln_store_remove_attachment (f->store, name, &error));
  g_assert_no_error (error);
}

static void
test_attachment_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source_path = g_build_filename (f->dir, "Attestation Amina.pdf", NULL);
  g_autofree char *missing_path = g_build_filename (f->dir, "missing.pdf", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (source_path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autoptr(GFile) stored = NULL;
  g_autofree char *attachments = dup_attachments_dir (f->store);
  g_autofree char *name = NULL;
  g_autofree char *other = NULL;
  g_autofree char *copy = NULL;

  g_assert_true (g_file_set_contents (source_path, "%PDF-1.4 evidence", -1, &error));
  g_assert_true (jln_store_add_attachment_file (f->store, source, NULL, &name, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (name, ".pdf"));
  g_assert_null (strstr (name, "Amina"));
  stored = jln_store_dup_attachment_file (f->store, name, &error);
  g_assert_true (g_file_load_contents (stored, NULL, &copy, NULL, NULL, &error));
  g_assert_cmpstr (copy, ==, "%PDF-1.4 evidence");
  g_assert_cmpuint (count_entries (attachments), ==, 1);

  /* Missing, or a folder: refused, nothing written. */
  g_assert_false (jln_store_add_attachment_file (f->store, missing, NULL, &other, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "missing.pdf"));
  g_clear_error (&error);
  g_assert_false (jln_store_add_attachment_file (f->store, folder, "x.pdf", &other, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_null (other);
  g_assert_cmpuint (count_entries (attachments), ==, 1);
}

/* A stream that gives some bytes, then fails: a copy cut short. */
#define JLN_TYPE_BROKEN_STREAM (jln_broken_stream_get_type ())
G_DECLARE_FINAL_TYPE (JlnBrokenStream, jln_broken_stream, JLN, BROKEN_STREAM, GInputStream)

struct _JlnBrokenStream
{
  GInputStream parent_instance;
  guint reads;
};

G_DEFINE_FINAL_TYPE (JlnBrokenStream, jln_broken_stream, G_TYPE_INPUT_STREAM)

static gssize
jln_broken_stream_read (GInputStream  *stream,
                        void          *buffer,
                        gsize          count,
                        GCancellable  *cancellable,
                        GError       **error)
{
  JlnBrokenStream *self = (JlnBrokenStream *) stream;

  if (self->reads++ < 3)
    {
      memset (buffer, 'x', MIN (count, 1000));
      return MIN (count, 1000);
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the USB key was pulled out");
  return -1;
}

static void
jln_broken_stream_class_init (JlnBrokenStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = jln_broken_stream_read;
}

static void
jln_broken_stream_init (JlnBrokenStream *self)
{
}

static void
test_attachment_cut_short (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) broken = g_object_new (JLN_TYPE_BROKEN_STREAM, NULL);
  g_autofree char *attachments = dup_attachments_dir (f->store);
  g_autofree char *name = NULL;

  g_assert_false (jln_store_add_attachment_from_stream (f->store, broken, "scan.jpg", &name, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "USB key"));
  g_assert_null (name);
  /* Neither the file nor its temporary part is left. */
  g_assert_cmpuint (((JlnBrokenStream *) broken)->reads, ==, 4);
  g_assert_cmpuint (count_entries (attachments), ==, 0);
}

/* ------------------------------------------------------------------ */
/* every participant field survives a save and a reopen               */

/* Sets every property a coach edits to a value that is not its default,
 * so a field left out of the store's column list fails here. Properties
 * the store computes or keeps itself are skipped. */
static const char * const computed[] = {
  "id", "display-name", "initials", "territory-name", "coach-name",
  "badge-count", "recipient-salt", NULL
};

static void
test_participant_round_trip (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnTerritory) t = jln_territory_new ("Douai");
  g_autoptr(JlnCoach) c = jln_coach_new ("Nadia");
  g_autoptr(JlnParticipant) p = g_object_new (JLN_TYPE_PARTICIPANT, NULL);
  g_autoptr(JlnParticipant) back = NULL;
  g_autoptr(JlnStore) reopened = NULL;
  g_autoptr(GDateTime) entry = g_date_time_new_utc (2024, 3, 5, 0, 0, 0);
  g_autofree GParamSpec **specs = NULL;
  guint n_specs, n_checked = 0;

  g_assert_true (jln_store_add_territory (f->store, t, NULL, &error));
  g_assert_true (jln_store_add_coach (f->store, c, NULL, &error));
  g_assert_no_error (error);

  specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (p), &n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      const char *name = specs[i]->name;
      GType type = G_PARAM_SPEC_VALUE_TYPE (specs[i]);

      if (!(specs[i]->flags & G_PARAM_WRITABLE) || g_strv_contains (computed, name))
        continue;
      if (g_str_equal (name, "territory-id"))
        g_object_set (p, name, jln_territory_get_id (t), NULL);
      else if (g_str_equal (name, "coach-id"))
        g_object_set (p, name, jln_coach_get_id (c), NULL);
      else if (type == G_TYPE_STRING)
        {
          g_autofree char *value = g_strconcat ("value of ", name, NULL);
          g_object_set (p, name, value, NULL);
        }
      else if (type == G_TYPE_BOOLEAN)
        g_object_set (p, name, TRUE, NULL);
      else if (type == G_TYPE_DATE_TIME)
        g_object_set (p, name, entry, NULL);
      else
        g_error ("Participant property “%s” has a type this test does not fill: "
                 "teach it, and the store, the new field", name);
    }

  g_assert_true (jln_store_add_participant (f->store, p, "Karim", &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  reopened = jln_store_open (f->path, &error);
  g_assert_no_error (error);
  back = jln_store_get_participant (reopened, jln_participant_get_id (p), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_specs; i++)
    {
      g_auto(GValue) want = G_VALUE_INIT;
      g_auto(GValue) got = G_VALUE_INIT;
      const char *name = specs[i]->name;

      if (!(specs[i]->flags & G_PARAM_WRITABLE) || g_strv_contains (computed, name))
        continue;
      g_value_init (&want, G_PARAM_SPEC_VALUE_TYPE (specs[i]));
      g_value_init (&got, G_PARAM_SPEC_VALUE_TYPE (specs[i]));
      g_object_get_property (G_OBJECT (p), name, &want);
      g_object_get_property (G_OBJECT (back), name, &got);
      if (G_VALUE_HOLDS (&want, G_TYPE_DATE_TIME))
        g_assert_true (g_date_time_equal (g_value_get_boxed (&want), g_value_get_boxed (&got)));
      else if (g_param_values_cmp (specs[i], &want, &got) != 0)
        g_error ("Participant field “%s” did not survive a save and a reopen", name);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 11);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-backend/rollback", Fixture, NULL, fixture_setup, test_backend_rollback, fixture_teardown);
  g_test_add ("/store-backend/award-fails-midway", Fixture, NULL, fixture_setup, test_award_fails_midway, fixture_teardown);
  g_test_add ("/store-backend/busy-retried", Fixture, NULL, fixture_setup, test_busy_retried, fixture_teardown);
  g_test_add ("/store-backend/constraint-not-retried", Fixture, NULL, fixture_setup, test_constraint_not_retried, fixture_teardown);
  g_test_add ("/store-backend/changed-elsewhere", Fixture, NULL, fixture_setup, test_changed_elsewhere, fixture_teardown);
  g_test_add ("/store-attachments/bytes", Fixture, NULL, fixture_setup, test_attachment_bytes, fixture_teardown);
  g_test_add ("/store-attachments/file", Fixture, NULL, fixture_setup, test_attachment_file, fixture_teardown);
  g_test_add ("/store-attachments/cut-short", Fixture, NULL, fixture_setup, test_attachment_cut_short, fixture_teardown);
  g_test_add ("/store-participants/round-trip", Fixture, NULL, fixture_setup, test_participant_round_trip, fixture_teardown);

  return g_test_run ();
}
