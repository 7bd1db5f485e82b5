/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A demo database opened through a JlnSession with in-memory settings, a
 * coach at the desk, and a participant with a badge left to earn that has
 * required and optional criteria. No display: nothing here links GTK. */

#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "jln-test-common.h"
#include "store/jln-demo.h"
#include "service/jln-session.h"

#define TEST_SCHEMA_ID "io.github.jalons.Jalons"

typedef struct {
  char           *dir;
  char           *db_path;
  char           *out;
  char           *evidence_dir;
  GSettings      *settings;
  JlnSession     *session;
  JlnStore       *store;        /* borrowed from the session */
  JlnCoach       *coach;        /* at the desk */
  char           *coach_actor;  /* how the journal names them: "coach:<id>" */
  JlnParticipant *participant;  /* live */
  JlnBadge       *badge;        /* live: active, not held, required + optional criteria */
} Fixture;

static inline gboolean
fixture_holds (Fixture *f, JlnParticipant *p, gint64 badge_id)
{
  g_autoptr(GListModel) awards = jln_store_list_awards_for_participant (f->store, jln_participant_get_id (p), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (awards); i++)
    {
      g_autoptr(JlnAward) a = g_list_model_get_item (awards, i);

      if (jln_award_get_badge_id (a) == badge_id)
        return TRUE;
    }
  return FALSE;
}

static inline gboolean
fixture_has_required_and_optional (JlnBadge *badge)
{
  GListModel *criteria = jln_badge_get_criteria (badge);
  gboolean req = FALSE, opt = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);

      if (jln_criterion_get_required (c))
        req = TRUE;
      else
        opt = TRUE;
    }
  return req && opt;
}

static inline void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  JlnDemoOptions options = JLN_DEMO_OPTIONS_INIT;
  GListModel *people, *badges, *coaches;
  g_autofree char *files_dir = NULL;

  options.n_participants = 12;
  options.n_awards = 20;
  f->dir = jln_test_make_tmp_dir ("jalons-session");
  f->db_path = g_build_filename (f->dir, "jalons.db", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->out, 0755), ==, 0);
  f->settings = g_settings_new_with_backend (TEST_SCHEMA_ID, backend);

  {
    g_autoptr(JlnStore) store = jln_store_open (f->db_path, &error);

    g_assert_no_error (error);
    g_assert_true (jln_demo_build (store, &options, &error));
    g_assert_no_error (error);
    f->session = jln_session_new (store, f->settings, &error);
    g_assert_no_error (error);
    g_assert_nonnull (f->session);
  }
  f->store = jln_session_get_store (f->session);
  files_dir = jln_store_dup_files_dir (f->store);
  f->evidence_dir = g_build_filename (files_dir, "attachments", NULL);

  coaches = jln_store_get_coaches (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (coaches), >, 0);
  f->coach = g_list_model_get_item (coaches, 0);
  jln_session_set_coach (f->session, f->coach);
  f->coach_actor = g_strdup_printf ("coach:%" G_GINT64_FORMAT, jln_coach_get_id (f->coach));

  people = jln_store_get_participants (f->store);
  badges = jln_store_get_badges (f->store);
  for (guint i = 0; i < g_list_model_get_n_items (people) && f->badge == NULL; i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (people, i);

      for (guint j = 0; j < g_list_model_get_n_items (badges); j++)
        {
          g_autoptr(JlnBadge) b = g_list_model_get_item (badges, j);

          if (jln_badge_get_status (b) != JLN_BADGE_STATUS_ACTIVE || !fixture_has_required_and_optional (b))
            continue;
          if (fixture_holds (f, p, jln_badge_get_id (b)))
            continue;
          f->participant = g_object_ref (p);
          f->badge = g_object_ref (b);
          break;
        }
    }
  g_assert_nonnull (f->badge);
}

static inline void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->badge);
  g_clear_object (&f->participant);
  g_clear_object (&f->coach);
  g_clear_pointer (&f->coach_actor, g_free);
  g_clear_object (&f->session);
  g_clear_object (&f->settings);
  jln_test_remove_tree (f->dir);
  g_free (f->evidence_dir);
  g_free (f->out);
  g_free (f->db_path);
  g_free (f->dir);
}

static inline guint
fixture_count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  if (dir == NULL)
    return 0;
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static inline guint
fixture_count_awards (Fixture *f)
{
  g_autoptr(GArray) ids = jln_store_list_award_ids (f->store, NULL);

  return ids->len;
}

static inline guint
fixture_count_audit (Fixture *f)
{
  g_autoptr(GListModel) events = jln_store_list_audit_events (f->store, 0, NULL);

  return g_list_model_get_n_items (events);
}

static inline JlnAuditEvent *
fixture_newest_audit (Fixture *f)
{
  g_autoptr(GListModel) events = jln_store_list_audit_events (f->store, 1, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 1);
  return g_list_model_get_item (events, 0);
}

static inline char *
fixture_write_file (Fixture *f, const char *name, const char *content)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, content, -1, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* A sparse file: its size says @size, it takes no disk space. */
static inline char *
fixture_write_sparse (Fixture *f, const char *name, goffset size)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  close (fd);
  return g_steal_pointer (&path);
}

/* A draft for the fixture's participant with its badge chosen. */
static inline JlnAwardDraft *
fixture_new_draft (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  JlnAwardDraft *draft = jln_session_new_award_draft (f->session, jln_participant_get_id (f->participant), &error);

  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_true (jln_award_draft_choose_badge (draft, f->badge, &error));
  g_assert_no_error (error);
  /* The coach's one click: everything was shown. */
  jln_award_draft_set_all_criteria_met (draft);
  return draft;
}
