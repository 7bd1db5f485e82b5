/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-award"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <glib/gi18n.h>
#include <adwaita.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "store/jln-demo.h"
#include "store/jln-store.h"
#include "openbadges/jln-verify.h"
#include "service/jln-issuer.h"
#include "ui/shell/jln-ui-resources.h"
#include "ui/award/jln-award-dialog.h"
#include "ui/award/jln-coach-row.h"

#define WAIT_LIMIT_US (20 * G_USEC_PER_SEC)

typedef struct {
  char           *dir;
  char           *db_path;
  char           *evidence_dir;
  JlnStore       *store;
  JlnSession     *session;
  JlnIssuer      *issuer;       /* the session's */
  JlnParticipant *participant;  /* live, from the store */
  JlnBadge       *badge;        /* live: active, not held, has a required criterion */
  JlnAward       *awarded;      /* last "awarded" */
  guint           n_awarded;
} Fixture;

/* The first widget of @type under @widget. */
static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first widget under @widget bound to @action. */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_awarded (JlnAwardDialog *dialog,
            JlnAward       *award,
            Fixture        *f)
{
  g_set_object (&f->awarded, award);
  f->n_awarded++;
}

static gboolean
participant_holds (Fixture *f, JlnParticipant *p, gint64 badge_id)
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

