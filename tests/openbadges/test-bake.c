/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-bake"

#include <string.h>

#include "openbadges/jln-bake.h"
#include "openbadges/jln-ob-error.h"
#include "openbadges/jln-ob-zlib.h"

static const char credential[] =
  "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\","
  "\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"],"
  "\"type\":[\"VerifiableCredential\",\"OpenBadgeCredential\"],"
  "\"name\":\"Prendre la parole en réunion ]]> <b>&amp;</b>\"}";

/* ------------------------------------------------------------ PNG helpers */

static void
put_be32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (a, b, 4);
}

static void
put_chunk (GByteArray *a, const char *type, const void *data, gsize len)
{
  gsize start;

  put_be32 (a, len);
  start = a->len;
  g_byte_array_append (a, (const guint8 *) type, 4);
  if (len)
    g_byte_array_append (a, data, len);
  put_be32 (a, jln_png_crc32 (a->data + start, len + 4));
}

/* A valid RGBA PNG of @w × @h with a noisy picture (so IDAT is big), and
 * optionally a tEXt chunk before IDAT. */
static GBytes *
make_png (guint w, guint h, gboolean noise)
{
  static const guint8 sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GByteArray) a = g_byte_array_new ();
  g_autoptr(GByteArray) raw = g_byte_array_new ();
  g_autoptr(GBytes) z = NULL;
  GRand *rand = g_rand_new_with_seed (42);
  guint8 ihdr[13];
  const char *text = "Software\0test-bake";

  g_byte_array_append (a, sig, 8);
  ihdr[0] = w >> 24; ihdr[1] = w >> 16; ihdr[2] = w >> 8; ihdr[3] = w;
  ihdr[4] = h >> 24; ihdr[5] = h >> 16; ihdr[6] = h >> 8; ihdr[7] = h;
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  put_chunk (a, "IHDR", ihdr, 13);
  put_chunk (a, "tEXt", text, 18);

  for (guint y = 0; y < h; y++)
    {
      guint8 filter = 0;

      g_byte_array_append (raw, &filter, 1);
      for (guint x = 0; x < w * 4; x++)
        {
          guint8 v = noise ? g_rand_int (rand) & 0xff : (x * 7 + y) & 0xff;
          g_byte_array_append (raw, &v, 1);
        }
    }
  g_rand_free (rand);
  z = jln_ob_deflate (raw->data, raw->len, G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
  put_chunk (a, "IDAT", g_bytes_get_data (z, NULL), g_bytes_get_size (z));
  put_chunk (a, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&a));
}

typedef struct {
  gsize   offset;
  guint32 length;
  char    type[5];
} Chunk;

/* Lists the chunks of a PNG the test trusts (no validation). */
static GArray *
list_chunks (GBytes *png)
{
  gsize len;
  const guint8 *d = g_bytes_get_data (png, &len);
  GArray *chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
  gsize pos = 8;

  while (pos + 12 <= len)
    {
      Chunk c;

      c.offset = pos;
      c.length = ((guint32) d[pos] << 24) | (d[pos + 1] << 16) | (d[pos + 2] << 8) | d[pos + 3];
      memcpy (c.type, d + pos + 4, 4);
      c.type[4] = 0;
      g_array_append_val (chunks, c);
      pos += 12 + c.length;
    }
  return chunks;
}

static guint
count_keyword (GBytes *png, const char *type, const char *keyword)
{
  g_autoptr(GArray) chunks = list_chunks (png);
  const guint8 *d = g_bytes_get_data (png, NULL);
  guint n = 0;

  for (guint i = 0; i < chunks->len; i++)
    {
      Chunk *c = &g_array_index (chunks, Chunk, i);

      if (strcmp (c->type, type) == 0 && c->length > strlen (keyword)
          && memcmp (d + c->offset + 8, keyword, strlen (keyword) + 1) == 0)
        n++;
    }
  return n;
}

/* Replaces bytes and returns a new GBytes. */
static GBytes *
patched (GBytes *b, gsize offset, const void *data, gsize len)
{
  gsize size;
  const guint8 *d = g_bytes_get_data (b, &size);
  guint8 *copy = g_memdup2 (d, size);

  g_assert_cmpuint (offset + len, <=, size);
  memcpy (copy + offset, data, len);
  return g_bytes_new_take (copy, size);
}

