#define G_LOG_DOMAIN "jalons"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ui/jln-application.h"
#include "ui/jln-certificate.h"
#include "ui/jln-award-dialog-private.h"
#include "ui/widgets/jln-badge-image.h"
#include "ui/widgets/jln-badge-tile.h"

#include "service/jln-issuer.h"

#define CHOSEN_IMAGE_SIZE 128
#define CHOSEN_IMAGE_SIZE_LARGE 176
#define UNDO_TIMEOUT_S 5

typedef struct {
  GFile     *file;
  char      *name;   /* display name, also the end of the copy's name */
  goffset    size;
  GtkWidget *row;
} Evidence;

static void
evidence_free (Evidence *ev)
{
  g_clear_object (&ev->file);
  g_free (ev->name);
  g_free (ev);
}

struct _JlnAwardDialog
{
  AdwWindow parent_instance;

  JlnStore       *store;
  JlnIssuer      *issuer;
  JlnParticipant *participant;
  char           *actor;
  gboolean        large_icons;

  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *search_folded;
  GHashTable         *held_versions;  /* version id -> TRUE (active awards) */
  GHashTable         *held_badges;    /* badge id -> highest version held */

  JlnBadge   *chosen;
  GPtrArray  *criterion_checks;       /* GtkCheckButton*, by position */
  GPtrArray  *criterion_rows;
  GPtrArray  *evidence;               /* Evidence* */
  GDateTime  *date;                   /* local midnight of the chosen day */
  char       *problem;                /* what the coach is told, or NULL */
  char       *failure;                /* last refusal, cleared on any change */
  gboolean    can_confirm;

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
  AdwPreferencesGroup *note_group;
  AdwPreferencesGroup *files_group;
  GtkTextView        *note_view;
  AdwActionRow       *date_row;
  GtkMenuButton      *date_button;
  GtkPopover         *date_popover;
  GtkCalendar        *calendar;
};

G_DEFINE_FINAL_TYPE (JlnAwardDialog, jln_award_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_AWARDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_state (JlnAwardDialog *self);

/* ---- dates ---- */

static GDateTime *
local_midnight (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  return g_date_time_new_local (g_date_time_get_year (local),
                                g_date_time_get_month (local),
                                g_date_time_get_day_of_month (local),
                                0, 0, 0);
}

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

/* Entry dates are stored as UTC midnight: their day is the UTC one. */
static int
utc_day (GDateTime *when)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (when);

  return day_number (g_date_time_get_year (utc), g_date_time_get_month (utc),
                     g_date_time_get_day_of_month (utc));
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
  gint64 version_id = jln_badge_get_version_id (badge);

  return g_hash_table_contains (self->held_versions, &version_id);
}

static guint
held_older_version (JlnAwardDialog *self,
                    JlnBadge       *badge)
{
  gint64 badge_id = jln_badge_get_id (badge);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->held_badges, &badge_id));
}

