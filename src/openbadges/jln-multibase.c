/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jln-ob"

#include <glib/gi18n.h>
#include <string.h>

#include "jln-multibase.h"
#include "jln-ob-error.h"

/* Signatures and keys are small; a bound keeps a hostile proofValue from
 * costing quadratic time in the base58 decoder. */
#define MAX_BASE58_CHARS 4096

static const char b58_alphabet[] =
  "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

char *
jln_base58btc_encode (const guint8 *data, gsize len)
{
  gsize zeros = 0, size, high, i;
  g_autofree guint8 *digits = NULL;
  GString *out;

  while (zeros < len && data[zeros] == 0)
    zeros++;

  /* log(256) / log(58) ≈ 1.366 */
  size = (len - zeros) * 138 / 100 + 1;
  digits = g_malloc0 (size);
  high = size;

  for (i = zeros; i < len; i++)
    {
      guint carry = data[i];
      gsize j = size;

      while (j > 0 && (j > high || carry != 0))
        {
          j--;
          carry += 256u * digits[j];
          digits[j] = carry % 58;
          carry /= 58;
        }
      high = j;
    }

  for (i = 0; i < size && digits[i] == 0; i++)
    ;

  out = g_string_sized_new (zeros + size - i + 1);
  for (gsize z = 0; z < zeros; z++)
    g_string_append_c (out, '1');
  for (; i < size; i++)
    g_string_append_c (out, b58_alphabet[digits[i]]);
  return g_string_free (out, FALSE);
}

static int
b58_value (char c)
{
  const char *p;

  if (c == '\0')
    return -1;
  p = strchr (b58_alphabet, c);
  return p ? (int) (p - b58_alphabet) : -1;
}

guint8 *
jln_base58btc_decode (const char *text, gsize *out_len, GError **error)
{
  gsize len, zeros = 0, size, high, i;
  g_autofree guint8 *bytes = NULL;
  guint8 *out;

  g_return_val_if_fail (text != NULL, NULL);

  len = strlen (text);
  if (len > MAX_BASE58_CHARS)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_TOO_LARGE,
                   _("An encoded value is too long to be a key or a signature."));
      return NULL;
    }

  while (zeros < len && text[zeros] == '1')
    zeros++;

  /* log(58) / log(256) ≈ 0.733 */
  size = (len - zeros) * 733 / 1000 + 1;
  bytes = g_malloc0 (size);
  high = size;

  for (i = zeros; i < len; i++)
    {
      int v = b58_value (text[i]);
      guint carry;
      gsize j = size;

      if (v < 0)
        {
          g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO,
                       _("An encoded value contains a character that is not base58 (“%c”)."),
                       g_ascii_isprint (text[i]) ? text[i] : '?');
          return NULL;
        }
      carry = (guint) v;
      while (j > 0 && (j > high || carry != 0))
        {
          j--;
          carry += 58u * bytes[j];
          bytes[j] = carry & 0xff;
          carry >>= 8;
        }
      high = j;
    }

  for (i = 0; i < size && bytes[i] == 0; i++)
    ;

  out = g_malloc0 (zeros + (size - i) + 1);
  memcpy (out + zeros, bytes + i, size - i);
  *out_len = zeros + (size - i);
  return out;
}

static const char b64url_alphabet[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

char *
jln_base64url_encode (const guint8 *data, gsize len)
{
  GString *out = g_string_sized_new (len * 4 / 3 + 4);
  gsize i;

  for (i = 0; i + 2 < len; i += 3)
    {
      guint32 v = ((guint32) data[i] << 16) | ((guint32) data[i + 1] << 8) | data[i + 2];

      g_string_append_c (out, b64url_alphabet[(v >> 18) & 63]);
      g_string_append_c (out, b64url_alphabet[(v >> 12) & 63]);
      g_string_append_c (out, b64url_alphabet[(v >> 6) & 63]);
      g_string_append_c (out, b64url_alphabet[v & 63]);
    }
  if (len - i == 1)
    {
      guint32 v = (guint32) data[i] << 16;

      g_string_append_c (out, b64url_alphabet[(v >> 18) & 63]);
      g_string_append_c (out, b64url_alphabet[(v >> 12) & 63]);
    }
  else if (len - i == 2)
    {
      guint32 v = ((guint32) data[i] << 16) | ((guint32) data[i + 1] << 8);

      g_string_append_c (out, b64url_alphabet[(v >> 18) & 63]);
      g_string_append_c (out, b64url_alphabet[(v >> 12) & 63]);
      g_string_append_c (out, b64url_alphabet[(v >> 6) & 63]);
    }
  return g_string_free (out, FALSE);
}

static int
b64url_value (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '-')
    return 62;
  if (c == '_')
    return 63;
  return -1;
}

