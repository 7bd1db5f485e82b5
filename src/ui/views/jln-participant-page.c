#define G_LOG_DOMAIN "jalons"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ui/jln-application.h"
#include "ui/jln-certificate.h"
#include "ui/jln-participant-form.h"
#include "ui/jln-window.h"
#include "ui/views/jln-participant-page.h"
#include "ui/widgets/jln-badge-image.h"
#include "ui/widgets/jln-path-tile.h"
#include "service/jln-issuer.h"

struct _JlnParticipantPage
{
  GtkWidget parent_instance;

  JlnStore       *store;
  JlnParticipant *participant;
  gboolean        large_icons;
  GListModel     *awards;        /* JlnAward, oldest first, including revoked */
  GHashTable     *status_labels; /* award id -> GtkLabel in the history */
  GHashTable     *title_labels;  /* award id -> GtkLabel (struck when revoked) */
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
  PROP_STORE,
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

static JlnWindow *
get_window (JlnParticipantPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return JLN_IS_WINDOW (root) ? JLN_WINDOW (root) : NULL;
}

static char *
dup_actor (JlnParticipantPage *self)
{
  JlnWindow *window = get_window (self);

  return window ? jln_window_dup_actor (window) : g_strdup ("coach");
}

static void
toast (JlnParticipantPage *self,
       const char         *text)
{
  JlnWindow *window = get_window (self);

  if (window != NULL)
    jln_window_add_toast (window, adw_toast_new (text));
  else
    g_message ("%s", text);
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

  /* Translators: a participant's progress: badges earned out of the
   * programme's badges ("4 badges sur 15") */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u badge out of %u", "%u badges out of %u",
                                        n_earned_in_programme),
                           n_earned_in_programme, n_programme);
  gtk_label_set_label (self->count_label, count);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 n_programme ? (double) n_earned_in_programme / n_programme : 0);
  /* Translators: text on the progress bar: earned / all */
  fraction = g_strdup_printf (_("%u / %u"), n_earned_in_programme, n_programme);
  gtk_progress_bar_set_text (self->progress_bar, fraction);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, count, -1);

  gtk_widget_set_visible (self->earned_empty, self->n_earned == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->earned_box), self->n_earned > 0);
  gtk_widget_set_visible (self->ahead_title, self->n_ahead > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->ahead_box), self->n_ahead > 0);
}

