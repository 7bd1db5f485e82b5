/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include "jln-store-error.h"

G_DEFINE_QUARK (jln-store-error-quark, jln_store_error)
G_DEFINE_QUARK (jln-audit-error-quark, jln_audit_error)
