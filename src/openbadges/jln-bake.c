/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "jln-bake.h"
#include "jln-ob-error.h"
#include "jln-ob-json.h"
#include "jln-ob-zlib.h"

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

/* PNG caps chunk lengths at 2^31 - 1. */
#define PNG_MAX_CHUNK_LENGTH 0x7fffffffu

/* ------------------------------------------------------------------ CRC-32 */

/* Slicing-by-16: baking checks the CRC of every chunk of the image, so the
 * byte-at-a-time loop would dominate the cost of a bake (a 256×256 RGBA
 * picture is up to 260 KB of IDAT). */
static guint32 crc_table[16][256];

static gpointer
crc_table_init (gpointer data)
{
  for (guint n = 0; n < 256; n++)
    {
      guint32 c = n;

      for (int k = 0; k < 8; k++)
        c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
      crc_table[0][n] = c;
    }
  for (guint n = 0; n < 256; n++)
    for (int t = 1; t < 16; t++)
      crc_table[t][n] = (crc_table[t - 1][n] >> 8) ^ crc_table[0][crc_table[t - 1][n] & 0xff];
  return NULL;
}

static inline guint32
load_le32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

guint32
jln_png_crc32 (const guint8 *data, gsize len)
{
  static GOnce once = G_ONCE_INIT;
  guint32 crc = 0xffffffffu;

  g_once (&once, crc_table_init, NULL);

  while (len >= 16)
    {
      guint32 a = load_le32 (data) ^ crc;
      guint32 b = load_le32 (data + 4);
      guint32 c = load_le32 (data + 8);
      guint32 d = load_le32 (data + 12);

      crc = crc_table[15][a & 0xff] ^ crc_table[14][(a >> 8) & 0xff]
          ^ crc_table[13][(a >> 16) & 0xff] ^ crc_table[12][a >> 24]
          ^ crc_table[11][b & 0xff] ^ crc_table[10][(b >> 8) & 0xff]
          ^ crc_table[9][(b >> 16) & 0xff] ^ crc_table[8][b >> 24]
          ^ crc_table[7][c & 0xff] ^ crc_table[6][(c >> 8) & 0xff]
          ^ crc_table[5][(c >> 16) & 0xff] ^ crc_table[4][c >> 24]
          ^ crc_table[3][d & 0xff] ^ crc_table[2][(d >> 8) & 0xff]
          ^ crc_table[1][(d >> 16) & 0xff] ^ crc_table[0][d >> 24];
      data += 16;
      len -= 16;
    }
  while (len--)
    crc = crc_table[0][(crc ^ *data++) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}

/* ------------------------------------------------------------------ common */

void
jln_baked_credential_free (JlnBakedCredential *baked)
{
  if (baked == NULL)
    return;
  g_free (baked->payload);
  g_free (baked);
}

gboolean
jln_baked_credential_is_url (const JlnBakedCredential *baked)
{
  g_return_val_if_fail (baked != NULL, FALSE);

  return baked->payload != NULL
         && (g_str_has_prefix (baked->payload, "https://")
             || g_str_has_prefix (baked->payload, "http://"));
}

static JlnBakedCredential *
baked_new (JlnBakedFormat format, int ob_version, char *payload)
{
  JlnBakedCredential *baked = g_new0 (JlnBakedCredential, 1);

  baked->format = format;
  baked->ob_version = ob_version;
  baked->payload = payload;
  return baked;
}

static gboolean
check_file_size (gsize len, GError **error)
{
  if (len > JLN_BAKE_MAX_FILE_SIZE)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_TOO_LARGE,
                   _("This file is too large (more than %d MiB); it was refused."),
                   JLN_BAKE_MAX_FILE_SIZE / (1024 * 1024));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_credential_text (const char *credential_json, gsize *out_len, GError **error)
{
  gsize len;

  if (credential_json == NULL || credential_json[0] == '\0')
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                           _("There is no credential to put into the image."));
      return FALSE;
    }
  len = strlen (credential_json);
  if (len > JLN_BAKE_MAX_PAYLOAD_SIZE)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_TOO_LARGE,
                   _("The credential is too large to put into an image (more than %d MiB)."),
                   JLN_BAKE_MAX_PAYLOAD_SIZE / (1024 * 1024));
      return FALSE;
    }
  if (!g_utf8_validate_len (credential_json, len, NULL))
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                           _("The credential is not valid UTF-8 text."));
      return FALSE;
    }
  *out_len = len;
  return TRUE;
}

static void
set_two_credentials_error (GError **error)
{
  g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE,
                       _("This image carries two baked credentials; only one is allowed, so neither can be trusted."));
}