static void
load_holdings (JlnAwardDialog *self)
{
  g_autoptr(GListModel) awards = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  g_hash_table_remove_all (self->held_versions);
  g_hash_table_remove_all (self->held_badges);
  if (self->store == NULL || self->participant == NULL)
    return;

  awards = jln_store_list_awards_for_participant (self->store,
                                                  jln_participant_get_id (self->participant),
                                                  &error);
  if (awards == NULL)
    {
      /* The store refuses a second award of the same version anyway. */
      g_warning ("Could not read the participant's badges: %s", error->message);
      return;
    }
  n = g_list_model_get_n_items (awards);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (awards, i);
      gint64 *version_id, *badge_id;
      guint version = jln_award_get_badge_version (award);

      if (jln_award_get_status (award) != JLN_AWARD_STATUS_ACTIVE)
        continue;
      version_id = g_new (gint64, 1);
      *version_id = jln_award_get_badge_version_id (award);
      g_hash_table_add (self->held_versions, version_id);

      badge_id = g_new (gint64, 1);
      *badge_id = jln_award_get_badge_id (award);
      if (version > GPOINTER_TO_UINT (g_hash_table_lookup (self->held_badges, badge_id)))
        g_hash_table_insert (self->held_badges, badge_id, GUINT_TO_POINTER (version));
      else
        g_free (badge_id);
    }
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
                                     jln_participant_get_display_name (self->participant));
    }
  else
    {
      gtk_widget_remove_css_class (box, "held");
      if (older > 0)
        description = g_strdup_printf (_("%s holds version %u; this is version %u, which can be awarded."),
                                       jln_participant_get_display_name (self->participant),
                                       older, jln_badge_get_version (badge));
    }

  if (older > 0)
    {
      g_autofree char *text = g_strdup_printf (_("New version %u"), jln_badge_get_version (badge));

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
on_criterion_toggled (JlnAwardDialog *self)
{
  g_clear_pointer (&self->failure, g_free);
  update_state (self);
}

static void
build_criteria (JlnAwardDialog *self)
{
  GListModel *criteria = jln_badge_get_criteria (self->chosen);
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

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, jln_criterion_get_text (criterion),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      required ? _("Required") : _("Optional"),
                                      -1);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_criterion_toggled), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

      adw_preferences_group_add (self->criteria_group, row);
      g_ptr_array_add (self->criterion_rows, row);
      g_ptr_array_add (self->criterion_checks, check);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->criteria_group), n > 0);
}

static void
update_date_row (JlnAwardDialog *self)
{
  g_autofree char *text = format_day (self->date);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *accessible = NULL;

  if (local_day (self->date) == local_day (now))
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

void
jln_award_dialog_set_date (JlnAwardDialog *self,
                           GDateTime      *date)
{
  g_return_if_fail (JLN_IS_AWARD_DIALOG (self));
  g_return_if_fail (date != NULL);

  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = local_midnight (date);
  g_clear_pointer (&self->failure, g_free);
  update_date_row (self);
  update_state (self);
}

static void
on_day_selected (JlnAwardDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);

  if (local_day (date) == local_day (self->date))
    return;
  jln_award_dialog_set_date (self, date);
  gtk_popover_popdown (self->date_popover);
}

static void
on_date_popover_show (JlnAwardDialog *self)
{
  /* Opens on the chosen day, not the last one browsed to. */
  g_signal_handlers_block_by_func (self->calendar, on_day_selected, self);
  gtk_calendar_select_day (self->calendar, self->date);
  g_signal_handlers_unblock_by_func (self->calendar, on_day_selected, self);
}

static void
update_state (JlnAwardDialog *self)
{
  g_autofree char *problem = NULL;
  gboolean can = self->chosen != NULL && self->store != NULL && self->participant != NULL;

  if (self->chosen != NULL)
    {
      GListModel *criteria = jln_badge_get_criteria (self->chosen);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      GDateTime *entry = jln_participant_get_entry_date (self->participant);
      guint n_missing = 0;
      const char *first_missing = NULL;

      for (guint i = 0; i < self->criterion_checks->len; i++)
        {
          g_autoptr(JlnCriterion) criterion = g_list_model_get_item (criteria, i);

          if (criterion == NULL || !jln_criterion_get_required (criterion))
            continue;
          if (gtk_check_button_get_active (g_ptr_array_index (self->criterion_checks, i)))
            continue;
          if (n_missing++ == 0)
            first_missing = jln_criterion_get_text (criterion);
        }

      if (n_missing == 1)
        problem = g_strdup_printf (_("“%s” is required for this badge. Tick it once it has been shown, "
                                     "or award the badge later."), first_missing);
      else if (n_missing > 1)
        problem = g_strdup_printf (ngettext ("%u required criterion is not ticked. "
                                             "The badge can be awarded once it has been shown.",
                                             "%u required criteria are not ticked. "
                                             "The badge can be awarded once they have been shown.",
                                             n_missing), n_missing);
      else if (local_day (self->date) > local_day (now))
        problem = g_strdup (_("The date is in the future. A badge is awarded on the day it was earned, "
                              "today at the latest."));
      else if (entry != NULL && local_day (self->date) < utc_day (entry))
        {
          g_autofree char *entry_text = format_day (entry);

          problem = g_strdup_printf (_("The date is before %s joined the programme (%s). "
                                       "Choose a later date."),
                                     jln_participant_get_display_name (self->participant),
                                     entry_text);
        }
      if (problem != NULL)
        can = FALSE;
    }

  if (problem == NULL && self->failure != NULL)
    problem = g_strdup (self->failure);

  g_free (self->problem);
  self->problem = g_steal_pointer (&problem);
  gtk_label_set_label (self->problem_label, self->problem ? self->problem : "");
  gtk_revealer_set_reveal_child (self->problem_revealer, self->problem != NULL);
  if (self->problem != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->confirm_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->problem, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->confirm_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  self->can_confirm = can;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "award.confirm", can);
}