static gboolean
has_required_and_optional (JlnBadge *badge)
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

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  JlnDemoOptions options = { 12, 20, 7, 0 };
  GListModel *people, *badges;
  g_autofree char *files_dir = NULL;

  f->dir = g_dir_make_tmp ("jalons-award-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "jalons.db", NULL);
  f->store = jln_store_open (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (jln_demo_build (f->store, &options, &error));
  g_assert_no_error (error);
  /* No settings: the desk is named, not remembered. */
  f->session = jln_session_new (f->store, NULL, &error);
  g_assert_no_error (error);
  jln_session_set_desk_name (f->session, "Karim");
  f->issuer = g_object_ref (jln_session_get_issuer (f->session));
  files_dir = jln_store_dup_files_dir (f->store);
  f->evidence_dir = g_build_filename (files_dir, "attachments", NULL);

  /* Someone with a badge left to earn that has required and optional
   * criteria. */
  people = jln_store_get_participants (f->store);
  badges = jln_store_get_badges (f->store);
  for (guint i = 0; i < g_list_model_get_n_items (people) && f->badge == NULL; i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (people, i);

      for (guint j = 0; j < g_list_model_get_n_items (badges); j++)
        {
          g_autoptr(JlnBadge) b = g_list_model_get_item (badges, j);

          if (jln_badge_get_status (b) != JLN_BADGE_STATUS_ACTIVE || !has_required_and_optional (b))
            continue;
          if (participant_holds (f, p, jln_badge_get_id (b)))
            continue;
          f->participant = g_object_ref (p);
          f->badge = g_object_ref (b);
          break;
        }
    }
  g_assert_nonnull (f->badge);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->awarded);
  g_clear_object (&f->badge);
  g_clear_object (&f->participant);
  g_clear_object (&f->issuer);
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->evidence_dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static JlnAwardDialog *
open_dialog (Fixture *f, JlnIssuer *issuer)
{
  /* Every award goes through the session's issuer now: @issuer is the
   * session's or NULL, which the dialog no longer distinguishes. */
  JlnAwardDialog *dialog = jln_award_dialog_new (NULL, f->session, f->participant);

  g_signal_connect (dialog, "awarded", G_CALLBACK (on_awarded), f);
  return dialog;
}

static void
close_dialog (JlnAwardDialog *dialog)
{
  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  if (dir == NULL)
    return 0;
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static guint
count_awards (Fixture *f)
{
  g_autoptr(GArray) ids = jln_store_list_award_ids (f->store, NULL);

  return ids->len;
}

static char *
write_file (Fixture *f, const char *name, const char *content)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, content, -1, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* A sparse file: its size says @size, it takes no disk space. */
static char *
write_sparse (Fixture *f, const char *name, goffset size)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  close (fd);
  return g_steal_pointer (&path);
}

static JlnAuditEvent *
newest_audit (Fixture *f)
{
  g_autoptr(GListModel) events = jln_store_list_audit_events (f->store, 1, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 1);
  return g_list_model_get_item (events, 0);
}

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Choose, confirm with note and file, the signed award is stored with its
 * journal entry; the toast's Undo removes all of it; awarding again works. */
/* The check button labelled @label inside @root, or NULL. */
static GtkWidget *
find_check_labelled (GtkWidget  *root,
                     const char *label)
{
  if (GTK_IS_CHECK_BUTTON (root) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_award_undo_again (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *evidence = write_file (f, "atelier photo.txt", "preuve");
  g_autoptr(GFile) file = g_file_new_for_path (evidence);
  g_autoptr(JlnAward) stored = NULL;
  g_autoptr(JlnAuditEvent) event = NULL;
  g_autoptr(JlnVerifyReport) report = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *copy_content = NULL;
  g_autofree char *copy_base = NULL;
  g_autofree char *copy_path = NULL;
  JlnAwardDialog *dialog = open_dialog (f, f->issuer);
  GListModel *criteria = jln_badge_get_criteria (f->badge);
  guint before = count_awards (f);
  const char * const *met;
  gint64 award_id;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpstr (jln_award_dialog_get_step (dialog), ==, "choose");
  g_assert_false (jln_award_draft_get_can_confirm (jln_award_dialog_get_draft (dialog)));

  /* Issue 10 (10): one way out per step — Cancel, not Cancel and a close
   * button; the close button comes back when Cancel gives way to Back. */
  g_assert_true (gtk_widget_get_visible (find_actionable (GTK_WIDGET (dialog), "award.cancel")));
  g_assert_false (adw_header_bar_get_show_end_title_buttons (ADW_HEADER_BAR (find_type (GTK_WIDGET (dialog),
                                                                                      ADW_TYPE_HEADER_BAR))));

  /* Click 1. */
  g_assert_true (jln_award_dialog_choose_badge (dialog, jln_badge_get_id (f->badge), &error));
  g_assert_no_error (error);
  g_assert_false (gtk_widget_get_visible (find_actionable (GTK_WIDGET (dialog), "award.cancel")));
  g_assert_true (adw_header_bar_get_show_end_title_buttons (ADW_HEADER_BAR (find_type (GTK_WIDGET (dialog),
                                                                                     ADW_TYPE_HEADER_BAR))));
  g_assert_cmpstr (jln_award_dialog_get_step (dialog), ==, "check");
  g_assert_true (jln_award_draft_get_badge (jln_award_dialog_get_draft (dialog)) == f->badge);
  /* Issue 10 (3): nothing ticked at first, so it cannot be confirmed
   * without looking at the criteria… */
  g_assert_false (jln_award_draft_get_can_confirm (jln_award_dialog_get_draft (dialog)));
  g_assert_false (gtk_widget_is_sensitive (find_actionable (GTK_WIDGET (dialog), "award.confirm")));
  /* …and "All Met" is one explicit click (click 2), then not offered again. */
  g_assert_true (gtk_widget_is_sensitive (find_actionable (GTK_WIDGET (dialog), "award.all-criteria-met")));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "award.all-criteria-met", NULL);
  g_assert_false (gtk_widget_is_sensitive (find_actionable (GTK_WIDGET (dialog), "award.all-criteria-met")));
  g_assert_true (jln_award_draft_get_can_confirm (jln_award_dialog_get_draft (dialog)));
  g_assert_null (jln_award_draft_get_problem (jln_award_dialog_get_draft (dialog)));

  jln_award_draft_set_note (jln_award_dialog_get_draft (dialog), "  A pris rendez-vous seule au centre de santé.  ");
  g_assert_true (jln_award_draft_add_evidence_file (jln_award_dialog_get_draft (dialog), file, &error));
  g_assert_no_error (error);
  /* The same file twice is one piece of evidence. */
  g_assert_true (jln_award_draft_add_evidence_file (jln_award_dialog_get_draft (dialog), file, &error));
  g_assert_cmpuint (g_list_model_get_n_items (jln_award_draft_get_evidence_files (jln_award_dialog_get_draft (dialog))), ==, 1);
  /* Nothing copied before Confirm. */
  g_assert_cmpuint (count_files (f->evidence_dir), ==, 0);

  /* The "In the badge" boxes: ticking the file's puts it in the draft's
   * public part; the note's box follows the draft both ways. */
  {
    JlnAwardDraft *draft = jln_award_dialog_get_draft (dialog);
    /* This test runs in French: the labels as the coach reads them. */
    GtkWidget *file_box = find_check_labelled (GTK_WIDGET (dialog), _("In the badge"));
    GtkWidget *note_box = find_check_labelled (GTK_WIDGET (dialog),
                                               _("Put this note in the badge: whoever sees the badge can read it"));

    g_assert_nonnull (file_box);
    g_assert_nonnull (note_box);
    g_assert_false (jln_award_draft_get_evidence_file_shared (draft, file));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (file_box), TRUE);
    g_assert_true (jln_award_draft_get_evidence_file_shared (draft, file));
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (note_box)));
    jln_award_draft_set_share_note (draft, TRUE);
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (note_box)));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (note_box), FALSE);
    g_assert_false (jln_award_draft_get_share_note (draft));
  }

  /* Click 3, as the Award button / Return does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "award.confirm", NULL));
  g_assert_cmpuint (f->n_awarded, ==, 1);
  g_assert_null (dialog);  /* closed */
  g_assert_cmpuint (count_awards (f), ==, before + 1);

  award_id = jln_award_get_id (f->awarded);
  g_assert_cmpint (award_id, >, 0);
  stored = jln_store_get_award (f->store, award_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jln_award_get_participant_id (stored), ==, jln_participant_get_id (f->participant));
  g_assert_cmpint (jln_award_get_badge_version_id (stored), ==, jln_badge_get_version_id (f->badge));
  met = jln_award_get_criteria_met (stored);
  g_assert_nonnull (met);
  g_assert_cmpuint (g_strv_length ((char **) met), ==, g_list_model_get_n_items (criteria));
  for (guint i = 0; met[i] != NULL; i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);

      g_assert_cmpstr (met[i], ==, jln_criterion_get_text (c));
    }
  g_assert_cmpstr (jln_award_get_evidence_note (stored), ==, "A pris rendez-vous seule au centre de santé.");

  /* The evidence was copied into the app's data folder. */
  g_assert_nonnull (jln_award_get_evidence_files (stored));
  g_assert_cmpuint (g_strv_length ((char **) jln_award_get_evidence_files (stored)), ==, 1);
  copy_path = g_strdup (jln_award_get_evidence_files (stored)[0]);
  copy_base = g_path_get_basename (copy_path);
  g_assert_true (g_str_has_prefix (copy_path, f->evidence_dir));
  /* Under a neutral name: nothing of the coach's file name is kept. */
  g_assert_true (g_str_has_suffix (copy_base, ".txt"));
  g_assert_null (strstr (copy_base, "atelier"));
  g_assert_true (g_file_get_contents (copy_path, &copy_content, NULL, &error));
  g_assert_cmpstr (copy_content, ==, "preuve");
  g_assert_true (g_file_test (evidence, G_FILE_TEST_EXISTS));  /* original untouched */

  /* Journal and signed credential, written together. */
  event = newest_audit (f);
  subject = g_strdup_printf ("award:%" G_GINT64_FORMAT, award_id);
  g_assert_cmpstr (jln_audit_event_get_action (event), ==, "award.create");
  g_assert_cmpstr (jln_audit_event_get_subject (event), ==, subject);
  /* The session's actor, by number: the desk's name stays out of it. */
  g_assert_cmpstr (jln_audit_event_get_actor (event), ==, jln_session_get_actor (f->session));
  g_assert_null (strstr (jln_audit_event_get_actor (event), "Karim"));
  g_clear_object (&event);
  g_assert_nonnull (jln_award_get_credential (stored));
  report = jln_verify_bytes (jln_award_get_credential (stored), NULL);
  if (report->verdict != JLN_VERIFY_VALID)
    {
      g_autofree char *line = jln_verify_report_to_line (report);
      g_printerr ("# %s\n", line);
    }
  g_assert_cmpint (report->verdict, ==, JLN_VERIFY_VALID);
  g_assert_cmpstr (report->credential_id, ==, jln_award_get_credential_id (stored));

  /* Undo from the toast. */
  toast = g_object_ref_sink (jln_award_undo_toast_new (f->session, f->awarded));
  g_assert_cmpuint (adw_toast_get_timeout (toast), ==, 5);
  g_assert_nonnull (adw_toast_get_button_label (toast));
  g_signal_emit_by_name (toast, "button-clicked");
  g_clear_object (&stored);
  stored = jln_store_get_award (f->store, award_id, &error);
  g_assert_null (stored);
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_awards (f), ==, before);
  event = newest_audit (f);
  g_assert_cmpstr (jln_audit_event_get_action (event), ==, "award.undo");
  g_assert_cmpstr (jln_audit_event_get_subject (event), ==, subject);
  g_clear_object (&event);
  /* Documented choice: the copy made for an undone award goes too. */
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (f->evidence_dir), ==, 0);
  g_assert_true (g_file_test (evidence, G_FILE_TEST_EXISTS));

  /* Undo again is refused with words, not a crash. */
  g_assert_false (jln_award_undo (f->session, f->awarded, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The same badge can be awarded again after the undo. */
  dialog = open_dialog (f, f->issuer);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (jln_award_dialog_choose_badge (dialog, jln_badge_get_id (f->badge), &error));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "award.all-criteria-met", NULL);
  g_assert_no_error (error);
  g_assert_true (jln_award_dialog_confirm (dialog, &error));
  g_assert_no_error (error);
  g_assert_null (dialog);
  g_assert_cmpuint (f->n_awarded, ==, 2);
  g_assert_cmpuint (count_awards (f), ==, before + 1);
  g_assert_null (jln_award_get_evidence_note (f->awarded));
}