static void
set_not_found_error (GError **error)
{
  g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_NOT_FOUND,
                       _("This image carries no baked credential."));
}

/* --------------------------------------------------------------------- PNG */

typedef enum {
  BAKED_NONE,
  BAKED_OB3,      /* iTXt openbadgecredential */
  BAKED_OB2,      /* iTXt / tEXt / zTXt openbadges */
} BakedKind;

typedef struct {
  gsize   offset;      /* of the length field */
  guint32 length;      /* of the data */
  char    type[5];
} PngChunk;

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
write_be32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static gboolean
keyword_is (const guint8 *data, guint32 length, const char *keyword)
{
  gsize klen = strlen (keyword);

  return length > klen && memcmp (data, keyword, klen) == 0 && data[klen] == '\0';
}

static BakedKind
chunk_baked_kind (const guint8 *png, const PngChunk *chunk)
{
  const guint8 *data = png + chunk->offset + 8;

  if (memcmp (chunk->type, "iTXt", 4) == 0)
    {
      if (keyword_is (data, chunk->length, JLN_BAKE_PNG_KEYWORD_OB3))
        return BAKED_OB3;
      if (keyword_is (data, chunk->length, JLN_BAKE_PNG_KEYWORD_OB2))
        return BAKED_OB2;
    }
  else if (memcmp (chunk->type, "tEXt", 4) == 0 || memcmp (chunk->type, "zTXt", 4) == 0)
    {
      if (keyword_is (data, chunk->length, JLN_BAKE_PNG_KEYWORD_OB2))
        return BAKED_OB2;
    }
  return BAKED_NONE;
}

static void
set_png_error (GError **error, int what)
{
  switch (what)
    {
    case 0:
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE,
                           _("This file is not a PNG image."));
      break;
    case 1:
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE,
                           _("This PNG image is incomplete: the file ends too early. Export or copy it again."));
      break;
    case 2:
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE,
                           _("This PNG image is damaged: a checksum does not match."));
      break;
    default:
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE,
                           _("This PNG image is damaged: its structure is invalid."));
      break;
    }
}

/* Walks and checks the whole chunk list (signature, lengths, types, CRCs,
 * IHDR first, IEND present). Every chunk up to and including IEND goes into
 * @chunks; bytes after IEND are left alone. */
static gboolean
png_parse (const guint8 *png, gsize len, GArray *chunks, GError **error)
{
  gsize pos = sizeof png_signature;
  gboolean seen_iend = FALSE;

  if (!check_file_size (len, error))
    return FALSE;
  if (len < sizeof png_signature || memcmp (png, png_signature, sizeof png_signature) != 0)
    {
      set_png_error (error, 0);
      return FALSE;
    }

  while (!seen_iend)
    {
      PngChunk chunk;
      guint32 crc;

      if (len - pos < 12)
        {
          set_png_error (error, 1);
          return FALSE;
        }
      chunk.offset = pos;
      chunk.length = read_be32 (png + pos);
      if (chunk.length > PNG_MAX_CHUNK_LENGTH)
        {
          set_png_error (error, 3);
          return FALSE;
        }
      if (chunk.length > len - pos - 12)
        {
          set_png_error (error, 1);
          return FALSE;
        }
      memcpy (chunk.type, png + pos + 4, 4);
      chunk.type[4] = '\0';
      for (int i = 0; i < 4; i++)
        if (!g_ascii_isalpha (chunk.type[i]))
          {
            set_png_error (error, 3);
            return FALSE;
          }

      crc = read_be32 (png + pos + 8 + chunk.length);
      if (crc != jln_png_crc32 (png + pos + 4, chunk.length + 4))
        {
          set_png_error (error, 2);
          return FALSE;
        }

      if (chunks->len == 0 && (strcmp (chunk.type, "IHDR") != 0 || chunk.length != 13))
        {
          set_png_error (error, 3);
          return FALSE;
        }
      if (chunks->len > 0 && strcmp (chunk.type, "IHDR") == 0)
        {
          set_png_error (error, 3);
          return FALSE;
        }
      seen_iend = strcmp (chunk.type, "IEND") == 0;
      g_array_append_val (chunks, chunk);
      pos += 12 + (gsize) chunk.length;
    }

  return TRUE;
}