static void
show_step (JlnAwardDialog *self,
           const char     *step)
{
  gboolean check = g_str_equal (step, "check");

  gtk_stack_set_visible_child_name (self->stack, step);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), check);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !check);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_button), check);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "award.back", check);
  if (check)
    {
      adw_window_title_set_title (self->window_title, jln_badge_get_name (self->chosen));
      /* The common case needs no more than Return (or a click) now. */
      if (self->can_confirm)
        gtk_widget_grab_focus (GTK_WIDGET (self->confirm_button));
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("Choose a Badge"));
      gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
    }
}

static gboolean
choose (JlnAwardDialog *self,
        JlnBadge       *badge,
        GError        **error)
{
  g_autofree char *meta = NULL;
  const char *easy;

  if (badge_is_held (self, badge))
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_ALREADY_AWARDED,
                   _("%s already holds this badge (version %u)."),
                   jln_participant_get_display_name (self->participant),
                   jln_badge_get_version (badge));
      return FALSE;
    }

  if (self->chosen != badge)
    {
      g_set_object (&self->chosen, badge);
      /* Evidence belongs to the award being prepared, not to a badge: it
       * stays when the coach goes back to pick another one. */
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), "", -1);
    }
  g_clear_pointer (&self->failure, g_free);

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
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");

  for (guint i = 0; i < self->evidence->len; i++)
    {
      Evidence *ev = g_ptr_array_index (self->evidence, i);

      if (ev->row != row)
        continue;
      adw_preferences_group_remove (self->files_group, row);
      g_ptr_array_remove_index (self->evidence, i);
      break;
    }
  g_clear_pointer (&self->failure, g_free);
  update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->files_group));
}

static gboolean
query_evidence (GFile    *file,
                char    **name_out,
                goffset  *size_out,
                GError  **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *size_text = NULL;

  name = g_filename_display_name (basename ? basename : "?");
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                     _("The file “%s” cannot be found. It may have been moved or deleted."), name);
      else
        g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                     _("The file “%s” cannot be read (%s)."), name, local_error->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("“%s” is not a file. Choose a photo or a document."), name);
      return FALSE;
    }
  if (g_file_info_get_size (info) > JLN_AWARD_EVIDENCE_MAX_SIZE)
    {
      size_text = g_format_size (g_file_info_get_size (info));
      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                   _("The file “%s” is too large (%s). Evidence files can be 50 MB at most: "
                     "make the photo smaller or choose another file."), name, size_text);
      return FALSE;
    }

  if (name_out != NULL)
    *name_out = g_steal_pointer (&name);
  if (size_out != NULL)
    *size_out = g_file_info_get_size (info);
  return TRUE;
}

