#define G_LOG_DOMAIN "jln-store"

#include "jln-store-error.h"

G_DEFINE_QUARK (jln-store-error-quark, jln_store_error)
