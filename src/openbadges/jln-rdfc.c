/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include <glib/gi18n.h>
#include <string.h>

#include "jln-ob-error.h"
#include "jln-rdfc.h"

/* RDF Dataset Canonicalization (RDFC-1.0). Blank nodes are numbered in
 * order of first appearance and every quad is pre-serialised once, so the
 * hashing steps only concatenate strings and never rescan the dataset. */

#define N_POS 4                /* subject, predicate, object, graph */
#define SMALL_ISSUER 16        /* below this, issuer lookups scan linearly */
#define MAX_HEX 97             /* SHA-384 in hex, plus NUL */

/* Enough for every legitimate test of the W3C suite (the "evil" poison
 * graphs need a few hundred calls) and for any credential we produce, yet
 * a 10-node clique is refused within milliseconds. */
#define DEFAULT_MAX_NDEGREE_CALLS 2000
/* Permutations are the other way to burn time (k! per group of k
 * interchangeable blank nodes), so they get their own budget. */
#define PERMUTATIONS_PER_CALL 100

typedef struct
{
  int   bnode[N_POS];          /* blank node index, or -1 */
  char *text[N_POS];           /* serialised term when not blank; NULL if absent */
} CQuad;

typedef struct
{
  const char *label;           /* borrowed from the dataset */
  GArray     *quads;           /* guint indices into State.quads */
  char        first_hash[MAX_HEX];
  int         canon;           /* canonical number, -1 until issued */
} BNode;

typedef struct
{
  int        *order;           /* blank node indices, in issue order */
  guint       len;
  guint       cap;
  GHashTable *index;           /* bnode + 1 -> id + 1, only when len > SMALL_ISSUER */
} Issuer;

typedef struct
{
  CQuad        *quads;
  guint         n_quads;
  BNode        *bnodes;
  guint         n_bnodes;
  guint         n_canon;
  GChecksumType hash_type;
  guint         calls;
  guint         max_calls;
  guint64       perms;
  guint64       max_perms;
} State;

typedef struct
{
  char hex[MAX_HEX];
} Hash;

/* ----------------------------------------------------------------- issuer */

static Issuer *
issuer_new (void)
{
  return g_new0 (Issuer, 1);
}

static void
issuer_free (Issuer *issuer)
{
  if (issuer == NULL)
    return;
  g_free (issuer->order);
  g_clear_pointer (&issuer->index, g_hash_table_unref);
  g_free (issuer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Issuer, issuer_free)

static void
issuer_build_index (Issuer *issuer)
{
  issuer->index = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < issuer->len; i++)
    g_hash_table_insert (issuer->index, GINT_TO_POINTER (issuer->order[i] + 1),
                         GUINT_TO_POINTER (i + 1));
}

static int
issuer_lookup (const Issuer *issuer,
               int           bnode)
{
  if (issuer->index != NULL)
    return GPOINTER_TO_INT (g_hash_table_lookup (issuer->index,
                                                 GINT_TO_POINTER (bnode + 1))) - 1;

  for (guint i = 0; i < issuer->len; i++)
    if (issuer->order[i] == bnode)
      return (int) i;
  return -1;
}

static int
issuer_issue (Issuer *issuer,
              int     bnode)
{
  int id = issuer_lookup (issuer, bnode);

  if (id >= 0)
    return id;

  if (issuer->len == issuer->cap)
    {
      issuer->cap = MAX (8, issuer->cap * 2);
      issuer->order = g_renew (int, issuer->order, issuer->cap);
    }
  id = (int) issuer->len;
  issuer->order[issuer->len++] = bnode;

  if (issuer->index != NULL)
    g_hash_table_insert (issuer->index, GINT_TO_POINTER (bnode + 1),
                         GINT_TO_POINTER (id + 1));
  else if (issuer->len > SMALL_ISSUER)
    issuer_build_index (issuer);

  return id;
}

static Issuer *
issuer_copy (const Issuer *issuer)
{
  Issuer *copy = issuer_new ();

  copy->len = issuer->len;
  copy->cap = MAX (8, issuer->len);
  copy->order = g_new (int, copy->cap);
  if (issuer->len > 0)
    memcpy (copy->order, issuer->order, issuer->len * sizeof (int));
  if (copy->len > SMALL_ISSUER)
    issuer_build_index (copy);
  return copy;
}

