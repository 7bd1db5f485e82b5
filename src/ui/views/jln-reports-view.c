#define G_LOG_DOMAIN "jalons"

#include "ui/jln-application.h"
#include "ui/views/jln-reports-view.h"

/* A placeholder with an honest empty state until its issue lands. */
struct _JlnReportsView
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (JlnReportsView, jln_reports_view, ADW_TYPE_BIN)

static void
jln_reports_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), JLN_TYPE_REPORTS_VIEW);

  G_OBJECT_CLASS (jln_reports_view_parent_class)->dispose (object);
}

static void
jln_reports_view_class_init (JlnReportsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  jln_ui_register_resources ();

  object_class->dispose = jln_reports_view_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jalons/Jalons/views/jln-reports-view.ui");
}

static void
jln_reports_view_init (JlnReportsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
