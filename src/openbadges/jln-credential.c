#define G_LOG_DOMAIN "jln-ob"

/* Placeholder: being written. */
#include <glib.h>