/* Inserts @chunk_type/@data right after IHDR (CRC right). */
static GBytes *
with_chunk (GBytes *png, const char *type, const void *data, gsize len)
{
  gsize size;
  const guint8 *d = g_bytes_get_data (png, &size);
  g_autoptr(GByteArray) a = g_byte_array_new ();

  g_byte_array_append (a, d, 33);
  put_chunk (a, type, data, len);
  g_byte_array_append (a, d + 33, size - 33);
  return g_byte_array_free_to_bytes (g_steal_pointer (&a));
}

static void
assert_extract_fails (GBytes *file, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnBakedCredential) baked = jln_bake_extract (file, &error);

  g_assert_null (baked);
  g_assert_error (error, JLN_OB_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

/* -------------------------------------------------------------- PNG tests */

static void
test_crc (void)
{
  /* Well-known check value of CRC-32/ISO-HDLC. */
  g_assert_cmphex (jln_png_crc32 ((const guint8 *) "123456789", 9), ==, 0xcbf43926);
  g_assert_cmphex (jln_png_crc32 ((const guint8 *) "IEND", 4), ==, 0xae426082);
  g_assert_cmphex (jln_png_crc32 (NULL, 0), ==, 0);
}

static void
test_png_round_trip (void)
{
  g_autoptr(GBytes) png = make_png (16, 16, FALSE);
  g_autoptr(GBytes) baked = NULL, baked2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnBakedCredential) cred = NULL;
  g_autoptr(GArray) chunks = NULL;
  const guint8 *orig, *out;
  gsize orig_len, out_len;
  Chunk *c;
  guint32 crc;

  baked = jln_bake_png (png, credential, &error);
  g_assert_no_error (error);
  g_assert_nonnull (baked);

  cred = jln_bake_extract (baked, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cred->format, ==, JLN_BAKED_FORMAT_PNG);
  g_assert_cmpint (cred->ob_version, ==, 3);
  g_assert_cmpstr (cred->payload, ==, credential);
  g_assert_false (jln_baked_credential_is_url (cred));

  /* The chunk sits right after IHDR, is iTXt, uncompressed, empty tags. */
  chunks = list_chunks (baked);
  c = &g_array_index (chunks, Chunk, 1);
  g_assert_cmpstr (g_array_index (chunks, Chunk, 0).type, ==, "IHDR");
  g_assert_cmpstr (c->type, ==, "iTXt");
  out = g_bytes_get_data (baked, &out_len);
  g_assert_cmpuint (c->length, ==, strlen ("openbadgecredential") + 5 + strlen (credential));
  g_assert_cmpmem (out + c->offset + 8, 24, "openbadgecredential\0\0\0\0\0", 24);
  g_assert_cmpmem (out + c->offset + 8 + 24, strlen (credential), credential, strlen (credential));
  crc = ((guint32) out[c->offset + 8 + c->length] << 24) | (out[c->offset + 9 + c->length] << 16)
        | (out[c->offset + 10 + c->length] << 8) | out[c->offset + 11 + c->length];
  g_assert_cmphex (crc, ==, jln_png_crc32 (out + c->offset + 4, c->length + 4));

  /* Every byte outside the new chunk is the original's. */
  orig = g_bytes_get_data (png, &orig_len);
  g_assert_cmpuint (out_len, ==, orig_len + 12 + c->length);
  g_assert_cmpmem (out, c->offset, orig, c->offset);
  g_assert_cmpmem (out + c->offset + 12 + c->length, orig_len - c->offset,
                   orig + c->offset, orig_len - c->offset);

  /* Baking again replaces: still one chunk, with the new text. */
  baked2 = jln_bake_png (baked, "{\"@context\":\"https://www.w3.org/ns/credentials/v2\",\"n\":2}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_keyword (baked2, "iTXt", "openbadgecredential"), ==, 1);
  g_clear_pointer (&cred, jln_baked_credential_free);
  cred = jln_bake_extract (baked2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cred->payload, ==, "{\"@context\":\"https://www.w3.org/ns/credentials/v2\",\"n\":2}");
  g_assert_cmpuint (g_bytes_get_size (baked2), ==,
                    orig_len + 12 + 24 + strlen (cred->payload));
}

static void
test_png_replaces_anywhere_and_ob2 (void)
{
  g_autoptr(GBytes) png = make_png (8, 8, FALSE);
  g_autoptr(GBytes) with_ob2 = NULL, baked = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnBakedCredential) cred = NULL;
  const char ob2[] = "openbadges\0https://example.org/assertions/1.json";

  /* An OB 2.0 image re-baked carries only the new credential. */
  with_ob2 = with_chunk (png, "tEXt", ob2, sizeof ob2 - 1);
  cred = jln_bake_extract (with_ob2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cred->ob_version, ==, 2);
  g_assert_true (jln_baked_credential_is_url (cred));
  g_assert_cmpstr (cred->payload, ==, "https://example.org/assertions/1.json");

  baked = jln_bake_png (with_ob2, credential, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_keyword (baked, "tEXt", "openbadges"), ==, 0);
  g_assert_cmpuint (count_keyword (baked, "iTXt", "openbadgecredential"), ==, 1);
  g_assert_cmpuint (count_keyword (baked, "tEXt", "Software"), ==, 1);
}

