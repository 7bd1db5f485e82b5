/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <string.h>
#include <glib/gi18n.h>

#include "ui/shell/jln-ui-resources.h"
#include "ui/common/jln-a11y.h"
#include "ui/common/jln-toast.h"
#include "ui/common/jln-view.h"
#include "ui/participants/jln-participants-view.h"
#include "ui/participants/jln-participant-form.h"
#include "ui/participants/jln-participant-page.h"
#include "ui/participants/jln-participant-row.h"
#include "ui/award/jln-award-dialog.h"

struct _JlnParticipantsView
{
  AdwBin parent_instance;

  JlnSession         *session;
  JlnStore           *store;           /* the session's */
  gboolean            large_icons;

  GListModel         *territories;     /* store's, watched for changes */
  GListModel         *coaches;
  GSignalGroup       *territory_signals;
  GSignalGroup       *coach_signals;
  GArray             *territory_ids;   /* gint64 per drop-down row; 0 = all */
  GArray             *coach_ids;
  gint64              territory_id;    /* active filters */
  gint64              coach_id;
  char               *needle;          /* folded search text, NULL = none */
  /* Holders of one badge in one territory (from a badge page): */
  gint64              holders_badge_id;      /* 0 = no such filter */
  gint64              holders_territory_id;  /* 0 = people with no territory */
  GHashTable         *holder_ids;            /* gint64 participant ids */
  GSignalGroup       *store_signals;

  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkNoSelection     *selection;
  /* What the list view shows: one placeholder object per position of
   * filter_model, never moved; rows show filter_model's item at their
   * position. A search then changes the text of the rows in place and only
   * the list's length changes: GTK 4.8's list view would otherwise destroy
   * and rebuild some 200 rows for every keystroke. */
  GListStore         *slots;
  GPtrArray          *slot_objects;    /* all placeholders made, by position */
  GHashTable         *bound_items;     /* GtkListItems with a participant */
  GHashTable         *stale_items;     /* off screen, re-pointed when idle */
  guint               stale_idle_id;
  GtkAdjustment      *vadjustment;     /* the list's, watched for scrolling */

  /* template children */
  AdwLeaflet      *leaflet;
  GtkSearchEntry  *search_entry;
  GtkDropDown     *territory_dropdown;
  GtkDropDown     *coach_dropdown;
  GtkWidget       *filter_box;
  GtkWidget       *holders_box;
  GtkLabel        *holders_label;
  GtkLabel        *count_label;
  GtkStack        *content_stack;
  GtkListView     *list_view;
  AdwStatusPage   *empty_page;
  GtkWidget       *empty_new_button;
  JlnParticipantPage *participant_page;
};

static void jln_participants_view_iface_init (JlnViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JlnParticipantsView, jln_participants_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (JLN_TYPE_VIEW, jln_participants_view_iface_init))

enum {
  PROP_0,
  PROP_SESSION,
  PROP_LARGE_ICONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void set_store (JlnParticipantsView *self,
                       JlnStore            *store);

static gboolean
filter_participant (gpointer item,
                    gpointer user_data)
{
  JlnParticipantsView *self = user_data;
  JlnParticipant *p = item;

  if (self->territory_id != 0 && jln_participant_get_territory_id (p) != self->territory_id)
    return FALSE;
  if (self->coach_id != 0 && jln_participant_get_coach_id (p) != self->coach_id)
    return FALSE;
  if (self->holders_badge_id != 0)
    {
      gint64 id = jln_participant_get_id (p);

      if (jln_participant_get_territory_id (p) != self->holders_territory_id
          || !g_hash_table_contains (self->holder_ids, &id))
        return FALSE;
    }
  /* The model keeps each participant's folded text, so this is a substring
   * search, not a re-fold, for every row. */
  if (self->needle != NULL && !jln_participant_matches (p, self->needle))
    return FALSE;
  return TRUE;
}

static void
update_count_and_empty_state (JlnParticipantsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  GListModel *all = gtk_filter_list_model_get_model (self->filter_model);
  guint total = all ? g_list_model_get_n_items (all) : 0;
  g_autofree char *count = NULL;

  /* Should the filter ever run incrementally, the numbers are only final
   * once it is done: keep the list meanwhile. (GTK 4.8's incremental mode
   * was measured and not kept: it shows transient, wrong lists.) */
  if (gtk_filter_list_model_get_pending (self->filter_model) > 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "list");
      return;
    }