GBytes *
jln_bake_png (GBytes *png, const char *credential_json, GError **error)
{
  g_autoptr(GArray) chunks = g_array_sized_new (FALSE, FALSE, sizeof (PngChunk), 16);
  static const char header[] = JLN_BAKE_PNG_KEYWORD_OB3 "\0\0\0\0";   /* flag, method, lang, translated */
  const gsize header_len = sizeof header;   /* keyword + 5 NULs (one is the literal's) */
  const guint8 *in;
  gsize in_len, json_len, out_len, data_len, ihdr_end, pos;
  guint8 *out, *w;

  g_return_val_if_fail (png != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_credential_text (credential_json, &json_len, error))
    return NULL;
  in = g_bytes_get_data (png, &in_len);
  if (!png_parse (in, in_len, chunks, error))
    return NULL;

  data_len = header_len + json_len;
  out_len = in_len + 12 + data_len;
  for (guint i = 0; i < chunks->len; i++)
    {
      const PngChunk *c = &g_array_index (chunks, PngChunk, i);

      if (chunk_baked_kind (in, c) != BAKED_NONE)
        out_len -= 12 + (gsize) c->length;
    }

  /* One allocation: the copied image around the one new chunk. */
  out = g_malloc (out_len);
  ihdr_end = sizeof png_signature + 12 + 13;
  memcpy (out, in, ihdr_end);
  w = out + ihdr_end;

  write_be32 (w, data_len);
  memcpy (w + 4, "iTXt", 4);
  memcpy (w + 8, header, header_len);
  memcpy (w + 8 + header_len, credential_json, json_len);
  write_be32 (w + 8 + data_len, jln_png_crc32 (w + 4, data_len + 4));
  w += 12 + data_len;

  /* Copy runs of kept chunks in one go each. */
  pos = ihdr_end;
  for (guint i = 1; i < chunks->len; i++)
    {
      const PngChunk *c = &g_array_index (chunks, PngChunk, i);

      if (chunk_baked_kind (in, c) != BAKED_NONE)
        {
          memcpy (w, in + pos, c->offset - pos);
          w += c->offset - pos;
          pos = c->offset + 12 + (gsize) c->length;
        }
    }
  memcpy (w, in + pos, in_len - pos);
  w += in_len - pos;
  g_assert ((gsize) (w - out) == out_len);

  return g_bytes_new_take (out, out_len);
}

static char *
latin1_or_utf8 (const guint8 *text, gsize len)
{
  /* tEXt is Latin-1 by the PNG spec, but OB 2.0 bakers wrote UTF-8 there. */
  if (g_utf8_validate_len ((const char *) text, len, NULL))
    return g_strndup ((const char *) text, len);
  return g_convert ((const char *) text, len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
}

static char *
png_chunk_payload (const guint8 *png, const PngChunk *chunk, gboolean strip, GError **error)
{
  const guint8 *data = png + chunk->offset + 8;
  const guint8 *end = data + chunk->length;
  const guint8 *p = memchr (data, '\0', chunk->length);   /* end of keyword */
  gboolean compressed = FALSE;
  g_autoptr(GBytes) inflated = NULL;
  const guint8 *text;
  gsize text_len;
  char *result;

  g_assert (p != NULL);
  p++;

  if (memcmp (chunk->type, "tEXt", 4) == 0)
    {
      text = p;
      text_len = end - p;
    }
  else if (memcmp (chunk->type, "zTXt", 4) == 0)
    {
      if (p >= end || *p != 0)
        goto bad_compression;
      compressed = TRUE;
      text = p + 1;
      text_len = end - text;
    }
  else  /* iTXt */
    {
      const guint8 *nul;

      if (end - p < 2 || p[0] > 1 || (p[0] == 1 && p[1] != 0))
        goto bad_compression;
      compressed = p[0] == 1;
      /* OB 3.0: the openbadgecredential chunk MUST NOT be compressed (only
       * OB 2.0, read with @strip, tolerates it). */
      if (compressed && !strip)
        {
          g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE,
                               _("The credential baked into this image is compressed, which Open Badges 3.0 forbids: it was refused."));
          return NULL;
        }
      p += 2;
      /* language tag, then translated keyword */
      for (int i = 0; i < 2; i++)
        {
          nul = memchr (p, '\0', end - p);
          if (nul == NULL)
            {
              set_png_error (error, 3);
              return NULL;
            }
          p = nul + 1;
        }
      text = p;
      text_len = end - p;
    }

  if (compressed)
    {
      inflated = jln_ob_inflate (text, text_len, G_ZLIB_COMPRESSOR_FORMAT_ZLIB,
                                 JLN_BAKE_MAX_PAYLOAD_SIZE, JLN_OB_ERROR_INVALID_IMAGE,
                                 _("The credential baked into this image is damaged."),
                                 error);
      if (inflated == NULL)
        return NULL;
      text = g_bytes_get_data (inflated, &text_len);
    }
  else if (text_len > JLN_BAKE_MAX_PAYLOAD_SIZE)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_TOO_LARGE,
                   _("The credential baked into this image is too large (more than %d MiB)."),
                   JLN_BAKE_MAX_PAYLOAD_SIZE / (1024 * 1024));
      return NULL;
    }

  if (memcmp (chunk->type, "iTXt", 4) == 0)
    {
      if (!g_utf8_validate_len ((const char *) text, text_len, NULL) || memchr (text, '\0', text_len))
        {
          g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE,
                               _("The credential baked into this image is not valid text."));
          return NULL;
        }
      result = g_strndup ((const char *) text, text_len);
    }
  else
    result = latin1_or_utf8 (text, text_len);

  if (result == NULL || memchr (text, '\0', text_len))
    {
      g_free (result);
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE,
                           _("The credential baked into this image is not valid text."));
      return NULL;
    }
  /* An OB 2.0 URL may carry stray newlines; OB 3.0 text is kept byte for byte. */
  return strip ? g_strstrip (result) : result;

