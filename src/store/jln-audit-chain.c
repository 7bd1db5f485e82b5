/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include <string.h>

#include <sodium.h>

#include "jln-audit-chain.h"

/* Domain separation: an event hash can never be mistaken for a tip MAC
 * (same key), and a later format can change the serialisation by changing
 * the label. */
#define EVENT_LABEL "jalons audit event v1"
#define TIP_LABEL   "jalons audit tip v1"

const guint8 JLN_AUDIT_GENESIS[JLN_AUDIT_HASH_BYTES] = { 0 };

static void
ensure_sodium (void)
{
  /* Idempotent and thread-safe; only fails when the system has no entropy
   * source, which nothing here could work around. */
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
}

static void
update_u64 (crypto_generichash_state *state,
            guint64                   value)
{
  guint8 bytes[8];

  for (guint i = 0; i < 8; i++)
    bytes[i] = (guint8) (value >> (56 - 8 * i));
  crypto_generichash_update (state, bytes, sizeof bytes);
}

/* A presence byte, then the length and the bytes: no two different field
 * lists serialise the same (NULL is not "", "ab"+"c" is not "a"+"bc"). */
static void
update_text (crypto_generichash_state *state,
             const char               *text)
{
  guint8 present = text != NULL;
  gsize len = text != NULL ? strlen (text) : 0;

  crypto_generichash_update (state, &present, 1);
  if (!present)
    return;
  update_u64 (state, len);
  crypto_generichash_update (state, (const guint8 *) text, len);
}

static void
start (crypto_generichash_state *state,
       const guint8              key[JLN_AUDIT_KEY_BYTES],
       const char               *label)
{
  ensure_sodium ();
  crypto_generichash_init (state, key, JLN_AUDIT_KEY_BYTES, JLN_AUDIT_HASH_BYTES);
  update_text (state, label);
}

void
jln_audit_chain_new_key (guint8 out_key[JLN_AUDIT_KEY_BYTES])
{
  ensure_sodium ();
  randombytes_buf (out_key, JLN_AUDIT_KEY_BYTES);
}

void
jln_audit_chain_hash (const guint8  key[JLN_AUDIT_KEY_BYTES],
                      const guint8  prev_hash[JLN_AUDIT_HASH_BYTES],
                      gint64        id,
                      GDateTime    *at,
                      const char   *actor,
                      const char   *action,
                      const char   *subject,
                      const char   *detail,
                      guint8        out_hash[JLN_AUDIT_HASH_BYTES])
{
  crypto_generichash_state state;
  guint8 has_time = at != NULL;

  start (&state, key, EVENT_LABEL);
  crypto_generichash_update (&state, prev_hash, JLN_AUDIT_HASH_BYTES);
  update_u64 (&state, (guint64) id);
  /* The time as seconds since the epoch, not as text: the same instant
   * hashes the same whichever way a backend writes it. */
  crypto_generichash_update (&state, &has_time, 1);
  if (has_time)
    update_u64 (&state, (guint64) g_date_time_to_unix (at));
  update_text (&state, actor);
  update_text (&state, action);
  update_text (&state, subject);
  update_text (&state, detail);
  crypto_generichash_final (&state, out_hash, JLN_AUDIT_HASH_BYTES);
}

static void
tip_mac (const guint8       key[JLN_AUDIT_KEY_BYTES],
         const JlnAuditTip *tip,
         guint8             out[JLN_AUDIT_HASH_BYTES])
{
  crypto_generichash_state state;

  start (&state, key, TIP_LABEL);
  update_u64 (&state, tip->n_events);
  update_u64 (&state, (guint64) tip->last_id);
  crypto_generichash_update (&state, tip->last_hash, JLN_AUDIT_HASH_BYTES);
  crypto_generichash_final (&state, out, JLN_AUDIT_HASH_BYTES);
}

void
jln_audit_chain_seal_tip (const guint8  key[JLN_AUDIT_KEY_BYTES],
                          JlnAuditTip  *tip)
{
  tip_mac (key, tip, tip->mac);
}

gboolean
jln_audit_chain_tip_is_valid (const guint8       key[JLN_AUDIT_KEY_BYTES],
                              const JlnAuditTip *tip)
{
  guint8 expected[JLN_AUDIT_HASH_BYTES];

  tip_mac (key, tip, expected);
  return sodium_memcmp (expected, tip->mac, JLN_AUDIT_HASH_BYTES) == 0;
}

gboolean
jln_audit_chain_hash_equal (const guint8 *a,
                            gsize         len,
                            const guint8  b[JLN_AUDIT_HASH_BYTES])
{
  return a != NULL && len == JLN_AUDIT_HASH_BYTES
         && sodium_memcmp (a, b, JLN_AUDIT_HASH_BYTES) == 0;
}
