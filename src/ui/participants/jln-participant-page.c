/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ui/shell/jln-ui-resources.h"
#include "ui/print/jln-certificate.h"
#include "ui/participants/jln-participant-form.h"
#include "ui/common/jln-toast.h"
#include "ui/participants/jln-history-row.h"
#include "ui/participants/jln-revoke-dialog.h"
#include "ui/participants/jln-participant-page.h"
#include "ui/participants/jln-participant-row.h"
#include "ui/common/jln-badge-image.h"
#include "ui/participants/jln-path-tile.h"

struct _JlnParticipantPage
{
  GtkWidget parent_instance;

  JlnSession     *session;
  JlnStore       *store;         /* the session's */
  GSignalGroup   *store_signals;
  JlnParticipant *participant;
  gboolean        large_icons;
  GListModel     *awards;        /* JlnAward, oldest first, including revoked */
  GListStore     *history;       /* JlnAward, newest first: the timeline's rows */
  GPtrArray      *action_labels; /* toolbar words, hidden in large-icon mode */
  guint           n_earned;
  guint           n_ahead;

  /* template children */
  GtkWidget      *toolbar;
  GMenuModel     *print_menu;
  GtkBox         *actions_box;
  GtkWidget      *scroller;
  AdwAvatar      *avatar;
  GtkLabel       *name_label;
  GtkLabel       *territory_label;
  GtkLabel       *coach_label;
  GtkLabel       *entry_label;
  GtkLabel       *count_label;
  GtkProgressBar *progress_bar;
  GtkFlowBox     *earned_box;
  GtkWidget      *earned_empty;
  GtkWidget      *ahead_title;
  GtkFlowBox     *ahead_box;
  GtkWidget      *timeline_title;
  GtkListBox     *timeline;
};

G_DEFINE_FINAL_TYPE (JlnParticipantPage, jln_participant_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_PARTICIPANT,
  PROP_LARGE_ICONS,
  N_PROPS
};

enum {
  SIGNAL_BACK,
  SIGNAL_ARCHIVED,
  SIGNAL_AWARD_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void reload (JlnParticipantPage *self);

/* ------------------------------------------------------------------ */
/* helpers                                                            */

static void
toast (JlnParticipantPage *self,
       const char         *text)
{
  jln_toast_show_text (GTK_WIDGET (self), text);
}

static char *
full_name (JlnParticipant *p)
{
  const char *last = jln_participant_get_last_name (p);

  if (last == NULL || *last == '\0')
    return g_strdup (jln_participant_get_first_name (p));
  return g_strdup_printf ("%s %s", jln_participant_get_first_name (p), last);
}

/* A dialog over the page's window with a title, a body and a "Close" answer. */
static void
show_message (JlnParticipantPage *self,
              const char         *heading,
              const char         *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static JlnAward *
find_award (JlnParticipantPage *self,
            gint64              award_id)
{
  guint n = self->awards ? g_list_model_get_n_items (self->awards) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (self->awards, i);

      if (jln_award_get_id (award) == award_id)
        return award;  /* the list keeps its reference */
    }
  return NULL;
}

/* The badge as it was when awarded (its version), else the current one. */
static JlnBadge *
dup_badge_of_award (JlnParticipantPage *self,
                    JlnAward           *award)
{
  g_autoptr(GListModel) versions = NULL;
  JlnBadge *current;

  versions = jln_store_list_badge_versions (self->store, jln_award_get_badge_id (award), NULL);
  for (guint i = 0; versions && i < g_list_model_get_n_items (versions); i++)
    {
      g_autoptr(JlnBadge) badge = g_list_model_get_item (versions, i);

      if (jln_badge_get_version_id (badge) == jln_award_get_badge_version_id (award))
        return g_steal_pointer (&badge);
    }
  current = jln_store_lookup_badge (self->store, jln_award_get_badge_id (award));
  return current ? g_object_ref (current) : NULL;
}

/* ------------------------------------------------------------------ */
/* showing                                                            */

static void
clear_container (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_widget_unparent (child);
    }
}

static void
show_identity (JlnParticipantPage *self)
{
  JlnParticipant *p = self->participant;
  g_autofree char *name = full_name (p);
  g_autofree char *territory = NULL;
  g_autofree char *coach = NULL;
  g_autofree char *entry = NULL;
  const char *photo = jln_participant_get_photo_path (p);

  adw_avatar_set_text (self->avatar, name);
  adw_avatar_set_custom_image (self->avatar, NULL);
  if (photo != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (photo, NULL);

      /* A photo gone missing is not worth a dialog: initials stand in. */
      if (texture != NULL)
        adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
    }
  gtk_label_set_label (self->name_label, name);

  if (jln_participant_get_territory_name (p) != NULL)
    /* Translators: on a participant's page */
    territory = g_strdup_printf (_("Territory: %s"), jln_participant_get_territory_name (p));
  gtk_label_set_label (self->territory_label, territory ? territory : _("No territory"));

  if (jln_participant_get_coach_name (p) != NULL)
    coach = g_strdup_printf (_("Coach: %s"), jln_participant_get_coach_name (p));
  gtk_label_set_label (self->coach_label, coach ? coach : _("No referent coach"));

  if (jln_participant_get_entry_date (p) != NULL)
    {
      g_autofree char *date = jln_certificate_format_date (jln_participant_get_entry_date (p));
      /* Translators: %s is a date ("14 mars 2026") */
      entry = g_strdup_printf (_("In the programme since %s"), date);
    }
  gtk_label_set_label (self->entry_label, entry ? entry : "");
  gtk_widget_set_visible (GTK_WIDGET (self->entry_label), entry != NULL);
}