guint8 *
jln_base64url_decode (const char *text, gsize *out_len, GError **error)
{
  gsize len, i, o = 0;
  guint32 acc = 0;
  int bits = 0;
  guint8 *out;

  g_return_val_if_fail (text != NULL, NULL);

  len = strlen (text);
  while (len > 0 && text[len - 1] == '=')
    len--;
  if (len % 4 == 1)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO,
                   _("An encoded value has an impossible length for base64url."));
      return NULL;
    }

  out = g_malloc (len * 3 / 4 + 1);
  for (i = 0; i < len; i++)
    {
      int v = b64url_value (text[i]);

      if (v < 0)
        {
          g_free (out);
          g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO,
                       _("An encoded value contains a character that is not base64url."));
          return NULL;
        }
      acc = (acc << 6) | (guint32) v;
      bits += 6;
      if (bits >= 8)
        {
          bits -= 8;
          out[o++] = (acc >> bits) & 0xff;
        }
    }
  out[o] = 0;
  *out_len = o;
  return out;
}

char *
jln_multibase_encode (JlnMultibase base, const guint8 *data, gsize len)
{
  g_autofree char *body = NULL;

  switch (base)
    {
    case JLN_MULTIBASE_BASE58BTC:
      body = jln_base58btc_encode (data, len);
      break;
    case JLN_MULTIBASE_BASE64URL:
      body = jln_base64url_encode (data, len);
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  return g_strdup_printf ("%c%s", (char) base, body);
}

guint8 *
jln_multibase_decode (const char *text, gsize *out_len, GError **error)
{
  g_return_val_if_fail (text != NULL, NULL);

  switch (text[0])
    {
    case 'z':
      return jln_base58btc_decode (text + 1, out_len, error);
    case 'u':
      return jln_base64url_decode (text + 1, out_len, error);
    case '\0':
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO,
                   _("An encoded value is empty."));
      return NULL;
    default:
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_UNSUPPORTED,
                   _("An encoded value uses an unsupported multibase prefix “%c” (expected “z” or “u”)."),
                   g_ascii_isprint (text[0]) ? text[0] : '?');
      return NULL;
    }
}

char *
jln_hex_encode (const guint8 *data, gsize len)
{
  static const char digits[] = "0123456789abcdef";
  char *out = g_malloc (len * 2 + 1);

  for (gsize i = 0; i < len; i++)
    {
      out[2 * i] = digits[data[i] >> 4];
      out[2 * i + 1] = digits[data[i] & 15];
    }
  out[len * 2] = '\0';
  return out;
}

guint8 *
jln_hex_decode (const char *text, gsize *out_len, GError **error)
{
  gsize len = strlen (text);
  guint8 *out;

  if (len % 2 != 0)
    {
      g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO,
                   _("A hexadecimal value has an odd number of digits."));
      return NULL;
    }
  out = g_malloc (len / 2 + 1);
  for (gsize i = 0; i < len / 2; i++)
    {
      int hi = g_ascii_xdigit_value (text[2 * i]);
      int lo = g_ascii_xdigit_value (text[2 * i + 1]);

      if (hi < 0 || lo < 0)
        {
          g_free (out);
          g_set_error (error, JLN_OB_ERROR, JLN_OB_ERROR_CRYPTO,
                       _("A hexadecimal value contains a character that is not a hex digit."));
          return NULL;
        }
      out[i] = (guint8) (hi << 4 | lo);
    }
  *out_len = len / 2;
  return out;
}
