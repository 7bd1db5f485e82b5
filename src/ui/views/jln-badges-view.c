#define G_LOG_DOMAIN "jalons"

#include <glib/gi18n.h>

#include "ui/jln-application.h"
#include "ui/jln-a11y.h"
#include "ui/views/jln-badges-view.h"
#include "ui/widgets/jln-badge-tile.h"
#include "ui/jln-badge-editor.h"
#include "ui/views/jln-badge-page.h"

struct _JlnBadgesView
{
  AdwBin parent_instance;

  JlnStore       *store;
  gboolean        large_icons;
  GListModel     *badges;

  GtkStack       *content_stack;
  GtkGridView    *grid_view;
  GtkNoSelection *selection;
  /* badge catalogue */
  AdwLeaflet     *leaflet;
  JlnBadgePage   *badge_page;
};

G_DEFINE_FINAL_TYPE (JlnBadgesView, jln_badges_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LARGE_ICONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_empty_state (JlnBadgesView *self)
{
  guint n = self->badges ? g_list_model_get_n_items (self->badges) : 0;

  gtk_stack_set_visible_child_name (self->content_stack, n > 0 ? "grid" : "empty");
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
  g_autoptr(JlnBadge) badge = self->badges ? g_list_model_get_item (self->badges, position) : NULL;

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

  if (self->store == NULL)
    return;
  editor = jln_badge_editor_new (self->store, NULL);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_badge_created), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
jln_badges_view_dispose (GObject *object)
{
  JlnBadgesView *self = JLN_BADGES_VIEW (object);

  jln_badges_view_set_store (self, NULL);
  /* The bin's child is also a template child: drop it from the bin first,
   * or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), JLN_TYPE_BADGES_VIEW);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (jln_badges_view_parent_class)->dispose (object);
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
    case PROP_STORE:
      g_value_set_object (value, self->store);
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
    case PROP_STORE:
      jln_badges_view_set_store (self, g_value_get_object (value));
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
  object_class->get_property = jln_badges_view_get_property;
  object_class->set_property = jln_badges_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, JLN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LARGE_ICONS] =
    g_param_spec_boolean ("large-icons", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/views/jln-badges-view.ui");
  gtk_widget_class_bind_template_child (widget_class, JlnBadgesView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgesView, grid_view);
  g_type_ensure (JLN_TYPE_BADGE_PAGE);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgesView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, JlnBadgesView, badge_page);
  gtk_widget_class_install_action (widget_class, "badges.new", NULL, new_badge_activated);
  gtk_widget_class_set_css_name (widget_class, "badges-view");
}

static void
jln_badges_view_init (JlnBadgesView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  jln_a11y_hide_offscreen_pages (G_OBJECT (self->leaflet));
  jln_a11y_hide_offscreen_pages (G_OBJECT (self->content_stack));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_tile), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_tile), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_tile), self);
  gtk_grid_view_set_factory (self->grid_view, factory);

  self->selection = gtk_no_selection_new (NULL);
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->selection));
  update_empty_state (self);

  gtk_grid_view_set_single_click_activate (self->grid_view, TRUE);
  g_signal_connect (self->grid_view, "activate", G_CALLBACK (on_tile_activated), self);
  g_signal_connect_swapped (self->badge_page, "back", G_CALLBACK (on_page_back), self);
  g_object_bind_property (self, "large-icons", self->badge_page, "large-icons", G_BINDING_SYNC_CREATE);
}

JlnStore *
jln_badges_view_get_store (JlnBadgesView *self)
{
  g_return_val_if_fail (JLN_IS_BADGES_VIEW (self), NULL);

  return self->store;
}

void
jln_badges_view_set_store (JlnBadgesView *self,
                           JlnStore      *store)
{
  g_return_if_fail (JLN_IS_BADGES_VIEW (self));
  g_return_if_fail (store == NULL || JLN_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->badges != NULL)
    g_signal_handlers_disconnect_by_data (self->badges, self);
  g_clear_object (&self->badges);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      self->badges = g_object_ref (jln_store_get_badges (store));
      g_signal_connect_swapped (self->badges, "items-changed",
                                G_CALLBACK (update_empty_state), self);
    }
  if (self->selection != NULL)
    gtk_no_selection_set_model (self->selection, self->badges);
  if (self->content_stack != NULL)
    update_empty_state (self);
  if (self->badge_page != NULL)
    jln_badge_page_set_store (self->badge_page, store);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

GListModel *
jln_badges_view_get_model (JlnBadgesView *self)
{
  g_return_val_if_fail (JLN_IS_BADGES_VIEW (self), NULL);

  return self->badges;
}