gboolean
jln_award_dialog_add_evidence_file (JlnAwardDialog *self,
                                    GFile          *file,
                                    GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *remove_label = NULL;
  goffset size = 0;
  GtkWidget *row, *remove, *icon;
  Evidence *ev;

  g_return_val_if_fail (JLN_IS_AWARD_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  for (guint i = 0; i < self->evidence->len; i++)
    if (g_file_equal (((Evidence *) g_ptr_array_index (self->evidence, i))->file, file))
      return TRUE;

  if (!query_evidence (file, &name, &size, &local_error))
    {
      g_free (self->failure);
      self->failure = g_strdup (local_error->message);
      update_state (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
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
  g_object_set_data (G_OBJECT (remove), "row", row);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_evidence), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_preferences_group_add (self->files_group, row);

  ev = g_new0 (Evidence, 1);
  ev->file = g_object_ref (file);
  ev->name = g_steal_pointer (&name);
  ev->size = size;
  ev->row = row;
  g_ptr_array_add (self->evidence, ev);

  g_clear_pointer (&self->failure, g_free);
  update_state (self);
  return TRUE;
}

guint
jln_award_dialog_get_n_evidence_files (JlnAwardDialog *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DIALOG (self), 0);

  return self->evidence->len;
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

          if (jln_award_dialog_add_evidence_file (self, file, &error))
            continue;
          if (refused == NULL)
            refused = g_string_new (error->message);
          else
            g_string_append_printf (refused, "\n%s", error->message);
        }
      /* Say every refusal, not just the last one. */
      if (refused != NULL)
        {
          g_free (self->failure);
          self->failure = g_string_free (g_steal_pointer (&refused), FALSE);
          update_state (self);
        }
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

/* Keeps the copy's name readable but harmless: no separators, no leading
 * dot, bounded length. */
static char *
safe_file_name (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name, -1);
  GString *out = g_string_new (NULL);
  const char *p;

  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || g_unichar_iscntrl (c))
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
      if (out->len > 120)
        break;
    }
  while (out->len > 0 && out->str[0] == '.')
    g_string_erase (out, 0, 1);
  if (out->len == 0)
    g_string_append (out, "file");
  return g_string_free (out, FALSE);
}

static void
delete_copies (GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    if (g_unlink (g_ptr_array_index (paths, i)) != 0)
      g_warning ("Could not remove the evidence copy %s: %s",
                 (const char *) g_ptr_array_index (paths, i), g_strerror (errno));
}

static gboolean
copy_evidence (JlnAwardDialog *self,
               GPtrArray      *copies,
               GError        **error)
{
  g_autofree char *files_dir = NULL;
  g_autofree char *dir = NULL;

  if (self->evidence->len == 0)
    return TRUE;

  files_dir = jln_store_dup_files_dir (self->store);
  dir = g_build_filename (files_dir, "evidence", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                   _("The folder for evidence files cannot be created (%s). Nothing was awarded."),
                   g_strerror (saved));
      return FALSE;
    }

  for (guint i = 0; i < self->evidence->len; i++)
    {
      Evidence *ev = g_ptr_array_index (self->evidence, i);
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *safe = safe_file_name (ev->name);
      g_autofree char *copy_name = g_strdup_printf ("%s-%s", uuid, safe);
      g_autofree char *path = g_build_filename (dir, copy_name, NULL);
      g_autoptr(GFile) dest = g_file_new_for_path (path);
      g_autoptr(GError) local_error = NULL;

      /* The file may have changed since it was added. */
      if (!query_evidence (ev->file, NULL, NULL, error))
        return FALSE;
      if (!g_file_copy (ev->file, dest, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error))
        {
          /* A partial copy may exist. */
          g_unlink (path);
          g_set_error (error, JLN_STORE_ERROR, JLN_STORE_ERROR_IO,
                       _("The file “%s” could not be copied (%s). Nothing was awarded."),
                       ev->name, local_error->message);
          return FALSE;
        }
      g_ptr_array_add (copies, g_steal_pointer (&path));
    }
  return TRUE;
}

/* The coach at the desk if they are known by name, else the participant's
 * own coach (their referent, who usually awards). */
static gint64
find_coach_id (JlnAwardDialog *self)
{
  GListModel *coaches = jln_store_get_coaches (self->store);
  guint n = coaches ? g_list_model_get_n_items (coaches) : 0;

  for (guint i = 0; i < n && self->actor != NULL; i++)
    {
      g_autoptr(JlnCoach) coach = g_list_model_get_item (coaches, i);

      if (g_strcmp0 (jln_coach_get_name (coach), self->actor) == 0)
        return jln_coach_get_id (coach);
    }
  return jln_participant_get_coach_id (self->participant);
}