/* Moves @src into @dst ("replace issuer, by reference") and frees @src. */
static void
issuer_replace (Issuer *dst,
                Issuer *src)
{
  g_free (dst->order);
  g_clear_pointer (&dst->index, g_hash_table_unref);
  *dst = *src;
  g_free (src);
}

/* ---------------------------------------------------------------- hashing */

static void
hash_string (const State *state,
             const char  *data,
             gsize        len,
             Hash        *out)
{
  GChecksum *checksum = g_checksum_new (state->hash_type);

  g_checksum_update (checksum, (const guchar *) data, len);
  g_strlcpy (out->hex, g_checksum_get_string (checksum), sizeof out->hex);
  g_checksum_free (checksum);
}

/* Lines are kept NUL-separated in one buffer and sorted through offsets,
 * which avoids one allocation per line. */
typedef struct
{
  GString *buf;
  GArray  *offsets;            /* gsize */
} Lines;

static void
lines_init (Lines *lines,
            gsize  reserve)
{
  lines->buf = g_string_sized_new (reserve);
  lines->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
}

static void
lines_clear (Lines *lines)
{
  g_string_free (lines->buf, TRUE);
  g_array_unref (lines->offsets);
}

static int
lines_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const char *base = user_data;

  return strcmp (base + *(const gsize *) a, base + *(const gsize *) b);
}

static void
lines_sort (Lines *lines)
{
  g_array_sort_with_data (lines->offsets, lines_compare, lines->buf->str);
}

/* Appends one quad as an N-Quads line. Blank nodes are written through
 * @label_of, which decides what each one is called in this context. */
typedef void (*LabelFunc) (GString *out, const State *state, int bnode, gpointer data);

static void
lines_add_quad (Lines       *lines,
                const State *state,
                const CQuad *quad,
                LabelFunc    label_of,
                gpointer     data)
{
  GString *buf = lines->buf;
  gsize offset = buf->len;

  g_array_append_val (lines->offsets, offset);
  for (int pos = 0; pos < N_POS; pos++)
    {
      if (quad->bnode[pos] >= 0)
        label_of (buf, state, quad->bnode[pos], data);
      else if (quad->text[pos] != NULL)
        g_string_append (buf, quad->text[pos]);
      else
        continue;
      g_string_append_c (buf, ' ');
    }
  g_string_append (buf, ".\n");
  /* Separator, so each line is a C string inside the buffer. */
  g_string_append_c (buf, '\0');
}

static void
label_first_degree (GString     *out,
                    const State *state,
                    int          bnode,
                    gpointer     data)
{
  g_string_append (out, bnode == GPOINTER_TO_INT (data) ? "_:a" : "_:z");
}

static void
label_canonical (GString     *out,
                 const State *state,
                 int          bnode,
                 gpointer     data)
{
  g_string_append_printf (out, "_:c14n%d", state->bnodes[bnode].canon);
}

static void
hash_first_degree (State *state,
                   int    bnode)
{
  BNode *node = &state->bnodes[bnode];
  GChecksum *checksum;
  Lines lines;

  lines_init (&lines, 128 * node->quads->len);
  for (guint i = 0; i < node->quads->len; i++)
    lines_add_quad (&lines, state,
                    &state->quads[g_array_index (node->quads, guint, i)],
                    label_first_degree, GINT_TO_POINTER (bnode));
  lines_sort (&lines);

  checksum = g_checksum_new (state->hash_type);
  for (guint i = 0; i < lines.offsets->len; i++)
    {
      const char *line = lines.buf->str + g_array_index (lines.offsets, gsize, i);

      g_checksum_update (checksum, (const guchar *) line, strlen (line));
    }
  g_strlcpy (node->first_hash, g_checksum_get_string (checksum), sizeof node->first_hash);
  g_checksum_free (checksum);
  lines_clear (&lines);
}

