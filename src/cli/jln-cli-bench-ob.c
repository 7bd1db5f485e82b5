/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-cli"

/* "bench ob": per-operation cost of the Open Badges engine on one core. */

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cli/jln-cli.h"
#include "openbadges/jln-bake.h"
#include "openbadges/jln-credential.h"
#include "openbadges/jln-proof.h"
#include "openbadges/jln-verify.h"

static void
put32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (a, b, 4);
}

static void
put_chunk (GByteArray *png, const char *type, const guint8 *data, gsize len)
{
  gsize start;

  put32 (png, len);
  start = png->len;
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (len)
    g_byte_array_append (png, data, len);
  put32 (png, jln_png_crc32 (png->data + start, png->len - start));
}

/* A size×size RGB PNG whose IDAT uses zlib "stored" blocks, so no compressor
 * is needed (GdkPixbuf is not available in this layer). */
static GBytes *
make_png (guint size)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 zhead[2] = { 0x78, 0x01 };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GByteArray) raw = g_byte_array_new ();
  g_autoptr(GByteArray) z = g_byte_array_new ();
  guint8 ihdr[13] = { 0 };
  guint32 a = 1, b = 0;

  for (guint y = 0; y < size; y++)
    {
      guint8 filter = 0;

      g_byte_array_append (raw, &filter, 1);
      for (guint x = 0; x < size; x++)
        {
          guint8 rgb[3] = { x, y, (x * y) >> 8 };

          g_byte_array_append (raw, rgb, 3);
        }
    }
  g_byte_array_append (z, zhead, 2);
  for (gsize off = 0; off < raw->len; off += 65535)
    {
      gsize n = MIN (65535, raw->len - off);
      guint8 head[5] = { off + n == raw->len, n & 0xff, n >> 8, ~n & 0xff, (~n >> 8) & 0xff };

      g_byte_array_append (z, head, 5);
      g_byte_array_append (z, raw->data + off, n);
    }
  for (gsize i = 0; i < raw->len; i++)
    {
      a = (a + raw->data[i]) % 65521;
      b = (b + a) % 65521;
    }
  put32 (z, (b << 16) | a);

  for (int i = 0; i < 2; i++)
    {
      ihdr[4 * i + 0] = size >> 24;
      ihdr[4 * i + 1] = size >> 16;
      ihdr[4 * i + 2] = size >> 8;
      ihdr[4 * i + 3] = size;
    }
  ihdr[8] = 8;   /* bit depth */
  ihdr[9] = 2;   /* RGB */
  g_byte_array_append (png, signature, 8);
  put_chunk (png, "IHDR", ihdr, sizeof ihdr);
  put_chunk (png, "IDAT", z->data, z->len);
  put_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

typedef struct {
  JlnObKey *key;
  JlnCredentialInput input;
  JsonNode *unsigned_credential;
  char *signed_text;
  GBytes *png;
  GBytes *baked_png;
  GDateTime *now;
  gboolean failed;
} Bench;

static void
op_canonicalize (Bench *b)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *canon = jln_proof_canonicalize (b->unsigned_credential, &error);

  if (canon == NULL)
    b->failed = TRUE;
}

static void
op_issue (Bench *b)
{
  g_autofree char *text = jln_credential_issue (&b->input, b->key, NULL, b->now, NULL);

  if (text == NULL)
    b->failed = TRUE;
}

static void
op_bake (Bench *b)
{
  g_autoptr(GBytes) baked = jln_bake_png (b->png, b->signed_text, NULL);

  if (baked == NULL)
    b->failed = TRUE;
}

static void
op_verify_png (Bench *b)
{
  JlnVerifyOptions options = { b->now, NULL, NULL, NULL };
  g_autoptr(JlnVerifyReport) report = jln_verify_bytes (b->baked_png, &options);

  if (report->verdict != JLN_VERIFY_VALID)
    b->failed = TRUE;
}

static void
op_verify_json (Bench *b)
{
  JlnVerifyOptions options = { b->now, NULL, NULL, NULL };
  g_autoptr(GBytes) bytes = g_bytes_new_static (b->signed_text, strlen (b->signed_text));
  g_autoptr(JlnVerifyReport) report = jln_verify_bytes (bytes, &options);

  if (report->verdict != JLN_VERIFY_VALID)
    b->failed = TRUE;
}

