/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ui/shell/jln-ui-resources.h"
#include "ui/print/jln-certificate.h"
#include "ui/award/jln-award-dialog.h"
#include "ui/award/jln-coach-row.h"
#include "ui/common/jln-large-icons.h"
#include "ui/common/jln-badge-image.h"
#include "ui/common/jln-badge-tile.h"

#define CHOSEN_IMAGE_SIZE 128
#define CHOSEN_IMAGE_SIZE_LARGE 176
#define UNDO_TIMEOUT_S 5

struct _JlnAwardDialog
{
  AdwWindow parent_instance;

  JlnSession     *session;
  /* What is being awarded, and whether it can be: the dialog shows the
   * draft and passes each click on to it. */
  JlnAwardDraft  *draft;
  gboolean        large_icons;

  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *search_folded;

  GPtrArray  *criterion_checks;       /* GtkCheckButton*, by position */
  GPtrArray  *criterion_rows;
  GPtrArray  *evidence_rows;          /* one per file of the draft */

  GtkFileChooserNative *chooser;

  /* template */
  AdwWindowTitle     *window_title;
  GtkButton          *cancel_button;
  GtkButton          *back_button;
  GtkButton          *confirm_button;
  GtkStack           *stack;
  GtkSearchEntry     *search_entry;
  GtkStack           *choose_stack;
  GtkGridView        *grid_view;
  AdwStatusPage      *empty_page;
  JlnBadgeImage      *chosen_image;
  GtkLabel           *chosen_name;
  GtkLabel           *chosen_easy_text;
  GtkLabel           *chosen_meta;
  GtkRevealer        *problem_revealer;
  GtkLabel           *problem_label;
  AdwPreferencesGroup *criteria_group;
  AdwHeaderBar        *header_bar;
  AdwPreferencesGroup *note_group;
  AdwPreferencesGroup *files_group;
  GtkTextView        *note_view;
  GtkCheckButton     *share_note_check;
  AdwPreferencesGroup *when_group;
  AdwActionRow       *date_row;
  GtkMenuButton      *date_button;
  GtkPopover         *date_popover;
  GtkCalendar        *calendar;
};

G_DEFINE_FINAL_TYPE (JlnAwardDialog, jln_award_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_LARGE_ICONS,
  N_PROPS
};