static void
add_tile (GtkFlowBox *box,
          GtkWidget  *tile)
{
  GtkWidget *child = gtk_flow_box_child_new ();

  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), tile);
  gtk_widget_set_focusable (child, TRUE);
  gtk_flow_box_append (box, child);
}

static void
show_path (JlnParticipantPage *self)
{
  GListModel *programme = jln_store_get_badges (self->store);
  g_autoptr(GHashTable) earned = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_programme = 0, n_earned_in_programme = 0;
  guint n_awards = self->awards ? g_list_model_get_n_items (self->awards) : 0;
  g_autofree char *count = NULL;
  g_autofree char *fraction = NULL;

  clear_container (GTK_WIDGET (self->earned_box));
  clear_container (GTK_WIDGET (self->ahead_box));
  self->n_earned = self->n_ahead = 0;

  /* Earned, in the order earned; one tile per badge even when a newer
   * version was awarded again. */
  for (guint i = 0; i < n_awards; i++)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (self->awards, i);
      gint64 *key;
      g_autoptr(JlnBadge) badge = NULL;

      if (jln_award_get_status (award) != JLN_AWARD_STATUS_ACTIVE)
        continue;
      key = g_new (gint64, 1);
      *key = jln_award_get_badge_id (award);
      if (g_hash_table_contains (earned, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_add (earned, key);
      badge = dup_badge_of_award (self, award);
      if (badge == NULL)
        continue;
      add_tile (self->earned_box, jln_path_tile_new (badge, award, self->large_icons));
      self->n_earned++;
    }

  for (guint i = 0; i < g_list_model_get_n_items (programme); i++)
    {
      g_autoptr(JlnBadge) badge = g_list_model_get_item (programme, i);
      gint64 id = jln_badge_get_id (badge);

      if (jln_badge_get_status (badge) != JLN_BADGE_STATUS_ACTIVE)
        continue;
      n_programme++;
      if (g_hash_table_contains (earned, &id))
        {
          n_earned_in_programme++;
          continue;
        }
      add_tile (self->ahead_box, jln_path_tile_new (badge, NULL, self->large_icons));
      self->n_ahead++;
    }

  /* The badges they hold, counted as the list counts them (distinct
   * badges, whatever the versions): one answer to "how many badges". */
  count = jln_format_badge_count (g_hash_table_size (earned));
  gtk_label_set_label (self->count_label, count);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 n_programme ? (double) n_earned_in_programme / n_programme : 0);
  /* Translators: text on the progress bar: earned / all */
  fraction = g_strdup_printf (_("%u / %u"), n_earned_in_programme, n_programme);
  gtk_progress_bar_set_text (self->progress_bar, fraction);
  g_free (count);
  /* Translators: the progress bar read aloud: badges of the programme held, of all its badges */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of the programme’s %u badges",
                                        "%u of the programme’s %u badges", n_programme),
                           n_earned_in_programme, n_programme);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, count, -1);

  gtk_widget_set_visible (self->earned_empty, self->n_earned == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->earned_box), self->n_earned > 0);
  gtk_widget_set_visible (self->ahead_title, self->n_ahead > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->ahead_box), self->n_ahead > 0);
}

static GtkWidget *
create_history_row (gpointer item,
                    gpointer user_data)
{
  JlnParticipantPage *self = user_data;
  g_autoptr(JlnBadge) badge = dup_badge_of_award (self, item);

  return jln_history_row_new (item, badge, self->large_icons);
}

static void
show_timeline (JlnParticipantPage *self)
{
  guint n = self->awards ? g_list_model_get_n_items (self->awards) : 0;
  g_autoptr(GPtrArray) newest_first = g_ptr_array_new_with_free_func (g_object_unref);

  /* Newest first: what the coach did last is what they look for. */
  for (guint i = n; i > 0; i--)
    g_ptr_array_add (newest_first, g_list_model_get_item (self->awards, i - 1));
  g_list_store_splice (self->history, 0, g_list_model_get_n_items (G_LIST_MODEL (self->history)),
                       newest_first->pdata, newest_first->len);
  gtk_widget_set_visible (self->timeline_title, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->timeline), n > 0);
}

/* Whether the person holds a badge (an active award): printing and
 * exporting have nothing to act on otherwise. */
static gboolean
holds_a_badge (JlnParticipantPage *self)
{
  guint n = self->awards ? g_list_model_get_n_items (self->awards) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (self->awards, i);

      if (jln_award_get_status (award) == JLN_AWARD_STATUS_ACTIVE)
        return TRUE;
    }
  return FALSE;
}

