#define G_LOG_DOMAIN "jln-service"

/* Placeholder: being written. */
#include <glib.h>