  count = g_strdup_printf (ngettext ("%u participant", "%u participants", n), n);
  gtk_label_set_label (self->count_label, count);
  /* Nothing to search or filter in an empty programme. */
  gtk_widget_set_visible (self->filter_box, total > 0);

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "list");
      return;
    }

  gtk_widget_set_visible (self->empty_new_button, total == 0);
  if (total == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Participants Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("People joining the programme will appear here."));
    }
  else if (self->needle != NULL)
    {
      g_autofree char *title = NULL;

      title = g_strdup_printf (_("No Match for “%s”"),
                               gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      adw_status_page_set_title (self->empty_page, title);
      adw_status_page_set_description (self->empty_page,
                                       _("Check the spelling, or search by first name, last name or territory."));
    }
  else if (self->holders_badge_id != 0 && self->territory_id == 0 && self->coach_id == 0)
    {
      adw_status_page_set_title (self->empty_page, _("Nobody Matches These Filters"));
      adw_status_page_set_description (self->empty_page,
                                       _("Choose “Show Everyone” to see more people."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("Nobody Matches These Filters"));
      adw_status_page_set_description (self->empty_page,
                                       _("Choose “All territories” or “All coaches” to see more people."));
    }
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

static void
on_filtered_items_changed (JlnParticipantsView *self)
{
  update_count_and_empty_state (self);
}

static void
show_participant_at (JlnParticipantsView *self,
                     GtkListItem         *item)
{
  guint position = gtk_list_item_get_position (item);
  g_autoptr(JlnParticipant) p = NULL;

  if (position != GTK_INVALID_LIST_POSITION)
    p = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
  jln_participant_row_set_participant (JLN_PARTICIPANT_ROW (gtk_list_item_get_child (item)), p);
}

/* Whether the list view shows some of @item's row now. GTK 4.8 gives the
 * rows it keeps off screen an empty allocation. */
static gboolean
item_on_screen (JlnParticipantsView *self,
                GtkListItem         *item)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  int height = gtk_widget_get_height (GTK_WIDGET (self->list_view));
  graphene_rect_t bounds;

  if (row == NULL || height <= 0
      || !gtk_widget_compute_bounds (row, GTK_WIDGET (self->list_view), &bounds))
    return TRUE;
  return bounds.size.height > 0
         && bounds.origin.y + bounds.size.height >= 0 && bounds.origin.y <= height;
}

#define STALE_ROWS_PER_IDLE 25

/* Scrolling brings off-screen rows into view: none may still be stale. */
static void
on_list_scrolled (JlnParticipantsView *self)
{
  GHashTableIter iter;
  gpointer item;

  if (self->stale_items == NULL || g_hash_table_size (self->stale_items) == 0)
    return;
  g_hash_table_iter_init (&iter, self->stale_items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    show_participant_at (self, item);
  g_hash_table_remove_all (self->stale_items);
  g_clear_handle_id (&self->stale_idle_id, g_source_remove);
}

static void
on_vadjustment_changed (JlnParticipantsView *self)
{
  GtkAdjustment *adjustment;

  /* During dispose the template children are already gone. */
  if (self->list_view == NULL)
    return;
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  if (self->vadjustment == adjustment)
    return;
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_list_scrolled, self);
  g_set_object (&self->vadjustment, adjustment);
  if (adjustment != NULL)
    g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (on_list_scrolled), self);
}