static GMenuModel *
award_menu (JlnAward *award)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  gint64 id = jln_award_get_id (award);
  g_autoptr(GMenuItem) item = NULL;

  item = g_menu_item_new (_("_Print This Badge…"), NULL);
  g_menu_item_set_action_and_target (item, "participant.print-award", "x", id);
  g_menu_append_item (menu, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("_Save This Badge as PDF…"), NULL);
  g_menu_item_set_action_and_target (item, "participant.save-award-pdf", "x", id);
  g_menu_append_item (menu, item);
  g_clear_object (&item);

  item = g_menu_item_new (_("_Revoke…"), NULL);
  g_menu_item_set_action_and_target (item, "participant.revoke", "x", id);
  g_menu_append_item (section, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  return G_MENU_MODEL (menu);
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
timeline_row (JlnParticipantPage *self,
              JlnAward           *award)
{
  gboolean revoked = jln_award_get_status (award) == JLN_AWARD_STATUS_REVOKED;
  GtkWidget *row, *box, *text, *title, *image, *status_box, *status, *icon, *menu_button;
  g_autoptr(JlnBadge) badge = dup_badge_of_award (self, award);
  g_autoptr(GMenuModel) menu = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *date = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *status_text = NULL;
  const char *badge_name = jln_award_get_badge_name (award);
  const char *note = jln_award_get_evidence_note (award);
  const char * const *files = jln_award_get_evidence_files (award);
  gint64 id = jln_award_get_id (award);

  if (badge_name == NULL && badge != NULL)
    badge_name = jln_badge_get_name (badge);
  if (badge_name == NULL)
    badge_name = "";

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "timeline-row");
  if (revoked)
    gtk_widget_add_css_class (row, "revoked");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  image = jln_badge_image_new ();
  jln_badge_image_set_pixel_size (JLN_BADGE_IMAGE (image), self->large_icons ? 64 : 48);
  if (badge != NULL)
    jln_badge_image_set_svg (JLN_BADGE_IMAGE (image), jln_badge_get_image_svg (badge));
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, badge_name, -1);
  gtk_box_append (GTK_BOX (box), image);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  escaped = g_markup_escape_text (badge_name, -1);
  /* Struck through AND said in words below: never strike alone. */
  markup = revoked ? g_strdup_printf ("<s>%s</s>", escaped) : g_strdup (escaped);
  title = make_label (NULL, "timeline-title");
  gtk_label_set_markup (GTK_LABEL (title), markup);
  gtk_box_append (GTK_BOX (text), title);
  g_hash_table_insert (self->title_labels, g_memdup2 (&id, sizeof id), title);

  date = jln_award_get_awarded_on (award) ? jln_certificate_format_date (jln_award_get_awarded_on (award))
                                          : g_strdup ("");
  if (jln_award_get_coach_name (award) != NULL)
    /* Translators: in a participant's history: date, then the coach */
    meta = g_strdup_printf (_("%s · with %s"), date, jln_award_get_coach_name (award));
  else
    meta = g_strdup (date);
  gtk_box_append (GTK_BOX (text), make_label (meta, "dim-label"));

  if (note != NULL && *note != '\0' && !self->large_icons)
    {
      GtkWidget *note_label = make_label (note, "timeline-note");
      gtk_box_append (GTK_BOX (text), note_label);
    }
  if (files != NULL && files[0] != NULL && !self->large_icons)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *line = NULL;

      for (guint i = 0; files[i] != NULL; i++)
        {
          g_autofree char *base = g_path_get_basename (files[i]);
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, base);
        }
      /* Translators: evidence files attached to an award */
      line = g_strdup_printf (_("Evidence: %s"), names->str);
      gtk_box_append (GTK_BOX (text), make_label (line, "caption"));
    }

  status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  icon = g_object_new (GTK_TYPE_IMAGE,
                       "icon-name", revoked ? "action-unavailable-symbolic" : "object-select-symbolic",
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       NULL);
  gtk_box_append (GTK_BOX (status_box), icon);
  if (revoked)
    {
      const char *reason = jln_award_get_revoke_reason (award);
      if (reason != NULL && *reason != '\0')
        /* Translators: a withdrawn badge in the history, with the reason */
        status_text = g_strdup_printf (_("Revoked: %s"), reason);
      else
        status_text = g_strdup (_("Revoked"));
    }
  else
    status_text = g_strdup (_("Awarded"));
  status = make_label (status_text, revoked ? "revoked-label" : "awarded-label");
  /* Beside an icon, GTK 4.8 mis-measures a wrapping label: one line,
   * ellipsized, the whole reason in the tooltip and the accessible name. */
  gtk_label_set_wrap (GTK_LABEL (status), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (status), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (status, status_text);
  gtk_box_append (GTK_BOX (status_box), status);
  gtk_box_append (GTK_BOX (text), status_box);
  g_hash_table_insert (self->status_labels, g_memdup2 (&id, sizeof id), status);

  menu = award_menu (award);
  menu_button = g_object_new (GTK_TYPE_MENU_BUTTON,
                              "icon-name", "view-more-symbolic",
                              "menu-model", menu,
                              "valign", GTK_ALIGN_CENTER,
                              "tooltip-text", _("Actions for This Badge"),
                              NULL);
  gtk_widget_add_css_class (menu_button, "flat");
  {
    /* Translators: accessible name of the menu of one award; %s: badge */
    g_autofree char *name = g_strdup_printf (_("Actions for %s"), badge_name);
    gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  gtk_box_append (GTK_BOX (box), menu_button);

  {
    g_autofree char *accessible = g_strdup_printf ("%s, %s, %s", badge_name, meta, status_text);
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  }
  return row;
}

static void
show_timeline (JlnParticipantPage *self)
{
  guint n = self->awards ? g_list_model_get_n_items (self->awards) : 0;

  clear_container (GTK_WIDGET (self->timeline));
  g_hash_table_remove_all (self->status_labels);
  g_hash_table_remove_all (self->title_labels);

  /* Newest first: what the coach did last is what they look for. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (self->awards, i - 1);
      gtk_list_box_append (self->timeline, timeline_row (self, award));
    }
  gtk_widget_set_visible (self->timeline_title, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->timeline), n > 0);
}

static void
update_actions (JlnParticipantPage *self)
{
  gboolean has = self->participant != NULL && self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participant.edit", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participant.award", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participant.print", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participant.save-pdf", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participant.export", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participant.archive", has);
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
      clear_container (GTK_WIDGET (self->timeline));
      g_hash_table_remove_all (self->status_labels);
      g_hash_table_remove_all (self->title_labels);
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
}

/* ------------------------------------------------------------------ */
/* live updates                                                       */

static void
on_award_changed (JlnStore           *store,
                  gint64              award_id,
                  gint64              participant_id,
                  JlnParticipantPage *self)
{
  if (self->participant != NULL && participant_id == jln_participant_get_id (self->participant))
    reload (self);
}

static void
on_participant_changed (JlnStore           *store,
                        gint64              participant_id,
                        JlnParticipantPage *self)
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
on_badge_changed (JlnStore           *store,
                  gint64              badge_id,
                  JlnParticipantPage *self)
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
  g_autofree char *actor = NULL;
  gboolean ok;

  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (reason == NULL || *reason == '\0')
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           _("Say why the badge is revoked: the reason is kept in the history."));
      return FALSE;
    }
  if (find_award (self, award_id) == NULL)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                           _("This badge is not in this participant’s file."));
      return FALSE;
    }

  actor = dup_actor (self);
  {
    JlnWindow *window = get_window (self);
    JlnIssuer *issuer = window ? jln_window_get_issuer (window) : NULL;

    /* The issuer also rewrites the revocation list verifiers read; without
     * one (no signing key) the file still records the revocation. */
    if (issuer != NULL)
      ok = jln_issuer_revoke_award (issuer, award_id, reason, actor, error);
    else
      ok = jln_store_revoke_award (self->store, award_id, reason, actor, error);
  }
  if (ok)
    reload (self);
  return ok;
}