static void
update_actions (JlnParticipantPage *self)
{
  gboolean has = self->participant != NULL && self->store != NULL;
  gboolean badges = has && holds_a_badge (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participant.edit", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participant.award", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participant.print", badges);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participant.save-pdf", badges);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participant.export", badges);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participant.archive", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participant.erase", has);
}

static void
reload (JlnParticipantPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->awards);
  update_actions (self);
  if (self->participant == NULL || self->store == NULL)
    {
      clear_container (GTK_WIDGET (self->earned_box));
      clear_container (GTK_WIDGET (self->ahead_box));
      g_list_store_remove_all (self->history);
      self->n_earned = self->n_ahead = 0;
      return;
    }

  self->awards = jln_store_list_awards_for_participant (self->store,
                                                        jln_participant_get_id (self->participant),
                                                        &error);
  if (self->awards == NULL)
    {
      g_warning ("Cannot list awards: %s", error->message);
      toast (self, error->message);
    }
  show_identity (self);
  show_path (self);
  show_timeline (self);
  update_actions (self);
}

/* ------------------------------------------------------------------ */
/* live updates                                                       */

static void
on_award_changed (JlnParticipantPage *self,
                  gint64              award_id,
                  gint64              participant_id,
                  JlnStore           *store)
{
  if (self->participant != NULL && participant_id == jln_participant_get_id (self->participant))
    reload (self);
}

static void
on_participant_changed (JlnParticipantPage *self,
                        gint64              participant_id,
                        JlnStore           *store)
{
  if (self->participant == NULL || participant_id != jln_participant_get_id (self->participant))
    return;
  if (jln_participant_get_archived (self->participant))
    {
      g_signal_emit (self, signals[SIGNAL_ARCHIVED], 0);
      return;
    }
  reload (self);
}

static void
on_badge_changed (JlnParticipantPage *self,
                  gint64              badge_id,
                  JlnStore           *store)
{
  if (self->participant != NULL)
    reload (self);
}

/* ------------------------------------------------------------------ */
/* revoke                                                             */

gboolean
jln_participant_page_revoke_award (JlnParticipantPage *self,
                                   gint64              award_id,
                                   const char         *reason,
                                   GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), FALSE);
  g_return_val_if_fail (self->session != NULL, FALSE);

  /* The session refuses an empty reason or an unknown award, and
   * republishes the revocation list verifiers read. */
  ok = jln_session_revoke_award (self->session, award_id, reason, error);
  if (ok)
    reload (self);
  return ok;
}

static void
on_revoke_response (JlnRevokeDialog    *dialog,
                    const char         *response,
                    JlnParticipantPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  if (g_strcmp0 (response, "revoke") != 0)
    return;
  reason = jln_revoke_dialog_dup_reason (dialog);
  if (!jln_participant_page_revoke_award (self, jln_award_get_id (jln_revoke_dialog_get_award (dialog)),
                                          reason, &error))
    show_message (self, _("The Badge Was Not Revoked"), error->message);
  else
    toast (self, _("Badge revoked. Whoever checks it against the published revocation list sees it as revoked."));
}

static void
open_revoke_dialog (JlnParticipantPage *self,
                    gint64              award_id)
{
  JlnAward *award = find_award (self, award_id);
  JlnRevokeDialog *dialog;

  if (award == NULL)
    return;
  if (jln_award_get_status (award) == JLN_AWARD_STATUS_REVOKED)
    {
      show_message (self, _("Already Revoked"), _("This badge was already revoked."));
      return;
    }

  dialog = jln_revoke_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), award);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_revoke_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* print                                                              */

/* Certificates of @award_id, or of every active award by date (0). */
static GPtrArray *
collect_certificates (JlnParticipantPage *self,
                      gint64              award_id,
                      GError            **error)
{
  g_autoptr(GPtrArray) certs = g_ptr_array_new_with_free_func ((GDestroyNotify) jln_certificate_data_free);
  g_autoptr(JlnOrganisation) org = jln_store_get_organisation (self->store, NULL);
  guint n = self->awards ? g_list_model_get_n_items (self->awards) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (self->awards, i);
      g_autoptr(JlnBadge) badge = NULL;

      if (award_id != 0 && jln_award_get_id (award) != award_id)
        continue;
      if (jln_award_get_status (award) != JLN_AWARD_STATUS_ACTIVE)
        {
          if (award_id != 0)
            {
              g_set_error_literal (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_REVOKED,
                                   _("This badge was revoked: it cannot be printed."));
              return NULL;
            }
          continue;
        }
      badge = dup_badge_of_award (self, award);
      if (badge == NULL)
        continue;
      g_ptr_array_add (certs, jln_certificate_data_new_from_award (self->participant, badge, award, org));
    }

  if (certs->len == 0)
    {
      g_set_error_literal (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_EMPTY,
                           _("There is no badge to print yet."));
      return NULL;
    }
  return g_steal_pointer (&certs);
}