static void
test_png_bad_inputs (void)
{
  g_autoptr(GBytes) png = make_png (8, 8, FALSE);
  g_autoptr(GBytes) baked = jln_bake_png (png, credential, NULL);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  gsize len;
  const guint8 *d = g_bytes_get_data (baked, &len);

  g_assert_nonnull (baked);

  /* empty */
  assert_extract_fails (empty, JLN_OB_ERROR_INVALID_IMAGE);

  /* truncated at every interesting length: never a crash, always an error */
  for (gsize cut = 1; cut < len; cut += (cut < 64 ? 1 : 37))
    {
      g_autoptr(GBytes) t = g_bytes_new_from_bytes (baked, 0, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) out = jln_bake_png (t, credential, &error);
      g_autoptr(JlnBakedCredential) cred = NULL;

      g_assert_null (out);
      g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE);
      g_clear_error (&error);
      cred = jln_bake_extract (t, &error);
      g_assert_null (cred);
      g_assert_nonnull (error);
    }

  /* bad CRC in the baked chunk and in IDAT */
  {
    g_autoptr(GArray) chunks = list_chunks (baked);
    Chunk *c = &g_array_index (chunks, Chunk, 1);
    guint8 x = d[c->offset + 8 + 30] ^ 1;
    g_autoptr(GBytes) bad = patched (baked, c->offset + 8 + 30, &x, 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) out = NULL;

    assert_extract_fails (bad, JLN_OB_ERROR_INVALID_IMAGE);
    out = jln_bake_png (bad, credential, &error);
    g_assert_null (out);
    g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE);
    g_assert_nonnull (strstr (error->message, "checksum"));
  }

  /* declared 2 GiB and 4 GiB chunk lengths */
  {
    static const guint8 huge[][4] = { { 0x80, 0, 0, 0 }, { 0x7f, 0xff, 0xff, 0xf0 }, { 0xff, 0xff, 0xff, 0xff } };

    for (guint i = 0; i < G_N_ELEMENTS (huge); i++)
      {
        g_autoptr(GBytes) bad = patched (baked, 33, huge[i], 4);

        assert_extract_fails (bad, JLN_OB_ERROR_INVALID_IMAGE);
      }
  }

  /* not a PNG after all: signature broken → sniffed as nothing */
  {
    g_autoptr(GBytes) bad = patched (baked, 1, "X", 1);

    assert_extract_fails (bad, JLN_OB_ERROR_UNSUPPORTED);
  }

  /* IHDR not first */
  {
    g_autoptr(GBytes) bad = patched (baked, 12, "IHDX", 4);

    assert_extract_fails (bad, JLN_OB_ERROR_INVALID_IMAGE);
  }

  /* no IEND */
  {
    g_autoptr(GBytes) bad = g_bytes_new_from_bytes (baked, 0, len - 12);

    assert_extract_fails (bad, JLN_OB_ERROR_INVALID_IMAGE);
  }

  /* no credential */
  assert_extract_fails (png, JLN_OB_ERROR_NOT_FOUND);

  /* bad credential text to bake */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) out = jln_bake_png (png, "\xff\xfe", &error);

    g_assert_null (out);
    g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL);
    g_clear_error (&error);
    out = jln_bake_png (png, "", &error);
    g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL);
  }
}