bad_compression:
  g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED,
                       _("The credential baked into this image uses a compression Jalons cannot read."));
  return NULL;
}

static JlnBakedCredential *
extract_png (const guint8 *png, gsize len, GError **error)
{
  g_autoptr(GArray) chunks = g_array_sized_new (FALSE, FALSE, sizeof (PngChunk), 16);
  const PngChunk *found = NULL;
  BakedKind found_kind = BAKED_NONE;
  char *payload;

  if (!png_parse (png, len, chunks, error))
    return NULL;

  for (guint i = 0; i < chunks->len; i++)
    {
      const PngChunk *c = &g_array_index (chunks, PngChunk, i);
      BakedKind kind = chunk_baked_kind (png, c);

      if (kind == BAKED_NONE)
        continue;
      if (found != NULL)
        {
          set_two_credentials_error (error);
          return NULL;
        }
      found = c;
      found_kind = kind;
    }
  if (found == NULL)
    {
      set_not_found_error (error);
      return NULL;
    }

  payload = png_chunk_payload (png, found, found_kind == BAKED_OB2, error);
  if (payload == NULL)
    return NULL;
  return baked_new (JLN_BAKED_FORMAT_PNG, found_kind == BAKED_OB3 ? 3 : 2, payload);
}

/* --------------------------------------------------------------------- SVG */

/* A small XML scanner: it recognises comments, CDATA sections, processing
 * instructions, the DOCTYPE (skipped, never interpreted: no entity is ever
 * expanded) and tags with quoted attributes. It is enough to find the root
 * element and the baked credential without trusting the file. */

typedef enum {
  TOK_TEXT,
  TOK_START,        /* <name …> */
  TOK_EMPTY,        /* <name …/> */
  TOK_END,          /* </name> */
  TOK_CDATA,
  TOK_OTHER,        /* comment, PI, DOCTYPE */
} TokKind;

typedef struct {
  TokKind     kind;
  const char *start;       /* whole token */
  const char *end;
  const char *name;        /* tags only */
  gsize       name_len;
} Token;

typedef struct {
  const char *pos;
  const char *end;
} Scanner;

static const char *
find_str (const char *from, const char *end, const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = from; p + n <= end; p++)
    {
      p = memchr (p, needle[0], end - p);
      if (p == NULL || p + n > end)
        return NULL;
      if (memcmp (p, needle, n) == 0)
        return p;
    }
  return NULL;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == ':' || c == '_' || c == '-' || c == '.' || (guchar) c >= 0x80;
}