static gboolean
refresh_stale_rows (gpointer data)
{
  JlnParticipantsView *self = data;
  GHashTableIter iter;
  gpointer item;
  guint done = 0;

  g_hash_table_iter_init (&iter, self->stale_items);
  while (done < STALE_ROWS_PER_IDLE && g_hash_table_iter_next (&iter, &item, NULL))
    {
      show_participant_at (self, item);
      g_hash_table_iter_remove (&iter);
      done++;
    }
  if (g_hash_table_size (self->stale_items) > 0)
    return G_SOURCE_CONTINUE;
  self->stale_idle_id = 0;
  return G_SOURCE_REMOVE;
}

/* Keeps the placeholders as many as the filtered participants, then points
 * the rows still shown at their new participant: at once for those on
 * screen, a few at a time when idle for the ~190 others GTK 4.8 keeps off
 * screen (each new text is a new measure of its labels). */
static void
on_filtered_contents_changed (JlnParticipantsView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->slots));
  GHashTableIter iter;
  gpointer item;

  while (self->slot_objects->len < n)
    g_ptr_array_add (self->slot_objects, g_object_new (G_TYPE_OBJECT, NULL));
  if (n < shown)
    g_list_store_splice (self->slots, n, shown - n, NULL, 0);
  else if (n > shown)
    g_list_store_splice (self->slots, shown, 0, self->slot_objects->pdata + shown, n - shown);

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      if (item_on_screen (self, item))
        {
          g_hash_table_remove (self->stale_items, item);
          show_participant_at (self, item);
        }
      else
        g_hash_table_add (self->stale_items, item);
    }
  if (g_hash_table_size (self->stale_items) > 0 && self->stale_idle_id == 0)
    self->stale_idle_id = g_idle_add (refresh_stale_rows, self);
}

/* Filtering 10,000 participants takes about a millisecond (each one keeps
 * its folded text). The list view does not see the filtered model itself
 * but the placeholders (see on_filtered_contents_changed): the rows it
 * keeps are re-pointed, not rebuilt. */