static gboolean
measure (Bench *b, const char *name, void (*op) (Bench *), double seconds, double target)
{
  gint64 start, end, deadline;
  guint64 n = 0;
  double us, ops;

  op (b); /* warm up: contexts parsed, caches filled */
  if (b->failed)
    {
      fprintf (stderr, "jalons-cli: %s\n", _("the operation failed; no figure measured"));
      return FALSE;
    }
  start = g_get_monotonic_time ();
  deadline = start + (gint64) (seconds * G_USEC_PER_SEC);
  do
    {
      for (int i = 0; i < 10; i++)
        op (b);
      n += 10;
      end = g_get_monotonic_time ();
    }
  while (end < deadline);

  us = (double) (end - start) / n;
  ops = 1e6 / us;
  if (target > 0)
    printf ("%-14s %10.1f µs %10.0f ops/s   (target ≥ %.0f/s: %s)\n", name, us, ops, target,
            ops >= target ? "ok" : "MISSED");
  else
    printf ("%-14s %10.1f µs %10.0f ops/s   (no target)\n", name, us, ops);
  return !b->failed;
}

int
jln_cli_bench_ob (int argc, char **argv)
{
  g_autofree char *database = NULL;
  double seconds = 1.0;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("Database (accepted, not used)"), N_("PATH") },
    { "seconds", 's', 0, G_OPTION_ARG_DOUBLE, &seconds, N_("Time spent on each operation (default 1)"), N_("S") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("");
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *did = NULL;
  g_autoptr(GDateTime) from = NULL;
  static const char *const tags[] = { "cv", "emploi", NULL };
  static const JlnCredentialEvidence evidence[] = {
    { "A rédigé un CV complet avec sa conseillère.", "Atelier CV", NULL },
  };
  Bench b = { 0 };
  gboolean ok = TRUE;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "jalons-cli bench ob: %s\n", error->message);
      return 2;
    }
  if (seconds <= 0 || seconds > 600)
    {
      fprintf (stderr, "jalons-cli bench ob: %s\n", _("--seconds must be between 0 and 600"));
      return 2;
    }

  b.key = jln_ob_key_generate ();
  did = jln_ob_key_get_did (b.key);
  hash = jln_credential_hash_identity ("alice@example.org", "6f1c0a9e");
  from = g_date_time_new_from_iso8601 ("2025-01-01T00:00:00Z", NULL);
  b.now = g_date_time_new_from_iso8601 ("2026-01-01T00:00:00Z", NULL);
  b.input.issuer.id = did;
  b.input.issuer.name = "Mission Locale Est";
  b.input.issuer.url = "https://ml-est.example.org";
  b.input.id = "urn:uuid:0b8e2f64-7c1d-4e5a-9f3b-2a6c8d1e4f70";
  b.input.name = "Rédiger son CV";
  b.input.valid_from = from;
  b.input.recipient.identity_hash = hash;
  b.input.recipient.salt = "6f1c0a9e";
  b.input.recipient.identity_type = "emailAddress";
  b.input.achievement.id = "https://ml-est.example.org/badges/cv/1";
  b.input.achievement.name = "Rédiger son CV";
  b.input.achievement.description = "Sait présenter son parcours sur une page.";
  b.input.achievement.criteria_narrative = "- A listé ses expériences\n- A relu son CV avec un pair";
  b.input.achievement.in_language = "fr";
  b.input.achievement.version = "1";
  b.input.achievement.tags = tags;
  b.input.evidence = evidence;
  b.input.n_evidence = G_N_ELEMENTS (evidence);
  b.input.status.list_credential = "https://ml-est.example.org/status/1";
  b.input.status.index = 42;

  b.unsigned_credential = jln_credential_build (&b.input, &error);
  if (b.unsigned_credential != NULL)
    b.signed_text = jln_credential_issue (&b.input, b.key, NULL, b.now, &error);
  b.png = make_png (256);
  if (b.signed_text != NULL)
    b.baked_png = jln_bake_png (b.png, b.signed_text, &error);
  if (b.baked_png == NULL)
    {
      jln_cli_print_error (error);
      ok = FALSE;
    }
  else
    {
      printf ("bench ob: %.1f s per operation, one core; credential %zu bytes, PNG 256×256 %zu bytes\n",
              seconds, strlen (b.signed_text), g_bytes_get_size (b.png));
      ok = measure (&b, "canonicalize", op_canonicalize, seconds, 0) && ok;
      ok = measure (&b, "issue", op_issue, seconds, 2000) && ok;
      ok = measure (&b, "bake-png", op_bake, seconds, 5000) && ok;
      ok = measure (&b, "verify-png", op_verify_png, seconds, 2000) && ok;
      /* Same check without the image: shows what the PNG itself costs. */
      ok = measure (&b, "verify-json", op_verify_json, seconds, 2000) && ok;
    }

  g_clear_pointer (&b.key, jln_ob_key_unref);
  g_clear_pointer (&b.unsigned_credential, json_node_unref);
  g_clear_pointer (&b.signed_text, g_free);
  g_clear_pointer (&b.png, g_bytes_unref);
  g_clear_pointer (&b.baked_png, g_bytes_unref);
  g_clear_pointer (&b.now, g_date_time_unref);
  return ok ? 0 : 1;
}
