#define G_LOG_DOMAIN "jln-core"

/* Placeholder: being written. */
#include <glib.h>