static void
on_certificate_printed (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!jln_certificate_print_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
jln_participant_page_print (JlnParticipantPage *self,
                            gint64              award_id,
                            const char         *export_path,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) certs = NULL;
  GError *error = NULL;

  g_return_if_fail (JLN_IS_PARTICIPANT_PAGE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, jln_participant_page_print);

  if (self->participant == NULL || self->store == NULL)
    {
      g_task_return_new_error (task, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_EMPTY,
                               "%s", _("No participant is shown."));
      return;
    }
  if (!jln_certificate_check_consent (self->participant, &error)
      || (certs = collect_certificates (self, award_id, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  jln_certificate_print (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), certs, export_path,
                         cancellable, on_certificate_printed, g_steal_pointer (&task));
}

gboolean
jln_participant_page_print_finish (JlnParticipantPage *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Refused consent gets a dialog that explains (it is a decision, not a
 * fault); other failures a toast; a cancelled dialog nothing. */
static void
report_print_error (JlnParticipantPage *self,
                    const GError       *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_NO_CONSENT))
    show_message (self, _("No Printed Certificates"), error->message);
  else if (g_error_matches (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_EMPTY))
    show_message (self, _("Nothing to Print"), error->message);
  else
    toast (self, error->message);
}

static void
on_page_printed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  JlnParticipantPage *self = JLN_PARTICIPANT_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = user_data;

  if (!jln_participant_page_print_finish (self, result, &error))
    report_print_error (self, error);
  else if (path != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Saved to %s"), path);
      toast (self, text);
    }
}

static void
start_print (JlnParticipantPage *self,
             gint64              award_id)
{
  jln_participant_page_print (self, award_id, NULL, NULL, on_page_printed, NULL);
}

typedef struct {
  JlnParticipantPage *page;
  gint64              award_id;
} PdfRequest;

static void
on_pdf_chooser_response (GtkNativeDialog *chooser,
                         int              response,
                         PdfRequest      *req)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        jln_participant_page_print (req->page, req->award_id, path, NULL, on_page_printed, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (req->page);
  g_free (req);
}

static void
start_save_pdf (JlnParticipantPage *self,
                gint64              award_id)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;
  PdfRequest *req;

  /* Say no before asking where to save. */
  if (!jln_certificate_check_consent (self->participant, &error))
    {
      report_print_error (self, error);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Save Badges as PDF"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = full_name (self->participant);
  /* Translators: suggested file name for a participant's certificates */
  file_name = g_strdup_printf (_("%s - badges.pdf"), name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  req = g_new0 (PdfRequest, 1);
  req->page = g_object_ref (self);
  req->award_id = award_id;
  g_signal_connect (chooser, "response", G_CALLBACK (on_pdf_chooser_response), req);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ */
/* export                                                             */

static gboolean
check_folder (const char  *dir,
              GError     **error)
{
  g_autofree char *probe = NULL;
  int fd;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("The folder “%s” does not exist. Choose another folder."), dir);
      return FALSE;
    }
  /* access() lies for root and on some network shares: try a real file. */
  probe = g_build_filename (dir, ".jalons-write-test-XXXXXX", NULL);
  fd = g_mkstemp (probe);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Jalons cannot write in the folder “%s” (%s). Choose another folder, "
                     "for example in your Documents."), dir, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  g_unlink (probe);
  return TRUE;
}

gboolean
jln_participant_page_export (JlnParticipantPage *self,
                             const char         *dir,
                             const char         *format,
                             gboolean            consent_confirmed,
                             guint              *n_exported,
                             GError            **error)
{
  guint n = 0;

  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), FALSE);
  g_return_val_if_fail (dir != NULL && format != NULL, FALSE);

  if (n_exported != NULL)
    *n_exported = 0;
  if (self->participant == NULL || self->session == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No participant is shown."));
      return FALSE;
    }
  if (!check_folder (dir, error))
    return FALSE;

  {
    g_autoptr(GPtrArray) paths = NULL;
    JlnExportFormat fmt;

    if (!jln_export_format_from_string (format, &fmt))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("Unknown export format “%s”: choose PNG, SVG or JSON."), format);
        return FALSE;
      }
    /* The session journals the consent answer under the desk coach. */
    if (!jln_session_export_participant (self->session, jln_participant_get_id (self->participant),
                                         fmt, dir, consent_confirmed, &paths, error))
      return FALSE;
    n = paths != NULL ? paths->len : 0;
  }
  if (n_exported != NULL)
    *n_exported = n;
  return TRUE;
}

/* Exporting badges, in the order a coach thinks it: what kind of file,
 * whether the person agrees to share it (only when they have not
 * already), then where. "No" ends there, calmly: nothing written,
 * nothing recorded as consent. */
typedef struct {
  JlnParticipantPage *page;
  char               *format;
  gboolean            consent_confirmed;
} ExportRequest;

static void
export_request_free (ExportRequest *req)
{
  g_object_unref (req->page);
  g_free (req->format);
  g_free (req);
}