typedef struct {
  JlnParticipantPage *page;
  gint64              award_id;
  GtkWidget          *other_check;
  GtkWidget          *other_entry;
  GPtrArray          *checks;
} RevokeDialog;

static void
revoke_dialog_free (RevokeDialog *rd)
{
  g_object_unref (rd->page);
  g_ptr_array_unref (rd->checks);
  g_free (rd);
}

static const char *revoke_reasons[] = {
  N_("Awarded by mistake"),
  N_("Criteria not actually met"),
  N_("Requested by the participant"),
};

static char *
revoke_dialog_reason (RevokeDialog *rd)
{
  for (guint i = 0; i < rd->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (rd->checks, i)))
      return g_strdup (_(revoke_reasons[i]));
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (rd->other_check)))
    {
      g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (rd->other_entry)));
      g_strstrip (text);
      return *text ? g_steal_pointer (&text) : NULL;
    }
  return NULL;
}

static void
on_revoke_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RevokeDialog     *rd)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  if (g_strcmp0 (response, "revoke") != 0)
    return;
  reason = revoke_dialog_reason (rd);
  if (!jln_participant_page_revoke_award (rd->page, rd->award_id, reason, &error))
    show_message (rd->page, _("The Badge Was Not Revoked"), error->message);
  else
    toast (rd->page, _("Badge revoked. It shows as revoked wherever it is checked."));
}

static void
update_revoke_sensitivity (RevokeDialog *rd)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_widget_get_root (rd->other_entry));
  g_autofree char *reason = revoke_dialog_reason (rd);

  gtk_widget_set_sensitive (rd->other_entry,
                            gtk_check_button_get_active (GTK_CHECK_BUTTON (rd->other_check)));
  if (dialog != NULL)
    adw_message_dialog_set_response_enabled (dialog, "revoke", reason != NULL);
}

