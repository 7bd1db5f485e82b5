/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include "jln-ob-error.h"

G_DEFINE_QUARK (jln-ob-error-quark, jln_ob_error)
