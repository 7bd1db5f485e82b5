#define G_LOG_DOMAIN "jalons"

/* Placeholder: being written. */
#include "ui/jln-application.h"

struct _JlnApplication { AdwApplication parent_instance; };
G_DEFINE_FINAL_TYPE (JlnApplication, jln_application, ADW_TYPE_APPLICATION)
static void jln_application_class_init (JlnApplicationClass *klass) {}
static void jln_application_init (JlnApplication *self) {}
JlnApplication *
jln_application_new (void)
{
  return g_object_new (JLN_TYPE_APPLICATION, "application-id", APP_ID, NULL);
}