enum {
  SIGNAL_AWARDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_state (JlnAwardDialog *self);

/* ---- dates ---- */

static int
day_number (int y, int m, int d)
{
  return y * 10000 + m * 100 + d;
}

static int
local_day (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  return day_number (g_date_time_get_year (local), g_date_time_get_month (local),
                     g_date_time_get_day_of_month (local));
}

static char *
format_day (GDateTime *when)
{
  return jln_certificate_format_date (when);
}

/* ---- step 1: the grid ---- */

static gboolean
badge_is_held (JlnAwardDialog *self,
               JlnBadge       *badge)
{
  return jln_award_draft_is_held (self->draft, badge);
}

static guint
held_older_version (JlnAwardDialog *self,
                    JlnBadge       *badge)
{
  return jln_award_draft_get_held_version (self->draft, jln_badge_get_id (badge));
}

static gboolean
filter_badge (gpointer item,
              gpointer user_data)
{
  JlnAwardDialog *self = user_data;
  JlnBadge *badge = item;
  const char *fields[3];

  if (jln_badge_get_status (badge) != JLN_BADGE_STATUS_ACTIVE)
    return FALSE;
  if (self->search_folded == NULL || *self->search_folded == '\0')
    return TRUE;

  fields[0] = jln_badge_get_name (badge);
  fields[1] = jln_badge_get_theme (badge);
  fields[2] = jln_badge_get_easy_text (badge);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = NULL;

      if (fields[i] == NULL)
        continue;
      folded = jln_fold_for_search (fields[i]);
      if (strstr (folded, self->search_folded) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
setup_tile (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *box, *tile, *held_box, *icon, *held_label, *note;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (box, "award-tile");
  tile = jln_badge_tile_new ();
  gtk_box_append (GTK_BOX (box), tile);

  /* "Already earned" in words and with an icon, never colour alone. */
  held_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (held_box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_bottom (held_box, 12);
  gtk_widget_add_css_class (held_box, "award-held");
  icon = gtk_image_new_from_icon_name ("object-select-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (held_box), icon);
  held_label = gtk_label_new (_("Already earned"));
  gtk_box_append (GTK_BOX (held_box), held_label);
  gtk_box_append (GTK_BOX (box), held_box);

  note = gtk_label_new (NULL);
  gtk_widget_set_margin_bottom (note, 12);
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_add_css_class (note, "award-new-version");
  gtk_box_append (GTK_BOX (box), note);

  g_object_set_data (G_OBJECT (box), "tile", tile);
  g_object_set_data (G_OBJECT (box), "held", held_box);
  g_object_set_data (G_OBJECT (box), "note", note);
  gtk_list_item_set_child (item, box);
}

static void
bind_tile (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  JlnAwardDialog *self = user_data;
  JlnBadge *badge = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *tile = g_object_get_data (G_OBJECT (box), "tile");
  GtkWidget *held_box = g_object_get_data (G_OBJECT (box), "held");
  GtkWidget *note = g_object_get_data (G_OBJECT (box), "note");
  GtkWidget *cell;
  gboolean held = badge_is_held (self, badge);
  guint older = held ? 0 : held_older_version (self, badge);
  g_autofree char *description = NULL;

  jln_badge_tile_set_badge (JLN_BADGE_TILE (tile), badge);
  jln_badge_tile_set_large (JLN_BADGE_TILE (tile), self->large_icons);
  gtk_widget_set_visible (held_box, held);
  gtk_list_item_set_activatable (item, !held);
  gtk_list_item_set_selectable (item, !held);

  if (held)
    {
      gtk_widget_add_css_class (box, "held");
      description = g_strdup_printf (_("%s already holds this version of the badge, so it cannot be awarded again."),
                                     jln_participant_get_display_name (jln_award_draft_get_participant (self->draft)));
    }
  else
    {
      gtk_widget_remove_css_class (box, "held");
      if (older > 0)
        description = g_strdup_printf (_("%s holds version %u; this is version %u, which can be awarded."),
                                       jln_participant_get_display_name (jln_award_draft_get_participant (self->draft)),
                                       older, jln_badge_get_version (badge));
    }

  if (older > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Version %u available"), jln_badge_get_version (badge));

      gtk_label_set_label (GTK_LABEL (note), text);
      gtk_widget_set_visible (note, !self->large_icons);
    }
  else
    gtk_widget_set_visible (note, FALSE);

  gtk_widget_set_tooltip_text (box, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, jln_badge_get_name (badge),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "",
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (box),
                               GTK_ACCESSIBLE_STATE_DISABLED, held,
                               -1);

  /* Screen readers land on the grid cell, which GTK 4.8 names after its
   * class: it takes the badge's name too. */
  cell = gtk_widget_get_parent (box);
  if (cell != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, jln_badge_get_name (badge),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "",
                                    -1);
}

static void
unbind_tile (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  jln_badge_tile_set_badge (g_object_get_data (G_OBJECT (box), "tile"), NULL);
}

static void
set_tile_factory (JlnAwardDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_tile), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_tile), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_tile), self);
  gtk_grid_view_set_factory (self->grid_view, factory);
}

static void
update_empty (JlnAwardDialog *self)
{
  gboolean searching = self->search_folded != NULL && *self->search_folded != '\0';

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    {
      gtk_stack_set_visible_child_name (self->choose_stack, "grid");
      return;
    }
  if (searching)
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Badge"));
      adw_status_page_set_description (self->empty_page, _("Try another word, or clear the search."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Badge to Award"));
      adw_status_page_set_description (self->empty_page,
                                       _("Publish a badge in the catalogue first: only published badges can be awarded."));
    }
  gtk_stack_set_visible_child_name (self->choose_stack, "empty");
}

static void
on_search_changed (JlnAwardDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_free (self->search_folded);
  self->search_folded = g_strstrip (jln_fold_for_search (text));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_empty (self);
}

static void
on_search_stop (JlnAwardDialog *self)
{
  /* Escape clears the search first, then cancels. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* ---- step 2: criteria, evidence, date ---- */

static void
clear_criteria (JlnAwardDialog *self)
{
  for (guint i = 0; i < self->criterion_rows->len; i++)
    adw_preferences_group_remove (self->criteria_group, g_ptr_array_index (self->criterion_rows, i));
  g_ptr_array_set_size (self->criterion_rows, 0);
  g_ptr_array_set_size (self->criterion_checks, 0);
}

static void
on_criterion_toggled (GtkCheckButton *check,
                      JlnAwardDialog *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "position"));

  jln_award_draft_set_criterion_met (self->draft, position, gtk_check_button_get_active (check));
}

/* Offered while something is left to tick. */
static void
update_all_met_action (JlnAwardDialog *self)
{
  guint n = jln_award_draft_get_n_criteria (self->draft);
  gboolean any_left = FALSE;

  for (guint i = 0; i < n && !any_left; i++)
    any_left = !jln_award_draft_get_criterion_met (self->draft, i);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "award.all-criteria-met", any_left);
}