static void
hash_related (State        *state,
              int           related,
              const CQuad  *quad,
              const Issuer *issuer,
              char          position,
              Hash         *out)
{
  char buf[MAX_HEX + 256];
  GString *input;
  int id;

  input = g_string_new_len (&position, 1);
  if (position != 'g')
    g_string_append (input, quad->text[1]);   /* "<predicate>" */

  if (state->bnodes[related].canon >= 0)
    g_snprintf (buf, sizeof buf, "_:c14n%d", state->bnodes[related].canon);
  else if ((id = issuer_lookup (issuer, related)) >= 0)
    g_snprintf (buf, sizeof buf, "_:b%d", id);
  else
    g_strlcpy (buf, state->bnodes[related].first_hash, sizeof buf);
  g_string_append (input, buf);

  hash_string (state, input->str, input->len, out);
  g_string_free (input, TRUE);
}

typedef struct
{
  Hash hash;
  int  related;
  const char *label;
} RelatedEntry;

static int
related_compare (gconstpointer a,
                 gconstpointer b)
{
  const RelatedEntry *ea = a, *eb = b;
  int cmp = strcmp (ea->hash.hex, eb->hash.hex);

  if (cmp != 0)
    return cmp;
  /* Permutations start from the sorted list of identifiers. */
  return strcmp (ea->label, eb->label);
}

/* Steinhaus–Johnson–Trotter: each step swaps one adjacent pair, starting
 * from the identity, so the sequence is deterministic for a given group. */
typedef struct
{
  guint  k;
  guint *perm;                 /* positions -> element */
  int   *dir;                  /* element -> -1 (left) or +1 (right) */
} Permuter;

static void
permuter_init (Permuter *p,
               guint     k)
{
  p->k = k;
  p->perm = g_new (guint, k);
  p->dir = g_new (int, k);
  for (guint i = 0; i < k; i++)
    {
      p->perm[i] = i;
      p->dir[i] = -1;
    }
}

static void
permuter_clear (Permuter *p)
{
  g_free (p->perm);
  g_free (p->dir);
}

static gboolean
permuter_next (Permuter *p)
{
  gint best = -1;
  guint moved;

  for (guint i = 0; i < p->k; i++)
    {
      gint j = (gint) i + p->dir[p->perm[i]];

      if (j < 0 || j >= (gint) p->k || p->perm[j] > p->perm[i])
        continue;
      if (best < 0 || p->perm[i] > p->perm[best])
        best = (gint) i;
    }
  if (best < 0)
    return FALSE;

  moved = p->perm[best];
  {
    gint j = best + p->dir[moved];
    p->perm[best] = p->perm[j];
    p->perm[j] = moved;
  }
  for (guint v = moved + 1; v < p->k; v++)
    p->dir[v] = -p->dir[v];
  return TRUE;
}

/* A longer path can never win, and neither can one already past the best
 * in code point order: stop early. */
static gboolean
path_loses (const GString *path,
            const GString *chosen)
{
  return chosen != NULL && path->len >= chosen->len &&
         strcmp (path->str, chosen->str) > 0;
}

static gboolean hash_ndegree (State *state, int bnode, Issuer *issuer, Hash *out);

/* One group of related blank nodes sharing a related hash: returns the
 * chosen path and replaces @issuer with the chosen issuer. */