static char *
dup_note (JlnAwardDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static GDateTime *
dup_awarded_on (JlnAwardDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (local_day (self->date) == local_day (now))
    return g_date_time_new_now_utc ();
  /* Midday UTC stays on the same calendar day in every European zone. */
  return g_date_time_new_utc (g_date_time_get_year (self->date),
                              g_date_time_get_month (self->date),
                              g_date_time_get_day_of_month (self->date),
                              12, 0, 0);
}

gboolean
jln_award_dialog_confirm (JlnAwardDialog *self,
                          GError        **error)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) met = g_ptr_array_new ();
  g_autoptr(JlnAward) award = NULL;
  g_autoptr(GDateTime) awarded_on = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *note = NULL;
  GListModel *criteria;
  gboolean ok;

  g_return_val_if_fail (JLN_IS_AWARD_DIALOG (self), FALSE);

  update_state (self);
  if (!self->can_confirm)
    {
      g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_CONSTRAINT,
                           self->problem ? self->problem : _("Choose a badge first."));
      return FALSE;
    }

  criteria = jln_badge_get_criteria (self->chosen);
  for (guint i = 0; i < self->criterion_checks->len; i++)
    {
      g_autoptr(JlnCriterion) criterion = g_list_model_get_item (criteria, i);

      if (criterion != NULL &&
          gtk_check_button_get_active (g_ptr_array_index (self->criterion_checks, i)))
        g_ptr_array_add (met, (gpointer) jln_criterion_get_text (criterion));
    }
  g_ptr_array_add (met, NULL);

  if (!copy_evidence (self, copies, &local_error))
    goto fail;

  award = jln_award_new (jln_participant_get_id (self->participant),
                         jln_badge_get_version_id (self->chosen),
                         find_coach_id (self));
  jln_award_set_criteria_met (award, (const char * const *) met->pdata);
  note = dup_note (self);
  jln_award_set_evidence_note (award, note);
  if (copies->len > 0)
    {
      g_ptr_array_add (copies, NULL);
      jln_award_set_evidence_files (award, (const char * const *) copies->pdata);
      g_ptr_array_remove_index (copies, copies->len - 1);
    }
  awarded_on = dup_awarded_on (self);
  jln_award_set_awarded_on (award, awarded_on);

  if (self->issuer != NULL)
    ok = jln_issuer_award (self->issuer, award, self->actor, &local_error);
  else
    ok = jln_store_add_award (self->store, award, self->actor, NULL, NULL, &local_error);
  if (!ok)
    goto fail;

  /* The caller may drop its last reference from the handler. */
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_AWARDED], 0, award);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
  return TRUE;

fail:
  delete_copies (copies);
  g_free (self->failure);
  self->failure = g_strdup (local_error->message);
  update_state (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
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

  g_clear_pointer (&self->failure, g_free);
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
  if (self->evidence != NULL)
    g_ptr_array_set_size (self->evidence, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_AWARD_DIALOG);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->chosen);
  g_clear_object (&self->participant);
  g_clear_object (&self->issuer);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jln_award_dialog_parent_class)->dispose (object);
}

static void
jln_award_dialog_finalize (GObject *object)
{
  JlnAwardDialog *self = JLN_AWARD_DIALOG (object);

  g_free (self->actor);
  g_free (self->search_folded);
  g_free (self->problem);
  g_free (self->failure);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->held_versions, g_hash_table_unref);
  g_clear_pointer (&self->held_badges, g_hash_table_unref);
  g_clear_pointer (&self->criterion_checks, g_ptr_array_unref);
  g_clear_pointer (&self->criterion_rows, g_ptr_array_unref);
  g_clear_pointer (&self->evidence, g_ptr_array_unref);

  G_OBJECT_CLASS (jln_award_dialog_parent_class)->finalize (object);
}

