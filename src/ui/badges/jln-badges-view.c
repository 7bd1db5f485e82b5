/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ui"

#include <string.h>
#include <glib/gi18n.h>

#include "ui/shell/jln-ui-resources.h"
#include "ui/common/jln-a11y.h"
#include "ui/common/jln-view.h"
#include "ui/badges/jln-badges-view.h"
#include "ui/common/jln-badge-tile.h"
#include "ui/badges/jln-badge-editor.h"
#include "ui/badges/jln-badge-page.h"

struct _JlnBadgesView
{
  AdwBin parent_instance;

  JlnSession     *session;
  gboolean        large_icons;
  GListModel     *badges;         /* the store's catalogue */
  GSignalGroup   *badges_signals;
  char           *needle;         /* folded search text, NULL = none */
  int             kind;           /* a JlnBadgeKind, or -1 for all */

  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;  /* what the grid shows */

  GtkSearchEntry *search_entry;
  GtkDropDown    *kind_dropdown;
  GtkStack       *content_stack;
  GtkGridView    *grid_view;
  GtkNoSelection *selection;
  /* badge catalogue */
  AdwLeaflet     *leaflet;
  JlnBadgePage   *badge_page;
};

static void jln_badges_view_iface_init (JlnViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JlnBadgesView, jln_badges_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (JLN_TYPE_VIEW, jln_badges_view_iface_init))