/* Same version held: the tile refuses, and a race (held meanwhile) is
 * refused by the store with its message; nothing written, no copies left. */
static void
test_already_held (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAward) direct = jln_award_new (jln_participant_get_id (f->participant),
                                              jln_badge_get_version_id (f->badge), 0);
  g_autofree char *evidence = write_file (f, "preuve.jpg", "jpeg");
  g_autoptr(GFile) file = g_file_new_for_path (evidence);
  JlnAwardDialog *racing = open_dialog (f, NULL);
  JlnAwardDialog *dialog;
  guint before;

  /* Opened before the award exists. */
  g_assert_true (jln_award_dialog_choose_badge (racing, jln_badge_get_id (f->badge), &error));
  gtk_widget_activate_action (GTK_WIDGET (racing), "award.all-criteria-met", NULL);
  g_assert_true (jln_award_draft_add_evidence_file (jln_award_dialog_get_draft (racing), file, &error));

  g_assert_true (jln_store_add_award (f->store, direct, "test", NULL, NULL, &error));
  g_assert_no_error (error);
  before = count_awards (f);

  /* A new dialog shows the badge as held and will not choose it. */
  dialog = open_dialog (f, NULL);
  g_assert_false (jln_award_dialog_choose_badge (dialog, jln_badge_get_id (f->badge), &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_ALREADY_AWARDED);
  g_assert_nonnull (strstr (error->message, jln_participant_get_display_name (f->participant)));
  g_clear_error (&error);
  g_assert_cmpstr (jln_award_dialog_get_step (dialog), ==, "choose");
  close_dialog (dialog);

  /* The racing dialog: the store's refusal is shown, the dialog stays. */
  g_object_add_weak_pointer (G_OBJECT (racing), (gpointer *) &racing);
  g_assert_false (jln_award_dialog_confirm (racing, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_ALREADY_AWARDED);
  g_assert_nonnull (racing);
  g_assert_cmpstr (jln_award_draft_get_problem (jln_award_dialog_get_draft (racing)), ==, error->message);
  g_clear_error (&error);
  g_assert_cmpuint (f->n_awarded, ==, 0);
  g_assert_cmpuint (count_awards (f), ==, before);
  g_assert_cmpuint (count_files (f->evidence_dir), ==, 0);
  close_dialog (racing);
}

/* A newer version of a held badge can be awarded. */
static void
test_newer_version (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnAward) first = jln_award_new (jln_participant_get_id (f->participant),
                                             jln_badge_get_version_id (f->badge), 0);
  g_autoptr(JlnBadge) edit = NULL;
  JlnAwardDialog *dialog;
  gint64 v1 = jln_badge_get_version_id (f->badge);
  guint version = jln_badge_get_version (f->badge);

  g_assert_true (jln_store_add_award (f->store, first, "test", NULL, NULL, &error));
  g_assert_no_error (error);
  edit = jln_store_get_badge_version (f->store, v1, &error);
  g_assert_no_error (error);
  jln_badge_set_easy_text (edit, "Je prends un rendez-vous toute seule, version révisée.");
  g_assert_true (jln_store_update_badge (f->store, edit, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpint (jln_badge_get_version_id (jln_store_lookup_badge (f->store, jln_badge_get_id (f->badge))), !=, v1);

  dialog = open_dialog (f, f->issuer);
  g_assert_true (jln_award_dialog_choose_badge (dialog, jln_badge_get_id (f->badge), &error));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "award.all-criteria-met", NULL);
  g_assert_no_error (error);
  g_assert_true (jln_award_dialog_confirm (dialog, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jln_award_get_badge_version (f->awarded), ==, version + 1);
  g_assert_nonnull (jln_award_get_credential (f->awarded));
}

/* A required criterion unticked disables Confirm with a plain reason; an
 * optional one does not; only the ticked ones are recorded. */
static void
test_required_criterion (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GListModel *criteria = jln_badge_get_criteria (f->badge);
  JlnAwardDialog *dialog = open_dialog (f, NULL);
  guint required = G_MAXUINT, optional = G_MAXUINT;
  g_autoptr(JlnCriterion) req = NULL;
  const char * const *met;
  guint before = count_awards (f);

  for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
    {
      g_autoptr(JlnCriterion) c = g_list_model_get_item (criteria, i);

      if (jln_criterion_get_required (c) && required == G_MAXUINT)
        required = i;
      else if (!jln_criterion_get_required (c) && optional == G_MAXUINT)
        optional = i;
    }
  req = g_list_model_get_item (criteria, required);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (jln_award_dialog_choose_badge (dialog, jln_badge_get_id (f->badge), &error));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "award.all-criteria-met", NULL);
  jln_award_draft_set_criterion_met (jln_award_dialog_get_draft (dialog), required, FALSE);
  g_assert_false (jln_award_draft_get_can_confirm (jln_award_dialog_get_draft (dialog)));
  g_assert_nonnull (jln_award_draft_get_problem (jln_award_dialog_get_draft (dialog)));
  g_assert_nonnull (strstr (jln_award_draft_get_problem (jln_award_dialog_get_draft (dialog)), jln_criterion_get_text (req)));
  /* French when the translations are built: plain words, French quotes. */
  if (g_strcmp0 (_("Required"), "Required") != 0)
    g_assert_nonnull (strstr (jln_award_draft_get_problem (jln_award_dialog_get_draft (dialog)), "« "));
  /* The action is disabled: the button and Return do nothing. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "award.confirm", NULL);
  g_assert_nonnull (dialog);
  g_assert_false (jln_award_dialog_confirm (dialog, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (f->n_awarded, ==, 0);
  g_assert_cmpuint (count_awards (f), ==, before);

  jln_award_draft_set_criterion_met (jln_award_dialog_get_draft (dialog), required, TRUE);
  jln_award_draft_set_criterion_met (jln_award_dialog_get_draft (dialog), optional, FALSE);
  g_assert_true (jln_award_draft_get_can_confirm (jln_award_dialog_get_draft (dialog)));
  g_assert_null (jln_award_draft_get_problem (jln_award_dialog_get_draft (dialog)));
  g_assert_true (jln_award_dialog_confirm (dialog, &error));
  g_assert_no_error (error);
  met = jln_award_get_criteria_met (f->awarded);
  g_assert_cmpuint (g_strv_length ((char **) met), ==, g_list_model_get_n_items (criteria) - 1);
  g_assert_false (g_strv_contains (met, "")); /* keeps the strings whole */
}

/* Dates: not in the future, not before the participant joined; a past
 * date within the range is the award's date. */
static void
test_dates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  GDateTime *entry = jln_participant_get_entry_date (f->participant);
  g_autoptr(GDateTime) entry_local = NULL;
  g_autoptr(GDateTime) before_entry = NULL;
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) awarded_local = NULL;
  JlnAwardDialog *dialog = open_dialog (f, NULL);
  guint before = count_awards (f);

  g_assert_nonnull (entry);
  entry_local = g_date_time_new_local (g_date_time_get_year (entry), g_date_time_get_month (entry),
                                       g_date_time_get_day_of_month (entry), 12, 0, 0);
  before_entry = g_date_time_add_days (entry_local, -1);

  g_assert_true (jln_award_dialog_choose_badge (dialog, jln_badge_get_id (f->badge), &error));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "award.all-criteria-met", NULL);
  jln_award_draft_set_date (jln_award_dialog_get_draft (dialog), tomorrow);
  g_assert_false (jln_award_draft_get_can_confirm (jln_award_dialog_get_draft (dialog)));
  g_assert_nonnull (jln_award_draft_get_problem (jln_award_dialog_get_draft (dialog)));
  g_assert_false (jln_award_dialog_confirm (dialog, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  jln_award_draft_set_date (jln_award_dialog_get_draft (dialog), before_entry);
  g_assert_false (jln_award_draft_get_can_confirm (jln_award_dialog_get_draft (dialog)));
  g_assert_nonnull (strstr (jln_award_draft_get_problem (jln_award_dialog_get_draft (dialog)),
                            jln_participant_get_display_name (f->participant)));
  g_assert_cmpuint (count_awards (f), ==, before);

  /* The entry day itself is fine. */
  jln_award_draft_set_date (jln_award_dialog_get_draft (dialog), entry_local);
  g_assert_true (jln_award_draft_get_can_confirm (jln_award_dialog_get_draft (dialog)));

  jln_award_draft_set_date (jln_award_dialog_get_draft (dialog), yesterday);
  g_assert_true (jln_award_draft_get_can_confirm (jln_award_dialog_get_draft (dialog)));
  g_assert_true (jln_award_dialog_confirm (dialog, &error));
  g_assert_no_error (error);
  awarded_local = g_date_time_to_local (jln_award_get_awarded_on (f->awarded));
  g_assert_cmpint (g_date_time_get_day_of_year (awarded_local), ==, g_date_time_get_day_of_year (yesterday));
}

/* Bad evidence: too large (sparse file), missing, a folder; a file that
 * grows past the limit before Confirm: nothing written, no copy left. */
static void
test_bad_evidence (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *big = write_sparse (f, "video.mp4", JLN_AWARD_DRAFT_EVIDENCE_MAX_SIZE + 1);
  g_autofree char *limit = write_sparse (f, "exact.bin", JLN_AWARD_DRAFT_EVIDENCE_MAX_SIZE);
  g_autofree char *small = write_file (f, "note.txt", "ok");
  g_autofree char *growing = write_file (f, "grows.bin", "x");
  g_autofree char *missing = g_build_filename (f->dir, "nowhere.pdf", NULL);
  g_autoptr(GFile) big_file = g_file_new_for_path (big);
  g_autoptr(GFile) limit_file = g_file_new_for_path (limit);
  g_autoptr(GFile) small_file = g_file_new_for_path (small);
  g_autoptr(GFile) growing_file = g_file_new_for_path (growing);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  JlnAwardDialog *dialog = open_dialog (f, f->issuer);
  guint before = count_awards (f);
  int fd;

  g_assert_true (jln_award_dialog_choose_badge (dialog, jln_badge_get_id (f->badge), &error));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "award.all-criteria-met", NULL);

  g_assert_false (jln_award_draft_add_evidence_file (jln_award_dialog_get_draft (dialog), big_file, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "video.mp4"));
  g_assert_nonnull (strstr (error->message, "50"));
  g_assert_cmpstr (jln_award_draft_get_problem (jln_award_dialog_get_draft (dialog)), ==, error->message);
  g_clear_error (&error);

  g_assert_false (jln_award_draft_add_evidence_file (jln_award_dialog_get_draft (dialog), missing_file, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nowhere.pdf"));
  g_clear_error (&error);

  g_assert_false (jln_award_draft_add_evidence_file (jln_award_dialog_get_draft (dialog), folder, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (jln_award_draft_get_evidence_files (jln_award_dialog_get_draft (dialog))), ==, 0);
  /* A refusal is information, not a block. */
  g_assert_true (jln_award_draft_get_can_confirm (jln_award_dialog_get_draft (dialog)));

  /* Exactly 50 MB is allowed. */
  g_assert_true (jln_award_draft_add_evidence_file (jln_award_dialog_get_draft (dialog), limit_file, &error));
  g_assert_no_error (error);
  g_assert_null (jln_award_draft_get_problem (jln_award_dialog_get_draft (dialog)));
  g_assert_true (jln_award_draft_add_evidence_file (jln_award_dialog_get_draft (dialog), small_file, &error));
  g_assert_true (jln_award_draft_add_evidence_file (jln_award_dialog_get_draft (dialog), growing_file, &error));
  g_assert_cmpuint (g_list_model_get_n_items (jln_award_draft_get_evidence_files (jln_award_dialog_get_draft (dialog))), ==, 3);

  /* The last file grows past the limit before Confirm: the first two were
   * already copied and must not stay behind. */
  fd = g_open (growing, O_WRONLY, 0);
  g_assert_cmpint (ftruncate (fd, JLN_AWARD_DRAFT_EVIDENCE_MAX_SIZE + 1), ==, 0);
  close (fd);
  g_assert_false (jln_award_dialog_confirm (dialog, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (f->n_awarded, ==, 0);
  g_assert_cmpuint (count_awards (f), ==, before);
  g_assert_cmpuint (count_files (f->evidence_dir), ==, 0);

  /* Removed from disk after being added: refused at Confirm, same clean-up. */
  g_assert_cmpint (g_unlink (growing), ==, 0);
  g_assert_false (jln_award_dialog_confirm (dialog, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (f->evidence_dir), ==, 0);
  g_assert_cmpuint (count_awards (f), ==, before);
  close_dialog (dialog);
}

static guint
check_buttons (GtkWidget *widget)
{
  guint n = 0;
  int min;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (GTK_IS_BUTTON (widget))
    {
      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
      if (min < 48)
        g_printerr ("# small button: %s\n", gtk_widget_get_tooltip_text (widget));
      g_assert_cmpint (min, >=, 48);
      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min < 48)
        g_printerr ("# narrow button: %s %s\n", gtk_widget_get_tooltip_text (widget),
                    gtk_button_get_label (GTK_BUTTON (widget)));
      g_assert_cmpint (min, >=, 48);
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_buttons (child);
  return n;
}

/* Back, cancel, large-icon sizes, and an empty catalogue. */
static void
test_navigation_and_sizes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  JlnAwardDialog *dialog = open_dialog (f, NULL);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  jln_award_dialog_set_large_icons (dialog, TRUE);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dialog), "large-icons"));
  gtk_window_present (GTK_WINDOW (dialog));
  iterate (200);

  g_assert_true (jln_award_dialog_choose_badge (dialog, jln_badge_get_id (f->badge), &error));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "award.all-criteria-met", NULL);
  iterate (200);
  /* Every visible button of step 2 is a 48 px touch target. */
  g_assert_cmpuint (check_buttons (GTK_WIDGET (dialog)), >=, 4);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "award.back", NULL));
  g_assert_cmpstr (jln_award_dialog_get_step (dialog), ==, "choose");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "award.cancel", NULL));
  iterate (50);
  g_assert_null (dialog);
  g_assert_cmpuint (f->n_awarded, ==, 0);
}