static void
run_export (ExportRequest *req,
            const char    *dir)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!jln_participant_page_export (req->page, dir, req->format, req->consent_confirmed, &n, &error))
    show_message (req->page, _("The Badges Were Not Exported"), error->message);
  else
    {
      g_autofree char *text = NULL;

      /* Translators: %u badges, %s a folder */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u badge exported to %s",
                                           "%u badges exported to %s", n), n, dir);
      toast (req->page, text);
    }
}

static void
on_folder_response (GtkNativeDialog *chooser,
                    int              response,
                    ExportRequest   *req)
{
  JlnParticipantPage *self = req->page;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *dir = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (dir == NULL)
        show_message (self, _("The Badges Were Not Exported"),
                      _("This folder is not on this computer. Choose a local folder."));
      else if (!check_folder (dir, &error))
        show_message (self, _("The Badges Were Not Exported"), error->message);
      else
        run_export (req, dir);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  export_request_free (req);
}

static void
choose_folder (ExportRequest *req)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Badges to a Folder"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (req->page))),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Export Here"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_response), req);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

char *
jln_participant_page_decline_export (JlnParticipantPage *self)
{
  char *text;

  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), NULL);
  g_return_val_if_fail (self->participant != NULL, NULL);

  /* Translators: %s is the participant's first name; after they said no */
  text = g_strdup_printf (_("Nothing was exported: %s keeps their badges off the internet for now."),
                          jln_participant_get_first_name (self->participant));
  toast (self, text);
  return text;
}

static void
on_consent_response (AdwMessageDialog *dialog,
                     const char       *response,
                     ExportRequest    *req)
{
  if (g_strcmp0 (response, "agree") == 0)
    {
      /* Recorded by the issuer, with the export it allows. */
      req->consent_confirmed = TRUE;
      choose_folder (req);
      return;
    }
  if (g_strcmp0 (response, "refuse") == 0)
    g_free (jln_participant_page_decline_export (req->page));
  export_request_free (req);
}

static void
on_format_response (AdwMessageDialog *dialog,
                    const char       *response,
                    ExportRequest    *req)
{
  GtkWidget *ask;
  g_autofree char *heading = NULL;
  JlnParticipantPage *self = req->page;

  if (g_strcmp0 (response, "png") != 0 && g_strcmp0 (response, "svg") != 0
      && g_strcmp0 (response, "json") != 0)
    {
      export_request_free (req);
      return;
    }
  req->format = g_strdup (response);

  if (jln_participant_get_consent_online (self->participant))
    {
      choose_folder (req);
      return;
    }

  /* Translators: %s is the participant's first name */
  heading = g_strdup_printf (_("Does %s Agree to Share Their Badges Online?"),
                             jln_participant_get_first_name (self->participant));
  ask = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                _("Exported badges can be put on the internet (job sites, networks). "
                                  "Ask them now. If they say no, nothing is exported."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask),
                                    "cancel", _("_Cancel"),
                                    "refuse", _("_No"),
                                    "agree", _("_Yes, They Agree"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ask), "agree", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask), "cancel");
  g_signal_connect (ask, "response", G_CALLBACK (on_consent_response), req);
  gtk_window_present (GTK_WINDOW (ask));
}

static void
start_export (JlnParticipantPage *self)
{
  ExportRequest *req = g_new0 (ExportRequest, 1);
  GtkWidget *dialog;

  req->page = g_object_ref (self);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("What Kind of File?"),
                                   _("An image to share: a picture with the badge inside, for most "
                                     "job sites. A vector image: a drawing that stays sharp at any "
                                     "size. A technical file: the credential alone, for other "
                                     "software."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "json", _("_Technical File"),
                                    "svg", _("_Vector Image"),
                                    "png", _("_Image to Share"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "png", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "png");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_format_response), req);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
jln_participant_page_export_data (JlnParticipantPage  *self,
                                  const char          *dir,
                                  char               **out_dir,
                                  GError             **error)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (self->participant == NULL || self->session == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No participant is shown."));
      return FALSE;
    }
  return jln_session_export_personal_data (self->session, jln_participant_get_id (self->participant),
                                           dir, out_dir, error);
}