static gboolean
choose_path (State               *state,
             const RelatedEntry  *entries,
             guint                k,
             Issuer              *issuer,
             GString            **chosen_out)
{
  g_autoptr(Issuer) chosen_issuer = NULL;
  GString *chosen = NULL;
  gboolean ok = TRUE;
  Permuter perm;

  permuter_init (&perm, k);
  do
    {
      g_autoptr(Issuer) copy = NULL;
      g_autoptr(GArray) recursion = NULL;
      GString *path;
      gboolean skip = FALSE;

      if (++state->perms > state->max_perms)
        {
          ok = FALSE;
          break;
        }

      copy = issuer_copy (issuer);
      path = g_string_sized_new (64);
      recursion = g_array_new (FALSE, FALSE, sizeof (int));

      for (guint i = 0; i < k && !skip; i++)
        {
          int related = entries[perm.perm[i]].related;

          if (state->bnodes[related].canon >= 0)
            g_string_append_printf (path, "_:c14n%d", state->bnodes[related].canon);
          else
            {
              if (issuer_lookup (copy, related) < 0)
                g_array_append_val (recursion, related);
              g_string_append_printf (path, "_:b%d", issuer_issue (copy, related));
            }
          skip = path_loses (path, chosen);
        }

      for (guint i = 0; i < recursion->len && !skip; i++)
        {
          int related = g_array_index (recursion, int, i);
          Hash result;

          /* The recursive call replaces @copy with its chosen issuer, which
           * extends @copy, so @related keeps its identifier. */
          if (!hash_ndegree (state, related, copy, &result))
            {
              ok = FALSE;
              break;
            }
          g_string_append_printf (path, "_:b%d<%s>",
                                  issuer_issue (copy, related), result.hex);
          skip = path_loses (path, chosen);
        }

      if (!ok)
        {
          g_string_free (path, TRUE);
          break;
        }

      if (!skip && (chosen == NULL || strcmp (path->str, chosen->str) < 0))
        {
          if (chosen != NULL)
            g_string_free (chosen, TRUE);
          chosen = path;
          g_clear_pointer (&chosen_issuer, issuer_free);
          chosen_issuer = g_steal_pointer (&copy);
        }
      else
        g_string_free (path, TRUE);
    }
  while (permuter_next (&perm));
  permuter_clear (&perm);

  if (!ok)
    {
      if (chosen != NULL)
        g_string_free (chosen, TRUE);
      return FALSE;
    }

  issuer_replace (issuer, g_steal_pointer (&chosen_issuer));
  *chosen_out = chosen;
  return TRUE;
}

static gboolean
hash_ndegree (State  *state,
              int     bnode,
              Issuer *issuer,
              Hash   *out)
{
  static const char positions[N_POS] = { 's', 'p', 'o', 'g' };
  BNode *node = &state->bnodes[bnode];
  g_autoptr(GArray) entries = NULL;
  GString *data;
  guint start;

  if (++state->calls > state->max_calls)
    return FALSE;

  entries = g_array_new (FALSE, FALSE, sizeof (RelatedEntry));
  for (guint i = 0; i < node->quads->len; i++)
    {
      const CQuad *quad = &state->quads[g_array_index (node->quads, guint, i)];

      for (int pos = 0; pos < N_POS; pos++)
        {
          RelatedEntry entry;
          int related = quad->bnode[pos];

          if (related < 0 || related == bnode)
            continue;
          entry.related = related;
          entry.label = state->bnodes[related].label;
          hash_related (state, related, quad, issuer, positions[pos], &entry.hash);
          g_array_append_val (entries, entry);
        }
    }
  g_array_sort (entries, related_compare);

  data = g_string_sized_new (256);
  for (start = 0; start < entries->len;)
    {
      const RelatedEntry *group = &g_array_index (entries, RelatedEntry, start);
      GString *chosen = NULL;
      guint k = 1;

      while (start + k < entries->len &&
             strcmp (group[k].hash.hex, group[0].hash.hex) == 0)
        k++;

      g_string_append (data, group[0].hash.hex);
      if (!choose_path (state, group, k, issuer, &chosen))
        {
          g_string_free (data, TRUE);
          return FALSE;
        }
      g_string_append_len (data, chosen->str, chosen->len);
      g_string_free (chosen, TRUE);
      start += k;
    }

  hash_string (state, data->str, data->len, out);
  g_string_free (data, TRUE);
  return TRUE;
}

/* ------------------------------------------------------------ main steps */

static void
issue_canonical (State *state,
                 int    bnode)
{
  if (state->bnodes[bnode].canon < 0)
    state->bnodes[bnode].canon = (int) state->n_canon++;
}

typedef struct
{
  const char *hash;
  int         bnode;
} HashEntry;

static int
hash_entry_compare (gconstpointer a,
                    gconstpointer b)
{
  const HashEntry *ea = a, *eb = b;
  int cmp = strcmp (ea->hash, eb->hash);

  if (cmp != 0)
    return cmp;
  return (ea->bnode > eb->bnode) - (ea->bnode < eb->bnode);
}

typedef struct
{
  Hash    hash;
  Issuer *issuer;
  guint   seq;
} PathResult;

static int
path_result_compare (gconstpointer a,
                     gconstpointer b)
{
  const PathResult *ra = a, *rb = b;
  int cmp = strcmp (ra->hash.hex, rb->hash.hex);

  if (cmp != 0)
    return cmp;
  /* Stable: equal hashes keep the order they were computed in. */
  return (ra->seq > rb->seq) - (ra->seq < rb->seq);
}

