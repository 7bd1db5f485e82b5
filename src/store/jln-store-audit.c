/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-store"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "jln-store-audit.h"

/* The tamper-evident journal. Event n's hash covers event n-1's hash, so
 * changing, removing or moving any event breaks every link after it; the
 * keyed tip (count, last id, last hash) catches the one thing a chain
 * cannot see by itself, events removed at its end. Neither can catch a
 * whole file put back to an older copy (its chain and tip are both
 * genuine): see docs/security.md. */

#define BACKEND(backend, vfunc, ...) JLN_STORE_BACKEND_CALL ((backend), vfunc, ##__VA_ARGS__)

/* Long enough to recognise an action, short enough that a hostile row
 * cannot flood a message. */
#define MAX_ACTION_CHARS 60

gboolean
jln_store_audit_append (JlnStoreBackend  *backend,
                        const guint8     *key,
                        GDateTime        *at,
                        const char       *actor,
                        const char       *action,
                        const char       *subject,
                        const char       *detail,
                        GError          **error)
{
  JlnAuditTip tip;
  guint8 last_hash[JLN_AUDIT_HASH_BYTES];
  guint8 hash[JLN_AUDIT_HASH_BYTES];
  const guint8 *prev;
  gboolean found, tip_valid;
  gint64 last_id, id;

  if (!BACKEND (backend, get_audit_tip, &tip, &found, error)
      || !BACKEND (backend, get_audit_last, &last_id, last_hash, error))
    return FALSE;
  tip_valid = found && jln_audit_chain_tip_is_valid (key, &tip);

  /* A good tip says where the chain ends, even when rows after it were
   * deleted: the new event then points at the missing one and the gap
   * shows. A bad tip is never re-sealed (that would launder whatever was
   * done to the end of the journal); the event follows the last row. */
  prev = tip_valid ? tip.last_hash : last_hash;
  id = MAX (last_id, tip_valid ? tip.last_id : 0) + 1;
  jln_audit_chain_hash (key, prev, id, at, actor, action, subject, detail, hash);
  if (!BACKEND (backend, append_audit, id, at, actor, action, subject, detail, prev, hash, error))
    return FALSE;
  if (!tip_valid)
    return TRUE;

  tip.n_events++;
  tip.last_id = id;
  memcpy (tip.last_hash, hash, sizeof hash);
  jln_audit_chain_seal_tip (key, &tip);
  return BACKEND (backend, set_audit_tip, &tip, error);
}

/* ------------------------------------------------------------------ */
/* verification                                                       */

typedef struct {
  const guint8 *key;
  /* where the walk is */
  guint8 expected_prev[JLN_AUDIT_HASH_BYTES];
  guint64 n_events;
  gint64 last_id;
  char *last_label;
  /* the first row that breaks the chain */
  gboolean broken;
  JlnAuditError kind;
  gint64 broken_id;
  char *broken_label;
  gboolean look_ahead;   /* its recorded predecessor may sit later in the table */
  guint8 broken_prev[JLN_AUDIT_HASH_BYTES];
  gboolean found_later;
} Walk;

static void
walk_clear (Walk *walk)
{
  g_clear_pointer (&walk->last_label, g_free);
  g_clear_pointer (&walk->broken_label, g_free);
}

/* "#12 (2026-12-02 06:20:00 UTC, award.create)": how messages name an
 * event. The action comes from the file: made valid and cut short. */
static char *
describe_row (const JlnAuditRow *row)
{
  g_autofree char *when = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *action = NULL;

  if (row->at != NULL)
    when = g_date_time_format (row->at, "%Y-%m-%d %H:%M:%S UTC");
  else
    when = g_strdup (_("unknown time"));
  valid = g_utf8_make_valid (row->action != NULL ? row->action : "?", -1);
  if (g_utf8_strlen (valid, -1) > MAX_ACTION_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (valid, 0, MAX_ACTION_CHARS);

      action = g_strconcat (cut, "…", NULL);
    }
  else
    action = g_steal_pointer (&valid);
  return g_strdup_printf ("#%" G_GINT64_FORMAT " (%s, %s)", row->id, when, action);
}