/* "All met": one explicit click, never a default. */
static void
all_criteria_met_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JlnAwardDialog *self = JLN_AWARD_DIALOG (widget);

  jln_award_draft_set_all_criteria_met (self->draft);
}

static void
build_criteria (JlnAwardDialog *self)
{
  GListModel *criteria = jln_badge_get_criteria (jln_award_draft_get_badge (self->draft));
  guint n = criteria ? g_list_model_get_n_items (criteria) : 0;

  clear_criteria (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnCriterion) criterion = g_list_model_get_item (criteria, i);
      gboolean required = jln_criterion_get_required (criterion);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), jln_criterion_get_text (criterion));
      if (required)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Required"));
      else if (!self->large_icons)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Optional"));
      if (required)
        gtk_widget_add_css_class (row, "award-required");
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   jln_award_draft_get_criterion_met (self->draft, i));
      g_object_set_data (G_OBJECT (check), "position", GUINT_TO_POINTER (i));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, jln_criterion_get_text (criterion),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      required ? _("Required") : _("Optional"),
                                      -1);
      g_signal_connect (check, "toggled", G_CALLBACK (on_criterion_toggled), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

      adw_preferences_group_add (self->criteria_group, row);
      g_ptr_array_add (self->criterion_rows, row);
      g_ptr_array_add (self->criterion_checks, check);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->criteria_group), n > 0);
  update_all_met_action (self);
}

static void
update_date_row (JlnAwardDialog *self)
{
  GDateTime *date = jln_award_draft_get_date (self->draft);
  g_autofree char *text = format_day (date);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *accessible = NULL;

  if (local_day (date) == local_day (now))
    {
      g_autofree char *today = g_strdup_printf (_("Today, %s"), text);

      adw_action_row_set_subtitle (self->date_row, today);
    }
  else
    adw_action_row_set_subtitle (self->date_row, text);

  accessible = g_strdup_printf (_("Choose the date (now %s)"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
on_day_selected (JlnAwardDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);

  if (local_day (date) == local_day (jln_award_draft_get_date (self->draft)))
    return;
  /* The row follows the draft (notify::date). */
  jln_award_draft_set_date (self->draft, date);
  gtk_popover_popdown (self->date_popover);
}

static void
on_date_popover_show (JlnAwardDialog *self)
{
  /* Opens on the chosen day, not the last one browsed to. */
  g_signal_handlers_block_by_func (self->calendar, on_day_selected, self);
  gtk_calendar_select_day (self->calendar, jln_award_draft_get_date (self->draft));
  g_signal_handlers_unblock_by_func (self->calendar, on_day_selected, self);
}

static void
update_state (JlnAwardDialog *self)
{
  const char *problem = jln_award_draft_get_problem (self->draft);

  gtk_label_set_label (self->problem_label, problem ? problem : "");
  gtk_revealer_set_reveal_child (self->problem_revealer, problem != NULL);
  if (problem != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->confirm_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->confirm_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "award.confirm",
                                 self->session != NULL && jln_award_draft_get_can_confirm (self->draft));
}

static void
show_step (JlnAwardDialog *self,
           const char     *step)
{
  gboolean check = g_str_equal (step, "check");

  gtk_stack_set_visible_child_name (self->stack, step);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), check);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !check);
  /* One way out on each step: Cancel while choosing, the window's close
   * button (same action) once the back button takes Cancel's place. */
  adw_header_bar_set_show_end_title_buttons (self->header_bar, check);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_button), check);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "award.back", check);
  if (check)
    {
      adw_window_title_set_title (self->window_title,
                                  jln_badge_get_name (jln_award_draft_get_badge (self->draft)));
      /* The common case needs no more than Return (or a click) now. */
      if (jln_award_draft_get_can_confirm (self->draft))
        gtk_widget_grab_focus (GTK_WIDGET (self->confirm_button));
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("Choose a Badge"));
      gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
    }
}