static void
refilter (JlnParticipantsView *self,
          GtkFilterChange      change)
{
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static void
on_search_changed (JlnParticipantsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *needle = NULL;
  GtkFilterChange change;

  if (*stripped != '\0')
    needle = jln_fold_for_search (stripped);
  if (needle != NULL && *needle == '\0')
    g_clear_pointer (&needle, g_free);

  if (g_strcmp0 (needle, self->needle) == 0)
    return;

  /* Typing one more letter only removes rows, deleting one only adds rows:
   * telling the filter model so lets it look at a fraction of the list. */
  if (self->needle == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (needle == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (needle, self->needle) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->needle, needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  refilter (self, change);
}

static GtkFilterChange
id_change (gint64 old_id,
           gint64 new_id)
{
  if (old_id == 0)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (new_id == 0)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

static gint64
selected_id (GtkDropDown *dropdown,
             GArray      *ids)
{
  guint pos = gtk_drop_down_get_selected (dropdown);

  if (ids == NULL || pos == GTK_INVALID_LIST_POSITION || pos >= ids->len)
    return 0;
  return g_array_index (ids, gint64, pos);
}

static void
on_territory_selected (JlnParticipantsView *self)
{
  gint64 id = selected_id (self->territory_dropdown, self->territory_ids);
  GtkFilterChange change;

  if (id == self->territory_id)
    return;
  change = id_change (self->territory_id, id);
  self->territory_id = id;
  refilter (self, change);
}

static void
on_coach_selected (JlnParticipantsView *self)
{
  gint64 id = selected_id (self->coach_dropdown, self->coach_ids);
  GtkFilterChange change;

  if (id == self->coach_id)
    return;
  change = id_change (self->coach_id, id);
  self->coach_id = id;
  refilter (self, change);
}

/* Drop-down choices: "All …" first, then the store's names. Rebuilt when the
 * store's list changes, keeping the current choice when it still exists. */
static void
fill_dropdown (GtkDropDown *dropdown,
               GArray      *ids,
               GListModel  *model,
               const char  *all_label,
               gint64       current,
               gboolean     territories)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  guint selected = 0;
  guint n = model ? g_list_model_get_n_items (model) : 0;

  g_array_set_size (ids, 0);
  gtk_string_list_append (strings, all_label);
  g_array_append_val (ids, (gint64) { 0 });

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      gint64 id;
      const char *name;

      if (territories)
        {
          id = jln_territory_get_id (JLN_TERRITORY (item));
          name = jln_territory_get_name (JLN_TERRITORY (item));
        }
      else
        {
          id = jln_coach_get_id (JLN_COACH (item));
          name = jln_coach_get_name (JLN_COACH (item));
        }
      gtk_string_list_append (strings, name ? name : "");
      g_array_append_val (ids, id);
      if (id == current)
        selected = i + 1;
    }

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (dropdown, selected);
}

static void
on_territories_changed (JlnParticipantsView *self)
{
  fill_dropdown (self->territory_dropdown, self->territory_ids, self->territories,
                 _("All territories"), self->territory_id, TRUE);
}

static void
on_coaches_changed (JlnParticipantsView *self)
{
  fill_dropdown (self->coach_dropdown, self->coach_ids, self->coaches,
                 _("All coaches"), self->coach_id, FALSE);
}

/* Whether @participant_id holds the badge now: an active award of any of
 * its versions (a revoked one does not count), read from the store. */
static gboolean
holds_badge (JlnParticipantsView *self,
             gint64               participant_id)
{
  g_autoptr(GListModel) awards = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  awards = jln_store_list_awards_for_participant (self->store, participant_id, &error);
  if (awards == NULL)
    {
      g_message ("Cannot read the awards of participant %" G_GINT64_FORMAT ": %s",
                 participant_id, error->message);
      return FALSE;
    }
  n = g_list_model_get_n_items (awards);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnAward) award = g_list_model_get_item (awards, i);

      if (jln_award_get_badge_id (award) == self->holders_badge_id
          && jln_award_get_status (award) == JLN_AWARD_STATUS_ACTIVE)
        return TRUE;
    }
  return FALSE;
}

/* Returns whether @participant_id's membership changed. */
static gboolean
update_holder (JlnParticipantsView *self,
               gint64               participant_id)
{
  gboolean was = g_hash_table_contains (self->holder_ids, &participant_id);
  gboolean is = holds_badge (self, participant_id);

  if (is == was)
    return FALSE;
  if (is)
    g_hash_table_add (self->holder_ids, g_memdup2 (&participant_id, sizeof participant_id));
  else
    g_hash_table_remove (self->holder_ids, &participant_id);
  return TRUE;
}

/* Only the people of the territory are read: one store read each. Those
 * who move in later, or whose awards change, are read again then (see
 * on_store_participant_changed). */
static void
collect_holders (JlnParticipantsView *self)
{
  GListModel *all = self->store ? jln_store_get_participants (self->store) : NULL;
  guint n = all ? g_list_model_get_n_items (all) : 0;

  g_hash_table_remove_all (self->holder_ids);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnParticipant) p = g_list_model_get_item (all, i);

      if (jln_participant_get_territory_id (p) == self->holders_territory_id)
        update_holder (self, jln_participant_get_id (p));
    }
}