static void
jln_award_dialog_class_init (JlnAwardDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_award_dialog_dispose;
  object_class->finalize = jln_award_dialog_finalize;

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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "award.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "award.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "award.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "award.back", NULL);

  g_type_ensure (JLN_TYPE_BADGE_IMAGE);
  g_type_ensure (JLN_TYPE_BADGE_TILE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/jln-award-dialog.ui");
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
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, note_group);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, files_group);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, note_view);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, date_popover);
  gtk_widget_class_bind_template_child (widget_class, JlnAwardDialog, calendar);
}

static void
jln_award_dialog_init (JlnAwardDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->held_versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->held_badges = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->criterion_checks = g_ptr_array_new ();
  self->criterion_rows = g_ptr_array_new ();
  self->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) evidence_free);
  self->date = local_midnight (now);
  update_date_row (self);

  self->filter = gtk_custom_filter_new (filter_badge, self, NULL);
  set_tile_factory (self);
  g_signal_connect_swapped (self->grid_view, "activate", G_CALLBACK (on_grid_activate), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_search_stop), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (on_day_selected), self);
  g_signal_connect_swapped (self->date_popover, "show", G_CALLBACK (on_date_popover_show), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->grid_view));

  update_state (self);
  show_step (self, "choose");
}

JlnAwardDialog *
jln_award_dialog_new (GtkWindow      *parent,
                      JlnStore       *store,
                      JlnIssuer      *issuer,
                      JlnParticipant *participant,
                      const char     *actor)
{
  JlnAwardDialog *self;
  g_autofree char *subtitle = NULL;
  g_autoptr(GtkSelectionModel) selection = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (JLN_IS_STORE (store), NULL);
  g_return_val_if_fail (JLN_IS_PARTICIPANT (participant), NULL);

  self = g_object_new (JLN_TYPE_AWARD_DIALOG, NULL);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      if (gtk_window_get_application (parent) != NULL)
        gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }
  self->store = g_object_ref (store);
  self->issuer = issuer ? g_object_ref (issuer) : NULL;
  self->participant = g_object_ref (participant);
  self->actor = g_strdup (actor ? actor : "coach");

  /* Translators: subtitle of the award dialog, "For Amina K." */
  subtitle = g_strdup_printf (_("For %s"), jln_participant_get_display_name (participant));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  load_holdings (self);
  self->filtered = gtk_filter_list_model_new (g_object_ref (jln_store_get_badges (store)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_empty), self);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered))));
  gtk_grid_view_set_model (self->grid_view, selection);
  update_empty (self);

  jln_award_dialog_set_large_icons (self, parent != NULL &&
                                    gtk_widget_has_css_class (GTK_WIDGET (parent), "large-icons"));
  update_state (self);
  return self;
}

JlnParticipant *
jln_award_dialog_get_participant (JlnAwardDialog *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DIALOG (self), NULL);

  return self->participant;
}

gboolean
jln_award_dialog_choose_badge (JlnAwardDialog *self,
                               gint64          badge_id,
                               GError        **error)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (JLN_IS_AWARD_DIALOG (self), FALSE);

  model = G_LIST_MODEL (self->filtered);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnBadge) badge = g_list_model_get_item (model, i);

      if (jln_badge_get_id (badge) == badge_id)
        return choose (self, badge, error);
    }
  g_set_error_literal (error, JLN_STORE_ERROR, JLN_STORE_ERROR_NOT_FOUND,
                       _("This badge is not published, so it cannot be awarded."));
  return FALSE;
}

JlnBadge *
jln_award_dialog_get_chosen_badge (JlnAwardDialog *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DIALOG (self), NULL);

  return self->chosen;
}

const char *
jln_award_dialog_get_step (JlnAwardDialog *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
jln_award_dialog_set_criterion_met (JlnAwardDialog *self,
                                    guint           position,
                                    gboolean        met)
{
  g_return_if_fail (JLN_IS_AWARD_DIALOG (self));
  g_return_if_fail (position < self->criterion_checks->len);

  gtk_check_button_set_active (g_ptr_array_index (self->criterion_checks, position), met);
}

void
jln_award_dialog_set_note (JlnAwardDialog *self,
                           const char     *note)
{
  g_return_if_fail (JLN_IS_AWARD_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note ? note : "", -1);
}

gboolean
jln_award_dialog_get_can_confirm (JlnAwardDialog *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DIALOG (self), FALSE);

  return self->can_confirm;
}