static void
open_revoke_dialog (JlnParticipantPage *self,
                    gint64              award_id)
{
  JlnAward *award = find_award (self, award_id);
  RevokeDialog *rd;
  GtkWidget *dialog, *box, *first = NULL;
  g_autofree char *heading = NULL;

  if (award == NULL)
    return;
  if (jln_award_get_status (award) == JLN_AWARD_STATUS_REVOKED)
    {
      show_message (self, _("Already Revoked"), _("This badge was already revoked."));
      return;
    }

  /* Translators: %s is a badge name */
  heading = g_strdup_printf (_("Revoke “%s”?"), jln_award_get_badge_name (award));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("The badge stays in the history, marked as revoked, and "
                                     "anyone checking it will see it is no longer valid. Why?"));
  rd = g_new0 (RevokeDialog, 1);
  rd->page = g_object_ref (self);
  rd->award_id = award_id;
  rd->checks = g_ptr_array_new ();

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  for (guint i = 0; i < G_N_ELEMENTS (revoke_reasons); i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (_(revoke_reasons[i]));
      if (first != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (first));
      else
        first = check;
      g_ptr_array_add (rd->checks, check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_revoke_sensitivity), rd);
      gtk_box_append (GTK_BOX (box), check);
    }
  rd->other_check = gtk_check_button_new_with_label (_("Other…"));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (rd->other_check), GTK_CHECK_BUTTON (first));
  g_signal_connect_swapped (rd->other_check, "toggled", G_CALLBACK (update_revoke_sensitivity), rd);
  gtk_box_append (GTK_BOX (box), rd->other_check);
  rd->other_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (rd->other_entry), _("The reason, in a few words"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (rd->other_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Other reason"), -1);
  gtk_widget_set_sensitive (rd->other_entry, FALSE);
  g_signal_connect_swapped (rd->other_entry, "changed", G_CALLBACK (update_revoke_sensitivity), rd);
  gtk_box_append (GTK_BOX (box), rd->other_entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "revoke", _("_Revoke"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "revoke",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "revoke", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_revoke_response), rd,
                         (GClosureNotify) (void (*) (void)) revoke_dialog_free, 0);
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
  guint n = 0, count;

  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), FALSE);
  g_return_val_if_fail (dir != NULL && format != NULL, FALSE);

  if (n_exported != NULL)
    *n_exported = 0;
  if (self->participant == NULL || self->store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No participant is shown."));
      return FALSE;
    }
  if (!check_folder (dir, error))
    return FALSE;

  count = self->awards ? g_list_model_get_n_items (self->awards) : 0;
  {
    JlnWindow *window = get_window (self);
    JlnIssuer *issuer = window ? jln_window_get_issuer (window) : NULL;
    g_autofree char *actor = NULL;
    JlnExportFormat fmt;

    if (issuer == NULL)
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Badges cannot be exported: the signing key is not available."));
        return FALSE;
      }
    actor = dup_actor (self);

    if (!jln_export_format_from_string (format, &fmt))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("Unknown export format “%s”: choose PNG, SVG or JSON."), format);
        return FALSE;
      }
    /* The issuer journals the consent answer under this name. */
    jln_issuer_set_actor (issuer, actor);
    for (guint i = 0; i < count; i++)
      {
        g_autoptr(JlnAward) award = g_list_model_get_item (self->awards, i);
        g_autofree char *out_path = NULL;

        if (jln_award_get_status (award) != JLN_AWARD_STATUS_ACTIVE)
          continue;
        if (!jln_issuer_export_award (issuer, jln_award_get_id (award), fmt, dir,
                                      consent_confirmed, &out_path, error))
          return FALSE;
        n++;
      }
  }
  if (n == 0)
    {
      g_set_error_literal (error, JLN_CERTIFICATE_ERROR, JLN_CERTIFICATE_ERROR_EMPTY,
                           _("There is no badge to export yet."));
      return FALSE;
    }
  if (n_exported != NULL)
    *n_exported = n;
  return TRUE;
}

typedef struct {
  JlnParticipantPage *page;
  char               *dir;
  char               *format;
} ExportRequest;

static void
export_request_free (ExportRequest *req)
{
  g_object_unref (req->page);
  g_free (req->dir);
  g_free (req->format);
  g_free (req);
}