static void
update_holders_label (JlnParticipantsView *self)
{
  JlnBadge *badge;
  JlnTerritory *territory;
  g_autofree char *text = NULL;
  const char *badge_name;

  if (self->holders_badge_id == 0 || self->store == NULL)
    {
      gtk_widget_set_visible (self->holders_box, FALSE);
      return;
    }
  badge = jln_store_lookup_badge (self->store, self->holders_badge_id);
  badge_name = badge != NULL ? jln_badge_get_name (badge) : NULL;
  territory = self->holders_territory_id != 0
              ? jln_store_lookup_territory (self->store, self->holders_territory_id) : NULL;
  if (territory != NULL)
    /* Translators: the filter from a badge page; “%s” are a badge's name and a territory's. */
    text = g_strdup_printf (_("Holders of “%s” in %s"), badge_name ? badge_name : "",
                            jln_territory_get_name (territory));
  else
    /* Translators: the filter from a badge page; %s is a badge's name. */
    text = g_strdup_printf (_("Holders of “%s” with no territory"), badge_name ? badge_name : "");
  gtk_label_set_label (self->holders_label, text);
  gtk_widget_set_visible (self->holders_box, TRUE);
}

static void
on_store_participant_changed (JlnParticipantsView *self,
                              gint64               participant_id)
{
  if (self->holders_badge_id == 0)
    return;
  /* A move between territories changes nothing in the set but what the
   * filter says of them: look again either way. */
  update_holder (self, participant_id);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_store_award_changed (JlnParticipantsView *self,
                        gint64               award_id,
                        gint64               participant_id)
{
  if (self->holders_badge_id != 0 && update_holder (self, participant_id))
    refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

void
jln_participants_view_show_holders (JlnParticipantsView *self,
                                    gint64               badge_id,
                                    gint64               territory_id)
{
  g_return_if_fail (JLN_IS_PARTICIPANTS_VIEW (self));
  g_return_if_fail (badge_id > 0);

  if (self->store == NULL)
    return;
  /* Exactly the holders: the other filters start again from all. */
  g_clear_pointer (&self->needle, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->territory_id = 0;
  self->coach_id = 0;
  gtk_drop_down_set_selected (self->territory_dropdown, 0);
  gtk_drop_down_set_selected (self->coach_dropdown, 0);

  self->holders_badge_id = badge_id;
  self->holders_territory_id = territory_id;
  collect_holders (self);
  update_holders_label (self);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

void
jln_participants_view_clear_holders (JlnParticipantsView *self)
{
  g_return_if_fail (JLN_IS_PARTICIPANTS_VIEW (self));

  if (self->holders_badge_id == 0)
    return;
  self->holders_badge_id = 0;
  self->holders_territory_id = 0;
  g_hash_table_remove_all (self->holder_ids);
  update_holders_label (self);
  refilter (self, GTK_FILTER_CHANGE_LESS_STRICT);
}

gboolean
jln_participants_view_get_showing_holders (JlnParticipantsView *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANTS_VIEW (self), FALSE);

  return self->holders_badge_id != 0;
}

const char *
jln_participants_view_get_holders_text (JlnParticipantsView *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANTS_VIEW (self), NULL);

  return self->holders_badge_id != 0 ? gtk_label_get_label (self->holders_label) : NULL;
}

static void
clear_holders_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JlnParticipantsView *self = JLN_PARTICIPANTS_VIEW (widget);

  jln_participants_view_clear_holders (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
jln_participants_view_show_participant (JlnParticipantsView *self,
                                        JlnParticipant      *participant)
{
  g_return_if_fail (JLN_IS_PARTICIPANTS_VIEW (self));
  g_return_if_fail (JLN_IS_PARTICIPANT (participant));

  jln_participant_page_set_participant (self->participant_page, participant);
  adw_leaflet_set_visible_child_name (self->leaflet, "participant");
}

void
jln_participants_view_open_participant (JlnParticipantsView *self,
                                        guint                position)
{
  g_autoptr(JlnParticipant) p = NULL;

  g_return_if_fail (JLN_IS_PARTICIPANTS_VIEW (self));

  p = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
  if (p != NULL)
    jln_participants_view_show_participant (self, p);
}

static void
on_form_saved (JlnParticipantForm  *form,
               JlnParticipant      *participant,
               JlnParticipantsView *self)
{
  /* A new file opens on their page: the next thing is usually a badge. */
  if (participant != NULL && jln_participant_page_get_participant (self->participant_page) != participant)
    jln_participants_view_show_participant (self, participant);
}

GtkWidget *
jln_participants_view_new_participant (JlnParticipantsView *self)
{
  GtkWidget *form;
  GtkRoot *root;

  g_return_val_if_fail (JLN_IS_PARTICIPANTS_VIEW (self), NULL);

  if (self->session == NULL)
    return NULL;
  form = jln_participant_form_new (self->session, NULL);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (form), GTK_WINDOW (root));
  g_signal_connect_object (form, "saved", G_CALLBACK (on_form_saved), self, 0);
  gtk_window_present (GTK_WINDOW (form));
  return form;
}

JlnParticipantPage *
jln_participants_view_get_page (JlnParticipantsView *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANTS_VIEW (self), NULL);

  return self->participant_page;
}

gboolean
jln_participants_view_get_showing_page (JlnParticipantsView *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANTS_VIEW (self), FALSE);

  return g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "participant") == 0
         && jln_participant_page_get_participant (self->participant_page) != NULL;
}