/* Shows the badge the draft has just chosen; @other: it replaced another. */
static void
show_chosen (JlnAwardDialog *self,
             gboolean        other)
{
  JlnBadge *badge = jln_award_draft_get_badge (self->draft);
  g_autofree char *meta = NULL;
  const char *easy;

  /* Another badge starts with no note (the draft cleared its own);
   * evidence belongs to the award being prepared, not to a badge: it
   * stays when the coach goes back to pick another one. */
  if (other)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), "", -1);
  jln_award_draft_set_failure (self->draft, NULL);

  jln_badge_image_set_svg (self->chosen_image, jln_badge_get_image_svg (badge));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chosen_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, jln_badge_get_name (badge), -1);
  gtk_label_set_label (self->chosen_name, jln_badge_get_name (badge));
  easy = jln_badge_get_easy_text (badge);
  if (easy == NULL || *easy == '\0')
    easy = jln_badge_get_description (badge);
  gtk_label_set_label (self->chosen_easy_text, easy ? easy : "");
  gtk_widget_set_visible (GTK_WIDGET (self->chosen_easy_text), easy != NULL && *easy != '\0');
  /* Translators: "Health · Skill · version 2" */
  meta = g_strdup_printf (_("%s · %s · version %u"),
                          jln_badge_get_theme (badge) ? jln_badge_get_theme (badge) : "",
                          jln_badge_kind_get_display_name (jln_badge_get_kind (badge)),
                          jln_badge_get_version (badge));
  gtk_label_set_label (self->chosen_meta, meta);

  build_criteria (self);
  update_state (self);
  show_step (self, "check");
}

static gboolean
choose (JlnAwardDialog *self,
        JlnBadge       *badge,
        GError        **error)
{
  gboolean other = jln_award_draft_get_badge (self->draft) != badge;

  /* The draft refuses a version already held. */
  if (!jln_award_draft_choose_badge (self->draft, badge, error))
    return FALSE;
  show_chosen (self, other);
  return TRUE;
}