static void
test_png_two_chunks (void)
{
  g_autoptr(GBytes) png = make_png (8, 8, FALSE);
  g_autoptr(GBytes) once = jln_bake_png (png, credential, NULL);
  const char ob3[] = "openbadgecredential\0\0\0\0\0{\"a\":1}";
  const char ob2[] = "openbadges\0{\"type\":\"Assertion\"}";
  g_autoptr(GBytes) twice = with_chunk (once, "iTXt", ob3, sizeof ob3 - 1);
  g_autoptr(GBytes) mixed = with_chunk (once, "tEXt", ob2, sizeof ob2 - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnBakedCredential) cred = jln_bake_extract (twice, &error);

  g_assert_null (cred);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE);
  g_assert_nonnull (strstr (error->message, "two baked credentials"));
  assert_extract_fails (mixed, JLN_OB_ERROR_INVALID_IMAGE);

  /* Baking such an image leaves exactly one. */
  {
    g_autoptr(GBytes) fixed = jln_bake_png (twice, credential, NULL);
    g_autoptr(JlnBakedCredential) c = jln_bake_extract (fixed, NULL);

    g_assert_cmpuint (count_keyword (fixed, "iTXt", "openbadgecredential"), ==, 1);
    g_assert_nonnull (c);
    g_assert_cmpstr (c->payload, ==, credential);
  }
}

static void
test_png_compressed_itxt (void)
{
  g_autoptr(GBytes) png = make_png (8, 8, FALSE);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) z = jln_ob_deflate ((const guint8 *) credential, strlen (credential),
                                        G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnBakedCredential) cred = NULL;

  /* OB 3.0 says the openbadgecredential chunk MUST NOT be compressed. */
  g_byte_array_append (data, (const guint8 *) "openbadgecredential\0\1\0en\0\0", 26);
  g_byte_array_append (data, g_bytes_get_data (z, NULL), g_bytes_get_size (z));
  file = with_chunk (png, "iTXt", data->data, data->len);
  assert_extract_fails (file, JLN_OB_ERROR_INVALID_IMAGE);

  /* OB 2.0 tolerates it. */
  g_clear_pointer (&file, g_bytes_unref);
  g_byte_array_set_size (data, 0);
  g_byte_array_append (data, (const guint8 *) "openbadges\0\1\0en\0\0", 17);
  g_byte_array_append (data, g_bytes_get_data (z, NULL), g_bytes_get_size (z));
  file = with_chunk (png, "iTXt", data->data, data->len);
  cred = jln_bake_extract (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cred->payload, ==, credential);
  g_assert_cmpint (cred->ob_version, ==, 2);
}

static void
test_png_compressed_bomb (void)
{
  g_autoptr(GBytes) png = make_png (8, 8, FALSE);
  gsize big = JLN_BAKE_MAX_PAYLOAD_SIZE * 4;   /* 32 MiB of spaces */
  g_autofree guint8 *spaces = g_malloc (big);
  g_autoptr(GBytes) z = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) file = NULL;

  memset (spaces, ' ', big);
  z = jln_ob_deflate (spaces, big, G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
  g_assert_cmpuint (g_bytes_get_size (z), <, 64 * 1024);
  /* (OB 2.0: an OB 3.0 chunk is refused before it is inflated.) */
  g_byte_array_append (data, (const guint8 *) "openbadges\0\1\0\0\0", 15);
  g_byte_array_append (data, g_bytes_get_data (z, NULL), g_bytes_get_size (z));
  file = with_chunk (png, "iTXt", data->data, data->len);
  assert_extract_fails (file, JLN_OB_ERROR_TOO_LARGE);

  /* and garbage that is not zlib at all */
  {
    const char bad[] = "openbadges\0\1\0\0\0not zlib";
    g_autoptr(GBytes) f2 = with_chunk (png, "iTXt", bad, sizeof bad - 1);

    assert_extract_fails (f2, JLN_OB_ERROR_INVALID_IMAGE);
  }
  /* unknown compression method */
  {
    const char bad[] = "openbadgecredential\0\1\7\0\0xx";
    g_autoptr(GBytes) f3 = with_chunk (png, "iTXt", bad, sizeof bad - 1);

    assert_extract_fails (f3, JLN_OB_ERROR_UNSUPPORTED);
  }
}