static void
run_export (ExportRequest *req,
            gboolean       consent_confirmed)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!jln_participant_page_export (req->page, req->dir, req->format, consent_confirmed, &n, &error))
    show_message (req->page, _("The Badges Were Not Exported"), error->message);
  else
    {
      g_autofree char *text = NULL;

      /* Translators: %u badges, %s a folder */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u badge exported to %s",
                                           "%u badges exported to %s", n), n, req->dir);
      toast (req->page, text);
    }
}

static void
on_consent_response (AdwMessageDialog *dialog,
                     const char       *response,
                     ExportRequest    *req)
{
  /* Both answers go to the issuer, which records what was said. */
  if (g_strcmp0 (response, "agree") == 0)
    run_export (req, TRUE);
  else if (g_strcmp0 (response, "refuse") == 0)
    run_export (req, FALSE);
}

static void
on_format_response (AdwMessageDialog *dialog,
                    const char       *response,
                    ExportRequest    *req)
{
  GtkWidget *ask;
  g_autofree char *name = NULL;
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
      run_export (req, FALSE);
      export_request_free (req);
      return;
    }

  name = g_strdup (jln_participant_get_first_name (self->participant));
  /* Translators: %s is the participant's first name */
  heading = g_strdup_printf (_("%s has not agreed to share badges online. Did they agree now?"), name);
  ask = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                _("Exported badges can be put on the internet (job sites, "
                                  "networks). Ask them; their answer is recorded in the journal."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask),
                                    "cancel", _("_Cancel"),
                                    "refuse", _("_No"),
                                    "agree", _("_Yes, They Agree"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ask), "agree", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask), "cancel");
  g_signal_connect_data (ask, "response", G_CALLBACK (on_consent_response), req,
                         (GClosureNotify) (void (*) (void)) export_request_free, 0);
  gtk_window_present (GTK_WINDOW (ask));
}

static void
on_folder_response (GtkNativeDialog *chooser,
                    int              response,
                    JlnParticipantPage *self)
{
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
        {
          ExportRequest *req = g_new0 (ExportRequest, 1);
          GtkWidget *dialog;

          req->page = g_object_ref (self);
          req->dir = g_steal_pointer (&dir);
          dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                           _("Export as…"),
                                           _("PNG: a picture with the badge inside, for most sites. "
                                             "SVG: a drawing that stays sharp. "
                                             "JSON: the credential alone, for other software."));
          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                            "cancel", _("_Cancel"),
                                            "json", _("_JSON"),
                                            "svg", _("_SVG"),
                                            "png", _("_PNG Image"),
                                            NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "png",
                                                      ADW_RESPONSE_SUGGESTED);
          adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "png");
          adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
          g_signal_connect (dialog, "response", G_CALLBACK (on_format_response), req);
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
start_export (JlnParticipantPage *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Badges to a Folder"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Export Here"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ */
/* archive, edit                                                      */

gboolean
jln_participant_page_archive (JlnParticipantPage *self,
                              GError            **error)
{
  g_autofree char *actor = NULL;
  g_autoptr(JlnParticipant) p = NULL;

  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), FALSE);

  if (self->participant == NULL || self->store == NULL)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND, _("No participant is shown."));
      return FALSE;
    }
  p = g_object_ref (self->participant);
  actor = dup_actor (self);
  /* The store's "participant-changed" tells the page, which says "archived". */
  return jln_store_archive_participant (self->store, jln_participant_get_id (p), actor, error);
}

static void
on_archive_response (AdwMessageDialog   *dialog,
                     const char         *response,
                     JlnParticipantPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "archive") != 0 || self->participant == NULL)
    return;
  name = g_strdup (jln_participant_get_display_name (self->participant));
  if (!jln_participant_page_archive (self, &error))
    show_message (self, _("The Participant Was Not Archived"), error->message);
  else
    {
      /* Translators: %s is a participant's name */
      text = g_strdup_printf (_("%s archived. Their file is kept."), name);
      toast (self, text);
    }
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