/* Returns FALSE at the end; sets *@malformed on an unclosed construct. */
static gboolean
scanner_next (Scanner *s, Token *tok, gboolean *malformed)
{
  const char *p = s->pos, *q;

  *malformed = FALSE;
  if (p >= s->end)
    return FALSE;

  tok->start = p;
  tok->name = NULL;
  tok->name_len = 0;

  if (*p != '<')
    {
      q = memchr (p, '<', s->end - p);
      tok->kind = TOK_TEXT;
      tok->end = q ? q : s->end;
      s->pos = tok->end;
      return TRUE;
    }

  if (s->end - p >= 4 && memcmp (p, "<!--", 4) == 0)
    {
      q = find_str (p + 4, s->end, "-->");
      if (q == NULL)
        goto bad;
      tok->kind = TOK_OTHER;
      tok->end = q + 3;
    }
  else if (s->end - p >= 9 && memcmp (p, "<![CDATA[", 9) == 0)
    {
      q = find_str (p + 9, s->end, "]]>");
      if (q == NULL)
        goto bad;
      tok->kind = TOK_CDATA;
      tok->end = q + 3;
    }
  else if (s->end - p >= 2 && p[1] == '?')
    {
      q = find_str (p + 2, s->end, "?>");
      if (q == NULL)
        goto bad;
      tok->kind = TOK_OTHER;
      tok->end = q + 2;
    }
  else if (s->end - p >= 2 && p[1] == '!')
    {
      /* DOCTYPE, possibly with an internal subset in [ ]: skipped whole. */
      int depth = 0;
      char quote = 0;

      for (q = p + 2; q < s->end; q++)
        {
          if (quote)
            {
              if (*q == quote)
                quote = 0;
            }
          else if (*q == '"' || *q == '\'')
            quote = *q;
          else if (*q == '[')
            depth++;
          else if (*q == ']')
            depth--;
          else if (*q == '>' && depth <= 0)
            break;
        }
      if (q >= s->end)
        goto bad;
      tok->kind = TOK_OTHER;
      tok->end = q + 1;
    }
  else
    {
      gboolean closing = s->end - p >= 2 && p[1] == '/';
      char quote = 0;

      q = p + (closing ? 2 : 1);
      tok->name = q;
      while (q < s->end && is_name_char (*q))
        q++;
      tok->name_len = q - tok->name;
      if (tok->name_len == 0)
        goto bad;
      for (; q < s->end; q++)
        {
          if (quote)
            {
              if (*q == quote)
                quote = 0;
            }
          else if (*q == '"' || *q == '\'')
            quote = *q;
          else if (*q == '<')
            goto bad;
          else if (*q == '>')
            break;
        }
      if (q >= s->end)
        goto bad;
      tok->end = q + 1;
      if (closing)
        tok->kind = TOK_END;
      else if (q[-1] == '/')
        tok->kind = TOK_EMPTY;
      else
        tok->kind = TOK_START;
    }

  s->pos = tok->end;
  return TRUE;

bad:
  *malformed = TRUE;
  return FALSE;
}

static gboolean
is_blank (const char *p, const char *end)
{
  for (; p < end; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static gboolean
tok_name_is (const Token *tok, const char *name)
{
  return tok->name_len == strlen (name) && memcmp (tok->name, name, tok->name_len) == 0;
}

static gboolean
tok_is_svg_root (const Token *tok)
{
  return tok_name_is (tok, "svg")
         || (tok->name_len > 4 && memcmp (tok->name + tok->name_len - 4, ":svg", 4) == 0);
}

/* Finds attribute @attr in a start tag; returns the raw (still escaped)
 * value span, or FALSE. */
static gboolean
tok_find_attribute (const Token *tok, const char *attr,
                    const char **value, gsize *value_len)
{
  const char *p = tok->name + tok->name_len;
  const char *end = tok->end - 1;
  gsize alen = strlen (attr);

  while (p < end)
    {
      const char *name;
      gsize name_len;
      char quote;
      const char *v;

      while (p < end && g_ascii_isspace (*p))
        p++;
      name = p;
      while (p < end && is_name_char (*p))
        p++;
      name_len = p - name;
      if (name_len == 0)
        return FALSE;
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p >= end || *p != '=')
        return FALSE;
      p++;
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p >= end || (*p != '"' && *p != '\''))
        return FALSE;
      quote = *p++;
      v = p;
      p = memchr (p, quote, end - p);
      if (p == NULL)
        return FALSE;
      if (name_len == alen && memcmp (name, attr, alen) == 0)
        {
          *value = v;
          *value_len = p - v;
          return TRUE;
        }
      p++;
    }
  return FALSE;
}

/* XML character data: the five predefined entities and character
 * references; anything else (a DTD-defined entity) is refused. */
static gboolean
xml_unescape_append (GString *out, const char *p, const char *end)
{
  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *semi;

      if (amp == NULL)
        {
          g_string_append_len (out, p, end - p);
          return TRUE;
        }
      g_string_append_len (out, p, amp - p);
      semi = memchr (amp, ';', MIN (end - amp, 12));
      if (semi == NULL)
        return FALSE;
      if (semi - amp == 3 && memcmp (amp, "&lt", 3) == 0)
        g_string_append_c (out, '<');
      else if (semi - amp == 3 && memcmp (amp, "&gt", 3) == 0)
        g_string_append_c (out, '>');
      else if (semi - amp == 4 && memcmp (amp, "&amp", 4) == 0)
        g_string_append_c (out, '&');
      else if (semi - amp == 5 && memcmp (amp, "&quot", 5) == 0)
        g_string_append_c (out, '"');
      else if (semi - amp == 5 && memcmp (amp, "&apos", 5) == 0)
        g_string_append_c (out, '\'');
      else if (semi - amp >= 3 && amp[1] == '#')
        {
          g_autofree char *num = g_strndup (amp + 2, semi - amp - 2);
          guint64 cp;
          char *endp;

          if (num[0] == 'x')
            cp = g_ascii_strtoull (num + 1, &endp, 16);
          else
            cp = g_ascii_strtoull (num, &endp, 10);
          if (*endp != '\0' || cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return FALSE;
          g_string_append_unichar (out, (gunichar) cp);
        }
      else
        return FALSE;
      p = semi + 1;
    }
  return TRUE;
}