static void
on_data_folder_response (GtkNativeDialog    *chooser,
                         int                 response,
                         JlnParticipantPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *dir = file ? g_file_get_path (file) : NULL;
      g_autofree char *made = NULL;
      g_autoptr(GError) error = NULL;

      if (dir == NULL)
        show_message (self, _("The Data Was Not Exported"),
                      _("This folder is not on this computer. Choose a local folder."));
      else if (!jln_participant_page_export_data (self, dir, &made, &error))
        show_message (self, _("The Data Was Not Exported"), error->message);
      else
        {
          g_autofree char *text = NULL;

          /* Translators: %s is the folder made */
          text = g_strdup_printf (_("Everything Jalons holds about them is in %s"), made);
          jln_toast_show_text (GTK_WIDGET (self), text);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
start_export_data (JlnParticipantPage *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export All Their Data to a Folder"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Export Here"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_data_folder_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ */
/* archive, edit                                                      */

gboolean
jln_participant_page_archive (JlnParticipantPage *self,
                              GError            **error)
{
  g_autoptr(JlnParticipant) p = NULL;

  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), FALSE);

  if (self->participant == NULL || self->session == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No participant is shown."));
      return FALSE;
    }
  p = g_object_ref (self->participant);
  /* The store's "participant-changed" tells the page, which says "archived". */
  return jln_session_archive_participant (self->session, jln_participant_get_id (p), error);
}

typedef struct {
  JlnSession *session;
  gint64      participant_id;
} RestoreData;

static void
restore_data_free (gpointer  data,
                   GClosure *closure)
{
  RestoreData *restore = data;

  g_clear_object (&restore->session);
  g_free (restore);
}

static void
on_archive_undo_clicked (AdwToast    *toast,
                         RestoreData *restore)
{
  g_autoptr(GError) error = NULL;

  if (!jln_session_restore_participant (restore->session, restore->participant_id, &error))
    g_warning ("The archive could not be undone: %s", error->message);
}

/* "Amina Diallo archived" with Undo: archiving is never one-way (the
 * Archived Participants list restores later too). */
AdwToast *
jln_participant_archive_toast_new (JlnSession     *session,
                                   JlnParticipant *participant)
{
  g_autofree char *title = NULL;
  AdwToast *toast;
  RestoreData *restore;

  /* Translators: %s is a participant's name; toast titles are markup */
  title = g_markup_printf_escaped (_("%s archived. Their file is kept."),
                                   jln_participant_get_display_name (participant));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  restore = g_new0 (RestoreData, 1);
  restore->session = g_object_ref (session);
  restore->participant_id = jln_participant_get_id (participant);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_archive_undo_clicked),
                         restore, restore_data_free, 0);
  return toast;
}

static void
on_archive_response (AdwMessageDialog   *dialog,
                     const char         *response,
                     JlnParticipantPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnParticipant) archived = NULL;

  if (g_strcmp0 (response, "archive") != 0 || self->participant == NULL)
    return;
  archived = g_object_ref (self->participant);
  if (!jln_participant_page_archive (self, &error))
    show_message (self, _("The Participant Was Not Archived"), error->message);
  else
    jln_toast_show (GTK_WIDGET (self), jln_participant_archive_toast_new (self->session, archived));
}

gboolean
jln_participant_page_erase (JlnParticipantPage  *self,
                            GError             **error)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), FALSE);
  g_return_val_if_fail (self->participant != NULL, FALSE);

  /* Archived by the erasure: the store's "participant-changed" sends the
   * page back to the list, as for an archive. */
  return jln_session_erase_participant (self->session, jln_participant_get_id (self->participant), error);
}

static void
on_erase_response (AdwMessageDialog   *dialog,
                   const char         *response,
                   JlnParticipantPage *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "erase") != 0 || self->participant == NULL)
    return;
  if (!jln_participant_page_erase (self, &error))
    show_message (self, _("Their Data Was Not Erased"), error->message);
  else
    toast (self, _("Personal data erased. Anonymous figures and badge statuses are kept."));
}

/* The right to be forgotten, from the desk: what goes and what stays,
 * said before, and never undoable (unlike archiving). */