static void
on_page_archived (JlnParticipantsView *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  jln_participant_page_set_participant (self->participant_page, NULL);
}

static void
on_awarded (JlnAwardDialog      *dialog,
            JlnAward            *award,
            JlnParticipantsView *self)
{
  jln_toast_show (GTK_WIDGET (self), jln_award_undo_toast_new (self->session, award));
}

static void
on_award_requested (JlnParticipantsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  JlnParticipant *p = jln_participant_page_get_participant (self->participant_page);

  if (p == NULL || self->session == NULL)
    return;
  {
    JlnAwardDialog *dialog;

    /* The page follows the store: the new badge shows up on it by itself. */
    dialog = jln_award_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->session, p);
    g_signal_connect_object (dialog, "awarded", G_CALLBACK (on_awarded), self, 0);
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

static void
on_list_activate (JlnParticipantsView *self,
                  guint                position)
{
  jln_participants_view_open_participant (self, position);
}

static void
on_back_clicked (JlnParticipantsView *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

/* The row's own activation (AT-SPI "row.activate"), same as a click. */
static void
on_row_activate (JlnParticipantRow   *row,
                 JlnParticipantsView *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (row), "list-item");
  guint position = item != NULL ? gtk_list_item_get_position (item) : GTK_INVALID_LIST_POSITION;

  /* An off-screen row may still show the previous search's person until
   * its idle refresh: open whoever is at its position now. */
  if (position != GTK_INVALID_LIST_POSITION)
    jln_participants_view_open_participant (self, position);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           JlnParticipantsView      *self)
{
  GtkWidget *row = jln_participant_row_new ();

  /* Rows are recycled, so binding once here follows the mode for their life. */
  g_object_bind_property (self, "large-icons", row, "large", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (row, "activate", G_CALLBACK (on_row_activate), self, 0);
  g_object_set_data (G_OBJECT (row), "list-item", item);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          JlnParticipantsView      *self)
{
  g_hash_table_add (self->bound_items, item);
  g_hash_table_remove (self->stale_items, item);
  show_participant_at (self, item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            JlnParticipantsView      *self)
{
  if (self->bound_items != NULL)
    g_hash_table_remove (self->bound_items, item);
  if (self->stale_items != NULL)
    g_hash_table_remove (self->stale_items, item);
  jln_participant_row_set_participant (JLN_PARTICIPANT_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
jln_participants_view_dispose (GObject *object)
{
  JlnParticipantsView *self = JLN_PARTICIPANTS_VIEW (object);

  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  jln_participants_view_set_session (self, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->territory_signals);
  g_clear_object (&self->coach_signals);
  /* The bin's child is also a template child: drop it from the bin first,
   * or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_PARTICIPANTS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_pointer (&self->slot_objects, g_ptr_array_unref);
  g_clear_pointer (&self->bound_items, g_hash_table_unref);
  g_clear_handle_id (&self->stale_idle_id, g_source_remove);
  g_clear_pointer (&self->stale_items, g_hash_table_unref);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_list_scrolled, self);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (jln_participants_view_parent_class)->dispose (object);
}

static void
jln_participants_view_finalize (GObject *object)
{
  JlnParticipantsView *self = JLN_PARTICIPANTS_VIEW (object);

  g_clear_pointer (&self->territory_ids, g_array_unref);
  g_clear_pointer (&self->coach_ids, g_array_unref);
  g_free (self->needle);
  g_clear_pointer (&self->holder_ids, g_hash_table_unref);

  G_OBJECT_CLASS (jln_participants_view_parent_class)->finalize (object);
}

static void
jln_participants_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  JlnParticipantsView *self = JLN_PARTICIPANTS_VIEW (object);

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
jln_participants_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  JlnParticipantsView *self = JLN_PARTICIPANTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      jln_participants_view_set_session (self, g_value_get_object (value));
      break;
    case PROP_LARGE_ICONS:
      if (self->large_icons != g_value_get_boolean (value))
        {
          self->large_icons = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_participants_view_class_init (JlnParticipantsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_participants_view_dispose;
  object_class->finalize = jln_participants_view_finalize;
  object_class->get_property = jln_participants_view_get_property;
  object_class->set_property = jln_participants_view_set_property;

  g_object_class_override_property (object_class, PROP_SESSION, "session");
  properties[PROP_SESSION] = g_object_class_find_property (object_class, "session");
  g_object_class_override_property (object_class, PROP_LARGE_ICONS, "large-icons");
  properties[PROP_LARGE_ICONS] = g_object_class_find_property (object_class, "large-icons");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/participants/jln-participants-view.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantsView, territory_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantsView, coach_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantsView, filter_box);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantsView, holders_box);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantsView, holders_label);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantsView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantsView, empty_new_button);
  gtk_widget_class_bind_template_child (widget_class, JlnParticipantsView, participant_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_territory_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_coach_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_page_archived);
  gtk_widget_class_bind_template_callback (widget_class, on_award_requested);
  gtk_widget_class_install_action (widget_class, "participants.clear-holders", NULL,
                                   clear_holders_activated);
  gtk_widget_class_set_css_name (widget_class, "participants-view");
}

static void
jln_participants_view_init (JlnParticipantsView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  self->territory_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->coach_ids = g_array_new (FALSE, TRUE, sizeof (gint64));

  g_type_ensure (JLN_TYPE_PARTICIPANT_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));
  jln_a11y_hide_offscreen_pages (G_OBJECT (self->leaflet));
  jln_a11y_hide_offscreen_pages (G_OBJECT (self->content_stack));
  g_object_bind_property (self, "large-icons", self->participant_page, "large-icons",
                          G_BINDING_SYNC_CREATE);

  self->holder_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->store_signals = g_signal_group_new (JLN_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "participant-changed",
                                  G_CALLBACK (on_store_participant_changed), self);
  g_signal_group_connect_swapped (self->store_signals, "award-changed",
                                  G_CALLBACK (on_store_award_changed), self);
  self->territory_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->territory_signals, "items-changed",
                                  G_CALLBACK (on_territories_changed), self);
  self->coach_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->coach_signals, "items-changed",
                                  G_CALLBACK (on_coaches_changed), self);

  self->filter = gtk_custom_filter_new (filter_participant, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_swapped (self->filter_model, "items-changed",
                            G_CALLBACK (on_filtered_items_changed), self);
  g_signal_connect_swapped (self->filter_model, "notify::pending",
                            G_CALLBACK (on_filtered_items_changed), self);
  self->slots = g_list_store_new (G_TYPE_OBJECT);
  self->slot_objects = g_ptr_array_new_with_free_func (g_object_unref);
  self->bound_items = g_hash_table_new (NULL, NULL);
  self->stale_items = g_hash_table_new (NULL, NULL);
  g_signal_connect_swapped (self->list_view, "notify::vadjustment",
                            G_CALLBACK (on_vadjustment_changed), self);
  on_vadjustment_changed (self);
  g_signal_connect_swapped (self->filter_model, "items-changed",
                            G_CALLBACK (on_filtered_contents_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  on_territories_changed (self);
  on_coaches_changed (self);
  update_count_and_empty_state (self);
}

JlnSession *
jln_participants_view_get_session (JlnParticipantsView *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANTS_VIEW (self), NULL);

  return self->session;
}

void
jln_participants_view_set_session (JlnParticipantsView *self,
                                   JlnSession          *session)
{
  g_return_if_fail (JLN_IS_PARTICIPANTS_VIEW (self));
  g_return_if_fail (session == NULL || JLN_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  set_store (self, session ? jln_session_get_store (session) : NULL);
  if (self->participant_page != NULL)
    jln_participant_page_set_session (self->participant_page, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
set_store (JlnParticipantsView *self,
           JlnStore            *store)
{
  g_clear_object (&self->territories);
  g_clear_object (&self->coaches);
  self->store = store;
  self->territory_id = 0;
  self->coach_id = 0;
  /* Another database: its badges are not these. */
  self->holders_badge_id = 0;
  self->holders_territory_id = 0;
  if (self->holder_ids != NULL)
    g_hash_table_remove_all (self->holder_ids);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, store);
  if (self->holders_box != NULL)
    update_holders_label (self);

  if (store != NULL)
    {
      self->territories = g_object_ref (jln_store_get_territories (store));
      self->coaches = g_object_ref (jln_store_get_coaches (store));
    }
  /* During dispose the groups are already gone. */
  if (self->territory_signals != NULL)
    {
      g_signal_group_set_target (self->territory_signals, self->territories);
      g_signal_group_set_target (self->coach_signals, self->coaches);
    }

  /* During dispose the template children are already gone. */
  if (self->territory_dropdown != NULL)
    {
      on_territories_changed (self);
      on_coaches_changed (self);
    }
  if (self->participant_page != NULL)
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
  if (self->filter_model != NULL)
    gtk_filter_list_model_set_model (self->filter_model,
                                     store ? jln_store_get_participants (store) : NULL);
  if (self->count_label != NULL)
    update_count_and_empty_state (self);
}

static gboolean
jln_participants_view_focus_search (JlnView *view)
{
  JlnParticipantsView *self = JLN_PARTICIPANTS_VIEW (view);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

static void
jln_participants_view_iface_init (JlnViewInterface *iface)
{
  iface->title = N_("Participants");
  iface->icon_name = "jln-people-symbolic";
  iface->focus_search = jln_participants_view_focus_search;
}

GListModel *
jln_participants_view_get_model (JlnParticipantsView *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANTS_VIEW (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

GtkEditable *
jln_participants_view_get_search_entry (JlnParticipantsView *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANTS_VIEW (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

static gboolean
select_id (GtkDropDown *dropdown,
           GArray      *ids,
           gint64       id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return TRUE;
      }
  return FALSE;
}

gboolean
jln_participants_view_select_territory (JlnParticipantsView *self,
                                        gint64               territory_id)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANTS_VIEW (self), FALSE);

  return select_id (self->territory_dropdown, self->territory_ids, territory_id);
}

gboolean
jln_participants_view_select_coach (JlnParticipantsView *self,
                                    gint64               coach_id)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANTS_VIEW (self), FALSE);

  return select_id (self->coach_dropdown, self->coach_ids, coach_id);
}

const char *
jln_participants_view_get_count_text (JlnParticipantsView *self)
{
  g_return_val_if_fail (JLN_IS_PARTICIPANTS_VIEW (self), NULL);

  return gtk_label_get_label (self->count_label);
}