static void
on_grid_activate (JlnAwardDialog *self,
                  guint           position)
{
  g_autoptr(JlnBadge) badge = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  g_autoptr(GError) error = NULL;

  /* Held tiles are not activatable; the check stays for keyboard paths. */
  if (badge != NULL && !choose (self, badge, &error))
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
on_search_activate (JlnAwardDialog *self)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(JlnBadge) only = NULL;

  /* Return in the search field chooses the badge when only one fits. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnBadge) badge = g_list_model_get_item (model, i);

      if (badge_is_held (self, badge))
        continue;
      if (only != NULL)
        return;
      only = g_steal_pointer (&badge);
    }
  if (only != NULL)
    choose (self, only, NULL);
}

/* ---- evidence files ---- */

static void
on_remove_evidence (GtkButton      *button,
                    JlnAwardDialog *self)
{
  GFile *file = g_object_get_data (G_OBJECT (button), "file");

  /* The rows follow the draft's list (on_evidence_changed). */
  jln_award_draft_remove_evidence_file (self->draft, file);
  gtk_widget_grab_focus (GTK_WIDGET (self->files_group));
}

static void
on_share_evidence_toggled (GtkCheckButton *check,
                           JlnAwardDialog *self)
{
  GFile *file = g_object_get_data (G_OBJECT (check), "file");

  jln_award_draft_set_evidence_file_shared (self->draft, file, gtk_check_button_get_active (check));
}

static GtkWidget *
evidence_row (JlnAwardDialog *self,
              GFile          *file)
{
  g_autofree char *name = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *remove_label = NULL;
  g_autofree char *share_label = NULL;
  goffset size = 0;
  GtkWidget *row, *remove, *icon, *share;

  if (!jln_award_draft_check_evidence_file (file, &name, &size, NULL))
    {
      g_autofree char *basename = g_file_get_basename (file);

      name = g_filename_display_name (basename ? basename : "?");
    }
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  size_text = g_format_size (size);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size_text);
  icon = gtk_image_new_from_icon_name ("text-x-generic-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  remove_label = g_strdup_printf (_("Remove %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data_full (G_OBJECT (remove), "file", g_object_ref (file), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_evidence), self);

  /* Public or kept at the desk: said in words beside the box. */
  share = gtk_check_button_new_with_label (_("In the badge"));
  gtk_widget_set_valign (share, GTK_ALIGN_CENTER);
  share_label = g_strdup_printf (_("Put %s in the badge"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (share),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, share_label, -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (share),
                               jln_award_draft_get_evidence_file_shared (self->draft, file));
  g_object_set_data_full (G_OBJECT (share), "file", g_object_ref (file), g_object_unref);
  g_signal_connect (share, "toggled", G_CALLBACK (on_share_evidence_toggled), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), share);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
on_evidence_changed (JlnAwardDialog *self)
{
  GListModel *files = jln_award_draft_get_evidence_files (self->draft);
  guint n = g_list_model_get_n_items (files);

  for (guint i = 0; i < self->evidence_rows->len; i++)
    adw_preferences_group_remove (self->files_group, g_ptr_array_index (self->evidence_rows, i));
  g_ptr_array_set_size (self->evidence_rows, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      GtkWidget *row = evidence_row (self, file);

      adw_preferences_group_add (self->files_group, row);
      g_ptr_array_add (self->evidence_rows, row);
    }
}



static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     JlnAwardDialog  *self)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GString) refused = NULL;
  guint n;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      n = g_list_model_get_n_items (files);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autoptr(GError) error = NULL;

          /* A refusal is also the draft's last problem, shown here. */
          if (jln_award_draft_add_evidence_file (self->draft, file, &error))
            continue;
          if (refused == NULL)
            refused = g_string_new (error->message);
          else
            g_string_append_printf (refused, "\n%s", error->message);
        }
      /* Say every refusal, not just the last one. */
      if (refused != NULL)
        jln_award_draft_set_failure (self->draft, refused->str);
    }
  g_clear_object (&self->chooser);
}

static void
add_files_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JlnAwardDialog *self = JLN_AWARD_DIALOG (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Add Evidence Files"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- confirm ---- */

static void
on_note_changed (JlnAwardDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  /* The draft strips it when the badge is awarded. */
  jln_award_draft_set_note (self->draft, *text != '\0' ? text : NULL);
}

gboolean
jln_award_dialog_confirm (JlnAwardDialog *self,
                          GError        **error)
{
  g_autoptr(JlnAward) award = NULL;

  g_return_val_if_fail (JLN_IS_AWARD_DIALOG (self), FALSE);
  g_return_val_if_fail (self->session != NULL, FALSE);

  /* On failure nothing is written and the draft shows why. */
  award = jln_session_award (self->session, self->draft, error);
  if (award == NULL)
    return FALSE;

  /* The caller may drop its last reference from the handler. */
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_AWARDED], 0, award);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
  return TRUE;
}