const char *
jln_award_dialog_get_problem (JlnAwardDialog *self)
{
  g_return_val_if_fail (JLN_IS_AWARD_DIALOG (self), NULL);

  return self->problem;
}

void
jln_award_dialog_set_large_icons (JlnAwardDialog *self,
                                  gboolean        large_icons)
{
  g_return_if_fail (JLN_IS_AWARD_DIALOG (self));

  large_icons = !!large_icons;
  self->large_icons = large_icons;
  if (large_icons)
    gtk_widget_add_css_class (GTK_WIDGET (self), "large-icons");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large-icons");

  /* Fewer words: the hints under the group titles go. */
  adw_preferences_group_set_description (self->criteria_group,
                                         large_icons ? NULL : _("Untick what has not been shown yet."));
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
  if (self->chosen != NULL)
    build_criteria (self);
  update_state (self);
}

/* ---- undo ---- */

static gboolean
path_is_evidence_copy (const char *files_dir,
                       const char *path)
{
  g_autofree char *dir = g_build_filename (files_dir, "evidence", NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  return g_path_is_absolute (path) && g_strcmp0 (parent, dir) == 0 &&
         strstr (path, "/../") == NULL;
}

gboolean
jln_award_undo (JlnStore    *store,
                JlnAward    *award,
                const char  *actor,
                GError     **error)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *files_dir = NULL;

  g_return_val_if_fail (JLN_IS_STORE (store), FALSE);
  g_return_val_if_fail (JLN_IS_AWARD (award), FALSE);

  files = g_strdupv ((char **) jln_award_get_evidence_files (award));
  if (!jln_store_undo_award (store, jln_award_get_id (award), actor ? actor : "coach", error))
    return FALSE;

  /* The award never existed: neither do the copies made for it. Only files
   * inside our own evidence folder are touched. */
  files_dir = jln_store_dup_files_dir (store);
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      if (!path_is_evidence_copy (files_dir, files[i]))
        continue;
      if (g_unlink (files[i]) != 0 && errno != ENOENT)
        g_warning ("Could not remove the evidence copy %s: %s", files[i], g_strerror (errno));
    }
  return TRUE;
}

typedef struct {
  JlnStore *store;
  JlnAward *award;
  char     *actor;
} UndoData;

static void
undo_data_free (gpointer  data,
                GClosure *closure)
{
  UndoData *undo = data;

  g_clear_object (&undo->store);
  g_clear_object (&undo->award);
  g_free (undo->actor);
  g_free (undo);
}

static void
on_undo_clicked (AdwToast *toast,
                 UndoData *undo)
{
  g_autoptr(GError) error = NULL;

  if (!jln_award_undo (undo->store, undo->award, undo->actor, &error))
    g_warning ("The award could not be undone: %s", error->message);
}

AdwToast *
jln_award_undo_toast_new (JlnStore   *store,
                          JlnAward   *award,
                          const char *actor)
{
  AdwToast *toast;
  UndoData *undo;
  g_autofree char *title = NULL;

  g_return_val_if_fail (JLN_IS_STORE (store), NULL);
  g_return_val_if_fail (JLN_IS_AWARD (award), NULL);

  /* Toast titles are markup. */
  title = g_markup_printf_escaped (_("Badge “%s” awarded"),
                                   jln_award_get_badge_name (award) ? jln_award_get_badge_name (award) : "");
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, UNDO_TIMEOUT_S);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  undo = g_new0 (UndoData, 1);
  undo->store = g_object_ref (store);
  undo->award = g_object_ref (award);
  undo->actor = g_strdup (actor);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked),
                         undo, undo_data_free, 0);
  return toast;
}