typedef struct {
  BakedKind   kind;
  const char *start;          /* the whole element, start tag to end tag */
  const char *end;
  const char *content;        /* between the tags */
  const char *content_end;
  Token       start_tag;
} SvgBaked;

typedef struct {
  Token    root;              /* the <svg> start (or empty) tag */
  GArray  *baked;             /* SvgBaked */
} SvgDoc;

static void
svg_doc_clear (SvgDoc *doc)
{
  g_clear_pointer (&doc->baked, g_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SvgDoc, svg_doc_clear)

static void
set_svg_malformed_error (GError **error)
{
  g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE,
                       _("This SVG image is malformed: a tag, comment or section is not closed."));
}

static gboolean
svg_parse (const char *svg, gsize len, SvgDoc *doc, GError **error)
{
  Scanner s = { svg, svg + len };
  Token tok;
  gboolean malformed, have_root = FALSE;

  doc->baked = g_array_new (FALSE, FALSE, sizeof (SvgBaked));

  if (!check_file_size (len, error))
    return FALSE;
  if (!g_utf8_validate_len (svg, len, NULL))
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE,
                           _("This SVG image is not UTF-8 text."));
      return FALSE;
    }
  if (len >= 3 && memcmp (s.pos, "\xef\xbb\xbf", 3) == 0)
    s.pos += 3;

  while (scanner_next (&s, &tok, &malformed))
    {
      BakedKind kind = BAKED_NONE;

      if (!have_root)
        {
          if (tok.kind == TOK_START || tok.kind == TOK_EMPTY)
            {
              if (!tok_is_svg_root (&tok))
                break;
              doc->root = tok;
              have_root = TRUE;
            }
          else if (tok.kind != TOK_OTHER
                   && !(tok.kind == TOK_TEXT && is_blank (tok.start, tok.end)))
            break;
          continue;
        }

      if (tok.kind != TOK_START && tok.kind != TOK_EMPTY)
        continue;
      if (tok_name_is (&tok, "openbadges:credential"))
        kind = BAKED_OB3;
      else if (tok_name_is (&tok, "openbadges:assertion"))
        kind = BAKED_OB2;
      if (kind == BAKED_NONE)
        continue;

      {
        SvgBaked b = { kind, tok.start, tok.end, tok.end, tok.end, tok };

        if (tok.kind == TOK_START)
          {
            Token inner;

            /* Content runs to the matching end tag; CDATA is one token, so
             * a closing tag written inside the JSON does not end it. */
            for (;;)
              {
                if (!scanner_next (&s, &inner, &malformed))
                  {
                    set_svg_malformed_error (error);
                    return FALSE;
                  }
                if (inner.kind == TOK_END && inner.name_len == tok.name_len
                    && memcmp (inner.name, tok.name, tok.name_len) == 0)
                  break;
                if (inner.kind == TOK_START || inner.kind == TOK_END)
                  {
                    /* Nested elements inside a baked credential: not ours. */
                    set_svg_malformed_error (error);
                    return FALSE;
                  }
              }
            b.content_end = inner.start;
            b.end = inner.end;
          }
        g_array_append_val (doc->baked, b);
      }
    }

  if (malformed)
    {
      set_svg_malformed_error (error);
      return FALSE;
    }
  if (!have_root)
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE,
                           _("This file is not an SVG image: it has no <svg> element."));
      return FALSE;
    }
  return TRUE;
}

static void
append_cdata (GString *out, const char *text)
{
  const char *p = text, *q;

  /* "]]>" cannot appear inside CDATA: close the section between "]]" and ">". */
  g_string_append (out, "<![CDATA[");
  while ((q = strstr (p, "]]>")) != NULL)
    {
      g_string_append_len (out, p, q + 2 - p);
      g_string_append (out, "]]><![CDATA[");
      p = q + 2;
    }
  g_string_append (out, p);
  g_string_append (out, "]]>");
}

