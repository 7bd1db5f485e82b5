/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The journal's rules over the backend seam, private to src/store: how an
 * event joins the chain, how the chain and its tip are checked, how an
 * existing journal starts its chain. JlnStore calls these inside its own
 * transactions and holds the key (jln-store.c, audit_key()). */

#include "jln-store-backend.h"

G_BEGIN_DECLS

/* Appends one event after the chain's end, and moves the tip, in the
 * caller's transaction. A tip that does not verify is left as it is (the
 * event then follows the last stored one), so a break stays visible. */
gboolean jln_store_audit_append      (JlnStoreBackend  *backend,
                                      const guint8     *key,
                                      GDateTime        *at,
                                      const char       *actor,
                                      const char       *action,
                                      const char       *subject,
                                      const char       *detail,
                                      GError          **error);

/* Walks the whole journal; see jln_store_verify_audit(). */
gboolean jln_store_audit_verify      (JlnStoreBackend  *backend,
                                      const guint8     *key,
                                      gint64           *out_first_broken_id,
                                      guint64          *out_n_events,
                                      GError          **error);

/* The upgrade step of schema 4: creates the secret and chains the events
 * already stored, oldest first, then writes the tip. */
gboolean jln_store_audit_start_chain (JlnStoreBackend  *backend,
                                      GError          **error);

G_END_DECLS