static void
open_erase_dialog (JlnParticipantPage *self)
{
  GtkWidget *dialog;
  g_autofree char *name = full_name (self->participant);
  g_autofree char *heading = NULL;

  /* Translators: %s is a participant's name */
  heading = g_strdup_printf (_("Erase %s’s Personal Data?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("Their name, e-mail, photo, consents, evidence and notes are "
                                     "deleted for good; this cannot be undone. What stays has no name: "
                                     "their territory, entry month and which badges were awarded, so "
                                     "the figures and the revocation list stay right. Badges already "
                                     "handed to them stay theirs and still verify; backups made before "
                                     "keep the data until they are rotated out."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "erase", _("_Erase for Good"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_erase_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_archive_dialog (JlnParticipantPage *self)
{
  GtkWidget *dialog;
  g_autofree char *name = full_name (self->participant);
  g_autofree char *heading = NULL;

  /* Translators: %s is a participant's name */
  heading = g_strdup_printf (_("Archive %s?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("They leave the list of participants. Their file and "
                                     "their badges are kept and stay valid."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "archive", _("_Archive"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "archive",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_archive_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The participant.* actions, one callback each; none acts without a
 * participant shown. */
static JlnParticipantPage *
page_for_action (GtkWidget *widget)
{
  JlnParticipantPage *self = JLN_PARTICIPANT_PAGE (widget);

  return self->participant != NULL && self->session != NULL ? self : NULL;
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JlnParticipantPage *self = page_for_action (widget);
  GtkWidget *form;

  if (self == NULL)
    return;
  form = jln_participant_form_new (self->session, self->participant);
  gtk_window_set_transient_for (GTK_WINDOW (form), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (form));
}

static void
award_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  JlnParticipantPage *self = page_for_action (widget);

  if (self != NULL)
    g_signal_emit (self, signals[SIGNAL_AWARD_REQUESTED], 0);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  JlnParticipantPage *self = page_for_action (widget);

  if (self != NULL)
    start_print (self, 0);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JlnParticipantPage *self = page_for_action (widget);

  if (self != NULL)
    start_save_pdf (self, 0);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JlnParticipantPage *self = page_for_action (widget);

  if (self != NULL)
    start_export (self);
}

static void
erase_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  JlnParticipantPage *self = page_for_action (widget);

  if (self != NULL && self->participant != NULL)
    open_erase_dialog (self);
}

static void
export_data_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JlnParticipantPage *self = page_for_action (widget);

  if (self != NULL)
    start_export_data (self);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JlnParticipantPage *self = page_for_action (widget);

  if (self != NULL)
    open_archive_dialog (self);
}

static void
print_award_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JlnParticipantPage *self = page_for_action (widget);

  if (self != NULL)
    start_print (self, g_variant_get_int64 (parameter));
}

static void
save_award_pdf_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JlnParticipantPage *self = page_for_action (widget);

  if (self != NULL)
    start_save_pdf (self, g_variant_get_int64 (parameter));
}

static void
revoke_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JlnParticipantPage *self = page_for_action (widget);

  if (self != NULL)
    open_revoke_dialog (self, g_variant_get_int64 (parameter));
}

static void
on_back_clicked (JlnParticipantPage *self)
{
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

/* ------------------------------------------------------------------ */
/* toolbar                                                            */

static GtkWidget *
action_button (JlnParticipantPage *self,
               const char         *icon_name,
               const char         *label,
               const char         *tooltip,
               const char         *action_name)
{
  GtkWidget *button, *box, *image, *text;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  image = g_object_new (GTK_TYPE_IMAGE, "icon-name", icon_name,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  gtk_box_append (GTK_BOX (box), image);
  text = gtk_label_new_with_mnemonic (label);
  gtk_box_append (GTK_BOX (box), text);
  g_ptr_array_add (self->action_labels, text);

  button = g_object_new (GTK_TYPE_BUTTON, "child", box, "action-name", action_name,
                         "tooltip-text", tooltip, NULL);
  gtk_label_set_mnemonic_widget (GTK_LABEL (text), button);
  /* The words go away in large-icon mode: the name must not. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_box_append (self->actions_box, button);
  return button;
}

static void
build_toolbar (JlnParticipantPage *self)
{
  GtkWidget *award, *print, *print_box, *print_menu;

  action_button (self, "document-edit-symbolic", _("_Edit"), _("Edit Their File (Ctrl+E)"),
                 "participant.edit");
  print = action_button (self, "printer-symbolic", _("_Print…"), _("Print Their Badges (Ctrl+P)"),
                         "participant.print");
  /* The print button and its menu read as one control. */
  g_object_ref (print);
  gtk_box_remove (self->actions_box, print);
  print_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (print_box, "linked");
  gtk_box_append (GTK_BOX (print_box), print);
  g_object_unref (print);
  print_menu = g_object_new (GTK_TYPE_MENU_BUTTON,
                             "menu-model", self->print_menu,
                             "tooltip-text", _("More Ways to Print"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (print_menu),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("More Ways to Print"), -1);
  gtk_box_append (GTK_BOX (print_box), print_menu);
  gtk_box_append (self->actions_box, print_box);

  action_button (self, "document-send-symbolic", _("E_xport…"), _("Export Their Badges to a Folder"),
                 "participant.export");
  award = action_button (self, "jln-badge-symbolic", _("_Award a Badge"), _("Award a Badge (Ctrl+Shift+A)"),
                         "participant.award");
  gtk_widget_add_css_class (award, "suggested-action");
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */

static void
jln_participant_page_dispose (GObject *object)
{
  JlnParticipantPage *self = JLN_PARTICIPANT_PAGE (object);

  jln_participant_page_set_session (self, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->participant);
  g_clear_object (&self->awards);
  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_PARTICIPANT_PAGE);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (jln_participant_page_parent_class)->dispose (object);
}

static void
jln_participant_page_finalize (GObject *object)
{
  JlnParticipantPage *self = JLN_PARTICIPANT_PAGE (object);

  g_ptr_array_unref (self->action_labels);

  G_OBJECT_CLASS (jln_participant_page_parent_class)->finalize (object);
}

static void
jln_participant_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  JlnParticipantPage *self = JLN_PARTICIPANT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_PARTICIPANT:
      g_value_set_object (value, self->participant);
      break;
    case PROP_LARGE_ICONS:
      g_value_set_boolean (value, self->large_icons);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_participant_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  JlnParticipantPage *self = JLN_PARTICIPANT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      jln_participant_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_PARTICIPANT:
      jln_participant_page_set_participant (self, g_value_get_object (value));
      break;
    case PROP_LARGE_ICONS:
      jln_participant_page_set_large_icons (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_participant_page_class_init (JlnParticipantPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  jln_ui_register_resources ();

  object_class->dispose = jln_participant_page_dispose;
  object_class->finalize = jln_participant_page_finalize;
  object_class->get_property = jln_participant_page_get_property;
  object_class->set_property = jln_participant_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, JLN_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTICIPANT] =
    g_param_spec_object ("participant", NULL, NULL, JLN_TYPE_PARTICIPANT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LARGE_ICONS] =
    g_param_spec_boolean ("large-icons", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_ARCHIVED] =
    g_signal_new ("archived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_AWARD_REQUESTED] =
    g_signal_new ("award-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "participant.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "participant.award", NULL, award_action);
  gtk_widget_class_install_action (widget_class, "participant.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "participant.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "participant.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "participant.export-data", NULL, export_data_action);
  gtk_widget_class_install_action (widget_class, "participant.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "participant.erase", NULL, erase_action);
  /* On one award of the history (its id). */
  gtk_widget_class_install_action (widget_class, "participant.print-award", "x", print_award_action);
  gtk_widget_class_install_action (widget_class, "participant.save-award-pdf", "x", save_award_pdf_action);
  gtk_widget_class_install_action (widget_class, "participant.revoke", "x", revoke_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/participants/jln-participant-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, print_menu);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, territory_label);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, coach_label);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, entry_label);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, earned_box);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, earned_empty);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, ahead_title);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, ahead_box);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, timeline_title);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantPage, timeline);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "participant-page");
}