static void
action_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JlnParticipantPage *self = JLN_PARTICIPANT_PAGE (widget);

  if (self->participant == NULL || self->store == NULL)
    return;

  if (g_str_equal (action_name, "participant.edit"))
    {
      GtkWidget *form = jln_participant_form_new (self->store, self->participant);
      gtk_window_set_transient_for (GTK_WINDOW (form), GTK_WINDOW (gtk_widget_get_root (widget)));
      gtk_window_present (GTK_WINDOW (form));
    }
  else if (g_str_equal (action_name, "participant.award"))
    g_signal_emit (self, signals[SIGNAL_AWARD_REQUESTED], 0);
  else if (g_str_equal (action_name, "participant.print"))
    start_print (self, 0);
  else if (g_str_equal (action_name, "participant.save-pdf"))
    start_save_pdf (self, 0);
  else if (g_str_equal (action_name, "participant.export"))
    start_export (self);
  else if (g_str_equal (action_name, "participant.archive"))
    open_archive_dialog (self);
  else if (g_str_equal (action_name, "participant.print-award"))
    start_print (self, g_variant_get_int64 (parameter));
  else if (g_str_equal (action_name, "participant.save-award-pdf"))
    start_save_pdf (self, g_variant_get_int64 (parameter));
  else if (g_str_equal (action_name, "participant.revoke"))
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

  jln_participant_page_set_store (self, NULL);
  g_clear_object (&self->participant);
  g_clear_object (&self->awards);
  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_PARTICIPANT_PAGE);

  G_OBJECT_CLASS (jln_participant_page_parent_class)->dispose (object);
}

static void
jln_participant_page_finalize (GObject *object)
{
  JlnParticipantPage *self = JLN_PARTICIPANT_PAGE (object);

  g_hash_table_unref (self->status_labels);
  g_hash_table_unref (self->title_labels);
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
    case PROP_STORE:
      g_value_set_object (value, self->store);
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
    case PROP_STORE:
      jln_participant_page_set_store (self, g_value_get_object (value));
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
  static const char * const plain_actions[] = {
    "participant.edit", "participant.award", "participant.print",
    "participant.save-pdf", "participant.export", "participant.archive",
  };
  static const char * const award_actions[] = {
    "participant.print-award", "participant.save-award-pdf", "participant.revoke",
  };

  jln_ui_register_resources ();

  object_class->dispose = jln_participant_page_dispose;
  object_class->finalize = jln_participant_page_finalize;
  object_class->get_property = jln_participant_page_get_property;
  object_class->set_property = jln_participant_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, JLN_TYPE_STORE,
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

  for (guint i = 0; i < G_N_ELEMENTS (plain_actions); i++)
    gtk_widget_class_install_action (widget_class, plain_actions[i], NULL, action_activated);
  for (guint i = 0; i < G_N_ELEMENTS (award_actions); i++)
    gtk_widget_class_install_action (widget_class, award_actions[i], "x", action_activated);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/views/jln-participant-page.ui");
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
  self->status_labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->title_labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->action_labels = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  build_toolbar (self);
  update_actions (self);
}

GtkWidget *
jln_participant_page_new (void)
{
  return g_object_new (JLN_TYPE_PARTICIPANT_PAGE, NULL);
}

JlnStore *
jln_participant_page_get_store (JlnParticipantPage *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), NULL);
  return self->store;
}

void
jln_participant_page_set_store (JlnParticipantPage *self,
                                JlnStore           *store)
{
  g_return_if_fail (JLN_IS_PARTICIPANT_PAGE (self));
  g_return_if_fail (store == NULL || JLN_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_clear_object (&self->participant);
  if (store != NULL)
    {
      g_signal_connect (store, "award-changed", G_CALLBACK (on_award_changed), self);
      g_signal_connect (store, "participant-changed", G_CALLBACK (on_participant_changed), self);
      g_signal_connect (store, "badge-changed", G_CALLBACK (on_badge_changed), self);
    }
  if (self->timeline != NULL)
    reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
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
  GtkLabel *status, *title;

  g_return_val_if_fail (JLN_IS_PARTICIPANT_PAGE (self), NULL);

  status = g_hash_table_lookup (self->status_labels, &award_id);
  title = g_hash_table_lookup (self->title_labels, &award_id);
  if (struck != NULL)
    *struck = title != NULL && g_str_has_prefix (gtk_label_get_label (title), "<s>");
  return status ? gtk_label_get_label (status) : NULL;
}
