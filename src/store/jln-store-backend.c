/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include "jln-store-backend.h"

G_DEFINE_INTERFACE (JlnStoreBackend, jln_store_backend, G_TYPE_OBJECT)

enum {
  CHANGED_ELSEWHERE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
jln_store_backend_default_init (JlnStoreBackendInterface *iface)
{
  /* "Rows of these aggregates changed outside this connection": the
   * facade answers by reloading its live models. */
  signals[CHANGED_ELSEWHERE] =
    g_signal_new ("changed-elsewhere", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

void
jln_store_backend_emit_changed_elsewhere (JlnStoreBackend   *self,
                                          JlnStoreAggregate  aggregates)
{
  g_return_if_fail (JLN_IS_STORE_BACKEND (self));

  g_signal_emit (self, signals[CHANGED_ELSEWHERE], 0, (guint) aggregates);
}

void
jln_award_target_clear (JlnAwardTarget *target)
{
  g_clear_pointer (&target->first_name, g_free);
  g_clear_pointer (&target->last_name, g_free);
  g_clear_pointer (&target->badge_name, g_free);
  target->badge_id = 0;
  target->version = 0;
  target->erased = FALSE;
}