/* ---- actions ---- */

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JlnAwardDialog *self = JLN_AWARD_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!jln_award_dialog_confirm (self, &error))
    {
      /* The reason is on screen (problem area); bring it into view. */
      gtk_widget_error_bell (widget);
      g_debug ("Award refused: %s", error->message);
    }
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JlnAwardDialog *self = JLN_AWARD_DIALOG (widget);

  jln_award_draft_set_failure (self->draft, NULL);
  show_step (self, "choose");
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ---- GObject ---- */

static void
jln_award_dialog_dispose (GObject *object)
{
  JlnAwardDialog *self = JLN_AWARD_DIALOG (object);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_AWARD_DIALOG);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->draft);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (jln_award_dialog_parent_class)->dispose (object);
}

static void
jln_award_dialog_finalize (GObject *object)
{
  JlnAwardDialog *self = JLN_AWARD_DIALOG (object);

  g_free (self->search_folded);
  g_clear_pointer (&self->criterion_checks, g_ptr_array_unref);
  g_clear_pointer (&self->criterion_rows, g_ptr_array_unref);
  g_clear_pointer (&self->evidence_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (jln_award_dialog_parent_class)->finalize (object);
}

static void
jln_award_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JlnAwardDialog *self = JLN_AWARD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_LARGE_ICONS:
      g_value_set_boolean (value, self->large_icons);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_award_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  JlnAwardDialog *self = JLN_AWARD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_LARGE_ICONS:
      jln_award_dialog_set_large_icons (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_award_dialog_class_init (JlnAwardDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_award_dialog_dispose;
  object_class->finalize = jln_award_dialog_finalize;
  object_class->get_property = jln_award_dialog_get_property;
  object_class->set_property = jln_award_dialog_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, JLN_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LARGE_ICONS] =
    g_param_spec_boolean ("large-icons", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JlnAwardDialog::awarded:
   * @award: the stored award (with its id and, when signed, its credential)
   *
   * Emitted once the award is written, just before the dialog closes.
   */
  signals[SIGNAL_AWARDED] =
    g_signal_new ("awarded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, JLN_TYPE_AWARD);

  gtk_widget_class_install_action (widget_class, "award.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "award.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "award.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "award.add-files", NULL, add_files_action);
  gtk_widget_class_install_action (widget_class, "award.all-criteria-met", NULL, all_criteria_met_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "award.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "award.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "award.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "award.back", NULL);

  g_type_ensure (JLN_TYPE_BADGE_IMAGE);
  g_type_ensure (JLN_TYPE_BADGE_TILE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/award/jln-award-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, choose_stack);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, grid_view);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, chosen_image);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, chosen_name);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, chosen_easy_text);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, chosen_meta);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, criteria_group);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, header_bar);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, note_group);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, files_group);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, note_view);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, share_note_check);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, when_group);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, date_popover);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, calendar);
}

static void
jln_award_dialog_init (JlnAwardDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->criterion_checks = g_ptr_array_new ();
  self->criterion_rows = g_ptr_array_new ();
  self->evidence_rows = g_ptr_array_new ();

  self->filter = gtk_custom_filter_new (filter_badge, self, NULL);
  set_tile_factory (self);
  g_signal_connect_swapped (self->grid_view, "activate", G_CALLBACK (on_grid_activate), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_search_stop), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (on_day_selected), self);
  g_signal_connect_swapped (self->date_popover, "show", G_CALLBACK (on_date_popover_show), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->grid_view));
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->note_view), "changed",
                            G_CALLBACK (on_note_changed), self);
}

/* Ticks and note set on the draft (tests, keyboard flows) show here too;
 * the widgets' own changes come back as no-ops. */