static void
test_empty_catalogue (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jalons-award-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "jalons.db", NULL);
  g_autoptr(JlnStore) store = jln_store_open (path, &error);
  g_autoptr(JlnSession) session = NULL;
  g_autoptr(JlnParticipant) p = jln_participant_new ("Amina", "Kaci");
  JlnAwardDialog *dialog;

  g_assert_no_error (error);
  g_assert_true (jln_store_add_participant (store, p, "test", &error));
  g_assert_no_error (error);
  session = jln_session_new (store, NULL, &error);
  g_assert_no_error (error);
  dialog = jln_award_dialog_new (NULL, session, p);
  g_assert_false (jln_award_dialog_choose_badge (dialog, 1, &error));
  g_assert_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND);
  g_assert_false (jln_award_draft_get_can_confirm (jln_award_dialog_get_draft (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&session);
  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);
}

static void save_png (GtkWidget *widget, const char *path);
static void scroll_to_end (GtkWidget *widget);

/* An open desk set to "Ask each time": the dialog asks who awards, and
 * nothing can be confirmed until someone is chosen; that coach is the one
 * in the award (not the participant's referent). */
static void
test_ask_coach (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend ("io.github.jalons.Jalons", backend);
  g_autoptr(JlnAward) stored = NULL;
  JlnAwardDialog *dialog;
  GtkWidget *row;
  JlnAwardDraft *draft;
  GListModel *coaches = jln_store_get_coaches (f->store);
  gint64 chosen_id = 0;
  guint chosen_position = 0;

  g_clear_object (&f->session);
  f->session = jln_session_new (f->store, settings, &error);
  g_assert_no_error (error);
  g_assert_true (jln_session_asks_for_coach (f->session));

  dialog = open_dialog (f, NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (jln_award_dialog_choose_badge (dialog, jln_badge_get_id (f->badge), &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "award.all-criteria-met", NULL);
  draft = jln_award_dialog_get_draft (dialog);
  g_assert_false (jln_award_draft_get_can_confirm (draft));
  g_assert_cmpstr (jln_award_draft_get_problem (draft), ==, _("Say which coach awards this badge."));

  row = find_type (GTK_WIDGET (dialog), JLN_TYPE_COACH_ROW);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, _("Awarded by"));
  /* The first coach who is not the referent: the old default credited
   * the referent whoever awarded. */
  for (guint i = 0; i < g_list_model_get_n_items (coaches) && chosen_id == 0; i++)
    {
      g_autoptr(JlnCoach) c = g_list_model_get_item (coaches, i);

      if (jln_coach_get_id (c) != jln_participant_get_coach_id (f->participant))
        {
          chosen_id = jln_coach_get_id (c);
          chosen_position = i + 1;  /* after "Choose…" */
        }
    }
  g_assert_cmpint (chosen_id, >, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), chosen_position);
  g_assert_cmpint (jln_award_draft_get_coach_id (draft), ==, chosen_id);
  g_assert_true (jln_award_draft_get_can_confirm (draft));

  /* Pictures for a person to look at, on request only. */
  if (g_getenv ("JALONS_AWARD_SCREENSHOTS") != NULL)
    for (int large = 0; large <= 1; large++)
      {
        g_autofree char *png = g_strdup_printf ("%s/award-ask-coach%s.png", g_getenv ("JALONS_AWARD_SCREENSHOTS"),
                                                large ? "-large" : "");

        jln_award_dialog_set_large_icons (dialog, large);
        gtk_window_present (GTK_WINDOW (dialog));
        iterate (1200);
        scroll_to_end (GTK_WIDGET (dialog));
        iterate (600);
        save_png (GTK_WIDGET (dialog), png);
      }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "award.confirm", NULL));
  g_assert_cmpuint (f->n_awarded, ==, 1);
  g_assert_null (dialog);
  stored = jln_store_get_award (f->store, jln_award_get_id (f->awarded), &error);
  g_assert_no_error (error);
  g_assert_cmpint (jln_award_get_coach_id (stored), ==, chosen_id);
}