GBytes *
jln_bake_svg (GBytes *svg, const char *credential_json, GError **error)
{
  g_auto(SvgDoc) doc = { 0 };
  const char *in, *pos, *value;
  gsize in_len, json_len, value_len;
  gboolean empty_root;
  const char *tag_close;
  GString *out;

  g_return_val_if_fail (svg != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_credential_text (credential_json, &json_len, error))
    return NULL;
  in = g_bytes_get_data (svg, &in_len);
  if (in == NULL)
    in = "";
  if (!svg_parse (in, in_len, &doc, error))
    return NULL;

  out = g_string_sized_new (in_len + json_len + 256);
  empty_root = doc.root.kind == TOK_EMPTY;
  tag_close = doc.root.end - (empty_root ? 2 : 1);

  /* The root start tag, with the namespace declared once and right. */
  if (tok_find_attribute (&doc.root, "xmlns:openbadges", &value, &value_len))
    {
      g_string_append_len (out, in, value - in);
      g_string_append (out, JLN_BAKE_SVG_NAMESPACE_OB3);
      g_string_append_len (out, value + value_len, tag_close - (value + value_len));
    }
  else
    {
      const char *before = tag_close;

      /* Keep "<svg a='b' />" tidy: insert before trailing blanks. */
      while (before > doc.root.name && g_ascii_isspace (before[-1]))
        before--;
      g_string_append_len (out, in, before - in);
      g_string_append (out, " xmlns:openbadges=\"" JLN_BAKE_SVG_NAMESPACE_OB3 "\"");
      g_string_append_len (out, before, tag_close - before);
    }
  g_string_append_c (out, '>');

  g_string_append (out, "<openbadges:credential>");
  append_cdata (out, credential_json);
  g_string_append (out, "</openbadges:credential>");

  /* The rest, without any earlier baked credential. */
  pos = doc.root.end;
  for (guint i = 0; i < doc.baked->len; i++)
    {
      const SvgBaked *b = &g_array_index (doc.baked, SvgBaked, i);

      g_string_append_len (out, pos, b->start - pos);
      pos = b->end;
    }
  if (empty_root)
    {
      g_string_append (out, "</");
      g_string_append_len (out, doc.root.name, doc.root.name_len);
      g_string_append_c (out, '>');
    }
  g_string_append_len (out, pos, in + in_len - pos);

  return g_string_free_to_bytes (out);
}

static char *
svg_baked_payload (const SvgBaked *b, GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  Scanner s = { b->content, b->content_end };
  Token tok;
  gboolean malformed;
  char *stripped;

  while (scanner_next (&s, &tok, &malformed))
    {
      if (tok.kind == TOK_CDATA)
        g_string_append_len (text, tok.start + 9, tok.end - 3 - (tok.start + 9));
      else if (tok.kind == TOK_TEXT)
        {
          if (!xml_unescape_append (text, tok.start, tok.end))
            {
              g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE,
                                   _("The credential baked into this SVG image uses an unknown XML entity."));
              return NULL;
            }
        }
      if (text->len > JLN_BAKE_MAX_PAYLOAD_SIZE)
        break;
    }
  if (text->len > JLN_BAKE_MAX_PAYLOAD_SIZE)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_TOO_LARGE,
                   _("The credential baked into this image is too large (more than %d MiB)."),
                   JLN_BAKE_MAX_PAYLOAD_SIZE / (1024 * 1024));
      return NULL;
    }

  stripped = g_strstrip (text->str);
  if (*stripped == '\0')
    {
      const char *value;
      gsize value_len;

      /* A hosted OB 2.0 assertion: only its URL is baked; an OB 3.0 VC-JWT
       * sits in the same attribute. */
      g_string_truncate (text, 0);
      /* Appending may move text->str: stripped pointed into the old one. */
      stripped = text->str;
      if (tok_find_attribute (&b->start_tag, "verify", &value, &value_len))
        {
          if (!xml_unescape_append (text, value, value + value_len))
            {
              g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE,
                                   _("The credential baked into this SVG image uses an unknown XML entity."));
              return NULL;
            }
          stripped = g_strstrip (text->str);
        }
    }
  if (*stripped == '\0')
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_NOT_FOUND,
                           _("The credential element in this SVG image is empty."));
      return NULL;
    }
  return g_strdup (stripped);
}

static JlnBakedCredential *
extract_svg (const char *svg, gsize len, GError **error)
{
  g_auto(SvgDoc) doc = { 0 };
  const SvgBaked *b;
  char *payload;

  if (!svg_parse (svg, len, &doc, error))
    return NULL;
  if (doc.baked->len > 1)
    {
      set_two_credentials_error (error);
      return NULL;
    }
  if (doc.baked->len == 0)
    {
      set_not_found_error (error);
      return NULL;
    }
  b = &g_array_index (doc.baked, SvgBaked, 0);
  payload = svg_baked_payload (b, error);
  if (payload == NULL)
    return NULL;
  return baked_new (JLN_BAKED_FORMAT_SVG, b->kind == BAKED_OB3 ? 3 : 2, payload);
}

/* -------------------------------------------------------------------- JSON */