static void
on_criteria_met_changed (JlnAwardDialog *self)
{
  guint n = MIN (self->criterion_checks->len, jln_award_draft_get_n_criteria (self->draft));

  for (guint i = 0; i < n; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->criterion_checks, i);
      gboolean met = jln_award_draft_get_criterion_met (self->draft, i);

      if (gtk_check_button_get_active (check) != met)
        gtk_check_button_set_active (check, met);
    }
  update_all_met_action (self);
}

static void
on_draft_note_changed (JlnAwardDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  const char *note = jln_award_draft_get_note (self->draft);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, note ? note : "") != 0)
    gtk_text_buffer_set_text (buffer, note ? note : "", -1);
}

/* The dialog shows the draft: its problems, whether it can be confirmed,
 * its date and its files follow it. */
static void
set_draft (JlnAwardDialog *self,
           JlnAwardDraft  *draft)
{
  self->draft = draft;
  g_signal_connect_object (draft, "notify::problems", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (draft, "notify::can-confirm", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (draft, "notify::date", G_CALLBACK (update_date_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (draft, "notify::criteria-met", G_CALLBACK (on_criteria_met_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (draft, "notify::note", G_CALLBACK (on_draft_note_changed), self, G_CONNECT_SWAPPED);
  /* What is public is the draft's: the box only shows and sets it. */
  g_object_bind_property (draft, "share-note", self->share_note_check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (jln_award_draft_get_evidence_files (draft), "items-changed",
                           G_CALLBACK (on_evidence_changed), self, G_CONNECT_SWAPPED);
  /* A desk that asks each time: nobody is credited until the coach says
   * who awards (the draft blocks confirming until then). */
  if (jln_award_draft_get_needs_coach (draft))
    {
      GtkWidget *row = jln_coach_row_new (self->session);

      gtk_widget_set_name (row, "coach-row");
      adw_preferences_group_add (self->when_group, row);
      g_object_bind_property (draft, "coach-id", row, "coach-id",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    }
  update_date_row (self);
  on_evidence_changed (self);
  update_state (self);
  show_step (self, "choose");
}

JlnAwardDialog *
jln_award_dialog_new (GtkWindow      *parent,
                      JlnSession     *session,
                      JlnParticipant *participant)
{
  JlnAwardDialog *self;
  JlnAwardDraft *draft;
  g_autofree char *subtitle = NULL;
  g_autoptr(GtkSelectionModel) selection = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (JLN_IS_SESSION (session), NULL);
  g_return_val_if_fail (JLN_IS_PARTICIPANT (participant), NULL);

  self = g_object_new (JLN_TYPE_AWARD_DIALOG, "session", session, NULL);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      if (gtk_window_get_application (parent) != NULL)
        gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }

  draft = jln_session_new_award_draft (session, jln_participant_get_id (participant), &error);
  if (draft == NULL)
    {
      /* Archived or gone meanwhile: the dialog says so and awards nothing
       * (the session refuses too). */
      draft = jln_award_draft_new (participant, NULL);
      jln_award_draft_set_failure (draft, error->message);
    }
  set_draft (self, draft);

  /* Translators: subtitle of the award dialog, "For Amina K." */
  subtitle = g_strdup_printf (_("For %s"), jln_participant_get_display_name (participant));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  self->filtered = gtk_filter_list_model_new (g_object_ref (jln_store_get_badges (jln_session_get_store (session))),
                                              GTK_FILTER (g_object_ref (self->filter)));
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_empty), self);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered))));
  gtk_grid_view_set_model (self->grid_view, selection);
  update_empty (self);

  /* Normal mode first (the group hints), then the session's setting. */
  jln_award_dialog_set_large_icons (self, FALSE);
  jln_large_icons_bind (GTK_WIDGET (self), jln_session_get_settings (session));
  update_state (self);
  return self;
}

JlnAwardDraft *
jln_award_dialog_get_draft (JlnAwardDialog *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DIALOG (self), NULL);

  return self->draft;
}

JlnParticipant *
jln_award_dialog_get_participant (JlnAwardDialog *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DIALOG (self), NULL);

  return jln_award_draft_get_participant (self->draft);
}