static void
state_load (State               *state,
            const JlnRdfDataset *dataset)
{
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *bnodes = g_array_new (FALSE, TRUE, sizeof (BNode));
  GString *buf = g_string_new (NULL);

  state->n_quads = jln_rdf_dataset_get_n_quads (dataset);
  state->quads = g_new0 (CQuad, state->n_quads);

  for (guint q = 0; q < state->n_quads; q++)
    {
      const JlnRdfQuad *quad = jln_rdf_dataset_get_quad (dataset, q);
      const JlnRdfTerm *terms[N_POS] = { quad->subject, quad->predicate,
                                         quad->object, quad->graph };
      CQuad *cq = &state->quads[q];

      for (int pos = 0; pos < N_POS; pos++)
        {
          const JlnRdfTerm *term = terms[pos];
          gpointer value;
          int index;

          cq->bnode[pos] = -1;
          if (term == NULL)
            continue;
          if (term->kind != JLN_RDF_BLANK || pos == 1)
            {
              g_string_truncate (buf, 0);
              jln_rdf_term_append_nquads (buf, term);
              cq->text[pos] = g_strndup (buf->str, buf->len);
              continue;
            }

          if (g_hash_table_lookup_extended (labels, term->value, NULL, &value))
            index = GPOINTER_TO_INT (value);
          else
            {
              BNode node = { 0 };

              index = (int) bnodes->len;
              node.label = term->value;
              node.quads = g_array_new (FALSE, FALSE, sizeof (guint));
              node.canon = -1;
              g_array_append_val (bnodes, node);
              g_hash_table_insert (labels, term->value, GINT_TO_POINTER (index));
            }
          cq->bnode[pos] = index;

          /* A quad is listed once per blank node, even if that node fills
           * several positions (_:a <p> _:a). */
          {
            GArray *list = g_array_index (bnodes, BNode, index).quads;

            if (list->len == 0 || g_array_index (list, guint, list->len - 1) != q)
              g_array_append_val (list, q);
          }
        }
    }

  state->n_bnodes = bnodes->len;
  state->bnodes = (BNode *) (void *) g_array_free (bnodes, FALSE);
  g_string_free (buf, TRUE);
}

static void
state_clear (State *state)
{
  for (guint q = 0; q < state->n_quads; q++)
    for (int pos = 0; pos < N_POS; pos++)
      g_free (state->quads[q].text[pos]);
  g_free (state->quads);
  for (guint b = 0; b < state->n_bnodes; b++)
    g_array_unref (state->bnodes[b].quads);
  g_free (state->bnodes);
}

static gboolean
canonicalize_non_unique (State     *state,
                         HashEntry *group,
                         guint      k)
{
  GArray *results = g_array_new (FALSE, FALSE, sizeof (PathResult));
  gboolean ok = TRUE;

  for (guint i = 0; i < k; i++)
    {
      PathResult result;
      int bnode = group[i].bnode;

      if (state->bnodes[bnode].canon >= 0)
        continue;

      result.issuer = issuer_new ();
      result.seq = results->len;
      issuer_issue (result.issuer, bnode);
      if (!hash_ndegree (state, bnode, result.issuer, &result.hash))
        {
          issuer_free (result.issuer);
          ok = FALSE;
          break;
        }
      g_array_append_val (results, result);
    }

  if (ok)
    {
      g_array_sort (results, path_result_compare);
      for (guint i = 0; i < results->len; i++)
        {
          const Issuer *issuer = g_array_index (results, PathResult, i).issuer;

          for (guint j = 0; j < issuer->len; j++)
            issue_canonical (state, issuer->order[j]);
        }
    }

  for (guint i = 0; i < results->len; i++)
    issuer_free (g_array_index (results, PathResult, i).issuer);
  g_array_unref (results);
  return ok;
}