static gboolean
check_row (const JlnAuditRow *row,
           gpointer           user_data)
{
  Walk *walk = user_data;
  guint8 hash[JLN_AUDIT_HASH_BYTES];
  gboolean prev_is_expected, prev_usable;

  jln_audit_chain_hash (walk->key, walk->expected_prev, row->id, row->at, row->actor,
                        row->action, row->subject, row->detail, hash);
  /* The stored link is only a copy of the predecessor's hash, kept to tell
   * a deletion from an edit; a copy that disagrees is an edit too. */
  if (jln_audit_chain_hash_equal (row->hash, row->hash_len, hash)
      && jln_audit_chain_hash_equal (row->prev_hash, row->prev_hash_len, walk->expected_prev))
    {
      memcpy (walk->expected_prev, hash, sizeof hash);
      walk->n_events++;
      walk->last_id = row->id;
      return TRUE;
    }

  walk->broken = TRUE;
  walk->broken_id = row->id;
  walk->broken_label = describe_row (row);
  prev_usable = row->prev_hash != NULL && row->prev_hash_len == JLN_AUDIT_HASH_BYTES;
  prev_is_expected = jln_audit_chain_hash_equal (row->prev_hash, row->prev_hash_len, walk->expected_prev);
  if (prev_is_expected || !prev_usable)
    {
      /* It follows the right event, so it is the row itself that changed. */
      walk->kind = JLN_AUDIT_ERROR_ALTERED;
      return FALSE;
    }

  /* It claims another predecessor. Still sound in itself (its hash matches
   * what it claims): the event it follows was deleted, unless that event
   * sits further on (then they were reordered, looked for afterwards). */
  jln_audit_chain_hash (walk->key, row->prev_hash, row->id, row->at, row->actor,
                        row->action, row->subject, row->detail, hash);
  walk->kind = jln_audit_chain_hash_equal (row->hash, row->hash_len, hash)
               ? JLN_AUDIT_ERROR_MISSING : JLN_AUDIT_ERROR_ALTERED;
  walk->look_ahead = TRUE;
  memcpy (walk->broken_prev, row->prev_hash, JLN_AUDIT_HASH_BYTES);
  return FALSE;
}

/* Describes the first row handed: the walk keeps no text for every row. */
static gboolean
describe_first (const JlnAuditRow *row,
                gpointer           user_data)
{
  Walk *walk = user_data;

  walk->last_label = describe_row (row);
  return FALSE;
}

static gboolean
find_later (const JlnAuditRow *row,
            gpointer           user_data)
{
  Walk *walk = user_data;

  if (jln_audit_chain_hash_equal (row->hash, row->hash_len, walk->broken_prev))
    {
      walk->found_later = TRUE;
      return FALSE;
    }
  return TRUE;
}