static void
jln_participant_page_init (JlnParticipantPage *self)
{
  self->history = g_list_store_new (JLN_TYPE_AWARD);
  self->action_labels = g_ptr_array_new ();

  /* The page follows the store of whichever session it is given. */
  self->store_signals = g_signal_group_new (JLN_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "award-changed",
                                  G_CALLBACK (on_award_changed), self);
  g_signal_group_connect_swapped (self->store_signals, "participant-changed",
                                  G_CALLBACK (on_participant_changed), self);
  g_signal_group_connect_swapped (self->store_signals, "badge-changed",
                                  G_CALLBACK (on_badge_changed), self);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  build_toolbar (self);
  update_actions (self);
  /* One row per award, built from its template by the model. */
  gtk_list_box_bind_model (self->timeline, G_LIST_MODEL (self->history),
                           create_history_row, self, NULL);
}

GtkWidget *
jln_participant_page_new (void)
{
  return g_object_new (JLN_TYPE_PARTICIPANT_PAGE, NULL);
}

JlnSession *
jln_participant_page_get_session (JlnParticipantPage *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), NULL);

  return self->session;
}

void
jln_participant_page_set_session (JlnParticipantPage *self,
                                  JlnSession         *session)
{
  g_return_if_fail (JLN_IS_PARTICIPANT_PAGE (self));
  g_return_if_fail (session == NULL || JLN_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  self->store = session ? jln_session_get_store (session) : NULL;
  g_clear_object (&self->participant);
  /* During dispose the group is already gone. */
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, self->store);
  if (self->timeline != NULL)
    reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

JlnParticipant *
jln_participant_page_get_participant (JlnParticipantPage *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), NULL);
  return self->participant;
}

void
jln_participant_page_set_participant (JlnParticipantPage *self,
                                      JlnParticipant     *participant)
{
  g_return_if_fail (JLN_IS_PARTICIPANT_PAGE (self));
  g_return_if_fail (participant == NULL || JLN_IS_PARTICIPANT (participant));

  if (!g_set_object (&self->participant, participant))
    return;
  reload (self);
  /* A new person starts at the top of their file. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTICIPANT]);
}

gboolean
jln_participant_page_get_large_icons (JlnParticipantPage *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), FALSE);
  return self->large_icons;
}

void
jln_participant_page_set_large_icons (JlnParticipantPage *self,
                                      gboolean            large_icons)
{
  g_return_if_fail (JLN_IS_PARTICIPANT_PAGE (self));

  large_icons = !!large_icons;
  if (self->large_icons == large_icons)
    return;
  self->large_icons = large_icons;
  /* Pictograms first: the toolbar keeps only its icons (names stay for
   * screen readers), tiles and history images grow. */
  for (guint i = 0; i < self->action_labels->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->action_labels, i), !large_icons);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE_ICONS]);
}

const char *
jln_participant_page_get_count_text (JlnParticipantPage *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), NULL);
  return gtk_label_get_label (self->count_label);
}

guint
jln_participant_page_get_n_earned (JlnParticipantPage *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), 0);
  return self->n_earned;
}

guint
jln_participant_page_get_n_ahead (JlnParticipantPage *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), 0);
  return self->n_ahead;
}

GtkWidget *
jln_participant_page_get_tile (JlnParticipantPage *self,
                               gboolean            earned,
                               guint               index)
{
  GtkFlowBoxChild *child;

  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), NULL);

  child = gtk_flow_box_get_child_at_index (earned ? self->earned_box : self->ahead_box, index);
  return child ? gtk_flow_box_child_get_child (child) : NULL;
}

const char *
jln_participant_page_get_award_status (JlnParticipantPage *self,
                                       gint64              award_id,
                                       gboolean           *struck)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), NULL);

  if (struck != NULL)
    *struck = FALSE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->timeline));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (JLN_IS_HISTORY_ROW (row)
        && jln_award_get_id (jln_history_row_get_award (JLN_HISTORY_ROW (row))) == award_id)
      return jln_history_row_get_status_text (JLN_HISTORY_ROW (row), struck);
  return NULL;
}
