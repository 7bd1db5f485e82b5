#define G_LOG_DOMAIN "jalons"

#include "ui/jln-application.h"
#include "ui/views/jln-workshop-view.h"

/* A placeholder with an honest empty state until its issue lands. */
struct _JlnWorkshopView
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (JlnWorkshopView, jln_workshop_view, ADW_TYPE_BIN)

static void
jln_workshop_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), JLN_TYPE_WORKSHOP_VIEW);

  G_OBJECT_CLASS (jln_workshop_view_parent_class)->dispose (object);
}

static void
jln_workshop_view_class_init (JlnWorkshopViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_workshop_view_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/views/jln-workshop-view.ui");
}

static void
jln_workshop_view_init (JlnWorkshopView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