enum {
  PROP_0,
  PROP_SESSION,
  PROP_LARGE_ICONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The kinds offered by the drop-down, after "All kinds". */
static const JlnBadgeKind kinds[] = {
  JLN_BADGE_KIND_SAVOIR, JLN_BADGE_KIND_SAVOIR_FAIRE, JLN_BADGE_KIND_SAVOIR_ETRE,
};

/* A catalogue holds some tens of badges: folding their texts at each
 * keystroke costs nothing and never goes stale after an edit. */
static gboolean
badge_matches (JlnBadge   *badge,
               const char *needle)
{
  const char *fields[] = {
    jln_badge_get_name (badge), jln_badge_get_theme (badge), jln_badge_get_description (badge),
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = NULL;

      if (fields[i] == NULL || *fields[i] == '\0')
        continue;
      folded = jln_fold_for_search (fields[i]);
      if (strstr (folded, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
filter_badge (gpointer item,
              gpointer user_data)
{
  JlnBadgesView *self = user_data;
  JlnBadge *badge = item;

  if (self->kind >= 0 && (int) jln_badge_get_kind (badge) != self->kind)
    return FALSE;
  return self->needle == NULL || badge_matches (badge, self->needle);
}

static void
update_empty_state (JlnBadgesView *self)
{
  guint total = self->badges ? g_list_model_get_n_items (self->badges) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  /* Nothing to search in an empty catalogue. */
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), total > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_dropdown), total > 0);
  if (shown > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "grid");
  else
    gtk_stack_set_visible_child_name (self->content_stack, total > 0 ? "no-match" : "empty");
}

static void
on_search_changed (JlnBadgesView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *needle = NULL;

  if (*stripped != '\0')
    needle = jln_fold_for_search (stripped);
  if (needle != NULL && *needle == '\0')
    g_clear_pointer (&needle, g_free);
  if (g_strcmp0 (needle, self->needle) == 0)
    return;
  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_kind_selected (JlnBadgesView *self)
{
  guint pos = gtk_drop_down_get_selected (self->kind_dropdown);
  int kind = pos > 0 && pos <= G_N_ELEMENTS (kinds) ? (int) kinds[pos - 1] : -1;

  if (kind == self->kind)
    return;
  self->kind = kind;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
show_all_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JlnBadgesView *self = JLN_BADGES_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  /* The entry says its change after a delay: do not wait for it. */
  on_search_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
setup_tile (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            JlnBadgesView            *self)
{
  GtkWidget *tile = jln_badge_tile_new ();

  g_object_bind_property (self, "large-icons", tile, "large", G_BINDING_SYNC_CREATE);
  gtk_list_item_set_child (item, tile);
}

static void
bind_tile (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           JlnBadgesView            *self)
{
  jln_badge_tile_set_badge (JLN_BADGE_TILE (gtk_list_item_get_child (item)),
                            gtk_list_item_get_item (item));
}

static void
unbind_tile (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             JlnBadgesView            *self)
{
  jln_badge_tile_set_badge (JLN_BADGE_TILE (gtk_list_item_get_child (item)), NULL);
}

/* ---- badge catalogue: badge page and editor ---- */

void
jln_badges_view_show_badge (JlnBadgesView *self,
                            JlnBadge      *badge)
{
  g_return_if_fail (JLN_IS_BADGES_VIEW (self));

  jln_badge_page_set_badge (self->badge_page, badge);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->badge_page));
}

static void
on_tile_activated (GtkGridView   *grid,
                   guint          position,
                   JlnBadgesView *self)
{
  g_autoptr(JlnBadge) badge = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (badge != NULL)
    jln_badges_view_show_badge (self, badge);
}

static void
on_page_back (JlnBadgesView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_badge_created (JlnBadgeEditor *editor,
                  JlnBadge       *badge,
                  JlnBadgesView  *self)
{
  jln_badges_view_show_badge (self, badge);
}

static void
new_badge_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JlnBadgesView *self = JLN_BADGES_VIEW (widget);
  JlnBadgeEditor *editor;

  if (self->session == NULL)
    return;
  editor = jln_badge_editor_new (self->session, NULL);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_badge_created), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
jln_badges_view_dispose (GObject *object)
{
  JlnBadgesView *self = JLN_BADGES_VIEW (object);

  jln_badges_view_set_session (self, NULL);
  g_clear_object (&self->badges_signals);
  /* The bin's child is also a template child: drop it from the bin first,
   * or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_BADGES_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (jln_badges_view_parent_class)->dispose (object);
}

static void
jln_badges_view_finalize (GObject *object)
{
  JlnBadgesView *self = JLN_BADGES_VIEW (object);

  g_free (self->needle);

  G_OBJECT_CLASS (jln_badges_view_parent_class)->finalize (object);
}

static void
jln_badges_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JlnBadgesView *self = JLN_BADGES_VIEW (object);

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
jln_badges_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JlnBadgesView *self = JLN_BADGES_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      jln_badges_view_set_session (self, g_value_get_object (value));
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
jln_badges_view_class_init (JlnBadgesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_badges_view_dispose;
  object_class->finalize = jln_badges_view_finalize;
  object_class->get_property = jln_badges_view_get_property;
  object_class->set_property = jln_badges_view_set_property;

  g_object_class_override_property (object_class, PROP_SESSION, "session");
  properties[PROP_SESSION] = g_object_class_find_property (object_class, "session");
  g_object_class_override_property (object_class, PROP_LARGE_ICONS, "large-icons");
  properties[PROP_LARGE_ICONS] = g_object_class_find_property (object_class, "large-icons");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/badges/jln-badges-view.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnBadgesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgesView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgesView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgesView, grid_view);
  g_type_ensure (JLN_TYPE_BADGE_PAGE);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgesView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgesView, badge_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_install_action (widget_class, "badges.new", NULL, new_badge_activated);
  gtk_widget_class_install_action (widget_class, "badges.show-all", NULL, show_all_activated);
  gtk_widget_class_set_css_name (widget_class, "badges-view");
}

static void
jln_badges_view_init (JlnBadgesView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);

  self->kind = -1;
  self->filter = gtk_custom_filter_new (filter_badge, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_swapped (self->filter_model, "items-changed",
                            G_CALLBACK (update_empty_state), self);

  self->badges_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->badges_signals, "items-changed",
                                  G_CALLBACK (update_empty_state), self);

  gtk_widget_init_template (GTK_WIDGET (self));
  jln_a11y_hide_offscreen_pages (G_OBJECT (self->leaflet));
  jln_a11y_hide_offscreen_pages (G_OBJECT (self->content_stack));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_tile), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_tile), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_tile), self);
  gtk_grid_view_set_factory (self->grid_view, factory);

  gtk_string_list_append (kind_names, _("All kinds"));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_names, jln_badge_kind_get_display_name (kinds[i]));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kind_names));
  gtk_drop_down_set_selected (self->kind_dropdown, 0);

  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->selection));
  update_empty_state (self);

  gtk_grid_view_set_single_click_activate (self->grid_view, TRUE);
  g_signal_connect (self->grid_view, "activate", G_CALLBACK (on_tile_activated), self);
  g_signal_connect_swapped (self->badge_page, "back", G_CALLBACK (on_page_back), self);
  g_object_bind_property (self, "large-icons", self->badge_page, "large-icons", G_BINDING_SYNC_CREATE);
}

JlnSession *
jln_badges_view_get_session (JlnBadgesView *self)
{
  g_return_val_if_fail (JLN_IS_BADGES_VIEW (self), NULL);

  return self->session;
}

void
jln_badges_view_set_session (JlnBadgesView *self,
                             JlnSession    *session)
{
  JlnStore *store;

  g_return_if_fail (JLN_IS_BADGES_VIEW (self));
  g_return_if_fail (session == NULL || JLN_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  store = session ? jln_session_get_store (session) : NULL;
  g_clear_object (&self->badges);
  if (store != NULL)
    self->badges = g_object_ref (jln_store_get_badges (store));
  /* During dispose the group is already gone. */
  if (self->badges_signals != NULL)
    g_signal_group_set_target (self->badges_signals, self->badges);
  if (self->filter_model != NULL)
    gtk_filter_list_model_set_model (self->filter_model, self->badges);
  if (self->content_stack != NULL)
    update_empty_state (self);
  if (self->badge_page != NULL)
    jln_badge_page_set_session (self->badge_page, session);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static gboolean
jln_badges_view_focus_search (JlnView *view)
{
  JlnBadgesView *self = JLN_BADGES_VIEW (view);

  /* An empty catalogue has nothing to search: the window then goes to the
   * participants' search. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->search_entry)))
    return FALSE;
  adw_leaflet_set_visible_child_name (self->leaflet, "catalogue");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

static void
jln_badges_view_iface_init (JlnViewInterface *iface)
{
  iface->title = N_("Badges");
  iface->icon_name = "jln-badge-symbolic";
  iface->focus_search = jln_badges_view_focus_search;
}

GListModel *
jln_badges_view_get_model (JlnBadgesView *self)
{
  g_return_val_if_fail (JLN_IS_BADGES_VIEW (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

GtkEditable *
jln_badges_view_get_search_entry (JlnBadgesView *self)
{
  g_return_val_if_fail (JLN_IS_BADGES_VIEW (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

gboolean
jln_badges_view_select_kind (JlnBadgesView *self,
                             int            kind)
{
  g_return_val_if_fail (JLN_IS_BADGES_VIEW (self), FALSE);

  if (kind < 0)
    {
      gtk_drop_down_set_selected (self->kind_dropdown, 0);
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if ((int) kinds[i] == kind)
      {
        gtk_drop_down_set_selected (self->kind_dropdown, i + 1);
        return TRUE;
      }
  return FALSE;
}

gboolean
jln_badges_view_get_showing_no_match (JlnBadgesView *self)
{
  g_return_val_if_fail (JLN_IS_BADGES_VIEW (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "no-match") == 0;
}
