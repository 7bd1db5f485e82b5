/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The tamper-evident journal's arithmetic, private to src/store: no SQL,
 * no I/O. JlnStore (the facade) decides with it; backends only keep the
 * bytes it produces.
 *
 * Each event's hash is a keyed BLAKE2b (libsodium crypto_generichash)
 * over the previous event's hash and an unambiguous serialisation of the
 * event's fields; the first event follows JLN_AUDIT_GENESIS (zeros). The
 * "tip" is a MAC over the event count, the last event's id and its hash:
 * it is what makes a journal cut short at the end detectable.
 *
 * The key is the organisation's 32-byte audit secret: without it nobody can
 * rebuild a chain that verifies, even with the database file in hand. */

#include <glib.h>

G_BEGIN_DECLS

#define JLN_AUDIT_KEY_BYTES  32
#define JLN_AUDIT_HASH_BYTES 32

/* What an event's hash points back to when it is the first one. */
extern const guint8 JLN_AUDIT_GENESIS[JLN_AUDIT_HASH_BYTES];

/* The end of the journal as last written: count, last event, MAC. */
typedef struct {
  guint64 n_events;
  gint64  last_id;                         /* 0: no event yet */
  guint8  last_hash[JLN_AUDIT_HASH_BYTES]; /* JLN_AUDIT_GENESIS: no event yet */
  guint8  mac[JLN_AUDIT_HASH_BYTES];
} JlnAuditTip;

/* Fills @out_key with a fresh random secret. */
void     jln_audit_chain_new_key  (guint8 out_key[JLN_AUDIT_KEY_BYTES]);

/* @at NULL (a time that does not parse) hashes differently from every real
 * time; NULL texts differ from empty ones. */
void     jln_audit_chain_hash     (const guint8  key[JLN_AUDIT_KEY_BYTES],
                                   const guint8  prev_hash[JLN_AUDIT_HASH_BYTES],
                                   gint64        id,
                                   GDateTime    *at,
                                   const char   *actor,
                                   const char   *action,
                                   const char   *subject,
                                   const char   *detail,
                                   guint8        out_hash[JLN_AUDIT_HASH_BYTES]);

/* Computes @tip->mac from its other fields. */
void     jln_audit_chain_seal_tip (const guint8  key[JLN_AUDIT_KEY_BYTES],
                                   JlnAuditTip  *tip);
/* Whether @tip->mac matches its other fields (constant time). */
gboolean jln_audit_chain_tip_is_valid (const guint8       key[JLN_AUDIT_KEY_BYTES],
                                       const JlnAuditTip *tip);
/* Constant-time comparison of two hashes; a hash of the wrong length
 * (@len != JLN_AUDIT_HASH_BYTES) never matches. */
gboolean jln_audit_chain_hash_equal (const guint8 *a,
                                     gsize         len,
                                     const guint8  b[JLN_AUDIT_HASH_BYTES]);

G_END_DECLS