gboolean
jln_award_dialog_choose_badge (JlnAwardDialog *self,
                               gint64          badge_id,
                               GError        **error)
{
  JlnBadge *before;

  g_return_val_if_fail (JLN_IS_AWARD_DIALOG (self), FALSE);

  before = jln_award_draft_get_badge (self->draft);
  /* The draft decides what can be chosen (published, not held). */
  if (!jln_award_draft_choose_badge_id (self->draft,
                                        jln_store_get_badges (jln_session_get_store (self->session)),
                                        badge_id, error))
    return FALSE;
  show_chosen (self, before == NULL || jln_badge_get_id (before) != badge_id);
  return TRUE;
}

const char *
jln_award_dialog_get_step (JlnAwardDialog *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}





void
jln_award_dialog_set_large_icons (JlnAwardDialog *self,
                                  gboolean        large_icons)
{
  gboolean changed;

  g_return_if_fail (JLN_IS_AWARD_DIALOG (self));

  large_icons = !!large_icons;
  changed = self->large_icons != large_icons;
  self->large_icons = large_icons;
  if (large_icons)
    gtk_widget_add_css_class (GTK_WIDGET (self), "large-icons");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large-icons");

  /* Fewer words: the hints under the group titles go. */
  adw_preferences_group_set_description (self->criteria_group,
                                         large_icons ? NULL : _("Tick what the person has shown."));
  adw_preferences_group_set_description (self->note_group,
                                         large_icons ? NULL : _("Optional: what was done, where, with whom."));
  adw_preferences_group_set_description (self->files_group,
                                         large_icons ? NULL : _("Optional: photos or documents, 50 MB at most each."));
  jln_badge_image_set_pixel_size (self->chosen_image,
                                  large_icons ? CHOSEN_IMAGE_SIZE_LARGE : CHOSEN_IMAGE_SIZE);
  gtk_widget_set_visible (GTK_WIDGET (self->chosen_meta), !large_icons);
  if (large_icons)
    gtk_window_set_default_size (GTK_WINDOW (self), 900, 760);

  /* A new factory rebuilds the tiles at their new size. */
  set_tile_factory (self);
  if (self->draft != NULL && jln_award_draft_get_badge (self->draft) != NULL)
    build_criteria (self);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE_ICONS]);
}

/* ---- undo ---- */

gboolean
jln_award_undo (JlnSession  *session,
                JlnAward    *award,
                GError     **error)
{
  g_return_val_if_fail (JLN_IS_SESSION (session), FALSE);
  g_return_val_if_fail (JLN_IS_AWARD (award), FALSE);

  /* The session also deletes the evidence copies made for it. */
  return jln_session_undo_award (session, jln_award_get_id (award), error);
}

typedef struct {
  JlnSession *session;
  JlnAward   *award;
} UndoData;

static void
undo_data_free (gpointer  data,
                GClosure *closure)
{
  UndoData *undo = data;

  g_clear_object (&undo->session);
  g_clear_object (&undo->award);
  g_free (undo);
}

static void
on_undo_clicked (AdwToast *toast,
                 UndoData *undo)
{
  g_autoptr(GError) error = NULL;

  if (!jln_award_undo (undo->session, undo->award, &error))
    g_warning ("The award could not be undone: %s", error->message);
}

AdwToast *
jln_award_undo_toast_new (JlnSession *session,
                          JlnAward   *award)
{
  AdwToast *toast;
  UndoData *undo;
  g_autofree char *title = NULL;

  g_return_val_if_fail (JLN_IS_SESSION (session), NULL);
  g_return_val_if_fail (JLN_IS_AWARD (award), NULL);

  /* Toast titles are markup. */
  title = g_markup_printf_escaped (_("Badge “%s” awarded"),
                                   jln_award_get_badge_name (award) ? jln_award_get_badge_name (award) : "");
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, UNDO_TIMEOUT_S);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  undo = g_new0 (UndoData, 1);
  undo->session = g_object_ref (session);
  undo->award = g_object_ref (award);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked),
                         undo, undo_data_free, 0);
  return toast;
}
