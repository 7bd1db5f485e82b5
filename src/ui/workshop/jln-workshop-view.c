#define G_LOG_DOMAIN "jln-ui"

#include <glib/gi18n.h>

#include "ui/common/jln-view.h"
#include "ui/shell/jln-ui-resources.h"
#include "ui/workshop/jln-workshop-view.h"

/* A placeholder with an honest empty state until its issue lands. */
struct _JlnWorkshopView
{
  AdwBin parent_instance;

  JlnSession *session;
  gboolean    large_icons;
};

static void jln_workshop_view_iface_init (JlnViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JlnWorkshopView, jln_workshop_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (JLN_TYPE_VIEW, jln_workshop_view_iface_init))

enum {
  PROP_0,
  PROP_SESSION,
  PROP_LARGE_ICONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jln_workshop_view_iface_init (JlnViewInterface *iface)
{
  iface->title = N_("Workshop");
  iface->icon_name = "x-office-presentation-symbolic";
}

static void
jln_workshop_view_dispose (GObject *object)
{
  JlnWorkshopView *self = JLN_WORKSHOP_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), JLN_TYPE_WORKSHOP_VIEW);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (jln_workshop_view_parent_class)->dispose (object);
}

static void
jln_workshop_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JlnWorkshopView *self = JLN_WORKSHOP_VIEW (object);

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
jln_workshop_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JlnWorkshopView *self = JLN_WORKSHOP_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (g_set_object (&self->session, g_value_get_object (value)))
        g_object_notify_by_pspec (object, properties[PROP_SESSION]);
      break;
    case PROP_LARGE_ICONS:
      if (self->large_icons != g_value_get_boolean (value))
        {
          self->large_icons = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, properties[PROP_LARGE_ICONS]);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jln_workshop_view_class_init (JlnWorkshopViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_workshop_view_dispose;
  object_class->get_property = jln_workshop_view_get_property;
  object_class->set_property = jln_workshop_view_set_property;

  g_object_class_override_property (object_class, PROP_SESSION, "session");
  properties[PROP_SESSION] = g_object_class_find_property (object_class, "session");
  g_object_class_override_property (object_class, PROP_LARGE_ICONS, "large-icons");
  properties[PROP_LARGE_ICONS] = g_object_class_find_property (object_class, "large-icons");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/workshop/jln-workshop-view.ui");
}

static void
jln_workshop_view_init (JlnWorkshopView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