static gboolean
has_any_type (JsonObject *object, const char *const *types)
{
  for (guint i = 0; types[i] != NULL; i++)
    if (jln_ob_json_has_type (object, types[i]))
      return TRUE;
  return FALSE;
}

/* "@context" may be a string or a list (of strings and objects). */
static gboolean
json_value_has_string (JsonNode *node, const char *const *wanted)
{
  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strv_contains (wanted, json_node_get_string (node));
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (json_value_has_string (json_array_get_element (array, i), wanted))
          return TRUE;
    }
  return FALSE;
}

static JlnBakedCredential *
extract_json (const char *text, gsize len, GError **error)
{
  static const char *const ob3_contexts[] = {
    "https://www.w3.org/ns/credentials/v2",
    "https://www.w3.org/2018/credentials/v1",
    NULL
  };
  static const char *const ob3_types[] = {
    "OpenBadgeCredential", "AchievementCredential", "VerifiableCredential", NULL
  };
  static const char *const ob2_contexts[] = {
    "https://w3id.org/openbadges/v2", "https://w3id.org/openbadges/v1",
    "https://openbadgespec.org/v2/context.json", NULL
  };
  static const char *const ob2_types[] = { "Assertion", NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  int version;

  if (!check_file_size (len, error))
    return NULL;
  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      len -= 3;
    }
  /* The strict front door refuses what json-glib would not hold exactly. */
  root = jln_ob_parse_json (text, len, error);
  if (root == NULL)
    return NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_JSON,
                           _("This JSON file is not a credential: it must hold one JSON object."));
      return NULL;
    }
  obj = json_node_get_object (root);
  if (json_value_has_string (json_object_get_member (obj, "@context"), ob3_contexts)
      || has_any_type (obj, ob3_types))
    version = 3;
  else if (json_value_has_string (json_object_get_member (obj, "@context"), ob2_contexts)
           || has_any_type (obj, ob2_types)
           /* OB 1.0 (older Moodle): no context, but these three */
           || (json_object_has_member (obj, "uid") && json_object_has_member (obj, "badge")
               && json_object_has_member (obj, "recipient")))
    version = 2;
  else
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_CREDENTIAL,
                           _("This JSON file is not an Open Badge: it has neither an Open Badges nor a Verifiable Credentials context."));
      return NULL;
    }
  return baked_new (JLN_BAKED_FORMAT_JSON, version, g_strndup (text, len));
}

/* ----------------------------------------------------------------- sniffing */

gboolean
jln_bake_sniff (GBytes *file, JlnBakedFormat *out_format)
{
  const char *data;
  gsize len, i = 0;

  g_return_val_if_fail (file != NULL, FALSE);

  data = g_bytes_get_data (file, &len);
  if (len >= sizeof png_signature && memcmp (data, png_signature, sizeof png_signature) == 0)
    {
      if (out_format)
        *out_format = JLN_BAKED_FORMAT_PNG;
      return TRUE;
    }
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i == len)
    return FALSE;
  if (data[i] == '<')
    {
      if (out_format)
        *out_format = JLN_BAKED_FORMAT_SVG;
      return TRUE;
    }
  if (data[i] == '{' || data[i] == '[')
    {
      if (out_format)
        *out_format = JLN_BAKED_FORMAT_JSON;
      return TRUE;
    }
  return FALSE;
}

JlnBakedCredential *
jln_bake_extract (GBytes *file, GError **error)
{
  JlnBakedFormat format;
  const char *data;
  gsize len;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (file, &len);
  if (len == 0)
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_INVALID_IMAGE,
                           _("This file is empty."));
      return NULL;
    }
  if (!check_file_size (len, error))
    return NULL;
  if (!jln_bake_sniff (file, &format))
    {
      g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED,
                           _("This file is neither a PNG or SVG badge image nor a JSON credential."));
      return NULL;
    }

  switch (format)
    {
    case JLN_BAKED_FORMAT_PNG:
      return extract_png ((const guint8 *) data, len, error);
    case JLN_BAKED_FORMAT_SVG:
      return extract_svg (data, len, error);
    case JLN_BAKED_FORMAT_JSON:
    default:
      return extract_json (data, len, error);
    }
}

GBytes *
jln_bake (GBytes *image, const char *credential_json, GError **error)
{
  JlnBakedFormat format;

  g_return_val_if_fail (image != NULL, NULL);

  if (jln_bake_sniff (image, &format))
    {
      if (format == JLN_BAKED_FORMAT_PNG)
        return jln_bake_png (image, credential_json, error);
      if (format == JLN_BAKED_FORMAT_SVG)
        return jln_bake_svg (image, credential_json, error);
    }
  g_set_error_literal (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED,
                       _("Only PNG and SVG images can carry a credential."));
  return NULL;
}