/* Not a check: pictures for a person to look at, in
 * $JALONS_AWARD_SCREENSHOTS (step 1 and 2, normal and large icons). */
static void
save_png (GtkWidget *widget, const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_printerr ("# wrote %s\n", path);
}

static void
scroll_to_end (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget))
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));

      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    scroll_to_end (child);
}

static void
test_screenshots (Fixture *f, gconstpointer data)
{
  const char *out = g_getenv ("JALONS_AWARD_SCREENSHOTS");

  if (out == NULL)
    {
      g_test_skip ("Set JALONS_AWARD_SCREENSHOTS=DIR to write screenshots");
      return;
    }

  for (int large = 0; large <= 1; large++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *p1 = g_strdup_printf ("%s/award-step1%s.png", out, large ? "-large" : "");
      g_autofree char *p2 = g_strdup_printf ("%s/award-step2%s.png", out, large ? "-large" : "");
      g_autofree char *p3 = g_strdup_printf ("%s/award-step2-end%s.png", out, large ? "-large" : "");
      g_autofree char *evidence = write_file (f, "photo-rendez-vous.jpg", "jpeg");
      g_autoptr(GFile) file = g_file_new_for_path (evidence);
      g_autoptr(JlnAward) held = NULL;
      JlnAwardDialog *dialog;
      GListModel *badges = jln_store_get_badges (f->store);

      /* One held badge to show how it looks. */
      if (!large)
        for (guint i = 0; i < g_list_model_get_n_items (badges) && held == NULL; i++)
          {
            g_autoptr(JlnBadge) b = g_list_model_get_item (badges, i);

            if (jln_badge_get_status (b) != JLN_BADGE_STATUS_ACTIVE || b == f->badge ||
                participant_holds (f, f->participant, jln_badge_get_id (b)))
              continue;
            held = jln_award_new (jln_participant_get_id (f->participant), jln_badge_get_version_id (b), 0);
            g_assert_true (jln_store_add_award (f->store, held, "test", NULL, NULL, &error));
          }

      dialog = open_dialog (f, NULL);
      jln_award_dialog_set_large_icons (dialog, large);
      gtk_window_present (GTK_WINDOW (dialog));
      iterate (1500);
      save_png (GTK_WIDGET (dialog), p1);

      g_assert_true (jln_award_dialog_choose_badge (dialog, jln_badge_get_id (f->badge), &error));

      /* Normal size: only the first criterion ticked yet (the second,
       * required, blocks); large icons: all met in one click. */
      if (large)
        gtk_widget_activate_action (GTK_WIDGET (dialog), "award.all-criteria-met", NULL);
      else
        jln_award_draft_set_criterion_met (jln_award_dialog_get_draft (dialog), 0, TRUE);
      jln_award_draft_set_note (jln_award_dialog_get_draft (dialog), "A pris rendez-vous seule au centre de santé, le mardi.");
      jln_award_draft_add_evidence_file (jln_award_dialog_get_draft (dialog), file, NULL);
      iterate (1500);
      save_png (GTK_WIDGET (dialog), p2);
      scroll_to_end (GTK_WIDGET (dialog));
      iterate (800);
      save_png (GTK_WIDGET (dialog), p3);
      close_dialog (dialog);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GtkCssProvider) css = NULL;
  const char *localedir = g_getenv ("JALONS_LOCALEDIR");

  /* In French, as at the desk (messages are checked by their content, not
   * their English words); gettext reads these once. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  css = gtk_css_provider_new ();
  adw_init ();
  /* The application loads the stylesheet; these tests run without one. */
  jln_ui_register_resources ();
  gtk_css_provider_load_from_resource (css, "/io/github/jalons/Jalons/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/award/award-undo-again", test_award_undo_again);
  ADD ("/award/already-held", test_already_held);
  ADD ("/award/newer-version", test_newer_version);
  ADD ("/award/required-criterion", test_required_criterion);
  ADD ("/award/dates", test_dates);
  ADD ("/award/bad-evidence", test_bad_evidence);
  ADD ("/award/navigation-and-sizes", test_navigation_and_sizes);
  ADD ("/award/ask-coach", test_ask_coach);
  /* Screenshots are taken on request, not counted as a test. */
  if (g_getenv ("JALONS_AWARD_SCREENSHOTS") != NULL)
    ADD ("/award/screenshots", test_screenshots);
#undef ADD
  g_test_add_func ("/award/empty-catalogue", test_empty_catalogue);

  return g_test_run ();
}