char *
jln_rdfc_canonicalize_full (const JlnRdfDataset   *dataset,
                            const JlnRdfcOptions  *options,
                            GChecksumType          hash_type,
                            GHashTable           **issued,
                            guint                 *ndegree_calls,
                            GError               **error)
{
  State state = { 0 };
  g_autofree HashEntry *entries = NULL;
  gboolean ok = TRUE;
  Lines lines;
  GString *out;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (issued != NULL)
    *issued = NULL;
  if (ndegree_calls != NULL)
    *ndegree_calls = 0;

  if (hash_type != G_CHECKSUM_SHA256 && hash_type != G_CHECKSUM_SHA384)
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED,
                           _("This canonicalisation hash algorithm is not supported (only SHA-256 and SHA-384 are)."));
      return NULL;
    }

  state.hash_type = hash_type;
  state.max_calls = (options != NULL && options->max_ndegree_calls > 0)
                    ? options->max_ndegree_calls : DEFAULT_MAX_NDEGREE_CALLS;
  state.max_perms = (guint64) state.max_calls * PERMUTATIONS_PER_CALL;

  state_load (&state, dataset);

  /* Steps 3-4: first-degree hashes; unique ones are issued right away, in
   * hash order. */
  entries = g_new (HashEntry, MAX (state.n_bnodes, 1));
  for (guint b = 0; b < state.n_bnodes; b++)
    {
      hash_first_degree (&state, (int) b);
      entries[b].hash = state.bnodes[b].first_hash;
      entries[b].bnode = (int) b;
    }
  if (state.n_bnodes > 1)
    qsort (entries, state.n_bnodes, sizeof (HashEntry), hash_entry_compare);

  for (guint i = 0; i < state.n_bnodes;)
    {
      guint k = 1;

      while (i + k < state.n_bnodes && strcmp (entries[i + k].hash, entries[i].hash) == 0)
        k++;
      if (k == 1)
        issue_canonical (&state, entries[i].bnode);
      i += k;
    }

  if (options != NULL && options->reference_work_factor)
    {
      guint non_unique = 0;

      for (guint i = 0; i < state.n_bnodes;)
        {
          guint k = 1;

          while (i + k < state.n_bnodes && strcmp (entries[i + k].hash, entries[i].hash) == 0)
            k++;
          if (k > 1)
            non_unique += k;
          i += k;
        }
      state.max_calls = MIN (state.max_calls, MAX (non_unique, 1));
      state.max_perms = (guint64) state.max_calls * PERMUTATIONS_PER_CALL;
    }

  /* Step 5: groups sharing a first-degree hash, through N-degree hashes. */
  for (guint i = 0; i < state.n_bnodes && ok;)
    {
      guint k = 1;

      while (i + k < state.n_bnodes && strcmp (entries[i + k].hash, entries[i].hash) == 0)
        k++;
      if (k > 1)
        ok = canonicalize_non_unique (&state, &entries[i], k);
      i += k;
    }

  if (ndegree_calls != NULL)
    *ndegree_calls = MIN (state.calls, state.max_calls);

  if (!ok)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CANON_LIMIT,
                   _("This document is too complex to canonicalise safely: "
                     "it contains too many interchangeable blank nodes "
                     "(the limit is %u hashing steps)."),
                   state.max_calls);
      state_clear (&state);
      return NULL;
    }

  /* Steps 6-7: relabel, serialise, sort. */
  lines_init (&lines, 128 * (state.n_quads + 1));
  for (guint q = 0; q < state.n_quads; q++)
    lines_add_quad (&lines, &state, &state.quads[q], label_canonical, NULL);
  lines_sort (&lines);

  out = g_string_sized_new (lines.buf->len);
  for (guint i = 0; i < lines.offsets->len; i++)
    g_string_append (out, lines.buf->str + g_array_index (lines.offsets, gsize, i));
  lines_clear (&lines);

  if (issued != NULL)
    {
      *issued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint b = 0; b < state.n_bnodes; b++)
        g_hash_table_insert (*issued, g_strdup (state.bnodes[b].label),
                             g_strdup_printf ("c14n%d", state.bnodes[b].canon));
    }

  state_clear (&state);
  return g_string_free (out, FALSE);
}

char *
jln_rdfc_canonicalize (const JlnRdfDataset   *dataset,
                       const JlnRdfcOptions  *options,
                       GHashTable           **issued,
                       GError               **error)
{
  return jln_rdfc_canonicalize_full (dataset, options, G_CHECKSUM_SHA256,
                                     issued, NULL, error);
}