static void
test_png_too_large (void)
{
  gsize size = JLN_BAKE_MAX_FILE_SIZE + 1;
  guint8 *data = g_malloc0 (size);
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;

  memcpy (data, "\x89PNG\r\n\x1a\n", 8);
  big = g_bytes_new_take (data, size);
  assert_extract_fails (big, JLN_OB_ERROR_TOO_LARGE);
  out = jln_bake_png (big, credential, &error);
  g_assert_null (out);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_TOO_LARGE);
}

/* -------------------------------------------------------------- SVG tests */

static const char plain_svg[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<!-- a badge <svg> in a comment -->\n"
  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox='0 0 64 64'>\n"
  "  <circle cx=\"32\" cy=\"32\" r=\"30\" fill=\"#3584e4\"/>\n"
  "</svg>\n";

static guint
count_str (const char *hay, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (hay, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_svg_round_trip (void)
{
  g_autoptr(GBytes) svg = g_bytes_new_static (plain_svg, strlen (plain_svg));
  g_autoptr(GBytes) baked = NULL, baked2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnBakedCredential) cred = NULL;
  g_autofree char *text = NULL, *text2 = NULL;
  const char *root_end;

  baked = jln_bake_svg (svg, credential, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (baked, NULL), g_bytes_get_size (baked));

  g_assert_cmpuint (count_str (text, "xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\""), ==, 1);
  root_end = strstr (text, "viewBox='0 0 64 64' xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">");
  g_assert_nonnull (root_end);
  g_assert_true (g_str_has_prefix (strchr (root_end, '>') + 1, "<openbadges:credential><![CDATA["));
  /* "]]>" in the JSON must not end the section early. */
  g_assert_nonnull (strstr (text, "]]]]><![CDATA[>"));
  g_assert_true (g_str_has_suffix (text, "<circle cx=\"32\" cy=\"32\" r=\"30\" fill=\"#3584e4\"/>\n</svg>\n"));

  cred = jln_bake_extract (baked, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cred->format, ==, JLN_BAKED_FORMAT_SVG);
  g_assert_cmpint (cred->ob_version, ==, 3);
  g_assert_cmpstr (cred->payload, ==, credential);

  /* again: replaced, namespace still once */
  baked2 = jln_bake_svg (baked, "{\"x\":\"</openbadges:credential>\"}", &error);
  g_assert_no_error (error);
  text2 = g_strndup (g_bytes_get_data (baked2, NULL), g_bytes_get_size (baked2));
  g_assert_cmpuint (count_str (text2, "xmlns:openbadges="), ==, 1);
  g_assert_cmpuint (count_str (text2, "<openbadges:credential>"), ==, 1);
  g_clear_pointer (&cred, jln_baked_credential_free);
  cred = jln_bake_extract (baked2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cred->payload, ==, "{\"x\":\"</openbadges:credential>\"}");

  /* and a third time: a closing tag inside the old CDATA did not fool us */
  {
    g_autoptr(GBytes) baked3 = jln_bake_svg (baked2, credential, &error);
    g_autofree char *text3 = NULL;

    g_assert_no_error (error);
    text3 = g_strndup (g_bytes_get_data (baked3, NULL), g_bytes_get_size (baked3));
    g_assert_cmpuint (count_str (text3, "<openbadges:credential>"), ==, 1);
    g_assert_cmpuint (count_str (text3, "</openbadges:credential>"), ==, 1);
  }
}

static void
test_svg_variants (void)
{
  /* self-closing root, OB 2.0 namespace already there */
  const char *empty_root = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:openbadges=\"http://openbadges.org\"/>";
  g_autoptr(GBytes) svg = g_bytes_new_static (empty_root, strlen (empty_root));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) baked = jln_bake_svg (svg, credential, &error);
  g_autofree char *text = NULL;
  g_autoptr(JlnBakedCredential) cred = NULL;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (baked, NULL), g_bytes_get_size (baked));
  g_assert_true (g_str_has_prefix (text, "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"><openbadges:credential>"));
  g_assert_true (g_str_has_suffix (text, "</openbadges:credential></svg>"));
  cred = jln_bake_extract (baked, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cred->payload, ==, credential);

  /* escaped text instead of CDATA */
  {
    const char *escaped = "<svg><openbadges:credential>{&quot;a&quot;:&#34;&lt;&#x263A;&gt;&quot;}</openbadges:credential></svg>";
    g_autoptr(GBytes) f = g_bytes_new_static (escaped, strlen (escaped));
    g_autoptr(JlnBakedCredential) c = jln_bake_extract (f, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (c->payload, ==, "{\"a\":\"<☺>\"}");
  }
}

static void
test_svg_bad_inputs (void)
{
  static const struct { const char *svg; int code; } cases[] = {
    { "<html><body/></html>", JLN_OB_ERROR_INVALID_IMAGE },                     /* no <svg> */
    { "<?xml version=\"1.0\"?><!-- only a comment -->", JLN_OB_ERROR_INVALID_IMAGE },
    { "<svg width=\"1\"", JLN_OB_ERROR_INVALID_IMAGE },                          /* unclosed */
    { "<svg><!-- never closed", JLN_OB_ERROR_INVALID_IMAGE },
    { "<svg><circle/></svg>", JLN_OB_ERROR_NOT_FOUND },                          /* nothing baked */
    { "<svg><openbadges:credential><![CDATA[{}", JLN_OB_ERROR_INVALID_IMAGE },
    { "<svg><openbadges:credential>{}</svg>", JLN_OB_ERROR_INVALID_IMAGE },
    { "<svg><openbadges:credential>&xxe;</openbadges:credential></svg>", JLN_OB_ERROR_INVALID_IMAGE },
    { "<svg><openbadges:credential>  </openbadges:credential></svg>", JLN_OB_ERROR_NOT_FOUND },
    { "<svg><openbadges:credential>{}</openbadges:credential>"
      "<openbadges:credential>{}</openbadges:credential></svg>", JLN_OB_ERROR_INVALID_IMAGE },
    { "<!DOCTYPE svg [ <!ENTITY a \"<svg>\"> ]><svg><openbadges:credential>&a;</openbadges:credential></svg>",
      JLN_OB_ERROR_INVALID_IMAGE },
    { "<svg>\xff</svg>", JLN_OB_ERROR_INVALID_IMAGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) f = g_bytes_new_static (cases[i].svg, strlen (cases[i].svg));

      g_test_message ("case %u", i);
      assert_extract_fails (f, cases[i].code);
    }

  /* baking refuses what is not an SVG */
  {
    const char *html = "<html/>";
    g_autoptr(GBytes) f = g_bytes_new_static (html, strlen (html));
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) out = jln_bake_svg (f, credential, &error);

    g_assert_null (out);
    g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE);
  }
}

/* ------------------------------------------------------------- JSON tests */

static void
test_json (void)
{
  const char *ob2 = "{\"@context\":\"https://w3id.org/openbadges/v2\",\"type\":\"Assertion\",\"id\":\"urn:x\"}";
  g_autoptr(GBytes) f3 = g_bytes_new_static (credential, strlen (credential));
  g_autoptr(GBytes) f2 = g_bytes_new_static (ob2, strlen (ob2));
  g_autoptr(GError) error = NULL;
  g_autoptr(JlnBakedCredential) c3 = jln_bake_extract (f3, &error);
  g_autoptr(JlnBakedCredential) c2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (c3->format, ==, JLN_BAKED_FORMAT_JSON);
  g_assert_cmpint (c3->ob_version, ==, 3);
  g_assert_cmpstr (c3->payload, ==, credential);
  c2 = jln_bake_extract (f2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (c2->ob_version, ==, 2);

  {
    static const struct { const char *text; int code; } bad[] = {
      { "[1, 2]", JLN_OB_ERROR_INVALID_JSON },
      { "{\"a\":", JLN_OB_ERROR_INVALID_JSON },
      { "{\"name\":\"no context\"}", JLN_OB_ERROR_INVALID_CREDENTIAL },
      { "   \n", JLN_OB_ERROR_UNSUPPORTED },
      { "GIF89a", JLN_OB_ERROR_UNSUPPORTED },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GBytes) f = g_bytes_new_static (bad[i].text, strlen (bad[i].text));

        assert_extract_fails (f, bad[i].code);
      }
  }
}

/* --------------------------------------------------------------- benchmark */

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize len;

  path = g_test_build_filename (G_TEST_DIST, "openbadges", "data", name, NULL);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
bench_one (const char *what, GBytes *png, const char *cred)
{
  guint n = 2000;
  gint64 start, elapsed;
  g_autoptr(GBytes) baked = jln_bake_png (png, cred, NULL);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) out = jln_bake_png (png, cred, NULL);

      g_assert_nonnull (out);
    }
  elapsed = g_get_monotonic_time () - start;
  g_printerr ("# bake %s (%" G_GSIZE_FORMAT " bytes) + %" G_GSIZE_FORMAT " B credential: %.0f bakes/s\n",
              what, g_bytes_get_size (png), strlen (cred), n / (elapsed / 1e6));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JlnBakedCredential) c = jln_bake_extract (baked, NULL);

      g_assert_nonnull (c);
    }
  elapsed = g_get_monotonic_time () - start;
  g_printerr ("# extract %s: %.0f extractions/s\n", what, n / (elapsed / 1e6));
}