static void
set_broken (Walk    *walk,
            GError **error)
{
  switch (walk->kind)
    {
    case JLN_AUDIT_ERROR_ALTERED:
      g_set_error (error, JLN_AUDIT_ERROR, walk->kind,
                   _("The audit journal was tampered with: event %s was altered after it was written."),
                   walk->broken_label);
      break;
    case JLN_AUDIT_ERROR_MISSING:
      g_set_error (error, JLN_AUDIT_ERROR, walk->kind,
                   _("The audit journal was tampered with: events just before event %s are missing."),
                   walk->broken_label);
      break;
    case JLN_AUDIT_ERROR_OUT_OF_ORDER:
      g_set_error (error, JLN_AUDIT_ERROR, walk->kind,
                   _("The audit journal was tampered with: event %s is out of order."),
                   walk->broken_label);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The chain is whole; does its end match the tip? */
static gboolean
check_tip (JlnStoreBackend  *backend,
           Walk             *walk,
           gint64           *out_first_broken_id,
           GError          **error)
{
  JlnAuditTip tip;
  gboolean found;

  if (!BACKEND (backend, get_audit_tip, &tip, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error_literal (error, JLN_AUDIT_ERROR, JLN_AUDIT_ERROR_SEAL,
                           _("The audit journal was tampered with: its end seal is missing, so events may have been removed from its end."));
      return FALSE;
    }
  if (!jln_audit_chain_tip_is_valid (walk->key, &tip))
    {
      g_set_error_literal (error, JLN_AUDIT_ERROR, JLN_AUDIT_ERROR_SEAL,
                           _("The audit journal was tampered with: its end seal was altered, so events may have been removed from its end."));
      return FALSE;
    }
  if (tip.n_events > walk->n_events && tip.last_id > walk->last_id)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, tip.n_events);
      g_autofree char *last = g_strdup_printf ("#%" G_GINT64_FORMAT, tip.last_id);

      /* Ids are handed out one after the other, so the first missing event
       * is the one after the last still there. */
      *out_first_broken_id = walk->last_id + 1;
      if (walk->n_events > 0
          && !BACKEND (backend, foreach_audit_row, walk->last_id - 1, describe_first, walk, error))
        return FALSE;
      if (walk->n_events > 0 && walk->last_label == NULL)
        walk->last_label = g_strdup_printf ("#%" G_GINT64_FORMAT, walk->last_id);
      if (walk->n_events == 0)
        g_set_error (error, JLN_AUDIT_ERROR, JLN_AUDIT_ERROR_TRUNCATED,
                     _("The audit journal was tampered with: it is empty, but it held %s events up to event %s."),
                     n, last);
      else
        g_set_error (error, JLN_AUDIT_ERROR, JLN_AUDIT_ERROR_TRUNCATED,
                     _("The audit journal was tampered with: it was cut short after event %s; it held %s events up to event %s."),
                     walk->last_label, n, last);
      return FALSE;
    }
  if (tip.n_events != walk->n_events || tip.last_id != walk->last_id
      || sodium_memcmp (tip.last_hash, walk->expected_prev, JLN_AUDIT_HASH_BYTES) != 0)
    {
      /* A genuine but older (or foreign) tip put in place of the real one. */
      g_set_error_literal (error, JLN_AUDIT_ERROR, JLN_AUDIT_ERROR_SEAL,
                           _("The audit journal was tampered with: its end seal does not match its last event."));
      return FALSE;
    }
  return TRUE;
}

gboolean
jln_store_audit_verify (JlnStoreBackend  *backend,
                        const guint8     *key,
                        gint64           *out_first_broken_id,
                        guint64          *out_n_events,
                        GError          **error)
{
  Walk walk = { .key = key };
  gint64 first_broken = 0;
  gboolean ok = FALSE;

  memcpy (walk.expected_prev, JLN_AUDIT_GENESIS, JLN_AUDIT_HASH_BYTES);
  if (!BACKEND (backend, foreach_audit_row, 0, check_row, &walk, error))
    goto out;
  if (walk.broken)
    {
      /* A second pass only when broken: the common case reads each row once. */
      if (walk.look_ahead
          && !BACKEND (backend, foreach_audit_row, walk.broken_id, find_later, &walk, error))
        goto out;
      if (walk.found_later)
        walk.kind = JLN_AUDIT_ERROR_OUT_OF_ORDER;
      first_broken = walk.broken_id;
      set_broken (&walk, error);
      goto out;
    }
  ok = check_tip (backend, &walk, &first_broken, error);

out:
  if (out_first_broken_id != NULL)
    *out_first_broken_id = first_broken;
  if (out_n_events != NULL)
    *out_n_events = walk.n_events;
  walk_clear (&walk);
  return ok;
}

/* ------------------------------------------------------------------ */
/* starting the chain (schema 4)                                      */

typedef struct {
  gint64 id;
  guint8 prev[JLN_AUDIT_HASH_BYTES];
  guint8 hash[JLN_AUDIT_HASH_BYTES];
} Link;

typedef struct {
  const guint8 *key;
  GArray *links;
  guint8 prev[JLN_AUDIT_HASH_BYTES];
} ChainStart;

static gboolean
chain_row (const JlnAuditRow *row,
           gpointer           user_data)
{
  ChainStart *start = user_data;
  Link link = { row->id };

  memcpy (link.prev, start->prev, sizeof link.prev);
  jln_audit_chain_hash (start->key, link.prev, row->id, row->at, row->actor, row->action,
                        row->subject, row->detail, link.hash);
  memcpy (start->prev, link.hash, sizeof start->prev);
  g_array_append_val (start->links, link);
  return TRUE;
}

gboolean
jln_store_audit_start_chain (JlnStoreBackend  *backend,
                             GError          **error)
{
  guint8 key[JLN_AUDIT_KEY_BYTES];
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (Link));
  ChainStart start = { key, links };
  JlnAuditTip tip = { 0 };
  gboolean ok = FALSE;

  /* The secret is born with the organisation's row, at the schema that
   * introduces it: for a new database as for an upgraded one. */
  jln_audit_chain_new_key (key);
  secret = g_bytes_new (key, sizeof key);
  memcpy (start.prev, JLN_AUDIT_GENESIS, JLN_AUDIT_HASH_BYTES);
  /* Read everything first, then write: no UPDATE under a running SELECT. */
  if (!BACKEND (backend, set_audit_secret, secret, error)
      || !BACKEND (backend, foreach_audit_row, 0, chain_row, &start, error))
    goto out;
  for (guint i = 0; i < links->len; i++)
    {
      Link *link = &g_array_index (links, Link, i);

      if (!BACKEND (backend, set_audit_link, link->id, link->prev, link->hash, error))
        goto out;
    }
  tip.n_events = links->len;
  tip.last_id = links->len > 0 ? g_array_index (links, Link, links->len - 1).id : 0;
  memcpy (tip.last_hash, start.prev, sizeof tip.last_hash);
  jln_audit_chain_seal_tip (key, &tip);
  ok = BACKEND (backend, set_audit_tip, &tip, error);

out:
  sodium_memzero (key, sizeof key);
  return ok;
}