static void
test_bench (void)
{
  g_autoptr(GBytes) noisy = make_png (256, 256, TRUE);
  g_autoptr(GBytes) art = load_fixture ("badge-256.png");
  g_autoptr(GString) cred = g_string_new ("{\"@context\":\"https://www.w3.org/ns/credentials/v2\",\"pad\":\"");

  while (cred->len < 3000)
    g_string_append (cred, "abcdefghij");
  g_string_append (cred, "\"}");

  /* Figures only: wall-clock time is never asserted. */
  bench_one ("PNG 256x256 badge art", art, cred->str);
  bench_one ("PNG 256x256 noise (worst case)", noisy, cred->str);
}

/* A hostile JSON file (200,000 opening brackets) must be refused before
 * json-glib's recursive parser sees it: it would overflow the stack. */
static void
test_json_deep_nesting (void)
{
  gsize n = 200000;
  g_autofree char *text = g_malloc (n);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JlnBakedCredential *baked;

  memset (text, '[', n);
  bytes = g_bytes_new_take (g_steal_pointer (&text), n);
  baked = jln_bake_extract (bytes, &error);
  g_assert_null (baked);
  g_assert_error (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON);
  g_assert_nonnull (strstr (error->message, "nested"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bake/png/crc", test_crc);
  g_test_add_func ("/bake/png/round-trip", test_png_round_trip);
  g_test_add_func ("/bake/png/replaces-ob2", test_png_replaces_anywhere_and_ob2);
  g_test_add_func ("/bake/png/bad-inputs", test_png_bad_inputs);
  g_test_add_func ("/bake/png/two-chunks", test_png_two_chunks);
  g_test_add_func ("/bake/png/compressed-itxt", test_png_compressed_itxt);
  g_test_add_func ("/bake/png/compressed-bomb", test_png_compressed_bomb);
  g_test_add_func ("/bake/png/too-large", test_png_too_large);
  g_test_add_func ("/bake/svg/round-trip", test_svg_round_trip);
  g_test_add_func ("/bake/svg/variants", test_svg_variants);
  g_test_add_func ("/bake/svg/bad-inputs", test_svg_bad_inputs);
  g_test_add_func ("/bake/json", test_json);
  g_test_add_func ("/bake/json/deep-nesting", test_json_deep_nesting);
  g_test_add_func ("/bake/bench", test_bench);

  return g_test_run ();
}
